"""`python -m game [play] [--demo] [--seed S] [--screenshot PATH --quit-after S] [--size WxH]`:
open the game window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import EXIT_BAD_INPUT
from game.commands.output import file_problem
from game.i18n import _


def run(args: argparse.Namespace) -> int:
    # Imported here, so a missing or broken pygame is a sentence rather than a traceback.
    try:
        from game.ui.app import App, parse_size, start_app
    except ImportError as e:
        print(_('The game window cannot start ({error}); install the game with `pip install -e .`.').format(error=e), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        size = parse_size(args.size)
    except ValueError:
        print(_('--size expects WIDTHxHEIGHT, e.g. 1600x900 (got {size!r}).').format(size=args.size), file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.screenshot:
        problem = screenshot_problem(Path(args.screenshot))
        if problem:
            print(problem, file=sys.stderr)
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
        lang=getattr(args, "lang", None),
    )
    try:
        start_app(app)
        return int(app.run())
    finally:
        app.shutdown()


def screenshot_problem(path: Path) -> str:
    """Why a screenshot cannot be written to `path` ("" if it looks writable), said
    before the window opens rather than after the whole run."""
    if path.is_dir():
        return _('--screenshot {path} is a folder: give the path of a PNG file to write, e.g. {value}.').format(path=path, value=path / 'board.png')
    return file_problem("--screenshot", path)
