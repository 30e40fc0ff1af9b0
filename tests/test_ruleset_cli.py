"""`python -m game validate`: problems as lines (or JSON), exit 2 on errors, never a traceback."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.ruleset.report import validate_command

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"


def validate(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "game", "validate", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def mini_copy(tmp_path: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(MINI, rules)
    for name, content in (extra or {}).items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (rules / name).write_bytes(data)
    return rules


def test_valid_rules_exit_0_with_a_summary(tmp_path: Path) -> None:
    mini_copy(tmp_path)
    run = validate(tmp_path, "--rules", "rules")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout == (
        "rules: 2 factions, 3 countries, 5 spaces, 2 gateways, 1 corridor, 6 cards, 2 events, 1 crisis, 1 scenario"
        " — no problems\n"
    )


def test_broken_rules_exit_2_with_one_line_per_problem(tmp_path: Path) -> None:
    mini_copy(
        tmp_path,
        {
            "zz.yaml": "cards:\n  - id: x\n    name: X\n    type: trade\n    cost: 1\n    ops: 1\n    event: [{draw: {count: 0}}]\n    colr: red\n"
        },
    )
    run = validate(tmp_path, "--rules", "rules")
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[:2] == [
        "rules/zz.yaml:7:28: 'count' of 'draw' in 'event' of card 'x' is 0, but it must be between 1 and 100",
        "rules/zz.yaml:8:5: unknown key 'colr' in card 'x' — expected one of: cost, event, faction, flavour, hypothetical, id, "
        "name, ops, source, type",
    ]
    assert lines[2].endswith("— 2 problems")


def test_hostile_files_through_the_command_line(tmp_path: Path) -> None:
    mini_copy(
        tmp_path,
        {
            "zz1.yaml": b"remove: !!python/object/apply:os.system ['echo hacked > hacked.txt']\n",
            "zz2.yaml": b"\x00\x01\x02binary",
            "zz3.yaml": b"remove: [a\n",
            "zz4.yaml": "a: &a [1, 2]\nb: [*a, *a]\n",
        },
    )
    run = validate(tmp_path, "--rules", "rules")
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines[:4]] == [
        "rules/zz1.yaml:1:9",
        "rules/zz2.yaml:1:1",
        "rules/zz3.yaml:2:1",
        "rules/zz4.yaml:2:5",
    ]
    for line, words in zip(lines, ["Python object", "binary file", "YAML syntax error", "alias"], strict=False):
        assert words in line, line
    assert lines[4].endswith("— 4 problems")
    assert not (tmp_path / "hacked.txt").exists()


def test_missing_rules_folder_is_a_sentence(tmp_path: Path) -> None:
    run = validate(tmp_path, "--rules", "nowhere")
    assert run.returncode == 2
    assert run.stderr == "There is no rules folder at 'nowhere' — give an existing folder with --rules DIR.\n"
    assert "Traceback" not in run.stdout + run.stderr


def test_json_report(tmp_path: Path) -> None:
    mini_copy(tmp_path, {"zz.yaml": "remove: [osh-city]\n"})
    run = validate(tmp_path, "--rules", "rules", "--json")
    assert run.returncode == 2
    report = json.loads(run.stdout)
    assert report["ok"] is False
    assert report["counts"] == {
        "factions": 2,
        "countries": 3,
        "spaces": 5,
        "gateways": 2,
        "corridors": 1,
        "cards": 6,
        "events": 2,
        "crises": 1,
        "scenarios": 1,
    }
    assert report["problems"] == [
        {"file": "rules/zz.yaml", "line": 1, "column": 10, "message": "cannot remove 'osh-city': nothing has this id"},
    ]


def test_json_report_for_a_missing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert validate_command("nowhere", as_json=True, out=out) == 2
    report = json.loads(out.getvalue())
    assert report["ok"] is False and report["counts"]["spaces"] == 0
    assert report["problems"][0]["file"] == "nowhere"


def test_warnings_do_not_fail_validation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = mini_copy(tmp_path)
    cards = rules / "cards.yaml"
    cards.write_text(
        cards.read_text(encoding="utf-8").replace("{flag: turkic-summit-held}", "{flag: never-raised}"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert validate_command("rules", as_json=False, out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("rules/cards.yaml:54:29: warning: no effect raises the flag 'never-raised'")
    assert lines[1].endswith("— no problems, 1 warning")
