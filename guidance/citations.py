"""How to cite a record, or one section of a record: text, BibTeX, RIS and CSL-JSON.

The permalink of a record is its collection's address (/countries/IT/2023/), never the
"latest" address, so a citation keeps pointing at the text that was cited.
"""

import json
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

SITE_NAME = "Lifelong Guidance Inventory"


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
            "author": self.author,
            "year": self.year,
            "title": self.title,
            "container": self.container,
            "published": published,
            "url": self.url,
            "accessed": self.accessed.isoformat(),
        }

    def as_bibtex(self):
        fields = {
            "author": "{" + _bibtex_escape(self.author) + "}",
            "title": _bibtex_escape(self.title),
            "howpublished": _bibtex_escape(self.container),
            "year": str(self.year),
            "url": self.url,
            "urldate": self.accessed.isoformat(),
        }
        if self.published:
            fields["note"] = f"Published {self.published.isoformat()}"
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        return f"@misc{{{self.key},\n{body}\n}}\n"

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
        return "".join(f"{tag}  - {value}".rstrip() + "\r\n" for tag, value in lines)

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


def _bibtex_escape(text):
    """BibTeX treats braces, and LaTeX these characters, specially; the rest goes as it is."""
    text = text.replace("{", "").replace("}", "").replace("\\", "")
    for char in "&%$#_":
        text = text.replace(char, "\\" + char)
    return text


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
