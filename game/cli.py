"""The command line: `python -m game [play|simulate|validate|bench] ...`.

Each command lives in the module that owns its concept and is imported only when used,
so starting the game does not pay for the simulator (and vice versa). A bad flag gets
argparse's usage line and exit 2; a bad rules folder or save gets a sentence and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ruleset.model import Ruleset

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _add_rules_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="DIR", default=None, help="rules folder (default: rules/base)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m game", description="Center of Gravity — a strategy game of Central Asia.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="open the game window (the default)")
    _add_rules_args(play)

    validate = sub.add_parser("validate", help="check the rules and print every problem")
    _add_rules_args(validate)
    validate.add_argument("--json", action="store_true", help="print a JSON report instead of text")

    simulate = sub.add_parser("simulate", help="play many games with bots and print the outcomes")
    _add_rules_args(simulate)
    simulate.add_argument("--games", type=_positive_int, default=100, metavar="N")
    simulate.add_argument("--seed", type=int, default=1, metavar="S")
    simulate.add_argument("--scenario", default=None, metavar="ID")
    simulate.add_argument("--json", dest="json_path", default=None, metavar="FILE", help="also write the results as JSON")
    simulate.add_argument("--save-dir", default=None, metavar="DIR", help="write every game as a save file")
    simulate.add_argument("--quiet", action="store_true", help="no progress bar")

    replay = sub.add_parser("replay", help="print a saved game round by round, or --verify it")
    _add_rules_args(replay)
    replay.add_argument("save", metavar="SAVE", help="a save file")
    replay.add_argument("--verify", action="store_true", help="check that the log replays to every recorded state (exit 2 if not)")

    bench = sub.add_parser("bench", help="measure engine speed (medians of several runs)")
    _add_rules_args(bench)
    bench.add_argument("--runs", type=_positive_int, default=5, metavar="N")
    bench.add_argument("--seconds", type=float, default=2.0, metavar="S", help="length of each run")
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def load_rules_or_report(rules_dir: str | None) -> Ruleset | None:
    """The ruleset, or None after printing every problem (for commands that need rules)."""
    from game.ruleset import load_ruleset

    result = load_ruleset([rules_dir] if rules_dir else None)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.ruleset is None:
        print("The rules have problems (listed above); fix them or run `python -m game validate`.", file=sys.stderr)
    return result.ruleset


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "play"
    if command == "validate":
        from game.ruleset.report import validate_command

        return validate_command(args.rules, as_json=args.json)
    if command == "simulate":
        from game.analysis.simulate import simulate_command

        return simulate_command(args)
    if command == "replay":
        from game.analysis.replay import replay_command

        return replay_command(args)
    if command == "bench":
        from game.analysis.bench import bench_command

        return bench_command(args)
    if command == "play":
        try:
            from game.ui.app import play_command  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            print("The desktop game is not built yet; try `python -m game simulate`.", file=sys.stderr)
            return EXIT_BAD_INPUT
        return int(play_command(args))
    return EXIT_BAD_INPUT
