"""Admin sign-in lockouts with django-axes: the Vietnamese lockout page, the log line of every
lockout, and the superuser's unlock screen in the Wagtail admin."""

import logging

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, Table
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

logger = logging.getLogger("cms.security")


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the admin's sign-in page, saying why and for how long."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "cms/lockout.html", context, status=429)


@receiver(user_locked_out, dispatch_uid="cms_log_lockout")
def log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning("Sign-in locked: account %r from address %s", username, ip_address)


def may_unlock(user):
    """Lockouts concern everyone's accounts: only a superuser sees and lifts them."""
    return user.is_active and user.is_superuser


class UnlockColumn(Column):
    """A button that posts the unlock of one account and address."""

    cell_template_name = "cms/lockouts/unlock_cell.html"


class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """Accounts and addresses with failed sign-ins, newest first; locked ones can be unlocked."""

    template_name = "cms/lockouts/index.html"
    page_title = gettext_lazy("Sign-in lockouts")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not may_unlock(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["failure_limit"] = settings.AXES_FAILURE_LIMIT
        attempts = AccessAttempt.objects.order_by("-attempt_time")[:500]
        context["table"] = Table(
            [
                Column("username", label=_("Account")),
                Column("ip_address", label=_("Address")),
                Column("failures_since_start", label=_("Failed attempts")),
                DateColumn("attempt_time", label=_("Last attempt")),
                UnlockColumn("pk", label=_("Unlock")),
            ],
            attempts,
        )
        return context


@require_POST
def unlock(request, pk):
    """Lift the lockout of one account and address, log who did it, and say so."""
    if not may_unlock(request.user):
        raise PermissionDenied
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    reset(ip=attempt.ip_address, username=attempt.username)
    logger.warning(
        "Sign-in unlocked by %s: account %r from address %s",
        request.user.get_username(),
        attempt.username,
        attempt.ip_address,
    )
    messages.success(
        request, _("Sign-in unlocked for %(account)s.") % {"account": attempt.username}
    )
    return redirect("cms_lockouts")


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_unlock(request.user)
