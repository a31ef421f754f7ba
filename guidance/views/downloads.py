"""/downloads/: the published inventory as files, with a README of their columns, and the
frozen releases of the closed collections (their files: guidance/views/releases.py).

The files take no parameter: each is the whole published inventory. Any parameter is a
400 rather than ignored, since the API serializers they reuse would read `fields`.
"""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from guidance.reading import csv_export
from guidance.reading.downloads import BY_NAME, DATASETS, csv_rows, json_chunks
from guidance.reading.releases import listed_releases
from guidance.views.params import bad_request, param_errors


def download_index(request):
    """The live files and every frozen release, newest first, with their files' checksums."""
    context = {"datasets": DATASETS, "releases": listed_releases()}
    return render(request, "guidance/downloads.html", context)


def dataset_csv(request, name):
    dataset = BY_NAME.get(name)
    if dataset is None:
        raise Http404("There is no such file.")
    if request.GET:
        return bad_request(request, param_errors(request.GET, ()))
    return csv_export.streamed_attachment(
        f"inventory-{name}.csv", dataset.columns, csv_rows(dataset, request)
    )


def inventory_json(request):
    if request.GET:
        return bad_request(request, param_errors(request.GET, ()))
    about = {
        "title": "Lifelong Guidance Inventory: published content",
        "generated_at": timezone.now(),
        "readme": request.build_absolute_uri(reverse("guidance:downloads-readme")),
        "licence": request.build_absolute_uri(reverse("guidance:licence")),
    }
    return _attachment(
        json_chunks(request, about), "application/json; charset=utf-8", "inventory.json"
    )


def readme(request):
    text = render_to_string("guidance/downloads_readme.txt", {"datasets": DATASETS}, request)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


def _attachment(chunks, content_type, filename):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
