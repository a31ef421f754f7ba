"""/coverage/: each country's sections by state and by the age of their review, and as CSV."""

from django.shortcuts import render

from guidance.models import Country, Section
from guidance.reading.comparison import build_comparison
from guidance.reading.coverage import AGE_BANDS, STATES, build_coverage, short_label
from guidance.reading.coverage_csv import coverage_csv_response
from guidance.views.common import collection_years, visible_records
from guidance.views.params import bad_request, collection_year


def coverage(request):
    table, years, errors = _coverage_table(request)
    context = {
        "table": table,
        "columns": [(section, short_label(section)) for section in table.sections],
        "years": years,
        "errors": errors,
        "states": [(state, label, mark) for state, (label, mark) in STATES.items()],
        "age_bands": [(css_class, label) for css_class, _limit, label in AGE_BANDS],
    }
    return render(request, "guidance/coverage.html", context, status=400 if errors else 200)


def coverage_csv(request):
    table, _years, errors = _coverage_table(request)
    if errors:
        return bad_request(request, errors)
    return coverage_csv_response(table)


def _coverage_table(request):
    years, default_year = collection_years()
    year, errors = collection_year(request.GET, years, default_year)
    comparison = build_comparison(
        visible_records(request.user),
        Country.objects.order_by("name"),
        Section.objects.all(),
        [],
        year,
    )
    return build_coverage(comparison), years, errors
