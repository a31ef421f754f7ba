"""The committed map is what scripts/build_map.py makes from the vendored world-atlas data,
with one shape per country in scope."""

import json
import runpy
import xml.etree.ElementTree as ET
from pathlib import Path

from guidance.data.loading import read_yaml

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "guidance" / "static" / "guidance" / "map" / "europe.svg"
SVG = "{http://www.w3.org/2000/svg}"


def _build_map():
    return runpy.run_path(str(ROOT / "scripts" / "build_map.py"), run_name="build_map")


def test_regenerated_map_equals_committed_file(tmp_path):
    output = tmp_path / "europe.svg"
    _build_map()["main"](["build_map.py", str(output)])
    assert output.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def _countries_with_a_shape():
    """Countries in scope that are states; Flanders is drawn as part of Belgium."""
    countries = read_yaml(ROOT / "fixtures" / "countries.yaml")["countries"]
    return {c["code"] for c in countries if "parent" not in c}


def test_one_shape_per_country_in_scope():
    root = ET.parse(COMMITTED).getroot()
    ids = [path.get("id") for path in root.iter(f"{SVG}path") if path.get("id")]
    assert len(ids) == len(set(ids))
    assert set(ids) == _countries_with_a_shape()
    assert len(ids) == 41


def test_crimea_is_drawn_with_ukraine():
    build = _build_map()
    topology = json.loads(build["SOURCE"].read_text())
    arcs = build["decode_arcs"](topology)
    geometries = build["recognised_borders"](topology["objects"]["countries"]["geometries"], arcs)
    by_id = {g.get("id"): g for g in geometries}
    assert any(build["in_crimea"](p, arcs) for p in build["polygons"](by_id["804"]))
    assert not any(build["in_crimea"](p, arcs) for p in build["polygons"](by_id["643"]))


def test_map_has_an_accessible_name_and_no_ids_on_context_shapes():
    root = ET.parse(COMMITTED).getroot()
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text
    context = root.find(f"{SVG}g[@class='context']")
    assert context.get("aria-hidden") == "true"
    assert all(path.get("id") is None for path in context)
