"""The anonymous page cache: readers who are not logged in get a stored copy of a page.

Built on Django's cache framework because wagtail-cache does not support Wagtail 8. The rules
that keep it safe:

- only GET/HEAD requests that carry no session cookie are looked up or stored, so a logged-in
  editor (or anyone with a session: a password-protected page, a preview) never sees a stored
  copy and never has their page stored;
- only responses of Wagtail's own page serving are stored (previews and the admin never go
  through it), with status 200 and no cookie set: a response that set a CSRF or session cookie
  carries something personal and is never shared;
- every stored copy carries the purge stamp of its path (and a site-wide one) from when it was
  rendered; purging a path gives it a new stamp, so every stored copy of that path (each
  ``?page=`` and ``?tag=``) is stale at once. cms/purge.py decides which paths a change purges.

Query strings are part of the key, but only ``page`` and ``tag`` (the listings' own), so a
crawler inventing parameters cannot fill the cache. Tracking parameters (``fbclid``, ``utm_*``,
``PAGE_CACHE_TRACKING_PARAMETERS``) are taken off the request before anything reads it: the page
is the same with or without them, so the reader of a shared link gets the stored copy, and no
link on the page repeats someone's click identifier.
"""

import hashlib
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_cache_control

SITE_STAMP_KEY = "page-cache:site"
# The listings' own filters: a page of a column, a tag, a month of its archive (?thang=2026-11).
CACHEABLE_PARAMETERS = frozenset({"page", "tag", "thang"})
# Set by the before_serve_page hook on requests Wagtail serves as a live page.
CACHEABLE_ATTRIBUTE = "page_cache_cacheable"


def cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def is_tracking_parameter(name):
    """``fbclid``, ``utm_source``…: added by whoever shared the link, not read by any page. An
    entry ending in ``*`` names a prefix."""
    for pattern in settings.PAGE_CACHE_TRACKING_PARAMETERS:
        if name == pattern or (pattern.endswith("*") and name.startswith(pattern[:-1])):
            return True
    return False


def strip_tracking_parameters(request):
    """Take tracking parameters off the request's query (``GET`` and the query string)."""
    if not request.GET:
        return
    kept = [
        (name, value)
        for name, values in request.GET.lists()
        if not is_tracking_parameter(name)
        for value in values
    ]
    if len(kept) == sum(len(values) for _name, values in request.GET.lists()):
        return
    request.META["QUERY_STRING"] = urlencode(kept)
    request.GET = QueryDict(request.META["QUERY_STRING"])


def path_stamp_key(path):
    return "page-cache:path:" + hashlib.sha256(path.encode()).hexdigest()[:40]


def purge_paths(paths):
    """Make every stored copy of these paths stale (any host, any ``?page=`` or ``?tag=``)."""
    paths = set(paths)
    if paths:
        cache.set_many({path_stamp_key(path): uuid.uuid4().hex for path in paths}, None)


def purge_all():
    """Make every stored page stale: for what has no list of pages (site settings, menus)."""
    cache.set(SITE_STAMP_KEY, uuid.uuid4().hex, None)


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """before_serve_page hook: this request is a live page served to the public."""
    setattr(request, CACHEABLE_ATTRIBUTE, True)


def _request_may_use_cache(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return CACHEABLE_PARAMETERS.issuperset(request.GET)


def _key(request):
    query = "&".join(
        f"{name}={value}" for name in sorted(request.GET) for value in request.GET.getlist(name)
    )
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "page-cache:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _stamps(path_key):
    """The current (site, path) stamps, created when missing: a stamp lost from the cache is
    replaced by a new one that matches no stored copy, never by an old one."""
    found = cache.get_many([SITE_STAMP_KEY, path_key])
    missing = {
        key: uuid.uuid4().hex for key in (SITE_STAMP_KEY, path_key) if found.get(key) is None
    }
    if missing:
        for key, stamp in missing.items():
            cache.add(key, stamp, None)
        found = cache.get_many([SITE_STAMP_KEY, path_key])
    return (found.get(SITE_STAMP_KEY), found.get(path_key))


class AnonymousPageCacheMiddleware:
    """Serve and store public pages for visitors without a session (see the module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        strip_tracking_parameters(request)
        seconds = cache_seconds()
        if seconds <= 0 or not _request_may_use_cache(request):
            return self.get_response(request)
        key = _key(request)
        path_key = path_stamp_key(request.path)
        # One round trip for a hit: the stored copy and the stamps it must still match.
        found = cache.get_many([key, SITE_STAMP_KEY, path_key])
        stored = found.get(key)
        current = (found.get(SITE_STAMP_KEY), found.get(path_key))
        if stored is not None and None not in current and stored[0] == current:
            _stored_stamps, content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        # Tokens read before rendering: a purge while the page renders leaves this copy stale.
        stamps = current if None not in current else _stamps(path_key)
        response = self.get_response(request)
        if self._storable(request, response):
            # The proxy or CDN in front may keep it as long as we do (a publish purges both);
            # browsers ask again each time, so a reader never holds a page a purge missed.
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
            # The headers too (content type and language, frame and security policies); a
            # storable response has set no cookie, so there is nothing personal among them.
            cache.set(key, (stamps, response.content, list(response.items())), seconds)
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
