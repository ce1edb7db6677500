from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from organisation.policies import ASSIGNMENT_POLICY

from .models import Assignment, DirectivePage
from .panels import AssignmentsPanel
from .reminders import REMIND_ACTION, ReminderFormatter
from .sections import latest_documents_section
from .viewsets import DirectivesViewSetGroup, name_the_file_library

register_permission_policy(Assignment, ASSIGNMENT_POLICY)

register_snippet(DirectivesViewSetGroup)
hooks.register("construct_main_menu", name_the_file_library)


@hooks.register("construct_homepage_panels")
def add_assignments_panel(request, panels):
    panels.append(AssignmentsPanel(request))


@hooks.register("register_page_header_buttons")
def implementation_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, DirectivePage):
        yield Button(
            _("Implementation"),
            reverse("directives_admin:assignments", args=[page.pk]),
            icon_name="tasks",
            priority=40,
        )


@hooks.register("insert_global_admin_css")
def directives_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("directives/admin.css"))


hooks.register("home_page_sections", latest_documents_section)


@hooks.register("register_log_actions")
def register_reminder_log_action(actions):
    actions.register_action(REMIND_ACTION)(ReminderFormatter)
