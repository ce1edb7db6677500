import pytest

from organisation.models import Role
from organisation.roles import ROLE_GROUP_NAMES
from tests.factories.organisation import UnitRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def group_names(user):
    return set(user.groups.values_list("name", flat=True))


def test_every_role_group_opens_the_admin():
    from django.contrib.auth.models import Group

    for name in ROLE_GROUP_NAMES.values():
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_granting_and_revoking_a_role_follows_into_groups(tree):
    user = UserFactory()
    role = UnitRoleFactory(user=user, unit=tree.a1, role=Role.EDITOR)
    # The role's group, and the group that may upload to A1's collection (cms/security/uploads).
    editor = ROLE_GROUP_NAMES[Role.EDITOR]
    assert group_names(user) == {editor, "Tải lên: A1 · Chi đoàn A1"}
    assert user.has_perm("wagtailadmin.access_admin")

    second = UnitRoleFactory(user=user, unit=tree.a2, role=Role.EDITOR)
    role.delete()
    assert group_names(user) == {editor, "Tải lên: A2 · Chi đoàn A2"}, "still an editor of A2"
    second.delete()
    assert group_names(user) == set()


def test_moving_a_role_to_another_user_updates_both(tree):
    first, second = UserFactory(), UserFactory()
    role = UnitRoleFactory(user=first, unit=tree.fed1, role=Role.REVIEWER)
    role.user = second
    role.save()
    assert group_names(first) == set()
    assert group_names(second) == {ROLE_GROUP_NAMES[Role.REVIEWER]}


def test_groups_not_managed_by_roles_are_left_alone(tree):
    from django.contrib.auth.models import Group

    user = UserFactory()
    other = Group.objects.create(name="Ban biên tập tạp chí")
    user.groups.add(other)
    UnitRoleFactory(user=user, unit=tree.a1).delete()
    assert group_names(user) == {"Ban biên tập tạp chí"}
