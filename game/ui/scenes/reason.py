"""Reasons for moves: after a human's whole action, one line of why.

The prompt sits over the board's lower part (the map stays in view), waits for Enter
(keep the line) or Esc (skip; not allowed when the facilitator made reasons required),
and hands the line to `Game.set_reason`, which keeps it with the action log: it is saved,
shown in italics in the log panel, and read out in the debrief report. While it is up,
the bots wait, so the line always belongs to the action just finished.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.i18n import _
from game.ui import theme as th
from game.ui.app import App, Scene

if TYPE_CHECKING:
    from game.ui.scenes.board import BoardScene

MAX_CHARS = 200


class ReasonScene(Scene):
    opaque = False

    def __init__(self, app: App, board: BoardScene, faction: str) -> None:
        super().__init__(app)
        self.board = board
        self.faction = faction
        self.required = app.settings.reasons_required
        self.action_words = board.session.last_action_words()
        self.note = ""
        self.text = ""

    def panel(self) -> pygame.Rect:
        t = self.app.theme
        w, h = self.app.size
        pw = min(w - t.px(40), t.tpx(940))
        ph = t.font("h2").get_linesize() + t.font("small").get_linesize() * 2 + t.tpx(46) + t.tpx(48) + t.px(64)
        return pygame.Rect((w - pw) // 2, h - ph - t.px(24), pw, ph)

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        y = p.y + t.px(18) + t.font("h2").get_linesize() + t.font("small").get_linesize() + t.px(8)
        self.entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(p.x + t.px(24), y, p.w - t.px(48), t.tpx(46)), self.app.gui, container=self.root,
            placeholder_text=_("one line: what were you after?"), object_id="#reason",
        )
        self.entry.set_text_length_limit(MAX_CHARS)
        if self.text:
            self.entry.set_text(self.text)
        self.entry.focus()
        bw, bh = t.tpx(200), t.tpx(48)
        by = p.bottom - bh - t.px(16)
        self.button(pygame.Rect(p.right - bw - t.px(24), by, bw, bh), _("Save (Enter)"), self.save, "primary", _("Keep this line with the action"), oid="reason-save")
        self.button(
            pygame.Rect(p.right - 2 * bw - t.px(36), by, bw, bh), _("Skip (Esc)"), self.skip,
            tip=_("A reason is required in this game") if self.required else _("No reason this time"), enabled=not self.required, oid="reason-skip",
        )

    def save(self) -> None:
        text = " ".join(self.entry.get_text().split())
        if not text:
            if self.required:
                self.note = _("A reason is required in this game: one line, then Enter.")
                self.app.dirty = True
                return
            self.skip()
            return
        self.board.session.set_reason(text)
        self._close()

    def skip(self) -> None:
        if self.required:
            self.note = _("A reason is required in this game: one line, then Enter.")
            self.app.dirty = True
            return
        self._close()

    def _close(self) -> None:
        self.app.pop(self)
        self.board.refresh()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.save()
            return True
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.save()
                return True
            if event.key == pygame.K_ESCAPE:
                self.skip()
                return True
        return False

    def rebuild(self) -> None:
        self._keep_text()
        super().rebuild()

    def close(self) -> None:
        self._keep_text()
        super().close()

    def _keep_text(self) -> None:
        """The line typed so far survives a new layout (text size, window size)."""
        if self.root is not None and hasattr(self, "entry"):
            self.text = self.entry.get_text()

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        w, h = self.app.size
        veil = pygame.Surface((w, h), pygame.SRCALPHA)
        veil.fill((*th.BG_DEEP, 120))
        surface.blit(veil, (0, 0))
        p = self.panel()
        th.draw_shadow(surface, p, t.px(14), t.px(8))
        th.draw_panel(surface, p, th.PANEL, th.GOLD, t.px(14), max(1, t.px(2)))
        st = self.board.styles.get(self.faction)
        x, y = p.x + t.px(24), p.y + t.px(14)
        if st is not None:
            tr = t.tpx(16)
            th.blit_token(surface, st, (x + tr, y + t.font("h2").get_linesize() // 2), tr)
            x += tr * 2 + t.px(12)
        name = st.name if st else self.faction
        hint = _("(Enter to save)") if self.required else _("(Enter to save, Esc to skip)")
        r = th.blit_text(surface, t.font("h2"), _('{name}: why?').format(name=name), th.GOLD, (x, y))
        th.blit_text(surface, t.font("body"), hint, th.INK_MUTED, (r.right + t.px(12), r.bottom - t.font("body").get_linesize() - t.px(2)))
        small = t.font("small")
        words = self.action_words or _("your last action")
        line = _('About: {words}  ·  kept in the log and the debrief').format(words=words) + (_("  ·  required in this game") if self.required else "")
        th.blit_text(surface, small, th.fit_text(small, line, p.w - t.px(48)), th.INK_MUTED, (p.x + t.px(24), r.bottom + t.px(4)))
        if self.note:
            th.blit_text(surface, small, th.fit_text(small, self.note, p.w - t.tpx(480)), th.DANGER, (p.x + t.px(24), p.bottom - t.tpx(48) - t.px(16) + t.tpx(12)))
