"""The effect and modifier vocabulary: each effect and each modifier hook does what its
description in game/ruleset/vocabulary.py says."""

from __future__ import annotations

from game.engine import Game
from game.ruleset.model import WorldEvent

from builders import card, faction, give, mini_ruleset, new_game, pass_until, play, start


def cards(*extra):
    base = tuple(card(f"{f}-{k}", f, t) for f in ("red", "blue", "green") for k, t in enumerate(("soft_power", "security", "trade")))
    return base + tuple(card(f"reg-{k}", None, "trade") for k in range(3)) + tuple(extra)


def event_game(*effects, **kw):
    """Red holds one card whose event is `effects`, ready to play."""
    g = new_game(cards=cards(card("ev", "red", "soft_power", event=tuple(effects))), **kw)
    give(g, "red", "ev")
    play(g, "play ev", "event")
    return g


def legal(g):
    return [str(a) for a in g.legal_actions()]


# ----- effects -------------------------------------------------------------------------------
def test_add_influence_asks_for_a_space_per_unit():
    g = event_game({"add_influence": {"domain": "trade", "amount": 2, "where": {"country": "beta"}}})
    assert legal(g) == ["choose b1", "choose b2"]
    play(g, "choose b1", "choose b2")
    assert g.influence_of("b1", "red")["trade"] == 1 and g.influence_of("b2", "red")["trade"] == 1


def test_add_influence_with_one_matching_space_needs_no_choice():
    g = event_game({"add_influence": {"domain": "trade", "amount": 2, "where": {"space": "b2"}}})
    assert g.influence_of("b2", "red")["trade"] == 2 and g.actor == "blue"


def test_add_influence_spread_adds_everywhere():
    g = event_game({"add_influence": {"faction": "blue", "domain": "security", "where": {"country": "alpha"}, "spread": True}})
    assert [g.influence_of(s, "blue")["security"] for s in ("a1", "a2", "a3")] == [1, 1, 1]


def test_remove_influence_of_the_leader():
    g = event_game(
        {"remove_influence": {"faction": "leader", "amount": 1, "where": {"space": "a1"}}},
        influence=(start("a1", "blue", trade=3),),
    )
    assert g.influence_of("a1", "blue")["trade"] == 2


def test_remove_influence_of_a_chosen_rival():
    g = event_game(
        {"remove_influence": {"faction": "rival", "where": {"country": "alpha"}}},
        influence=(start("a1", "blue", trade=1), start("a2", "green", soft_power=1)),
    )
    assert legal(g) == ["choose a1 blue", "choose a2 green"]
    g.apply("choose a2 green")
    assert g.influence_of("a2", "green")["soft_power"] == 0


def test_remove_influence_never_goes_below_zero():
    g = event_game({"remove_influence": {"faction": "blue", "amount": 5, "where": {"space": "a1"}, "spread": True}},
                   influence=(start("a1", "blue", trade=1),))  # fmt: skip
    assert g.influence_of("a1", "blue")["trade"] == 0


def test_move_influence_from_one_space_to_another():
    g = event_game({"move_influence": {"domain": "trade", "from": {"country": "alpha"}, "to": {"country": "beta"}}},
                   influence=(start("a1", "red", trade=2),))  # fmt: skip
    play(g, "choose b2")  # the only source is taken at once
    assert g.influence_of("a1", "red")["trade"] == 1 and g.influence_of("b2", "red")["trade"] == 1


def test_change_track_stays_within_limits():
    g = event_game({"change_track": {"track": "unity", "by": 9}})
    assert g.tracks[1] == 5


def test_gain_capital_never_below_zero():
    g = event_game({"gain_capital": {"faction": "blue", "amount": -99}})
    assert g.capital[1] == 0


def test_gain_vp():
    g = event_game({"gain_vp": {"amount": 3}})
    assert g.vp[0] == 3


def test_draw_adds_cards_to_hand():
    g = event_game({"draw": {"count": 2}})
    assert len(g.hands[0]) == 2


def test_choose_one_resolves_the_chosen_option():
    g = event_game({"choose_one": {"options": [
        {"label": "Money", "effects": [{"gain_capital": {"amount": 5}}]},
        {"label": "Fame", "effects": [{"gain_vp": {"amount": 1}}]},
    ]}})  # fmt: skip
    assert legal(g) == ["choose 1", "choose 2"] and "1. Money" in g.prompt()
    g.apply("choose 2")
    assert g.vp[0] == 1


def test_choose_one_offers_only_the_options_that_would_do_something():
    """An option with nothing to act on (no rival influence to remove) is not offered — the
    one left resolves at once; if no option would act, every option is offered."""
    remove = {"label": "Push", "effects": [{"remove_influence": {"faction": "rival", "where": {"country": "beta"}}}]}
    vp = {"label": "Fame", "effects": [{"gain_vp": {"amount": 1}}]}
    g = event_game({"choose_one": {"options": [remove, vp]}})
    assert g.vp[0] == 1 and g.actor == "blue"
    pushed = event_game({"choose_one": {"options": [remove, vp]}}, influence=(start("b1", "blue", trade=1),))
    assert legal(pushed) == ["choose 1", "choose 2"]
    idle = dict(remove, label="Push again")
    assert legal(event_game({"choose_one": {"options": [remove, idle]}})) == ["choose 1", "choose 2"]


def test_for_each_space_binds_this():
    g = event_game({"for_each": {"spaces": {"country": "beta"}, "do": [{"add_influence": {"domain": "trade", "where": {"space": "this"}}}]}})
    assert g.influence_of("b1", "red")["trade"] == 1 and g.influence_of("b2", "red")["trade"] == 1


def test_a_condition_of_map_and_game_terms_selects_exactly_the_spaces_where_all_hold():
    # the map terms narrow the spaces tried; the game terms are still read at each of them
    from game.engine.conditions import holds_at, space_mask
    from game.engine.context import Ctx

    g = new_game(cards=cards(), influence=(start("a1", "red", trade=3), start("a2", "red", trade=3), start("b1", "red", trade=3)))
    red = g.t.faction_index["red"]
    conds = [
        {"country_tag": "pact", "leader": "self"},
        {"tag": "capital", "leader": "self"},
        {"not": {"country": "alpha"}, "leader": "self"},
        {"any": [{"space": "a3"}, {"tag": "port"}], "contested": False},
    ]
    for cond in conds:
        brute = sum(1 << s for s in range(g.t.n_spaces) if holds_at(g, cond, Ctx(red), s))
        assert space_mask(g, cond, Ctx(red)) == brute, cond
    assert space_mask(g, conds[0], Ctx(red)) == (1 << g.t.space_index["a1"]) | (1 << g.t.space_index["a2"])
    assert space_mask(g, conds[2], Ctx(red)) == 1 << g.t.space_index["b1"]
    # read again and again, a condition's map terms are remembered once, not once a reading
    remembered = len(g.t._static_masks) + len(g.t._static_terms)
    for _ in range(3):
        for cond in conds:
            space_mask(g, cond, Ctx(red))
    assert len(g.t._static_masks) + len(g.t._static_terms) == remembered


def test_for_each_faction_binds_this():
    g = event_game({"for_each": {"factions": "all", "do": [{"gain_capital": {"faction": "this", "amount": -99}}]}})
    assert g.capital == [0, 0, 0]


def test_if_takes_then_or_else():
    cond = {"track_at_least": {"track": "unity", "value": 1}}
    g = event_game({"if": {"condition": cond, "then": [{"gain_vp": {"amount": 2}}], "else": [{"gain_vp": {"amount": 1}}]}})
    assert g.vp[0] == 2
    g = event_game({"if": {"condition": {"not": cond}, "then": [{"gain_vp": {"amount": 2}}], "else": [{"gain_vp": {"amount": 1}}]}})
    assert g.vp[0] == 1


def test_scenario_rounds_at_most_holds_only_in_a_game_that_short():
    """`scenario_rounds_at_most: N` tests the scenario's length, not the round under way: an
    ability may act differently in a short game (Kazakhstan's Pursuit of balance does)."""
    short = {"if": {"condition": {"scenario_rounds_at_most": 3}, "then": [{"gain_vp": {"amount": 2}}], "else": [{"gain_vp": {"amount": 1}}]}}
    assert event_game(short, rounds=3).vp[0] == 2
    assert event_game(short, rounds=4).vp[0] == 1


def test_if_with_a_space_condition_means_some_space():
    g = event_game({"if": {"condition": {"leader": "blue", "country": "beta"}, "then": [{"gain_vp": {"amount": 1}}]}},
                   influence=(start("b2", "blue", trade=2),))  # fmt: skip
    assert g.vp[0] == 1


def test_add_modifier_lasts_its_rounds():
    bonus = {"on": "income", "capital": 4}
    g = event_game({"add_modifier": {"modifier": bonus, "rounds": 2, "label": "Aid"}})
    before = g.capital[0]
    pass_until(g, lambda g: g.round == 2)
    assert g.capital[0] == before + 2 + 4 + 2  # two passes, base income, bonus
    before = g.capital[0]
    pass_until(g, lambda g: g.round == 3)
    assert g.capital[0] == before + 3 + 2  # three passes and base income: the bonus expired


def test_set_flag_switches_off_a_modifier_with_unless():
    toll = {"on": "place_influence", "domain": "trade", "extra_cost": 2, "unless": {"flag": "deal"}}
    rs = mini_ruleset(factions=(faction("red", ("gw-n",), modifiers=(toll,)), faction("blue", ("gw-s",))),
                      cards=cards(card("deal", "red", "trade", ops=1), card("sign", "red", "soft_power", event=({"set_flag": {"flag": "deal"}},))))  # fmt: skip
    g = Game.new(rs, seed=1)
    give(g, "red", "deal")
    before = g.capital[0]
    play(g, "play deal", "ops", "place a1")
    assert g.capital[0] == before - 2
    g2 = Game.new(rs, seed=1)
    give(g2, "red", "sign", "deal")
    play(g2, "play sign", "event")
    assert "deal" in g2.flags
    play(g2, "pass")
    give(g2, "red", "deal")
    before = g2.capital[0]
    play(g2, "play deal", "ops", "place a1")
    assert g2.capital[0] == before


def test_ask_consent_yes_runs_then_and_partner_gains():
    g = event_game({"ask_consent": {"faction": "blue", "then": [{"gain_vp": {"amount": 2}}], "otherwise": [{"gain_vp": {"amount": 1}}],
                                    "partner_gains": [{"gain_capital": {"amount": 3}}]}})  # fmt: skip
    assert g.actor == "blue" and legal(g) == ["yes", "no"]
    before = g.capital[1]
    g.apply("yes")
    assert g.vp[0] == 2 and g.capital[1] == before + 3


def test_ask_consent_no_runs_otherwise():
    g = event_game({"ask_consent": {"faction": "blue", "then": [{"gain_vp": {"amount": 2}}], "otherwise": [{"gain_vp": {"amount": 1}}]}})
    g.apply("no")
    assert g.vp[0] == 1


def test_ask_consent_of_a_faction_not_in_play_is_a_refusal():
    g = event_game({"ask_consent": {"faction": "nobody", "then": [{"gain_vp": {"amount": 2}}], "otherwise": [{"gain_vp": {"amount": 1}}]}})
    assert g.vp[0] == 1


def test_develop_corridor_adds_income_for_its_leaders():
    g = event_game({"develop_corridor": {"corridor": "spine", "by": 2}}, influence=(start("a1", "red", trade=2),))
    before = g.capital[0]
    pass_until(g, lambda g: g.round == 2)
    assert g.capital[0] == before + 2 + 2 + 1 + 2  # two passes, base, corridor, development


def test_world_event_choices_are_made_by_the_game_generator():
    ev = WorldEvent("quake", "Quake", ({"add_influence": {"faction": "blue", "domain": "security", "where": {"country": "alpha"}}},))
    totals = set()
    for seed in range(6):
        g = new_game(seed=seed, events=(ev,))
        totals.add(tuple(g.influence_of(s, "blue")["security"] for s in ("a1", "a2", "a3")))
    assert all(sum(t) == 1 for t in totals) and len(totals) > 1


# ----- modifiers -------------------------------------------------------------------------------
def mod_game(*mods, who="red", **kw):
    rs = mini_ruleset(factions=(faction("red", ("gw-n",), modifiers=mods), faction("blue", ("gw-s",))),
                      cards=cards(card("op", who, "soft_power", ops=1), card("sec", who, "security", ops=2, cost=1)), **kw)  # fmt: skip
    return Game.new(rs, seed=1)


def test_ops_bonus_applies_only_where_its_condition_holds():
    g = mod_game({"on": "place_influence", "domain": "soft_power", "where": {"space": "a2"}, "ops_bonus": 1},
                 influence=(start("a1", "red", trade=1),))  # fmt: skip
    give(g, "red", "op")
    play(g, "play op", "ops", "place a1")
    assert legal(g) == ["place a2", "done"]  # the bonus op is only for a2
    g.apply("place a2")
    assert g.actor == "blue"


def test_extra_cost_is_paid_once_per_card_play():
    g = mod_game({"on": "place_influence", "domain": "soft_power", "extra_cost": 1}, influence=(start("a1", "red", trade=1),))
    give(g, "red", "op")
    before = g.capital[0]
    play(g, "play op", "ops", "place a1")
    assert g.capital[0] == before - 1


def test_a_toll_is_paid_to_the_owner_of_the_ability_once_per_card_play():
    toll = {"on": "place_influence", "who": "red", "domain": "soft_power", "extra_cost": 2, "toll": True}
    rs = mini_ruleset(factions=(faction("red", ("gw-n",)), faction("blue", ("gw-s",), modifiers=(toll,))),
                      cards=cards(card("op", "red", "soft_power", ops=2)), influence=(start("a1", "red", trade=1),))  # fmt: skip
    g = Game.new(rs, seed=1)
    give(g, "red", "op")
    red, blue = g.capital
    play(g, "play op", "ops", "place a1", "place a1")
    assert g.capital == [red - 2, blue + 2]
    paid = [e.message.args for e in g.log if e.message.id == "pays_toll"]
    assert [(p["faction"], p["amount"], p["partner"]) for p in paid] == [("red", 2, "blue")]


def test_self_in_a_modifier_s_where_is_its_owner():
    """`leader: self` in a modifier's `where` means the faction whose modifier it is — also
    when another faction pays (a toll): before stop 46 it was read with no faction at all and
    held in the spaces nobody led."""
    toll = {"on": "place_influence", "who": "red", "domain": "soft_power", "where": {"leader": "self"}, "extra_cost": 1, "toll": True}
    rs = mini_ruleset(factions=(faction("red", ("gw-n",)), faction("blue", ("gw-s",), modifiers=(toll,))),
                      cards=cards(card("op", "red", "soft_power", ops=1)),
                      influence=(start("a1", "red", trade=1), start("a2", "blue", trade=3), start("a2", "red", trade=1)))  # fmt: skip

    def paid(space: str) -> list[int]:
        g = Game.new(rs, seed=1)
        give(g, "red", "op")
        before = list(g.capital)
        play(g, "play op", "ops", f"place {space}")
        return [after - was for after, was in zip(g.capital, before, strict=True)]

    assert paid("a2") == [-1, 1]  # blue leads a2
    assert paid("a3") == [0, 0]  # nobody leads a3


def test_negative_extra_cost_refunds_once():
    g = mod_game({"on": "place_influence", "domain": "soft_power", "where": {"country": "alpha"}, "extra_cost": -1})
    give(g, "red", "op")
    before = g.capital[0]
    play(g, "play op", "ops", "place a1")
    assert g.capital[0] == before + 1


def test_influence_cap_limits_placement():
    g = mod_game({"on": "influence_cap", "domain": "soft_power", "max": 1}, influence=(start("a1", "red", soft_power=1),))
    give(g, "red", "op")
    play(g, "play op", "ops")
    assert "place a1" not in legal(g)


def test_cost_delta_changes_card_cost():
    g = mod_game({"on": "play_card", "domain": "security", "cost_delta": 1})
    give(g, "red", "sec")
    before = g.capital[0]
    play(g, "play sec", "ops")
    assert g.capital[0] == before - 2


def test_play_card_effects_follow_own_cards_only():
    g = mod_game({"on": "play_card", "own_cards": True, "effects": [{"change_track": {"track": "tension", "by": -1}}]})
    give(g, "red", "op", "reg-0")
    tension = g.tracks[0]
    play(g, "play op", "ops", "place a1")
    assert g.tracks[0] == tension - 1
    play(g, "pass", "play reg-0", "ops", "done")
    assert g.tracks[0] == tension - 1


def test_reach_gateway_modifier_adds_a_gateway():
    g = mod_game({"on": "reach", "gateway": "gw-s"})
    give(g, "red", "op")
    play(g, "play op", "ops")
    assert legal(g) == ["place a1", "place b2", "done"]


def test_crisis_intervention_cost_delta():
    from game.ruleset.model import Crisis

    crisis = Crisis("riot", "Riot", {"space": "a1"}, (), 3, ({"gain_vp": {"amount": 1}},))
    g = mod_game({"on": "crisis_intervention", "where": {"country": "alpha"}, "cost_delta": -99},
                 crises=(crisis,), tracks={"tension": 8, "unity": 0}, influence=(start("a1", "red", security=1),))  # fmt: skip
    pass_until(g, lambda g: "intervene" in legal(g))
    g.apply("intervene")
    assert g.vp[0] == 1
    assert any(g.log_text(e) == "Red intervenes in Riot (0 capital)." for e in g.log)


def test_special_action_that_would_do_nothing_is_not_offered():
    """A once-a-round ability with nothing to act on now (no leader to push back in Alpha) is
    not offered: using it would spend the round's use for nothing."""
    special = {"on": "special_action", "name": "Balance", "effects": [{"remove_influence": {"faction": "leader", "where": {"country": "alpha"}}}]}
    assert "ability red-ability-0" not in legal(mod_game(special))
    assert "ability red-ability-0" in legal(mod_game(special, influence=(start("a2", "blue", trade=3),)))


def test_special_action_once_a_round_and_keeps_the_turn():
    special = {"on": "special_action", "name": "Balance", "effects": [{"remove_influence": {"faction": "leader", "where": {"country": "alpha"}}}]}
    g = mod_game(special, influence=(start("a2", "blue", trade=3),))
    assert "ability red-ability-0" in legal(g)
    g.apply("ability red-ability-0")
    assert g.influence_of("a2", "blue")["trade"] == 2
    assert g.actor == "red" and "ability red-ability-0" not in legal(g)
