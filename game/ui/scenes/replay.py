"""The replay viewer: a game stepped through round by round, for the debrief.

Page *r* shows the board after round *r*'s last action — the game replayed from its log
up to the step recorded at the end of that round (`history[r].step`, the same state
`Game.fork(r + 1)` starts from), so the next year's world event, income and draw are in
— with every log line those steps wrote (players' reasons in italics) and the round's
summit, if it had one. The last page is the game itself, its outcome included. The
first page is the opening, before anyone acted. ← / → step, Home / End jump, Esc goes back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pygame

from game.engine import Game
from game.engine.view import View
from game.i18n import _
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.map_view import MapView
from game.ui.rulebook import Loaded
from game.ui.scenes.board import board_layout
from game.ui.theme import faction_styles
from game.ui.widgets.log_panel import LogPanel, Row, log_rows
from game.ui.widgets.panels import draw_calendar_and_tracks, draw_factions
from game.ui.widgets.words import said


@dataclass
class Page:
    round: int
    """0: the opening (before the first action); else the round whose actions are done."""
    game: Game
    view: View
    rows: tuple[Row, ...]
    summit: dict[str, Any] | None
    last: bool = False


def replay_pages(final: Game) -> list[Page]:
    """The opening, then one page per round played (the round in progress, if any, last)."""
    summits = {s.round: {"round": s.round, "scores": dict(s.scores), "reasons": dict(s.reasons), "domination": s.domination} for s in final.summits}
    ends = [(h.round, h.step) for h in final.history]
    pages: list[Page] = []
    before = 0
    for r, step in ends:
        last = step >= len(final.actions)
        game = final if last else final.replayed(final.actions[:step])
        rows = log_rows(final, None, _entries(final, before, step, first=r == 0))
        pages.append(Page(r, game, _still(game.view(None)), rows, summits.get(r), last))
        before = step
        if last:
            break
    if not pages[-1].last:  # a round still under way
        rows = log_rows(final, None, _entries(final, before, len(final.actions) + 1))
        pages.append(Page(final.round, final, _still(final.view(None)), rows, summits.get(final.round), True))
    return pages


def _still(view: View) -> View:
    """A replayed board: nobody is deciding on it."""
    return replace(view, actor=None, legal=())


def _entries(game: Game, after: int, upto: int, first: bool = False) -> slice:
    """The log entries the steps after `after` up to `upto` wrote (the opening: step 0)."""
    steps = [e.step for e in game.log]
    lo = 0 if first else next((i for i, s in enumerate(steps) if s > after), len(steps))
    hi = next((i for i, s in enumerate(steps) if s > upto), len(steps))
    return slice(lo, max(lo, hi))


class ReplayScene(Scene):
    def __init__(self, app: App, loaded: Loaded, game: Game) -> None:
        super().__init__(app)
        assert loaded.ruleset is not None
        self.rs = loaded.ruleset
        self.geometry = loaded.geometry
        self.styles = faction_styles(self.rs)
        self.final = game
        self.start_year = game.t.scenario.start_year
        self.rounds = game.t.scenario.rounds
        self.pages = replay_pages(game)
        self.index = 0
        self.map: MapView | None = None
        self.log: LogPanel | None = None

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    def build(self) -> None:
        t = self.app.theme
        lay = self.layout = board_layout(t, self.app.size, len(self.rs.factions))
        if self.map is None or self.map.theme is not t:
            self.map = MapView(t, self.rs, self.styles, self.geometry, stand_in=self.map is not None)  # resized: no freeze
        self.map.layout(lay.map)
        self.log = LogPanel(t, lay.log, self.styles)
        self.log.follow_hint = False
        tb = lay.top_buttons
        self.button(pygame.Rect(tb.x, tb.y, tb.w, tb.h), _("Back (Esc)"), self.back, "small", _("Close the replay"), oid="replay-back")
        bar = lay.bar
        bw, bh = t.tpx(230), bar.h - t.px(14)
        self.prev_button = self.button(pygame.Rect(bar.right - 2 * bw - t.px(14), bar.y + t.px(7), bw, bh), _("‹ Previous round"), lambda: self.go(-1), tip=_("Left arrow"), oid="replay-prev")
        self.next_button = self.button(pygame.Rect(bar.right - bw - t.px(6), bar.y + t.px(7), bw, bh), _("Next round ›"), lambda: self.go(1), "primary", _("Right arrow"), oid="replay-next")
        self.show_page()

    def show_page(self) -> None:
        assert self.map is not None and self.log is not None
        self.map.set_view(self.page.view)
        self.map.set_targets({})
        self.log.title = _("The opening") if self.page.round == 0 else _('Round {round}: the log').format(round=self.page.round)
        self.log.set_lines(self.page.rows)
        self.log.scroll = 0
        self.log.scroll_by(len(self.page.rows) * 4)  # from the round's first line
        self.prev_button.enable() if self.index > 0 else self.prev_button.disable()
        self.next_button.enable() if self.index < len(self.pages) - 1 else self.next_button.disable()
        self.app.dirty = True

    def go(self, d: int) -> None:
        self.index = max(0, min(len(self.pages) - 1, self.index + d))
        self.show_page()

    def back(self) -> None:
        self.app.pop(self)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            moves = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1, pygame.K_PAGEUP: -1, pygame.K_PAGEDOWN: 1, pygame.K_HOME: -len(self.pages), pygame.K_END: len(self.pages)}
            if event.key in moves:
                self.go(moves[event.key])
                return True
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.back()
                return True
        if event.type == pygame.MOUSEWHEEL and self.log is not None:
            return self.log.handle(event)
        return False

    def update(self, dt: float) -> bool:
        return self.map is not None and self.map.labels_landed()

    # ----- drawing ----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        lay = self.layout
        surface.fill(th.BG)
        if self.map is None or self.log is None:
            return
        page = self.page
        frame = self.map.map_rect.inflate(t.px(6), t.px(6))
        pygame.draw.rect(surface, th.BG_DEEP, frame, border_radius=t.px(6))
        self.map.draw_base(surface)
        pygame.draw.rect(surface, th.PANEL_EDGE, frame, max(1, t.px(2)), border_radius=t.px(6))
        draw_calendar_and_tracks(surface, lay.left, t, page.view, self.rs)
        draw_factions(surface, lay.factions, t, page.view, self.rs, self.styles, page.game.seats, None)
        self.log.draw(surface)
        self._draw_bar(surface, lay.bar)
        self._draw_summary(surface, lay.hand)

    def _title(self) -> tuple[str, str]:
        page = self.page
        start = self.start_year
        if page.round == 0:
            return _("The opening"), _('{start}: the first world event, income and cards, before anyone acts').format(start=start)
        year = start + page.round - 1
        head = _('Round {round} of {rounds} · {year}').format(round=page.round, rounds=self.rounds, year=year)
        if page.last and self.final.over:
            return head, _("the end of the game")
        if page.last:
            return head, _("as far as the game went (unfinished)")
        return head, _('the board after its last action (as {value} begins)').format(value=year + 1)

    def _draw_bar(self, surface: pygame.Surface, bar: pygame.Rect) -> None:
        t = self.app.theme
        th.draw_panel(surface, bar, th.PANEL, th.PANEL_EDGE, t.px(10))
        head, sub = self._title()
        x = bar.x + t.px(14)
        r = th.blit_text(surface, t.font("small_bold"), _('REPLAY {value}/{count}').format(value=self.index + 1, count=len(self.pages)), th.GOLD, (x, bar.centery), "midleft")
        r = th.blit_text(surface, t.font("h3"), head, th.INK, (r.right + t.px(14), bar.centery), "midleft")
        right = bar.right - 2 * t.tpx(230) - t.px(30)
        small = t.font("small")
        th.blit_text(surface, small, th.fit_choice(small, [sub, ""], max(10, right - r.right - t.px(14))), th.INK_MUTED, (r.right + t.px(14), bar.centery), "midleft")

    def _draw_summary(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The round in short: its summit (scores and the domination check) or its outcome;
        else what the round's world event and crises did."""
        t = self.app.theme
        page = self.page
        th.draw_panel(surface, rect, th.PANEL, th.PANEL_EDGE, t.px(10))
        x, y = rect.x + t.px(16), rect.y + t.px(10)
        width = rect.w - t.px(32)
        small, body = t.font("small"), t.font("body")
        summit = page.summit
        outcome = self.final.outcome if page.last else None
        if summit is not None:
            r = th.blit_text(surface, t.font("small_bold"), _('SUMMIT OF {value}').format(value=self.start_year + int(summit['round']) - 1), th.GOLD, (x, y))
            y = r.bottom + t.px(6)
            scores: dict[str, int] = summit["scores"]
            cx = x
            tr = t.tpx(12)
            for fid in sorted(scores, key=lambda f: -scores[f]):
                st = self.styles.get(fid)
                if st is None:
                    continue
                th.blit_token(surface, st, (cx + tr, y + tr), tr)
                s = th.blit_text(surface, t.font("h3"), f"+{scores[fid]}", th.GOLD if scores[fid] else th.INK_MUTED, (cx + tr * 2 + t.px(6), y + tr), "midleft")
                cx = s.right + t.px(22)
            y += tr * 2 + t.px(8)
            lines = [(str(summit.get("domination") or ""), th.INK)]
        else:
            lines = []
            if page.round == 0:
                lines.append((_("Step through the rounds with the arrow keys or the buttons; each round's log is on the right, players' reasons in italics."), th.INK_MUTED))
        for text, kind in page.rows:
            if kind == "line" and text.lower().startswith(("world event", "crisis", "the facilitator")):
                lines.append((text, th.INK_MUTED))
        if outcome is not None:
            lines = [(r, th.GOOD if outcome.kind == "balance" else th.DANGER) for r in map(said, outcome.reasons)] + lines
        for text, colour in lines:
            for ln in th.wrap_text(body, text, width):
                if y + body.get_linesize() > rect.bottom - t.px(6):
                    return
                th.blit_text(surface, body, ln, colour, (x, y))
                y += body.get_linesize()
            y += t.px(6)
        if not lines and summit is None:
            th.blit_text(surface, small, _("A quiet round: no world event or crisis changed much."), th.INK_MUTED, (x, y))
