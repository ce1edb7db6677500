from wagtail import hooks

from .mail_admin import OutgoingMailViewSet, unsent_mail_panel


@hooks.register("register_admin_viewset")
def register_outgoing_mail_viewset():
    return OutgoingMailViewSet("outgoing_mail")


@hooks.register("construct_homepage_panels")
def add_unsent_mail_panel(request, panels):
    panel = unsent_mail_panel(request.user)
    if panel is not None:
        panels.append(panel)
