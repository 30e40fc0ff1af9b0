"""The facilitator's tools (F2 or the Facilitator button, in a game set up with
Facilitator mode): pause, the turn timer, reasons required, projector mode, inject a
world event, undo the last whole action, fork from an earlier round, end early.

If a PIN was set on the setup screen it is asked once a session (the settings keep only
a salted hash of it). Every change goes through the session's facilitator methods, which
call the engine's (`inject_event`, `undo_action`, `fork`), so it lands in the action log
and in saves like any step. Injecting waits for the moment between two actions; undo and
end ask for a confirmation first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.engine import Game, IllegalAction
from game.files import atomic_write
from game.i18n import N_, _
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.data_dir import TURN_TIMERS, save_path
from game.ui.scenes.dialogs import Dialog
from game.ui.widgets.words import said

if TYPE_CHECKING:
    from game.ui.scenes.board import BoardScene
    from game.ui.session import Session


def open_facilitator(app: App, board: BoardScene) -> None:
    """The panel, after the PIN if one is set and it was not given yet this session."""
    if app.find(FacilitatorPanel) is not None:
        return
    def show() -> None:
        app.push(FacilitatorPanel(app, board))

    if app.settings.facilitator_pin and not app.facilitator_unlocked:
        app.push(PinDialog(app, show))
    else:
        show()


def back_to_board(app: App, board: BoardScene) -> None:
    """Close every overlay above the board (it puts up a hand-off or the pause again if due)."""
    while app.top is not None and app.top is not board and board in app.scenes:
        app.pop()
    board.refresh()


def timer_words(minutes: int) -> str:
    return _("off") if minutes <= 0 else _('{minutes} min a turn').format(minutes=minutes)


class PinDialog(Dialog):
    title = N_("Facilitator PIN")
    size = (560, 300)

    def __init__(self, app: App, then: Callable[[], None], purpose: str | None = None) -> None:
        super().__init__(app)
        self.then = then
        self.purpose = purpose or _("The facilitator's tools are locked. PIN:")
        self.note = ""

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        y = p.y + t.font("h2").get_linesize() + t.px(50)
        self.entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(p.x + t.px(24), y, p.w - t.px(48), t.tpx(46)), self.app.gui, container=self.root, object_id="#pin")
        self.entry.set_text_hidden(True)
        self.entry.focus()
        bw, bh = t.tpx(170), t.tpx(48)
        by = p.bottom - bh - t.px(20)
        self.button(pygame.Rect(p.right - bw - t.px(24), by, bw, bh), _("Unlock"), self.check, "primary", _("Enter"), oid="pin-ok")
        self.button(pygame.Rect(p.right - 2 * bw - t.px(36), by, bw, bh), _("Cancel"), self.close_dialog, oid="pin-cancel")

    def check(self) -> None:
        if self.app.settings.pin_matches(self.entry.get_text()):
            self.app.facilitator_unlocked = True
            self.close_dialog()
            self.then()
        else:
            self.note = _("That is not the PIN.")
            self.entry.set_text("")
            self.app.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            return self.on_enter()
        return super().handle(event)

    def on_enter(self) -> bool:
        self.check()
        return True

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.app.theme
        p = self.panel()
        small = t.font("small")
        th.blit_text(surface, small, th.fit_text(small, self.purpose, p.w - t.px(48)), th.INK_MUTED, (p.x + t.px(24), p.y + t.font("h2").get_linesize() + t.px(24)))
        if self.note:
            th.blit_text(surface, small, self.note, th.DANGER, (p.x + t.px(24), p.bottom - t.tpx(48) - t.px(20) - small.get_linesize() - t.px(6)))


class ConfirmDialog(Dialog):
    """A question with two answers; Enter confirms, Esc cancels."""

    size = (720, 330)

    def __init__(self, app: App, title: str, lines: list[str], confirm: str, on_confirm: Callable[[], None], danger: bool = False, oid: str = "confirm") -> None:
        super().__init__(app)
        self.title = title
        self.lines = lines
        self.confirm = confirm
        self.on_confirm = on_confirm
        self.danger = danger
        self.oid = oid

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        bw, bh = t.tpx(230), t.tpx(48)
        by = p.bottom - bh - t.px(20)
        self.button(pygame.Rect(p.right - bw - t.px(24), by, bw, bh), self.confirm, self.yes, "danger" if self.danger else "primary", _("Enter"), oid=f"{self.oid}-yes")
        self.button(pygame.Rect(p.right - 2 * bw - t.px(36), by, bw, bh), _("Cancel"), self.close_dialog, tip=_("Esc"), oid=f"{self.oid}-no")

    def yes(self) -> None:
        self.close_dialog()
        self.on_confirm()

    def on_enter(self) -> bool:
        self.yes()
        return True

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.app.theme
        p = self.panel()
        body = t.font("body")
        y = p.y + t.font("h2").get_linesize() + t.px(30)
        bottom = p.bottom - t.tpx(48) - t.px(30)
        for i, text in enumerate(self.lines):
            for ln in th.wrap_text(body, text, p.w - t.px(48)):
                if y + body.get_linesize() > bottom:
                    return
                th.blit_text(surface, body, ln, th.INK if i == 0 else th.INK_MUTED, (p.x + t.px(24), y))
                y += body.get_linesize()
            y += t.px(8)


class FacilitatorPanel(Scene):
    """A side panel over the board's right column; the game waits while it is open."""

    opaque = False

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board

    @property
    def session(self) -> Session:
        return self.board.session

    def panel(self) -> pygame.Rect:
        t = self.app.theme
        w, h = self.app.size
        lay = self.board.layout
        pw = max(t.tpx(400), (lay.right.w + t.px(16)) if lay else 0)
        pw = min(pw, round(w * 0.45))
        return pygame.Rect(w - pw, 0, pw, h)

    def build(self) -> None:
        t = self.app.theme
        s = self.session
        p = self.panel()
        x, bw, bh, gap = p.x + t.px(20), p.w - t.px(40), t.tpx(44), t.px(8)
        self.header = self._header_lines()
        y = p.y + t.px(16) + t.font("h2").get_linesize() + t.font("small").get_linesize() * len(self.header) + t.px(16)
        minutes = self.app.settings.turn_timer
        g = s.game
        undo_words = s.last_action_words()
        items: list[tuple[str, Callable[[], None], str, str, bool, str]] = [
            (_("Resume the game") if s.paused else _("Pause the game"), self.toggle_pause, "primary", _("Freeze the bots and the timer; the room sees the board, no hand (P)"), not g.over, "fac-pause"),
            (_('Turn timer: {timer_words}').format(timer_words=timer_words(minutes)), self.cycle_timer, "", _("Off, 1, 2 or 3 minutes for each human's action; it flashes at zero and never acts"), True, "fac-timer"),
            (_("Reasons: required") if self.app.settings.reasons_required else _("Reasons: optional"), self.toggle_reasons, "", _("Whether a player may skip the one line of why after an action"), True, "fac-reasons"),
            (_("Projector mode: on") if self.app.settings.projector else _("Projector mode: off"), self.toggle_projector, "", _("Large text, high contrast, the room view between turns"), True, "fac-projector"),
            (_("Inject a world event…"), self.inject, "", _("Resolve a chosen world event now, between two actions"), not g.over, "fac-inject"),
            (_("Undo the last whole action…"), self.undo, "", undo_words or _("Nothing to undo yet"), bool(undo_words) and not g.over, "fac-undo"),
            (_("Fork from a round…"), self.fork, "", _("Save a new game that starts from the start of an earlier round"), True, "fac-fork"),
            (_("End the game now…"), self.end_early, "danger", _("Stop here and go to the debrief with the standings so far"), not g.over, "fac-end"),
        ]
        for label, action, cls, tip, enabled, oid in items:
            self.button(pygame.Rect(x, y, bw, bh), th.fit_text(t.font("body"), label, bw - t.px(20)), action, cls, tip, enabled, oid)
            y += bh + gap
        self.notes_y = y + t.px(4)
        self.button(pygame.Rect(x, p.bottom - bh - t.px(16), bw, bh), _("Close (F2)"), self.close_panel, "menu", oid="fac-close")

    def close_panel(self) -> None:
        self.app.pop(self)
        self.board.refresh()

    # ----- the tools ----------------------------------------------------------------------------
    def toggle_pause(self) -> None:
        s = self.session
        s.paused = not s.paused
        if s.paused:
            self.board.skipping = False
            self.close_panel()  # the board puts the Paused overlay up
            return
        paused = self.app.find(PausedScene)
        self.app.pop(self)
        if paused is not None:
            self.app.pop(paused)
        s.last_step_at = time.monotonic()
        self.board.refresh()

    def cycle_timer(self) -> None:
        st = self.app.settings
        st.turn_timer = TURN_TIMERS[(TURN_TIMERS.index(st.turn_timer) + 1) % len(TURN_TIMERS)] if st.turn_timer in TURN_TIMERS else 0
        self.app.save_settings()
        self.session.set_timer(st.turn_timer)
        self.rebuild()

    def toggle_reasons(self) -> None:
        st = self.app.settings
        st.reasons_required = not st.reasons_required
        self.app.save_settings()
        self.rebuild()

    def toggle_projector(self) -> None:
        st = self.app.settings
        st.projector = not st.projector
        self.app.save_settings()
        self.app.relayout()
        self.board.refresh()

    def inject(self) -> None:
        self.app.push(InjectDialog(self.app, self.board))

    def undo(self) -> None:
        s = self.session
        words = s.last_action_words()
        self.app.push(
            ConfirmDialog(
                self.app, _("Undo the last whole action?"),
                [_("Undo {words}?").format(words=words), _("The game replays its log without that action (past any card drawn) and stays paused until you resume (P). A bot may then choose differently.")],
                _("Undo it"), self._do_undo, oid="undo-action",
            )
        )  # fmt: skip

    def _do_undo(self) -> None:
        s = self.session
        words = s.last_action_words()
        try:
            s.undo_action()
        except IllegalAction as e:
            self.board.toast(_sentence(e))
            return
        s.paused = True  # the bots wait (or one would play again at once): the facilitator resumes
        back_to_board(self.app, self.board)
        self.board.toast(_('Undone by the facilitator: {words}').format(words=words))

    def fork(self) -> None:
        self.app.push(ForkDialog(self.app, self.board))

    def end_early(self) -> None:
        self.app.push(
            ConfirmDialog(
                self.app, _("End the game now?"),
                [_("The game stops here, unfinished, and goes to the debrief screen with the standings so far."),
                 _("The autosave keeps it: Back to the board on the end screen carries on.")],
                _("End the game"), self._do_end, danger=True, oid="end-early",
            )
        )  # fmt: skip

    def _do_end(self) -> None:
        from game.ui.scenes.end import EndScene

        s = self.session
        s.ended_early = True
        s.paused = False
        back_to_board(self.app, self.board)
        self.board.shown_end = True
        self.app.push(EndScene(self.app, self.board))

    # ----- input and drawing ----------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_F2, pygame.K_ESCAPE):
                self.close_panel()
                return True
            if event.key == pygame.K_p:
                self.toggle_pause()
                return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        p = self.panel()
        th.draw_shadow(surface, p, t.px(14), t.px(8))
        th.draw_panel(surface, p, th.PANEL, th.GOLD, t.px(4), max(1, t.px(2)))
        x, y = p.x + t.px(20), p.y + t.px(14)
        r = th.blit_text(surface, t.font("h2"), _("Facilitator"), th.GOLD, (x, y))
        th.blit_text(surface, t.font("small"), _("F2 or Esc closes"), th.INK_MUTED, (p.right - t.px(20), r.y + t.px(6)), "topright")
        s = self.session
        small = t.font("small")
        y = r.bottom + t.px(4)
        header = self._header_lines()
        if len(header) != len(getattr(self, "header", header)):
            self.rebuild()  # a note of another length: the buttons move to make room
        for line, muted in header:
            th.blit_text(surface, small, line, th.INK_MUTED if muted else th.INK, (x, y))
            y += small.get_linesize()
        y = getattr(self, "notes_y", y)
        if s.timer.running:
            who = self.board.styles[s.timer.faction].name if s.timer.faction in self.board.styles else None
            timer = _("Timer: {text} left for {value}").format(text=s.timer.text(), value=who) if who else _("Timer: {text} left for this turn").format(text=s.timer.text())
            for line in th.wrap_text(small, timer, p.w - t.px(40)):
                th.blit_text(surface, small, line, th.INK_MUTED, (x, y))
                y += small.get_linesize()

    def _header_lines(self) -> list[tuple[str, bool]]:
        """The game's state and what injecting can do now, wrapped to the panel: (line, muted)."""
        t = self.app.theme
        s = self.session
        g = s.game
        small = t.font("small")
        width = self.panel().w - t.px(40)
        actor = self.board.styles.get(g.actor or "")
        if g.over:
            state = _("The game is over")
        elif actor:
            state = _("Round {round} of {rounds} ({year}) · {name} to act").format(round=g.round, rounds=g.t.scenario.rounds, year=g.year, name=actor.name)
        else:
            state = _("Round {round} of {rounds} ({year})").format(round=g.round, rounds=g.t.scenario.rounds, year=g.year)
        if s.paused:
            state = _("Paused · {state}").format(state=state)
        if s.can_inject():
            note = _("Between two actions: an event can be injected now.")
        elif g.over:
            note = _("The game is over: fork a round to play on.")
        else:
            note = _("Mid-action: injecting waits until this action ends.")
        return [(line, False) for line in th.wrap_text(small, state, width)] + [(line, True) for line in th.wrap_text(small, note, width)]


class PausedScene(Scene):
    """The room sees "Paused" over the public board; only the facilitator resumes."""

    opaque = False

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        board.refresh()

    def plate(self) -> pygame.Rect:
        t = self.app.theme
        w, h = self.app.size
        plate = pygame.Rect(0, 0, min(w - t.px(40), t.tpx(760)), t.font("title").get_linesize() + t.font("h3").get_linesize() + t.tpx(54) + t.px(70))
        plate.center = (w // 2, h // 2)
        return plate

    def build(self) -> None:
        t = self.app.theme
        w, h = self.app.size
        bw, bh = t.tpx(300), t.tpx(54)
        y = self.plate().bottom - bh - t.px(22)
        self.button(pygame.Rect(w // 2 - bw - t.px(8), y, bw, bh), _("Resume"), self.resume, "menu_primary", _("The facilitator resumes the game (P)"), oid="paused-resume")
        self.button(pygame.Rect(w // 2 + t.px(8), y, bw, bh), _("Facilitator tools"), self.tools, "menu", "F2", oid="paused-tools")

    def resume(self) -> None:
        def go() -> None:
            self.board.session.paused = False
            self.board.session.last_step_at = time.monotonic()
            self.app.pop(self)
            self.board.refresh()

        if self.app.settings.facilitator_pin and not self.app.facilitator_unlocked:
            self.app.push(PinDialog(self.app, go))
        else:
            go()

    def tools(self) -> None:
        open_facilitator(self.app, self.board)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F2:
                self.tools()
                return True
            if event.key == pygame.K_p:
                self.resume()
                return True
        return False

    def update(self, dt: float) -> bool:
        if not self.board.session.paused and self.app.top is self:
            self.app.pop(self)
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        w, h = self.app.size
        veil = pygame.Surface((w, h), pygame.SRCALPHA)
        veil.fill((*th.BG_DEEP, 150))
        surface.blit(veil, (0, 0))
        plate = self.plate()
        th.draw_shadow(surface, plate, t.px(14), t.px(8))
        th.draw_panel(surface, plate, th.PANEL, th.GOLD, t.px(14), max(2, t.px(3)))
        r = th.blit_text(surface, t.font("title"), _("Paused"), th.GOLD, (w // 2, plate.y + t.px(16)), "midtop")
        th.blit_text(surface, t.font("h3"), _("The facilitator paused the game: bots and the timer wait."), th.INK, (w // 2, r.bottom + t.px(4)), "midtop")


class InjectDialog(Dialog):
    """The world events of the rules, each with its rule text; one is injected after a confirmation."""

    title = N_("Inject a world event")
    size = (1000, 640)

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        self.events = list(board.rs.events)
        self.chosen = 0
        self.error = ""

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        top = p.y + t.font("h2").get_linesize() + t.px(30)
        bh = t.tpx(48)
        bottom = p.bottom - bh - t.px(40) - t.font("small").get_linesize()
        list_w = round((p.w - t.px(60)) * 0.45)
        labels: list[str | tuple[str, str]] = [f"{e.name}" for e in self.events]
        self.labels = labels
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(p.x + t.px(24), top, list_w, bottom - top), labels, self.app.gui, container=self.root,
            default_selection=labels[self.chosen] if labels else None, object_id="#inject-events",
        )
        ev = self.events[self.chosen] if self.events else None
        dx = p.x + t.px(36) + list_w
        self.detail = pygame_gui.elements.UITextBox(self._detail_html(), pygame.Rect(dx, top, p.right - t.px(24) - dx, bottom - top), self.app.gui, container=self.root, object_id="#inject-detail")
        bw = t.tpx(200)
        by = p.bottom - bh - t.px(20)
        can = self.board.session.can_inject() and ev is not None
        self.button(pygame.Rect(p.right - bw - t.px(24), by, bw, bh), _("Inject…"), self.ask, "primary", _("Confirm, then resolve it now"), enabled=can, oid="inject-ok")
        self.button(pygame.Rect(p.right - 2 * bw - t.px(36), by, bw, bh), _("Cancel"), self.close_dialog, oid="inject-cancel")

    def _detail_html(self) -> str:
        """The chosen event: its name, what it does (the rule text), its flavour."""
        from game.ui.cards import rule_text

        if not self.events:
            return _("These rules have no world events.")
        ev = self.events[self.chosen]
        muted = th.hex_code(th.INK_MUTED)
        rule = rule_text(ev.effects, self.board.rs) if ev.effects else _("No effect.")
        extra = " <i>(hypothetical)</i>" if ev.hypothetical else ""
        html = f"<b>{_esc(ev.name)}</b><br><br>{_esc(rule)}<br><br><font color='{muted}'>{_esc(ev.flavour)}{extra}</font>"
        if ev.from_round > 1:
            html += f"<br><br><font color='{muted}'>In the deck from round {ev.from_round}.</font>"
        return html

    def select(self, label: str) -> None:
        if label in self.labels:
            self.chosen = self.labels.index(label)
            self.detail.set_text(self._detail_html())
            self.app.dirty = True

    def ask(self) -> None:
        from game.ui.cards import rule_text

        ev = self.events[self.chosen]
        self.app.push(
            ConfirmDialog(
                self.app, _('Inject {name}?').format(name=ev.name),
                [rule_text(ev.effects, self.board.rs) if ev.effects else _("No effect."), _("It resolves at once; the log says the facilitator injected it.")],
                _("Inject it"), self._do, oid="inject-confirm",
            )
        )  # fmt: skip

    def _do(self) -> None:
        ev = self.events[self.chosen]
        try:
            lines = self.board.session.inject(ev.id)
        except IllegalAction as e:
            self.error = _sentence(e) + "."
            self.app.dirty = True
            return
        back_to_board(self.app, self.board)
        self.board.toast(lines[0] if lines else _('Injected: {name}').format(name=ev.name))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            self.select(str(event.text))
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.app.theme
        p = self.panel()
        small = t.font("small")
        y = p.bottom - t.tpx(48) - t.px(30) - small.get_linesize()
        g = self.board.session.game
        if self.error:
            note, colour = self.error, th.DANGER
        elif not self.board.session.can_inject():
            who = self.board.styles.get(g.actor or "")
            note = _('Not now: {value} is in the middle of an action. An event can be injected only between two actions.').format(value=who.name if who else 'a faction') if not g.over else _("The game is over.")
            colour = th.WARNING
        else:
            note, colour = _("{count} world events. The chosen one resolves at once, out of the deck's order.").format(count=len(self.events)), th.INK_MUTED
        th.blit_text(surface, small, th.fit_text(small, note, p.w - t.px(48)), colour, (p.x + t.px(24), y))


class ForkDialog(Dialog):
    """Choose a round; a new save starts from its beginning, and this game is untouched."""

    title = N_("Fork from the start of a round")
    size = (760, 560)

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        g = board.session.game
        start = g.year - g.round + 1
        self.rounds = [r for r in range(1, g.round + 1)]
        self.labels: list[str | tuple[str, str]] = [_('Round {r} · {value}').format(r=r, value=start + r - 1) + (_(" (this round)") if r == g.round else "") for r in self.rounds]
        self.saved: tuple[str, Game] | None = None
        self.error = ""

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        top = p.y + t.font("h2").get_linesize() + t.px(30) + t.font("small").get_linesize() * 2
        bh, bw = t.tpx(48), t.tpx(240)
        by = p.bottom - bh - t.px(20)
        if self.saved is None:
            self.list = pygame_gui.elements.UISelectionList(
                pygame.Rect(p.x + t.px(24), top, p.w - t.px(48), by - top - t.px(16) - t.font("small").get_linesize()), list(self.labels), self.app.gui,
                container=self.root, default_selection=self.labels[-1], object_id="#fork-rounds",
            )
            self.button(pygame.Rect(p.right - bw - t.px(24), by, bw, bh), _("Fork and save"), self.fork, "primary", _("Enter"), oid="fork-ok")
            self.button(pygame.Rect(p.right - 2 * bw - t.px(36), by, bw, bh), _("Cancel"), self.close_dialog, oid="fork-cancel")
        else:
            self.button(pygame.Rect(p.right - bw - t.px(24), by, bw, bh), _("Switch to the fork"), self.switch, "primary", _("Enter"), oid="fork-switch")
            self.button(pygame.Rect(p.right - 2 * bw - t.px(36), by, bw, bh), _("Stay in this game"), self.close_dialog, oid="fork-stay")

    def chosen_round(self) -> int:
        label = self.list.get_single_selection()
        return self.rounds[self.labels.index(label)] if label in self.labels else self.rounds[-1]

    def fork(self) -> None:
        r = self.chosen_round()
        try:
            game = self.board.session.fork(r)
        except IllegalAction as e:
            self.error = _sentence(e)
            self.app.dirty = True
            return
        path = save_path(f"fork-round-{r}-{time.strftime('%Y-%m-%d-%H%M%S')}")
        try:
            atomic_write(path, game.to_json())
        except OSError as e:
            self.error = _('Could not save the fork: {value}.').format(value=e.strerror or e)
            self.app.dirty = True
            return
        self.saved = (path.stem, game)
        g = self.board.session.game
        self.keep_path = save_path(f"game-round-{g.round}-{time.strftime('%Y-%m-%d-%H%M%S')}")
        self.rebuild()

    def switch(self) -> None:
        """Keep this game in a save of its own, then play the fork."""
        from game.ui.scenes.board import new_board
        from game.ui.session import Session

        assert self.saved is not None
        old = self.board.session
        try:
            old.save_to(self.keep_path)
        except OSError as e:
            self.error = _('Could not save this game first: {value}.').format(value=e.strerror or e)
            self.app.dirty = True
            return
        session = Session(old.ruleset, self.saved[1], geometry=old.geometry, mods=old.mods)
        self.board.close_session()
        new_board(self.app, session)

    def on_enter(self) -> bool:
        self.switch() if self.saved is not None else self.fork()
        return True

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.app.theme
        p = self.panel()
        small, body = t.font("small"), t.font("body")
        x = p.x + t.px(24)
        y = p.y + t.font("h2").get_linesize() + t.px(26)
        if self.saved is None:
            for ln in th.wrap_text(small, _("What if…? The fork replays this game up to the start of the chosen round and is saved as a new game; this one goes on unchanged."), p.w - t.px(48), 2):
                th.blit_text(surface, small, ln, th.INK_MUTED, (x, y))
                y += small.get_linesize()
            if self.error:
                th.blit_text(surface, small, th.fit_text(small, self.error, p.w - t.px(48)), th.DANGER, (x, p.bottom - t.tpx(48) - t.px(30) - small.get_linesize()))
            return
        name, game = self.saved
        lines = [
            (_('Saved as “{name}”').format(name=name), th.GOOD, t.font("h3")),
            (_('Round {round} ({year}), {count} steps replayed. It is in Load, with your other saves.').format(round=game.round, year=game.year, count=len(game.actions)), th.INK, body),
            (_('Switch to it now? This game is kept first as “{stem}”, to come back to.').format(stem=self.keep_path.stem), th.INK_MUTED, body),
        ]
        for text, colour, font in lines:
            for ln in th.wrap_text(font, text, p.w - t.px(48)):
                th.blit_text(surface, font, ln, colour, (x, y))
                y += font.get_linesize()
            y += t.px(10)


def _esc(text: str) -> str:
    import html

    return html.escape(text or "")


def _sentence(e: IllegalAction) -> str:
    """Why the engine refused (its `messages.Text`), in the reader's language, as a sentence."""
    text = said(e.args[0]) if e.args else str(e)
    return text[:1].upper() + text[1:]
