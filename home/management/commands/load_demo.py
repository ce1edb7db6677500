"""Load the demo content of Đoàn trường CĐSP Điện Biên. Safe to run again: every step looks
for what it would create first."""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each app with demo content has a `demo` module with `load(out)`; the order matters
# (units and users first, pages after their parents).
DEMO_MODULES = [
    "organisation.demo",
    "home.demo",
    "columns.demo",
    # Articles in every state of the approval workflow; needs the columns made just before.
    "organisation.review_demo",
    "directives.demo",
    "members.demo",
]


def demo_modules():
    for name in DEMO_MODULES:
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


class Command(BaseCommand):
    help = "Load the demo units, users and content (development only, idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do nothing if the demo was loaded before (so `make run` starts fast).",
        )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Demo content has well-known passwords and is refused under these settings."
            )
        from organisation.demo import already_loaded, logins

        out = self.stdout.write
        if options["once"] and already_loaded():
            out("Demo content was loaded before (run `make demo` to refresh it).")
        else:
            with transaction.atomic():
                for module in demo_modules():
                    module.load(out)
            out(self.style.SUCCESS("\nDemo content is ready."))
        out(f"Site:  {settings.WAGTAILADMIN_BASE_URL}/")
        out(f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/")
        out("Demo logins (username / password):")
        for line in logins():
            out(line)
