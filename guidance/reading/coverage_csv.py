"""The coverage heatmap as CSV: one line per country, a column per section, then totals.

Written from the same CoverageTable as the /coverage/ page, so both say the same, by
guidance/reading/csv_export.py (its formula guard, a BOM for spreadsheets).
"""

from django.utils.translation import gettext as _

from guidance.reading import csv_export


def coverage_csv_response(table):
    return csv_export.attachment(f"coverage-{table.year}.csv", _header(table), _rows(table))


def _header(table):
    return [
        _("Country code"),
        _("Country"),
        _("Record year"),
        _("Reviewed in"),
        _("Review age (years)"),
        *(f"{section.number}. {section.title}" for section in table.sections),
        _("Sections written"),
        _("Sections"),
    ]


def _rows(table):
    for row in table.rows:
        yield [
            row.country.code,
            row.country.name,
            row.record.collection.year if row.record else "",
            row.review_year or "",
            "" if row.age_years is None else row.age_years,
            *(str(cell.state_label) for cell in row.cells),
            row.written_count,
            len(row.cells),
        ]
