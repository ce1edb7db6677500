"""No stale save once the workflow has moved on.

The page editor posts its whole form. When a decision is sent twice (a double click, or
Wagtail's autosave firing right after "Duyệt kèm nhận xét và xuất bản"), or a form that was
opened before someone else decided arrives late, Wagtail would either act on a step that is
over or save the stale form over the decided page: the approval is lost, the page may end
unpublished while its history says published (upstream: wagtail/wagtail#14460, open).

The edit form therefore carries the workflow step it was opened at (``STEP_FIELD``, added in
``organisation/templates/wagtailadmin/pages/edit.html``); a POST whose step is no longer the
page's current one is refused before Wagtail reads it, with a Vietnamese message, and nothing
is saved. The workflow action URL (the dashboard's buttons) names its task state itself;
``UnitReviewTask.on_action`` ignores a decision on a task state that is no longer in progress.

Two copies of one decision can also reach the server at the same moment (both read the page
before either has acted). A decision from the editor is therefore taken one at a time per page
(``decide_one_at_a_time``): it runs in one transaction that first locks the page's row, and
Wagtail's edit view is run inside it, so it reads the page only once the lock is held. The
second copy waits for the first to commit, then finds its step over and is refused like any
stale form, instead of acting on a finished workflow (a 500 before) or saving its form.
"""

import json

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

STEP_FIELD = "review-step"
NO_STEP = "none"


def step_marker(page):
    """What the edit form records: the id of the step the page waits at, or "none"."""
    state = page.current_workflow_task_state
    return str(state.pk) if state else NO_STEP


def is_stale(request, page):
    """Whether this POST of the page editor was made for a workflow step that is over, or is
    an autosave carrying a decision (autosave only ever saves a draft)."""
    if request.POST.get("action-workflow-action") and not request.accepts("text/html"):
        return True
    loaded = request.POST.get(STEP_FIELD)
    if loaded is None:
        # A form without the marker (an old tab): refuse at least a decision on no step.
        return bool(request.POST.get("action-workflow-action")) and (
            page.current_workflow_task_state is None
        )
    return loaded != step_marker(page)


DECISION_LOCK_SECONDS = 30


def decision_key(page):
    state = page.current_workflow_task_state
    if state is None:
        return None
    return f"organisation:decision:{state.pk}:{state.started_at.timestamp()}"


def claim_decision(request, page):
    """Whether this POST may decide on the page's current step: the first of two decisions
    sent at the same moment (a double click) takes the step, the second is refused. The claim
    is freed when the decision is done (``release_decision``) or after a few seconds."""
    if not request.POST.get("action-workflow-action"):
        return True
    key = decision_key(page)
    if key is None:
        return True
    if not cache.add(key, 1, timeout=DECISION_LOCK_SECONDS):
        return False
    request.organisation_decision_key = key
    return True


def release_decision(request):
    key = getattr(request, "organisation_decision_key", None)
    if key:
        cache.delete(key)


SERIALISED = "organisation_decision_serialised"


def decide_one_at_a_time(request, page):
    """Run this editor POST carrying a workflow decision again, under a lock on the page's row,
    and answer with that run's response; None when it is not a decision or already runs so.

    Wagtail's edit view reads the page, checks the hooks and acts without a lock: two copies
    of one decision both pass. Here the view (``request.resolver_match``, the same URL and
    decorators) runs inside one transaction, after ``select_for_update`` on the page's row
    (PostgreSQL; on SQLite our IMMEDIATE transactions take the database's write lock when they
    begin): the second copy reads the page after the first has committed, and this module's
    ``before_edit_page`` check sees its step is over. The smallest upstream change that would
    remove this: a lock in ``EditView.perform_workflow_action`` and a re-check of the task
    state (wagtail/wagtail#14460)."""
    if not request.POST.get("action-workflow-action") or getattr(request, SERIALISED, False):
        return None
    from wagtail.models import Page

    match = request.resolver_match
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=page.pk).exists()
        setattr(request, SERIALISED, True)
        return match.func(request, *match.args, **match.kwargs)


def refuse_stale_form(request, page):
    """The ``before_edit_page`` guard: answers for a stale POST, runs a decision one at a time
    (``decide_one_at_a_time``), None otherwise."""
    if request.method != "POST":
        return None
    if not is_stale(request, page):
        serialised = decide_one_at_a_time(request, page)
        if serialised is not None:
            return serialised
        if claim_decision(request, page):
            return None
    message = _(
        "This page was decided on or moved to another review step after you opened it; your "
        "changes were not saved. Look at it again before you act."
    )
    if not request.accepts("text/html"):
        # Wagtail's autosave asks for JSON: answer as its own conflict check does.
        return JsonResponse(
            {"success": False, "error_code": "invalid_revision", "error_message": message},
            status=400,
        )
    messages.error(request, message)
    if page.permissions_for_user(request.user).can_edit():
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect("wagtailadmin_home")


def rejection_without_reason(request):
    """A "Yêu cầu chỉnh sửa" posted from the editor with an empty comment."""
    if not request.POST.get("action-workflow-action"):
        return False
    if request.POST.get("workflow-action-name") != "reject":
        return False
    try:
        extra = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        extra = {}
    comment = extra.get("comment") if isinstance(extra, dict) else ""
    return not str(comment or "").strip()


def refuse_rejection_without_reason(request, page):
    if request.method != "POST" or not rejection_without_reason(request):
        return None
    from .forms import REASON_REQUIRED

    messages.error(request, REASON_REQUIRED)
    return redirect("wagtailadmin_pages:edit", page.pk)


def sent_back(page):
    """The task state that asked for changes, while the page waits for its editors."""
    state = page.current_workflow_state
    if state is None or state.status != state.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state


def show_the_reason(request, page):
    """At the top of the editor, the reason the page was sent back, and who sent it."""
    if request.method != "GET":
        return
    task_state = sent_back(page)
    if task_state is None or not task_state.comment:
        return
    from wagtail.admin.utils import get_user_display_name

    messages.warning(
        request,
        _("Changes requested by %(name)s at the step “%(step)s”: %(comment)s")
        % {
            "name": get_user_display_name(task_state.finished_by) if task_state.finished_by else "",
            "step": task_state.task.name,
            "comment": task_state.comment,
        },
    )
