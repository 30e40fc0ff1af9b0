"""The design metrics of `simulate --json` (issue 15) measure what they say."""

from __future__ import annotations

import pytest

from game.analysis.metrics import GameMetrics, auc_low_predicts, game_metrics, metrics_block
from game.analysis.simulate import run
from game.ruleset import load_ruleset

from builders import new_game, random_play


def test_auc_is_the_chance_a_low_value_belongs_to_the_low_class():
    assert auc_low_predicts([1, 2], [3, 4]) == 1.0
    assert auc_low_predicts([3, 4], [1, 2]) == 0.0
    assert auc_low_predicts([2], [2]) == 0.5
    assert auc_low_predicts([], [1]) is None


def test_the_time_model_counts_every_step_of_a_game_once():
    g = new_game()
    random_play(g, 400)
    m = game_metrics(g)
    assert m.actions + m.units + m.other == len(g.actions)
    assert m.actions == sum(1 for s in g.steps if s.begins_action and s.phase == "actions")
    assert m.units == sum(1 for a in g.actions if a.space is not None)
    assert m.play_minutes == pytest.approx((45 * m.actions + 4 * m.units + 3 * m.other + 10 * m.handoffs) / 60)
    assert 0 < m.handoffs < len(g.actions)


def test_the_metrics_block_counts_routes_events_and_crises():
    base = GameMetrics("balance", (100.0, 90.0), 90.0, 10, 4, True, True, 10, 20, 5, 7, ("kant", "tapi", "kant", "ots"))
    dom = GameMetrics("lead", (100.0, 40.0), 40.0, 10, 1, False, False, 10, 20, 5, 7, ("ots",))
    block = metrics_block([base, dom], ["kant", "ots", "tapi", "drones"])
    assert block["events_chosen"] == {"kant": 2, "ots": 2, "tapi": 1, "drones": 0}
    assert block["events_never_chosen"] == ["drones"]
    assert block["domination_by_route"] == {"map": 0, "lead": 1}
    assert block["event_share"] == 0.25 and block["tiebreak_share"] == 1.0 and block["crisis_games"] == 1
    assert block["index"] == {"round_end_sd": 25.0, "auc_mid": 1.0}


def test_simulate_json_has_the_metrics_block():
    rules = load_ruleset().ruleset
    assert rules is not None
    seats = {f.id: "random" for f in rules.factions}
    result = run(rules, games=3, seed=1, scenario="seminar", seats=seats).to_json(1, "seminar", seats)
    m = result["metrics"]
    assert set(m) >= {"domination_by_route", "index", "event_share", "tiebreak_share", "crisis_games",
                      "breakdown_games", "decisions_per_game", "play_minutes", "events_chosen",
                      "events_never_chosen"}  # fmt: skip
    assert set(m["events_chosen"]) == {c.id for c in rules.cards if c.event}
    assert m["play_minutes"] > 0 and m["games"] == 3
