"""Registers the project-wide admin pieces; the logic lives in the modules named here."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import cache
from .mail_admin import OutgoingMailViewSet, unsent_mail_panel
from .security import documents, logins


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


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return logins.LockoutsMenuItem(
        _("Sign-in lockouts"), reverse("cms_lockouts"), icon_name="lock", order=900
    )


hooks.register("before_serve_document", documents.guard_document)

hooks.register("before_serve_page", cache.mark_cacheable)
