"""`python -m game bench [--bots | --ui | --layout]`: how fast the engine runs (medians of
several timed runs, `game.analysis.bench`), how long each bot kind takes to decide
(`game.ai.timing`), the game window's frame times, or whether the map holds still and
the text fits (`game.ui.bench`)."""

from __future__ import annotations

import argparse
import statistics

from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.commands.load import load_rules_or_report


def run(args: argparse.Namespace) -> int:
    if args.ui:
        return _ui_bench(args)
    ruleset = load_rules_or_report(args.rules, args.mod)
    if ruleset is None:
        return EXIT_BAD_INPUT
    if args.layout:
        from game.ui.bench import badge_moves, format_layout, truncations

        print(format_layout(badge_moves(ruleset, args.games), truncations()))
        return EXIT_OK
    if args.bots:
        from game.ai.timing import bench_bots, format_bot_times

        print(format_bot_times(bench_bots(ruleset, args.runs)))
        return EXIT_OK
    from game.analysis.bench import steps_per_second

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
    return EXIT_OK


def _ui_bench(args: argparse.Namespace) -> int:
    # Imported here: the engine bench must not pay for (or need) the game window.
    from game.ui.bench import TARGET_P95_MS, measure_demo

    seconds = max(5.0, args.seconds * args.runs)
    r, startup, driver = measure_demo(seconds, rules=args.rules)
    print(f"Game window, demo at 1600x900 for {seconds:g} s (video driver: {driver}, bots' pace 0.6 s a step):")
    print(f"  loop passes: {r['frames']:.0f}, frames drawn: {r['drawn']:.0f}, engine steps shown: {r['steps']:.0f}")
    print(f"  frame time: median {r['median_ms']:.2f} ms, 95th percentile {r['p95_ms']:.2f} ms, max {r['max_ms']:.1f} ms (target p95 <= {TARGET_P95_MS:g} ms)")
    print(f"  start to main menu: {startup:.2f} s (a fresh process to its first menu frame, median of 3)")
    return EXIT_OK
