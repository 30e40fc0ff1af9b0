"""The shipped map geometry and fonts: present, well-formed, and consistent with the rules.

Plain json and math only: the geometry tools (shapely, pyshp) are dev-only and not
installed at test time. Rebuild the map with `python tools/build_map.py`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "assets" / "map" / "central-asia.json"
FONTS = ROOT / "assets" / "fonts"
RULES = ROOT / "rules" / "base"

GATEWAYS = ("gw-russia", "gw-china", "gw-caspian", "gw-iran", "gw-afghanistan")
COUNTRIES = ("kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan", "turkmenistan")

Ring = list[list[float]]
Polygons = list[list[Ring]]


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return json.loads(MAP.read_text(encoding="utf-8"))


def signed_area(ring: Ring) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def area(polygons: Polygons) -> float:
    return sum(signed_area(ring) for polygon in polygons for ring in polygon)


def in_ring(x: float, y: float, ring: Ring) -> bool:
    """Even-odd ray casting."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def inside(point: list[float], polygons: Polygons) -> bool:
    """In an outer ring and in none of its holes."""
    x, y = point
    return any(in_ring(x, y, p[0]) and not any(in_ring(x, y, h) for h in p[1:]) for p in polygons)


def shapes(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{group}.{key}": item
        for group in ("countries", "neighbours", "water", "spaces")
        for key, item in doc[group].items()
    }


def rules_entries(kind: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted(RULES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if isinstance(data, dict):
            entries += [e for e in data.get(kind) or [] if isinstance(e, dict)]
    return entries


def test_map_json_is_small_and_well_formed(doc: dict[str, Any]) -> None:
    assert MAP.stat().st_size < 400 * 1024
    assert doc["version"] == 1
    assert doc["width"] == 1000 and 300 < doc["height"] < 1500
    assert set(COUNTRIES) <= set(doc["countries"])
    assert "caspian" in doc["water"]
    assert {"russia", "china", "iran", "afghanistan"} <= set(doc["neighbours"])
    for name, item in shapes(doc).items():
        assert item["polygons"], f"{name} has no polygon"
        for polygon in item["polygons"]:
            assert polygon, f"{name} has an empty polygon"
            for ring in polygon:
                assert len(ring) >= 3, f"{name} has a ring of {len(ring)} points"
                assert ring[0] != ring[-1], f"{name} has a closed ring (rings are stored open)"
                for x, y in ring:
                    assert 0 <= x <= doc["width"] and 0 <= y <= doc["height"], f"{name}: point {x, y} off the map"
            assert signed_area(polygon[0]) > 0, f"{name}: outer ring must have a positive area"
            assert all(signed_area(hole) < 0 for hole in polygon[1:]), f"{name}: holes must have a negative area"


def test_every_space_has_a_shape_with_label_and_city_inside(doc: dict[str, Any]) -> None:
    assert len(doc["spaces"]) >= 10
    for sid, space in doc["spaces"].items():
        assert space["country"] in doc["countries"], sid
        assert len(space["polygons"]) >= 1 and len(space["polygons"][0][0]) >= 3, sid
        assert inside(space["label"], space["polygons"]), f"label of {sid} outside its space"
        assert inside(space["city"], space["polygons"]), f"city of {sid} outside its space"


def test_country_and_context_labels_lie_inside(doc: dict[str, Any]) -> None:
    for group in ("countries", "water", "neighbours"):
        for key, item in doc[group].items():
            if item["label"] is None:  # a neighbour with no room for its name
                assert group == "neighbours", key
                continue
            assert inside(item["label"], item["polygons"]), f"label of {group}.{key} outside it"


def test_shapes_tile_the_frame_and_countries_are_their_spaces(doc: dict[str, Any]) -> None:
    frame = doc["width"] * doc["height"]
    tiles = [item["polygons"] for group in ("spaces", "neighbours", "water") for item in doc[group].values()]
    assert sum(area(p) for p in tiles) == pytest.approx(frame, abs=2.0)
    for cid, country in doc["countries"].items():
        spaces = [s["polygons"] for s in doc["spaces"].values() if s["country"] == cid]
        assert spaces, f"{cid} has no space"
        assert area(country["polygons"]) == pytest.approx(sum(area(p) for p in spaces), rel=1e-3)


def test_gateways_are_present_and_on_the_map(doc: dict[str, Any]) -> None:
    for gid in GATEWAYS:
        x, y = doc["gateways"][gid]
        assert 0 < x < doc["width"] and 0 < y < doc["height"], gid
    assert doc["gateways"]["gw-russia"][1] < doc["height"] * 0.2  # north
    assert doc["gateways"]["gw-china"][0] > doc["width"] * 0.8  # east
    assert doc["gateways"]["gw-caspian"][0] < doc["width"] * 0.2  # west
    assert inside(doc["gateways"]["gw-caspian"], doc["water"]["caspian"]["polygons"])


def project(lon: float, lat: float, p: dict[str, Any]) -> tuple[float, float]:
    """The formula documented in assets/map/README.md."""
    rho = p["F"] / math.tan(math.pi / 4 + math.radians(lat) / 2) ** p["n"]
    theta = p["n"] * math.radians(lon - p["lon0"])
    return p["x_offset"] + p["scale"] * rho * math.sin(theta), p["y_offset"] - p["scale"] * (
        p["rho0"] - rho * math.cos(theta)
    )


def test_projection_places_known_cities(doc: dict[str, Any]) -> None:
    p = doc["projection"]
    assert p["type"] == "lambert_conformal_conic"
    # Astana is north of Tashkent, Almaty east of Tashkent; Ashgabat in the south-west.
    astana, tashkent, almaty = project(71.43, 51.13, p), project(69.24, 41.31, p), project(76.95, 43.24, p)
    assert astana[1] < tashkent[1] and almaty[0] > tashkent[0]
    if "astana" in doc["spaces"]:
        assert math.dist(astana, doc["spaces"]["astana"]["city"]) < 0.2


def test_rules_spaces_have_geometry() -> None:
    """Every space in the rules has a shape in the map, drawn around its city.

    If this fails after a change to rules/base/map.yaml, rebuild the map:
    `pip install -r tools/requirements.txt && python tools/build_map.py`.
    """
    doc = json.loads(MAP.read_text(encoding="utf-8"))
    for space in rules_entries("spaces"):
        shape = space.get("shape") or space["id"]
        assert shape in doc["spaces"], f"space {space['id']} has no geometry {shape!r} in {MAP.name}"
        geo = doc["spaces"][shape]
        assert geo["country"] == space["country"], shape
        if space.get("city"):
            assert math.dist(project(*space["city"], doc["projection"]), geo["city"]) < 0.2, shape
    for gateway in rules_entries("gateways"):
        assert gateway["id"] in doc["gateways"], f"gateway {gateway['id']} has no anchor in {MAP.name}"


def test_fonts_are_shipped_with_their_licence() -> None:
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        data = (FONTS / name).read_bytes()
        assert data[:4] == b"\x00\x01\x00\x00", f"{name} is not a TrueType font"
    licence = (FONTS / "LICENSE-OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence.upper() and "Version 1.1" in licence
    readme = (FONTS / "README.md").read_text(encoding="utf-8")
    assert all(f.name in readme for f in FONTS.glob("*.ttf")), "every font file is named in assets/fonts/README.md"
    assert sum(f.stat().st_size for f in FONTS.glob("*.ttf")) < 4 * 1024 * 1024


def test_map_licence_is_shipped() -> None:
    text = (ROOT / "assets" / "map" / "LICENSE.md").read_text(encoding="utf-8")
    assert "Natural Earth" in text and "public domain" in text
