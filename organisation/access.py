"""What a user's roles let them reach, read once per request.

A role held in a unit reaches that unit and everything below it. The permission tester, the
review steps and the listings all ask the same question ("does this user hold role R over unit
U?"), often many times in one request, so the answer is built from one query of the user's roles
and cached on the user object, as Wagtail caches its own page permissions.
"""

from django.apps import apps
from django.db.models import Q

from .models import Role, Unit, UnitOwned, UnitRole

# Roles that concern pages; a member manager sees no drafts.
PAGE_ROLES = (Role.EDITOR, Role.REVIEWER, Role.APPROVER)
# Roles whose holders may write a page for a unit (choose it as the owning unit).
WRITING_ROLES = (Role.EDITOR, Role.APPROVER)

_CACHE_ATTR = "_unit_access"


class UnitAccess:
    """The paths of the units where a user holds each role."""

    def __init__(self, user):
        self.user = user
        self.active = bool(user and user.is_authenticated and user.is_active)
        self.is_superuser = self.active and user.is_superuser
        self.paths = {}
        self._unit_paths = None
        if self.active and not self.is_superuser:
            for role, path in UnitRole.objects.filter(user=user).values_list("role", "unit__path"):
                self.paths.setdefault(role, set()).add(path)

    def unit_path(self, unit_id):
        """The path of a unit by id, from one query of all units per request (a union has
        tens of units, and listings ask for many pages' units)."""
        if self._unit_paths is None:
            self._unit_paths = dict(Unit.objects.values_list("pk", "path"))
        return self._unit_paths.get(unit_id, "")

    def reaches_unit_id(self, unit_id, *roles):
        """Like `reaches`, for a unit known by id only."""
        if self.is_superuser:
            return True
        if unit_id is None or not self.holds_any(*roles):
            return False
        path = self.unit_path(unit_id)
        return bool(path) and any(
            path.startswith(held) for role in roles for held in self.paths.get(role, ())
        )

    def holds_any(self, *roles):
        return self.is_superuser or any(self.paths.get(role) for role in roles)

    def reaches(self, unit, *roles):
        """True when the user holds one of ``roles`` in ``unit`` or above it."""
        if self.is_superuser:
            return True
        if unit is None or not unit.path:
            return False
        return any(
            unit.path.startswith(path) for role in roles for path in self.paths.get(role, ())
        )

    def units(self, *roles):
        """The units the user reaches with one of ``roles`` (a queryset)."""
        if not self.active:
            return Unit.objects.none()
        if self.is_superuser:
            return Unit.objects.all()
        paths = {path for role in roles for path in self.paths.get(role, ())}
        if not paths:
            return Unit.objects.none()
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        return Unit.objects.filter(condition)


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
    """Every concrete page type that a unit owns (articles, documents, ...)."""
    from wagtail.models import Page

    return [
        model
        for model in apps.get_models()
        if issubclass(model, UnitOwned) and issubclass(model, Page) and not model._meta.abstract
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
    live and belong to a unit none of the user's page roles reach."""
    access = access_for(user)
    if access.is_superuser:
        return Q(pk__in=[])
    visible = access.units(*PAGE_ROLES)
    condition = Q(pk__in=[])
    for model in unit_owned_page_models():
        condition |= Q(
            pk__in=model.objects.filter(live=False).exclude(unit__in=visible).values("pk")
        )
    return condition


def without_hidden_drafts(pages, user):
    """``pages`` (a queryset of any page type) minus the drafts ``user`` must not see."""
    return pages.exclude(hidden_drafts(user))
