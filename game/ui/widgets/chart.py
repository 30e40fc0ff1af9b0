"""Small line charts: the balance index by round (a sparkline on the board, a full chart
with axes on the end screen)."""

from __future__ import annotations

import pygame

from game.ui import theme as th
from game.ui.theme import Theme


def _points(rect: pygame.Rect, values: list[float], lo: float, hi: float) -> list[tuple[float, float]]:
    n = len(values)
    span = (hi - lo) or 1.0
    if n == 1:
        return [(rect.centerx, rect.bottom - (values[0] - lo) / span * rect.h)]
    return [(rect.x + i * rect.w / (n - 1), rect.bottom - (min(hi, max(lo, v)) - lo) / span * rect.h) for i, v in enumerate(values)]


def sparkline(surface: pygame.Surface, rect: pygame.Rect, values: list[float], lo: float, hi: float, colour: th.Colour) -> None:
    pygame.draw.rect(surface, th.BG_DEEP, rect, border_radius=4)
    if not values:
        return
    inner = rect.inflate(-8, -8)
    pts = _points(inner, values, lo, hi)
    if len(pts) > 1:
        pygame.draw.lines(surface, colour, False, pts, 2)
    for p in pts:
        pygame.draw.circle(surface, colour, p, 2.5)


def line_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    t: Theme,
    series: list[tuple[str, list[float], th.Colour]],
    x_labels: list[str],
    lo: float = 0.0,
    hi: float = 100.0,
    marks: tuple[float, ...] = (),
    title: str = "",
    direct_labels: bool = False,
) -> None:
    """A chart with a y axis from `lo` to `hi`, one x label per point, and dashed marks;
    `direct_labels`: each series' name at the end of its line (no legend to look up)."""
    th.draw_panel(surface, rect, th.BG_DEEP, th.PANEL_EDGE, t.px(8))
    font = t.font("tiny")
    pad = t.px(12)
    top = rect.y + pad
    if title:
        th.blit_text(surface, t.font("small_bold"), title, th.INK, (rect.x + pad, top))
        top += t.font("small_bold").get_linesize() + t.px(4)
    left = rect.x + pad + font.size("100")[0] + t.px(6)
    label_w = max((font.size(th.printable(font, name))[0] for name, _v, _c in series), default=0) + t.px(12) if direct_labels else 0
    plot = pygame.Rect(left, top + t.px(4), rect.right - pad - left - label_w, rect.bottom - pad - font.get_linesize() - t.px(4) - top - t.px(4))
    if plot.w < 20 or plot.h < 20:
        return
    for v in (lo, (lo + hi) / 2, hi):
        y = plot.bottom - (v - lo) / ((hi - lo) or 1) * plot.h
        pygame.draw.line(surface, th.PANEL, (plot.x, y), (plot.right, y), 1)
        th.blit_text(surface, font, f"{v:.0f}", th.INK_MUTED, (plot.x - t.px(6), round(y)), "midright")
    for m in marks:
        my = plot.bottom - (m - lo) / ((hi - lo) or 1) * plot.h
        mx = plot.x
        while mx < plot.right:
            pygame.draw.line(surface, th.GOLD_DARK, (mx, my), (min(plot.right, mx + 6), my), 1)
            mx += 11
    n = max(len(x_labels), 1)
    step = max(1, n // 10)
    for i, label in enumerate(x_labels):
        if i % step and i != n - 1:
            continue
        x = plot.x + (i * plot.w / (n - 1) if n > 1 else plot.w / 2)
        th.blit_text(surface, font, label, th.INK_MUTED, (round(x), plot.bottom + t.px(4)), "midtop")
    for _name, values, colour in series:
        if not values:
            continue
        pts = _points(plot, values, lo, hi)
        if len(pts) > 1:
            pygame.draw.lines(surface, colour, False, pts, max(2, t.px(3)))
        for p in pts:
            pygame.draw.circle(surface, colour, p, max(3, t.px(4.5)))
            pygame.draw.circle(surface, th.BG_DEEP, p, max(1, t.px(2)))
    if direct_labels:
        from game.analysis.charts import spread_labels

        drawn = [(name, _points(plot, values, lo, hi)[-1], colour) for name, values, colour in series if values]
        ys = spread_labels([p[1] for _n, p, _c in drawn], font.get_linesize(), plot.y, plot.bottom)
        for (name, (px, py), colour), y in zip(drawn, ys, strict=True):
            pygame.draw.line(surface, colour, (px + t.px(5), py), (plot.right + t.px(8), y), 1)
            th.blit_text(surface, font, name, colour, (plot.right + t.px(10), round(y)), "midleft")
