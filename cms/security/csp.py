"""The Content-Security-Policy of each response (django-csp).

The public site gets the strict policy of ``CONTENT_SECURITY_POLICY`` (or ``…_REPORT_ONLY``
when ``SITE_CSP_REPORT_ONLY``, from the environment's ``CSP_REPORT_ONLY``, is on). The Wagtail
admin cannot work under it yet (inline styles and a few inline scripts of its own), so its
pages get ``ADMIN_CSP_DIRECTIVES`` instead, in the same mode. Responses that are not HTML
(documents, feeds, JSON) carry no policy: there is nothing in them for it to govern.
docs/security.md says why each directive is there.
"""

from functools import cache

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse

EMPTY = {}  # django-csp writes no header for an empty policy


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def is_admin(request):
    return request.path_info.startswith(admin_prefix())


def is_html(response):
    return response.get("Content-Type", "").startswith("text/html")


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy for admin pages."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not is_html(response):
            parts.config = EMPTY
        elif (
            parts.config is None
            and is_admin(request)
            and report_only == settings.SITE_CSP_REPORT_ONLY
        ):
            parts.config = settings.ADMIN_CSP_DIRECTIVES
        return parts
