"""/indicators/: the matrix of countries by indicators, and one indicator on the map with
the chart of its answers over collections (and that chart's numbers as CSV)."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from guidance.models import Country, CountryGroup, Indicator
from guidance.reading.chart_csv import distribution_csv_response
from guidance.reading.indicator_distribution import build_distribution, published_answers
from guidance.reading.indicator_matrix import build_matrix
from guidance.views.common import GROUP_HEADINGS, collection_years
from guidance.views.countries import map_context
from guidance.views.params import param_errors


def read_group(params):
    """The country group asked for, or (None, message) when it is not a group."""
    group = params.get("group", "").strip()
    if not group:
        return None, None
    if group in CountryGroup.values:
        return group, None
    return None, _("“%(value)s” is not a country group; showing all countries.") % {
        "value": group[:40]
    }


def group_choices():
    return [(value, GROUP_HEADINGS[value]) for value in CountryGroup.values]


def indicator_matrix(request):
    errors = param_errors(request.GET, {"group"})
    group, error = read_group(request.GET)
    if error:
        errors["group"] = [error]
    countries = Country.objects.order_by("name")
    if group:
        countries = countries.filter(group=group)
    countries = list(countries)
    indicators = list(Indicator.objects.all())
    _years, year = collection_years()
    rows = build_matrix(request.user, year, countries, indicators) if year else []
    context = {
        "rows": rows,
        "indicators": indicators,
        "year": year,
        "group": group,
        "groups": group_choices(),
        "errors": errors,
    }
    return render(request, "guidance/indicators.html", context, status=400 if errors else 200)


def indicator_map(request, slug):
    indicator = get_object_or_404(Indicator, slug=slug)
    countries = list(Country.objects.order_by("name"))
    years, year = collection_years()
    context = {
        "indicator": indicator,
        "distribution": _distribution(request.user, indicator, countries, years, year),
        **map_context(request.user, countries, indicator, year),
    }
    return render(request, "guidance/indicator_map.html", context)


def indicator_distribution_csv(request, slug):
    """The numbers of the indicator page's chart, as CSV."""
    indicator = get_object_or_404(Indicator, slug=slug)
    countries = list(Country.objects.order_by("name"))
    years, year = collection_years()
    return distribution_csv_response(_distribution(request.user, indicator, countries, years, year))


def _distribution(user, indicator, countries, years, year):
    """Answers in every collection up to the one readers are shown (oldest first)."""
    if year is None:
        return build_distribution(indicator, countries, [], [])
    shown = sorted(y for y in years if y <= year)
    return build_distribution(indicator, countries, shown, published_answers(user, indicator, year))
