"""A reader's journey through the columns, mostly on a phone: from the home page to an article,
a comment that waits for moderation, sharing, and the English version. Against the demo
content (columns/demo_content.py)."""

import re
import uuid

import pytest

from . import harness

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

COLUMN = "Mỗi ngày 1 tin tốt, mỗi tuần một câu chuyện đẹp"
COLUMN_PATH = "/mot-ngay-mot-tin-tot/"
ARTICLE = "Chủ nhật xanh ở khu ký túc xá"
ARTICLE_PATH = "/mot-ngay-mot-tin-tot/chu-nhat-xanh-khu-ky-tuc-xa/"
ARTICLE_EN = "A green Sunday at the dormitory"
AWAITS_MODERATION = "Cảm ơn bạn! Bình luận sẽ hiển thị sau khi được Ban biên tập duyệt."
VIEWPORTS = [pytest.param(harness.PHONE, id="phone"), pytest.param(harness.DESKTOP, id="desktop")]

# A phone has a share sheet (navigator.share); headless Chromium has none, so the phone
# journey gives it one that records what it was asked to share.
SHARE_SHEET = "navigator.share = async (data) => { window.sharedWithSheet = data; };"


def horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def comment_status(site, body):
    """The moderation status of the comment with this text, read from the site's database."""
    return site.shell(
        "from columns.models import Comment; "
        f"print(*Comment.objects.filter(body={body!r}).values_list('status', flat=True))"
    ).strip()


def test_a_reader_on_a_phone_reads_comments_shares_and_switches_to_english(phone, site):
    phone.context.add_init_script(SHARE_SHEET)
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url)
    # Facebook's and Zalo's pages are not ours to load: answer for them, see what was asked.
    phone.context.route(
        re.compile(r"https://(www\.facebook\.com|sp\.zalo\.me)/.*"),
        lambda route: route.fulfill(content_type="text/html", body="<title>shared</title>"),
    )

    # Home → the column from the main menu.
    phone.goto("/")
    phone.get_by_role("navigation", name="Menu chính").get_by_role("link", name=COLUMN).tap()
    phone.wait_for_url(f"**{COLUMN_PATH}")
    expect(phone.get_by_role("heading", level=1)).to_have_text(COLUMN)
    assert horizontal_overflow(phone) <= 0

    # The column → the article, with its captioned image and a view counted.
    phone.get_by_role("link", name=ARTICLE).tap()
    phone.wait_for_url(f"**{ARTICLE_PATH}")
    expect(phone.get_by_role("heading", level=1)).to_have_text(ARTICLE)
    assert horizontal_overflow(phone) <= 0
    images = phone.locator("article img")
    assert images.count() >= 1
    for image in images.all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, "an article image did not load"
    expect(phone.locator("[data-views]")).to_have_text(re.compile(r"^[1-9][\d.]*$"))

    # A comment: sent without leaving the page, and not shown until an editor approves it.
    body = f"Bài viết hay quá, chi đoàn mình cũng sẽ làm! ({uuid.uuid4().hex[:6]})"
    form = phone.locator("form[data-comment-form]")
    form.get_by_label("Họ và tên").fill("Lò Văn Tùng")
    form.get_by_role("textbox", name=re.compile("Bình luận|Nội dung")).fill(body)
    form.get_by_role("button", name="Gửi bình luận").tap()
    expect(form.get_by_role("status")).to_have_text(AWAITS_MODERATION)
    assert phone.url.endswith(ARTICLE_PATH)
    expect(phone.locator("#comments")).not_to_contain_text(body)
    assert comment_status(site, body) == "pending"
    phone.reload()
    expect(phone.locator("#comments")).not_to_contain_text(body)

    # Copy the link: the clipboard holds the article's address, the button says so.
    copy = phone.get_by_role("button", name="Sao chép liên kết")
    copy.tap()
    expect(phone.get_by_role("button", name="Đã sao chép liên kết")).to_be_visible()
    assert phone.evaluate("navigator.clipboard.readText()").endswith(ARTICLE_PATH)

    # Zalo on a phone opens the share sheet (which lists Zalo) with the article's address.
    phone.locator("article").get_by_role("link", name="Zalo").tap()
    shared = phone.wait_for_function("window.sharedWithSheet").json_value()
    assert shared["url"].endswith(ARTICLE_PATH)
    assert ARTICLE in shared["title"]

    # Facebook opens its sharer in a new tab with the article's address.
    with phone.expect_popup() as popup:
        phone.locator("article").get_by_role("link", name="Facebook").tap()
    sharer = popup.value.url
    assert sharer.startswith("https://www.facebook.com/sharer/sharer.php?u=")
    assert sharer.endswith(ARTICLE_PATH.replace("/", "%2F"))
    popup.value.close()

    # The English version of the article.
    phone.get_by_role("link", name="English").tap()
    phone.wait_for_url(re.compile(r"/en/.+"))
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", level=1)).to_have_text(ARTICLE_EN)


def test_an_editor_on_a_phone_approves_a_comment_in_one_tap(open_page, phone):
    body = f"Cảm ơn chi đoàn đã tổ chức! ({uuid.uuid4().hex[:6]})"
    phone.goto(ARTICLE_PATH)
    form = phone.locator("form[data-comment-form]")
    form.get_by_label("Họ và tên").fill("Vì Thị Mai")
    form.get_by_role("textbox", name=re.compile("Bình luận|Nội dung")).fill(body)
    form.get_by_role("button", name="Gửi bình luận").tap()
    expect(form.get_by_role("status")).to_have_text(AWAITS_MODERATION)

    editor = open_page(harness.PHONE, user="btv")
    editor.goto("/admin/column_comments/?status=pending")
    row = editor.get_by_role("row").filter(has_text=body)
    row.get_by_role("button", name="Duyệt bình luận của Vì Thị Mai").tap()
    expect(editor.locator(".messages")).to_contain_text("Đã duyệt bình luận của Vì Thị Mai")
    assert editor.url.endswith("/admin/column_comments/?status=pending")
    expect(editor.get_by_role("row").filter(has_text=body)).to_have_count(0)

    phone.reload()
    expect(phone.locator("#comments")).to_contain_text(body)


def test_a_comment_that_is_too_short_is_refused_with_the_reason(page):
    page.goto(ARTICLE_PATH)
    form = page.locator("form[data-comment-form]")
    form.get_by_label("Họ và tên").fill("Vì Văn Sáng")
    form.get_by_role("textbox", name=re.compile("Bình luận|Nội dung")).fill("ok")
    form.get_by_role("button", name="Gửi bình luận").click()
    expect(form.get_by_role("status")).to_have_text("Bình luận quá ngắn.")


def test_a_keyboard_user_writes_a_comment_without_a_mouse(page, site):
    page.goto(ARTICLE_PATH)
    form = page.locator("form[data-comment-form]")
    name = form.get_by_label("Họ và tên")
    harness.tab_to(page, name)
    page.keyboard.type("Quàng Thị Dung")
    fields = []
    body = f"Cảm ơn các bạn chi đoàn Mầm non A ({uuid.uuid4().hex[:6]})"
    while True:  # Tab on to the comment box, through whatever fields lie between
        page.keyboard.press("Tab")
        focused = page.evaluate("(e => e.tagName + ':' + e.name)(document.activeElement)")
        fields.append(focused)
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        if focused.startswith("TEXTAREA"):
            break
        assert len(fields) < 5, f"the comment box is not reached with Tab: {fields}"
    assert "INPUT:website" not in fields, "the robots' trap field must not take keyboard focus"
    page.keyboard.type(body)
    page.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Gửi bình luận")).to_be_focused()
    page.keyboard.press("Enter")
    expect(form.get_by_role("status")).to_have_text(AWAITS_MODERATION)
    assert comment_status(site, body) == "pending"


def comment_form_path(open_page):
    page = open_page()
    page.goto(ARTICLE_PATH)
    path = page.locator("form[data-comment-form]").get_attribute("action")
    page.context.close()
    return path


# The demo's orange column (#e67e22) would be 2.84:1 on white as text; it is only an accent.
ORANGE_COLUMN_ARTICLE = pytest.param(
    "/sang-tao-khoi-nghiep/ung-dung-diem-danh-bang-ma-qr/", id="article-in-an-orange-column"
)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(
    "path",
    [COLUMN_PATH, ARTICLE_PATH, ORANGE_COLUMN_ARTICLE, "comment-form", "/en/"],
)
def test_column_article_and_comment_pages_have_no_serious_accessibility_violation(
    open_page, axe, viewport, path
):
    if path == "comment-form":
        path = comment_form_path(open_page)
    page = open_page(viewport)
    page.goto(path)
    axe(page)
