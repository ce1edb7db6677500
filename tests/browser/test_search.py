"""A reader searches the site, in a real browser: without diacritics, with the keyboard only,
and the results page is accessible at phone and desktop width."""

import re

import pytest

from . import harness

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

ARTICLE = "Chủ nhật xanh ở khu ký túc xá"
VIEWPORTS = [pytest.param(harness.PHONE, id="phone"), pytest.param(harness.DESKTOP, id="desktop")]


def header_search(page):
    return page.get_by_role("banner").get_by_role("searchbox", name="Tìm kiếm trên trang")


def test_a_keyboard_user_searches_without_diacritics_and_opens_a_result(page):
    page.goto("/")
    box = header_search(page)
    harness.tab_to(page, box)
    page.keyboard.type("chu nhat xanh ky tuc xa")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?"))
    expect(page.get_by_role("status")).to_contain_text("chu nhat xanh ky tuc xa")
    result = page.locator(".search-results").get_by_role("link", name=ARTICLE)
    harness.tab_to(page, result, limit=80)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE)


def test_a_document_is_found_by_its_number_typed_loosely(phone):
    phone.goto("/tim-kiem/?q=02+CT+TTg")
    first = phone.locator(".search-result").first
    expect(first).to_contain_text("02/CT-TTg")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["/tim-kiem/?q=chuyen+doi+so", "/tim-kiem/?q=khongcogica"])
def test_the_search_pages_have_no_serious_accessibility_violation(open_page, axe, viewport, path):
    page = open_page(viewport)
    page.goto(path)
    axe(page)
