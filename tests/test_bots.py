"""DESIGN §7 and issue 4: bots fill any seat, only ever play legal steps, and see only
what their faction may see — a bot's choice cannot depend on the hidden cards."""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections import Counter

import pytest

from game.ai import play
from game.ai.base import BOT_KINDS, RandomBot, Sampler, ViewFn, make_bot
from game.ai.evaluate import WEIGHT_KEYS, Evaluator, Weights
from game.ai.heuristic import HeuristicBot
from game.ai.play import decide, play_game, seat_rng
from game.ai.search import SearchBot
from game.engine import Action, Game
from game.engine.determinize import sample_world
from game.engine.rng import Rng
from game.ruleset import load_ruleset

from builders import card, faction, give, mini_ruleset, new_game, pass_until, put, start

FAST_KINDS = ("random", "heuristic")


def quick_search() -> SearchBot:
    """A search bot whose iterations, not the clock, decide: repeatable in tests."""
    return SearchBot(seconds=math.inf, kind="search:test", max_iterations=2)


def all_cards(g: Game) -> Counter[int]:
    piles = [*g.hands, *g.decks, *g.discards, g.regional_deck, g.regional_discard]
    return Counter(c for pile in piles for c in pile)


def mid_game(seed: int = 3, steps: int = 40) -> Game:
    """A game some way in, with cards played, drawn and discarded."""
    g = new_game(seed=seed)
    r = Rng(seed)
    for _ in range(steps):
        legal = g.legal_actions()
        g.apply(legal[r.below(len(legal))])
    return g


def to_choice(g: Game, r: Rng) -> None:
    """Play on at random until the acting faction has a real choice at the start of a turn."""
    for _ in range(500):
        legal = g.legal_actions()
        if len(legal) > 2 and not g.stack:
            return
        g.apply(legal[r.below(len(legal))])
    raise AssertionError("no choice came up")


# ----- the interface ------------------------------------------------------------------------------
def test_every_bot_kind_can_be_made():
    assert BOT_KINDS == ("random", "heuristic", "search:easy", "search:normal", "search:hard")
    for kind in BOT_KINDS:
        assert make_bot(kind).kind == kind
    with pytest.raises(ValueError, match="unknown bot kind"):
        make_bot("clever")


def test_search_levels_think_for_their_seconds():
    assert [make_bot(k).seconds for k in BOT_KINDS if k.startswith("search")] == [0.2, 1.0, 3.0]  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", FAST_KINDS)
def test_bots_only_ever_return_legal_actions(kind):
    for seed in range(3):
        g = new_game(seed=seed)
        bots = {fid: make_bot(kind) for fid in g.seats}
        rngs = {fid: seat_rng(seed, i) for i, fid in enumerate(g.seats)}
        while g.actor is not None:
            legal = list(g.legal_actions())
            action = decide(g, bots[g.actor], rngs[g.actor])
            assert action in legal
            g.apply(action)
        assert g.outcome is not None


def test_search_bot_only_returns_legal_actions():
    g = new_game(seed=5)
    bot = quick_search()
    r = seat_rng(5, 0)
    for _ in range(60):
        if g.actor is None:
            break
        legal = list(g.legal_actions())
        action = decide(g, bot, r)
        assert action in legal
        g.apply(action)


def test_a_bot_may_fill_any_mix_of_seats():
    rules = mini_ruleset()
    g = play_game(rules, 4, {"red": "heuristic", "blue": "random", "green": "heuristic"})
    assert g.over


def test_bots_that_look_ahead_need_a_sampler():
    g = new_game()
    legal = g.legal_actions()
    with pytest.raises(TypeError, match="sampler"):
        HeuristicBot().choose(lambda: g.view(g.actor), legal, Rng(1), 1.0)
    assert RandomBot().choose(lambda: g.view(g.actor), legal, Rng(1), 1.0) in legal


def test_a_bot_game_leaves_no_cyclic_garbage():
    # `play.collector_paused_for` freezes what a bot game leaves alive instead of letting the
    # cycle collector walk it: safe only while reference counting alone frees all a game makes.
    rules = load_ruleset().ruleset
    assert rules is not None
    for kind in ("heuristic", "random"):
        game = Game.new(rules, "seminar", 3, {})
        bots = {fid: make_bot(kind) for fid in game.seats}
        rngs = {fid: seat_rng(game.seed, i) for i, fid in enumerate(game.seats)}
        gc.collect()
        gc.disable()
        try:
            while game.actor is not None:
                game.apply(decide(game, bots[game.actor], rngs[game.actor]))
            del game, bots
            assert gc.collect() == 0, kind
        finally:
            gc.enable()


class _CollectorWatch(RandomBot):
    """A random bot that notes whether the cycle collector was on at each of its decisions."""

    seen: set[bool] = set()

    def choose(self, view: ViewFn, legal: list[Action], rng: Rng, budget: float, sampler: Sampler | None = None) -> Action:
        _CollectorWatch.seen.add(gc.isenabled())
        return super().choose(view, legal, rng, budget, sampler)


def test_a_bot_game_runs_with_the_collector_off_and_freezes_what_it_leaves(monkeypatch):
    monkeypatch.setattr(play, "make_bot", lambda kind: _CollectorWatch())
    _CollectorWatch.seen = set()
    frozen = gc.get_freeze_count()
    try:
        play_game(mini_ruleset(), 4, {"red": "random", "blue": "random", "green": "random"})
        assert _CollectorWatch.seen == {False}
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()


class _ClockedWatch(_CollectorWatch):
    """As `_CollectorWatch`, a bot that thinks by the clock, noting how much was frozen too."""

    clocked = True
    frozen: list[int] = []

    def choose(self, view: ViewFn, legal: list[Action], rng: Rng, budget: float, sampler: Sampler | None = None) -> Action:
        _ClockedWatch.frozen.append(gc.get_freeze_count())
        return super().choose(view, legal, rng, budget, sampler)


def test_a_bot_that_thinks_by_the_clock_decides_with_the_collector_on_what_the_decision_makes():
    g = new_game()
    _CollectorWatch.seen, _ClockedWatch.frozen = set(), []
    gc.unfreeze()  # what earlier bot games in this process froze
    decide(g, _ClockedWatch(), Rng(1))
    assert _CollectorWatch.seen == {True}
    assert _ClockedWatch.frozen[0] > 1000  # the game and everything else alive before it
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_game_with_a_bot_that_thinks_by_the_clock_leaves_the_collector_to_decide():
    with play.collector_paused_for([SearchBot(0.01)]):
        assert gc.isenabled()
    with play.collector_paused_for([HeuristicBot()]):
        assert not gc.isenabled()
    gc.unfreeze()
    assert gc.isenabled()

# ----- it cannot peek --------------------------------------------------------------------------------
def swap_hidden_cards(g: Game, viewer: str) -> Game:
    """The same game as `viewer` knows it, with the hidden cards in other places."""
    h = g.copy()
    t = h.t
    v = t.faction_index[viewer]
    for f in range(t.n_factions):
        if f == v:
            continue
        own = [i for i, c in enumerate(h.hands[f]) if t.card_owner[c] == f]
        if own and h.decks[f]:
            i = own[0]
            h.hands[f][i], h.decks[f][0] = h.decks[f][0], h.hands[f][i]
        h.decks[f].reverse()
    for f in range(t.n_factions):
        if f == v:
            continue
        regional = [i for i, c in enumerate(h.hands[f]) if t.card_owner[c] is None]
        if regional and h.regional_deck:
            i = regional[0]
            h.hands[f][i], h.regional_deck[-1] = h.regional_deck[-1], h.hands[f][i]
    h.regional_deck.reverse()
    h.decks[v].reverse()
    h.event_deck.reverse()
    h.crisis_deck.reverse()
    h.rng = Rng(h.rng.state ^ 0xDEADBEEF)
    h.offer(None)
    return h


def test_sampled_world_depends_only_on_what_the_viewer_knows():
    g = mid_game()
    viewer = g.actor
    assert viewer is not None
    h = swap_hidden_cards(g, viewer)
    assert h.state_hash() != g.state_hash()  # the real hidden cards did change
    a = sample_world(g, viewer, Rng(11))
    b = sample_world(h, viewer, Rng(11))
    assert a.state_hash() == b.state_hash()


def test_sampled_world_keeps_the_public_board_and_the_viewers_hand():
    g = mid_game()
    viewer = g.actor
    assert viewer is not None
    v = g.t.faction_index[viewer]
    w = sample_world(g, viewer, Rng(2))
    assert w.infl == g.infl and w.capital == g.capital and w.vp == g.vp and w.tracks == g.tracks
    assert w.hands[v] == g.hands[v]
    assert [len(x) for x in w.hands] == [len(x) for x in g.hands]
    assert [len(x) for x in w.decks] == [len(x) for x in g.decks]
    assert all_cards(w) == all_cards(g)  # every card is somewhere, once
    assert sorted(w.event_deck) == sorted(g.event_deck)
    assert w.legal_actions() == g.legal_actions()
    assert w.seed != g.seed or g.seed == 0
    assert w.actions == []  # the real log would replay the real deal


def test_sampled_world_deals_hidden_cards_again():
    g = mid_game()
    viewer = g.actor
    assert viewer is not None
    others = [f for f in range(g.t.n_factions) if g.t.factions[f].id != viewer]
    deals = {tuple(tuple(sample_world(g, viewer, Rng(s)).hands[f]) for f in others) for s in range(20)}
    assert len(deals) > 1


def test_sampled_world_hides_other_factions_private_log_lines():
    g = mid_game()
    viewer = g.actor
    assert viewer is not None
    w = sample_world(g, viewer, Rng(1))
    assert all(e.private_to in (None, viewer) for e in w.log)


@pytest.mark.parametrize("make", [HeuristicBot, quick_search], ids=["heuristic", "search"])
def test_a_bots_choice_does_not_change_when_hidden_cards_are_swapped(make):
    for seed in range(4):
        g = mid_game(seed=seed, steps=10 + 7 * seed)
        to_choice(g, Rng(seed))
        viewer = g.actor
        assert viewer is not None
        h = swap_hidden_cards(g, viewer)
        assert h.state_hash() != g.state_hash()
        assert decide(g, make(), Rng(99)) == decide(h, make(), Rng(99))


# ----- the heuristic knows the rules' goals ------------------------------------------------------
def heuristic_choice(g: Game) -> str:
    return str(decide(g, HeuristicBot(), Rng(1)))


def test_heuristic_never_pushes_tension_to_breakdown_when_it_can_help_it():
    provoke = card(
        "provoke", "red", "soft_power", cost=0, ops=1, event=({"change_track": {"track": "tension", "by": 5}},)
    )
    calm = card("calm", "red", "soft_power", cost=0, ops=1)
    g = new_game(
        cards=(provoke, calm, card("blue-0", "blue"), card("green-0", "green")), tracks={"tension": 6, "unity": 0}
    )
    while g.actor != "red":
        g.apply("pass")
    give(g, "red", "provoke", "calm")
    g.tracks[0] = 6
    line = []
    bot = HeuristicBot()
    r = Rng(3)
    while g.actor == "red" and g.outcome is None:
        a = decide(g, bot, r)
        line.append(str(a))
        g.apply(a)
    assert g.outcome is None, line
    assert "event" not in line or "play provoke" not in line


def test_heuristic_takes_a_country_it_can_align():
    g = new_game(stability=1)
    while g.actor != "red":
        g.apply("pass")
    put(g, "b1", "blue", "trade", 1)
    put(g, "b1", "red", "trade", 1)
    put(g, "b2", "red", "soft_power", 1)
    give(g, "red", "red-0")  # a soft-power card with 2 ops
    g.capital[g.t.faction_index["red"]] = 5
    g.offer(None)
    bot = HeuristicBot()
    r = Rng(1)
    while g.actor == "red":
        g.apply(decide(g, bot, r))
    assert g.country_status("beta").kind in ("aligned", "dominated")
    assert g.country_status("beta").faction == g.t.faction_index["red"]


def test_weights_come_from_the_faction_yaml_with_defaults_for_missing_keys():
    w = Weights.from_yaml({"tension": -2.0, "balance": 1.5, "no-such-weight": 9.0})
    assert w.tension == -2.0 and w.balance == 1.5 and w.vp == Weights().vp
    assert set(WEIGHT_KEYS) == {
        "vp",
        "rivals",
        "margin",
        "contest",
        "influence",
        "reach",
        "tension",
        "balance",
        "capital",
    }


def test_a_faction_that_likes_balance_values_it():
    calm = faction("red", ("gw-n",), bot={"balance": 5.0})
    rules = mini_ruleset(factions=(calm, faction("blue", ("gw-s",)), faction("green", ())))
    g = Game.new(rules, seed=1)
    ev = Evaluator(g.t)
    even = ev.scores(g)[0]
    put(g, "a1", "blue", "trade", 6)
    assert ev.scores(g)[0] < even


def test_the_evaluation_of_a_board_follows_the_summit_schedule():
    # The same board with a summit postponed is another position: a summit further off
    # counts for less. The evaluator must not answer it from what it remembers of the first.
    g = Game.new(load_ruleset().ruleset, seed=1)
    later = g.copy()
    later.postponed.append(g.summit_rounds()[0])
    ev = Evaluator(g.t)
    now = ev.scores(g)
    assert ev.scores(later) == Evaluator(g.t).scores(later) != now


def test_the_evaluator_keeps_what_it_worked_out_when_modifiers_are_rebuilt_alike():
    # Games rebuild their modifier tables whenever a flag or timed modifier comes or goes,
    # most often to the same numbers: that must not cost the evaluator its caches.
    g = Game.new(load_ruleset().ruleset, seed=1)
    ev = Evaluator(g.t)
    ev.scores(g)
    ev.unit_scores(g, 0, [(0, 1)])  # one country more, as a unit placed there
    remembered = len(ev._countries)
    g.rebuild_modifiers()
    ev.scores(g)
    assert remembered == len(g.t.countries) + 1 == len(ev._countries)
    g.lead_weight = [g.lead_weight[0] + 1, *g.lead_weight[1:]]  # who leads where changed: start afresh
    ev.scores(g)
    assert len(ev._countries) == len(g.t.countries)


def test_the_evaluator_remembers_unit_scores_by_the_board_and_adds_capital_after():
    g = Game.new(load_ruleset().ruleset, seed=1)
    ev = Evaluator(g.t)
    changes = [None, (0, 1), (g.t.n_factions * 3, 1)]
    first = ev.unit_scores(g, 0, changes)
    assert len(ev._units) == 1
    g.capital[0] += 1  # capital is not part of what is remembered: it is added to the answer
    again = ev.unit_scores(g, 0, changes)
    assert len(ev._units) == 1
    assert again == Evaluator(g.t).unit_scores(g, 0, changes) != first


def test_a_placement_judged_like_the_last_one_skips_its_probe_and_places_the_same():
    # A planner that trusts its quick judgement (the search's rollouts) places the next unit
    # of an operation by the pattern the last one showed, and checks that the unit it chose
    # did just that, instead of playing a probe first: the same lines, fewer probes.
    from game.ai.heuristic import Planner

    class Counting(Planner):
        probes = 0

        def _unit_changes(self, *args):
            Counting.probes += 1
            return super()._unit_changes(*args)

    class Probing(Counting):
        def _place_as_before(self, *args):
            return None

    rs = load_ruleset().ruleset
    lines: dict[type, list] = {Counting: [], Probing: []}
    probes = {}
    for kind in (Counting, Probing):
        Counting.probes = 0
        for seed in range(4):
            g = Game.new(rs, seed=seed)
            to_choice(g, Rng(seed))
            lines[kind].append(kind(g.t, 1).line(g))
        probes[kind] = Counting.probes
    assert lines[Counting] == lines[Probing]
    assert any(len(line) > 3 for line in lines[Counting]), "no line placed several units: the test shows nothing"
    assert probes[Counting] < probes[Probing]


def test_the_bots_of_a_thread_share_one_evaluator_per_game_and_threads_do_not():
    import threading

    from game.ai.evaluate import shared_evaluator

    g = new_game(seed=1)
    first = shared_evaluator(g.t)
    assert shared_evaluator(g.copy().t) is first  # every bot of the game, every copy of it
    other: list[Evaluator] = []
    worker = threading.Thread(target=lambda: other.append(shared_evaluator(g.t)))
    worker.start()
    worker.join()
    assert other[0] is not first and other[0].t is g.t  # its caches are not locked
    assert shared_evaluator(new_game(seed=2).t) is not first  # the next game lets it go


def test_evaluation_of_a_finished_game_is_win_or_loss():
    g = play_game(mini_ruleset(), 2, {"red": "random", "blue": "random", "green": "random"})
    assert g.outcome is not None
    scores = Evaluator(g.t).scores(g)
    winner = g.outcome.winner
    for f, fac in enumerate(g.t.factions):
        assert (scores[f] > 0) == (fac.id == winner)


def test_of_two_games_won_on_vp_a_bot_prefers_the_wider_margin():
    seats = dict.fromkeys(("red", "blue", "green"), "random")
    games = (play_game(mini_ruleset(), seed, seats) for seed in range(1, 40))
    g = next(g for g in games if g.outcome is not None and g.outcome.kind == "balance")
    ev = Evaluator(g.t)
    w = g.t.faction_index[g.outcome.winner]
    loser = next(f for f in range(g.t.n_factions) if f != w)
    before = ev.scores(g)
    g.vp[w] += 3
    wider = ev.scores(g)
    assert wider[w] == before[w] + 3 and wider[loser] == before[loser] - 3 < 0 < before[w]
    g.vp[loser] += 2
    assert ev.scores(g)[loser] == wider[loser] + 2


# ----- search ---------------------------------------------------------------------------------------
def test_search_with_an_iteration_cap_is_repeatable():
    g = mid_game(seed=6, steps=20)
    to_choice(g, Rng(6))
    first = [str(decide(g, quick_search(), Rng(5))) for _ in range(2)]
    assert first[0] == first[1]


def test_search_stops_at_its_time_budget():
    g = mid_game(seed=7, steps=20)
    to_choice(g, Rng(7))
    bot = SearchBot(seconds=0.05)
    start = time.perf_counter()
    action = decide(g, bot, Rng(1))
    assert action in g.legal_actions()
    assert time.perf_counter() - start < 2.0
    start = time.perf_counter()
    decide(g, SearchBot(seconds=10.0), Rng(1), budget=0.05)  # the driver's budget caps the level's
    assert time.perf_counter() - start < 2.0


# ----- bench -----------------------------------------------------------------------------------------
def test_decision_times_are_measured_per_kind():
    from game.ai.timing import format_bot_times, time_decisions

    rules = mini_ruleset()
    start = time.perf_counter()
    fast = time_decisions(rules, "heuristic", games=1, max_decisions=None)
    took = time.perf_counter() - start
    # One time for each decision with a real choice in that game, and only those: the
    # same game (same seed, same bots), replayed, has exactly that many.
    seats = {fid: "heuristic" for fid in Game.new(rules, None, 1, {}).seats}
    replay = Game.new(rules, None, 1, {})
    choices = 0
    for action in play_game(rules, 1, seats).actions:
        choices += len(replay.legal_actions()) > 1
        replay.apply(action)
    assert replay.outcome is not None and len(fast.seconds) == choices > 0
    # Each is the time of one decision: positive, and together no longer than the run.
    assert all(s > 0 for s in fast.seconds) and sum(fast.seconds) < took
    assert fast.median == statistics.median(fast.seconds) and fast.mean == statistics.fmean(fast.seconds)
    capped = time_decisions(rules, "random", games=5, max_decisions=7)
    assert len(capped.seconds) == 7
    text = format_bot_times([fast, capped])
    assert "heuristic" in text and "median" in text
    # Whole games are timed where they were played to the end; capped runs have none.
    assert len(fast.games) == 1 and 0 < fast.games[0] < took and capped.games == []
    assert "a whole game: median" in text
    # ... with its length, so that rules that end games sooner do not pass for a faster bot.
    assert fast.game_steps == [len(replay.actions)] and capped.game_steps == []
    assert f"median {len(replay.actions)} steps" in text and "ms a step" in text


def test_bench_reports_the_worlds_each_search_saw():
    from game.ai.timing import format_bot_times, time_decisions

    r = time_decisions(mini_ruleset(), "search:easy", games=5, max_decisions=6)
    assert len(r.worlds) == len(r.searches) > 0 and all(w >= 0 for w in r.worlds)
    assert all(s > 0 for s in r.searches)
    assert "sampled worlds a search: median" in format_bot_times([r])


@pytest.mark.slow
def test_bench_bots_reports_median_decision_time_per_kind():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    r = subprocess.run(
        [sys.executable, "-m", "game", "bench", "--bots", "--runs", "1"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    for kind in BOT_KINDS:
        assert kind in r.stdout
    assert "median" in r.stdout


def test_search_candidates_aim_the_planners_best_plays_at_other_countries():
    from game.ai.heuristic import Planner

    for seed in range(6):
        g = mid_game(seed=seed, steps=12)
        to_choice(g, Rng(seed))
        planner = Planner(g.t)
        best = planner.lines(g)[:2]
        aimed = planner.aimed(g, best)
        given = {tuple(line) for _, line in best}
        for _, line in aimed:
            assert tuple(line) not in given
            w = g.copy()
            for a in line:  # every aimed line can be played as it stands
                assert a in w.legal_actions()
                w.apply(a)
        if aimed:
            return
    raise AssertionError("no position gave an aimed line")


def test_search_candidates_are_different_plays():
    """Two cards of the same ops placed alike are one play to the search, not two."""
    from game.ai.heuristic import Planner
    from game.ai.search import _effect

    bot = SearchBot(seconds=math.inf, max_iterations=1)
    fewer = 0
    for seed in range(8):
        g = mid_game(seed=seed, steps=12)
        to_choice(g, Rng(seed))
        planner = Planner(g.t)
        lines = bot.candidate_lines(planner, g)
        effects = [_effect(g, line) for _, line in lines]
        assert len(set(effects)) == len(effects)
        assert len({value for value, _ in lines}) == len(lines)
        everything = planner.lines(g)
        fewer += len({_effect(g, line) for _, line in everything}) < len(everything)
    assert fewer, "no position offered the same play twice: the test shows nothing"


def planned_choice(seed: int):  # type: ignore[no-untyped-def]
    """A mid-game position where a faction chooses, that faction, and a planner of depth 1."""
    from game.ai.heuristic import Planner

    g = mid_game(seed=seed, steps=12)
    to_choice(g, Rng(seed))
    actor = g.actor_index
    assert actor is not None
    return g, actor, Planner(g.t, 1)


def rollout_leaf(g: Game, line: list, planner, own_turn: bool = False) -> Game:  # type: ignore[no-untyped-def]
    """The position a search rollout of `line` from `g` scores (one world: `g` itself)."""
    from game.ai.search import Judged

    leaves: list[Game] = []
    score = planner.evaluator.scores

    def record(w: Game):  # type: ignore[no-untyped-def]
        leaves.append(w.copy())
        return score(w)

    planner.evaluator.scores = record
    try:
        bot = SearchBot(seconds=math.inf, max_iterations=1, own_turn=own_turn)
        bot._rollout(planner, g, g.actor_index, line, {}, Judged())  # noqa: SLF001
    finally:
        planner.evaluator.scores = score
    return leaves[-1]


def test_a_rollout_stops_where_the_factions_own_next_turn_begins():
    """The leaf is scored before the faction's own next action (the evaluation projects it);
    with `own_turn` the rollout plays that action as well, on from the same position."""
    from game.ai.heuristic import turn_key

    g, me, planner = planned_choice(2)
    line = planner.line(g)
    short, long = rollout_leaf(g, line, planner), rollout_leaf(g, line, planner, own_turn=True)
    assert short.outcome is None, "the game ended inside the rollout: the test shows nothing"
    assert short.actor_index == me and short.between_actions() and turn_key(short) != turn_key(g)
    assert SearchBot(seconds=1.0).own_turn is False  # the levels stop there
    assert long.actions[: len(short.actions)] == short.actions  # the same rollout, then
    assert len(long.actions) > len(short.actions)  # the faction's own action played on
    assert long.outcome is not None or long.actor_index != me


def test_a_rollout_plays_the_next_turn_of_a_faction_with_a_once_a_round_ability():
    """The evaluation does not project a `special_action`, so the rollouts of a faction that
    has one play on through its next turn, where it may use it."""
    from game.ai.heuristic import Planner
    from game.engine.actions import Action

    push_back = {"on": "special_action", "name": "Balance",
                 "effects": [{"remove_influence": {"faction": "leader", "where": {"country": "alpha"}}}]}  # fmt: skip
    leaves = []
    for abilities in ((), (push_back,)):
        rs = mini_ruleset(factions=(faction("red", ("gw-n",), modifiers=abilities), faction("blue", ("gw-s",))),
                          influence=(start("a2", "blue", trade=3),))  # fmt: skip
        g = Game.new(rs, seed=1)
        pass_until(g, lambda g: g.actor == "red" and g.between_actions())
        assert ("ability red-ability-0" in [str(a) for a in g.legal_actions()]) == bool(abilities)
        leaves.append(rollout_leaf(g, [Action("pass")], Planner(g.t, 1)))
    plain, able = leaves
    assert plain.actor == "red" and plain.between_actions()  # stopped at red's next turn
    assert len(able.actions) > len(plain.actions) and able.actions[: len(plain.actions)] == plain.actions
    assert able.outcome is not None or able.actor != "red"  # played red's turn, stopped after it


def test_a_rival_in_a_later_rollout_plays_its_planned_card_and_places_afresh():
    from game.ai.heuristic import turn_key
    from game.ai.search import _replay
    from game.engine.actions import Action

    g, actor, planner = planned_choice(2)
    choice = planner.line(g)[0]
    other = next(a for a in g.legal_actions() if a != choice and a.verb == "play")
    w = g.copy()
    played = _replay(planner, w, actor, [other])
    assert w.actions[len(g.actions)] == other  # the planned card, not the planner's choice now
    assert played >= 2 and (w.outcome is not None or turn_key(w) != turn_key(g))  # the turn is over

    # A plan that no longer fits (its card is gone) is made afresh: the turn still ends
    # (and `apply` would have raised on an illegal step).
    x = g.copy()
    _replay(planner, x, actor, [Action("play", "no-such-card")])
    assert x.actions[len(g.actions)] == choice
    assert x.outcome is not None or turn_key(x) != turn_key(g)


def joint_card_choice(partner_gains: list[dict], then: list[dict]) -> str:
    """The mode the heuristic red bot plays a joint card in: blue is asked to agree."""
    joint = card("joint", "red", "soft_power", ops=1, event=({"ask_consent": {"faction": "blue", "then": then, "partner_gains": partner_gains}},))
    rs_cards = (joint, *(card(f"{f}-{k}", f, "trade") for f in ("red", "blue", "green") for k in range(3)), card("reg-0", None, "trade"))
    g = new_game(cards=rs_cards)
    while g.actor != "red":
        g.apply("pass")
    give(g, "red", "joint")
    put(g, "a1", "blue", "soft_power", 2)
    g.vp[g.t.faction_index["green"]] = 10  # green leads: neither red's nor blue's VP is the other's worry
    bot, r = HeuristicBot(), Rng(1)
    g.apply(decide(g, bot, r))
    return str(decide(g, bot, r))


def test_heuristic_plays_a_joint_event_its_partner_would_accept():
    # Both gain from the deal, so blue agrees; judged before blue answers,
    # the event looked worth nothing and the bot always took the operation.
    assert joint_card_choice(partner_gains=[{"gain_vp": {"amount": 3}}], then=[{"gain_vp": {"amount": 5}}]) == "event"


def test_heuristic_does_not_count_on_a_partner_who_would_refuse():
    # The deal only costs blue (its lead in A-one): blue refuses, so the operation is better.
    then = [{"gain_vp": {"amount": 5}}, {"remove_influence": {"faction": "blue", "domain": "any", "amount": 2, "spread": True, "where": {"space": "a1"}}}]
    assert joint_card_choice(partner_gains=[], then=then) == "ops"


def test_a_shared_turn_plays_the_best_judged_first_step_and_judges_each_step_once():
    from game.ai.heuristic import turn_key
    from game.ai.search import Judged, _shared_turn

    g, actor, planner = planned_choice(2)
    assert g.between_actions()
    options: dict = {}
    w = g.copy()
    played = _shared_turn(planner, w, actor, Judged(), options)
    assert set(options) == set(g.legal_actions())  # every first step judged, with its line
    best = max(g.legal_actions(), key=lambda a: options[a][0])
    assert w.actions[len(g.actions)] == best and played >= 1
    assert w.outcome is not None or turn_key(w) != turn_key(g) or w.actor_index == actor

    # In another world the judged steps are not judged again, and the best one the
    # faction may take there is played as its line was planned.
    def no_more_judging(*_: object) -> None:
        raise AssertionError("judged again")

    planner.line_from = no_more_judging  # type: ignore[method-assign, assignment]
    other = next(a for a in g.legal_actions() if a != best)
    options[other] = (options[best][0] + 1.0, options[other][1])
    x = g.copy()
    _shared_turn(planner, x, actor, Judged(), options)
    steps = x.actions[len(g.actions) :]
    assert steps and steps == options[other][1][: len(steps)]  # its line (on the board it was judged on)
    assert steps[0] == other


def test_a_shared_turn_places_its_units_on_the_board_as_it_finds_them():
    """A rival in a later rollout plays the card and mode it judged, but places each unit
    by the planner one step ahead on the board before it (which another candidate left
    otherwise), not where the line judged on the first board put it."""
    from game.ai.search import Judged, _shared_turn

    g, actor, planner = planned_choice(2)
    options: dict = {}
    _shared_turn(planner, g.copy(), actor, Judged(), options)
    placing = [a for a, (_, line) in options.items() if any(b.verb == "place" for b in line)]
    assert placing, "some card places units"
    chosen = placing[0]
    options[chosen] = (max(v for v, _ in options.values()) + 1.0, options[chosen][1])
    asked: list[Action] = []

    def last_legal(_g: object, _me: int, legal: list[Action], _focus: int = 0) -> Action:
        asked.append(legal[-1])
        return legal[-1]

    planner.one_ahead = last_legal  # type: ignore[method-assign]
    x = g.copy()
    _shared_turn(planner, x, actor, Judged(), options)
    steps = x.actions[len(g.actions) :]
    assert steps[0] == chosen and asked
    assert [a for a in steps if a in asked] == asked  # every unit where the board-time ranking put it


def test_a_shared_line_is_planned_again_where_its_first_step_is_not_legal():
    from game.ai.search import Judged, _shared_line
    from game.engine.actions import Action

    g, actor, planner = planned_choice(3)
    shared = Judged(lines={("k",): [Action("play", "no-such-card")]})
    w = g.copy()
    played = _shared_line(planner, w, actor, shared, ("k",))
    assert played is not None and played >= 1
    assert shared.lines[("k",)] == planner.line(g) and w.actions[len(g.actions)] == shared.lines[("k",)][0]


def test_search_begins_no_judgement_it_has_no_time_left_to_finish():
    import time

    from game.ai.search import Judged, _shared_line, _shared_turn

    g, actor, planner = planned_choice(2)
    shared = Judged(slowest=0.5)  # a judgement has taken half a second
    stop = time.perf_counter() + 0.3
    assert _shared_turn(planner, g.copy(), actor, shared, {}, stop) is None
    assert _shared_line(planner, g.copy(), actor, shared, ("k",), stop) is None
    assert shared.judge(lambda x: time.sleep(0.01) or x, 7) == 7 and shared.slowest == 0.5
    fresh = Judged()  # nothing judged yet: it judges, and times the judgements
    assert _shared_turn(planner, g.copy(), actor, fresh, {}, time.perf_counter() + 60) is not None
    assert fresh.slowest > 0.0


@pytest.mark.parametrize("share", [True, False], ids=["shared", "planned-per-world"])
def test_search_with_or_without_shared_turns_returns_a_legal_step_repeatably(share):
    g = mid_game(seed=8, steps=25)
    to_choice(g, Rng(8))
    picks = {str(decide(g, SearchBot(seconds=math.inf, max_iterations=3, share_turns=share), Rng(4))) for _ in range(2)}
    assert len(picks) == 1 and next(iter(picks)) in map(str, g.legal_actions())


def test_search_keeps_to_its_level_budget():
    """A world or a step it cannot finish in time is left, so the level's seconds hold
    (with a generous margin here: the machine running the tests may be busy)."""
    g = mid_game(seed=9, steps=30)
    to_choice(g, Rng(9))
    bot = SearchBot(seconds=0.2)
    start = time.perf_counter()
    decide(g, bot, Rng(2))
    assert time.perf_counter() - start < 0.6
