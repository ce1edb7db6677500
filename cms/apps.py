from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save


class CmsConfig(AppConfig):
    """Project-wide behaviour that belongs to no single app."""

    name = "cms"
    verbose_name = "CMS"

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.permissions import register_permission_policy

        from . import (
            checks,  # noqa: F401  (registers the deployment checks)
            purge,
        )
        from .mail_admin import SuperusersReadOnly
        from .models import OutgoingMail
        from .security import checks as security_checks  # noqa: F401  (registers them)
        from .security.uploads import file_in_unit_collection  # and groups follow roles
        from .text import normalise_text_fields

        # Only superusers look at queued and failed mail (cms/mail_admin.py).
        register_permission_policy(OutgoingMail, SuperusersReadOnly(OutgoingMail))
        post_save.connect(
            file_in_unit_collection,
            sender=get_document_model(),
            dispatch_uid="cms_file_in_unit_collection",
        )
        purge.connect()

        pre_save.connect(normalise_text_fields, dispatch_uid="cms_normalise_text_fields")
