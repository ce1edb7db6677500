"""gunicorn's settings for every deployment: the native stack (`make stack-up`) and compose.

Only the bind address, the worker count and the proxy's address differ between the two; they
come from the environment, with the values compose uses as defaults.
"""

import os

# Where the app listens: the proxy reaches it here (compose: every app container on :8000).
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# About 2 × cores + 1 (docs/deploy.md). Each is a process with its own database connection.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A request that takes longer than this is a bug: long work (imports, mail) runs on the task
# worker. Explicit, so raising it is a visible decision rather than a default.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Only the proxy may say a request was HTTPS (X-Forwarded-Proto) or whom it came from; a
# comma-separated list of addresses or networks, never '*'.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No control socket: nothing here uses gunicornc, and its default path in $HOME would be shared
# by every gunicorn of the same user.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
# Workers are forked after the app is imported: less memory, faster restarts.
preload_app = True
