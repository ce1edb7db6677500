"""The printable register: the list as filtered, within the user's scope, on one page laid out
for A4 landscape with no admin chrome, dates dd/mm/yyyy, the unit, the date and the counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.choices import Status
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(tree):
    return {
        "mai": MemberFactory(
            full_name="Lò Thị Mai",
            chapter=tree.a1,
            date_of_birth=datetime.date(2004, 4, 26),
            phone="0912345678",
        ),
        "hoa": MemberFactory(full_name="Cà Thị Hoa", chapter=tree.a2, app_updated=True),
        "chu": MemberFactory(full_name="Sùng A Chứ", chapter=tree.a1, status=Status.TRANSFERRED),
        "pao": MemberFactory(full_name="Vàng A Páo", chapter=tree.b1),
    }


def test_list_header_links_to_the_print_view_with_its_filters(client, people, tree, register):
    client.force_login(people.member_manager)
    page = client.get(reverse("members:index"), {"status": "active"}).content.decode()
    assert f"{reverse('members:print')}?status=active" in page


def test_print_view_is_the_filtered_list_on_paper(client, people, tree, register):
    client.force_login(people.member_manager)
    response = client.get(reverse("members:print"), {"unit": tree.a1.pk, "status": "active"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Lò Thị Mai" in page
    assert "Cà Thị Hoa" not in page and "Sùng A Chứ" not in page  # other chapter, other status
    assert "26/04/2004" in page  # dd/mm/yyyy, not spelled out
    assert timezone.localdate().strftime("%d/%m/%Y") in page
    assert "Chi đoàn A1" in page  # the unit in the heading
    assert "members/print.css" in page
    # No admin chrome, no script, and no contact details on paper.
    assert "sidebar" not in page and "<script" not in page and "0912345678" not in page


def test_print_view_counts_the_members_listed(client, people, register):
    client.force_login(people.member_manager)
    context = client.get(reverse("members:print")).context
    assert (context["count"], context["active"], context["updated"]) == (3, 2, 1)


def test_print_view_prints_the_first_rows_of_a_long_register(client, people, register, monkeypatch):
    """Beyond the paper's limit only the first rows are read and printed, whatever page of
    the listing the link came from; the counts are still the whole register's."""
    from members.views import MemberPrintView

    monkeypatch.setattr(MemberPrintView, "max_rows", 2)
    client.force_login(people.member_manager)
    response = client.get(reverse("members:print") + "?p=2")
    context = response.context
    assert len(context["members"]) == 2
    assert (context["count"], context["active"], context["updated"]) == (3, 2, 1)
    assert "Chỉ in 2 đoàn viên đầu tiên" in response.content.decode()


@pytest.mark.parametrize(
    ("person", "shown"),
    [
        ("superuser", {"Lò Thị Mai", "Cà Thị Hoa", "Vàng A Páo"}),
        ("member_manager", {"Lò Thị Mai", "Cà Thị Hoa"}),
        ("editor_a1", {"Lò Thị Mai"}),
        ("editor_b1", {"Vàng A Páo"}),
        ("reviewer_fed1", {"Lò Thị Mai", "Cà Thị Hoa"}),
        ("reviewer_fed2", {"Vàng A Páo"}),
        ("approver", {"Lò Thị Mai", "Cà Thị Hoa", "Vàng A Páo"}),
    ],
)
def test_print_view_keeps_to_the_users_units(client, people, tree, register, person, shown):
    client.force_login(getattr(people, person))
    # A hand-made filter on another unit does not widen the list.
    for query in ({}, {"unit": tree.b1.pk}):
        page = client.get(reverse("members:print"), query).content.decode()
        for name in ("Lò Thị Mai", "Cà Thị Hoa", "Vàng A Páo"):
            if name not in shown:
                assert name not in page, (person, name)
    page = client.get(reverse("members:print")).content.decode()
    assert all(name in page for name in shown)


def test_print_view_refuses_users_without_a_member_role(client, people, register):
    client.force_login(people.nobody)
    response = client.get(reverse("members:print"))
    assert response.status_code == 302 and "Lò Thị Mai" not in response.content.decode()
