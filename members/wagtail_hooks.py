from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from organisation.policies import MEMBER_POLICY

from .actions import MemberCreateAction, MemberDeleteAction, MemberEditAction
from .bulk_actions import (
    ExportBulkAction,
    MarkUpdatedBulkAction,
    MoveBulkAction,
    UnmarkUpdatedBulkAction,
)
from .importing import EXPORT_ACTION, IMPORT_ACTION, describe_filters
from .models import Member
from .progress import ProgressPanel
from .views import MemberViewSet, can

register_permission_policy(Member, MEMBER_POLICY)


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return MemberViewSet("members")


for bulk_action in (
    MoveBulkAction,
    MarkUpdatedBulkAction,
    UnmarkUpdatedBulkAction,
    ExportBulkAction,
):
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_actions")
def register_member_actions(registry):
    # History entries that name a member by number, not by name (see actions.py).
    for action_class in (MemberCreateAction, MemberEditAction, MemberDeleteAction):
        registry.register(Member, action_class)


class AuditMenuItem(MenuItem):
    """The register log under Reports, for those the table lets audit (member.audit)."""

    def is_shown(self, request):
        return can(request.user, "audit")


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(
        _("Member register log"), reverse_lazy("members:audit"), icon_name="history", order=60
    )


@hooks.register("construct_homepage_panels")
def add_progress_panel(request, panels):
    if can(request.user, "view"):
        panels.append(ProgressPanel(request.user))


@hooks.register("register_log_actions")
def register_member_log_actions(actions):
    @actions.register_action(IMPORT_ACTION)
    class ImportFormatter(LogFormatter):
        label = _("Import members")

        def format_message(self, log_entry):
            return _(
                "Imported %(file_name)s: %(created)s new, %(updated)s updated, "
                "%(unchanged)s unchanged"
            ) % {
                key: log_entry.data.get(key, "")
                for key in ("file_name", "created", "updated", "unchanged")
            }

    @actions.register_action(EXPORT_ACTION)
    class ExportFormatter(LogFormatter):
        label = _("Export members")

        def format_message(self, log_entry):
            message = _("Exported %(rows)s members to %(file_name)s") % {
                key: log_entry.data.get(key, "") for key in ("rows", "file_name")
            }
            filters = describe_filters(log_entry.data.get("filters"))
            return f"{message} ({filters})" if filters else message
