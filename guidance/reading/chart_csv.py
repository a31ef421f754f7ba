"""The numbers behind each chart as CSV, written from the same objects the chart is drawn
from (so the two cannot disagree), by guidance/reading/csv_export.py (its formula guard,
a BOM for spreadsheets)."""

from django.utils.translation import gettext as _

from guidance.reading import csv_export


def distribution_csv_response(distribution):
    """One line per collection and answer: the count and the countries counted."""
    header = [_("Collection"), _("Answer"), _("Count"), _("Countries")]
    rows = (
        [answers.year, str(series.label), len(countries), "; ".join(c.name for c in countries)]
        for answers in distribution.collections
        for series, countries in answers.groups
    )
    slug = distribution.indicator.slug
    return csv_export.attachment(f"{slug}-distribution.csv", header, rows)


def country_coverage_csv_response(coverage):
    """One line per record: its sections by state."""
    header = [
        _("Country code"),
        _("Country"),
        _("Collection"),
        _("Complete"),
        _("Partial"),
        _("Not written"),
        _("Sections"),
    ]
    country = coverage.country
    rows = (
        [country.code, country.name, record.year, *record.counts, record.sections]
        for record in coverage.records
    )
    return csv_export.attachment(f"coverage-{country.code}.csv", header, rows)
