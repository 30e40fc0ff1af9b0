"""`python -m game bench`: how fast the engine runs, as medians of several timed runs.

A step is one `legal_actions()` plus one `apply()`, the unit the UI, bots and search
all pay for. Random play exercises every kind of decision.
"""

from __future__ import annotations

import argparse
import statistics
import time

from game.engine.game import Game
from game.engine.rng import Rng
from game.ruleset.model import Ruleset


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


def bench_command(args: argparse.Namespace) -> int:
    from game.cli import load_rules_or_report

    if getattr(args, "ui", False):  # the game window's frame times: game/ui/bench.py
        from game.ui.bench import ui_bench_command

        return ui_bench_command(args)

    ruleset = load_rules_or_report(args.rules)
    if ruleset is None:
        return 2
    if getattr(args, "bots", False):
        from game.ai.timing import bench_bots, format_bot_times

        print(format_bot_times(bench_bots(ruleset, args.runs)))
        return 0
    steps, games = [], []
    for run in range(args.runs):
        s, g = steps_per_second(ruleset, args.seconds, seed=1000 * run + 1)
        steps.append(s)
        games.append(g)
    print(f"Engine ({args.runs} runs of {args.seconds:g} s, one core, random play):")
    print(f"  steps per second (legal_actions + apply): median {statistics.median(steps):,.0f}  "
          f"(min {min(steps):,.0f}, max {max(steps):,.0f})")  # fmt: skip
    print(f"  full games per second:                    median {statistics.median(games):.2f}  "
          f"(min {min(games):.2f}, max {max(games):.2f})")  # fmt: skip
    return 0
