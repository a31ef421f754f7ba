"""/countries/<code>/coverage/: one country's section coverage over its collections, as a
chart with its table, and the chart's numbers as CSV."""

from django.shortcuts import render

from guidance.models import Section
from guidance.reading.chart_csv import country_coverage_csv_response
from guidance.reading.country_coverage import country_coverage
from guidance.views.common import country_or_404


def country_coverage_page(request, code):
    coverage = _coverage(request, code)
    return render(request, "guidance/country_coverage.html", {"coverage": coverage})


def country_coverage_csv(request, code):
    return country_coverage_csv_response(_coverage(request, code))


def _coverage(request, code):
    country = country_or_404(code)
    return country_coverage(request.user, country, Section.objects.count())
