"""/api/v1/ (the API), /api/schema/ (OpenAPI 3) and /api/docs/ (Swagger UI, served by the app)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from guidance.api import views
from guidance.api.comparison import ComparisonView
from guidance.models import (
    DeliveryMode,
    InitiativeType,
    InstrumentType,
    OrganisationType,
    Sector,
    TargetGroup,
)

app_name = "guidance-api"

VOCABULARIES = {
    "target-groups": TargetGroup,
    "sectors": Sector,
    "delivery-modes": DeliveryMode,
    "organisation-types": OrganisationType,
    "instrument-types": InstrumentType,
    "initiative-types": InitiativeType,
}

router = DefaultRouter()
router.register("countries", views.CountryViewSet, basename="country")
router.register("collections", views.CollectionViewSet, basename="collection")
router.register("sections", views.SectionViewSet, basename="section")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("systems", views.GuidanceSystemViewSet, basename="system")
router.register("policies", views.PolicyViewSet, basename="policy")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("sources", views.SourceViewSet, basename="source")
router.register("releases", views.ReleaseViewSet, basename="release")
for prefix, model in VOCABULARIES.items():
    router.register(
        f"vocabularies/{prefix}", views.vocabulary_viewset(model), basename=f"vocabulary-{prefix}"
    )

RECORD = "countries/<str:code>/systems/<int:year>/"
record_urls = [
    path(
        RECORD,
        views.GuidanceSystemDetailViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="system-by-year",
    ),
    path(
        f"{RECORD}changes/",
        views.GuidanceSystemDetailViewSet.as_view({"get": "changes"}),
        name="system-changes",
    ),
    path(
        f"{RECORD}submit/",
        views.GuidanceSystemDetailViewSet.as_view({"post": "submit"}),
        name="system-submit",
    ),
    path(
        f"{RECORD}publish/",
        views.GuidanceSystemDetailViewSet.as_view({"post": "publish"}),
        name="system-publish",
    ),
    path(
        f"{RECORD}sections/<slug:slug>/",
        views.SectionEntryViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="sectionentry-detail",
    ),
    path("comparison/", ComparisonView.as_view(), name="comparison"),
]

urlpatterns = [
    path("v1/", include([*record_urls, *router.urls])),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="guidance-api:schema"), name="docs"),
    re_path(r"^", views.not_found, name="not-found"),
]
