"""The public list of documents: filters in the URL, newest first, pages, a fixed query cost;
and the latest documents on the home page."""

import datetime
import re

import pytest

from directives.listing import PER_PAGE
from directives.models import AssignmentStatus, DocType
from tests.factories.directives import AssignmentFactory, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(index, tree, issuers):
    """Four documents of three issuers and two years, in three states of implementation."""
    directive = make_document(
        index,
        tree.school,
        issuer=issuers.ttg,
        number="02/CT-TTg",
        doc_type=DocType.DIRECTIVE,
        title="Chính phủ số",
        issue_date=datetime.date(2022, 4, 26),
    )
    letter = make_document(
        index,
        tree.school,
        issuer=issuers.twdtn,
        number="9568-CV/TWĐTN-BTG",
        doc_type=DocType.OFFICIAL_LETTER,
        title="Tuyên truyền Chỉ thị 02",
        issue_date=datetime.date(2022, 5, 23),
    )
    guidance = make_document(
        index,
        tree.school,
        issuer=issuers.dtn,
        number="226-CV/ĐTN",
        doc_type=DocType.GUIDANCE,
        title="Ứng dụng Thanh niên Việt Nam",
        issue_date=datetime.date(2022, 4, 4),
    )
    plan = make_document(
        index,
        tree.school,
        issuer=issuers.dtn,
        number="15-KH/ĐTN",
        doc_type=DocType.PLAN,
        title="Kế hoạch năm 2023",
        issue_date=datetime.date(2023, 1, 10),
    )
    # The guidance is being carried out; the letter is done; the others are not assigned.
    AssignmentFactory(document=guidance, unit=tree.a1, status=AssignmentStatus.REPORTED)
    AssignmentFactory(document=guidance, unit=tree.b1)
    AssignmentFactory(document=letter, unit=tree.fed1, status=AssignmentStatus.REPORTED)
    return directive, letter, guidance, plan


def listed(response):
    return [document.title for document in response.context["documents"]]


def test_newest_first(client, index, documents):
    response = client.get(index.url)
    assert listed(response) == [
        "Kế hoạch năm 2023",
        "Tuyên truyền Chỉ thị 02",
        "Chính phủ số",
        "Ứng dụng Thanh niên Việt Nam",
    ]
    html = response.content.decode()
    assert "4 văn bản" in html and "1/2 đơn vị đã báo cáo" in html


@pytest.mark.parametrize(
    "query,expected",
    [
        ({"type": "directive"}, ["Chính phủ số"]),
        ({"issuer": "ĐTN"}, ["Kế hoạch năm 2023", "Ứng dụng Thanh niên Việt Nam"]),
        ({"year": "2023"}, ["Kế hoạch năm 2023"]),
        ({"status": "in_progress"}, ["Ứng dụng Thanh niên Việt Nam"]),
        ({"status": "completed"}, ["Tuyên truyền Chỉ thị 02"]),
        ({"status": "not_assigned"}, ["Kế hoạch năm 2023", "Chính phủ số"]),
        ({"issuer": "ĐTN", "year": "2022"}, ["Ứng dụng Thanh niên Việt Nam"]),
        ({"q": "02/ct – ttg"}, ["Chính phủ số"]),
        ({"q": "9568"}, ["Tuyên truyền Chỉ thị 02"]),
        ({"q": "Thanh niên"}, ["Ứng dụng Thanh niên Việt Nam"]),
        # Stale or made-up values are ignored rather than breaking the page.
        ({"type": "memo", "year": "abc"}, None),
    ],
)
def test_filters_from_the_url(client, index, documents, query, expected):
    response = client.get(index.url, query)
    assert response.status_code == 200
    if expected is None:
        assert len(listed(response)) == 4
    else:
        assert listed(response) == expected


def test_the_filter_form_is_plain_html_and_keeps_its_values(client, index, documents):
    html = client.get(index.url, {"issuer": "TTg", "year": "2022"}).content.decode()
    assert '<form method="get"' in html
    assert '<option value="TTg" selected>Thủ tướng Chính phủ</option>' in html
    assert '<option value="2022" selected>2022</option>' in html
    assert "Bỏ lọc" in html
    # Only issuers and years that have documents are offered.
    assert html.count('<option value="2023"') == 1


def test_pages_keep_the_filters(client, index, tree, issuers):
    for n in range(PER_PAGE + 3):
        make_document(
            index,
            tree.school,
            issuer=issuers.dtn,
            number=f"{n + 1}-TB/ĐTN",
            doc_type=DocType.NOTICE,
        )
    make_document(index, tree.school, issuer=issuers.ttg, number="02/CT-TTg")
    response = client.get(index.url, {"issuer": "ĐTN"})
    assert len(listed(response)) == PER_PAGE
    html = response.content.decode()
    assert 'href="?issuer=%C4%90TN&amp;page=2"' in html
    second = client.get(index.url, {"issuer": "ĐTN", "page": "2"})
    assert len(listed(second)) == 3
    assert client.get(index.url, {"page": "99"}).status_code == 200  # the last page instead
    assert client.get(index.url, {"page": "x"}).status_code == 200


def test_drafts_are_not_listed(client, index, tree, issuers):
    make_document(
        index, tree.school, issuer=issuers.dtn, number="1-KH/ĐTN", live=False, title="Bản nháp"
    )
    assert "Bản nháp" not in client.get(index.url).content.decode()


@pytest.mark.parametrize("count", [3, 18])
def test_the_listing_costs_the_same_whatever_its_size(
    client, index, tree, issuers, django_assert_num_queries, count
):
    for n in range(count):
        document = make_document(index, tree.school, issuer=issuers.dtn, number=f"{n + 1}-KH/ĐTN")
        AssignmentFactory(document=document, unit=tree.a1)
        AssignmentFactory(document=document, unit=tree.b1, status=AssignmentStatus.REPORTED)
    client.get(index.url)  # warm the site-root cache
    with django_assert_num_queries(LISTING_QUERIES):
        response = client.get(index.url, {"status": "in_progress"})
    assert len(listed(response)) == count


LISTING_QUERIES = 18  # with the breadcrumb and the check for a translated list without documents


def test_the_home_page_shows_the_latest_documents(client, home, index, documents):
    html = client.get("/").content.decode()
    assert "Văn bản mới" in html
    assert html.index("Kế hoạch năm 2023") < html.index("Tuyên truyền Chỉ thị 02")
    assert index.url in html


def test_no_home_section_without_documents(client, home, index):
    assert "Văn bản mới" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("02/CT-TTg", ["Chính phủ số"]),
        ("02 CT TTg", ["Chính phủ số"]),
        ("02-ct-ttg", ["Chính phủ số"]),
        ("2/ct-ttg", ["Chính phủ số"]),
        ("226-CV/DTN", ["Ứng dụng Thanh niên Việt Nam"]),
        ("226-cv/đtn", ["Ứng dụng Thanh niên Việt Nam"]),
        ("chuyen doi so", ["Chính phủ số"]),
        ("ke hoach", ["Kế hoạch năm 2023"]),
        ("thanh nien", ["Ứng dụng Thanh niên Việt Nam"]),
    ],
)
def test_the_search_box_finds_what_the_site_search_finds(
    client, home, index, documents, query, expected
):
    """One search rule: the list's ``q`` finds exactly the documents /tim-kiem/ finds."""
    directive = documents[0]
    directive.summary = "Đẩy mạnh chuyển đổi số quốc gia."
    directive.save_revision().publish()
    assert listed(client.get(index.url, {"q": query})) == expected
    html = client.get("/tim-kiem/", {"q": query, "type": "document"}).content.decode()
    titles = re.findall(r'class="search-result__title"><a [^>]*>(.*?)</a>', html)
    assert [re.sub("</?mark>", "", title) for title in titles] == expected
