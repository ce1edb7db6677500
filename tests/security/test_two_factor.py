"""Two-factor sign-in through the real admin: the password on Wagtail's form, then the code page
or the enrolment; recovery codes used once; wrong codes refused, slowed down and counted by the
lockout; who must enrol; a superuser's reset of a lost phone."""

import datetime
import logging
import re
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents.models import Document

from cms.security.checks import two_factor_is_required
from cms.security.twofactor import new_recovery_codes

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.20"
VERIFY = "/admin/two-factor/verify/"
ENROL = "/admin/two-factor/enrol/"


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def sign_in(user):
    """The password on Wagtail's own sign-in form, as a person types it."""
    client = Client(REMOTE_ADDR=ADDRESS)
    response = client.post(
        "/admin/login/", {"username": user.username, "password": "password", "next": "/admin/"}
    )
    assert response.status_code == 302, "the password was taken"
    return client


def enrolled(user):
    """A user who has set up an app: their device and their recovery codes."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device, new_recovery_codes(user)


def code_for(device, steps_ahead=0):
    """The six digits the phone shows now (or ``steps_ahead`` periods of 30 s later)."""
    if not steps_ahead:
        return f"{totp(device.bin_key):06d}"
    later = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    later.time = time.time() + steps_ahead * device.step
    return f"{later.token():06d}"


def give_code(client, code, next_url="/admin/"):
    return client.post(VERIFY, {"code": code, "next": next_url})


def wait_out_the_throttle(user):
    """django-otp makes each device wait 1, 2, 4… seconds after a wrong code."""
    long_ago = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    TOTPDevice.objects.filter(user=user).update(throttling_failure_timestamp=long_ago)


# ---------------------------------------------------------------- who must


@pytest.mark.parametrize("who", ["superuser", "approver", "member_manager"])
def test_required_roles_cannot_reach_the_admin_before_enrolling(people, required, who):
    client = sign_in(getattr(people, who))
    for url in ["/admin/", "/admin/pages/", "/admin/documents/", "/admin/account/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{ENROL}?next={url.replace('/', '%2F')}"
    assert client.get(ENROL).status_code == 200
    # What the sign-in layout loads still loads: its translations and its icons.
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
    sprite = client.get(reverse("wagtailadmin_sprite"))
    assert sprite.status_code == 200 and b"<svg" in sprite.content


@pytest.mark.parametrize("who", ["editor_a1", "reviewer_fed1"])
def test_optional_roles_reach_the_dashboard_without_a_code(people, required, who):
    client = sign_in(getattr(people, who))
    assert client.get("/admin/").status_code == 200
    # ... and are offered it on their account page.
    account = client.get("/admin/account/").content.decode()
    assert reverse("cms_two_factor") in account
    page = client.get(reverse("cms_two_factor")).content.decode()
    assert "Thiết lập xác thực hai lớp" in page


def test_a_chapter_editor_who_also_manages_members_must_enrol(people, tree, required):
    from organisation.models import Role
    from tests.factories.organisation import UnitRoleFactory

    UnitRoleFactory(user=people.editor_a1, unit=tree.a1, role=Role.MEMBER_MANAGER)
    client = sign_in(people.editor_a1)
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_an_editor_of_the_school_union_must_enrol(people, tree, required):
    from organisation.models import Role
    from tests.factories.organisation import UnitRoleFactory

    UnitRoleFactory(user=people.nobody, unit=tree.school, role=Role.EDITOR)
    client = sign_in(people.nobody)
    assert client.get("/admin/")["Location"].startswith(ENROL)


# ---------------------------------------------------------------- enrolment


def test_enrolment_confirms_a_first_code_then_shows_recovery_codes_once(people, required):
    client = sign_in(people.approver)
    page = client.get(f"{ENROL}?next=/admin/pages/").content.decode()
    device = TOTPDevice.objects.get(user=people.approver, confirmed=False)
    assert "Thiết lập xác thực hai lớp" in page
    assert "<svg" in page  # the QR code, inline: nothing to fetch, nothing the CSP refuses
    secret = re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", page).group(1)
    assert len(secret.replace(" ", "")) == 32  # the 20-byte key in base 32, to type by hand

    wrong = client.post(ENROL, {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "Mã không đúng" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302, "still not enrolled"

    wait_out_the_throttle(people.approver)
    confirmed = client.post(ENROL, {"code": code_for(device), "next": "/admin/pages/"})
    assert confirmed["Location"] == "/admin/two-factor/codes/?next=%2Fadmin%2Fpages%2F"
    codes_page = client.get(confirmed["Location"]).content.decode()
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(shown) == 10
    assert set(shown) == set(StaticToken.objects.values_list("token", flat=True))
    assert "in chúng ra" in codes_page  # print them, keep them apart from the phone
    assert 'href="/admin/pages/"' in codes_page
    # Shown once: the page does not show them again.
    assert client.get("/admin/two-factor/codes/")["Location"] == "/admin/two-factor/"
    # The session is verified: the admin opens.
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_an_unverified_session_cannot_enrol_a_new_phone(people, required):
    device, _codes = enrolled(people.approver)
    client = sign_in(people.approver)
    response = client.get(ENROL)
    assert response["Location"].startswith(VERIFY), "a code from the current app first"
    device.delete()  # with only recovery codes left, one of them first
    assert client.get(ENROL)["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(confirmed=False).exists()


# ---------------------------------------------------------------- signing in


def test_sign_in_asks_for_the_app_code_then_opens_the_admin(people, required):
    device, _codes = enrolled(people.member_manager)
    client = sign_in(people.member_manager)
    asked = client.get("/admin/members/")
    assert asked["Location"] == f"{VERIFY}?next=%2Fadmin%2Fmembers%2F"
    page = client.get(asked["Location"]).content.decode()
    assert "Nhập mã xác thực" in page
    response = give_code(client, code_for(device), next_url="/admin/members/")
    assert response["Location"] == "/admin/members/"
    assert client.get("/admin/").status_code == 200


def test_an_optional_user_who_enrolled_is_asked_too(people):
    device, _codes = enrolled(people.editor_a1)  # TWO_FACTOR_REQUIRED off, as in development
    client = sign_in(people.editor_a1)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    assert give_code(client, code_for(device))["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(people, required):
    _device, codes = enrolled(people.approver)
    client = sign_in(people.approver)
    response = give_code(client, codes[0].upper())  # as printed, in any case
    assert response["Location"] == "/admin/"
    dashboard = client.get("/admin/").content.decode()
    assert "còn lại 9 mã" in dashboard

    client.post("/admin/logout/")
    again = sign_in(people.approver)
    refused = give_code(again, codes[0])
    assert refused.status_code == 200
    assert "Mã không đúng" in refused.content.decode()
    assert again.get("/admin/").status_code == 302


def test_a_wrong_code_is_refused_and_the_next_try_must_wait(people, required):
    device, _codes = enrolled(people.approver)
    client = sign_in(people.approver)
    refused = give_code(client, "123456" if code_for(device) != "123456" else "654321")
    assert refused.status_code == 200
    assert "Mã không đúng" in refused.content.decode()
    # Even the right code waits out django-otp's delay after a wrong one.
    throttled = give_code(client, code_for(device))
    assert "Hãy chờ một lát" in throttled.content.decode()
    assert client.get("/admin/").status_code == 302
    wait_out_the_throttle(people.approver)
    assert give_code(client, code_for(device, steps_ahead=1))["Location"] == "/admin/"


def test_wrong_codes_count_towards_the_sign_in_lockout(people, required, caplog):
    caplog.set_level(logging.WARNING, logger="cms.security")
    device, _codes = enrolled(people.approver)
    client = sign_in(people.approver)
    answers = []
    for _ in range(5):
        wait_out_the_throttle(people.approver)
        answers.append(give_code(client, "wrongcode"))
    assert [answer.status_code for answer in answers] == [200] * 4 + [429]
    assert "Đăng nhập đã bị khoá" in answers[-1].content.decode()
    # The half-open session is over: the right code no longer gets in ...
    wait_out_the_throttle(people.approver)
    after = give_code(client, code_for(device))
    assert after["Location"].startswith("/admin/login/")
    # ... and the password is refused on this address until the cool-off or an unlock.
    locked = Client(REMOTE_ADDR=ADDRESS).post(
        "/admin/login/", {"username": "approver", "password": "password"}
    )
    assert locked.status_code == 429
    assert "Sign-in locked: account 'approver' from address 198.51.100.20" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # a served file closes
def test_outside_the_admin_an_unverified_session_is_signed_out(people, required):  # the db
    device, _codes = enrolled(people.approver)
    document = Document(title="Biên bản họp nội bộ")
    document.file.save("noi-bo.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    client = sign_in(people.approver)
    # An approver may download a private document, but not before the code.
    assert client.get(document.url).status_code == 404
    give_code(client, code_for(device))
    response = client.get(document.url)
    response.close()
    assert response.status_code == 200


# ---------------------------------------------------------------- own settings


def test_an_optional_user_may_turn_it_off_a_required_one_may_not(people, settings):
    enrolled(people.editor_a1)
    client = Client()
    client.force_login(people.editor_a1)  # not required here, and no code asked of this
    # session in its own page (force_login marks nothing as verified: it goes to the code page).
    assert client.get("/admin/two-factor/")["Location"].startswith(VERIFY)

    device = TOTPDevice.objects.get(user=people.editor_a1)
    give_code(client, code_for(device))
    page = client.get("/admin/two-factor/").content.decode()
    assert "Tắt xác thực hai lớp" in page
    client.post("/admin/two-factor/", {"action": "disable"})
    assert not TOTPDevice.objects.filter(user=people.editor_a1).exists()

    settings.TWO_FACTOR_REQUIRED = True
    device, _codes = enrolled(people.approver)
    client = sign_in(people.approver)
    give_code(client, code_for(device))
    page = client.get("/admin/two-factor/").content.decode()
    assert "Tắt xác thực hai lớp" not in page
    client.post("/admin/two-factor/", {"action": "disable"})
    assert TOTPDevice.objects.filter(user=people.approver).exists()


def test_new_recovery_codes_replace_the_old_ones(people):
    device, old = enrolled(people.editor_a1)
    client = sign_in(people.editor_a1)
    give_code(client, code_for(device))
    response = client.post("/admin/two-factor/", {"action": "codes"})
    page = client.get(response["Location"]).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10
    assert not set(old) & set(StaticToken.objects.values_list("token", flat=True))


def test_new_recovery_codes_after_signing_in_with_one_keep_the_session(people, required):
    """Having used a recovery code, a person asks for new ones: the session stays verified."""
    _device, old = enrolled(people.approver)
    client = sign_in(people.approver)
    give_code(client, old[0])
    response = client.post("/admin/two-factor/", {"action": "codes"})
    assert response["Location"].startswith("/admin/two-factor/codes/")
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=people.approver).count() == 10
    assert not set(old) & set(StaticToken.objects.values_list("token", flat=True))


# ---------------------------------------------------------------- reset by a superuser


def test_a_superuser_resets_a_lost_phone(people, required, caplog):
    caplog.set_level(logging.WARNING, logger="cms.security")
    device, _codes = enrolled(people.superuser)
    client = sign_in(people.superuser)
    give_code(client, code_for(device))
    enrolled(people.approver)
    url = reverse("cms_two_factor_reset", args=[people.approver.pk])
    assert url in client.get("/admin/users/").content.decode()  # a button in the user list
    assert "Đặt lại xác thực hai lớp" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == "/admin/users/"
    assert not TOTPDevice.objects.filter(user=people.approver).exists()
    assert not StaticToken.objects.filter(device__user=people.approver).exists()
    assert "Two-factor reset by root for account 'approver'" in caplog.text
    # The approver enrols again at the next sign-in.
    assert sign_in(people.approver).get("/admin/")["Location"].startswith(ENROL)


def test_a_reset_signs_out_the_sessions_the_lost_phone_verified(people, required):
    """Whoever holds the lost phone may hold a signed-in session too: after the reset it must
    give the password again, rather than enrol a phone of its own from that session."""
    device, _codes = enrolled(people.approver)
    thief = sign_in(people.approver)
    give_code(thief, code_for(device))
    assert thief.get("/admin/").status_code == 200
    admin = Client()
    admin.force_login(people.superuser)
    admin.get(VERIFY)  # the superuser's own session is not the point here
    from cms.security.twofactor import reset_two_factor

    reset_two_factor(people.approver, by=people.superuser)

    response = thief.get("/admin/", follow=True)
    assert response.redirect_chain[0][0] == "/admin/login/?next=%2Fadmin%2F"
    assert "đăng nhập lại" in response.content.decode()
    assert thief.get(ENROL)["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.filter(user=people.approver).exists()
    # With the password, the approver enrols a new phone as after any reset.
    assert sign_in(people.approver).get("/admin/")["Location"].startswith(ENROL)


def test_turning_it_off_oneself_keeps_the_session(people):
    device, _codes = enrolled(people.editor_a1)  # optional for an editor
    client = sign_in(people.editor_a1)
    give_code(client, code_for(device))
    client.post("/admin/two-factor/", {"action": "disable"})
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("who", ["approver", "member_manager", "editor_a1", "reviewer_fed1"])
def test_only_superusers_reset_two_factor(people, who):
    enrolled(people.editor_b1)
    client = Client()
    client.force_login(getattr(people, who))
    url = reverse("cms_two_factor_reset", args=[people.editor_b1.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url).status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=people.editor_b1).exists()


# ---------------------------------------------------------------- deployment


def test_check_deploy_warns_when_two_factor_is_not_required(settings):
    settings.TWO_FACTOR_REQUIRED = False
    (warning,) = two_factor_is_required(None)
    assert warning.id == "cms.W004"
    settings.TWO_FACTOR_REQUIRED = True
    assert two_factor_is_required(None) == []
    # Production settings never read it from the environment: they keep the base's True.
    assert (
        "TWO_FACTOR_REQUIRED"
        not in Path(settings.BASE_DIR, "cms/settings/production.py").read_text()
    )
