"""Registers the project-wide admin pieces; the logic lives in the modules named here."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from . import cache
from .mail_admin import OutgoingMailViewSet, unsent_mail_panel
from .security import documents, logins, twofactor_views


@hooks.register("register_admin_viewset")
def register_outgoing_mail_viewset():
    return OutgoingMailViewSet("outgoing_mail")


@hooks.register("construct_homepage_panels")
def add_unsent_mail_panel(request, panels):
    panel = unsent_mail_panel(request.user)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("sign-in-lockouts/", logins.LockoutsView.as_view(), name="cms_lockouts"),
        path("sign-in-lockouts/<int:pk>/unlock/", logins.unlock, name="cms_lockouts_unlock"),
    ]


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    views = twofactor_views
    return [
        path("two-factor/", views.TwoFactorView.as_view(), name="cms_two_factor"),
        path("two-factor/verify/", views.verify, name="cms_two_factor_verify"),
        path("two-factor/enrol/", views.enrol, name="cms_two_factor_enrol"),
        path("two-factor/codes/", views.recovery_codes, name="cms_two_factor_recovery_codes"),
        path("two-factor/reset/<int:pk>/", views.ResetView.as_view(), name="cms_two_factor_reset"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("cms_two_factor"),
        "label": _("Two-factor authentication"),
        "help_text": _("A code from an app on your phone after your password."),
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if twofactor_views.may_reset(request_user):
        yield ListingButton(
            _("Reset two-factor authentication"),
            reverse("cms_two_factor_reset", args=[user.pk]),
            priority=50,
        )


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return logins.LockoutsMenuItem(
        _("Sign-in lockouts"), reverse("cms_lockouts"), icon_name="lock", order=900
    )


hooks.register("before_serve_document", documents.guard_document)

hooks.register("before_serve_page", cache.mark_cacheable)
