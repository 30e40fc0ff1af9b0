"""Mods in the desktop game: the setup screen's checkboxes and problems, a six-faction game,
saves that remember their mods, the mods' map shapes on every path into a game, and F5.
Also the summit overlay's year and the engine's words on hover."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from test_ui_game import board, click, element, make_app, play_until, press, steps, top_name  # noqa: E402

from game.engine import Action, Game  # noqa: E402
from game.ruleset import load_ruleset  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.scenes.board import board_layout, game_session, new_board  # noqa: E402
from game.ui.theme import Theme, faction_styles  # noqa: E402

BROKEN_MANIFEST = "id: half-done\nname: Half done\nversion: 0.1.0\n"
BROKEN_CARDS = "cards:\n  - id: a-new-card\n    name: A new card\n    faction: nobody\n    type: trade\n    cots: 1\n    ops: 2\n    event: []\n"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    a = make_app(tmp_path, monkeypatch)
    yield a
    a.shutdown()


# ----- the setup screen -----------------------------------------------------------------------------
def test_setup_lists_mods_with_their_problems_and_starts_a_six_faction_game(app: App, tmp_path: Path) -> None:
    broken = tmp_path / "mods" / "half-done"
    broken.mkdir(parents=True)
    (broken / "mod.yaml").write_text(BROKEN_MANIFEST, encoding="utf-8")
    (broken / "cards.yaml").write_text(BROKEN_CARDS, encoding="utf-8")
    app.reload_rules()  # F5 would do the same
    click(app, "new")
    assert top_name(app) == "SetupScene"
    problems = element(app, "mod-problems").html_text
    assert "half-done/cards.yaml:4:" in problems and "half-done/cards.yaml:6:5" in problems and "did you mean" in problems
    base = len(app.top.seats)  # type: ignore[union-attr]
    click(app, "mod-china")
    setup = app.top
    rs = setup.loaded.ruleset  # type: ignore[union-attr]
    assert rs is not None and len(rs.factions) == base + 1
    assert len(setup.seat_rows) == base + 1  # type: ignore[union-attr]
    styles = faction_styles(rs)
    assert len({s.emblem for s in styles.values()}) == len(styles) and len({s.pattern for s in styles.values()}) == len(styles)
    click(app, "start")
    b = board(app)
    assert len(b.rs.factions) == base + 1 and b.session.mods
    assert b.layout.factions.bottom < b.layout.log.top


@pytest.mark.parametrize("size", [(1280, 720), (1600, 900)])
@pytest.mark.parametrize("text_size", ["normal", "projector"])
def test_the_turn_order_panel_fits_six_factions(size: tuple[int, int], text_size: str) -> None:
    pygame.font.init()
    t = Theme(size, text_size)
    lay = board_layout(t, size, 6)
    assert lay.factions.bottom < lay.log.top
    assert lay.log.h >= t.font("small").get_linesize() * 4


# ----- saves with mods --------------------------------------------------------------------------------
def test_a_save_made_with_mods_loads_those_mods(app: App, tmp_path: Path) -> None:
    loaded = app.rules(("china",))
    assert loaded.ruleset is not None
    g = Game.new(loaded.ruleset, None, 3, {f.id: "random" for f in loaded.ruleset.factions})
    play_until(g, lambda g: len(g.actions) > 40)
    (tmp_path / "saves").mkdir(exist_ok=True)
    (tmp_path / "saves" / "six.json").write_text(g.to_json(), encoding="utf-8")
    click(app, "load")
    click(app, "load-ok")
    b = board(app)
    assert len(b.rs.factions) == len(loaded.ruleset.factions)
    assert [str(a) for a in b.session.game.actions[: len(g.actions)]] == [str(a) for a in g.actions]


def test_a_save_whose_mod_is_missing_says_which(app: App, tmp_path: Path) -> None:
    loaded = app.rules(("china",))
    assert loaded.ruleset is not None
    data = json.loads(Game.new(loaded.ruleset, None, 3, {}).to_json())
    data["mods"] = ["silk-road 2.0.0"]
    (tmp_path / "saves").mkdir(exist_ok=True)
    (tmp_path / "saves" / "missing.json").write_text(json.dumps(data), encoding="utf-8")
    click(app, "load")
    click(app, "load-ok")
    assert top_name(app) == "LoadDialog"
    assert "silk-road" in app.top.error and "not installed" in app.top.error  # type: ignore[union-attr]


def test_the_demo_with_a_map_mod_draws_its_shapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = {s.id for s in (load_ruleset().ruleset or pytest.fail("no base rules")).spaces}
    a = make_app(tmp_path, monkeypatch, demo=True, seed=3, mods=("caucasus",))
    try:
        b = board(a)
        new = {s.id for s in b.rs.spaces} - base
        assert new and b.session.geometry is not None
        steps(a, 2)
        assert b.map is not None and new <= set(b.map.space_ids) and new <= set(b.map.badges)
        # …and a save of that game, loaded from the menu, draws them too
        (tmp_path / "saves").mkdir(exist_ok=True)
        (tmp_path / "saves" / "c.json").write_text(b.session.game.to_json(), encoding="utf-8")
        press(a, pygame.K_ESCAPE)
        click(a, "pause-load")
        click(a, "load-ok")
        loaded = board(a)
        assert loaded is not b and new <= set(loaded.map.space_ids)  # type: ignore[union-attr]
    finally:
        a.shutdown()


def test_f5_reads_the_rules_again(app: App) -> None:
    click(app, "new")
    before = app.rulebook.generation
    press(app, pygame.K_F5)
    assert app.rulebook.generation == before + 1
    assert "read again" in app.top.error  # type: ignore[union-attr]
    click(app, "start")
    b = board(app)
    press(app, pygame.K_F5)
    assert any("next game" in text for text, _t in b.toasts)


# ----- the summit's year, the engine's words -------------------------------------------------------------
def test_the_summit_overlay_names_the_summits_own_year(app: App) -> None:
    from game.ui.scenes.summit import SummitScene

    rs = app.ruleset()
    assert rs is not None
    for seed in range(2, 40):
        g = Game.new(rs, None, seed, {f.id: "random" for f in rs.factions})
        play_until(g, lambda g: len(g.summits) >= 1)
        if g.summits and not g.over:
            break
    first = g.summits[0].round
    assert g.round > first, "the game has moved on to the next round"
    b = new_board(app, game_session(app.rules(), g))
    scene = app.push(SummitScene(app, b))
    assert scene.year == g.t.scenario.start_year + first - 1  # type: ignore[attr-defined]
    assert scene.check == g.summits[0].domination  # type: ignore[attr-defined]


def test_hover_says_why_not_in_the_engines_words(app: App) -> None:
    rs = app.ruleset()
    assert rs is not None
    for seed in range(12, 40):
        g = Game.new(rs, None, seed, {f.id: ("human" if i == 0 else "random") for i, f in enumerate(rs.factions)})
        play_until(g, lambda g: g.round >= 2 and g.phase == "actions" and not g.stack and g.actor == rs.factions[0].id)
        if not g.over:
            break
    b = new_board(app, game_session(app.rules(), g))
    steps(app, 2)
    hand = b.view.hand
    unplayable = [c for c in hand if c not in b.card_actions]
    for cid in unplayable:
        assert b.tooltips.card_note(cid) == "Not now: " + (g.why_not(Action("play", (cid,))) or "")
    # play a card for operations: spaces out of reach say why, in the engine's words
    play = next(a for a in g.legal_actions() if a.verb == "play")
    b.take(play)
    if any(a.verb == "ops" for a in g.legal_actions()):
        b.take(Action("ops"))
        lit = set(b.space_actions)
        dark = [s.id for s in rs.spaces if s.id not in lit]
        if lit and dark:
            verb = next(iter(b.space_actions.values()))[0].verb
            why = g.why_not(Action(verb, (dark[0],)))
            assert why and any(kind == "warn" and text == why for kind, text, _c in b.tooltips.space_lines(dark[0]))
