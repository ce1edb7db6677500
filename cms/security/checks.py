"""System checks for the security settings."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def client_ip_header_is_gone(app_configs, **kwargs):
    """CLIENT_IP_HEADER trusted a header any client could send; TRUSTED_PROXIES replaced it."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and header != "REMOTE_ADDR":
        return [
            checks.Warning(
                f"CLIENT_IP_HEADER={header} is no longer read.",
                hint="List the reverse proxy's address in TRUSTED_PROXIES instead "
                "(docs/security.md).",
                id="cms.W003",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def two_factor_is_required(app_configs, **kwargs):
    """Only tests and development may sign superusers and officers in with a password alone."""
    if not getattr(settings, "TWO_FACTOR_REQUIRED", True):
        return [
            checks.Warning(
                "TWO_FACTOR_REQUIRED is off: superusers, the school union and member managers "
                "sign in with a password alone.",
                hint="Leave TWO_FACTOR_REQUIRED at True outside development (docs/security.md).",
                id="cms.W004",
            )
        ]
    return []
