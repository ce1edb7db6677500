"""The one way this site sends mail.

``send_mail(template, recipients, context)`` renders, for each person, ``<template>_subject.txt``,
``<template>.txt`` and (when it exists) ``<template>.html`` in that person's language (the
preferred language of their Wagtail account, Vietnamese by default), with absolute links built on
``BASE_URL`` (``absolute_url``). It skips inactive people, people without an address, the person
who acted, and people who turned the matching notification off in their account
(``preference``: Wagtail's "submitted", "approved", "rejected" or "updated_comments").

Each message is written to ``cms.models.OutgoingMail`` and, once the surrounding transaction has
committed, handed to the task queue (``deliver``): a rolled-back action sends nothing, and a
mail server that is down never undoes or breaks the action that was saved. The task retries
after the waits of ``MAIL_RETRY_DELAYS``; when they are used up the mail stays "failed", listed
for superusers in the admin (Cài đặt → Thư chưa gửi được) with "Gửi lại".

Logs name the mail's id and the error's class, never an address, a name or a subject.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django_tasks import task
from wagtail.admin.utils import get_user_display_name
from wagtail.users.models import UserProfile

from .addresses import base_url
from .models import OutgoingMail

logger = logging.getLogger(__name__)

# Seconds to wait before each new attempt: about a day of retries in all.
DEFAULT_RETRY_DELAYS = (60, 300, 1800, 7200, 21600, 57600)
# Sent mail is kept this long (for support questions), then deleted.
SENT_MAIL_KEPT = timedelta(days=30)

_muted = ContextVar("cms_mail_muted", default=False)


@contextmanager
def muted():
    """Send no mail inside this block (the demo loaders use it)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def from_address():
    return getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", None) or (
        settings.DEFAULT_FROM_EMAIL
    )


def retry_delays():
    return tuple(getattr(settings, "MAIL_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def wants(user, preference):
    """Whether ``user`` takes this kind of notification (Wagtail's account choices)."""
    if preference is None:
        return True
    return getattr(UserProfile.get_for_user(user), f"{preference}_notifications", True)


def render(template, context, language):
    """(subject, text, html) of ``template`` in ``language``; html is "" without a template."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context).strip()
        try:
            html = get_template(f"{template}.html").render(context)
        except TemplateDoesNotExist:
            html = ""
    return subject, body, html


def send_mail(template, recipients, context=None, *, preference=None, actor=None):
    """Queue ``template`` for each of ``recipients`` (users); returns how many were queued."""
    if _muted.get():
        return 0
    people = {
        user
        for user in recipients
        if user.is_active and user.email and (actor is None or user.pk != actor.pk)
    }
    mails = []
    for user in sorted(people, key=lambda user: user.pk):
        if not wants(user, preference):
            continue
        language = UserProfile.get_for_user(user).get_preferred_language()
        personal = {
            **(context or {}),
            "user": user,
            "greeting_name": get_user_display_name(user),
            "base_url": base_url(),
        }
        subject, body, html = render(template, personal, language)
        mails.append(
            OutgoingMail(
                kind=template,
                to=user.email,
                from_email=from_address(),
                subject=subject[:255],
                body=body,
                html=html,
            )
        )
    if not mails:
        return 0
    OutgoingMail.objects.bulk_create(mails)
    for mail in mails:
        transaction.on_commit(partial(enqueue, mail.pk), robust=True)
    return len(mails)


def enqueue(mail_id, run_after=None):
    task_to_run = deliver.using(run_after=run_after) if run_after else deliver
    task_to_run.enqueue(mail_id)


def can_wait():
    """Whether the task backend can run a task later (the database queue can; the immediate
    backend of ``make run`` and the tests cannot, so there a failure is final at once)."""
    return deliver.get_backend().supports_defer


@task()
def deliver(mail_id):
    """Send one queued mail; on failure, try again later or give up and record it."""
    mail = OutgoingMail.objects.filter(pk=mail_id, status=OutgoingMail.Status.PENDING).first()
    if mail is None:
        return "gone"  # sent already, or sent again by hand
    message = EmailMultiAlternatives(mail.subject, mail.body, mail.from_email, [mail.to])
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    mail.attempts += 1
    try:
        message.send()
    except OSError as error:  # smtplib's errors, refused or dropped connections, TLS
        return failed(mail, error)
    mail.status = OutgoingMail.Status.SENT
    mail.sent_at = timezone.now()
    mail.next_attempt_at = None
    mail.save(update_fields=["status", "sent_at", "attempts", "next_attempt_at"])
    OutgoingMail.objects.filter(
        status=OutgoingMail.Status.SENT, sent_at__lt=mail.sent_at - SENT_MAIL_KEPT
    ).delete()
    return "sent"


def failed(mail, error):
    # The error's class and SMTP code only: its text may quote the address.
    code = getattr(error, "smtp_code", None)
    mail.last_error = type(error).__name__ + (f" ({code})" if code else "")
    delays = retry_delays()
    if can_wait() and mail.attempts <= len(delays):
        mail.next_attempt_at = timezone.now() + timedelta(seconds=delays[mail.attempts - 1])
        mail.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        logger.warning(
            "Mail %s not sent (%s), attempt %s; trying again at %s",
            mail.pk,
            mail.last_error,
            mail.attempts,
            mail.next_attempt_at.isoformat(),
        )
        enqueue(mail.pk, run_after=mail.next_attempt_at)
        return "retrying"
    mail.status = OutgoingMail.Status.FAILED
    mail.next_attempt_at = None
    mail.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
    logger.error("Mail %s given up after %s attempts (%s)", mail.pk, mail.attempts, mail.last_error)
    return "failed"


def send_again(mail):
    """A superuser's "send again": back in the queue with a fresh set of retries."""
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.PENDING, attempts=0, next_attempt_at=None
    )
    transaction.on_commit(partial(enqueue, mail.pk), robust=True)
