"""The modding commands: `validate/simulate/diff --mod`, `simulate --compare`, `schema`, `docs`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from game.analysis.compare import format_comparison, significant
from game.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def game(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COG_DATA_DIR": str(Path(tempfile.gettempdir()) / "cog-test-no-data")}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip


def test_mod_is_repeatable_and_reaches_subcommands() -> None:
    parser = build_parser()
    assert parser.parse_args(["validate", "--mod", "a", "--mod", "b"]).mod == ["a", "b"]
    assert parser.parse_args(["--mod", "a", "play"]).mod == ["a"]  # the top level's is kept
    assert not hasattr(parser.parse_args(["validate"]), "mod")  # main() makes it []
    assert parser.parse_args(["simulate", "--mod", "x", "--compare"]).compare is True


def test_validate_with_a_mod(tmp_path: Path) -> None:
    run = game("validate", "--mod", "china", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "with china 1.0.0: 6 factions, " in run.stdout and run.stdout.endswith(" — no problems\n")
    report = json.loads(game("validate", "--mod", str(ROOT / "mods" / "china"), "--json", cwd=tmp_path).stdout)
    assert report["ok"] is True
    assert report["mods"] == [{"id": "china", "name": "China", "version": "1.0.0", "folder": str(ROOT / "mods" / "china")}]


def test_diff_lists_what_a_mod_changes() -> None:
    run = game("diff", "--mod", "mods/seminar-short")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Changes of mod 'seminar-short' 1.0.0 against the base rules:"
    assert "  - card 'track-two-probing'" in "\n".join(lines)
    assert any(line.startswith("      hand_size: 4 → 3") for line in lines)
    assert lines[-1] == "0 added, 6 changed, 2 removed"
    changes = json.loads(game("diff", "--mod", "mods/seminar-short", "--json").stdout)["changes"]
    assert {"change": "removed", "kind": "card", "id": "track-two-probing",
            "where": "mods/seminar-short/seminar.yaml:28:5", "fields": {}} in changes  # fmt: skip


def test_diff_needs_a_mod() -> None:
    run = game("diff")
    assert run.returncode == 2 and "--mod" in run.stderr and "Traceback" not in run.stderr


def test_simulate_with_a_mod_plays_six_factions(tmp_path: Path) -> None:
    run = game("simulate", "--mod", "china", "--games", "3", "--quiet", "--json", "out.json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    result = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert len(result["seats"]) == 6 and "china" in result["seats"]


def test_compare_plays_the_same_seeds_with_and_without(tmp_path: Path) -> None:
    args = ("simulate", "--mod", "seminar-short", "--compare", "--scenario", "seminar", "--games", "6", "--quiet")
    run = game(*args, "--json", "cmp.json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "6 games of seminar (seed 1), without and with mod seminar-short 1.0.0:"
    assert lines[1].split() == ["without", "with", "change"]
    assert [line.split()[0] for line in lines[2:5]] == ["balance", "domination", "breakdown"]
    assert lines[-1].startswith("* the change is larger than chance")
    saved = json.loads((tmp_path / "cmp.json").read_text(encoding="utf-8"))
    assert saved["mods"] == ["seminar-short 1.0.0"]
    # random seats: Russia often wins by its VP lead before the end, so compare the limits
    assert saved["without"]["mean_rounds"] <= 4 and saved["with"]["mean_rounds"] <= 3
    assert saved["without"]["mean_rounds"] != saved["with"]["mean_rounds"]  # the mod changed the games
    assert game(*args, cwd=tmp_path).stdout == run.stdout  # deterministic


def test_compare_needs_a_mod_and_a_shared_scenario() -> None:
    run = game("simulate", "--compare", "--games", "1")
    assert run.returncode == 2 and "give one or more --mod" in run.stderr
    run = game("simulate", "--compare", "--mod", "china", "--scenario", "nope", "--games", "1")
    assert run.returncode == 2 and "There is no scenario 'nope'" in run.stderr and "Traceback" not in run.stderr


def test_comparison_table_marks_new_factions_and_real_moves() -> None:
    without = {"games": 400, "seed": 1, "scenario": "s", "outcomes": {"balance": 300, "domination": 100, "breakdown": 0},
               "decided": 400, "wins": {"a": 300, "b": 100}, "mean_rounds": 8.0, "mean_balance_index": 70.0}  # fmt: skip
    with_mod = {"games": 400, "seed": 1, "scenario": "s", "outcomes": {"balance": 200, "domination": 200, "breakdown": 0},
                "decided": 400, "wins": {"a": 290, "b": 60, "c": 50}, "mean_rounds": 7.5, "mean_balance_index": 65.5}  # fmt: skip
    text = format_comparison(without, with_mod, "mod m 1")
    assert "  balance           75.0%    50.0%   −25.0 pts *" in text
    assert "  a                 75.0%    72.5%   −2.5 pts" in text
    assert "  c                     —    12.5%   new" in text
    assert "Mean rounds played: 8.0 without, 7.5 with (−0.50)" in text
    assert significant(300, 400, 200, 400) and not significant(300, 400, 290, 400)


def test_schema_command_prints_json() -> None:
    run = game("schema")
    assert run.returncode == 0
    schema = json.loads(run.stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "cards" in schema["properties"]


def test_docs_check_command() -> None:
    run = game("docs", "--check")
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("mod", ["china", "caucasus", "seminar-short"])
def test_validate_each_example_mod(mod: str) -> None:
    run = game("validate", "--mod", mod)
    assert run.returncode == 0 and run.stdout.endswith("— no problems\n"), run.stdout


def test_comparison_weighs_mean_final_vp_by_the_margin_of_its_change() -> None:
    base = {"games": 400, "seed": 1, "scenario": "s", "outcomes": {"balance": 300, "domination": 100, "breakdown": 0},
            "decided": 400, "wins": {"a": 300, "b": 100}, "mean_rounds": 8.0, "mean_balance_index": 70.0}  # fmt: skip
    without = {**base, "mean_vp": {"a": 20.0, "b": 10.0}, "vp_sd": {"a": 5.0, "b": 5.0}}
    with_mod = {**base, "mean_vp": {"a": 18.0, "b": 10.5}, "vp_sd": {"a": 5.0, "b": 5.0}}
    text = format_comparison(without, with_mod, "mod m 1")
    # margin: 1.96 × √(25/400 + 25/400) ≈ 0.69 VP
    assert "  a                 20.00    18.00   −2.00 ± 0.69 *" in text
    assert "  b                 10.00    10.50   +0.50 ± 0.69\n" in text
    assert "Mean final VP" not in format_comparison(base, base, "mod m 1")  # JSON written before it had VP
