"""Two-factor sign-in (django-otp): who must use it, the devices, and the middleware that holds
a signed-in but unverified session at the code page until a code is given.

After the password (Wagtail's own sign-in form, so django-axes counts wrong passwords), a user
with an authenticator app is asked for a code; a user who must use two-factor and has none is
sent to enrolment. Until then every admin page but these redirects, and outside the admin the
session counts as signed out (no private document, no restricted page).

Who must: a superuser, anyone holding a role in the school union, anyone managing members,
unless ``TWO_FACTOR_REQUIRED`` is off (tests and development only; ``check --deploy`` warns).
"""

import logging

import django_otp
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_logged_in, user_login_failed
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation.access import access_for
from organisation.models import Role, UnitKind

logger = logging.getLogger("cms.security")

RECOVERY_CODE_COUNT = 10
# Whether the signed-in user had a device when the session began: read once per session, so an
# admin page costs no extra query for the many users who never enrolled.
HAS_DEVICE_KEY = "cms_two_factor_device"
# Set when a session gives its code. django-otp forgets the device of a session once the device
# is gone; this remembers that the session was verified, so a reset can end it (below).
VERIFIED_KEY = "cms_two_factor_verified"
# The pages a session waiting for its code may open (besides signing out).
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    # What the sign-in layout loads: its translations, and the icons, which Wagtail's script
    # fetches and writes into the page (so a redirect would show the page twice).
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "cms_two_factor_verify",
    "cms_two_factor_enrol",
    "cms_two_factor_recovery_codes",
}


# ---------------------------------------------------------------- who must


def must_use_two_factor(user):
    """Superusers, the school union's officers and member managers must; others may."""
    if not settings.TWO_FACTOR_REQUIRED or not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    held = access_for(user).held
    if Role.MEMBER_MANAGER in held:
        return True
    return any(kind == UnitKind.SCHOOL for holdings in held.values() for _path, kind in holdings)


def is_enrolled(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_step(request):
    """None when the session may use the admin, else the URL name of the page it must see."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if request.session.get(VERIFIED_KEY):
        # Verified once, and its device is gone: a superuser reset this account's two-factor
        # (a lost or stolen phone). Whoever holds the session must give the password again,
        # rather than enrol a phone of their own from it.
        logout(request)
        messages.warning(
            request, _("Two-factor authentication was reset for this account; sign in again.")
        )
        return "wagtailadmin_login"
    has_device = request.session.get(HAS_DEVICE_KEY)
    if has_device is None:
        has_device = request.session[HAS_DEVICE_KEY] = user_has_device(user)
    if has_device:
        return "cms_two_factor_verify"
    if must_use_two_factor(user):
        return "cms_two_factor_enrol"
    return None


@receiver(user_logged_in, dispatch_uid="cms_two_factor_session")
def remember_devices(sender, request, user, **kwargs):
    """At each sign-in, note whether this user has a device to be asked for."""
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE_KEY] = user_has_device(user)


@receiver(user_locked_out, dispatch_uid="cms_two_factor_lockout")
def sign_out_locked_session(sender, request, username, **kwargs):
    """Wrong codes locked the account (check_code reports them to axes): end the half-open
    session too, so that the right code cannot follow; the password is asked again after the
    cool-off."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.get_username() == username:
        logout(request)


def safe_next(request, default_name="wagtailadmin_home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default_name)


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: an unverified session that owes a code (or an
    enrolment) sees only the code, enrolment and sign-out pages of the admin, and is signed
    out everywhere else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = pending_step(request)
        if step is None or request.resolver_match.url_name in OPEN_URL_NAMES:
            return None
        if request.path.startswith(reverse("wagtailadmin_home")):
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        request.user = AnonymousUser()
        return None


def mark_verified(request, device):
    """django-otp's login of ``device`` for this session, remembered (``VERIFIED_KEY``)."""
    django_otp.login(request, device)
    request.session[HAS_DEVICE_KEY] = True
    request.session[VERIFIED_KEY] = True


def forget_devices(request):
    """This session's own user turned two-factor off: nothing is left to verify."""
    request.session[HAS_DEVICE_KEY] = False
    request.session.pop(VERIFIED_KEY, None)


# ---------------------------------------------------------------- devices


def start_enrolment(user):
    """The user's unconfirmed authenticator device, made on first visit to the enrolment."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)


@transaction.atomic
def confirm_enrolment(user, device):
    """Confirm ``device``, drop any older one, and issue fresh recovery codes (returned)."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new single-use ones. The
    codes' device stays: a session verified with a recovery code stays verified."""
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name="Mã khôi phục")
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticToken.objects.filter(device=device).delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def check_code(request, code):
    """The device that accepts ``code`` (an app's six digits or a recovery code), or None.

    Returns ``(device, throttled)``: django-otp slows down each device after a wrong code, and
    every wrong code is also reported to django-axes as a failed sign-in, so that the account
    is locked on this address like after wrong passwords (AxesMiddleware answers with the
    lockout page)."""
    user = request.user
    code = "".join(code.split()).lower()
    wanted = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    throttled = False
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if not isinstance(device, wanted):
                continue
            allowed, _info = device.verify_is_allowed()
            if not allowed:
                throttled = True
            elif device.verify_token(code):
                return device, False
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
    return None, throttled


def reset_two_factor(user, by):
    """Remove every device of ``user`` (a lost phone): they enrol again at their next sign-in
    if they must. Logged, as lockouts are."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    logger.warning("Two-factor reset by %s for account %r", by.get_username(), user.get_username())
