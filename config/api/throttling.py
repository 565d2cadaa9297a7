"""Rate limits per client address and per user, from ``API_THROTTLE_RATES``.

The rate is read from settings on every request rather than once at import time (DRF's
default), so operators and tests can change it without restarting. A client is known by its
address: ``REMOTE_ADDR``, unless the request came through one of ``TRUSTED_PROXIES``; then the
nearest ``X-Forwarded-For`` address that is not a trusted proxy (what a client writes there
itself is never believed).
"""

import functools
import ipaddress

from django.conf import settings
from rest_framework import throttling


@functools.cache
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request) -> str:
    """The address of the client that sent ``request`` (a Django HttpRequest)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            return hop
    return hops[0] if hops else remote


class SettingsRateMixin:
    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_address(request)


class AnonymousRateThrottle(SettingsRateMixin, throttling.AnonRateThrottle):
    scope = "anonymous"


class UserRateThrottle(SettingsRateMixin, throttling.UserRateThrottle):
    scope = "user"


class ExtractionRateThrottle(SettingsRateMixin, throttling.UserRateThrottle):
    """Extractions per user (``THROTTLE_EXTRACT``), on top of the user's general limit."""

    scope = "extract"
