"""What is drawn over the map each frame: the turn timer, large, for the room to watch,
and the toasts (the last lines of the log, fading out)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.i18n import _
from game.ui import theme as th

if TYPE_CHECKING:
    from game.ui.scenes.board.scene import BoardScene

TOAST_SECONDS = 2.6
TOAST_FADE_SECONDS = 0.5
TOAST_CACHE_SIZE = 40


def draw_turn_timer(b: BoardScene, surface: pygame.Surface, now: float, at: tuple[int, int] | None = None) -> None:
    """The turn timer at `at` (default: over the top of the left panel, where the year is,
    never over the map); at zero it flashes."""
    s = b.session
    if not s.timer.running or b.map is None or b.layout is None:
        return
    t = b.app.theme
    st = b.styles.get(s.timer.faction or "")
    expired = s.timer.expired
    tr = t.tpx(16)
    room = b.layout.left.w - tr * 2 - t.px(36)
    words = _("Time's up") if expired else s.timer.text()
    font = next((f for f in (t.font("h1"), t.font("h2"), t.font("h3")) if f.size(words)[0] <= room), t.font("h3"))
    label = th.text_surface(font, words, (255, 255, 255) if expired else th.INK)
    w = label.get_width() + tr * 2 + t.px(36)
    h = max(label.get_height(), tr * 2) + t.px(12)
    if at is None:  # over the year only: the round's line below it stays readable
        h = max(tr * 2 + t.px(4), min(h, t.px(10) + t.font("h1").get_linesize() - t.px(2)))
    box = pygame.Rect(at or (b.layout.left.x, b.layout.left.y), (w if at else b.layout.left.w, h))
    flash = expired and int(now * 2) % 2 == 0
    fill = th.DANGER if flash else (th.mix(th.DANGER, th.BG_DEEP, 0.5) if expired else th.BG_DEEP)
    th.draw_panel(surface, box, fill, th.DANGER if expired else th.GOLD, t.px(8), max(2, t.px(2)))
    if st is not None:
        th.blit_token(surface, st, (box.x + t.px(10) + tr, box.centery), tr)
    surface.blit(label, label.get_rect(midleft=(box.x + t.px(20) + tr * 2, box.centery)))


class ToastPlates:
    """The toasts (`BoardScene.toasts`: text and when it appeared), wrapped, stacked up from
    the foot of the log (never over the map: they repeat the log's newest lines); each plate
    is rendered once and kept."""

    def __init__(self, board: BoardScene) -> None:
        self.board = board
        self.plates: dict[str, pygame.Surface] = {}

    def draw(self, surface: pygame.Surface, now: float) -> None:
        b = self.board
        if not b.toasts or b.map is None:
            return
        t = b.app.theme
        area = b.layout.log if b.layout is not None else b.map.map_rect
        y = area.bottom - t.px(6)
        for text, t0 in reversed(b.toasts):
            age = now - t0
            fading = max(0, round(255 * (TOAST_SECONDS - age) / TOAST_FADE_SECONDS))
            alpha = 255 if age < TOAST_SECONDS - TOAST_FADE_SECONDS else fading
            plate = self.plate(text)
            box = plate.get_rect(midbottom=(area.centerx, y))
            if box.y < area.y:
                break
            plate.set_alpha(alpha)
            surface.blit(plate, box)
            y = box.y - t.px(4)

    def plate(self, text: str) -> pygame.Surface:
        plate = self.plates.get(text)
        if plate is not None:
            return plate
        b = self.board
        assert b.map is not None
        t = b.app.theme
        font = t.font("body")
        area = b.layout.log if b.layout is not None else b.map.map_rect
        lines = th.wrap_text(font, text, area.w - t.px(36))
        width = max(font.size(ln)[0] for ln in lines) if lines else 0
        plate = pygame.Surface((width + t.px(24), len(lines) * font.get_linesize() + t.px(10)), pygame.SRCALPHA)
        pygame.draw.rect(plate, (*th.BG_DEEP, 235), plate.get_rect(), border_radius=t.px(8))
        pygame.draw.rect(plate, th.GOLD, plate.get_rect(), max(1, t.px(1.5)), border_radius=t.px(8))
        for i, ln in enumerate(lines):
            th.blit_text(plate, font, ln, th.INK, (t.px(12), t.px(5) + i * font.get_linesize()))
        if len(self.plates) > TOAST_CACHE_SIZE:
            self.plates.clear()
        self.plates[text] = plate
        return plate
