"""What a user's roles let them do, read from the table in ``rules.py`` once per request.

Every question asked in the admin is "may this user do ACTION for unit U?" or "for which units
may they do ACTION?", often many times in one request (a listing asks for each row). The
answers are built from one query of the user's roles, cached on the user object as Wagtail
caches its own page permissions; this is the only cache of permissions in the project.
"""

from django.apps import apps
from django.db.models import Q

from .models import Unit, UnitKind, UnitOwned, UnitRole
from .rules import RULES, Scope

_CACHE_ATTR = "unit_access"


class UnitAccess:
    """The units where a user holds each role, and what the table lets them do there."""

    def __init__(self, user):
        self.user = user
        self.active = bool(user and user.is_authenticated and user.is_active)
        self.is_superuser = self.active and user.is_superuser
        # role → [(path, kind)] of the units where the user holds it
        self.held = {}
        self.unit_paths = None
        if self.active and not self.is_superuser:
            rows = UnitRole.objects.filter(user=user).values_list(
                "role", "unit__path", "unit__kind"
            )
            for role, path, kind in rows:
                self.held.setdefault(role, []).append((path, kind))

    # ------------------------------------------------------------ the table

    def grants(self, action):
        """(scope, path) of each holding that allows ``action``."""
        for role, scope in RULES[action].items():
            for path, kind in self.held.get(role, ()):
                if scope == Scope.SCHOOL and kind != UnitKind.SCHOOL:
                    continue
                yield scope, path

    def allows(self, action):
        """May the user do ``action`` for at least one unit?"""
        if self.is_superuser:
            return True
        return any(True for _grant in self.grants(action))

    def reaches_path(self, action, path):
        if self.is_superuser:
            return True
        if not path:
            return False
        for scope, held in self.grants(action):
            if scope == Scope.OWN and path == held:
                return True
            if scope == Scope.SUBTREE and path.startswith(held):
                return True
            if scope == Scope.SCHOOL:
                return True
        return False

    def reaches(self, action, unit):
        """May the user do ``action`` for ``unit``?"""
        if self.is_superuser:
            return True
        return unit is not None and self.reaches_path(action, unit.path)

    def reaches_unit_id(self, action, unit_id):
        """Like `reaches`, for a unit known by id only (listings ask this for many rows, so
        the paths of all units, tens in a union, are read once per request)."""
        if self.is_superuser:
            return True
        if unit_id is None or not self.allows(action):
            return False
        if self.unit_paths is None:
            self.unit_paths = dict(Unit.objects.values_list("pk", "path"))
        return self.reaches_path(action, self.unit_paths.get(unit_id, ""))

    def condition(self, action, field="path"):
        """A ``Q`` on units (``field`` is the path lookup) matching the units reached."""
        condition = Q(pk__in=[])
        for scope, held in self.grants(action):
            if scope == Scope.SCHOOL:
                return Q()
            if scope == Scope.OWN:
                condition |= Q(**{field: held})
            else:
                condition |= Q(**{f"{field}__startswith": held})
        return condition

    def units_where_held(self, role):
        """The units where the user holds ``role`` and those below: used to address people
        (who is *asked* to review), never to decide what they may do."""
        paths = [path for path, _kind in self.held.get(role, ())]
        if self.is_superuser:
            return Unit.objects.all()
        if not paths:
            return Unit.objects.none()
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(path__startswith=path)
        return Unit.objects.filter(condition)

    def units(self, action):
        """The units the user may do ``action`` for (a queryset)."""
        if not self.active:
            return Unit.objects.none()
        if self.is_superuser:
            return Unit.objects.all()
        if not self.allows(action):
            return Unit.objects.none()
        return Unit.objects.filter(self.condition(action))


def access_for(user):
    """The user's `UnitAccess`, cached on the user for the rest of the request."""
    access = getattr(user, _CACHE_ATTR, None)
    if access is None:
        access = UnitAccess(user)
        if user is not None:
            setattr(user, _CACHE_ATTR, access)
    return access


def forget_access(user):
    """Drop the cached roles (after a role is granted or revoked)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def unit_owned_page_models():
    """Every concrete page type that a unit owns (articles, documents, ...); the app registry
    lists concrete models only."""
    from wagtail.models import Page

    return [
        model
        for model in apps.get_models()
        if issubclass(model, UnitOwned) and issubclass(model, Page)
    ]


def pages_owned_by(units, live=None):
    """A ``Q`` on pages matching pages owned by one of ``units`` (``live`` filters further).

    One subquery per unit-owned page type, so it works on a plain ``Page`` queryset.
    """
    condition = Q(pk__in=[])
    for model in unit_owned_page_models():
        owned = model.objects.filter(unit__in=units)
        if live is not None:
            owned = owned.filter(live=live)
        condition |= Q(pk__in=owned.values("pk"))
    return condition


def hidden_drafts(user):
    """A ``Q`` on pages matching the drafts ``user`` must not see: unit-owned pages that are not
    live and belong to a unit where the table does not let the user see drafts."""
    access = access_for(user)
    if access.is_superuser:
        return Q(pk__in=[])
    visible = access.units("page.see_drafts")
    condition = Q(pk__in=[])
    for model in unit_owned_page_models():
        condition |= Q(
            pk__in=model.objects.filter(live=False).exclude(unit__in=visible).values("pk")
        )
    return condition


def without_hidden_drafts(pages, user):
    """``pages`` (a queryset of any page type) minus the drafts ``user`` must not see."""
    return pages.exclude(hidden_drafts(user))


def may_see_page(user, page_id):
    """Whether the page with ``page_id`` (any page type) is one the user may see in the admin:
    not another unit's draft."""
    from wagtail.models import Page

    return not Page.objects.filter(pk=page_id).filter(hidden_drafts(user)).exists()
