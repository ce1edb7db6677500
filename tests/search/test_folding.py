"""The folding rule itself: pure functions, no database."""

import re

import pytest

from cms.search.folding import fold, number_key, number_pattern, parse_query
from cms.search.slugs import slugify


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Chuyển đổi số", "chuyen doi so"),
        ("CHUYỂN ĐỔI SỐ", "chuyen doi so"),
        ("Đoàn viên", "doan vien"),
        ("Quàng Thị Hạnh", "quang thi hanh"),
        ("Học tập và làm theo lời Bác", "hoc tap va lam theo loi bac"),
        ("ộ ế ẫ ư ơ ă â ỹ", "o e a u o a a y"),
        # The same words typed in decomposed form (some phone keyboards) fold the same way.
        ("Chuye\u0302\u0309n đo\u0302\u0309i so\u0302\u0301", "chuyen doi so"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    "typed", ["02/CT-TTg", "02/ct-ttg", "02/CT – TTg", "02 CT TTg", "2/CT-TTg", "02 / CT—TTg"]
)
def test_number_key_is_one_token_however_the_number_is_typed(typed):
    assert number_key(typed) == "sohieu2ctttg"


def test_number_key_keeps_vietnamese_letters_folded():
    assert number_key("226-CV/ĐTN") == number_key("226-cv/dtn") == "sohieu226cvdtn"
    assert number_key("9568-CV/TWĐTN-BTG") == "sohieu9568cvtwdtnbtg"


@pytest.mark.parametrize("text", ["2022", "Chỉ thị 02/CT-TTg", "đoàn viên", "", "02"])
def test_number_key_is_empty_for_what_is_not_a_number(text):
    assert number_key(text) == ""


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("02 ct ttg", "02/CT-TTg"),
        ("2/CT-TTg", "02/CT-TTg"),
        ("02-ct-ttg", "02/CT-TTg"),
        ("02/CT – TTg", "02/CT-TTg"),
        ("226-CV/DTN", "226-CV/ĐTN"),
        ("226 cv dtn", "226-CV/ĐTN"),
        ("9568-cv/twdtn-btg", "9568-CV/TWĐTN-BTG"),
    ],
)
def test_number_pattern_matches_the_number_however_it_is_typed(typed, printed):
    assert re.search(number_pattern(typed), printed)


@pytest.mark.parametrize(
    ("typed", "other"),
    [("02/CT-TTg", "12/CT-TTg"), ("02/CT-TTg", "02/CT-TTg-BTG"), ("226-CV/DTN", "226-KH/ĐTN")],
)
def test_number_pattern_does_not_match_another_number(typed, other):
    assert not re.search(number_pattern(typed), other)


def test_number_pattern_is_empty_for_words():
    assert number_pattern("chuyen doi so") == number_pattern("02") == ""


def test_parse_query():
    parsed = parse_query("  Chuyển   ĐỔI số! ")
    assert parsed.typed == ("chuyển", "đổi", "số")
    assert parsed.folded == ("chuyen", "doi", "so")
    assert parsed.has_diacritics
    assert not parse_query("chuyen doi so").has_diacritics
    assert not parse_query(" – ! ")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Chuyển đổi số", "chuyen-doi-so"),
        ("Đoàn viên", "doan-vien"),
        ("ĐOÀN TRƯỜNG CĐSP Điện Biên", "doan-truong-cdsp-dien-bien"),
        ("Bảo vệ nền tảng tư tưởng của Đảng", "bao-ve-nen-tang-tu-tuong-cua-dang"),
        (
            "Mỗi ngày 1 tin tốt, mỗi tuần một câu chuyện đẹp",
            "moi-ngay-1-tin-tot-moi-tuan-mot-cau-chuyen-dep",
        ),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug
