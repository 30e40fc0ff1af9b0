"""Line charts for the debrief report, drawn as PNG with pygame-ce on headless surfaces.

Charts are read on paper, often photocopied in grey, so a series never rests on colour
alone: each has its colour, a marker shape and a dash pattern, and a direct label at the
end of its line (no legend to look up). Everything is drawn at twice the final size and
scaled down smoothly, which gives antialiased thick lines and dashes that pygame's own
primitives do not.

The marker shapes are also available as inline SVG (`svg_swatch`), so the HTML report
shows the same key next to a faction's name as its line in the charts.

Importing this module has no side effects; pygame is imported when a chart is drawn.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.colours import mix, readable_on
from game.i18n import _

if TYPE_CHECKING:
    import pygame

Colour = tuple[int, int, int]

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_REGULAR = FONT_DIR / "NotoSans-Regular.ttf"
FONT_BOLD = FONT_DIR / "NotoSans-Bold.ttf"

INK: Colour = (29, 32, 38)
MUTED: Colour = (92, 97, 108)
GRID: Colour = (222, 224, 228)
AXIS: Colour = (150, 154, 162)
BAND: Colour = (246, 239, 222)
BAND_INK: Colour = (138, 104, 28)
WARN: Colour = (190, 60, 50)
WHITE: Colour = (255, 255, 255)

MARKERS = ("circle", "square", "triangle", "diamond", "triangle_down", "pentagon", "plus", "cross")
"""Marker shapes in the order series receive them."""

DASHES: tuple[tuple[float, ...], ...] = (
    (),
    (16.0, 7.0),
    (5.0, 5.0),
    (18.0, 6.0, 3.0, 6.0),
    (2.0, 6.0),
    (10.0, 4.0, 10.0, 4.0, 2.0, 4.0),
)
"""Dash patterns (on, off, on, off … in final pixels at width 3); `()` is a solid line."""

SS = 2
"""Supersampling: charts are drawn this many times larger, then scaled down."""


def label_ink(c: Colour, background: Colour = WHITE) -> Colour:
    """`c`, darkened just enough to read as text on `background` (contrast ≥ 4.5:1)."""
    return readable_on(c, (background,))


TEXT_PX = {"title": 46, "subtitle": 28, "label": 28, "tick": 27, "x": 27, "year": 26, "axis": 26, "note": 26}
"""Each kind of text's size in final pixels at `Layout.text` 1: a label, a y tick, an x label
and its year, the y axis's name, and the notes on the plot (summit, threshold, crisis flag).
At 1600 px across the A4 text width (184 mm) 26 px prints at 8.5 pt."""


@dataclass(frozen=True)
class Layout:
    """How big a chart is drawn (final pixels) and what it holds besides the plot."""

    width: int = 1600
    height: int = 900
    text: float = 1.0
    """Every text size (`TEXT_PX`) times this."""
    titled: bool = True
    """Title and subtitle in the picture (a page that heads the chart itself leaves them out)."""
    y_label: bool = True
    """The y axis's name, turned up the left side."""
    values: bool = True
    """Each line's last value in its label (where the chart asks for it: `LineChart.label_value`)."""

    def px(self, kind: str) -> float:
        return TEXT_PX[kind] * self.text

    def smallest_text(self) -> float:
        kinds = [
            k for k in TEXT_PX if (self.titled or k not in ("title", "subtitle")) and (self.y_label or k != "axis")
        ]
        return min(self.px(k) for k in kinds)


FILE_LAYOUT = Layout()
"""A chart on its own, as a PNG file: titled."""
PAGE_LAYOUT = Layout(1600, 660, titled=False)
"""In the report on a screen or A4 paper, under its HTML heading: meant to show 800 CSS px wide or less."""
PHONE_LAYOUT = Layout(760, 900, 1.12, titled=False, y_label=False, values=False)
"""In the report on a phone (about 350 CSS px across): fewer, larger words (the values are in the table below)."""


# ----- the chart description ------------------------------------------------------------
@dataclass(frozen=True)
class Series:
    """One line: its values by x position (None where it has no value)."""

    id: str
    name: str
    values: Sequence[float | None]
    colour: Colour
    marker: str = "circle"
    dash: tuple[float, ...] = ()
    width: float = 4.0
    """Line width in final pixels."""
    marker_size: float = 8.5
    """Marker radius in final pixels (0: no markers)."""


def cycled_series(sid: str, name: str, values: Sequence[float | None], colour: Colour, k: int, width: float = 4.0,
                  marker_size: float = 8.5) -> Series:  # fmt: skip
    """A line whose marker and dash are the `k`-th of the cycles (so lines that share a
    colour, or are seen without colour, still differ)."""
    return Series(sid, name, values, colour, MARKERS[k % len(MARKERS)], DASHES[k % len(DASHES)], width, marker_size)


@dataclass(frozen=True)
class Mark:
    """A point annotation: a small flag at (x index, y value) with a word."""

    x: int
    y: float
    text: str
    colour: Colour = WARN


@dataclass(frozen=True)
class Threshold:
    """A horizontal reference line with a label (e.g. the crisis level of tension)."""

    y: float
    text: str
    colour: Colour = WARN


@dataclass(frozen=True)
class LineChart:
    title: str
    subtitle: str
    x_labels: Sequence[tuple[str, str]]
    """Two lines under each x position (e.g. the round and its year)."""
    series: Sequence[Series]
    y_label: str = ""
    y_format: Callable[[float], str] = field(default=lambda v: f"{v:g}")
    y_min: float | None = None
    y_max: float | None = None
    integer_ticks: bool = False
    bands: Sequence[int] = ()
    """x indices to shade (summit rounds), labelled `band_label`."""
    band_label: str = ""
    marks: Sequence[Mark] = ()
    thresholds: Sequence[Threshold] = ()
    label_value: bool = True
    """Put each series' last value in its direct label."""
    value_format: Callable[[float], str] | None = None
    """How a label shows a value (default: `y_format`)."""
    x_labels_short: Sequence[tuple[str, str]] = ()
    """Labels to use instead when `x_labels` are too wide for the space between points."""
    steps: bool = False
    """Draw each line as steps (the value holds until the next point: VP change at summits)."""
    separate: float = 0.0
    """Nudge series this many pixels apart vertically, so equal values stay visible side by side."""


# ----- scales -----------------------------------------------------------------------------
def nice_step(span: float, target: int = 6, integer: bool = False) -> float:
    """A round tick step (1, 2, 2.5 or 5 × a power of ten) giving about `target` ticks."""
    if span <= 0:
        return 1.0
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        step = m * power
        if step >= raw:
            break
    if integer:
        step = max(1.0, round(step))
    return step


def y_range(chart: LineChart) -> tuple[float, float, float]:
    """The y axis's lower and upper ends and its tick step."""
    values = [v for s in chart.series for v in s.values if v is not None]
    values += [t.y for t in chart.thresholds] + [m.y for m in chart.marks]
    lo = min(values, default=0.0)
    hi = max(values, default=1.0)
    if chart.y_min is not None:
        lo = min(lo, chart.y_min)
    if chart.y_max is not None:
        hi = max(hi, chart.y_max)
    if hi <= lo:
        hi = lo + 1.0
    step = nice_step(hi - lo, 6, chart.integer_ticks)
    lo = math.floor(lo / step + 1e-9) * step
    hi = math.ceil(hi / step - 1e-9) * step
    if hi <= lo:
        hi = lo + step
    return lo, hi, step


# ----- geometry shared by PNG and SVG -------------------------------------------------------
def marker_polygon(shape: str, cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """The outline of a marker (a circle is a fine polygon), centred on (cx, cy)."""

    def ring(n: int, turn: float, radius: float) -> list[tuple[float, float]]:
        return [
            (cx + radius * math.cos(turn + 2 * math.pi * k / n), cy + radius * math.sin(turn + 2 * math.pi * k / n))
            for k in range(n)
        ]

    if shape == "square":
        a = r * 0.86
        return [(cx - a, cy - a), (cx + a, cy - a), (cx + a, cy + a), (cx - a, cy + a)]
    if shape == "triangle":
        return ring(3, -math.pi / 2, r * 1.2)
    if shape == "triangle_down":
        return ring(3, math.pi / 2, r * 1.2)
    if shape == "diamond":
        return [(cx, cy - r * 1.2), (cx + r * 0.95, cy), (cx, cy + r * 1.2), (cx - r * 0.95, cy)]
    if shape == "pentagon":
        return ring(5, -math.pi / 2, r * 1.1)
    if shape in ("plus", "cross"):
        a, b = r * 1.1, r * 0.38
        pts = [
            (-b, -a),
            (b, -a),
            (b, -b),
            (a, -b),
            (a, b),
            (b, b),
            (b, a),
            (-b, a),
            (-b, b),
            (-a, b),
            (-a, -b),
            (-b, -b),
        ]
        turn = math.pi / 4 if shape == "cross" else 0.0
        c, s = math.cos(turn), math.sin(turn)
        return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in pts]
    return ring(28, 0.0, r)


def dash_runs(points: Sequence[tuple[float, float]], pattern: Sequence[float]) -> list[list[tuple[float, float]]]:
    """The polyline cut into the "on" pieces of a dash pattern (continuous across vertices)."""
    if not pattern:
        return [list(points)]
    runs: list[list[tuple[float, float]]] = []
    k, left, on = 0, pattern[0], True
    current: list[tuple[float, float]] = [points[0]] if points else []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        seg = math.hypot(x1 - x0, y1 - y0)
        pos = 0.0
        while seg - pos > left:
            pos += left
            p = (x0 + (x1 - x0) * pos / seg, y0 + (y1 - y0) * pos / seg)
            if on:
                current.append(p)
                runs.append(current)
                current = []
            else:
                current = [p]
            on = not on
            k = (k + 1) % len(pattern)
            left = pattern[k]
        left -= seg - pos
        if on:
            current.append((x1, y1))
    if on and len(current) > 1:
        runs.append(current)
    return runs


def svg_swatch(series: Series, width: int = 34, height: int = 14) -> str:
    """A small inline SVG key (line, dash and marker) for a series, for the HTML report."""
    c = "#{:02x}{:02x}{:02x}".format(*series.colour)
    dark = "#{:02x}{:02x}{:02x}".format(*mix(series.colour, (0, 0, 0), 0.45))
    y = height / 2
    sw = max(1.5, series.width * 0.7)
    dash = f' stroke-dasharray="{" ".join(f"{d * 0.55:g}" for d in series.dash)}"' if series.dash else ""
    pts = marker_polygon(series.marker, width / 2, y, min(5.0, height * 0.36))
    poly = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in pts)
    return (
        f'<svg class="key" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true">'
        f'<line x1="1" y1="{y:g}" x2="{width - 1}" y2="{y:g}" stroke="{c}" stroke-width="{sw:g}"{dash}/>'
        + (f'<polygon points="{poly}" fill="{c}" stroke="{dark}" stroke-width="1"/>' if series.marker_size else "")
        + "</svg>"
    )


# ----- drawing ------------------------------------------------------------------------------
@dataclass(frozen=True)
class DrawnText:
    """A text a chart holds: its words, size (final px), colour and the colour behind it."""

    text: str
    px: float
    colour: Colour
    ground: Colour


class _Canvas:
    """A supersampled surface with the few primitives the charts need (sizes in final px)."""

    def __init__(self, pg: Any, width: int, height: int) -> None:
        self.pg = pg
        self.surface: pygame.Surface = pg.Surface((width * SS, height * SS))
        self.surface.fill(WHITE)
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self.texts: list[DrawnText] = []

    def font(self, px: float, bold: bool = False) -> pygame.font.Font:
        key = (round(px * SS), bold)
        f = self._fonts.get(key)
        if f is None:
            f = self._fonts[key] = self.pg.font.Font(str(FONT_BOLD if bold else FONT_REGULAR), key[0])
        return f

    def text_size(self, text: str, px: float, bold: bool = False) -> tuple[float, float]:
        w, h = self.font(px, bold).size(text)
        return w / SS, h / SS

    def text(
        self,
        text: str,
        pos: tuple[float, float],
        px: float,
        colour: Colour,
        bold: bool = False,
        anchor: str = "topleft",
        backdrop: Colour | None = None,
        angle: float = 0,
    ) -> None:
        s = self.font(px, bold).render(text, True, colour)
        if angle:
            s = self.pg.transform.rotate(s, angle)
        r = s.get_rect(**{anchor: (round(pos[0] * SS), round(pos[1] * SS))})
        if backdrop is not None:
            self.pg.draw.rect(self.surface, backdrop, r.inflate(8 * SS, 0), border_radius=3 * SS)
        self.texts.append(DrawnText(text, px, colour, self.ground(r)))
        self.surface.blit(s, r)

    def ground(self, r: pygame.Rect) -> Colour:
        """The colour most of the area under `r` has (what a text drawn there is read against)."""
        area = r.clip(self.surface.get_rect())
        seen: dict[Colour, int] = {}
        for x in range(area.left, area.right, max(1, area.width // 24)):
            for y in range(area.top, area.bottom, max(1, area.height // 8)):
                r_, g_, b_, _unused = self.surface.get_at((x, y))
                seen[(r_, g_, b_)] = seen.get((r_, g_, b_), 0) + 1
        return max(seen, key=lambda c: seen[c]) if seen else WHITE

    def rect(self, x: float, y: float, w: float, h: float, colour: Colour) -> None:
        self.pg.draw.rect(
            self.surface,
            colour,
            self.pg.Rect(round(x * SS), round(y * SS), max(1, round(w * SS)), max(1, round(h * SS))),
        )

    def polyline(self, points: Sequence[tuple[float, float]], colour: Colour, width: float) -> None:
        """A thick line with round joins and caps."""
        half = width * SS / 2
        pts = [(x * SS, y * SS) for x, y in points]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            d = math.hypot(x1 - x0, y1 - y0)
            if d == 0:
                continue
            nx, ny = -(y1 - y0) / d * half, (x1 - x0) / d * half
            self.pg.draw.polygon(
                self.surface, colour, [(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)]
            )
        if half >= 1.5:
            for p in pts:
                self.pg.draw.circle(self.surface, colour, p, half)

    def line(
        self,
        p: tuple[float, float],
        q: tuple[float, float],
        colour: Colour,
        width: float = 1.0,
        dash: Sequence[float] = (),
    ) -> None:
        for run in dash_runs([p, q], dash):
            self.polyline(run, colour, width)

    def marker(self, shape: str, cx: float, cy: float, r: float, colour: Colour) -> None:
        halo = marker_polygon(shape, cx * SS, cy * SS, (r + 1.6) * SS)
        self.pg.draw.polygon(self.surface, WHITE, halo)
        self.pg.draw.polygon(self.surface, mix(colour, (0, 0, 0), 0.5), marker_polygon(shape, cx * SS, cy * SS, r * SS))
        self.pg.draw.polygon(self.surface, colour, marker_polygon(shape, cx * SS, cy * SS, (r - 1.3) * SS))

    def png(self, width: int, height: int) -> bytes:
        small = self.pg.transform.smoothscale(self.surface, (width, height))
        buf = io.BytesIO()
        self.pg.image.save(small, buf, "png")
        return buf.getvalue()


def _pygame() -> Any:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    if not pygame.font.get_init():
        pygame.font.init()
    return pygame


def spread_labels(wanted: Sequence[float], height: float, lo: float, hi: float) -> list[float]:
    """Label centres near `wanted`, at least `height` apart, inside [lo, hi] (order kept).

    >>> [round(y) for y in spread_labels([0, 95, 100, 100], 10, 0, 100)]
    [0, 80, 90, 100]
    """
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    ys = [wanted[i] for i in order]
    for _unused in range(200):
        moved = False
        for k in range(1, len(ys)):
            gap = ys[k] - ys[k - 1]
            if gap < height - 1e-6:
                push = (height - gap) / 2
                ys[k - 1] -= push
                ys[k] += push
                moved = True
        if not moved:
            break
    # Inside the bounds: push down from the top, then up from the bottom (a cluster near one
    # end moves away from it, and a label near the other end stays where it is).
    if ys:
        ys[0] = max(ys[0], lo)
        for k in range(1, len(ys)):
            ys[k] = max(ys[k], ys[k - 1] + height)
        ys[-1] = min(ys[-1], hi)
        for k in range(len(ys) - 2, -1, -1):
            ys[k] = min(ys[k], ys[k + 1] - height)
    out = [0.0] * len(wanted)
    for k, i in enumerate(order):
        out[i] = ys[k]
    return out


WRAP_LABELS_BEYOND = 0.3
"""A chart whose widest direct label would take more than this share of its width sets
each label on two lines (a phone's chart of long names keeps room for its plot)."""


def wrap_in_two(text: str, width_of: Callable[[str], float]) -> list[str]:
    """`text` as one line, or two broken at the space that leaves the wider line narrowest.

    >>> wrap_in_two("Domination by Türkiye", len)
    ['Domination', 'by Türkiye']
    >>> wrap_in_two("Kazakhstan", len)
    ['Kazakhstan']
    """
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return [text]
    i = min(spaces, key=lambda i: max(width_of(text[:i]), width_of(text[i + 1 :])))
    return [text[:i], text[i + 1 :]]


def render_line_chart(chart: LineChart, layout: Layout = FILE_LAYOUT) -> bytes:
    """The chart as PNG bytes (`layout.width` × `layout.height` pixels; `FILE_LAYOUT` is meant
    to show at half that in CSS px)."""
    return draw_line_chart(chart, layout).png(layout.width, layout.height)


def chart_texts(chart: LineChart, layout: Layout = FILE_LAYOUT) -> list[DrawnText]:
    """Every text the chart holds, as `render_line_chart` draws it (for checking sizes and contrast)."""
    return draw_line_chart(chart, layout).texts


def draw_line_chart(chart: LineChart, layout: Layout) -> _Canvas:
    pg = _pygame()
    width, height = layout.width, layout.height
    cv = _Canvas(pg, width, height)
    n = len(chart.x_labels)
    size = layout.px
    edge = 40 if layout.titled else 16

    # title and subtitle
    if layout.titled:
        cv.text(chart.title, (40, 20), size("title"), INK, bold=True)
        cv.text(chart.subtitle, (40, 88), size("subtitle"), MUTED)

    # direct labels decide the right margin
    label_px = size("label")
    labels = []
    for s in chart.series:
        last = next((v for v in reversed(s.values) if v is not None), None)
        fmt = chart.value_format or chart.y_format
        text = s.name + (f"  {fmt(last)}" if chart.label_value and layout.values and last is not None else "")
        labels.append(text)
    label_w = max((cv.text_size(t, label_px, True)[0] for t in labels), default=0)
    if label_w > width * WRAP_LABELS_BEYOND:  # long names (a narrow chart): each on two lines
        split = [wrap_in_two(t, lambda x: cv.text_size(x, label_px, True)[0]) for t in labels]
        label_w = max((cv.text_size(line, label_px, True)[0] for lines in split for line in lines), default=0)
    else:
        split = [[t] for t in labels]
    lo, hi, step = y_range(chart)
    tick_px = size("tick")
    tick_w = max(
        cv.text_size(chart.y_format(lo + k * step), tick_px)[0] for k in range(int(round((hi - lo) / step)) + 1)
    )
    y_label = chart.y_label if layout.y_label else ""
    left = edge + tick_w + 18 + (size("axis") * 1.7 if y_label else 0)
    right = width - (label_w + 64)
    # the summit labels sit above the plot, clear of a marker on its top line (odds of 100%)
    lift = 6 + max((s.marker_size for s in chart.series), default=0.0)
    top = 190 if layout.titled else 16 + size("note") * 1.4 + lift
    bottom = height - (size("x") + size("year")) * 1.75 - 20
    pw, ph = right - left, bottom - top
    pad = 26.0
    slot = (pw - 2 * pad) / (n - 1) if n > 1 else pw

    def px(i: int) -> float:
        return left + pad + (slot * i if n > 1 else (pw - 2 * pad) / 2)

    def py(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * ph

    # summit bands, each labelled unless the label would run into the one before
    band_w = cv.text_size(chart.band_label, size("note"), True)[0] if chart.band_label else 0.0
    labelled_to = -math.inf
    for i in chart.bands:
        if 0 <= i < n:
            half = min(slot * 0.32, 44.0)
            x0, x1 = max(left, px(i) - half), min(right, px(i) + half)
            cv.rect(x0, top, x1 - x0, ph, BAND)
            if px(i) - band_w / 2 > labelled_to + 8:
                band_ink = readable_on(BAND_INK, (WHITE,))
                cv.text(chart.band_label, (px(i), top - lift), size("note"), band_ink, bold=True, anchor="midbottom")
                labelled_to = px(i) + band_w / 2

    # grid, ticks and axes
    k = 0
    while lo + k * step <= hi + 1e-9:
        v = lo + k * step
        y = py(v)
        cv.line((left, y), (right, y), GRID if k else AXIS, 1.4)
        cv.text(chart.y_format(v), (left - 14, y), tick_px, MUTED, anchor="midright")
        k += 1
    x_px, year_px = size("x"), size("year")
    x_labels = chart.x_labels
    if chart.x_labels_short and max(cv.text_size(a, x_px, True)[0] for a, _unused in x_labels) > slot - 10:
        x_labels = chart.x_labels_short
    widest = max((max(cv.text_size(a, x_px, True)[0], cv.text_size(b, year_px)[0]) for a, b in x_labels), default=0.0)
    every = max(1, math.ceil((widest + 12) / slot)) if n > 1 else 1
    # label every position when the labels fit, else every second (third …) one
    for i, (first, second) in enumerate(x_labels):
        x = px(i)
        cv.line((x, bottom), (x, bottom + 8), AXIS, 1.6)
        if i % every:
            continue
        cv.text(first, (x, bottom + 12), x_px, INK, bold=True, anchor="midtop")
        if second:
            cv.text(second, (x, bottom + 12 + x_px * 1.45), year_px, MUTED, anchor="midtop")
    if y_label:
        cv.text(
            y_label, (edge + size("axis") * 0.6, (top + bottom) / 2), size("axis"), MUTED, anchor="center", angle=90
        )

    # thresholds
    for t in chart.thresholds:
        y = py(t.y)
        cv.line((left, y), (right, y), t.colour, 2.4, (10.0, 7.0))

    # lines, then markers on top of every line
    series_points: list[list[tuple[float, float]]] = []
    for k, s in enumerate(chart.series):
        nudge = (k - (len(chart.series) - 1) / 2) * chart.separate
        pts = [(px(i), py(v) + nudge) for i, v in enumerate(s.values) if v is not None]
        series_points.append(pts)
        path = pts
        if chart.steps:
            path = [p for a, b in zip(pts, pts[1:], strict=False) for p in (a, (b[0], a[1]))] + pts[-1:]
        if len(path) > 1:
            pattern = [d * s.width / 3 for d in s.dash]
            for run in dash_runs(path, pattern):
                cv.polyline(run, s.colour, s.width)
    for s, pts in zip(chart.series, series_points, strict=True):
        if s.marker_size:
            for x, y in pts:
                cv.marker(s.marker, x, y, s.marker_size, s.colour)

    # threshold labels over the lines, on a white backdrop so a line never crosses the words;
    # a threshold at the top of the plot has its words under the line, clear of the band labels
    for t in chart.thresholds:
        at_top = py(t.y) - size("note") * 1.3 < top
        cv.text(
            t.text,
            (left + 10, py(t.y) + (3 if at_top else -3)),
            size("note"),
            label_ink(t.colour),
            bold=True,
            anchor="topleft" if at_top else "bottomleft",
            backdrop=WHITE,
        )

    # point annotations (crises, breakdown)
    for m in chart.marks:
        if 0 <= m.x < n:
            x, y = px(m.x), py(m.y)
            tri = [(x, y - 14), (x - 11, y - 32), (x + 11, y - 32)]
            pg.draw.polygon(cv.surface, m.colour, [(a * SS, b * SS) for a, b in tri])
            cv.text(
                m.text, (x, y - 34), size("note"), label_ink(m.colour), bold=True, anchor="midbottom", backdrop=WHITE
            )

    # direct labels at the end of each line, spread so they never overlap
    ends = [pts[-1] if pts else (right, bottom) for pts in series_points]
    line_h = cv.text_size(_("Ag"), label_px, True)[1] * 0.98
    rows = max((len(lines) for lines in split), default=1)
    ys = spread_labels([e[1] for e in ends], line_h * rows + (6 if rows > 1 else 0), top, bottom)
    lx = right + 34
    for s, lines, (ex, ey), y in zip(chart.series, split, ends, ys, strict=True):
        cv.line((ex + s.marker_size + 3, ey), (lx - 8, y), mix(s.colour, INK, 0.25), 2.0)
        for k, line in enumerate(lines):
            cv.text(line, (lx, y + (k - (len(lines) - 1) / 2) * line_h), label_px, label_ink(s.colour), bold=True, anchor="midleft")

    return cv
