from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search and Vietnamese folding; its migration sets up the database side."""

    name = "cms.search"
    label = "cms_search"
    verbose_name = _("Search")

    def ready(self):
        from . import slugs

        slugs.connect()
