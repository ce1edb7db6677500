"""Point the default Wagtail Site at BASE_URL, so every absolute link names one address."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.sites import site_address, sync_default_site


class Command(BaseCommand):
    help = (
        "Set the default site's hostname and port from BASE_URL (WAGTAILADMIN_BASE_URL). "
        "Safe to run on every start: it changes nothing when they already agree."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", help="The public address to use instead of BASE_URL, e.g. https://doan.vn"
        )

    def handle(self, *args, url=None, **options):
        url = url or settings.WAGTAILADMIN_BASE_URL
        try:
            hostname, port = site_address(url)
        except ValueError as error:
            raise CommandError(str(error)) from error
        site, changed = sync_default_site(url)
        if site is None:
            raise CommandError("There is no default site yet: run `manage.py migrate` first.")
        state = "now" if changed else "already"
        self.stdout.write(f"The default site is {state} {hostname}:{port} (from {url}).")
