"""The indicator matrix: each country's answer to each indicator, with its evidence.

Answers come from each country's latest record as of the collection, as on the map and
in the comparison grid, so the three never disagree; an answer dropped from a newer
record is not carried forward from an older one.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from guidance.models import GuidanceSystem, IndicatorValue, Source
from guidance.rules import permissions


@dataclass
class MatrixRow:
    country: object
    cells: list  # IndicatorValue or None, one per indicator


def latest_values(user, year, countries, indicators):
    """{(country id, indicator id): value} from each country's latest record up to `year`."""
    records = permissions.visible(GuidanceSystem.objects.all(), user).as_of(year)
    values = (
        IndicatorValue.objects.filter(
            system__in=records.filter(country__in=countries), indicator__in=indicators
        )
        .select_related("system__collection")
        .prefetch_related(
            Prefetch(
                "sources", queryset=permissions.visible(Source.objects.order_by("title"), user)
            )
        )
    )
    return {(value.system.country_id, value.indicator_id): value for value in values}


def build_matrix(user, year, countries, indicators):
    """One row per country, one cell per indicator: the latest answer, or None."""
    latest = latest_values(user, year, countries, indicators)
    return [
        MatrixRow(country, [latest.get((country.pk, indicator.pk)) for indicator in indicators])
        for country in countries
    ]
