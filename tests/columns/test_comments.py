import re

import pytest
from django.test import Client

from columns.models import Comment, CommentStatus
from tests.factories.columns import CommentFactory, make_article, make_column

pytestmark = pytest.mark.django_db

GOOD = {"name": "Quàng Văn Nam", "email": "", "body": "Bài viết rất hay, cảm ơn Đoàn trường!"}


@pytest.fixture
def article(column, tree):
    return make_article(column, tree.a1, title="Ngày hội đọc sách")


def comment_url(article):
    return f"/binh-luan/{article.pk}/"


def post_with_token(client, article, data, **headers):
    """Post the way the article page's script does: fetch a token, then send it."""
    token = client.get("/api/csrf/").json()["token"]
    return client.post(comment_url(article), data, HTTP_X_CSRFTOKEN=token, **headers)


def test_a_comment_waits_for_moderation(article):
    client = Client(enforce_csrf_checks=True)
    response = post_with_token(client, article, GOOD, HTTP_ACCEPT="application/json")
    assert response.status_code == 201
    assert "Bình luận sẽ hiển thị sau khi được Ban biên tập duyệt" in response.json()["message"]
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.page_id == article.pk
    html = Client().get(article.url).content.decode()
    assert "Bài viết rất hay" not in html
    assert "Bình luận (0)" in html


def test_the_form_page_works_without_javascript(article):
    client = Client(enforce_csrf_checks=True)
    page = client.get(comment_url(article))
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
    token = page.context["csrf_token"]
    response = client.post(comment_url(article), {**GOOD, "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 201
    assert "Cảm ơn bạn!" in response.content.decode()
    assert Comment.objects.count() == 1


def test_approved_comments_and_their_count_show(client, article):
    CommentFactory(page=article, name="Lò Thị Hương", body="Dòng một\nDòng hai")
    CommentFactory(page=article, body="Chưa duyệt", status=CommentStatus.PENDING)
    CommentFactory(page=article, body="Bị từ chối", status=CommentStatus.REJECTED)
    html = client.get(article.url).content.decode()
    assert "Bình luận (1)" in html
    assert "Dòng một<br>Dòng hai" in html
    assert "Chưa duyệt" not in html and "Bị từ chối" not in html


def test_a_post_without_a_token_is_refused(article):
    client = Client(enforce_csrf_checks=True)
    response = client.post(comment_url(article), GOOD)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_cached_article_page_carries_no_token(article, settings):
    settings.PAGE_CACHE_SECONDS = 300
    html = Client().get(article.url).content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert 'data-csrf-url="/api/csrf/"' in html


def test_html_is_escaped_and_links_are_not_clickable(client, article):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)> http://spam.example'
    CommentFactory(page=article, name="<b>Kẻ xấu</b>", body=payload)
    html = client.get(article.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Kẻ xấu&lt;/b&gt;" in html
    assert 'href="http://spam.example"' not in html


def test_the_honeypot_swallows_robots(article):
    client = Client(enforce_csrf_checks=True)
    response = post_with_token(
        client, article, {**GOOD, "website": "http://spam.example"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 201  # the robot learns nothing
    assert not Comment.objects.exists()


def test_oversize_and_empty_comments_are_refused(article):
    client = Client(enforce_csrf_checks=True)
    too_long = post_with_token(
        client, article, {**GOOD, "body": "a" * 2001}, HTTP_ACCEPT="application/json"
    )
    assert too_long.status_code == 400
    assert "2000" in str(too_long.json()["errors"]["body"])
    long_name = post_with_token(client, article, {**GOOD, "name": "N" * 81})
    assert long_name.status_code == 400
    short = post_with_token(client, article, {**GOOD, "body": " a "})
    assert short.status_code == 400 and "Bình luận quá ngắn." in short.content.decode()
    bad_email = post_with_token(client, article, {**GOOD, "email": "không-phải-email"})
    assert bad_email.status_code == 400
    assert not Comment.objects.exists()


def test_rate_limit_per_address(article, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comments": "3/10m"}
    client = Client(enforce_csrf_checks=True)
    for _ in range(3):
        assert post_with_token(client, article, GOOD).status_code == 201
    refused = post_with_token(client, article, GOOD, HTTP_ACCEPT="application/json")
    assert refused.status_code == 429
    assert "Vui lòng đợi vài phút rồi thử lại" in refused.json()["message"]
    page = post_with_token(client, article, GOOD)
    assert page.status_code == 429 and "Bạn đã gửi nhiều bình luận" in page.content.decode()
    assert Comment.objects.count() == 3
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.0.0.9")
    assert post_with_token(other, article, GOOD).status_code == 201


def test_comments_only_on_live_articles(article):
    article.unpublish()
    client = Client(enforce_csrf_checks=True)
    assert post_with_token(client, article, GOOD).status_code == 404
    assert Client().get("/binh-luan/999999/").status_code == 404


# ---------------------------------------------------------------- moderation


@pytest.fixture
def comments(tree):
    column = make_column()
    a1 = make_article(column, tree.a1, title="Bài của A1")
    b1 = make_article(column, tree.b1, title="Bài của B1")
    return {
        "a1": CommentFactory(page=a1, body="Bình luận bài A1", status=CommentStatus.PENDING),
        "b1": CommentFactory(page=b1, body="Bình luận bài B1", status=CommentStatus.PENDING),
    }


INDEX = "/admin/column_comments/"


def test_editors_see_only_their_units_comments(client, people, comments):
    client.force_login(people.editor_a1)
    html = client.get(INDEX).content.decode()
    assert "Bình luận bài A1" in html and "Bình luận bài B1" not in html
    client.force_login(people.reviewer_fed2)
    html = client.get(INDEX).content.decode()
    assert "Bình luận bài B1" in html and "Bình luận bài A1" not in html
    client.force_login(people.approver)
    html = client.get(INDEX).content.decode()
    assert "Bình luận bài A1" in html and "Bình luận bài B1" in html


def test_people_without_a_unit_role_cannot_moderate(client, people, comments):
    client.force_login(people.member_manager)
    response = client.get(INDEX)
    assert response.status_code == 302  # back to the dashboard with "permission denied"
    client.force_login(people.nobody)
    assert client.get(INDEX).status_code == 302


def test_an_editor_approves_and_the_comment_appears(client, people, comments):
    comment = comments["a1"]
    client.force_login(people.editor_a1)
    url = f"{INDEX}edit/{comment.pk}/"
    form = client.get(url)
    assert form.status_code == 200 and "Chờ duyệt" in form.content.decode()
    response = client.post(url, {"status": "approved", "name": "x", "body": "đổi lời"}, follow=True)
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert comment.body == "Bình luận bài A1"  # the reader's words are not rewritten
    assert comment.moderated_by == people.editor_a1 and comment.moderated_at
    assert "Bình luận bài A1" in Client().get(comment.page.url).content.decode()


def test_an_editor_cannot_touch_another_units_comment(client, people, comments):
    comment = comments["b1"]
    client.force_login(people.editor_a1)
    assert client.get(f"{INDEX}edit/{comment.pk}/").status_code == 404
    assert client.post(f"{INDEX}edit/{comment.pk}/", {"status": "approved"}).status_code == 404
    assert client.post(f"{INDEX}delete/{comment.pk}/").status_code == 404
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_rejecting_and_deleting(client, people, comments):
    client.force_login(people.reviewer_fed1)
    comment = comments["a1"]
    client.post(f"{INDEX}edit/{comment.pk}/", {"status": "rejected"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    response = client.post(f"{INDEX}delete/{comment.pk}/", follow=True)
    assert response.status_code == 200
    assert not Comment.objects.filter(pk=comment.pk).exists()


# ---------------------------------------------------------------- one-click decisions


def decision_forms(html):
    """(action, next) of each approve/reject form in the listing."""
    return re.findall(
        r'<form method="post" action="([^"]+)" class="comment-decision">.*?'
        r'name="next" value="([^"]*)"',
        html,
        re.S,
    )


def test_a_moderator_approves_from_the_list_in_one_click(client, people, comments):
    comment = comments["a1"]
    client.force_login(people.editor_a1)
    listing = client.get(INDEX, {"status": "pending"}).content.decode()
    forms = decision_forms(listing)
    approve = f"{INDEX}approve/{comment.pk}/"
    assert (approve, f"{INDEX}?status=pending") in forms
    assert (f"{INDEX}reject/{comment.pk}/", f"{INDEX}?status=pending") in forms
    assert 'name="csrfmiddlewaretoken"' in listing

    response = client.post(approve, {"next": f"{INDEX}?status=pending"}, follow=True)
    assert response.redirect_chain == [(f"{INDEX}?status=pending", 302)]
    assert f"Đã duyệt bình luận của {comment.name}" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert comment.moderated_by == people.editor_a1 and comment.moderated_at
    assert "Bình luận bài A1" in Client().get(comment.page.url).content.decode()
    # Approved, it offers only to reject it now.
    forms = [action for action, _next in decision_forms(client.get(INDEX).content.decode())]
    assert approve not in forms and f"{INDEX}reject/{comment.pk}/" in forms


def test_a_one_click_rejection_hides_an_approved_comment(client, people, comments):
    comment = comments["a1"]
    client.force_login(people.reviewer_fed1)
    client.post(f"{INDEX}approve/{comment.pk}/")
    assert "Bình luận bài A1" in Client().get(comment.page.url).content.decode()
    response = client.post(f"{INDEX}reject/{comment.pk}/")
    assert response.status_code == 302 and response["Location"] == INDEX
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert "Bình luận bài A1" not in Client().get(comment.page.url).content.decode()


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_one_click_decisions_keep_to_the_rules(client, people, comments, decision):
    own, other = comments["a1"], comments["b1"]
    client.force_login(people.editor_a1)
    # Another unit's comment does not exist for them; a GET changes nothing.
    assert client.post(f"{INDEX}{decision}/{other.pk}/").status_code == 404
    assert client.get(f"{INDEX}{decision}/{own.pk}/").status_code == 405
    # Without a role that moderates, refused.
    # (A member manager may use the admin but moderates no unit: the comment is not there for
    # them. A user with no role may not use the admin at all: sent to log in.)
    for person, refusal in ((people.member_manager, 404), (people.nobody, 302)):
        client.force_login(person)
        assert client.post(f"{INDEX}{decision}/{own.pk}/").status_code == refusal
    # A forged form from another site carries no token.
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(people.editor_a1)
    assert forger.post(f"{INDEX}{decision}/{own.pk}/").status_code == 403
    own.refresh_from_db()
    assert own.status == CommentStatus.PENDING and own.moderated_by is None
    # And an address outside the admin is not followed back.
    client.force_login(people.editor_a1)
    response = client.post(f"{INDEX}{decision}/{own.pk}/", {"next": "https://evil.example/"})
    assert response["Location"] == INDEX
    own.refresh_from_db()
    other.refresh_from_db()
    assert other.status == CommentStatus.PENDING
    assert own.status == ("approved" if decision == "approve" else "rejected")


# ---------------------------------------------------------------- bulk decisions


def bulk_url(action, *comments, next_url=INDEX):
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"/admin/bulk/columns/comment/{action}/?next={next_url}&{ids}"


@pytest.fixture
def more_comments(comments):
    a1 = comments["a1"].page
    return {
        **comments,
        "a1_second": CommentFactory(page=a1, body="Ý kiến thứ hai", status=CommentStatus.PENDING),
    }


def test_the_list_offers_the_bulk_actions(client, people, comments):
    client.force_login(people.editor_a1)
    html = client.get(INDEX).content.decode()
    assert f'data-object-id="{comments["a1"].pk}"' in html
    for action in ("approve", "reject", "delete"):
        assert f'href="/admin/bulk/columns/comment/{action}/"' in html
    assert "wagtailadmin/js/bulk-actions.js" in html


def test_a_moderator_approves_two_comments_at_once(client, people, more_comments, settings):
    settings.PAGE_CACHE_SECONDS = 300
    a1, second, other = more_comments["a1"], more_comments["a1_second"], more_comments["b1"]
    article_url = a1.page.url
    assert "Ý kiến thứ hai" not in Client().get(article_url).content.decode()  # now cached

    client.force_login(people.editor_a1)
    url = bulk_url("approve", a1, second, other, next_url=f"{INDEX}?status=pending")
    confirm = client.get(url).content.decode()
    assert "Duyệt 2 bình luận này?" in confirm
    assert "Ý kiến thứ hai" in confirm and "Bình luận bài A1" in confirm
    # Another unit's comment is left alone, and only counted: its words are not shown.
    assert "1 bình luận đã chọn không thuộc quyền kiểm duyệt của đồng chí" in confirm
    assert "Bình luận bài B1" not in confirm

    response = client.post(url, follow=True)
    assert response.redirect_chain == [(f"{INDEX}?status=pending", 302)]
    assert "Đã duyệt 2 bình luận" in response.content.decode()
    for comment in (a1, second):
        comment.refresh_from_db()
        assert comment.status == CommentStatus.APPROVED
        assert comment.moderated_by == people.editor_a1
    other.refresh_from_db()
    assert other.status == CommentStatus.PENDING
    # The article's cached page was purged: both show at once.
    html = Client().get(article_url).content.decode()
    assert "Bình luận bài A1" in html and "Ý kiến thứ hai" in html


def test_select_all_means_the_comments_of_the_list(client, people, more_comments):
    client.force_login(people.editor_a1)
    response = client.post(f"/admin/bulk/columns/comment/approve/?next={INDEX}&id=all")
    assert response.status_code == 302
    statuses = dict(Comment.objects.values_list("body", "status"))
    assert statuses["Bình luận bài A1"] == statuses["Ý kiến thứ hai"] == CommentStatus.APPROVED
    assert statuses["Bình luận bài B1"] == CommentStatus.PENDING


def test_bulk_reject_hides_and_bulk_delete_removes(client, people, more_comments, settings):
    settings.PAGE_CACHE_SECONDS = 300
    a1, second = more_comments["a1"], more_comments["a1_second"]
    client.force_login(people.reviewer_fed1)
    client.post(bulk_url("approve", a1, second))
    assert "Ý kiến thứ hai" in Client().get(a1.page.url).content.decode()

    response = client.post(bulk_url("reject", a1, second), follow=True)
    assert "Đã từ chối 2 bình luận" in response.content.decode()
    assert "Ý kiến thứ hai" not in Client().get(a1.page.url).content.decode()

    assert "Xóa hẳn 2 bình luận này?" in client.get(bulk_url("delete", a1, second)).content.decode()
    response = client.post(bulk_url("delete", a1, second), follow=True)
    assert "Đã xóa 2 bình luận" in response.content.decode()
    assert not Comment.objects.filter(pk__in=[a1.pk, second.pk]).exists()


ACTS_ON_A1 = {"editor_a1": True, "reviewer_fed1": True, "approver": True}


@pytest.mark.parametrize("action", ["approve", "reject", "delete"])
@pytest.mark.parametrize(
    "person", ["editor_a1", "reviewer_fed1", "approver", "editor_b1", "reviewer_fed2"]
)
def test_bulk_actions_keep_to_each_roles_units(client, people, comments, person, action):
    own = comments["a1"]
    client.force_login(getattr(people, person))
    client.post(bulk_url(action, own))
    acted = not Comment.objects.filter(pk=own.pk, status=CommentStatus.PENDING).exists()
    assert acted == ACTS_ON_A1.get(person, False)


@pytest.mark.parametrize("action", ["approve", "reject", "delete"])
def test_bulk_actions_refuse_people_who_moderate_nothing(client, people, comments, action):
    own = comments["a1"]
    client.force_login(people.member_manager)
    client.post(bulk_url(action, own))
    client.force_login(people.nobody)
    assert client.post(bulk_url(action, own)).status_code == 302
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(people.editor_a1)
    assert forger.post(bulk_url(action, own)).status_code == 403
    own.refresh_from_db()
    assert own.status == CommentStatus.PENDING


# ---------------------------------------------------------------- the dashboard's count


def waiting_panel(client):
    html = client.get("/admin/").content.decode()
    found = re.search(r'href="([^"]+)">\s*Bình luận chờ duyệt: (\d+)', html)
    return (found[1], int(found[2])) if found else None


def test_the_dashboard_counts_the_comments_each_moderator_may_decide(client, people, comments):
    client.force_login(people.editor_a1)
    assert waiting_panel(client) == (f"{INDEX}?status=pending", 1)
    client.force_login(people.approver)
    assert waiting_panel(client) == (f"{INDEX}?status=pending", 2)
    client.force_login(people.member_manager)
    assert waiting_panel(client) is None
    client.force_login(people.editor_a1)
    client.post(f"{INDEX}approve/{comments['a1'].pk}/")
    assert waiting_panel(client) is None  # nothing left for them: no panel
