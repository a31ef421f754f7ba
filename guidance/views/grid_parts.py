"""The rows of a comparison grid as one cached part, named by all that its cells show.

A 5 x 21 grid is 105 section cells, each a cached part (guidance/views/entry_parts.py),
and a few indicator rows rendered from their values: assembling them took most of a cold
/compare/ page (in process, scale data). The rows' part is named by what they show: each section's
heading with what its cells show, each indicator's name with its values' saved state and
the year of the record each comes from. Only when that part is missing are the cells'
parts read (and any missing one rendered) and the rows rendered. The table's head (the
countries, with Kosovo's designation mark, whose footnote the page prints) is rendered
with the page.
"""

from guidance.views.entry_parts import add_entry_parts, entry_identity
from guidance.views.fragments import FragmentBatch, row

CELL_TEMPLATE = "guidance/includes/entry_cell.html"
ROWS_TEMPLATE = "guidance/fragments/grid_rows.html"


def grid_rows(comparison, reader):
    """The grid's rows (two tbody elements) as HTML for `reader`, from the cache or rendered now."""
    batch = FragmentBatch(reader)

    def context():
        cells = [cell for section_row in comparison.section_rows for cell in section_row.cells]
        add_entry_parts(cells, CELL_TEMPLATE, reader)
        return {"comparison": comparison}

    part = batch.add_lazy(ROWS_TEMPLATE, _identity(comparison), context)
    batch.read()
    return part


def _identity(comparison):
    """What the rows show: each section with its cells' identities (the cells' parts are
    named by the same), each indicator with its values' saved state and records' years."""
    sections = tuple(
        (
            (section_row.subject.number, section_row.subject.title),
            tuple(entry_identity(cell) for cell in section_row.cells),
        )
        for section_row in comparison.section_rows
    )
    indicators = tuple(
        (
            indicator_row.subject.name,
            tuple(
                (cell.record is not None, cell.year, row(cell.item)) for cell in indicator_row.cells
            ),
        )
        for indicator_row in comparison.indicator_rows
    )
    return (len(comparison.countries), sections, indicators)
