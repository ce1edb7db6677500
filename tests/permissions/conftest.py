"""People for the permission tests: one user per role × place, plus users holding two roles.

Built from the table's own roles, so a new role gets its users without editing this file.
"""

from types import SimpleNamespace

import pytest

from organisation.models import Role
from organisation.rules import RULES, Scope
from tests.factories.organisation import UnitRoleFactory, UserFactory

# Where a single role is held: a chapter, a federation, the school union.
PLACES = ("a1", "fed1", "school")

# Users with two roles. The first is the bug of issue 14: an editor of chapter A1 who manages
# members for the other federation must not delete A1's members (editors never delete).
MIXED = {
    "editor_a1+manager_fed2": ((Role.EDITOR, "a1"), (Role.MEMBER_MANAGER, "fed2")),
    "editor_b1+manager_fed1": ((Role.EDITOR, "b1"), (Role.MEMBER_MANAGER, "fed1")),
    "reviewer_fed1+editor_b1": ((Role.REVIEWER, "fed1"), (Role.EDITOR, "b1")),
    "manager_a1+approver_fed2": ((Role.MEMBER_MANAGER, "a1"), (Role.APPROVER, "fed2")),
}

HOLDERS = {
    **{f"{role}@{place}": ((role, place),) for role in Role for place in PLACES},
    **MIXED,
    "nobody": (),
}

# Where the object acted on lives: inside the subtree of a1/fed1 holders, and outside it.
TARGETS = ("a1", "b1")


def expected(holdings, action, target, tree):
    """What the table says: may someone holding ``holdings`` do ``action`` in ``target``?"""
    unit = getattr(tree, target)
    for role, place in holdings:
        scope = RULES[action].get(role)
        held = getattr(tree, place)
        if scope == Scope.SUBTREE and unit.is_within(held):
            return True
        if scope == Scope.OWN and unit.pk == held.pk:
            return True
        if scope == Scope.SCHOOL and held.parent_id is None:
            return True
    return False


def expected_anywhere(holdings, action, tree):
    return any(expected(holdings, action, target, tree) for target in ("a1", "a2", "b1", "s1"))


@pytest.fixture
def holder(tree):
    """``holder(name)``: a fresh user holding the roles of ``HOLDERS[name]``."""

    def make(name):
        user = UserFactory(username=name.replace("@", "_at_").replace("+", "_and_")[:150])
        for role, place in HOLDERS[name]:
            UnitRoleFactory(user=user, role=role, unit=getattr(tree, place))
        return SimpleNamespace(user=user, holdings=HOLDERS[name])

    return make
