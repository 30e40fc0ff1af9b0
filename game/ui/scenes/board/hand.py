"""The hand at the bottom of the board: the viewer's cards, lit when playable, each with
its number key; with no hand on screen, the room view in its place (the last actions in
large type, for the whole room)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine.messages import merged
from game.i18n import _, translator
from game.ui import theme as th
from game.ui.scenes.board.layout import card_size

if TYPE_CHECKING:
    from game.ui.scenes.board.scene import BoardScene


class Hand:
    def __init__(self, board: BoardScene) -> None:
        self.board = board
        self.card_rects: list[tuple[str, pygame.Rect]] = []
        """Where each card was drawn last, left to right."""
        self.warming = True
        """Cards are still to be rendered ahead (see `warm`)."""

    def card_at(self, pos: tuple[int, int]) -> str | None:
        """The card under `pos` (the topmost, where a lifted card overlaps)."""
        for cid, rect in reversed(self.card_rects):
            if rect.collidepoint(pos):
                return cid
        return None

    def card_size(self, n: int) -> tuple[int, int]:
        lay = self.board.layout
        assert lay is not None
        return card_size(self.board.app.theme, lay.hand, n)

    def warm(self) -> None:
        """Between steps, render a card or two ahead so a new hand appears without a stall."""
        b = self.board
        if b.cards is None or b.layout is None or not self.warming:
            return
        self.warming = b.cards.warm(self.card_size(max(len(b.view.hand), 1)))

    def draw(self, surface: pygame.Surface) -> None:
        b = self.board
        t = b.app.theme
        lay = b.layout
        assert lay is not None and b.cards is not None
        hand = list(b.view.hand)
        self.card_rects = []
        if not hand:
            if b.view.viewer is None:
                draw_room_view(b, surface, lay.hand)
            else:
                th.blit_text(surface, t.font("body"), _("No cards in hand."), th.INK_MUTED, lay.hand.center, "center")
            return
        w, h = self.card_size(len(hand))
        gap = t.px(10)
        total = len(hand) * w + (len(hand) - 1) * gap
        x = lay.hand.x + (lay.hand.w - total) // 2
        playable = [c for c in hand if c in b.card_actions]
        for cid in hand:
            lift = t.px(10) if cid == b.hover_card and cid in b.card_actions else 0
            r = pygame.Rect(x, lay.hand.y + t.px(4) - lift, w, h)
            surface.blit(b.cards.render(cid, (w, h), self.look(cid)), r)
            if cid in playable and playable.index(cid) < 9:
                self.draw_key(surface, r, playable.index(cid) + 1)
            self.card_rects.append((cid, r))
            x += w + gap

    def look(self, cid: str) -> str:
        """How a card is drawn: focused, being played, playable, dimmed or plain."""
        b = self.board
        if b.input.focused() == ("card", cid):
            return "focus"
        if cid == b.playing_card:
            return "selected"
        if cid in b.card_actions:
            return "playable"
        # a human's turn begins and this card cannot be played: say so by dimming it
        turn_start = bool(b.button_actions) and any(a.verb == "pass" for a in b.button_actions)
        if b.card_actions or turn_start:
            return "unplayable"
        return "normal"

    def draw_key(self, surface: pygame.Surface, card: pygame.Rect, n: int) -> None:
        """The number key that plays a card, in a disc at its bottom-right corner."""
        t = self.board.app.theme
        kr = t.tpx(10)
        centre = (card.right - kr - t.px(2), card.bottom - kr - t.px(2))
        pygame.draw.circle(surface, th.BG_DEEP, centre, kr)
        th.blit_text(surface, t.font("tiny_bold"), str(n), th.GOLD, centre, "center")


def draw_room_view(b: BoardScene, surface: pygame.Surface, rect: pygame.Rect) -> None:
    """Where a hand would be: the last actions in large type, for the whole room."""
    t = b.app.theme
    s = b.session
    th.draw_panel(surface, rect, th.PANEL, th.PANEL_EDGE, t.px(10))
    x, y = rect.x + t.px(16), rect.y + t.px(10)
    r = th.blit_text(surface, t.font("small_bold"), _("ROOM VIEW · LAST ACTIONS"), th.GOLD, (x, y))
    small = t.font("small")
    note = th.fit_text(small, room_note(b), rect.right - r.right - t.px(40))
    th.blit_text(surface, small, note, th.INK_MUTED, (rect.right - t.px(16), y), "topright")
    y = r.bottom + t.px(6)
    font = t.font("h3")
    gap = t.px(4)
    tr = t.tpx(11)
    width = rect.right - x - tr * 2 - t.px(40)
    room = rect.bottom - y - t.px(8)
    # the newest actions that fit whole, each wrapped (a translation may need two lines)
    shown: list[tuple[str | None, list[str]]] = []
    for e in reversed([e for e in merged(s.game.log) if e.faction is not None and e.phase == "actions"]):
        text = s.game.log_text(e, tr=translator())
        wrapped = th.wrap_text(font, text, width)
        need = len(wrapped) * font.get_linesize() + gap
        if need > room and shown:
            break
        if need > room:  # not even the newest fits whole: as much of it as the panel holds
            wrapped = th.wrap_text(font, text, width, max(1, room // font.get_linesize()))
        shown.insert(0, (e.faction, wrapped))
        room -= need
    for faction, wrapped in shown:
        st = b.styles.get(faction or "")
        if st is not None:
            th.blit_token(surface, st, (x + tr, y + font.get_linesize() // 2), tr)
        for line in wrapped:
            th.blit_text(surface, font, line, th.INK, (x + tr * 2 + t.px(10), y))
            y += font.get_linesize()
        y += gap
    lines = shown
    if not lines:
        th.blit_text(surface, t.font("body"), _("No actions yet this game."), th.INK_MUTED, (x, y))


def room_note(b: BoardScene) -> str:
    """Why no hand shows, at the room view's top right."""
    s = b.session
    if s.paused:
        return _("Paused by the facilitator")
    if s.demo:
        return _("Bots play every seat")
    if s.bot_to_act():
        return _("The bots are playing; each hand shows only to its player")
    if s.human_to_act():
        who = b.styles[s.game.actor].name if s.game.actor in b.styles else _("The next player")
        return _('{who} is next: hands stay hidden until the hand-off').format(who=who)
    return _("Nobody's hand is shown")
