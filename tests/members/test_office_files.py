"""Spreadsheets as the office opens them: real dates, a frozen header with a filter, chapter
names beside codes; a template with drop-down lists whose example row is never imported; the
preview names each new member's chapter."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from members.importing import run_import
from members.models import Member
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


def test_xlsx_export_as_the_office_opens_it(client, tree, people):
    MemberFactory(code="A1X", chapter=tree.a1, phone="0912345678", card_number="0012")
    client.force_login(people.superuser)
    response = client.get(reverse("members:index"), {"export": "xlsx"})
    assert response["Content-Disposition"].startswith('attachment; filename="doan-vien-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    assert headers[5:7] == ["Chi đoàn", "Tên chi đoàn"]
    row = dict(zip(headers, sheet[2], strict=True))
    assert row["Chi đoàn"].value == "A1" and row["Tên chi đoàn"].value == "Chi đoàn A1"
    # Real date cells shown dd/mm/yyyy, not text.
    assert row["Ngày sinh"].value == datetime.datetime(2003, 3, 12)
    assert row["Ngày sinh"].number_format == "dd/mm/yyyy"
    # Phone and card numbers stay text, leading zeros and all.
    assert row["Số điện thoại"].value == "0912345678" and row["Số điện thoại"].data_type == "s"
    assert row["Số thẻ đoàn"].value == "0012"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N2"


def test_template_has_drop_down_lists(client, tree, people):
    client.force_login(people.superuser)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("members:template", args=["xlsx"])).content)
    )
    sheet = workbook["Đoàn viên"]
    lists = {
        str(validation.sqref).split(":")[0]: validation.formula1
        for validation in sheet.data_validations.dataValidation
    }
    # Chi đoàn (F), Giới tính (D), Dân tộc (E), Trạng thái (M) and the two yes/no columns.
    assert set(lists) == {"F2", "D2", "E2", "K2", "L2", "M2"}
    assert lists["F2"].startswith("'Giá trị cho phép'!$A$2")
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_templates_example_row_is_never_imported(client, tree, people, file_format):
    client.force_login(people.superuser)
    template = client.get(reverse("members:template", args=[file_format])).content
    outcome = run_import(f"mau.{file_format}", template, dry_run=False)
    assert not outcome.ok and "chưa có dòng đoàn viên nào" in str(outcome.errors[0])
    assert not Member.objects.exists()


def test_a_filled_template_imports_without_its_example_row(client, tree, people):
    from openpyxl import load_workbook as load

    client.force_login(people.superuser)
    workbook = load(io.BytesIO(client.get(reverse("members:template", args=["xlsx"])).content))
    sheet = workbook["Đoàn viên"]
    example = [cell.value for cell in sheet[2]]
    sheet.append(["SV900", "Giàng A Páo", *example[2:5], "A2", *example[6:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(
        reverse("members:import"),
        {"file": SimpleUploadedFile("mau.xlsx", buffer.getvalue())},
    )
    page = response.content.decode()
    assert "Dòng 2 là dòng ví dụ của mẫu" in page
    # The preview names each new member's chapter.
    assert "Chi đoàn A2 (A2)" in page
    outcome = response.context["outcome"]
    assert [row.code for row in outcome.new] == ["SV900"]


def test_wagtail_still_hands_the_listing_export_to_as_spreadsheet(
    client, tree, people, monkeypatch
):
    """The one override of the export (members/views.py, docs/members.md): Wagtail documents
    ``list_export`` but not the writer, so the register's file replaces
    ``SpreadsheetExportMixin.as_spreadsheet``. This fails when Wagtail renames it, changes its
    arguments or stops calling it for ``?export=``, instead of the export silently falling back
    to Wagtail's own file."""
    import inspect

    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from members.views import MemberIndexView

    parameters = inspect.signature(SpreadsheetExportMixin.as_spreadsheet).parameters
    assert list(parameters) == ["self", "queryset", "spreadsheet_format"]
    calls = []
    ours = MemberIndexView.as_spreadsheet

    def watched(view, queryset, spreadsheet_format):
        calls.append(spreadsheet_format)
        return ours(view, queryset, spreadsheet_format)

    monkeypatch.setattr(MemberIndexView, "as_spreadsheet", watched)
    MemberFactory(code="A1X", chapter=tree.a1)
    client.force_login(people.superuser)
    for file_format in ("xlsx", "csv"):
        response = client.get(reverse("members:index"), {"export": file_format})
        assert response.status_code == 200
    assert calls == ["xlsx", "csv"]
