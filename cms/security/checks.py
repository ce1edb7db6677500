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
