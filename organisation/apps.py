from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Union organisation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy

        from . import notifications, signals  # noqa: F401
        from .models import Unit, UnitRole
        from .permissions import UnitPagePermissionPolicy
        from .policies import UNIT_POLICY, UNIT_ROLE_POLICY

        # Replaces Wagtail's page policy for every page type, so listings, search and reports
        # hide other units' drafts (see permissions.py).
        register_permission_policy(AbstractPage, UnitPagePermissionPolicy())
        register_permission_policy(Unit, UNIT_POLICY)
        register_permission_policy(UnitRole, UNIT_ROLE_POLICY)
        notifications.connect()
