"""The site's URLs: pages and the admin in each interface language, the rest language-free.

English keeps the unprefixed URLs it always had; French, German, Italian, Spanish and Polish
add /fr/, /de/, /it/, /es/ and /pl/ (README "Languages"). The API, its schema and docs, the
sitemap index and its sections (which list every language themselves), robots.txt, the
favicon and the health check answer the same in every language, so they have one unprefixed
URL each.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from guidance.reading.sitemaps import SITEMAPS
from guidance.views import crawlers, health

urlpatterns = [
    path("api/", include("guidance.api.urls")),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", crawlers.robots_txt, name="robots"),
    path("favicon.ico", crawlers.favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    *i18n_patterns(
        path("admin/", admin.site.urls),
        path("", include("guidance.urls")),
        prefix_default_language=False,
    ),
]

handler403 = "guidance.admin.refusals.permission_denied"
