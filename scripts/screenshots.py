"""Regenerate docs/screenshots/*.png: the public site at phone and desktop width and the admin
screens each role works in, from the demo content, in Debian's Chromium.

Usage: `make screenshots` (or `.venv/bin/python scripts/screenshots.py [NAME ...]` for some).
A screen whose feature is not built yet (its page answers 404, or the link to it is missing)
is reported and left out, so the script works at every stage of the project.
"""

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import harness

OUT = harness.BASE_DIR / "docs" / "screenshots"


class NotBuiltYet(Exception):
    """The screen this shot shows does not exist in this version of the site."""


@dataclass
class Shot:
    name: str
    path: str | None = None  # a URL path, or None when `go` finds the page
    viewport: dict = None
    user: str | None = None
    go: object = None  # go(page): navigate (and act) until the screen is shown

    def show(self, page):
        if self.go:
            self.go(page)
        else:
            response = page.goto(self.path)
            if response is None or response.status == 404:
                raise NotBuiltYet(f"{self.path} answers 404")
        page.wait_for_load_state("networkidle")


def follow(page, selector, what):
    """Go to the first link matching the selector, or say the screen is not built yet."""
    link = page.locator(selector).first
    if not link.count():
        raise NotBuiltYet(f"no {what} to open ({selector})")
    page.goto(link.get_attribute("href"))


def first_column(page):
    page.goto("/")
    follow(page, ".main-nav__list li:nth-child(2) a", "column in the main menu")


def first_article(page):
    first_column(page)
    follow(page, "main .card__title a", "article in the column")


def first_document(page):
    response = page.goto("/van-ban/")
    if response.status == 404:
        raise NotBuiltYet("/van-ban/ answers 404")
    follow(page, "main .card__title a, main h2 a, main h3 a", "document in the list")


def new_article(page):
    """The editor of a new article in the first column, title and lead filled in."""
    page.goto("/")
    column = page.locator(".main-nav__list li:nth-child(2) a")
    if not column.count():
        raise NotBuiltYet("no column in the main menu")
    title = column.inner_text().strip()
    page.goto("/admin/pages/")
    row = page.get_by_role("row").filter(has_text=title)
    if not row.count():
        raise NotBuiltYet(f"no {title!r} in the page explorer")
    row.locator("a[href^='/admin/pages/'][href$='/']").last.click()
    page.locator("a[href$='/add_subpage/']").first.click()
    page.wait_for_load_state()
    page.locator("#id_title").fill("Chi đoàn ra quân làm sạch sân trường")
    if page.locator("#id_lead").count():
        page.locator("#id_lead").fill(
            "Sáng thứ Bảy, đoàn viên chi đoàn ra quân làm sạch sân trường và trồng thêm cây xanh."
        )


def import_preview(sample):
    def go(page):
        response = page.goto("/admin/members/import/")
        if response.status == 404:
            raise NotBuiltYet("/admin/members/import/ answers 404")
        page.locator("input[type=file]").set_input_files(
            str(harness.BASE_DIR / "docs" / "samples" / sample)
        )
        page.locator("main form[enctype] button[type=submit]").click()
        page.wait_for_load_state()

    return go


PHONE, DESKTOP = harness.PHONE, harness.DESKTOP

SHOTS = [
    Shot("home-phone", "/", PHONE),
    Shot("home-desktop", "/", DESKTOP),
    Shot("home-en-phone", "/en/", PHONE),
    Shot("column-phone", viewport=PHONE, go=first_column),
    Shot("column-desktop", viewport=DESKTOP, go=first_column),
    Shot("article-phone", viewport=PHONE, go=first_article),
    Shot("article-desktop", viewport=DESKTOP, go=first_article),
    Shot("document-phone", viewport=PHONE, go=first_document),
    Shot("search-phone", "/tim-kiem/?q=chuyen+doi+so", PHONE),
    Shot("search-desktop", "/tim-kiem/?q=chuyen+doi+so", DESKTOP),
    Shot("admin-login", "/admin/login/", DESKTOP),
    Shot("admin-dashboard-editor", "/admin/", DESKTOP, user="bithu.mna"),
    Shot("admin-article-editor", viewport=DESKTOP, user="bithu.mna", go=new_article),
    Shot("admin-dashboard-reviewer", "/admin/", DESKTOP, user="lcd1"),
    Shot("admin-dashboard-approver", "/admin/", DESKTOP, user="btv"),
    Shot(
        "admin-import-preview",
        viewport=DESKTOP,
        user="quanly",
        go=import_preview("doan-vien-mau.csv"),
    ),
    Shot(
        "admin-import-errors",
        viewport=DESKTOP,
        user="quanly",
        go=import_preview("doan-vien-co-loi.csv"),
    ),
    Shot("admin-comments-phone", "/admin/column_comments/?status=pending", PHONE, user="btv"),
    Shot("admin-members", "/admin/members/", DESKTOP, user="quanly"),
    Shot("admin-members-progress", "/admin/members/progress/", DESKTOP, user="btv"),
    Shot("admin-directives-progress", "/admin/directives/progress/", DESKTOP, user="btv"),
]


def take(browser, site, shot):
    """Open the shot's screen in a fresh context (logged in if needed) and save its PNG."""
    context = browser.new_context(
        base_url=site.url,
        viewport=shot.viewport,
        is_mobile=shot.viewport["width"] < 600,
        has_touch=shot.viewport["width"] < 600,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    try:
        page = context.new_page()
        if shot.user:
            harness.log_in(page, shot.user)
        shot.show(page)
        path = OUT / f"{shot.name}.png"
        page.screenshot(path=path, animations="disabled", caret="hide")
        return path
    finally:
        context.close()


def main(names):
    reason = harness.missing_browser()
    if reason:
        sys.exit(f"Cannot take screenshots: {reason}.")
    from playwright.sync_api import sync_playwright

    shots = [shot for shot in SHOTS if not names or shot.name in names]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="doan-screenshots-") as workdir:
        print("Preparing the demo site...")
        site = harness.LiveSite(workdir).prepare().start()
        try:
            with sync_playwright() as playwright:
                browser = harness.launch(playwright)
                for shot in shots:
                    try:
                        path = take(browser, site, shot)
                    except NotBuiltYet as reason:
                        print(f"  skipped {shot.name}: {reason}")
                    else:
                        print(f"  {path.relative_to(harness.BASE_DIR)}")
                browser.close()
        finally:
            site.stop()
        errors = site.errors_logged()
        if errors:
            sys.exit("The site logged errors while being photographed:\n" + "\n".join(errors))


if __name__ == "__main__":
    main(sys.argv[1:])
