"""The backdrop of the menus: the map itself, dimmed, with the menu over its left side.

Drawn from the geometry file alone, so the first frame of the main menu needs no rules.
"""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui import theme as th
from game.ui.map_data import load_map, polygons
from game.ui.theme import Theme

_CACHE: dict[tuple[int, int], pygame.Surface] = {}


def _map_image(size: tuple[int, int]) -> pygame.Surface:
    w, h = size
    img = pygame.Surface(size)
    img.fill(th.BG)
    geo = load_map()
    # the map, a little taller than the window, against its right edge; the menu sits on
    # its darkened left side
    scale = max(h * 1.08 / geo["height"], w * 0.8 / geo["width"])
    ox = w - geo["width"] * scale * 0.97
    oy = (h - geo["height"] * scale) / 2

    def pts(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(ox + x * scale, oy + y * scale) for x, y in ring]

    layers = (("neighbours", th.MAP_NEIGHBOUR, th.MAP_NEIGHBOUR_EDGE), ("water", th.MAP_SEA, th.MAP_SEA_EDGE), ("countries", th.MAP_LAND, th.MAP_COUNTRY_EDGE))
    for section, fill, edge in layers:
        for entry in geo.get(section, {}).values():
            for poly in polygons(entry):
                ring = pts(poly[0])
                pygame.draw.polygon(img, fill, ring)
                pygame.draw.aalines(img, edge, True, ring)
    for entry in geo.get("spaces", {}).values():
        for poly in polygons(entry):
            pygame.draw.aalines(img, th.MAP_SPACE_EDGE, True, pts(poly[0]))
    veil = pygame.Surface(size, pygame.SRCALPHA)
    for x in range(0, w, 4):
        # darker on the left where the menu sits, lighter toward the map
        a = round(250 - 140 * min(1.0, max(0.0, (x - w * 0.22) / (w * 0.6))))
        pygame.draw.rect(veil, (*th.BG, a), pygame.Rect(x, 0, 4, h))
    img.blit(veil, (0, 0))
    return img


def backdrop(surface: pygame.Surface, t: Theme, ruleset: object | None = None) -> None:
    size = surface.get_size()
    img = _CACHE.get(size)
    if img is None:
        img = _map_image(size)
        if pygame.display.get_surface() is not None:
            img = img.convert()
        _CACHE.clear()
        _CACHE[size] = img
    surface.blit(img, (0, 0))


def title(surface: pygame.Surface, t: Theme, x: int, y: int, subtitle: str = "") -> int:
    r = th.blit_text(surface, t.font("title"), _("Center of Gravity"), th.GOLD, (x, y))
    y = r.bottom
    if subtitle:
        r = th.blit_text(surface, t.font("h3"), subtitle, th.INK, (x + t.px(4), y))
        y = r.bottom
    return y
