"""DESIGN §3: a round — world event, income, draw, actions, tension, summit, cleanup."""

from __future__ import annotations

import pytest

from game.engine import Game, IllegalAction
from game.ruleset.model import Crisis, WorldEvent

from builders import card, give, mini_ruleset, new_game, pass_until, play, start, with_settings

TENSION = {"track": "tension"}


def event(eid: str, *effects: dict, from_round: int = 1) -> WorldEvent:
    return WorldEvent(eid, eid.title(), tuple(effects), from_round=from_round, source="test")


def cards(*extra):
    base = tuple(card(f"{f}-{k}", f, t) for f in ("red", "blue", "green") for k, t in enumerate(("soft_power", "security", "trade")))
    return base + tuple(card(f"reg-{k}", None, "trade") for k in range(3)) + tuple(extra)


# ----- 1. world event -------------------------------------------------------------------------
def test_world_event_resolves_at_round_start():
    g = new_game(events=(event("boom", {"change_track": {"track": "tension", "by": 2}}),))
    assert g.tracks[0] == 4
    assert g.current_event == "boom"
    assert any("World event — Boom" in g.log_text(e) for e in g.log)


def test_world_event_waits_for_its_from_round():
    late = event("late", {"change_track": {"track": "tension", "by": 3}}, from_round=2)
    early = event("early", {"change_track": {"track": "unity", "by": 1}})
    for seed in range(5):
        g = new_game(seed=seed, events=(late, early))
        assert g.current_event == "early"


# ----- 2. income ---------------------------------------------------------------------------------
def test_income_is_base_plus_one_per_corridor_led():
    g = new_game(influence=(start("a1", "red", trade=2),))
    assert g.capital[:2] == [3 + 2 + 1, 3 + 2]


def test_blocked_corridor_earns_no_income():
    g = new_game(influence=(start("a1", "red", trade=2),), events=(event("block", {"block_corridor": {"corridor": "spine"}}),))
    assert g.capital[0] == 3 + 2


def test_income_modifier_adds_capital():
    from builders import faction

    rs = mini_ruleset(factions=(faction("red", ("gw-n",), modifiers=({"on": "income", "capital": 2},)), faction("blue", ("gw-s",))))
    g = Game.new(rs, seed=1)
    assert g.capital == [3 + 2 + 2, 3 + 2]


# ----- 3. draw -------------------------------------------------------------------------------------
def test_draw_fills_each_hand_to_hand_size_with_one_regional_card():
    g = new_game()
    for f in range(3):
        assert len(g.hands[f]) == 3
        assert sum(1 for c in g.hands[f] if g.t.card_owner[c] is None) == 1


# ----- 4. action rounds ------------------------------------------------------------------------
def test_each_faction_acts_once_in_each_of_three_action_rounds():
    g = new_game()
    actors = []
    for _ in range(9):
        actors.append(g.actor)
        g.apply("pass")
    assert sorted(actors) == sorted(["red", "blue", "green"] * 3)
    assert g.round == 2


def test_turn_order_is_lowest_vp_first_ties_by_scenario_order():
    g = new_game()
    assert g.view(None).turn_order == ("red", "blue", "green")
    g.vp[:] = [5, 0, 2]
    play(g, "pass", "pass", "pass")
    assert g.view(None).turn_order == ("blue", "green", "red")


def test_ops_pay_cost_and_place_up_to_ops_value():
    g = new_game(cards=cards(card("lecture", "red", "soft_power", cost=1, ops=2)))
    give(g, "red", "lecture")
    before = g.capital[0]
    play(g, "play lecture", "ops", "place a1", "place a1")
    assert g.capital[0] == before - 1
    assert g.influence_of("a1", "red")["soft_power"] == 2
    assert g.actor == "blue"


def test_ops_may_stop_early_with_done():
    g = new_game(cards=cards(card("lecture", "red", "soft_power", ops=3)))
    give(g, "red", "lecture")
    play(g, "play lecture", "ops", "place a1", "done")
    assert g.influence_of("a1", "red")["soft_power"] == 1
    assert g.actor == "blue"


def test_card_needs_enough_capital():
    g = new_game(cards=cards(card("costly", "red", "trade", cost=9)))
    give(g, "red", "costly")
    assert "play costly" not in map(str, g.legal_actions())


def test_reach_is_gateway_then_adjacency():
    g = new_game(cards=cards(card("lecture", "red", "soft_power", ops=2)))
    give(g, "red", "lecture")
    play(g, "play lecture", "ops")
    assert [str(a) for a in g.legal_actions()] == ["place a1", "done"]
    g.apply("place a1")
    assert [str(a) for a in g.legal_actions()] == ["place a1", "place a2", "place a3", "done"]


def test_trade_reaches_along_a_corridor_from_the_gateway():
    g = new_game(cards=cards(card("deal", "red", "trade", ops=1)))
    give(g, "red", "deal")
    play(g, "play deal", "ops")
    assert [str(a) for a in g.legal_actions()] == ["place a1", "place a2", "place b1", "done"]


def test_regional_faction_reaches_its_own_spaces_always():
    g = new_game(cards=cards(card("g-card", "green", "soft_power", ops=1)))
    play(g, "pass", "pass")
    give(g, "green", "g-card")
    play(g, "play g-card", "ops")
    assert [str(a) for a in g.legal_actions()] == ["place a1", "place a2", "place a3", "done"]


def test_security_ops_remove_rival_at_two_ops_each_and_raise_tension_once():
    g = new_game(
        cards=cards(card("raid", "red", "security", ops=4)),
        influence=(start("a1", "red", security=1), start("a1", "blue", trade=2)),
    )
    give(g, "red", "raid")
    tension = g.tracks[0]
    play(g, "play raid", "remove", "remove a1 blue")
    assert g.tracks[0] == tension + 1
    play(g, "remove a1 blue")
    assert g.influence_of("a1", "blue")["trade"] == 0
    assert g.tracks[0] == tension + 1
    assert g.actor == "blue"


def test_security_removal_needs_security_presence():
    g = new_game(cards=cards(card("raid", "red", "security", ops=4)), influence=(start("a1", "red", trade=1), start("a1", "blue", trade=2)))
    give(g, "red", "raid")
    g.apply("play raid")
    assert "remove" not in map(str, g.legal_actions())


def test_event_pays_cost_and_resolves_its_effects():
    ev = ({"gain_vp": {"amount": 2}}, {"change_track": {"track": "unity", "by": 1}})
    g = new_game(cards=cards(card("speech", "red", "soft_power", cost=2, event=ev)))
    give(g, "red", "speech")
    before = g.capital[0]
    play(g, "play speech", "event")
    assert (g.capital[0], g.vp[0], g.tracks[1]) == (before - 2, 2, 2)


def test_diplomacy_pays_one_capital_and_adds_soft_power_where_present():
    g = new_game(influence=(start("a2", "red", trade=1),))
    before = g.capital[0]
    play(g, "diplomacy")
    assert g.actor == "blue"  # a single target is taken at once; the turn is over
    assert g.influence_of("a2", "red")["soft_power"] == 1
    assert g.capital[0] == before - 1


def test_diplomacy_needs_influence_somewhere():
    g = new_game()
    assert "diplomacy" not in map(str, g.legal_actions())


def test_pass_gains_one_capital():
    g = new_game()
    before = g.capital[0]
    g.apply("pass")
    assert g.capital[0] == before + 1


def test_illegal_action_is_refused():
    g = new_game()
    with pytest.raises(IllegalAction):
        g.apply("place a1")


# ----- 5. tension and crises ---------------------------------------------------------------------
CRISIS = Crisis(
    "unrest", "Unrest", {"tag": "capital"},
    effects=({"change_track": {"track": "tension", "by": 1}},),
    intervention_cost=1,
    intervention=({"change_track": {"track": "tension", "by": -2}}, {"add_influence": {"domain": "security", "where": {"space": "this"}}}),
)  # fmt: skip


def crisis_game(**kw):
    return new_game(
        crises=(CRISIS,), tracks={"tension": 8, "unity": 0},
        influence=(start("a1", "red", security=2), start("b1", "red", security=2)), **kw,
    )  # fmt: skip


def test_crisis_strikes_at_tension_seven_and_most_security_may_intervene():
    g = crisis_game()
    pass_until(g, lambda g: g.actor == "red" and "intervene" in map(str, g.legal_actions()))
    seat = g.stack[-1][2]
    before = g.influence(seat, 0, 1)
    g.apply("intervene")
    assert g.influence(seat, 0, 1) == before + 1
    assert g.tracks[0] == 8 - 2 - 1  # intervention, then cleanup


def test_crisis_without_intervention_resolves_its_effects():
    g = crisis_game()
    pass_until(g, lambda g: "decline" in map(str, g.legal_actions()))
    g.apply("decline")
    assert g.tracks[0] == 8 + 1 - 1


def test_no_crisis_below_the_crisis_mark():
    g = new_game(crises=(CRISIS,), tracks={"tension": 6, "unity": 0}, influence=(start("a1", "red", security=2),))
    pass_until(g, lambda g: g.round == 2)
    assert g.current_crisis is None and g.tracks[0] == 5


def test_a_breakdown_loses_for_its_maker_and_the_best_placed_other_outside_power_wins():
    g = new_game(tracks={"tension": 9, "unity": 0}, cards=cards(card("provoke", "red", "security", event=({"change_track": {"track": "tension", "by": 1}},))))
    give(g, "red", "provoke")
    play(g, "play provoke", "event")
    assert g.over and g.outcome.kind == "breakdown" and g.outcome.breaker == "red"
    assert g.outcome.winner == "blue" and "Red" in g.outcome.reasons[0] and "Blue" in g.outcome.reasons[1]
    assert g.legal_actions() == []


# ----- 6. summits --------------------------------------------------------------------------------
def summit_game(summits=(1,), **kw):
    infl = (start("a1", "red", security=2, trade=2), start("a2", "red", security=2, trade=1), start("b2", "blue", trade=2))
    return new_game(influence=infl, summits=summits, **kw)


def test_summit_scores_four_per_dominated_and_two_per_aligned():
    g = summit_game()
    pass_until(g, lambda g: g.round == 2)
    assert g.vp[:2] == [4, 2]
    assert "dominates Alpha (4)" in g.summits[0].reasons["red"]


def test_regional_faction_scores_balanced_countries_and_its_track():
    g = new_game(summits=(1,), tracks={"tension": 0, "unity": 3})
    pass_until(g, lambda g: g.round == 2)
    assert g.vp[2] == 2 * 2 + 3


def test_domination_of_a_majority_of_countries_wins_at_once():
    g = summit_game(settings=with_settings(domination_countries=1))
    pass_until(g, lambda g: g.over)
    assert g.outcome.kind == "domination" and g.outcome.winner == "red" and g.outcome.round == 1


def test_an_outside_power_leading_every_other_faction_by_the_domination_lead_wins_at_a_summit():
    g = summit_game(settings=with_settings(domination_countries=2, domination_lead=2))
    pass_until(g, lambda g: g.over)
    assert g.vp[:3] == [4, 2, 1]
    assert g.outcome.kind == "domination" and g.outcome.winner == "red" and g.outcome.round == 1
    assert g.outcome.reasons[0] == "Domination emerged: Red leads every other outside power by 2 VP (a lead of 2 wins) and is ahead of Green."


def test_a_vp_lead_short_of_the_domination_lead_does_not_win():
    g = summit_game(settings=with_settings(domination_countries=2, domination_lead=3))
    pass_until(g, lambda g: g.round == 2)
    assert not g.over
    assert g.summits[0].domination == "Domination check: no outside power dominates 2 countries or leads every other outside power by 3 VP while ahead of Green."


def test_a_regional_faction_far_ahead_on_vp_does_not_win_by_domination():
    g = new_game(summits=(1,), tracks={"tension": 0, "unity": 3}, settings=with_settings(domination_lead=1))
    pass_until(g, lambda g: g.round == 2)
    assert g.vp[2] == 7 and not g.over


def test_the_domination_lead_is_counted_over_outside_powers_the_regional_faction_need_only_be_passed():
    g = summit_game(tracks={"tension": 0, "unity": 3}, settings=with_settings(domination_countries=2, domination_lead=2))
    pass_until(g, lambda g: g.over)
    assert g.vp[:3] == [4, 2, 3]  # Red is 2 ahead of Blue and only 1 ahead of Green, the regional faction
    assert g.outcome.kind == "domination" and g.outcome.winner == "red"


def test_a_vp_lead_does_not_win_unless_ahead_of_the_regional_faction():
    g = summit_game(tracks={"tension": 0, "unity": 4}, settings=with_settings(domination_countries=2, domination_lead=2))
    pass_until(g, lambda g: g.round == 2)
    assert g.vp[:3] == [4, 2, 4] and not g.over  # Red leads Blue by 2 but only ties Green


def test_no_domination_by_lead_when_the_setting_is_zero():
    g = summit_game(settings=with_settings(domination_countries=2))
    pass_until(g, lambda g: g.round == 2)
    assert g.vp[0] - max(g.vp[1:]) == 2 and not g.over


def test_a_vp_lead_wins_only_from_the_domination_lead_from_summit_on():
    settings = with_settings(domination_countries=2, domination_lead=2, domination_lead_from_summit=2)
    g = summit_game(summits=(1, 2), settings=settings)
    pass_until(g, lambda g: g.round == 2)
    assert g.vp[:3] == [4, 2, 1] and not g.over  # a winning lead, but at the first summit
    assert g.summits[0].domination == "Domination check: no outside power dominates 2 countries (a VP lead can win from summit 2 on)."
    pass_until(g, lambda g: g.over)
    assert g.outcome.kind == "domination" and g.outcome.winner == "red" and g.outcome.round == 2


def test_no_summit_outside_summit_rounds():
    g = summit_game()
    pass_until(g, lambda g: g.round == 3)
    assert len(g.summits) == 1


# ----- 7. cleanup --------------------------------------------------------------------------------
def test_cleanup_lowers_tension_by_one():
    g = new_game(tracks={"tension": 4, "unity": 0})
    pass_until(g, lambda g: g.round == 2)
    assert g.tracks[0] == 3


def test_cleanup_discards_down_to_hand_size():
    extra = tuple(card(f"x{k}", "red") for k in range(4))
    g = new_game(cards=cards(card("study", "red", "soft_power", event=({"draw": {"count": 2}},)), *extra))
    give(g, "red", "study", "red-0", "red-1")
    play(g, "play study", "event")
    assert len(g.hands[0]) == 4
    pass_until(g, lambda g: any(a.verb == "discard" for a in g.legal_actions()))
    assert g.actor == "red" and g.round == 1 and len(g.legal_actions()) == 4
    g.apply(g.legal_actions()[0])
    assert len(g.hands[0]) == 3 and g.round == 2


def test_round_end_modifier_resolves_at_cleanup():
    from builders import faction

    decline = {"on": "round_end", "effects": [{"for_each": {"spaces": {"influence_at_least": {"faction": "self", "domain": "soft_power", "amount": 3}},
               "do": [{"remove_influence": {"faction": "self", "domain": "soft_power", "where": {"space": "this"}}}]}}]}  # fmt: skip
    rs = mini_ruleset(factions=(faction("red", ("gw-n",), modifiers=(decline,)), faction("blue", ("gw-s",))),
                      influence=(start("a1", "red", soft_power=3), start("a2", "red", soft_power=2)))  # fmt: skip
    g = Game.new(rs, seed=1)
    pass_until(g, lambda g: g.round == 2)
    assert g.influence_of("a1", "red")["soft_power"] == 2
    assert g.influence_of("a2", "red")["soft_power"] == 2


def test_summit_modifier_resolves_after_a_summit_that_leaves_the_game_going():
    """`on: summit` effects resolve after each summit held (not in other rounds), once its
    scoring and domination check are done; `self` is the owner."""
    from builders import faction

    corridor_vp = {"on": "summit", "effects": [{"for_each": {"spaces": {"corridor": "spine", "leader": "self"}, "do": [{"gain_vp": {"amount": 1}}]}}]}
    held = (start("a1", "red", trade=2), start("a2", "red", trade=2), start("b2", "red", trade=2))

    def vp_by_round(modifiers: tuple[dict[str, object], ...]) -> list[int]:
        rs = mini_ruleset(factions=(faction("red", ("gw-n",), modifiers=modifiers), faction("blue", ("gw-s",))),
                          influence=held, summits=(2, 3))  # fmt: skip
        g = Game.new(rs, seed=1)
        out = []
        for r in (2, 3):
            pass_until(g, lambda g, r=r: g.round == r)
            out.append(g.vp[0])
        return out

    plain = vp_by_round(())
    assert vp_by_round((corridor_vp,)) == [plain[0], plain[1] + 2]  # a1 and a2 lie on the spine, b2 does not


# ----- the end ---------------------------------------------------------------------------------
def test_balance_emerges_after_the_last_round_and_most_vp_wins():
    g = new_game(rounds=1, summits=())
    g.vp[:] = [1, 9, 0]  # green's balance bonus (5) is not enough
    pass_until(g, lambda g: g.over)
    assert g.outcome.kind == "balance" and g.outcome.winner == "blue"
    assert g.outcome.reasons[0].startswith("Balance emerged")


def test_regional_faction_gains_bonus_when_the_region_index_is_60_or_more():
    even = (start("a1", "red", trade=1), start("b2", "blue", trade=1), start("a3", "green", trade=1))
    g = new_game(rounds=1, summits=(), influence=even)
    pass_until(g, lambda g: g.over)
    assert g.vp[2] == 5 and g.outcome.winner == "green"
    dominated = (start("a1", "red", security=3, trade=3), start("a2", "red", security=3, trade=3), start("a3", "green", trade=1))
    lopsided = new_game(rounds=1, summits=(), influence=dominated, settings=with_settings(domination_countries=1))
    pass_until(lopsided, lambda g: g.over)
    assert lopsided.balance_index() == 0.0 and lopsided.vp[2] == 0


def test_game_lasts_the_scenario_rounds():
    g = new_game(rounds=3)
    pass_until(g, lambda g: g.over)
    assert g.round == 3 and [h.round for h in g.history] == [0, 1, 2, 3]
