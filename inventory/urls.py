from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from guidance.reading.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("guidance.urls")),
    path("api/", include("guidance.api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

handler403 = "guidance.admin.refusals.permission_denied"
