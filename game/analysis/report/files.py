"""Writing the report's files into a folder, each whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.analysis import charts as ch
from game.analysis.odds import read_odds
from game.analysis.report.chart_data import build_charts, charts_json
from game.analysis.report.csv_export import actions_csv
from game.analysis.report.page import ChartPictures, HtmlReport
from game.analysis.report.timeline import group_moves
from game.analysis.report.trace import trace_game
from game.engine import Game
from game.files import atomic_write


def report_files(game: Game, odds_json: dict[str, Any] | None = None) -> list[tuple[str, bytes]]:
    """Each file of the debrief of `game`: its name and its bytes. With `odds_json` (what
    `python -m game odds --json` writes, for this game: `read_odds` raises OddsFileError
    if not), the page shows the odds and their turning points, and `odds.json` is written."""
    trace = trace_game(game)
    moves = group_moves(game, trace)
    odds = read_odds(game, odds_json) if odds_json is not None else None
    data = build_charts(game, trace, odds)
    pngs = {d.file: ch.render_line_chart(d.chart) for d in data}
    pictures = {
        d.file: ChartPictures(
            ch.render_line_chart(d.chart, ch.PAGE_LAYOUT), ch.render_line_chart(d.chart, ch.PHONE_LAYOUT)
        )
        for d in data
    }
    page = HtmlReport(game, trace, moves, data, pictures, odds).page()
    files: list[tuple[str, bytes]] = [(name, png) for name, png in pngs.items()]
    files.append(
        ("charts.json", (json.dumps(charts_json(game, data), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    )
    files.append(("actions.csv", actions_csv(game, trace).encode("utf-8-sig")))
    if odds_json is not None:
        files.append(("odds.json", (json.dumps(odds_json, ensure_ascii=False, indent=1) + "\n").encode("utf-8")))
    files.append(("index.html", page.encode("utf-8")))
    return files


def write_report(game: Game, out_dir: Path, odds_json: dict[str, Any] | None = None) -> list[Path]:
    """Write the debrief of `game` (with its odds, if given: see `report_files`) into
    `out_dir` (made if missing); return the files written.

    Raises OSError if the folder cannot be made or written. The game is not changed.
    """
    files = report_files(game, odds_json)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, blob in files:
        atomic_write(out / name, blob)
        written.append(out / name)
    return written
