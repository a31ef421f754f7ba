"""How to cite a record, or one section of a record: text, BibTeX, RIS and CSL-JSON.

The permalink of a record is its collection's address (/countries/IT/2023/), never the
"latest" address, so a citation keeps pointing at the text that was cited.

Each writer escapes what its format needs, whatever the stored text holds (rows written
before single-line fields refused line breaks may hold them): the text citation and RIS
put every value on one line, as a line break in RIS starts a new tag (a forged
reference); BibTeX also escapes what LaTeX and BibTeX read specially, so a value cannot
close its field or open another entry; CSL-JSON is written by json.dumps.

What is cited is decided once, by `citation_metadata` (the one place that reads a record,
policy or initiative): every format and the text on the page write the same fields. The
issued date is when the cited text was published on this site (`published_at`): the
reader cites that text, and a record of the 2023 collection may be published later. Only
content not yet published (a draft its own experts read) has no such date; it is issued
in its collection's year. The collection year stays in the key, the container and the
permalink, so the citation still says which collection it is. The accessed date is the
day the citation was made.

Every format names the content's licence (CC BY 4.0) where it has a field for it (BibTeX
`license`, CSL-JSON `license`, RIS a note, as RIS has no rights tag) and, while the site
holds demo content, says it is illustrative demo content, not a Cedefop record (BibTeX
`addendum`, which biblatex prints after the entry; CSL-JSON `note`; RIS `N1`; the end of
the text).
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from guidance.models import GuidanceSystem
from guidance.models.clean_text import SINGLE_LINE_FORBIDDEN
from guidance.reading import demo, licences

SITE_NAME = "Lifelong Guidance Inventory"
BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "%": r"\%",
        "#": r"\#",
        "&": r"\&",
        "$": r"\$",
        "_": r"\_",
        "^": r"\textasciicircum{}",
        "~": r"\textasciitilde{}",
    }
)
BIBTEX_KEY_FORBIDDEN = re.compile(r"[^A-Za-z0-9_:-]")


@dataclass
class Citation:
    key: str
    title: str
    author: str
    container: str
    issued: date | int
    url: str
    accessed: date

    @property
    def licence(self):
        return f"{licences.CONTENT_LICENCE} ({licences.CONTENT_LICENCE_URL})"

    @property
    def demo_note(self):
        """The demo notice, or "" when the site holds real content."""
        return demo.demo_notice()

    @property
    def year(self):
        return self.issued if isinstance(self.issued, int) else self.issued.year

    @property
    def issued_on(self):
        """The full issued date, or None when only its year is known."""
        return None if isinstance(self.issued, int) else self.issued

    def as_text(self):
        published = f" {self.issued_on.isoformat()}." if self.issued_on else ""
        text = _(
            "%(author)s (%(year)s). %(title)s. In %(container)s.%(published)s "
            "%(url)s (accessed %(accessed)s)."
        ) % {
            "author": one_line(self.author),
            "year": self.year,
            "title": one_line(self.title),
            "container": one_line(self.container),
            "published": published,
            "url": one_line(self.url),
            "accessed": self.accessed.isoformat(),
        }
        text += " " + _("Licence: %(licence)s.") % {"licence": licences.CONTENT_LICENCE}
        return f"{text} {self.demo_note}" if self.demo_note else text

    def as_bibtex(self):
        fields = {
            "author": "{" + bibtex_escape(self.author) + "}",
            "title": bibtex_escape(self.title),
            "howpublished": bibtex_escape(self.container),
            "year": str(self.year),
            "url": bibtex_url(self.url),
            "urldate": self.accessed.isoformat(),
        }
        if self.issued_on:
            fields["note"] = f"Published {self.issued_on.isoformat()}"
        if self.demo_note:
            fields["addendum"] = bibtex_escape(self.demo_note)
        fields["license"] = bibtex_escape(self.licence)
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        return f"@misc{{{BIBTEX_KEY_FORBIDDEN.sub('', self.key)},\n{body}\n}}\n"

    def as_ris(self):
        lines = [
            ("TY", "ELEC"),
            ("AU", self.author),
            ("TI", self.title),
            ("T2", self.container),
            ("PY", str(self.year)),
            ("UR", self.url),
            ("Y2", self.accessed.strftime("%Y/%m/%d")),
        ]
        if self.issued_on:
            lines.append(("DA", self.issued_on.strftime("%Y/%m/%d")))
        if self.demo_note:
            lines.append(("N1", self.demo_note))
        lines.append(("N1", f"Licence: {self.licence}"))
        lines.append(("ER", ""))
        return "".join(f"{tag}  - {one_line(value)}".rstrip() + "\r\n" for tag, value in lines)

    def as_csl_json(self):
        item = {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "author": [{"literal": self.author}],
            "container-title": self.container,
            "issued": {"date-parts": [_date_parts(self.issued_on) or [self.year]]},
            "accessed": {"date-parts": [_date_parts(self.accessed)]},
            "URL": self.url,
            "license": self.licence,
        }
        if self.demo_note:
            item["note"] = self.demo_note
        return json.dumps([item], ensure_ascii=False, indent=2)


def _date_parts(day):
    return [day.year, day.month, day.day] if day else None


def one_line(text):
    """`text` with its line breaks, control characters and runs of white space as one space."""
    return " ".join(SINGLE_LINE_FORBIDDEN.sub(" ", text).split())


def bibtex_escape(text):
    """One line, with LaTeX's special characters written as commands.

    Braces become \\textbraceleft{} and \\textbraceright{}, not \\{ and \\}: BibTeX counts
    every brace, escaped or not, so only these keep a value's braces balanced."""
    return one_line(text).translate(BIBTEX_SPECIAL)


def bibtex_url(url):
    """One line, with the characters that would end the field percent-encoded."""
    return one_line(url).replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _author(content):
    default = getattr(settings, "DEMO_INVENTORY_AUTHOR", SITE_NAME)
    return getattr(content, "contributors", "") or default


def issued(content, fallback_year):
    """The day `content` was published, or `fallback_year` while it is unpublished."""
    return content.published_at.date() if content.published_at else fallback_year


def citation_metadata(content, url, accessed):
    """What a citation of a record, policy or initiative says, in every format."""
    if isinstance(content, GuidanceSystem):
        return _record_metadata(content, url, accessed)
    return _item_metadata(content, url, accessed)


def _record_metadata(record, url, accessed):
    year = record.collection.year
    return Citation(
        key=f"lgi-{record.country.code.lower()}-{year}",
        title=_("Lifelong guidance system: %(country)s") % {"country": record.country.name},
        author=_author(record),
        container=_("%(site)s, collection %(year)s") % {"site": SITE_NAME, "year": year},
        issued=issued(record, year),
        url=url,
        accessed=accessed,
    )


def _item_metadata(item, url, accessed):
    """A policy or an initiative: it belongs to no collection, so its key is its number."""
    kind = item._meta.model_name
    return Citation(
        key=f"lgi-{kind}-{item.pk}",
        title=item.title,
        author=_author(item),
        container=_("%(site)s, %(kind)s of %(country)s")
        % {
            "site": SITE_NAME,
            "kind": item._meta.verbose_name_plural,
            "country": item.country.name,
        },
        issued=issued(item, item.created_at.year),
        url=url,
        accessed=accessed,
    )


def cite_compilation(key, title, year, url, accessed):
    """A page gathering many records (a comparison, one section across countries): cited as
    the site's compilation from collection `year`, at the address that rebuilds it."""
    return Citation(
        key=key,
        title=title,
        author=_author(None),
        container=_("%(site)s, collection %(year)s") % {"site": SITE_NAME, "year": year},
        issued=year,
        url=url,
        accessed=accessed,
    )


def cite_section(record, section, url, accessed):
    citation = citation_metadata(record, url, accessed)
    citation.key = f"{citation.key}-{section.slug}"
    citation.title = _("%(country)s: %(section)s") % {
        "country": record.country.name,
        "section": section.title,
    }
    return citation


FORMATS = {
    "bib": ("as_bibtex", "application/x-bibtex; charset=utf-8"),
    "ris": ("as_ris", "application/x-research-info-systems; charset=utf-8"),
    "json": ("as_csl_json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
}
