"""DESIGN §2: influence, control and the balance index — one test per rule."""

from __future__ import annotations

from game.engine import scoring
from game.engine.tables import DOMAIN_INDEX

from builders import mini_ruleset, new_game, start, with_settings

SOFT, SEC, TRADE = DOMAIN_INDEX["soft_power"], DOMAIN_INDEX["security"], DOMAIN_INDEX["trade"]


def put(g, space, faction, domain, amount):
    g.add_influence(g.t.space_index[space], g.t.faction_index[faction], DOMAIN_INDEX[domain], amount, capped=False)


def test_faction_total_is_sum_of_three_domains():
    g = new_game(influence=(start("a1", "red", soft_power=1, security=2, trade=3),))
    assert g.influence(0, 0) == 6
    assert g.influence_of("a1", "red") == {"soft_power": 1, "security": 2, "trade": 3}


def test_space_leader_exceeds_runner_up_by_stability():
    g = new_game(stability=2, influence=(start("a1", "red", security=3), start("a1", "blue", soft_power=1)))
    assert g.leader("a1") == "red"  # 3 - 1 = 2 >= stability 2


def test_space_is_contested_when_margin_below_stability():
    g = new_game(stability=2, influence=(start("a1", "red", security=2), start("a1", "blue", soft_power=1)))
    assert g.leader("a1") is None
    assert "contested" in g.view(None).spaces["a1"].reason


def test_space_with_no_influence_has_no_leader():
    g = new_game()
    assert g.leader("a3") is None


def test_domination_needs_capital_and_majority_and_two_domains():
    g = new_game(influence=(start("a1", "red", security=2, trade=2), start("a2", "red", security=2, trade=1)))
    st = g.country_status("alpha")
    assert (st.kind, st.faction) == ("dominated", 0)
    assert "leads A-one (capital), A-two" in st.reasons[0]
    assert "most security and trade" in st.reasons[0]


def test_domination_needs_two_domains():
    # Red leads the capital and a majority, but only with security: not full-spectrum.
    g = new_game(influence=(start("a1", "red", security=3), start("a2", "red", security=3), start("a3", "blue", trade=1)))
    st = g.country_status("alpha")
    assert st.kind == "aligned" and st.faction == 0
    assert "not the most influence in enough domains" in st.reasons[0]


def test_domination_needs_the_capital():
    g = new_game(influence=(start("a2", "red", security=2, trade=2), start("a3", "red", security=2, trade=2)))
    st = g.country_status("alpha")
    assert st.kind == "aligned"


def test_aligned_needs_strictly_more_spaces_than_anyone():
    g = new_game(influence=(start("a2", "red", trade=2), start("a3", "blue", trade=2)))
    assert g.country_status("alpha").kind == "balanced"
    put(g, "a1", "red", "soft_power", 2)
    st = g.country_status("alpha")
    assert (st.kind, st.faction) in {("aligned", 0), ("dominated", 0)}


def test_balanced_when_every_space_contested():
    g = new_game()
    st = g.country_status("beta")
    assert st.kind == "balanced" and "contested" in st.reasons[0]


def test_balance_index_is_100_when_shares_are_even():
    g = new_game(influence=(start("a1", "red", trade=2), start("a2", "blue", trade=2), start("a3", "green", trade=2)))
    assert g.balance_index() == 100.0


RED_DOMINATES_ALPHA = (start("a1", "red", security=2, trade=2), start("a2", "red", security=2, trade=1))


def test_region_index_is_100_less_the_nearest_power_s_progress_to_hegemony():
    g = new_game(influence=RED_DOMINATES_ALPHA, settings=with_settings(domination_countries=2))
    assert g.country_status("alpha").kind == "dominated"
    assert g.balance_index() == 50.0  # one of the two countries that win
    assert "Red is halfway to hegemony: dominates Alpha." == scoring.hegemony_sentence(g)


def test_country_status_by_a_rival_means_anyone_but_the_actor():
    """`country_status: {faction: rival}` holds where someone other than the acting faction
    dominates: an ability that pushes back against an outside power (Kazakhstan's Pursuit of
    balance) must not find its own sphere (it placed a free unit at home when Kazakhstan
    "dominated" Kazakhstan)."""
    from game.engine.conditions import condition_holds
    from game.engine.context import Ctx

    g = new_game(influence=RED_DOMINATES_ALPHA)
    by_rival = {"country_status": {"status": "dominated", "faction": "rival", "country": "alpha"}}
    red, blue = g.t.faction_index["red"], g.t.faction_index["blue"]
    assert not condition_holds(g, by_rival, Ctx(actor=red))
    assert condition_holds(g, by_rival, Ctx(actor=blue))
    assert not condition_holds(g, {"country_status": {**by_rival["country_status"], "country": "beta"}}, Ctx(actor=blue))


def test_an_aligned_country_counts_its_share_toward_domination():
    aligned = (start("a2", "red", trade=3),)
    g = new_game(influence=aligned, settings=with_settings(domination_countries=2, aligned_share=50))
    assert g.country_status("alpha").kind == "aligned" and g.balance_index() == 75.0
    assert new_game(influence=aligned, settings=with_settings(domination_countries=2)).balance_index() == 100.0


def test_country_index_is_0_when_dominated_and_falls_as_one_power_leads_more_spaces():
    assert new_game(influence=RED_DOMINATES_ALPHA).balance_index("alpha") == 0.0
    g = new_game(influence=(start("a3", "red", trade=3), start("b1", "blue", trade=1)))
    assert g.balance_index("alpha") == 66.7 and g.balance_index("beta") == 50.0


def test_country_index_of_a_country_the_regional_actor_dominates_reads_the_outside_powers():
    # green cannot win by domination: its sphere is no hegemon's, so alpha is not at 0
    greens = (start("a1", "green", security=2, trade=2), start("a2", "green", security=2, trade=1), start("a3", "red", trade=1))
    g = new_game(influence=greens)
    status = g.country_status("alpha")
    assert status.kind == "dominated" and status.faction == g.t.faction_index["green"]
    assert g.balance_index("alpha") == 66.7  # red leads one of alpha's three spaces


def test_influence_spread_keeps_the_old_index_under_its_own_name():
    g = new_game(influence=(start("a1", "red", trade=3), start("a2", "blue", trade=1)))
    shares = [0.75, 0.25, 0.0]
    hhi = sum(s * s for s in shares)
    assert scoring.influence_spread(g) == round(100 * (1 - hhi) / (1 - 1 / 3), 2)
    assert g.history[-1].influence_spread == scoring.influence_spread(g)


def test_leadership_weight_modifier_counts_domain_double():
    from builders import faction

    rs = mini_ruleset(
        factions=(
            faction("red", ("gw-n",), modifiers=({"on": "leadership", "domain": "soft_power", "where": {"tag": "capital"}, "weight": 2},)),
            faction("blue", ("gw-s",)),
        ),
        influence=(start("a1", "red", soft_power=2), start("a1", "blue", trade=3), start("a2", "red", soft_power=2), start("a2", "blue", trade=3)),
    )
    from game.engine import Game

    g = Game.new(rs, seed=1)
    assert g.leader("a1") == "red"  # 2 × 2 = 4 beats 3 in a capital
    assert g.leader("a2") == "blue"  # no weight outside capitals


def test_a_leadership_modifier_s_unless_is_read_again_when_a_track_moves():
    # `unless` on a modifier worked out into a table (leadership, caps, stability, reach) used to
    # be read only when a flag or a timed modifier came or went: a mod's "counts double unless
    # tension is 3 or more" kept counting double at tension 5.
    from builders import card, faction, give

    provoke = card("provoke", "red", cost=0, ops=1, event=({"change_track": {"track": "tension", "by": 3}},))
    calm = card("calm", "red", cost=0, ops=1, event=({"change_track": {"track": "tension", "by": -3}},))
    double = {"on": "leadership", "domain": "soft_power", "where": {"tag": "capital"}, "weight": 2,
              "unless": {"track_at_least": {"track": "tension", "value": 3}}}  # fmt: skip
    rs = mini_ruleset(
        factions=(faction("red", ("gw-n",), modifiers=(double,)), faction("blue", ("gw-s",))),
        cards=(provoke, calm, card("blue-0", "blue")),
        tracks={"tension": 0, "unity": 0},
        influence=(start("a1", "red", soft_power=2), start("a1", "blue", trade=3)),
    )
    from game.engine import Game

    g = Game.new(rs, seed=1)
    assert g.leader("a1") == "red"  # 2 × 2 = 4 beats 3 in a capital, at tension 0
    while g.actor != "red":
        g.apply("pass")
    give(g, "red", "provoke", "calm")
    for step in ("play provoke", "event"):
        g.apply(step)
    assert g.tracks[g.t.track_index["tension"]] == 3
    assert g.leader("a1") == "blue"  # counted once: 2 against 3
    while g.actor != "red":
        g.apply("pass")
    for step in ("play calm", "event"):
        g.apply(step)
    assert g.leader("a1") == "red"  # counted double again


def test_stability_modifier_adds_track_level():
    from builders import faction

    rs = mini_ruleset(
        factions=(faction("red", ("gw-n",), modifiers=({"on": "stability", "where": {"anywhere": True}, "by_track": "unity"},)), faction("blue", ("gw-s",))),
        tracks={"tension": 0, "unity": 2},
        influence=(start("a3", "red", trade=3), start("a3", "blue", trade=1)),
    )
    from game.engine import Game

    g = Game.new(rs, seed=1)
    assert g.view(None).spaces["a3"].stability == 3
    assert g.leader("a3") is None  # margin 2 < stability 1 + unity 2
