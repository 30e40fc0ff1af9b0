"""What the tools that play many bot games share (`ability_worth.py`, `bot_chairs.py`): the
arguments that choose the rules and the runs, and the end of `main` — check them, measure,
print the table and write the JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.files import atomic_write

Measure = Callable[[argparse.Namespace], "dict[str, Any] | None"]


def add_run_arguments(p: argparse.ArgumentParser, jobs: int) -> None:
    """--scenario, --rules, --mod, --jobs (default `jobs`) and --json."""
    p.add_argument("--scenario", default=None, help="scenario id (default: the first, the long game)")
    p.add_argument("--rules", default=None, help="rules folder (default: rules/base)")
    p.add_argument("--mod", action="append", default=[], help="a mod laid over the rules in every run (repeatable)")
    p.add_argument("--jobs", type=int, default=jobs)
    p.add_argument("--json", dest="json_path", default=None)


def measure_and_report(p: argparse.ArgumentParser, argv: list[str] | None, measure: Measure,
                       format_table: Callable[[dict[str, Any]], str]) -> int:  # fmt: skip
    """Parse `argv`, run `measure`, print its table and write its JSON; the exit code (2: the
    rules or the arguments were wrong, and `measure` said why)."""
    args = p.parse_args(argv)
    if args.games < 1 or args.jobs < 1:
        p.error("--games and --jobs must be 1 or more")
    result = measure(args)
    if result is None:
        return 2
    print(format_table(result))
    if args.json_path:
        atomic_write(Path(args.json_path), json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0
