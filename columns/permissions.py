"""Who may moderate which comments: editors, reviewers and approvers of the article's unit
or of any unit above it."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from organisation.models import Role, Unit, UnitRole

MODERATOR_ROLES = [Role.EDITOR, Role.REVIEWER, Role.APPROVER]
# Readers write comments on the public site; nobody adds them in the admin.
MODERATION_ACTIONS = {"change", "delete", "view"}


def moderated_units(user):
    return Unit.objects.for_user(user, MODERATOR_ROLES)


def is_moderator(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_columns_is_moderator", None)
    if cached is None:
        cached = UnitRole.objects.filter(user=user, role__in=MODERATOR_ROLES).exists()
        user._columns_is_moderator = cached
    return cached


class CommentPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return action in MODERATION_ACTIONS and is_moderator(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not MODERATION_ACTIONS.intersection(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(unit_roles__role__in=MODERATOR_ROLES), is_active=True
            )
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and moderated_units(user).filter(pk=instance.page.unit_id).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return self.model.objects.filter(page__unit__in=moderated_units(user))
