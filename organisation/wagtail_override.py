"""The one place where we step into Wagtail's notifications: Wagtail's workflow-level
"approved" and "rejected" emails to the submitter are left out for the unit review workflow,
whose own step emails (``organisation.notifications``) already tell the submitter, with the
reviewer's comment and in their language.

Wagtail 8 documents no way to do this. Its documented setting
``WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False`` (cms/settings/base.py) already removes
the third repeat (the submission email to every superuser), but the approval and rejection
notifiers are connected in ``wagtail.admin``'s ``ready()`` with no setting or hook to skip
them. So we connect our receiver under the same ``dispatch_uid`` first (our apps come before
``wagtail.admin`` in INSTALLED_APPS, and Django keeps the first receiver of an id); it passes
every other workflow on to Wagtail's notifier unchanged.

``tests/workflow/test_notifications.py::test_wagtail_notifier_override_still_fits`` fails as
soon as Wagtail renames these ids, stops connecting them, or changes the notifiers' class.

The smallest upstream hook that would remove this module: let
``EmailNotificationMixin.get_valid_recipients`` (wagtail/admin/mail.py) pass its recipients
through a ``construct_notification_recipients(notification, instance, recipients)`` hook, so a
project can drop the recipients it tells itself, per workflow.
"""

from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from .models import UnitReviewTask

# (signal, Wagtail's dispatch_uid, name of Wagtail's notifier in wagtail.admin.signal_handlers)
REPLACED = [
    (workflow_approved, "workflow_state_approved_email_notification", "approval"),
    (workflow_rejected, "workflow_state_rejected_email_notification", "rejection"),
]


def uses_unit_review(workflow_state):
    return UnitReviewTask.objects.filter(
        workflow_tasks__workflow=workflow_state.workflow_id
    ).exists()


def unless_unit_review(notifier):
    """Wagtail's own workflow-level email, kept for any other workflow an administrator
    builds; ours replaces it for the unit review workflow."""

    def receiver(sender, instance, **kwargs):
        if uses_unit_review(instance):
            return None
        return notifier(instance=instance, **kwargs)

    receiver.replaces = notifier
    return receiver


def connect():
    from wagtail.admin import signal_handlers

    for signal, uid, name in REPLACED:
        notifier = getattr(signal_handlers, f"workflow_{name}_email_notifier")
        signal.connect(
            unless_unit_review(notifier), sender=WorkflowState, dispatch_uid=uid, weak=False
        )
