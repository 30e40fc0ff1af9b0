"""The game log: every step in words (as the viewer may read it), scrollable.

Drawn directly rather than with a rich-text box: the log grows every step, and
re-laying out hundreds of lines in a text widget each time would stall frames. Lines
are wrapped once per width and cached; the panel follows the newest line unless the
player has scrolled back.
"""

from __future__ import annotations

import pygame

from game.ui import theme as th
from game.ui.theme import FactionStyle, Theme


class LogPanel:
    def __init__(self, theme: Theme, rect: pygame.Rect, styles: dict[str, FactionStyle]) -> None:
        self.theme = theme
        self.rect = pygame.Rect(rect)
        self.styles = styles
        self.lines: tuple[str, ...] = ()
        self._wrapped: list[tuple[str, th.Colour, FactionStyle | None, bool]] = []
        self._wrapped_count = 0
        self.scroll = 0
        """Rows scrolled back from the newest (0 = following the end)."""
        self.font = theme.font("small")
        self.bold = theme.font("small_bold")
        self.row_h = self.font.get_linesize()
        self.title_h = theme.font("h3").get_linesize() + theme.px(6)
        self._cache: pygame.Surface | None = None
        self._cache_key: tuple[int, int, int] | None = None

    def set_lines(self, lines: tuple[str, ...]) -> bool:
        """Take the log; True if it changed."""
        if lines == self.lines:
            return False
        if len(lines) < len(self.lines) or lines[: len(self.lines)] != self.lines:
            self._wrapped = []
            self._wrapped_count = 0
        self.lines = lines
        width = self.rect.w - self.theme.px(50)
        for text in lines[self._wrapped_count :]:
            colour = th.INK
            style = None
            strong = False
            for st in self.styles.values():
                if text.startswith(st.name):
                    style = st
                    break
            low = text.lower()
            if low.startswith(("world event", "crisis", "summit", "domination", "balance emerged", "breakdown")):
                colour, strong = th.GOLD, True
            elif style is None:
                colour = th.INK_MUTED
            for i, ln in enumerate(th.wrap_text(self.bold if strong else self.font, text, width)):
                self._wrapped.append((ln, colour, style if i == 0 else None, strong))
        self._wrapped_count = len(lines)
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
        th.blit_text(surface, t.font("h3"), "Log", th.INK, (rect.x + t.px(12), rect.y + t.px(6)))
        if self.scroll:
            th.blit_text(surface, self.font, f"{self.scroll} rows back · scroll down to follow", th.GOLD, (rect.right - t.px(12), rect.y + t.px(10)), "topright")
        rows = self.visible_rows()
        end = len(self._wrapped) - self.scroll
        start = max(0, end - rows)
        y = rect.y + self.title_h
        x = rect.x + t.px(12)
        clip = surface.get_clip()
        surface.set_clip(rect.inflate(-4, -4))
        tr = max(4, self.row_h // 2 - t.px(3))
        for ln, colour, style, strong in self._wrapped[start:end]:
            if style is not None:
                th.blit_token(surface, style, (x + tr, y + self.row_h // 2), tr)
            th.blit_text(surface, self.bold if strong else self.font, ln, colour, (x + t.px(20), y))
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
