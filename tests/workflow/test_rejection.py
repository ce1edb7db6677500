"""A rejection needs a reason (issue 15): "Yêu cầu chỉnh sửa" with an empty comment is refused
in Vietnamese, the editors find the reason at the top of the editor and on their dashboard,
and a page sent back offers its editors "Gửi lại…" without the buttons that invite mistakes."""

import json

import pytest
from django.urls import reverse

from tests.workflow.admin import act, edit_url, form_of, messages_of, position, post, press

pytestmark = pytest.mark.django_db

NEEDS_A_REASON = "Hãy ghi rõ cần chỉnh sửa những gì"


def submitted(client, page, people):
    client.force_login(people.editor_a1)
    press(client, page, "action-submit")
    assert position(page) == "federation"


def test_request_changes_without_a_comment_is_refused_in_the_dialog(client, drafts, people):
    page = drafts["a1"]
    submitted(client, page, people)
    client.force_login(people.reviewer_fed1)
    task_state = page.specific_class.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    response = client.post(url, {"comment": "   "}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    assert NEEDS_A_REASON in json.dumps(response.json(), ensure_ascii=False)
    assert position(page) == "federation"
    # Without the dialog (a form posted by hand) it is not accepted either.
    act(client, page, "reject", comment="")
    assert position(page) == "federation"


def test_request_changes_without_a_comment_is_refused_in_the_editor(client, drafts, people):
    page = drafts["a1"]
    submitted(client, page, people)
    client.force_login(people.reviewer_fed1)
    data = form_of(client, edit_url(page))
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = "reject"
    data["workflow-action-extra-data"] = json.dumps({"comment": ""})
    response = post(client, edit_url(page), data)
    assert response.status_code == 200
    assert any(NEEDS_A_REASON in message for message in messages_of(response))
    assert position(page) == "federation"


def test_the_editor_sees_the_reason_in_the_editor_and_on_the_dashboard(client, drafts, people):
    page = drafts["a1"]
    submitted(client, page, people)
    client.force_login(people.reviewer_fed1)
    act(client, page, "reject", comment="Thiếu ảnh hoạt động.")
    assert position(page) == "needs_changes"

    client.force_login(people.editor_a1)
    editor = client.get(edit_url(page))
    assert any(
        "yêu cầu chỉnh sửa ở bước “Liên chi đoàn duyệt”: Thiếu ảnh hoạt động." in message
        for message in messages_of(editor)
    )
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Lý do: Thiếu ảnh hoạt động." in dashboard


def test_a_sent_back_page_offers_its_editor_resubmit_only(client, drafts, people):
    page = drafts["a1"]
    submitted(client, page, people)
    client.force_login(people.reviewer_fed1)
    act(client, page, "reject", comment="Sửa tiêu đề.")

    client.force_login(people.editor_a1)
    html = client.get(edit_url(page)).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-cancel-workflow"' not in html
    assert 'name="action-restart-workflow"' not in html
    for button in ("action-cancel-workflow", "action-restart-workflow"):
        press(client, page, button)
        assert position(page) == "needs_changes"

    # Those who may publish keep them; the reviewer never had them.
    from organisation.wagtail_hooks import may_restart_or_cancel_sent_back

    page = page.specific_class.objects.get(pk=page.pk)
    assert may_restart_or_cancel_sent_back(people.superuser, page)
    assert may_restart_or_cancel_sent_back(people.approver, page)
    assert not may_restart_or_cancel_sent_back(people.editor_a1, page)
    assert not may_restart_or_cancel_sent_back(people.reviewer_fed1, page)


def test_while_in_review_the_submitter_still_withdraws(client, drafts, people):
    page = drafts["a1"]
    submitted(client, page, people)
    assert 'name="action-cancel-workflow"' in client.get(edit_url(page)).content.decode()
