"""Issue 14: summit scoring and domination are computed in one place (`game.engine.scoring`).

The rules as kernels on plain numbers; the bots' evaluator reading every position as the
engine does (leaders, statuses, summit VP, domination); the summit preview equal to the
summit that follows and changing nothing; the rules dialog stating the ruleset's numbers.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.evaluate import HOLDER, STATUS, Evaluator
from game.engine import Action, Game, scoring
from game.engine.rng import Rng
from game.engine.scoring import (
    ALIGNED,
    BALANCED,
    DOMINATED,
    balance_index_of,
    countries_winner,
    country_verdict,
    lead_counts,
    lead_winner,
    leads_by,
    leads_over,
    status_vp,
    top_two,
)
from game.engine.tables import N_DOMAINS
from game.ruleset import load_ruleset
from game.ruleset.model import SummitScoring

from builders import faction, mini_ruleset, new_game, put, start, with_settings


@functools.cache
def base_rules():
    result = load_ruleset()
    assert result.ruleset is not None, "\n".join(map(str, result.problems))
    return result.ruleset


# ----- the rules on plain numbers -----------------------------------------------------------------
def test_space_leader_beats_the_runner_up_by_at_least_stability():
    assert top_two([3, 1, 0]) == (0, 3, 1)
    assert leads_by(3, 1, 2)
    assert not leads_by(3, 2, 2)
    assert not leads_by(0, 0, 0), "nobody leads an empty space, whatever its stability"


def test_space_leader_tie_goes_to_neither():
    who, best, second = top_two([2, 2, 0])
    assert who == 0 and not leads_by(best, second, 1)


def test_country_dominated_needs_capital_strict_majority_and_enough_domains():
    most_two = [[3, 3, 0], [1, 0, 2]]  # faction 0 has strictly the most soft power and security
    assert country_verdict([2, 0], 3, 0, most_two, 2) == (DOMINATED, 0)
    assert country_verdict([2, 0], 3, 0, most_two, 3) == (ALIGNED, 0), "two domains are not three"
    assert country_verdict([2, 0], 3, -1, most_two, 2) == (ALIGNED, 0), "not without the capital"
    assert country_verdict([2, 1], 4, 0, most_two, 2) == (ALIGNED, 0), "half is not a majority"


def test_country_aligned_needs_strictly_more_spaces_than_anyone():
    none = [[0] * N_DOMAINS, [0] * N_DOMAINS]
    assert country_verdict([1, 0], 3, -1, none, 2) == (ALIGNED, 0)
    assert country_verdict([1, 1], 3, -1, none, 2) == (BALANCED, -1)
    assert country_verdict([0, 0], 3, -1, none, 2) == (BALANCED, -1)


def test_summit_pays_the_holder_its_status_and_every_faction_for_balance():
    sc = SummitScoring(per_dominated=4, per_aligned=2, per_balanced=1)
    assert [status_vp(sc, DOMINATED, True), status_vp(sc, DOMINATED, False)] == [4, 0]
    assert [status_vp(sc, ALIGNED, True), status_vp(sc, ALIGNED, False)] == [2, 0]
    assert status_vp(sc, BALANCED, False) == 1


def test_domination_by_countries_goes_to_the_outside_power_with_the_most_then_the_first():
    assert countries_winner([2, 3, 0], [True, True, False], 2) == 1
    assert countries_winner([3, 3, 0], [True, True, False], 2) == 0
    assert countries_winner([0, 1, 3], [True, True, False], 2) == -1, "the regional actor cannot win so"
    assert countries_winner([1, 0, 0], [True, True, False], 2) == -1


def test_domination_by_lead_counts_outside_powers_and_needs_only_to_pass_the_regional_actor():
    can_win = [True, True, False]
    assert leads_over([6, 2, 5], can_win, True) == [4, -4, -1]
    assert leads_over([6, 2, 5], can_win, False) == [1, -3, 5], "with no other regional actor, 0 stands in"
    assert lead_winner([6, 2, 5], can_win, 4) == 0
    assert lead_winner([6, 2, 6], can_win, 4) == -1, "a tie with the regional actor is not ahead of it"
    assert lead_winner([5, 2, 1], can_win, 4) == -1


def test_a_vp_lead_counts_from_its_first_summit_on():
    st_ = with_settings(domination_lead=4, domination_lead_from_summit=2)
    assert [lead_counts(st_, k) for k in (1, 2, 3)] == [False, True, True]
    assert not lead_counts(with_settings(domination_lead=0), 5)


def test_balance_index_of_even_shares_is_100_and_of_one_holder_0():
    assert balance_index_of([2, 2, 2]) == 100.0
    assert balance_index_of([5, 0, 0]) == 0.0
    assert balance_index_of([0, 0, 0]) == 100.0


# ----- the evaluator reads positions as the engine does -------------------------------------------
def evaluator_reading(ev: Evaluator, g: Game) -> dict[str, object]:
    """Leaders, statuses, summit VP and the domination a summit now would bring, as the
    evaluator works them out on its own tables (the engine's kernels, its own bookkeeping)."""
    w = ev.width
    leaders = [ev._space_part(g, s, g.infl[s * w : (s + 1) * w], scoring.stability(g, s))[0] for s in range(g.t.n_spaces)]
    stabs = ev._stabilities(g, g.board())  # each space's stability as the evaluator keeps it
    assert [stabs[c] for c in range(ev.n_countries)] == [
        tuple(scoring.stability(g, s) for s in ev.country_spaces[c]) for c in range(ev.n_countries)]
    facts = [ev._country_facts(g, c, g.infl, stabs[c]) for c in range(ev.n_countries)]
    hard, dominated, _ = ev._totals(facts)
    ctx = ev._context(g)
    # the last summit's VP count `final_summit_factor` times (the evaluator's summit weights carry it)
    factor = g.t.settings.final_summit_factor if g.round >= g.t.scenario.rounds else 1
    summit = [(h + p) * factor if h + p else 0.0 for h, p in zip(hard, ctx.track_points, strict=True)]
    winner = countries_winner(dominated, ev.dominates, ev.need) if ctx.map_counts else -1
    if winner < 0 and lead_counts(g.t.settings, len(g.summits) + 1):
        wins = ev._lead_wins(g.vp, summit)
        winner = next((f for f in range(ev.n) if ev.dominates[f] and wins[f] == 1.0), -1)
    return {
        "leaders": leaders,
        "statuses": [(cf[STATUS], cf[HOLDER]) for cf in facts],
        "summit": summit,
        "winner": winner,
    }


def engine_reading(g: Game) -> dict[str, object]:
    preview = scoring.summit_preview(g)
    fids = [f.id for f in g.t.factions]
    statuses = [scoring.country_status(g, c) for c in range(len(g.t.countries))]
    outcome = preview.outcome
    return {
        "leaders": [-1 if (f := scoring.leader(g, s)) is None else f for s in range(g.t.n_spaces)],
        "statuses": [(st_.kind, -1 if st_.faction is None else st_.faction) for st_ in statuses],
        "summit": [float(preview.record.scores[fid]) for fid in fids],
        "winner": -1 if outcome is None else fids.index(outcome.winner),
    }


def test_the_evaluator_reads_random_base_games_as_the_engine_does():
    rules = base_rules()
    kinds: Counter[str] = Counter()
    for seed in range(6):
        g = Game.new(rules, None, seed)
        ev = Evaluator(g.t)
        rng = Rng(1000 + seed)
        steps = 0
        while not g.over:
            if steps % 4 == 0:
                got, want = evaluator_reading(ev, g), engine_reading(g)
                assert got == want, f"seed {seed}, step {steps}"
                kinds.update(kind for kind, _ in want["statuses"])
            legal = g.legal_actions()
            g.apply(legal[rng.below(len(legal))])
            steps += 1
    assert kinds[ALIGNED] and kinds[BALANCED], "the games reached more than one status"


placements = st.lists(
    st.tuples(st.sampled_from(["a1", "a2", "a3", "b1", "b2"]), st.sampled_from(["red", "blue", "green"]),
              st.sampled_from(["soft_power", "security", "trade"]), st.integers(1, 4)),
    max_size=14,
)  # fmt: skip


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    placed=placements,
    stability=st.integers(1, 2),
    domains=st.integers(1, 3),
    countries=st.integers(1, 2),
    lead=st.integers(0, 3),
    vp=st.lists(st.integers(0, 6), min_size=3, max_size=3),
)
def test_the_evaluator_reads_random_positions_as_the_engine_does(placed, stability, domains, countries, lead, vp):
    rules = with_settings(domination_domains=domains, domination_countries=countries, domination_lead=lead)
    g = new_game(stability=stability, settings=rules, tracks={"tension": 0, "unity": 2})
    for space, fid, domain, amount in placed:
        put(g, space, fid, domain, amount)
    g.vp[:] = vp
    assert evaluator_reading(Evaluator(g.t), g) == engine_reading(g)


BONUSED = (
    {"on": "leadership", "domain": "soft_power", "where": {"tag": "capital"}, "bonus": 2},
    {"on": "leadership", "domain": "security", "where": {"country": "beta"}, "weight": 2, "bonus": 1},
)
"""Red's abilities for the property below: a fixed bonus in capitals, a weight and a bonus together."""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(placed=placements, stability=st.integers(1, 2))
def test_the_evaluator_reads_leadership_bonuses_as_the_engine_does(placed, stability):
    factions = (faction("red", ("gw-n",), modifiers=BONUSED), faction("blue", ("gw-s",)), faction("green", ("gw-s",)))
    g = new_game(stability=stability, factions=factions, tracks={"tension": 0, "unity": 2})
    for space, fid, domain, amount in placed:
        put(g, space, fid, domain, amount)
    assert evaluator_reading(Evaluator(g.t), g) == engine_reading(g)


def test_a_leadership_bonus_adds_a_fixed_amount_where_the_faction_holds_the_domain():
    """`bonus: 2` on soft power in capitals: Red's soft power there adds 2 to its total once,
    however many units it holds (a weight of 2 would double them), and nothing where Red
    holds none; a weight and a bonus together count the units twice and add the bonus."""
    factions = (faction("red", ("gw-n",), modifiers=BONUSED), faction("blue", ("gw-s",)), faction("green", ("gw-s",)))
    g = new_game(factions=factions, influence=(start("a1", "red", trade=2), start("a1", "blue", trade=3)))
    a1, b1 = g.t.space_index["a1"], g.t.space_index["b1"]
    red, blue = g.t.faction_index["red"], g.t.faction_index["blue"]
    assert scoring.leadership_totals(g, a1)[red] == 2 and scoring.leader(g, a1) == blue  # no soft power, no bonus
    assert g.leadership_bonuses("a1") == {}
    put(g, "a1", "red", "soft_power", 1)
    assert scoring.leadership_totals(g, a1)[red] == 2 + 1 + 2 and scoring.leader(g, a1) == red
    assert g.leadership_bonuses("a1") == {"red": {"soft_power": 2}}
    put(g, "a1", "red", "soft_power", 3)
    assert scoring.leadership_totals(g, a1)[red] == 2 + 4 + 2  # the bonus does not grow with the stack
    put(g, "b1", "red", "security", 3)
    assert scoring.leadership_totals(g, b1)[red] == 3 * 2 + 1
    assert scoring.leadership_totals(g, a1)[blue] == 3  # others are not touched


def test_a_domain_weighed_by_one_ability_and_given_a_bonus_by_another_names_each_apart():
    """Red's security in Beta counts double by one ability and gains 1 by another: each
    ability is named for what it does (the tooltip named both beside each before stop 48)."""
    weighs = {"on": "leadership", "domain": "security", "where": {"country": "beta"}, "weight": 2}
    adds = {"on": "leadership", "domain": "security", "where": {"country": "beta"}, "bonus": 1}
    factions = (faction("red", ("gw-n",), modifiers=(weighs, adds)), faction("blue", ("gw-s",)), faction("green", ("gw-s",)))
    g = new_game(factions=factions)
    put(g, "b1", "red", "security", 1)
    assert g.leadership_sources("b1", "weight") == {"red": {"security": ("red ability 0",)}}
    assert g.leadership_sources("b1", "bonus") == {"red": {"security": ("red ability 1",)}}
    assert g.leadership_sources("a1", "weight") == {} and g.leadership_sources("a1", "bonus") == {}


def test_positions_like_the_random_ones_show_every_verdict():
    """The property above is not vacuous: positions drawn like its own reach each status
    and both routes to domination, and the two readings agree on them."""
    g = new_game(settings=with_settings(domination_countries=1, domination_lead=2))
    put(g, "a1", "red", "security", 3)
    put(g, "a2", "red", "trade", 3)
    put(g, "b1", "blue", "trade", 2)
    put(g, "b2", "green", "trade", 2)
    assert [s[0] for s in engine_reading(g)["statuses"]] == [DOMINATED, BALANCED]
    assert engine_reading(g)["winner"] == 0 == evaluator_reading(Evaluator(g.t), g)["winner"]
    g2 = new_game(settings=with_settings(domination_countries=2, domination_lead=2))
    put(g2, "b1", "blue", "trade", 2)
    g2.vp[:] = [0, 3, 0]
    assert engine_reading(g2)["statuses"] == [(BALANCED, -1), (ALIGNED, 1)]
    assert engine_reading(g2)["winner"] == 1 == evaluator_reading(Evaluator(g2.t), g2)["winner"]


# ----- the summit preview -----------------------------------------------------------------------
SCORE_SUMMIT = scoring.score_summit


def play_with_previews(g: Game, monkeypatch: pytest.MonkeyPatch, rng: Rng | None) -> list[tuple[scoring.SummitPreview, scoring.SummitRecord]]:
    """Play to the end (random steps, or passes without `rng`); at each summit, the preview
    taken just before it scores, checked to change nothing, paired with the record the
    summit then keeps."""
    previews: list[scoring.SummitPreview] = []

    def preview_then_score(game: Game, words: bool = True, controls=None) -> scoring.SummitRecord:
        before = (game.state_hash(), list(game.vp), len(game.summits), len(game.log))
        previews.append(scoring.summit_preview(game))
        assert (game.state_hash(), list(game.vp), len(game.summits), len(game.log)) == before
        return SCORE_SUMMIT(game, words, controls)

    monkeypatch.setattr(scoring, "score_summit", preview_then_score)
    while not g.over:
        legal = g.legal_actions()
        if rng is None:
            g.apply(Action("pass") if Action("pass") in legal else legal[0])
        else:
            g.apply(legal[rng.below(len(legal))])
    assert len(previews) == len(g.summits)
    return list(zip(previews, g.summits, strict=True))


def test_summit_preview_is_what_the_summit_then_scores_and_changes_nothing(monkeypatch):
    rules = base_rules()
    seen = foreseen = 0
    for seed in range(4):
        g = Game.new(rules, None, seed)
        for preview, record in play_with_previews(g, monkeypatch, Rng(seed)):
            assert preview.record == record
            if preview.outcome is not None:
                assert g.outcome == preview.outcome
                foreseen += 1
            seen += 1
    assert seen >= 4 and foreseen >= 1, "summits with and without a domination were previewed"


def test_summit_preview_foresees_a_domination(monkeypatch):
    settings_ = with_settings(domination_countries=2, domination_lead=2)
    g = new_game(influence=(start("a1", "red", security=2, trade=2), start("a2", "red", security=2, trade=1)), summits=(1,), settings=settings_)
    ((preview, record),) = play_with_previews(g, monkeypatch, None)
    assert preview.outcome is not None and preview.outcome.winner == "red"
    assert preview.outcome == g.outcome and preview.record == record


def test_summit_preview_mid_round_leaves_vp_and_summits_alone():
    g = new_game(influence=(start("a1", "red", security=2, trade=2), start("a2", "red", security=2, trade=1)))
    before = (g.state_hash(), list(g.vp), len(g.summits))
    preview = scoring.summit_preview(g)
    assert preview.record.scores == {"red": 4, "blue": 0, "green": 2 + 1}  # Beta balanced, unity at 1
    assert "dominates Alpha (4)" in preview.record.reasons["red"]
    assert preview.outcome is None and preview.record.domination.startswith("Domination check:")
    assert (g.state_hash(), list(g.vp), len(g.summits)) == before


def test_domination_progress_counts_countries_and_the_vp_lead():
    g = new_game(influence=(start("a1", "red", security=2, trade=2), start("a2", "red", security=2, trade=1), start("b1", "blue", trade=2)),
                 settings=with_settings(domination_lead=3, domination_lead_from_summit=1))  # fmt: skip
    g.vp[:] = [5, 1, 4]
    red, blue, green = scoring.domination_progress(g)
    assert (red.dominated, red.aligned, red.need_countries) == (1, 0, 3)
    assert (blue.dominated, blue.aligned) == (0, 1)
    assert (red.lead, red.ahead_of_regional, red.need_lead, red.lead_counts) == (4, True, 3, True)
    assert (blue.lead, blue.ahead_of_regional) == (-4, False)
    assert red.can_win and not green.can_win


# ----- the rules in words -----------------------------------------------------------------------
def modded_rules():
    """The mini rules with every scoring number changed from the defaults."""
    factions = (
        faction("red", ("gw-n",), scoring=SummitScoring(per_dominated=7, per_aligned=3)),
        faction("blue", ("gw-s",), scoring=SummitScoring(per_dominated=7, per_aligned=3)),
        faction("green", (), scoring=SummitScoring(per_balanced=5, plus_tracks=("unity",)), wins_by_domination=False),
    )
    st_ = with_settings(domination_countries=2, domination_domains=3, domination_lead=6, domination_lead_from_summit=3)
    return mini_ruleset(factions=factions, settings=st_)


def test_summit_rules_state_each_factions_vp_from_the_ruleset():
    assert scoring.describe_summit_rules(modded_rules()) == [
        "Red and Blue each score 7 VP for every country they dominate and 3 VP for every country aligned with them.",
        "Green scores 5 VP for every balanced country and 1 VP per level of Unity.",
    ]


def test_domination_rules_state_the_conditions_from_the_ruleset():
    text = " ".join(scoring.describe_domination_rules(modded_rules()) + scoring.describe_control_rules(modded_rules()))
    assert "An outside power (Red or Blue) that dominates at least 2 countries at a summit wins at once." in text
    assert "So does one that leads every other outside power by 6 VP while ahead of Green. The VP lead counts from summit 3 on." in text
    assert "in at least 3 of the 3 domains" in text


def test_the_rules_dialog_says_what_the_engine_scores():
    from game.ui.scenes.dialogs import rules_html

    rs = base_rules()
    html = rules_html(rs)
    for sentence in scoring.describe_summit_rules(rs) + scoring.describe_domination_rules(rs):
        assert str(sentence).replace("'", "&#x27;") in html
    changed = replace(rs, factions=tuple(replace(f, scoring=replace(f.scoring, per_aligned=f.scoring.per_aligned + 5)) if f.scoring.per_aligned else f for f in rs.factions))
    per_aligned = next(f.scoring.per_aligned for f in changed.factions if f.scoring.per_aligned)
    assert f"{per_aligned} VP for every country aligned" in rules_html(changed)
    assert f"{per_aligned} VP for every country aligned" not in html


def test_the_game_offers_the_summit_preview_and_the_progress_to_hegemony():
    from game.engine import Game
    from game.ruleset import load_ruleset

    rules = load_ruleset().ruleset
    assert rules is not None
    g = Game.new(rules, seed=4)
    before = g.state_hash()
    preview = g.summit_preview()
    assert set(preview.record.scores) == {f.id for f in rules.factions}
    assert [p.faction for p in g.domination_progress()] == [f.id for f in g.factions]
    assert g.state_hash() == before
