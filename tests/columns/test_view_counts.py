import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from columns.counting import add_view
from columns.models import ArticleView
from tests.factories.columns import make_article

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"
ZALO = PHONE + " Zalo android/12100 ZaloTheme/light ZaloLanguage/vi"


@pytest.fixture
def article(column, tree):
    return make_article(column, tree.a1, title="Tin tốt hôm nay")


def beacon(article, agent=PHONE, address="203.0.113.5"):
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    return client.post(f"/api/views/{article.pk}/")


def views(article):
    return sum(ArticleView.objects.filter(page=article).values_list("count", flat=True))


def test_a_visitor_is_counted_once_a_day(article):
    first = beacon(article)
    assert first.status_code == 200 and first.json() == {"counted": True, "views": 1}
    again = beacon(article)
    assert again.json() == {"counted": False, "views": 1}
    assert beacon(article, address="203.0.113.6").json()["views"] == 2
    # Zalo's in-app browser is a reader; another browser from a counted address is not new.
    assert beacon(article, agent=ZALO, address="203.0.113.7").json()["views"] == 3
    assert beacon(article, agent=ZALO).json()["views"] == 3


def test_the_same_visitor_counts_again_the_next_day(article, monkeypatch):
    beacon(article)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert beacon(article).json()["counted"] is True
    assert ArticleView.objects.filter(page=article).count() == 2


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "Mozilla/5.0 HeadlessChrome/120.0",
        "python-requests/2.32",
        "curl/8.5",
    ],
)
def test_bots_are_not_counted(article, agent):
    assert beacon(article, agent=agent).json() == {"counted": False, "views": 0}
    assert not ArticleView.objects.exists()


def test_only_live_articles_and_only_by_post(article):
    assert Client().get(f"/api/views/{article.pk}/").status_code == 405
    article.unpublish()
    assert beacon(article).status_code == 404
    assert not ArticleView.objects.exists()


def preview_form(article, title):
    return nested_form_data(
        {
            "title": title,
            "slug": article.slug,
            "lead": article.lead,
            "kind": article.kind,
            "unit": article.unit_id,
            "body": streamfield([]),
            "related_links": inline_formset([]),
        }
    )


def test_previews_are_not_counted(client, article, people):
    client.force_login(people.superuser)
    url = f"/admin/pages/{article.pk}/edit/preview/"
    assert client.post(url, preview_form(article, "Tin tốt hôm nay")).json()["is_valid"]
    preview = client.get(url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Tin tốt hôm nay" in html
    assert "columns/article.js" not in html  # no beacon in a preview
    assert not ArticleView.objects.exists()


def test_the_page_shows_the_count_and_counts_from_the_cache(article, settings):
    settings.PAGE_CACHE_SECONDS = 300
    add_view(article, timezone.localdate())
    html = Client().get(article.url).content.decode()
    assert "Lượt xem: <span data-views>1</span>" in html
    cached = Client().get(article.url)
    assert cached["X-Page-Cache"] == "hit"
    assert beacon(article).json() == {"counted": True, "views": 2}


def test_listings_show_view_counts(client, article, column):
    add_view(article, timezone.localdate())
    add_view(article, timezone.localdate())
    assert "2 lượt xem" in client.get(column.url).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_views_are_all_counted(column, tree):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; this race needs a server database")
    article = make_article(column, tree.a1)
    day = timezone.localdate()

    def count():
        add_view(article, day)
        connection.close()

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ArticleView.objects.get(page=article, day=day).count == 8


def test_add_view_is_an_atomic_update(article, django_assert_num_queries):
    day = timezone.localdate()
    add_view(article, day)
    with django_assert_num_queries(1):  # UPDATE ... SET count = count + 1
        add_view(article, day)
    assert ArticleView.objects.get(page=article, day=day).count == 2
