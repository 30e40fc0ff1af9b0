"""Everything downstream reads the engine through its public API (issue: one engine API).

Python cannot make a name private, so these tests do: nothing in `game/` outside
`game/engine` touches a name the engine spells with a leading underscore, and nothing
outside the engine reads a raw field of the game state while the window, the bots, the
simulator and the report do their work. Each check is shown to fail on a planted breach.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from game.engine import Game
from game.engine.state import STATE_FIELDS

GAME = Path(__file__).resolve().parents[1] / "game"

PUBLIC_FIELDS = frozenset({
    "round", "phase", "action_round", "seed", "seats", "outcome", "actions", "action_starts", "steps", "reasons", "log",
    "history", "summits", "revealed", "current_event", "current_crisis",
})  # fmt: skip
"""State fields that are also the public read API: read only, and append-only records."""
RAW = (frozenset(STATE_FIELDS) - PUBLIC_FIELDS) | (Game.DERIVED - {"t"})
"""What only the engine may read: the board's numbers (through `board()` for speed),
hands and decks, the stack, the generator and the modifier caches. The compiled tables
`t` are immutable and public (`game/engine/tables.py`)."""


# ----- no underscore names of the engine's outside it ------------------------------------------
def engine_private_names() -> set[str]:
    names: set[str] = set()
    for path in (GAME / "engine").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name.startswith("_") and not node.name.startswith("__"):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and node.id.startswith("_") and not node.id.startswith("__"):
                names.add(node.id)
    return names


def underscore_uses(folder: Path, private: set[str]) -> list[str]:
    """`x._name` (x not `self` or `cls`) and `from game.engine… import _name` outside the
    engine, for names the engine spells with an underscore."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        if (GAME / "engine") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in private:
                if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                    found.append(f"{path.relative_to(folder.parent)}:{node.lineno}: .{node.attr}")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("game.engine"):
                found += [f"{path.relative_to(folder.parent)}:{node.lineno}: import {a.name}" for a in node.names if a.name.startswith("_")]
    return found


def test_nothing_outside_the_engine_touches_its_underscore_names():
    found = underscore_uses(GAME, engine_private_names())
    assert not found, "use the engine's public API instead:\n" + "\n".join(found)


def test_the_underscore_check_catches_a_breach(tmp_path):
    pkg = tmp_path / "game"
    (pkg / "engine").mkdir(parents=True)
    (pkg / "engine" / "core.py").write_text("class G:\n    def _hidden(self):\n        return self._cache\n")
    (pkg / "ui.py").write_text("def draw(g):\n    return g._hidden()\n")
    (pkg / "ok.py").write_text("class W:\n    def f(self):\n        return self._hidden()\n")
    private = {"_hidden", "_cache"}
    assert underscore_uses(pkg, private) == ["game/ui.py:2: ._hidden"]


# ----- no raw state fields read outside the engine -----------------------------------------------
@contextmanager
def raw_reads_outside_the_engine() -> Iterator[set[str]]:
    """Record every read of a raw field of a Game from a module of `game` outside
    `game.engine` while the block runs."""
    seen: set[str] = set()
    original = Game.__getattribute__

    def spy(self: Game, name: str) -> object:
        if name in RAW:
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if caller.startswith("game.") and not caller.startswith("game.engine"):
                seen.add(f"{caller} reads .{name}")
        return original(self, name)

    Game.__getattribute__ = spy  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        Game.__getattribute__ = original  # type: ignore[method-assign]


def test_bots_simulator_and_report_read_only_the_public_api(tmp_path):
    from game.ai.base import make_bot
    from game.ai.play import decide, seat_rng
    from game.analysis.report import write_report
    from game.analysis.simulate import run
    from game.ruleset import load_ruleset

    rules = load_ruleset().ruleset
    assert rules is not None
    with raw_reads_outside_the_engine() as seen:
        run(rules, games=1, seed=3, scenario="seminar", seats={f.id: "heuristic" for f in rules.factions})
        g = Game.new(rules, "seminar", seed=5)
        bots = {f: make_bot("random") for f in g.seats}
        bots[next(iter(g.seats))] = make_bot("search:easy")
        rngs = {f: seat_rng(5, i) for i, f in enumerate(g.seats)}
        searched = 0
        while not g.over:
            actor = g.actor
            assert actor is not None
            if bots[actor].kind.startswith("search") and searched >= 2:
                bots[actor] = make_bot("heuristic")
            searched += bots[actor].kind.startswith("search")
            g.apply(decide(g, bots[actor], rngs[actor], 0.2))
        write_report(g, tmp_path / "report")
    assert not seen, "read these through the engine's public API:\n" + "\n".join(sorted(seen))


def test_the_window_reads_only_the_public_api(tmp_path, monkeypatch):
    """A seminar game near its end, loaded and finished at the window by keyboard (two
    humans, hand-offs, a summit, the end screen), then its replay viewer."""
    import time

    import pygame
    from test_ui_game import board, click, make_app, press, steps, top_name

    from game.ai.base import make_bot
    from game.ai.play import decide, seat_rng

    app = make_app(tmp_path, monkeypatch)
    try:
        rs = app.ruleset()
        assert rs is not None
        seats = {f.id: ("human" if i < 2 else "random") for i, f in enumerate(rs.factions)}
        scenario = min(rs.scenarios, key=lambda s: s.rounds)
        bot = make_bot("random")
        for seed in range(11, 40):  # the first seed whose game reaches its last round undecided
            g, rng = Game.new(rs, scenario.id, seed, seats), seat_rng(seed, 0)
            while not g.over and not (g.round == scenario.rounds and g.phase == "actions"):
                g.apply(decide(g, bot, rng))
            if not g.over:
                break
        assert not g.over
        (tmp_path / "saves").mkdir(exist_ok=True)
        (tmp_path / "saves" / "late.json").write_text(g.to_json(), encoding="utf-8")
        with raw_reads_outside_the_engine() as seen:
            click(app, "load")
            press(app, pygame.K_RETURN)
            b = board(app)
            deadline = time.monotonic() + 90.0
            while time.monotonic() < deadline and top_name(app) != "EndScene":
                if top_name(app) == "BoardScene" and b.session.human_to_act():
                    press(app, pygame.K_TAB, frames=1)
                    press(app, pygame.K_RETURN, frames=2)
                elif top_name(app) in ("HandoffScene", "SummitScene", "ReasonScene"):
                    press(app, pygame.K_RETURN, frames=2)
                else:
                    steps(app, 1)
            assert top_name(app) == "EndScene"
            steps(app, 2)
            click(app, "end-replay")
            steps(app, 2)
            press(app, pygame.K_LEFT, frames=2)
    finally:
        app.shutdown()
    assert not seen, "read these through the engine's public API:\n" + "\n".join(sorted(seen))


def test_the_raw_read_check_catches_a_breach():
    from game.ruleset import load_ruleset

    rules = load_ruleset().ruleset
    assert rules is not None
    g = Game.new(rules, seed=1)
    code = compile("def peek(g):\n    return g.hands\n", "<planted>", "exec")
    planted: dict[str, object] = {"__name__": "game.ui.planted"}
    exec(code, planted)
    with raw_reads_outside_the_engine() as seen:
        planted["peek"](g)  # type: ignore[operator]
    assert seen == {"game.ui.planted reads .hands"}


@pytest.mark.parametrize("name", sorted(RAW))
def test_raw_names_are_not_also_public(name):
    assert name not in PUBLIC_FIELDS
