"""Reports built from what the matching page reads, narrowed to what the reader may read.

The caller passes a record it found through `record_or_404`, or a comparison built from
`visible_records(reader)` (guidance/views/common.py), as the pages do; the sources listed
are those the reader may read (`readable.linked_rows`). A report is therefore never more
than its page shows its reader: the public's holds published content alone.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from guidance.models import Section, SectionEntry
from guidance.reading import readable
from guidance.reading.citations import citation_metadata, cite_compilation
from guidance.reports.model import Bibliography, Part, Report

# At most this many countries in one comparison report (its sections are all of them by
# default): 10 countries x 21 sections is some 200 texts, a report of a few dozen pages.
MAX_REPORT_COUNTRIES = 10


def entries_with_sources(reader):
    """Section entries in full, with the sources `reader` may read: what a report prints."""
    return SectionEntry.objects.defer("search_vector").prefetch_related(
        readable.linked_rows(reader, SectionEntry, "sources")
    )


def record_report(record, reader, url, today):
    """A country's record: its summary and every section, as /countries/<code>/<year>/."""
    citation = citation_metadata(record, url, today)
    entries = {
        entry.section_id: entry
        for entry in entries_with_sources(reader).filter(system=record).order_by()
    }
    bibliography = Bibliography()
    parts = []
    if record.summary_html:
        parts.append(Part(_("Summary"), anchor="summary", html=record.summary_html))
    for section in Section.objects.all():
        parts.append(_section_part(section, entries.get(section.pk), record, bibliography))
    values = record.indicator_values.select_related("indicator").order_by(
        "indicator__position", "id"
    )
    lines = [f"{value.indicator.name}: {_answer(value)}" for value in values]
    if lines:
        parts.append(Part(_("Indicators"), anchor="indicators", lines=lines))
    facts = [(_("Country"), record.country.name)]
    if record.contributors:
        facts.append((_("Compiled by"), record.contributors))
    if not record.is_published:
        facts.append((_("Status"), _("%(status)s: not public") % _status(record)))
    return Report(
        title=citation.title,
        subtitle=_("Country record, %(year)s collection") % {"year": record.collection.year},
        collection_year=record.collection.year,
        reference_period=record.reference_period_display,
        url=url,
        filename=citation.key,
        citation=citation,
        generated_on=today,
        parts=parts,
        bibliography=bibliography.references,
        extra_facts=facts,
        unpublished=not record.is_published,
    )


def comparison_report(comparison, reference_period, url, today):
    """A comparison: each section with every chosen country's text, then the indicators."""
    bibliography = Bibliography()
    parts = []
    for row in comparison.section_rows:
        section = row.subject
        parts.append(Part(_section_heading(section), anchor=f"section-{section.slug}"))
        for cell in row.cells:
            parts.append(_cell_part(cell, cell.country.name, 3, bibliography))
    if comparison.indicator_rows:
        parts.append(Part(_("Indicators"), anchor="indicators"))
        for row in comparison.indicator_rows:
            lines = [_indicator_line(cell) for cell in row.cells]
            parts.append(Part(row.subject.name, level=3, lines=lines))
    names = ", ".join(country.name for country in comparison.countries)
    title = _("Comparison of lifelong guidance systems")
    codes = "-".join(country.code.lower() for country in comparison.countries)
    key = f"lgi-comparison-{comparison.year}-{codes}"
    return Report(
        title=title,
        subtitle=names,
        collection_year=comparison.year,
        reference_period=reference_period,
        url=url,
        filename=key,
        citation=cite_compilation(key, f"{title}: {names}", comparison.year, url, today),
        generated_on=today,
        parts=parts,
        bibliography=bibliography.references,
        extra_facts=[
            (_("Countries"), names),
            (_("Sections"), str(len(comparison.section_rows))),
        ],
        unpublished=_any_unpublished(comparison),
    )


def section_report(comparison, reference_period, url, today):
    """One section across countries, as /sections/<slug>/: the reporting countries' texts,
    then those that have not reported."""
    section = comparison.section_rows[0].subject
    bibliography = Bibliography()
    cells = comparison.section_rows[0].cells
    parts = [
        _cell_part(cell, cell.country.name, 2, bibliography) for cell in cells if cell.reported
    ]
    missing = [cell.country.name for cell in cells if not cell.reported]
    if missing:
        parts.append(Part(_("Not reported"), anchor="not-reported", lines=[", ".join(missing)]))
    title = _section_heading(section)
    key = f"lgi-{section.slug}-{comparison.year}"
    return Report(
        title=title,
        subtitle=_("One section across countries"),
        collection_year=comparison.year,
        reference_period=reference_period,
        url=url,
        filename=key,
        citation=cite_compilation(key, title, comparison.year, url, today),
        generated_on=today,
        parts=parts,
        bibliography=bibliography.references,
        extra_facts=[(_("Countries reporting"), str(len(cells) - len(missing)))],
        unpublished=_any_unpublished(comparison),
    )


def comparison_entries(reader):
    """The entries a comparison report reads: `build_comparison(entries=...)`."""
    return entries_with_sources(reader)


def _section_part(section, entry, record, bibliography):
    heading = _section_heading(section)
    anchor = f"section-{section.slug}"
    if entry is None or not entry.body:
        return Part(heading, anchor=anchor, lines=[_("Not reported for this collection.")])
    return Part(
        heading,
        anchor=anchor,
        note=_entry_note(entry),
        html=entry.body_html,
        references=bibliography.cite(entry.sources.all()),
        unpublished=not record.is_published,
    )


def _cell_part(cell, heading, level, bibliography):
    anchor = f"{cell.subject.slug}-{cell.country.code.lower()}"
    if cell.record is None:
        return Part(heading, level, anchor, lines=[_("No record in this collection or before.")])
    year = cell.record.collection.year
    if not cell.reported:
        text = _("Not reported in its %(year)s record.") % {"year": year}
        return Part(heading, level, anchor, lines=[text])
    note = _("Record %(year)s") % {"year": year} + " · " + _entry_note(cell.item)
    if not cell.record.is_published:
        note += " · " + _("%(status)s: not public") % _status(cell.record)
    return Part(
        heading,
        level,
        anchor,
        note=note,
        html=cell.item.body_html,
        references=bibliography.cite(cell.item.sources.all()),
        unpublished=not cell.record.is_published,
    )


def _indicator_line(cell):
    name = cell.country.name
    if cell.item is None:
        answer = _("Not reported") if cell.record else _("No record")
        return f"{name}: {answer}"
    record = " (" + _("record %(year)s") % {"year": cell.year} + ")"
    return f"{name}: {_answer(cell.item, record)}"


def _answer(value, after_years=""):
    """An indicator's answer as the profile's table and the grid show it, on one line."""
    text = str(value.get_answer_display())
    if value.since_year:
        text += " " + _("since %(year)s") % {"year": value.since_year}
    if value.until_year:
        text += " " + _("until %(year)s") % {"year": value.until_year}
    text += after_years
    return f"{text}. {value.note}" if value.note else text


def _entry_note(entry):
    updated = date_format(entry.updated_at, "DATE_FORMAT")
    return f"{entry.get_completeness_display()} · " + _("last updated %(date)s") % {"date": updated}


def _section_heading(section):
    return f"{section.number}. {section.title}"


def _status(record):
    return {"status": record.get_status_display()}


def _any_unpublished(comparison):
    return any(not record.is_published for record in comparison.records.values())
