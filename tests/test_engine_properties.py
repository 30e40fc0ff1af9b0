"""Property tests: random games on the base rules keep the engine's invariants at every
step, and a game saved at any point loads back to the same state."""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Game
from game.engine.rng import Rng
from game.ruleset import load_ruleset


@functools.cache
def base_rules():
    result = load_ruleset()
    assert result.ruleset is not None, "\n".join(map(str, result.problems))
    return result.ruleset


def check_invariants(g: Game) -> None:
    t = g.t
    assert min(g.infl) >= 0, "influence is never negative"
    assert min(g.capital) >= 0, "capital is never negative"
    assert min(g.vp) >= 0
    for k, tr in enumerate(t.tracks):
        assert tr.min <= g.tracks[k] <= tr.max, f"{tr.id} stays within its limits"
    assert 1 <= g.round <= t.scenario.rounds, "the game ends within its rounds"
    total_cards = sum(map(len, g.hands)) + sum(map(len, g.decks)) + sum(map(len, g.discards))
    total_cards += len(g.regional_deck) + len(g.regional_discard)
    assert total_cards == len(t.cards), "no card is lost or duplicated"
    if not g.over:
        assert g.legal_actions(), "a game in progress always offers a legal action"
        assert g.actor is not None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), choices=st.integers(0, 2**32 - 1), save_points=st.sets(st.integers(0, 600), max_size=3))
def test_random_games_keep_invariants_and_save_anywhere(seed, choices, save_points):
    rules = base_rules()
    scenario = rules.scenarios[seed % len(rules.scenarios)].id
    g = Game.new(rules, scenario, seed)
    rng = Rng(choices)
    steps = 0
    while not g.over:
        check_invariants(g)
        if steps in save_points:
            assert Game.from_json(rules, g.to_json()).state_hash() == g.state_hash()
        legal = g.legal_actions()
        g.apply(legal[rng.below(len(legal))])
        steps += 1
        assert steps < 5000, "a game ends in a bounded number of steps"
    check_invariants(g)
    assert g.outcome is not None and g.outcome.kind in {"balance", "domination", "breakdown"}
    assert g.outcome.reasons
    assert Game.from_json(rules, g.to_json()).state_hash() == g.state_hash()


REMOVAL_WHERE = (
    {"country_tag": "turkic"},  # static: read from the map alone
    {"leader": "rival"},
    {"leader": "self", "tag": "capital"},
    {"country_status": {"status": "aligned"}},
    {"country_status": {"status": "dominated"}},
    {"not": {"contested": True}},
)
"""Where a removal may act: the static selector the base cards use, and the board-dependent
ones the vocabulary allows."""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(0, 400))
def test_whether_a_removal_could_act_agrees_with_the_removals_it_offers(seed, steps):
    """`RemoveUnits.has_pair` (stops at the first space, for `would_act`) says yes exactly
    when `pairs` (every space, for the legal steps) offers one, for every target and
    selector, in random positions."""
    from game.engine.context import Ctx
    from game.engine.frames import RemoveUnits
    from game.engine.tables import DOMAIN_INDEX

    g = Game.new(base_rules(), None, seed)
    rng = Rng(seed ^ 0x5EED)
    for _ in range(steps):
        if g.over:
            break
        legal = g.legal_actions()
        g.apply(legal[rng.below(len(legal))])
    for actor in range(g.t.n_factions):
        for target in ("leader", "rival", g.t.factions[(actor + 1) % g.t.n_factions].id):
            for domain in (None, DOMAIN_INDEX["security"]):
                for where in REMOVAL_WHERE:
                    removal = RemoveUnits(Ctx(actor), target, domain, 1, where)
                    assert removal.has_pair(g) == bool(removal.pairs(g)), (target, domain, where)
