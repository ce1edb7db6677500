"""Permission policies, on Wagtail's permission-policy API, for every model whose rights follow
the unit tree. Each reads the table in ``rules.py``; Wagtail's views, menus, listings, buttons,
history and bulk actions ask the policy, and so does our own code (``policy_registry``).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from .access import access_for
from .models import UnitKind
from .rules import RULES, Scope


class UnitScopedPermissionPolicy(BasePermissionPolicy):
    """A model's rights, read from the table rows ``<prefix>.<action>``.

    ``unit_path`` is the lookup from the model to its unit's path (``"chapter__path"`` for a
    member, ``"page__unit__path"`` for a comment); ``unit_of`` gives an instance's unit. Actions
    without a row in the table belong to superusers only.
    """

    def __init__(self, model, prefix, unit_path=None, unit_of=None):
        super().__init__(model)
        self.prefix = prefix
        self.unit_path = unit_path
        self.unit_of = unit_of

    def rule(self, action):
        name = f"{self.prefix}.{action}"
        return name if name in RULES else None

    # ------------------------------------------------------------ anywhere

    def user_has_permission(self, user, action):
        access = access_for(user)
        if access.is_superuser:
            return True
        rule = self.rule(action)
        return bool(rule) and access.allows(rule)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from .models import UnitRole

        condition = Q(is_superuser=True)
        for action in actions:
            rule = self.rule(action)
            for role, scope in RULES.get(rule, {}).items() if rule else ():
                held = UnitRole.objects.filter(role=role)
                if scope == Scope.SCHOOL:
                    held = held.filter(unit__kind=UnitKind.SCHOOL)
                condition |= Q(pk__in=held.values("user"))
        return get_user_model().objects.filter(condition, is_active=True)

    # ------------------------------------------------------------ one instance

    def user_has_permission_for_instance(self, user, action, instance):
        access = access_for(user)
        if access.is_superuser:
            return True
        rule = self.rule(action)
        if not rule or self.unit_of is None:
            return False
        return access.reaches(rule, self.unit_of(instance))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        access = access_for(user)
        objects = self.model.objects.all()
        if access.is_superuser:
            return objects
        condition = Q(pk__in=[])
        for action in actions:
            rule = self.rule(action)
            if rule and self.unit_path and access.allows(rule):
                condition |= access.condition(rule, field=self.unit_path)
        return objects.filter(condition)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def units(self, user, action):
        """The units ``user`` may do ``action`` for (for choosers, filters and forms)."""
        from .models import Unit

        rule = self.rule(action)
        if rule is None:
            access = access_for(user)
            return Unit.objects.all() if access.is_superuser else Unit.objects.none()
        return access_for(user).units(rule)


class SiteWidePermissionPolicy(UnitScopedPermissionPolicy):
    """A model no unit owns (the articles' tags): a right the table gives reaches every
    instance of it."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        objects = self.model.objects.all()
        return objects if self.user_has_any_permission(user, actions) else objects.none()


# One policy per model. Models are named as strings so that this module needs no app but
# its own; each app registers its policy with Wagtail's registry (wagtail_hooks.py / apps.py).
MEMBER_POLICY = UnitScopedPermissionPolicy(
    "members.Member", "member", unit_path="chapter__path", unit_of=lambda member: member.chapter
)
COMMENT_POLICY = UnitScopedPermissionPolicy(
    "columns.Comment",
    "comment",
    unit_path="page__unit__path",
    unit_of=lambda comment: comment.page.unit,
)
# An assignment of a document to a unit: acknowledged and reported on by that unit's editors,
# followed by its reviewers and approvers ("act" and "follow"; handing one out is decided on
# the document's unit, directives/rules.py).
ASSIGNMENT_POLICY = UnitScopedPermissionPolicy(
    "directives.Assignment",
    "assignment",
    unit_path="unit__path",
    unit_of=lambda assignment: assignment.unit,
)
# The tree and the roles in it: administrators only (their rows in the table give no role).
UNIT_POLICY = UnitScopedPermissionPolicy("organisation.Unit", "unit")
UNIT_ROLE_POLICY = UnitScopedPermissionPolicy("organisation.UnitRole", "unitrole")
# The articles' tags are shared by every unit: the school union names them (English names for
# the English pages, spelling); adding and deleting stay with the editors' typing and admins.
TAG_POLICY = SiteWidePermissionPolicy("columns.ArticleTag", "tag")
