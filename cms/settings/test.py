"""The test suite: fast hashing, in-memory cache and mail, plain static storage."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rate-limit counters apart, emptied before each test (tests/conftest.py).
    "ratelimits": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ratelimits",
    },
}
RATELIMIT_USE_CACHE = "ratelimits"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="doan-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEMO_CONTENT_ALLOWED = True
# Serve static files from the app folders, without a collectstatic step.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The anonymous page cache is switched on only by the tests that exercise it.
PAGE_CACHE_SECONDS = 0
# Rate limits count per process here, whatever CACHE_URL says.
if "django_ratelimit.E003" not in SILENCED_SYSTEM_CHECKS:  # noqa: F405
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")  # noqa: F405
# The suite signs users in with force_login; the tests of two-factor sign-in turn the
# requirement on (tests/security/test_two_factor.py). Enrolled users are asked for a code here too.
TWO_FACTOR_REQUIRED = False
