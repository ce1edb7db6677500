"""Bulk actions on the member list, driven as the office would: tick members, pick an action
in the footer, confirm, see the result. Every role of the `people` fixture against each
action, on its own units and on another's; all or nothing."""

import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from members.importing import EXPORT_ACTION, EXPORT_HEADERS
from members.models import Member
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "superuser",
    "member_manager",
    "editor_a1",
    "editor_b1",
    "reviewer_fed1",
    "reviewer_fed2",
    "approver",
    "nobody",
]


def bulk_url(action, *members, next_url=None):
    query = [("id", member.pk) for member in members]
    query.append(("next", next_url or reverse("members:index")))
    return (
        reverse("wagtail_bulk_action", args=["members", "member", action]) + "?" + urlencode(query)
    )


@pytest.fixture
def pair(tree):
    """Two members of chapter A1 (LCĐ I)."""
    return [
        MemberFactory(code="A1X", full_name="Lò Thị Mai", chapter=tree.a1),
        MemberFactory(code="A1Y", full_name="Quàng Văn Tú", chapter=tree.a1),
    ]


def refused(response):
    """Wagtail answers a refused admin action by sending the user to the dashboard with a
    message (or to the login page when they have no admin access)."""
    return response.status_code == 403 or (
        response.status_code == 302 and not response["Location"].startswith("/admin/members/")
    )


def chapters_of(*members):
    return {Member.objects.get(pk=member.pk).chapter.code for member in members}


# ---------------------------------------------------------------- the listing


def test_listing_offers_the_bulk_actions(client, people, pair):
    client.force_login(people.member_manager)
    page = client.get(reverse("members:index")).content.decode()
    assert page.count("data-bulk-action-checkbox") >= 2
    assert "bulk-actions.js" in page
    for action in ("move", "mark_updated", "unmark_updated", "export"):
        assert reverse("wagtail_bulk_action", args=["members", "member", action]) in page


# ---------------------------------------------------------------- move


def test_manager_moves_two_members_to_another_chapter(client, people, tree, pair):
    client.force_login(people.member_manager)
    url = bulk_url("move", *pair)
    confirmation = client.get(url)
    page = confirmation.content.decode()
    assert "Lò Thị Mai" in page and "Quàng Văn Tú" in page
    # The choices are the chapters the manager may change members in: LCĐ I's.
    choices = set(confirmation.context["form"].fields["chapter"].queryset)
    assert choices == {tree.a1, tree.a2}
    response = client.post(url, {"chapter": tree.a2.pk}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("members:index"))
    assert chapters_of(*pair) == {"A2"}
    assert "2" in [str(m) for m in response.context["messages"]][0]
    entries = ModelLogEntry.objects.filter(action="wagtail.edit", user=people.member_manager)
    assert {entry.object_id for entry in entries} == {str(member.pk) for member in pair}
    # Numbered like a single edit's entry, never the member's name; on the new chapter.
    assert all("Lò" not in entry.label and entry.data["unit"] == "A2" for entry in entries)


def test_move_is_all_or_nothing_outside_scope(client, people, tree, pair):
    outsider = MemberFactory(code="B1X", full_name="Sùng Thị Dua", chapter=tree.b1)
    client.force_login(people.member_manager)
    url = bulk_url("move", *pair, outsider)
    page = client.get(url).content.decode()
    # The outsider is counted, not named; no button to go on.
    assert "Sùng Thị Dua" not in page and "B1X" not in page
    assert 'type="submit"' not in page
    assert refused(client.post(url, {"chapter": tree.a2.pk}))
    assert chapters_of(*pair) == {"A1"} and chapters_of(outsider) == {"B1"}
    assert not ModelLogEntry.objects.filter(action="wagtail.edit").exists()


def test_move_refuses_a_chapter_outside_scope(client, people, tree, pair):
    client.force_login(people.member_manager)
    response = client.post(bulk_url("move", *pair), {"chapter": tree.b1.pk})
    assert response.status_code == 200 and response.context["form"].errors
    assert chapters_of(*pair) == {"A1"}


# Moving A1's pair to A2: who may (both chapters in reach), who is refused the members (403),
# who is refused the target chapter (the form again), and who never reaches the admin.
MOVE = {
    "superuser": "moved",
    "member_manager": "moved",
    "editor_a1": "form",  # A1 is theirs, A2 is not
    "editor_b1": "refused",
    "reviewer_fed1": "refused",  # sees, may not change
    "reviewer_fed2": "refused",
    "approver": "refused",
    "nobody": "refused",  # no admin access: to the login page
}


@pytest.mark.parametrize("person", ROLES)
def test_move_for_every_role(client, people, tree, pair, person):
    client.force_login(getattr(people, person))
    response = client.post(bulk_url("move", *pair), {"chapter": tree.a2.pk})
    expected = MOVE[person]
    if expected == "moved":
        assert response["Location"] == reverse("members:index")
        assert chapters_of(*pair) == {"A2"}
    elif expected == "form":
        assert response.status_code == 200 and response.context["form"].errors
        assert chapters_of(*pair) == {"A1"}
    else:
        assert refused(response) and chapters_of(*pair) == {"A1"}


# ---------------------------------------------------------------- the app flag

MARK = {
    "superuser": True,
    "member_manager": True,
    "editor_a1": True,
    "editor_b1": False,
    "reviewer_fed1": False,
    "reviewer_fed2": False,
    "approver": False,
    "nobody": False,
}


@pytest.mark.parametrize("person", ROLES)
def test_mark_updated_for_every_role(client, people, pair, person):
    client.force_login(getattr(people, person))
    response = client.post(bulk_url("mark_updated", *pair))
    marked = Member.objects.filter(pk__in=[m.pk for m in pair], app_updated=True)
    if MARK[person]:
        assert response["Location"] == reverse("members:index")
        assert marked.count() == 2
        assert {m.app_updated_at for m in marked} == {timezone.localdate()}
        assert ModelLogEntry.objects.filter(action="wagtail.edit").count() == 2
    else:
        assert refused(response) and not marked.exists()
        assert not ModelLogEntry.objects.filter(action="wagtail.edit").exists()


def test_unmark_clears_the_date_and_leaves_the_others_alone(client, people, tree, pair):
    marked, unmarked = pair
    marked.app_updated = True
    marked.save()
    assert Member.objects.get(pk=marked.pk).app_updated_at == timezone.localdate()
    client.force_login(people.editor_a1)
    response = client.post(bulk_url("unmark_updated", *pair), follow=True)
    # The message counts the members it changed, not the selection.
    assert [str(m).strip() for m in response.context["messages"]] == [
        "Đã đánh dấu 1 đoàn viên chưa cập nhật lên ứng dụng."
    ]
    marked.refresh_from_db()
    assert not marked.app_updated and marked.app_updated_at is None
    # Only the member that changed has a history entry.
    entries = ModelLogEntry.objects.filter(action="wagtail.edit")
    assert [entry.object_id for entry in entries] == [str(marked.pk)]


# ---------------------------------------------------------------- export

EXPORT = {
    "superuser": True,
    "member_manager": True,
    "editor_a1": True,
    "editor_b1": False,
    "reviewer_fed1": True,
    "reviewer_fed2": False,
    "approver": True,
    "nobody": False,
}


@pytest.mark.parametrize("person", ROLES)
def test_export_selection_for_every_role(client, people, tree, pair, person):
    MemberFactory(code="A1Z", full_name="Cà Thị Hoa", chapter=tree.a1)  # not selected
    client.force_login(getattr(people, person))
    response = client.post(bulk_url("export", *pair))
    if not EXPORT[person]:
        assert refused(response)
        assert not ModelLogEntry.objects.filter(action=EXPORT_ACTION).exists()
        return
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EXPORT_HEADERS  # the full export's columns
    assert sorted(row[0] for row in rows[1:]) == ["A1X", "A1Y"]
    entry = ModelLogEntry.objects.get(action=EXPORT_ACTION)
    assert entry.data["rows"] == 2 and entry.data["filters"] == {"selection": 2}
    assert "Lò Thị Mai" not in str(entry.data)


def test_export_selection_refuses_a_member_outside_scope(client, people, tree, pair):
    outsider = MemberFactory(code="B1X", chapter=tree.b1)
    client.force_login(people.reviewer_fed1)
    assert refused(client.post(bulk_url("export", *pair, outsider)))
    assert not ModelLogEntry.objects.filter(action=EXPORT_ACTION).exists()


def test_a_record_that_fails_validation_rolls_the_whole_move_back(client, people, tree, pair):
    # A record stored before today's rules (a digit in the name), as old data can be.
    Member.objects.filter(pk=pair[1].pk).update(full_name="Quàng Văn Tú 2")
    client.force_login(people.member_manager)
    response = client.post(bulk_url("move", *pair), {"chapter": tree.a2.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Quàng Văn Tú 2" in page and "Chưa có thay đổi nào được lưu" in page
    assert chapters_of(*pair) == {"A1"}  # the first one too
    assert "Chi đoàn A2" not in page.split("<form")[0]  # the list shows them as they are
    assert not ModelLogEntry.objects.filter(action="wagtail.edit").exists()
