"""`python -m game replay SAVE [--verify]`: print a saved game round by round, or check
that its log still replays to the states it recorded."""

from __future__ import annotations

import argparse
import sys

from game.engine import Game, SaveError
from game.savefile import read_save


def replay_command(args: argparse.Namespace) -> int:
    from game.cli import load_rules_or_report

    ruleset = load_rules_or_report(args.rules)
    if ruleset is None:
        return 2
    try:
        game = Game.from_json(ruleset, read_save(args.save))
    except SaveError as e:
        print(f"{args.save}: {e}", file=sys.stderr)
        return 2
    if args.verify:
        rounds = len(game.history) - 1
        print(
            f"{args.save}: replays exactly ({len(game.actions)} steps, {rounds} rounds, every recorded state matches)."
        )
        return 0
    for entry in game.log:
        print(entry.for_viewer(None))
    return 0
