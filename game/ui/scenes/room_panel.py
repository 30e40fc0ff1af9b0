"""The join panel (F3): a QR code per team and the link in text, who is connected, and the
facilitator's seat controls — a new link for a seat (the old one stops working) and a bot
for a team whose device dropped (and the team back). The codes are drawn here with
`segno` (no network service); the spectators' code shows the public board only.
"""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

import pygame
import segno

from game.i18n import _
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.theme import faction_styles

if TYPE_CHECKING:
    from game.ui.room_link import RoomLink

QR_LIGHT = (255, 255, 255)
QR_DARK = (0, 0, 0)


def qr_surface(text: str, size: int) -> pygame.Surface:
    """`text` as a QR code `size` pixels square (whole pixels a module, a quiet zone of 2)."""
    qr = segno.make(text, error="m")
    n = len(qr.matrix)
    border = 2
    scale = max(1, size // (n + 2 * border))
    side = (n + 2 * border) * scale
    surf = pygame.Surface((side, side))
    surf.fill(QR_LIGHT)
    for y, row in enumerate(qr.matrix):
        for x, dark in enumerate(row):
            if dark:
                surf.fill(QR_DARK, pygame.Rect((x + border) * scale, (y + border) * scale, scale, scale))
    return surf


class JoinPanel(Scene):
    opaque = False

    def __init__(self, app: App, link: RoomLink) -> None:
        super().__init__(app)
        self.link = link
        self.styles = faction_styles(link.session.ruleset)
        self._qr: dict[tuple[str, int], pygame.Surface] = {}
        self._shown: tuple[object, ...] | None = None
        self.cells: dict[str, pygame.Rect] = {}

    # ----- layout --------------------------------------------------------------------------------------
    def seats(self) -> list[str]:
        return list(self.link.room.links)

    def _grid(self) -> tuple[pygame.Rect, list[pygame.Rect]]:
        t = self.app.theme
        w, h = self.app.size
        plate = pygame.Rect(t.px(24), t.px(24), w - t.px(48), h - t.px(48))
        top = plate.y + t.font("title").get_linesize() + t.font("small").get_linesize() + t.px(24)
        n = len(self.seats()) + 1  # the teams and the spectators
        cols = 3 if n > 4 else max(1, n)
        rows = (n + cols - 1) // cols
        gap = t.px(14)
        cw = (plate.w - t.px(32) - gap * (cols - 1)) // cols
        ch = (plate.bottom - t.tpx(70) - top - gap * (rows - 1)) // rows
        cells = [pygame.Rect(plate.x + t.px(16) + (i % cols) * (cw + gap), top + (i // cols) * (ch + gap), cw, ch) for i in range(n)]
        return plate, cells

    def build(self) -> None:
        t = self.app.theme
        plate, cells = self._grid()
        bh = t.tpx(40)
        self.cells = {}
        for fid, cell in zip(self.seats(), cells, strict=False):
            self.cells[fid] = cell
            bw = (cell.w - t.px(36) - self._qr_size(cell)) // 1
            x = cell.right - bw - t.px(12)
            self.button(pygame.Rect(x, cell.bottom - bh * 2 - t.px(18), bw, bh), _("New link"), partial(self.reissue, fid), "menu",
                        _("A new code for this seat; the old link stops working at once"), oid=f"room-reissue-{fid}")  # fmt: skip
            standing = self.link.room.standing_in(fid)
            self.button(pygame.Rect(x, cell.bottom - bh - t.px(10), bw, bh), _("Team plays again") if standing else _("A bot plays"),
                        partial(self.toggle_bot, fid), "menu", _("Hand a dropped team's seat to a bot, or give it back"),
                        oid=f"room-bot-{fid}")  # fmt: skip
        bw = t.tpx(320)
        self.button(pygame.Rect(plate.centerx - bw // 2, plate.bottom - bh - t.px(14), bw, bh), _("Back to the board (F3)"), self.close_panel, "menu_primary", oid="room-close")

    def _qr_size(self, cell: pygame.Rect) -> int:
        t = self.app.theme
        return min(cell.h - t.font("body_bold").get_linesize() - t.px(30), round(cell.w * 0.52))

    # ----- actions -------------------------------------------------------------------------------------
    def reissue(self, fid: str) -> None:
        self.link.room.issue(fid)
        self.app.dirty = True

    def toggle_bot(self, fid: str) -> None:
        room = self.link.room
        room.stand_in(self.link, fid, not room.standing_in(fid))
        self.rebuild()
        self.app.dirty = True

    def close_panel(self) -> None:
        self.app.pop(self)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_F3, pygame.K_ESCAPE):
            self.close_panel()
            return True
        return False

    def update(self, dt: float) -> bool:
        room = self.link.room
        shown = (tuple(sorted(room.connected())), room.server.spectators(), tuple(room.token_of(f) for f in self.seats()),
                 room.waiting_for(self.link.session.game), int(time.monotonic()) if room.dropped_at else 0)  # fmt: skip
        if shown != self._shown:
            self._shown = shown
            return True
        return False

    # ----- drawing -------------------------------------------------------------------------------------
    def _qr_for(self, text: str, size: int) -> pygame.Surface:
        key = (text, size)
        if key not in self._qr:
            if len(self._qr) > 32:
                self._qr.clear()
            self._qr[key] = qr_surface(text, size)
        return self._qr[key]

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        w, h = self.app.size
        veil = pygame.Surface((w, h), pygame.SRCALPHA)
        veil.fill((*th.BG_DEEP, 215))
        surface.blit(veil, (0, 0))
        plate, cells = self._grid()
        th.draw_panel(surface, plate, th.PANEL, th.GOLD, t.px(14), max(2, t.px(3)))
        room = self.link.room
        r = th.blit_text(surface, t.font("title"), _("Join the seminar room"), th.GOLD, (plate.x + t.px(16), plate.y + t.px(10)))
        connected = room.connected()
        note = (_("Scan your team's code (or type its link) on a phone or laptop on this network · {count} of {count2} teams connected · {spectators} watching").format(count=len(connected), count2=len(room.links), spectators=room.server.spectators()))  # fmt: skip
        th.blit_text(surface, t.font("small"), th.fit_text(t.font("small"), note, plate.w - t.px(32)), th.INK_MUTED, (plate.x + t.px(16), r.bottom + t.px(2)))
        game = self.link.session.game
        waiting = room.waiting_for(game)
        for fid, cell in zip(self.seats(), cells, strict=False):
            self._draw_team(surface, fid, cell, fid in connected, fid == waiting)
        if len(cells) > len(self.seats()):
            self._draw_spectators(surface, cells[len(self.seats())])

    def _draw_team(self, surface: pygame.Surface, fid: str, cell: pygame.Rect, on: bool, waiting: bool) -> None:
        t = self.app.theme
        room = self.link.room
        st = self.styles[fid]
        th.draw_panel(surface, cell, th.PANEL_RAISED, st.colour if on else th.PANEL_EDGE, t.px(10), max(2, t.px(3)))
        tr = t.tpx(13)
        th.blit_token(surface, st, (cell.x + t.px(12) + tr, cell.y + t.px(12) + tr), tr)
        name = t.font("body_bold")
        th.blit_text(surface, name, st.name, th.INK, (cell.x + t.px(20) + tr * 2, cell.y + t.px(12) + tr - name.get_linesize() // 2))
        size = self._qr_size(cell)
        top = cell.y + t.px(20) + tr * 2
        token = room.token_of(fid)
        qx = cell.x + t.px(12)
        small, tiny = t.font("small"), t.font("tiny")
        if token is not None and room.links[fid].url:
            url = room.links[fid].url or ""
            qr = self._qr_for(url, min(size, cell.bottom - top - t.px(10)))
            surface.blit(qr, (qx, top))
            text_x = qx + qr.get_width() + t.px(14)
        else:
            text_x = qx
            lines = th.wrap_text(small, _("Its link was issued before the host restarted and still works. "
                                        "“New link” shows a new code."), size)  # fmt: skip
            y = top + t.px(6)
            for ln in lines:
                th.blit_text(surface, small, ln, th.INK_MUTED, (qx, y))
                y += small.get_linesize()
            text_x = qx + size + t.px(14)
        tw = cell.right - text_x - t.px(12)
        if room.standing_in(fid):
            status, colour = _("A bot plays this seat"), th.WARNING
        elif on:
            status, colour = _("Connected"), th.GOOD
        elif waiting:
            since = room.dropped_at.get(fid)
            gone = f" ({int(time.monotonic() - since)} s)" if since else ""
            status, colour = _('Their turn — waiting{gone}').format(gone=gone), th.DANGER
        else:
            status, colour = _("Not connected"), th.INK_MUTED
        y = top
        th.blit_text(surface, t.font("body_bold"), th.fit_text(t.font("body_bold"), status, tw), colour, (text_x, y))
        y += t.font("body_bold").get_linesize() + t.px(4)
        if token is not None:
            url = room.links[fid].url or ""
            base, _unused, frag = url.partition("#")
            lines = [base, "#" + frag] if tiny.size("#" + frag)[0] <= tw else [base, "#" + frag[:5], frag[5:]]
            for ln in lines:
                th.blit_text(surface, tiny, th.fit_text(tiny, ln, tw), th.INK, (text_x, y))
                y += tiny.get_linesize()

    def _draw_spectators(self, surface: pygame.Surface, cell: pygame.Rect) -> None:
        t = self.app.theme
        room = self.link.room
        th.draw_panel(surface, cell, th.PANEL_RAISED, th.PANEL_EDGE, t.px(10), max(2, t.px(3)))
        name = t.font("body_bold")
        th.blit_text(surface, name, _("Spectators: the public board"), th.INK, (cell.x + t.px(12), cell.y + t.px(12)))
        top = cell.y + t.px(20) + name.get_linesize()
        qr = self._qr_for(room.spectator_url, min(self._qr_size(cell), cell.bottom - top - t.px(10)))
        surface.blit(qr, (cell.x + t.px(12), top))
        x = cell.x + t.px(26) + qr.get_width()
        tiny = t.font("tiny")
        y = top
        for ln in th.wrap_text(t.font("small"), _("No hand, no choices: for the class, a second screen or the debrief."), cell.right - x - t.px(12), 4):
            th.blit_text(surface, t.font("small"), ln, th.INK_MUTED, (x, y))
            y += t.font("small").get_linesize()
        th.blit_text(surface, tiny, th.fit_text(tiny, room.spectator_url, cell.right - x - t.px(12)), th.INK, (x, y + t.px(6)))
