"""The summit overlay: what each faction scored and why, then the domination check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.i18n import _
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.widgets.words import said

if TYPE_CHECKING:
    from game.ui.scenes.board import BoardScene


class SummitScene(Scene):
    opaque = False

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        view = board.session.game.view(None)
        self.summit: dict[str, Any] = dict(view.summits[-1]) if view.summits else {"round": view.round, "scores": {}, "reasons": {}}
        # the summit's own year: by the time it shows, the game may be in the next round
        self.year = view.year - view.round + int(self.summit.get("round", view.round))
        self.vp = dict(view.vp)
        check = self.summit.get("domination")
        self.dominated = view.outcome is not None and view.outcome.kind == "domination" and bool(check) and check in view.outcome.reasons
        self.check = said(check) or _("Domination check: no outside power wins at once.")

    def panel(self) -> pygame.Rect:
        t = self.app.theme
        w, h = self.app.size
        pw, ph = min(w - t.px(40), t.tpx(1000)), min(h - t.px(40), t.tpx(640))
        return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        bw, bh = t.tpx(220), t.tpx(50)
        self.button(pygame.Rect(p.right - bw - t.px(20), p.bottom - bh - t.px(18), bw, bh), _("Continue"), self.close_overlay, "menu_primary", _("Enter"), oid="summit-continue")

    def close_overlay(self) -> None:
        self.app.pop(self)
        self.board.refresh()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE):
            self.close_overlay()
            return True
        return False

    def update(self, dt: float) -> bool:
        # in a demo nobody is there to click: move on after a while
        if self.board.session.demo and self.app.top is self:
            self._shown = getattr(self, "_shown", 0.0) + dt
            if self._shown > 6.0:
                self.close_overlay()
                return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((*th.BG_DEEP, 200))
        surface.blit(veil, (0, 0))
        p = self.panel()
        th.draw_shadow(surface, p, t.px(14), t.px(8))
        th.draw_panel(surface, p, th.PANEL, th.GOLD, t.px(14), max(1, t.px(2)))
        x = p.x + t.px(28)
        y = p.y + t.px(20)
        r = th.blit_text(surface, t.font("h1"), _('Summit of {year}').format(year=self.year), th.GOLD, (x, y))
        th.blit_text(surface, t.font("body"), _('round {get} · victory points scored').format(get=self.summit.get('round', '')), th.INK_MUTED, (r.right + t.px(14), r.bottom - t.font("body").get_linesize() - t.px(4)))
        y = r.bottom + t.px(14)
        styles = self.board.styles
        scores: dict[str, int] = self.summit.get("scores", {})
        reasons: dict[str, str] = self.summit.get("reasons", {})
        order = sorted(scores, key=lambda f: (-scores[f], list(styles).index(f) if f in styles else 0))
        small, body_b = t.font("small"), t.font("body_bold")
        text_w = p.w - t.tpx(230) - t.px(56)
        bottom_limit = p.bottom - t.tpx(150)
        # Every faction's reasons in full if the panel has room for them all (a faction that
        # scores in many places, in a long language, needs a third line), else two lines each.
        tr = t.tpx(18)
        wrapped = {fid: th.wrap_text(small, said(reasons.get(fid, "")), text_w) for fid in order if fid in styles}
        rows = sum(max(tr * 2, body_b.get_linesize() + t.px(2) + len(lines) * small.get_linesize()) + t.px(10)
                   for lines in wrapped.values())  # fmt: skip
        reason_lines = None if y + rows <= bottom_limit else 2
        for fid in order:
            st = styles.get(fid)
            if st is None:
                continue
            th.blit_token(surface, st, (x + tr, y + tr), tr)
            th.blit_text(surface, body_b, st.name, th.INK, (x + tr * 2 + t.px(12), y + t.px(2)))
            score = scores.get(fid, 0)
            th.blit_text(surface, t.font("h2"), f"+{score}", th.GOLD if score else th.INK_MUTED, (p.right - t.px(130), y), "topright")
            th.blit_text(surface, small, _("total {vp}").format(vp=self.vp.get(fid, 0)), th.INK_MUTED, (p.right - t.px(28), y + t.px(6)), "topright")
            lines = wrapped[fid] if reason_lines is None else th.wrap_text(small, said(reasons.get(fid, "")), text_w, reason_lines)
            ly = y + body_b.get_linesize() + t.px(2)
            for ln in lines:
                th.blit_text(surface, small, ln, th.INK_MUTED, (x + tr * 2 + t.px(12), ly))
                ly += small.get_linesize()
            y = max(y + tr * 2, ly) + t.px(10)
            if y > bottom_limit:
                break
        y = max(y, p.bottom - t.tpx(140))
        pygame.draw.line(surface, th.PANEL_EDGE, (x, y), (p.right - t.px(28), y), 1)
        y += t.px(10)
        th.blit_text(surface, t.font("small_bold"), _("DOMINATION CHECK"), th.INK_MUTED, (x, y))
        y += small.get_linesize() + t.px(2)
        colour = th.DANGER if self.dominated else th.GOOD
        for ln in th.wrap_text(t.font("body"), self.check, p.w - t.tpx(300), 2):
            th.blit_text(surface, t.font("body"), ln, colour, (x, y))
            y += t.font("body").get_linesize()
