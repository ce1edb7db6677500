"""The office's daily moderation in Chromium: two comments waiting under an article are
selected in the comment list, approved together with Wagtail's bulk actions, and both show on
the article (its cached page purged). Against the demo content."""

import re
import uuid

import pytest

from .test_reader import ARTICLE_PATH

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser


def waiting_comment(site, name, body):
    """A reader's comment waiting for moderation, written straight to the site's database (the
    comment form's rate limit is shared with the reader journeys)."""
    site.shell(
        "from columns.models import ArticlePage, Comment; "
        f"page = ArticlePage.objects.get(url_path__endswith={ARTICLE_PATH!r}, "
        "locale__language_code='vi'); "
        f"Comment.objects.create(page=page, name={name!r}, body={body!r})"
    )


def test_a_moderator_approves_two_comments_at_once(open_page, page, site):
    tag = uuid.uuid4().hex[:6]
    bodies = [f"Hoạt động rất ý nghĩa ({tag})", f"Mong chi đoàn tổ chức thêm ({tag})"]
    for name, body in zip(("Lò Văn Hùng", "Quàng Thị Lan"), bodies, strict=True):
        waiting_comment(site, name, body)
    page.goto(ARTICLE_PATH)
    for body in bodies:
        expect(page.locator("#comments")).not_to_contain_text(body)

    moderator = open_page(user="btv")
    moderator.goto("/admin/")
    waiting = moderator.get_by_role("link", name=re.compile(r"Bình luận chờ duyệt: \d+"))
    expect(waiting).to_be_visible()
    waiting.click()
    moderator.wait_for_url(re.compile(r"/admin/column_comments/\?status=pending"))
    for body in bodies:
        moderator.get_by_role("row").filter(has_text=body).get_by_role("checkbox").check()
    footer = moderator.locator("[data-bulk-action-footer]")
    expect(footer).to_be_visible()
    footer.get_by_role("link", name="Duyệt các bình luận đã chọn").click()

    expect(moderator.get_by_text("Duyệt 2 bình luận này?")).to_be_visible()
    for body in bodies:
        expect(moderator.locator("main")).to_contain_text(body)
    moderator.get_by_role("button", name="Duyệt").click()
    expect(moderator.locator(".messages")).to_contain_text("Đã duyệt 2 bình luận")
    assert "/admin/column_comments/" in moderator.url
    for body in bodies:
        expect(moderator.get_by_role("row").filter(has_text=body)).to_have_count(0)

    page.reload()
    for body in bodies:
        expect(page.locator("#comments")).to_contain_text(body)
