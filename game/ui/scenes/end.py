"""The end screen: the outcome and its reasons, the VP table, the balance index by round."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame

from game.ui import theme as th
from game.ui.app import App, Scene

if TYPE_CHECKING:
    from game.ui.scenes.board import BoardScene
from game.ui.widgets.chart import line_chart

HEADLINES = {"domination": "Domination emerged", "balance": "Balance emerged", "breakdown": "Breakdown"}


class EndScene(Scene):
    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        self.view = board.session.game.view(None)
        self.shown_at = time.monotonic()

    def build(self) -> None:
        t = self.app.theme
        w, h = self.app.size
        bw, bh, gap = t.tpx(210), t.tpx(50), t.px(12)
        y = h - bh - t.px(24)
        x = w - t.px(30) - bw
        for label, action, cls, oid in (
            ("Main menu", self.to_menu, "menu_primary", "end-menu"),
            ("New game", self.new_game, "menu", "end-new"),
            ("Save", self.board.open_save, "menu", "end-save"),
            ("Back to the board", self.to_board, "menu", "end-board"),
        ):
            self.button(pygame.Rect(x, y, bw, bh), label, action, cls, oid=oid)
            x -= bw + gap

    def to_menu(self) -> None:
        from game.ui.scenes.menu import MenuScene

        self.board.close_session()
        self.app.replace_all(MenuScene(self.app))

    def new_game(self) -> None:
        from game.ui.scenes.setup import SetupScene

        self.to_menu()
        self.app.push(SetupScene(self.app))

    def to_board(self) -> None:
        self.app.pop(self)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.to_menu()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.to_board()
            return True
        return False

    def update(self, dt: float) -> bool:
        if self.board.session.demo and self.app.top is self and time.monotonic() - self.shown_at > 8.0:
            from game.ui.scenes.board import start_demo

            self.board.close_session()
            start_demo(self.app, self.board.session.game.seed + 1)
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        w, h = self.app.size
        surface.fill(th.BG)
        v = self.view
        out = v.outcome
        styles = self.board.styles
        m = t.px(36)
        y = t.px(26)
        kind = out.kind if out else "balance"
        colour = th.DANGER if kind in ("domination", "breakdown") else th.GOOD
        r = th.blit_text(surface, t.font("title"), HEADLINES.get(kind, kind.capitalize()), colour, (m, y))
        y = r.bottom
        winner = styles.get(out.winner or "") if out else None
        if winner is not None:
            tr = t.tpx(22)
            th.blit_token(surface, winner, (m + tr, y + tr + t.px(4)), tr)
            r = th.blit_text(surface, t.font("h2"), f"{winner.name} wins", th.INK, (m + tr * 2 + t.px(12), y + t.px(4)))
            y = max(r.bottom, y + tr * 2 + t.px(4)) + t.px(6)
        elif out is not None and out.kind == "breakdown":
            breaker = styles.get(out.breaker or "")
            r = th.blit_text(surface, t.font("h2"), "Nobody wins" + (f" — {breaker.name} pushed the region over the edge" if breaker else ""), th.INK, (m, y + t.px(4)))
            y = r.bottom + t.px(6)
        body = t.font("body")
        col_w = round(w * 0.46)
        for reason in out.reasons if out else ():
            for ln in th.wrap_text(body, reason, col_w):
                th.blit_text(surface, body, ln, th.INK, (m, y))
                y += body.get_linesize()
            y += t.px(4)
        # VP table
        y += t.px(12)
        table = pygame.Rect(m, y, col_w, h - y - t.tpx(100))
        th.draw_panel(surface, table, th.PANEL, th.PANEL_EDGE, t.px(10))
        ty = table.y + t.px(10)
        head = t.font("small_bold")
        th.blit_text(surface, head, "VICTORY POINTS", th.INK_MUTED, (table.x + t.px(14), ty))
        summits = v.summits
        sx = table.right - t.px(20)
        col = t.tpx(64)
        th.blit_text(surface, head, "TOTAL", th.INK_MUTED, (sx, ty), "topright")
        for i, srec in enumerate(reversed(summits)):
            th.blit_text(surface, head, f"R{srec['round']}", th.INK_MUTED, (sx - col * (i + 1), ty), "topright")
        ty += head.get_linesize() + t.px(6)
        order = sorted(v.vp, key=lambda f: -v.vp[f])
        row_h = max(t.tpx(36), (table.bottom - ty - t.px(8)) // max(1, len(order)))
        row_h = min(row_h, t.tpx(52))
        for fid in order:
            st = styles.get(fid)
            if st is None:
                continue
            if out is not None and fid == out.winner:
                pygame.draw.rect(surface, th.mix(th.PANEL, st.colour, 0.3), pygame.Rect(table.x + t.px(4), ty, table.w - t.px(8), row_h - t.px(2)), border_radius=t.px(6))
            tr = t.tpx(13)
            th.blit_token(surface, st, (table.x + t.px(14) + tr, ty + row_h // 2), tr)
            th.blit_text(surface, t.font("body_bold"), st.name, th.INK, (table.x + t.px(22) + tr * 2, ty + row_h // 2), "midleft")
            th.blit_text(surface, t.font("h3"), str(v.vp[fid]), th.GOLD, (sx, ty + row_h // 2), "midright")
            for i, srec in enumerate(reversed(summits)):
                th.blit_text(surface, t.font("small"), f"+{srec['scores'].get(fid, 0)}", th.INK_MUTED, (sx - col * (i + 1), ty + row_h // 2), "midright")
            ty += row_h
        # balance index chart
        chart = pygame.Rect(m + col_w + t.px(30), t.tpx(150), w - m * 2 - col_w - t.px(30), h - t.tpx(150) - t.tpx(100))
        values = [float(hh.get("balance_index", 0.0)) for hh in v.history]
        labels = ["start" if hh.get("round") == 0 else str(v.year - v.round + int(hh.get("round", 0))) for hh in v.history]
        bonus = [float(f.balance_bonus.at_least) for f in self.board.rs.factions if f.balance_bonus is not None]
        line_chart(surface, chart, t, [("Balance index", values, th.GOLD)], labels, 0, 100, tuple(bonus[:1]), "Balance index by round (dashed: the balance bonus mark)")
