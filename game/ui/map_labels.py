"""Where the map's labels go: each space's influence badge and each country's name plate.

Placed once per map size (the badges have room for every faction, the plates for every
status), so nothing on the map moves while a game is played. The rules a player sees:

- A **badge** sits over its own country, on its city or its space. Where the country is
  too crowded for it (the Fergana Valley, Tajikistan), it sits nearby and a line joins it
  to its city's dot, as printed board games do.
- A **country's plate** sits inside the country. Where the country is too small for it at
  this size, it sits just outside, over land or sea that is none of the board's countries,
  and a line from it ends in a dot inside the country. A plate never lies over another
  board country.
- Nothing covers anything else: no badge or plate over another, over a gateway or over a
  city's dot, and no line under a badge or plate or through another city.

The placement starts greedy (each label takes its best spot among those left: the plates,
then the crowded places first), then anneals (labels try other spots, and badges each
other's, and keep those that lower the total cost), then polishes (each label takes its
best spot beside all the others), then repairs what still breaks a rule (with the labels
it clashes with, then with its nearest ones). Seeded, pure and memoised: the same map
size gives the same labels, at once after the first time (boards are opened many times
at one size). A placement takes about half a second, so when the window is resized the
map may stand in the last size's labels, scaled (`place_soon`), while the new size's are
placed on a worker thread: the window never freezes on a resize.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import pygame

Point = tuple[int, int]
Line = tuple[Point, Point]

FOREIGN_MAX = 0.12
"""The share of a badge without a line that may lie over another country."""
MARK_PX = 6
"""Half the side of the square around a city's dot that nothing else may cover (at 1600×900)."""
TIE_PX = 6
"""A badge this close to its city's dot (at 1600×900) sits on it."""
MIN_LINE_PX = 12
"""A badge joined by a line sits at least this far from its city, so the line shows."""
MAX_LINE_PX = 170
"""No badge sits farther than this from its city (at 1600×900)."""
LINE_COST_PX = 18
"""What a line costs a badge, in pixels of distance (at 1600×900)."""
OUTSIDE_COST_PX = 160
"""What lying outside its country costs a plate, in pixels of distance."""
FAR_PX = 120
"""Distance costs more the farther it goes: d + d²/FAR_PX (one long line is worse than two short)."""
ELSEWHERE_COST_PX = 80
"""What lying wholly over another space costs a badge joined by a line."""
CROSS_COST_PX = 70
"""What crossing another line costs."""
ORDER_COST_PX = 50
"""What it costs two nearby badges to sit the other way round from their cities."""
ORDER_NEAR_PX = 150
"""Cities this close (either way) keep their badges in their order."""
HARD_COST_PX = 2000
"""What breaking one of the rules above costs (taken only when nothing else is left)."""
OVERLAP_COST = 5
"""An overlap costs this many rules broken."""
ROOMY = 400
"""A country with this many spots for its plate inside needs none outside."""
ANNEAL_STEPS_PER_LABEL = 120
ANNEAL_NEAREST = 400
"""A label tries only its nearest spots (by their own cost)."""
ANNEAL_HOT_PX = 120
ANNEAL_COLD_PX = 2
ANNEAL_SEED = 20
ANNEAL_RUNS = 4
"""Annealing runs from the greedy start (different seeds) until one breaks no rule; the best is kept."""
SWAP_SHARE = 0.25
"""The share of the annealing's tries where two badges try each other's places."""
IMPROVE_PASSES = 4
REPAIR_TRIES = 120
"""How many of its nearer spots a label breaking a rule tries, with each label it clashes with."""
RIP_UP_NEIGHBOURS = 2
"""How many of its nearest labels are lifted with a label still breaking a rule."""
WORK_BUDGET = 60_000
"""Costs the search may compute before it stops improving (another annealing run starts only
under half of it)."""


@dataclass(frozen=True)
class Ground:
    """The map's land as masks, in the layer's pixels."""

    own: dict[str, pygame.mask.Mask]
    """country id -> its land."""
    other: dict[str, pygame.mask.Mask]
    """country id -> land that is not it (the other board countries and the neighbours)."""
    board: pygame.mask.Mask
    """the land of every board country."""
    spaces: dict[str, pygame.mask.Mask] = field(default_factory=dict)
    """space id -> its land."""
    neighbours: pygame.mask.Mask | None = None
    """the land around the board (not the sea)."""


@dataclass(frozen=True)
class Problem:
    """Everything the placement depends on (hashable, so layouts are memoised)."""

    area: tuple[int, int, int, int]
    obstacles: tuple[tuple[int, int, int, int], ...]
    """Gateways and anything else fixed (layer pixels)."""
    avoid: tuple[tuple[int, int, int, int], ...]
    """Text better left uncovered (the neighbours' names)."""
    spaces: tuple[tuple[str, str, Point, Point, tuple[int, int]], ...]
    """(space id, country id, city, label point, badge size)."""
    countries: tuple[tuple[str, Point, tuple[int, int]], ...]
    """(country id, label point, plate size)."""
    unit: float
    shape: int = 0
    """A fingerprint of the countries' outlines (the ground is drawn from them)."""


@dataclass
class Labels:
    badges: dict[str, pygame.Rect] = field(default_factory=dict)
    badge_lines: dict[str, Line | None] = field(default_factory=dict)
    """space id -> the line from its city's dot to its badge, if it sits away."""
    plates: dict[str, pygame.Rect] = field(default_factory=dict)
    plate_lines: dict[str, Line | None] = field(default_factory=dict)
    """country id -> the line from its plate to a dot inside it, if the plate sits outside."""


@dataclass
class _Spot:
    rect: pygame.Rect
    base: float
    line: Line | None
    """badge: city -> rect; plate: rect -> dot inside the country."""
    city: Point | None = None
    """A badge's city."""
    box: pygame.Rect | None = None
    """The line's bounding box."""

    def __post_init__(self) -> None:
        if self.line is not None:
            self.box = _line_box(self.line)


@dataclass
class _Beside:
    """The other labels, as one label's cost sees them."""

    rects: list[pygame.Rect]
    lines: list[Line]
    badges: list[tuple[Point, Point]]
    """(city, middle of its badge) of the other badges."""
    boxes: list[pygame.Rect] = field(default_factory=list)
    """The lines' bounding boxes (a quick test before the exact one)."""


def _px(unit: float, value: float) -> int:
    return max(1, round(value * unit))


def _distance(rect: pygame.Rect, p: Point) -> float:
    """How far a point lies outside a rectangle (0 inside)."""
    dx = max(rect.left - p[0], 0, p[0] - rect.right)
    dy = max(rect.top - p[1], 0, p[1] - rect.bottom)
    return math.hypot(dx, dy)


def _nearest(rect: pygame.Rect, p: Point) -> Point:
    return (min(max(p[0], rect.left), rect.right - 1), min(max(p[1], rect.top), rect.bottom - 1))


@functools.lru_cache(maxsize=64)
def _box(size: tuple[int, int]) -> pygame.mask.Mask:
    return pygame.mask.Mask(size, fill=True)


def share(mask: pygame.mask.Mask | None, r: pygame.Rect) -> float:
    """The share of a rectangle that lies over a mask."""
    if mask is None or r.w <= 0 or r.h <= 0:
        return 0.0
    return mask.overlap_area(_box(r.size), r.topleft) / (r.w * r.h)


def _cross(a: Line, b: Line) -> bool:
    """True if two segments cross (touching at an end does not count)."""

    def orient(p: Point, q: Point, r: Point) -> int:
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 0) - (v < 0)

    (p1, p2), (q1, q2) = a, b
    if max(p1[0], p2[0]) < min(q1[0], q2[0]) or max(q1[0], q2[0]) < min(p1[0], p2[0]):
        return False
    if max(p1[1], p2[1]) < min(q1[1], q2[1]) or max(q1[1], q2[1]) < min(p1[1], p2[1]):
        return False
    if p1 in (q1, q2) or p2 in (q1, q2):
        return False
    return orient(p1, p2, q1) * orient(p1, p2, q2) < 0 and orient(q1, q2, p1) * orient(q1, q2, p2) < 0


class _Placer:
    def __init__(self, problem: Problem, ground: Ground) -> None:
        self.p = problem
        self.ground = ground
        u = problem.unit
        self.gap = _px(u, 3)
        self.area = pygame.Rect(problem.area)
        mark = _px(u, MARK_PX)
        self.markers = {sid: pygame.Rect(c[0] - mark, c[1] - mark, 2 * mark, 2 * mark) for sid, _cid, c, _l, _s in problem.spaces}
        self.obstacles = [pygame.Rect(r) for r in problem.obstacles]
        self.marker_ids = list(self.markers)
        self.marker_rects = list(self.markers.values())
        self.avoid = [pygame.Rect(r) for r in problem.avoid]
        self.hard = _px(u, HARD_COST_PX)
        self.cross_cost = _px(u, CROSS_COST_PX)
        self.order_cost = _px(u, ORDER_COST_PX)
        self.order_near = _px(u, ORDER_NEAR_PX)
        # land of the other board countries, per country (a badge over it could be taken for theirs)
        self.other_board: dict[str, pygame.mask.Mask] = {}
        for cid in ground.own:
            m = ground.board.copy()
            m.erase(ground.own[cid], (0, 0))
            self.other_board[cid] = m
        # per space, the rest of the board: a badge over it could be taken for another space's
        self.elsewhere: dict[str, pygame.mask.Mask] = {}
        for sid, m in ground.spaces.items():
            rest = ground.board.copy()
            rest.erase(m, (0, 0))
            self.elsewhere[sid] = rest
        self.work = 0
        """Costs computed so far: the search stops improving past `WORK_BUDGET` (so a map too
        small for its labels costs no more time than a roomy one, on any machine alike)."""
        self.space_info = {sid: (cid, city, label) for sid, cid, city, label, _size in problem.spaces}
        self.spots: dict[str, list[_Spot]] = {}
        self.grid: dict[str, dict[tuple[int, int], _Spot]] = {}
        """space id -> its badge's spots by their step from its city (w/6 across, h/4 down)."""
        for sid, cid, city, label, size in problem.spaces:
            self.spots[sid] = self._badge_spots(sid, cid, city, label, size)
        for cid, label, size in problem.countries:
            if cid in ground.own:
                self.spots[PLATE + cid] = self._plate_spots(cid, label, size)
        self.best_base = {key: (spots[0].base if spots else 0.0) for key, spots in self.spots.items()}

    # ----- candidate spots, once per layout ---------------------------------------------------
    def _fixed_cost(self, r: pygame.Rect, line: Line | None, own_city: str | None) -> float:
        """What a spot costs whatever else is placed: covering a city's dot or a neighbour's
        name, or a line through another city."""
        cost = 0.0
        for i in r.collidelistall(self.marker_rects):
            if self.marker_ids[i] != own_city:
                cost += self.hard
        if line is not None:
            for i in _line_box(line).collidelistall(self.marker_rects):
                if self.marker_ids[i] != own_city and self.marker_rects[i].clipline(*line):
                    cost += self.hard
        return cost + self.cross_cost * len(r.collidelistall(self.avoid))

    def _badge_spots(self, sid: str, cid: str, city: Point, label: Point, size: tuple[int, int]) -> list[_Spot]:
        w, h = size
        out: list[_Spot] = []
        grid = self.grid[sid] = {}
        reach = _px(self.p.unit, MAX_LINE_PX)
        across = min(18, math.ceil((reach + w / 2) * 6 / w))  # farther steps are past the longest line
        down = min(16, math.ceil((reach + h / 2) * 4 / h))
        for i in range(-across, across + 1):
            for j in range(-down, down + 1):
                r = pygame.Rect(0, 0, w, h)
                r.center = (round(city[0] + i * w / 6), round(city[1] + j * h / 4))
                spot = self._badge_spot(sid, r)
                if spot is not None:
                    out.append(spot)
                    grid[(i, j)] = spot
        out.sort(key=lambda s: s.base)
        return out

    def _badge_spot(self, sid: str, r: pygame.Rect) -> _Spot | None:
        """The badge of `sid` at `r`, with its line and its own cost (None if it may not go there)."""
        if not self.area.contains(r):
            return None
        u = self.p.unit
        cid, city, label = self.space_info[sid]
        d = _distance(r, city)
        if d > _px(u, MAX_LINE_PX):
            return None
        foreign = share(self.ground.other.get(cid), r)
        core = r.inflate(-r.w // 3, -r.h // 3)
        far = d + d * d / (u * FAR_PX)
        if foreign <= FOREIGN_MAX and (d <= _px(u, TIE_PX) or core.collidepoint(label)):
            # over its own space: as good at the space's middle as at its city
            near = min(d, math.dist(r.center, label))
            return _Spot(r, near + near * near / (u * FAR_PX) + u * 20 * foreign + self._fixed_cost(r, None, sid), None, city)
        if d < _px(u, MIN_LINE_PX) or d > _px(u, MAX_LINE_PX):
            return None  # too close for a line to show (and not over its own country), or too far
        elsewhere = share(self.elsewhere.get(sid, self.other_board.get(cid)), r)
        line = (city, _nearest(r, city))
        # away from home, better over the sea or a neighbour than over another space
        base = far + _px(u, LINE_COST_PX) + u * ELSEWHERE_COST_PX * elsewhere + u * 15 * share(self.ground.neighbours, r) + self._fixed_cost(r, line, sid)
        return _Spot(r, base, line, city)

    def _interior(self, cid: str) -> list[Point]:
        """Points well inside a country (for the dot at the end of its plate's line)."""
        own = self.ground.own[cid]
        u = self.p.unit
        k = _px(u, 9)
        box = _box((k, k))
        step = _px(u, 5)
        pts: list[Point] = []
        for b in own.get_bounding_rects():
            for y in range(b.top, b.bottom, step):
                for x in range(b.left, b.right, step):
                    if own.overlap_area(box, (x - k // 2, y - k // 2)) == k * k:
                        pts.append((x, y))
        return pts

    def _plate_spots(self, cid: str, label: Point, size: tuple[int, int]) -> list[_Spot]:
        u = self.p.unit
        w, h = size
        own = self.ground.own[cid]
        inside: list[_Spot] = []
        step = _px(u, 4)
        # nearest the country's label point first, and no more than it could need
        places = sorted(
            ((x, y) for b in own.get_bounding_rects() for y in range(b.top, b.bottom - h + 1, step) for x in range(b.left, b.right - w + 1, step)),
            key=lambda p: (p[0] + w / 2 - label[0]) ** 2 + (p[1] + h / 2 - label[1]) ** 2,
        )
        for x, y in places:
            r = pygame.Rect(x, y, w, h)
            if self.area.contains(r) and own.overlap_area(_box(r.size), r.topleft) == r.w * r.h:
                inside.append(_Spot(r, 0.4 * math.dist(r.center, label) + self._fixed_cost(r, None, None), None))
                if len(inside) >= ROOMY:
                    break
        # outside: near a point well inside, over none of the board's countries
        outside: list[_Spot] = []
        interior = self._interior(cid) if len(inside) < ROOMY else []
        if interior:
            clear = _px(u, 4)
            board = self.ground.board
            seen: set[tuple[int, int]] = set()
            near_edge = _px(u, 12)
            edge = [p for p in interior if any(self.area.collidepoint(q) and not own.get_at(q) for q in _ring(p, near_edge))]
            # dots by the edge first, and some deeper in for when those are covered
            dots = edge[:: max(1, len(edge) // 48)] + interior[:: max(1, len(interior) // 32)]
            for dot in dots:
                for gap in (_px(u, 16), _px(u, 32), _px(u, 56), _px(u, 90)):
                    for k in range(16):
                        a = 2 * math.pi * k / 16
                        dx, dy = math.cos(a), math.sin(a)
                        reach = gap + abs(dx) * w / 2 + abs(dy) * h / 2
                        r = pygame.Rect(0, 0, w, h)
                        r.center = (round(dot[0] + dx * reach), round(dot[1] + dy * reach))
                        if (r.x, r.y) in seen or not self.area.contains(r):
                            continue
                        seen.add((r.x, r.y))
                        box = r.inflate(2 * clear, 2 * clear)
                        if board.overlap_area(_box(box.size), box.topleft):
                            continue
                        line = (_nearest(r, dot), dot)
                        d = math.dist(*line)
                        outside.append(_Spot(r, _px(u, OUTSIDE_COST_PX) + d + d * d / (u * FAR_PX) + self._fixed_cost(r, line, None), line))
        inside.sort(key=lambda s: s.base)
        outside.sort(key=lambda s: s.base)
        return inside + outside

    # ----- placing ----------------------------------------------------------------------------
    def _cost(self, spot: _Spot, beside: _Beside) -> float:
        """The spot's cost beside the other labels."""
        self.work += 1
        r = spot.rect
        cost = spot.base + OVERLAP_COST * self.hard * len(r.inflate(self.gap, self.gap).collidelistall(beside.rects))
        lines = beside.lines
        for i in r.collidelistall(beside.boxes):
            if r.clipline(*lines[i]):
                cost += self.hard
        line = spot.line
        if line is not None:
            a, b = line
            box = spot.box or _line_box(line)
            for i in box.collidelistall(beside.rects):
                o = beside.rects[i]
                if o.clipline(a, b) and not o.collidepoint(a):  # (a gateway's name may lie over a city)
                    cost += self.hard
            for i in box.collidelistall(beside.boxes):
                if _cross(line, lines[i]):
                    cost += self.cross_cost
        if spot.city is not None:
            # badges keep their cities' order: a badge east of its neighbour's has its city east too
            (cx, cy), (bx, by) = spot.city, r.center
            near = self.order_near
            for (ox, oy), (obx, oby) in beside.badges:
                dcx, dcy = ox - cx, oy - cy
                if abs(dcx) > near or abs(dcy) > near:
                    continue
                dbx, dby = obx - bx, oby - by
                dot = dcx * dbx + dcy * dby
                if dot < 0:
                    cost += self.order_cost * -dot / (math.hypot(dcx, dcy) * math.hypot(dbx, dby) + 1e-9)
        return cost

    def _choose(self, key: str, beside: _Beside, limit: int | None = None) -> tuple[_Spot, float]:
        """The label's cheapest spot beside the others (among its `limit` nearest, if given)."""
        best: tuple[float, _Spot] | None = None
        for spot in self.spots[key][:limit]:
            if best is not None and spot.base >= best[0]:
                break
            cost = self._cost(spot, beside)
            if best is None or cost < best[0]:
                best = (cost, spot)
        if best is None:  # no spot at all (a map smaller than a label)
            return _Spot(pygame.Rect(self.area.topleft, (1, 1)), 0.0, None), 0.0
        return best[1], best[0]

    def _others(self, chosen: dict[str, _Spot], but: str) -> _Beside:
        rects = list(self.obstacles)
        lines: list[Line] = []
        boxes: list[pygame.Rect] = []
        badges: list[tuple[Point, Point]] = []
        for k, s in chosen.items():
            if k == but:
                continue
            rects.append(s.rect)
            if s.line is not None and s.box is not None:
                lines.append(s.line)
                boxes.append(s.box)
            if s.city is not None:
                badges.append((s.city, s.rect.center))
        return _Beside(rects, lines, badges, boxes)

    def _energy(self, chosen: dict[str, _Spot], keys: tuple[str, ...]) -> float:
        return sum(self._cost(chosen[k], self._others(chosen, k)) for k in keys)

    def _polish(self, chosen: dict[str, _Spot]) -> None:
        """Each label in turn moves to its best spot beside all the others, and each pair of
        badges swaps places, while that helps (it undoes tangles the annealing leaves)."""
        badges = [k for k in chosen if not k.startswith(PLATE)]
        for _pass in range(IMPROVE_PASSES):
            if _pass and self.work > WORK_BUDGET:
                break
            moved = False
            for key in list(chosen):
                beside = self._others(chosen, key)
                now = self._cost(chosen[key], beside)
                spot, cost = self._choose(key, beside)
                if cost < now - 0.5:
                    chosen[key], moved = spot, True
            for i, a in enumerate(badges):
                for b in badges[i + 1 :]:
                    ra, rb = pygame.Rect(chosen[a].rect), pygame.Rect(chosen[b].rect)
                    ra.center, rb.center = rb.center, ra.center
                    sa, sb = self._badge_spot(a, ra), self._badge_spot(b, rb)
                    if sa is None or sb is None:
                        continue
                    old = self._energy(chosen, (a, b))
                    trial = {**chosen, a: sa, b: sb}
                    if self._energy(trial, (a, b)) < old - 0.5:
                        chosen[a], chosen[b], moved = sa, sb, True
            if not moved:
                break

    def _repair(self, chosen: dict[str, _Spot]) -> None:
        """A label still breaking a rule (a line under another label, say) moves together with
        each label it clashes with: it tries its nearer spots, the other label takes its best
        spot beside it, and the best pair is kept if it costs less."""
        for key in list(chosen):
            if self.work > WORK_BUDGET or self._cost(chosen[key], self._others(chosen, key)) < self.hard:
                continue
            for partner in self._clashes(chosen, key):
                pair = (key, partner)
                best = (self._energy(chosen, pair), chosen[key], chosen[partner])
                rest = {k: v for k, v in chosen.items() if k not in pair}
                for spot in self.spots[key][:REPAIR_TRIES]:
                    trial = {**rest, key: spot}
                    other, _c = self._choose(partner, self._others(trial, partner), REPAIR_TRIES)
                    trial[partner] = other
                    energy = self._energy(trial, pair)
                    if energy < best[0] - 0.5:
                        best = (energy, spot, other)
                chosen[key], chosen[partner] = best[1], best[2]

    def _rip_up(self, chosen: dict[str, _Spot]) -> None:
        """A label still breaking a rule is lifted with its nearest labels, and they are put
        back one by one in every order; the cheapest order is kept if it costs less."""
        for key in list(chosen):
            if self.work > WORK_BUDGET or self._cost(chosen[key], self._others(chosen, key)) < self.hard:
                continue
            here = chosen[key].rect.center
            near = sorted((k for k in chosen if k != key), key=lambda k: math.dist(chosen[k].rect.center, here))[:RIP_UP_NEIGHBOURS]
            group = (key, *near)
            best = (self._energy(chosen, group), {k: chosen[k] for k in group})
            rest = {k: v for k, v in chosen.items() if k not in group}
            for order in itertools.permutations(group):
                trial = dict(rest)
                for k in order:
                    trial[k] = self._choose(k, self._others(trial, k))[0]
                energy = self._energy(trial, group)
                if energy < best[0] - 0.5:
                    best = (energy, {k: trial[k] for k in group})
            chosen.update(best[1])

    def _clashes(self, chosen: dict[str, _Spot], key: str) -> list[str]:
        """The labels `key` overlaps, or whose line crosses it, or that its line crosses."""
        me = chosen[key]
        out = []
        for k, s in chosen.items():
            if k == key:
                continue
            hit = me.rect.inflate(self.gap, self.gap).colliderect(s.rect)
            hit = hit or (s.line is not None and bool(me.rect.clipline(*s.line)))
            hit = hit or (me.line is not None and bool(s.rect.clipline(*me.line)) and not s.rect.collidepoint(me.line[0]))
            if hit:
                out.append(k)
        return out

    def _anneal(self, chosen: dict[str, _Spot], seed: int) -> None:
        """Simulated annealing: a label tries a random one of its nearer spots, or two badges
        try each other's places, and they keep the change if the labels' total cost falls
        (or, early on, does not rise by much). Seeded, so the same map gives the same labels."""
        rng = random.Random(seed)
        keys = list(chosen)
        badges = [k for k in keys if not k.startswith(PLATE)]
        hot, cold = self.p.unit * ANNEAL_HOT_PX, self.p.unit * ANNEAL_COLD_PX
        steps = ANNEAL_STEPS_PER_LABEL * len(keys)
        for n in range(steps):
            temp = hot * (cold / hot) ** (n / steps)
            if rng.random() < SWAP_SHARE and len(badges) > 1:
                a, b = rng.sample(badges, 2)
                ra, rb = pygame.Rect(chosen[a].rect), pygame.Rect(chosen[b].rect)
                ra.center, rb.center = rb.center, ra.center
                sa, sb = self._badge_spot(a, ra), self._badge_spot(b, rb)
                if sa is None or sb is None:
                    continue
                old = self._energy(chosen, (a, b))
                new = self._energy({**chosen, a: sa, b: sb}, (a, b))
                if new <= old or rng.random() < math.exp((old - new) / temp):
                    chosen[a], chosen[b] = sa, sb
                continue
            key = keys[rng.randrange(len(keys))]
            spots = self.spots[key]
            if len(spots) < 2:
                continue
            if key in self.grid and rng.random() < 0.5:  # a step or two from where it is
                r = chosen[key].rect
                _cid, city, _label = self.space_info[key]
                i, j = round((r.centerx - city[0]) * 6 / r.w), round((r.centery - city[1]) * 4 / r.h)
                got = self.grid[key].get((i + rng.randint(-3, 3), j + rng.randint(-3, 3)))
                if got is None:
                    continue
                spot = got
            else:
                spot = spots[rng.randrange(min(len(spots), ANNEAL_NEAREST))]
            beside = self._others(chosen, key)
            new = self._cost(spot, beside)
            old = self._cost(chosen[key], beside)
            if new <= old or rng.random() < math.exp((old - new) / temp):
                chosen[key] = spot

    def run(self) -> Labels:
        cities = {sid: c for sid, _cid, c, _l, _s in self.p.spaces}
        near = _px(self.p.unit, 120)

        def crowding(sid: str) -> int:
            x, y = cities[sid]
            return sum(1 for o in cities.values() if abs(o[0] - x) < near and abs(o[1] - y) < near)

        badges = sorted(cities, key=lambda sid: -crowding(sid))
        plates = [k for k in self.spots if k.startswith(PLATE)]
        start: dict[str, _Spot] = {}
        for key in plates + badges:  # greedy, the plates (fewest places) then crowded places first: the start
            start[key] = self._choose(key, self._others(start, key))[0]
        best: tuple[float, dict[str, _Spot]] | None = None
        for seed in range(ANNEAL_RUNS):
            if best is not None and self.work > WORK_BUDGET // 2:
                break
            chosen = dict(start)
            self._anneal(chosen, ANNEAL_SEED + seed)
            self._polish(chosen)
            self._repair(chosen)
            self._rip_up(chosen)
            self._polish(chosen)
            energy = self._energy(chosen, tuple(chosen))
            if best is None or energy < best[0]:
                best = (energy, chosen)
            if all(self._cost(chosen[k], self._others(chosen, k)) < self.hard for k in chosen):
                break  # no rule broken: good enough
        assert best is not None
        chosen = best[1]
        out = Labels()
        for sid in cities:
            out.badges[sid] = chosen[sid].rect
            out.badge_lines[sid] = chosen[sid].line
        for key in plates:
            out.plates[key.removeprefix(PLATE)] = chosen[key].rect
            out.plate_lines[key.removeprefix(PLATE)] = chosen[key].line
        return out


def _line_box(line: Line) -> pygame.Rect:
    (x0, y0), (x1, y1) = line
    return pygame.Rect(min(x0, x1), min(y0, y1), abs(x1 - x0) + 1, abs(y1 - y0) + 1)


def _ring(p: Point, d: int) -> list[Point]:
    return [(p[0] + round(d * math.cos(a)), p[1] + round(d * math.sin(a))) for a in (k * math.pi / 4 for k in range(8))]


PLATE = "country:"
"""The key of a country's plate among the labels (a space's badge has the space's id)."""


_CACHE: dict[Problem, Labels] = {}
_LOCK = threading.Lock()
"""Guards `_CACHE`, `_LAST` and `_PENDING` (a worker thread places labels too)."""
_LAST: list[tuple[Problem, Labels]] = []
"""The last labels placed, with their problem: what a resized map stands in meanwhile."""
_PENDING: dict[Problem, Future[Labels]] = {}
_WORKER: ThreadPoolExecutor | None = None


def place(problem: Problem, ground: Ground) -> Labels:
    """The labels for a map (memoised on `problem`, which the ground is drawn from)."""
    got = placed(problem)
    if got is not None:
        return got
    pending = _PENDING.get(problem)
    got = pending.result() if pending is not None else _place_now(problem, ground)
    return _copy(got)


def placed(problem: Problem) -> Labels | None:
    """The labels for a map if they have been placed (a copy), else None."""
    with _LOCK:
        got = _CACHE.get(problem)
    return None if got is None else _copy(got)


def place_soon(problem: Problem, ground: Ground) -> tuple[Labels, bool]:
    """The labels for a map at once, and whether they are its own: if they have not been
    placed yet, the last map's labels scaled to this one stand in (False) while this map's
    are placed on a worker thread (`placed` has them when they are ready). With no labels
    placed before, they are placed now."""
    got = placed(problem)
    if got is not None:
        return got, True
    global _WORKER
    with _LOCK:
        last = _LAST[-1] if _LAST else None
        if last is not None and problem not in _PENDING:
            if _WORKER is None:
                _WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="map-labels")
            _PENDING[problem] = _WORKER.submit(_place_now, problem, ground)
    if last is None:
        return place(problem, ground), True
    return _scaled(last[1], last[0], problem), False


def wait_placed(timeout: float = 60.0) -> None:
    """Wait until every placement on the worker thread is done (for pictures of the screen)."""
    with _LOCK:
        pending = list(_PENDING.values())
    for f in pending:
        f.result(timeout)


def _place_now(problem: Problem, ground: Ground) -> Labels:
    try:
        labels = _Placer(problem, ground).run()
        with _LOCK:
            if len(_CACHE) > 32:
                _CACHE.clear()
            _CACHE[problem] = labels
            _LAST[:] = [(problem, labels)]
    finally:  # placed or failed, it is no longer pending (a failure is raised where it is awaited)
        with _LOCK:
            _PENDING.pop(problem, None)
    return labels


def _copy(got: Labels) -> Labels:
    return Labels({k: pygame.Rect(v) for k, v in got.badges.items()}, dict(got.badge_lines), {k: pygame.Rect(v) for k, v in got.plates.items()}, dict(got.plate_lines))


def _scaled(labels: Labels, before: Problem, after: Problem) -> Labels:
    """`labels` of the map `before` moved onto the map `after` (each label keeps its place
    relative to the map, at its size on `after`; lines joined again): a stand-in."""
    ax, ay, aw, ah = before.area
    bx, by, bw, bh = after.area

    def move(p: Point) -> Point:
        return (round(bx + (p[0] - ax) * bw / max(1, aw)), round(by + (p[1] - ay) * bh / max(1, ah)))

    out = Labels()
    for sid, _cid, city, _label, size in after.spaces:
        old = labels.badges.get(sid)
        rect = pygame.Rect((0, 0), size)
        rect.center = move(old.center) if old is not None else city
        out.badges[sid] = rect
        out.badge_lines[sid] = (city, _nearest(rect, city)) if labels.badge_lines.get(sid) is not None else None
    for cid, label, size in after.countries:
        old = labels.plates.get(cid)
        rect = pygame.Rect((0, 0), size)
        rect.center = move(old.center) if old is not None else label
        out.plates[cid] = rect
        line = labels.plate_lines.get(cid)
        out.plate_lines[cid] = None if line is None else (_nearest(rect, move(line[1])), move(line[1]))
    return out


# ----- what `bench --layout` and the tests count -------------------------------------------------
def audit(problem: Problem, ground: Ground, labels: Labels) -> dict[str, int]:
    """Counts of what a player could misread on the map (each should be 0 but the first two):

    - `plates inside`: plates that lie wholly inside their own country;
    - `plates outside`: plates over none of the board's countries, joined to theirs by a line;
    - `plates astray`: the other plates (over another board country, say, or with no line);
    - `badges astray`: badges neither over their own country on their city or space nor
      joined to their city by a line;
    - `overlaps`: pairs of badges, plates and gateways that overlap;
    - `lines crossing`: lines that pass under a badge or plate, or through another city.
    """
    u = problem.unit
    inside = outside = astray = 0
    for cid, r in labels.plates.items():
        own = ground.own.get(cid)
        if own is not None and own.overlap_area(_box(r.size), r.topleft) == r.w * r.h:
            inside += 1
        elif labels.plate_lines.get(cid) is not None and not ground.board.overlap_area(_box(r.size), r.topleft):
            outside += 1
        else:
            astray += 1
    tie = _px(u, TIE_PX)
    badges_astray = 0
    for sid, cid, city, label, _size in problem.spaces:
        r = labels.badges[sid]
        line = labels.badge_lines.get(sid)
        if line is not None:
            if line[0] != city or _distance(r, line[1]) > 1:
                badges_astray += 1
            continue
        at_home = _distance(r, city) <= tie or r.inflate(-r.w // 3, -r.h // 3).collidepoint(label)
        if not at_home or share(ground.other.get(cid), r) > FOREIGN_MAX:
            badges_astray += 1
    things = list(labels.badges.values()) + list(labels.plates.values())
    fixed = [pygame.Rect(o) for o in problem.obstacles]
    overlaps = sum(1 for i, a in enumerate(things) for b in things[i + 1 :] if a.colliderect(b))
    overlaps += sum(1 for a in things for g in fixed if a.colliderect(g))
    mark = _px(u, MARK_PX) - 1
    markers = {sid: pygame.Rect(c[0] - mark, c[1] - mark, 2 * mark, 2 * mark) for sid, _cid, c, _l, _s in problem.spaces}
    crossing = 0
    drawn = [(sid, ln, labels.badges[sid]) for sid, ln in labels.badge_lines.items()] + [("", ln, labels.plates[cid]) for cid, ln in labels.plate_lines.items()]
    for key, line, own_rect in drawn:
        if line is None:
            continue
        a, b = line
        under = any(t is not own_rect and t.inflate(-2, -2).clipline(a, b) and not t.collidepoint(a) for t in things + fixed)
        if under or any(s != key and m.clipline(a, b) for s, m in markers.items()):
            crossing += 1
    return {"plates inside": inside, "plates outside": outside, "plates astray": astray, "badges astray": badges_astray, "overlaps": overlaps, "lines crossing": crossing}
