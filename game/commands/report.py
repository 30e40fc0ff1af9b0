"""`python -m game report SAVE --out DIR [--rules DIR] [--odds N | --odds-json FILE] [--jobs J]`:
the debrief report of a saved game (see `game.analysis.report`), with its odds if asked
(see `game.analysis.odds`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.analysis.odds import OddsFileError, read_odds, report_odds
from game.analysis.report import write_report
from game.analysis.simulate import show_progress
from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.commands.load import load_save_or_report
from game.commands.output import folder_problem
from game.engine import Game
from game.i18n import _, ngettext


def run(args: argparse.Namespace) -> int:
    game = load_save_or_report(args.rules, args.save, args.mod)
    if game is None:
        return EXIT_BAD_INPUT
    out = Path(args.out)
    problem = folder_problem("--out", out)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    odds: dict[str, Any] | None = None
    if args.odds_json:
        odds = odds_file_or_report(game, args.odds_json)
        if odds is None:
            return EXIT_BAD_INPUT
    elif args.odds:
        progress = show_progress if sys.stderr.isatty() else None
        odds = report_odds(game, args.odds, jobs=args.jobs, progress=progress).to_json()
    try:
        written = write_report(game, out, odds)
    except OSError as e:
        why = e.strerror or str(e)
        print(_('The report cannot be written to {out} ({why}); choose another folder with --out.').format(out=out, why=why), file=sys.stderr)
        return EXIT_BAD_INPUT
    pngs = sum(1 for p in written if p.suffix == ".png")
    print(ngettext("Wrote the debrief report to {index} ({n} chart, charts.json and actions.csv).",
                   "Wrote the debrief report to {index} ({n} charts, charts.json and actions.csv).", pngs).format(index=out / "index.html", n=pngs))  # fmt: skip
    return EXIT_OK


def odds_file_or_report(game: Game, path: str) -> dict[str, Any] | None:
    """The odds JSON at `path` if it is this game's; else None after one sentence on stderr."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        read_odds(game, data)
    except OSError as e:
        print(_("Cannot read {file}: {why}.").format(file=path, why=e.strerror or e), file=sys.stderr)
        return None
    except ValueError as e:  # JSON that does not parse, or odds that are not this game's
        problem = str(e) if isinstance(e, OddsFileError) else _("it is not JSON.")
        print(_("{file} cannot give the report its odds: {problem}").format(file=path, problem=problem), file=sys.stderr)
        return None
    return data  # a dict: read_odds said so
