"""Our one step into Wagtail's notifications (organisation/wagtail_override.py) still fits the
Wagtail that is installed: this fails when Wagtail renames or drops what it relies on."""

import inspect

import pytest
from wagtail.admin import signal_handlers
from wagtail.admin.mail import (
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.models import WorkflowState

from organisation.wagtail_override import REPLACED
from tests.workflow.admin import fresh, press

pytestmark = pytest.mark.django_db

NOTIFIER_CLASSES = {
    "approval": WorkflowStateApprovalEmailNotifier,
    "rejection": WorkflowStateRejectionEmailNotifier,
}


def test_wagtail_notifier_override_still_fits(client, drafts, people):
    registration = inspect.getsource(signal_handlers.register_signal_handlers)
    page = drafts["a1"]
    client.force_login(people.editor_a1)
    press(client, page, "action-submit")
    state = fresh(page).current_workflow_state

    for signal, uid, name in REPLACED:
        assert uid in registration, f"Wagtail no longer connects {uid}"
        notifier = getattr(signal_handlers, f"workflow_{name}_email_notifier")
        assert isinstance(notifier, NOTIFIER_CLASSES[name])
        receivers = [receiver for receiver, _ in signal.send(sender=WorkflowState, instance=state)]
        # Ours holds Wagtail's id; Wagtail's own notifier is not connected beside it.
        assert notifier not in receivers
        assert [r for r in receivers if getattr(r, "replaces", None) is notifier]


def test_superusers_are_not_copied_on_each_submission(client, drafts, people):
    from django.core import mail

    people.superuser.email = "root@example.invalid"
    people.superuser.save()
    client.force_login(people.editor_a1)
    press(client, drafts["a1"], "action-submit")
    assert [message.to for message in mail.outbox] == [["reviewer_fed1@example.invalid"]]
