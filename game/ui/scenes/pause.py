"""The menu during a game (Esc): resume, save, load, settings, rules, the facilitator's
tools (in a facilitated game), quit to the menu or quit. The game waits while it is open."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.i18n import _
from game.ui import theme as th
from game.ui.app import App, Scene

if TYPE_CHECKING:
    from game.ui.scenes.board import BoardScene


class PauseScene(Scene):
    opaque = False

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board

    def panel(self) -> pygame.Rect:
        t = self.app.theme
        w, h = self.app.size
        pw = t.tpx(380)
        ph = t.font("h1").get_linesize() + len(self.items()) * (t.tpx(50) + t.px(10)) + t.px(40)
        return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)

    def items(self) -> list[tuple[str, Callable[[], None], str, str]]:
        from game.ui.scenes.dialogs import LoadDialog, RulesScene, SaveDialog, SettingsScene

        items: list[tuple[str, Callable[[], None], str, str]] = [
            (_("Resume"), self.resume, "menu_primary", "resume"),
            (_("Save"), lambda: self.open(SaveDialog(self.app, self.board)), "menu", "pause-save"),
            (_("Load"), lambda: self.open(LoadDialog(self.app)), "menu", "pause-load"),
            (_("Settings"), lambda: self.open(SettingsScene(self.app)), "menu", "pause-settings"),
            (_("Rules reference"), lambda: self.open(RulesScene(self.app, self.board.rs, self.board.session.game.settings)), "menu", "pause-rules"),
        ]
        if self.board.facilitated():
            items.append((_("Facilitator tools"), self.facilitator, "menu", "pause-facilitator"))
        items += [(_("Quit to menu"), self.to_menu, "menu", "pause-menu"), (_("Quit the game"), self.app.quit, "menu", "pause-quit")]
        return items

    def facilitator(self) -> None:
        self.app.pop(self)
        self.board.open_facilitator()

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        y = p.y + t.font("h1").get_linesize() + t.px(24)
        bw, bh = p.w - t.px(48), t.tpx(50)
        for label, action, cls, oid in self.items():
            self.button(pygame.Rect(p.x + t.px(24), y, bw, bh), label, action, cls, oid=oid)
            y += bh + t.px(10)

    def open(self, scene: Scene) -> None:
        self.app.push(scene)

    def resume(self) -> None:
        self.app.pop(self)

    def to_menu(self) -> None:
        from game.ui.scenes.menu import MenuScene

        self.board.close_session()
        self.app.replace_all(MenuScene(self.app))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.resume()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((*th.BG_DEEP, 190))
        surface.blit(veil, (0, 0))
        p = self.panel()
        th.draw_shadow(surface, p, t.px(14), t.px(8))
        th.draw_panel(surface, p, th.PANEL, th.GOLD, t.px(14), max(1, t.px(2)))
        th.blit_text(surface, t.font("h1"), _("Paused"), th.GOLD, (p.centerx, p.y + t.px(14)), "midtop")
