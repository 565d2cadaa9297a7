"""Rate limits per anonymous client (IP address) and per user, from ``API_THROTTLE_RATES``.

The rate is read from settings on every request rather than once at import time (DRF's
default), so operators and tests can change it without restarting.
"""

from django.conf import settings
from rest_framework import throttling


class SettingsRateMixin:
    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)


class AnonymousRateThrottle(SettingsRateMixin, throttling.AnonRateThrottle):
    scope = "anonymous"


class UserRateThrottle(SettingsRateMixin, throttling.UserRateThrottle):
    scope = "user"
