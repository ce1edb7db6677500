"""Routing of the approval workflow: who reviews a page at each step, decided by its unit.

federation step: the reviewers of the federation above the page's chapter (a reviewer role held
    in the school union reaches every federation). Approvers of the school may step in, and are
    the ones notified when a federation has no reviewer yet, so that nothing waits forever.
school step: the approvers of the school union (an approver role reaching the page's unit).

A page owned by a federation, by the school union, or by a chapter directly under the school
has no federation above it, so its federation step is skipped (and shown as skipped).
"""

from django.contrib.auth import get_user_model
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter, log
from wagtail.models import TaskState

from .access import access_for, unit_owned_page_models
from .models import ReviewLevel, Role, Unit, UnitKind, UnitOwned

SKIP_ACTION = "organisation.workflow.skip"


def page_unit(obj):
    """The unit owning ``obj``, or None for pages no unit owns (home, columns)."""
    specific_class = getattr(obj, "specific_class", None)
    if specific_class is not None and not isinstance(obj, specific_class):
        # Wagtail's workflow views pass a plain Page; the unit lives on the specific page.
        obj = obj.specific_deferred
    return obj.unit if isinstance(obj, UnitOwned) else None


def federation_of(unit):
    """The federation that reviews pages of ``unit``: only chapters have one above them."""
    if unit is None or unit.kind != UnitKind.CHAPTER:
        return None
    if not hasattr(unit, "review_federation"):
        unit.review_federation = unit.federation()
    return unit.review_federation


def school_unit():
    return Unit.objects.schools().first()


def reviewing_unit(level, obj):
    unit = page_unit(obj)
    if level == ReviewLevel.FEDERATION:
        return federation_of(unit)
    return school_unit()


def skip_reason(level, obj):
    """Why the step does not apply to ``obj`` (shown in the page's history), or None."""
    if level != ReviewLevel.FEDERATION:
        return None
    unit = page_unit(obj)
    if unit is None:
        return _("No unit owns this page, so it goes straight to the school union.")
    if federation_of(unit) is not None:
        return None
    if unit.kind == UnitKind.FEDERATION:
        return _("Written by %(unit)s itself, so it skips the federation review.") % {
            "unit": unit.name
        }
    if unit.kind == UnitKind.SCHOOL:
        return _("Written by the school union, so it goes straight to final approval.")
    return _("%(unit)s belongs directly to the school union, so there is no federation review.") % {
        "unit": unit.name
    }


def log_skip(task_state, obj, user):
    """Record the skipped step in the page's history, next to Wagtail's own workflow entries."""
    log(
        instance=obj,
        action=SKIP_ACTION,
        user=user,
        revision=task_state.revision,
        data={
            "workflow": {
                "id": task_state.workflow_state.workflow_id,
                "title": task_state.workflow_state.workflow.name,
                "task_state_id": task_state.pk,
                "task": {"id": task_state.task_id, "title": task_state.task.name},
            },
            "comment": task_state.comment,
        },
    )


# ---------------------------------------------------------------- who acts


def user_can_act(level, obj, user):
    """May ``user`` approve or reject ``obj`` at this step?"""
    access = access_for(user)
    if not access.active:
        return False
    if access.is_superuser:
        return True
    unit = page_unit(obj)
    # School approvers may act at either step; for pages no unit owns, any school approver.
    approver = access.reaches("page.approve", unit or school_unit())
    if level == ReviewLevel.SCHOOL:
        return approver
    federation = federation_of(unit)
    if federation is None:
        return False
    return approver or access.reaches("page.review", federation)


def holders(role, unit):
    """Active users holding ``role`` in ``unit`` or above it."""
    if unit is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            unit_roles__role=role,
            unit_roles__unit__path__in=unit.path_prefixes(),
        )
        .distinct()
    )


def addressees(level, obj):
    """Who is asked to act on ``obj`` at this step (notified, and shown it in "Chờ tôi duyệt")."""
    unit = page_unit(obj)
    approvers = holders(Role.APPROVER, unit or school_unit())
    if level == ReviewLevel.SCHOOL:
        return approvers
    reviewers = holders(Role.REVIEWER, federation_of(unit))
    return reviewers if reviewers.exists() else approvers


def _owned_object_ids(units):
    """Page ids (as text, like WorkflowState.object_id) of pages owned by ``units``."""
    condition = Q(pk__in=[])
    for model in unit_owned_page_models():
        ids = (
            model.objects.filter(unit__in=units)
            .annotate(text_id=Cast("pk", output_field=CharField()))
            .values("text_id")
        )
        condition |= Q(workflow_state__object_id__in=ids)
    return condition


def _not_unit_owned():
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(*unit_owned_page_models()).values()
    return ~Q(workflow_state__content_type__in=list(types))


def task_states_user_can_act_on(task, user):
    """In-progress states of ``task`` that ``user`` may approve or reject."""
    states = task.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
    access = access_for(user)
    if access.is_superuser:
        return states
    action = "page.approve" if task.level == ReviewLevel.SCHOOL else "page.review"
    if not access.allows(action):
        return states.none()
    condition = _owned_object_ids(access.units(action))
    school = school_unit()
    if task.level == ReviewLevel.SCHOOL and access.reaches("page.approve", school):
        condition |= _not_unit_owned()
    return states.filter(condition)


def task_states_awaiting(user):
    """In-progress review steps addressed to ``user``: the federation step for its reviewers
    (or, where a federation has none yet, for the school approvers), the school step for the
    approvers. This is "Chờ tôi duyệt" on the dashboard."""
    from .models import UnitReviewTask

    access = access_for(user)
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=UnitReviewTask.objects.values("pk"),
    )
    if not access.active:
        return states.none()
    if access.is_superuser:
        return states
    federation_step = Q(task__in=UnitReviewTask.objects.filter(level=ReviewLevel.FEDERATION))
    school_step = Q(task__in=UnitReviewTask.objects.filter(level=ReviewLevel.SCHOOL))
    condition = Q(pk__in=[])
    # Who is *asked* follows the roles held (reviewers first, approvers where a federation has
    # no reviewer); what each may do is still the table's (user_can_act).
    if access.held.get(Role.REVIEWER):
        condition |= federation_step & _owned_object_ids(access.units_where_held(Role.REVIEWER))
    if access.allows("page.approve"):
        approver_units = access.units("page.approve")
        condition |= school_step & _owned_object_ids(approver_units)
        if access.reaches("page.approve", school_unit()):
            condition |= school_step & _not_unit_owned()
        unreviewed = chapters_without_reviewer().filter(pk__in=approver_units.values("pk"))
        condition |= federation_step & _owned_object_ids(unreviewed)
    return states.filter(condition)


def chapters_without_reviewer():
    """Chapters under a federation where nobody (there or above) holds the reviewer role."""
    reviewer_paths = set(
        Unit.objects.filter(roles__role=Role.REVIEWER, roles__user__is_active=True).values_list(
            "path", flat=True
        )
    )
    chapters = Unit.objects.chapters().filter(parent__kind=UnitKind.FEDERATION)
    for path in reviewer_paths:
        chapters = chapters.exclude(path__startswith=path)
    return chapters


def editors_to_tell(task_state):
    """The people a decision goes back to: who submitted, and the editors of the page's unit
    itself (not the school's editors, who would hear of every chapter's articles)."""
    obj = task_state.workflow_state.content_object.specific
    users = set()
    if task_state.workflow_state.requested_by_id:
        users.add(task_state.workflow_state.requested_by)
    unit = page_unit(obj)
    if unit is not None:
        users.update(
            get_user_model().objects.filter(
                is_active=True, unit_roles__role=Role.EDITOR, unit_roles__unit=unit
            )
        )
    return users


def federation_approvers_of(task_state):
    """Who passed the page at the federation step of this round of review (wagtail#10196)."""
    from .models import UnitReviewTask

    approved = TaskState.objects.filter(
        workflow_state=task_state.workflow_state,
        status=TaskState.STATUS_APPROVED,
        task__in=UnitReviewTask.objects.filter(level=ReviewLevel.FEDERATION),
        finished_by__isnull=False,
    ).select_related("finished_by")
    return {state.finished_by for state in approved if state.finished_by.is_active}


class SkippedStepFormatter(LogFormatter):
    """How a skipped step reads in the page's history."""

    label = gettext_lazy("Workflow: step skipped")

    def format_message(self, log_entry):
        return _("Step '%(task)s' skipped") % {"task": log_entry.data["workflow"]["task"]["title"]}

    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")
