"""Small readers for configuration that comes from the environment."""

import os
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured


def read_env_file(path):
    """The variables of a ``NAME=value`` file such as the stack's ``.stack/env`` (blank lines
    and ``#`` comments skipped; no quoting, as ``scripts/stack.sh`` writes none)."""
    env = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines.read().splitlines():
            if line and not line.startswith("#") and "=" in line:
                name, _, value = line.partition("=")
                env[name] = value
    return env


def env_str(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def require(name):
    """Return a setting that production cannot run without, or refuse to start."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


def cache_from_url(url):
    """Turn CACHE_URL (redis://, rediss://, locmem://, dummy://) into a CACHES entry."""
    parts = urlsplit(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    prefix = options.pop("key_prefix", "")
    if parts.scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url.split("?", 1)[0],
            "KEY_PREFIX": prefix,
        }
    if parts.scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "default",
            "KEY_PREFIX": prefix,
        }
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL has an unknown scheme: {parts.scheme!r}")
