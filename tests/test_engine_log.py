"""The action log is the truth: determinism, saves, undo, and what each faction may see."""

from __future__ import annotations

import json

import pytest

from game.engine import Action, Game, IllegalAction, SaveError
from game.engine.messages import render

from builders import card, give, mini_ruleset, new_game, play, random_play, start


def test_same_seed_and_actions_give_the_same_game():
    a, b = new_game(seed=5), new_game(seed=5)
    random_play(a, 120)
    for act in a.actions:
        b.apply(act)
    assert a.state_hash() == b.state_hash()
    assert [a.log_text(e) for e in a.log] == [b.log_text(e) for e in b.log]


def test_different_seeds_deal_different_hands():
    hands = {tuple(new_game(seed=s).hands[0]) for s in range(8)}
    assert len(hands) > 1


def test_save_and_load_restore_the_game_exactly():
    rs = mini_ruleset()
    g = Game.new(rs, seed=9, seats={"red": "human", "blue": "random"})
    random_play(g, 70)
    back = Game.from_json(rs, g.to_json())
    assert back.state_hash() == g.state_hash()
    assert back.seats == g.seats and back.actions == g.actions


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "not complete JSON"),
        ('{"format": "center-of-gravity-save", "version": 1, "seed": 1', "not complete JSON"),
        ("[1, 2, 3]", "not a Center of Gravity save"),
        ('{"format": "something-else"}', "not a Center of Gravity save"),
        ('{"format": "center-of-gravity-save", "version": 99}', "version 99"),
        ('{"format": "center-of-gravity-save", "version": 1, "seed": "x"}', "damaged"),
    ],
)
def test_bad_save_gives_one_clear_sentence(text, words):
    with pytest.raises(SaveError) as err:
        Game.from_json(mini_ruleset(), text)
    assert words in str(err.value)


def test_save_with_an_illegal_step_is_refused():
    rs = mini_ruleset()
    g = Game.new(rs, seed=2)
    data = json.loads(g.to_json())
    data["actions"] = ["pass", "place nowhere"]
    data.pop("state_hash")
    with pytest.raises(SaveError, match="step 2"):
        Game.from_json(rs, json.dumps(data))


def test_tampered_save_does_not_match_its_hash():
    rs = mini_ruleset()
    g = Game.new(rs, seed=2)
    random_play(g, 10)
    data = json.loads(g.to_json())
    data["actions"] = data["actions"][:-1]
    with pytest.raises(SaveError, match="does not reach the state it recorded"):
        Game.from_json(rs, json.dumps(data))


def test_save_from_other_rules_is_refused():
    g = new_game()
    other = mini_ruleset(rounds=5)
    from dataclasses import replace

    with pytest.raises(SaveError, match="different rules"):
        Game.from_json(replace(other, identity="other"), g.to_json())


def test_undo_takes_back_a_placement_within_the_turn():
    g = new_game(cards=(card("lecture", "red", ops=3), card("x", "blue"), card("y", "green")))
    give(g, "red", "lecture")
    play(g, "play lecture", "ops", "place a1")
    before = g.state_hash()
    g.apply("place a2")
    assert g.can_undo()
    g.undo()
    assert g.state_hash() == before and g.actor == "red"


def test_undo_takes_back_choosing_a_card_before_it_is_revealed():
    g = new_game()
    first = g.state_hash()
    g.apply(g.legal_actions()[0])
    assert g.can_undo()
    g.undo()
    assert g.state_hash() == first


def test_undo_never_crosses_a_revealed_card():
    g = new_game(cards=(card("lecture", "red", ops=3), card("x", "blue"), card("y", "green")))
    give(g, "red", "lecture")
    play(g, "play lecture", "ops")
    assert not g.can_undo()
    with pytest.raises(IllegalAction):
        g.undo()


def test_undo_never_crosses_another_factions_turn():
    g = new_game()
    g.apply("pass")
    assert g.actor == "blue" and not g.can_undo()


def test_undo_never_crosses_a_random_draw():
    ev = ({"draw": {"count": 1}},)
    g = new_game(cards=(card("study", "red", event=ev), card("a", "red"), card("b", "red"), card("c", "red"), card("x", "blue"), card("y", "green")))
    give(g, "red", "study")
    play(g, "play study", "event")
    assert not g.can_undo()


def test_view_shows_own_hand_and_hides_the_others():
    g = new_game()
    red = g.view("red")
    assert len(red.hand) == 3 and red.hand_sizes == {"red": 3, "blue": 3, "green": 3}
    public = g.view(None)
    assert public.hand == () and public.legal == ()
    blue_cards = {g.t.cards[c].id for c in g.hands[1]}
    assert not blue_cards & set(red.hand)
    assert not any(cid in repr(m) for m in red.log for cid in blue_cards)


def test_log_shows_drawn_card_names_only_to_the_drawer():
    g = new_game()
    red_names = [g.t.cards[c].name for c in g.hands[0]]
    red_log, blue_log = ("\n".join(render(g.t.ruleset, m) for m in g.view(f).log) for f in ("red", "blue"))
    assert all(name in red_log for name in red_names)
    assert "Red draws 3 cards." in blue_log


def test_view_lists_legal_actions_only_for_the_actor():
    g = new_game()
    assert g.view("red").legal and not g.view("blue").legal


def test_action_notation_round_trips():
    for text in ("play some-card", "place a1", "remove a1 blue", "choose a1 blue", "choose 2", "pass"):
        a = Action.parse(text)
        assert str(a) == text and eval(repr(a)) == a


def test_copy_is_independent():
    g = new_game(influence=(start("a1", "red", trade=1),))
    c = g.copy()
    random_play(c, 40)
    assert g.state_hash() != c.state_hash()
    assert g.actions == [] and len(c.actions) > 0
