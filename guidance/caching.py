"""Response caching for anonymous readers, shared by every app process through the cache.

Every cached response is keyed by a *content generation*: a counter kept in the cache
itself (Redis when CACHE_URL is set) and bumped on every save or delete in the guidance
app that may change a public answer (guidance/rules/public_changes.py decides: publishing,
changing published content or structure; not drafts, revisions, comments or history). A
publish through any process therefore changes the key every process computes on its next
request, and nothing older is ever served; stale entries are never deleted, they age out.
The same number can serve as (part of) an API ETag.

Only GET/HEAD requests carrying no credential at all (no session cookie, no Authorization
header of any scheme) are answered from the cache or stored in it, and only 200 answers
that say nothing against it (Cache-Control private/no-store/no-cache, Vary: *) and were
built from published rows alone (guidance/rules/unpublished_reads.py). Stored entries honour
the answer's Vary, like Django's own cache middleware. Answers to credentialed requests
say `Cache-Control: private` (and `no-store` when they hold unpublished content), so no
cache in front of the app keeps them either; the anonymous answers it stores say `public`
with a short max-age and stale-while-revalidate, and carry an ETag (a hash of the body
when the view set none), so a front cache keeps them briefly and revalidates with a 304.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.http import HttpResponse
from django.utils.cache import (
    get_cache_key,
    get_conditional_response,
    has_vary_header,
    learn_cache_key,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe

from guidance.rules import public_changes, unpublished_reads

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
# The admin in the other interface languages (/fr/admin/ ...; inventory/urls.py).
NOT_CACHED_PREFIXES += tuple(f"/{code}/admin/" for code, _name in settings.LANGUAGES)
# Set on a publishable row between pre_save/pre_delete and post_save/post_delete, when
# the stored status decides whether the write is public.
WAS_PUBLISHED = "_was_published_before_write"


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


def _bump_now_and_on_commit():
    """Bump now and again on commit.

    The second bump matters: between the first one and the commit another process may
    have rendered the old rows under the new generation.
    """
    bump_generation()
    transaction.on_commit(bump_generation)


def _is_watched(sender):
    return sender._meta.app_label == "guidance" or _is_guidance_through(sender)


def _before_write(sender, instance, **kwargs):
    if public_changes.stored_status_decides(instance):
        instance.__dict__[WAS_PUBLISHED] = public_changes.stored_row_is_published(instance)


def _after_write(sender, instance, **kwargs):
    if not _is_watched(sender):
        return
    was_published = instance.__dict__.pop(WAS_PUBLISHED, False)
    if public_changes.changes_public_content(instance, was_published=was_published):
        _bump_now_and_on_commit()


def _links_changed(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_") or not _is_watched(sender):
        return
    was_published = (
        not reverse
        and public_changes.stored_status_decides(instance)
        and public_changes.stored_row_is_published(instance)
    )
    if public_changes.changes_public_links(instance, reverse=reverse, was_published=was_published):
        _bump_now_and_on_commit()


def _is_guidance_through(sender):
    return getattr(sender._meta, "auto_created", False) and any(
        field.related_model is not None and field.related_model._meta.app_label == "guidance"
        for field in sender._meta.fields
    )


def connect_signals():
    pre_save.connect(_before_write, dispatch_uid="guidance-caching-pre-save")
    pre_delete.connect(_before_write, dispatch_uid="guidance-caching-pre-delete")
    post_save.connect(_after_write, dispatch_uid="guidance-caching-save")
    post_delete.connect(_after_write, dispatch_uid="guidance-caching-delete")
    m2m_changed.connect(_links_changed, dispatch_uid="guidance-caching-m2m")


def _carries_credentials(request):
    """A session cookie, an Authorization header of any scheme, or a signed-in user.

    The API authenticates tokens in the view, after this middleware has decided, so the
    header itself is the test: a request that may be answered with drafts is never
    answered from the shared cache, nor stored in it.
    """
    return (
        "HTTP_AUTHORIZATION" in request.META
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or request.user.is_authenticated
    )


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_SECONDS > 0
        and not request.path.startswith(NOT_CACHED_PREFIXES)
        and not _carries_credentials(request)
    )


def _storable(request, response):
    """Whether an answer may be shared: public, built from published content only."""
    cache_control = response.get("Cache-Control", "")
    return (
        not _frozen(response)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and not has_vary_header(response, "*")
        and not unpublished_reads.unpublished_was_read()
    )


def _frozen(response):
    """A file of a frozen release (guidance/views/releases.py): the same bytes for ever,
    for any cache to keep a year as its own Cache-Control says; too big to store here."""
    return "immutable" in response.get("Cache-Control", "")


def patch_front_cache(response):
    """Let a cache in front of the app keep a public answer a short while; not the browser.

    Shared caches (`s-maxage`): FRONT_CACHE_MAX_AGE seconds fresh, then
    FRONT_CACHE_STALE_SECONDS more served stale while one request revalidates, so a
    publish reaches readers through a front cache within their sum. Browsers (`max-age=0`)
    ask every time and get a 304 when nothing changed: a reader who reloads after a
    publish sees it, as the publishing editor expects (the browser walks of
    tests/browser/writing/ failed with a browser-side max-age).
    """
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.FRONT_CACHE_MAX_AGE,
        stale_while_revalidate=settings.FRONT_CACHE_STALE_SECONDS,
    )


def _mark_shareability(request, response):
    """Say to every cache between us and the reader who may keep this answer.

    Drafts: nobody (private, no-store). Credentialed: the reader's own cache only. An
    anonymous answer we would store ourselves: any cache, briefly (`patch_front_cache`).
    Errors, redirects and answers to other methods say nothing public.
    """
    if _frozen(response):
        return response
    if unpublished_reads.unpublished_was_read():
        patch_cache_control(response, private=True, no_store=True)
    elif _carries_credentials(request):
        patch_cache_control(response, private=True)
    elif _shareable(request, response):
        patch_front_cache(response)
    elif not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Cookie", "Authorization"))
    return response


def _shareable(request, response):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(NOT_CACHED_PREFIXES)
        and _storable(request, response)
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

    Entries are keyed like Django's own cache middleware: by URL, method, language and the
    request headers the stored answer's Vary names (Cookie and Authorization always among
    them, since sessions and tokens decide what a reader may see). The middleware above it
    (security headers, CSP, sessions) still runs on every hit. X-Cache says hit or miss,
    for the benchmark and for curious operators.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        unpublished_reads.start_tracking()
        if not _cacheable_request(request):
            return _mark_shareability(request, self.get_response(request))
        prefix = f"page:{content_generation()}"
        key = get_cache_key(request, prefix, request.method, cache)
        stored = cache.get(key) if key else None
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Cache"] = "hit"
            return _conditional(request, response)
        response = _mark_shareability(request, self.get_response(request))
        if _storable(request, response):
            timeout = settings.PAGE_CACHE_SECONDS
            key = learn_cache_key(request, response, timeout, prefix, cache)
            if not response.has_header("ETag"):
                set_response_etag(response)
            cache.set(key, (response.content, _kept_headers(response)), timeout=timeout)
            response["X-Cache"] = "miss"
            return _conditional(request, response)
        return response
