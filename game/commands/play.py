"""`python -m game [play] [--demo] [--seed S] [--screenshot PATH --quit-after S] [--size WxH]`:
open the game window."""

from __future__ import annotations

import argparse
import sys

from game.commands import EXIT_BAD_INPUT


def run(args: argparse.Namespace) -> int:
    # Imported here, so a missing or broken pygame is a sentence rather than a traceback.
    try:
        from game.ui.app import App, parse_size, start_app
    except ImportError as e:
        print(f"The game window cannot start ({e}); install the game with `pip install -e .`.", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        size = parse_size(args.size)
    except ValueError:
        print(f"--size expects WIDTHxHEIGHT, e.g. 1600x900 (got {args.size!r}).", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.screenshot and args.quit_after is None:
        args.quit_after = 5.0
    app = App(
        size,
        rules_dir=args.rules,
        fullscreen=True if args.fullscreen else (False if args.windowed or size else None),
        demo=args.demo,
        seed=args.seed,
        screenshot=args.screenshot,
        quit_after=args.quit_after,
        mods=tuple(args.mod),
    )
    try:
        start_app(app)
        return int(app.run())
    finally:
        app.shutdown()
