"""The progress report as the office uses it: from a unit's "not yet updated" figure, one
click to exactly those members; the share counts the same members."""

import re
from html import unescape

import pytest
from django.urls import reverse

from members.choices import Status
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def a1_register(tree):
    """Chapter A1: two active members not updated, one updated, one transferred and one come
    of age (neither counts any more, updated or not); B1: one active member not updated."""
    return {
        "todo": [
            MemberFactory(full_name="Lò Thị Mai", chapter=tree.a1),
            MemberFactory(full_name="Quàng Văn Tú", chapter=tree.a1),
        ],
        "done": MemberFactory(full_name="Cà Thị Hoa", chapter=tree.a1, app_updated=True),
        "gone": [
            MemberFactory(full_name="Sùng A Chứ", chapter=tree.a1, status=Status.TRANSFERRED),
            MemberFactory(
                full_name="Giàng Thị Dua",
                chapter=tree.a1,
                status=Status.GRADUATED,
                app_updated=True,
            ),
        ],
        "b1": MemberFactory(full_name="Vàng A Páo", chapter=tree.b1),
    }


def not_updated_links(page):
    return {
        unescape(href): int(count)
        for href, count in re.findall(
            r'<a href="([^"]*app_updated=false[^"]*)"[^>]*>(\d+)</a>', page
        )
    }


@pytest.mark.parametrize("person", ["member_manager", "editor_a1", "reviewer_fed1", "approver"])
def test_not_updated_figure_links_to_exactly_those_members(
    client, tree, people, a1_register, person
):
    client.force_login(getattr(people, person))
    response = client.get(reverse("members:progress"))
    links = not_updated_links(response.content.decode())
    a1_link = next(href for href in links if f"unit={tree.a1.pk}" in href)
    assert links[a1_link] == 2
    # The share counts the same members: 1 updated of 3 active, not 2 of 5.
    a1_row = next(row for row in response.context["rows"] if row.unit == tree.a1)
    assert (a1_row.updated, a1_row.active, a1_row.share) == (1, 3, 33)
    listing = client.get(a1_link).content.decode()
    for member in a1_register["todo"]:
        assert member.full_name in listing
    for member in [a1_register["done"], *a1_register["gone"], a1_register["b1"]]:
        assert member.full_name not in listing


def test_no_link_to_another_units_members(client, tree, people, a1_register):
    client.force_login(people.reviewer_fed1)
    page = client.get(reverse("members:progress")).content.decode()
    assert not any(f"unit={tree.b1.pk}" in href for href in not_updated_links(page))
    # A hand-made link to the other unit shows none of its members.
    listing = client.get(
        reverse("members:index"), {"unit": tree.b1.pk, "status": "active", "app_updated": "false"}
    ).content.decode()
    assert "Vàng A Páo" not in listing


def test_total_links_to_every_unit_of_the_user(client, tree, people, a1_register):
    client.force_login(people.approver)
    page = client.get(reverse("members:progress")).content.decode()
    total = next(href for href in not_updated_links(page) if "unit=" not in href)
    listing = client.get(total).content.decode()
    assert "Vàng A Páo" in listing and "Lò Thị Mai" in listing and "Cà Thị Hoa" not in listing


def test_dashboard_panel_links_too(client, tree, people, a1_register):
    client.force_login(people.editor_a1)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert any(f"unit={tree.a1.pk}" in href for href in not_updated_links(page))
