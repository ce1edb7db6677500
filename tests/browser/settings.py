"""The site as the browser tests serve it: the test settings on a temporary SQLite file, with
uploaded media served and mail written to files the tests can read. Each value comes from the
environment `harness.LiveSite` sets, so two runs never share a database."""

import os

from cms.settings.test import *  # noqa: F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["BROWSER_DB"],
        "OPTIONS": {
            # The server's threads and the tests' own `manage.py` calls write to one file:
            # wait for the lock instead of failing, and take it before reading.
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        },
    }
}
ROOT_URLCONF = "tests.browser.urls"
MEDIA_ROOT = os.environ["BROWSER_MEDIA"]
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["BROWSER_MAIL"]
WAGTAILADMIN_BASE_URL = os.environ["BROWSER_BASE_URL"]
# Every journey signs in from the same loopback address, some fifty times a run: the sign-in
# limits are tested on their own (tests/security), not tripped here by the suite's length.
RATE_LIMITS = {**RATE_LIMITS, "login": "1000/10m", "two_factor": "1000/10m"}  # noqa: F405
