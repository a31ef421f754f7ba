"""Deploy checks on the production topology (README "Production")."""

from django.conf import settings
from django.core.checks import Warning


def shared_cache(app_configs, **kwargs):
    """The API throttles and the page cache count and store in the default cache."""
    if settings.DEBUG:
        return []
    if settings.CACHE_URL == "":
        return [
            Warning(
                "CACHE_URL is not set: each process keeps its own cache, so the API throttles "
                "count per process and a page cached by one is not invalidated in the others.",
                hint="Set CACHE_URL=redis://host:6379/1 when more than one process serves the "
                "site, or CACHE_URL=locmem:// to say that exactly one does.",
                id="inventory.W001",
            )
        ]
    if settings.CACHE_URL == "dummy://":
        return [
            Warning(
                "CACHE_URL is dummy://: nothing is cached, so the API throttles never refuse "
                "a request.",
                hint="Set CACHE_URL=redis://host:6379/1.",
                id="inventory.W002",
            )
        ]
    return []


def outgoing_mail(app_configs, **kwargs):
    """Editors and experts learn of submissions, returns, publications and openings by mail."""
    if settings.DEBUG or settings.EMAIL_URL:
        return []
    return [
        Warning(
            "EMAIL_URL is not set: no mail is sent, so editors are not told of submissions "
            "and experts are not told of returns, publications or a new collection.",
            hint="Set EMAIL_URL=smtp+tls://user:password@mail-host:587 (with DEFAULT_FROM_EMAIL "
            "and SITE_URL), or EMAIL_URL=dummy:// to say that no mail is sent.",
            id="inventory.W003",
        )
    ]
