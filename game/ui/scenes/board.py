"""The board: the map, the hand, the tracks, the factions and the log — and the turn flow.

Every decision is one of the engine's legal actions, offered three ways: a card in the
hand, a lit space on the map, or a button in the action bar. Each is reachable by the
keyboard too (Tab / arrows to move, Enter to take, 1–9 for cards, letters for buttons).
Bots play at a readable pace; Space or Enter skips ahead to the next human decision.

Buttons say what the engine says an action is (`Game.describe`); a card or space that
cannot be chosen says why on hover (`Game.why_not`). When no hand may show (another
human's turn, the bots', a pause) the hand's place holds the room view: the last actions
in large type. After a human's whole action, a one-line prompt asks why (see
`scenes/reason.py`); the facilitator's tools are on F2 (see `scenes/facilitator.py`).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

import pygame
import pygame_gui
from pygame_gui.core import UIContainer

from game.engine import Action, Game, IllegalAction
from game.engine.messages import merged
from game.engine.view import View
from game.ruleset.model import DOMAINS, Ruleset
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.cards import CardArt
from game.ui.map_view import MapView
from game.ui.rulebook import Loaded
from game.ui.scenes.handoff import HandoffScene
from game.ui.session import Session, best_bot_kind
from game.ui.theme import faction_styles
from game.ui.widgets.log_panel import LogPanel, log_rows
from game.ui.widgets.panels import FactionRow, draw_calendar_and_tracks, draw_factions, draw_info_box
from game.ui.widgets.words import button_tip

CARD_VERBS = ("play", "discard")
ROOM_LINES = 3
NO_REASON_VERBS = ("discard",)
"""Whole actions nobody is asked the reason for (discarding down to the hand size)."""
"""Last actions the room view lists below the map."""
SPACE_VERBS = ("place", "choose", "remove")


class WindowCommand(NamedTuple):
    """A bar button that is the window's own, not a step of the game (`back`: leave the
    space picked on the map unchosen)."""

    verb: str
    args: tuple[str, ...] = ()


BACK = WindowCommand("back")
BarChoice = Action | WindowCommand
TOAST_SECONDS = 2.6
DEMO_RESTART_SECONDS = 8.0


@dataclass
class Layout:
    left: pygame.Rect
    map: pygame.Rect
    right: pygame.Rect
    factions: pygame.Rect
    log: pygame.Rect
    strip: pygame.Rect
    bar: pygame.Rect
    hand: pygame.Rect
    top_buttons: pygame.Rect


def board_layout(t: th.Theme, size: tuple[int, int], n_factions: int, room: bool = False) -> Layout:
    """The board's panels. With `room` (the room view: no hand on screen) the strip below
    the map holds only the last few actions, and the map takes the height it frees."""
    w, h = size
    m = t.px(8)
    right_w = max(t.tpx(320), round(w * 0.235))
    right_w = min(right_w, round(w * 0.30))
    left_w = min(max(t.tpx(190), round(w * 0.145)), round(w * 0.17))
    strip_h = min(round(h * 0.36), max(round(h * 0.30), t.tpx(250)))
    bar_h = t.tpx(62)
    if room:
        lines = t.font("h3").get_linesize() + t.px(4)
        strip_h = min(strip_h, bar_h + t.px(6) + t.font("small_bold").get_linesize() + t.px(32) + ROOM_LINES * lines + m)
    strip = pygame.Rect(m, h - strip_h, w - right_w - 2 * m, strip_h - m)
    bar = pygame.Rect(strip.x, strip.y, strip.w, bar_h)
    hand = pygame.Rect(strip.x, bar.bottom + t.px(6), strip.w, strip.bottom - bar.bottom - t.px(6))
    left = pygame.Rect(m, m, left_w, strip.y - 2 * m)
    mp = pygame.Rect(left.right + m, m, w - right_w - left.right - 2 * m, strip.y - 2 * m)
    right = pygame.Rect(w - right_w, m, right_w - m, h - 2 * m)
    top_buttons = pygame.Rect(right.x, right.y, right.w, t.tpx(40))
    fac_h = t.font("tiny_bold").get_linesize() + t.px(14) + n_factions * (max(t.tpx(40), t.font("small").get_linesize() + t.font("tiny").get_linesize() + t.px(6)) + t.px(3))
    factions = pygame.Rect(right.x, top_buttons.bottom + m, right.w, fac_h)
    log = pygame.Rect(right.x, factions.bottom + m, right.w, right.bottom - factions.bottom - m)
    return Layout(left, mp, right, factions, log, strip, bar, hand, top_buttons)


class BoardScene(Scene):
    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.rs: Ruleset = session.ruleset
        self.styles = faction_styles(self.rs)
        self.card_names = {c.id: c.name for c in self.rs.cards}
        self.space_names = {s.id: s.name for s in self.rs.spaces}
        self.view: View = session.screen_view()
        self.geometry = session.geometry
        self.map: MapView | None = None
        self.cards: CardArt | None = None
        self.log: LogPanel | None = None
        self.layout: Layout | None = None
        self.card_rects: list[tuple[str, pygame.Rect]] = []
        self.hover_card: str | None = None
        self.hover_space: str | None = None
        self.selected_country: str | None = None
        self.mouse = (0, 0)
        self.card_actions: dict[str, Action] = {}
        self.space_actions: dict[str, list[Action]] = {}
        self.button_actions: list[Action] = []
        self.pending_space: str | None = None
        self.playing_card: str | None = None
        self.focus: int | None = None
        self.toasts: list[tuple[str, float]] = []
        self.skipping = False
        self.faction_rows: list[FactionRow] = []
        self.bar: UIContainer | None = None
        self.undo_button: pygame_gui.elements.UIButton | None = None
        self.ended_at: float | None = None
        self.shown_end = False
        self.message: str | None = None
        self._panels: dict[str, pygame.Surface] = {}
        self._frame: pygame.Surface | None = None
        self._frame_key: tuple[object, ...] | None = None
        self._toast_cache: dict[str, pygame.Surface] = {}
        self._warm = True
        self._timer_shown: tuple[str, bool] | None = None
        session.projector = app.settings.projector
        session.set_timer(app.settings.turn_timer)
        session.settle_viewer()

    # ----- widgets ---------------------------------------------------------------------------------
    def build(self) -> None:
        t = self.app.theme
        self.room = self._room_view()
        lay = self.layout = board_layout(t, self.app.size, len(self.rs.factions), self.room)
        if self.map is None or self.map.theme is not t:
            self.map = MapView(t, self.rs, self.styles, self.geometry)
        self.map.compact_all = t.text_size == "projector"
        self.map.layout(lay.map)
        if self.cards is None or self.cards.theme is not t:
            self.cards = CardArt(t, self.rs, self.styles)
        self._warm = True
        self._frame = None
        self._toast_cache = {}
        old_scroll = self.log.scroll if self.log else 0
        self.log = LogPanel(t, lay.log, self.styles)
        self.log.scroll = old_scroll
        tb = lay.top_buttons
        tools = self.facilitated()
        n = 4 if tools else 3
        gap = t.px(6)
        bw = (tb.w - (n - 1) * gap) // n
        self.button(pygame.Rect(tb.x, tb.y, bw, tb.h), "Menu", self.open_pause, "small", "Pause, save, load, settings, rules (Esc)", oid="menu")
        self.button(pygame.Rect(tb.x + bw + gap, tb.y, bw, tb.h), "Save", self.open_save, "small", "Save the game (Ctrl+S)", oid="save")
        self.undo_button = self.button(pygame.Rect(tb.x + 2 * (bw + gap), tb.y, bw, tb.h), "Undo", self.undo, "small", "Take back your last step (Ctrl+Z)", oid="undo")
        if tools:
            label = th.fit_text(t.font("small"), "Facilitator", bw - t.px(12))
            self.button(pygame.Rect(tb.x + 3 * (bw + gap), tb.y, bw, tb.h), label, self.open_facilitator, "small", "The facilitator's tools (F2)", oid="facilitator")
        self.bar = None
        self.refresh()

    def _build_bar(self) -> None:
        """The action bar's buttons for the current decision (right side of the bar)."""
        if self.bar is not None:
            self.bar.kill()
        t = self.app.theme
        lay = self.layout
        assert lay is not None
        self.bar = UIContainer(lay.bar, self.app.gui, container=self.root)
        for _a, old in getattr(self, "bar_buttons", []):
            self.actions.pop(old, None)
        actions = self._bar_actions()
        font = t.font("body_bold")
        gap = t.px(8)
        h = lay.bar.h - t.px(14)
        widths = [min(t.tpx(420), font.size(label)[0] + t.tpx(34)) for label, _a, _p in actions]
        x = lay.bar.w - t.px(6)
        self.bar_buttons: list[tuple[BarChoice, pygame_gui.elements.UIButton]] = []
        for (label, action, primary), bw in zip(reversed(actions), reversed(widths), strict=True):
            x -= bw
            if x < lay.bar.w * 0.35:
                break
            idx = len(actions) - 1 - len(self.bar_buttons)
            key = _shortcut_hint(idx)
            b = pygame_gui.elements.UIButton(
                pygame.Rect(x, t.px(7), bw, h),
                th.fit_text(font, label, bw - t.tpx(20)),
                self.app.gui,
                container=self.bar,
                tool_tip_text=(_tip(action, self.rs, self.playing_card) + (f" (key {key})" if key else "")) or None,
                object_id=pygame_gui.core.ObjectID(class_id="@primary" if primary else None, object_id=f"#act-{idx}"),
            )
            self.actions[b] = partial(self.take, action)
            self.bar_buttons.append((action, b))
            x -= gap
        self.bar_buttons.reverse()
        self.bar_left = x

    def _bar_actions(self) -> list[tuple[str, BarChoice, bool]]:
        """(label, action, primary) for each button: the engine's own words for the action."""
        g = self.session.game
        out: list[tuple[str, BarChoice, bool]] = []
        if self.pending_space is not None:
            for a in self.space_actions.get(self.pending_space, []):
                out.append((g.describe(a), a, False))
            out.append(("Back", BACK, False))
            return out
        for a in self.button_actions:
            primary = a.verb in ("ops", "event", "yes", "intervene")
            out.append((g.describe(a), a, primary))
        return out

    def _room_view(self) -> bool:
        """No hand on screen, so the strip below the map shows the last actions."""
        s = self.session
        return not s.shows_hand() and not s.demo

    def facilitated(self) -> bool:
        """This game has the facilitator's tools (a seminar game, not the demo)."""
        return self.app.settings.facilitator and not self.session.demo

    # ----- state -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the view after a step and offer the new legal actions."""
        s = self.session
        s.projector = self.app.settings.projector
        if self.layout is not None and self._room_view() != self.room:
            self.rebuild()  # the map grows or shrinks with the strip below it (and refreshes)
            return
        self.view = s.screen_view()
        g = s.game
        legal: list[Action] = []
        if s.human_to_act() and g.actor == s.viewer:
            legal = list(self.view.legal)
        self.card_actions, self.space_actions, self.button_actions = {}, {}, []
        for a in legal:
            if a.verb in CARD_VERBS and a.args:
                self.card_actions[a.args[0]] = a
            elif a.verb in SPACE_VERBS and a.space in self.space_names:
                self.space_actions.setdefault(a.space, []).append(a)
            else:
                self.button_actions.append(a)
        if not any(a.verb in ("ops", "event", "remove", "place", "done") or a.verb == "choose" for a in legal):
            self.playing_card = None
        last = g.actions[-1] if g.actions else None
        if last is not None and last.verb == "play" and last.args:
            self.playing_card = last.args[0]
        if self.pending_space not in self.space_actions:
            self.pending_space = None
        if self.map is not None:
            self.map.set_view(self.view)
            self.map.set_targets({sid: "target" for sid in self.space_actions})
        if self.log is not None:
            self.log.set_lines(log_rows(g, self.view.viewer))
        if self.undo_button is not None:
            if s.can_undo():
                self.undo_button.enable()
            else:
                self.undo_button.disable()
        self.focus = None if self.focus is None else min(self.focus, max(0, len(self._focusables()) - 1))
        if self.root is not None:
            self._build_bar()
        self._panels.clear()
        self.app.dirty = True

    def take(self, action: BarChoice) -> None:
        """Apply a human decision (from a card, a space, a button or a key)."""
        if isinstance(action, WindowCommand):
            self.pending_space = None
            self.refresh()
            return
        s = self.session
        if s.paused or not (s.human_to_act() and s.game.actor == s.viewer and s.shows_hand()):
            return
        if action not in s.game.legal_actions():
            return
        self._apply(action)

    def _apply(self, action: Action) -> None:
        s = self.session
        try:
            rec = s.apply(action)
        except IllegalAction as e:
            self.message = str(e)
            return
        now = time.monotonic()
        if self.map is not None and rec.spaces and rec.actor in self.styles:
            self.map.pulse(rec.spaces, self.styles[rec.actor].colour, now)
        elif self.map is not None and rec.spaces:
            self.map.pulse(rec.spaces, th.HIGHLIGHT, now)
        if action.verb == "play" and action.args:
            self.playing_card = action.args[0]
        self.pending_space = None
        for line in rec.new_log[-3:]:
            self.toasts.append((line, now))
        self.toasts = self.toasts[-3:]
        self.refresh()
        if rec.summit:
            from game.ui.scenes.summit import SummitScene

            self.app.push(SummitScene(self.app, self))
        if rec.completed is not None and s.is_human(rec.completed) and not s.demo and s.action_verb not in NO_REASON_VERBS:
            from game.ui.scenes.reason import ReasonScene

            self.app.push(ReasonScene(self.app, self, rec.completed))

    def undo(self) -> None:
        if self.session.undo():
            self.toasts.append(("Undone: back one step.", time.monotonic()))
            self.pending_space = None
            self.refresh()

    def open_pause(self) -> None:
        from game.ui.scenes.pause import PauseScene

        self.app.push(PauseScene(self.app, self))

    def open_save(self) -> None:
        from game.ui.scenes.dialogs import SaveDialog

        self.app.push(SaveDialog(self.app, self))

    def open_facilitator(self) -> None:
        """F2: the facilitator's panel (after the PIN, once a session, if one is set)."""
        from game.ui.scenes.facilitator import open_facilitator

        if self.facilitated():
            open_facilitator(self.app, self)
        elif not self.session.demo:
            self.toast("Facilitator tools are off: turn on Facilitator mode in New game.")

    def toast(self, text: str) -> None:
        self.toasts.append((text, time.monotonic()))
        self.toasts = self.toasts[-3:]
        self.app.dirty = True

    def on_rules_reloaded(self) -> None:
        self.toast("Rules reloaded from disk: they apply to the next game.")

    def close_session(self) -> None:
        self.session.close()

    # ----- time: bots, hand-offs, the end --------------------------------------------------------------
    def busy(self) -> bool:
        s = self.session
        return (s.bot_to_act() and not s.paused) or bool(self.toasts) or (self.map is not None and bool(self.map.pulses)) or s.timer.expired

    def _tick_timer(self, dt: float) -> bool:
        """Count the human's turn down while the board or their hand-off is up; True when
        the clock on screen changed (each second, and the flashing at zero)."""
        s = self.session
        top = self.app.top
        if top is self or isinstance(top, HandoffScene):
            s.track_timer(dt)
        shown = (s.timer.text(), s.timer.expired and int(time.monotonic() * 2) % 2 == 0) if s.timer.running else None
        if shown != self._timer_shown:
            self._timer_shown = shown
            return True
        return False

    def update(self, dt: float) -> bool:
        """Bots' steps, hand-offs and the end; True when the screen must be redrawn."""
        now = time.monotonic()
        anim = self.map is not None and self.map.animating(now)
        anim = self._tick_timer(dt) or anim
        before = len(self.toasts)
        self.toasts = [(m, t0) for m, t0 in self.toasts if now - t0 < TOAST_SECONDS]
        if before != len(self.toasts) or any(now - t0 > TOAST_SECONDS - 0.6 for _m, t0 in self.toasts):
            anim = True  # a toast is fading out
        if self.app.top is not self:
            return anim
        s = self.session
        g = s.game
        if s.paused:
            from game.ui.scenes.facilitator import PausedScene

            self.skipping = False
            self.app.push(PausedScene(self.app, self))
            return True
        if g.over:
            self.skipping = False
            if not self.shown_end:
                self.shown_end = True
                self.ended_at = now
                from game.ui.scenes.end import EndScene

                self.app.push(EndScene(self.app, self))
            return anim
        if s.needs_handoff():
            self.skipping = False
            self.app.push(HandoffScene(self.app, self, g.actor or ""))
            return True
        if s.bot_to_act():
            pace = 0.0 if self.skipping else self.app.bot_pace()
            if now - s.last_step_at >= pace:
                steps = 0
                start = time.perf_counter()
                # skipping applies several steps a frame, but keeps the frame short
                while s.bot_to_act() and (steps == 0 or (self.skipping and time.perf_counter() - start < 0.008)):
                    action = s.poll_bot()
                    if action is None:
                        break
                    self._apply(action)
                    steps += 1
                    if self.app.top is not self:
                        break
                if steps:
                    return True
            self._warm_cards()
            return anim
        if self.skipping:
            self.skipping = False
            return True
        self._warm_cards()
        return anim

    def _warm_cards(self) -> None:
        """Between steps, render a card or two ahead so a new hand appears without a stall."""
        if self.cards is None or self.layout is None or not self._warm:
            return
        size = self._card_size(max(len(self.view.hand), 1))
        self._warm = self.cards.warm(size)

    # ----- input ------------------------------------------------------------------------------------------
    def _focusables(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = [("card", cid) for cid in self.view.hand if cid in self.card_actions]
        out += [("space", sid) for sid in self.space_names if sid in self.space_actions]
        out += [("button", str(i)) for i in range(len(getattr(self, "bar_buttons", [])))]
        return out

    def _activate(self, kind: str, key: str) -> None:
        if kind == "card" and key in self.card_actions:
            self.take(self.card_actions[key])
        elif kind == "space":
            self.click_space(key)
        elif kind == "button":
            i = int(key)
            if i < len(self.bar_buttons):
                self.take(self.bar_buttons[i][0])

    def click_space(self, sid: str) -> None:
        acts = self.space_actions.get(sid, [])
        if len(acts) == 1:
            self.take(acts[0])
        elif len(acts) > 1:
            self.pending_space = sid
            self.refresh()
        else:
            country = next((sp.country for sp in self.rs.spaces if sp.id == sid), None)
            self.selected_country = None if self.selected_country == country else country
            self.app.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        s = self.session
        if event.type == pygame.KEYDOWN:
            ctrl = event.mod & pygame.KMOD_CTRL
            if event.key == pygame.K_ESCAPE:
                if self.pending_space is not None:
                    self.pending_space = None
                    self.refresh()
                elif self.selected_country is not None:
                    self.selected_country = None
                else:
                    self.open_pause()
                return True
            if ctrl and event.key == pygame.K_z:
                self.undo()
                return True
            if ctrl and event.key == pygame.K_s:
                self.open_save()
                return True
            if event.key == pygame.K_F2:
                self.open_facilitator()
                return True
            if s.bot_to_act() and event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
                self.skipping = True
                return True
            focusables = self._focusables()
            if event.key in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_LEFT, pygame.K_DOWN, pygame.K_UP) and focusables:
                back = event.key in (pygame.K_LEFT, pygame.K_UP) or (event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
                if self.focus is None:
                    self.focus = len(focusables) - 1 if back else 0
                else:
                    self.focus = (self.focus + (-1 if back else 1)) % len(focusables)
                self._show_focus()
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus is not None and self.focus < len(focusables):
                kind, key = focusables[self.focus]
                self._activate(kind, key)
                return True
            if pygame.K_1 <= event.key <= pygame.K_9:
                n = event.key - pygame.K_1
                cards = [cid for cid in self.view.hand if cid in self.card_actions]
                if cards and n < len(cards):
                    self.take(self.card_actions[cards[n]])
                    return True
                if n < len(getattr(self, "bar_buttons", [])):
                    self._activate("button", str(n))
                    return True
            if event.key == pygame.K_PAGEUP and self.log:
                self.log.scroll_by(self.log.visible_rows() - 1)
                return True
            if event.key == pygame.K_PAGEDOWN and self.log:
                self.log.scroll_by(-(self.log.visible_rows() - 1))
                return True
            letter = {pygame.K_o: "ops", pygame.K_e: "event", pygame.K_r: "remove", pygame.K_d: "done", pygame.K_p: "pass", pygame.K_y: "yes", pygame.K_n: "no"}.get(event.key)
            if letter:
                for a in self.button_actions:
                    if a.verb == letter and not (letter == "remove" and a.args):
                        self.take(a)
                        return True
            return False
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            self._hover(event.pos)
            return False
        if event.type == pygame.MOUSEWHEEL and self.log is not None:
            return self.log.handle(event)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.mouse = event.pos
            self._hover(event.pos)
            for cid, rect in reversed(self.card_rects):
                if rect.collidepoint(event.pos):
                    if cid in self.card_actions:
                        self.take(self.card_actions[cid])
                    return True
            if self.map is not None and self.layout is not None and self.layout.map.collidepoint(event.pos):
                sid = self.map.space_at(event.pos)
                if sid is not None:
                    self.click_space(sid)
                else:
                    self.selected_country = None
                return True
        return False

    def _show_focus(self) -> None:
        focusables = self._focusables()
        if self.map is not None:
            self.map.focus = None
        self.hover_card = None
        if self.focus is None or self.focus >= len(focusables):
            return
        kind, key = focusables[self.focus]
        if kind == "space" and self.map is not None:
            self.map.focus = key
        elif kind == "card":
            self.hover_card = key
        self.app.dirty = True

    def _hover(self, pos: tuple[int, int]) -> None:
        self.hover_card = None
        for cid, rect in reversed(self.card_rects):
            if rect.collidepoint(pos):
                self.hover_card = cid
                break
        self.hover_space = None
        if self.map is not None:
            self.hover_space = self.map.space_at(pos) if self.hover_card is None else None
            self.map.hover = self.hover_space

    # ----- drawing -------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The board from a cached frame, then what moves: hover outlines, pulses, toasts."""
        lay = self.layout
        if lay is None or self.map is None or self.cards is None or self.log is None:
            surface.fill(th.BG)
            return
        now = time.monotonic()
        key = (len(self._panels), id(self.view), self.hover_card, self.focus, self.skipping, self.log.scroll, self.map.state_version(), self.pending_space, self.playing_card)
        if self._frame is None or self._frame_key != key or self._frame.get_size() != surface.get_size():
            frame = pygame.Surface(surface.get_size())
            self._draw_base(frame)
            self._frame = frame.convert() if pygame.display.get_surface() is not None else frame
            self._frame_key = (len(self._panels), id(self.view), self.hover_card, self.focus, self.skipping, self.log.scroll, self.map.state_version(), self.pending_space, self.playing_card)
        surface.blit(self._frame, (0, 0))
        self.map.draw_live(surface, now)
        self.draw_timer(surface, now)
        self._draw_toasts(surface, now)

    def _draw_base(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        lay = self.layout
        assert lay is not None and self.map is not None and self.log is not None
        surface.fill(th.BG)
        frame = self.map.map_rect.inflate(t.px(6), t.px(6))
        pygame.draw.rect(surface, th.BG_DEEP, frame, border_radius=t.px(6))
        self.map.draw_base(surface)
        pygame.draw.rect(surface, th.PANEL_EDGE, frame, max(1, t.px(2)), border_radius=t.px(6))
        self._cached(surface, "left", lay.left, lambda s, r: draw_calendar_and_tracks(s, r, t, self.view, self.rs))
        self._cached(surface, "factions", lay.factions, lambda s, r: draw_factions(s, r, t, self.view, self.rs, self.styles, self.session.seats, self.session.viewer))
        self.log.draw(surface)
        self._cached(surface, f"bar{self.skipping}", lay.bar, self._draw_bar)
        self._draw_hand(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.layout is None:
            return
        if self.selected_country:
            self._draw_country_info(surface)
        self._draw_hover(surface)

    def _cached(self, surface: pygame.Surface, key: str, rect: pygame.Rect, paint: Callable[[pygame.Surface, pygame.Rect], object]) -> None:
        """Blit a panel, painting it only after the state changed (see `refresh`)."""
        img = self._panels.get(key)
        if img is None:
            img = pygame.Surface(rect.size)
            img.fill(th.BG)
            paint(img, pygame.Rect((0, 0), rect.size))
            img = img.convert()
            self._panels[key] = img
        surface.blit(img, rect)

    def _draw_bar(self, surface: pygame.Surface, bar: pygame.Rect) -> None:
        t = self.app.theme
        lay = self.layout
        assert lay is not None
        th.draw_panel(surface, bar, th.PANEL, th.PANEL_EDGE, t.px(10))
        s = self.session
        actor = s.game.actor
        x = bar.x + t.px(12)
        if actor in self.styles:
            tr = t.tpx(16)
            th.blit_token(surface, self.styles[actor], (x + tr, bar.centery), tr)
            x += tr * 2 + t.px(10)
        if s.game.over:
            text = "The game is over."
        elif s.bot_to_act():
            name = self.styles[actor].name if actor in self.styles else "A bot"
            text = f"{name} (bot) is deciding…  Space: skip ahead" if not self.skipping else "Skipping ahead to the next human decision…"
        elif self.pending_space is not None:
            text = f"{self.space_names[self.pending_space]}: which one?"
        else:
            text = self.view.prompt or ""
            if self.card_actions and any(a.verb == "play" for a in self.card_actions.values()):
                text += "  Click a card (or 1–9) to play it, or use a button."
            elif self.space_actions:
                text += "  Click a lit space."
        right = getattr(self, "bar_left", bar.right) - t.px(8) if self.bar is not None else bar.right
        width = right - x
        font = t.font("body")
        lines = th.wrap_text(font, text, max(40, width), 2)
        y = bar.centery - len(lines) * font.get_linesize() // 2
        for ln in lines:
            th.blit_text(surface, font, ln, th.INK, (x, y))
            y += font.get_linesize()

    def _card_size(self, n: int) -> tuple[int, int]:
        lay = self.layout
        assert lay is not None
        t = self.app.theme
        h = lay.hand.h - t.px(6)
        w = max(round(h * 0.92), t.tpx(170))
        gap = t.px(10)
        if n and n * w + (n - 1) * gap > lay.hand.w:
            w = (lay.hand.w - (n - 1) * gap) // n
        return w, h

    def _draw_hand(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        lay = self.layout
        assert lay is not None and self.cards is not None
        hand = list(self.view.hand)
        self.card_rects = []
        if not hand:
            if self.view.viewer is None:
                self._draw_room_view(surface, lay.hand)
            else:
                th.blit_text(surface, t.font("body"), "No cards in hand.", th.INK_MUTED, lay.hand.center, "center")
            return
        w, h = self._card_size(len(hand))
        gap = t.px(10)
        total = len(hand) * w + (len(hand) - 1) * gap
        x = lay.hand.x + (lay.hand.w - total) // 2
        focus_card = self.hover_card
        deciding_cards = bool(self.card_actions)
        # a human's turn begins and this card cannot be played: say so by dimming it
        turn_start = bool(self.button_actions) and any(a.verb == "pass" for a in self.button_actions)
        for cid in hand:
            lift = t.px(10) if cid == focus_card and cid in self.card_actions else 0
            r = pygame.Rect(x, lay.hand.y + t.px(4) - lift, w, h)
            if cid == self.playing_card:
                look = "selected"
            elif cid in self.card_actions:
                look = "playable"
            elif deciding_cards or turn_start:
                look = "unplayable"
            else:
                look = "normal"
            if self.focus is not None and self._focusables()[self.focus:self.focus + 1] == [("card", cid)]:
                look = "focus"
            surface.blit(self.cards.render(cid, (w, h), look), r)
            if cid in self.card_actions:
                n = [c for c in hand if c in self.card_actions].index(cid) + 1
                if n <= 9:
                    kr = t.tpx(10)
                    pygame.draw.circle(surface, th.BG_DEEP, (r.right - kr - t.px(2), r.bottom - kr - t.px(2)), kr)
                    th.blit_text(surface, t.font("tiny_bold"), str(n), th.GOLD, (r.right - kr - t.px(2), r.bottom - kr - t.px(2)), "center")
            self.card_rects.append((cid, r))
            x += w + gap

    def _draw_room_view(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Where a hand would be: the last actions in large type, for the whole room."""
        t = self.app.theme
        s = self.session
        th.draw_panel(surface, rect, th.PANEL, th.PANEL_EDGE, t.px(10))
        x, y = rect.x + t.px(16), rect.y + t.px(10)
        head = t.font("small_bold")
        if s.paused:
            note = "Paused by the facilitator"
        elif s.demo:
            note = "Bots play every seat"
        elif s.bot_to_act():
            note = "The bots are playing; each hand shows only to its player"
        elif s.human_to_act():
            who = self.styles[s.game.actor].name if s.game.actor in self.styles else "The next player"
            note = f"{who} is next: hands stay hidden until the hand-off"
        else:
            note = "Nobody's hand is shown"
        r = th.blit_text(surface, head, "ROOM VIEW · LAST ACTIONS", th.GOLD, (x, y))
        th.blit_text(surface, t.font("small"), th.fit_text(t.font("small"), note, rect.right - r.right - t.px(40)), th.INK_MUTED, (rect.right - t.px(16), y), "topright")
        y = r.bottom + t.px(6)
        font = t.font("h3")
        line_h = font.get_linesize() + t.px(4)
        rows = max(1, (rect.bottom - y - t.px(8)) // line_h)
        lines = [e for e in merged(s.game.log) if e.faction is not None and e.phase == "actions"][-rows:]
        tr = t.tpx(11)
        for e in lines:
            st = self.styles.get(e.faction or "")
            if st is not None:
                th.blit_token(surface, st, (x + tr, y + font.get_linesize() // 2), tr)
            text = s.game.log_text(e)
            th.blit_text(surface, font, th.fit_text(font, text, rect.right - x - tr * 2 - t.px(40)), th.INK, (x + tr * 2 + t.px(10), y))
            y += line_h
        if not lines:
            th.blit_text(surface, t.font("body"), "No actions yet this game.", th.INK_MUTED, (x, y))

    def draw_timer(self, surface: pygame.Surface, now: float, at: tuple[int, int] | None = None) -> None:
        """The turn timer, large, at the map's top-left corner (the room watches it)."""
        s = self.session
        if not s.timer.running or self.map is None:
            return
        t = self.app.theme
        st = self.styles.get(s.timer.faction or "")
        font = t.font("h1")
        expired = s.timer.expired
        text = "Time's up" if expired else s.timer.text()
        label = th.text_surface(font, text, (255, 255, 255) if expired else th.INK)
        tr = t.tpx(16)
        w = label.get_width() + tr * 2 + t.px(36)
        h = max(label.get_height(), tr * 2) + t.px(12)
        box = pygame.Rect(at or (self.map.map_rect.x + t.px(10), self.map.map_rect.y + t.px(10)), (w, h))
        flash = expired and int(now * 2) % 2 == 0
        fill = th.DANGER if flash else (th.mix(th.DANGER, th.BG_DEEP, 0.5) if expired else th.BG_DEEP)
        th.draw_panel(surface, box, fill, th.DANGER if expired else th.GOLD, t.px(8), max(2, t.px(2)))
        if st is not None:
            th.blit_token(surface, st, (box.x + t.px(10) + tr, box.centery), tr)
        surface.blit(label, label.get_rect(midleft=(box.x + t.px(20) + tr * 2, box.centery)))

    def _draw_toasts(self, surface: pygame.Surface, now: float) -> None:
        if not self.toasts or self.map is None:
            return
        t = self.app.theme
        y = self.map.map_rect.y + t.px(10)
        for text, t0 in self.toasts:
            age = now - t0
            alpha = 255 if age < TOAST_SECONDS - 0.5 else max(0, round(255 * (TOAST_SECONDS - age) / 0.5))
            plate = self._toast_cache.get(text)
            if plate is None:
                font = t.font("body")
                line = th.fit_text(font, text, self.map.map_rect.w - t.px(60))
                s = th.text_surface(font, line, th.INK)
                plate = pygame.Surface((s.get_width() + t.px(24), s.get_height() + t.px(10)), pygame.SRCALPHA)
                pygame.draw.rect(plate, (*th.BG_DEEP, 225), plate.get_rect(), border_radius=t.px(8))
                plate.blit(s, s.get_rect(center=plate.get_rect().center))
                if len(self._toast_cache) > 40:
                    self._toast_cache.clear()
                self._toast_cache[text] = plate
            box = plate.get_rect(midtop=(self.map.map_rect.centerx, y))
            plate.set_alpha(alpha)
            surface.blit(plate, box)
            y = box.bottom + t.px(4)

    def _draw_hover(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        lay = self.layout
        assert lay is not None and self.cards is not None
        screen = surface.get_rect()
        if self.hover_card is not None:
            rect = dict(self.card_rects).get(self.hover_card)
            if rect is not None:
                w = min(t.tpx(300), round(lay.map.h * 0.62))
                h = round(w * 1.38)
                big = self.cards.render(self.hover_card, (w, h), "playable" if self.hover_card in self.card_actions else "normal", big=True)
                r = big.get_rect(midbottom=(rect.centerx, rect.y - t.px(8)))
                r.clamp_ip(screen)
                th.draw_shadow(surface, r, t.px(12), t.px(6))
                surface.blit(big, r)
                note = self._card_note(self.hover_card)
                if note:
                    draw_info_box(surface, t, (r.right - t.px(10), r.y), [("warn" if note.startswith("Not now") else "text", note, th.INK)], t.tpx(280), screen)
            return
        if self.hover_space is not None:
            draw_info_box(surface, t, self.mouse, self._space_lines(self.hover_space), t.tpx(340), screen, self.styles)

    def _card_note(self, cid: str) -> str:
        """What clicking a card does, or why it cannot be played now (the engine's words)."""
        s = self.session
        if cid in self.card_actions:
            return "Click to discard this card." if self.card_actions[cid].verb == "discard" else "Click to play: then choose operations or the event."
        if not self.view.legal or not any(a.verb == "play" for a in self.view.legal):
            return ""
        return "Not now: " + (s.game.why_not(Action("play", (cid,))) or "")

    def _space_lines(self, sid: str) -> list[tuple[str, str, th.Colour]]:
        sp = next(s for s in self.rs.spaces if s.id == sid)
        sv = self.view.spaces.get(sid)
        country = next((c.name for c in self.rs.countries if c.id == sp.country), sp.country)
        tags = ", ".join(tg.replace("_", " ") for tg in sp.tags)
        lines: list[tuple[str, str, th.Colour]] = [("title", sp.name, th.GOLD), ("muted", f"{country}" + (f" · {tags}" if tags else ""), th.INK_MUTED)]
        if sv is not None:
            lines.append(("text", f"Stability {sv.stability}: a leader needs that much more than the runner-up.", th.INK))
            leader = self.styles.get(sv.leader or "")
            lines.append(("bold", f"Leader: {leader.name}" if leader else "Contested: no leader", th.INK))
            if sv.reason:
                lines.append(("muted", sv.reason, th.INK_MUTED))
            lines.append(("sep", "", th.INK))
            if sv.influence:
                lines.append(("muted", "Influence — soft power / security / trade = total", th.INK_MUTED))
                for fid, amounts in sorted(sv.influence.items(), key=lambda kv: -sum(kv[1].values())):
                    st = self.styles.get(fid)
                    nums = " / ".join(str(amounts.get(d, 0)) for d in DOMAINS)
                    lines.append((f"row:{fid}", f"{st.name if st else fid}:  {nums} = {sum(amounts.values())}", th.INK))
            else:
                lines.append(("muted", "No influence here yet.", th.INK_MUTED))
        corridors = [c.name for c in self.rs.corridors if sid in c.route]
        if corridors:
            lines.append(("muted", "Corridors: " + ", ".join(corridors), th.INK_MUTED))
        if self.space_actions:
            if sid in self.space_actions:
                lines.append(("bold", "Click to choose this space.", th.HIGHLIGHT))
            else:
                lines.append(("warn", self._why_not(sid), th.WARNING))
        lines.append(("muted", "Click for the country's status.", th.INK_MUTED))
        return lines

    def _why_not(self, sid: str) -> str:
        """Why a space is not a legal target now: the engine's sentence for the step this
        decision asks for, in that space."""
        g = self.session.game
        acts = [a for acts in self.space_actions.values() for a in acts]
        if not acts:
            return ""
        sample = acts[0]
        candidate = Action(sample.verb, (sid,) if sample.faction is None else (sid, sample.faction))
        return g.why_not(candidate) or "Not one of the spaces this step allows."

    def _draw_country_info(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        cid = self.selected_country
        cv = self.view.countries.get(cid or "")
        country = next((c for c in self.rs.countries if c.id == cid), None)
        if cv is None or country is None or self.map is None:
            return
        st = self.styles.get(cv.faction or "")
        status = cv.status.capitalize() + (f" — {st.name}" if st else "")
        lines: list[tuple[str, str, th.Colour]] = [("title", country.name, th.GOLD), ("bold", status, st.light if st else th.INK)]
        lines.append(("muted", f"Balance index here: {cv.balance_index:.0f}", th.INK_MUTED))
        lines.append(("sep", "", th.INK))
        for r in cv.reasons:
            lines.append(("text", r, th.INK))
        lines.append(("sep", "", th.INK))
        for sp in self.rs.spaces:
            if sp.country == cid:
                sv = self.view.spaces.get(sp.id)
                lead = self.styles.get(sv.leader or "") if sv else None
                who = lead.name if lead else "contested"
                cap = " (capital)" if sp.is_capital else ""
                lines.append((f"row:{lead.id}" if lead else "text", f"{sp.name}{cap}: {who}", th.INK))
        lines.append(("muted", "Click elsewhere or press Esc to close.", th.INK_MUTED))
        anchor = (self.map.map_rect.x + t.px(4), self.map.map_rect.y + t.px(40))
        draw_info_box(surface, t, anchor, lines, t.tpx(380), self.map.map_rect, self.styles)


def _shortcut_hint(i: int) -> str:
    return str(i + 1) if i < 9 else ""


def new_board(app: App, session: Session) -> BoardScene:
    from game.ui.scenes.menu import MenuScene

    board = BoardScene(app, session)
    if not app.scenes or not isinstance(app.scenes[0], MenuScene):
        app.replace_all(MenuScene(app))
    while len(app.scenes) > 1:
        app.pop()
    app.push(board)
    return board


def start_demo(app: App, seed: int | None = None) -> BoardScene | None:
    """Bots in every seat, on screen: the attract mode before a seminar."""
    loaded = app.rules()
    if loaded.ruleset is None:
        return None
    kind = best_bot_kind()
    seats = {f.id: kind for f in loaded.ruleset.factions}
    s = seed if seed is not None else (app.seed if app.seed is not None else secrets.randbits(64))
    return new_board(app, game_session(loaded, Game.new(loaded.ruleset, None, s, seats), demo=True, autosave=False))


def game_session(loaded: Loaded, game: Game, **kw: Any) -> Session:
    """A session for `game`, played with the rules and the map of `loaded`."""
    assert loaded.ruleset is not None
    return Session(loaded.ruleset, game, geometry=loaded.geometry, mods=loaded.mods, **kw)


def _tip(choice: BarChoice, rs: Ruleset, card_id: str | None) -> str:
    if isinstance(choice, WindowCommand):
        return "Choose another space"
    return button_tip(choice, rs, card_id) or ""
