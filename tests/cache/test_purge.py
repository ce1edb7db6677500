"""A change purges the pages that show it, in the page cache and in the proxy or CDN in front,
and leaves the rest of the site cached."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Locale

from cms.purge import urls_for_page
from columns.models import CommentStatus
from tests.factories.columns import CommentFactory, make_article, make_column

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
PURGED = []


class RecordingBackend(BaseBackend):
    """A front-end cache that writes down what it is asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture(autouse=True)
def caches(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    yield
    PURGED.clear()


@pytest.fixture
def article(column, tree):
    return make_article(column, tree.a1, title="Tin tốt hôm nay")


@pytest.fixture
def other_column(tree):
    other = make_column(title="Sáng tạo khởi nghiệp", slug="sang-tao-khoi-nghiep")
    make_article(other, tree.b1, title="Khởi nghiệp xanh")
    return other


@pytest.fixture
def english(article, column):
    """The home page, the column and the article in English too."""
    locale = Locale.objects.get(language_code="en")
    home = column.get_parent()
    home.copy_for_translation(locale).save_revision().publish()
    column.copy_for_translation(locale).save_revision().publish()
    translated = article.copy_for_translation(locale)
    translated.title = "Good news today"
    translated.save_revision().publish()
    return translated


def state(url):
    return Client().get(url).get("X-Page-Cache")


def test_the_purge_list_names_every_view_of_the_article_in_both_languages(
    article, column, other_column, english
):
    urls = urls_for_page(article)
    assert all(url.startswith(BASE + "/") for url in urls)
    paths = {url.removeprefix(BASE) for url in urls}
    assert {article.url, column.url, "/"} <= paths
    assert {english.url, english.get_parent().url, "/en/"} <= paths
    assert {"/feeds/", "/feeds/atom/", "/en/feeds/", "/en/feeds/atom/"} <= paths
    assert {f"/feeds/{column.slug}/", f"/feeds/{column.slug}/atom/"} <= paths
    assert "/sitemap.xml" in paths
    assert other_column.url not in paths
    assert not any(other_column.slug in path for path in paths)
    assert len(urls) == len(set(urls))


def test_publishing_keeps_an_unrelated_column_cached(article, column, other_column):
    for url in [article.url, column.url, "/", other_column.url]:
        Client().get(url)
    article.title = "Tiêu đề mới"
    article.save_revision().publish()
    for url in [article.url, column.url, "/"]:
        assert state(url) == "miss", url
    assert state(other_column.url) == "hit"


def test_every_page_of_a_purged_listing_is_fresh(article, column, tree):
    for query in ["", "?page=1", "?page=2", "?tag=tinh-nguyen"]:
        Client().get(column.url + query)
    make_article(column, tree.a2, title="Bài mới đăng")
    for query in ["", "?page=1", "?page=2", "?tag=tinh-nguyen"]:
        assert state(column.url + query) == "miss", query


def test_the_front_end_cache_gets_the_same_list(article, english):
    PURGED.clear()
    article.title = "Tiêu đề mới"
    article.save_revision().publish()
    assert sorted(set(PURGED)) == sorted(urls_for_page(article))


@pytest.mark.parametrize("change", ["unpublish", "delete"])
def test_taking_a_page_down_purges_it_and_its_listings(article, column, other_column, change):
    expected = urls_for_page(article)
    Client().get(other_column.url)
    PURGED.clear()
    getattr(article, change)()
    assert set(expected) <= set(PURGED)
    assert state(other_column.url) == "hit"


def test_moving_purges_the_old_address_and_both_columns(article, column, other_column):
    old_url = article.url
    for url in [old_url, column.url, other_column.url]:
        Client().get(url)
    PURGED.clear()
    article.move(other_column, pos="last-child")
    assert {BASE + old_url, BASE + column.url, BASE + other_column.url} <= set(PURGED)
    assert "Tin tốt hôm nay" not in Client().get(column.url).content.decode()
    assert "Tin tốt hôm nay" in Client().get(other_column.url).content.decode()


def test_approving_a_comment_purges_its_article_only(article, other_column):
    comment = CommentFactory(page=article, body="Rất hay", status=CommentStatus.PENDING)
    Client().get(article.url), Client().get(other_column.url)
    PURGED.clear()
    comment.status = CommentStatus.APPROVED
    comment.save()
    assert BASE + article.url in PURGED
    assert "Rất hay" in Client().get(article.url).content.decode()
    assert state(other_column.url) == "hit"


@pytest.mark.parametrize("action", ["approve", "delete"])
def test_a_bulk_action_on_many_comments_purges_their_article_once(
    article, other_column, people, action
):
    """A moderator clears a queue of comments under one article: its pages are purged once,
    not once per comment (each purge is a request to the proxy for every URL)."""
    status = CommentStatus.PENDING if action == "approve" else CommentStatus.APPROVED
    comments = [CommentFactory(page=article, body=f"Ý kiến {n}", status=status) for n in range(4)]
    Client().get(article.url), Client().get(other_column.url)
    PURGED.clear()
    moderator = Client()
    moderator.force_login(people.editor_a1)
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    response = moderator.post(f"/admin/bulk/columns/comment/{action}/?next=/admin/&{ids}")
    assert response.status_code == 302
    assert PURGED.count(BASE + article.url) == 1
    assert sorted(PURGED) == sorted(urls_for_page(article))
    shown = Client().get(article.url).content.decode()
    assert ("Ý kiến 3" in shown) == (action == "approve")
    assert state(other_column.url) == "hit"


def test_a_pending_comment_purges_nothing(article):
    PURGED.clear()
    CommentFactory(page=article, status=CommentStatus.PENDING)
    assert PURGED == []


def test_without_a_front_end_cache_nothing_is_sent(article, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    PURGED.clear()
    article.save_revision().publish()
    assert PURGED == []


def front_end_settings(**env):
    """WAGTAILFRONTENDCACHE as production builds it from these environment variables."""
    script = (
        "import json; from cms.settings import base; "
        "print(json.dumps(base.WAGTAILFRONTENDCACHE, sort_keys=True))"
    )
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FRONTEND_CACHE", "CLOUDFLARE", "CLOUDFRONT"))
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter, a fixed script
        [sys.executable, "-c", script],
        env={**clean, **env},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_front_end_caches_are_chosen_by_the_environment():
    assert front_end_settings() == {}
    proxy = front_end_settings(FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:8080/")
    assert proxy == {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:8080/",
        }
    }
    cdn = front_end_settings(
        CLOUDFLARE_ZONE_ID="zone", CLOUDFLARE_BEARER_TOKEN="secret", CLOUDFRONT_DISTRIBUTION_ID="E1"
    )
    assert cdn["cloudflare"]["ZONEID"] == "zone"
    assert cdn["cloudflare"]["BEARER_TOKEN"] == "secret"
    assert cdn["cloudfront"]["DISTRIBUTION_ID"] == "E1"
    assert "proxy" not in cdn


@pytest.mark.parametrize("restriction", ["password", "login"])
def test_a_page_made_private_is_never_served_from_a_public_copy(article, column, restriction):
    """Restricting a column hides its articles at once: the stored public copies of the column
    and of every article in it are purged here and in the proxy in front."""
    from wagtail.models import PageViewRestriction

    for url in [article.url, column.url]:
        Client().get(url), Client().get(url)
    assert state(article.url) == "hit"
    PURGED.clear()
    PageViewRestriction.objects.create(page=column, restriction_type=restriction, password="bi-mat")
    for url in [article.url, column.url]:
        response = Client().get(url)
        assert "Tin tốt hôm nay" not in response.content.decode(), url
        assert BASE + url in PURGED
    # And public again: the readers see it again, not a stored "private" answer.
    PageViewRestriction.objects.filter(page=column).delete()
    assert "Tin tốt hôm nay" in Client().get(article.url).content.decode()


def test_renaming_a_unit_or_a_tag_refreshes_the_pages_that_show_it(article, tree):
    """A unit's and a tag's names are inside the stored article (its fragments too)."""
    from columns.models import ArticleTag

    article.tags.add("tình nguyện")
    article.save_revision().publish()
    Client().get(article.url)
    tree.a1.name = "Chi đoàn A1 (khóa mới)"
    tree.a1.save()
    assert "Chi đoàn A1 (khóa mới)" in Client().get(article.url).content.decode()
    tag = ArticleTag.objects.get(name="tình nguyện")
    tag.name = "tình nguyện hè"
    tag.save()
    assert "#tình nguyện hè" in Client().get(article.url).content.decode()
