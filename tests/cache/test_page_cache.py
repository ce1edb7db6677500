import pytest
from django.middleware.csrf import get_token
from django.test import Client
from wagtail import hooks

from columns.models import CommentStatus
from tests.factories.columns import CommentFactory, make_article, make_column

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def article(column, tree):
    return make_article(column, tree.a1, title="Tin tốt hôm nay")


def fetch(url, client=None):
    response = (client or Client()).get(url)
    return response, response.content.decode()


def test_the_second_anonymous_view_is_a_hit_without_queries(article, django_assert_num_queries):
    first, html = fetch(article.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second, cached = fetch(article.url)
    assert second["X-Page-Cache"] == "hit"
    assert cached == html
    assert not second.cookies
    for header in ["Content-Type", "Content-Language", "X-Frame-Options", "Referrer-Policy"]:
        assert second[header] == first[header], header


def test_a_shared_page_tells_the_proxy_it_may_keep_it_and_browsers_to_ask_again(article):
    # Varnish or a CDN in front stores only what Cache-Control allows; a publish purges it.
    for response in (fetch(article.url)[0], fetch(article.url)[0]):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "s-maxage=300"} <= directives


def test_pages_for_editors_are_not_offered_to_shared_caches(article, people):
    editor = Client()
    editor.force_login(people.superuser)
    assert "s-maxage" not in fetch(article.url, editor)[0].get("Cache-Control", "")


def test_home_and_column_pages_are_cached_too(article, column):
    for url in ["/", column.url, column.url + "?page=1"]:
        assert fetch(url)[0]["X-Page-Cache"] == "miss"
        assert fetch(url)[0]["X-Page-Cache"] == "hit"


def test_unknown_query_strings_are_not_cached(article):
    response, _ = fetch(article.url + "?nocache=1")
    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in fetch(article.url + "?nocache=1")[0]


@pytest.mark.parametrize(
    "query",
    [
        "?fbclid=IwAR0abc",
        "?utm_source=zalo&utm_medium=social&utm_campaign=thang-thanh-nien",
        "?gclid=Cj0KCQ",
        "?zarsrc=30",
        "?fbclid=1&utm_source=facebook&fbclid=2",
    ],
)
def test_a_shared_link_is_served_from_the_cache(article, query, django_assert_num_queries):
    _, html = fetch(article.url)
    with django_assert_num_queries(0):
        response, shared = fetch(article.url + query)
    assert response["X-Page-Cache"] == "hit"
    assert shared == html


def test_the_first_reader_of_a_shared_link_fills_the_cache_for_everyone(article):
    first, html = fetch(article.url + "?fbclid=IwAR0first")
    assert first["X-Page-Cache"] == "miss"
    assert "IwAR0first" not in html  # no link on the page repeats someone's click identifier
    assert fetch(article.url)[0]["X-Page-Cache"] == "hit"


def test_tracking_parameters_keep_the_listing_page_apart(article, column):
    fetch(column.url + "?page=1")
    assert fetch(column.url + "?page=1&utm_source=zalo")[0]["X-Page-Cache"] == "hit"
    assert fetch(column.url + "?utm_source=zalo&tag=tinh-nguyen")[0]["X-Page-Cache"] == "miss"


def test_the_setting_adds_tracking_parameters(article, settings):
    fetch(article.url)
    assert "X-Page-Cache" not in fetch(article.url + "?mc_cid=42")[0]
    settings.PAGE_CACHE_TRACKING_PARAMETERS = [*settings.PAGE_CACHE_TRACKING_PARAMETERS, "mc_*"]
    assert fetch(article.url + "?mc_cid=42&mc_eid=7")[0]["X-Page-Cache"] == "hit"


def test_a_tracking_prefix_is_not_a_wildcard_elsewhere(article):
    fetch(article.url)
    # "utm_*" is a prefix: a parameter that merely contains it is an unknown one.
    assert "X-Page-Cache" not in fetch(article.url + "?x_utm_source=1")[0]


def test_logged_in_users_neither_read_nor_fill_the_cache(article, people):
    editor = Client()
    editor.force_login(people.superuser)
    response, html = fetch(article.url, editor)
    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in fetch(article.url, editor)[0]
    # What the editor saw was not stored for the public either.
    assert fetch(article.url)[0]["X-Page-Cache"] == "miss"
    # And a stored public copy is not served to the editor.
    assert "X-Page-Cache" not in fetch(article.url, editor)[0]


def test_a_response_that_sets_a_cookie_is_never_shared(article):
    def uses_csrf(page, request, args, kwargs):
        get_token(request)

    with hooks.register_temporarily("before_serve_page", uses_csrf):
        first = Client().get(article.url)
        assert "csrftoken" in first.cookies
        assert "X-Page-Cache" not in first
        second = Client().get(article.url)
    assert "X-Page-Cache" not in second
    assert first.cookies["csrftoken"].value not in second.content.decode()


def test_previews_are_not_cached(client, article, people):
    from tests.columns.test_view_counts import preview_form

    client.force_login(people.superuser)
    url = f"/admin/pages/{article.pk}/edit/preview/"
    client.post(url, preview_form(article, "Bản xem trước chưa duyệt"))
    preview = client.get(url)
    assert "Bản xem trước chưa duyệt" in preview.content.decode()
    assert "X-Page-Cache" not in preview
    _, html = fetch(article.url)
    assert "Bản xem trước chưa duyệt" not in html


def test_publishing_refreshes_every_page(article, column):
    fetch(article.url), fetch(column.url), fetch("/")
    article.title = "Tiêu đề mới"
    article.save_revision().publish()
    for url in [article.url, column.url, "/"]:
        response, html = fetch(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Tiêu đề mới" in html


def test_a_new_article_appears_in_the_cached_listing(article, column, tree):
    fetch(column.url)
    make_article(column, tree.a1, title="Bài mới đăng")
    assert "Bài mới đăng" in fetch(column.url)[1]


def test_unpublishing_removes_the_page(article, column):
    fetch(article.url), fetch(column.url)
    article.unpublish()
    assert Client().get(article.url).status_code == 404
    assert "Tin tốt hôm nay" not in fetch(column.url)[1]


def test_moving_refreshes_old_and_new_places(article, column):
    other = make_column(title="Sáng tạo khởi nghiệp", slug="sang-tao-khoi-nghiep")
    old_url = article.url
    fetch(old_url), fetch(other.url)
    article.move(other, pos="last-child")
    moved = Client().get(old_url)  # Wagtail leaves a redirect behind
    assert moved.status_code == 301 and moved["Location"].startswith(other.url)
    assert "Tin tốt hôm nay" in fetch(other.url)[1]


def test_deleting_refreshes(article, column):
    fetch(column.url)
    article.delete()
    assert "Tin tốt hôm nay" not in fetch(column.url)[1]


def test_approving_a_comment_refreshes_its_article(article):
    comment = CommentFactory(page=article, body="Chờ duyệt nhé", status=CommentStatus.PENDING)
    assert "Chờ duyệt nhé" not in fetch(article.url)[1]
    assert fetch(article.url)[0]["X-Page-Cache"] == "hit"
    comment.status = CommentStatus.APPROVED
    comment.save()
    assert "Chờ duyệt nhé" in fetch(article.url)[1]
    # Taking approval back hides it again.
    comment.refresh_from_db()
    comment.status = CommentStatus.REJECTED
    comment.save()
    assert "Chờ duyệt nhé" not in fetch(article.url)[1]


def test_a_pending_comment_does_not_empty_the_cache(article):
    fetch(article.url)
    CommentFactory(page=article, status=CommentStatus.PENDING)
    assert fetch(article.url)[0]["X-Page-Cache"] == "hit"


def test_switched_off_when_the_setting_is_zero(article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    fetch(article.url)
    assert "X-Page-Cache" not in fetch(article.url)[0]
