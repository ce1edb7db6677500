from django.apps import AppConfig
from django.db.models.signals import pre_save


class CmsConfig(AppConfig):
    """Project-wide behaviour that belongs to no single app."""

    name = "cms"
    verbose_name = "CMS"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .mail_admin import SuperusersReadOnly
        from .models import OutgoingMail
        from .text import normalise_text_fields

        # Only superusers look at queued and failed mail (cms/mail_admin.py).
        register_permission_policy(OutgoingMail, SuperusersReadOnly(OutgoingMail))

        pre_save.connect(normalise_text_fields, dispatch_uid="cms_normalise_text_fields")
