"""Viewsets: a queryset narrowed by guidance/rules/permissions.py, a serializer, a FilterSet.

Logic that is not HTTP lives in the domain modules: workflow moves, concurrency checks,
the comparison grid and the changes between records.
"""

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action, api_view, permission_classes, throttle_classes
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from guidance.api.caching import ConditionalGetMixin
from guidance.api.changes import ChangesSchema, ChangesSerializer, changes_body
from guidance.api.counted_pages import OneQueryPagination
from guidance.api.filtering import StrictFilterBackend
from guidance.api.renderers import ErrorsAsJSONMixin, InventoryCSVRenderer
from guidance.api.row_cache import row_stubs
from guidance.api.serializers import (
    CollectionSerializer,
    CountrySerializer,
    GuidanceSystemSerializer,
    IndicatorSerializer,
    InitiativeSerializer,
    OrganisationSerializer,
    PolicySerializer,
    ReleaseSerializer,
    SectionEntrySerializer,
    SectionSerializer,
    SourceSerializer,
    SparseFieldsMixin,
    VocabularySerializer,
)
from guidance.filtersets import (
    CountryFilterSet,
    GuidanceSystemFilterSet,
    InitiativeFilterSet,
    OrganisationFilterSet,
    PolicyFilterSet,
    SectionFilterSet,
    SourceFilterSet,
)
from guidance.models import (
    Collection,
    Country,
    GuidanceSystem,
    Indicator,
    Initiative,
    Organisation,
    Policy,
    PublicationStatus,
    Section,
    SectionEntry,
    Source,
)
from guidance.models.common import DERIVED_FIELDS
from guidance.query.validation import unknown_params
from guidance.reading import readable
from guidance.reading.releases import listed_releases
from guidance.rules import permissions, workflow
from guidance.rules.concurrency import check_current
from guidance.views.releases import file_response, find_file


class StatusSerializer(SparseFieldsMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=PublicationStatus.choices)


class InventoryViewMixin(ErrorsAsJSONMixin, ConditionalGetMixin):
    """JSON and CSV, strict parameters, HTTP caching; errors always in JSON."""

    renderer_classes = [JSONRenderer, InventoryCSVRenderer]
    filter_backends = [StrictFilterBackend]
    csv_skip = ()

    def initial(self, request, *args, **kwargs):
        if "format" in request.query_params and not request.query_params["format"]:
            raise ValidationError({"format": ["Give csv or json, or leave the parameter out."]})
        super().initial(request, *args, **kwargs)

    def get_renderer_context(self):
        context = super().get_renderer_context()
        serializer_class = self.get_serializer_class()
        context["header"] = (
            list(serializer_class.Meta.fields)
            if hasattr(serializer_class, "Meta")
            else list(serializer_class._declared_fields)
        )
        wanted = [n.strip() for n in self.request.query_params.get("fields", "").split(",")]
        if any(wanted):
            context["header"] = [name for name in context["header"] if name in wanted]
        context["csv_skip"] = self.csv_skip
        return context

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.shown_objects = page if page is not None else []
        return page

    def get_object(self):
        obj = super().get_object()
        self.shown_objects = [obj]
        return obj


class ReadOnlyViewSet(InventoryViewMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ChangesActionMixin:
    """The `changes` action's own parameters (guidance/reading/change_range.py) and its body."""

    schema = ChangesSchema()
    change_params = ()

    @property
    def extra_params(self):
        return self.change_params if self.action == "changes" else ()

    def get_serializer_class(self):
        return ChangesSerializer if self.action == "changes" else super().get_serializer_class()


class CountryViewSet(ChangesActionMixin, ReadOnlyViewSet):
    """Countries and sub-national entities in scope, by code (IT, BE-FL)."""

    queryset = Country.objects.select_related("parent")
    serializer_class = CountrySerializer
    filterset_class = CountryFilterSet
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?"
    change_params = ("from", "to")

    @extend_schema(responses={200: ChangesSerializer})
    @action(detail=True, methods=["get"])
    def changes(self, request, *args, **kwargs):
        """What changed between the country's records as of two collections, `from` and `to`."""
        country = self.get_object()
        return Response(self.get_serializer(changes_body(request, country)).data)


class CollectionViewSet(ReadOnlyViewSet):
    """The yearly collections, by year."""

    queryset = Collection.objects.all()
    serializer_class = CollectionSerializer
    lookup_field = "year"
    lookup_value_regex = r"[0-9]{4}"


class ReleaseViewSet(ErrorsAsJSONMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """The frozen releases of the closed collections, by version; GET and HEAD only.

    A file's bytes are the answer of /downloads/releases/<version>/<name> (its checksum as
    ETag, cacheable for a year), not a JSON document.
    """

    queryset = listed_releases()
    serializer_class = ReleaseSerializer
    renderer_classes = [JSONRenderer]
    filter_backends = [StrictFilterBackend]
    lookup_field = "version"
    lookup_value_regex = r"[0-9]{4}\.[0-9]+"
    http_method_names = ["get", "head"]

    @extend_schema(
        parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH)],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The file's bytes, with its own media type; ETag is its SHA-256.",
            ),
            (404, "application/json"): OpenApiResponse(description="No such release or file."),
        },
    )
    @action(detail=True, url_path=r"files/(?P<name>[^/]+)", url_name="file")
    def file(self, request, version=None, name=None):
        if errors := unknown_params(request.query_params, ()):
            raise ValidationError(errors)
        return file_response(request, find_file(version, name), version)

    def finalize_response(self, request, response, *args, **kwargs):
        """A file keeps its own headers: no JSON errors or body-hash ETag over it."""
        if self.action == "file" and response.status_code in (200, 304):
            return super(ConditionalGetMixin, self).finalize_response(
                request, response, *args, **kwargs
            )
        return super().finalize_response(request, response, *args, **kwargs)


class SectionViewSet(ReadOnlyViewSet):
    """The sections every record is written under, by slug."""

    queryset = Section.objects.all()
    serializer_class = SectionSerializer
    filterset_class = SectionFilterSet
    lookup_field = "slug"


class IndicatorViewSet(ReadOnlyViewSet):
    """The comparable yes/partly/no questions, by slug."""

    queryset = Indicator.objects.select_related("section")
    serializer_class = IndicatorSerializer
    lookup_field = "slug"


def vocabulary_viewset(model):
    """A read-only viewset for one controlled vocabulary, terms by code."""
    return type(
        f"{model.__name__}ViewSet",
        (ReadOnlyViewSet,),
        {
            "__doc__": f"{model._meta.verbose_name_plural.capitalize()}, by code.",
            "queryset": model.objects.all(),
            "serializer_class": VocabularySerializer,
            "lookup_field": "code",
        },
    )


class OrganisationViewSet(ReadOnlyViewSet):
    """Ministries, agencies, employment services, forums and providers."""

    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet

    def get_queryset(self):
        return readable.organisations(self.request.user)


class SourceViewSet(ReadOnlyViewSet):
    """The documents cited by records, policies and initiatives."""

    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet

    def get_queryset(self):
        return readable.sources(self.request.user)


class WorkflowActionsMixin:
    """submit / publish / return_to_draft, decided by guidance/rules/permissions.py and workflow.py."""

    @extend_schema(request=None, responses={200: StatusSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        obj = self.get_object()
        answer = self._status_answer(obj)
        if not permissions.can_change(request.user, obj):
            raise PermissionDenied
        workflow.submit(obj, request.user)
        return Response(answer.data)

    @extend_schema(request=None, responses={200: StatusSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        obj = self.get_object()
        answer = self._status_answer(obj)
        if not permissions.can_publish(request.user):
            raise PermissionDenied("Only editors publish.")
        workflow.publish(obj, request.user)
        return Response(answer.data)

    def _status_answer(self, obj):
        """Built before the move, so that a bad `fields` is refused before anything changes."""
        return StatusSerializer(obj, context=self.get_serializer_context())


class ContentWriteMixin:
    """Create and change content under the admin's rules: country, version, edit rule."""

    def perform_create(self, serializer):
        self._check_country(serializer.validated_data.get("country"))
        serializer.validated_data.pop("version", None)
        with transaction.atomic():
            serializer.save(status=PublicationStatus.DRAFT)
        serializer.instance = self._read_again(serializer.instance)

    def perform_update(self, serializer):
        if "country" in serializer.validated_data:
            self._check_country(serializer.validated_data["country"])
        with transaction.atomic():
            check_current(serializer.instance, serializer.validated_data.pop("version"))
            serializer.save()
        serializer.instance = self._read_again(serializer.instance)

    def _read_again(self, obj):
        """The object as a read shows it: the lists prefetched before the write are stale."""
        return self.get_queryset().filter(pk=obj.pk).first() or obj

    def _check_country(self, country):
        if country is not None and not permissions.can_edit_country(self.request.user, country):
            raise PermissionDenied("You may not write content of this country.")


class ContentViewSet(
    WorkflowActionsMixin,
    ContentWriteMixin,
    InventoryViewMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Policies or initiatives. A list reads its page as stubs and loads in full only the
    rows whose JSON the row cache misses (guidance/api/row_cache.py)."""

    http_method_names = ["get", "post", "patch", "put", "head", "options"]
    pagination_class = OneQueryPagination
    readable_rows = None  # user -> the rows they may read, with what is shown of them

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            rows = permissions.visible(self.queryset, user)
            return row_stubs(rows, self.get_serializer_class().row_stamps)
        return self.readable_rows(user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "list":
            context["load_rows"] = self.load_rows
        return context

    def load_rows(self, pks):
        """The listed rows with these pks in full, as {pk: row}, with their stamps; without
        the large derived columns no serializer shows (stored HTML, the search vector)."""
        rows = self.readable_rows(self.request.user)
        fields = rows.model._meta.concrete_fields
        unshown = [field.name for field in fields if field.name in DERIVED_FIELDS]
        rows = rows.defer(*unshown).annotate(**self.get_serializer_class().row_stamps)
        return {row.pk: row for row in rows.filter(pk__in=pks)}


class PolicyViewSet(ContentViewSet):
    """Laws, strategies, programmes and funding schemes shaping guidance."""

    queryset = Policy.objects.all()
    serializer_class = PolicySerializer
    filterset_class = PolicyFilterSet
    readable_rows = staticmethod(readable.policies)


class InitiativeViewSet(ContentViewSet):
    """Services, centre networks, portals, tools and campaigns delivering guidance."""

    queryset = Initiative.objects.all()
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilterSet
    readable_rows = staticmethod(readable.initiatives)


class GuidanceSystemViewSet(InventoryViewMixin, viewsets.ReadOnlyModelViewSet):
    """Country records as of a collection: each country's latest record in it or before."""

    queryset = GuidanceSystem.objects.all()
    serializer_class = GuidanceSystemSerializer
    filterset_class = GuidanceSystemFilterSet
    csv_skip = ("entries", "indicator_values")

    def get_queryset(self):
        return readable.records(self.request.user)


class GuidanceSystemDetailViewSet(
    ChangesActionMixin,
    WorkflowActionsMixin,
    ContentWriteMixin,
    InventoryViewMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """One country's record in one collection: /countries/IT/systems/2023/."""

    queryset = GuidanceSystem.objects.all()
    serializer_class = GuidanceSystemSerializer
    change_params = ("from",)

    def get_queryset(self):
        return readable.records(self.request.user)

    def get_object(self):
        queryset = self.filter_queryset(self.get_queryset())
        record = get_object_or_404(
            queryset, country__code=self.kwargs["code"], collection__year=self.kwargs["year"]
        )
        self.check_object_permissions(self.request, record)
        self.shown_objects = [record]
        return record

    @extend_schema(responses={200: ChangesSerializer})
    @action(detail=True, methods=["get"])
    def changes(self, request, *args, **kwargs):
        """What changed against the record this one was based on, or the country's record
        as of collection `from`: sections (old and new HTML), indicators, policies."""
        record = self.get_object()
        body = changes_body(request, record.country, record)
        return Response(self.get_serializer(body).data)


class SectionEntryViewSet(
    InventoryViewMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """A record's text under one section: /countries/IT/systems/2023/sections/access/."""

    queryset = SectionEntry.objects.all()
    serializer_class = SectionEntrySerializer

    def get_queryset(self):
        return readable.entries(self.request.user).select_related(
            "system__country", "system__collection"
        )

    def get_object(self):
        visible_records = permissions.visible(GuidanceSystem.objects.all(), self.request.user)
        entry = get_object_or_404(
            self.filter_queryset(self.get_queryset()),
            system__in=visible_records,
            system__country__code=self.kwargs["code"],
            system__collection__year=self.kwargs["year"],
            section__slug=self.kwargs["slug"],
        )
        self.check_object_permissions(self.request, entry)
        self.shown_objects = [entry]
        return entry

    def perform_update(self, serializer):
        with transaction.atomic():
            check_current(serializer.instance, serializer.validated_data.pop("version"))
            serializer.save()


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@permission_classes([AllowAny])
@throttle_classes([])
def not_found(request):
    """Any other path under /api/: a JSON 404 rather than the site's HTML page."""
    raise NotFound("No such API endpoint; see /api/docs/.")
