"""An uploaded DOCX file read back into proposed section texts, or refused with a reason.

Nothing here saves. A file is refused, with a message saying why, when it is too big,
not a DOCX (a zip with Word's main document), a zip that would unpack to far more than
it weighs (a zip bomb), damaged, made for another record, or when its headings no longer
match its section map. A section whose entry was saved by someone since the download is
a conflict: it is shown, but cannot be accepted (the same rule as the record page's).
"""

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from docx import Document

from guidance.models import Section, SectionEntry
from guidance.word import layout

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 1000
MAIN_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
TRACKED_CHANGES = ".//w:ins | .//w:del | .//w:moveFrom | .//w:moveTo"


class UploadRefused(Exception):
    """The file cannot be read as this record's draft; the message says why, for the expert."""


@dataclass(frozen=True)
class ProposedSection:
    """One section of the upload beside what is stored now."""

    section: Section
    entry_id: int | None
    seen_version: int | None
    stored: str
    uploaded: str
    conflict: bool

    @property
    def changed(self):
        return normalised(self.uploaded) != normalised(self.stored)


def normalised(markdown):
    """The text as compared: line endings unified, blank lines at either end dropped."""
    lines = [line.rstrip() for line in markdown.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def read_upload(upload, record):
    """The proposed sections of `upload` (a Django UploadedFile) for `record`, in order."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise UploadRefused(
            _("The file is larger than %(mb)d MB; a record's text is far smaller.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    _check_package(data)
    document = _open(data)
    section_map = layout.load_map(layout.stored_map(document))
    if section_map is None:
        raise UploadRefused(
            _(
                "This Word file was not downloaded from this inventory (it has no section "
                "map). Download the record with “Download for Word” and edit that file."
            )
        )
    _check_record(section_map, record)
    if document.element.body.xpath(TRACKED_CHANGES):
        raise UploadRefused(
            _(
                "The file has tracked changes. In Word, accept or reject all changes "
                "(Review › Accept › Accept All Changes), save, and upload it again."
            )
        )
    texts = _section_texts(document, section_map)
    return _proposals(record, section_map, texts)


def _check_package(data):
    """A zip holding Word's main document, whose members unpack to a bounded size."""
    not_docx = UploadRefused(
        _("This is not a Word document (.docx). Save it in Word as “Word Document (.docx)”.")
    )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise not_docx from None
    with package:
        members = package.infolist()
        if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            raise UploadRefused(_("The file unpacks to far more than a record's text; refused."))
        try:
            content_types = package.read("[Content_Types].xml")
            damaged = package.testzip()
        except (KeyError, zipfile.BadZipFile, ValueError, EOFError, OSError, RuntimeError):
            raise not_docx from None
    if damaged is not None:
        raise UploadRefused(_("The file is damaged (part of it is unreadable); save it again."))
    if MAIN_CONTENT_TYPE.encode() not in content_types:
        raise not_docx


def _open(data):
    """The document, or a refusal: python-docx raises many kinds of error on a broken file."""
    try:
        return Document(io.BytesIO(data))
    except Exception:  # any failure to parse is the same refusal for the expert
        raise UploadRefused(
            _("The file could not be read as a Word document; it may be damaged.")
        ) from None


def _check_record(section_map, record):
    same = (
        section_map["record"] == record.pk
        and section_map["country"] == record.country.code
        and section_map.get("collection") == record.collection.year
    )
    if not same:
        raise UploadRefused(
            _(
                "This file is the draft of another record (%(country)s, %(year)s), not of "
                "%(record)s. Upload it on that record's page."
            )
            % {
                "country": section_map["country"],
                "year": section_map.get("collection"),
                "record": record,
            }
        )


def _section_texts(document, section_map):
    """{section number: uploaded Markdown}, or a refusal when headings are missing or moved."""
    expected = [item["number"] for item in section_map["sections"]]
    texts, current = {}, None
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style == layout.HEADING_STYLE:
            current = layout.heading_number(paragraph.text)
            if current not in expected or current in texts:
                raise _broken_headings(paragraph.text)
            texts[current] = []
        elif current is not None and style != layout.REFERENCE_STYLE:
            texts[current].append(_markdown_line(paragraph))
    if list(texts) != expected:
        missing = [str(number) for number in expected if number not in texts]
        raise _broken_headings(", ".join(missing) or _("(order changed)"))
    return {number: "\n".join(lines).strip("\n") for number, lines in texts.items()}


def _broken_headings(which):
    return UploadRefused(
        _(
            "The section headings of the file were changed (%(which)s): every section must "
            "keep its heading, numbered as downloaded, in the same order. Nothing was read; "
            "download the record again and copy your text into it."
        )
        % {"which": which}
    )


def _markdown_line(paragraph):
    """A paragraph's text; one Word made a list item (typing "- " at a line's start) keeps
    its Markdown dash."""
    text = paragraph.text
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None and not text.startswith("- "):
        return f"- {text}"
    return text


def _proposals(record, section_map, texts):
    sections = {s.number: s for s in Section.objects.filter(number__in=texts)}
    entries = {e.section_id: e for e in SectionEntry.objects.filter(system=record)}
    proposals = []
    for item in section_map["sections"]:
        section = sections.get(item["number"])
        if section is None or section.slug != item["slug"]:
            raise _broken_headings(str(item["number"]))
        entry = entries.get(section.pk)
        stored = entry.body if entry else ""
        uploaded = texts[item["number"]]
        conflict = _conflict(entry, item)
        if conflict and _left_as_downloaded(entry, item, uploaded):
            uploaded, conflict = stored, False
        proposals.append(
            ProposedSection(
                section=section,
                entry_id=item["entry"],
                seen_version=item["version"],
                stored=stored,
                uploaded=uploaded,
                conflict=conflict,
            )
        )
    return proposals


def _conflict(entry, item):
    """Whether the entry is no longer the one downloaded: saved since, added or deleted."""
    if entry is None:
        return item["entry"] is not None
    return entry.pk != item["entry"] or entry.version != item["version"]


def _left_as_downloaded(entry, item, uploaded):
    """Whether the expert left a section someone else saved since as it was downloaded.

    Then the upload proposes nothing for it: the other person's text stays, unchanged,
    as the record page's three-way check keeps a part of the page the user left alone.
    """
    if item["entry"] is None:
        return normalised(uploaded) == ""
    if entry is None or entry.pk != item["entry"] or item["version"] is None:
        return False
    downloaded = (
        entry.history.filter(version=item["version"])
        .order_by("history_date")
        .values_list("body", flat=True)
        .last()
    )
    return downloaded is not None and normalised(downloaded) == normalised(uploaded)
