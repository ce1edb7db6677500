from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .access import without_hidden_drafts
from .panels import dashboard_panels
from .permissions import may_create
from .review import SKIP_ACTION, SkippedStepFormatter
from .views import OrganisationViewSetGroup


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return OrganisationViewSetGroup()


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


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(SKIP_ACTION)(SkippedStepFormatter)
