"""Emails of the approval workflow: in the reader's language (Vietnamese by default), to the
people a step concerns and nobody else.

- a step starts: its addressees (the federation's reviewers, or the school's approvers);
- the federation passes a page: who submitted it and its unit's editors, with the comment;
- the school approves (the page goes live): the same people, with the comment (wagtail#7542);
- a step asks for changes: the same people with the comment, and, at the school step, also the
  federation reviewers who had passed the page (wagtail#10196).

Each email goes to one person (no one sees the others' addresses), honours the "submitted",
"approved" and "rejected" preferences of their Wagtail account, and leaves out the person who
acted.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.admin.utils import get_user_display_name
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    task_approved,
    task_rejected,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)
from wagtail.users.models import UserProfile

from .models import ReviewLevel, UnitReviewTask
from .review import (
    addressees,
    editors_to_tell,
    federation_approvers_of,
    page_unit,
)

logger = logging.getLogger(__name__)

_muted = ContextVar("organisation_notifications_muted", default=False)

TEMPLATE = "organisation/emails/{event}.txt"
SUBJECT_TEMPLATE = "organisation/emails/{event}_subject.txt"


def review_task(task_state):
    task = task_state.task.specific
    return task if isinstance(task, UnitReviewTask) else None


@contextmanager
def muted():
    """Send no workflow email inside this block (the demo loader uses it)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def send(event, recipients, task_state, actor=None, preference="submitted", **extra):
    """Render ``event`` for each recipient in their own language and send it."""
    if _muted.get():
        return 0
    obj = task_state.workflow_state.content_object.specific
    recipients = {
        user
        for user in recipients
        if user.is_active and user.email and (actor is None or user.pk != actor.pk)
    }
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    unit = page_unit(obj)
    context = {
        "page": obj,
        "title": obj.get_admin_display_title(),
        "unit": unit.name if unit else "",
        "step": task_state.task.name,
        "actor": get_user_display_name(actor) if actor else "",
        "comment": task_state.comment,
        "edit_url": base_url + reverse("wagtailadmin_pages:edit", args=[obj.pk]),
        "preview_url": base_url
        + reverse("wagtailadmin_pages:workflow_preview", args=[obj.pk, task_state.task_id]),
        "live_url": obj.full_url if obj.live else "",
        **extra,
    }
    from_email = getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", None) or (
        settings.DEFAULT_FROM_EMAIL
    )
    messages = []
    for user in sorted(recipients, key=lambda user: user.pk):
        profile = UserProfile.get_for_user(user)
        if not getattr(profile, f"{preference}_notifications", True):
            continue
        with translation.override(profile.get_preferred_language()):
            context["user"] = user
            context["greeting_name"] = get_user_display_name(user)
            subject = render_to_string(SUBJECT_TEMPLATE.format(event=event), context)
            body = render_to_string(TEMPLATE.format(event=event), context)
        messages.append(
            EmailMessage(" ".join(subject.split()), body.strip(), from_email, [user.email])
        )
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except OSError:
        # A mail server that is down must not undo the editorial decision; say so, without
        # anyone's address.
        logger.exception("Could not send %s workflow notifications for page %s", event, obj.pk)
        return 0


# ---------------------------------------------------------------- signal receivers


def on_task_submitted(sender, instance, user=None, **kwargs):
    task = review_task(instance)
    if task is None:
        return
    obj = instance.workflow_state.content_object.specific
    previous = (
        instance.workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
        .exclude(comment="")
        .order_by("-finished_at")
        .first()
    )
    send(
        "submitted",
        addressees(task.level, obj),
        instance,
        actor=user,
        preference="submitted",
        previous_comment=previous.comment if previous else "",
    )


def on_task_approved(sender, instance, user=None, **kwargs):
    task = review_task(instance)
    if task is None:
        return
    event = "published" if task.level == ReviewLevel.SCHOOL else "passed"
    send(event, editors_to_tell(instance), instance, actor=user, preference="approved")


def on_task_rejected(sender, instance, user=None, **kwargs):
    task = review_task(instance)
    if task is None:
        return
    recipients = editors_to_tell(instance)
    passed_by = set()
    if task.level == ReviewLevel.SCHOOL:
        passed_by = federation_approvers_of(instance)
        recipients |= passed_by
    send(
        "rejected",
        recipients,
        instance,
        actor=user,
        preference="rejected",
        passed_by=sorted(get_user_display_name(reviewer) for reviewer in passed_by),
    )


def uses_unit_review(workflow_state):
    return UnitReviewTask.objects.filter(
        workflow_tasks__workflow=workflow_state.workflow_id
    ).exists()


def _wagtail_default_unless_unit_review(notifier):
    """Wagtail's own workflow-level email, kept for any other workflow an administrator builds;
    ours replaces it for the unit review workflow (it would repeat ours, in part in English)."""

    def receiver(sender, instance, **kwargs):
        if uses_unit_review(instance):
            return None
        return notifier(instance=instance, **kwargs)

    return receiver


def connect():
    task_submitted.connect(on_task_submitted, dispatch_uid="organisation_review_submitted")
    task_approved.connect(on_task_approved, dispatch_uid="organisation_review_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="organisation_review_rejected")

    from wagtail.admin import signal_handlers as wagtail_handlers

    # Wagtail connects its notifiers under these ids in wagtail.admin's ready(), which runs after
    # ours (our apps come first in INSTALLED_APPS); Django keeps the first receiver for an id,
    # so these wrappers take their place.
    for signal, uid, notifier in [
        (
            workflow_submitted,
            "workflow_state_submitted_email_notification",
            wagtail_handlers.workflow_submission_email_notifier,
        ),
        (
            workflow_rejected,
            "workflow_state_rejected_email_notification",
            wagtail_handlers.workflow_rejection_email_notifier,
        ),
        (
            workflow_approved,
            "workflow_state_approved_email_notification",
            wagtail_handlers.workflow_approval_email_notifier,
        ),
    ]:
        signal.connect(
            _wagtail_default_unless_unit_review(notifier),
            sender=WorkflowState,
            dispatch_uid=uid,
            weak=False,
        )
