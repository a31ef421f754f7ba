"""GET /api/v1/comparison/: chosen sections and indicators for chosen countries, side by side.

The grid is guidance/comparison.py's build_comparison, the same as the /compare/ page's;
each cell names the collection year its record comes from, and `reported: false` marks
a country that has no record, no entry or an empty one. `?format=csv` gives the page's CSV
(guidance/comparison_csv.py). The country limit is the page's (grid_query.MAX_CODES).
"""

from django import forms
from django.db.models import Case, IntegerField, Value, When
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from guidance import permissions
from guidance.api.caching import ConditionalGetMixin
from guidance.api.renderers import ComparisonCSVRenderer, ErrorsAsJSONMixin
from guidance.api.schema import InventoryAutoSchema, values_schema
from guidance.comparison import build_comparison
from guidance.comparison_csv import comparison_filename
from guidance.filtersets import (
    SeveralValuesWidget,
    blank_params,
    repeated_params,
    unknown_params,
)
from guidance.grid_query import MAX_CODES
from guidance.models import Collection, Country, GuidanceSystem, Indicator, Section
from guidance.params import YearChoiceField


class ComparisonForm(forms.Form):
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.all(), to_field_name="code", widget=SeveralValuesWidget
    )
    sections = forms.ModelMultipleChoiceField(
        queryset=Section.objects.all(),
        to_field_name="slug",
        widget=SeveralValuesWidget,
        required=False,
    )
    indicators = forms.ModelMultipleChoiceField(
        queryset=Indicator.objects.all(),
        to_field_name="slug",
        widget=SeveralValuesWidget,
        required=False,
    )
    collection = YearChoiceField(
        queryset=Collection.objects.all(), to_field_name="year", required=False
    )

    def clean_countries(self):
        """Counted as given, repeats included, as the /compare/ page counts them."""
        given = len(self["countries"].value())
        if given > MAX_CODES:
            raise forms.ValidationError(f"Too many countries: {given} given, at most {MAX_CODES}.")
        return self.cleaned_data["countries"]


def _in_given_order(queryset, field, values):
    order = Case(
        *[When(**{field: value}, then=Value(index)) for index, value in enumerate(values)],
        output_field=IntegerField(),
    )
    return list(queryset.annotate(given_order=order).order_by("given_order"))


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
            required=name == "countries",
            explode=True,
            description=description,
        )


COUNTRIES_HELP = "Country codes, exact, in the order wanted; repeated or comma-separated: IT,DE."
SECTIONS_HELP = "Section slugs, exact; repeated or comma-separated."
INDICATORS_HELP = "Indicator slugs, exact; repeated or comma-separated."
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
        errors = unknown_params(params, {*ComparisonForm.base_fields, "format"})
        errors.update(blank_params(params))
        errors.update(repeated_params(params, {"countries", "sections", "indicators"}))
        form = ComparisonForm(params)
        if not form.is_valid():
            errors.update(form.errors)
        if errors:
            raise ValidationError(errors)
        data = form.cleaned_data
        countries = _in_given_order(data["countries"], "code", form["countries"].value())
        sections = list(data["sections"])
        year = data["collection"].year if data["collection"] else Collection.objects.default_year()
        comparison = build_comparison(
            permissions.visible(GuidanceSystem.objects.all(), request.user),
            countries,
            sections,
            list(data["indicators"]),
            year,
        )
        if request.accepted_renderer.format == "csv":
            filename = comparison_filename(comparison)
            return Response(
                comparison, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
            )
        return Response(comparison_data(comparison))
