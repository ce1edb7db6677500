"""A guidance document travels to a chapter and back, in a real browser: the school union
assigns it to a chapter, the chapter's secretary acknowledges it from the dashboard and starts
the implementation report, and the progress table shows where the chapter stands."""

import re

import pytest

from . import harness

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

DOCUMENT = "Chỉ thị số 02/CT-TTg"
TO_CARRY_OUT = "#directives-to-carry-out-content"  # the dashboard panel "Văn bản cần triển khai"


# A known bug, reported to the lead: the "assign to units" form's date field calls Wagtail's
# initDateChooser, whose script the page does not load (the form's media is missing), so the
# calendar never opens; typing the date works. Tolerated in the journey, pinned at the end.
def progress_row(page, unit):
    """The unit's row of the progress table (documents × units)."""
    page.goto("/admin/directives/progress/")
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=unit))


def assign(approver, chapter):
    """The school union assigns the directive to one chapter, with a deadline and a note."""
    approver.goto("/admin/directives/progress/")
    approver.get_by_role("link", name=DOCUMENT).click()
    approver.get_by_role("combobox", name="Đơn vị").select_option(label=f"— — {chapter}")
    approver.get_by_role("radio", name="Chỉ đơn vị này").check()
    approver.get_by_role("textbox", name="Hạn báo cáo").fill("31/12/2026")
    approver.get_by_role("textbox", name="Ghi chú gửi các đơn vị").fill(
        "Đề nghị chi đoàn báo cáo kết quả cài đặt ứng dụng trước 31/12."
    )
    approver.keyboard.press("Escape")  # close the date picker, if it opened
    approver.get_by_role("button", name="Giao triển khai").click()
    assigned = approver.get_by_role("row").filter(has_text=chapter)
    expect(assigned).to_contain_text("31/12/2026")
    expect(assigned).to_contain_text("Đã giao")


def acknowledge(editor, chapter):
    """The chapter's secretary finds the directive on the dashboard and acknowledges it."""
    editor.goto("/admin/")
    row = editor.locator(TO_CARRY_OUT).get_by_role("row").filter(has_text=DOCUMENT)
    expect(row).to_contain_text("31/12/2026")
    row.get_by_role("button", name="Tiếp nhận").click()
    expect(editor.locator(".messages")).to_contain_text(f"{chapter} đã tiếp nhận")
    row = editor.locator(TO_CARRY_OUT).get_by_role("row").filter(has_text=DOCUMENT)
    expect(row).to_contain_text("Đã tiếp nhận")
    return row


def test_a_chapter_acknowledges_a_directive_the_school_union_assigned(open_page):
    chapter = "Chi đoàn K20 Giáo dục Mầm non A"
    approver = open_page(user="btv")
    assign(approver, chapter)
    editor = open_page(user="bithu.mna")
    row = acknowledge(editor, chapter)
    expect(row.get_by_role("button", name="Viết báo cáo")).to_be_visible()
    expect(progress_row(approver, chapter)).to_contain_text("Đã tiếp nhận")


def test_a_chapter_starts_its_report_and_the_school_union_sees_it_linked(open_page):
    chapter = "Chi đoàn K20 Sư phạm Tin học"
    approver = open_page(user="btv")
    assign(approver, chapter)
    editor = open_page(user="bithu.tin")
    row = acknowledge(editor, chapter)

    # The report opens in the page editor, already linked to the assignment.
    row.get_by_role("button", name="Viết báo cáo").click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    report_title = editor.locator("#id_title").input_value()
    assert report_title, "the report starts with a title"
    editor.goto("/admin/")
    row = editor.locator(TO_CARRY_OUT).get_by_role("row").filter(has_text=DOCUMENT)
    expect(row.get_by_role("button", name="Viết tiếp báo cáo")).to_be_visible()

    # The school union finds the report linked to the chapter's assignment.
    approver.goto("/admin/directives/progress/")
    approver.get_by_role("link", name=DOCUMENT).click()
    assigned = approver.get_by_role("row").filter(has_text=chapter)
    expect(assigned.get_by_role("link", name=report_title)).to_be_visible()


def test_the_assign_form_opens_without_a_javascript_error(open_page):
    approver = open_page(user="btv")
    approver.goto("/admin/directives/progress/")
    approver.get_by_role("link", name=DOCUMENT).click()
    expect(approver.get_by_role("button", name="Giao triển khai")).to_be_visible()
    approver.wait_for_load_state("networkidle")
    errors = list(open_page.errors)
    open_page.errors.clear()
    assert not errors


@pytest.mark.parametrize("viewport", [harness.PHONE, harness.DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["/van-ban/", "/van-ban/chi-thi-02-ct-ttg/"])
def test_the_document_pages_have_no_serious_accessibility_violation(open_page, axe, viewport, path):
    page = open_page(viewport)
    assert page.goto(path).status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    axe(page)
