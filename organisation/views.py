"""Admin screens for the unit tree and the roles users hold in it."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .forms import UnitForm, UnitRoleForm
from .models import Unit, UnitRole


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    # Ordered by the materialised path, so the listing reads as the tree.
    list_display = ["tree_label", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    list_per_page = 100
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return UnitForm


class UnitRoleViewSet(ModelViewSet):
    model = UnitRole
    icon = "user"
    menu_label = _("Roles")
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return UnitRoleForm


class OrganisationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "site"
    menu_order = 250
    items = (UnitViewSet("units"), UnitRoleViewSet("unit_roles"))
