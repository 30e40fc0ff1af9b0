"""A board a first-time player can read and trust (issue 20), driven through the real
event loop (headless, posted keys and clicks): the stakes panel, consequences shown before
the choice, the keyboard, the facilitator's undo, and colour that survives colour blindness."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from test_ui_game import board, make_app, play_until, press, steps, top_name, type_text  # noqa: E402
from test_ui_seminar import at_a_human_turn, game_at, open_game  # noqa: E402

from game.engine import Game  # noqa: E402
from game.ui.app import App  # noqa: E402


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    a = make_app(tmp_path, monkeypatch)
    yield a
    a.shutdown()


# ----- the stakes panel ------------------------------------------------------------------------------
def test_the_stakes_panel_reads_the_engines_progress_and_summit_preview(app: App) -> None:
    from game.ui.scenes.stakes import StakesScene

    g = game_at(app, 1, lambda g: at_a_human_turn(g) and g.round >= 3, 4)
    b = open_game(app, g, facilitator=False)
    press(app, pygame.K_s)
    assert isinstance(app.top, StakesScene)
    panel = app.top
    progress = {p.faction: p for p in g.domination_progress()}
    preview = g.summit_preview()
    assert {r.faction for r in panel.rows} == set(progress)
    for row in panel.rows:
        p = progress[row.faction]
        assert row.summit_vp == preview.record.scores[row.faction]
        if p.can_win:
            assert row.progress == p.progress
            assert f"of the {p.need_countries} dominated countries" in row.map_line
            # the base game wins on the map only: no row speaks of a VP lead
            assert (f"a lead of {p.need_lead} wins" in row.lead_line) if p.need_lead else row.lead_line == ""
        else:
            assert row.progress is None and "Cannot win by domination" in row.map_line
    # outside powers nearest to hegemony first, the regional actor last
    shown = [r.progress for r in panel.rows if r.progress is not None]
    assert shown == sorted(shown, reverse=True) and panel.rows[-1].progress is None
    assert panel.verdict in (preview.record.domination, *(preview.outcome.reasons[:1] if preview.outcome else ()))
    press(app, pygame.K_s)
    assert app.top is b


def test_the_stakes_panel_says_a_vp_lead_only_where_the_rules_let_a_lead_win():
    from dataclasses import replace

    from game.ruleset import load_ruleset
    from game.ui.scenes.stakes import lead_line

    g = Game.new(load_ruleset().ruleset, seed=1)
    p = next(x for x in g.domination_progress() if x.can_win)
    assert lead_line(p, "Kazakhstan") == ""  # the base game: the map only
    line = lead_line(replace(p, need_lead=16, lead=3, lead_counts=True), "Kazakhstan")
    assert "ahead of every other outside power by 3 VP" in line and "a lead of 16 wins at a summit" in line


def test_the_rules_reference_states_the_vp_of_a_summit(app: App) -> None:
    from game.ui.scenes.dialogs import rules_html

    rs = app.ruleset()
    assert rs is not None
    text = rules_html(rs)
    assert "Victory points at a summit" in text
    for f in rs.factions:
        if f.scoring.per_dominated:
            assert f"{f.name}: {f.scoring.per_dominated} VP per country it dominates" in text


def test_the_rules_reference_headings_grow_with_the_text_size(app: App) -> None:
    import re

    from game.ui.scenes.dialogs import RulesScene

    sizes = {}
    for text_size in ("normal", "projector"):
        app.settings.text_size = text_size
        app.relayout()
        scene = RulesScene(app)
        app.push(scene)
        sizes[text_size] = {int(px) for page in scene.pages for px in re.findall(r"pixel_size=(\d+)", page)}
        assert sizes[text_size] == {app.theme.font_px("h3")}  # a preloaded size, not HTML's fixed size=5
        assert "size=5" not in "".join(scene.pages)
        app.pop(scene)
    app.settings.text_size = "normal"
    app.relayout()
    assert max(sizes["projector"]) > max(sizes["normal"])


# ----- consequences before the choice ----------------------------------------------------------------
def offer_on_screen(app: App, kind: str):  # type: ignore[no-untyped-def]
    """A game (every seat human) stopped at an offer of `kind`, its decider at the screen."""
    from game.ui.scenes.board import game_session, new_board

    rs = app.ruleset()
    assert rs is not None
    for seed in range(1, 60):
        g = Game.new(rs, None, seed, {f.id: "human" for f in rs.factions})
        try:
            play_until(g, lambda g: (tm := g.terms()) is not None and tm.kind == kind, 20000)
        except AssertionError:
            continue
        if not g.over:
            session = game_session(app.rules(), g)
            session.take_screen(g.actor or "")
            b = new_board(app, session)
            steps(app, 2)
            assert app.top is b
            return b
    raise AssertionError(f"no {kind} offer in 60 seeds")


@pytest.mark.parametrize("kind", ["intervention", "consent", "options"])
def test_an_offer_shows_its_consequences_before_the_choice(app: App, kind: str) -> None:
    from game.ui.cards import rule_text
    from game.ui.scenes.board.terms import terms_lines

    b = offer_on_screen(app, kind)
    terms = b.session.game.terms()
    assert b.terms_box.current() == terms
    text = " ".join(line for _k, line in terms_lines(terms, b.rs, {f.id: f.name for f in b.rs.factions}))
    tips = {a.verb: btn.tool_tip_text for a, btn in b.action_bar.buttons}
    if kind == "intervention":
        assert rule_text(terms.accept, b.rs) in text and rule_text(terms.refuse, b.rs) in text
        assert rule_text(terms.accept, b.rs) in tips["intervene"]
    elif kind == "consent":
        assert "Agree?" in text and "You get: " + rule_text(terms.gains, b.rs) in text
        assert rule_text(terms.gains, b.rs) in tips["yes"]
    else:
        for label, effects in terms.options:
            assert f"{label}: {rule_text(effects, b.rs)}" in text
        for a, btn in b.action_bar.buttons:
            assert rule_text(terms.options[a.option - 1][1], b.rs) in btn.tool_tip_text
    assert b.terms_box._cache is not None and b.terms_box._cache[1] is not None, "the box is drawn over the map"


def test_a_space_tooltip_gives_the_totals_that_decide_who_leads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Soft power counting double in capitals (Elite networks as a mod weighs it) is said, with the weighted totals."""
    app = make_app(tmp_path, monkeypatch, mods=(str(Path(__file__).parent / "fixtures" / "mods" / "elite-double"),))
    try:
        _tooltip_gives_the_totals(app)
    finally:
        app.shutdown()


def _tooltip_gives_the_totals(app: App) -> None:
    rs = app.ruleset()
    assert rs is not None
    # the mod's faction (the base rules weigh Russian security and Iranian soft power in Tajikistan too)
    weighted_faction = next(f for f in rs.factions for a in f.abilities if a.id == "elite-networks" and any(m.get("on") == "leadership" for m in a.modifiers))

    def weighted(g: Game) -> bool:
        return at_a_human_turn(g) and any(
            g.leadership(sp.id).get(weighted_faction.id, 0) > sum(g.influence_of(sp.id, weighted_faction.id).values()) for sp in rs.spaces
        )

    g = game_at(app, 1, weighted, 1)
    b = open_game(app, g, facilitator=False)
    sid = next(sp.id for sp in rs.spaces if g.leadership(sp.id).get(weighted_faction.id, 0) > sum(g.influence_of(sp.id, weighted_faction.id).values()))
    text = " ".join(line for _k, line, _c in b.tooltips.space_lines(sid))
    lead = g.leadership(sid)[weighted_faction.id]
    assert f"→ {lead} for leadership" in text
    assert "Who leads is decided on these totals" in text and f"{weighted_faction.name} {lead}" in text
    assert f"{weighted_faction.name}'s soft power counts 2× here (Elite networks)" in text


def _space_tooltip(app: App, space: str) -> tuple[Game, str]:
    """The first human turn of a seeded game, and a space's tooltip there as one string."""
    g = game_at(app, 1, at_a_human_turn, 1)
    b = open_game(app, g, facilitator=False)
    return g, " ".join(line for _k, line, _c in b.tooltips.space_lines(space))


def test_a_space_tooltip_names_the_domain_an_ability_weighs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bishkek at the start: Russia's security counts double (CSTO umbrella, the Kant air
    base) — said for its own domain, not as soft power, whose own note is Generational
    shift's fixed +1."""
    app = make_app(tmp_path, monkeypatch)
    try:
        _g, text = _space_tooltip(app, "bishkek")
        assert "Russia's security counts 2× here (CSTO umbrella)" in text
        assert "Russia's soft power counts 2×" not in text
        assert "Russia's soft power adds 1 here (Generational shift)" in text
    finally:
        app.shutdown()


def test_a_space_tooltip_names_only_the_abilities_that_weigh_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Osh with Turkish security: Drone diplomacy counts it double there and is named; Middle
    Corridor, Türkiye's other leadership ability (trade in the Caspian ports), does nothing in
    Osh and is not (before stop 47 every leadership ability of the faction was named)."""
    from game.engine.tables import DOMAIN_INDEX

    app = make_app(tmp_path, monkeypatch)
    try:
        g = game_at(app, 1, at_a_human_turn, 1)
        t = g.t
        g.add_influence(t.space_index["osh"], t.faction_index["turkiye"], DOMAIN_INDEX["security"], 1, capped=False)
        b = open_game(app, g, facilitator=False)
        text = " ".join(line for _k, line, _c in b.tooltips.space_lines("osh"))
        assert "Türkiye's security counts 2× here (Drone diplomacy)" in text
        assert "Middle Corridor" not in text
    finally:
        app.shutdown()


def test_a_space_tooltip_leaves_the_action_bar_readable(app: App) -> None:
    """Hovering the lowest space on the map: its box stays above the action bar, so the
    prompt and the buttons it would have hidden (Diplomacy, Pass at 1600×900) stay in view."""
    g = game_at(app, 1, at_a_human_turn, 1)
    b = open_game(app, g, facilitator=False)
    sid = max(b.map.badges, key=lambda s: b.map.badges[s].rect.bottom)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=b.map.badges[sid].rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    steps(app, 2)
    assert b.hover_space == sid
    box = b.tooltips.space_box
    assert box is not None and box.height > 0
    assert box.bottom <= b.layout.bar.top, f"the box {box} covers the action bar {b.layout.bar}"


def test_a_space_tooltip_says_a_leadership_bonus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dushanbe at the start: a `leadership` modifier's fixed bonus is said in the space's
    tooltip for its own domain and ability (Russia's security +2, CSTO umbrella; Iran's soft
    power +2, Persian kinship), and the total it makes."""
    app = make_app(tmp_path, monkeypatch)
    try:
        g, text = _space_tooltip(app, "dushanbe")
        assert "Iran's soft power adds 2 here (Persian kinship)" in text
        assert "Russia's security adds 2 here (CSTO umbrella)" in text
        assert "counts 2×" not in text
        assert f"→ {g.leadership('dushanbe')['iran']} for leadership" in text
    finally:
        app.shutdown()


# ----- the keyboard ----------------------------------------------------------------------------------
def test_the_setup_screen_starts_a_game_from_the_keyboard_alone(app: App) -> None:
    """Enter opens New game; Tab, the arrows, typing and Enter choose a seed, tick the
    facilitator's box, make a second seat human and start — no mouse."""
    from game.ui.scenes.setup import SetupScene

    press(app, pygame.K_RETURN)
    setup = app.top
    assert isinstance(setup, SetupScene)
    rs = setup.rs
    assert rs is not None
    second = [f.id for f in rs.factions][1]

    def tab_to(key: str) -> None:
        for _ in range(len(setup.focus_items) + 1):
            if setup.focus_key == key:
                return
            press(app, pygame.K_TAB, frames=1)
        raise AssertionError(f"Tab never reached {key}")

    tab_to("seed")
    assert setup.seed_entry.is_focused
    type_text(app, "7")
    press(app, pygame.K_RETURN)  # Enter in the seed: on to the next control
    assert setup.focus_key == "facilitator" and not setup.seed_entry.is_focused
    press(app, pygame.K_SPACE)
    assert setup.facilitator_box.get_state()
    tab_to(f"seat-{second}")
    for _ in range(len(setup.options)):
        if setup.seats[second] == "human":
            break
        press(app, pygame.K_LEFT, frames=1)
    assert setup.seats[second] == "human"
    press(app, pygame.K_UP)
    press(app, pygame.K_DOWN)
    assert setup.focus_key == f"seat-{second}"
    tab_to("start")
    press(app, pygame.K_RETURN)
    b = board(app)
    g = b.session.game
    assert g.seed == 7 and g.seats[second] == "human" and app.settings.facilitator


def test_pass_asks_first_and_d_is_diplomacy(app: App) -> None:
    g = game_at(app, 1, lambda g: at_a_human_turn(g) and any(a.verb == "diplomacy" for a in g.legal_actions()), 4)
    b = open_game(app, g, facilitator=False)
    actor, steps_before = g.actor, len(g.actions)
    press(app, pygame.K_p)
    assert top_name(app) == "ConfirmDialog", "Pass asks before giving the turn away"
    press(app, pygame.K_ESCAPE)
    assert app.top is b and len(g.actions) == steps_before and g.actor == actor
    press(app, pygame.K_d)
    assert g.actions[steps_before].verb == "diplomacy"
    assert any("D" in (btn.tool_tip_text or "") for a, btn in b.action_bar.buttons) or not b.action_bar.buttons


def test_arrow_keys_move_across_the_map_by_geography(app: App) -> None:
    """On a lit space, → goes to the nearest lit space to the east, ← back west, and so on."""
    g = game_at(app, 1, lambda g: sum(1 for a in g.legal_actions() if a.verb == "place") >= 6 and g.seats.get(g.actor or "") == "human", 4)
    b = open_game(app, g, facilitator=False)
    spaces = [key for kind, key in b.input.focusables() if kind == "space"]
    assert len(spaces) >= 6
    centre = {sid: b.map.badges[sid].rect.center for sid in spaces}
    west = min(spaces, key=lambda sid: centre[sid][0])
    b.input.focus = b.input.focusables().index(("space", west))
    b.input.show_focus()
    seen = [west]
    for _ in range(len(spaces)):
        press(app, pygame.K_RIGHT, frames=1)
        now = b.input.focused()
        assert now is not None and now[0] == "space"
        if now[1] == seen[-1]:
            break  # nothing further east
        assert centre[now[1]][0] > centre[seen[-1]][0], "→ goes east"
        seen.append(now[1])
    assert len(seen) >= 2
    press(app, pygame.K_LEFT, frames=1)
    back = b.input.focused()
    assert back is not None and centre[back[1]][0] < centre[seen[-1]][0], "← goes west"
    for key, axis, sign in ((pygame.K_UP, 1, -1), (pygame.K_DOWN, 1, 1)):
        before = b.input.focused()
        press(app, key, frames=1)
        after = b.input.focused()
        assert after is not None and after[0] == "space"
        if after != before:
            assert (centre[after[1]][axis] - centre[before[1]][axis]) * sign > 0


# ----- the facilitator's undo ------------------------------------------------------------------------
def run_for(app: App, seconds: float) -> None:
    """The loop runs for a while by the clock (the bots play at no delay in these tests)."""
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.step()


def test_facilitator_undo_holds_the_bots_and_names_the_action_in_words(app: App) -> None:
    from game.ui.scenes.board import game_session, new_board
    from game.ui.scenes.facilitator import FacilitatorPanel

    rs = app.ruleset()
    assert rs is not None
    cards = {c.id for c in rs.cards}

    def bot_played_last(g: Game) -> bool:
        if g.round < 2 or g.stack or g.phase != "actions" or g.seats.get(g.actor or "") == "human":
            return False
        start = g.action_starts[-1] if g.action_starts else -1
        return start >= 0 and g.actions[start].verb == "play" and g.seats.get(next(st.actor for st in g.steps if st.position == start) or "") != "human"

    g = game_at(app, 1, bot_played_last, 3)
    app.settings.facilitator = True
    b = new_board(app, game_session(app.rules(), g))
    app.push(FacilitatorPanel(app, b))  # the panel is up before the bots get a frame
    before = len(g.actions)
    assert b.session.bot_to_act()
    run_for(app, 0.6)
    assert len(g.actions) == before, "no bot plays while the facilitator's panel is open"
    start = g.action_starts[-1]
    card = rs.cards[[c.id for c in rs.cards].index(g.actions[start].args[0])]
    words = b.session.last_action_words()
    assert f"'s play of {card.name}" in words and card.id not in words, words
    from test_ui_game import click

    click(app, "fac-undo")
    assert top_name(app) == "ConfirmDialog"
    click(app, "undo-action-yes")
    assert len(g.actions) == start
    assert any(f"Undone by the facilitator: {words}" == text for text, _t in b.toasts)
    assert not any(cid in text for text, _t in b.toasts for cid in cards)
    assert b.session.paused and top_name(app) == "PausedScene"
    run_for(app, 0.6)
    assert len(g.actions) == start, "the bot does not replay at once: the game waits for the facilitator"
    press(app, pygame.K_F2)
    assert top_name(app) == "FacilitatorPanel"
    press(app, pygame.K_F2)
    assert top_name(app) == "PausedScene", "F2 closes the panel over the pause"
    press(app, pygame.K_p)
    run_for(app, 0.6)
    assert len(g.actions) > start, "resumed, the bots play on"
