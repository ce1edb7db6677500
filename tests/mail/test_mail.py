"""The one mail helper (cms/mail.py): each person's language, their choices, the queue, and
what a superuser sees when the mail server is down."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from wagtail.users.models import UserProfile

from cms.mail import muted, send_mail
from cms.models import OutgoingMail
from tests.mail.conftest import DATABASE_QUEUE, later, run_worker

pytestmark = pytest.mark.django_db

TEMPLATE = "organisation/mail/rejected"
CONTEXT = {
    "title": "Ngày hội việc làm",
    "step": "Liên chi đoàn duyệt",
    "actor": "Người duyệt",
    "comment": "Thiếu ảnh.",
    "edit_url": "http://testserver/admin/pages/1/edit/",
}


def prefer(user, language=None, **choices):
    profile = UserProfile.get_for_user(user)
    if language:
        profile.preferred_language = language
    for name, value in choices.items():
        setattr(profile, name, value)
    profile.save()


def queue(recipients, **options):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return send_mail(TEMPLATE, recipients, CONTEXT, **options)


def test_each_person_reads_it_in_their_own_language(people, smtp):
    prefer(people.editor_b1, "en")
    assert queue([people.editor_a1, people.editor_b1]) == 2
    by_person = {message.to[0].split("@")[0]: message for message in mail.outbox}
    assert by_person["editor_a1"].subject == "Bài “Ngày hội việc làm” cần chỉnh sửa"
    assert "Kính gửi đồng chí" in by_person["editor_a1"].body
    assert by_person["editor_b1"].subject == "Changes requested: “Ngày hội việc làm”"
    assert "Dear" in by_person["editor_b1"].body
    assert "Thiếu ảnh." in by_person["editor_b1"].body
    assert all(len(message.to) == 1 for message in mail.outbox)


def test_a_person_who_turned_the_notification_off_gets_none(people, smtp):
    prefer(people.editor_a1, rejected_notifications=False)
    assert queue([people.editor_a1, people.editor_b1], preference="rejected") == 1
    assert [message.to for message in mail.outbox] == [["editor_b1@example.invalid"]]
    # A mail no Wagtail choice covers (an assignment) reaches them anyway.
    mail.outbox = []
    assert queue([people.editor_a1]) == 1


def test_the_actor_inactive_people_and_people_without_address_are_left_out(people, smtp):
    people.editor_b1.is_active = False
    people.editor_b1.save()
    people.reviewer_fed1.email = ""
    people.reviewer_fed1.save()
    recipients = [people.editor_a1, people.editor_b1, people.reviewer_fed1, people.approver]
    assert queue(recipients, actor=people.approver) == 1
    assert [message.to for message in mail.outbox] == [["editor_a1@example.invalid"]]


def test_nothing_is_sent_when_the_action_is_rolled_back(people, smtp):
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
        send_mail(TEMPLATE, [people.editor_a1], CONTEXT)
        transaction.set_rollback(True)
    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_muted_sends_nothing(people, smtp):
    with muted():
        assert queue([people.editor_a1]) == 0
    assert mail.outbox == []


def test_a_failed_mail_is_listed_for_superusers_and_sent_again(client, people, smtp):
    smtp.down = True
    queue([people.editor_a1])
    failed = OutgoingMail.objects.get()
    assert failed.status == OutgoingMail.Status.FAILED  # the immediate queue cannot wait
    assert failed.last_error == "SMTPServerDisconnected"

    index = reverse("outgoing_mail:index")
    for someone in (people.approver, people.editor_a1, people.member_manager):
        client.force_login(someone)
        assert client.get(index).status_code in (302, 403)
        assert client.post(reverse("outgoing_mail:send_again", args=[failed.pk])).status_code in (
            302,
            403,
        )
        assert OutgoingMail.objects.get().status == OutgoingMail.Status.FAILED

    client.force_login(people.superuser)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 thư không gửi được." in dashboard
    listing = client.get(index + "?status=failed").content.decode()
    assert "Không gửi được" in listing and "Gửi lại" in listing
    assert "editor_a1@example.invalid" in listing

    smtp.down = False
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("outgoing_mail:send_again", args=[failed.pk]))
    assert response.status_code == 302
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT
    assert [message.to for message in mail.outbox] == [["editor_a1@example.invalid"]]
    assert "thư không gửi được" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_no_address_or_subject_reaches_the_log(people, smtp, caplog):
    smtp.down = True
    queue([people.editor_a1])
    assert "editor_a1" not in caplog.text
    assert "Ngày hội" not in caplog.text
    assert "given up" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_retries_with_growing_waits_then_gives_up(people, smtp, settings):
    settings.TASKS = DATABASE_QUEUE
    settings.MAIL_RETRY_DELAYS = (60, 600)
    smtp.down = True
    send_mail(TEMPLATE, [people.editor_a1], CONTEXT)  # autocommit: queued at once
    run_worker()
    queued = OutgoingMail.objects.get()
    assert (queued.status, queued.attempts) == (OutgoingMail.Status.PENDING, 1)
    with later(minutes=2):
        run_worker()
    assert OutgoingMail.objects.get().attempts == 2
    with later(minutes=5):
        run_worker()  # the second wait (10 minutes) is not over
    assert OutgoingMail.objects.get().attempts == 2
    with later(minutes=15):
        run_worker()
    given_up = OutgoingMail.objects.get()
    assert (given_up.status, given_up.attempts) == (OutgoingMail.Status.FAILED, 3)
    assert mail.outbox == []
