"""The main menu: new game, continue from the autosave, load, rules, settings, quit."""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.ui import theme as th
from game.ui.app import Scene
from game.ui.data_dir import autosave_path, has_autosave
from game.ui.widgets.backdrop import backdrop, title

SUBTITLE = N_("Balance or domination in Central Asia — a strategy game for 1–5 players")


class MenuScene(Scene):
    def build(self) -> None:
        t = self.app.theme
        w, h = self.app.size
        x = round(w * 0.07)
        bw, bh, gap = t.tpx(340), t.tpx(54), t.px(12)
        y = round(h * 0.36)
        has_auto = has_autosave()
        items = [
            (_("New game"), self.new_game, "menu_primary", _("Choose a scenario and who plays each faction."), True, "new"),
            (_("Continue"), self.continue_game, "menu", _("Resume the last game from its autosave."), has_auto, "continue"),
            (_("Load"), self.load, "menu", _("Open a saved game."), True, "load"),
            (_("Rules reference"), self.rules, "menu", _("How a round works, the factions and every card."), True, "rules"),
            (_("Settings"), self.settings, "menu", _("Text size, full screen and the bots' pace."), True, "settings"),
            (_("Quit"), self.app.quit, "menu", None, True, "quit"),
        ]
        for label, action, cls, tip, enabled, oid in items:
            self.button(pygame.Rect(x, y, bw, bh), label, action, cls, tip, enabled, oid)
            y += bh + gap

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        w, h = self.app.size
        backdrop(surface, t)
        x = round(w * 0.07)
        title(surface, t, x - t.px(4), round(h * 0.12), _(SUBTITLE))
        problems = self.app.rules_problems if self.app.rules_ready() else []
        if problems:
            y = round(h * 0.86)
            th.blit_text(surface, t.font("body_bold"), _("The rules have problems; run `python -m game validate`:"), th.DANGER, (x, y))
            for p in problems[:2]:
                y += t.font("small").get_linesize()
                th.blit_text(surface, t.font("small"), th.fit_text(t.font("small"), p, w - 2 * x), th.INK, (x, y + t.px(6)))
        else:
            hint = _("F11 full screen · F5 reads the rules and mods again · Esc opens the menu in a game · every step works from the keyboard")
            th.blit_text(surface, t.font("small"), hint, th.INK_MUTED, (x, h - t.px(40)))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_n):
            self.new_game()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_c and has_autosave():
            self.continue_game()
            return True
        return False

    def new_game(self) -> None:
        from game.ui.scenes.setup import SetupScene

        if self.app.ruleset() is None:
            return
        self.app.push(SetupScene(self.app))

    def continue_game(self) -> None:
        from game.ui.scenes.dialogs import load_game_from

        error = load_game_from(self.app, autosave_path())
        if error:
            self.app.notify(_('Cannot continue: {error} Open Load to choose another save, or start a New game.').format(error=error))

    def load(self) -> None:
        from game.ui.scenes.dialogs import LoadDialog

        self.app.push(LoadDialog(self.app))

    def rules(self) -> None:
        from game.ui.scenes.dialogs import RulesScene

        if self.app.ruleset() is not None:
            self.app.push(RulesScene(self.app))

    def settings(self) -> None:
        from game.ui.scenes.dialogs import SettingsScene

        self.app.push(SettingsScene(self.app))
