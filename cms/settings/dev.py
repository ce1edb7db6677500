"""Local development: debug pages, console email, a fixed key that production refuses."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105  (production.py never reads this file)
DEMO_CONTENT_ALLOWED = True  # load_demo creates users with a published password
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Background tasks run inside the request, so `make run` needs no worker process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The demo accounts sign in with their password alone unless TWO_FACTOR_REQUIRED=1 (make run
# says so); anyone may still set up an authenticator app from their account page.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
