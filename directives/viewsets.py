"""The admin's "Văn bản" menu: the list of issuers (a snippet) and the implementation screens
(progress matrix, a document's assignments, the acknowledge and report actions)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import views
from .models import Issuer


class IssuerViewSet(SnippetViewSet):
    model = Issuer
    icon = "group"
    menu_label = _("Issuers")
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False


class ProgressMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_follow_progress(request.user)


class ImplementationViewSet(ViewSet):
    """Not a model's screens: the views that move assignments along, and the matrix."""

    name = "directives_admin"
    url_prefix = "directives"
    icon = "table"
    menu_label = _("Implementation progress")
    menu_item_class = ProgressMenuItem

    def get_urlpatterns(self):
        # The first pattern is the menu entry's target.
        return [
            path("progress/", views.ProgressView.as_view(), name="progress"),
            path("progress/remind/", views.RemindLateUnitsView.as_view(), name="remind_late_units"),
            path(
                "document/<int:page_id>/assignments/",
                views.DocumentAssignmentsView.as_view(),
                name="assignments",
            ),
            path("assignment/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
            path("assignment/<int:pk>/report/", views.start_report, name="start_report"),
        ]


def name_the_file_library(request, menu_items):
    """Wagtail's file library is "Documents" too, which Vietnamese makes "Văn bản" like our
    menu: the sidebar had two "Văn bản". Theirs becomes "Tệp tài liệu" (construct_main_menu)."""
    for item in menu_items:
        if item.name == "documents":
            item.label = _("File library")


class DirectivesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Documents")
    menu_icon = "doc-full"
    menu_order = 240
    items = (ImplementationViewSet, IssuerViewSet)
