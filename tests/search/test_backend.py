"""The folding backend, through Wagtail's own search API (what the admin uses too).

Runs on SQLite and, with scripts/with_postgres.sh, on PostgreSQL: one behaviour on both."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from modelsearch.query import Phrase
from wagtail.models import Page

from cms.search.engine import matching_ids

from .conftest import search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(publish):
    return {
        "digital": publish("Chuyển đổi số trong Đoàn trường", "Đoàn viên học kỹ năng số."),
        "ascii": publish("Doan vien tinh nguyen", "doan vien doan vien mua he xanh"),
        "exact": publish("Đoàn viên tiêu biểu", "Bạn Quàng Thị Hạnh được tuyên dương."),
        "table": publish("Bàn về tuổi trẻ"),
        "friend": publish("Bạn và tuổi trẻ"),
        "hanoi": publish("Hà Nội mùa thu", "Tình nguyện ở Hà Nội"),
    }


@pytest.mark.parametrize(
    "query", ["chuyen doi so", "Chuyển đổi số", "CHUYEN DOI SO", "chuyển ĐỔI số"]
)
def test_with_or_without_diacritics_the_same_page_is_found(pages, query):
    assert search(query) == ["Chuyển đổi số trong Đoàn trường"]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("doan vien", "Đoàn viên tiêu biểu"),
        ("Quang Thi Hanh", "Đoàn viên tiêu biểu"),
        ("Ha Noi", "Hà Nội mùa thu"),
        ("ky nang so", "Chuyển đổi số trong Đoàn trường"),
    ],
)
def test_folded_queries_find_the_vietnamese_text(pages, query, title):
    assert title in search(query)


def test_diacritics_in_the_query_change_nothing(pages):
    # The index holds folded words only: typed marks neither narrow nor reorder the results.
    assert search("đoàn viên") == search("doan vien") == search("DOAN VIEN")
    assert set(search("bạn")) == set(search("ban")) >= {"Bàn về tuổi trẻ", "Bạn và tuổi trẻ"}


def test_drafts_are_never_found(publish, pages):
    publish("Bản nháp chuyển đổi số", live=False)
    assert search("chuyen doi so") == ["Chuyển đổi số trong Đoàn trường"]


def test_autocomplete_folds_too_as_the_admin_uses_it(pages):
    assert "Đoàn viên tiêu biểu" in titles(Page.objects.autocomplete("doan vi"))
    assert titles(Page.objects.autocomplete("Đoàn viên tiêu"))[0] == "Đoàn viên tiêu biểu"


def test_phrases_fold(pages):
    assert titles(Page.objects.search(Phrase("doan vien tieu"))) == ["Đoàn viên tiêu biểu"]


@pytest.mark.parametrize("query", ["!!!", "–"])
def test_queries_without_words_find_nothing_and_do_not_fail(pages, query):
    assert search(query) == []


def test_postgres_folds_in_its_text_search_configuration(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('vi_unaccent', 'Đoàn viên ĐỘI Quàng Thị Hạnh')::text")
        assert cursor.fetchone()[0] == "'doan':1 'doi':3 'hanh':6 'quang':4 'thi':5 'vien':2"


def test_postgres_searches_through_the_folded_text_index(pages):
    """Migration 0002's GIN index fits Wagtail's own search (the admin's) and the reader's
    search. If either filters by another expression, the index cannot serve it and this fails."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with CaptureQueriesContext(connection) as queries:
        found = titles(Page.objects.live().search("Đoàn viên", operator="and")[:10])
    assert "Đoàn viên tiêu biểu" in found
    stock = next(query["sql"] for query in queries if "ORDER BY" in query["sql"])
    with CaptureQueriesContext(connection) as queries:
        assert matching_ids(Page.objects.live(), "Đoàn viên")
    ours = next(query["sql"] for query in queries if "@@" in query["sql"])
    for sql in (stock, ours):
        assert _plan(sql).count("Bitmap Index Scan on cms_search_entry_title_body") >= 1, sql


def _plan(sql):
    with transaction.atomic(), connection.cursor() as cursor:
        # Test tables are tiny, so the planner would rather scan or use another index. Leave it
        # only our index to read search entries by (rolled back below), and see if it fits.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks block the ALTER
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
            " AND indexname NOT IN ('cms_search_entry_title_body', 'wagtailsearch_indexentry_pkey')"
        )
        for (name,) in cursor.fetchall():
            owner = "SELECT conname FROM pg_constraint WHERE conindid = %s::regclass"
            cursor.execute(owner, [name])
            if constraint := cursor.fetchone():
                table = "wagtailsearch_indexentry"
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{constraint[0]}"')
            else:
                cursor.execute(f'DROP INDEX "{name}"')
        for setting in ("enable_seqscan", "enable_indexscan", "enable_nestloop"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return plan


def test_postgres_connections_price_random_reads_for_ssd(db):
    """Without it the planner scans every entry instead of using the index above."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def test_sqlite_folds_in_its_full_text_table(pages):
    """Migration 0003: FTS5 removes every mark and the triggers that fill it from Wagtail's
    entries turn đ into d. Fails if Wagtail or modelsearch remake the table or its triggers."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'wagtailsearch_indexentry_fts'")
        assert "remove_diacritics 2" in cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM wagtailsearch_indexentry_fts"
            " WHERE wagtailsearch_indexentry_fts MATCH 'title : doan'"
        )
        assert cursor.fetchone()[0] == 3
        cursor.execute(
            "SELECT count(*) FROM wagtailsearch_indexentry_fts"
            " WHERE wagtailsearch_indexentry_fts MATCH 'title : \"đoan\"'"
        )
        assert cursor.fetchone()[0] == 0


def test_the_one_override_still_folds_what_wagtail_searches(pages):
    """On SQLite our query compiler folds the query in ``build_search_query_content`` before
    modelsearch writes its MATCH (FTS5 would leave đ). If modelsearch stops calling that
    method, a query with đ finds nothing here and this fails."""
    from wagtail.search.backends import get_search_backend

    assert "Đoàn viên tiêu biểu" in search("ĐOÀN")
    backend = get_search_backend()
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler

        assert issubclass(backend.query_compiler_class, SQLiteSearchQueryCompiler)
        assert "build_search_query_content" in vars(SQLiteSearchQueryCompiler)
    else:
        assert backend.config == backend.autocomplete_config == "vi_unaccent"


def test_the_admin_page_search_folds(client, people, pages):
    client.force_login(people.superuser)
    response = client.get("/admin/pages/search/", {"q": "doan vien tieu"})
    assert response.status_code == 200
    assert "Đoàn viên tiêu biểu" in response.content.decode()


def test_the_admin_document_search_folds(client, people, db):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    Document.objects.create(title="Kế hoạch Đoàn viên năm 2022", file=ContentFile(b"x", "k.txt"))
    Document.objects.create(title="Báo cáo tổng kết", file=ContentFile(b"x", "b.txt"))
    client.force_login(people.superuser)
    response = client.get("/admin/documents/", {"q": "ke hoach doan vien"})
    html = response.content.decode()
    assert "Kế hoạch Đoàn viên năm 2022" in html and "Báo cáo tổng kết" not in html
