"""Vietnamese lists sort by given name (the last word), then the rest: the register's listing,
its name column and its exports do the same."""

import csv
import importlib
import io
import re

import pytest
from django.apps import apps
from django.urls import reverse

from members.models import Member
from members.text import name_sort_key
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

# In the order a Vietnamese class list puts them.
NAMES = [
    "Lò Thị Anh",
    "Cà Thị Ánh",
    "Lò Thị Ánh",
    "Quàng Thị Ân",
    "Lò Văn Bình",
    "Lò Văn Dũng",
    "Lò Văn Đức",
    "Lò Thị Anh Thư",
]


def test_sort_key_follows_the_vietnamese_alphabet():
    shuffled = NAMES[3:] + NAMES[:3]
    assert sorted(shuffled, key=name_sort_key) == NAMES
    # Decomposed (macOS) and composed input sort the same.
    assert name_sort_key("Cà Thị A\u0301nh") == name_sort_key("Cà Thị Ánh")
    # Only lower-case ASCII letters and digits: any database collation orders them alike.
    assert name_sort_key("Lò Thị Ạnh 2").isalnum() and name_sort_key("Lò Thị Ạnh").isascii()


@pytest.fixture
def register(tree):
    return [MemberFactory(full_name=name, chapter=tree.a1) for name in reversed(NAMES)]


def positions(page, names):
    """Where each name stands on the page, matched whole ("Anh" is not "Anh Thư")."""
    return [re.search(rf">\s*{re.escape(name)}\s*<", page).start() for name in names]


def test_listing_sorts_by_given_name_by_default_and_by_the_name_column(client, people, register):
    client.force_login(people.editor_a1)
    page = client.get(reverse("members:index")).content.decode()
    assert positions(page, NAMES) == sorted(positions(page, NAMES))
    page = client.get(reverse("members:index"), {"ordering": "-full_name"}).content.decode()
    assert positions(page, NAMES[::-1]) == sorted(positions(page, NAMES[::-1]))


def test_export_keeps_the_lists_order(client, people, register):
    client.force_login(people.editor_a1)
    response = client.get(reverse("members:index"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == NAMES


def test_renaming_refreshes_the_key_and_the_migration_fills_old_rows(register):
    member = Member.objects.get(full_name="Lò Văn Bình")
    member.full_name = "Lò Văn Anh"
    member.save()
    assert member.sort_name == name_sort_key("Lò Văn Anh")
    Member.objects.update(sort_name="")
    migration = importlib.import_module("members.migrations.0005_member_sort_name")
    migration.fill_sort_names(apps, None)
    assert all(m.sort_name == name_sort_key(m.full_name) for m in Member.objects.all())
