"""GET /api/v1/comparison/: chosen sections and indicators for chosen countries, side by side.

The grid is guidance/comparison.py's build_comparison, the same as the /compare/ page's;
each cell names the collection year its record comes from, and `reported: false` marks
a country that has no record, no entry or an empty one.
"""

from django import forms
from django.db.models import Case, IntegerField, Value, When
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from guidance import permissions
from guidance.api.caching import ConditionalGetMixin
from guidance.api.schema import InventoryAutoSchema, values_schema
from guidance.comparison import build_comparison
from guidance.filtersets import (
    SeveralValuesWidget,
    blank_params,
    latest_published_year,
    repeated_params,
    unknown_params,
)
from guidance.models import Collection, Country, GuidanceSystem, Indicator, Section
from guidance.params import YearChoiceField

MAX_COUNTRIES = 60


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
        countries = self.cleaned_data["countries"]
        if len(countries) > MAX_COUNTRIES:
            raise forms.ValidationError(f"Compare at most {MAX_COUNTRIES} countries at once.")
        return countries


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
            self._parameter("countries", Country.objects.all(), "code", True, COUNTRIES_HELP),
            self._parameter("sections", Section.objects.all(), "slug", True, SECTIONS_HELP),
            self._parameter("indicators", Indicator.objects.all(), "slug", True, INDICATORS_HELP),
            self._parameter("collection", Collection.objects.all(), "year", False, YEAR_HELP),
        ]

    def _parameter(self, name, queryset, field, several, description):
        return OpenApiParameter(
            name,
            values_schema(queryset, field, several),
            required=name == "countries",
            explode=True,
            description=description,
        )


COUNTRIES_HELP = "Country codes, exact, in the order wanted; repeated or comma-separated: IT,DE."
SECTIONS_HELP = "Section slugs, exact; repeated or comma-separated."
INDICATORS_HELP = "Indicator slugs, exact; repeated or comma-separated."
YEAR_HELP = "Collection year, exact (default: the latest published)."


class ComparisonView(ConditionalGetMixin, APIView):
    """Sections and indicators for several countries in one collection, side by side."""

    schema = ComparisonSchema()

    @extend_schema(responses={200: ComparisonSerializer})
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
        year = data["collection"].year if data["collection"] else latest_published_year()
        comparison = build_comparison(
            permissions.visible(GuidanceSystem.objects.all(), request.user),
            countries,
            sections,
            list(data["indicators"]),
            year,
        )
        return Response(comparison_data(comparison))
