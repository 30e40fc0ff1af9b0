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
from game.commands.output import file_problem, write_file
from game.i18n import _


def run(args: argparse.Namespace) -> int:
    ruleset = load_rules_or_report(args.rules, args.mod)
    if ruleset is None:
        return EXIT_BAD_INPUT
    try:
        scenario = ruleset.scenario(args.scenario)
    except KeyError:
        names = ", ".join(s.id for s in ruleset.scenarios)
        print(_('There is no scenario {scenario!r}; the scenarios are: {names}.').format(scenario=args.scenario, names=names), file=sys.stderr)
        return EXIT_BAD_INPUT
    seats = seat_kinds(list(scenario.factions), args.bots, args.seat)
    if isinstance(seats, str):
        print(seats, file=sys.stderr)
        return EXIT_BAD_INPUT
    if any(kind.startswith("search") for kind in seats.values()) and not args.quiet:
        print(
            _("Note: search bots think for wall-clock seconds, so these results may differ from run to run."),
            file=sys.stderr,
        )
    problem = file_problem("--json", Path(args.json_path)) if args.json_path else ""
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    save_dir = Path(args.save_dir) if args.save_dir else None
    if save_dir is not None:
        try:
            save_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            print(_('Cannot create the save folder {save_dir}: {strerror}.').format(save_dir=save_dir, strerror=e.strerror), file=sys.stderr)
            return EXIT_BAD_INPUT
    progress = not args.quiet and sys.stderr.isatty()
    try:
        tally = run_games(ruleset, args.games, args.seed, scenario.id, seats, save_dir, progress=progress, jobs=args.jobs)
    except OSError as e:
        print(_('Cannot write the games into {save_dir}: {value}; choose another folder with --save-dir.').format(save_dir=save_dir, value=e.strerror or e), file=sys.stderr)
        return EXIT_BAD_INPUT
    result = tally.to_json(args.seed, scenario.id, seats)
    print(format_report(result))
    if args.json_path:
        try:
            write_file(Path(args.json_path), json.dumps(result, indent=2, sort_keys=False) + "\n")
        except OSError as e:
            print(_('Cannot write {json_path}: {strerror}.').format(json_path=args.json_path, strerror=e.strerror), file=sys.stderr)
            return EXIT_BAD_INPUT
    return EXIT_OK
