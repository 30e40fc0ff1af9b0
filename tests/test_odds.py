"""The odds of a saved game (`python -m game odds`, `report --odds`): the share of games
played on by heuristic bots that end in each outcome, from the start of every round."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from game.ai.play import play_game
from game.analysis.odds import (
    CONFIRM,
    Point,
    game_odds,
    odds_in_background,
    outcome_keys,
    position_odds,
    read_odds,
    turning_point_text,
    turning_points,
)
from game.analysis.report import write_report
from game.engine import Game
from game.engine.rng import Rng
from game.ruleset import load_ruleset

from builders import card, mini_ruleset, new_game, start, with_settings

ROOT = Path(__file__).resolve().parents[1]
MINI_RULES = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini_game() -> Game:
    """A whole three-round game of the hand-built ruleset, played by heuristic bots (green
    without its balance bonus, which would make it win every game)."""
    rules = mini_ruleset()
    factions = tuple(replace(f, balance_bonus=None) for f in rules.factions)
    rules = mini_ruleset(factions=factions)
    return play_game(rules, 4, {f.id: "heuristic" for f in rules.factions})


@pytest.fixture(scope="module")
def mini_odds(mini_game: Game) -> dict:
    """Judged at each round's start and before each action of round 1 (where the odds move)."""
    return game_odds(mini_game, 3, seed=7, fine_rounds=[1]).to_json()


@pytest.fixture(scope="module")
def mini_save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved game of the YAML mini rules (`tests/fixtures/mini`), for the command line."""
    rules = load_ruleset([MINI_RULES]).ruleset
    assert rules is not None
    game = play_game(rules, 3, {f.id: "heuristic" for f in rules.factions})
    path = tmp_path_factory.mktemp("odds") / "game.json"
    path.write_text(game.to_json(), encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_odds_of_the_outcomes_sum_to_one_at_every_round_start(mini_game, mini_odds):
    rounds = [p for p in mini_odds["points"] if p["start_of_round"]]
    assert [p["round"] for p in rounds] == [1, 2, 3]
    for p in mini_odds["points"]:
        assert set(p["outcomes"]) == set(outcome_keys(mini_game))
        assert sum(p["outcomes"].values()) == pytest.approx(1.0)
        assert sum(p["wins"].values()) <= 1.0 + 1e-9  # a breakdown may leave nobody winning
        assert p["games"] == 1 if p["over"] else p["games"] in (3, 3 * CONFIRM)  # 3 * CONFIRM: a turning point's side


def test_the_end_of_a_finished_game_is_certain(mini_game, mini_odds):
    end = mini_odds["points"][-1]
    assert end["over"] and end["step"] == len(mini_game.actions)
    out = mini_game.outcome
    key = f"domination:{out.winner}" if out.kind == "domination" else out.kind
    assert end["outcomes"][key] == 1.0
    if out.winner:
        assert end["wins"][out.winner] == 1.0


def test_the_same_seed_gives_the_same_odds_whatever_the_number_of_processes(mini_game, mini_odds):
    again = game_odds(mini_game, 3, seed=7, fine_rounds=[1], jobs=2).to_json()
    assert json.dumps(again) == json.dumps(mini_odds)
    other = game_odds(mini_game, 4, seed=8).to_json()
    assert other["seed"] == 8 and other["points"][0]["step"] == 0


def test_a_power_holding_the_region_as_a_summit_comes_is_most_likely_to_dominate():
    # Red dominates both countries with a wide margin, and this round ends with a summit.
    influence = tuple(start(s, "red", security=3, trade=3) for s in ("a1", "a2", "b1", "b2"))
    g = new_game(influence=influence, settings=with_settings(domination_countries=2), summits=(1, 3))
    odds = position_odds(g, 6, seed=1)
    assert max(odds, key=lambda k: odds[k]) == "domination:red"
    assert sum(odds.values()) == pytest.approx(1.0)


def test_continuations_do_not_see_the_real_hidden_cards():
    # The same position with every deck in another order and each hand swapped for cards of
    # its deck: the room cannot tell the two apart, so neither may the odds.
    rules = mini_ruleset()
    rules = replace(rules, cards=rules.cards + tuple(card(f"{f.id}-x{k}", f.id) for f in rules.factions for k in range(6)))
    position = Game.new(rules, seed=2)
    other = position.copy()
    rng = Rng(99)
    for f in range(len(other.factions)):
        hand, deck = other.hands[f], other.decks[f]
        hand[:], deck[: len(hand)] = deck[: len(hand)], list(hand)
        rng.shuffle(deck)
    rng.shuffle(other.regional_deck)
    other.offer(None)
    assert other.state_hash() != position.state_hash()
    assert position_odds(other, 4, seed=3) == position_odds(position, 4, seed=3)


def test_turning_points_are_single_actions_within_a_round(mini_game, mini_odds):
    found = mini_odds["turning_points"]
    assert 1 <= len(found) <= 3
    starts = set(mini_game.action_starts)
    for tp in found:
        assert tp["step"] in starts and not any(s in starts for s in range(tp["step"] + 1, tp["end"]))
        assert mini_game.steps[tp["step"]].round == tp["round"]
        assert tp["before"] != tp["after"]


def test_turning_points_are_named_after_a_second_look_from_more_games(mini_game, mini_odds):
    """The candidates' sides are judged again from CONFIRM times the games (the same first
    continuations and new ones), and only so-judged actions are named."""
    at = {p["step"]: p for p in mini_odds["points"]}
    assert mini_odds["turning_points"]
    for tp in mini_odds["turning_points"]:
        assert tp["games"] == 3 * CONFIRM
        assert all(at[s]["over"] or at[s]["games"] == 3 * CONFIRM for s in (tp["step"], tp["end"]))


def test_a_move_seen_in_few_games_is_not_named_over_one_judged_again(mini_game):
    starts = mini_game.action_starts[:4]
    keys = outcome_keys(mini_game)
    # (games, balance share): the first action moved balance 20 points in 30 games a side,
    # the third 50 points in 10 — a move that few games may show by chance.
    seen = [(30, 0.5), (30, 0.3), (10, 0.4), (10, 0.9)]
    points = [Point(k, 1, i == 0, False, n, {"balance": round(n * s), "breakdown": n - round(n * s)}) for i, (k, (n, s)) in enumerate(zip(starts, seen, strict=True))]
    (tp,) = turning_points(mini_game, points, keys, top=1)
    assert (tp.step, tp.before, tp.after, tp.games) == (starts[0], 0.5, 0.3, 30)


def test_the_largest_moves_are_the_turning_points(mini_game):
    starts = mini_game.action_starts[:4]
    keys = outcome_keys(mini_game)
    shares = [0.5, 0.4, 0.9, 0.8]  # the second action moves balance most (+50 points)
    points = [Point(k, 1, i == 0, False, 10, {"balance": round(10 * s), "breakdown": 10 - round(10 * s)}) for i, (k, s) in enumerate(zip(starts, shares, strict=True))]
    tp = turning_points(mini_game, points, keys, top=1)[0]
    assert (tp.step, tp.what, tp.before, tp.after) == (starts[1], "balance", 0.4, 0.9)
    text = turning_point_text(mini_game, tp)
    assert text.startswith("Round 1: ") and text.endswith("The odds of balance went from 40% to 90%.")


def test_a_window_gets_the_odds_from_a_worker_process(mini_game):
    # what the end screen runs ("spawn": a fresh interpreter, as the window needs)
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    worker = ctx.Process(target=odds_in_background, args=(mini_game.ruleset, mini_game.to_json(), 1, 1, queue))
    worker.start()
    said = [queue.get(timeout=60)]
    while said[-1][0] == "progress":
        said.append(queue.get(timeout=60))
    worker.join(10)
    assert said[-1][0] == "done", said[-1]
    assert said[-2] == ("progress", len(said) - 1, len(said) - 1)
    assert read_odds(mini_game, said[-1][1]).games == 1


def test_odds_read_back_only_for_their_own_game(mini_game, mini_odds):
    table = read_odds(mini_game, mini_odds)
    assert table.games == 3 and table.fine and len(table.turning) == len(mini_odds["turning_points"])
    other = play_game(mini_game.ruleset, 5, {f.id: "random" for f in mini_game.factions})
    with pytest.raises(ValueError, match="another game"):
        read_odds(other, mini_odds)


def test_the_report_shows_the_odds_chart_and_the_turning_points(mini_game, mini_odds, tmp_path):
    written = write_report(mini_game, tmp_path, mini_odds)
    names = {p.name for p in written}
    assert {"odds.png", "odds-wins.png", "odds.json"} <= names
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'id="odds"' in page and 'href="#odds"' in page and "moved the odds most" in page
    plain = tmp_path / "plain"
    write_report(mini_game, plain)
    assert not (plain / "odds.png").exists() and 'id="odds"' not in (plain / "index.html").read_text(encoding="utf-8")
    assert "judged again from 9 games" in page and "at least 3 games" in page


def test_an_odds_file_from_before_the_second_look_still_makes_a_report(mini_game, mini_odds, tmp_path):
    old = json.loads(json.dumps(mini_odds))
    for tp in old["turning_points"]:
        del tp["games"]  # odds files written before stop 64
    assert all(tp.games == 0 for tp in read_odds(mini_game, old).turning)
    write_report(mini_game, tmp_path, old)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "moved the odds most" in page and "judged again" not in page and "at least" not in page


def test_the_odds_command_writes_its_json_and_the_report_reads_it(mini_save, tmp_path):
    out = tmp_path / "odds.json"
    r = run("odds", str(mini_save), "--rules", str(MINI_RULES), "--games", "2", "--json", str(out))
    assert r.returncode == 0, r.stderr
    assert "Balance" in r.stdout and "R1" in r.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "center-of-gravity-odds" and data["games"] == 2
    rep = run("report", str(mini_save), "--rules", str(MINI_RULES), "--out", str(tmp_path / "rep"), "--odds-json", str(out))
    assert rep.returncode == 0, rep.stderr
    assert (tmp_path / "rep" / "odds.png").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["odds", "no-such-save.json"],
        ["odds", "{broken}"],
        ["report", "{save}", "--rules", str(MINI_RULES), "--out", "{out}", "--odds-json", "no-such-odds.json"],
        ["report", "{save}", "--rules", str(MINI_RULES), "--out", "{out}", "--odds-json", "{broken}"],
        ["report", "{save}", "--rules", str(MINI_RULES), "--out", "{out}", "--odds-json", "{save}"],
    ],
)
def test_bad_input_to_odds_is_one_sentence_and_exit_2(args, mini_save, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "center-of-gra', encoding="utf-8")
    filled = [a.format(broken=broken, save=mini_save, out=tmp_path / "rep") for a in args]
    r = run(*filled)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize("flags", [["--games", "0"], ["--jobs", "many"], ["--seed", "-1"]])
def test_bad_odds_flags_give_usage_and_exit_2(flags, mini_save):
    r = run("odds", str(mini_save), *flags)
    assert r.returncode == 2 and "usage:" in r.stderr and "Traceback" not in r.stderr
