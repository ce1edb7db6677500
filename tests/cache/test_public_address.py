"""One public address: every absolute URL a page, feed or sitemap shows starts with BASE_URL,
whatever host the request used and whatever the Wagtail Site record says."""

import re
from urllib.parse import unquote, urlsplit

import pytest
from django.test import Client
from wagtail.models import Locale, Site

from tests.factories.columns import ImageFactory, make_article

pytestmark = pytest.mark.django_db

PUBLIC = "https://doan.example.vn"
# Addresses of other services a page links to on purpose.
ELSEWHERE = {
    "www.facebook.com",
    "sp.zalo.me",
    "schema.org",
    "www.w3.org",
    "www.sitemaps.org",
    "purl.org",
}
ABSOLUTE = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC + "/"  # a trailing slash must not double up
    # The record a migration made, which nothing here should read.
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)


@pytest.fixture
def article(column, tree):
    article = make_article(column, tree.a1, title="Tin tốt hôm nay", hero_image=ImageFactory())
    english = Locale.objects.get(language_code="en")
    column.get_parent().copy_for_translation(english).save_revision().publish()
    column.copy_for_translation(english).save_revision().publish()
    translated = article.copy_for_translation(english)
    translated.save_revision().publish()
    return article


def hosts(text):
    """Every host named in the text, URL-encoded ones (inside share links) included."""
    found = set()
    for url in ABSOLUTE.findall(text) + ABSOLUTE.findall(unquote(text)):
        found.add(urlsplit(url).netloc)
    return found - ELSEWHERE


def get(url, host="127.0.0.1"):
    """As the app sees a request behind a proxy: some other host than the public one."""
    response = Client(HTTP_HOST=host).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_an_article_names_exactly_one_host(article):
    html = get(article.url)
    assert hosts(html) == {"doan.example.vn"}
    public = PUBLIC + article.url
    assert f'<link rel="canonical" href="{public}">' in html
    assert f'<meta property="og:url" content="{public}">' in html
    assert re.search(rf'<meta property="og:image" content="{PUBLIC}/media/images/[^"]+">', html)
    assert f'data-copy-link="{public}"' in html
    assert "sharer.php?u=https%3A%2F%2Fdoan.example.vn%2F" in html
    assert "share_inline?d=https%3A%2F%2Fdoan.example.vn%2F" in html
    assert f'hreflang="en" href="{PUBLIC}/en/' in html
    assert f'hreflang="x-default" href="{public}"' in html
    assert f'"mainEntityOfPage": "{public}"' in html


def test_column_and_home_pages_name_one_host(article, column):
    for url in [column.url, "/", "/en/"]:
        assert hosts(get(url)) == {"doan.example.vn"}, url


def test_sitemap_entries_and_their_language_alternates(article):
    xml = get("/sitemap.xml")
    assert hosts(xml) == {"doan.example.vn"}
    assert f"<loc>{PUBLIC}{article.url}</loc>" in xml
    english = article.get_translation(Locale.objects.get(language_code="en"))
    assert f'hreflang="en" href="{PUBLIC}{english.url}"' in xml
    assert f'hreflang="vi" href="{PUBLIC}{article.url}"' in xml
    assert f'hreflang="x-default" href="{PUBLIC}{article.url}"' in xml


@pytest.mark.parametrize("feed", ["/feeds/", "/feeds/atom/", "/en/feeds/", "/feeds/{slug}/"])
def test_feeds_link_to_the_public_address(article, column, feed):
    xml = get(feed.format(slug=column.slug))
    assert hosts(xml) == {"doan.example.vn"}
    assert f"{PUBLIC}{article.url}" in xml or "/en/" in feed


def test_robots_point_at_the_public_sitemap():
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in get("/robots.txt")
