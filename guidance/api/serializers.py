"""One serializer per model (`Policy` → `PolicySerializer`); codes and slugs for references,
brief objects for organisations, sources and policies (guidance/api/brief.py).

Writes validate like the admin forms (the model's `full_clean`, constraints included) and
carry the `version` they started from (guidance/rules/concurrency.py).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings

from guidance.api import brief
from guidance.api.prefetch import PrefetchedListSerializer, many_prefetched
from guidance.api.row_cache import CachedRowsListSerializer
from guidance.api.row_stamps import INITIATIVE_STAMPS, POLICY_STAMPS
from guidance.models import (
    Collection,
    Country,
    GuidanceSystem,
    Indicator,
    IndicatorValue,
    Initiative,
    Organisation,
    Policy,
    PolicyStageYear,
    Release,
    ReleaseFile,
    Section,
    SectionEntry,
    Source,
)


class SparseFieldsMixin:
    """`?fields=a,b` keeps only those fields of the top-level objects; unknown names are a 400.

    A read drops the other fields before serializing. A write keeps them all, so that the
    body can still write them (and carry its `version`); only its answer is narrowed.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.wanted_fields = self._wanted_fields()
        if self.wanted_fields and self.context["request"].method in SAFE_METHODS:
            for name in list(self.fields):
                if name not in self.wanted_fields:
                    self.fields.pop(name)

    def _wanted_fields(self):
        request = self.context.get("request")
        if request is None:
            return []
        wanted = [name.strip() for name in request.query_params.get("fields", "").split(",")]
        wanted = [name for name in wanted if name]
        unknown = [name for name in wanted if name not in self.fields]
        if unknown:
            raise serializers.ValidationError(
                {"fields": [f"Unknown field: {', '.join(name[:40] for name in unknown)}."]}
            )
        return wanted

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.wanted_fields:
            return data
        return {name: value for name, value in data.items() if name in self.wanted_fields}


class OptionalURLField(serializers.URLField):
    """An optional web address: stored as "" when there is none, shown as null.

    A string with `format: uri` cannot be empty, so the schema says `nullable` and reads
    give null; writes take null or "" alike and store "".
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        if not kwargs.get("read_only"):
            kwargs.setdefault("allow_blank", True)
            kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        return super().run_validation("" if data is None else data)

    def to_representation(self, value):
        return value or None


def code_field(queryset, field="code", many=False, read_only=False, allow_null=False):
    if read_only:
        return serializers.SlugRelatedField(
            slug_field=field, many=many, read_only=True, allow_null=allow_null
        )
    return serializers.SlugRelatedField(slug_field=field, many=many, queryset=queryset)


class CountrySerializer(SparseFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="guidance-api:country-detail", lookup_field="code"
    )
    parent = code_field(None, read_only=True, allow_null=True)

    class Meta:
        model = Country
        fields = ["code", "url", "name", "group", "parent"]


class CollectionSerializer(SparseFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="guidance-api:collection-detail", lookup_field="year"
    )

    class Meta:
        model = Collection
        fields = [
            "year",
            "url",
            "title",
            "description",
            "status",
            "reference_start",
            "reference_end",
            "published_on",
        ]


class SectionSerializer(SparseFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="guidance-api:section-detail", lookup_field="slug"
    )

    class Meta:
        model = Section
        fields = ["slug", "url", "number", "title", "description", "group"]


class IndicatorSerializer(SparseFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="guidance-api:indicator-detail", lookup_field="slug"
    )
    section = code_field(None, field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = ["slug", "url", "name", "question", "description", "section", "position"]


class VocabularySerializer(SparseFieldsMixin, serializers.Serializer):
    code = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    position = serializers.IntegerField(read_only=True)


class StrictCharField(serializers.CharField):
    """Text and only text: DRF would store the number 64 as "64", yet the schema says string
    (schemathesis sent `"summary": -64`)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ValidatedModelSerializer(SparseFieldsMixin, serializers.ModelSerializer):
    """Runs the model's own validation (clean and constraints) before saving, as the admin does."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }

    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The version you started from; required to change an existing object.",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None and "version" not in attrs:
            raise serializers.ValidationError(
                {"version": ["Give the version you started from (optimistic concurrency)."]}
            )
        candidate = self._candidate(attrs)
        try:
            candidate.full_clean(exclude=self._unvalidated_fields())
        except DjangoValidationError as error:
            messages = serializers.as_serializer_error(error)
            if NON_FIELD_ERRORS in messages:
                messages[api_settings.NON_FIELD_ERRORS_KEY] = messages.pop(NON_FIELD_ERRORS)
            raise serializers.ValidationError(messages) from error
        return attrs

    def _candidate(self, attrs):
        """An unsaved copy of the object with the new values, for the model's validation."""
        model = self.Meta.model
        if self.instance is None:
            candidate = model()
        else:
            candidate = model(
                **{
                    field.attname: getattr(self.instance, field.attname)
                    for field in model._meta.concrete_fields
                }
            )
            candidate._state.adding = False
        for name, value in attrs.items():
            if name != "version" and not isinstance(value, list):
                setattr(candidate, name, value)
        return candidate

    def _unvalidated_fields(self):
        return ["version"]


class PolicyStageSerializer(serializers.ModelSerializer):
    class Meta:
        model = PolicyStageYear
        fields = ["year", "stage"]
        list_serializer_class = PrefetchedListSerializer


class CountryContentSerializer(ValidatedModelSerializer):
    country = code_field(Country.objects.all())
    sections = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Section.objects.all(), required=False
    )
    target_groups = many_prefetched(serializers.SlugRelatedField(slug_field="code", read_only=True))
    sectors = many_prefetched(serializers.SlugRelatedField(slug_field="code", read_only=True))
    sources = brief.sources(Source.objects.all())
    link = OptionalURLField(source="url", max_length=500)

    common_fields = [
        "id",
        "url",
        "country",
        "title",
        "original_title",
        "summary",
        "start_year",
        "end_year",
        "link",
        "sections",
        "target_groups",
        "sectors",
        "sources",
        "status",
        "published_at",
        "updated_at",
        "version",
    ]
    read_only = ["status", "published_at", "updated_at"]


class PolicySerializer(CountryContentSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="guidance-api:policy-detail")
    instrument_type = code_field(Policy.instrument_type.field.related_model.objects.all())
    responsible_organisations = brief.organisations(Organisation.objects.all())
    stages = PolicyStageSerializer(many=True, read_only=True)
    row_stamps = POLICY_STAMPS

    class Meta:
        model = Policy
        fields = [
            *CountryContentSerializer.common_fields,
            "instrument_type",
            "responsible_organisations",
            "stages",
        ]
        read_only_fields = CountryContentSerializer.read_only
        list_serializer_class = CachedRowsListSerializer


class InitiativeSerializer(CountryContentSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="guidance-api:initiative-detail")
    initiative_type = code_field(Initiative.initiative_type.field.related_model.objects.all())
    delivery_modes = many_prefetched(
        serializers.SlugRelatedField(slug_field="code", read_only=True)
    )
    providers = brief.organisations(Organisation.objects.all())
    related_policies = brief.policies(Policy.objects.all())
    row_stamps = INITIATIVE_STAMPS

    class Meta:
        model = Initiative
        fields = [
            *CountryContentSerializer.common_fields,
            "initiative_type",
            "delivery_modes",
            "providers",
            "related_policies",
            "is_good_practice",
            "evidence_of_results",
        ]
        read_only_fields = CountryContentSerializer.read_only
        list_serializer_class = CachedRowsListSerializer


class OrganisationSerializer(SparseFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="guidance-api:organisation-detail")
    country = code_field(None, read_only=True)
    type = code_field(None, read_only=True)
    website = OptionalURLField(source="url", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "url",
            "country",
            "name",
            "original_name",
            "acronym",
            "type",
            "website",
            "description",
            "start_year",
            "end_year",
            "status",
            "published_at",
            "updated_at",
        ]


class SourceSerializer(SparseFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="guidance-api:source-detail")
    country = code_field(None, read_only=True)
    link = OptionalURLField(source="url", read_only=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "year",
            "link",
            "accessed_on",
            "country",
            "status",
            "published_at",
            "updated_at",
        ]


class SectionEntrySerializer(ValidatedModelSerializer):
    section = code_field(None, field="slug", read_only=True)
    sources = brief.sources()

    class Meta:
        model = SectionEntry
        fields = ["section", "body", "completeness", "sources", "updated_at", "version"]
        read_only_fields = ["updated_at"]

    def _unvalidated_fields(self):
        return ["version", "system", "section"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = code_field(None, field="slug", read_only=True)
    sources = brief.sources()

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "answer",
            "since_year",
            "until_year",
            "note",
            "sources",
            "updated_at",
            "version",
        ]


def record_path(record):
    return reverse(
        "guidance-api:system-by-year",
        kwargs={"code": record.country.code, "year": record.collection.year},
    )


@extend_schema_field(OpenApiTypes.URI)
class RecordLinkField(serializers.Field):
    """The natural URL of a record: /api/v1/countries/IT/systems/2023/."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, record):
        request = self.context.get("request")
        path = record_path(record)
        return request.build_absolute_uri(path) if request else path


class GuidanceSystemSerializer(ValidatedModelSerializer):
    url = RecordLinkField(source="*")
    country = code_field(None, read_only=True)
    collection = code_field(None, field="year", read_only=True)
    based_on = serializers.SerializerMethodField()
    entries = SectionEntrySerializer(many=True, read_only=True)
    indicator_values = IndicatorValueSerializer(many=True, read_only=True)

    class Meta:
        model = GuidanceSystem
        fields = [
            "id",
            "url",
            "country",
            "collection",
            "status",
            "summary",
            "contributors",
            "acknowledgements",
            "reference_period",
            "based_on",
            "published_at",
            "updated_at",
            "version",
            "entries",
            "indicator_values",
        ]
        read_only_fields = ["status", "published_at", "updated_at"]

    def get_based_on(self, record) -> int | None:
        """The collection year of the record this one was copied from."""
        return record.based_on.collection.year if record.based_on_id else None

    def _unvalidated_fields(self):
        return ["version", "based_on"]


@extend_schema_field(OpenApiTypes.URI)
class ReleaseFileLinkField(serializers.Field):
    """An absolute link to a release file: in the API (`api`) or on /downloads/."""

    def __init__(self, *, api, **kwargs):
        self.api = api
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, file):
        args = [file.release.version, file.name]
        name = "guidance-api:release-file" if self.api else "guidance:release-file"
        path = reverse(name, args=args)
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ReleaseFileSerializer(serializers.ModelSerializer):
    url = ReleaseFileLinkField(source="*", api=True)
    download_url = ReleaseFileLinkField(source="*", api=False)

    class Meta:
        model = ReleaseFile
        fields = ["name", "media_type", "size", "sha256", "url", "download_url"]


class ReleaseSerializer(SparseFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="guidance-api:release-detail", lookup_field="version"
    )
    collection = code_field(None, field="year", read_only=True)
    reference_period = serializers.CharField(source="collection.reference_years", read_only=True)
    files = ReleaseFileSerializer(many=True, read_only=True)

    class Meta:
        model = Release
        fields = ["version", "url", "collection", "reference_period", "created_at", "files"]
