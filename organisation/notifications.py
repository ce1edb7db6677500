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

from django.urls import reverse
from wagtail.admin.utils import get_user_display_name
from wagtail.models import TaskState
from wagtail.signals import task_approved, task_rejected, task_submitted

from cms.addresses import absolute_url, page_url
from cms.mail import send_mail

from . import wagtail_override
from .models import ReviewLevel, UnitReviewTask
from .review import (
    addressees,
    editors_to_tell,
    federation_approvers_of,
    page_unit,
)

TEMPLATE = "organisation/mail/{event}"


def review_task(task_state):
    task = task_state.task.specific
    return task if isinstance(task, UnitReviewTask) else None


def send(event, recipients, task_state, actor=None, preference="submitted", **extra):
    """Queue ``event``'s email for each recipient, in their own language (cms.mail)."""
    obj = task_state.workflow_state.content_object.specific
    unit = page_unit(obj)
    context = {
        "page": obj,
        "title": obj.get_admin_display_title(),
        "unit": unit.name if unit else "",
        "step": task_state.task.name,
        "actor": get_user_display_name(actor) if actor else "",
        "comment": task_state.comment,
        "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[obj.pk])),
        "preview_url": absolute_url(
            reverse("wagtailadmin_pages:workflow_preview", args=[obj.pk, task_state.task_id])
        ),
        "live_url": page_url(obj) if obj.live else "",
        **extra,
    }
    return send_mail(
        TEMPLATE.format(event=event), recipients, context, preference=preference, actor=actor
    )


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


def connect():
    task_submitted.connect(on_task_submitted, dispatch_uid="organisation_review_submitted")
    task_approved.connect(on_task_approved, dispatch_uid="organisation_review_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="organisation_review_rejected")
    wagtail_override.connect()
