"""Request limits per client, read from settings at each request so they follow the environment.

The counters live in Django's default cache (DRF's `SimpleRateThrottle.cache`), which is the
shared Redis when CACHE_URL is set and local to each process otherwise.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from inventory.client_ip import client_ip


class AnonThrottle(AnonRateThrottle):
    """Anonymous clients, counted per IP address: settings.API_THROTTLE_ANON."""

    def get_rate(self):
        return settings.API_THROTTLE_ANON

    def get_ident(self, request):
        return client_ip(request)


class UserThrottle(UserRateThrottle):
    """Clients with a token (or a session), counted per user: settings.API_THROTTLE_USER."""

    def get_rate(self):
        return settings.API_THROTTLE_USER

    def get_ident(self, request):
        return client_ip(request)
