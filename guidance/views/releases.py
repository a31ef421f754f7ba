"""The files of a frozen release, at /downloads/releases/<version>/<name>, and all of them
as one zip at /downloads/releases/<version>.zip.

A release never changes (guidance/models/releases.py), so each file is served with its
SHA-256 as ETag and may be cached by anyone for a year (`immutable`); the page cache
leaves these answers alone (guidance/caching.py). The API serves the same answers.
"""

import hashlib

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from guidance.models import Release, ReleaseFile
from guidance.reading.releases import release_zip, zip_folder
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
    disposition = "inline" if file.media_type.startswith(INLINE_TYPES) else "attachment"
    return _frozen_response(
        request,
        bytes(file.content),
        file.sha256,
        file.media_type,
        f'{disposition}; filename="{version}-{file.name}"',
    )


def _frozen_response(request, content, sha256, media_type, disposition):
    etag = f'"{sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content, content_type=media_type)
        response["Content-Disposition"] = disposition
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=A_YEAR, immutable=True)
    return response


@require_safe
def release_file(request, version, name):
    if request.GET:
        return bad_request(request, param_errors(request.GET, ()))
    return file_response(request, find_file(version, name), version)


@require_safe
def release_zip_file(request, version):
    """The release's files in one zip, built from the stored bytes (the same bytes each time)."""
    if request.GET:
        return bad_request(request, param_errors(request.GET, ()))
    release = Release.objects.filter(version=version).first()
    if release is None:
        raise Http404("There is no such release.")
    content = release_zip(release, release.files.order_by("position"))
    return _frozen_response(
        request,
        content,
        hashlib.sha256(content).hexdigest(),
        "application/zip",
        f'attachment; filename="{zip_folder(release)}.zip"',
    )
