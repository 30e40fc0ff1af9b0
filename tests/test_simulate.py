"""Issue 4: bots in any seat of `simulate`, games spread over processes with the same
results, and a tournament report with 95% confidence intervals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis.simulate import run, seat_kinds, wilson_interval
from game.ruleset import load_ruleset

from builders import mini_ruleset

ROOT = Path(__file__).resolve().parents[1]
SEATS = {"red": "heuristic", "blue": "random", "green": "random"}


def simulate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", "simulate", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_jobs_do_not_change_the_results():
    rules = mini_ruleset()
    one = run(rules, 6, 11, None, SEATS, jobs=1).to_json(11, "test", SEATS)
    two = run(rules, 6, 11, None, SEATS, jobs=2).to_json(11, "test", SEATS)
    assert one == two
    assert one["games"] == 6


def test_cli_jobs_1_and_2_write_identical_json(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    common = ("--games", "6", "--seed", "5", "--bots", "random", "--quiet")
    ra = simulate(*common, "--jobs", "1", "--json", str(a))
    rb = simulate(*common, "--jobs", "2", "--json", str(b))
    assert ra.returncode == rb.returncode == 0, ra.stderr + rb.stderr
    assert ra.stdout == rb.stdout
    assert a.read_bytes() == b.read_bytes()


def test_cli_seat_puts_a_bot_in_one_chair(tmp_path):
    path = tmp_path / "r.json"
    rules = load_ruleset().ruleset
    assert rules is not None
    first = rules.scenario().factions[0]
    r = simulate("--games", "1", "--seed", "2", "--quiet", "--seat", f"{first}=heuristic", "--json", str(path))
    assert r.returncode == 0, r.stderr
    result = json.loads(path.read_text())
    assert result["seats"][first] == "heuristic"
    assert all(kind == "random" for f, kind in result["seats"].items() if f != first)
    assert set(result["win_rate_ci95"]) == set(result["seats"])
    assert "95%" in r.stdout


@pytest.mark.parametrize(
    "args, words",
    [
        (["--bots", "genius"], "There is no bot kind 'genius'"),
        (["--seat", "atlantis=heuristic"], "There is no faction 'atlantis'"),
        (["--seat", "heuristic"], "--seat wants FACTION=KIND"),
    ],
)
def test_cli_bad_seats_are_sentences(args, words):
    r = simulate("--games", "1", *args)
    assert r.returncode == 2
    assert words in r.stderr and "Traceback" not in r.stderr


def test_the_summary_and_the_seat_answers_read_in_the_readers_language(capsys):
    """`simulate`'s summary and its answers to a bad --bots or --seat follow --lang like the
    rest of the command line; a mid-game AUC that cannot be measured says why, not "None"."""
    from game.cli import main

    assert main(["--lang", "ru", "simulate", "--games", "1", "--seat", "atlantis=heuristic"]) == 2
    assert "В этом сценарии нет стороны 'atlantis'" in capsys.readouterr().err
    assert main(["--lang", "tr", "simulate", "--games", "2", "--seed", "9", "--scenario", "seminar", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 oyun, senaryo seminar (tohum 9)") and "Sondaki ortalama ZP:" in out
    assert main(["simulate", "--games", "1", "--seed", "9", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "AUC at mid-game — (needs games both dominated and not that reach mid-game)" in out
    assert "None" not in out


def test_seat_kinds_default_and_overrides():
    assert seat_kinds(["a", "b"], "random", ["b=heuristic"]) == {"a": "random", "b": "heuristic"}
    assert seat_kinds(["a", "b"], "search:normal", None) == {"a": "search:normal", "b": "search:normal"}
    assert isinstance(seat_kinds(["a"], "random", ["a=search:extreme"]), str)


def test_wilson_interval():
    lo, hi = wilson_interval(5, 10)
    assert lo == pytest.approx(0.2366, abs=1e-4) and hi == pytest.approx(0.7634, abs=1e-4)
    lo, hi = wilson_interval(0, 10)
    assert lo == 0.0 and hi == pytest.approx(0.2775, abs=1e-4)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    lo, hi = wilson_interval(100, 100)
    assert hi == 1.0 and lo > 0.96


def test_report_has_confidence_intervals_per_faction():
    rules = mini_ruleset()
    result = run(rules, 4, 3, None, SEATS).to_json(3, "test", SEATS)
    assert set(result["win_rate_ci95"]) == set(SEATS)
    for f, (lo, hi) in result["win_rate_ci95"].items():
        assert 0.0 <= lo <= result["win_rates"][f] <= hi <= 1.0


def test_mean_final_vp_and_its_spread_are_those_of_the_games_played():
    from statistics import mean, stdev

    from game.ai.play import play_game
    from game.analysis.simulate import game_seed

    rules = mini_ruleset()
    result = run(rules, 5, 4, None, SEATS).to_json(4, "test", SEATS)
    finals = [play_game(rules, game_seed(4, i), SEATS).vp for i in range(5)]
    for k, f in enumerate(f.id for f in rules.factions):
        vps = [vp[k] for vp in finals]
        assert result["mean_vp"][f] == round(mean(vps), 3)
        assert result["vp_sd"][f] == pytest.approx(stdev(vps), abs=1e-3)
    assert len(set(map(tuple, finals))) > 1  # the games differ, so the spread is not trivially 0
