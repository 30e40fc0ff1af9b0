"""The board scene: it holds the decision on screen and composes the parts that show it
(layout, action bar, hand, tooltips, overlays) and take it (input); it runs the turn flow
(bots at a readable pace, hand-offs, summits, reasons, the end)."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui

from game.engine import Action, Game, IllegalAction
from game.engine.view import View
from game.i18n import _
from game.ruleset.model import Ruleset
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.cards import CardArt
from game.ui.map_view import MapView, draw_focus_ring
from game.ui.rulebook import Loaded
from game.ui.scenes.board.action_bar import ActionBar, BarChoice, WindowCommand
from game.ui.scenes.board.hand import Hand
from game.ui.scenes.board.hover import Tooltips
from game.ui.scenes.board.input import BoardInput
from game.ui.scenes.board.layout import Layout, board_layout
from game.ui.scenes.board.overlays import TOAST_SECONDS, ToastPlates, draw_turn_timer
from game.ui.scenes.board.terms import TermsBox
from game.ui.scenes.handoff import HandoffScene
from game.ui.session import Session, best_bot_kind
from game.ui.theme import faction_styles
from game.ui.widgets.log_panel import LogPanel, log_rows
from game.ui.widgets.panels import draw_calendar_and_tracks, draw_factions
from game.ui.widgets.words import said

CARD_VERBS = ("play", "discard")
SPACE_VERBS = ("place", "choose", "remove")
CARD_IN_PLAY_VERBS = ("ops", "event", "remove", "place", "done", "choose")
"""While one of these is legal, the card just played is still being played."""
NO_REASON_VERBS = ("discard",)
"""Whole actions nobody is asked the reason for (discarding down to the hand size)."""
TOASTS_KEPT = 3
BOT_FRAME_SECONDS = 0.008
"""Skipping ahead applies bot steps for at most this long a frame, to keep frames short."""


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
        self.room = False
        # the decision on screen, sorted by where it is offered
        self.card_actions: dict[str, Action] = {}
        self.space_actions: dict[str, list[Action]] = {}
        self.button_actions: list[Action] = []
        self.pending_space: str | None = None
        self.playing_card: str | None = None
        # what the pointer is over, and the country whose status is open
        self.hover_card: str | None = None
        self.hover_space: str | None = None
        self.selected_country: str | None = None
        self.mouse = (0, 0)
        self.toasts: list[tuple[str, float]] = []
        self.skipping = False
        self.undo_button: pygame_gui.elements.UIButton | None = None
        self.ended_at: float | None = None
        self.shown_end = False
        self.message: str | None = None
        self.hand = Hand(self)
        self.tooltips = Tooltips(self)
        self.input = BoardInput(self)
        self.action_bar = ActionBar(self)
        self.toast_plates = ToastPlates(self)
        self.terms_box = TermsBox(self)
        self._panels: dict[str, pygame.Surface] = {}
        self._frame: pygame.Surface | None = None
        self._frame_key: tuple[object, ...] | None = None
        self._timer_shown: tuple[str, bool] | None = None
        self._turn_seen: tuple[str | None, str | None] | None = None
        self.reason_due: str | None = None
        """The faction to ask why, once the board is on top again (see `reasons_on`)."""
        """(actor, viewer) last shown: a new one clears the hover and the focus."""
        session.projector = app.settings.projector
        session.set_timer(app.settings.turn_timer)
        session.settle_viewer()

    # ----- widgets ---------------------------------------------------------------------------------
    def build(self) -> None:
        t = self.app.theme
        self.room = self._room_view()
        lay = self.layout = board_layout(t, self.app.size, len(self.rs.factions))
        if self.map is None or self.map.theme is not t:
            self.map = MapView(t, self.rs, self.styles, self.geometry, stand_in=self.map is not None)  # resized: no freeze
        self.map.layout(lay.map)
        if self.cards is None or self.cards.theme is not t:
            self.cards = CardArt(t, self.rs, self.styles)
        self.hand.warming = True
        self._frame = None
        self.toast_plates = ToastPlates(self)
        old_scroll = self.log.scroll if self.log else 0
        self.log = LogPanel(t, lay.log, self.styles)
        self.log.scroll = old_scroll
        self._build_top_buttons(lay.top_buttons)
        self._build_stakes_button(lay.left)
        self.action_bar.container = None
        self.refresh()

    def _build_top_buttons(self, row: pygame.Rect) -> None:
        """Menu, Save, Undo and, in a facilitated game, the facilitator's tools, side by side."""
        t = self.app.theme
        tools = self.facilitated()
        n = 4 if tools else 3
        gap = t.px(6)
        bw = (row.w - (n - 1) * gap) // n

        def place(i: int) -> pygame.Rect:
            return pygame.Rect(row.x + i * (bw + gap), row.y, bw, row.h)

        self.button(place(0), _("Menu"), self.open_pause, "small", _("Pause, save, load, settings, rules (Esc)"), oid="menu")
        self.button(place(1), _("Save"), self.open_save, "small", _("Save the game (Ctrl+S)"), oid="save")
        self.undo_button = self.button(
            place(2), _("Undo"), self.undo, "small", _("Take back your last step (Ctrl+Z)"), oid="undo"
        )
        if tools:
            label = th.fit_choice(t.font("small"), [_("Facilitator"), _("Tools"), "F2"], bw - t.px(12))
            self.button(
                place(3), label, self.open_facilitator, "small", _("The facilitator's tools (F2)"), oid="facilitator"
            )

    def stakes_button_rect(self, left: pygame.Rect) -> pygame.Rect:
        """The stakes button, along the bottom of the left panel."""
        t = self.app.theme
        h = t.font("small").get_linesize() + t.px(14)
        return pygame.Rect(left.x + t.px(10), left.bottom - h - t.px(10), left.w - t.px(20), h)

    def _build_stakes_button(self, left: pygame.Rect) -> None:
        self.button(
            self.stakes_button_rect(left),
            _("At stake (S)"),
            self.open_stakes,
            "small",
            _("How near each power is to winning, and what a summit now would score (S)"),
            oid="stakes",
        )

    def open_stakes(self) -> None:
        """S: the stakes panel (each power against the domination and lead rules, and the summit if it were now)."""
        from game.ui.scenes.stakes import StakesScene

        self.app.push(StakesScene(self.app, self))

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
            self.rebuild()  # the strip below the map changes between the hand and the room view
            return
        turn = (s.game.actor, s.viewer)
        if turn != self._turn_seen:
            self._turn_seen = turn
            self.forget_pointer_and_focus()
        self.view = s.screen_view()
        g = s.game
        legal = list(self.view.legal) if s.human_to_act() and g.actor == s.viewer else []
        self._sort_choices(legal)
        if not any(a.verb in CARD_IN_PLAY_VERBS for a in legal):
            self.playing_card = None
        last = g.actions[-1] if g.actions else None
        if last is not None and last.verb == "play" and last.args:
            self.playing_card = last.args[0]
        if self.pending_space not in self.space_actions:
            self.pending_space = None
        self._show_state()

    def _sort_choices(self, legal: list[Action]) -> None:
        """Each legal action goes where it is offered: a card, a space on the map, or a button."""
        self.card_actions, self.space_actions, self.button_actions = {}, {}, []
        for a in legal:
            if a.verb in CARD_VERBS and a.args:
                self.card_actions[a.args[0]] = a
            elif a.verb in SPACE_VERBS and a.space in self.space_names:
                self.space_actions.setdefault(a.space, []).append(a)
            else:
                self.button_actions.append(a)

    def _show_state(self) -> None:
        """Hand the new view and choices to the map, the log, the buttons and the bar."""
        s = self.session
        if self.map is not None:
            self.map.set_view(self.view, {sid: s.game.leadership(sid) for sid in self.view.spaces})
            self.map.set_targets({sid: "target" for sid in self.space_actions})
        if self.log is not None:
            self.log.set_lines(log_rows(s.game, self.view.viewer))
        if self.undo_button is not None:
            if s.can_undo():
                self.undo_button.enable()
            else:
                self.undo_button.disable()
        self.input.keep_focus_in_range()
        if self.root is not None:
            self.action_bar.build()
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
        if action.verb == "pass":
            self.confirm_pass(action)
            return
        self._apply(action)

    def confirm_pass(self, action: Action) -> None:
        """Pass gives the turn away: it is asked once more (Enter passes, Esc goes back)."""
        from game.ui.scenes.facilitator import ConfirmDialog

        g = self.session.game
        self.app.push(
            ConfirmDialog(
                self.app,
                _("Pass this turn?"),
                [
                    _("{what}: you take no action this turn.").format(what=said(g.describe(action))),
                    _("Your cards stay in your hand. Esc goes back to the board."),
                ],
                _("Pass"),
                lambda: self._pass_confirmed(action),
                oid="pass",
            )
        )

    def _pass_confirmed(self, action: Action) -> None:
        s = self.session
        if s.human_to_act() and s.game.actor == s.viewer and action in s.game.legal_actions():
            self._apply(action)

    def _apply(self, action: Action) -> None:
        """One step (a human's or a bot's): pulse the spaces it changed, toast its log
        lines, then the summit or the reason prompt that may follow it."""
        s = self.session
        try:
            rec = s.apply(action)
        except IllegalAction as e:
            self.message = str(e)
            return
        now = time.monotonic()
        if self.map is not None and rec.spaces:
            colour = self.styles[rec.actor].colour if rec.actor in self.styles else th.HIGHLIGHT
            self.map.pulse(rec.spaces, colour, now)
        if action.verb == "play" and action.args:
            self.playing_card = action.args[0]
        self.pending_space = None
        for line in rec.new_log[-TOASTS_KEPT:]:
            self.toasts.append((line, now))
        self.toasts = self.toasts[-TOASTS_KEPT:]
        self.refresh()
        if rec.summit:
            from game.ui.scenes.summit import SummitScene

            self.app.push(SummitScene(self.app, self))
        asks_reason = s.action_verb not in NO_REASON_VERBS and not s.demo and self.reasons_on()
        if rec.completed is not None and s.is_human(rec.completed) and asks_reason:
            # asked once the board is on top again: never over the summit or another overlay
            self.reason_due = rec.completed

    def reasons_on(self) -> bool:
        """Whether a human is asked why after an action: in a facilitated game (the debrief
        reads the reasons) or when reasons are required; alone, no prompt interrupts play."""
        return self.facilitated() or self.app.settings.reasons_required

    def _ask_reason(self) -> bool:
        """The one line of why for the action just finished, if one is due; True if asked."""
        if self.reason_due is None or self.app.top is not self:
            return False
        from game.ui.scenes.reason import ReasonScene

        faction, self.reason_due = self.reason_due, None
        self.app.push(ReasonScene(self.app, self, faction))
        return True

    def undo(self) -> None:
        if self.session.undo():
            self.toasts.append((_("Undone: back one step."), time.monotonic()))
            self.pending_space = None
            self.refresh()
        else:
            self.toast(self.session.why_no_undo())

    def forget_pointer_and_focus(self) -> None:
        """Clear the hover card, the tooltip, the keyboard focus and the open country: what
        was under the pointer or the keys belongs to the last decision, not the next one."""
        self.input.reset()
        self.hover_card = None
        self.hover_space = None
        self.selected_country = None
        if self.map is not None:
            self.map.hover = None
            self.map.focus = None
        self.app.dirty = True

    def on_uncovered(self) -> None:
        """Back from a dialog: start with nothing hovered or focused (the pointer may have
        moved while the dialog was up)."""
        super().on_uncovered()
        self.forget_pointer_and_focus()

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
            self.toast(_("Facilitator tools are off: turn on Facilitator mode in New game."))

    def toast(self, text: str) -> None:
        self.toasts.append((text, time.monotonic()))
        self.toasts = self.toasts[-TOASTS_KEPT:]
        self.app.dirty = True

    def on_rules_reloaded(self) -> None:
        self.toast(_("Rules reloaded from disk: they apply to the next game."))

    def close_session(self) -> None:
        self.session.close()

    # ----- time: bots, hand-offs, the end --------------------------------------------------------------
    def busy(self) -> bool:
        s = self.session
        pulsing = self.map is not None and bool(self.map.pulses)
        return (s.bot_to_act() and not s.paused) or bool(self.toasts) or pulsing or s.timer.expired

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

    def _drop_old_toasts(self, now: float) -> bool:
        """Forget the toasts shown long enough; True while one is fading out."""
        before = len(self.toasts)
        self.toasts = [(m, t0) for m, t0 in self.toasts if now - t0 < TOAST_SECONDS]
        return before != len(self.toasts) or any(now - t0 > TOAST_SECONDS - 0.6 for _m, t0 in self.toasts)

    def update(self, dt: float) -> bool:
        """Bots' steps, hand-offs and the end; True when the screen must be redrawn."""
        now = time.monotonic()
        anim = self.map is not None and self.map.animating(now)
        anim = self._tick_timer(dt) or anim
        anim = self._drop_old_toasts(now) or anim
        if self.app.top is not self:
            return anim
        return self._advance(now) or anim

    def _advance(self, now: float) -> bool:
        """Move the game on while nobody at the screen decides: the pause, the end, the
        hand-off to the next human, or the bots' steps. True when that changed the screen."""
        s = self.session
        g = s.game
        if self._ask_reason():
            return True
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
            return False
        if s.needs_handoff():
            self.skipping = False
            self.app.push(HandoffScene(self.app, self, g.actor or ""))
            return True
        bots = s.bot_to_act()
        if bots and self._play_bots(now):
            return True
        if not bots and self.skipping:
            self.skipping = False
            return True
        self.hand.warm()
        return False

    def _play_bots(self, now: float) -> bool:
        """The bots' next step once the pace allows (several a frame when skipping ahead);
        True if one was applied."""
        s = self.session
        pace = 0.0 if self.skipping else self.app.bot_pace()
        if now - s.last_step_at < pace:
            return False
        steps = 0
        start = time.perf_counter()
        while s.bot_to_act() and (steps == 0 or (self.skipping and time.perf_counter() - start < BOT_FRAME_SECONDS)):
            action = s.poll_bot()
            if action is None:
                break
            self._apply(action)
            steps += 1
            if self.app.top is not self:
                break
        return steps > 0

    # ----- input ------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        return self.input.handle(event)

    # ----- drawing -------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The board from a cached frame, then what moves: hover outlines, pulses, toasts."""
        if self.layout is None or self.map is None or self.cards is None or self.log is None:
            surface.fill(th.BG)
            return
        now = time.monotonic()
        if (
            self._frame is None
            or self._frame_key != self._frame_state()
            or self._frame.get_size() != surface.get_size()
        ):
            frame = pygame.Surface(surface.get_size())
            self._draw_base(frame)
            self._frame = frame.convert() if pygame.display.get_surface() is not None else frame
            self._frame_key = self._frame_state()  # after drawing: painting panels counts
        surface.blit(self._frame, (0, 0))
        self.map.draw_live(surface, now)
        self.terms_box.draw(surface)
        self._draw_focus(surface)
        self.draw_timer(surface, now)
        self.toast_plates.draw(surface, now)

    def _draw_focus(self, surface: pygame.Surface) -> None:
        """The keyboard's focus on a card or a button, in its own style (see `draw_focus_ring`)."""
        focused = self.input.focused()
        if focused is None:
            return
        kind, key = focused
        rect = None
        if kind == "card":
            rect = next((r for cid, r in self.hand.card_rects if cid == key), None)
        elif kind == "button" and int(key) < len(self.action_bar.buttons):
            rect = pygame.Rect(self.action_bar.buttons[int(key)][1].get_abs_rect())
        if rect is not None:
            draw_focus_ring(surface, self.app.theme, rect)

    def _frame_state(self) -> tuple[object, ...]:
        """Everything the cached frame shows: when it changes, the frame is painted again."""
        assert self.log is not None and self.map is not None
        return (
            len(self._panels),
            id(self.view),
            self.hover_card,
            self.input.focus,
            self.skipping,
            self.log.scroll,
            self.map.state_version(),
            self.pending_space,
            self.playing_card,
        )

    def _draw_base(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        lay = self.layout
        assert lay is not None and self.map is not None and self.log is not None
        surface.fill(th.BG)
        frame = self.map.map_rect.inflate(t.px(6), t.px(6))
        pygame.draw.rect(surface, th.BG_DEEP, frame, border_radius=t.px(6))
        self.map.draw_base(surface)
        pygame.draw.rect(surface, th.PANEL_EDGE, frame, max(1, t.px(2)), border_radius=t.px(6))
        s = self.session
        reserve = lay.left.bottom - self.stakes_button_rect(lay.left).y + t.px(6)
        self._cached(surface, "left", lay.left, lambda p, r: draw_calendar_and_tracks(p, r, t, self.view, self.rs, reserve))
        self._cached(
            surface,
            "factions",
            lay.factions,
            lambda p, r: draw_factions(p, r, t, self.view, self.rs, self.styles, s.seats, s.viewer),
        )
        self.log.draw(surface)
        self._cached(surface, f"bar{self.skipping}", lay.bar, self.action_bar.draw)
        self.hand.draw(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.layout is None:
            return
        if self.selected_country:
            self.tooltips.draw_country(surface)
        self.tooltips.draw(surface)

    def draw_timer(self, surface: pygame.Surface, now: float, at: tuple[int, int] | None = None) -> None:
        """The turn timer, large, at the map's top-left corner (the room watches it)."""
        draw_turn_timer(self, surface, now, at)

    def _cached(
        self,
        surface: pygame.Surface,
        key: str,
        rect: pygame.Rect,
        paint: Callable[[pygame.Surface, pygame.Rect], object],
    ) -> None:
        """Blit a panel, painting it only after the state changed (see `refresh`)."""
        img = self._panels.get(key)
        if img is None:
            img = pygame.Surface(rect.size)
            img.fill(th.BG)
            paint(img, pygame.Rect((0, 0), rect.size))
            img = img.convert()
            self._panels[key] = img
        surface.blit(img, rect)


def new_board(app: App, session: Session) -> BoardScene:
    """The board for `session` as the only scene over the menu."""
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
