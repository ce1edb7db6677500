"""The approval path in the Wagtail admin, in a real browser: a chapter editor writes an article
with a captioned photo and submits it, the federation reviewer approves with a comment, the
school union approver publishes, and a reader finds it; and the rejection path back to the
editor. Each person works in their own browser context, as on their own computer.

Admin labels that Wagtail still shows in English are not used to find things (the admin's
Vietnamese catalogue is growing); stable hooks are: field ids, button names and data
attributes, and our own Vietnamese panels and block names."""

import io
import random
import re
import uuid

import pytest
from PIL import Image, ImageDraw

from . import harness

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

HOME = "Trang chủ"
COLUMN = "Mỗi ngày 1 tin tốt, mỗi tuần một câu chuyện đẹp"
COLUMN_PATH = "/mot-ngay-mot-tin-tot/"
WAITING_FOR_ME = "#cho-toi-duyet-content"  # the dashboard panel "Chờ tôi duyệt"


def photo():
    """A JPEG no one has uploaded before (Wagtail asks about duplicates otherwise)."""
    picture = Image.new("RGB", (800, 500), tuple(random.randrange(40, 200) for _ in range(3)))
    ImageDraw.Draw(picture).ellipse([300, 150, 500, 350], fill=(250, 210, 60))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")
    return buffer.getvalue()


def explore(page, *titles):
    """Walk the admin's page explorer down through the pages with these titles (an editor
    starts inside the home page already, a superuser above it)."""
    page.goto("/admin/pages/")
    for title in titles:
        row = page.get_by_role("row", name=re.compile(re.escape(title)))
        if row.count():
            row.locator("a[href^='/admin/pages/'][href$='/']").last.click()
            page.wait_for_load_state()
    return page


def open_footer_menu(page):
    page.locator("footer [data-w-dropdown-target=toggle]").click()


def write_article(page, title, caption=None):
    """In the column, add an article (with an uploaded, captioned photo if a caption is
    given) and submit it for approval."""
    explore(page, HOME, COLUMN)
    page.locator("a[href$='/add_subpage/']").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/columns/articlepage/\d+/"))
    page.locator("#id_title").fill(title)
    page.locator("#id_lead").fill("Sáng thứ Bảy, đoàn viên chi đoàn ra quân làm sạch sân trường.")
    expect(page.get_by_role("combobox", name="Đơn vị")).to_have_value(re.compile(r"\d+"))
    if caption:
        # The panel's id follows the tab's (translated) heading; its end is the field's name.
        body = page.locator("section[id$='-body-section']")
        body.locator("button.c-sf-add-button").first.click()
        page.get_by_role("option", name="Ảnh có chú thích").click()
        body.locator("button[data-chooser-action-choose]").click()
        dialog = page.get_by_role("dialog")
        dialog.locator("#tab-label-upload").click()  # "Tải lên"
        upload = dialog.locator("form[data-chooser-modal-creation-form]")
        upload.locator("#id_image-chooser-upload-title").fill(f"Ảnh: {title}")
        upload.locator("#id_image-chooser-upload-file").set_input_files(
            {"name": "ra-quan.jpg", "mimeType": "image/jpeg", "buffer": photo()}
        )
        upload.locator("#id_image-chooser-upload-description").fill("Đoàn viên quét sân trường")
        upload.locator("button[type=submit]").click()
        expect(dialog).to_be_hidden()
        expect(body).to_contain_text(f"Ảnh: {title}")
        body.get_by_role("textbox", name="chú thích").fill(caption)
    open_footer_menu(page)
    expect(page.locator("footer button[name=action-publish]")).to_have_count(0)
    page.locator("footer button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text(title)


def open_waiting(page, title):
    """From the dashboard's "Chờ tôi duyệt" panel, open the article waiting for a decision."""
    page.goto("/admin/")
    page.locator(WAITING_FOR_ME).get_by_role("link", name=title).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    open_footer_menu(page)


def decide(page, action, comment):
    """Approve or reject (request changes) with a comment, in Wagtail's workflow dialog."""
    with_comment = f"[data-workflow-action-name={action}][data-workflow-action-modal-url]"
    page.locator(f"footer {with_comment}").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox").fill(comment)
    dialog.locator("button[type=submit], button").last.click()
    page.wait_for_url(re.compile(r"/admin/"))
    expect(page.locator(".messages")).to_be_visible()


def mails_to(site, username, containing):
    return [mail for mail in site.mails() if f"To: {username}@" in mail and containing in mail]


def test_an_article_goes_from_the_chapter_through_both_approvals_to_the_reader(open_page, site):
    title = f"Chi đoàn ra quân làm sạch sân trường {uuid.uuid4().hex[:4]}"
    caption = "Đoàn viên K20 Mầm non A quét lá trước thư viện"

    editor = open_page(user="bithu.mna")
    write_article(editor, title, caption)

    # A reviewer of another federation has nothing to decide; the right one has it waiting.
    other = open_page(user="lcd2")
    expect(other.locator(WAITING_FOR_ME)).not_to_contain_text(title)
    reviewer = open_page(user="lcd1")
    assert mails_to(site, "lcd1", title), "the federation reviewer is told by email"
    open_waiting(reviewer, title)
    expect(reviewer.locator("footer button[name=action-publish]")).to_have_count(0)
    decide(reviewer, "approve", "Bài tốt, đề nghị Đoàn trường xuất bản.")

    # Not public yet: the school union has the last word.
    reader = open_page(harness.PHONE)
    reader.goto(COLUMN_PATH)
    expect(reader.get_by_role("link", name=title)).to_have_count(0)

    approver = open_page(user="btv")
    open_waiting(approver, title)
    approver.locator("footer [data-workflow-action-name=approve]").first.click()
    expect(approver.locator(".messages")).to_contain_text(title)

    # Live: the reader finds it in the column, with the photo and its caption.
    reader.goto(COLUMN_PATH)
    reader.get_by_role("link", name=title).tap()
    expect(reader.get_by_role("heading", level=1)).to_have_text(title)
    figure = reader.locator("article figure").filter(has_text=caption)
    expect(figure).to_be_visible()
    image = figure.locator("img")
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0
    assert mails_to(site, "bithu.mna", title), "the editor is told the article is published"


def test_a_rejected_article_goes_back_to_its_editor_with_the_comment(open_page, site):
    title = f"Hội thao chào mừng ngày thành lập Đoàn {uuid.uuid4().hex[:4]}"
    comment = "Đề nghị bổ sung số đoàn viên tham gia và kết quả từng môn."

    editor = open_page(user="bithu.mna")
    write_article(editor, title)
    reviewer = open_page(user="lcd1")
    open_waiting(reviewer, title)
    decide(reviewer, "reject", comment)
    reviewer.goto("/admin/")
    expect(reviewer.locator(WAITING_FOR_ME)).not_to_contain_text(title)

    # The editor is emailed the comment and a link back to the article...
    mail = mails_to(site, "bithu.mna", comment)
    assert mail, "the editor is emailed the reviewer's comment"
    link = re.search(r"https?://\S+/admin/pages/\d+/edit/", mail[-1]).group(0)
    editor.goto(link)
    # ...and finds the comment in the article's workflow status too.
    editor.locator("[data-side-panel-toggle=status]").click()
    editor.locator("[data-a11y-dialog-show=workflow-status-dialog]").click()
    expect(editor.locator("#workflow-status-dialog")).to_contain_text(comment)
    editor.keyboard.press("Escape")

    editor.locator("#id_lead").fill(
        "Sáng Chủ nhật, 120 đoàn viên của 6 chi đoàn thi kéo co, bóng chuyền và chạy tiếp sức."
    )
    open_footer_menu(editor)
    editor.locator("footer button[name=action-submit]").click()
    expect(editor.locator(".messages")).to_contain_text(title)

    reviewer.goto("/admin/")
    expect(reviewer.locator(WAITING_FOR_ME)).to_contain_text(title)


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_a_reviewer_goes_back_to_their_work_list_after_deciding(open_page, action):
    """Not to the explorer, which refuses a reviewer (who holds no page permission)."""
    title = f"Đêm văn nghệ chào tân sinh viên {uuid.uuid4().hex[:4]}"
    write_article(open_page(user="bithu.mna"), title)
    reviewer = open_page(user="lcd1")
    open_waiting(reviewer, title)
    decide(reviewer, action, "Đồng ý." if action == "approve" else "Bổ sung ảnh.")
    assert reviewer.url.endswith("/admin/")
    expect(reviewer.locator(".messages")).to_contain_text(title)
    expect(reviewer.locator(".messages .error")).to_have_count(0)
    expect(reviewer.locator(WAITING_FOR_ME)).not_to_contain_text(title)
