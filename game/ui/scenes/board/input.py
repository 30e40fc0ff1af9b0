"""The board's keyboard and mouse: shortcuts, focus moved with Tab and the arrows (taken
with Enter), number keys for cards and buttons, letters for the usual buttons, clicks on
cards and spaces, and the pointer's hover."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.scenes.board.scene import BoardScene

FOCUS_KEYS = (pygame.K_TAB, pygame.K_RIGHT, pygame.K_LEFT, pygame.K_DOWN, pygame.K_UP)
TAKE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
SKIP_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)
LETTER_VERBS = {
    pygame.K_o: ("ops",),
    pygame.K_e: ("event",),
    pygame.K_r: ("remove",),
    pygame.K_d: ("done", "diplomacy"),
    pygame.K_p: ("pass",),
    pygame.K_y: ("yes",),
    pygame.K_n: ("no",),
    pygame.K_i: ("intervene",),
}
"""A letter takes the button of one of its verbs (`remove` only as the step's end, with no
space; D is Done while placing, Diplomacy at the start of a turn)."""
ARROWS = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}

Focusable = tuple[str, str]
"""(`card`, card id), (`space`, space id) or (`button`, its index in the bar)."""


class BoardInput:
    def __init__(self, board: BoardScene) -> None:
        self.board = board
        self.focus: int | None = None
        """Index into `focusables()` of what the keyboard has reached (None: nothing yet)."""

    def reset(self) -> None:
        """Nothing has the keyboard's focus (a new turn, or back from a dialog)."""
        self.focus = None

    def focusables(self) -> list[Focusable]:
        """Everything the keyboard can reach, in Tab order: playable cards, lit spaces, buttons."""
        b = self.board
        out: list[Focusable] = [("card", cid) for cid in b.view.hand if cid in b.card_actions]
        out += [("space", sid) for sid in self.spaces_in_reading_order()]
        out += [("button", str(i)) for i in range(len(b.action_bar.buttons))]
        return out

    def spaces_in_reading_order(self) -> list[str]:
        """The lit spaces as the map reads: north to south in bands, west to east in each."""
        b = self.board
        lit = [sid for sid in b.space_names if sid in b.space_actions]
        if b.map is None or not all(sid in b.map.badges for sid in lit):
            return lit
        band = max(1, b.map.map_rect.h // 6)

        def place(sid: str) -> tuple[int, int]:
            x, y = b.map.badges[sid].rect.center  # type: ignore[union-attr]
            return (y - b.map.map_rect.y) // band, x  # type: ignore[union-attr]

        return sorted(lit, key=place)

    def focused(self) -> Focusable | None:
        focusables = self.focusables()
        if self.focus is None or self.focus >= len(focusables):
            return None
        return focusables[self.focus]

    def keep_focus_in_range(self) -> None:
        """After the choices changed, keep the focus on one of them."""
        if self.focus is not None:
            self.focus = min(self.focus, max(0, len(self.focusables()) - 1))

    def handle(self, event: pygame.event.Event) -> bool:
        b = self.board
        if event.type == pygame.KEYDOWN:
            return self.key(event)
        if event.type == pygame.MOUSEMOTION:
            b.mouse = event.pos
            self.hover(event.pos)
            return False
        if event.type == pygame.MOUSEWHEEL and b.log is not None:
            return b.log.handle(event)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self.click(event.pos)
        return False

    def key(self, event: pygame.event.Event) -> bool:
        """A key: the window's shortcuts first, then the keys that make a decision."""
        return self.window_key(event) or self.focus_key(event) or self.choice_key(event) or self.log_key(event)

    def window_key(self, event: pygame.event.Event) -> bool:
        """Esc (back out, one level at a time), Ctrl+Z, Ctrl+S, F2, and skipping the bots."""
        b = self.board
        ctrl = event.mod & pygame.KMOD_CTRL
        if event.key == pygame.K_ESCAPE:
            if b.pending_space is not None:
                b.pending_space = None
                b.refresh()
            elif b.selected_country is not None:
                b.selected_country = None
            else:
                b.open_pause()
        elif ctrl and event.key == pygame.K_z:
            b.undo()
        elif ctrl and event.key == pygame.K_s:
            b.open_save()
        elif event.key == pygame.K_F2:
            b.open_facilitator()
        elif event.key == pygame.K_s and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            b.open_stakes()
        elif b.session.bot_to_act() and event.key in SKIP_KEYS:
            b.skipping = True
        else:
            return False
        return True

    def focus_key(self, event: pygame.event.Event) -> bool:
        """Tab and the arrows move the focus (Shift+Tab, left and up go back); Enter or
        Space takes what it is on."""
        focusables = self.focusables()
        if event.key in ARROWS and self.arrow_on_map(ARROWS[event.key], focusables):
            return True
        if event.key in FOCUS_KEYS and focusables:
            back = event.key in (pygame.K_LEFT, pygame.K_UP) or (
                event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT
            )
            if self.focus is None:
                self.focus = len(focusables) - 1 if back else 0
            else:
                self.focus = (self.focus + (-1 if back else 1)) % len(focusables)
            self.show_focus()
            return True
        if event.key in TAKE_KEYS and self.focus is not None and self.focus < len(focusables):
            self.activate(*focusables[self.focus])
            return True
        return False

    def arrow_on_map(self, direction: tuple[int, int], focusables: list[Focusable]) -> bool:
        """On a space, an arrow goes to the nearest lit space that way on the map (by where
        the badges sit); True if the focus moved or stays for want of one that way."""
        b = self.board
        focused = self.focused()
        if focused is None or focused[0] != "space" or b.map is None:
            return False
        badges = b.map.badges
        here = badges[focused[1]].rect.center if focused[1] in badges else None
        if here is None:
            return False
        best: tuple[float, int] | None = None
        for i, (kind, key) in enumerate(focusables):
            if kind != "space" or key == focused[1] or key not in badges:
                continue
            x, y = badges[key].rect.center
            dx, dy = x - here[0], y - here[1]
            along = dx * direction[0] + dy * direction[1]
            across = abs(dx * direction[1]) + abs(dy * direction[0])
            if along <= 0 or across > 2 * along:
                continue  # not that way (within about 63° of the arrow)
            score = along + 2 * across
            if best is None or score < best[0]:
                best = (score, i)
        if best is not None:
            self.focus = best[1]
            self.show_focus()
        return True

    def choice_key(self, event: pygame.event.Event) -> bool:
        """1–9: the n-th playable card, else the n-th button; a letter: its button."""
        b = self.board
        if pygame.K_1 <= event.key <= pygame.K_9:
            n = event.key - pygame.K_1
            cards = [cid for cid in b.view.hand if cid in b.card_actions]
            if cards and n < len(cards):
                b.take(b.card_actions[cards[n]])
                return True
            if n < len(b.action_bar.buttons):
                self.activate("button", str(n))
                return True
        verbs = LETTER_VERBS.get(event.key, ())
        if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            verbs = ()
        for a in b.button_actions:
            if a.verb in verbs and not (a.verb == "remove" and a.args):
                b.take(a)
                return True
        return False

    def log_key(self, event: pygame.event.Event) -> bool:
        """Page Up and Page Down scroll the log by a page, less a line."""
        log = self.board.log
        if event.key == pygame.K_PAGEUP and log:
            log.scroll_by(log.visible_rows() - 1)
            return True
        if event.key == pygame.K_PAGEDOWN and log:
            log.scroll_by(-(log.visible_rows() - 1))
            return True
        return False

    def click(self, pos: tuple[int, int]) -> bool:
        """A left click: a card takes its action; on the map, a space is chosen (or its
        country's status opens) and empty map closes that status."""
        b = self.board
        b.mouse = pos
        self.hover(pos)
        cid = b.hand.card_at(pos)
        if cid is not None:
            if cid in b.card_actions:
                b.take(b.card_actions[cid])
            return True
        if b.map is not None and b.layout is not None and b.layout.map.collidepoint(pos):
            sid = b.map.space_at(pos)
            if sid is not None:
                self.click_space(sid)
            else:
                b.selected_country = None
            return True
        return False

    def click_space(self, sid: str) -> None:
        """One action here: take it; several: the bar asks which; none: show the country."""
        b = self.board
        acts = b.space_actions.get(sid, [])
        if len(acts) == 1:
            b.take(acts[0])
        elif len(acts) > 1:
            b.pending_space = sid
            b.refresh()
        else:
            country = next((sp.country for sp in b.rs.spaces if sp.id == sid), None)
            b.selected_country = None if b.selected_country == country else country
            b.app.dirty = True

    def activate(self, kind: str, key: str) -> None:
        b = self.board
        if kind == "card" and key in b.card_actions:
            b.take(b.card_actions[key])
        elif kind == "space":
            self.click_space(key)
        elif kind == "button":
            i = int(key)
            if i < len(b.action_bar.buttons):
                b.take(b.action_bar.buttons[i][0])

    def show_focus(self) -> None:
        """Light what has the focus: a space on the map, or a card as if hovered."""
        b = self.board
        if b.map is not None:
            b.map.focus = None
        b.hover_card = None
        focused = self.focused()
        if focused is None:
            return
        kind, key = focused
        if kind == "space" and b.map is not None:
            b.map.focus = key
        elif kind == "card":
            b.hover_card = key
        b.app.dirty = True

    def hover(self, pos: tuple[int, int]) -> None:
        """What the pointer is over: a card in the hand, else a space on the map."""
        b = self.board
        b.hover_card = b.hand.card_at(pos)
        b.hover_space = None
        if b.map is not None:
            b.hover_space = b.map.space_at(pos) if b.hover_card is None else None
            b.map.hover = b.hover_space
