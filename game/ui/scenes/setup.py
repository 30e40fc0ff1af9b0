"""New game: the scenario, who sits in each seat (a human or a bot and its level), an
optional seed, and mods."""

from __future__ import annotations

import random
from functools import partial
from typing import Any

import pygame
import pygame_gui

from game.ruleset.model import Scenario
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.session import HUMAN, Session, best_bot_kind, bot_kinds
from game.ui.theme import faction_styles
from game.ui.widgets.backdrop import backdrop
from game.ui.widgets.words import seat_label


class SetupScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        rs = app.ruleset()
        assert rs is not None
        self.rs = rs
        self.styles = faction_styles(rs)
        self.scenario_index = 0
        self.options = [HUMAN, *bot_kinds()]
        best = best_bot_kind()
        self.seats = {f.id: (HUMAN if i == 0 else best) for i, f in enumerate(rs.factions)}
        self.seed_text = ""
        self.mods = _available_mods()
        self.chosen_mods: list[str | tuple[str, str]] = []
        self.error = ""
        self.seat_buttons: dict[str, pygame_gui.elements.UIButton] = {}

    @property
    def scenario(self) -> Scenario:
        return self.rs.scenarios[self.scenario_index]

    def _rects(self) -> dict[str, pygame.Rect]:
        t = self.app.theme
        w, h = self.app.size
        m = round(w * 0.06)
        top = round(h * 0.17)
        left = pygame.Rect(m, top, round(w * 0.36), h - top - t.tpx(110))
        right = pygame.Rect(left.right + round(w * 0.05), top, w - left.right - round(w * 0.05) - m, left.h)
        return {"left": left, "right": right}

    def build(self) -> None:
        t = self.app.theme
        w, h = self.app.size
        r = self._rects()
        left, right = r["left"], r["right"]
        row = t.tpx(46)
        arrow = t.tpx(46)
        # scenario stepper
        y = left.y + t.font("h3").get_linesize() + t.px(6)
        self.button(pygame.Rect(left.x, y, arrow, row), "‹", lambda: self.step_scenario(-1), oid="scenario-prev")
        self.button(pygame.Rect(left.right - arrow, y, arrow, row), "›", lambda: self.step_scenario(1), oid="scenario-next")
        self.scenario_row = pygame.Rect(left.x + arrow + t.px(6), y, left.w - 2 * arrow - t.px(12), row)
        # seed
        y = left.y + t.tpx(250)
        self.seed_label_y = y
        y += t.font("h3").get_linesize() + t.px(6)
        self.seed_entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(left.x, y, left.w, row), self.app.gui, container=self.root, placeholder_text="empty: a random seed", object_id="#seed")
        self.seed_entry.set_allowed_characters("numbers")
        if self.seed_text:
            self.seed_entry.set_text(self.seed_text)
        # mods
        y += row + t.px(20)
        self.mods_label_y = y
        y += t.font("h3").get_linesize() + t.px(6)
        self.mod_list = None
        if self.mods:
            items: list[str | tuple[str, str]] = [_mod_label(m) for m in self.mods]
            chosen: list[str | tuple[str, str]] = [label for label in items if label in self.chosen_mods]
            self.mod_list = pygame_gui.elements.UISelectionList(
                pygame.Rect(left.x, y, left.w, max(row * 2, left.bottom - y)), items, self.app.gui, container=self.root,
                allow_multi_select=True, default_selection=chosen or None, object_id="#mods",
            )
        # seats
        y = right.y + t.font("h3").get_linesize() + t.px(8)
        self.seat_rows: dict[str, pygame.Rect] = {}
        bw = t.tpx(290)
        for f in self.rs.factions:
            if f.id not in self.scenario.factions:
                continue
            rr = pygame.Rect(right.x, y, right.w, row + t.px(12))
            self.seat_rows[f.id] = rr
            bx = right.right - bw
            self.button(pygame.Rect(bx - arrow - t.px(4), y + t.px(6), arrow, row), "‹", partial(self.step_seat, f.id, -1), oid=f"seat-prev-{len(self.seat_rows)}")
            self.seat_buttons[f.id] = self.button(
                pygame.Rect(bx, y + t.px(6), bw - arrow - t.px(4), row), seat_label(self.seats[f.id]), partial(self.step_seat, f.id, 1), tip="Click to change who plays", oid=f"seat-{len(self.seat_rows)}"
            )
            self.button(pygame.Rect(right.right - arrow, y + t.px(6), arrow, row), "›", partial(self.step_seat, f.id, 1), oid=f"seat-next-{len(self.seat_rows)}")
            y += row + t.px(18)
        by = h - t.tpx(86)
        self.button(pygame.Rect(left.x, by, t.tpx(200), t.tpx(54)), "Back", self.back, "menu", oid="back")
        self.button(pygame.Rect(right.right - t.tpx(280), by, t.tpx(280), t.tpx(54)), "Start the game", self.start, "menu_primary", "Enter", oid="start")

    def step_scenario(self, d: int) -> None:
        self.scenario_index = (self.scenario_index + d) % len(self.rs.scenarios)
        self.seed_text = self.seed_entry.get_text()
        self.rebuild()

    def step_seat(self, fid: str, d: int) -> None:
        i = self.options.index(self.seats[fid]) if self.seats[fid] in self.options else 0
        self.seats[fid] = self.options[(i + d) % len(self.options)]
        self.seat_buttons[fid].set_text(seat_label(self.seats[fid]))
        self.app.dirty = True

    def back(self) -> None:
        self.app.pop(self)

    def start(self) -> None:
        from game.ui.scenes.board import new_board

        text = self.seed_entry.get_text().strip()
        seed = int(text) if text.isdigit() else random.randrange(1, 1_000_000)
        chosen = set(self.mod_list.get_multi_selection()) if self.mod_list is not None else set()
        mods = tuple(str(m.folder) for m in self.mods if _mod_label(m) in chosen)
        best = best_bot_kind()
        rs = self.app.ruleset(mods)
        if rs is None:
            self.error = "The chosen mods do not load: " + "; ".join(self.app.rules_problems[:2])
            self.app.dirty = True
            return
        scenario = next((sc for sc in rs.scenarios if sc.id == self.scenario.id), rs.scenarios[0])
        seats = {f.id: self.seats.get(f.id, best) for f in rs.factions if f.id in scenario.factions}
        session = Session.new(rs, scenario.id, seed, seats)
        new_board(self.app, session)

    def apply_mods(self) -> None:
        """Load the rules with the chosen mods, so their factions and scenarios show."""
        self.chosen_mods = list(self.mod_list.get_multi_selection()) if self.mod_list is not None else []
        folders = tuple(str(m.folder) for m in self.mods if _mod_label(m) in self.chosen_mods)
        rs = self.app.ruleset(folders)
        if rs is None:
            self.error = "The chosen mods do not load: " + "; ".join(self.app.rules_problems[:2])
            self.app.dirty = True
            return
        self.error = ""
        self.rs = rs
        self.styles = faction_styles(rs)
        best = best_bot_kind()
        self.seats = {f.id: self.seats.get(f.id, best) for f in rs.factions}
        self.scenario_index = min(self.scenario_index, len(rs.scenarios) - 1)
        self.seed_text = self.seed_entry.get_text()
        self.rebuild()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION):
            if self.mod_list is not None and event.ui_element is self.mod_list:
                self.apply_mods()
                return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.start()
                return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        w, h = self.app.size
        backdrop(surface, t)
        r = self._rects()
        left, right = r["left"], r["right"]
        th.blit_text(surface, t.font("h1"), "New game", th.GOLD, (left.x, round(h * 0.06)))
        panel = pygame.Rect(left.x - t.px(16), left.y - t.px(14), right.right - left.x + t.px(32), left.h + t.px(28))
        veil = pygame.Surface(panel.size, pygame.SRCALPHA)
        pygame.draw.rect(veil, (*th.PANEL, 225), veil.get_rect(), border_radius=t.px(12))
        surface.blit(veil, panel)
        h3, body, small = t.font("h3"), t.font("body"), t.font("small")
        th.blit_text(surface, h3, "Scenario", th.INK, (left.x, left.y))
        sr = self.scenario_row
        pygame.draw.rect(surface, th.BG_DEEP, sr, border_radius=t.px(7))
        sc = self.scenario
        th.blit_text(surface, t.font("body_bold"), th.fit_text(t.font("body_bold"), sc.name, sr.w - t.px(16)), th.INK, sr.center, "center")
        y = sr.bottom + t.px(10)
        facts = f"{sc.rounds} rounds from {sc.start_year} · summits in rounds {', '.join(map(str, sc.summit_rounds))}"
        th.blit_text(surface, small, th.fit_text(small, facts, left.w), th.GOLD, (left.x, y))
        y += small.get_linesize() + t.px(4)
        for ln in th.wrap_text(small, sc.description or "", left.w, max(1, (self.seed_label_y - y - t.px(8)) // small.get_linesize())):
            th.blit_text(surface, small, ln, th.INK_MUTED, (left.x, y))
            y += small.get_linesize()
        th.blit_text(surface, h3, "Seed", th.INK, (left.x, self.seed_label_y))
        th.blit_text(surface, small, "the same seed deals the same game", th.INK_MUTED, (left.right, self.seed_label_y + t.px(4)), "topright")
        th.blit_text(surface, h3, "Mods", th.INK, (left.x, self.mods_label_y))
        if not self.mods:
            th.blit_text(surface, small, "No mods installed. A mod is a folder with a mod.yaml;", th.INK_MUTED, (left.x, self.mods_label_y + h3.get_linesize() + t.px(6)))
            th.blit_text(surface, small, "put it in mods/ beside the game or in your data folder.", th.INK_MUTED, (left.x, self.mods_label_y + h3.get_linesize() + t.px(6) + small.get_linesize()))
        th.blit_text(surface, h3, "Seats", th.INK, (right.x, right.y))
        th.blit_text(surface, small, "2–5 humans share one screen (hot-seat); bots fill the rest", th.INK_MUTED, (right.right, right.y + t.px(4)), "topright")
        for fid, rr in self.seat_rows.items():
            st = self.styles[fid]
            tr = t.tpx(17)
            th.blit_token(surface, st, (rr.x + tr, rr.centery), tr)
            fac = next(f for f in self.rs.factions if f.id == fid)
            th.blit_text(surface, t.font("body_bold"), st.name, th.INK, (rr.x + tr * 2 + t.px(12), rr.y + t.px(4)))
            ab = ", ".join(a.name for a in fac.abilities)
            maxw = rr.w - t.tpx(290) - t.tpx(60) - tr * 2 - t.px(20)
            th.blit_text(surface, t.font("tiny"), th.fit_text(t.font("tiny"), ab, maxw), th.INK_MUTED, (rr.x + tr * 2 + t.px(12), rr.y + t.px(6) + body.get_linesize()))
        if self.error:
            th.blit_text(surface, small, th.fit_text(small, self.error, w - 2 * left.x), th.DANGER, (left.x, h - t.tpx(118)))


def _available_mods() -> list[Any]:
    """Mod folders found (the project's mods/ and the player's), unchecked (fast)."""
    try:
        from game.modding import available_mods
    except ImportError:
        return []
    return list(available_mods(check=False))


def _mod_label(mod: Any) -> str:
    version = f" {mod.version}" if getattr(mod, "version", "") else ""
    return f"{mod.name}{version}"
