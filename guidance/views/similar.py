"""/countries/<code>/similar/: the countries closest to one country on chosen indicators."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from guidance.models import Country, Indicator
from guidance.query.params import split_values
from guidance.reading.indicator_matrix import latest_values
from guidance.reading.similarity import similar_countries
from guidance.views.common import collection_years, country_or_404
from guidance.views.params import param_errors


def read_indicators(params, indicators):
    """The indicators chosen by slug (all when none), and a message naming unknown slugs."""
    slugs = split_values(params, "indicators")
    if not slugs:
        return indicators, None
    by_slug = {indicator.slug: indicator for indicator in indicators}
    unknown = [slug[:60] for slug in slugs if slug not in by_slug]
    chosen = [indicator for indicator in indicators if indicator.slug in slugs]
    if unknown:
        message = _("Unknown indicators ignored: %(slugs)s.") % {"slugs": ", ".join(unknown[:5])}
        return chosen or indicators, message
    return chosen, None


def similar(request, code):
    country = country_or_404(code)
    indicators = list(Indicator.objects.all())
    errors = param_errors(request.GET, {"indicators"}, several={"indicators"})
    chosen, error = read_indicators(request.GET, indicators)
    if error:
        errors["indicators"] = [error]
    countries = list(Country.objects.order_by("name"))
    _years, year = collection_years()
    ranked, incomparable = [], []
    if year is not None:
        values = latest_values(request.user, year, countries, chosen)
        answers = {key: value.answer for key, value in values.items()}
        ranked, incomparable = similar_countries(country, countries, chosen, answers)
    context = {
        "country": country,
        "indicators": indicators,
        "chosen": chosen,
        "ranked": ranked,
        "incomparable": incomparable,
        "year": year,
        "errors": errors,
    }
    return render(request, "guidance/similar.html", context, status=400 if errors else 200)
