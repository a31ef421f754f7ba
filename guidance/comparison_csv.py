"""The comparison as CSV: one line per row (section or indicator) and country.

The /compare/ page's download and the API's `/api/v1/comparison/?format=csv` are both
written here, so that they have the same columns and lines; every cell goes through the
formula guard (guidance/csv_safety.py).
"""

from django.utils.translation import gettext as _

from guidance import csv_safety


def comparison_filename(comparison):
    return f"comparison-{comparison.year}.csv"


def write_comparison_csv(stream, comparison):
    writer = csv_safety.writer(stream)
    writer.writerow([_("Row"), _("Country"), _("Record year"), _("Status"), _("Text")])
    for row in comparison.section_rows:
        for cell in row.cells:
            writer.writerow(
                [row.subject.title, cell.country.name, cell.year or "", *_entry_columns(cell)]
            )
    for row in comparison.indicator_rows:
        for cell in row.cells:
            writer.writerow(
                [row.subject.name, cell.country.name, cell.year or "", *_value_columns(cell)]
            )


def _entry_columns(cell):
    if not cell.reported:
        return [_("not reported"), ""]
    return [cell.item.get_completeness_display(), cell.item.body]


def _value_columns(cell):
    if cell.item is None:
        return [_("not reported"), ""]
    since = f" ({_('since')} {cell.item.since_year})" if cell.item.since_year else ""
    return [cell.item.get_answer_display() + since, cell.item.note]
