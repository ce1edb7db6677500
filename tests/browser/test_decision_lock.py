"""The lost approval (issue 15), in Chromium: a double click on "Duyệt kèm nhận xét và xuất
bản" sends one decision, the page stays published, and Wagtail's autosave stays quiet while
the decision is on its way. The server takes a decision one at a time per page, so even two
POSTs arriving together approve once (organisation/workflow_guard.py)."""

import re
import uuid

import pytest

from .test_approval import WAITING_FOR_ME, open_waiting, write_article

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

EDIT = re.compile(r"/admin/pages/(\d+)/edit/$")
DASHBOARD = re.compile(r"/admin/$")
SLOW = 20_000  # ms: the shared test machine is slow under load


def approve_with_comment(page, comment, click="click"):
    """ "Duyệt kèm nhận xét" in Wagtail's dialog; ``click="dblclick"`` double-clicks its
    submit button."""
    page.locator(
        "footer [data-workflow-action-name=approve][data-workflow-action-modal-url]"
    ).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox").fill(comment)
    getattr(dialog.locator("button[type=submit]").last, click)()


def test_a_double_click_on_approve_with_comment_publishes_once(open_page):
    title = f"Ngày hội hiến máu tình nguyện {uuid.uuid4().hex[:4]}"
    write_article(open_page(user="bithu.mna"), title)
    reviewer = open_page(user="lcd1")
    open_waiting(reviewer, title)
    approve_with_comment(reviewer, "Đề nghị Đoàn trường xuất bản.")
    reviewer.wait_for_url(DASHBOARD, timeout=SLOW)

    approver = open_page(user="btv")
    open_waiting(approver, title)
    expect(approver.locator("script[src*='review_lock']")).to_have_count(1)
    posts = []
    approver.on(
        "request",
        lambda request: (
            posts.append(request.headers.get("accept", ""))
            if request.method == "POST" and EDIT.search(request.url)
            else None
        ),
    )
    approve_with_comment(approver, "Bài tốt, xuất bản.", click="dblclick")
    # The approver keeps Wagtail's way back: the column in the explorer.
    approver.wait_for_url(re.compile(r"/admin/pages/\d+/$"), timeout=SLOW)
    expect(approver.locator(".messages")).to_contain_text(title, timeout=SLOW)
    approver.wait_for_timeout(2000)  # longer than Wagtail's autosave interval

    assert len(posts) == 1, f"one decision expected, the browser sent {len(posts)}: {posts}"
    expect(approver.locator(".messages .error")).to_have_count(0)
    approver.goto("/admin/")
    expect(approver.locator(WAITING_FOR_ME)).not_to_contain_text(title)

    # Published, and still published: the reader finds it.
    reader = open_page()
    reader.goto("/mot-ngay-mot-tin-tot/")
    expect(reader.get_by_role("link", name=title)).to_be_visible()
