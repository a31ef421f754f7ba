"""The comparison as CSV: one line per row (section or indicator) and country.

The /compare/ page's download and the API's `/api/v1/comparison/?format=csv` are both
written here, so that they have the same columns and lines, by guidance/reading/csv_export.py
(without a BOM, as the API's CSV).
"""

from django.utils.translation import gettext as _

from guidance.reading import csv_export


def comparison_filename(comparison):
    return f"comparison-{comparison.year}.csv"


def write_comparison_csv(stream, comparison):
    """The API's CSV (guidance/api/renderers.py)."""
    csv_export.write_rows(stream, _header(), _rows(comparison))


def comparison_attachment(comparison):
    """The /compare/ page's download."""
    filename = comparison_filename(comparison)
    return csv_export.attachment(filename, _header(), _rows(comparison), bom=False)


def _header():
    return [_("Row"), _("Country"), _("Record year"), _("Status"), _("Text")]


def _rows(comparison):
    for row in comparison.section_rows:
        for cell in row.cells:
            yield [row.subject.title, cell.country.name, cell.year or "", *_entry_columns(cell)]
    for row in comparison.indicator_rows:
        for cell in row.cells:
            yield [row.subject.name, cell.country.name, cell.year or "", *_value_columns(cell)]


def _entry_columns(cell):
    if not cell.reported:
        return [_("not reported"), ""]
    return [cell.item.get_completeness_display(), cell.item.body]


def _value_columns(cell):
    if cell.item is None:
        return [_("not reported"), ""]
    since = f" ({_('since')} {cell.item.since_year})" if cell.item.since_year else ""
    return [cell.item.get_answer_display() + since, cell.item.note]
