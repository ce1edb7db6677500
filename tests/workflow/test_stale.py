"""The lost approval (issue 15, wagtail/wagtail#14460): the same decision sent twice, or a form
opened before someone else decided, never saves a stale page nor passes a page past a step,
and never answers 500."""

import json

import pytest
from django.core import mail
from wagtail.models import PageLogEntry

from tests.workflow.admin import act, edit_url, form_of, fresh, messages_of, position, post

pytestmark = pytest.mark.django_db

STALE = "thay đổi của đồng chí chưa được lưu"


def at_school(client, page, people):
    client.force_login(people.editor_a1)
    post(client, edit_url(page), {**form_of(client, edit_url(page)), "action-submit": "1"})
    client.force_login(people.reviewer_fed1)
    act(client, page, "approve")
    assert position(page) == "school"


def approval_form(client, page, comment):
    data = form_of(client, edit_url(page))
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = json.dumps({"comment": comment})
    return data


def test_the_same_stale_approval_sent_twice_leaves_the_page_published(client, drafts, people):
    page = drafts["a1"]
    at_school(client, page, people)
    client.force_login(people.approver)
    data = approval_form(client, page, "Đăng ngay.")
    assert data["review-step"] == str(fresh(page).current_workflow_task_state.pk)

    first = post(client, edit_url(page), data)
    assert first.status_code == 200
    assert fresh(page).live
    revisions = fresh(page).revisions.count()

    second = post(client, edit_url(page), data)  # the double click, or autosave a second later
    assert second.status_code == 200
    assert any(STALE in message for message in messages_of(second))
    page = fresh(page)
    assert page.live and not page.has_unpublished_changes
    assert page.revisions.count() == revisions
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1


def test_an_edit_arriving_after_the_workflow_finished_is_not_saved(client, drafts, people):
    page = drafts["a1"]
    at_school(client, page, people)
    client.force_login(people.approver)
    stale = form_of(client, edit_url(page))  # opened in one tab...
    act(client, page, "approve", comment="Đăng.")  # ...approved from the dashboard
    assert fresh(page).live

    stale["title"] = "Tiêu đề cũ ghi đè"
    response = post(client, edit_url(page), stale)
    assert response.status_code == 200
    assert any(STALE in message for message in messages_of(response))
    page = fresh(page)
    assert page.live and not page.has_unpublished_changes
    assert "ghi đè" not in page.get_latest_revision().content["title"]


def test_a_reviewers_form_from_before_the_step_moved_on_is_refused(client, drafts, people):
    page = drafts["a1"]
    client.force_login(people.editor_a1)
    post(client, edit_url(page), {**form_of(client, edit_url(page)), "action-submit": "1"})
    client.force_login(people.reviewer_fed1)
    stale = approval_form(client, page, "Chuyển Đoàn trường.")
    act(client, page, "approve")  # from the dashboard, in another tab
    stale["title"] = "Sửa muộn"
    response = post(client, edit_url(page), stale)
    # The step is over, so the reviewer may no longer open the page: Wagtail sends them back
    # to their dashboard with its refusal, before anything is read or saved.
    assert response.redirect_chain[0][0] == "/admin/"
    assert messages_of(response)
    assert position(page) == "school"
    assert "Sửa muộn" not in fresh(page).get_latest_revision().content["title"]


def test_the_same_decision_sent_twice_to_the_action_url_counts_once(client, drafts, people):
    from django.urls import reverse

    page = drafts["a1"]
    client.force_login(people.editor_a1)
    post(client, edit_url(page), {**form_of(client, edit_url(page)), "action-submit": "1"})
    client.force_login(people.reviewer_fed1)
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert post(client, url, {"comment": ""}).status_code == 200
    assert post(client, url, {"comment": ""}).status_code == 200
    # Still waiting for the school: the second click did not approve the school's step.
    assert position(page) == "school"
    assert not fresh(page).live


def test_autosave_after_the_decision_is_answered_as_a_conflict(client, drafts, people):
    page = drafts["a1"]
    at_school(client, page, people)
    client.force_login(people.approver)
    stale = form_of(client, edit_url(page))
    act(client, page, "approve")
    response = client.post(edit_url(page), stale, headers={"accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    assert fresh(page).live and not fresh(page).has_unpublished_changes


def test_two_decisions_sent_at_the_same_moment_count_once(client, drafts, people, rf):
    """The double click reaches the server twice before the first answer: the second finds
    the step claimed and is refused (in the browser this was a 500)."""
    from organisation.workflow_guard import claim_decision, release_decision

    page = drafts["a1"]
    at_school(client, page, people)
    page = fresh(page)
    first = rf.post("/", {"action-workflow-action": "1"})
    second = rf.post("/", {"action-workflow-action": "1"})
    assert claim_decision(first, page)
    assert not claim_decision(second, page)
    release_decision(first)
    assert claim_decision(second, page)
    release_decision(second)


def double_click(user, send):
    """``send(client)`` twice for ``user``, each from a client of its own; returns both answers
    as (client, response). On PostgreSQL two threads send at the same moment (each on its own
    connection); SQLite has one writer at a time, so there the second is sent after the first."""
    import threading

    from django.db import connection
    from django.test import Client

    answers = []

    def click(barrier=None):
        clicker = Client()
        clicker.force_login(user)
        if barrier:
            barrier.wait()
        try:
            answers.append((clicker, send(clicker)))
        finally:
            if barrier:
                connection.close()

    if connection.vendor != "postgresql":
        click()
        click()
        return answers
    barrier = threading.Barrier(2)
    clicks = [threading.Thread(target=click, args=(barrier,)) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join()
    return answers


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_reaching_the_server_at_once_approves_and_mails_once(client, drafts, people):
    """Both POSTs of a double click on "Duyệt kèm nhận xét và xuất bản" arrive together: the
    second waits for the first's lock on the page, then finds the step over."""
    from tests.workflow.conftest import recipients

    page = drafts["a1"]
    at_school(client, page, people)
    client.force_login(people.approver)
    data = approval_form(client, page, "Bài tốt, xuất bản.")
    mail.outbox.clear()

    answers = double_click(people.approver, lambda clicker: clicker.post(edit_url(page), data))

    # Each answer is followed afterwards: the test client records the templates of every
    # thread, so pages read while both run would mix their messages.
    assert [answer.status_code for _, answer in answers] == [302, 302]
    followed = [clicker.get(answer.url) for clicker, answer in answers]
    assert [response.status_code for response in followed] == [200, 200]
    refused = [r for r in followed if any(STALE in m for m in messages_of(r))]
    assert len(refused) == 1
    page = fresh(page)
    assert page.live and not page.has_unpublished_changes
    assert position(page) == "live"
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count() == 2
    assert recipients() == ["editor_a1"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_on_the_dashboards_approve_button_approves_once(client, drafts, people):
    """The dashboard's "Duyệt" posts to Wagtail's workflow action URL. The second copy of a
    double click waits for the first's lock on the step, then finds it over. Without the lock,
    on PostgreSQL, both read the step as waiting and both approved it."""
    from django.urls import reverse

    page = drafts["a1"]
    client.force_login(people.editor_a1)
    post(client, edit_url(page), {**form_of(client, edit_url(page)), "action-submit": "1"})
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])

    answers = double_click(
        people.reviewer_fed1, lambda clicker: clicker.post(url, {"comment": ""}, follow=True)
    )

    assert [answer.status_code for _, answer in answers] == [200, 200]
    assert position(page) == "school"
    assert not fresh(page).live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count() == 1
