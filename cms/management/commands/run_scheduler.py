"""Publish and unpublish scheduled pages every minute: the stack's and compose's scheduler."""

import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run Wagtail's publish_scheduled every minute until stopped (SIGTERM or Ctrl-C)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=int,
            default=60,
            help="Seconds between runs (default 60: a page goes live within a minute).",
        )
        parser.add_argument(
            "--once", action="store_true", help="Run publish_scheduled once and stop."
        )

    def handle(self, *args, interval, once, **options):
        if once:
            self.run_once()
            return
        stopping = []
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: stopping.append(signum))
        try:
            while not stopping:
                started = time.monotonic()
                self.run_once()
                # Sleep in short steps so a stop request is honoured within a second.
                while not stopping and time.monotonic() - started < interval:
                    time.sleep(min(1.0, interval))
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
        self.stdout.write("Scheduler stopped.")

    def run_once(self):
        # A long-lived process: give up connections the database may have closed meanwhile.
        close_old_connections()
        try:
            call_command("publish_scheduled", verbosity=0)
        except Exception:
            logger.exception("publish_scheduled failed; trying again at the next run")
        finally:
            close_old_connections()
