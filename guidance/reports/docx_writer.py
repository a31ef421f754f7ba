"""A report as DOCX (python-docx): the same Report the PDF is made from, in Word's styles.

A title page (the collection, the reference period, the demo notice), then the parts as
headings with their text (html_to_docx), each followed by its sources as superscript
reference numbers; a bibliography, the licence and the citation to use. The footer
carries the title and the page number (a PAGE field, which Word fills in).
"""

from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from guidance.reports.html_to_docx import add_html

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTE_COLOUR = RGBColor(0x44, 0x44, 0x44)


def render_docx(report, language):
    document = Document()
    _properties(document, report, language)
    _footer(document, report)
    _title_page(document, report)
    for part in report.parts:
        _part(document, part)
    _bibliography(document, report)
    _rights(document, report)
    output = BytesIO()
    document.save(output)
    return output.getvalue()


def _properties(document, report, language):
    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.subtitle
    properties.author = report.citation.author
    properties.language = language
    properties.keywords = _("lifelong guidance")
    styles = document.styles
    styles["Normal"].font.name = "DejaVu Sans"
    styles["Normal"].font.size = Pt(10)


def _footer(document, report):
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.add_run(f"{report.title} · ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _title_page(document, report):
    document.add_paragraph(_("Lifelong Guidance Inventory"), style="Subtitle")
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.subtitle, style="Subtitle")
    for label, value in report.facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    if report.unpublished:
        paragraph = document.add_paragraph()
        paragraph.add_run(_("Not public.") + " ").bold = True
        paragraph.add_run(
            _("This report includes content that is not yet published: do not share or cite it.")
        )
    if report.demo_notice:
        paragraph = document.add_paragraph(style="Intense Quote")
        paragraph.add_run(_("Demonstration content.") + " ").bold = True
        paragraph.add_run(report.demo_notice)
    document.add_paragraph(_("Online version:") + f" {report.url}")
    generated = date_format(report.generated_on, "DATE_FORMAT")
    document.add_paragraph(
        _("Generated on %(date)s.") % {"date": generated}
        + " "
        + _("Licence:")
        + f" {report.licence_name}."
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _part(document, part):
    document.add_heading(part.heading, level=part.level - 1)
    if part.note:
        run = document.add_paragraph().add_run(part.note)
        run.font.size = Pt(8.5)
        run.font.color.rgb = NOTE_COLOUR
    if part.html:
        add_html(document, part.html)
    for line in part.lines:
        document.add_paragraph(line)
    if part.references:
        paragraph = document.add_paragraph()
        paragraph.add_run(_("Sources:") + " ")
        for index, reference in enumerate(part.references):
            if index:
                paragraph.add_run(" ")
            paragraph.add_run(reference.label).font.superscript = True


def _bibliography(document, report):
    document.add_page_break()
    document.add_heading(_("Bibliography"), level=1)
    if not report.bibliography:
        document.add_paragraph(_("No sources are cited in this report."))
    for reference in report.bibliography:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{reference.label} ").bold = True
        paragraph.add_run(reference.text)


def _rights(document, report):
    document.add_heading(_("Licence"), level=1)
    document.add_paragraph(f"{report.licence_text} {report.licence_url}")
    document.add_heading(_("How to cite"), level=1)
    document.add_paragraph(report.citation_text)
    if report.demo_notice:
        document.add_heading(_("Demonstration content"), level=1)
        document.add_paragraph(report.demo_notice)
