"""The board's side panels: the calendar and tracks on the left, the factions on the right,
and the hover cards that explain a space, a country or a card.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.engine.view import View
from game.i18n import N_, _, caps, pgettext
from game.ruleset.model import Ruleset
from game.ui import theme as th
from game.ui.theme import FactionStyle, Theme
from game.ui.widgets.chart import sparkline
from game.ui.widgets.words import said, seat_label

PHASE_WORDS = {"setup": N_("Setup"), "event": N_("World event"), "income": N_("Income"), "draw": N_("Draw"), "actions": N_("Actions"),
               "tension": N_("Tension check"), "summit": N_("Summit"), "cleanup": N_("Cleanup")}  # fmt: skip


def _section_title(surface: pygame.Surface, t: Theme, text: str, x: int, y: int, width: int) -> int:
    r = th.blit_text(surface, t.font("small_bold"), caps(text), th.INK_MUTED, (x, y))
    return r.bottom + t.px(4)


def draw_calendar_and_tracks(surface: pygame.Surface, rect: pygame.Rect, t: Theme, view: View, rs: Ruleset, reserve: int = 0) -> None:
    """Year and round, phase, each track with its marks, the balance index and its trend
    (`reserve`: pixels kept free at the bottom, for the stakes button)."""
    th.draw_panel(surface, rect, th.PANEL, th.PANEL_EDGE, t.px(10))
    x, w = rect.x + t.px(12), rect.w - t.px(24)
    y = rect.y + t.px(10)
    th.blit_text(surface, t.font("h1"), str(view.year), th.GOLD, (x, y))
    y += t.font("h1").get_linesize()
    th.blit_text(surface, t.font("small"), th.fit_choice(t.font("small"), [_('Round {round} of {rounds}').format(round=view.round, rounds=view.rounds), f"{view.round}/{view.rounds}"], w), th.INK, (x, y))
    y += t.font("small").get_linesize()
    if view.phase == "actions" and view.action_round:
        phase = _('Action round {action_round} of {action_rounds}').format(action_round=view.action_round, action_rounds=view.action_rounds)
    else:
        phase = _("Game over") if view.outcome else _(PHASE_WORDS[view.phase]) if view.phase in PHASE_WORDS else view.phase.replace("_", " ")
    for line in th.wrap_text(t.font("small"), phase, w):
        th.blit_text(surface, t.font("small"), line, th.INK_MUTED, (x, y))
        y += t.font("small").get_linesize()
    # the rounds as pips, summits marked
    summits = set(rs.scenario(None).summit_rounds) if rs.scenarios else set()
    for sc in rs.scenarios:
        if sc.rounds == view.rounds and sc.start_year == view.year - view.round + 1:
            summits = set(sc.summit_rounds)
            break
    n = max(1, view.rounds)
    gap = t.px(3)
    pw = max(4, (w - gap * (n - 1)) // n)
    y += t.px(4)
    for i in range(1, n + 1):
        r = pygame.Rect(x + (i - 1) * (pw + gap), y, pw, t.px(10))
        fill = th.GOLD if i < view.round else (th.HIGHLIGHT if i == view.round else th.PANEL_RAISED)
        pygame.draw.rect(surface, fill, r, border_radius=t.px(2))
        if i in summits:
            pygame.draw.rect(surface, th.INK, r, max(1, t.px(1.5)), border_radius=t.px(2))
    y += t.px(14)
    th.blit_text(surface, t.font("tiny"), _("outlined: summit rounds"), th.INK_MUTED, (x, y))
    y += t.font("tiny").get_linesize() + t.px(10)
    for tr in rs.tracks:
        level = view.tracks.get(tr.id, tr.min)
        y = _draw_track(surface, t, x, y, w, tr.name, level, tr.min, tr.max, tr.crisis_at, tr.breakdown_at)
        y += t.px(10)
    # balance index
    y = _section_title(surface, t, _("Balance index"), x, y, w)
    bi = view.balance_index
    colour = th.GOOD if bi >= 60 else th.WARNING if bi >= 35 else th.DANGER
    big = th.blit_text(surface, t.font("h1"), f"{bi:.0f}", colour, (x, y))
    th.blit_text(surface, t.font("tiny"), _("0 a hegemon wins"), th.INK_MUTED, (big.right + t.px(8), big.y + t.px(4)))
    th.blit_text(surface, t.font("tiny"), _("100 no one near it"), th.INK_MUTED, (big.right + t.px(8), big.y + t.px(4) + t.font("tiny").get_linesize()))
    y = big.bottom + t.px(4)
    # the index in words: who stands nearest to hegemony, and on what
    bottom = rect.bottom - reserve
    # the index in words, whole: in a smaller size if need be, left out if even that does
    # not fit (the stakes panel below says it in full)
    for font in (t.font("small"), t.font("tiny")):
        lines = th.wrap_text(font, said(view.hegemony), w)
        if y + len(lines) * font.get_linesize() <= bottom:
            for line in lines:
                th.blit_text(surface, font, line, th.INK, (x, y))
                y += font.get_linesize()
            break
    y += t.px(4)
    series = [h.balance_index for h in view.history] + ([bi] if not view.outcome else [])
    spark = pygame.Rect(x, y, w, max(t.px(28), min(t.px(60), bottom - y - t.px(150))))
    if spark.h > t.px(20) and spark.bottom < bottom:
        sparkline(surface, spark, series, 0, 100, colour)
        y = spark.bottom + t.px(10)
    _draw_map_legend(surface, t, x, y, w, bottom)


MAP_LEGEND = (
    ("star", N_("capital city")),
    ("box", N_("stability: the lead a space needs")),
    ("token", N_("a power's total as leadership counts it")),
    ("hatch", N_("hatched: aligned; dense hatch: dominated")),
)
"""What the map's marks mean (the hover card has each space's numbers by domain)."""


def _draw_map_legend(surface: pygame.Surface, t: Theme, x: int, y: int, w: int, bottom: int) -> None:
    """The map's marks explained, as far as the panel has room (whole lines, wrapped)."""
    small = t.font("tiny")
    if bottom - y < t.font("small_bold").get_linesize() + 2 * small.get_linesize():
        return
    y = _section_title(surface, t, _("On the map"), x, y, w)
    icon = t.px(18)
    for kind, text in MAP_LEGEND:
        lines = th.wrap_text(small, _(text), w - icon - t.px(4))
        if y + len(lines) * small.get_linesize() > bottom - t.px(6):
            return
        _legend_icon(surface, t, kind, (x + t.px(7), y + small.get_linesize() // 2))
        for line in lines:
            th.blit_text(surface, small, line, th.INK, (x + icon + t.px(4), y))
            y += small.get_linesize()


def _legend_icon(surface: pygame.Surface, t: Theme, kind: str, c: tuple[int, int]) -> None:
    r = t.px(6)
    box = pygame.Rect(c[0] - r, c[1] - r, 2 * r, 2 * r)
    if kind == "star":
        pygame.draw.polygon(surface, th.GOLD, th._star_points(c[0], c[1], r * 1.1))
    elif kind == "box":
        pygame.draw.rect(surface, th.INK_DARK_MUTED, box, border_radius=t.px(2))
        th.blit_text(surface, t.font("tiny"), "2", th.PAPER, c, "center")
    elif kind == "token":
        pygame.draw.circle(surface, th.INK, c, r, max(1, t.px(1.5)))
    else:
        for k in range(-r, r + 1, max(3, t.px(4))):
            pygame.draw.line(surface, th.INK, (box.x + max(0, k), box.bottom - max(0, -k)), (box.right - max(0, -k), box.y + max(0, k)), 1)


def _draw_track(
    surface: pygame.Surface, t: Theme, x: int, y: int, w: int, name: str, level: int, lo: int, hi: int, crisis: int | None, breakdown: int | None
) -> int:
    font = t.font("small_bold")
    th.blit_text(surface, t.font("h3"), str(level), th.HIGHLIGHT, (x + w, y - t.px(2)), "topright")
    for line in th.wrap_text(font, name, w - t.px(30)):
        th.blit_text(surface, font, line, th.INK, (x, y))
        y += font.get_linesize()
    y += t.px(2)
    n = hi - lo + 1
    gap = max(1, t.px(2))
    cw = max(3, (w - gap * (n - 1)) // n)
    ch = t.px(16)
    for i in range(n):
        v = lo + i
        r = pygame.Rect(x + i * (cw + gap), y, cw, ch)
        danger = breakdown is not None and v >= breakdown
        warn = crisis is not None and v >= crisis
        base = th.DANGER if danger else th.WARNING if warn else th.GOOD if crisis is not None else th.GOLD
        filled = lo < v <= level
        pygame.draw.rect(surface, base if filled else th.mix(base, th.PANEL, 0.72), r, border_radius=t.px(2))
        if v == level:
            pygame.draw.rect(surface, (255, 255, 255), r.inflate(t.px(3), t.px(3)), max(1, t.px(2)), border_radius=t.px(3))
    y += ch + t.px(3)
    marks = []
    if crisis is not None:
        marks.append((crisis, _("crisis at {level}").format(level=crisis), th.WARNING))
    if breakdown is not None:
        marks.append((breakdown, _("breakdown at {level}").format(level=breakdown), th.DANGER))
    tiny = t.font("tiny")
    rows_used = 0
    last_right = -(10**6)
    for v, word, colour in marks:
        cx = x + (v - lo) * (cw + gap) + cw // 2
        s = th.text_surface(tiny, word, colour)
        pygame.draw.line(surface, colour, (cx, y - t.px(3)), (cx, y + t.px(1)), max(1, t.px(2)))
        r = s.get_rect(midtop=(cx, y))
        r.right = min(r.right, x + w)
        r.left = max(r.left, x)
        row = 0
        if r.left <= last_right + t.px(4):
            row = 1
            r.top += tiny.get_linesize()
        surface.blit(s, r)
        last_right = r.right if row == 0 else last_right
        rows_used = max(rows_used, row + 1)
    return y + tiny.get_linesize() * rows_used


@dataclass
class FactionRow:
    fid: str
    rect: pygame.Rect


def draw_factions(
    surface: pygame.Surface, rect: pygame.Rect, t: Theme, view: View, rs: Ruleset, styles: dict[str, FactionStyle], seats: dict[str, str], viewer: str | None
) -> list[FactionRow]:
    """One row per faction in turn order: emblem, name, who plays it, VP, capital, cards."""
    th.draw_panel(surface, rect, th.PANEL, th.PANEL_EDGE, t.px(10))
    x = rect.x + t.px(10)
    y = rect.y + t.px(8)
    w = rect.w - t.px(20)
    small = t.font("small")
    tiny = t.font("tiny")
    head = t.font("tiny_bold")
    gap = t.px(12)
    hand_x = x + w - t.px(4)
    h_vp, h_cap, h_cards = pgettext("column heading", "VP"), pgettext("column heading", "CAPITAL"), pgettext("column heading", "CARDS")
    cap_x = hand_x - head.size(h_cards)[0] - gap
    vp_x = cap_x - head.size(h_cap)[0] - gap
    cols = {"vp": vp_x, "cap": cap_x, "hand": hand_x}
    th.blit_text(surface, head, _("TURN ORDER"), th.INK_MUTED, (x, y))
    th.blit_text(surface, head, h_vp, th.INK_MUTED, (cols["vp"], y), "topright")
    th.blit_text(surface, head, h_cap, th.INK_MUTED, (cols["cap"], y), "topright")
    th.blit_text(surface, head, h_cards, th.INK_MUTED, (cols["hand"], y), "topright")
    y += head.get_linesize() + t.px(2)
    order = list(view.turn_order) + [f.id for f in rs.factions if f.id not in view.turn_order]
    row_h = max(t.tpx(40), small.get_linesize() + tiny.get_linesize() + t.px(6))
    rows = []
    for fid in order:
        st = styles.get(fid)
        if st is None:
            continue
        r = pygame.Rect(rect.x + t.px(4), y, rect.w - t.px(8), row_h)
        acting = fid == view.actor
        if acting:
            pygame.draw.rect(surface, th.mix(th.PANEL, st.colour, 0.35), r, border_radius=t.px(6))
            pygame.draw.rect(surface, th.HIGHLIGHT, r, max(1, t.px(2)), border_radius=t.px(6))
        tr = t.tpx(13)
        th.blit_token(surface, st, (x + tr, r.centery), tr)
        name_w = cols["vp"] - head.size(h_vp)[0] - t.px(10) - (x + tr * 2 + t.px(8))
        # a long name (a translation, a projector's large type) takes a smaller type, not an ellipsis
        name_font = next((f for f in (t.font("body_bold"), t.font("small_bold")) if f.size(th.printable(f, st.name))[0] <= name_w), t.font("small_bold"))
        th.blit_text(surface, name_font, th.fit_text(name_font, st.name, name_w), th.INK, (x + tr * 2 + t.px(8), r.y + t.px(3)))
        seat = seats.get(fid, "human")
        # the player at the screen is human by definition: say where, not what (the row is narrow)
        who = _("at the screen") if fid == viewer else seat_label(seat, short=True)
        options = [who, _("human") if seat == "human" else _("bot") if seat not in ("device",) else who]
        if acting:
            options = [_("deciding · ") + who, _("deciding · ") + options[1], _("deciding")]
        room = cols["vp"] - head.size(h_vp)[0] - t.px(6) - (x + tr * 2 + t.px(8))
        th.blit_text(surface, tiny, th.fit_choice(tiny, options, room), th.HIGHLIGHT if acting else th.INK_MUTED, (x + tr * 2 + t.px(8), r.y + t.px(3) + name_font.get_linesize()))
        th.blit_text(surface, t.font("h3"), str(view.vp.get(fid, 0)), th.INK, (cols["vp"] - head.size(h_vp)[0] // 2, r.centery), "center")
        cap = str(view.capital.get(fid, 0))
        cr = t.tpx(10)
        th.draw_coin(surface, (cols["cap"] - head.size(h_cap)[0] // 2, r.centery), cr, t.font("tiny_bold"), cap)
        th.blit_text(surface, small, str(view.hand_sizes.get(fid, 0)), th.INK, (cols["hand"] - head.size(h_cards)[0] // 2, r.centery), "center")
        rows.append(FactionRow(fid, r))
        y += row_h + t.px(3)
    return rows


_Laid = list[tuple[str, str, th.Colour, pygame.font.Font]]


def _lay_info_lines(t: Theme, lines: list[tuple[str, str, th.Colour]], inner: int) -> _Laid:
    """An info box's lines wrapped to `inner` pixels, each with its kind and font."""
    font, bold, title = t.font("small"), t.font("small_bold"), t.font("h3")
    laid: _Laid = []
    for kind, text, colour in lines:
        if kind == "sep":
            laid.append(("sep", "", colour, font))
            continue
        f = title if kind == "title" else bold if kind in ("bold", "warn") or kind.startswith("row:") else font
        indent = t.tpx(22) if kind.startswith("row:") else 0
        for i, ln in enumerate(th.wrap_text(f, text, inner - indent)):
            laid.append((kind if i == 0 else ("cont" if not kind.startswith("row:") else "rowcont"), ln, colour, f))
    return laid


def draw_info_box(
    surface: pygame.Surface, t: Theme, anchor: tuple[int, int], lines: list[tuple[str, str, th.Colour]], width: int, bounds: pygame.Rect,
    styles: dict[str, FactionStyle] | None = None, prefer: pygame.Rect | None = None,
) -> pygame.Rect:  # fmt: skip
    """A hover card: lines of (kind, text, colour); kinds: title, text, muted, row:<fid>, sep.
    Kept within `prefer` (a part of `bounds`) when it is tall enough for the box."""
    pad = t.px(10)
    laid = _lay_info_lines(t, lines, width - 2 * pad)
    h = pad * 2 + sum(t.px(8) if k == "sep" else f.get_linesize() for k, _t, _c, f in laid)
    if prefer is not None and h <= prefer.height:
        bounds = prefer
    box = pygame.Rect(0, 0, width, h)
    box.topleft = (anchor[0] + t.px(18), anchor[1] + t.px(14))
    if box.right > bounds.right:
        box.right = anchor[0] - t.px(12)
    if box.bottom > bounds.bottom:
        box.bottom = bounds.bottom - t.px(4)
    box.clamp_ip(bounds)
    th.draw_shadow(surface, box, t.px(8))
    th.draw_panel(surface, box, th.BG_DEEP, th.GOLD, t.px(8), max(1, t.px(1.5)))
    y = box.y + pad
    for kind, ln, colour, f in laid:
        if kind == "sep":
            pygame.draw.line(surface, th.PANEL_EDGE, (box.x + pad, y + t.px(4)), (box.right - pad, y + t.px(4)), 1)
            y += t.px(8)
            continue
        x = box.x + pad
        if kind.startswith("row:") or kind == "rowcont":
            if kind.startswith("row:") and styles and kind[4:] in styles:
                tr = t.tpx(8)
                th.blit_token(surface, styles[kind[4:]], (x + tr, y + f.get_linesize() // 2), tr)
            x += t.tpx(22)
        th.blit_text(surface, f, ln, colour, (x, y))
        y += f.get_linesize()
    return box
