"""The whole way of an article: draft → federation → school → live, every rejection, skipped
steps, re-approval after edits, and who hears of each step."""

import pytest
from django.core import mail

from tests.workflow.admin import act, fresh, position, press
from tests.workflow.conftest import recipients

pytestmark = pytest.mark.django_db


def test_a_chapter_article_goes_through_federation_and_school(client, drafts, people):
    page = drafts["a1"]
    client.force_login(people.editor_a1)
    response = press(client, page, "action-submit")
    assert response.status_code == 200
    assert position(page) == "federation"
    assert recipients() == ["reviewer_fed1"]
    assert "Chờ bạn duyệt" in mail.outbox[0].subject

    mail.outbox.clear()
    client.force_login(people.reviewer_fed1)
    act(client, page, "approve", comment="Ảnh đẹp, chuyển Đoàn trường.")
    assert position(page) == "school"
    assert recipients() == ["approver", "editor_a1"]
    to_editor = next(m for m in mail.outbox if m.to == ["editor_a1@example.invalid"])
    assert "Ảnh đẹp, chuyển Đoàn trường." in to_editor.body
    to_approver = next(m for m in mail.outbox if m.to == ["approver@example.invalid"])
    assert "Ảnh đẹp, chuyển Đoàn trường." in to_approver.body

    mail.outbox.clear()
    client.force_login(people.approver)
    act(client, page, "approve", comment="Đăng ngay.")
    assert position(page) == "live"
    assert fresh(page).live
    assert recipients() == ["editor_a1"]
    assert "Đăng ngay." in mail.outbox[0].body
