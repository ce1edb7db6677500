"""Rate limits count the client's address only: not its User-Agent, and never an address the
client wrote into X-Forwarded-For itself."""

import pytest
from django.test import Client, RequestFactory

from cms.clientip import client_address
from columns.models import ArticleView, Comment

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.2"  # the reverse proxy's own address, as the app sees it
READER = "198.51.100.7"
COMMENT = {"name": "Quàng Văn Nam", "email": "", "body": "Bài viết rất hay, cảm ơn Đoàn trường!"}


def agent(n):
    return f"Mozilla/5.0 (X11; Linux x86_64) Firefox/{100 + n}.0"


def forged(n):
    """What an attacker sends: a new made-up address each time, before the real one."""
    return f"10.9.9.{n}, 203.0.113.{n}"


def request_from(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


# ------------------------------------------------------------------ whose address


def test_without_a_trusted_proxy_the_address_is_remote_addr(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from(READER, forged(1))) == READER


def test_behind_the_proxy_only_its_own_hop_counts(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    # nginx's $proxy_add_x_forwarded_for appends the address it saw to what the client sent.
    assert client_address(request_from(PROXY, f"{forged(1)}, {READER}")) == READER
    assert client_address(request_from(PROXY, READER)) == READER


def test_a_client_that_is_not_the_proxy_cannot_claim_an_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_address(request_from(READER, "10.9.9.9")) == READER


def test_trusted_proxies_may_be_networks(settings):
    settings.TRUSTED_PROXIES = ["172.18.0.0/16", "::1"]
    assert client_address(request_from("172.18.5.9", READER)) == READER
    assert client_address(request_from("::1", READER)) == READER
    assert client_address(request_from("172.19.0.1", READER)) == "172.19.0.1"


@pytest.mark.parametrize("header", ["", " ", "unknown", "10.0.0.1, not-an-address", "1.2.3.4,"])
def test_a_proxy_hop_that_is_not_an_address_leaves_the_proxy(settings, header):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_address(request_from(PROXY, header)) == PROXY


# ------------------------------------------------------------------ comments


def post_comment(article, **meta):
    return Client(**meta).post(f"/binh-luan/{article.pk}/", COMMENT)


def test_changing_user_agent_does_not_reset_the_comment_limit(article, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comments": "3/10m"}
    answers = [
        post_comment(article, REMOTE_ADDR=READER, HTTP_USER_AGENT=agent(n)).status_code
        for n in range(12)
    ]
    assert answers == [201] * 3 + [429] * 9
    assert Comment.objects.count() == 3


def test_forged_forwarded_for_without_a_proxy_is_ignored(article, settings):
    # The old CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR let 8 of 8 through.
    settings.TRUSTED_PROXIES = []
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comments": "3/10m"}
    answers = [
        post_comment(article, REMOTE_ADDR=READER, HTTP_X_FORWARDED_FOR=forged(n)).status_code
        for n in range(8)
    ]
    assert answers == [201] * 3 + [429] * 5


def test_forged_forwarded_for_through_the_proxy_is_ignored(article, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comments": "3/10m"}
    answers = [
        post_comment(
            article, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{forged(n)}, {READER}"
        ).status_code
        for n in range(8)
    ]
    assert answers == [201] * 3 + [429] * 5
    # Another reader behind the same proxy has a limit of their own.
    other = post_comment(article, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 201


# ------------------------------------------------------------------ view counts


def beacon(article, **meta):
    return Client(**meta).post(f"/api/views/{article.pk}/")


def total_views(article):
    return sum(ArticleView.objects.filter(page=article).values_list("count", flat=True))


def test_view_counts_do_not_grow_with_new_user_agents(article):
    for n in range(20):
        assert beacon(article, REMOTE_ADDR=READER, HTTP_USER_AGENT=agent(n)).status_code == 200
    assert total_views(article) == 1


def test_view_counts_do_not_grow_with_forged_forwarded_for(article, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    for n in range(20):
        beacon(
            article,
            REMOTE_ADDR=PROXY,
            HTTP_USER_AGENT=agent(0),
            HTTP_X_FORWARDED_FOR=f"{forged(n)}, {READER}",
        )
    assert total_views(article) == 1
    beacon(article, REMOTE_ADDR=PROXY, HTTP_USER_AGENT=agent(0), HTTP_X_FORWARDED_FOR="192.0.2.4")
    assert total_views(article) == 2


def test_the_view_beacon_is_rate_limited(article, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "views": "5/m"}
    answers = [
        beacon(article, REMOTE_ADDR=READER, HTTP_USER_AGENT=agent(n)).status_code for n in range(8)
    ]
    assert answers == [200] * 5 + [429] * 3


# ------------------------------------------------------------------ login, search, CSRF


def test_login_attempts_from_one_address_are_limited_across_accounts(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "4/10m"}
    answers = [
        Client(REMOTE_ADDR=READER, HTTP_USER_AGENT=agent(n))
        .post("/admin/login/", {"username": f"user{n}", "password": "sai-mat-khau"})
        .status_code
        for n in range(6)
    ]
    assert answers == [200] * 4 + [429] * 2
    refused = Client(REMOTE_ADDR=READER).post("/admin/login/", {"username": "x", "password": "y"})
    assert "Vui lòng đợi vài phút" in refused.content.decode()
    # The form itself still shows: only attempts are counted.
    assert Client(REMOTE_ADDR=READER).get("/admin/login/").status_code == 200
    other = Client(REMOTE_ADDR="198.51.100.8").post("/admin/login/", {"username": "x"})
    assert other.status_code == 200


def test_password_reset_requests_are_limited(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password_reset": "2/h"}
    answers = [
        Client(REMOTE_ADDR=READER)
        .post("/admin/password_reset/", {"email": f"a{n}@example.com"})
        .status_code
        for n in range(3)
    ]
    assert answers[2] == 429 and 429 not in answers[:2]


def test_search_is_limited(settings, tree):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "3/m"}
    answers = [
        Client(REMOTE_ADDR=READER, HTTP_USER_AGENT=agent(n)).get("/tim-kiem/?q=sach").status_code
        for n in range(5)
    ]
    assert answers == [200] * 3 + [429] * 2


def test_the_csrf_endpoint_is_limited(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "csrf": "3/m"}
    answers = [
        Client(REMOTE_ADDR=READER, HTTP_ACCEPT="application/json").get("/api/csrf/")
        for _ in range(4)
    ]
    assert [answer.status_code for answer in answers] == [200] * 3 + [429]
    assert "Vui lòng đợi" in answers[-1].json()["message"]
