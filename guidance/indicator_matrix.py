"""The indicator matrix: each country's latest answer to each indicator, with its evidence."""

from dataclasses import dataclass

from django.db.models import Prefetch

from guidance.models import IndicatorValue, Source
from guidance.views.common import visible_records


@dataclass
class MatrixRow:
    country: object
    cells: list  # IndicatorValue or None, one per indicator


def latest_values(user, year, countries, indicators):
    """{(country id, indicator id): value} from each country's latest record up to `year`."""
    values = (
        IndicatorValue.objects.filter(
            system__in=visible_records(user).filter(
                collection__year__lte=year, country__in=countries
            ),
            indicator__in=indicators,
        )
        .select_related("system__collection")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("title")))
        .order_by("-system__collection__year")
    )
    latest = {}
    for value in values:
        latest.setdefault((value.system.country_id, value.indicator_id), value)
    return latest


def build_matrix(user, year, countries, indicators):
    latest = latest_values(user, year, countries, indicators)
    return [
        MatrixRow(country, [latest.get((country.pk, indicator.pk)) for indicator in indicators])
        for country in countries
    ]
