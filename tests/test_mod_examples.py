"""The example mods in mods/: each loads without a single problem, plays whole games, and
the `china` mod's six factions play through the same engine as five (nothing assumes five)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ai.play import play_game
from game.analysis.simulate import run
from game.ruleset import load_ruleset
from game.ruleset.model import Ruleset
from game.ruleset.mods import PROJECT_MODS_DIR

EXAMPLES = ("china", "caucasus", "seminar-short")


def loaded(*mods: str) -> Ruleset:
    result = load_ruleset(mods=list(mods))
    assert [str(p) for p in result.problems] == []
    assert result.ruleset is not None
    return result.ruleset


@pytest.mark.parametrize("mod", EXAMPLES)
def test_example_mod_loads_without_any_problem(mod: str) -> None:
    rules = loaded(mod)
    assert rules.mods == (f"{mod} 1.0.0",)
    assert (PROJECT_MODS_DIR / mod / "mod.yaml").is_file()


@pytest.mark.parametrize("mod", EXAMPLES)
def test_example_mod_plays_whole_games(mod: str) -> None:
    rules = loaded(mod)
    for scenario in rules.scenarios:
        seats = {f: "random" for f in scenario.factions}
        tally = run(rules, 2, 11, scenario.id, seats)
        assert tally.games == 2 and sum(tally.outcomes.values()) == 2


def test_the_example_mods_combine() -> None:
    rules = loaded(*EXAMPLES)
    assert len(rules.factions) == 6 and len(rules.countries) == 6
    assert rules.scenario("seminar").rounds == 2


def test_china_is_a_sixth_faction_in_the_default_scenario() -> None:
    rules = loaded("china")
    scenario = rules.scenario()
    assert len(scenario.factions) == 6 and "china" in scenario.factions
    china = next(f for f in rules.factions if f.id == "china")
    assert china.colour.upper() not in {f.colour.upper() for f in rules.factions if f.id != "china"}
    assert china.emblem not in {f.emblem for f in rules.factions if f.id != "china"}
    deck = [c for c in rules.cards if c.faction == "china"]
    assert len(deck) >= 7
    assert all(c.flavour and (c.source or c.hypothetical) for c in deck)


def test_six_factions_play_a_whole_game_and_each_acts() -> None:
    rules = loaded("china")
    seats = {f: "random" for f in rules.scenario().factions}
    game = play_game(rules, 5, seats)
    assert game.outcome is not None
    acted = {entry.faction for entry in game.log if entry.faction}
    assert set(seats) <= acted


def test_caucasus_puts_baku_on_the_board_and_the_map() -> None:
    result = load_ruleset(mods=["caucasus"])
    assert result.ruleset is not None and result.problems == []
    baku = next(s for s in result.ruleset.spaces if s.id == "baku")
    assert baku.is_capital and "caspian_port" in baku.tags
    (mod,) = result.mods
    assert mod.geometry is not None and "baku" in mod.geometry.data["spaces"]
    assert result.ruleset.settings.domination_countries == 4


def test_seminar_short_is_shorter(tmp_path: Path) -> None:
    base = load_ruleset().ruleset
    assert base is not None
    rules = loaded("seminar-short")
    assert rules.scenario("seminar").rounds < base.scenario("seminar").rounds
    assert len(rules.cards) < len(base.cards)
