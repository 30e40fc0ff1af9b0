"""The state is one declared value: a copy takes every field the way it is declared, the
hash covers every field declared to decide the game, and nothing else hides in a game."""

from __future__ import annotations

import functools
import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from game.engine import Game, Outcome
from game.engine.determinize import sample_world
from game.engine.rng import Rng
from game.engine.state import COPIED, HASHED, RECORDS, SHARED, STATE_FIELDS, GameState
from game.ruleset import load_ruleset

from builders import card, mini_ruleset, new_game, random_play, start

FIXTURES = Path(__file__).resolve().parent / "fixtures"
IMMUTABLE = (int, str, bool, tuple, frozenset, type(None), Outcome)


def undeclared(g: Game) -> set[str]:
    """Attributes of `g` that are neither declared state nor listed as derived."""
    return set(vars(g)) - set(STATE_FIELDS) - Game.DERIVED


@pytest.fixture
def played() -> Game:
    g = new_game()
    random_play(g, 60)
    return g


def test_a_game_holds_only_declared_state_and_derived_attributes(played):
    assert not undeclared(played)
    assert set(STATE_FIELDS) <= set(vars(played))


def test_an_undeclared_attribute_is_caught(played):
    played.scratch = 1  # type: ignore[attr-defined]
    assert undeclared(played) == {"scratch"}


def test_every_state_field_says_how_it_copies_and_whether_it_is_hashed():
    for f in fields(GameState):
        assert f.metadata["copy"] in ("shared", "list", "lists", "dict", "set", "rng"), f.name
        assert isinstance(f.metadata["hashed"], bool), f.name


def test_shared_fields_hold_immutable_values(played):
    for f in fields(GameState):
        if f.metadata["copy"] == SHARED:
            assert isinstance(getattr(played, f.name), IMMUTABLE), f.name


def test_a_copy_shares_no_mutable_state(played):
    c = played.copy()
    for name, _ in COPIED:
        mine, theirs = getattr(played, name), getattr(c, name)
        assert mine is not theirs, name
        if isinstance(mine, list) and mine and isinstance(mine[0], list):
            assert all(a is not b for a, b in zip(mine, theirs, strict=True)), name
    random_play(c, 40)
    assert played.state_hash() != c.state_hash()
    assert not undeclared(played) and not undeclared(c)


@pytest.mark.parametrize("how", ["copy", "scratch"])
def test_a_copy_takes_every_field_as_it_is_declared(played, how):
    """`copy_state` is written out field by field (compiled, each line is a store into a C
    struct): a field it forgets, shares or copies the wrong way is caught here."""
    c = getattr(played, how)()
    assert set(vars(c)) == set(vars(played))
    for f in fields(GameState):
        mine, theirs = getattr(played, f.name), getattr(c, f.name)
        if how == "scratch" and f.name in RECORDS:
            assert theirs == RECORDS[f.name](), f.name  # a scratch copy starts its records empty
        elif how == "scratch" and f.name == "records":
            assert theirs is False
        elif f.metadata["copy"] == SHARED:
            assert theirs is mine, f.name
        elif isinstance(mine, Rng):
            assert theirs is not mine and theirs.state == mine.state
        else:
            assert theirs is not mine and theirs == mine, f.name
    for name in Game.DERIVED:
        assert getattr(c, name) is getattr(played, name), name  # never changed in place: shared


def _changed(value: Any) -> Any:
    """A different value of the same kind."""
    if isinstance(value, Rng):
        r = value.copy()
        r.next64()
        return r
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, list):
        return [*value, value[0]] if value else [0]
    if isinstance(value, dict):
        return {**value, "changed": 99}
    if value is None:
        return Outcome("balance", None, ())
    raise AssertionError(f"no change for {value!r}")


@pytest.mark.parametrize("name", HASHED)
def test_every_hashed_field_moves_the_hash(played, name):
    c = played.copy()
    setattr(c, name, _changed(getattr(c, name)))
    assert c.state_hash() != played.state_hash()


def test_fields_left_out_of_the_hash_do_not_move_it(played):
    c = played.copy()
    for f in fields(GameState):
        if not f.metadata["hashed"] and f.name != "seats":
            setattr(c, f.name, _changed(getattr(c, f.name)) if not isinstance(getattr(c, f.name), set) else {999})
    assert c.state_hash() == played.state_hash()


def v1_ruleset():  # type: ignore[no-untyped-def]
    """The rules `fixtures/saves/v1-mini.json` was played with (every card's event removes a
    rival's influence, so its log holds `choose <space>/<faction>` steps)."""
    ev = ({"remove_influence": {"faction": "rival", "where": {"country": "alpha"}}},)
    cards = tuple(card(f"{f}-{k}", f, "soft_power", event=ev) for f in ("red", "blue", "green") for k in range(4))
    influence = (start("a1", "blue", trade=2), start("a2", "green", soft_power=2), start("a3", "red", trade=2))
    return mini_ruleset(cards=cards, influence=influence)


def test_a_version_1_save_still_loads_with_its_old_notation():
    """Written by the version-1 code (commit e25019e) of the same rules."""
    text = (FIXTURES / "saves" / "v1-mini.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1 and any("/" in a for a in data["actions"])
    rules = v1_ruleset()
    g = Game.from_json(rules, text)
    assert len(g.actions) == len(data["actions"]) and "choose a2 green" in map(str, g.actions)
    assert g.reasons == {int(k): v for k, v in data["reasons"].items()}
    again = json.loads(g.to_json())
    assert again["version"] == 2 and Game.from_json(rules, g.to_json()).state_hash() == g.state_hash()


# ----- scratch copies: what bots look ahead in ---------------------------------------------------
@functools.cache
def base_rules() -> Any:
    result = load_ruleset()
    assert result.ruleset is not None
    return result.ruleset


def _same_game(a: Game, b: Game) -> None:
    """Everything that decides the game, and what the bots read of it, is the same."""
    assert a.state_hash() == b.state_hash()
    assert a.legal_actions() == b.legal_actions()
    assert (a.outcome and (a.outcome.kind, a.outcome.winner, a.outcome.breaker, a.outcome.route)) == (
        b.outcome and (b.outcome.kind, b.outcome.winner, b.outcome.breaker, b.outcome.route)
    )
    assert [(r.round, r.scores, r.sphere) for r in a.summits] == [(r.round, r.scores, r.sphere) for r in b.summits]
    assert (a.presence, a.secret_discards, a.current_event, a.current_crisis) == (
        b.presence, b.secret_discards, b.current_event, b.current_crisis
    )
    assert a.board() == b.board()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_scratch_copy_plays_on_exactly_as_a_full_copy(seed):
    """Whole base games from a few steps in, summits, crises and round ends included."""
    g = Game.new(base_rules(), seed=seed)
    random_play(g, 5, seed=seed)
    full, scratch = g.copy(), g.scratch()
    rng = Rng(seed)
    while not full.over:
        _same_game(full, scratch)
        legal = full.legal_actions()
        a = legal[rng.below(len(legal))]
        full.apply(a)
        scratch.apply(a)
        if rng.below(10) == 0:
            scratch = scratch.copy()  # a scratch copy's copies are scratch copies too
            assert not scratch.records
    _same_game(full, scratch)
    assert full.log and full.history and not scratch.log and not scratch.history and not scratch.steps


def test_looking_ahead_leaves_the_real_games_records_alone():
    g = Game.new(base_rules(), seed=4)
    random_play(g, 30)
    records = (list(g.actions), list(g.steps), list(g.log), list(g.history), dict(g.reasons), g.state_hash())
    s = g.scratch()
    random_play(s, 200)
    assert s.round > g.round and s.records is False and g.records is True
    assert (g.actions, g.steps, g.log, g.history, g.reasons, g.state_hash()) == records


def test_a_sampled_world_is_a_scratch_copy():
    g = Game.new(base_rules(), seed=5)
    random_play(g, 30)
    viewer = g.actor
    assert viewer is not None
    w = sample_world(g, viewer, Rng(1))
    assert not w.records and w.log == [] and w.history == [] and w.actions == []
    assert g.records and g.log
    w.apply(w.legal_actions()[0])
    assert not w.can_undo()  # a scratch copy has no record to replay
