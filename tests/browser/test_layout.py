"""Every public page type as a reader sees it on a phone, a laptop and a wide desktop: the whole
menu in sight, nothing wider than the screen, the sections under the header, headings in order,
targets a thumb can hit, and no accessibility violation of any impact. Against the demo content."""

import pytest

from . import harness

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

PHONE = harness.PHONE
LAPTOP = {"width": 1366, "height": 768}
WIDE = {"width": 1920, "height": 1080}
VIEWPORTS = [
    pytest.param(PHONE, id="390"),
    pytest.param(LAPTOP, id="1366"),
    pytest.param(WIDE, id="1920"),
]
MENU = [
    "Trang chủ",
    "Mỗi ngày 1 tin tốt, mỗi tuần một câu chuyện đẹp",
    "Sáng tạo khởi nghiệp",
    "Học tập và làm theo lời Bác",
    "Bảo vệ nền tảng tư tưởng của Đảng",
    "Văn bản",
]
ARTICLE = "/mot-ngay-mot-tin-tot/chu-nhat-xanh-khu-ky-tuc-xa/"
# One page of each public type the reader can land on.
PAGES = [
    pytest.param("/", id="home"),
    pytest.param("/mot-ngay-mot-tin-tot/", id="column"),
    pytest.param(ARTICLE, id="article"),
    pytest.param("/van-ban/", id="documents"),
    pytest.param("/van-ban/chi-thi-02-ct-ttg/", id="document"),
    pytest.param("/tim-kiem/?q=chuyen+doi+so", id="search"),
    pytest.param("/tim-kiem/", id="search-empty"),
    pytest.param("/en/", id="english-home"),
]
ALL_IMPACTS = ("minor", "moderate", "serious", "critical")


def layout_problems(page):
    """What is wrong with the page's layout at this width, as readable sentences."""
    return page.evaluate(
        """() => {
        const problems = [];
        const width = window.innerWidth;
        const overflow = document.documentElement.scrollWidth - width;
        if (overflow > 0) {
            const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .map(e => e.tagName.toLowerCase() + '.' + e.className).slice(0, 3);
            problems.push(`the page is ${overflow}px wider than the screen (${wide})`);
        }
        // Sections line up with the header's content, not with the window's left edge.
        const header = document.querySelector('.site-header__inner').getBoundingClientRect();
        for (const section of document.querySelectorAll('main .container')) {
            const left = section.getBoundingClientRect().left;
            if (left < header.left - 1) {
                problems.push(`${section.className} starts at ${left}px, header ${header.left}px`);
            }
        }
        // Headings go down one level at a time.
        let level = 0;
        for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
            const next = Number(heading.tagName[1]);
            if (next > level + 1) {
                problems.push(`h${level} is followed by h${next}: "${heading.textContent.trim()}"`);
            }
            level = next;
        }
        // Small links a thumb must hit: at least 24 px tall (WCAG 2.5.8).
        const small = [
            '.language-switcher a', '.article__tags a', '.site-footer a', '.main-nav a',
            '.breadcrumb a',
        ].join(', ');
        for (const link of document.querySelectorAll(small)) {
            const box = link.getBoundingClientRect();
            if (box.height < 24) {
                problems.push(`"${link.textContent.trim()}" is ${box.height}px tall`);
            }
        }
        return problems;
    }"""
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_fits_the_screen_with_the_whole_menu_in_sight(open_page, viewport, path):
    page = open_page(viewport)
    page.goto(path)
    menu = page.get_by_role("navigation", name="Menu chính").get_by_role("link")
    if path.startswith("/en/"):
        menu = page.get_by_role("navigation", name="Main menu").get_by_role("link")
    else:
        expect(menu).to_have_text(MENU)
    for link in menu.all():
        expect(link).to_be_in_viewport()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], link.inner_text()
    assert layout_problems(page) == []


@pytest.mark.parametrize(
    "viewport", [pytest.param(PHONE, id="phone"), pytest.param(LAPTOP, id="desktop")]
)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_has_no_accessibility_violation(open_page, axe, viewport, path):
    # The axe fixture checks serious and critical ones; this page type must have none at all.
    page = open_page(viewport)
    page.goto(path)
    violations = harness.axe_violations(page, impacts=ALL_IMPACTS)
    assert not violations, harness.describe_violations(violations)


def test_an_article_highlights_only_its_own_column_in_the_menu(page):
    page.goto(ARTICLE)
    menu = page.get_by_role("navigation", name="Menu chính")
    current = menu.locator("[aria-current]")
    expect(current).to_have_count(1)
    expect(current).to_have_text(MENU[1])

    page.goto("/van-ban/")
    expect(menu.locator("[aria-current]")).to_have_text("Văn bản")
    page.goto("/")
    expect(menu.locator("[aria-current='page']")).to_have_text("Trang chủ")


def test_the_home_page_never_shows_the_same_article_twice(page):
    page.goto("/")
    titles = page.locator("main .card__title").all_inner_texts()
    assert titles and len(titles) == len(set(titles))


def test_an_article_does_not_show_its_main_photo_twice(phone):
    phone.goto(ARTICLE)
    sources = phone.locator("article img").evaluate_all(
        "images => images.map(image => new URL(image.currentSrc).pathname.split('.')[0])"
    )
    assert len(sources) >= 2
    assert len(sources) == len(set(sources)), sources


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(ARTICLE, id="article"),
        pytest.param("/van-ban/chi-thi-02-ct-ttg/", id="document"),
    ],
)
def test_a_printed_page_is_the_text_without_the_sites_chrome(page, path):
    page.goto(path)
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Menu chính")).to_be_hidden()
    expect(page.locator(".site-search")).to_be_hidden()
    expect(page.locator(".share")).to_be_hidden()
    expect(page.locator(".breadcrumb")).to_be_hidden()
