"""The reader's search at /tim-kiem/: articles and documents together, filters, pages."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import Locale

from directives.models import DocType
from tests.factories.columns import make_article, make_column
from tests.factories.directives import IssuerFactory, document_index, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home, tree):
    column = make_column("Sáng tạo khởi nghiệp", slug="sang-tao-khoi-nghiep")
    other = make_column("Học tập và làm theo lời Bác", slug="hoc-tap-va-lam-theo-loi-bac")
    index = document_index(home)
    ttg = IssuerFactory(code="TTg", name="Thủ tướng Chính phủ")
    return {
        "column": column,
        "other": other,
        "article": make_article(
            column,
            tree.a1,
            title="Chuyển đổi số trong chi đoàn",
            lead="Đoàn viên chi đoàn A1 học kỹ năng số cùng nhau.",
            published=datetime.date(2022, 4, 26),
        ),
        "older": make_article(
            other,
            tree.b1,
            title="Chuyển đổi số, bài học của Bác về tự học",
            lead="Tự học suốt đời.",
            published=datetime.date(2021, 3, 2),
        ),
        "directive": make_document(
            index,
            tree.school,
            issuer=ttg,
            number="02/CT-TTg",
            title="Chỉ thị về tăng cường chuyển đổi số trong thanh niên",
            doc_type=DocType.DIRECTIVE,
            issue_date=datetime.date(2022, 1, 14),
            summary="Thủ tướng chỉ thị đẩy mạnh chuyển đổi số.",
        ),
    }


def get(client, query="", **params):
    response = client.get("/tim-kiem/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_articles_and_documents_are_found_with_their_type_column_issuer_and_date(client, content):
    html = get(client, "chuyen doi so")
    assert "3 kết quả cho “chuyen doi so”" in html
    assert "<mark>Chuyển</mark> <mark>đổi</mark> <mark>số</mark> trong chi đoàn" in html
    assert "Sáng tạo khởi nghiệp" in html  # the article's column
    assert "Thủ tướng Chính phủ" in html  # the document's issuer
    assert "Chỉ thị" in html  # the document's type
    assert "26/04/2022" in html and "14/01/2022" in html
    assert "đẩy mạnh <mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>." in html  # snippet


@pytest.mark.parametrize("query", ["02/CT-TTg", "02/ct-ttg", "02/CT – TTg", "02 CT TTg"])
def test_a_document_number_finds_that_document_first(client, content, tree, query):
    make_article(
        content["column"],
        tree.a1,
        title="Học tập Chỉ thị 02/CT-TTg",
        lead="Chỉ thị 02/CT-TTg, 02/CT-TTg và 02/CT-TTg: ba lần trong một bài ngắn.",
    )
    html = get(client, query)
    first = html.index("search-result__title")
    assert html.index("Chỉ thị về tăng cường", first) < html.index("Học tập Chỉ thị", first)


def test_the_type_column_and_year_filters(client, content):
    html = get(client, "chuyen doi so", type="document")
    assert "1 kết quả" in html and "Chỉ thị về tăng cường" in html
    html = get(client, "chuyen doi so", type="article", column=content["other"].pk)
    assert "1 kết quả" in html and "bài học của Bác" in html
    html = get(client, "chuyen doi so", year=2021)
    assert "1 kết quả" in html and "bài học của Bác" in html


def test_a_document_is_filed_under_the_year_it_was_issued(client, content):
    """The date a result shows is the year it is found under: a document issued in January 2022
    and put on the site today is a 2022 document."""
    assert timezone.localdate(content["directive"].first_published_at).year > 2022
    html = get(client, "chuyen doi so", year=2022)
    assert "2 kết quả" in html and "Chỉ thị về tăng cường" in html and "trong chi đoàn" in html
    html = get(client, "chuyen doi so", year=2021)
    assert "1 kết quả" in html and "Chỉ thị về tăng cường" not in html
    # The years offered are those of the dates shown, not of the days pages went online.
    year_filter = re.search(r'<select name="year".*?</select>', get(client, "chuyen doi so"), re.S)
    options = re.findall(r'<option value="(\d+)"', year_filter.group(0))
    assert options == ["2022", "2021"]


def test_unknown_filter_values_are_ignored_not_errors(client, content):
    html = get(client, "chuyen doi so", type="nope", column="abc", year="x", page="zz")
    assert "3 kết quả" in html


def test_drafts_and_other_languages_never_appear(client, content, tree, english_home):
    draft = make_document(
        document_index(),
        tree.school,
        number="99/CT-TTg",
        title="Bản nháp chuyển đổi số",
        live=False,
    )
    en = Locale.objects.get(language_code="en")
    content["column"].copy_for_translation(en).save_revision().publish()
    english = content["article"].copy_for_translation(en)
    english.title = "Digital transformation in the chapter"
    english.save_revision().publish()
    html = get(client, "chuyen doi so")
    assert "Bản nháp" not in html and "Digital transformation" not in html
    assert draft.pk
    response = client.get("/en/tim-kiem/", {"q": "digital"})
    html = response.content.decode()
    assert "<mark>Digital</mark> transformation in the chapter" in html
    assert "Chuyển đổi số trong chi đoàn" not in html
    assert "1 result for" in html


def test_results_come_in_pages_with_vietnamese_labels(client, content, tree):
    for n in range(12):
        make_article(
            content["column"], tree.a1, title=f"Tuổi trẻ sáng tạo số {n}", lead="Sáng tạo."
        )
    html = get(client, "tuoi tre")
    assert "12 kết quả" in html and "Trang 1 / 2" in html and "Trang sau" in html
    html = get(client, "tuoi tre", page=2)
    assert "Trang 2 / 2" in html and "Trang trước" in html
    assert 'start="11"' in html


def test_an_empty_result_suggests_what_to_try(client, content):
    html = get(client, "khong co gi o day", type="document")
    assert "Không tìm thấy kết quả nào cho “khong co gi o day”." in html
    assert "“doan vien” sẽ tìm thấy “đoàn viên”" in html
    assert "Tìm lại, bỏ các bộ lọc" in html


def test_without_a_query_the_page_invites_one(client, content):
    html = get(client)
    assert "có dấu hay không dấu đều được" in html
    assert "kết quả" not in html


def test_every_public_page_has_the_search_box(client, content):
    html = client.get("/").content.decode()
    assert 'action="/tim-kiem/"' in html and 'role="search"' in html
    html = client.get(content["article"].url).content.decode()
    assert 'action="/tim-kiem/"' in html


def test_the_search_page_offers_its_english_version(client, content, english_home):
    html = get(client, "chuyen doi so")
    assert 'hreflang="en" href="http://testserver/en/tim-kiem/"' in html
    assert 'hreflang="x-default" href="http://testserver/tim-kiem/"' in html


@pytest.mark.parametrize("extra", [0, 12])
def test_query_count_does_not_grow_with_the_results(
    client, content, tree, django_assert_max_num_queries, extra
):
    for n in range(extra):
        make_article(content["column"], tree.a1, title=f"Chuyển đổi số {n}", lead="Số.")
    get(client, "chuyen doi so")  # warm Wagtail's per-process caches (site roots, types)
    # Locale, view restrictions, site, columns and years for the filters, the count, the
    # scores, the matches allowed by the filters, the page of results (one more query per page
    # type), their columns, the documents' issuers, header and footer: bounded by the page
    # types shown, not by the number of results.
    with django_assert_max_num_queries(18):
        html = get(client, "chuyen doi so")
    assert f"{3 + extra} kết quả" in html


def test_a_published_date_reads_the_vietnamese_way(client, content):
    assert timezone.localdate(content["article"].first_published_at) == datetime.date(2022, 4, 26)
    assert "26/04/2022" in get(client, "chi doan")


@pytest.mark.parametrize(
    ("typo", "suggestion", "found"),
    [
        ("doan vein", "doan vien", "Chuyển đổi số trong chi đoàn"),
        ("thanh nein", "thanh nien", "Chỉ thị về tăng cường chuyển đổi số trong thanh niên"),
        ("chuyen doi sô kyx nang", "chuyen doi so ky nang", "Chuyển đổi số trong chi đoàn"),
    ],
)
def test_a_typo_gets_a_did_you_mean_link_that_finds_something(
    client, content, typo, suggestion, found
):
    html = get(client, typo, type="")
    assert "Không tìm thấy kết quả nào" in html
    link = re.search(r'Có phải bạn muốn tìm <a href="\?([^"]+)">([^<]+)</a>', html)
    assert link and link.group(2) == suggestion
    params = dict(pair.split("=") for pair in link.group(1).replace("&amp;", "&").split("&"))
    assert params["q"] == suggestion.replace(" ", "+") and params["type"] == ""
    assert found in get(client, suggestion).replace("<mark>", "").replace("</mark>", "")


def test_no_suggestion_when_nothing_close_is_known_or_the_words_are_right(client, content):
    assert "Có phải bạn muốn tìm" not in get(client, "xyzzy qwerty")
    # Known words that find nothing together: nothing to correct.
    assert "Có phải bạn muốn tìm" not in get(client, "chuyen doi so", type="article", year=1999)


def test_a_suggestion_keeps_the_reader_in_their_filters(client, content):
    html = get(client, "chuyen doi sô kyx", type="document")
    # "ky" is only in an article: the corrected query would find nothing among documents.
    assert "Có phải bạn muốn tìm" not in html
    html = get(client, "thanh nein", type="document")
    assert 'href="?q=thanh+nien&amp;type=document"' in html


@pytest.mark.parametrize("extra", [0, 12])
def test_the_suggestion_costs_a_bounded_number_of_queries(
    client, content, tree, django_assert_max_num_queries, extra
):
    for n in range(extra):
        make_article(content["column"], tree.a1, title=f"Đoàn viên {n}", lead="Số.")
    get(client, "doan vein")  # warm the caches, the vocabulary's included
    # The search's queries, then the index's size (the vocabulary's cache key) and the
    # corrected query's matches.
    with django_assert_max_num_queries(18):
        html = get(client, "doan vein")
    assert "Có phải bạn muốn tìm" in html
