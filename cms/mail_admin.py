"""The superuser's view of mail that could not be sent: a Wagtail listing of ``OutgoingMail``
(filtered to failed and waiting mail by default), each with "Gửi lại", and a dashboard panel
that says how many are stuck."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from .mail import send_again
from .models import OutgoingMail

UNSENT = [OutgoingMail.Status.FAILED, OutgoingMail.Status.PENDING]


class SuperusersReadOnly(BasePermissionPolicy):
    """Superusers look at the mail and delete it; nobody writes or edits one by hand (mail
    addresses are personal data, and a queued mail is the site's, not an editor's)."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in {"view", "delete"}

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        if not {"view", "delete"} & set(actions):
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class SendAgainColumn(Column):
    cell_template_name = "cms/mail/send_again_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["send_again_url"] = (
            reverse("outgoing_mail:send_again", args=[instance.pk])
            if instance.status == OutgoingMail.Status.FAILED
            else ""
        )
        context["csrf_token"] = parent_context.get("csrf_token")
        return context


@require_POST
def send_again_view(request, pk):
    if not request.user.is_superuser:
        raise PermissionDenied
    mail = get_object_or_404(OutgoingMail, pk=pk, status=OutgoingMail.Status.FAILED)
    send_again(mail)
    messages.success(request, _("The email is queued again."))
    return redirect("outgoing_mail:index")


class OutgoingMailViewSet(ModelViewSet):
    model = OutgoingMail
    icon = "mail"
    menu_label = _("Unsent emails")
    add_to_settings_menu = True
    url_prefix = "thu-chua-gui"
    url_namespace = "outgoing_mail"
    list_display = [
        "to",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        SendAgainColumn("send_again", label=_("Send again"), accessor="pk"),
    ]
    list_filter = ["status"]
    search_fields = None
    inspect_view_enabled = True
    inspect_view_fields = ["to", "subject", "body", "status", "attempts", "last_error"]
    copy_view_enabled = False
    form_fields = ["to"]  # never shown: nobody may add or edit (SuperusersReadOnly)

    def get_queryset(self, request):
        return OutgoingMail.objects.all()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/send-again/", send_again_view, name="send_again"),
        ]


class UnsentMailPanel(Component):
    """For superusers: how many emails wait for a retry or could not be sent."""

    name = "cms_unsent_mail"
    template_name = "cms/mail/unsent_panel.html"
    order = 50

    def __init__(self, failed):
        self.failed = failed

    def get_context_data(self, parent_context):
        return {
            "failed": self.failed,
            "failed_text": ngettext(
                "%(count)s email could not be sent.",
                "%(count)s emails could not be sent.",
                self.failed,
            )
            % {"count": self.failed},
            "url": reverse("outgoing_mail:index") + "?status=failed",
        }


def unsent_mail_panel(user):
    if not user.is_superuser:
        return None
    failed = OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILED).count()
    if not failed:
        return None
    return UnsentMailPanel(failed)
