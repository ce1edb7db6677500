"""A reader on the home page, on a phone and on a desktop: layout, languages, keyboard and
accessibility, as Chromium renders them."""

import re

import pytest

from . import harness

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(harness.PHONE, id="phone"), pytest.param(harness.DESKTOP, id="desktop")]


def horizontal_overflow(page):
    """How many pixels the page is wider than the screen (a broken phone layout scrolls)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_reader_on_a_phone_reads_the_home_page_and_switches_to_english(phone):
    phone.goto("/")
    expect(phone.locator("html")).to_have_attribute("lang", "vi")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Tuổi trẻ Sư phạm Điện Biên – chuyển đổi số từ chi đoàn"
    )
    expect(phone.get_by_role("navigation", name="Menu chính")).to_be_visible()
    expect(phone.get_by_role("contentinfo")).to_contain_text("Điện Biên")
    assert horizontal_overflow(phone) <= 0

    phone.get_by_role("link", name="English").tap()
    phone.wait_for_url(re.compile(r"/en/$"))
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Dien Bien Pedagogical College youth: going digital"
    )
    expect(phone.get_by_role("link", name="Skip to content")).to_be_attached()
    assert horizontal_overflow(phone) <= 0

    phone.get_by_role("link", name="Tiếng Việt").tap()
    phone.wait_for_url(re.compile(r"/$"))
    expect(phone.locator("html")).to_have_attribute("lang", "vi")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["/", "/en/", "/trang-khong-co/"])
def test_the_home_and_error_pages_have_no_serious_accessibility_violation(
    open_page, axe, viewport, path
):
    page = open_page(viewport)
    page.goto(path)
    axe(page)


def test_a_reader_who_follows_a_dead_link_finds_the_way_home(phone):
    response = phone.goto("/bai-viet-da-go/")
    assert response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
    phone.get_by_role("link", name="Về trang chủ").tap()
    phone.wait_for_url(re.compile(r"/$"))
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Tuổi trẻ Sư phạm Điện Biên")


def test_a_keyboard_user_skips_to_the_content_and_reaches_every_menu_item(page):
    page.goto("/")
    skip = page.get_by_role("link", name="Chuyển đến nội dung chính")
    assert harness.tab_to(page, skip) == 1, "the skip link must be the first Tab stop"
    assert skip.bounding_box()["x"] >= 0, "the skip link must show when it has focus"
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    page.goto("/")
    menu = page.get_by_role("navigation", name="Menu chính").get_by_role("link")
    wanted = set(menu.all_inner_texts())
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const a = document.activeElement;"
            " return a.closest('.main-nav') ? a.textContent.trim() : null }"
        )
        if focused:
            reached.add(focused)
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"{focused!r} shows no focus outline"
        if reached == wanted:
            break
    assert reached == wanted


def test_an_editor_logs_in_with_the_keyboard_only_and_works_in_vietnamese(page):
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    # Wagtail focuses the username field itself; a keyboard user starts typing there.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type("bithu.mna")
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(harness.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("link", name="Bảng điều khiển")).to_be_visible()
    # Django's user form asks "Tên" (first_name: the given name, which the sidebar greets by)
    # and "Họ"; Django writes the full name as first then last.
    expect(page.get_by_role("heading", name="Mai Lò Thị")).to_be_visible()


def test_a_wrong_password_is_refused_in_vietnamese(page):
    page.goto("/admin/login/")
    page.locator("#id_username").fill("bithu.mna")
    page.locator("#id_password").fill("sai-mat-khau")
    page.locator("form button[type=submit]").click()
    # The wording is Wagtail's (or our admin catalogue's): what matters is that it says, in
    # Vietnamese, that the password did not match, where a screen reader announces it.
    expect(page.locator(".messages[role=status]")).to_contain_text("mật khẩu")
    assert "/admin/login/" in page.url
