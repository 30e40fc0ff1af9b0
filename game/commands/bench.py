"""`python -m game bench [--bots | --ui | --layout]`: how fast the engine runs (medians of
several timed runs, `game.analysis.bench`), how long each bot kind takes to decide
(`game.ai.timing`), the game window's frame times, or whether the map holds still and
the text fits (`game.ui.bench`)."""

from __future__ import annotations

import argparse
import statistics

from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.commands.load import load_rules_or_report
from game.i18n import _


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
    from game.analysis.bench import LOAD_TARGET_SECONDS, load_seconds, steps_per_second

    steps, games = [], []
    for run in range(args.runs):
        s, g = steps_per_second(ruleset, args.seconds, seed=1000 * run + 1)
        steps.append(s)
        games.append(g)
    print(_('Engine ({runs} runs of {seconds:g} s, one core, random play):').format(runs=args.runs, seconds=args.seconds))
    print(_('  steps per second (legal_actions + apply): median {median:,.0f}  (min {min:,.0f}, max {max:,.0f})').format(median=statistics.median(steps), min=min(steps), max=max(steps)))  # fmt: skip
    print(_('  full games per second:                    median {median:.2f}  (min {min:.2f}, max {max:.2f})').format(median=statistics.median(games), min=min(games), max=max(games)))  # fmt: skip
    loads = load_seconds([args.rules] if args.rules else None, args.mod, args.runs)
    print(_('  reading and checking the rules: median {median:.0f} ms  (max {max:.0f} ms; target below {target:.0f} ms)').format(median=1000 * statistics.median(loads), max=1000 * max(loads), target=1000 * LOAD_TARGET_SECONDS))  # fmt: skip
    return EXIT_OK


def _ui_bench(args: argparse.Namespace) -> int:
    # Imported here: the engine bench must not pay for (or need) the game window.
    from game.ui.bench import TARGET_P95_MS, measure_demo

    seconds = max(5.0, args.seconds * args.runs)
    r, startup, driver = measure_demo(seconds, rules=args.rules)
    print(_("Game window, demo at 1600x900 for {seconds:g} s (video driver: {driver}, bots' pace 0.6 s a step):").format(seconds=seconds, driver=driver))
    print(_('  loop passes: {r:.0f}, frames drawn: {r2:.0f}, engine steps shown: {r3:.0f}').format(r=r['frames'], r2=r['drawn'], r3=r['steps']))
    print(_('  frame time: median {r:.2f} ms, 95th percentile {r2:.2f} ms, max {r3:.1f} ms (target p95 <= {target_p95_ms:g} ms)').format(r=r['median_ms'], r2=r['p95_ms'], r3=r['max_ms'], target_p95_ms=TARGET_P95_MS))
    print(_('  start to main menu: {startup:.2f} s (a fresh process to its first menu frame, median of 3)').format(startup=startup))
    return EXIT_OK
