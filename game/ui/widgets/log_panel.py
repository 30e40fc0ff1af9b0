"""The game log: every step in words (as the viewer may read it), scrollable, with the
players' reasons for their moves in italics under the actions they explain. Repeats are
read as one line ("India places 3 trade in Nukus", not three lines of 1).

Drawn directly rather than with a rich-text box: the log grows every step, and
re-laying out hundreds of lines in a text widget each time would stall frames. Lines
are wrapped once per width and cached; the panel follows the newest line unless the
player has scrolled back.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

import pygame

from game.engine.messages import merged
from game.i18n import _, translator
from game.ui import theme as th
from game.ui.theme import FactionStyle, Theme

if TYPE_CHECKING:
    from game.engine import Game

Row = tuple[str, str]
"""(text, kind): kind `line` for a log entry, `reason` for a player's why."""


def log_rows(game: Game, reader: str | None, entries: slice | None = None) -> tuple[Row, ...]:
    """The log as `reader` may read it, each reason right after the lines of its action
    (before what the rounds' phases wrote next). `entries` keeps part of the log."""
    log = merged(game.log if entries is None else game.log[entries], reader)
    reasons = game.reasons
    if not reasons:
        return tuple((game.log_text(e, reader, translator()), "line") for e in log)
    starts = game.action_starts
    rows: list[Row] = []
    waiting: tuple[int, str] | None = None  # (action start, phase) whose reason comes next
    shown: set[int] = set()
    for e in log:
        i = bisect_right(starts, e.step - 1) - 1
        start = starts[i] if i >= 0 and e.step > 0 else None
        if waiting is not None and (start != waiting[0] or e.phase != waiting[1]):
            rows.append((reasons[waiting[0]], "reason"))
            waiting = None
        rows.append((game.log_text(e, reader, translator()), "line"))
        if start is not None and start in reasons and start not in shown:
            shown.add(start)
            waiting = (start, e.phase)
    if waiting is not None:
        rows.append((reasons[waiting[0]], "reason"))
    return tuple(rows)


class LogPanel:
    def __init__(self, theme: Theme, rect: pygame.Rect, styles: dict[str, FactionStyle]) -> None:
        self.theme = theme
        self.rect = pygame.Rect(rect)
        self.styles = styles
        self.lines: tuple[Row, ...] = ()
        self._wrapped: list[tuple[str, th.Colour, FactionStyle | None, str]] = []
        self._wrapped_count = 0
        self.scroll = 0
        """Rows scrolled back from the newest (0 = following the end)."""
        self.font = theme.font("small")
        self.bold = theme.font("small_bold")
        self.italic = theme.italic("small")
        self.title = _("Log")
        self.follow_hint = True
        """Say so when scrolled back from the newest line (the board follows the game)."""
        self.row_h = max(self.font.get_linesize(), self.italic.get_linesize())
        self.title_h = theme.font("h3").get_linesize() + theme.px(6)
        self._cache: pygame.Surface | None = None
        self._cache_key: tuple[int, int, int] | None = None

    def set_lines(self, lines: tuple[Row, ...] | tuple[str, ...]) -> bool:
        """Take the log (rows, or plain lines); True if it changed."""
        rows: tuple[Row, ...] = tuple((ln, "line") if isinstance(ln, str) else ln for ln in lines)
        if rows == self.lines:
            return False
        if len(rows) < len(self.lines) or rows[: len(self.lines)] != self.lines:
            self._wrapped = []
            self._wrapped_count = 0
        self.lines = rows
        width = self.rect.w - self.theme.px(30) - 2 * max(4, self.row_h // 2 - self.theme.px(3))
        for text, kind in rows[self._wrapped_count :]:
            if kind == "reason":
                for ln in th.wrap_text(self.italic, f"“{text}”", width - self.theme.px(10)):
                    self._wrapped.append((ln, th.mix(th.INK, th.GOLD, 0.35), None, "reason"))
                continue
            colour = th.INK
            style = None
            look = "line"
            for st in self.styles.values():
                if text.startswith(st.name):
                    style = st
                    break
            low = text.lower()
            if low.startswith((_("world event"), "crisis", "summit", "domination", _("balance emerged"), "breakdown", _("the facilitator"))):
                colour, look = th.GOLD, "strong"
            elif style is None:
                colour = th.INK_MUTED
            for i, ln in enumerate(th.wrap_text(self.bold if look == "strong" else self.font, text, width)):
                self._wrapped.append((ln, colour, style if i == 0 else None, look))
        self._wrapped_count = len(rows)
        return True

    def visible_rows(self) -> int:
        return max(1, (self.rect.h - self.title_h - self.theme.px(8)) // self.row_h)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll_by(event.y * 3)
            return True
        return False

    def scroll_by(self, rows: int) -> None:
        limit = max(0, len(self._wrapped) - self.visible_rows())
        self.scroll = max(0, min(limit, self.scroll + rows))

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the log (re-rendered only when its lines or the scroll changed)."""
        key = (self._wrapped_count, self.scroll, len(self._wrapped))
        if self._cache is None or self._cache_key != key:
            img = pygame.Surface(self.rect.size)
            img.fill(th.BG)
            self._render(img, pygame.Rect((0, 0), self.rect.size))
            self._cache = img.convert() if pygame.display.get_surface() is not None else img
            self._cache_key = key
        surface.blit(self._cache, self.rect)

    def _render(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        t = self.theme
        th.draw_panel(surface, rect, th.BG_DEEP, th.PANEL_EDGE, t.px(8))
        title = th.blit_text(surface, t.font("h3"), self.title, th.INK, (rect.x + t.px(12), rect.y + t.px(6)))
        if self.scroll and self.follow_hint:
            room = rect.right - t.px(12) - title.right - t.px(12)
            hint = next((h for h in (_('{scroll} rows back · scroll down to follow').format(scroll=self.scroll), _('{scroll} rows back').format(scroll=self.scroll)) if self.font.size(h)[0] <= room), "")
            if hint:
                th.blit_text(surface, self.font, hint, th.GOLD, (rect.right - t.px(12), rect.y + t.px(10)), "topright")
        rows = self.visible_rows()
        end = len(self._wrapped) - self.scroll
        start = max(0, end - rows)
        y = rect.y + self.title_h
        x = rect.x + t.px(12)
        clip = surface.get_clip()
        surface.set_clip(rect.inflate(-4, -4))
        tr = max(4, self.row_h // 2 - t.px(3))
        fonts = {"line": self.font, "strong": self.bold, "reason": self.italic}
        for ln, colour, style, look in self._wrapped[start:end]:
            if style is not None:
                th.blit_token(surface, style, (x + tr, y + self.row_h // 2), tr)
            indent = tr * 2 + t.px(6)
            th.blit_text(surface, fonts[look], ln, colour, (x + indent + (t.px(10) if look == "reason" else 0), y))
            y += self.row_h
        surface.set_clip(clip)
        # scrollbar
        total = len(self._wrapped)
        if total > rows:
            track = pygame.Rect(rect.right - t.px(8), rect.y + self.title_h, t.px(4), rows * self.row_h)
            pygame.draw.rect(surface, th.PANEL, track, border_radius=2)
            h = max(t.px(16), track.h * rows // total)
            y0 = track.y + (track.h - h) * (total - rows - self.scroll) // max(1, total - rows)
            pygame.draw.rect(surface, th.PANEL_EDGE, pygame.Rect(track.x, y0, track.w, h), border_radius=2)
