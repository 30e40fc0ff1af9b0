"""`python -m game replay SAVE [--verify]`: print a saved game round by round, or check
that its log still replays to the states it recorded."""

from __future__ import annotations

import argparse


def replay_command(args: argparse.Namespace) -> int:
    from game.cli import load_save_or_report

    game = load_save_or_report(args.rules, args.save)
    if game is None:
        return 2
    if args.verify:
        rounds = len(game.history) - 1
        print(
            f"{args.save}: replays exactly ({len(game.actions)} steps, {rounds} rounds, every recorded state matches)."
        )
        return 0
    for entry in game.log:
        print(game.log_text(entry))
    return 0
