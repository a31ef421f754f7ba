"""The client's address, for the sign-in lockout (django-axes) and the API throttles.

Each proxy in front of the app appends the address it received the request from to
X-Forwarded-For, so with TRUSTED_PROXY_COUNT proxies the client is that many entries from
the right. Entries further left are whatever the client sent and prove nothing. With no
trusted proxies, or a header too short to have passed through them all, the client is the
peer that connected (REMOTE_ADDR).
"""

from ipaddress import ip_address

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count == 0:
        return remote_addr
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < count:
        return remote_addr
    try:
        return str(ip_address(forwarded[-count].strip()))
    except ValueError:
        return remote_addr
