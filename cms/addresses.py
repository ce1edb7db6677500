"""The site's one public address: every absolute URL a page, feed, sitemap or email shows is
``BASE_URL`` (``WAGTAILADMIN_BASE_URL``) followed by a path.

Not the host of the request (a proxy, a health check or a crawler may use another), not the
Wagtail ``Site`` record (a migration made it ``localhost:80``): one setting, so one page never
names two hosts.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url):
    """``/path`` → ``BASE_URL/path``; a URL that already names a host (media on a CDN, a
    share service) is left as it is."""
    if url is None:
        return None
    if urlsplit(url).netloc:
        return url
    return base_url() + "/" + url.lstrip("/")


def page_path(page, request=None):
    """The page's path on the site (``/en/...`` for English), or None when it has no URL."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    return parts[2]


def page_url(page, request=None):
    """The page's absolute public URL, or None when it has no URL."""
    path = page_path(page, request)
    return absolute_url(path) if path else None
