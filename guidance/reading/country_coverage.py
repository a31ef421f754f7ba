"""One country's section coverage over collections: in each of its records, how many
sections are written (complete or partial) and how many are not.

"Written" is what /coverage/ calls it (guidance/reading/coverage.py): an entry marked
complete or partial; an empty entry or no entry at all is not written. Only the
country's own records count, one bar per collection it has a record in, and only
published ones, whoever reads (as on the indicator charts,
guidance/reading/indicator_distribution.py).

The page, its table and its CSV all read one CountryCoverage.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from guidance.models import Completeness, GuidanceSystem, PublicationStatus
from guidance.reading.charts import BarRow, Series, stacked_bars
from guidance.rules import permissions

SERIES = (
    Series(Completeness.COMPLETE.value, _("Complete"), "solid"),
    Series(Completeness.PARTIAL.value, _("Partial"), "stripes"),
    Series("unwritten", _("Not written"), "none"),
)


@dataclass
class RecordCoverage:
    year: int
    complete: int
    partial: int
    sections: int

    @property
    def written(self):
        return self.complete + self.partial

    @property
    def unwritten(self):
        return self.sections - self.written

    @property
    def counts(self):
        return (self.complete, self.partial, self.unwritten)


@dataclass
class CountryCoverage:
    country: object
    sections: int
    records: list  # RecordCoverage, oldest first

    @property
    def chart(self):
        rows = [BarRow(str(record.year), record.counts) for record in self.records]
        return stacked_bars(SERIES, rows, scale_to=self.sections)


def country_coverage(user, country, sections):
    """`country`'s published records with their written sections, of `sections` in all.

    One query: the records with their entries counted by completeness.
    """
    written = {
        state.value: Count("entries", filter=Q(entries__completeness=state))
        for state in (Completeness.COMPLETE, Completeness.PARTIAL)
    }
    rows = (
        permissions.visible(GuidanceSystem.objects.filter(country=country), user)
        .filter(status=PublicationStatus.PUBLISHED)
        .annotate(**written)
        .order_by("collection__year")
        .values_list("collection__year", *written)
    )
    records = [
        RecordCoverage(year, complete, partial, sections) for year, complete, partial in rows
    ]
    return CountryCoverage(country, sections, records)
