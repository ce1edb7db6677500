"""Reading document numbers in both styles, and the one spelling they are compared in."""

import pytest

from directives import numbers


@pytest.mark.parametrize(
    "typed",
    [
        "02/CT-TTg",
        "02/ct-ttg",
        "02/CT – TTg",  # spaces and an en dash, as the article prints it
        "02/CT — TTg",  # em dash
        "02 / CT-TTg",
        " 02/CT\u2212TTg ",  # minus sign, surrounding spaces
        "2/CT-TTg",  # the same number without its leading zero
    ],
)
def test_spellings_of_one_state_number_are_the_same_document(typed):
    assert numbers.normalise(typed) == "2/CT-TTG"


def test_state_style_parts():
    number = numbers.parse("02/CT – TTg")
    assert number.style == numbers.STATE
    assert (number.sequence, number.type_code, number.issuer_code) == ("02", "CT", "TTg")
    assert number.display == "02/CT-TTg"


def test_state_style_with_a_year():
    number = numbers.parse("13/2023/nđ-cp")
    assert (number.sequence, number.year, number.type_code, number.issuer_code) == (
        "13",
        "2023",
        "nđ",
        "cp",
    )
    assert number.normalised == "13/2023/NĐ-CP"


def test_party_style_with_an_office():
    number = numbers.parse("9568 – CV/TWĐTN – BTG")
    assert number.style == numbers.PARTY
    assert (number.sequence, number.type_code, number.issuer_code, number.office) == (
        "9568",
        "CV",
        "TWĐTN",
        "BTG",
    )
    assert number.display == "9568-CV/TWĐTN-BTG"
    assert number.normalised == "9568-CV/TWĐTN-BTG"


def test_party_style_without_an_office_and_vietnamese_letters_fold_case():
    number = numbers.parse("226-cv/đtn")
    assert (number.sequence, number.type_code, number.issuer_code, number.office) == (
        "226",
        "cv",
        "đtn",
        "",
    )
    assert number.normalised == "226-CV/ĐTN"
    assert numbers.normalise("226 - CV / ĐTN") == numbers.normalise("226-cv/đtn")


def test_decomposed_unicode_is_read_as_composed():
    decomposed = "226-CV/\u0110TN".replace("\u0110", "D\u0335")  # not a real Đ
    with pytest.raises(numbers.InvalidNumber):
        numbers.parse(decomposed)
    nfd = "226-CV/TWĐTN".encode().decode()
    import unicodedata

    assert numbers.parse(unicodedata.normalize("NFD", nfd)).normalised == "226-CV/TWĐTN"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "CT-TTg",
        "02",
        "02/CT",
        "02-CV",
        "abc/CT-TTg",
        "02/CT-TTg/X",
        "02//CT-TTg",
        "02/-TTg",
        "9568-CV/",
        "9568-CV/TWĐTN-",
        "02/CT-TTg-",
        "số 02/CT-TTg",
        "02/CT-1TTg",
    ],
)
def test_malformed_numbers_are_refused_with_an_example_of_each_form(typed):
    with pytest.raises(numbers.InvalidNumber) as refused:
        numbers.parse(typed)
    message = str(refused.value)
    assert "02/CT-TTg" in message and "9568-CV/TWĐTN-BTG" in message and "226-CV/ĐTN" in message


def test_the_refusal_is_in_vietnamese():
    with pytest.raises(numbers.InvalidNumber) as refused:
        numbers.parse("02")
    assert str(refused.value).startswith("Ghi số hiệu đúng như trên văn bản")


def test_free_text_is_still_normalised_for_searching():
    assert numbers.normalise("02/ct") == "02/CT"
    assert numbers.normalise("  tw đtn ") == "TWĐTN"


def test_the_two_styles_do_not_collide():
    assert numbers.normalise("226-CV/ĐTN") != numbers.normalise("226/CV-ĐTN")
