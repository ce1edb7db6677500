"""Pages past the page cache (an editor, a query string, the first reader after a publish) reuse
what every page repeats, kept under the content stamp: few queries whatever the content's size,
and never stale after a change."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms import fragments
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


def test_an_article_shows_its_new_version_past_the_cache_once_published(column, tree):
    article = make_article(column, tree.a1, title="Tiêu đề cũ", lead="Lời dẫn cũ.")
    client = Client()
    assert "Tiêu đề cũ" in client.get(article.url + PAST).content.decode()  # stored
    article.title, article.lead = "Tiêu đề mới", "Lời dẫn mới."
    article.save_revision().publish()
    html = client.get(article.url + PAST).content.decode()
    assert "Tiêu đề mới" in html and "Lời dẫn mới." in html
    assert "Tiêu đề cũ" not in html and "Lời dẫn cũ." not in html


def test_an_unpublished_article_leaves_the_lists_of_the_others(column, tree):
    article = make_article(column, tree.a1, title="Bài còn lại")
    gone = make_article(column, tree.a1, title="Bài bị gỡ")
    client = Client()
    for url in [article.url, column.url, "/"]:
        assert "Bài bị gỡ" in client.get(url + PAST).content.decode(), url  # stored
    gone.unpublish()
    for url in [article.url, column.url, "/"]:
        assert "Bài bị gỡ" not in client.get(url + PAST).content.decode(), url


def test_a_preview_shows_the_draft_not_the_stored_live_page(column, tree, django_user_model):
    article = make_article(column, tree.a1, title="Bản đang đăng")
    editor = django_user_model.objects.create_superuser("bientap", "bt@example.com", "x")
    client = Client()
    client.force_login(editor)
    # On the site's own host, which Wagtail's preview request uses too.
    assert "Bản đang đăng" in client.get(article.url, HTTP_HOST="localhost").content.decode()
    article.title = "Bản nháp chưa duyệt"
    article.save_revision()
    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert '<h1 class="article__title">Bản nháp chưa duyệt</h1>' in draft.content.decode()
    # The draft is nobody else's: the live page still shows the published version.
    live = client.get(article.url, HTTP_HOST="localhost").content.decode()
    assert '<h1 class="article__title">Bản đang đăng</h1>' in live
    assert "Bản nháp chưa duyệt" not in live


def test_each_page_of_a_column_and_each_tag_is_its_own_fragment(column, tree):
    for n in range(14):
        make_article(column, tree.a1, title=f"Tin số {n}", tags=["hiến máu"] if n == 0 else [])
    client = Client()
    first = client.get(column.url + PAST).content.decode()
    second = client.get(column.url + "?page=2&nocache=1").content.decode()
    tagged = client.get(column.url + "?tag=hien-mau&nocache=1").content.decode()
    assert "Tin số 13" in first and "Tin số 13" not in second
    assert "Tin số 0" in second and "Tin số 0" not in first
    assert "Tin số 0" in tagged and "Tin số 13" not in tagged


def test_the_header_marks_the_page_the_reader_is_on(column, tree):
    other = make_column(title="Sáng tạo", slug="sang-tao", show_in_menus=True)
    column.show_in_menus = True
    column.save_revision().publish()
    client = Client()
    client.get(column.url + PAST), client.get(other.url + PAST)  # both stored
    html = client.get(other.url + PAST).content.decode()
    assert f'<a href="{other.url}" aria-current="page">' in html
    assert f'<a href="{column.url}" aria-current' not in html


def test_made_up_addresses_store_no_fragment(column, monkeypatch):
    stored = []
    keep = fragments.cached
    monkeypatch.setattr(
        fragments, "cached", lambda name, *args: stored.append(name) or keep(name, *args)
    )
    for n in range(3):
        assert Client().get(f"/khong-co-{n}/").status_code == 404
    # Only the footer, one per site and language whatever the address: nothing keyed on a path.
    assert {name for name in stored if name.startswith("html:")} == {"html:footer"}
    assert Client().get(column.url + PAST).status_code == 200
    assert "html:header" in stored  # a page's header is kept
