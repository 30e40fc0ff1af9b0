"""Every illegal choice says why; every legal one has words for its button."""

from __future__ import annotations

from game.engine import Action, Game

from builders import card, give, mini_ruleset, new_game, pass_until, play, start


def test_out_of_reach_space_says_why():
    g = new_game(cards=(card("lecture", "red", ops=2), card("x", "blue"), card("y", "green")))
    give(g, "red", "lecture")
    play(g, "play lecture", "ops")
    assert g.why_not("place a1") is None
    assert "out of reach" in g.why_not("place b2")


def test_space_at_its_cap_says_why():
    from builders import faction

    rs = mini_ruleset(factions=(faction("red", ("gw-n",), modifiers=({"on": "influence_cap", "domain": "soft_power", "max": 1},)), faction("blue", ("gw-s",))),
                      influence=(start("a1", "red", soft_power=1),), cards=(card("lecture", "red", ops=2), card("x", "blue")))  # fmt: skip
    g = Game.new(rs, seed=1)
    give(g, "red", "lecture")
    play(g, "play lecture", "ops")
    assert "at its limit" in g.why_not("place a1")


def test_unaffordable_card_says_its_cost():
    g = new_game(cards=(card("costly", "red", cost=9), card("x", "blue"), card("y", "green")))
    give(g, "red", "costly")
    assert g.why_not("play costly") == f"Costly costs 9 capital; you have {g.capital[0]}."
    assert g.why_not("play nothing") == "That card is not in your hand."


def test_legal_actions_have_words():
    g = new_game(influence=(start("a1", "red", trade=1),))
    words = {str(a): g.describe(a) for a in g.legal_actions()}
    assert words["pass"] == "Pass (+1 capital)"
    assert any(w.startswith("Play ") and "(cost" in w for w in words.values())
    assert g.describe(Action.parse("remove a1 blue")) == "Remove Blue from A-one"


def test_choose_one_options_are_described_by_their_labels():
    ev = ({"choose_one": {"options": [{"label": "Money", "effects": []}, {"label": "Fame", "effects": []}]}},)
    g = new_game(cards=(card("ev", "red", event=ev), card("x", "blue"), card("y", "green")))
    give(g, "red", "ev")
    play(g, "play ev", "event")
    assert [g.describe(a) for a in g.legal_actions()] == ["Money", "Fame"]


def test_summit_record_keeps_the_domination_check():
    g = new_game(summits=(1,))
    pass_until(g, lambda g: g.round == 2)
    assert g.summits[0].domination.startswith("Domination check")


def test_the_prompt_offers_only_the_modes_the_card_has_and_counts_operations_in_words():
    from builders import card, give, new_game, play

    g = new_game(cards=(card("plain", "red", "trade", ops=1), card("x", "blue"), card("y", "green")))
    give(g, "red", "plain")
    play(g, "play plain")
    assert g.prompt().endswith("play Plain for operations?")
    play(g, "ops")
    assert "1 operation left" in g.prompt()
