from django.apps import AppConfig
from django.db.models.signals import pre_save


class CmsConfig(AppConfig):
    """Project-wide behaviour that belongs to no single app."""

    name = "cms"
    verbose_name = "CMS"

    def ready(self):
        from . import purge
        from .text import normalise_text_fields

        purge.connect()

        pre_save.connect(normalise_text_fields, dispatch_uid="cms_normalise_text_fields")
