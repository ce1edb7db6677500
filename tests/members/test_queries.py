"""Query budgets: an import, the listing and the progress report cost the same whether
there are a few members or many."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.importing import run_import
from members.progress import progress_for
from organisation.models import Unit
from tests.factories.members import MemberFactory
from tests.factories.organisation import UnitFactory

from .conftest import csv_file, rows

pytestmark = pytest.mark.django_db

# Import of new rows: chapters, the user's units, card owners, existing members, and the
# history entry (whose own checks cost a few); then one INSERT run for every new row
# (executemany), and savepoints.
IMPORT_READS = 8
# A dry run of the same file again: nothing written, no history entry (the user's roles are
# already read for this user object).
REIMPORT_QUERIES = 13


def member_inserts(queries):
    """The member INSERTs; Django logs an executemany as "N times: INSERT …"."""
    insert = 'INSERT INTO "members_member"'
    return [q for q in queries if q["sql"].startswith(insert) or f"times: {insert}" in q["sql"]]


def reads(queries):
    return [q for q in queries if q["sql"].startswith("SELECT")]


@pytest.mark.parametrize("size", [10, 300])
def test_import_queries_do_not_grow_with_rows(tree, people, size, django_assert_num_queries):
    content = csv_file(*rows(size // 2, "A1"), *rows(size // 2, "A2", start=size))
    ContentType.objects.get_for_model(Unit)  # the history entry's lookup, cached per process
    with CaptureQueriesContext(connection) as queries:
        outcome = run_import("q.csv", content, user=people.member_manager, dry_run=False)
    assert outcome.written and outcome.counts()["created"] == size
    assert [q["sql"].split(" times:")[0] for q in member_inserts(queries)] == [str(size)]
    assert len(reads(queries)) == IMPORT_READS
    with django_assert_num_queries(REIMPORT_QUERIES):
        outcome = run_import("q.csv", content, user=people.member_manager, dry_run=True)
    assert outcome.counts()["unchanged"] == size


def test_listing_queries_do_not_grow(client, tree, people):
    client.force_login(people.member_manager)

    def listing_queries(members):
        for number in range(members):
            MemberFactory(chapter=tree.a1 if number % 2 else tree.a2)
        client.get(reverse("members:index"))  # warm per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("members:index")).status_code == 200
        return len(queries)

    few = listing_queries(3)
    many = listing_queries(47)
    assert few == many, (few, many)


@pytest.mark.parametrize("chapters", [1, 25])
def test_progress_costs_two_queries(tree, people, chapters, django_assert_num_queries):
    for number in range(chapters):
        chapter = UnitFactory(code=f"C{number}", name=f"Chi đoàn C{number}", parent=tree.fed2)
        MemberFactory(chapter=chapter, app_updated=number % 2 == 0)
    with django_assert_num_queries(3):  # roles held, units, grouped counts
        rows_, total = progress_for(people.approver)
    assert total.members == chapters
    assert len(rows_) == chapters + 6  # and the tree's two federations and A1, A2, B1, S1
