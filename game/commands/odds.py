"""`python -m game odds SAVE [--games N] [--json FILE] [--fine] [--jobs J] [--seed S]`: the
odds of each outcome and each faction's win from the start of every round of a saved
game (and before every action with `--fine`), from games played on by heuristic bots
(see `game.analysis.odds`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.analysis.odds import format_odds, game_odds
from game.analysis.simulate import show_progress
from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.commands.load import load_save_or_report
from game.commands.output import file_problem, write_file
from game.i18n import _


def run(args: argparse.Namespace) -> int:
    game = load_save_or_report(args.rules, args.save, args.mod)
    if game is None:
        return EXIT_BAD_INPUT
    problem = file_problem("--json", Path(args.json_path)) if args.json_path else ""
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    progress = show_progress if not args.quiet and sys.stderr.isatty() else None
    fine = list(range(1, game.round + 1)) if args.fine else []
    odds = game_odds(game, args.games, args.seed, fine, args.jobs, progress)
    print(format_odds(odds))
    if args.json_path:
        try:
            write_file(Path(args.json_path), json.dumps(odds.to_json(), ensure_ascii=False, indent=1) + "\n")
        except OSError as e:
            print(_('Cannot write {json_path}: {strerror}.').format(json_path=args.json_path, strerror=e.strerror), file=sys.stderr)
            return EXIT_BAD_INPUT
    return EXIT_OK
