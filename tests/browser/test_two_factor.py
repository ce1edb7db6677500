"""Two-factor sign-in in Chromium, under the admin's Content-Security-Policy: a chapter editor
sets up an authenticator app from the account page (QR code and secret, a first code, the
recovery codes), signs out, and signs in again with the password and then a code."""

import re
import time
import uuid
from base64 import b32decode

import pytest

from .harness import DEMO_PASSWORD

expect = pytest.importorskip("playwright.sync_api").expect
oath = pytest.importorskip("django_otp.oath")

pytestmark = pytest.mark.browser


def phone_code(secret, steps_ahead=0):
    """What the authenticator app shows for the secret the page gave (30 s steps)."""
    code = oath.TOTP(b32decode(secret.replace(" ", "")))
    code.time = time.time() + 30 * steps_ahead
    return f"{code.token():06d}"


def test_an_editor_enrols_then_signs_in_with_a_code(open_page, site):
    username = f"hailop{uuid.uuid4().hex[:6]}"
    site.shell(
        "from django.contrib.auth import get_user_model\n"
        "from organisation.models import Unit, UnitRole\n"
        f"user = get_user_model().objects.create_user({username!r}, password={DEMO_PASSWORD!r})\n"
        "chapter = Unit.objects.filter(kind='chapter').first()\n"
        "UnitRole.objects.create(user=user, unit=chapter, role='editor')\n"
    )
    page = open_page(user=username)

    page.goto("/admin/account/#tab-actions")  # the account page's "more actions" tab
    page.get_by_role("link", name="Xác thực hai lớp").click()
    page.get_by_role("link", name="Thiết lập xác thực hai lớp").click()
    expect(page.get_by_role("heading", name="Thiết lập xác thực hai lớp")).to_be_visible()
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    secret = page.locator("[data-secret]").inner_text()
    page.get_by_label("Mã xác thực").fill(phone_code(secret))
    page.get_by_role("button", name="Xác nhận").click()

    expect(page.get_by_role("heading", name="Mã khôi phục của bạn")).to_be_visible()
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    page.get_by_role("link", name="Tôi đã cất giữ các mã, tiếp tục").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto("/admin/two-factor/")
    expect(page.get_by_text("Xác thực hai lớp đang bật")).to_be_visible()
    page.context.clear_cookies()

    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    expect(page.get_by_role("heading", name="Nhập mã xác thực")).to_be_visible()
    page.get_by_label("Mã xác thực").fill(phone_code(secret, steps_ahead=1))
    page.get_by_role("button", name="Xác thực").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator("#id_code")).to_have_count(0)
