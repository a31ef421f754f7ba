"""Countries side by side: the grid behind /compare/, /sections/<slug>/ and /coverage/.

A collection year means "the inventory as it stood in that collection": each country is
shown with its latest record from that collection or an earlier one, because not every
country updates its record in every collection (2021 was a small update). Every cell
carries the year of the record it comes from, so a reader never mistakes a 2020 text
for a 2023 one.

The caller passes the records it may read (a queryset already narrowed by
permissions.visible), so this module decides nothing about access and can serve the
pages and the API alike.
"""

from dataclasses import dataclass, field

from guidance.models import Completeness, IndicatorValue, SectionEntry


@dataclass
class Cell:
    """One country's answer under one row: a section entry or an indicator value, or nothing."""

    country: object
    subject: object = None
    record: object = None
    item: object = None

    @property
    def year(self):
        return self.record.collection.year if self.record else None

    @property
    def reported(self):
        if self.item is None:
            return False
        return getattr(self.item, "completeness", None) != Completeness.EMPTY


@dataclass
class Row:
    """A section or an indicator, with one cell per country in the chosen order."""

    subject: object
    cells: list = field(default_factory=list)

    @property
    def reported_count(self):
        return sum(cell.reported for cell in self.cells)


@dataclass
class Comparison:
    year: int
    countries: list
    records: dict
    section_rows: list
    indicator_rows: list

    @property
    def countries_without_record(self):
        return [country for country in self.countries if country.pk not in self.records]

    def section_cells_by_country(self):
        """The section grid turned on its side: (country, [cell per section])."""
        columns = [row.cells for row in self.section_rows]
        return [
            (country, [cells[index] for cells in columns])
            for index, country in enumerate(self.countries)
        ]


def _records_by_country(records, year, countries):
    """Each country's record as of collection `year`, keyed by country id; one query."""
    if year is None:
        return {}
    chosen = records.filter(country__in=countries).as_of(year).select_related("collection")
    chosen = chosen.order_by()
    return {record.country_id: record for record in chosen}


def build_comparison(records, countries, sections, indicators, year, *, entries=None):
    """The grid for `countries` (in that order) by `sections` and `indicators` as of `year`.

    Three queries at most, whatever the number of countries and rows: the records, the
    entries and the indicator values, each unordered (the grid has its own order).
    `entries` is the SectionEntry queryset the cells' entries are read from: all columns
    by default; a page showing them as cached parts passes one of their key columns only
    (guidance/views/entry_parts.py).
    """
    countries = list(countries)
    sections = list(sections)
    indicators = list(indicators)
    chosen = _records_by_country(records, year, countries)
    record_ids = [record.pk for record in chosen.values()]
    items = _entries(entries, record_ids, sections)
    values = _indicator_values(record_ids, indicators)
    return Comparison(
        year=year,
        countries=countries,
        records=chosen,
        section_rows=_rows(sections, countries, chosen, items, "section_id"),
        indicator_rows=_rows(indicators, countries, chosen, values, "indicator_id"),
    )


def _entries(entries, record_ids, sections):
    if not record_ids or not sections:
        return []
    if entries is None:
        entries = SectionEntry.objects.all()
    return list(entries.filter(system_id__in=record_ids, section__in=sections).order_by())


def _indicator_values(record_ids, indicators):
    if not record_ids or not indicators:
        return []
    values = IndicatorValue.objects.filter(system_id__in=record_ids, indicator__in=indicators)
    return list(values.order_by())


def _rows(subjects, countries, chosen, items, subject_field):
    by_key = {(item.system_id, getattr(item, subject_field)): item for item in items}
    rows = []
    for subject in subjects:
        row = Row(subject)
        for country in countries:
            record = chosen.get(country.pk)
            item = by_key.get((record.pk, subject.pk)) if record else None
            row.cells.append(Cell(country=country, subject=subject, record=record, item=item))
        rows.append(row)
    return rows
