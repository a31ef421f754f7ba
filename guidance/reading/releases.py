"""The files of a frozen release: the live downloads as of one collection, with their checksums.

Nothing is serialised here: the JSON and the CSVs are the /downloads/ files
(guidance/reading/downloads.py) given the collection's year, and the README is the
downloads README under a header naming the release. Links inside the files start with
SITE_URL, not with the host the editor happened to use, so a release reads the same
whoever closed the collection. SHA256SUMS comes last and lists every other file in the
format `sha256sum -c` checks; CITATION.cff and CITATION.txt say how to cite the release.
"""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from guidance.models import Release, ReleaseFile
from guidance.reading import csv_export, demo, licences
from guidance.reading.citations import SITE_NAME
from guidance.reading.downloads import DATASETS, csv_rows, json_chunks

JSON = "application/json; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
CFF = "application/x-yaml; charset=utf-8"
README = "README.txt"
CHECKSUMS = "SHA256SUMS"


@dataclass(frozen=True)
class File:
    name: str
    media_type: str
    content: bytes

    @property
    def sha256(self):
        return hashlib.sha256(self.content).hexdigest()


class SiteRequest(HttpRequest):
    """A GET of the site's home page at SITE_URL: what the serializers build links from."""

    def __init__(self):
        super().__init__()
        parts = urlsplit(settings.SITE_URL)
        self.method = "GET"
        self.path = self.path_info = "/"
        self._site_scheme, self._site_host = parts.scheme, parts.netloc

    def get_host(self):
        return self._site_host

    def _get_scheme(self):
        return self._site_scheme


def release_files(release):
    """Every file of the unsaved `release` (its collection, version and date are set)."""
    request = SiteRequest()
    year = release.collection.year
    files = [
        File(README, TEXT, _readme(release, request)),
        File("inventory.json", JSON, _inventory_json(release, request)),
        *(
            File(
                f"inventory-{dataset.name}.csv",
                csv_export.CONTENT_TYPE,
                _csv(dataset, request, year),
            )
            for dataset in DATASETS
        ),
        File("CITATION.cff", CFF, citation_cff(release).encode()),
        File("CITATION.txt", TEXT, (citation_text(release) + "\n").encode()),
    ]
    return [*files, File(CHECKSUMS, TEXT, checksums(files))]


def listed_releases():
    """Every release, newest collection first, with its files but not their bytes (2 queries)."""
    files = Prefetch("files", ReleaseFile.objects.defer("content").order_by("position"))
    return (
        Release.objects.select_related("collection")
        .prefetch_related(files)
        .order_by("-collection__year", "version")
    )


def release_zip(release, files):
    """Every file of `release` in one zip, in a folder named after it, byte for byte the
    same on every request: stored uncompressed (no compressor version can change it) and
    dated with the release's own time."""
    stamp = release.created_at.astimezone(UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for file in files:
            info = zipfile.ZipInfo(f"{zip_folder(release)}/{file.name}", date_time=stamp)
            info.external_attr = 0o644 << 16
            archive.writestr(info, bytes(file.content))
    return buffer.getvalue()


def zip_folder(release):
    return f"lifelong-guidance-inventory-{release.version}"


def checksums(files):
    """`sha256sum` output for `files`: a checksum, two spaces, the name; one line each."""
    return "".join(f"{file.sha256}  {file.name}\n" for file in files).encode()


def release_url(release):
    """Where the release is listed: its entry on /downloads/."""
    return f"{settings.SITE_URL}{reverse('guidance:downloads')}#release-{release.version}"


def release_title(release):
    return f"{SITE_NAME}: release {release.version} ({release.collection})"


def citation_text(release):
    period = release.collection.reference_years
    text = (
        f"{SITE_NAME} ({release.created_at.year}). {release_title(release)}"
        + (f", reference period {period}" if period else "")
        + f" [Data set]. Version {release.version}. {release_url(release)}. "
        + f"Licence: {licences.CONTENT_LICENCE}."
    )
    if demo.is_demo():
        text += " " + demo.demo_notice()
    return text


def citation_cff(release):
    """CITATION.cff (Citation File Format 1.2.0); every value written by json.dumps, as
    a JSON string is a valid YAML scalar whatever it holds."""
    values = {
        "title": release_title(release),
        "version": release.version,
        "date-released": release.created_at.date().isoformat(),
        "license": "CC-BY-4.0",
        "url": release_url(release),
    }
    lines = [
        "cff-version: 1.2.0",
        f"message: {json.dumps('If you use this data set, cite it as below.')}",
        "type: dataset",
        "authors:",
        f"  - name: {json.dumps(SITE_NAME)}",
        *(f"{key}: {json.dumps(value)}" for key, value in values.items()),
    ]
    if demo.is_demo():
        lines.append(f"notes: {json.dumps(demo.demo_notice())}")
    return "\n".join(lines) + "\n"


def _readme(release, request):
    context = {"release": release, "datasets": DATASETS, "citation": citation_text(release)}
    return render_to_string("guidance/release_readme.txt", context, request).encode()


def _inventory_json(release, request):
    about = {
        "title": release_title(release),
        "version": release.version,
        "collection": release.collection.year,
        "reference_period": release.collection.reference_years,
        "released_at": release.created_at,
        "readme": README,
        "checksums": CHECKSUMS,
        "licence": settings.SITE_URL + reverse("guidance:licence"),
    }
    chunks = json_chunks(request, about, release.collection.year)
    return "".join(chunks).encode()


def _csv(dataset, request, year):
    stream = io.StringIO()
    csv_export.write_rows(stream, dataset.columns, csv_rows(dataset, request, year), bom=True)
    return stream.getvalue().encode()
