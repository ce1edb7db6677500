import datetime
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.mail.backends import Outage

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def smtp(settings):
    """The site's mail goes through a server the test can switch off (``smtp.down = True``)."""
    settings.EMAIL_BACKEND = "tests.mail.backends.FlakySMTPBackend"
    mail.outbox = []
    Outage.down = False
    yield Outage
    Outage.down = False


@contextmanager
def later(minutes):
    """Run the block as if ``minutes`` had passed."""
    moment = timezone.now() + datetime.timedelta(minutes=minutes)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def run_worker():
    """What `manage.py db_worker` does in production, until nothing is left that is due."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
