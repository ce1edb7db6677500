"""Admin screens for the unit tree and the roles users hold in it, and the pieces every app's
admin screens share to ask the permission policies."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.viewsets.pages import PageViewSet

from .access import may_see_page
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


class ScopedObjectMixin:
    """For a generic object view (edit, delete, history, usage): the object exists only where
    the view's permission policy lets the user do ``object_action`` on it; elsewhere it is a
    404, whatever the URL, so a hand-typed address learns nothing about other units."""

    object_action = "change"

    def scoped_objects(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, self.object_action
        )

    def get_base_object_queryset(self):  # history, usage and operation views
        return self.scoped_objects()


class ScopedFormObjectMixin(ScopedObjectMixin):
    """`ScopedObjectMixin` for the edit and delete views, which find their object as Django's
    ``SingleObjectMixin`` does."""

    def get_object(self, queryset=None):
        return super().get_object(self.scoped_objects() if queryset is None else queryset)


class ScopedListingMixin:
    """For a generic index view: rows are the objects the policy lets the user see, and each
    row's edit and delete buttons show only where the policy allows them for that row."""

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "view")

    def get_edit_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "delete", instance
        ):
            return super().get_delete_url(instance)
        return None


class UnitExplorableIndexView(ExplorableIndexView):
    """The page explorer, except that another unit's draft does not exist for the user: its
    title, status and submitter would show in the explorer's header (issue 14)."""

    def get(self, request, parent_page_id=None):
        if parent_page_id and not may_see_page(request.user, parent_page_id):
            raise Http404
        return super().get(request, parent_page_id=parent_page_id)


class UnitPageViewSet(PageViewSet):
    """Wagtail's page views for every page type, with the explorer above."""

    index_view_class = UnitExplorableIndexView
