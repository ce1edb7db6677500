"""Handing a document to units, and each unit's way from assigned to reported: every step, and
who may take it (every role of the `people` fixture)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from directives import assignments as actions
from directives.models import Assignment, AssignmentStatus, ReportPage
from directives.rules import SCOPE_CHAPTERS, SCOPE_UNIT
from organisation.models import Role
from tests.factories.directives import AssignmentFactory, make_document, make_report
from tests.factories.organisation import UnitRoleFactory, UserFactory
from tests.mail.backends import Outage

pytestmark = pytest.mark.django_db

EVERYONE = [
    "editor_a1",
    "editor_b1",
    "reviewer_fed1",
    "reviewer_fed2",
    "approver",
    "member_manager",
    "nobody",
    "superuser",
]


@pytest.fixture
def document(index, tree, issuers):
    return make_document(
        index,
        tree.school,
        issuer=issuers.dtn,
        number="226-CV/ĐTN",
        issue_date=datetime.date(2022, 4, 4),
    )


@pytest.fixture
def assignment(document, tree):
    return AssignmentFactory(document=document, unit=tree.a1)


DEADLINE = datetime.date(2022, 6, 2)


# ---------------------------------------------------------------- expansion


def test_assigning_the_whole_school_gives_one_assignment_per_chapter(document, tree, people):
    created, skipped = actions.assign(
        document, tree.fed1, SCOPE_CHAPTERS, DEADLINE, people.approver
    )
    assert {item.unit for item in created} == {tree.a1, tree.a2}
    assert skipped == 0
    created, skipped = actions.assign(
        document, tree.fed2, SCOPE_CHAPTERS, DEADLINE, people.approver
    )
    assert [item.unit for item in created] == [tree.b1]


def test_expanding_from_the_school_reaches_chapters_under_it_directly_and_through_federations(
    tree,
):
    assert set(actions.expand(tree.school, SCOPE_CHAPTERS)) == {tree.a1, tree.a2, tree.b1, tree.s1}
    assert actions.expand(tree.fed1, SCOPE_UNIT) == [tree.fed1]
    assert actions.expand(tree.a1, SCOPE_CHAPTERS) == [tree.a1]


def test_units_already_assigned_are_left_alone(document, tree, people):
    AssignmentFactory(document=document, unit=tree.a1, deadline=datetime.date(2022, 5, 1))
    created, skipped = actions.assign(
        document, tree.fed1, SCOPE_CHAPTERS, DEADLINE, people.approver
    )
    assert [item.unit for item in created] == [tree.a2] and skipped == 1
    assert Assignment.objects.get(unit=tree.a1).deadline == datetime.date(2022, 5, 1)


def test_a_document_goes_only_to_units_below_its_own(index, tree, issuers, people):
    federation_plan = make_document(index, tree.fed1, issuer=issuers.dtn, number="5-KH/ĐTN")
    with pytest.raises(ValidationError) as refused:
        actions.assign(federation_plan, tree.b1, SCOPE_UNIT, DEADLINE, people.approver)
    assert refused.value.message_dict["unit"] == [
        "Chỉ giao triển khai văn bản cho các đơn vị trực thuộc đơn vị sở hữu văn bản."
    ]
    created, _ = actions.assign(federation_plan, tree.a2, SCOPE_UNIT, DEADLINE, people.approver)
    assert [item.unit for item in created] == [tree.a2]


def test_a_deadline_before_the_issue_date_is_refused(document, tree, people):
    with pytest.raises(ValidationError) as refused:
        actions.assign(document, tree.a1, SCOPE_UNIT, datetime.date(2022, 4, 3), people.approver)
    assert refused.value.message_dict["deadline"] == [
        "Hạn báo cáo không được trước ngày ban hành văn bản (04/04/2022)."
    ]
    assert not Assignment.objects.exists()
    actions.assign(document, tree.a1, SCOPE_UNIT, datetime.date(2022, 4, 4), people.approver)


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_assign_a_school_document(document, tree, people, who):
    user = getattr(people, who)
    if who in {"approver", "superuser"}:
        created, _ = actions.assign(document, tree.a1, SCOPE_UNIT, DEADLINE, user)
        assert created[0].assigned_by == user
    else:
        with pytest.raises(PermissionDenied):
            actions.assign(document, tree.a1, SCOPE_UNIT, DEADLINE, user)
        assert not Assignment.objects.exists()


# ---------------------------------------------------------------- notifications


def test_assigned_units_editors_are_emailed_in_vietnamese(
    document, tree, people, django_capture_on_commit_callbacks
):
    federation_editor = UserFactory(username="fed1_editor")
    UnitRoleFactory(user=federation_editor, unit=tree.fed1, role=Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign(document, tree.fed1, SCOPE_CHAPTERS, DEADLINE, people.approver, note="Gấp")
    # A1 has its own editor; A2 has none, so the federation's editor hears of it.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "editor_a1@example.invalid",
        "fed1_editor@example.invalid",
    ]
    message = next(m for m in mail.outbox if m.to == ["editor_a1@example.invalid"])
    assert message.subject == "Văn bản cần triển khai: Hướng dẫn số 226-CV/ĐTN"
    assert "Kính gửi đồng chí" in message.body
    assert "Chi đoàn A1 được giao triển khai Hướng dẫn số 226-CV/ĐTN" in message.body
    assert "trước ngày 02/06/2022" in message.body
    assert "Gấp" in message.body
    assert f"http://testserver/admin/directives/document/{document.pk}/assignments/" in (
        message.body
    )
    assert all(len(m.to) == 1 for m in mail.outbox)  # nobody sees another's address


def test_each_editor_reads_the_assignment_in_their_own_language(
    document, tree, people, django_capture_on_commit_callbacks
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(people.editor_a1)
    profile.preferred_language = "en"
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign(document, tree.a1, SCOPE_UNIT, DEADLINE, people.approver)
    (message,) = mail.outbox
    assert message.subject == "Document to carry out: Guidance no. 226-CV/ĐTN"
    assert "has been assigned to Chi đoàn A1" in message.body
    assert "by 02/06/2022" in message.body


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "tests.mail.backends.FlakySMTPBackend"
    Outage.down = False
    yield Outage
    Outage.down = False


def assign_in_the_admin(client, document, unit):
    from django.urls import reverse

    url = reverse("directives_admin:assignments", args=[document.pk])
    return client.post(url, {"unit": unit.pk, "scope": "unit", "deadline": "2022-06-02"})


def test_a_mail_server_outage_leaves_the_assignment_saved(
    client, document, tree, people, smtp, django_capture_on_commit_callbacks
):
    """With `make run`'s immediate queue: the page answers, the assignment stands, and the
    mail is recorded as failed for a superuser to send again."""
    from cms.models import OutgoingMail

    smtp.down = True
    client.force_login(people.approver)
    with django_capture_on_commit_callbacks(execute=True):
        response = assign_in_the_admin(client, document, tree.a1)
    assert response.status_code == 302
    assert Assignment.objects.filter(document=document, unit=tree.a1).exists()
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.FAILED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_assignment_mail_is_retried_and_sent_once_the_server_is_back(
    client, document, tree, people, smtp, settings
):
    from cms.models import OutgoingMail
    from tests.mail.conftest import DATABASE_QUEUE, later, run_worker

    settings.TASKS = DATABASE_QUEUE
    smtp.down = True
    client.force_login(people.approver)
    response = assign_in_the_admin(client, document, tree.a1)
    assert response.status_code == 302
    assert Assignment.objects.filter(document=document, unit=tree.a1).exists()
    run_worker()
    assert mail.outbox == []
    assert OutgoingMail.objects.get().attempts == 1

    smtp.down = False
    with later(minutes=2):
        run_worker()
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT
    assert [message.to for message in mail.outbox] == [["editor_a1@example.invalid"]]


def test_no_mail_when_nothing_new_was_assigned(
    document, tree, people, django_capture_on_commit_callbacks
):
    AssignmentFactory(document=document, unit=tree.a1)
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign(document, tree.a1, SCOPE_UNIT, DEADLINE, people.approver)
    assert mail.outbox == []


def test_inactive_editors_and_editors_without_email_are_not_emailed(
    document, tree, people, django_capture_on_commit_callbacks
):
    people.editor_a1.is_active = False
    people.editor_a1.save()
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign(document, tree.a1, SCOPE_UNIT, DEADLINE, people.approver)
    assert mail.outbox == []


# ---------------------------------------------------------------- acknowledging


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_acknowledge_for_chapter_a1(assignment, people, who):
    user = getattr(people, who)
    if who in {"editor_a1", "superuser"}:
        actions.acknowledge(assignment, user)
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.ACKNOWLEDGED
        assert assignment.acknowledged_by == user and assignment.acknowledged_at is not None
    else:
        with pytest.raises(PermissionDenied):
            actions.acknowledge(assignment, user)
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.ASSIGNED


def test_an_editor_of_a_federation_acts_for_its_chapters(assignment, tree):
    federation_editor = UserFactory(username="fed1_editor")
    UnitRoleFactory(user=federation_editor, unit=tree.fed1, role=Role.EDITOR)
    actions.acknowledge(assignment, federation_editor)
    assert Assignment.objects.get().status == AssignmentStatus.ACKNOWLEDGED


@pytest.mark.parametrize("status", [AssignmentStatus.ACKNOWLEDGED, AssignmentStatus.REPORTED])
def test_acknowledging_twice_is_refused(assignment, people, status):
    assignment.status = status
    assignment.save()
    with pytest.raises(ValidationError) as refused:
        actions.acknowledge(assignment, people.editor_a1)
    assert refused.value.messages == ["Đơn vị đã tiếp nhận văn bản này rồi."]


# ---------------------------------------------------------------- reporting


def test_the_report_waits_for_the_acknowledgement(assignment, people):
    with pytest.raises(ValidationError) as refused:
        actions.start_report(assignment, people.editor_a1)
    assert refused.value.messages == ["Hãy bấm tiếp nhận văn bản trước khi viết báo cáo."]
    assert not ReportPage.objects.exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_start_the_report_of_chapter_a1(assignment, people, who):
    assignment.status = AssignmentStatus.ACKNOWLEDGED
    assignment.save()
    user = getattr(people, who)
    if who in {"editor_a1", "superuser"}:
        report = actions.start_report(assignment, user)
        assert not report.live and report.unit == assignment.unit and report.owner == user
        assert report.get_parent().pk == assignment.document.pk
        assert report.title == "Báo cáo của Chi đoàn A1 về việc thực hiện Hướng dẫn số 226-CV/ĐTN"
        assert actions.start_report(assignment, user) == report  # the same draft again
        assert ReportPage.objects.count() == 1
    else:
        with pytest.raises(PermissionDenied):
            actions.start_report(assignment, user)
        assert not ReportPage.objects.exists()


def test_a_report_is_addressed_by_the_units_code_folded(assignment, people):
    """Django's slugify drops Đ ("ĐTN-A1" → "tn-a1"); the site's rule keeps it as d."""
    assignment.status = AssignmentStatus.ACKNOWLEDGED
    assignment.save()
    assignment.unit.code = "ĐTN-A1"
    assignment.unit.save()
    report = actions.start_report(assignment, people.editor_a1)
    assert report.slug == "bao-cao-dtn-a1"


def test_publishing_the_report_marks_the_assignment_reported(assignment, people, page_permissions):
    actions.acknowledge(assignment, people.editor_a1)
    report = actions.start_report(assignment, people.editor_a1)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACKNOWLEDGED  # a draft is not a report yet
    report.save_revision(user=people.approver).publish(user=people.approver)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REPORTED
    assert assignment.report_id == report.pk
    assert assignment.reported_by == people.editor_a1  # who wrote it, not who approved it
    assert assignment.reported_at is not None


def test_a_report_published_without_the_button_still_counts(document, tree, people, assignment):
    report = make_report(document, tree.a1, owner=people.editor_a1)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REPORTED and assignment.report == report
    assert assignment.acknowledged_by == people.editor_a1
    assert assignment.acknowledged_at == assignment.reported_at


def test_a_report_of_an_unassigned_unit_changes_nothing(document, tree, people, assignment):
    make_report(document, tree.b1, owner=people.editor_b1)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ASSIGNED


def test_unpublishing_or_deleting_the_report_reopens_the_assignment(
    document, tree, people, assignment
):
    report = make_report(document, tree.a1, owner=people.editor_a1)
    report.unpublish()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACKNOWLEDGED
    assert assignment.reported_at is None and assignment.reported_by is None
    report.save_revision().publish()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REPORTED
    report.delete()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACKNOWLEDGED and assignment.report is None


def test_overdue_means_open_past_its_deadline(assignment):
    today = datetime.date(2022, 6, 3)
    assert assignment.is_overdue(today)
    assert list(Assignment.objects.overdue(today)) == [assignment]
    assert not assignment.is_overdue(datetime.date(2022, 6, 2))
    assignment.status = AssignmentStatus.REPORTED
    assignment.save()
    assert not assignment.is_overdue(today)
    assert not Assignment.objects.overdue(today).exists()
