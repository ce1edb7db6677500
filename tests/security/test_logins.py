"""Admin sign-in through the real Wagtail login form: an account is locked on one address after
a few wrong passwords, told so in Vietnamese, until the cool-off or a superuser's unlock."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

READER = "198.51.100.7"


def sign_in(username, password, address=READER, agent="Firefox"):
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    response = client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
    )
    return client, response


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def fail(username, times, address=READER):
    return [sign_in(username, "sai-mat-khau", address, f"Agent {n}")[1] for n in range(times)]


def test_five_wrong_passwords_lock_the_account_on_that_address(people, caplog, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    caplog.set_level(logging.WARNING, logger="cms.security")
    answers = fail("editor_a1", 5)
    assert [answer.status_code for answer in answers[:4]] == [200] * 4  # the form again
    assert answers[4].status_code == 429
    # Now even the right password is refused, from any browser on that address.
    _client, locked = sign_in("editor_a1", "password", agent="Chrome")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Đăng nhập đã bị khoá" in page
    assert "sau 5 lần nhập sai mật khẩu" in page
    assert "Thử lại sau 15 phút" in page
    # The lockout and each refused try while locked are logged, with the account and address.
    lines = [record.getMessage() for record in caplog.records if record.name == "cms.security"]
    assert lines == [f"Sign-in locked: account 'editor_a1' from address {READER}"] * 2


def test_the_lock_is_per_account_and_address(people):
    fail("editor_a1", 5)
    assert signed_in(sign_in("editor_a1", "password", address="198.51.100.8")[1])
    assert signed_in(sign_in("editor_b1", "password")[1])


def test_a_right_password_before_the_limit_starts_the_count_again(people):
    fail("editor_a1", 4)
    assert signed_in(sign_in("editor_a1", "password")[1])
    fail("editor_a1", 4)
    assert signed_in(sign_in("editor_a1", "password")[1])


def test_the_lock_ends_after_the_cool_off(people):
    fail("editor_a1", 5)
    assert sign_in("editor_a1", "password")[1].status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert signed_in(sign_in("editor_a1", "password")[1])


def test_forged_forwarded_for_does_not_escape_the_lock(people, settings):
    settings.TRUSTED_PROXIES = ["172.18.0.2"]
    for n in range(5):
        Client(REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, {READER}").post(
            "/admin/login/", {"username": "editor_a1", "password": "sai"}
        )
    locked = Client(REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR=f"10.0.0.99, {READER}").post(
        "/admin/login/", {"username": "editor_a1", "password": "password"}
    )
    assert locked.status_code == 429


def test_a_superuser_sees_and_lifts_a_lockout(people, caplog):
    caplog.set_level(logging.WARNING, logger="cms.security")
    fail("editor_a1", 5)
    admin, response = sign_in("root", "password", address="192.0.2.1")
    assert signed_in(response)
    listing = admin.get("/admin/sign-in-lockouts/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Khoá đăng nhập" in html and "editor_a1" in html and READER in html
    assert "/admin/sign-in-lockouts/" in admin.get("/admin/").content.decode()  # in the menu
    attempt = AccessAttempt.objects.filter(username="editor_a1").first()
    done = admin.post(f"/admin/sign-in-lockouts/{attempt.pk}/unlock/", follow=True)
    assert "Đã mở khoá đăng nhập cho editor_a1" in done.content.decode()
    assert not AccessAttempt.objects.exists()
    assert signed_in(sign_in("editor_a1", "password")[1])
    assert "Sign-in unlocked by root: account 'editor_a1'" in caplog.text


@pytest.mark.parametrize("who", ["approver", "member_manager", "editor_b1"])
def test_only_a_superuser_may_unlock(people, who):
    fail("editor_a1", 5)
    user, response = sign_in(who, "password", address="192.0.2.1")
    assert signed_in(response)
    assert user.get("/admin/sign-in-lockouts/").status_code in (302, 403)
    attempt = AccessAttempt.objects.filter(username="editor_a1").first()
    assert user.post(f"/admin/sign-in-lockouts/{attempt.pk}/unlock/").status_code in (302, 403)
    assert AccessAttempt.objects.exists()
    assert "/admin/sign-in-lockouts/" not in user.get("/admin/").content.decode()


def test_a_locked_user_can_still_ask_for_a_password_reset(people):
    fail("editor_a1", 5)
    client = Client(REMOTE_ADDR=READER)
    assert client.get("/admin/password_reset/").status_code == 200
    sent = client.post("/admin/password_reset/", {"email": people.editor_a1.email})
    assert sent.status_code == 302
