"""A record's draft as a DOCX file to edit in Word: one heading per section, text as typed.

Each section's Markdown source is written line by line, one plain paragraph a line, so
that what comes back from Word is the same Markdown when nothing was changed (a lossless
round trip). Under it, in grey italics in a style of their own, the previous collection's
text and the section's sources are given for reference; the upload skips that style.
"""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import RGBColor

from guidance.models import GuidanceSystem, Section, SectionEntry
from guidance.word import layout

# Dark enough grey for contrast (7:1 on white), so the reference text stays readable.
REFERENCE_GREY = RGBColor(0x59, 0x59, 0x59)
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def filename(record):
    return f"{record.country.code}-{record.collection.year}-record-{record.pk}.docx"


def record_docx(record):
    """The DOCX file (bytes) of `record`: its sections, their texts, the section map."""
    sections = list(Section.objects.order_by("number"))
    entries = {
        entry.section_id: entry
        for entry in SectionEntry.objects.filter(system=record).prefetch_related("sources")
    }
    previous_year, previous = _previous_texts(record)
    document = Document()
    _add_reference_style(document)
    _add_front_matter(document, record)
    for section in sections:
        entry = entries.get(section.pk)
        document.add_heading(layout.heading_text(section), level=1)
        _add_lines(document, entry.body if entry else "")
        if previous_year is not None:
            _add_previous(document, previous_year, previous.get(section.pk, ""))
        if entry is not None:
            _add_sources(document, entry.sources.all())
    document.core_properties.title = str(record)
    document.core_properties.category = layout.CATEGORY
    layout.store_map(document, layout.dump_map(record, sections, entries))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _previous_texts(record):
    """The year of the record this one is based on, and its text for each section."""
    if record.based_on_id is None:
        return None, {}
    year = (
        GuidanceSystem.objects.filter(pk=record.based_on_id)
        .values_list("collection__year", flat=True)
        .first()
    )
    bodies = SectionEntry.objects.filter(system_id=record.based_on_id)
    return year, dict(bodies.values_list("section_id", "body"))


def _add_reference_style(document):
    style = document.styles.add_style(layout.REFERENCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.next_paragraph_style = document.styles["Normal"]
    style.font.italic = True
    style.font.color.rgb = REFERENCE_GREY


def _add_front_matter(document, record):
    document.add_heading(str(record), level=0)
    for line in (
        _(
            "Write each section's text under its heading, in Markdown as on the record page "
            "(**bold**, *italic*, lines starting with “- ” for lists, [text](https://...) "
            "for links)."
        ),
        _(
            "Keep the headings and their numbers. Grey italic paragraphs are for reference "
            "and are not uploaded. Accept or reject tracked changes before uploading."
        ),
        _(
            "Upload the file on the record's page (“Upload from Word”): you see what would "
            "change, section by section, and choose what to save."
        ),
    ):
        document.add_paragraph(line, style=layout.REFERENCE_STYLE)


def _add_lines(document, markdown):
    """The Markdown source, one paragraph a line; an empty section gets one empty paragraph
    to click into."""
    for line in markdown.split("\n") if markdown else [""]:
        document.add_paragraph(line)


def _add_previous(document, year, body):
    label = _("Previous collection (%(year)s) – for reference, not uploaded:") % {"year": year}
    document.add_paragraph(label, style=layout.REFERENCE_STYLE)
    for line in body.split("\n") if body else [_("No text.")]:
        document.add_paragraph(line, style=layout.REFERENCE_STYLE)


def _add_sources(document, sources):
    sources = list(sources)
    if not sources:
        return
    document.add_paragraph(
        _("Sources – for reference, not uploaded (change them on the record page):"),
        style=layout.REFERENCE_STYLE,
    )
    for source in sources:
        text = f"– {source}" + (f" {source.url}" if source.url else "")
        document.add_paragraph(text, style=layout.REFERENCE_STYLE)
