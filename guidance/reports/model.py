"""What a report says, whatever its format: a title page, parts with numbered references,
a bibliography, the licence, the citation to use and the demo notice."""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from guidance.reading import demo, licences


@dataclass
class Reference:
    """One cited source with its number in the report's bibliography."""

    number: int
    source: object

    @property
    def label(self):
        return f"[{self.number}]"

    @property
    def text(self):
        """The bibliography entry as plain text, as the site's source lists write it."""
        source = self.source
        text = source.title
        if source.publisher:
            text += f", {source.publisher}"
        if source.year:
            text += f", {source.year}"
        if source.accessed_on:
            accessed = date_format(source.accessed_on, "DATE_FORMAT")
            text += " (" + _("accessed %(date)s") % {"date": accessed} + ")"
        if source.url:
            text += f". {source.url}"
        return text


class Bibliography:
    """Numbers sources in the order they are first cited; a source cited again keeps its number.

    A part lists its references in number order, whatever the order of its sources.
    """

    def __init__(self):
        self._by_source = {}

    def cite(self, sources):
        references = []
        for source in sources:
            reference = self._by_source.get(source.pk)
            if reference is None:
                reference = Reference(len(self._by_source) + 1, source)
                self._by_source[source.pk] = reference
            if reference not in references:
                references.append(reference)
        return sorted(references, key=lambda reference: reference.number)

    @property
    def references(self):
        return list(self._by_source.values())


@dataclass
class Part:
    """A heading with what stands under it: sanitised HTML (stored, from Markdown), plain
    lines, a note on where the text comes from, and the references it rests on."""

    heading: str
    level: int = 2
    anchor: str = ""
    note: str = ""
    html: str = ""
    lines: list = field(default_factory=list)
    references: list = field(default_factory=list)
    unpublished: bool = False


@dataclass
class Report:
    """One report, written as PDF (guidance/reports/pdf.py) and DOCX (docx_writer.py)."""

    title: str
    subtitle: str
    collection_year: int
    reference_period: str
    url: str
    filename: str
    citation: object
    generated_on: object
    parts: list = field(default_factory=list)
    bibliography: list = field(default_factory=list)
    extra_facts: list = field(default_factory=list)
    unpublished: bool = False

    @property
    def facts(self):
        """(label, value) lines of the title page: the collection and reference period first."""
        facts = [(_("Collection"), str(self.collection_year))]
        if self.reference_period:
            facts.append((_("Reference period"), self.reference_period))
        return facts + self.extra_facts

    @property
    def demo_notice(self):
        return demo.demo_notice()

    @property
    def licence_name(self):
        return f"{licences.CONTENT_LICENCE_NAME} ({licences.CONTENT_LICENCE})"

    @property
    def licence_url(self):
        return licences.CONTENT_LICENCE_URL

    @property
    def licence_text(self):
        return _(
            "The text of this report may be reused under %(licence)s, with attribution "
            "(see “How to cite”). The cited sources keep their publishers' terms."
        ) % {"licence": self.licence_name}

    @property
    def citation_text(self):
        return self.citation.as_text()
