"""The bots' hot modules and the engine compiled by mypyc (game/native.py, setup.py): the same
games as their Python source, bit for bit, games that still pickle and undo, and never a build
older than its source."""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import native

ROOT = Path(__file__).resolve().parents[1]

GAMES = """
import hashlib, json, pickle
from game import native
from game.ai.evaluate import shared_evaluator
from game.ai.play import decide, play_game, seat_rng
from game.ai.search import SearchBot
from game.engine.game import Game
from game.ruleset import load_ruleset

rules = load_ruleset().ruleset
heuristic = {f.id: "heuristic" for f in rules.factions}
played = [play_game(rules, 1, heuristic), play_game(rules, 1, heuristic, "seminar"), play_game(rules, 2, heuristic, "seminar")]
# The search, its clock taken out (two worlds a decision): every seat searches its first decisions.
g = Game.new(rules, "seminar", seed=3)
bots = {f: SearchBot(seconds=float("inf"), max_iterations=2) for f in g.seats}
rngs = {f: seat_rng(3, i) for i, f in enumerate(g.seats)}
for _ in range(40):
    g.apply(decide(g, bots[g.actor], rngs[g.actor]))
played.append(g)
# A worker started by "spawn" gets its positions pickled; undo replays into the game itself.
again = [pickle.loads(pickle.dumps(x)) for x in (*played, g.scratch())]
pickled = [a.state_hash() == x.state_hash() and a.legal_actions() == x.legal_actions() for a, x in zip(again, (*played, g.scratch()))]
u = Game.new(rules, "seminar", seed=4)
while True:  # on to the third step or later that can be taken back
    before = u.state_hash()
    u.apply(u.legal_actions()[0])
    if len(u.actions) >= 3 and u.can_undo():
        break
u.undo()
print(json.dumps({
    "pickled": pickled,
    "undone": u.state_hash() == before,
    "compiled": native.compiled_now(),
    "status": native.status(),
    "games": [hashlib.sha256(" ".join(map(str, x.actions)).encode()).hexdigest() for x in played],
    "scores": [[repr(v) for v in shared_evaluator(x.t).scores(x)] for x in played],
}))
"""


def _play(pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    if pure:
        env[native.PURE_ENV] = "1"
    done = subprocess.run([sys.executable, "-c", GAMES], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_compiled_bots_play_the_python_sources_games_bit_for_bit():
    """Heuristic long and seminar games, a searched one and the evaluator's last scores: the
    compiled modules (as `pip install` builds them) give exactly what the source gives."""
    compiled = _play(pure=False)
    if not compiled["compiled"]:
        pytest.skip(f"the bots run {compiled['status']}: nothing compiled to compare")
    source = _play(pure=True)
    assert source["compiled"] is False
    assert compiled["games"] == source["games"]
    assert compiled["scores"] == source["scores"]
    assert compiled["pickled"] == source["pickled"] == [True] * 5
    assert compiled["undone"] is source["undone"] is True


def _package(tmp_path: Path) -> Path:
    """A copy of the compiled modules' sources, with a stand-in build of each and its record."""
    package = tmp_path / "game"
    for module in native.COMPILED:
        source = native.source_of(module, package)
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(f"# {module}\n", encoding="utf-8")
        source.with_name(source.stem + importlib.machinery.EXTENSION_SUFFIXES[0]).write_bytes(b"")
    record = {"sources": {m: native.digest(native.source_of(m, package)) for m in native.COMPILED}}
    (package / native.RECORD).write_text(json.dumps(record), encoding="utf-8")
    return package


def test_a_build_runs_only_while_every_source_is_the_one_it_was_built_from(tmp_path, monkeypatch):
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    package = _package(tmp_path)
    assert native.why_pure(package) is None

    edited = native.source_of("game.ai.heuristic", package)
    edited.write_text(edited.read_text(encoding="utf-8") + "x = 1\n", encoding="utf-8")
    assert native.why_pure(package) == "game/ai/heuristic.py changed since the build; pip install -e . compiles it again"


def test_a_build_without_its_record_or_with_a_module_missing_runs_the_source(tmp_path, monkeypatch):
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    package = _package(tmp_path)
    for built in package.rglob("scoring.*"):
        if built.suffix != ".py":
            built.unlink()
    assert native.why_pure(package) == "game.engine.scoring was not compiled"

    (package / native.RECORD).unlink()
    assert native.why_pure(package) == "the build left no record of what it compiled"
    for built in package.rglob("*"):
        if built.is_file() and built.suffix != ".py":
            built.unlink()
    assert native.why_pure(package) == "not compiled at install"


def test_the_environment_asks_for_the_source(tmp_path, monkeypatch):
    package = _package(tmp_path)
    monkeypatch.setenv(native.PURE_ENV, "1")
    assert native.why_pure(package) == "COG_PURE_PYTHON is set"
    monkeypatch.setenv(native.PURE_ENV, "0")
    assert native.why_pure(package) is None


def test_the_suite_runs_the_source():
    """The root conftest.py asks for it (tracing and stand-in methods need Python frames)."""
    import game.ai.evaluate

    assert game.ai.evaluate.__file__.endswith(".py")
    assert native.status().startswith("as Python source")
