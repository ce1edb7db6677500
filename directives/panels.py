"""The admin home panel "Văn bản cần triển khai": what the user's units still owe, soonest
deadline first, overdue ones marked."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .models import Assignment
from .rules import units_acting_for

# The panel is a reminder, not the full list (that is each document's assignments screen).
PANEL_LIMIT = 20


class AssignmentsPanel(Component):
    name = "directives_assignments"
    template_name = "directives/admin/home_panel.html"
    order = 150

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        open_items = (
            Assignment.objects.open()
            .filter(unit__in=units_acting_for(self.request.user))
            .select_related("unit", "document", "report")
            .order_by("deadline", "unit__path")
        )
        items = list(open_items[: PANEL_LIMIT + 1])
        return {
            "items": [
                {"assignment": item, "overdue": item.is_overdue(today)}
                for item in items[:PANEL_LIMIT]
            ],
            "more": len(items) > PANEL_LIMIT,
            "request": self.request,
            "next_url": self.request.get_full_path(),
        }

    def render_html(self, parent_context=None):
        if not self.request.user.is_authenticated:
            return ""
        context = self.get_context_data(parent_context)
        if not context["items"]:
            return ""
        from django.template.loader import render_to_string

        return render_to_string(self.template_name, context, request=self.request)
