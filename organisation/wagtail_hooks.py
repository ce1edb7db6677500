from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.pages.listing import IndexView as PageExplorer
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .access import without_hidden_drafts
from .panels import dashboard_panels
from .permissions import may_create
from .review import SKIP_ACTION, SkippedStepFormatter
from .views import OrganisationViewSetGroup, UnitPageViewSet
from .workflow_guard import (
    refuse_rejection_without_reason,
    refuse_stale_form,
    release_decision,
    sent_back,
    show_the_reason,
)


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return OrganisationViewSetGroup()


@hooks.register("register_admin_viewset")
def register_page_viewset():
    # Registered after Wagtail's own (order -1), so it serves every page type.
    return UnitPageViewSet()


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    dashboard_panels(request, panels)


@hooks.register("construct_explorer_page_queryset")
def hide_other_units_drafts_in_explorer(parent_page, pages, request):
    return without_hidden_drafts(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def hide_other_units_drafts_in_chooser(pages, request):
    return without_hidden_drafts(pages, request.user)


@hooks.register("before_create_page")
def only_unit_pages_for_editors(request, parent_page, page_class):
    if not may_create(request.user, page_class):
        raise PermissionDenied


@hooks.register("after_edit_page")
def free_the_decision(request, page):
    release_decision(request)


@hooks.register("after_edit_page")
def reviewers_return_to_their_dashboard(request, page):
    """After a decision taken in the page editor, Wagtail sends the user to the page's parent in
    the explorer. A reviewer holds no page permission, so the explorer would refuse them; their
    work list is the dashboard's "Chờ tôi duyệt", so they go back there instead."""
    if "workflow-action-name" not in request.POST or get_valid_next_url_from_request(request):
        return None
    policy = policy_registry.get_by_type(Page)
    if policy.user_has_any_permission(request.user, PageExplorer.any_permission_required):
        return None
    return redirect("wagtailadmin_home")


def may_withdraw_from_review(user, page):
    """Wagtail lets anyone who may approve also cancel a page's workflow, which sends it back to
    draft with no comment and tells nobody. Here a reviewer who disagrees requests changes; only
    the person who submitted the page (or its owner, or a superuser) withdraws it."""
    state = page.current_workflow_state
    if state is None or user.is_superuser:
        return True
    return user.pk in (state.requested_by_id, page.owner_id)


RESTART_OR_CANCEL = {"action-cancel-workflow", "action-restart-workflow"}


def may_restart_or_cancel_sent_back(user, page):
    """A page sent back offers its editors "Gửi lại…" (resubmit, the workflow resumes at the
    step that asked for changes). Beside it, "Hủy quy trình duyệt" drops the reviewers'
    earlier approvals and "Bắt đầu lại quy trình duyệt" sends it through every step again: an
    editor who means "resubmit" takes them by mistake. Only those who may publish (the school
    approvers, superusers) keep them."""
    if sent_back(page) is None:
        return True
    return page.permissions_for_user(user).can_publish()


@hooks.register("construct_page_action_menu")
def hide_withdraw_from_reviewers(menu_items, request, context):
    page = context.get("page")
    if page is None:
        return
    if not may_withdraw_from_review(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "action-cancel-workflow"]
    if not may_restart_or_cancel_sent_back(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name not in RESTART_OR_CANCEL]


@hooks.register("before_edit_page")
def refuse_withdraw_by_reviewers(request, page):
    if request.method != "POST":
        return
    withdrawing = request.POST.get("action-cancel-workflow")
    if withdrawing and not may_withdraw_from_review(request.user, page):
        raise PermissionDenied
    if any(request.POST.get(name) for name in RESTART_OR_CANCEL) and (
        not may_restart_or_cancel_sent_back(request.user, page)
    ):
        raise PermissionDenied


@hooks.register("before_edit_page")
def refuse_stale_review_forms(request, page):
    # The lost approval of wagtail/wagtail#14460: see organisation/workflow_guard.py.
    return refuse_stale_form(request, page) or refuse_rejection_without_reason(request, page)


@hooks.register("before_edit_page")
def tell_the_editors_why_it_was_sent_back(request, page):
    show_the_reason(request, page)


@hooks.register("insert_editor_js")
def lock_the_editor_during_a_decision():
    return format_html('<script src="{}"></script>', static("organisation/js/review_lock.js"))


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(SKIP_ACTION)(SkippedStepFormatter)
