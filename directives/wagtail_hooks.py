from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from . import views
from .models import DirectivePage
from .panels import AssignmentsPanel
from .sections import latest_documents_section
from .viewsets import IssuerViewSet

register_snippet(IssuerViewSet)


@hooks.register("register_admin_urls")
def register_directives_admin_urls():
    urls = [
        path(
            "document/<int:page_id>/assignments/",
            views.DocumentAssignmentsView.as_view(),
            name="assignments",
        ),
        path("assignment/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
        path("assignment/<int:pk>/report/", views.start_report, name="start_report"),
        path("progress/", views.ProgressView.as_view(), name="progress"),
    ]
    return [path("directives/", include((urls, "directives_admin")))]


class ProgressMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_follow_progress(request.user)


@hooks.register("register_admin_menu_item")
def register_progress_menu_item():
    return ProgressMenuItem(
        _("Implementation progress"),
        reverse("directives_admin:progress"),
        name="directives-progress",
        icon_name="table",
        order=255,
    )


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
