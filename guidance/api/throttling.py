"""Request limits per client, read from settings at each request so they follow the environment."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonThrottle(AnonRateThrottle):
    """Anonymous clients, counted per IP address: settings.API_THROTTLE_ANON."""

    def get_rate(self):
        return settings.API_THROTTLE_ANON


class UserThrottle(UserRateThrottle):
    """Clients with a token (or a session), counted per user: settings.API_THROTTLE_USER."""

    def get_rate(self):
        return settings.API_THROTTLE_USER
