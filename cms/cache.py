"""The anonymous page cache: readers who are not logged in get a stored copy of a page.

Built on Django's cache framework because wagtail-cache does not support Wagtail 8. The rules
that keep it safe:

- only GET/HEAD requests that carry no session cookie are looked up or stored, so a logged-in
  editor (or anyone with a session: a password-protected page, a preview) never sees a stored
  copy and never has their page stored;
- only responses of Wagtail's own page serving are stored (previews and the admin never go
  through it), with status 200 and no cookie set: a response that set a CSRF or session cookie
  carries something personal and is never shared;
- every stored copy is keyed by a generation number; publishing, unpublishing, moving or
  deleting a page, or approving a comment, bumps it, so the whole site is fresh at once
  (listings, the home page and related articles all show other pages' content).

Query strings are part of the key, but only ``page`` and ``tag`` (the listings' own), so a
crawler inventing parameters cannot fill the cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.http import HttpResponse

GENERATION_KEY = "page-cache:generation"
CACHEABLE_PARAMETERS = {"page", "tag"}
# Set by the before_serve_page hook on requests Wagtail serves as a live page.
CACHEABLE_ATTRIBUTE = "page_cache_cacheable"


def cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def invalidate(**kwargs):
    """Make every stored page stale (signal receiver, so it takes and ignores kwargs)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def page_deleted(sender, instance, **kwargs):
    if instance.live:
        invalidate()


def connect():
    """Publishing, unpublishing, moving or deleting a page changes what readers see."""
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(invalidate, dispatch_uid="page_cache_published")
    page_unpublished.connect(invalidate, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(invalidate, dispatch_uid="page_cache_moved")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="page_cache_page_deleted")


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """before_serve_page hook: this request is a live page served to the public."""
    setattr(request, CACHEABLE_ATTRIBUTE, True)


def _request_may_use_cache(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return set(request.GET).issubset(CACHEABLE_PARAMETERS)


def _key(request, generation):
    query = "&".join(f"{name}={request.GET[name]}" for name in sorted(request.GET))
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"page-cache:{generation}:{digest}"


class AnonymousPageCacheMiddleware:
    """Serve and store public pages for visitors without a session (see the module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if seconds <= 0 or not _request_may_use_cache(request):
            return self.get_response(request)
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, 1, None)
            generation = cache.get(GENERATION_KEY, 1)
        key = _key(request, generation)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            # The headers too (content type and language, frame and security policies); a
            # storable response has set no cookie, so there is nothing personal among them.
            cache.set(key, (response.content, list(response.items())), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(request, response):
        return (
            getattr(request, CACHEABLE_ATTRIBUTE, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not getattr(request, "is_preview", False)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
