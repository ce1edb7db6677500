"""The two panels each user finds on the admin dashboard: "Chờ tôi duyệt" (what waits for their
decision) and "Bài của đơn vị" (their units' pages and where each stands in the workflow)."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from .access import access_for, unit_owned_page_models
from .models import ReviewLevel, UnitReviewTask
from .review import task_states_awaiting

PANEL_SIZE = 20

STATE_LABELS = {
    "draft": _("Draft"),
    "federation": _("At federation review"),
    "school": _("At school union approval"),
    "needs_changes": _("Changes requested"),
    "live": _("Published"),
    "live_draft": _("Published, with unpublished changes"),
}


def unit_pages_by_id(ids):
    """Unit-owned pages with their unit, one query per page type."""
    pages = {}
    for model in unit_owned_page_models():
        for page in model.objects.filter(pk__in=ids).select_related("unit"):
            pages[page.pk] = page
    return pages


class AwaitingMyReviewPanel(Component):
    name = "organisation_awaiting_my_review"
    template_name = "organisation/panels/awaiting_my_review.html"
    order = 90

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = list(
            task_states_awaiting(request.user)
            .select_related("task", "workflow_state__requested_by")
            .order_by("started_at")[:PANEL_SIZE]
        )
        pages = unit_pages_by_id([int(state.workflow_state.object_id) for state in states])
        rows = []
        for state in states:
            page = pages.get(int(state.workflow_state.object_id))
            if page is None:
                # A page no unit owns (the site's own pages): shown without a unit.
                page = state.workflow_state.content_object
                if page is None:
                    continue
                page = page.specific
            rows.append({"state": state, "page": page, "unit": getattr(page, "unit", None)})
        return {"rows": rows, "request": request}


class UnitPagesPanel(Component):
    name = "organisation_unit_pages"
    template_name = "organisation/panels/unit_pages.html"
    order = 95

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        access = access_for(request.user)
        if not access.allows("page.see_drafts"):
            return {"rows": [], "request": request}
        units = access.units("page.see_drafts")
        pages = []
        for model in unit_owned_page_models():
            pages += list(
                model.objects.filter(unit__in=units)
                .select_related("unit")
                .order_by("-latest_revision_created_at", "-pk")[:PANEL_SIZE]
            )
        pages.sort(
            key=lambda page: (page.latest_revision_created_at or page.first_published_at, page.pk),
            reverse=True,
        )
        pages = pages[:PANEL_SIZE]
        levels = dict(UnitReviewTask.objects.values_list("pk", "level"))
        # Fetched here rather than with prefetch_workflow_states(), which on a queryset of one
        # page type matches nothing (it compares the base content type with the specific one).
        states = {
            int(state.object_id): state
            for state in WorkflowState.objects.active()
            .filter(object_id__in=[str(page.pk) for page in pages])
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .select_related("current_task_state")
        }
        rows = []
        for page in pages:
            position = workflow_position(page, states.get(page.pk), levels)
            rows.append(
                {
                    "page": page,
                    "state": STATE_LABELS[position],
                    # Why it was sent back: the comment of the step that asked for changes.
                    "reason": states[page.pk].current_task_state.comment
                    if position == "needs_changes" and states[page.pk].current_task_state
                    else "",
                    # Only link to the editor where it will open: the page's writers, and its
                    # reviewers while it waits at their step (worked out without a query).
                    "can_edit": access.reaches("page.write", page.unit)
                    or (position == "federation" and access.reaches("page.review", page.unit)),
                }
            )
        return {"rows": rows, "request": request}


def workflow_position(page, state, levels):
    """Where ``page`` stands (``state`` is its active workflow state, if any): draft, at a
    review step, sent back, or published."""
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return "needs_changes"
        task_id = state.current_task_state.task_id if state.current_task_state else None
        return "school" if levels.get(task_id) == ReviewLevel.SCHOOL else "federation"
    if page.live:
        return "live_draft" if page.has_unpublished_changes else "live"
    return "draft"


def dashboard_panels(request, panels):
    """Put our panels first, in place of Wagtail's "Awaiting your review", whose list would
    repeat ours (and miss its rule on who is asked)."""
    panels[:] = [
        panel for panel in panels if getattr(panel, "name", "") != "workflow_objects_to_moderate"
    ]
    access = access_for(request.user)
    panels.insert(0, UnitPagesPanel())
    if access.allows("page.review"):
        panels.insert(0, AwaitingMyReviewPanel())
