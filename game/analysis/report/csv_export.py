"""`actions.csv`: one row per step, for the instructor's own analysis."""

from __future__ import annotations

import csv
import io

from game.analysis.csvsafe import csv_cell
from game.analysis.report.trace import FACILITATOR, Trace
from game.engine import Game, public_notation
from game.i18n import _

CSV_COLUMNS = ("step", "round", "year", "faction", "action", "description", "reason")


def actions_csv(game: Game, trace: Trace) -> str:
    t = game.t
    names = {f.id: f.name for f in t.factions}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for s in trace.steps:
        who = _(FACILITATOR) if s.faction is None else names.get(s.faction or "", "")
        # a face-down discard without its card; every text cell safe from spreadsheet formulas
        row = (s.index + 1, s.round, t.scenario.start_year + s.round - 1, who, public_notation(s.action),
               " ".join(s.lines), game.reasons.get(s.index, ""))  # fmt: skip
        w.writerow([csv_cell(cell) for cell in row])
    return buf.getvalue()
