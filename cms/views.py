import secrets

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from redis.exceptions import RedisError
from wagtail.models import Site

from .addresses import absolute_url


def _database_answers():
    """Read a real table, as every page does: ``SELECT 1`` passes on an empty or renamed
    SQLite file (SQLite creates a new one) and on a database that was never migrated."""
    if connection.vendor == "sqlite":
        # A kept-open SQLite connection still reads a file renamed or replaced under it;
        # reopen so the check sees the file the next request will. (Django keeps an
        # in-memory database open whatever we ask.)
        connection.close()
    try:
        Site.objects.exists()
    except DatabaseError:
        return False
    return True


def _cache_answers():
    """Write and read back a short-lived key when the cache is Redis (shared, so it can be
    down; a process's own memory cache cannot, and the dummy one keeps nothing)."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return True
    # A key of its own: probes at the same moment must not read back each other's.
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "ok", 10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
    except RedisError:
        return False
    return answered


def _unavailable(what):
    return HttpResponse(f"{what} unavailable\n", status=503, content_type="text/plain")


@never_cache
@require_GET
def healthz(request):
    """Say whether this process can serve: 200 only when the database and the cache answer."""
    if not _database_answers():
        return _unavailable("database")
    if not _cache_answers():
        return _unavailable("cache")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def robots_txt(request):
    """Keep robots out of the admin and the API, and point them at the sitemap."""
    sitemap = absolute_url(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
