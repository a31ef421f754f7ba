"""The home page's map: the static SVG (scripts/build_map.py) with each country's shape
given a class for its band, by record coverage of a collection or by one indicator's answer.

Colours live in static/css/site.css (the CSP forbids inline style); every band also has a
text label, shown in the legend and in the table that repeats the map for screen readers.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from guidance.models import IndicatorAnswer
from guidance.reading.designations import KOSOVO

SVG_PATH = Path(settings.BASE_DIR) / "guidance" / "static" / "guidance" / "map" / "europe.svg"
SHAPE = re.compile(r'<path id="(?P<code>[A-Z]{2})" class="country" (?P<rest>[^>]*)/>')

COVERAGE_BANDS = [
    ("band-none", _("no record in this collection")),
    ("band-low", _("fewer than half of the sections written")),
    ("band-mid", _("half or more of the sections written")),
    ("band-full", _("every section written")),
]
INDICATOR_BANDS = [
    ("band-none", _("no answer")),
    ("band-low", IndicatorAnswer.NO.label),
    ("band-mid", IndicatorAnswer.PARTIAL.label),
    ("band-full", IndicatorAnswer.YES.label),
]
_ANSWER_BAND = {IndicatorAnswer.NO: "band-low", IndicatorAnswer.PARTIAL: "band-mid",
                IndicatorAnswer.YES: "band-full"}  # fmt: skip


@dataclass
class MapRow:
    country: object
    band: str
    label: str
    detail: str = ""


@cache
def _svg_source():
    return SVG_PATH.read_text(encoding="utf-8")


def coverage_rows(comparison, section_count):
    """One row per country: its band by the share of sections its record has written."""
    labels = dict(COVERAGE_BANDS)
    written = {country.pk: 0 for country in comparison.countries}
    for row in comparison.section_rows:
        for cell in row.cells:
            written[cell.country.pk] += cell.reported
    rows = []
    for country in comparison.countries:
        if country.pk not in comparison.records or not section_count:
            band = "band-none"
        elif written[country.pk] == section_count:
            band = "band-full"
        elif written[country.pk] * 2 >= section_count:
            band = "band-mid"
        else:
            band = "band-low"
        detail = f"{written[country.pk]}/{section_count}" if band != "band-none" else ""
        rows.append(MapRow(country, band, labels[band], detail))
    return rows


def indicator_rows(comparison):
    """One row per country: its band by its answer to the one indicator in `comparison`."""
    labels = dict(INDICATOR_BANDS)
    rows = []
    for cell in comparison.indicator_rows[0].cells:
        band = _ANSWER_BAND.get(cell.item.answer, "band-none") if cell.item else "band-none"
        detail = str(cell.item.since_year or "") if cell.item else ""
        rows.append(MapRow(cell.country, band, labels[band], detail))
    return rows


def coloured_svg(rows):
    """The map's markup with each shape's band class, and each country in scope a link to
    its profile named (and titled) by country and band: a pointer or keyboard stop.

    With links inside, the map is a group of them rather than one image.
    """
    by_code = {row.country.code: row for row in rows}

    def shape(match):
        row = by_code.get(match["code"])
        if row is None:
            return match[0].replace('class="country"', 'class="country band-out"')
        mark = "*" if row.country.code == KOSOVO else ""  # the page's footnote explains it
        title = escape(f"{row.country.name}{mark}: {row.label}")
        url = reverse("guidance:country", args=[row.country.code])
        return (
            f'<a href="{url}" class="map-link" aria-label="{title}">'
            f'<path id="map-{row.country.code}" class="country {row.band}" {match["rest"]}>'
            f"<title>{title}</title></path></a>"
        )

    svg = _svg_source().replace('role="img"', 'role="group"', 1)
    return mark_safe(SHAPE.sub(shape, svg))
