"""`python -m game bench`: how fast the engine runs, as medians of several timed runs.

A step is one `legal_actions()` plus one `apply()`, the unit the UI, bots and search
all pay for. Random play exercises every kind of decision.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from game.engine.game import Game
from game.engine.rng import Rng
from game.ruleset import load_ruleset
from game.ruleset.model import Ruleset

LOAD_TARGET_SECONDS = 0.3
"""Reading and checking the base rules (every file, every cross-reference) should take less:
the menu reloads them when a mod is ticked, and F5 in the window."""


def steps_per_second(ruleset: Ruleset, seconds: float, seed: int) -> tuple[float, float]:
    """(engine steps per second, full games per second) over about `seconds` of random play."""
    rng = Rng(seed)
    steps = games = 0
    step_time = 0.0
    start = time.perf_counter()
    game_seed = seed
    while time.perf_counter() - start < seconds:
        game = Game.new(ruleset, seed=game_seed)
        game_seed += 1
        t0 = time.perf_counter()
        while game.outcome is None:
            legal = game.legal_actions()
            game.apply(legal[rng.below(len(legal))])
            steps += 1
        step_time += time.perf_counter() - t0
        games += 1
    total = time.perf_counter() - start
    return steps / step_time, games / total


def load_seconds(paths: Sequence[str | Path] | None, mods: Sequence[str], runs: int) -> list[float]:
    """Seconds each of `runs` loads of the rules takes (after one to warm imports and caches)."""
    load_ruleset(paths, mods=mods)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        load_ruleset(paths, mods=mods)
        out.append(time.perf_counter() - start)
    return out
