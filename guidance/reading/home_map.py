"""The map of Europe: the static SVG (scripts/build_map.py) with each country's shape
given a class for its band, by record coverage of a collection, by one indicator's answer
or by matching policies (guidance/views/policy_map.py).

Colours live in static/css/site.css (the CSP forbids inline style); every band also has a
text label, shown in the legend and in the table that repeats the map for screen readers.

What the SVG cannot show is put beside it as insets, built here at render time rather than
drawn into the SVG: which entities have no outline (Belgium's communities) and what a
country is called depend on the database, while the SVG is built offline from geometry
alone. So `map_insets` sorts every country in scope into its shape, an inset of the
sub-national entities of its state, or the inset of small states (whose tiny outline the
SVG also marks with a circle symbol), and anything else into a last inset, so that no
country in scope is ever missing from the map.
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
SHAPE = re.compile(
    r'<path id="(?P<code>[A-Z]{2})" class="country" (?P<rest>[^>]*)/>'
    r'(?:<circle class="symbol" (?P<symbol>[^>]*)/>)?'
)

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
    url: str = ""  # where the detail links to, if anywhere


@dataclass
class Inset:
    """A box beside the map listing countries it cannot show well, each a link."""

    kind: str  # "entities", "small" or "undrawn": the tile's shape in CSS
    title: str
    caption: str
    rows: list


@cache
def _svg_source():
    return SVG_PATH.read_text(encoding="utf-8")


@cache
def drawn_codes():
    """The codes with an outline in the SVG, and those of them marked by a circle symbol."""
    matches = list(SHAPE.finditer(_svg_source()))
    return (
        frozenset(m["code"] for m in matches),
        frozenset(m["code"] for m in matches if m["symbol"]),
    )


def map_insets(rows):
    """The insets for `rows`: one per state with sub-national entities, the small states,
    and (should one ever be added without an outline) the countries not drawn at all."""
    shapes, symbols = drawn_codes()
    by_pk = {row.country.pk: row.country for row in rows}
    entities, small, undrawn = {}, [], []
    for row in rows:
        country = row.country
        if country.code in symbols:
            small.append(row)
        elif country.code in shapes:
            continue
        elif country.parent_id is not None:
            entities.setdefault(country.parent_id, []).append(row)
        else:
            undrawn.append(row)
    insets = [_entities_inset(by_pk.get(pk), members) for pk, members in entities.items()]
    if small:
        insets.append(
            Inset(
                "small",
                _("Small states"),
                _("Too small to see at this scale: each is also marked by a circle on the map."),
                small,
            )
        )
    if undrawn:
        insets.append(
            Inset(
                "undrawn",
                _("Not drawn on the map"),
                _("The map has no outline for these."),
                undrawn,
            )
        )
    return insets


def _entities_inset(state, rows):
    name = state.name if state else rows[0].country.code.split("-")[0]
    return Inset(
        "entities",
        _("Parts of %(state)s with their own record") % {"state": name},
        _(
            "Schematic, not to scale: the map has no outlines below the national level, so "
            "each is a tile here. %(state)s's own shape is coloured by its own record."
        )
        % {"state": name},
        rows,
    )


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
            out = match[0].replace('class="country"', 'class="country band-out"')
            return out.replace('class="symbol"', 'class="symbol band-out"')
        mark = "*" if row.country.code == KOSOVO else ""  # the page's footnote explains it
        title = escape(f"{row.country.name}{mark}: {row.label}")
        url = reverse("guidance:country", args=[row.country.code])
        symbol = f'<circle class="symbol {row.band}" {match["symbol"]}/>' if match["symbol"] else ""
        return (
            f'<a href="{url}" class="map-link" aria-label="{title}">'
            f'<path id="map-{row.country.code}" class="country {row.band}" {match["rest"]}>'
            f"<title>{title}</title></path>{symbol}</a>"
        )

    svg = _svg_source().replace('role="img"', 'role="group"', 1)
    return mark_safe(SHAPE.sub(shape, svg))


def map_parts(rows, bands):
    """What templates/guidance/includes/map_view.html shows of `rows` coloured by `bands`."""
    return {
        "map_svg": coloured_svg(rows),
        "map_rows": rows,
        "map_bands": bands,
        "map_insets": map_insets(rows),
    }
