"""The map: real borders from `assets/map/central-asia.json`, drawn into any rectangle.

Layers, each rebuilt only when it must be:
- the *static* layer (sea, neighbouring countries, gateways, corridors) — when the size
  changes;
- the *state* layer (countries shaded by status, spaces tinted by leader, the influence
  badges) — when the board changes;
- the *overlay* (legal targets, hover, focus, a short pulse where a step just happened)
  — drawn each frame from a few outlines.

Polygons are filled at twice the size and smoothed down, so borders are antialiased.
A hidden "pick" surface, each space filled with its own index, answers which space is
under the mouse in O(1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pygame

from game.engine.view import View
from game.i18n import N_, _, pgettext
from game.ruleset.geometry import MAP_NAME_CONTEXT
from game.ruleset.localize import country_caps
from game.ruleset.model import Ruleset
from game.ui import map_labels
from game.ui import theme as th
from game.ui.map_data import Poly, load_map, polygons
from game.ui.theme import FactionStyle, Theme

SUPERSAMPLE = 2


def _polys(entry: dict[str, Any]) -> list[Poly]:
    return polygons(entry)


@dataclass
class Badge:
    space: str
    rect: pygame.Rect
    anchor: tuple[int, int]


class MapView:
    def __init__(self, theme: Theme, ruleset: Ruleset, styles: dict[str, FactionStyle], geometry: dict[str, Any] | None = None,
                 stand_in: bool = False) -> None:  # fmt: skip
        """`stand_in`: a map of a size whose labels are not placed yet shows the last size's,
        scaled, until its own are placed on a worker thread (for a window being resized)."""
        self.theme = theme
        self.stand_in = stand_in
        self.labels_final = True
        """False while the labels shown stand in for this size's (`stand_in`)."""
        self.rs = ruleset
        self.styles = styles
        geo = geometry or load_map()
        self.geo = geo
        self.countries = {cid: _polys(c) for cid, c in geo["countries"].items()}
        self.country_labels = {cid: tuple(c["label"]) for cid, c in geo["countries"].items()}
        self.neighbours = {nid: _polys(n) for nid, n in geo["neighbours"].items()}
        # around the board, in the reader's language (UI catalogue: a mod's new names stay as written)
        self.neighbour_labels = {nid: (pgettext(MAP_NAME_CONTEXT, n["name"]), tuple(n["label"])) for nid, n in geo["neighbours"].items() if n.get("label")}
        self.water = {wid: _polys(w) for wid, w in geo["water"].items()}
        self.water_labels = {wid: (pgettext(MAP_NAME_CONTEXT, w["name"]), tuple(w["label"])) for wid, w in geo["water"].items() if w.get("label")}
        self.space_ids: list[str] = []
        self.space_polys: dict[str, list[Poly]] = {}
        self.space_city: dict[str, tuple[float, float]] = {}
        self.space_label: dict[str, tuple[float, float]] = {}
        for sp in ruleset.spaces:
            shape = geo["spaces"].get(sp.shape or sp.id)
            if shape is None:
                continue
            self.space_ids.append(sp.id)
            self.space_polys[sp.id] = _polys(shape)
            city = shape.get("city") or shape["label"]
            self.space_city[sp.id] = (float(city[0]), float(city[1]))
            self.space_label[sp.id] = (float(shape["label"][0]), float(shape["label"][1]))
        self.space_by_id = {s.id: s for s in ruleset.spaces}
        self.gateways: dict[str, tuple[float, float]] = {gid: (float(p[0]), float(p[1])) for gid, p in geo["gateways"].items()}
        # the part of the map worth showing: the republics and the gateways, with a margin
        xs: list[float] = []
        ys: list[float] = []
        for polys in self.countries.values():
            for poly in polys:
                xs.extend(p[0] for p in poly[0])
                ys.extend(p[1] for p in poly[0])
        for gx, gy in self.gateways.values():
            xs.append(gx)
            ys.append(gy)
        m = 34.0
        self.crop = (max(0.0, min(xs) - m), max(0.0, min(ys) - m), min(geo["width"], max(xs) + m), min(geo["height"], max(ys) + m))
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.scale = 1.0
        self.ox = self.oy = 0.0
        self._static: pygame.Surface | None = None
        self._state: pygame.Surface | None = None
        self._borders: pygame.Surface | None = None
        self._hatches: dict[tuple[str, str, bool], tuple[pygame.Surface, pygame.Rect]] = {}
        self.gateway_plates: list[pygame.Rect] = []
        self._space_rings: dict[str, list[list[tuple[float, float]]]] = {}
        self._rings: dict[str, list[list[tuple[float, float]]]] = {}
        self._pick: pygame.Surface | None = None
        self._state_key: Any = None
        self._view: View | None = None
        self.badges: dict[str, Badge] = {}
        self.plates: list[pygame.Rect] = []
        """Where the countries' name plates are (window pixels)."""
        self._plate_at: dict[str, pygame.Rect] = {}
        """country id -> its name plate (layer pixels), placed once per size."""
        self.leadership: dict[str, dict[str, int]] = {}
        """space id -> faction -> its total as leadership counts it (the badge's numbers)."""
        self._leaders: dict[str, map_labels.Line | None] = {}
        """space id -> the line from its city's dot to its badge (layer pixels), if it sits away."""
        self._plate_lines: dict[str, map_labels.Line | None] = {}
        """country id -> the line from its plate to a dot inside it, if the plate sits outside."""
        self.targets: dict[str, str] = {}
        """space id -> 'target' (legal now) for the current decision."""
        self._target_overlay: pygame.Surface | None = None
        self._composite: pygame.Surface | None = None
        self._composite_key: tuple[str, ...] | None = None
        self._target_key: Any = None
        self.hover: str | None = None
        self.focus: str | None = None
        self.pulses: list[tuple[str, float, th.Colour]] = []
        self.show_badges = True

    # ----- geometry ---------------------------------------------------------------------------
    def layout(self, rect: pygame.Rect) -> None:
        if rect == self.rect and self._static is not None:
            return
        self.rect = pygame.Rect(rect)
        x0, y0, x1, y1 = self.crop
        self.scale = min(rect.w / (x1 - x0), rect.h / (y1 - y0))
        self.ox = rect.x + (rect.w - (x1 - x0) * self.scale) / 2 - x0 * self.scale
        self.oy = rect.y + (rect.h - (y1 - y0) * self.scale) / 2 - y0 * self.scale
        self.map_rect = pygame.Rect(round(self.ox + x0 * self.scale), round(self.oy + y0 * self.scale), round((x1 - x0) * self.scale), round((y1 - y0) * self.scale)).clip(rect)
        self._static = None
        self._state = None
        self._borders = None
        self._hatches = {}
        self.gateway_plates = []
        self._space_rings = {sid: self._local_polys(self.space_polys[sid]) for sid in self.space_ids}
        self._rings = {cid: self._local_polys(polys) for cid, polys in self.countries.items()}
        self._pick = None
        self._target_overlay = None
        self._composite = None
        self._state_key = None
        self._place_labels()

    def _place_labels(self) -> None:
        """Country plates and influence badges, placed once per map size (`map_labels`): each
        has the size its largest content needs, so nothing on the map moves while the game is
        played."""
        self._borders = self._build_borders()
        self.ground = self._ground()
        self.label_problem = self._label_problem()
        if self.stand_in:
            labels, self.labels_final = map_labels.place_soon(self.label_problem, self.ground)
        else:
            labels, self.labels_final = map_labels.place(self.label_problem, self.ground), True
        self._use_labels(labels)

    def labels_landed(self) -> bool:
        """If this size's own labels have just been placed (on the worker thread), show them
        instead of the stand-ins: True when the map must be drawn again."""
        if self.labels_final:
            return False
        got = map_labels.placed(self.label_problem)
        if got is None:
            return False
        self.labels_final = True
        self._use_labels(got)
        self._static = self._state = self._composite = None
        self._pick = None
        return True

    def _use_labels(self, labels: map_labels.Labels) -> None:
        self.labels = labels
        self._leaders = dict(labels.badge_lines)
        self._plate_at = dict(labels.plates)
        self._plate_lines = dict(labels.plate_lines)
        self.plates = [r.move(self.rect.x, self.rect.y) for r in self._plate_at.values()]
        self.badges = {
            sid: Badge(sid, r.move(self.rect.x, self.rect.y), (round(self.to_screen(self.space_city[sid])[0]), round(self.to_screen(self.space_city[sid])[1])))
            for sid, r in labels.badges.items()
        }

    def _label_problem(self) -> map_labels.Problem:
        """What the placement of the labels depends on, in this layer's pixels."""
        area = pygame.Rect(0, 0, self.rect.w, self.rect.h).clip(self.map_rect.move(-self.rect.x, -self.rect.y))
        font = self.theme.font("small")
        avoid = []
        for name, p in [*self.neighbour_labels.values(), *self.water_labels.values()]:
            r = pygame.Rect((0, 0), font.size(name))
            r.center = self._local(p)
            avoid.append(_xywh(r))
        outlines = sorted(self._rings.items()) + sorted(self._space_rings.items())
        shape = hash(tuple((key, tuple(tuple((round(x), round(y)) for x, y in ring[:: max(1, len(ring) // 64)]) for ring in rings)) for key, rings in outlines))
        return map_labels.Problem(
            area=_xywh(area),
            obstacles=tuple(_xywh(r) for r in self.gateway_plates),
            avoid=tuple(avoid),
            spaces=tuple((sid, self.space_by_id[sid].country, self._local(self.space_city[sid]), self._local(self.space_label[sid]), self._badge_size(sid)) for sid in self.space_ids),
            countries=tuple((c.id, self._local(self.country_labels[c.id]), self._plate_size(country_caps(self.rs, c.id))) for c in self.rs.countries if c.id in self.country_labels),
            unit=self.theme.unit,
            shape=shape,
        )

    def audit(self) -> dict[str, int]:
        """What `bench --layout` counts on this map: plates inside, outside (with a line) and
        astray, badges astray, overlaps and lines crossing (`map_labels.audit`)."""
        return map_labels.audit(self.label_problem, self.ground, self.labels)

    def to_screen(self, p: tuple[float, float]) -> tuple[float, float]:
        return (self.ox + p[0] * self.scale, self.oy + p[1] * self.scale)

    def _pts(self, ring: list[tuple[float, float]], k: float = 1.0, dx: float = 0.0, dy: float = 0.0) -> list[tuple[float, float]]:
        s, ox, oy = self.scale * k, self.ox * k - dx, self.oy * k - dy
        return [(ox + x * s, oy + y * s) for x, y in ring]

    def space_at(self, pos: tuple[int, int]) -> str | None:
        if not self.rect.collidepoint(pos):
            return None
        for sid in reversed(list(self.badges)):
            if self.badges[sid].rect.collidepoint(pos):
                return sid
        pick = self._pick_surface()
        x, y = pos[0] - self.rect.x, pos[1] - self.rect.y
        if not (0 <= x < pick.get_width() and 0 <= y < pick.get_height()):
            return None
        idx = pick.get_at((x, y))[0] - 1
        return self.space_ids[idx] if 0 <= idx < len(self.space_ids) else None

    def _pick_surface(self) -> pygame.Surface:
        if self._pick is None:
            pick = pygame.Surface(self.rect.size)
            pick.fill((0, 0, 0))
            for i, sid in enumerate(self.space_ids):
                for poly in self.space_polys[sid]:
                    pygame.draw.polygon(pick, (i + 1, 0, 0), self._pts(poly[0], 1, self.rect.x, self.rect.y))
            self._pick = pick
        return self._pick

    # ----- static layer -----------------------------------------------------------------------
    def _build_static(self) -> pygame.Surface:
        k = SUPERSAMPLE
        w, h = self.rect.size
        big = pygame.Surface((w * k, h * k))
        big.fill(th.MAP_SEA)
        dx, dy = self.rect.x * k, self.rect.y * k
        edge = max(1, round(self.scale * 1.2 * k))
        for polys in self.neighbours.values():
            for poly in polys:
                pts = self._pts(poly[0], k, dx, dy)
                pygame.draw.polygon(big, th.MAP_NEIGHBOUR, pts)
                pygame.draw.lines(big, th.MAP_NEIGHBOUR_EDGE, True, pts, edge)
        for polys in self.water.values():
            for poly in polys:
                pts = self._pts(poly[0], k, dx, dy)
                pygame.draw.polygon(big, th.MAP_SEA, pts)
                pygame.draw.lines(big, th.MAP_SEA_EDGE, True, pts, edge)
        surf = pygame.transform.smoothscale(big, (w, h))
        t = self.theme
        font = t.font("small")
        for name, p in self.neighbour_labels.values():
            x, y = self.to_screen(p)
            if self.rect.collidepoint(x, y):
                th.blit_text(surf, font, name, th.mix(th.MAP_NEIGHBOUR_EDGE, th.INK_DARK, 0.45), (round(x - self.rect.x), round(y - self.rect.y)), "center")
        wfont = t.font("small")
        for name, p in self.water_labels.values():
            x, y = self.to_screen(p)
            th.blit_text(surf, wfont, name, (236, 244, 250), (round(x - self.rect.x), round(y - self.rect.y)), "center")
        return surf

    # ----- state layer -------------------------------------------------------------------------
    def set_view(self, view: View, leadership: dict[str, dict[str, int]] | None = None) -> None:
        """The board to draw; `leadership` gives each space's totals as leadership counts
        them (`Game.leadership`); without it the badges show plain sums of influence."""
        self.leadership = leadership if leadership is not None else {sid: {f: sum(d.values()) for f, d in sv.influence.items() if sum(d.values())} for sid, sv in view.spaces.items()}
        key = (
            tuple((sid, s.leader, s.stability, tuple(sorted((f, tuple(d.items())) for f, d in s.influence.items()))) for sid, s in view.spaces.items()),
            tuple((cid, c.status, c.faction) for cid, c in view.countries.items()),
            tuple((sid, tuple(sorted(v.items()))) for sid, v in sorted(self.leadership.items())),
        )
        self._view = view
        if key != self._state_key:
            self._state_key = key
            self._state = None

    def _local_polys(self, polys: list[Poly]) -> list[list[tuple[float, float]]]:
        """Outer rings in this layer's pixels (cached per layout)."""
        return [self._pts(poly[0], 1, self.rect.x, self.rect.y) for poly in polys]

    def _build_borders(self) -> pygame.Surface:
        """Corridors, space and country borders and the gateways: antialiased, per size."""
        k = SUPERSAMPLE
        w, h = self.rect.size
        dx, dy = self.rect.x * k, self.rect.y * k
        big = pygame.Surface((w * k, h * k), pygame.SRCALPHA)
        thin = max(1, round(self.scale * 0.9 * k))
        for sid in self.space_ids:
            for poly in self.space_polys[sid]:
                pygame.draw.lines(big, th.MAP_SPACE_EDGE, True, self._pts(poly[0], k, dx, dy), thin)
        thick = max(2, round(self.scale * 2.6 * k))
        for polys in self.countries.values():
            for poly in polys:
                pygame.draw.lines(big, th.MAP_COUNTRY_EDGE, True, self._pts(poly[0], k, dx, dy), thick)
        surf = pygame.transform.smoothscale(big, (w, h))
        self._draw_corridors(surf)
        self.gateway_plates = self._draw_gateways(surf)
        return surf.convert_alpha() if pygame.display.get_surface() is not None else surf

    def _hatch(self, cid: str, faction: str, dominated: bool) -> tuple[pygame.Surface, pygame.Rect] | None:
        """A country's hatching for a faction, masked to its shape (cached per layout)."""
        key = (cid, faction, dominated)
        got = self._hatches.get(key)
        if got is not None:
            return got
        st = self.styles[faction]
        t = self.theme
        rings = self._rings[cid]
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        if not xs:
            return None
        bx = pygame.Rect(math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs) - min(xs)) + 2, math.ceil(max(ys) - min(ys)) + 2)
        alpha = 170 if dominated else 105
        tile = th.pattern_tile(st.pattern, (*st.dark, alpha), max(5, round((9 if dominated else 13) * t.unit)), max(1, round((2.0 if dominated else 1.4) * t.unit)))
        hatch = pygame.Surface(bx.size, pygame.SRCALPHA)
        th.fill_pattern(hatch, tile)
        mask = pygame.Surface(bx.size, pygame.SRCALPHA)
        for ring in rings:
            pygame.draw.polygon(mask, (255, 255, 255, 255), [(x - bx.x, y - bx.y) for x, y in ring])
        hatch.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        if pygame.display.get_surface() is not None:
            hatch = hatch.convert_alpha()
        self._hatches[key] = (hatch, bx)
        return hatch, bx

    def _build_state(self) -> pygame.Surface:
        if self._borders is None:
            self._borders = self._build_borders()
        if self._static is None:
            self._static = _fast(self._build_static())
        surf = self._static.copy()
        view = self._view
        for sid in self.space_ids:
            sv = view.spaces.get(sid) if view else None
            fill = th.MAP_LAND
            if sv is not None and sv.leader in self.styles:
                fill = th.mix(th.MAP_LAND, self.styles[sv.leader].colour, 0.26)
            for ring in self._space_rings[sid]:
                pygame.draw.polygon(surf, fill, ring)
            for poly in self.space_polys[sid]:
                for hole in poly[1:]:
                    pygame.draw.polygon(surf, th.MAP_SEA, self._pts(hole, 1, self.rect.x, self.rect.y))
        if view is not None:
            for cid, cv in view.countries.items():
                if cv.faction in self.styles and cid in self._rings:
                    got = self._hatch(cid, cv.faction or "", cv.status == "dominated")
                    if got is not None:
                        surf.blit(got[0], got[1])
        surf.blit(self._borders, (0, 0))
        self._draw_country_plates(surf)
        if self.show_badges:
            for badge in self.badges.values():
                self._draw_leader(surf, badge)
            for badge in self.badges.values():
                self._draw_city(surf, badge)
            for badge in self.badges.values():
                self._draw_badge(surf, badge)
        return surf

    def _map_font(self, bold: bool = False, size: float = 12.5) -> pygame.font.Font:
        """Text on the map: it grows with the window but only a little with the text size,
        since the map's geography does not grow (its hover card has every number, large)."""
        t = self.theme
        return t.sized_font(max(11, round(size * t.unit * 1.0)), bold)

    def _local(self, p: tuple[float, float]) -> tuple[int, int]:
        x, y = self.to_screen(p)
        return (round(x - self.rect.x), round(y - self.rect.y))

    def _draw_gateways(self, surf: pygame.Surface) -> list[pygame.Rect]:
        t = self.theme
        out: list[pygame.Rect] = []
        font = self._map_font(bold=True)
        r = t.px(15)
        entering: dict[str, list[str]] = {}
        for f in self.rs.factions:
            for g in f.gateways:
                entering.setdefault(g, []).append(f.id)
        for gw in self.rs.gateways:
            if gw.id not in self.gateways:
                continue
            cx, cy = self._local(self.gateways[gw.id])
            # corridors are drawn first so the gateway sits on top of them
            pygame.draw.circle(surf, th.BG_DEEP, (cx, cy), r + t.px(2))
            pygame.draw.circle(surf, th.PAPER, (cx, cy), r)
            # an arrow pointing into the region
            mx, my = self._local(((self.crop[0] + self.crop[2]) / 2, (self.crop[1] + self.crop[3]) / 2))
            a = math.atan2(my - cy, mx - cx)
            tip = (cx + math.cos(a) * r * 0.7, cy + math.sin(a) * r * 0.7)
            left = (cx + math.cos(a + 2.5) * r * 0.6, cy + math.sin(a + 2.5) * r * 0.6)
            right = (cx + math.cos(a - 2.5) * r * 0.6, cy + math.sin(a - 2.5) * r * 0.6)
            pygame.draw.polygon(surf, th.INK_DARK, [tip, left, right])
            label = th.text_surface(font, gw.name, th.INK)
            lr = label.get_rect(midtop=(cx, cy + r + t.px(3)))
            lr.clamp_ip(self.map_rect.move(-self.rect.x, -self.rect.y).inflate(-t.px(10), -t.px(4)))
            plate = lr.inflate(t.px(8), t.px(2))
            pygame.draw.rect(surf, th.BG_DEEP, plate, border_radius=t.px(4))
            surf.blit(label, lr)
            toks = [self.styles[f] for f in entering.get(gw.id, []) if f in self.styles]
            tr = t.px(8)
            x = plate.centerx - (len(toks) * (tr * 2 + t.px(2))) // 2 + tr
            for st in toks:
                th.blit_token(surf, st, (x, plate.bottom + tr + t.px(2)), tr)
                x += tr * 2 + t.px(2)
            out.append(plate.union(pygame.Rect(cx - r, cy - r, 2 * r, 2 * r)).union(pygame.Rect(plate.x, plate.bottom, plate.w, 2 * tr + t.px(3))))
        return out

    def _draw_corridors(self, surf: pygame.Surface) -> None:
        t = self.theme
        points: dict[str, tuple[float, float]] = {**self.space_city, **self.gateways}
        width = max(2, t.px(2.5))
        for k, cor in enumerate(self.rs.corridors):
            off = (k - len(self.rs.corridors) / 2) * t.px(1.6)
            route = [(x + off, y + off) for x, y in (self._local(points[p]) for p in cor.route if p in points)]
            for a, b in zip(route, route[1:], strict=False):
                _dashed(surf, (70, 62, 50), a, b, width, t.px(7), t.px(5))

    def _plate_fonts(self) -> tuple[pygame.font.Font, pygame.font.Font]:
        return self._map_font(bold=True, size=14), self._map_font()

    def _plate_size(self, name: str) -> tuple[int, int]:
        """A country plate big enough for its name and the longest status word it can show
        (after the faction's token: the plates must fit inside the small countries, so the
        faction is named by its token, as on the badges, and in words in the country's box)."""
        t = self.theme
        font, sfont = self._plate_fonts()
        statuses = [sfont.size(_(BALANCED_TEXT))[0]] + [sfont.size(_(PLATE_WORDS[k]))[0] + t.px(16) for k in STATUS_KINDS]
        w = max(font.size(name)[0], *statuses) + t.px(10)
        return w, font.get_height() + sfont.get_height() + t.px(3)

    def _draw_country_plates(self, surf: pygame.Surface) -> None:
        t = self.theme
        font, sfont = self._plate_fonts()
        view = self._view
        for line in self._plate_lines.values():
            if line is not None:  # a plate outside its country points into it: a line ending in a dot
                pygame.draw.line(surf, th.PAPER, line[0], line[1], max(3, t.px(3.5)))
                pygame.draw.line(surf, th.INK_DARK, line[0], line[1], max(1, t.px(1.5)))
                pygame.draw.circle(surf, th.PAPER, line[1], t.px(4.5))
                pygame.draw.circle(surf, th.INK_DARK, line[1], t.px(3.2))
        for cid, plate in self._plate_at.items():
            cv = view.countries.get(cid) if view else None
            st = self.styles.get(cv.faction or "") if cv is not None else None
            status = "" if cv is None else _(PLATE_WORDS.get(cv.status, cv.status))
            name = th.text_surface(font, country_caps(self.rs, cid), th.INK_DARK)
            stat = th.text_surface(sfont, status, th.INK_DARK_MUTED if st is None else th.INK_DARK) if status else None
            bg = pygame.Surface(plate.size, pygame.SRCALPHA)
            pygame.draw.rect(bg, (*th.PAPER, 215), bg.get_rect(), border_radius=t.px(5))
            edge = st.colour if st else th.PAPER_EDGE
            pygame.draw.rect(bg, edge, bg.get_rect(), max(1, t.px(2 if st else 1)), border_radius=t.px(5))
            surf.blit(bg, plate)
            surf.blit(name, name.get_rect(midtop=(plate.centerx, plate.y + t.px(1))))
            if stat is not None:
                sy = plate.y + t.px(1) + name.get_height()
                sx = plate.centerx - (stat.get_width() + (t.px(16) if st else 0)) // 2
                if st is not None:
                    th.blit_token(surf, st, (sx + t.px(6), sy + stat.get_height() // 2), t.px(6))
                    sx += t.px(16)
                surf.blit(stat, (sx, sy))

    # ----- influence badges -------------------------------------------------------------------------
    # A badge names its space (leader's token, stability) and lists each faction's total
    # there as leadership counts it (a mod may make soft power in capitals count double), three to a
    # row, the leader's shaded. One format everywhere, with room for every faction: a
    # badge never changes size, so badges are placed once per map size and never move.
    # The hover card has every number by domain.
    def _badge_rows(self, sid: str) -> list[tuple[str, int]]:
        totals = self.leadership.get(sid, {})
        return sorted(((f, v) for f, v in totals.items() if v > 0), key=lambda kv: (-kv[1], kv[0]))

    def _item_w(self) -> int:
        t = self.theme
        return t.bpx(13) + t.px(3) + self._map_font(bold=True).size("88")[0] + t.px(5)

    def _stability_w(self) -> int:
        t = self.theme
        return self._map_font().size("8")[0] + t.px(8)

    def _badge_size(self, sid: str) -> tuple[int, int]:
        """The badge's size: its name and stability over room for every faction's total."""
        t = self.theme
        name_font = self._map_font(bold=True)
        sp = self.space_by_id[sid]
        name_w = name_font.size(sp.name)[0] + t.bpx(15) + self._stability_w() + t.px(6)
        head = name_font.get_height() + t.px(2)
        n = len(self.styles)
        lines = -(-n // ITEMS_PER_ROW)
        width = min(n, ITEMS_PER_ROW) * self._item_w() + t.px(4)
        return (max(name_w, width) + t.px(8), head + lines * t.bpx(14) + t.px(3))

    def _ground(self) -> map_labels.Ground:
        """The land as masks: each board country's and each space's own, the land that is not
        a country's (other countries and the neighbours, not the sea), all the board's
        countries, and the neighbours."""
        w, h = self.rect.size
        land = pygame.Surface((w, h), pygame.SRCALPHA)
        land.fill((0, 0, 0, 0))
        for polys in self.neighbours.values():
            for poly in polys:
                pygame.draw.polygon(land, (255, 255, 255, 255), self._pts(poly[0], 1, self.rect.x, self.rect.y))
        for polys in self.water.values():
            for poly in polys:
                pygame.draw.polygon(land, (0, 0, 0, 0), self._pts(poly[0], 1, self.rect.x, self.rect.y))
        neighbours = pygame.mask.from_surface(land)
        board = pygame.Surface((w, h), pygame.SRCALPHA)
        board.fill((0, 0, 0, 0))
        own: dict[str, pygame.mask.Mask] = {}
        for cid, rings in self._rings.items():
            one = pygame.Surface((w, h), pygame.SRCALPHA)
            one.fill((0, 0, 0, 0))
            for ring in rings:
                pygame.draw.polygon(land, (255, 255, 255, 255), ring)
                pygame.draw.polygon(board, (255, 255, 255, 255), ring)
                pygame.draw.polygon(one, (255, 255, 255, 255), ring)
            own[cid] = pygame.mask.from_surface(one)
        spaces: dict[str, pygame.mask.Mask] = {}
        for sid, rings in self._space_rings.items():
            one = pygame.Surface((w, h), pygame.SRCALPHA)
            one.fill((0, 0, 0, 0))
            for ring in rings:
                pygame.draw.polygon(one, (255, 255, 255, 255), ring)
            spaces[sid] = pygame.mask.from_surface(one)
        land_mask = pygame.mask.from_surface(land)
        other = {}
        for cid, mask in own.items():
            m = land_mask.copy()
            m.erase(mask, (0, 0))
            other[cid] = m
        board_mask = pygame.mask.from_surface(board)
        neighbours.erase(board_mask, (0, 0))
        return map_labels.Ground(own=own, other=other, board=board_mask, spaces=spaces, neighbours=neighbours)

    def _draw_leader(self, surf: pygame.Surface, badge: Badge) -> None:
        """A thin line from the city to its badge, when the badge had to move away."""
        lead = self._leaders.get(badge.space)
        if lead is not None:
            t = self.theme
            pygame.draw.line(surf, th.PAPER, lead[0], lead[1], max(3, t.px(3.5)))
            pygame.draw.line(surf, th.INK_DARK, lead[0], lead[1], max(1, t.px(1.5)))

    def _draw_city(self, surf: pygame.Surface, badge: Badge) -> None:
        """The city's marker: a gold star for a capital, a ring for another city."""
        t = self.theme
        ax, ay = badge.anchor[0] - self.rect.x, badge.anchor[1] - self.rect.y
        cr = t.px(4.5)
        if self.space_by_id[badge.space].is_capital:
            pygame.draw.rect(surf, th.INK_DARK, pygame.Rect(ax - cr - 1, ay - cr - 1, 2 * cr + 2, 2 * cr + 2))
            pygame.draw.polygon(surf, th.GOLD, th._star_points(ax, ay, cr * 1.1))
        else:
            pygame.draw.circle(surf, th.INK_DARK, (ax, ay), cr)
            pygame.draw.circle(surf, th.PAPER, (ax, ay), cr * 0.55)

    def _draw_badge(self, surf: pygame.Surface, badge: Badge) -> None:
        t = self.theme
        view = self._view
        sid = badge.space
        r = badge.rect.move(-self.rect.x, -self.rect.y)
        sp = self.space_by_id[sid]
        sv = view.spaces.get(sid) if view else None
        leader = self.styles.get(sv.leader or "") if sv else None
        bg = pygame.Surface(r.size, pygame.SRCALPHA)
        pygame.draw.rect(bg, (*th.PAPER, 236), bg.get_rect(), border_radius=t.px(5))
        surf.blit(bg, r)
        edge = leader.colour if leader else th.PAPER_EDGE
        pygame.draw.rect(surf, edge, r, max(1, t.px(2.2 if leader else 1)), border_radius=t.px(5))
        name_font = self._map_font(bold=True)
        y = r.y + t.px(1)
        x = r.x + t.px(4)
        mid = y + name_font.get_height() // 2 + 1
        if leader is not None:
            th.blit_token(surf, leader, (x + t.bpx(6.5), mid), t.bpx(6.5))
        th.blit_text(surf, name_font, sp.name, th.INK_DARK, (x + t.bpx(15), y))
        self._draw_stability(surf, sv.stability if sv else sp.stability, pygame.Rect(r.right - t.px(4) - self._stability_w(), y + t.px(1), self._stability_w(), name_font.get_height() - t.px(1)))
        y += name_font.get_height() + t.px(2)
        if sv is None:
            return
        num_font = self._map_font(bold=True)
        row_h = t.bpx(14)
        item_w = self._item_w()
        for i, (fid, total) in enumerate(self._badge_rows(sid)):
            st = self.styles.get(fid)
            if st is None:
                continue
            cx = r.x + t.px(4) + (i % ITEMS_PER_ROW) * item_w
            cy = y + (i // ITEMS_PER_ROW) * row_h
            if fid == sv.leader:
                pygame.draw.rect(surf, th.mix(th.PAPER, st.colour, 0.32), pygame.Rect(cx - t.px(2), cy, item_w - t.px(1), row_h), border_radius=t.px(3))
            th.blit_token(surf, st, (cx + t.bpx(6.5), cy + row_h // 2), t.bpx(6.5))
            font = num_font if total < 100 else self._map_font(bold=True, size=9)
            th.blit_text(surf, font, str(total), th.INK_DARK, (cx + t.bpx(13) + t.px(3), cy + row_h // 2), "midleft")

    def _draw_stability(self, surf: pygame.Surface, stability: int, box: pygame.Rect) -> None:
        """Stability as a number in a small grey shield (the legend says what it is)."""
        t = self.theme
        pygame.draw.rect(surf, th.INK_DARK_MUTED, box, border_radius=t.px(3))
        th.blit_text(surf, self._map_font(), str(stability), th.PAPER, box.center, "center")

    # ----- overlay and drawing --------------------------------------------------------------------
    def set_targets(self, targets: dict[str, str]) -> None:
        if targets != self.targets:
            self.targets = dict(targets)
            self._target_overlay = None

    def pulse(self, space_ids: list[str], colour: th.Colour, now: float) -> None:
        for sid in space_ids:
            if sid in self.space_city:
                self.pulses.append((sid, now, colour))

    def animating(self, now: float) -> bool:
        """Whether the map changes by itself: pulses fading, or its own labels just placed."""
        self.pulses = [p for p in self.pulses if now - p[1] < PULSE_SECONDS]
        landed = self.labels_landed()
        return bool(self.pulses) or landed

    def _build_targets(self) -> pygame.Surface:
        w, h = self.rect.size
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        if not self.targets:
            return surf
        dim = pygame.Surface((w, h), pygame.SRCALPHA)
        for sid in self.space_ids:
            if sid not in self.targets:
                for poly in self.space_polys[sid]:
                    pygame.draw.polygon(dim, (30, 30, 40, 70), self._pts(poly[0], 1, self.rect.x, self.rect.y))
        surf.blit(dim, (0, 0))
        width = max(2, self.theme.px(3))
        for sid in self.targets:
            for poly in self.space_polys.get(sid, []):
                pts = self._pts(poly[0], 1, self.rect.x, self.rect.y)
                pygame.draw.polygon(surf, (*th.HIGHLIGHT, 60), pts)
                pygame.draw.lines(surf, th.HIGHLIGHT, True, pts, width)
        return surf

    def draw(self, surface: pygame.Surface, now: float) -> None:
        self.draw_base(surface)
        self.draw_live(surface, now)

    def state_version(self) -> tuple[int, tuple[str, ...]]:
        """Changes whenever `draw_base` would draw something different."""
        return (id(self._state) if self._state is not None else 0, self._target_key_now())

    def draw_base(self, surface: pygame.Surface) -> None:
        """The map with the board's state and the lit targets (cached surfaces)."""
        self.labels_landed()
        if self._state is None:
            self._state = _fast(self._build_state())
            self._composite = None
        if self._composite is None or self._composite_key != self._target_key_now():
            self._composite = self._build_composite()
            self._composite_key = self._target_key_now()
        surface.blit(self._composite, self.map_rect, self.map_rect.move(-self.rect.x, -self.rect.y))

    def draw_live(self, surface: pygame.Surface, now: float) -> None:
        """What changes between frames: the hovered and focused space, and pulses."""
        t = self.theme
        if self.hover is not None and self.hover in self._space_rings:
            for ring in self._space_rings[self.hover]:
                pygame.draw.lines(surface, (255, 255, 255), True, [(x + self.rect.x, y + self.rect.y) for x, y in ring], max(2, t.px(2)))
            if self.hover in self.badges:
                pygame.draw.rect(surface, (255, 255, 255), self.badges[self.hover].rect.inflate(6, 6), max(2, t.px(1.6)), border_radius=t.px(6))
        if self.focus is not None and self.focus in self._space_rings:
            # the keyboard's focus: dashed cyan on a dark line, unlike the yellow of a legal target
            for ring in self._space_rings[self.focus]:
                pts = [(x + self.rect.x, y + self.rect.y) for x, y in ring]
                pygame.draw.lines(surface, th.INK_DARK, True, pts, max(3, t.px(5)))
                for a, b in zip(pts, pts[1:] + pts[:1], strict=True):
                    _dashed(surface, th.FOCUS, a, b, max(2, t.px(3)), t.px(8), t.px(5))
            if self.focus in self.badges:
                draw_focus_ring(surface, t, self.badges[self.focus].rect)
        for sid, t0, colour in self.pulses:
            age = (now - t0) / PULSE_SECONDS
            if not 0 <= age < 1:
                continue
            cx, cy = self.badges[sid].anchor if sid in self.badges else self.to_screen(self.space_city[sid])
            radius = self.theme.px(10 + 34 * age)
            ring_s = pygame.Surface((radius * 2 + 8, radius * 2 + 8), pygame.SRCALPHA)
            pygame.draw.circle(ring_s, (*colour, round(255 * (1 - age))), (radius + 4, radius + 4), radius, max(2, self.theme.px(4 * (1 - age) + 1)))
            surface.blit(ring_s, (cx - radius - 4, cy - radius - 4))

    def _target_key_now(self) -> tuple[str, ...]:
        return tuple(sorted(self.targets))

    def _build_composite(self) -> pygame.Surface:
        """The state layer with the current decision's targets lit (one opaque surface)."""
        assert self._state is not None
        if not self.targets:
            return self._state
        comp = self._state.copy()
        comp.blit(self._build_targets(), (0, 0))
        for sid in self.targets:
            if sid in self.badges:
                b = self.badges[sid].rect.move(-self.rect.x, -self.rect.y)
                comp.blit(self._state, b, b)
                pygame.draw.rect(comp, th.HIGHLIGHT, b.inflate(4, 4), max(2, self.theme.px(2.5)), border_radius=self.theme.px(6))
        return comp


def draw_focus_ring(surface: pygame.Surface, t: Theme, rect: pygame.Rect) -> None:
    """The keyboard's focus around a badge, card or button: a dark line inside a cyan one."""
    outer = rect.inflate(t.px(10), t.px(10))
    pygame.draw.rect(surface, th.INK_DARK, outer, max(3, t.px(5)), border_radius=t.px(7))
    pygame.draw.rect(surface, th.FOCUS, outer.inflate(-t.px(2), -t.px(2)), max(2, t.px(3)), border_radius=t.px(7))


def _xywh(r: pygame.Rect) -> tuple[int, int, int, int]:
    return (r.x, r.y, r.w, r.h)


def _fast(surf: pygame.Surface) -> pygame.Surface:
    """The surface in the display's pixel format (much faster to blit)."""
    if pygame.display.get_surface() is None:
        return surf
    return surf.convert()


PULSE_SECONDS = 0.9
ITEMS_PER_ROW = 3
STATUS_KINDS = ("dominated", "aligned")
"""The statuses a country plate names a faction with; `BALANCED_TEXT` is the other one."""
BALANCED_TEXT = N_("balanced")
PLATE_WORDS = {"dominated": N_("dominated"), "aligned": N_("aligned"), "balanced": BALANCED_TEXT}
"""A country plate's status word (English, marked; shown through `_`)."""


def _dashed(surf: pygame.Surface, colour: th.Colour, a: tuple[float, float], b: tuple[float, float], width: int, dash: int, gap: int) -> None:
    length = math.dist(a, b)
    if length < 1:
        return
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    d = 0.0
    while d < length:
        e = min(length, d + dash)
        pygame.draw.line(surf, colour, (a[0] + ux * d, a[1] + uy * d), (a[0] + ux * e, a[1] + uy * e), width)
        d = e + gap
