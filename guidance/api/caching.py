"""HTTP caching for GET: ETag (a hash of the body) and Last-Modified, 304 on a match.

Anonymous responses are the same for everyone (published content only), so shared
caches may keep them briefly (guidance/caching.py `patch_front_cache`); anything read
with a token or a session is private.
Last-Modified is the newest `updated_at` among the objects shown; If-None-Match takes
precedence over If-Modified-Since, as HTTP says, and also sees removals.
"""

from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date

from guidance.caching import patch_front_cache


class ConditionalGetMixin:
    shown_objects = ()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return response
        patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
        if response.status_code != 200:
            return response
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_front_cache(response)
        response.render()
        set_response_etag(response)
        last_modified = self._last_modified()
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(last_modified.timestamp()) if last_modified else None,
            response=response,
        )

    def _last_modified(self):
        stamps = [getattr(obj, "updated_at", None) for obj in self.shown_objects]
        stamps = [stamp for stamp in stamps if stamp is not None]
        return max(stamps) if stamps else None
