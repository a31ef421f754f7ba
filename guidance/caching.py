"""Response caching for anonymous readers, shared by every app process through the cache.

Every cached response is keyed by a *content generation*: a counter kept in the cache
itself (Redis when CACHE_URL is set) and bumped on every save or delete of a model of the
guidance app. A publish or an edit through any process therefore changes the key every
process computes on its next request, and nothing older is ever served; stale entries are
never deleted, they age out. The same number can serve as (part of) an API ETag.

Only anonymous GET/HEAD requests with a 200 answer are cached: signed-in users see drafts
they may edit, so their pages are never stored, and anonymous pages only ever show
published content (guidance/permissions.py), so drafts cannot reach the cache.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

GENERATION_KEY = "content-generation"
# Headers a cached response keeps: what the view said about the representation and its
# freshness. The security headers are added again on every hit by the middleware above.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Vary",
    "Allow",
)
NOT_CACHED_PREFIXES = ("/admin/", "/static/", "/healthz")


def content_generation():
    """The current generation; starts from the clock when missing, so it never goes back."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def bump_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def _content_changed(sender, **kwargs):
    """Bump now and again on commit.

    The second bump matters: between the first one and the commit another process may
    have rendered the old rows under the new generation.
    """
    if sender._meta.app_label != "guidance" and not _is_guidance_through(sender):
        return
    bump_generation()
    transaction.on_commit(bump_generation)


def _is_guidance_through(sender):
    return getattr(sender._meta, "auto_created", False) and any(
        field.related_model is not None and field.related_model._meta.app_label == "guidance"
        for field in sender._meta.fields
    )


def connect_signals():
    post_save.connect(_content_changed, dispatch_uid="guidance-caching-save")
    post_delete.connect(_content_changed, dispatch_uid="guidance-caching-delete")
    m2m_changed.connect(_content_changed, dispatch_uid="guidance-caching-m2m")


def _cache_key(request, generation):
    """Path, query and Accept header: the API may choose its format from Accept."""
    accept = request.META.get("HTTP_ACCEPT", "")
    digest = hashlib.sha256(f"{request.get_full_path()}\n{accept}".encode()).hexdigest()
    return f"page:{generation}:{request.method}:{digest}"


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_SECONDS > 0
        and not request.path.startswith(NOT_CACHED_PREFIXES)
        and not request.user.is_authenticated
    )


def _cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _kept_headers(response):
    return {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}


def _conditional(request, response):
    """A hit answers If-None-Match / If-Modified-Since with 304 as the view itself would."""
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


class AnonymousCacheMiddleware:
    """Serves anonymous readers' pages from the cache; must come after authentication.

    The middleware above it (security headers, CSP, sessions) still runs on every hit.
    X-Cache says hit or miss, for the benchmark and for curious operators.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _cache_key(request, content_generation())
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Cache"] = "hit"
            return _conditional(request, response)
        response = self.get_response(request)
        if _cacheable_response(request, response):
            cache.set(
                key,
                (response.content, _kept_headers(response)),
                timeout=settings.PAGE_CACHE_SECONDS,
            )
            response["X-Cache"] = "miss"
        return response
