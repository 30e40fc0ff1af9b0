"""`python -m game report SAVE --out DIR [--rules DIR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.analysis.report.files import write_report


def report_command(args: argparse.Namespace) -> int:
    """`python -m game report SAVE --out DIR [--rules DIR]`."""
    from game.cli import load_save_or_report

    game = load_save_or_report(args.rules, args.save)
    if game is None:
        return 2
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"{out} is a file, not a folder: choose a folder for the report with --out.", file=sys.stderr)
        return 2
    try:
        written = write_report(game, out)
    except OSError as e:
        why = e.strerror or str(e)
        print(f"The report cannot be written to {out} ({why}); choose another folder with --out.", file=sys.stderr)
        return 2
    pngs = sum(1 for p in written if p.suffix == ".png")
    print(f"Wrote the debrief report to {out / 'index.html'} ({pngs} charts, charts.json and actions.csv).")
    return 0
