"""`python -m game simulate`: many bot games, their outcomes and win rates (see
`game.analysis.simulate`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.analysis.simulate import format_report, seat_kinds
from game.analysis.simulate import run as run_games
from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.commands.load import load_rules_or_report
from game.files import atomic_write


def run(args: argparse.Namespace) -> int:
    ruleset = load_rules_or_report(args.rules, args.mod)
    if ruleset is None:
        return EXIT_BAD_INPUT
    try:
        scenario = ruleset.scenario(args.scenario)
    except KeyError:
        names = ", ".join(s.id for s in ruleset.scenarios)
        print(f"There is no scenario {args.scenario!r}; the scenarios are: {names}.", file=sys.stderr)
        return EXIT_BAD_INPUT
    seats = seat_kinds(list(scenario.factions), args.bots, args.seat)
    if isinstance(seats, str):
        print(seats, file=sys.stderr)
        return EXIT_BAD_INPUT
    if any(kind.startswith("search") for kind in seats.values()) and not args.quiet:
        print(
            "Note: search bots think for wall-clock seconds, so these results may differ from run to run.",
            file=sys.stderr,
        )
    save_dir = Path(args.save_dir) if args.save_dir else None
    if save_dir is not None:
        try:
            save_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            print(f"Cannot create the save folder {save_dir}: {e.strerror}.", file=sys.stderr)
            return EXIT_BAD_INPUT
    progress = not args.quiet and sys.stderr.isatty()
    try:
        tally = run_games(ruleset, args.games, args.seed, scenario.id, seats, save_dir, progress=progress, jobs=args.jobs)
    except OSError as e:
        print(f"Cannot write the games into {save_dir}: {e.strerror or e}; choose another folder with --save-dir.", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = tally.to_json(args.seed, scenario.id, seats)
    print(format_report(result))
    if args.json_path:
        try:
            atomic_write(Path(args.json_path), json.dumps(result, indent=2, sort_keys=False) + "\n")
        except OSError as e:
            print(f"Cannot write {args.json_path}: {e.strerror}.", file=sys.stderr)
            return EXIT_BAD_INPUT
    return EXIT_OK
