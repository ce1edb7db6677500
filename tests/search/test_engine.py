"""The reader's search (cms.search.engine): what it finds and in which order, on SQLite and,
with scripts/with_postgres.sh, on PostgreSQL."""

import pytest
from wagtail.models import Page

from cms.search.engine import search_pages

pytestmark = pytest.mark.django_db


def found(query, pages=None):
    return [page.title for page in search_pages(pages or Page.objects.live(), query)[:20]]


@pytest.fixture
def dien_bien(publish):
    return {
        # Every word of "Điện Biên", many times, but never together.
        "fake": publish(
            "Nhận diện tin giả",
            "Nhận diện tin giả trên diện rộng: biên tập viên, biên soạn, diện mạo, biên giới.",
        ),
        "body": publish("Mùa hè xanh 2024", "Đoàn viên về Điện Biên dự trại hè tình nguyện."),
        "title": publish("Thanh niên Điện Biên tình nguyện", "Tuổi trẻ vùng cao."),
        "words": publish("Biên bản họp: nhận diện điểm mới", "Biên bản của chi đoàn."),
    }


@pytest.mark.parametrize("query", ["Điện Biên", "dien bien", "ĐIỆN BIÊN"])
def test_a_phrase_in_the_title_then_the_title_then_the_phrase_then_the_rest(dien_bien, query):
    assert found(query) == [
        "Thanh niên Điện Biên tình nguyện",  # the phrase in the title
        "Biên bản họp: nhận diện điểm mới",  # both words in the title
        "Mùa hè xanh 2024",  # the phrase in the text
        "Nhận diện tin giả",  # both words, apart
    ]


def test_one_word_in_the_title_comes_before_the_text(publish):
    publish("Hiến máu", "Tình nguyện tình nguyện tình nguyện: ngày hội hiến máu.")
    publish("Tình nguyện ở Hà Nội", "Một ngày hội.")
    assert found("tinh nguyen")[0] == "Tình nguyện ở Hà Nội"
    assert found("hien mau") == ["Hiến máu"]


def test_only_the_pages_asked_for_are_found(publish, dien_bien):
    draft = publish("Điện Biên bản nháp", live=False)
    assert "Điện Biên bản nháp" not in found("dien bien")
    only = Page.objects.live().filter(pk__in=[dien_bien["fake"].pk, draft.pk])
    assert found("dien bien", only) == ["Nhận diện tin giả"]


def test_the_count_and_pages_of_results(publish):
    for n in range(12):
        publish(f"Tuổi trẻ sáng tạo {n}")
    hits = search_pages(Page.objects.live(), "tuoi tre")
    assert hits.count() == len(hits) == 12
    first, rest = hits[:10], hits[10:]
    assert len(first) == 10 and len(rest) == 2
    assert {page.pk for page in first}.isdisjoint(page.pk for page in rest)
    assert hits[0].title == first[0].title


@pytest.mark.parametrize("query", ["!!!", "–", "   ", ""])
def test_queries_without_words_find_nothing(dien_bien, query):
    assert found(query) == []


def test_every_word_must_be_found(dien_bien):
    assert found("dien bien tinh nguyen") == [
        "Thanh niên Điện Biên tình nguyện",
        "Mùa hè xanh 2024",
    ]
    assert found("dien bien khong co") == []
