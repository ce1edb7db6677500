"""What a role in a unit means for Wagtail: which group the holder belongs to.

Granting or revoking a `UnitRole` is all an administrator does; group membership follows
(see `signals.py`). Each group carries the Wagtail permissions of the role; which *units* the
holder may act in is decided from their `UnitRole` rows, not from the group.
"""

from django.contrib.auth.models import Group

from .models import Role, UnitRole

# Group names are data shown in the admin, so they are in Vietnamese.
ROLE_GROUP_NAMES = {
    Role.EDITOR: "Biên tập viên đơn vị",
    Role.REVIEWER: "Người duyệt Liên chi đoàn",
    Role.APPROVER: "Ban Thường vụ Đoàn trường",
    Role.MEMBER_MANAGER: "Quản lý đoàn viên",
}


def role_groups():
    """The groups of every role, keyed by role, created when missing."""
    return {
        role: Group.objects.get_or_create(name=name)[0] for role, name in ROLE_GROUP_NAMES.items()
    }


def sync_user_groups(user):
    """Make the user's role groups match the roles they hold, leaving other groups alone."""
    groups = role_groups()
    held = set(UnitRole.objects.filter(user=user).values_list("role", flat=True))
    wanted = [groups[role] for role in held]
    unwanted = [group for role, group in groups.items() if role not in held]
    user.groups.remove(*unwanted)
    user.groups.add(*wanted)
