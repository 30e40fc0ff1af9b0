"""New game: the scenario, who sits in each seat (a human or a bot and its level), an
optional seed, the seminar tools (facilitator mode, its PIN, the turn timer, reasons
required) and the mods.

Mods come from `available_mods()`: one checkbox each, and every problem any of them has
(or the chosen set has together) as `file:line:column: message` lines in a scrollable
box. Ticking one loads the rules with the chosen mods at once, so their factions and
scenarios show in the seats. F5 reads the rules and the mods from disk again.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pygame
import pygame_gui

from game.engine import Game
from game.i18n import _, ngettext
from game.ruleset.model import Ruleset, Scenario
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.data_dir import TURN_TIMERS
from game.ui.rulebook import Loaded
from game.ui.session import DEVICE, HUMAN, best_bot_kind, bot_kinds
from game.ui.theme import faction_styles
from game.ui.widgets.backdrop import backdrop
from game.ui.widgets.words import seat_label

if TYPE_CHECKING:
    from game.modding import AvailableMod

SEED_LIMIT = 2**64
"""Seeds are 64-bit: a new game's is drawn from `secrets`, so nobody can guess the deal."""
SEED_DIGITS = len(str(SEED_LIMIT - 1))
PROBLEMS_SHOWN = 40
"""Problems listed per mod on this screen (`validate` lists them all)."""


class SetupScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.mods: list[AvailableMod] = app.rulebook.mods(check=True)
        wanted = {*app.start_mods, *(str(Path(m).resolve()) for m in app.start_mods)}
        self.chosen: list[str] = [str(m.folder) for m in self.mods if m.id in wanted or str(m.folder.resolve()) in wanted]
        self.loaded: Loaded = app.rules(tuple(self.chosen))
        if self.loaded.ruleset is None and self.chosen:
            self.chosen = []
            self.loaded = app.rules(())
        self.rs: Ruleset | None = self.loaded.ruleset
        self.styles = faction_styles(self.rs) if self.rs else {}
        self.scenario_index = 0
        self.options = [HUMAN, DEVICE, *bot_kinds()]  # DEVICE: a team plays from its phone (game.room)
        best = best_bot_kind()
        self.seats = {f.id: (HUMAN if i == 0 else best) for i, f in enumerate(self.rs.factions)} if self.rs else {}
        self.seed_text = ""
        self.pin_text = ""
        self.error = ""
        self.seat_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.mod_boxes: dict[pygame_gui.elements.UICheckBox, str] = {}
        self.focus_items: list[FocusItem] = []
        self.focus_key: str | None = None
        """The control the keyboard is on (by name, so it survives a rebuild); None: none yet."""

    @property
    def scenario(self) -> Scenario | None:
        if self.rs is None or not self.rs.scenarios:
            return None
        return self.rs.scenarios[min(self.scenario_index, len(self.rs.scenarios) - 1)]

    def _rects(self) -> dict[str, pygame.Rect]:
        t = self.app.theme
        w, h = self.app.size
        m = round(w * 0.04)
        gap = round(w * 0.025)
        top = round(h * 0.15)
        height = h - top - t.tpx(100)
        usable = w - 2 * m - 2 * gap
        c1 = round(usable * 0.31)
        c2 = round(usable * 0.38)
        left = pygame.Rect(m, top, c1, height)
        seats = pygame.Rect(left.right + gap, top, c2, height)
        mods = pygame.Rect(seats.right + gap, top, w - m - seats.right - gap, height)
        return {"left": left, "seats": seats, "mods": mods}

    # ----- widgets ----------------------------------------------------------------------------------
    def build(self) -> None:
        t = self.app.theme
        w, h = self.app.size
        r = self._rects()
        left, seats, mods = r["left"], r["seats"], r["mods"]
        row = t.tpx(44)
        arrow = t.tpx(44)
        h3 = t.font("h3").get_linesize()
        small = t.font("small").get_linesize()
        # scenario stepper
        y = left.y + h3 + t.px(6)
        self.button(pygame.Rect(left.x, y, arrow, row), "‹", lambda: self.step_scenario(-1), oid="scenario-prev")
        self.button(pygame.Rect(left.right - arrow, y, arrow, row), "›", lambda: self.step_scenario(1), oid="scenario-next")
        self.scenario_row = pygame.Rect(left.x + arrow + t.px(6), y, left.w - 2 * arrow - t.px(12), row)
        # the scenario's facts and description, whole, in a box that scrolls
        y = self.scenario_row.bottom + t.px(8)
        self.scenario_box = pygame_gui.elements.UITextBox(self._scenario_html(), pygame.Rect(left.x, y, left.w, small * 4 + t.px(14)), self.app.gui, container=self.root, object_id="#scenario-text")
        # seed
        y = int(self.scenario_box.get_relative_rect().bottom) + t.px(10)
        self.seed_label_y = y
        y += h3 + t.px(6)
        self.seed_entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(left.x, y, left.w, row), self.app.gui, container=self.root, placeholder_text=_("empty: a random seed"), object_id="#seed")
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(SEED_DIGITS)
        if self.seed_text:
            self.seed_entry.set_text(self.seed_text)
        # the seminar tools
        st = self.app.settings
        y += row + t.px(18)
        self.seminar_y = y
        y += h3 + t.px(6)
        box = t.tpx(30)
        self.facilitator_box = pygame_gui.elements.UICheckBox(
            pygame.Rect(left.x, y, box, box), _("Facilitator mode (F2 in the game)"), self.app.gui, container=self.root,
            initial_state=st.facilitator, object_id="#facilitator",
            tool_tip_text=_("The instructor's tools during the game: pause, turn timer, inject a world event, undo a whole action, fork from a round, end early"),
        )  # fmt: skip
        y += box + t.px(8)
        self.pin_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(left.x, y, left.w, row), self.app.gui, container=self.root,
            placeholder_text=_("PIN set: type to change it") if st.facilitator_pin else _("facilitator PIN (optional)"), object_id="#pin-new",
        )  # fmt: skip
        self.pin_entry.set_text_hidden(True)
        if self.pin_text:
            self.pin_entry.set_text(self.pin_text)
        y += row + t.px(8)
        self.button(pygame.Rect(left.x, y, left.w, row), _('Turn timer: {timer_words}').format(timer_words=_timer_words(st.turn_timer)), self.cycle_timer, tip=_("Off, 1, 2 or 3 minutes a human action; it flashes at zero and never acts"), oid="turn-timer")
        y += row + t.px(8)
        self.reasons_box = pygame_gui.elements.UICheckBox(
            pygame.Rect(left.x, y, box, box), _("Reasons required after each action"), self.app.gui, container=self.root,
            initial_state=st.reasons_required, object_id="#reasons-required", tool_tip_text=_("Off: a player may skip the one line of why (Esc)"),
        )  # fmt: skip
        # seats
        self.seat_buttons = {}
        self.seat_rows: dict[str, pygame.Rect] = {}
        y = seats.y + h3 + t.px(8)
        bw = min(t.tpx(290), round(seats.w * 0.5))
        sc = self.scenario
        if self.rs is not None and sc is not None:
            n = sum(1 for f in self.rs.factions if f.id in sc.factions)
            step = min(row + t.px(18), (seats.bottom - y) // max(1, n))
            for f in self.rs.factions:
                if f.id not in sc.factions:
                    continue
                rr = pygame.Rect(seats.x, y, seats.w, step)
                self.seat_rows[f.id] = rr
                bx = seats.right - bw
                k = len(self.seat_rows)
                by = y + (step - row) // 2
                self.button(pygame.Rect(bx - arrow - t.px(4), by, arrow, row), "‹", partial(self.step_seat, f.id, -1), oid=f"seat-prev-{k}")
                self.seat_buttons[f.id] = self.button(
                    pygame.Rect(bx, by, bw - arrow - t.px(4), row), seat_label(self.seats[f.id]), partial(self.step_seat, f.id, 1), tip=_("Click to change who plays") + "".join(f"\n• {a.name}: {a.text}" for a in f.abilities), oid=f"seat-{k}"
                )
                self.button(pygame.Rect(seats.right - arrow, by, arrow, row), "›", partial(self.step_seat, f.id, 1), oid=f"seat-next-{k}")
                y += step
        # mods: a checkbox each, then the problems
        self.mod_boxes = {}
        self.mod_notes: dict[str, int] = {}
        y = mods.y + h3 + t.px(8)
        for m in self.mods:
            label = th.fit_choice(t.font("body"), [_mod_label(m), m.name, m.id], mods.w - box - t.tpx(44))
            cb = pygame_gui.elements.UICheckBox(
                pygame.Rect(mods.x, y, box, box), label, self.app.gui, container=self.root, initial_state=str(m.folder) in self.chosen,
                object_id=f"#mod-{m.id}", tool_tip_text=m.description or None,
            )  # fmt: skip
            self.mod_boxes[cb] = str(m.folder)
            y += box + t.px(8)
        y += t.px(4)
        self.problems_top = y
        y += t.font("small_bold").get_linesize() + t.px(4)
        hint_h = small + t.px(6)
        self.problems = pygame_gui.elements.UITextBox(
            self._problems_html(), pygame.Rect(mods.x, y, mods.w, max(row, mods.bottom - y - hint_h)), self.app.gui, container=self.root, object_id="#mod-problems"
        )
        self.hint_y = self.problems.rect.bottom + t.px(4)
        by = h - t.tpx(80)
        back = self.button(pygame.Rect(left.x, by, t.tpx(200), t.tpx(54)), _("Back"), self.back, "menu", oid="back")
        start = self.button(pygame.Rect(mods.right - t.tpx(280), by, t.tpx(280), t.tpx(54)), _("Start the game"), self.start, "menu_primary", _("Enter"), enabled=self.rs is not None, oid="start")
        self._focus_order(back.rect, start.rect)

    def _focus_order(self, back: pygame.Rect, start: pygame.Rect) -> None:
        """Every control in the order Tab visits it, top to bottom, column by column: the
        arrows left and right change a stepper's value, Enter or Space takes a control."""
        items = [
            FocusItem("scenario", self.scenario_row, lambda: self.step_scenario(1), self.step_scenario),
            FocusItem("seed", self.seed_entry.rect, self.seed_entry.focus, None, self.seed_entry),
            FocusItem("facilitator", self.facilitator_box.rect, partial(self.toggle_box, self.facilitator_box), None),
            FocusItem("pin", self.pin_entry.rect, self.pin_entry.focus, None, self.pin_entry),
            FocusItem("timer", self._button_rect("turn-timer"), self.cycle_timer, lambda d: self.cycle_timer(d)),
            FocusItem("reasons", self.reasons_box.rect, partial(self.toggle_box, self.reasons_box), None),
        ]
        for fid in self.seat_rows:
            items.append(FocusItem(f"seat-{fid}", self.seat_buttons[fid].rect, partial(self.step_seat, fid, 1), partial(self.step_seat, fid)))
        for cb, folder in self.mod_boxes.items():
            items.append(FocusItem(f"mod-{folder}", cb.rect, partial(self.toggle_box, cb), None))
        items += [FocusItem("back", back, self.back, None), FocusItem("start", start, self.start, None)]
        self.focus_items = items

    def _button_rect(self, oid: str) -> pygame.Rect:
        for element, _action in self.actions.items():
            if f"#{oid}" in (getattr(element, "object_ids", None) or []):
                return pygame.Rect(element.rect)
        return pygame.Rect(0, 0, 0, 0)

    def toggle_box(self, box: pygame_gui.elements.UICheckBox) -> None:
        """Tick or untick a checkbox from the keyboard (a mod's box loads the rules with it)."""
        on = not box.get_state()
        box.set_state(on)
        folder = self.mod_boxes.get(box)
        if folder is not None:
            self.toggle_mod(folder, on)
        self.app.dirty = True

    def focused_item(self) -> FocusItem | None:
        return next((it for it in self.focus_items if it.key == self.focus_key), None)

    def move_focus(self, d: int) -> None:
        """Tab (or the arrows up and down) to the next control; a text field takes the typing."""
        keys = [it.key for it in self.focus_items]
        if not keys:
            return
        i = keys.index(self.focus_key) if self.focus_key in keys else (-1 if d > 0 else 0)
        self.focus_key = keys[(i + d) % len(keys)]
        item = self.focused_item()
        for it in self.focus_items:
            if it.entry is not None and it is not item:
                it.entry.unfocus()
        if item is not None and item.entry is not None:
            item.entry.focus()
        self.app.dirty = True

    def focus_key_event(self, event: pygame.event.Event) -> bool:
        """Tab, the arrows, Enter and Space on the focused control; True if taken."""
        item = self.focused_item()
        typing = item is not None and item.entry is not None
        if event.key == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if event.key in (pygame.K_DOWN, pygame.K_UP):
            self.move_focus(1 if event.key == pygame.K_DOWN else -1)
            return True
        if item is None or typing:
            return False
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and item.step is not None:
            item.step(1 if event.key == pygame.K_RIGHT else -1)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            item.activate()
            return True
        return False

    def draw_over(self, surface: pygame.Surface) -> None:
        item = self.focused_item()
        if item is not None and item.rect.w:
            from game.ui.map_view import draw_focus_ring

            draw_focus_ring(surface, self.app.theme, item.rect)

    def _scenario_html(self) -> str:
        """The scenario's facts and description, for its scrolling box."""
        sc = self.scenario
        if sc is None:
            return ""
        e = html.escape
        facts = _('{rounds} rounds from {start_year} · summits in rounds {join}').format(rounds=sc.rounds, start_year=sc.start_year, join=', '.join(map(str, sc.summit_rounds)))
        return f"<font color='{th.hex_code(th.GOLD)}'>{e(facts)}</font><br>{e(sc.description or '')}"

    def _problems_html(self) -> str:
        """Every problem of each mod, then of the chosen set, as `file:line:column` lines."""
        e = html.escape
        muted = th.hex_code(th.INK_MUTED)
        parts: list[str] = []
        # what each mod does (the box scrolls: nothing is cut), then their problems
        about = [f"<b>{e(m.name)}</b>: {e(m.description or '')}" + (e(_(" (your data folder)")) if m.source != "project" else "") for m in self.mods if m.description]
        if about:
            parts.append("<br>".join(about))
        for m in self.mods:
            # `file:line:column` with the file named from the mods folder (`my-mod/cards.yaml:4:14`)
            lines = [ln.removeprefix(str(m.folder.parent) + "/") for ln in m.problem_lines()]
            if not lines:
                continue
            errors = sum(1 for ln in lines if ": warning: " not in ln)
            warnings = len(lines) - errors
            head = f"<b>{e(m.name)}</b>: " + e(ngettext("{count} error", "{count} errors", errors).format(count=errors)) + (
                e(ngettext(", {count} warning", ", {count} warnings", warnings).format(count=warnings)) if warnings else "")
            if len(lines) > PROBLEMS_SHOWN:
                # the text box lays out its text in quadratic time: thousands of lines would freeze the screen
                more = len(lines) - PROBLEMS_SHOWN
                lines = [*lines[:PROBLEMS_SHOWN], _('… and {more:,} more: run `python -m game validate --mod {name}` for all of them').format(more=more, name=m.folder.name)]
            parts.append(head + "<br>" + "<br>".join(f"<font color='{th.hex_code(th.DANGER) if ': warning: ' not in ln else th.hex_code(th.WARNING)}'>{e(ln)}</font>" for ln in lines))
        if self.loaded.ruleset is None:
            lines = list(self.loaded.problems)[:PROBLEMS_SHOWN]
            parts.insert(0, "<b>The chosen mods together</b> do not load:<br>" + "<br>".join(e(ln) for ln in lines))
        if len(parts) == len(about[:1]):
            if not self.mods:
                return f"<font color='{muted}'>No mods installed. A mod is a folder with a mod.yaml: put it in mods/ beside the game or in your data folder.</font>"
            parts.append(f"<font color='{muted}'>Every mod checks out: no problems.</font>")
        return "<br><br>".join(parts)

    # ----- choices ------------------------------------------------------------------------------------
    def _keep_typing(self) -> None:
        if hasattr(self, "seed_entry") and self.root is not None:
            self.seed_text = self.seed_entry.get_text()
            self.pin_text = self.pin_entry.get_text()

    def rebuild(self) -> None:
        self._keep_typing()
        super().rebuild()

    def close(self) -> None:
        self._keep_typing()
        super().close()

    def step_scenario(self, d: int) -> None:
        if self.rs is None:
            return
        self.scenario_index = (self.scenario_index + d) % len(self.rs.scenarios)
        self.rebuild()

    def step_seat(self, fid: str, d: int) -> None:
        i = self.options.index(self.seats[fid]) if self.seats[fid] in self.options else 0
        self.seats[fid] = self.options[(i + d) % len(self.options)]
        self.seat_buttons[fid].set_text(seat_label(self.seats[fid]))
        self.app.dirty = True

    def cycle_timer(self, d: int = 1) -> None:
        st = self.app.settings
        st.turn_timer = TURN_TIMERS[(TURN_TIMERS.index(st.turn_timer) + d) % len(TURN_TIMERS)] if st.turn_timer in TURN_TIMERS else 0
        self.app.save_settings()
        self.rebuild()

    def toggle_mod(self, folder: str, on: bool) -> None:
        if on and folder not in self.chosen:
            self.chosen.append(folder)
        elif not on and folder in self.chosen:
            self.chosen.remove(folder)
        self.apply_mods()

    def apply_mods(self) -> None:
        """Load the rules with the chosen mods, so their factions and scenarios show."""
        self.loaded = self.app.rules(tuple(self.chosen))
        rs = self.loaded.ruleset
        if rs is None:
            self.error = _("The chosen mods do not load together: see their problems on the right.")
        else:
            self.error = ""
            old = self.scenario.id if self.scenario else None
            self.rs = rs
            self.styles = faction_styles(rs)
            best = best_bot_kind()
            self.seats = {f.id: self.seats.get(f.id, best) for f in rs.factions}
            ids = [sc.id for sc in rs.scenarios]
            self.scenario_index = ids.index(old) if old in ids else 0
        self.rebuild()

    def on_rules_reloaded(self) -> None:
        """F5: the mod list and the rules from disk again (the choice kept where it can be)."""
        self.mods = self.app.rulebook.mods(check=True)
        folders = {str(m.folder) for m in self.mods}
        self.chosen = [f for f in self.chosen if f in folders]
        self.error = ""
        self.apply_mods()
        if self.loaded.ruleset is not None:
            self.error = _("Rules and mods read again from disk.")

    def back(self) -> None:
        self.app.pop(self)

    def start(self) -> None:
        from game.ui.scenes.board import game_session, new_board
        from game.ui.session import Session

        loaded = self.loaded
        sc = self.scenario
        if loaded.ruleset is None or sc is None:
            self.error = _("The chosen mods do not load together: see their problems on the right.")
            self.app.dirty = True
            return
        st = self.app.settings
        st.facilitator = bool(self.facilitator_box.get_state())
        st.reasons_required = bool(self.reasons_box.get_state())
        pin = self.pin_entry.get_text()
        if pin and st.facilitator_pin and not self.app.facilitator_unlocked:
            # changing the PIN needs the current one, or anyone could set their own PIN,
            # load the seminar's save and open the facilitator's panel
            from game.ui.scenes.facilitator import PinDialog

            self.app.push(PinDialog(self.app, self.start, purpose=_("A PIN is set. To change it, give the current PIN:")))
            return
        if pin:
            st.set_pin(pin)
            self.app.facilitator_unlocked = True  # who set the PIN is the facilitator
        self.app.save_settings()
        seed = self.chosen_seed()
        if seed is None:
            self.error = _('A seed is a whole number from 0 to {value:,} (or leave it empty for a random one).').format(value=SEED_LIMIT - 1)
            self.app.dirty = True
            return
        best = best_bot_kind()
        seats = {f.id: self.seats.get(f.id, best) for f in loaded.ruleset.factions if f.id in sc.factions}
        session: Session = game_session(loaded, _new_game(loaded.ruleset, sc.id, seed, seats))
        new_board(self.app, session)

    def chosen_seed(self) -> int | None:
        """The typed seed, or a fresh 64-bit one if none was typed; None if it is not a seed."""
        text = self.seed_entry.get_text().strip()
        if not text:
            return secrets.randbits(64)
        if not (text.isascii() and text.isdigit() and len(text) <= SEED_DIGITS) or int(text) >= SEED_LIMIT:
            return None
        return int(text)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame_gui.UI_CHECK_BOX_CHECKED, pygame_gui.UI_CHECK_BOX_UNCHECKED):
            folder = self.mod_boxes.get(event.ui_element)
            if folder is not None:
                self.toggle_mod(folder, event.type == pygame_gui.UI_CHECK_BOX_CHECKED)
                return True
            return False
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in (self.seed_entry, self.pin_entry):
            self.move_focus(1)  # Enter in a text field: on to the next control
            return True
        if event.type == pygame.KEYDOWN:
            if self.focus_key_event(event):
                return True
            if event.key == pygame.K_ESCAPE:
                self.back()
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.start()
                return True
        return False

    # ----- drawing ------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        w, h = self.app.size
        backdrop(surface, t)
        r = self._rects()
        left, seats, mods = r["left"], r["seats"], r["mods"]
        th.blit_text(surface, t.font("h1"), _("New game"), th.GOLD, (left.x, round(h * 0.04)))
        panel = pygame.Rect(left.x - t.px(16), left.y - t.px(14), mods.right - left.x + t.px(32), left.h + t.px(28))
        veil = pygame.Surface(panel.size, pygame.SRCALPHA)
        pygame.draw.rect(veil, (*th.PANEL, 232), veil.get_rect(), border_radius=t.px(12))
        surface.blit(veil, panel)
        for a, b in ((left, seats), (seats, mods)):
            x = (a.right + b.x) // 2
            pygame.draw.line(surface, th.PANEL_EDGE, (x, left.y), (x, left.bottom), 1)
        h3, small = t.font("h3"), t.font("small")
        th.blit_text(surface, h3, _("Scenario"), th.INK, (left.x, left.y))
        sr = self.scenario_row
        pygame.draw.rect(surface, th.BG_DEEP, sr, border_radius=t.px(7))
        sc = self.scenario
        if sc is not None:
            th.blit_text(surface, t.font("body_bold"), th.fit_choice(t.font("body_bold"), [sc.name, sc.id], sr.w - t.px(16)), th.INK, sr.center, "center")
        th.blit_text(surface, h3, _("Seed"), th.INK, (left.x, self.seed_label_y))
        th.blit_text(surface, small, th.fit_choice(small, [_("the same seed deals the same game"), _("same seed, same game"), ""], left.w - h3.size(_("Seed"))[0] - t.px(12)), th.INK_MUTED, (left.right, self.seed_label_y + t.px(4)), "topright")
        th.blit_text(surface, h3, _("Seminar"), th.INK, (left.x, self.seminar_y))
        th.blit_text(surface, h3, _("Seats"), th.INK, (seats.x, seats.y))
        th.blit_text(surface, small, th.fit_choice(small, [_("up to {count} humans share one screen; bots fill the rest").format(count=len(self.seat_rows)), _("up to {count} humans").format(count=len(self.seat_rows)), ""], seats.w - h3.size(_("Seats"))[0] - t.px(12)), th.INK_MUTED, (seats.right, seats.y + t.px(4)), "topright")
        bw = min(t.tpx(290), round(seats.w * 0.5))
        for fid, rr in self.seat_rows.items():
            st = self.styles[fid]
            tr = t.tpx(16)
            th.blit_token(surface, st, (rr.x + tr, rr.centery), tr)
            fac = next(f for f in self.rs.factions if f.id == fid) if self.rs else None
            maxw = rr.w - bw - t.tpx(44) - tr * 2 - t.px(24)
            tx = rr.x + tr * 2 + t.px(10)
            name_font = next((f for f in (t.font("body_bold"), t.font("small_bold")) if f.size(st.name)[0] <= maxw), t.font("small_bold"))
            th.blit_text(surface, name_font, th.fit_text(name_font, st.name, maxw), th.INK, (tx, rr.centery - name_font.get_linesize() // 2 - t.px(6) if fac and fac.abilities else rr.centery - name_font.get_linesize() // 2))
            if fac is not None and fac.abilities:
                ab = ", ".join(a.name for a in fac.abilities)
                few = ngettext("{count} ability (see the seat's tip)", "{count} abilities (see the seat's tip)", len(fac.abilities)).format(count=len(fac.abilities))
                th.blit_text(surface, t.font("tiny"), th.fit_choice(t.font("tiny"), [ab, few, ngettext("{count} ability", "{count} abilities", len(fac.abilities)).format(count=len(fac.abilities))], maxw), th.INK_MUTED, (tx, rr.centery + name_font.get_linesize() // 2 - t.px(5)))
        th.blit_text(surface, h3, _("Mods"), th.INK, (mods.x, mods.y))
        count = len(self.chosen)
        th.blit_text(surface, small, f"{count} chosen" if count else _("none chosen"), th.INK_MUTED, (mods.right, mods.y + t.px(4)), "topright")
        bad = sum(1 for m in self.mods if not m.ok) + (1 if self.loaded.ruleset is None else 0)
        th.blit_text(surface, t.font("small_bold"), _("PROBLEMS") if bad else _("CHECKED"), th.DANGER if bad else th.INK_MUTED, (mods.x, self.problems_top))
        th.blit_text(surface, small, th.fit_choice(small, [_("F5 reads the rules and mods from disk again"), _("F5: read again"), ""], mods.w), th.INK_MUTED, (mods.x, self.hint_y))
        if self.error:
            colour = th.GOOD if self.error.startswith("Rules and mods read") else th.DANGER
            lines = th.wrap_text(small, self.error, w - 2 * left.x - t.tpx(520))
            ey = h - t.tpx(80) + t.tpx(27) - len(lines) * small.get_linesize() // 2
            for ln in lines:
                th.blit_text(surface, small, ln, colour, (left.x + t.tpx(220), ey))
                ey += small.get_linesize()


class FocusItem(NamedTuple):
    """A control the keyboard reaches on this screen."""

    key: str
    rect: pygame.Rect
    activate: Callable[[], None]
    step: Callable[[int], None] | None
    """What the arrows left and right do (None: nothing)."""
    entry: pygame_gui.elements.UITextEntryLine | None = None
    """A text field: it takes the typing while focused."""


def _new_game(ruleset: Ruleset, scenario: str, seed: int, seats: dict[str, str]) -> Game:
    return Game.new(ruleset, scenario, seed, seats)


def _timer_words(minutes: int) -> str:
    return _("off") if minutes <= 0 else _('{minutes} min a turn').format(minutes=minutes)


def _mod_label(mod: AvailableMod) -> str:
    version = f" {mod.version}" if mod.version else ""
    mark = "" if mod.ok else _("  (problems)")
    return f"{mod.name}{version}{mark}"
