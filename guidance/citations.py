"""How to cite a record, or one section of a record: text, BibTeX, RIS and CSL-JSON.

The permalink of a record is its collection's address (/countries/IT/2023/), never the
"latest" address, so a citation keeps pointing at the text that was cited.

Each writer escapes what its format needs, whatever the stored text holds (rows written
before single-line fields refused line breaks may hold them): the text citation and RIS
put every value on one line, as a line break in RIS starts a new tag (a forged
reference); BibTeX also escapes what LaTeX and BibTeX read specially, so a value cannot
close its field or open another entry; CSL-JSON is written by json.dumps.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from guidance.models.clean_text import SINGLE_LINE_FORBIDDEN

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
    year: int
    published: date | None
    url: str
    accessed: date

    def as_text(self):
        published = f" {self.published.isoformat()}." if self.published else ""
        return _(
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

    def as_bibtex(self):
        fields = {
            "author": "{" + bibtex_escape(self.author) + "}",
            "title": bibtex_escape(self.title),
            "howpublished": bibtex_escape(self.container),
            "year": str(self.year),
            "url": bibtex_url(self.url),
            "urldate": self.accessed.isoformat(),
        }
        if self.published:
            fields["note"] = f"Published {self.published.isoformat()}"
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
        if self.published:
            lines.append(("DA", self.published.strftime("%Y/%m/%d")))
        lines.append(("ER", ""))
        return "".join(f"{tag}  - {one_line(value)}".rstrip() + "\r\n" for tag, value in lines)

    def as_csl_json(self):
        item = {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "author": [{"literal": self.author}],
            "container-title": self.container,
            "issued": {"date-parts": [_date_parts(self.published) or [self.year]]},
            "accessed": {"date-parts": [_date_parts(self.accessed)]},
            "URL": self.url,
        }
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


def _author(record):
    return record.contributors or getattr(settings, "DEMO_INVENTORY_AUTHOR", SITE_NAME)


def cite_record(record, url, accessed):
    year = record.collection.year
    return Citation(
        key=f"lgi-{record.country.code.lower()}-{year}",
        title=_("Lifelong guidance system: %(country)s") % {"country": record.country.name},
        author=_author(record),
        container=_("%(site)s, collection %(year)s") % {"site": SITE_NAME, "year": year},
        year=year,
        published=record.published_at.date() if record.published_at else None,
        url=url,
        accessed=accessed,
    )


def cite_section(record, section, url, accessed):
    citation = cite_record(record, url, accessed)
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
