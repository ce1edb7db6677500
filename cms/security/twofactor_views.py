"""The two-factor pages: the code asked after the password, enrolment (QR code and secret,
confirmed by a first code, then the recovery codes shown once), the user's own settings, and a
superuser's reset of another user's devices."""

from base64 import b32encode

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import twofactor

# Recovery codes wait here between their making and the one page that shows them.
NEW_CODES_KEY = "cms_two_factor_new_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def with_next(name, request):
    return f"{reverse(name)}?{urlencode({'next': twofactor.safe_next(request)})}"


def verify(request):
    """ "Nhập mã xác thực": the app's code or a recovery code, after the password."""
    # Read again here: the devices may have been reset since the sign-in.
    request.session[twofactor.HAS_DEVICE_KEY] = django_otp.user_has_device(request.user)
    step = twofactor.pending_step(request)
    if step in ("cms_two_factor_enrol", "wagtailadmin_login"):
        return redirect(with_next(step, request))
    if step is None:
        return redirect(twofactor.safe_next(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device, throttled = twofactor.check_code(request, form.cleaned_data["code"])
        if device is not None:
            twofactor.mark_verified(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _("You signed in with a recovery code; %(count)d are left.")
                    % {"count": twofactor.recovery_codes_left(request.user)},
                )
            return redirect(twofactor.safe_next(request))
        form.add_error(
            "code",
            _("Too many wrong codes. Wait a moment, then try again.")
            if throttled
            else _("This code is not right."),
        )
    return render(
        request, "cms/two_factor/verify.html", {"form": form, "next": twofactor.safe_next(request)}
    )


def enrol(request):
    """Set up an authenticator app: the QR code and the secret, confirmed by a first code."""
    user = request.user
    if django_otp.user_has_device(user) and not user.is_verified():
        # Replacing a device takes a code from the current one first.
        return redirect(with_next("cms_two_factor_verify", request))
    device = twofactor.start_enrolment(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token("".join(form.cleaned_data["code"].split())):
            codes = twofactor.confirm_enrolment(user, device)
            twofactor.mark_verified(request, device)
            request.session[NEW_CODES_KEY] = codes
            return redirect(with_next("cms_two_factor_recovery_codes", request))
        form.add_error("code", _("This code is not right. Check the time on your phone."))
    secret = b32encode(device.bin_key).decode()
    qr_code = segno.make(device.config_url, error="m").svg_inline(
        omitsize=True, light="#fff", title=_("QR code for your authenticator app")
    )
    context = {
        "form": form,
        "next": twofactor.safe_next(request),
        "qr_code": qr_code,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": twofactor.must_use_two_factor(user),
    }
    return render(request, "cms/two_factor/enrol.html", context)


def recovery_codes(request):
    """The new recovery codes, shown this once."""
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes or not request.user.is_verified():
        return redirect("cms_two_factor")
    context = {"codes": codes, "next": twofactor.safe_next(request)}
    return render(request, "cms/two_factor/recovery_codes.html", context)


class TwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """The user's own two-factor settings (linked from their account page)."""

    template_name = "cms/two_factor/settings.html"
    page_title = gettext_lazy("Two-factor authentication")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["enrolled"] = twofactor.is_enrolled(user)
        context["required"] = twofactor.must_use_two_factor(user)
        context["codes_left"] = twofactor.recovery_codes_left(user)
        return context

    def post(self, request):
        user = request.user
        if not twofactor.is_enrolled(user):
            return redirect("cms_two_factor")
        if request.POST.get("action") == "codes":
            request.session[NEW_CODES_KEY] = twofactor.new_recovery_codes(user)
            return redirect("cms_two_factor_recovery_codes")
        if request.POST.get("action") == "disable" and not twofactor.must_use_two_factor(user):
            twofactor.reset_two_factor(user, by=user)
            twofactor.forget_devices(request)
            messages.success(request, _("Two-factor authentication is off."))
        return redirect("cms_two_factor")


def may_reset(user):
    """Another user's devices concern their account: only a superuser resets them."""
    return user.is_active and user.is_superuser


class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """A superuser removes another user's devices (a lost phone), after confirming."""

    template_name = "cms/two_factor/reset.html"
    page_title = gettext_lazy("Reset two-factor authentication")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not may_reset(request.user):
            raise PermissionDenied
        self.account = get_object_or_404(get_user_model(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["account"] = self.account
        context["enrolled"] = twofactor.is_enrolled(self.account)
        return context

    def post(self, request, pk):
        twofactor.reset_two_factor(self.account, by=request.user)
        messages.success(
            request,
            _("Two-factor authentication was reset for %(account)s.")
            % {"account": self.account.get_username()},
        )
        return redirect("wagtailusers_users:index")
