"""The coverage heatmap as CSV: one line per country, a column per section, then totals.

Written from the same CoverageTable as the /coverage/ page, so both say the same; every
cell goes through the formula guard (guidance/csv_safety.py).
"""

from django.utils.translation import gettext as _

from guidance import csv_safety


def coverage_filename(table):
    return f"coverage-{table.year}.csv"


def write_coverage_csv(stream, table):
    writer = csv_safety.writer(stream)
    writer.writerow(
        [
            _("Country code"),
            _("Country"),
            _("Record year"),
            _("Reviewed in"),
            _("Review age (years)"),
            *(f"{section.number}. {section.title}" for section in table.sections),
            _("Sections written"),
            _("Sections"),
        ]
    )
    for row in table.rows:
        writer.writerow(
            [
                row.country.code,
                row.country.name,
                row.record.collection.year if row.record else "",
                row.review_year or "",
                "" if row.age_years is None else row.age_years,
                *(str(cell.state_label) for cell in row.cells),
                row.written_count,
                len(row.cells),
            ]
        )
