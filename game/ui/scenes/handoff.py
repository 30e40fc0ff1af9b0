"""The hot-seat hand-off: a full screen that shows nothing secret until the next player
says they are at the screen. Joint actions ask the partner on a hand-off of their own."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame

from game.engine.messages import render
from game.i18n import _, translator
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.widgets.words import said

if TYPE_CHECKING:
    from game.ui.scenes.board import BoardScene


class HandoffScene(Scene):
    def __init__(self, app: App, board: BoardScene, faction: str) -> None:
        super().__init__(app)
        self.board = board
        self.faction = faction
        g = board.session.game
        self.prompt = said(g.prompt())
        self.joint = any(a.verb in ("yes", "no") for a in g.legal_actions())
        public = g.view(None)
        self.recent = [render(g.ruleset, m, translator()) for m in public.log[-8:]]

    def build(self) -> None:
        t = self.app.theme
        w, h = self.app.size
        st = self.board.styles.get(self.faction)
        name = st.name if st else self.faction
        bw, bh = t.tpx(420), t.tpx(60)
        self.button(pygame.Rect((w - bw) // 2, round(h * 0.66), bw, bh), _('I am {name} — show my hand').format(name=name), self.ready, "menu_primary", _("Enter"), oid="ready")
        self.button(pygame.Rect(w - t.tpx(180), t.px(16), t.tpx(160), t.tpx(42)), _("Menu"), self.board.open_pause, "small", oid="handoff-menu")

    def ready(self) -> None:
        self.board.session.take_screen(self.faction)
        self.app.pop(self)
        self.board.refresh()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.ready()
                return True
            if event.key == pygame.K_ESCAPE:
                self.board.open_pause()
                return True
            if event.key == pygame.K_F2:
                self.board.open_facilitator()
                return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        w, h = self.app.size
        st = self.board.styles.get(self.faction)
        surface.fill(th.BG_DEEP)
        if st is not None:
            band = pygame.Surface((w, round(h * 0.5)), pygame.SRCALPHA)
            for y in range(0, band.get_height(), 3):
                a = round(70 * (1 - y / band.get_height()))
                pygame.draw.rect(band, (*st.colour, a), pygame.Rect(0, y, w, 3))
            surface.blit(band, (0, 0))
            th.blit_token(surface, st, (w // 2, round(h * 0.2)), t.tpx(64))
        name = st.name if st else self.faction
        y = round(h * 0.2) + t.tpx(80)
        heading = _('Joint action — pass to {name}').format(name=name) if self.joint else _('Pass to {name}').format(name=name)
        r = th.blit_text(surface, t.font("title"), heading, th.INK, (w // 2, y), "midtop")
        y = r.bottom + t.px(8)
        sub = t.font("h3")
        line = _('{name} decides next. Everyone else, please look away: nothing secret shows until {name2} is ready.').format(name=name, name2=name)
        for ln in th.wrap_text(sub, line, round(w * 0.7)):
            r = th.blit_text(surface, sub, ln, th.INK_MUTED, (w // 2, y), "midtop")
            y = r.bottom
        y += t.px(12)
        body = t.font("body")
        for ln in th.wrap_text(body, self.prompt, round(w * 0.7), 3):
            r = th.blit_text(surface, body, ln, th.GOLD, (w // 2, y), "midtop")
            y = r.bottom
        self.board.draw_timer(surface, time.monotonic(), (t.px(16), t.px(16)))
        # the public story since the last step, bottom of the screen
        small = t.font("small")
        y = round(h * 0.66) + t.tpx(84)
        if self.recent and y < h - small.get_linesize() * 2:
            th.blit_text(surface, t.font("small_bold"), _("LATELY ON THE BOARD (public)"), th.INK_MUTED, (w // 2, y), "midtop")
            y += small.get_linesize() + t.px(4)
            for ln in self.recent[-max(1, (h - y - t.px(16)) // small.get_linesize()) :]:
                th.blit_text(surface, small, th.fit_text(small, ln, round(w * 0.8)), th.INK_MUTED, (w // 2, y), "midtop")
                y += small.get_linesize()
