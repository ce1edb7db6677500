"""The list of issuers, editable in the admin like any snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Issuer


class IssuerViewSet(SnippetViewSet):
    model = Issuer
    icon = "group"
    menu_label = _("Issuers")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False
