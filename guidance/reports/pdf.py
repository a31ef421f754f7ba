"""A report as PDF: the report templates rendered by WeasyPrint, offline.

WeasyPrint fetches what a document links to (stylesheets, images, attachments). A report
holds text written by national experts and addresses of their sources, so its fetcher
serves the app's own static files and nothing else: no network address, no file on the
server (a `file:///etc/passwd` attachment would otherwise be embedded in the PDF). The
stylesheet is named by an address on a reserved name (.invalid, RFC 2606) that the
fetcher maps to the static files, unhashed, so the same template works whatever storage
serves the site's static files. Fonts come from the system (Debian's DejaVu, .ci/run).
The PDF is tagged (`pdf_tags`): its headings, paragraphs and lists are a structure that
screen readers follow, and its language is the report's (`<html lang>`).
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

REPORT_ORIGIN = "https://report.invalid/"
STATIC_PREFIX = f"{REPORT_ORIGIN}static/"
TEMPLATE = "guidance/reports/report.html"


class StaticFilesOnly(URLFetcher):
    """Serves the app's static files under STATIC_PREFIX; refuses every other URL.

    Refused URLs are kept in `refused`; WeasyPrint renders without them (and logs a
    warning), as it does for any resource it cannot load.
    """

    def __init__(self):
        super().__init__(allowed_protocols=("https",), allow_redirects=False)
        self.refused = []

    def fetch(self, url, headers=None):
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"Reports load only the site's static files, not {url[:200]}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": content_type})

    @staticmethod
    def _static_path(url):
        if not url.startswith(STATIC_PREFIX):
            return None
        relative = unquote(urlsplit(url).path).removeprefix("/static/")
        try:
            path = finders.find(relative)
        except SuspiciousFileOperation:
            return None
        return path if isinstance(path, str) else None


def report_html(report):
    """The report as the HTML document the PDF is made from."""
    context = {
        "report": report,
        "language": translation.get_language(),
        "static_base": STATIC_PREFIX,
    }
    return render_to_string(TEMPLATE, context)


def render_pdf(report, fetcher=None):
    return render_html_pdf(report_html(report), fetcher)


def render_html_pdf(html, fetcher=None):
    """PDF bytes of `html`, fetching through `fetcher` (StaticFilesOnly by default)."""
    fetcher = fetcher or StaticFilesOnly()
    document = HTML(string=html, base_url=REPORT_ORIGIN, url_fetcher=fetcher)
    return document.write_pdf(pdf_tags=True)
