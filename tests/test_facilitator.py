"""Facilitator controls in the engine: inject an event, undo a whole action, fork a
round, and keep players' reasons — all surviving save and load."""

from __future__ import annotations

import pytest

from game.engine import Game, IllegalAction
from game.ruleset.model import WorldEvent

from builders import card, mini_ruleset, new_game, pass_until, play

QUAKE = WorldEvent("quake", "Quake", ({"change_track": {"track": "tension", "by": 3}},), from_round=9)


def test_inject_event_resolves_it_between_actions_and_is_replayed():
    rs = mini_ruleset(events=(QUAKE,))
    g = Game.new(rs, seed=1)
    g.apply("pass")
    tension = g.tracks[0]
    g.inject_event("quake")
    assert g.tracks[0] == tension + 3
    assert any("facilitator injects" in g.log_text(e) for e in g.log)
    back = Game.from_json(rs, g.to_json())
    assert back.state_hash() == g.state_hash()


def test_inject_is_refused_mid_action_and_for_unknown_events():
    g = new_game(events=(QUAKE,))
    g.apply(g.legal_actions()[0])  # a card chosen: mid-action
    with pytest.raises(IllegalAction):
        g.inject_event("quake")
    with pytest.raises(IllegalAction):
        new_game().inject_event("nothing")


def test_undo_action_takes_back_a_whole_action_even_past_a_reveal():
    g = new_game(cards=(card("lecture", "red", ops=2), card("x", "blue"), card("y", "green")))
    play(g, "play lecture", "ops", "place a1")
    g.undo()  # a player may take back the placement …
    assert not g.can_undo()  # … but not the card, which everyone has seen
    g.undo_action()
    assert g.actor == "red" and g.actions == [] and g.influence_of("a1", "red")["soft_power"] == 0


def test_undo_action_goes_back_to_the_previous_turn_when_nothing_was_done_yet():
    g = new_game()
    play(g, "pass", "pass")
    assert g.actor == "green"
    g.undo_action()
    assert g.actor == "blue" and len(g.actions) == 1


def test_fork_starts_a_new_game_at_an_earlier_round():
    g = new_game(rounds=3)
    pass_until(g, lambda g: g.round == 3)
    fork = g.fork(2)
    assert fork.round == 2 and fork.action_round == 1 and fork.actor == fork.view(None).turn_order[0]
    assert fork.state_hash() != g.state_hash()
    assert g.fork(1).actions == []
    with pytest.raises(IllegalAction):
        g.fork(5)


def test_reasons_are_kept_with_the_action_and_saved():
    rs = mini_ruleset()
    g = Game.new(rs, seed=3)
    g.apply("pass")
    g.set_reason("Saving capital for the summit.")
    back = Game.from_json(rs, g.to_json())
    assert back.reasons == {0: "Saving capital for the summit."}
