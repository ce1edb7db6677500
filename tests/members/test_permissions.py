"""Who may see, change, import and export which members: every role of the `people` fixture.

Managers and editors (chapter secretaries) change members of their units; reviewers and
approvers see and export their subtree; a user with no role sees nothing.
"""

import pytest
from django.urls import reverse

from members.models import Member
from tests.factories.members import MemberFactory

from .conftest import csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(tree):
    return {
        code: MemberFactory(
            code=code, full_name=f"Lò Văn {code}", chapter=getattr(tree, code.lower())
        )
        for code in ("A1", "A2", "B1", "S1")
    }


# (person, codes visible, codes changeable, may import, may export)
EXPECTED = [
    ("superuser", {"A1", "A2", "B1", "S1"}, {"A1", "A2", "B1", "S1"}, True, True),
    ("member_manager", {"A1", "A2"}, {"A1", "A2"}, True, True),
    ("editor_a1", {"A1"}, {"A1"}, True, True),
    ("editor_b1", {"B1"}, {"B1"}, True, True),
    ("reviewer_fed1", {"A1", "A2"}, set(), False, True),
    ("reviewer_fed2", {"B1"}, set(), False, True),
    ("approver", {"A1", "A2", "B1", "S1"}, set(), False, True),
    ("nobody", set(), set(), False, False),
]


@pytest.mark.parametrize(("person", "visible", "changeable", "imports", "exports"), EXPECTED)
def test_each_role_sees_and_changes_its_units(
    client, people, register, person, visible, changeable, imports, exports
):
    user = getattr(people, person)
    assert set(Member.objects.visible_to(user).values_list("code", flat=True)) == visible
    assert set(Member.objects.manageable_by(user).values_list("code", flat=True)) == changeable
    client.force_login(user)
    listing = client.get(reverse("members:index"))
    if visible:
        page = listing.content.decode()
        for code, member in register.items():
            assert (member.full_name in page) == (code in visible), (person, code)
    else:
        assert listing.status_code == 302  # no member permission: back to the dashboard
    for code, member in register.items():
        status = client.get(reverse("members:edit", args=[member.pk])).status_code
        assert (status == 200) == (code in changeable), (person, code, status)
    assert (client.get(reverse("members:import")).status_code == 200) == imports
    export = client.get(reverse("members:index"), {"export": "csv"})
    assert (export.status_code == 200 and export["Content-Type"].startswith("text/csv")) == exports


@pytest.mark.parametrize(
    ("person", "chapter", "allowed"),
    [
        ("member_manager", "A2", True),
        ("member_manager", "B1", False),
        ("editor_a1", "A1", True),
        ("editor_a1", "A2", False),
        ("approver", "A1", False),
        ("reviewer_fed1", "A1", False),
    ],
)
def test_import_rows_are_limited_to_managed_chapters(people, tree, person, chapter, allowed):
    from members.importing import run_import

    outcome = run_import(
        "x.csv", csv_file({"Chi đoàn": chapter}), user=getattr(people, person), dry_run=False
    )
    assert outcome.written == allowed
    assert Member.objects.filter(code="SV100").exists() == allowed


def test_granting_the_role_is_all_it_takes(client, tree):
    """A new user given the member-manager role in the admin can use the register at once."""
    from organisation.models import Role
    from tests.factories.organisation import UnitRoleFactory, UserFactory

    user = UserFactory(username="new_manager")
    client.force_login(user)
    assert client.get(reverse("members:index")).status_code == 302
    UnitRoleFactory(user=user, unit=tree.b1, role=Role.MEMBER_MANAGER)
    assert client.get(reverse("members:index")).status_code == 200
    assert user.has_perm("members.delete_member") and user.has_perm("members.import_member")
