"""The files of a frozen release, at /downloads/releases/<version>/<name>.

A release never changes (guidance/models/releases.py), so each file is served with its
SHA-256 as ETag and may be cached by anyone for a year (`immutable`); the page cache
leaves these answers alone (guidance/caching.py). The API serves the same answers.
"""

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from guidance.models import ReleaseFile
from guidance.views.params import bad_request, param_errors

A_YEAR = 365 * 24 * 60 * 60
INLINE_TYPES = ("text/plain",)


def find_file(version, name):
    """The release file, or a 404 naming what was not found."""
    found = ReleaseFile.objects.filter(release__version=version, name=name).first()
    if found is None:
        raise Http404("There is no such release or file.")
    return found


def file_response(request, file, version):
    """The file's bytes, or a 304 when the reader holds them (If-None-Match)."""
    etag = f'"{file.sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(bytes(file.content), content_type=file.media_type)
        disposition = "inline" if file.media_type.startswith(INLINE_TYPES) else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{version}-{file.name}"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=A_YEAR, immutable=True)
    return response


@require_safe
def release_file(request, version, name):
    if request.GET:
        return bad_request(request, param_errors(request.GET, ()))
    return file_response(request, find_file(version, name), version)
