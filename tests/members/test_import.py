"""The import on its own (the admin and the commands share it): good files in every
encoding, and every kind of bad input refused with a message and nothing written."""

import datetime

import pytest
from django.test import override_settings

from members.importing import run_import
from members.models import Member
from tests.factories.members import MemberFactory

from .conftest import GOOD_ROW, csv_file, rows, sample

pytestmark = pytest.mark.django_db


def messages(outcome):
    return [str(error) for error in outcome.errors]


def refused(outcome, *fragments):
    """The outcome has errors mentioning every fragment, and nothing was written."""
    text = "\n".join(messages(outcome))
    assert not outcome.written
    for fragment in fragments:
        assert fragment in text, text
    assert Member.objects.count() == 0
    return text


@pytest.mark.parametrize(
    "name",
    ["good.csv", "good_bom_semicolon.csv", "good_utf16.csv", "good_cp1258.csv", "good.xlsx"],
)
def test_good_files_import_in_every_encoding(tree, name):
    outcome = run_import(name, sample(name), dry_run=False)
    assert outcome.ok, messages(outcome)
    assert outcome.counts()["created"] == 3
    hanh = Member.objects.get(code="SV001")
    assert hanh.full_name == "Quàng Thị Hạnh"  # NFC whatever the encoding
    assert hanh.chapter == tree.a1
    assert hanh.date_of_birth == datetime.date(2003, 3, 12)
    pao = Member.objects.get(code="SV002")
    assert pao.ethnicity == "Mông"  # "H'Mông" is the same group
    assert pao.phone == "0388123456"  # +84 388 123 456, normalised
    assert pao.date_of_birth == datetime.date(2002, 7, 1)  # ISO accepted
    assert Member.objects.get(code="SV003").ethnicity == "Khơ-mú"


def test_dry_run_writes_nothing_and_reports_new_rows(tree):
    outcome = run_import("good.csv", sample("good.csv"), dry_run=True)
    assert outcome.ok and [row.code for row in outcome.new] == ["SV001", "SV002", "SV003"]
    assert Member.objects.count() == 0


def test_reimport_is_unchanged_and_changes_are_named(tree):
    run_import("good.csv", sample("good.csv"), dry_run=False)
    again = run_import("good.csv", sample("good.csv"), dry_run=True)
    assert again.counts()["unchanged"] == 3 and not again.changed
    edited = sample("good.csv").decode().replace("Quàng Thị Hạnh", "Quàng Thị Hạnh Nhi")
    outcome = run_import("good.csv", edited.encode(), dry_run=False)
    assert [(row.code, row.changed) for row in outcome.changed] == [("SV001", ["Họ và tên"])]
    assert Member.objects.get(code="SV001").full_name == "Quàng Thị Hạnh Nhi"


def test_search_text_is_kept_on_import(tree):
    run_import("good.csv", sample("good.csv"), dry_run=False)
    assert list(Member.objects.search("quang thi hanh").values_list("code", flat=True)) == ["SV001"]


# ---------------------------------------------------------------- whole-file refusals


def test_empty_file(tree):
    refused(run_import("empty.csv", sample("empty.csv")), "Tệp trống")


def test_only_headers(tree):
    refused(run_import("h.csv", sample("headers_only.csv")), "chưa có dòng đoàn viên nào")


def test_wrong_headers(tree):
    refused(run_import("w.csv", sample("wrong_headers.csv")), "“Tên”", "thiếu cột", "“Họ và tên”")


def test_missing_header(tree):
    headers = [header for header in GOOD_ROW if header != "Dân tộc"]
    refused(run_import("m.csv", csv_file({}, headers=headers)), "thiếu cột: “Dân tộc”")


def test_binary_file_renamed_csv(tree):
    refused(run_import("b.csv", sample("binary_renamed.csv")), "không phải văn bản CSV")


def test_zip_that_is_not_a_workbook(tree):
    refused(run_import("z.xlsx", sample("not_a_workbook.xlsx")), "không phải văn bản CSV")


def test_workbook_with_several_sheets(tree):
    refused(run_import("s.xlsx", sample("several_sheets.xlsx")), "2 trang tính")


def test_workbook_with_merged_header_cells(tree):
    refused(run_import("m.xlsx", sample("merged_header.xlsx")), "gộp ô", "A1:B1")


@override_settings(MEMBERS_IMPORT_MAX_BYTES=1000)
def test_file_over_the_size_limit(tree):
    refused(run_import("big.csv", csv_file(*rows(20))), "giới hạn")


@override_settings(MEMBERS_IMPORT_MAX_ROWS=10)
def test_file_over_the_row_limit(tree):
    refused(run_import("long.csv", csv_file(*rows(11))), "nhiều hơn 10 dòng")


# ---------------------------------------------------------------- row errors


@pytest.mark.parametrize(
    ("cell", "value", "fragment"),
    [
        ("Ngày sinh", "31/02/2004", "không phải là ngày có thật"),
        ("Ngày sinh", "2004/13/45", "không phải là ngày"),
        ("Ngày sinh", "", "bắt buộc"),
        ("Ngày vào Đoàn", "01/01/2003", "trước ngày sinh"),
        ("Ngày vào Đoàn", "01/01/2099", "tương lai"),
        ("Chi đoàn", "K99", "Không có chi đoàn"),
        ("Dân tộc", "Kinh Bắc", "54 dân tộc"),
        ("Trạng thái", "Nghỉ học", "Đang sinh hoạt / Chuyển sinh hoạt / Trưởng thành Đoàn"),
        ("Giới tính", "N", "Nam / Nữ / Khác"),
        ("Đảng viên", "Chưa", "Có hoặc Không"),
        ("Số điện thoại", "091234", "không phải số di động"),
        ("Số điện thoại", "0212345678", "không phải số di động"),
        ("Email", "xuan@", "không phải địa chỉ email hợp lệ"),
        ("Mã đoàn viên", "SV 1", "Mã đoàn viên"),
        ("Họ và tên", '=HYPERLINK("x")', "công thức"),
        ("Họ và tên", "@SUM(A1)", "công thức"),
    ],
)
def test_bad_cell_is_named_by_line_and_column(tree, cell, value, fragment):
    outcome = run_import("f.csv", csv_file({}, {"Mã đoàn viên": "SV200", cell: value}))
    text = refused(outcome, fragment)
    assert f"Dòng 3, cột “{cell}”" in text, text
    assert "Dòng 2" not in text  # the good row has no error, but is not written either


def test_one_bad_row_imports_nothing(tree):
    outcome = run_import(
        "f.csv", csv_file(*rows(5), {"Mã đoàn viên": "X1", "Ngày sinh": "x"}), dry_run=False
    )
    refused(outcome, "Dòng 7")


def test_duplicate_codes_within_the_file(tree):
    outcome = run_import("d.csv", csv_file({}, {"Họ và tên": "Lò Văn Hùng"}))
    refused(outcome, "Dòng 2, cột “Mã đoàn viên”", "lặp lại ở các dòng 2, 3")


def test_duplicate_card_numbers_within_the_file(tree):
    outcome = run_import(
        "c.csv", csv_file({"Số thẻ đoàn": "T9"}, {"Mã đoàn viên": "SV2", "Số thẻ đoàn": "T9"})
    )
    refused(outcome, "cột “Số thẻ đoàn”", "lặp lại ở các dòng 2, 3")


def test_card_number_held_by_another_member(tree):
    MemberFactory(code="OLD1", chapter=tree.a1, card_number="T9")
    outcome = run_import("c.csv", csv_file({"Số thẻ đoàn": "T9"}))
    assert "Số thẻ đoàn này đã thuộc về một đoàn viên khác" in "\n".join(messages(outcome))
    assert Member.objects.count() == 1


def test_formula_cells_in_a_workbook(tree):
    refused(run_import("f.xlsx", sample("formula.xlsx")), "Dòng 2, cột “Họ và tên”", "công thức")


def test_formula_cells_in_a_csv(tree):
    refused(run_import("f.csv", sample("formula.csv")), "công thức")


def test_row_for_a_unit_the_user_may_not_manage(tree, people):
    # The member manager of LCĐ I may import into A1 and A2, not into B1.
    outcome = run_import(
        "b.csv", csv_file({}, {"Mã đoàn viên": "SV2", "Chi đoàn": "B1"}), user=people.member_manager
    )
    refused(outcome, "Dòng 3, cột “Chi đoàn”", "Bạn không được quản lý đoàn viên của Chi đoàn B1")


def test_existing_member_of_another_unit_cannot_be_taken_over(tree, people):
    MemberFactory(code="SV100", chapter=tree.b1)
    outcome = run_import("t.csv", csv_file({}), user=people.member_manager, dry_run=False)
    # The manager of LCĐ I does not see B1's members: the code reads as taken, no more.
    assert "Mã đã được dùng." in "\n".join(messages(outcome))
    assert "B1" not in "\n".join(messages(outcome))
    assert Member.objects.get(code="SV100").chapter == tree.b1


def test_unit_option_narrows_the_rows(tree):
    outcome = run_import("u.csv", csv_file({"Chi đoàn": "B1"}), unit=tree.fed1)
    refused(outcome, "không được quản lý")


def test_chapter_by_exact_name(tree):
    outcome = run_import("n.csv", csv_file({"Chi đoàn": "Chi đoàn A2"}), dry_run=False)
    assert outcome.ok and Member.objects.get().chapter == tree.a2


def test_template_notes_are_skipped_and_english_headers_accepted(tree):
    from members.columns import FIELDS

    lines = csv_file({}).decode().splitlines()
    lines[0] = ",".join(FIELDS)
    lines.append("# Giới tính: Nam / Nữ / Khác")
    outcome = run_import("e.csv", "\n".join(lines).encode())
    assert outcome.ok, messages(outcome)
    assert outcome.total == 1
