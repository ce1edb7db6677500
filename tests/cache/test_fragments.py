"""Pages past the page cache (an editor, a query string, the first reader after a publish) reuse
what every page repeats, kept under the content stamp: few queries whatever the content's size,
and never stale after a change."""

import pytest
from django.test import Client
from django.utils import timezone

from columns.counting import add_view
from columns.models import CommentStatus
from home.models import SiteProfile
from tests.columns.test_query_counts import rich_article
from tests.factories.columns import CommentFactory, ImageFactory, make_article, make_column

pytestmark = pytest.mark.django_db

# Past the page cache: an unknown parameter is never stored nor looked up.
PAST = "?nocache=1"
# Uncached views once the fragments are warm: only what Wagtail asks to serve any page (the
# site, the active locale, the home page's type, the page itself, the view restrictions of
# the page and its ancestors); everything the page shows is a stored fragment.
ARTICLE_QUERIES = 6
COLUMN_QUERIES = 6
HOME_QUERIES = 5


@pytest.fixture(autouse=True)
def caches(settings):
    settings.PAGE_CACHE_SECONDS = 300


def warm_queries(url, django_assert_num_queries, expected):
    client = Client()
    assert client.get(url + PAST).status_code == 200  # renditions made, fragments stored
    with django_assert_num_queries(expected):
        response = client.get(url + PAST)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    return response.content.decode()


@pytest.mark.parametrize("size", [2, 10])
def test_an_uncached_article_costs_the_same_at_any_size(
    column, tree, size, django_assert_num_queries
):
    for n in range(size):
        make_article(column, tree.a2, title=f"Hàng xóm {n}", hero_image=ImageFactory())
    article = rich_article(column, tree.a1, size)
    html = warm_queries(article.url, django_assert_num_queries, ARTICLE_QUERIES)
    assert f"Bình luận {size - 1}" in html
    assert "Hàng xóm" in html  # the related list


@pytest.mark.parametrize("size", [3, 30])
def test_an_uncached_column_costs_the_same_at_any_size(
    column, tree, size, django_assert_num_queries
):
    for n in range(size):
        make_article(column, tree.a1, title=f"Tin số {n}", hero_image=ImageFactory())
    html = warm_queries(column.url, django_assert_num_queries, COLUMN_QUERIES)
    assert f"Tin số {size - 1}" in html


@pytest.mark.parametrize("size", [3, 30])
def test_the_uncached_home_page_costs_the_same_at_any_size(
    column, tree, size, django_assert_num_queries
):
    for n in range(size):
        article = make_article(column, tree.a1, title=f"Tin số {n}", hero_image=ImageFactory())
        add_view(article, timezone.localdate())
    html = warm_queries("/", django_assert_num_queries, HOME_QUERIES)
    assert f"Tin số {size - 1}" in html


def test_a_publish_refreshes_the_listing_menu_and_related_lists(column, tree):
    article = make_article(column, tree.a1, title="Tin đầu tiên")
    client = Client()
    client.get(article.url + PAST), client.get(column.url + PAST), client.get("/" + PAST)
    make_article(column, tree.a1, title="Tin thứ hai")
    make_column(title="Chuyên mục mới", slug="chuyen-muc-moi", show_in_menus=True)
    for url in [column.url, "/", article.url]:
        html = client.get(url + PAST).content.decode()
        assert "Chuyên mục mới" in html, url  # the menu
        assert "Tin thứ hai" in html, url  # the listing, the home sections, the related list


def test_an_approved_comment_shows_past_the_cache(column, tree):
    article = make_article(column, tree.a1)
    comment = CommentFactory(page=article, body="Hay quá", status=CommentStatus.PENDING)
    assert "Hay quá" not in Client().get(article.url + PAST).content.decode()
    comment.status = CommentStatus.APPROVED
    comment.save()
    assert "Hay quá" in Client().get(article.url + PAST).content.decode()


def test_the_footer_follows_the_site_profile(column):
    Client().get("/" + PAST)
    profile = SiteProfile.objects.get()
    profile.union_name = "Đoàn TNCS Hồ Chí Minh Trường Mới"
    profile.save()
    for url in ["/", "/" + PAST, column.url]:
        assert "Trường Mới" in Client().get(url).content.decode(), url


def test_routing_follows_unpublish_move_and_a_new_slug(column, tree):
    article = make_article(column, tree.a1, title="Bài di chuyển")
    other = make_column(title="Sáng tạo", slug="sang-tao")
    old_url = article.url
    assert Client().get(old_url + PAST).status_code == 200
    article.move(other, pos="last-child")
    article.refresh_from_db()
    assert Client().get(article.url + PAST).status_code == 200
    assert Client().get(old_url + PAST).status_code in (301, 404)  # a redirect or gone
    article.slug = "ten-moi"
    article.save_revision().publish()
    article.refresh_from_db()
    assert Client().get(article.url + PAST).status_code == 200
    article.unpublish()
    assert Client().get(article.url + PAST).status_code == 404
    assert Client().get(article.url).status_code == 404
