"""The one public address: the default Wagtail Site follows BASE_URL.

Wagtail builds every absolute link (canonical, og:url, share links, the sitemap) from the Site
record, which a migration created as localhost:80. `manage.py set_site_url` (run on every start
of the stack and the Docker image) sets it from BASE_URL; the check in cms/checks.py warns
when the two disagree.
"""

from urllib.parse import urlsplit

from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(url):
    """(hostname, port) of a public address such as https://doan.example.vn or
    http://127.0.0.1:8080; ValueError when it is not an http(s) address with a host."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"BASE_URL must be an http:// or https:// address, not {url!r}.")
    if parts.path not in ("", "/") or parts.query:
        raise ValueError(f"BASE_URL must be the site's root without a path, not {url!r}.")
    return parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


def default_site():
    return Site.objects.filter(is_default_site=True).first()


def sync_default_site(url):
    """Make the default site answer at `url`. Returns (site, changed); site is None when
    there is no default site."""
    hostname, port = site_address(url)
    site = default_site()
    if site is None:
        return None, False
    if (site.hostname, site.port) == (hostname, port):
        return site, False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return site, True
