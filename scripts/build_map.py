"""Build the static SVG map of Europe from Natural Earth data (npm `world-atlas`, vendored).

Usage: python scripts/build_map.py [output.svg]  (or `make map`)

Reads data/world-atlas/countries-50m.json (TopoJSON, quantized), projects it with a Lambert
azimuthal equal-area projection centred on Europe, and writes one <path> per country in scope
(id = the country's code, as in fixtures/countries.yaml) plus the neighbours, unnamed, as
context. Runs offline and is deterministic: the test regenerates the file and compares.

A country whose outline fits in a box of less than SYMBOL_AREA square units (Liechtenstein,
Luxembourg, Malta and Cyprus at this scale) is followed by a circle symbol at the middle of
its box, `<circle class="symbol" .../>`, which guidance/reading/home_map.py puts in the same
link and colours with the same band: a few pixels of outline stay, the circle makes them
seen and clickable. Entities with no outline of their own (Belgium's communities) are not
drawn here: the page shows them as a labelled inset (home_map.map_insets).
Boundary choices (Kosovo, northern Cyprus, Crimea, Flanders) are in docs/decisions.md.
"""

import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "world-atlas" / "countries-50m.json"
OUTPUT = ROOT / "guidance" / "static" / "guidance" / "map" / "europe.svg"

# ISO 3166-1 numeric (world-atlas ids) -> the inventory's codes. Features without an id in
# world-atlas are matched by their Natural Earth name.
IN_SCOPE = {
    "040": "AT", "056": "BE", "100": "BG", "191": "HR", "196": "CY", "203": "CZ",
    "208": "DK", "233": "EE", "246": "FI", "250": "FR", "276": "DE", "300": "GR",
    "348": "HU", "372": "IE", "380": "IT", "428": "LV", "440": "LT", "442": "LU",
    "470": "MT", "528": "NL", "616": "PL", "620": "PT", "642": "RO", "703": "SK",
    "705": "SI", "724": "ES", "752": "SE", "352": "IS", "438": "LI", "578": "NO",
    "756": "CH", "008": "AL", "070": "BA", "268": "GE", "498": "MD", "499": "ME",
    "807": "MK", "688": "RS", "792": "TR", "804": "UA",
}  # fmt: skip
IN_SCOPE_BY_NAME = {"Kosovo": "XK"}
# Natural Earth's de facto view draws Crimea inside Russia; the inventory follows the
# internationally recognised border (UN GA resolution 68/262), so those polygons go to Ukraine.
RUSSIA, UKRAINE = "643", "804"
CRIMEA_BOX = (32.3, 44.2, 36.8, 46.3)  # lon_min, lat_min, lon_max, lat_max

WIDTH, HEIGHT = 800, 700
CENTRE_LON, CENTRE_LAT = 13.0, 54.0
SCALE = 920.0
OFFSET_X, OFFSET_Y = 400.0, 330.0
MARGIN = 40.0
SYMBOL_AREA = 300.0
SYMBOL_RADIUS = 7


def decode_arcs(topology):
    """Absolute (lon, lat) points of each delta-encoded, quantized arc."""
    (scale_x, scale_y), (translate_x, translate_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def in_crimea(polygon, arcs):
    points = ring_points(polygon[0], arcs)
    lon = sum(p[0] for p in points) / len(points)
    lat = sum(p[1] for p in points) / len(points)
    lon_min, lat_min, lon_max, lat_max = CRIMEA_BOX
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def recognised_borders(geometries, arcs):
    """Move Crimea from Russia's MultiPolygon to Ukraine's (see CRIMEA_BOX)."""
    by_id = {g.get("id"): g for g in geometries}
    russia, ukraine = by_id[RUSSIA], by_id[UKRAINE]
    crimea = [p for p in polygons(russia) if in_crimea(p, arcs)]
    if not crimea:
        return geometries
    moved_russia = {
        **russia,
        "type": "MultiPolygon",
        "arcs": [p for p in polygons(russia) if p not in crimea],
    }
    moved_ukraine = {**ukraine, "type": "MultiPolygon", "arcs": polygons(ukraine) + crimea}
    replaced = {RUSSIA: moved_russia, UKRAINE: moved_ukraine}
    return [replaced.get(g.get("id"), g) for g in geometries]


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def project(lon, lat):
    """Lambert azimuthal equal-area, centred on (CENTRE_LON, CENTRE_LAT), in SVG pixels."""
    lam, phi = math.radians(lon - CENTRE_LON), math.radians(lat)
    phi0 = math.radians(CENTRE_LAT)
    denominator = (
        1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
    )
    k = math.sqrt(2 / denominator) if denominator > 1e-9 else 0.0
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return OFFSET_X + SCALE * x, OFFSET_Y - SCALE * y


def visible(points):
    """A ring is drawn if its bounding box meets the frame (the SVG viewBox clips the rest)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (
        max(xs) >= -MARGIN
        and min(xs) <= WIDTH + MARGIN
        and max(ys) >= -MARGIN
        and min(ys) <= HEIGHT + MARGIN
    )


def path_data(geometry, arcs):
    parts = []
    for polygon in polygons(geometry):
        for ring in polygon:
            points = [project(lon, lat) for lon, lat in ring_points(ring, arcs)]
            if not visible(points):
                continue
            rounded = []
            for x, y in points:
                point = (round(x, 1), round(y, 1))
                if not rounded or rounded[-1] != point:
                    rounded.append(point)
            if len(rounded) < 3:
                continue
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in rounded) + "Z")
    return "".join(parts)


def symbol(data):
    """A circle marking a country too small to see, or "" for one that is big enough."""
    numbers = [float(n) for n in re.findall(r"-?[0-9.]+", data)]
    xs, ys = numbers[0::2], numbers[1::2]
    if (max(xs) - min(xs)) * (max(ys) - min(ys)) >= SYMBOL_AREA:
        return ""
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return (
        f'<circle class="symbol" cx="{round(cx, 1):g}" cy="{round(cy, 1):g}" r="{SYMBOL_RADIUS}"/>'
    )


def build_svg(topology):
    arcs = decode_arcs(topology)
    countries, context = [], []
    geometries = recognised_borders(topology["objects"]["countries"]["geometries"], arcs)
    for geometry in geometries:
        name = geometry.get("properties", {}).get("name", "")
        code = IN_SCOPE.get(geometry.get("id")) or IN_SCOPE_BY_NAME.get(name)
        data = path_data(geometry, arcs)
        if not data:
            continue
        if code:
            countries.append((code, name, data))
        else:
            context.append(data)
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'class="europe-map" role="img" aria-labelledby="europe-map-title">',
        '<title id="europe-map-title">Map of Europe: countries in the inventory</title>',
        "<!-- Generated by scripts/build_map.py from Natural Earth via npm world-atlas "
        "(public domain); do not edit by hand. -->",
        '<g class="context" aria-hidden="true">',
        *(f'<path d="{data}"/>' for data in context),
        "</g>",
        '<g class="countries">',
        *(
            f'<path id="{code}" class="country" data-name="{name}" d="{data}"/>{symbol(data)}'
            for code, name, data in sorted(countries)
        ),
        "</g>",
        "</svg>",
    ]
    return "\n".join(lines) + "\n"


def main(argv):
    output = Path(argv[1]) if len(argv) > 1 else OUTPUT
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(build_svg(topology), encoding="utf-8")
    print(f"wrote {output}")


if __name__ == "__main__":
    main(sys.argv)
