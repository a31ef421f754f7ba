"""GET /api/v1/comparison/: chosen sections and indicators for chosen countries, side by side.

The grid is guidance/reading/comparison.py's build_comparison, the same as the /compare/ page's;
each cell names the collection year its record comes from, and `reported: false` marks
a country that has no record, no entry or an empty one. `?format=csv` gives the page's CSV
(guidance/reading/comparison_csv.py). The query string is read by the page's own parser
(guidance/query/grid_query.py), so the two accept the same parameters with the same limits and
messages.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from guidance.api.caching import ConditionalGetMixin
from guidance.api.renderers import ComparisonCSVRenderer, ErrorsAsJSONMixin
from guidance.api.schema import InventoryAutoSchema, values_schema
from guidance.models import Collection, Country, GuidanceSystem, Indicator, Section
from guidance.query.grid_query import GROUPS, MAX_CODES, ComparisonChoices, read_grid_query
from guidance.query.validation import blank_params, repeated_params
from guidance.reading.comparison import build_comparison
from guidance.reading.comparison_csv import comparison_filename
from guidance.rules import permissions


class CellSerializer(serializers.Serializer):
    country = serializers.CharField()
    collection = serializers.IntegerField(
        allow_null=True, help_text="Year of the collection the record comes from."
    )
    reported = serializers.BooleanField(help_text="false: no record, no entry, or empty.")
    body = serializers.CharField(required=False, help_text="Sections only: Markdown text.")
    completeness = serializers.CharField(required=False)
    answer = serializers.CharField(required=False, help_text="Indicators only.")
    since_year = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False)


class ComparisonRowSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    cells = CellSerializer(many=True)


class ComparisonSerializer(serializers.Serializer):
    collection = serializers.IntegerField(allow_null=True)
    countries = serializers.ListField(child=serializers.CharField())
    sections = ComparisonRowSerializer(many=True)
    indicators = ComparisonRowSerializer(many=True)


def _cell(cell):
    data = {"country": cell.country.code, "collection": cell.year, "reported": cell.reported}
    item = cell.item
    if item is None:
        return data
    if hasattr(item, "body"):
        data.update(body=item.body, completeness=item.completeness)
    else:
        data.update(answer=item.answer, since_year=item.since_year, note=item.note)
    return data


def comparison_data(comparison):
    return {
        "collection": comparison.year,
        "countries": [country.code for country in comparison.countries],
        "sections": [
            {
                "slug": row.subject.slug,
                "title": row.subject.title,
                "cells": [_cell(c) for c in row.cells],
            }
            for row in comparison.section_rows
        ],
        "indicators": [
            {
                "slug": row.subject.slug,
                "title": row.subject.name,
                "cells": [_cell(c) for c in row.cells],
            }
            for row in comparison.indicator_rows
        ],
    }


class ComparisonSchema(InventoryAutoSchema):
    """The parameters list the countries, sections, indicators and years that exist now."""

    def get_override_parameters(self):
        return [
            self._parameter(
                "countries", Country.objects.all(), "code", True, COUNTRIES_HELP, MAX_CODES
            ),
            OpenApiParameter(
                "groups",
                {"type": "array", "items": {"type": "string", "enum": list(GROUPS)}},
                explode=True,
                description=GROUPS_HELP,
            ),
            self._parameter("sections", Section.objects.all(), "slug", True, SECTIONS_HELP),
            self._parameter("indicators", Indicator.objects.all(), "slug", True, INDICATORS_HELP),
            self._parameter("collection", Collection.objects.all(), "year", False, YEAR_HELP),
        ]

    def _parameter(self, name, queryset, field, several, description, max_items=None):
        schema = values_schema(queryset, field, several)
        if max_items and "maxItems" not in schema:
            schema["maxItems"] = max_items
        return OpenApiParameter(
            name,
            schema,
            required=False,
            explode=True,
            description=description,
        )


COUNTRIES_HELP = "Country codes, exact, in the order wanted; repeated or comma-separated: IT,DE."
GROUPS_HELP = (
    "Country groups, exact; their members follow the countries named, by name. "
    "Give countries, groups or both."
)
SECTIONS_HELP = "Section slugs, exact; repeated or comma-separated (none: all sections)."
INDICATORS_HELP = "Indicator slugs, exact; repeated or comma-separated (none: all indicators)."
YEAR_HELP = "Collection year, exact (default: the latest published)."
CSV_HELP = (
    "`?format=csv` or `Accept: text/csv`: the /compare/ page's CSV, one line per section or "
    "indicator and country: Row, Country, Record year, Status, Text."
)


class ComparisonView(ErrorsAsJSONMixin, ConditionalGetMixin, APIView):
    """Sections and indicators for several countries in one collection, side by side."""

    schema = ComparisonSchema()
    renderer_classes = [JSONRenderer, ComparisonCSVRenderer]

    @extend_schema(
        responses={
            (200, "application/json"): ComparisonSerializer,
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description=CSV_HELP),
        }
    )
    def get(self, request):
        params = request.query_params
        query = read_grid_query(params, ComparisonChoices.load(), also_allowed={"format"})
        errors = query.errors
        errors.update(blank_params(params))
        errors.update(repeated_params(params, {"countries", "groups", "sections", "indicators"}))
        if not query.countries and not errors:
            # Each parameter is optional; what is missing is one of the two (the API's way
            # of naming a rule across parameters, as in the changes endpoints).
            errors[api_settings.NON_FIELD_ERRORS_KEY] = [
                _("Name at least one country (countries) or group (groups).")
            ]
        if errors:
            raise ValidationError(errors)
        comparison = build_comparison(
            permissions.visible(GuidanceSystem.objects.all(), request.user),
            query.countries,
            query.sections,
            query.indicators,
            query.year,
        )
        if request.accepted_renderer.format == "csv":
            filename = comparison_filename(comparison)
            return Response(
                comparison, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
            )
        return Response(comparison_data(comparison))
