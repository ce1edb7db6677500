"""The lost approval (issue 15), in Chromium: a double click on "Duyệt kèm nhận xét và xuất
bản" sends one decision, the page stays published, and Wagtail's autosave stays quiet while
the decision is on its way."""

import re
import uuid

import pytest

from .test_approval import WAITING_FOR_ME, decide, open_waiting, write_article

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

EDIT = re.compile(r"/admin/pages/(\d+)/edit/$")


def test_a_double_click_on_approve_with_comment_publishes_once(open_page):
    title = f"Ngày hội hiến máu tình nguyện {uuid.uuid4().hex[:4]}"
    write_article(open_page(user="bithu.mna"), title)
    reviewer = open_page(user="lcd1")
    open_waiting(reviewer, title)
    decide(reviewer, "approve", "Đề nghị Đoàn trường xuất bản.")

    approver = open_page(user="btv")
    open_waiting(approver, title)
    posts = []
    approver.on(
        "request",
        lambda request: (
            posts.append(request.headers.get("accept", ""))
            if request.method == "POST" and EDIT.search(request.url)
            else None
        ),
    )
    approver.locator(
        "footer [data-workflow-action-name=approve][data-workflow-action-modal-url]"
    ).click()
    dialog = approver.get_by_role("dialog")
    dialog.get_by_role("textbox").fill("Bài tốt, xuất bản.")
    dialog.locator("button[type=submit]").last.dblclick()
    # The approver keeps Wagtail's way back: the column in the explorer.
    approver.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    expect(approver.locator(".messages")).to_contain_text(title)
    approver.wait_for_timeout(2000)  # longer than Wagtail's autosave interval

    assert len(posts) == 1, f"one decision expected, the browser sent {len(posts)}: {posts}"
    expect(approver.locator(".messages .error")).to_have_count(0)
    approver.goto("/admin/")
    expect(approver.locator(WAITING_FOR_ME)).not_to_contain_text(title)

    # Published, and still published: the reader finds it.
    reader = open_page()
    reader.goto("/mot-ngay-mot-tin-tot/")
    expect(reader.get_by_role("link", name=title)).to_be_visible()


def test_the_editors_buttons_lock_while_the_decision_is_sent(open_page):
    title = f"Tọa đàm khởi nghiệp {uuid.uuid4().hex[:4]}"
    write_article(open_page(user="bithu.mna"), title)
    reviewer = open_page(user="lcd1")
    open_waiting(reviewer, title)
    form = reviewer.locator("form[data-edit-form]")
    approve = reviewer.locator("footer [data-workflow-action-name=approve]").first
    # Hold the request back, to look at the editor while it is in flight.
    held = []
    reviewer.route(EDIT, lambda route: held.append(route))
    approve.click()
    expect(form).to_have_attribute("aria-busy", "true")
    expect(form).not_to_have_attribute("data-controller", re.compile("w-autosave"))
    expect(approve).to_be_disabled()
    reviewer.locator("form[data-edit-form]").evaluate("form => form.requestSubmit()")
    reviewer.wait_for_timeout(500)
    assert len(held) == 1, "a second submission while the first is in flight is dropped"
    reviewer.unroute(EDIT)
    held[0].continue_()
    reviewer.wait_for_url(re.compile(r"/admin/$"))
    expect(reviewer.locator(".messages")).to_contain_text(title)
