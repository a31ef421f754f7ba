"""robots.txt: crawlers read the pages, not the admin, the API, the bulk downloads or the
PDF and DOCX reports; and /favicon.ico, which browsers and crawlers ask for whatever the
pages declare."""

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(
            f"Disallow: /{code}/admin/"
            for code, _name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ),
        "Disallow: /api/",
        "Disallow: /*.csv",
        # Reports (guidance/views/reports.py) are rendered per request: the pages say it all.
        "Disallow: /*/report.pdf",
        "Disallow: /*/report.docx",
        "Allow: /",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request):
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
