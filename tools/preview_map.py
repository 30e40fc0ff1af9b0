"""Render `assets/map/central-asia.json` to a PNG, to check the map by eye.

    python tools/preview_map.py [--out /tmp/map-preview.png] [--width 1400]

Draws neighbours, water, the spaces (each republic in its own hue, its spaces in
different shades), country and space borders, cities, labels and the gateway anchors,
with the fonts in `assets/fonts/`. Uses pygame-ce only (headless: SDL's dummy driver).
"""

from __future__ import annotations

import argparse
import colorsys
import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "assets" / "map" / "central-asia.json"
FONTS = ROOT / "assets" / "fonts"
SUPERSAMPLE = 2

COUNTRY_HUES = {
    "kazakhstan": 0.53,
    "uzbekistan": 0.11,
    "kyrgyzstan": 0.97,
    "tajikistan": 0.33,
    "turkmenistan": 0.76,
}
NEIGHBOUR = (226, 221, 208)
NEIGHBOUR_EDGE = (186, 178, 160)
WATER = (170, 205, 230)
COUNTRY_EDGE = (45, 45, 55)


def shade(hue: float, index: int) -> tuple[int, int, int]:
    light = (0.72, 0.60, 0.80, 0.66)[index % 4]
    r, g, b = colorsys.hls_to_rgb(hue, light, 0.45)
    return int(r * 255), int(g * 255), int(b * 255)


def area(polygons: list[Any]) -> float:
    """Total shoelace area of the outer rings."""
    total = 0.0
    for poly in polygons:
        ring = poly[0]
        total += sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1], strict=True)) / 2
    return total


def space_names() -> dict[str, str]:
    names: dict[str, str] = {}
    rules = ROOT / "rules" / "base"
    if rules.is_dir():
        import yaml

        for path in sorted(rules.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for kind in ("spaces", "gateways"):
                for entry in data.get(kind) or [] if isinstance(data, dict) else []:
                    if isinstance(entry, dict) and "id" in entry and "name" in entry:
                        names[str(entry.get("shape") or entry["id"])] = str(entry["name"])
    return names


def render(doc: dict[str, Any], width: int) -> pygame.Surface:
    k = width / doc["width"] * SUPERSAMPLE
    big = pygame.Surface((round(doc["width"] * k), round(doc["height"] * k)))
    big.fill(WATER)

    def scr(p: list[float]) -> tuple[float, float]:
        return p[0] * k, p[1] * k

    def fill(polygons: list[Any], colour: tuple[int, int, int], edge: tuple[int, int, int] | None, w: int) -> None:
        for poly in polygons:
            pygame.draw.polygon(big, colour, [scr(p) for p in poly[0]])
        if edge:
            for poly in polygons:
                for ring in poly:
                    pygame.draw.lines(big, edge, True, [scr(p) for p in ring], w)

    for item in doc["neighbours"].values():
        fill(item["polygons"], NEIGHBOUR, NEIGHBOUR_EDGE, 2)
    for item in doc["water"].values():
        fill(item["polygons"], WATER, None, 0)
    # Largest first, so that an exclave is painted over the hole it leaves in its host.
    shades: dict[str, tuple[int, int, int]] = {}
    seen: dict[str, int] = {}
    for sid, item in doc["spaces"].items():
        index = seen.get(item["country"], 0)
        seen[item["country"]] = index + 1
        shades[sid] = shade(COUNTRY_HUES.get(item["country"], 0.0), index)
    for sid, item in sorted(doc["spaces"].items(), key=lambda kv: -area(kv[1]["polygons"])):
        fill(item["polygons"], shades[sid], (250, 250, 245), 2)
    for item in doc["countries"].values():
        for poly in item["polygons"]:
            for ring in poly:
                pygame.draw.lines(big, COUNTRY_EDGE, True, [scr(p) for p in ring], 5)

    surf = pygame.transform.smoothscale(big, (width, round(doc["height"] * width / doc["width"])))
    s = width / doc["width"]

    def font(name: str, size: float) -> pygame.font.Font:
        return pygame.font.Font(str(FONTS / name), max(8, round(size * s)))

    def text(msg: str, f: pygame.font.Font, colour: tuple[int, int, int], at: list[float], halo: bool = True) -> None:
        img = f.render(msg, True, colour)
        x, y = at[0] * s - img.get_width() / 2, at[1] * s - img.get_height() / 2
        if halo:
            ghost = f.render(msg, True, (255, 255, 255))
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)):
                surf.blit(ghost, (x + dx, y + dy))
        surf.blit(img, (x, y))

    country_font = font("NotoSansDisplay-Bold.ttf", 15)
    for item in doc["countries"].values():
        img = country_font.render(item["name"].upper(), True, (40, 40, 50))
        img.set_alpha(110)
        at = item["label"]
        surf.blit(img, (at[0] * s - img.get_width() / 2, at[1] * s - img.get_height() / 2))
    other_font = font("NotoSans-Regular.ttf", 11)
    for item in doc["neighbours"].values():
        if item["label"] is not None:
            text(item["name"], other_font, (120, 110, 95), item["label"], halo=False)
    for item in doc["water"].values():
        if item["label"] is not None:
            text(item["name"], other_font, (40, 90, 150), item["label"], halo=False)
    names = space_names()
    label_font = font("NotoSans-Bold.ttf", 10)
    for sid, item in doc["spaces"].items():
        cx, cy = item["city"]
        pygame.draw.circle(surf, (20, 20, 20), (cx * s, cy * s), 4)
        pygame.draw.circle(surf, (255, 255, 255), (cx * s, cy * s), 2)
        text(names.get(sid, sid.title()), label_font, (20, 20, 30), item["label"])
    gw_font = font("NotoSans-Bold.ttf", 10)
    for gid, (gx, gy) in doc["gateways"].items():
        pygame.draw.circle(surf, (250, 250, 250), (gx * s, gy * s), 16 * s)
        pygame.draw.circle(surf, (150, 30, 30), (gx * s, gy * s), 16 * s, 3)
        text(names.get(gid, gid.removeprefix("gw-").title()), gw_font, (150, 30, 30), [gx, gy + 25])
    return surf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", type=Path, default=MAP)
    parser.add_argument("--out", type=Path, default=Path("/tmp/map-preview.png"))
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--crop", type=float, nargs=4, metavar=("X0", "Y0", "X1", "Y1"), help="map units, zoom")
    args = parser.parse_args(argv)
    pygame.display.init()
    pygame.font.init()
    doc = json.loads(args.map.read_text(encoding="utf-8"))
    if args.crop:
        x0, y0, x1, y1 = args.crop
        zoom = doc["width"] / (x1 - x0)
        surf = render(doc, round(args.width * zoom))
        k = args.width / (x1 - x0)
        surf = surf.subsurface(pygame.Rect(round(x0 * k), round(y0 * k), args.width, round((y1 - y0) * k))).copy()
    else:
        surf = render(doc, args.width)
    pygame.image.save(surf, str(args.out))
    print(f"wrote {args.out} ({surf.get_width()}x{surf.get_height()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
