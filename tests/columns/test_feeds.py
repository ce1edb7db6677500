import pytest
from defusedxml import ElementTree as ET
from wagtail.models import Locale

from tests.factories.columns import make_article, make_column

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles(column, tree):
    other = make_column(title="Sáng tạo khởi nghiệp", slug="sang-tao-khoi-nghiep")
    return [
        make_article(column, tree.a1, title="Tin <một> & hai", author_name="Lò Thị Mai"),
        make_article(other, tree.b1, title="Ý tưởng khởi nghiệp"),
    ]


def test_site_feed_is_valid_rss_with_every_column(client, articles):
    response = client.get("/feeds/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Ý tưởng khởi nghiệp", "Tin <một> & hai"]
    link = channel.find("item").findtext("link")
    assert link == "http://testserver" + articles[1].url


def test_column_feeds_in_rss_and_atom(client, articles, column):
    rss = ET.fromstring(client.get(f"/feeds/{column.slug}/").content)
    assert [i.findtext("title") for i in rss.iter("item")] == ["Tin <một> & hai"]
    atom = client.get(f"/feeds/{column.slug}/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(atom.content)
    assert [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")] == ["Tin <một> & hai"]
    assert root.find(f"{ATOM}entry").find(f"{ATOM}author").findtext(f"{ATOM}name") == "Lò Thị Mai"


def test_unknown_column_feed_is_404(client, articles):
    assert client.get("/feeds/khong-co/").status_code == 404


def test_unpublished_articles_stay_out_of_feeds(client, articles):
    articles[0].unpublish()
    assert b"Tin &lt;m" not in client.get("/feeds/").content


def test_english_feed_lists_english_articles(client, articles):
    english = Locale.objects.get(language_code="en")
    home = articles[0].get_parent().get_parent()
    home.copy_for_translation(english).save_revision().publish()
    column_en = articles[0].get_parent().specific.copy_for_translation(english)
    column_en.save_revision().publish()
    translation = articles[0].copy_for_translation(english)
    translation.title = "Good news"
    translation.save_revision().publish()
    root = ET.fromstring(client.get("/en/feeds/").content)
    assert [i.findtext("title") for i in root.iter("item")] == ["Good news"]
    # The sitemap lists the English pages too, not only the Vietnamese tree, on BASE_URL.
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{translation.url}</loc>" in sitemap


def test_sitemap_is_valid_and_lists_every_live_page(client, articles):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [url.findtext(f"{namespace}loc") for url in root.iter(f"{namespace}url")]
    assert any(location.endswith(articles[0].url) for location in locations)
    articles[1].unpublish()
    assert articles[1].url not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_pages_advertise_their_feed(client, articles, column):
    html = client.get(articles[0].url).content.decode()
    assert f'type="application/rss+xml" title="{column.title}" href="/feeds/{column.slug}/"' in html
