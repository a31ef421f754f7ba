"""The coverage heatmap: each country's sections by state and by the age of their review.

A cell's state is what the country's record (as of the collection, guidance/reading/comparison.py)
says under the section: complete, partial, empty, or no record at all. Its age is how many
years lie between the last published review of that record (`published_at`, or the
record's collection year when it has none, e.g. a draft an editor sees) and the selected
collection year, or this year when the collection is still to come. Never `updated_at`:
a data reload touches every row and would make a 2020 text look fresh.

The page and its CSV both read a CoverageTable, so that they always say the same.
"""

import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guidance.models import Completeness

# (css class, the most years it holds, label); the last band has no limit.
AGE_BANDS = [
    ("fresh", 1, _("reviewed within a year")),
    ("ageing", 3, _("reviewed two to three years before")),
    ("old", None, _("reviewed four or more years before")),
]
NO_RECORD = "none"
STATES = {
    Completeness.COMPLETE: (_("complete"), "C"),
    Completeness.PARTIAL: (_("partial"), "P"),
    Completeness.EMPTY: (_("not written"), "–"),
    NO_RECORD: (_("no record"), "·"),
}
# Words that say nothing about which section it is ("Guidance in higher education").
FILLER_WORDS = {"guidance", "in", "for", "and", "of", "the", "to", "among", "at", "general"}


def short_label(section):
    """A label for a narrow column: the first telling word, cut to 4 letters, or an acronym."""
    words = [re.sub(r"\W", "", word) for word in section.title.split()]
    telling = [word for word in words if word and word.lower() not in FILLER_WORDS]
    word = (telling or words or [""])[0]
    return word if word.isupper() else word[:1].upper() + word[1:4]


def age_band(years):
    """The (css class, label) of a review `years` old."""
    for css_class, limit, label in AGE_BANDS:
        if limit is None or years <= limit:
            return css_class, label
    raise AssertionError("the last band has no limit")


def review_year(record):
    """The year of the record's last published review, or its collection year if unknown."""
    if record.published_at is not None:
        return timezone.localtime(record.published_at).year
    return record.collection.year


@dataclass
class HeatCell:
    """One section of one country: its state and, for written text, the age of its review."""

    cell: object
    state: str
    age_years: int | None = None

    @property
    def written(self):
        return self.state in (Completeness.COMPLETE, Completeness.PARTIAL)

    @property
    def state_label(self):
        return STATES[self.state][0]

    @property
    def state_mark(self):
        return STATES[self.state][1]

    @property
    def age_class(self):
        return age_band(self.age_years)[0] if self.written else None

    @property
    def age_label(self):
        return age_band(self.age_years)[1] if self.written else None

    @property
    def css_class(self):
        return f"{self.state} age-{self.age_class}" if self.written else self.state


@dataclass
class CountryRow:
    country: object
    record: object
    review_year: int | None
    age_years: int | None
    cells: list = field(default_factory=list)

    @property
    def written_count(self):
        return sum(cell.written for cell in self.cells)


@dataclass
class CoverageTable:
    year: int
    as_of_year: int
    sections: list
    rows: list

    @property
    def section_totals(self):
        """(section, countries with text under it), in column order."""
        return [
            (section, sum(row.cells[index].written for row in self.rows))
            for index, section in enumerate(self.sections)
        ]

    @property
    def written_total(self):
        return sum(row.written_count for row in self.rows)


def build_coverage(comparison, today=None):
    """The heatmap of a comparison built by build_comparison (sections only)."""
    today = today or timezone.localdate()
    as_of_year = min(comparison.year, today.year) if comparison.year else today.year
    sections = [row.subject for row in comparison.section_rows]
    rows = []
    for country, cells in comparison.section_cells_by_country():
        record = comparison.records.get(country.pk)
        reviewed = review_year(record) if record else None
        age = max(0, as_of_year - reviewed) if reviewed is not None else None
        rows.append(
            CountryRow(country, record, reviewed, age, [_heat_cell(cell, age) for cell in cells])
        )
    return CoverageTable(comparison.year, as_of_year, sections, rows)


def _heat_cell(cell, age):
    if cell.record is None:
        return HeatCell(cell, NO_RECORD)
    if cell.item is None or cell.item.completeness == Completeness.EMPTY:
        return HeatCell(cell, Completeness.EMPTY)
    return HeatCell(cell, cell.item.completeness, age)
