from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from cms.purge import purge_everything

        from .models import SiteProfile

        def profile_saved(sender, instance, created, **kwargs):
            # The profile is on every page (header, footer, sharing meta). Its first save is
            # Wagtail creating the defaults on the first page view: nothing shown changes.
            if not created:
                purge_everything()

        post_save.connect(
            profile_saved, sender=SiteProfile, dispatch_uid="home_site_profile_purge", weak=False
        )
