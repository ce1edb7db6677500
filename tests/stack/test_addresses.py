"""One public address: every absolute link a page gives out starts with BASE_URL (canonical,
og:url, og:image, the Facebook and Zalo share links, the sitemap)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.stack.conftest import first_article_path, parse

pytestmark = pytest.mark.stack


def test_article_names_base_url_everywhere(stack, browse):
    # An article with a photo, so that og:image is there to check.
    parts = parse(browse(first_article_path(stack, with_photo=True)).text)
    base = stack.base + "/"
    assert parts.canonical.startswith(base)
    assert parts.meta["og:url"].startswith(base)
    assert parts.meta["og:image"].startswith(base)
    shared = [
        value
        for link in parts.links
        if "facebook.com/sharer" in link or "zalo.me/share" in link
        for values in parse_qs(urlsplit(link).query).values()
        for value in values
    ]
    assert len(shared) >= 2
    assert all(url.startswith(base) for url in shared), shared


def test_sitemap_entries_start_with_base_url(stack, browse):
    sitemap = browse("/sitemap.xml")
    assert sitemap.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap.text)
    assert locations
    assert all(url.startswith(stack.base + "/") for url in locations), locations[:3]
