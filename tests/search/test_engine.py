"""The reader's search (cms.search.engine): what it finds and in which order, on SQLite and,
with scripts/with_postgres.sh, on PostgreSQL."""

import pytest
from wagtail.models import Page

from cms.search.engine import Hits, search_pages

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


@pytest.fixture
def youth_news(publish):
    """Twelve pages with both words of "đoàn viên", newest last; some hold the phrase, one of
    them in its title. Their order: the title phrase, then the text phrase newest first, then
    the rest newest first."""
    texts = {
        0: "Đoàn viên tiêu biểu của năm.",  # old, with the phrase
        1: "Viên phấn của đoàn.",
        2: "Viên gạch, đoàn xe.",
        3: "Chi đoàn kết nạp đoàn viên mới.",  # with the phrase
        4: "Đoàn khách, viên chức.",
        5: "Viên ngọc, đoàn tàu.",
        6: "Đoàn tụ, viên mãn.",
        7: "Đoàn kết; sinh viên.",
        8: "Lễ trưởng thành đoàn viên.",  # newest with the phrase
        9: "Viên đá, đoàn người.",
        10: "Đoàn thể; giáo viên.",
    }
    pages = [publish(f"Tin {n}", text) for n, text in texts.items()]
    pages.append(publish("Đoàn viên tình nguyện", "Mùa hè xanh."))
    return pages


EXPECTED_YOUTH_ORDER = ["Đoàn viên tình nguyện", "Tin 8", "Tin 3", "Tin 0"] + [
    f"Tin {n}" for n in (10, 9, 7, 6, 5, 4, 2, 1)
]


@pytest.mark.parametrize("first_batch", [500, 1, 3])
def test_the_text_phrase_is_ranked_the_same_however_few_are_checked_first(
    youth_news, monkeypatch, first_batch
):
    """Whether a page's text holds the phrase is checked for the newest few first: every slice
    a reader can ask for comes out in the same order as when all are checked at once."""
    monkeypatch.setattr(Hits, "FIRST_BATCH", first_batch)
    assert found("đoàn viên") == EXPECTED_YOUTH_ORDER
    for start, stop in [(0, 2), (1, 3), (2, 5), (3, 4), (4, 9), (10, 12), (0, 12), (11, 50)]:
        hits = search_pages(Page.objects.live(), "doan vien")
        assert [page.title for page in hits[start:stop]] == EXPECTED_YOUTH_ORDER[start:stop]
    assert search_pages(Page.objects.live(), "doan vien")[-1].title == "Tin 1"


def test_the_first_page_of_a_broad_query_checks_only_the_newest_texts(youth_news, monkeypatch):
    """Showing the first results must not read every candidate's text for the phrase."""
    monkeypatch.setattr(Hits, "FIRST_BATCH", 4)
    checked = []
    with_phrase = Hits._with_phrase  # noqa: SLF001  (watches which texts are read)

    def spy(self, ids=None):
        checked.append(ids)
        return with_phrase(self, ids)

    monkeypatch.setattr(Hits, "_with_phrase", spy)
    hits = search_pages(Page.objects.live(), "doan vien")
    assert [page.title for page in hits[:2]] == EXPECTED_YOUTH_ORDER[:2]
    assert checked == [[youth_news[n].pk for n in (10, 9, 8, 7)]]
    assert hits.count() == 12
    assert [page.title for page in hits[10:]] == EXPECTED_YOUTH_ORDER[10:]
    assert checked[1] is None  # the others in one pass, when a later page needs them
