"""Dialogs: save, load (or watch a replay), settings and the rules reference.

A save names the mods it was played with (`peek(text)["mods"]`); loading it loads those
mods — their rules and their map — or says which are not installed."""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.engine import Game, SaveError, scoring
from game.engine.saves import peek
from game.i18n import LANGUAGE_NAMES, N_, _, available_languages, language, ngettext, set_language
from game.ruleset.model import Ruleset, Settings
from game.savefile import read_save as read_save_text
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.cards import rule_text
from game.ui.data_dir import AUTOSAVE_FILE, PREVIOUS_AUTOSAVE_FILE, TEXT_SIZES, autosave_path, save_path, scan_saves
from game.ui.rulebook import Loaded, save_mod_ids
from game.ui.session import bot_kinds
from game.ui.widgets.words import said, seat_label

TEXT_SIZE_WORDS = {"normal": N_("Normal"), "large": N_("Large"), "projector": N_("Projector")}
PACE_WORDS = {"slow": N_("Slow"), "normal": N_("Normal"), "fast": N_("Fast")}

if TYPE_CHECKING:
    from game.ui.scenes.board import BoardScene


class Dialog(Scene):
    """A centred panel over whatever is beneath."""

    opaque = False
    title = ""
    size = (640, 420)

    def panel(self) -> pygame.Rect:
        t = self.app.theme
        w, h = self.app.size
        pw, ph = min(w - t.px(40), t.tpx(self.size[0])), min(h - t.px(40), t.tpx(self.size[1]))
        return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)

    def close_dialog(self) -> None:
        self.app.pop(self)

    def on_enter(self) -> bool:
        """What Enter does here; False if nothing (the key is not used up)."""
        return False

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close_dialog()
            return True
        return event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.on_enter()

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((*th.BG_DEEP, 190))
        surface.blit(veil, (0, 0))
        p = self.panel()
        th.draw_shadow(surface, p, t.px(14), t.px(8))
        th.draw_panel(surface, p, th.PANEL, th.GOLD, t.px(14), max(1, t.px(2)))
        th.blit_text(surface, t.font("h2"), _(self.title), th.GOLD, (p.x + t.px(24), p.y + t.px(16)))


class SaveDialog(Dialog):
    title = N_("Save the game")
    size = (620, 300)

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        self.note = ""
        g = board.session.game
        self.default_name = _('{year} round {round} — {strftime}').format(year=g.year, round=g.round, strftime=time.strftime('%Y-%m-%d %H.%M'))

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        y = p.y + t.font("h2").get_linesize() + t.px(40)
        self.entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(p.x + t.px(24), y, p.w - t.px(48), t.tpx(46)), self.app.gui, container=self.root, object_id="#save-name")
        self.entry.set_text(self.default_name)
        self.entry.focus()
        bw, bh = t.tpx(170), t.tpx(48)
        by = p.bottom - bh - t.px(20)
        self.button(pygame.Rect(p.right - bw - t.px(24), by, bw, bh), _("Save"), self.save, "primary", _("Enter"), oid="save-ok")
        self.button(pygame.Rect(p.right - 2 * bw - t.px(36), by, bw, bh), _("Cancel"), self.close_dialog, oid="save-cancel")

    def save(self) -> None:
        path = save_path(self.entry.get_text() or self.default_name)
        try:
            self.board.session.save_to(path)
        except OSError as e:
            self.note = _('Could not save: {value}.').format(value=e.strerror or e)
            self.app.dirty = True
            return
        self.board.toasts.append((_('Saved as {stem}.').format(stem=path.stem), time.monotonic()))
        self.close_dialog()

    def on_enter(self) -> bool:
        self.save()
        return True

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.app.theme
        p = self.panel()
        th.blit_text(surface, t.font("small"), _("Name of the save:"), th.INK_MUTED, (p.x + t.px(24), p.y + t.font("h2").get_linesize() + t.px(16)))
        if self.note:
            th.blit_text(surface, t.font("small"), self.note, th.DANGER, (p.x + t.px(24), p.bottom - t.tpx(100)))


SLOT_NAMES = {AUTOSAVE_FILE: N_("Autosave"), PREVIOUS_AUTOSAVE_FILE: N_("Previous game's autosave")}


def describe_save(path: Path) -> str | None:
    """One line for the Load list, or None if the file is not a readable save."""
    try:
        head = peek(read_save_text(path))
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
    except (SaveError, OSError, OverflowError, ValueError):
        return None
    humans = sum(1 for k in head["seats"].values() if k == "human")
    name = _(SLOT_NAMES[path.name]) if path.name in SLOT_NAMES else path.stem
    mods = save_mod_ids(head["mods"])
    with_mods = _(' · mods: {join}').format(join=', '.join(mods)) if mods else ""
    shown_round = head["round"] if head["round"] is not None else "?"
    people = ngettext("{count} human", "{count} humans", humans).format(count=humans)
    return _("{name} · round {shown_round} · {humans}{with_mods} · {when}").format(name=name, shown_round=shown_round, humans=people, with_mods=with_mods, when=when)


def read_save(app: App, path: Path) -> tuple[Loaded | None, Game | None, str]:
    """The rules a save was played with (its mods loaded) and the game it replays to;
    or an error sentence for the player."""
    try:
        text = read_save_text(path)
        head = peek(text)
    except SaveError as e:
        return None, None, f"{path.name}: {said(e.args[0])}"
    ids = save_mod_ids(head["mods"])
    folders, missing = app.rulebook.find_mods(ids)
    if missing:
        where = _(" or ").join(str(d) for d in _mod_dirs())
        return None, None, ngettext("This save was played with the mod {join}, not installed here: put the folder in {where}.",
                                  "This save was played with the mods {join}, not installed here: put the folder in {where}.", len(missing)).format(join=", ".join(missing), where=where)
    loaded = app.rules(tuple(folders))
    if loaded.ruleset is None:
        first = next((p for p in loaded.problems if ": warning: " not in p), "")
        return None, None, _("The rules with this save's mods ({value}) do not load: {first}").format(value=', '.join(ids) or 'none', first=first)
    try:
        game = Game.from_json(loaded.ruleset, text)
    except SaveError as e:
        return None, None, f"{path.name}: {said(e.args[0])}"
    return loaded, game, ""


def _mod_dirs() -> list[Path]:
    from game.modding import mod_search_dirs

    return list(mod_search_dirs())


def load_game_from(app: App, path: Path) -> str:
    """Load a save into a new board; returns an error sentence ('' on success)."""
    from game.ui.scenes.board import game_session, new_board

    loaded, game, error = read_save(app, path)
    if loaded is None or game is None:
        return error
    old = app.find(_board_type())
    if old is not None:
        old.close_session()
    session = game_session(loaded, game)
    session.continues_autosave = path.name == AUTOSAVE_FILE and path.parent == autosave_path().parent
    new_board(app, session)
    return ""


def watch_replay_of(app: App, path: Path) -> str:
    """Open the replay viewer on a save; returns an error sentence ('' on success)."""
    from game.ui.scenes.replay import ReplayScene

    loaded, game, error = read_save(app, path)
    if loaded is None or game is None:
        return error
    app.push(ReplayScene(app, loaded, game))
    return ""


def _board_type() -> type:
    from game.ui.scenes.board import BoardScene

    return BoardScene


class LoadDialog(Dialog):
    title = N_("Load a game")
    size = (760, 560)

    def __init__(self, app: App) -> None:
        super().__init__(app)
        found, odd = scan_saves()
        self.paths: list[Path] = []
        self.described: list[str] = []
        for path in found:
            line = describe_save(path)
            if line is None:
                odd.append(path.name)
            else:
                self.paths.append(path)
                self.described.append(line)
        self.skipped = odd
        self.error = ""
        if odd:
            names = ", ".join(odd[:3]) + (_(' and {value} more').format(value=len(odd) - 3) if len(odd) > 3 else "")
            self.error = ngettext("Left out {count} file of the saves folder that is not a readable save: {names}.",
                                  "Left out {count} files of the saves folder that are not readable saves: {names}.", len(odd)).format(count=len(odd), names=names)

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        top = p.y + t.font("h2").get_linesize() + t.px(30)
        bh = t.tpx(48)
        # the same text twice would make two rows indistinguishable: number repeats
        self.labels: list[str | tuple[str, str]] = [
            line if self.described.index(line) == i else f"{line} ({i + 1})" for i, line in enumerate(self.described)
        ]
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(p.x + t.px(24), top, p.w - t.px(48), p.bottom - top - bh - t.tpx(70)), list(self.labels), self.app.gui, container=self.root, object_id="#saves"
        )
        bw = t.tpx(170)
        by = p.bottom - bh - t.px(20)
        self.button(pygame.Rect(p.right - bw - t.px(24), by, bw, bh), _("Load"), self.load, "primary", _("Enter"), enabled=bool(self.paths), oid="load-ok")
        self.button(pygame.Rect(p.right - 2 * bw - t.px(36), by, bw, bh), _("Cancel"), self.close_dialog, oid="load-cancel")
        self.button(
            pygame.Rect(p.x + t.px(24), by, t.tpx(220), bh), _("Watch replay"), self.replay, tip=_("Step through the chosen game round by round (R)"),
            enabled=bool(self.paths), oid="load-replay",
        )

    def chosen_path(self) -> Path | None:
        chosen = self.list.get_single_selection()
        if chosen is None and self.labels:
            chosen = self.labels[0]
        if chosen is None:
            return None
        return self.paths[self.labels.index(str(chosen))]

    def load(self) -> None:
        path = self.chosen_path()
        if path is None:
            return
        self.error = load_game_from(self.app, path)
        self.app.dirty = True

    def replay(self) -> None:
        path = self.chosen_path()
        if path is None:
            return
        self.error = watch_replay_of(self.app, path)
        self.app.dirty = True

    def on_enter(self) -> bool:
        self.load()
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_r:
            self.replay()
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.app.theme
        p = self.panel()
        if not self.paths:
            th.blit_text(surface, t.font("body"), _("No saves yet."), th.INK_MUTED, (p.centerx, p.centery), "center")
        if self.error:
            for i, ln in enumerate(th.wrap_text(t.font("small"), self.error, p.w - t.px(48), 2)):
                th.blit_text(surface, t.font("small"), ln, th.DANGER, (p.x + t.px(24), p.bottom - t.tpx(116) + i * t.font("small").get_linesize()))


class SettingsScene(Dialog):
    title = N_("Settings")
    size = (660, 540)

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        s = self.app.settings
        y = p.y + t.font("h2").get_linesize() + t.px(36)
        bw, bh = t.tpx(260), t.tpx(46)
        x = p.right - bw - t.px(24)
        self.rows: list[tuple[str, int]] = []
        self.button(
            pygame.Rect(x, y, bw, bh), _("Projector") if s.projector else _(TEXT_SIZE_WORDS[s.text_size]), self.cycle_text,
            tip=_("normal, large, projector") + (_(" (projector mode sets it)") if s.projector else ""), enabled=not s.projector, oid="text-size",
        )
        self.rows.append((_("Text size"), y + bh // 2))
        y += bh + t.px(16)
        self.button(pygame.Rect(x, y, bw, bh), _("On") if s.projector else _("Off"), self.toggle_projector, tip=_("Large text, high contrast, and the room view (no hand) between turns"), oid="projector")
        self.rows.append((_("Projector mode"), y + bh // 2))
        y += bh + t.px(16)
        self.button(pygame.Rect(x, y, bw, bh), _("Full screen") if self.app.fullscreen else _("Window"), self.app.toggle_fullscreen, tip="F11", oid="fullscreen")
        self.rows.append((_("Display"), y + bh // 2))
        y += bh + t.px(16)
        self.button(pygame.Rect(x, y, bw, bh), _(PACE_WORDS[s.bot_pace]), self.cycle_pace, tip=_("How long each bot step stays on screen"), oid="bot-pace")
        self.rows.append((_("Bots' pace"), y + bh // 2))
        y += bh + t.px(16)
        self.button(pygame.Rect(x, y, bw, bh), LANGUAGE_NAMES.get(language(), language()), self.cycle_language,
                    tip=_("The language of the window, the cards and the report (a new game's cards; the system's if never chosen)"), oid="language")  # fmt: skip
        self.rows.append((_("Language"), y + bh // 2))
        self.button(pygame.Rect(p.right - t.tpx(170) - t.px(24), p.bottom - t.tpx(48) - t.px(20), t.tpx(170), t.tpx(48)), _("Done"), self.close_dialog, "primary", oid="settings-done")

    def cycle_language(self) -> None:
        langs = available_languages()
        now = language()
        chosen = langs[(langs.index(now) + 1) % len(langs)] if now in langs else langs[0]
        self.app.settings.language = set_language(chosen)
        self.app.save_settings()
        self.app.rulebook.reload()
        self.app.relayout()

    def cycle_text(self) -> None:
        s = self.app.settings
        s.text_size = TEXT_SIZES[(TEXT_SIZES.index(s.text_size) + 1) % len(TEXT_SIZES)]
        self.app.save_settings()
        self.app.relayout()

    def toggle_projector(self) -> None:
        s = self.app.settings
        s.projector = not s.projector
        self.app.save_settings()
        self.app.relayout()

    def cycle_pace(self) -> None:
        from game.ui.data_dir import BOT_PACES

        s = self.app.settings
        s.bot_pace = BOT_PACES[(BOT_PACES.index(s.bot_pace) + 1) % len(BOT_PACES)]
        self.app.save_settings()
        self.rebuild()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        t = self.app.theme
        p = self.panel()
        for label, cy in self.rows:
            th.blit_text(surface, t.font("body_bold"), label, th.INK, (p.x + t.px(24), cy), "midleft")


def victory_points_lines(rs: Ruleset, st: Settings) -> list[str]:
    """The VP a summit gives, faction by faction, and the numbers that change a summit's
    weight or time (`st`: the settings the game plays with, a scenario's own if it has them)."""
    tracks = {tr.id: tr.name for tr in rs.tracks}
    out = []
    for f in rs.factions:
        sc = f.scoring
        parts = []
        for vp, words in (
            (sc.per_dominated, _("{vp} VP per country it dominates")),
            (sc.per_aligned, _("{vp} VP per country aligned with it")),
            (sc.per_balanced, _("{vp} VP per balanced country")),
            (sc.per_present, _("{vp} VP per country where it leads a space without aligning it (a foothold)")),
            (sc.per_capital, _("{vp} VP more per capital it leads")),
            (sc.per_space, _("{vp} VP per space it leads")),
        ):
            if vp:
                parts.append(words.format(vp=vp))
        parts += [_("1 VP per level of {track}").format(track=tracks[k]) for k in sc.plus_tracks if k in tracks]
        out.append(_("{faction}: {parts}.").format(faction=f.name, parts="; ".join(parts) if parts else _("nothing at summits")))
    if st.final_summit_factor > 1:
        out.append(_("The last summit's VP count {factor} times.").format(factor=st.final_summit_factor))
    if st.summit_postpone_chance:
        out.append(_("A summit other than the last may be postponed a round ({chance}% chance), so nobody can time a spike.").format(chance=st.summit_postpone_chance))
    if st.aligned_share:
        out.append(_("Toward domination an aligned country counts {share}% of a dominated one.").format(share=st.aligned_share))
    if st.domination_summits > 1:
        out.append(_("Domination on the map must hold at {n} summits in a row.").format(n=st.domination_summits))
    return out


HEADING_PX = round(th.FONT_ROLES["h3"][0])
"""A heading's size where no window gives one (the h3 size at 1600×900, normal text)."""


def heading_html(text: str, px: int) -> str:
    """A heading of the rules reference, `px` pixels high: the window's h3 size, so headings
    grow with the text size (HTML's `size=5` is 18 px at any size) and use a preloaded font."""
    return f"<font pixel_size={px}><b>{html.escape(text)}</b></font><br>"


def rules_html(rs: Ruleset, settings: Settings | None = None, heading_px: int = HEADING_PX) -> str:
    """The rules reference, generated from the ruleset (so mods document themselves);
    `settings`: the numbers of the game being played (a scenario may set its own)."""
    e = html.escape
    st = settings or rs.settings
    parts = [heading_html(_("How a round works"), heading_px)]
    steps = [
        _("World event: the top world-event card resolves."),
        _('Income: each faction gains its base income plus {income_per_corridor} per corridor where it leads a space.').format(income_per_corridor=st.income_per_corridor),
        _("Draw: each faction draws up to its hand size."),
        _('Actions: {action_rounds} action rounds, lowest VP first. Play a card for operations (place influence of its domain where you can reach) or for its event; security cards may instead remove rival influence ({security_removal_cost} ops each, tension +{removal_tension}); diplomacy costs {diplomacy_cost} capital; passing gains {pass_capital}.').format(action_rounds=st.action_rounds, security_removal_cost=st.security_removal_cost, removal_tension=st.removal_tension, diplomacy_cost=st.diplomacy_cost, pass_capital=st.pass_capital),
        _("Tension check: at the crisis mark a crisis card strikes; the faction with most security there may intervene. Tension at its breakdown mark ends the game: nobody wins."),
        _("Summit (in the scenario's summit rounds): each faction scores VP, then the domination check (see Summits and Winning below)."),
        _("Cleanup: tension eases, round-end abilities, discard down to hand size."),
    ]
    if st.event_ops_kept:
        steps[3] += " " + ngettext("A card played for its event also places {n} operation of its domain once the event is done.",
                                   "A card played for its event also places {n} operations of its domain once the event is done.",
                                   st.event_ops_kept).format(n=st.event_ops_kept)  # fmt: skip
    for i, s in enumerate(steps, 1):
        parts.append(f"{i}. {e(s)}<br>")
    # the rules' own sentences (game.engine.scoring), so they say what the engine counts
    for title, sentences in (
        (_("Control"), scoring.describe_control_rules(rs, st)),
        (_("Summits"), scoring.describe_summit_rules(rs)),
        (_("Winning"), scoring.describe_domination_rules(rs, st)),
    ):
        parts.append(f"<br><b>{e(title)}.</b> {e(' '.join(said(s) for s in sentences))}<br>")
    heading = _("Victory points at a summit")
    parts.append(f"<br><b>{e(heading)}.</b><br>")
    parts += [f"• {e(line)}<br>" for line in victory_points_lines(rs, st)]
    parts.append("<br>" + heading_html(_("Factions"), heading_px))
    for f in rs.factions:
        numbers = _("base income {income}, hand {hand}").format(income=f.base_income, hand=f.hand_size)
        parts.append(f"<br><font color='{e(f.colour)}'><b>{e(f.name)}</b></font> — {e(numbers)}<br>")
        for a in f.abilities:
            parts.append(f"• <b>{e(a.name)}</b>: {e(a.text)}<br>")
    return "".join(parts)


CARDS_PER_PAGE = 24
"""The text box lays its whole text out at once (in more than linear time), so the rules
reference shows the cards a page at a time: a mod with thousands of cards opens, pages
and resizes as fast as the base game."""


def rules_pages(rs: Ruleset, settings: Settings | None = None, heading_px: int = HEADING_PX) -> list[str]:
    """The rules reference in pages: the round and the factions, then the cards."""
    e = html.escape
    names = {f.id: f.name for f in rs.factions}
    cards = sorted(rs.cards, key=lambda c: (names.get(c.faction or "", "~"), c.name))
    seats, sep = _("Seats"), _(", ")
    pages = [rules_html(rs, settings, heading_px) + "<br>" + heading_html(seats, heading_px) + e(sep.join(seat_label(k) for k in ("human", *bot_kinds()))) + "<br>"]
    for first in range(0, len(cards), CARDS_PER_PAGE):
        chunk = cards[first : first + CARDS_PER_PAGE]
        heading = _("Cards {first}–{last} of {count}").format(first=first + 1, last=first + len(chunk), count=len(cards))
        parts = [heading_html(heading, heading_px)]
        for c in chunk:
            owner = names.get(c.faction or "", _("Regional"))
            rule = rule_text(c.event, rs) if c.event else _("no event")
            about = _("{owner}, {domain}, cost {cost}, ops {ops}").format(owner=owner, domain=th.domain_name(c.type), cost=c.cost, ops=c.ops)
            parts.append(f"<b>{e(c.name)}</b> ({e(about)}): {e(rule)}<br>")
        pages.append("".join(parts))
    return pages


class RulesScene(Scene):
    def __init__(self, app: App, ruleset: Ruleset | None = None, settings: Settings | None = None) -> None:
        super().__init__(app)
        rs = ruleset or app.ruleset()
        assert rs is not None
        self.rs = rs
        self.settings = settings
        self.heading_px = 0
        self.pages: list[str] = []
        self.page = 0

    def build(self) -> None:
        t = self.app.theme
        if t.font_px("h3") != self.heading_px:  # the first build, or the text size or window changed
            self.heading_px = t.font_px("h3")
            self.pages = rules_pages(self.rs, self.settings, self.heading_px)
        w, h = self.app.size
        m = t.px(40)
        top = t.font("h1").get_linesize() + t.px(40)
        pygame_gui.elements.UITextBox(self.pages[self.page], pygame.Rect(m, top, w - 2 * m, h - top - t.tpx(90)), self.app.gui, container=self.root, object_id="#rules-text")
        bw, bh, by = t.tpx(170), t.tpx(48), h - t.tpx(70)
        self.button(pygame.Rect(w - m - bw, by, bw, bh), _("Back"), lambda: self.app.pop(self), "primary", oid="rules-back")
        if len(self.pages) > 1:
            self.button(pygame.Rect(m, by, bw, bh), _("‹ Previous"), lambda: self.turn(-1), tip="←", enabled=self.page > 0, oid="rules-prev")
            self.button(pygame.Rect(m + bw + t.px(12), by, bw, bh), _("Next ›"), lambda: self.turn(1), tip="→", enabled=self.page < len(self.pages) - 1, oid="rules-next")

    def turn(self, by: int) -> None:
        page = max(0, min(len(self.pages) - 1, self.page + by))
        if page != self.page:
            self.page = page
            self.rebuild()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop(self)
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.turn(-1 if event.key == pygame.K_LEFT else 1)
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        surface.fill(th.BG)
        th.blit_text(surface, t.font("h1"), _("Rules reference"), th.GOLD, (t.px(40), t.px(20)))
        if len(self.pages) > 1:
            w, _unused = self.app.size
            th.blit_text(surface, t.font("small"), _('page {value} of {count}').format(value=self.page + 1, count=len(self.pages)), th.INK_MUTED, (w - t.px(40), t.px(34)), "topright")
