"""`python -m game replay SAVE [--verify]`: print a saved game round by round, or check
that its log still replays to the states it recorded."""

from __future__ import annotations

import argparse

from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.commands.load import load_save_or_report
from game.i18n import _, translator


def run(args: argparse.Namespace) -> int:
    game = load_save_or_report(args.rules, args.save, args.mod)
    if game is None:
        return EXIT_BAD_INPUT
    if args.verify:
        rounds = len(game.history) - 1
        print(
            _('{save}: replays exactly ({count} steps, {rounds} rounds, every recorded state matches).').format(save=args.save, count=len(game.actions), rounds=rounds)
        )
        return EXIT_OK
    for entry in game.log:
        print(game.log_text(entry, tr=translator()))
    return EXIT_OK
