"""One indicator's answers across countries, collection by collection, and who changed.

Each collection counts every country's answer as of that collection, as the map and the
matrix do (guidance/reading/indicator_matrix.py): the country's latest record in that
collection or before, and no answer when that record gives none (an answer dropped from a
newer record is not carried forward). So the latest bar is the map, and every bar counts
every country.

Only published records count, whoever reads: a chart is a public summary, like the
country list's years, and an expert's draft answer must not move it. The rows are also
narrowed by `permissions.visible` first, like every public read.

"What changed" compares, for each country, its two latest published records that answer
the indicator: a country whose answer differs between them is listed.

The page, its table and its CSV all read one IndicatorDistribution.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from guidance.models import GuidanceSystem, IndicatorAnswer, IndicatorValue, PublicationStatus
from guidance.reading.charts import BarRow, Series, stacked_bars
from guidance.rules import permissions

NO_ANSWER = "none"
SERIES = (
    Series(IndicatorAnswer.YES.value, IndicatorAnswer.YES.label, "solid"),
    Series(IndicatorAnswer.PARTIAL.value, IndicatorAnswer.PARTIAL.label, "stripes"),
    Series(IndicatorAnswer.NO.value, IndicatorAnswer.NO.label, "dots"),
    Series(NO_ANSWER, _("No answer"), "none"),
)
LABELS = {series.key: series.label for series in SERIES}


@dataclass
class CollectionAnswers:
    """Every country of one collection, grouped by its answer as of that collection."""

    year: int
    countries: dict  # series key -> [country], in country order

    def count(self, key):
        return len(self.countries[key])

    @property
    def counts(self):
        return tuple(self.count(series.key) for series in SERIES)

    @property
    def groups(self):
        """(series, countries) in the chart's order, for the table and the CSV."""
        return [(series, self.countries[series.key]) for series in SERIES]


@dataclass
class AnswerChange:
    country: object
    before_year: int
    before: str
    after_year: int
    after: str

    @property
    def before_label(self):
        return LABELS[self.before]

    @property
    def after_label(self):
        return LABELS[self.after]


@dataclass
class IndicatorDistribution:
    indicator: object
    collections: list  # CollectionAnswers, oldest first
    changes: list = field(default_factory=list)

    @property
    def country_count(self):
        return sum(self.collections[0].counts) if self.collections else 0

    @property
    def chart(self):
        rows = [BarRow(str(answers.year), answers.counts) for answers in self.collections]
        return stacked_bars(SERIES, rows)


def published_answers(user, indicator, up_to_year):
    """(country id, year, answer or None) of every published record up to `up_to_year`.

    One query: each record with its answer to `indicator` as a subquery.
    """
    answer = IndicatorValue.objects.filter(system=OuterRef("pk"), indicator=indicator)
    return list(
        permissions.visible(GuidanceSystem.objects.all(), user)
        .filter(status=PublicationStatus.PUBLISHED, collection__year__lte=up_to_year)
        .annotate(answer=Subquery(answer.values("answer")[:1]))
        .order_by("collection__year")
        .values_list("country_id", "collection__year", "answer")
    )


def build_distribution(indicator, countries, years, answers):
    """The distribution of `answers` (from published_answers) over `countries`, one
    collection per year in `years` (oldest first)."""
    by_country = {}
    for country_id, year, answer in answers:
        by_country.setdefault(country_id, []).append((year, answer))
    collections = []
    for year in years:
        grouped = {series.key: [] for series in SERIES}
        for country in countries:
            grouped[_as_of(by_country.get(country.pk, []), year) or NO_ANSWER].append(country)
        collections.append(CollectionAnswers(year, grouped))
    return IndicatorDistribution(indicator, collections, _changes(countries, by_country))


def _as_of(records, year):
    """The answer of the latest record in `year` or before (records oldest first)."""
    answer = None
    for record_year, record_answer in records:
        if record_year > year:
            break
        answer = record_answer
    return answer


def _changes(countries, by_country):
    changes = []
    for country in countries:
        answered = [(year, answer) for year, answer in by_country.get(country.pk, []) if answer]
        if len(answered) < 2:
            continue
        (before_year, before), (after_year, after) = answered[-2:]
        if before != after:
            changes.append(AnswerChange(country, before_year, before, after_year, after))
    return changes
