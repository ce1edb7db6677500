"""The scheduler publishes a page whose time has come, with no one pressing a button."""

import datetime
import os
import signal
import threading
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

# Outside a test transaction, as in production: the worker, the scheduler and a finished file
# response close the database connection between jobs (close_old_connections), which on
# PostgreSQL would end a test's transaction under it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def scheduled_page(go_live_at):
    """A new page an approver published with a go-live time, as the editor's schedule does."""
    home = Page.objects.get(depth=2)
    page = home.add_child(instance=Page(title="Lịch hẹn giờ", slug="lich-hen-gio", live=False))
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def wait_until(moment):
    time.sleep(max((moment - timezone.now()).total_seconds(), 0) + 0.1)


def test_a_run_publishes_only_what_is_due():
    go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    page = scheduled_page(go_live_at)
    assert not page.live

    call_command("run_scheduler", once=True)
    page.refresh_from_db()
    assert not page.live  # early: still waiting

    wait_until(go_live_at)
    call_command("run_scheduler", once=True)
    page.refresh_from_db()
    assert page.live


def test_the_loop_runs_at_once_and_stops_on_sigterm(capsys):
    go_live_at = timezone.now() + datetime.timedelta(seconds=1)
    page = scheduled_page(go_live_at)
    wait_until(go_live_at)
    previous = signal.getsignal(signal.SIGTERM)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        call_command("run_scheduler", interval=3600)  # returns on SIGTERM, not after an hour
    finally:
        timer.cancel()
    assert "Scheduler stopped." in capsys.readouterr().out
    assert signal.getsignal(signal.SIGTERM) is previous  # the process's own handler is back
    page.refresh_from_db()
    assert page.live
