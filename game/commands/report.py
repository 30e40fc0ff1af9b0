"""`python -m game report SAVE --out DIR [--rules DIR]`: the debrief report of a saved
game (see `game.analysis.report`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.analysis.report import write_report
from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.commands.load import load_save_or_report
from game.i18n import _


def run(args: argparse.Namespace) -> int:
    game = load_save_or_report(args.rules, args.save, args.mod)
    if game is None:
        return EXIT_BAD_INPUT
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(_('{out} is a file, not a folder: choose a folder for the report with --out.').format(out=out), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        written = write_report(game, out)
    except OSError as e:
        why = e.strerror or str(e)
        print(_('The report cannot be written to {out} ({why}); choose another folder with --out.').format(out=out, why=why), file=sys.stderr)
        return EXIT_BAD_INPUT
    pngs = sum(1 for p in written if p.suffix == ".png")
    print(f"Wrote the debrief report to {out / 'index.html'} ({pngs} charts, charts.json and actions.csv).")
    return EXIT_OK
