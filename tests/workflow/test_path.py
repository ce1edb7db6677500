"""The whole way of an article: draft → federation → school → live, every rejection, skipped
steps, re-approval after edits, and who hears of each step."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.workflow.admin import act, edit_url, fresh, position, press
from tests.workflow.conftest import recipients

pytestmark = pytest.mark.django_db


def test_a_chapter_article_goes_through_federation_and_school(client, drafts, people):
    page = drafts["a1"]
    client.force_login(people.editor_a1)
    response = press(client, page, "action-submit")
    assert response.status_code == 200
    assert position(page) == "federation"
    assert recipients() == ["reviewer_fed1"]
    assert "Chờ đồng chí duyệt" in mail.outbox[0].subject

    mail.outbox.clear()
    client.force_login(people.reviewer_fed1)
    html = client.get(edit_url(page)).content.decode()
    assert "Yêu cầu chỉnh sửa" in html and "Duyệt kèm nhận xét" in html
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


def submit_as(client, user, page):
    client.force_login(user)
    response = press(client, page, "action-submit")
    assert response.status_code == 200
    return response


def test_a_federation_rejection_goes_back_to_the_chapter_with_the_comment(client, drafts, people):
    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)
    mail.outbox.clear()

    client.force_login(people.reviewer_fed1)
    act(client, page, "reject", comment="Thiếu ảnh hoạt động, bổ sung giúp.")
    assert position(page) == "needs_changes"
    assert recipients() == ["editor_a1"]
    message = mail.outbox[0]
    assert "cần chỉnh sửa" in message.subject
    assert "Thiếu ảnh hoạt động, bổ sung giúp." in message.body
    assert "Liên chi đoàn duyệt" in message.body  # the step it was sent back from


def test_a_school_rejection_also_tells_the_federation_reviewer_who_passed_it(
    client, drafts, people
):
    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)
    client.force_login(people.reviewer_fed1)
    act(client, page, "approve")
    mail.outbox.clear()

    client.force_login(people.approver)
    act(client, page, "reject", comment="Số liệu chưa khớp báo cáo tháng.")
    assert position(page) == "needs_changes"
    assert recipients() == ["editor_a1", "reviewer_fed1"]
    to_reviewer = next(m for m in mail.outbox if m.to == ["reviewer_fed1@example.invalid"])
    assert "Số liệu chưa khớp báo cáo tháng." in to_reviewer.body
    assert "đã được Liên chi đoàn duyệt" in to_reviewer.body


def test_after_a_school_rejection_an_edited_page_goes_back_to_the_school(client, drafts, people):
    """Wagtail's semantics: resubmitting resumes at the step that asked for changes; the
    federation's earlier approval stands (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is off)."""
    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)
    client.force_login(people.reviewer_fed1)
    act(client, page, "approve")
    client.force_login(people.approver)
    act(client, page, "reject", comment="Sửa tiêu đề.")
    mail.outbox.clear()

    client.force_login(people.editor_a1)
    press(client, page, "action-submit", title="Tiêu đề đã sửa")
    assert position(page) == "school"
    assert recipients() == ["approver"]

    client.force_login(people.approver)
    act(client, page, "approve")
    page = fresh(page)
    assert page.live and page.title == "Tiêu đề đã sửa"


def test_after_a_federation_rejection_the_federation_must_approve_again(client, drafts, people):
    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)
    client.force_login(people.reviewer_fed1)
    act(client, page, "reject", comment="Viết lại đoạn mở đầu.")

    client.force_login(people.editor_a1)
    press(client, page, "action-submit", lead="Đoạn mở đầu mới.")
    assert position(page) == "federation"
    client.force_login(people.reviewer_fed1)
    act(client, page, "approve")
    assert position(page) == "school"
    client.force_login(people.approver)
    act(client, page, "approve")
    page = fresh(page)
    assert page.live and page.lead == "Đoạn mở đầu mới."


def test_a_reviewer_edit_during_review_is_what_the_school_approves(client, drafts, people):
    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)

    # The reviewer corrects a typo in the editor and approves in the same go.
    client.force_login(people.reviewer_fed1)
    task_state = fresh(page).current_workflow_task_state
    press(
        client,
        page,
        "action-workflow-action",
        title="Tiêu đề sửa chính tả",
        **{"workflow-action-name": "approve"},
    )
    assert position(page) == "school"
    assert not fresh(page).live
    assert fresh(page).get_latest_revision().content["title"] == "Tiêu đề sửa chính tả"
    assert task_state.pk != fresh(page).current_workflow_task_state.pk

    client.force_login(people.approver)
    act(client, page, "approve")
    assert fresh(page).live and fresh(page).title == "Tiêu đề sửa chính tả"


def test_the_chapter_editor_cannot_change_a_page_while_it_is_in_review(client, drafts, people):
    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)
    response = press(client, page, None, title="Lén sửa khi đang duyệt")
    assert "Lén sửa" not in fresh(page).get_latest_revision().content["title"]
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("owner", "reason"),
    [
        ("fed1", "Bài của chính Liên chi đoàn I nên bỏ qua bước Liên chi đoàn duyệt."),
        ("school", "Bài của Đoàn trường nên chuyển thẳng sang bước duyệt cuối."),
        ("s1", "Chi đoàn S1 trực thuộc Đoàn trường nên không qua bước Liên chi đoàn duyệt."),
    ],
)
def test_pages_with_no_federation_above_go_straight_to_the_school(
    client, drafts, people, tree, owner, reason
):
    from organisation.models import Role
    from tests.factories.organisation import UnitRoleFactory

    page = drafts[owner]
    editor = people.nobody
    UnitRoleFactory(user=editor, unit=getattr(tree, owner), role=Role.EDITOR)
    submit_as(client, editor, page)
    assert position(page) == "school"
    assert recipients() == ["approver"]

    # The skipped step is in the page's history, with its reason.
    client.force_login(people.approver)
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Bỏ qua bước" in history and reason in history
    workflow_state = fresh(page).current_workflow_state
    detail = client.get(
        f"/admin/pages/{page.pk}/workflow_history/detail/{workflow_state.pk}/"
    ).content.decode()
    assert reason in detail

    act(client, page, "approve")
    assert fresh(page).live


def test_a_federation_without_reviewer_is_handled_by_the_school(client, drafts, people):
    from organisation.models import Role, UnitRole

    UnitRole.objects.filter(role=Role.REVIEWER, unit__code="LCD1").delete()
    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)
    assert position(page) == "federation"
    assert recipients() == ["approver"]
    client.force_login(people.approver)
    assert "Bản nháp [A1]" in client.get("/admin/").content.decode()
    act(client, page, "approve")
    assert position(page) == "school"


def test_emails_follow_each_persons_language_and_choices(client, drafts, people):
    from wagtail.users.models import UserProfile

    reviewer = UserProfile.get_for_user(people.reviewer_fed1)
    reviewer.preferred_language = "en"
    reviewer.save()
    editor = UserProfile.get_for_user(people.editor_a1)
    editor.rejected_notifications = False
    editor.save()

    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)
    assert mail.outbox[0].subject.startswith("Waiting for your review")
    mail.outbox.clear()

    client.force_login(people.reviewer_fed1)
    act(client, page, "reject", comment="Please add photos.")
    assert position(page) == "needs_changes"
    assert mail.outbox == []  # the editor chose not to hear of rejections


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_a_reviewer_deciding_in_the_editor_lands_on_the_dashboard(client, drafts, people, action):
    """Wagtail would send them to the explorer, which refuses a user with no page permission."""
    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)
    client.force_login(people.reviewer_fed1)
    decision = {
        "workflow-action-name": action,
        # A request for changes needs its reason (test_rejection.py).
        "workflow-action-extra-data": '{"comment": "Bổ sung ảnh."}',
    }
    response = press(client, page, "action-workflow-action", **decision)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert not [m for m in response.context["messages"] if m.level_tag == "error"]
    assert position(page) == ("school" if action == "approve" else "needs_changes")


def test_an_approver_deciding_in_the_editor_keeps_wagtails_way_back(client, drafts, people):
    """The school approver may use the explorer: Wagtail's own redirect to the column stays."""
    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)
    client.force_login(people.reviewer_fed1)
    act(client, page, "approve")
    client.force_login(people.approver)
    response = press(client, page, "action-workflow-action", **{"workflow-action-name": "approve"})
    parent = fresh(page).get_parent()
    assert response.redirect_chain == [(reverse("wagtailadmin_explore", args=[parent.pk]), 302)]
    assert fresh(page).live


def test_only_the_submitter_withdraws_a_page_from_review(client, drafts, people):
    """A reviewer who pressed "Ngừng quy trình" would send the page back to draft with no
    comment and no email; they request changes instead."""
    page = drafts["a1"]
    submit_as(client, people.editor_a1, page)
    withdraw = 'name="action-cancel-workflow"'

    client.force_login(people.reviewer_fed1)
    assert withdraw not in client.get(edit_url(page)).content.decode()
    response = press(client, page, "action-cancel-workflow")
    assert "không có quyền" in " ".join(str(m) for m in response.context["messages"])
    assert position(page) == "federation"

    client.force_login(people.editor_a1)
    assert withdraw in client.get(edit_url(page)).content.decode()
    press(client, page, "action-cancel-workflow")
    assert position(page) == "draft"
