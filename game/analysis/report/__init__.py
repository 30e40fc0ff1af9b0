"""The debrief report (DESIGN §7): `python -m game report SAVE --out DIR`, and the end
screen's button, write

- `index.html` — one self-contained page (charts embedded, inline CSS, prints well):
  the outcome with its reasons, the charts with their numbers in tables, the timeline
  of each round (world events, actions with each player's reason, crises, summits),
  the reasons at a glance and the final standing;
- `balance-index.png`, `influence-shares.png`, `victory-points.png`, `tracks.png`;
- `charts.json` — the numbers every chart is drawn from (straight from `Game.history`);
- `actions.csv` — one row per step, for the instructor's own analysis.

The report is built from the game's public record only (`history`, `summits`, the public
text of the log, `actions` and `reasons`): no faction's hand or private draw appears.
Each log line is tied to the step that wrote it through the engine's own record of every
step (`Game.steps`; see `trace_game`).

The package, in the order the data flows: `trace` (log lines → steps), `timeline`
(steps → whole moves → each round's items), `chart_data` (history → the charts'
numbers), `csv_export`, `page` with `timeline_html` and `markup` (the HTML; its
stylesheet is `report.css`), and `files` (writing them all). The command line's
`report` is `game/commands/report.py`.
"""

from game.analysis.report.chart_data import ChartData, build_charts, charts_json, faction_series, faction_styles
from game.analysis.report.csv_export import CSV_COLUMNS, actions_csv
from game.analysis.report.files import report_files, write_report
from game.analysis.report.page import HtmlReport
from game.analysis.report.timeline import Item, Move, RoundBlock, group_moves
from game.analysis.report.trace import FACILITATOR, Segment, Step, Trace, trace_game

__all__ = [
    "CSV_COLUMNS",
    "FACILITATOR",
    "ChartData",
    "HtmlReport",
    "Item",
    "Move",
    "RoundBlock",
    "Segment",
    "Step",
    "Trace",
    "actions_csv",
    "build_charts",
    "charts_json",
    "faction_series",
    "faction_styles",
    "group_moves",
    "report_files",
    "trace_game",
    "write_report",
]
