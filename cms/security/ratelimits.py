"""Rate limits on the client's address (cms.clientip), with django-ratelimit.

One table says which endpoint is limited, for which method, under which group of
``settings.RATE_LIMITS``. The middleware applies it before the view runs and answers 429 with a
Vietnamese message; the comment form asks :func:`limited` itself, so that it can answer in the
form's own words and format.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

# URL name → (group in settings.RATE_LIMITS, methods counted).
LIMITED_VIEWS = {
    "wagtailadmin_login": ("login", ["POST"]),
    "wagtailadmin_password_reset": ("password_reset", ["POST"]),
    "search": ("search", ["GET"]),
    "columns:csrf": ("csrf", ["GET"]),
    "columns:count_view": ("views", ["POST"]),
    "cms_two_factor_verify": ("two_factor", ["POST"]),
}


def rate_for(group, request):
    """The rate of ``group`` ("5/10m"), read at each request so settings can change."""
    return settings.RATE_LIMITS[group]


def limited(request, group, methods):
    """Count this request against its client address in ``group``; True once over the rate."""
    return is_ratelimited(
        request,
        group=group,
        key="ip",  # RATELIMIT_IP_META_KEY points at cms.clientip.client_address
        rate=rate_for,
        method=methods,
        increment=True,
    )


def too_many_requests(request):
    message = _("Too many requests from your address. Please wait a few minutes and try again.")
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"ok": False, "message": message}, status=429)
    return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")


class RateLimitMiddleware:
    """Refuse requests over their endpoint's rate before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        entry = LIMITED_VIEWS.get(request.resolver_match.view_name)
        if entry is not None and limited(request, *entry):
            return too_many_requests(request)
        return None
