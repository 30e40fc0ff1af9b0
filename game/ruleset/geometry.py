"""A mod's map shapes: `map.json` beside its rules, laid over `assets/map/central-asia.json`.

The file has the sections of the base map (see `assets/map/README.md`), in the same
projected map units (x right, y down, the frame 0–1000 wide), each optional:

    {
      "version": 1,
      "spaces":     {"<shape id>": {"country": "<country id>", "polygons": POLYGONS,
                                     "label": [x, y], "city": [x, y]}},
      "countries":  {"<country id>": {"name": "…", "polygons": POLYGONS, "label": [x, y]}},
      "neighbours": {"<name>": {"name": "…", "polygons": POLYGONS, "label": [x, y] or null}},
      "water":      {"<name>": {"name": "…", "polygons": POLYGONS, "label": [x, y] or null}},
      "gateways":   {"<gateway id>": [x, y]}
    }

A shape replaces the base shape with the same id; `null` instead of a shape removes it
(e.g. a neighbouring country that a mod makes part of the board). `merged_map` gives
the map the game draws. The file is read as untrusted input like rules files, and its
problems are reported as `file:line:column`.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.ruleset.fields import Entry, Fields
from game.ruleset.model import Origin
from game.ruleset.problems import ProblemLog, suggestion
from game.ruleset.yamlpos import MAX_BYTES, YList, YMap, YNode, YScalar, describe, parse_yaml, plain

BASE_MAP = Path(__file__).resolve().parents[2] / "assets" / "map" / "central-asia.json"
MAP_NAME_CONTEXT = "map: a country or sea around the board"
"""The UI catalogue's context of the names printed on the map around the board (the base
map's `neighbours` and `water`): `python -m game translations` adds them to `game.pot`."""
SECTIONS = ("spaces", "countries", "neighbours", "water", "gateways")
VERSION = 1
_SHAPE_KEYS: dict[str, tuple[tuple[str, bool], ...]] = {
    "spaces": (("country", True), ("polygons", True), ("label", True), ("city", False)),
    "countries": (("name", True), ("polygons", True), ("label", True)),
    "neighbours": (("name", True), ("polygons", True), ("label", False)),
    "water": (("name", True), ("polygons", True), ("label", False)),
}
"""The keys of a shape in each section, and whether each is required."""


@dataclass
class Geometry:
    """One mod's map.json as read."""

    file: str
    data: dict[str, Any]
    """Plain JSON data, only the sections given."""
    at: dict[str, Origin] = field(default_factory=dict)
    """Place of each shape's key: `spaces.<id>` …"""


@functools.lru_cache(maxsize=1)
def base_map() -> dict[str, Any]:
    """The base game's map (do not change it: `merged_map` copies)."""
    data: dict[str, Any] = json.loads(BASE_MAP.read_text(encoding="utf-8"))
    return data


def merged_map(geometries: Sequence[Geometry | dict[str, Any]], base: dict[str, Any] | None = None) -> dict[str, Any]:
    """The base map with each mod's shapes laid over it in load order."""
    out = copy.deepcopy(base_map() if base is None else base)
    for geometry in geometries:
        data = geometry.data if isinstance(geometry, Geometry) else geometry
        for section in SECTIONS:
            target = out.setdefault(section, {})
            for key, shape in data.get(section, {}).items():
                if shape is None:
                    target.pop(key, None)
                else:
                    target[key] = copy.deepcopy(shape)
    return out


def background_names(path: Path = BASE_MAP) -> list[str]:
    """The names a map prints around the board (its neighbours and seas), in file order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    names = [entry["name"] for key in ("neighbours", "water") for entry in data.get(key, {}).values() if entry.get("label")]
    return list(dict.fromkeys(names))


def read_geometry(path: Path, display: str, log: ProblemLog) -> Geometry | None:
    """Read and check a mod's map.json; None (with problems logged) if unusable."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            log.error(Origin(display, 1, 1), f"the file is {size / 2**20:.1f} MB; {path.name} may be at most "
                                             f"{MAX_BYTES // 2**20} MB — simplify the shapes")  # fmt: skip
            return None
        data = path.read_bytes()
    except OSError as exc:
        log.error(Origin(display, 0, 0), f"cannot read the file ({exc.strerror or exc}) — check that it is readable")
        return None
    try:
        text = data.decode("utf-8-sig")
        json.loads(text)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        log.error(Origin(display, line, column), "the file is not valid UTF-8 — save it as UTF-8 text")
        return None
    except json.JSONDecodeError as exc:
        log.error(Origin(display, exc.lineno, exc.colno), f"not valid JSON: {exc.msg} — check the brackets, commas and quotes here")
        return None
    except RecursionError:
        log.error(Origin(display, 1, 1), "the JSON nests too deeply — shapes nest four levels at most")
        return None
    # JSON is YAML (tabs are only whitespace outside strings, where JSON cannot hold them
    # raw), so the positioned YAML reader gives every value its place.
    root, problems = parse_yaml(text.replace("\t", " ").encode("utf-8"), display)
    log.items.extend(problems)
    if root is None:
        return None
    entry = Entry("map", root.origin, log)
    entry.label = display
    if not isinstance(root, YMap):
        log.error(root.origin, f"{display} should be a JSON object with keys such as \"spaces\", not {describe(root)}")
        return None
    geometry = Geometry(display, {})
    for key, pair in root.items.items():
        if key == "version":
            if entry.as_int(pair.value, "'version'") not in (None, VERSION):
                log.error(pair.value.origin, f"'version' is {plain(pair.value)}, but this game reads version {VERSION} — write 1")
        elif key in SECTIONS:
            section = entry.as_map(pair.value, f"'{key}'", "an object of shapes by id")
            if section is not None:
                geometry.data[key] = _section(key, section, entry, geometry)
        else:
            log.error(pair.key.origin, f"unknown key '{key}' in {path.name}{suggestion(key, ('version', *SECTIONS))}")
    return geometry


def _section(name: str, section: YMap, entry: Entry, geometry: Geometry) -> dict[str, Any]:
    out: dict[str, Any] = {}
    frame = _frame()
    for key, pair in section.items.items():
        node = pair.value
        geometry.at[f"{name}.{key}"] = pair.key.origin
        if isinstance(node, YScalar) and node.value is None:
            out[key] = None
            continue
        if name == "gateways":
            if _point(node, f"the gateway anchor '{key}'", entry, frame):
                out[key] = plain(node)
            continue
        shape = entry.as_map(node, f"the shape '{key}' in '{name}'", "an object such as {\"polygons\": …, \"label\": [x, y]}")
        if shape is None:
            continue
        f = Fields(shape, entry, f"the shape '{key}' in '{name}'")
        ok = True
        for field_name, required in _SHAPE_KEYS[name]:
            value = f.get(field_name, required, "a value")
            if value is None:
                ok = ok and not required
            elif field_name in ("country", "name"):
                ok = entry.as_text(value, f.what(field_name)) is not None and ok
            elif field_name == "polygons":
                ok = _polygons(value, f.what(field_name), entry, frame) and ok
            else:
                ok = _point(value, f.what(field_name), entry, frame) and ok
        f.finish()
        if ok:
            out[key] = plain(shape)
    return out


def _frame() -> tuple[float, float]:
    base = base_map()
    return (float(base["width"]), float(base["height"]))


def _point(node: YNode, what: str, entry: Entry, frame: tuple[float, float]) -> bool:
    if not (isinstance(node, YList) and len(node.items) == 2):
        entry.error(node.origin, f"{what} should be a point [x, y] in map units, not {describe(node)}")
        return False
    x = entry.as_number(node.items[0], f"x of {what}")
    y = entry.as_number(node.items[1], f"y of {what}")
    if x is None or y is None:
        return False
    if not (0 <= x <= frame[0] and 0 <= y <= frame[1]):
        entry.error(
            node.origin,
            f"{what} is [{x:g}, {y:g}], outside the map frame (0–{frame[0]:g} × 0–{frame[1]:g}) — project "
            "longitude and latitude as assets/map/README.md shows",
        )
        return False
    return True


def _polygons(node: YNode, what: str, entry: Entry, frame: tuple[float, float]) -> bool:
    polygons = entry.as_list(node, what, "a list of polygons, each a list of rings of [x, y] points")
    if not polygons:
        if polygons is not None:
            entry.error(node.origin, f"{what} is empty — give at least one polygon")
        return False
    ok = True
    for polygon in polygons:
        rings = entry.as_list(polygon, f"a polygon of {what}", "a list of rings (the outline first, then holes)")
        if not rings:
            if rings is not None:
                entry.error(polygon.origin, f"a polygon of {what} has no rings — give its outline")
            ok = False
            continue
        for ring in rings:
            points = entry.as_list(ring, f"a ring of {what}", "a list of [x, y] points")
            if points is None:
                ok = False
                continue
            if len(points) < 3:
                entry.error(ring.origin, f"a ring of {what} has {len(points)} points — a ring needs at least 3")
                ok = False
            for point in points:
                if not _point(point, f"a point of {what}", entry, frame):
                    ok = False
                    break
    return ok


def check_geometry(
    geometries: Sequence[Geometry],
    spaces: dict[str, tuple[str, Origin]],
    countries: dict[str, Origin],
    gateways: set[str],
    new_spaces: set[str],
    new_countries: set[str],
    log: ProblemLog,
) -> None:
    """Warn about shapes nobody uses and about mod spaces or countries without a shape.

    `spaces` maps each final space id to its shape id and origin."""
    if not geometries and not new_spaces:
        return
    final = merged_map(geometries)
    shape_ids = {shape for shape, _ in spaces.values()}
    for g in geometries:
        for key in g.data.get("spaces", {}):
            if g.data["spaces"][key] is not None and key not in shape_ids:
                log.warning(
                    g.at[f"spaces.{key}"],
                    f"no space has the shape '{key}', so it is not drawn{suggestion(key, shape_ids, listing=False)}",
                )
        for key in g.data.get("countries", {}):
            if g.data["countries"][key] is not None and key not in countries:
                log.warning(g.at[f"countries.{key}"], f"no country has the id '{key}'{suggestion(key, countries, listing=False)}")
        for key in g.data.get("gateways", {}):
            if key not in gateways:
                log.warning(g.at[f"gateways.{key}"], f"no gateway has the id '{key}'{suggestion(key, gateways, listing=False)}")
    for space_id in sorted(new_spaces):
        shape, origin = spaces[space_id]
        if shape not in final.get("spaces", {}):
            log.warning(
                origin,
                f"space '{space_id}' has no shape on the map, so the game window cannot show it — add "
                f"\"{shape}\" to \"spaces\" in the mod's map.json",
            )
    for country_id in sorted(new_countries):
        if country_id not in final.get("countries", {}):
            log.warning(
                countries[country_id],
                f"country '{country_id}' has no outline on the map — add \"{country_id}\" to \"countries\" in the "
                "mod's map.json",
            )
