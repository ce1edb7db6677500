"""The one place that decides a request's client address, for rate limits, login lockouts and
view counts.

Without a proxy it is ``REMOTE_ADDR``. Behind our reverse proxy, whose own address is listed in
``TRUSTED_PROXIES``, it is the right-most address of ``X-Forwarded-For``: the one the proxy
itself appended (nginx's ``$proxy_add_x_forwarded_for``). Everything to its left was sent by the
client and can be anything, so it is never read. A request that did not come from a trusted
proxy keeps its ``REMOTE_ADDR`` whatever headers it sends.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


@cache
def trusted_proxies():
    """The networks of ``TRUSTED_PROXIES`` (addresses or CIDR ranges)."""
    return tuple(
        ipaddress.ip_network(entry, strict=False)
        for entry in getattr(settings, "TRUSTED_PROXIES", ())
    )


@receiver(setting_changed)
def _forget_trusted_proxies(*, setting, **kwargs):
    if setting == "TRUSTED_PROXIES":
        trusted_proxies.cache_clear()


def parse_address(value):
    """``value`` as an IP address, or None when it is not one."""
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def is_trusted_proxy(address):
    parsed = parse_address(address or "")
    return parsed is not None and any(parsed in network for network in trusted_proxies())


def client_address(request):
    """The address of the client that sent ``request``, as a string."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(remote):
        return remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    appended = parse_address(hops[-1])
    # A trusted proxy that appended nothing usable: the proxy is the only address we know.
    return str(appended) if appended is not None else remote
