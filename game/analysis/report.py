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
To tie each log line to the step that wrote it, the game's action log is replayed once
on a fresh game (see `trace_game`).
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from game.analysis import charts as ch
from game.analysis.csvsafe import csv_cell
from game.colours import hex_colour
from game.engine import Game, LogEntry, public_notation
from game.engine.scoring import SummitRecord
from game.files import atomic_write

ACTIONS_PHASE = "actions"
CSV_COLUMNS = ("step", "round", "year", "faction", "action", "description", "reason")
FACILITATOR = "Facilitator"

COUNTRY_COLOURS: tuple[ch.Colour, ...] = (
    (70, 86, 128),
    (128, 84, 60),
    (82, 120, 74),
    (128, 70, 120),
    (60, 118, 128),
    (120, 112, 60),
)
"""Muted, dark tones for countries: they are not factions, so they borrow no faction colour."""
TRACK_COLOURS: tuple[ch.Colour, ...] = ((192, 57, 43), (0, 114, 120), (110, 80, 160), (120, 100, 40))
REGION_COLOUR: ch.Colour = (25, 27, 32)


# ----- tying the log to the steps ----------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """One step of the action log, as it was taken."""

    index: int
    """Position in `Game.actions` (the CSV counts from 1)."""
    action: str
    round: int
    phase: str
    action_round: int
    faction: str | None
    """Who decided (None: the facilitator)."""
    lines: tuple[str, ...] = ()
    """The public log text this step wrote."""


@dataclass
class Segment:
    """A run of log entries written by one step, or by one automatic phase of a round."""

    round: int
    step: int | None
    phase: str
    """`action` for a step; otherwise the phase that wrote the entries (`event`, `summit` …)."""
    entries: list[LogEntry] = field(default_factory=list)
    card: str | None = None
    """The world event or crisis that the phase revealed (its id)."""
    start: int = 0
    """Where the run begins in `Game.log`."""


@dataclass
class Trace:
    steps: list[Step]
    segments: list[Segment]


def trace_game(game: Game) -> Trace:
    """Tie each log line to the step or the automatic phase that wrote it.

    The engine records, for each step, the round and phase it was taken in
    (`Game.steps`); log entries carry the step and phase that wrote them. A step's own
    lines are those written in the phase it was taken in; once the round moves on
    (tension, summit, the next year's event …), the lines belong to those phases.
    """
    steps = [Step(i.index, str(game.actions[i.index]), i.round, i.phase, i.action_round, i.actor) for i in game.steps]
    cards = {(rnd, "event" if kind == "event" else "tension"): cid for rnd, kind, cid in game.revealed}
    by_step: dict[int, list[LogEntry]] = {}
    for e in game.log:
        by_step.setdefault(e.step, []).append(e)
    segments: list[Segment] = []

    def add_phase_entry(e: LogEntry, step: int | None) -> None:
        last = segments[-1] if segments else None
        if last is None or (last.round, last.step, last.phase) != (e.round, step, e.phase):
            segments.append(Segment(e.round, step, e.phase, card=cards.get((e.round, e.phase))))
        segments[-1].entries.append(e)

    for e in by_step.get(0, []):
        add_phase_entry(e, None)
    lines: dict[int, list[str]] = {}
    for k, step in enumerate(steps):
        own = Segment(step.round, k, "action")
        segments.append(own)
        for e in by_step.get(k + 1, []):
            if segments[-1] is own and (e.round, e.phase) == (step.round, step.phase):
                own.entries.append(e)
                lines.setdefault(k, []).append(game.log_text(e))
            else:
                add_phase_entry(e, k)
    steps = [
        Step(s.index, s.action, s.round, s.phase, s.action_round, s.faction, tuple(lines.get(s.index, ())))
        for s in steps
    ]
    return Trace(steps, segments)


# ----- whole actions and the timeline ---------------------------------------------------
@dataclass
class Move:
    """A whole action (a turn, an intervention, a discard) or a facilitator's step."""

    first: int
    steps: list[int]
    faction: str | None
    round: int
    phase: str
    action_round: int
    lines: list[str] = field(default_factory=list)
    reason: str | None = None


@dataclass
class Item:
    """One entry of a round's timeline."""

    kind: str
    """`event`, `income`, `move`, `crisis`, `summit`, `end`, `log` or `outcome`."""
    lines: list[str] = field(default_factory=list)
    move: Move | None = None
    card: str | None = None
    summit: SummitRecord | None = None


def group_moves(game: Game, trace: Trace) -> list[Move]:
    """Steps grouped into whole actions: a new one at each action start, facilitator step,
    or step that follows the game's own phases (a choice asked by a world event)."""
    starts = set(game.action_starts)
    after_phase: set[int] = set()
    previous: Segment | None = None
    for seg in trace.segments:
        if seg.phase == "action" and seg.step is not None and (previous is None or previous.phase != "action"):
            after_phase.add(seg.step)
        previous = seg
    moves: list[Move] = []
    for s in trace.steps:
        new = not moves or s.index in starts or s.index in after_phase or s.faction is None or moves[-1].faction is None
        if new:
            moves.append(
                Move(s.index, [], s.faction, s.round, s.phase, s.action_round, reason=game.reasons.get(s.index))
            )
        moves[-1].steps.append(s.index)
        moves[-1].lines.extend(s.lines)
    return moves


@dataclass
class RoundBlock:
    round: int
    year: int
    items: list[Item] = field(default_factory=list)


def timeline(game: Game, trace: Trace, moves: list[Move]) -> list[RoundBlock]:
    t = game.t
    move_of = {i: m for m in moves for i in m.steps}
    summits = {s.round: s for s in game.summits}
    rounds: dict[int, RoundBlock] = {}

    def block(r: int) -> RoundBlock:
        if r not in rounds:
            rounds[r] = RoundBlock(r, t.scenario.start_year + r - 1)
        return rounds[r]

    placed: set[int] = set()
    for seg in trace.segments:
        items = block(seg.round).items
        text = [game.log_text(e) for e in seg.entries]
        if seg.phase == "action" and seg.step is not None:
            m = move_of[seg.step]
            if m.first in placed:
                continue
            placed.add(m.first)
            items.append(Item("move", move=m))
        elif seg.phase == "event":
            if len(text) > 1:  # the first line is the round's heading
                items.append(Item("event", text[1:], card=seg.card))
        elif seg.phase == "income":
            if text:
                items.append(Item("income", text))
        elif seg.phase == "tension":
            if text:
                items.append(Item("crisis", text, card=seg.card))
        elif seg.phase == "summit":
            record = summits.get(seg.round)
            if record is not None or text:  # the phase runs every round; summits are some
                outcome_lines = set(game.outcome.reasons) if game.outcome else set()
                rest = [x for x in text[1:] if x not in outcome_lines] if record else text
                items.append(Item("summit", rest, summit=record))
        elif seg.phase in ("cleanup", "expire"):
            if text:
                if items and items[-1].kind == "end":
                    items[-1].lines.extend(text)
                else:
                    items.append(Item("end", text))
        elif seg.phase == "log":
            items.append(Item("log", text))
        # draws are private and round_end only repeats the outcome, shown once below
    for m in moves:
        if m.first not in placed:
            block(m.round).items.append(Item("move", move=m))
    last = max(rounds) if rounds else game.round
    if game.outcome is not None:
        block(game.outcome.round or last).items.append(Item("outcome", list(game.outcome.reasons)))
    return [rounds[r] for r in sorted(rounds)]


# ----- chart data --------------------------------------------------------------------------
@dataclass(frozen=True)
class ChartData:
    id: str
    file: str
    chart: ch.LineChart
    unit: str
    source: str
    raw: dict[str, list[Any]]
    """Series id → the numbers exactly as `Game.history` holds them."""
    table_format: str = "number"
    """`number`, `percent` (raw shares 0–1 shown as %) or `integer`."""
    rounds: tuple[int, ...] = ()
    """The round of each x position."""


def faction_series(game: Game, values: dict[str, list[float | None]], width: float = 4.0) -> list[ch.Series]:
    out = []
    for i, f in enumerate(game.t.factions):
        out.append(
            ch.Series(
                f.id,
                f.name,
                values[f.id],
                hex_colour(f.colour),
                ch.MARKERS[i % len(ch.MARKERS)],
                ch.DASHES[i % len(ch.DASHES)],
                width,
            )
        )
    return out


def faction_styles(game: Game) -> dict[str, ch.Series]:
    """Each faction's line style (colour, marker, dash), the same in charts and HTML keys."""
    return {s.id: s for s in faction_series(game, {f.id: [] for f in game.t.factions})}


def build_charts(game: Game, trace: Trace) -> list[ChartData]:
    t = game.t
    hist = game.history
    rounds = [h.round for h in hist]
    x_labels = [("Start", "") if r == 0 else (f"Round {r}", str(t.scenario.start_year + r - 1)) for r in rounds]
    x_short = [("Start", "") if r == 0 else (f"R{r}", str(t.scenario.start_year + r - 1)) for r in rounds]
    summit_x = [i for i, r in enumerate(rounds) if r in t.scenario.summit_rounds and r > 0]
    summit_words = ", ".join(str(r) for r in t.scenario.summit_rounds)
    out: list[ChartData] = []

    # (1) balance index: the region bold, each country thin
    raw_bi: dict[str, list[Any]] = {"region": [h.balance_index for h in hist]}
    series = [ch.Series("region", "Region", raw_bi["region"], REGION_COLOUR, "circle", (), 7.0, 9.5)]
    for i, c in enumerate(t.countries):
        raw_bi[c.id] = [h.countries.get(c.id) for h in hist]
        k = i + 1
        series.append(
            ch.Series(
                c.id,
                c.name,
                raw_bi[c.id],
                COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)],
                ch.MARKERS[k % len(ch.MARKERS)],
                ch.DASHES[k % len(ch.DASHES)],
                3.0,
                7.0,
            )
        )
    out.append(
        ChartData(
            "balance-index",
            "balance-index.png",
            ch.LineChart(
                "Balance index by round",
                "Region (bold) and each country · 100 = influence evenly spread, 0 = one faction holds everything",
                x_labels,
                series,
                y_label="Balance index",
                x_labels_short=x_short,
                y_format=lambda v: f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.1f}",
                value_format=lambda v: f"{v:.1f}",
                y_max=100,
            ),
            "balance index (0–100)",
            "history[].balance_index (region) and history[].countries (each country)",
            raw_bi,
        )
    )

    # (2) influence shares
    raw_sh: dict[str, list[Any]] = {f.id: [h.shares.get(f.id) for h in hist] for f in t.factions}
    pct = {k: [None if v is None else v * 100 for v in vs] for k, vs in raw_sh.items()}
    out.append(
        ChartData(
            "influence-shares",
            "influence-shares.png",
            ch.LineChart(
                "Influence share by round",
                "Each faction's share of all influence on the board (soft power, security and trade together)",
                x_labels,
                faction_series(game, pct),
                y_label="Share of all influence",
                x_labels_short=x_short,
                y_format=lambda v: f"{v:.0f}%" if abs(v - round(v)) < 1e-9 else f"{v:.1f}%",
                value_format=lambda v: f"{v:.1f}%",
                y_min=0,
            ),
            "share of all influence (0–1; the chart shows percent)",
            "history[].shares",
            raw_sh,
            "percent",
        )
    )

    # (3) victory points
    raw_vp: dict[str, list[Any]] = {f.id: [h.vp.get(f.id) for h in hist] for f in t.factions}
    out.append(
        ChartData(
            "victory-points",
            "victory-points.png",
            ch.LineChart(
                "Victory points by round",
                f"VP at the end of each round · summits (shaded) score in rounds {summit_words}",
                x_labels,
                faction_series(game, {k: list(v) for k, v in raw_vp.items()}),
                y_label="Victory points",
                x_labels_short=x_short,
                y_format=lambda v: f"{v:.0f}",
                y_min=0,
                integer_ticks=True,
                bands=summit_x,
                band_label="Summit",
                steps=True,
                separate=3.5,
            ),
            "victory points",
            "history[].vp",
            raw_vp,
            "integer",
        )
    )

    # (4) tracks, with the crisis and breakdown levels of tension
    if t.tracks:
        raw_tr: dict[str, list[Any]] = {tr.id: [h.tracks.get(tr.id) for h in hist] for tr in t.tracks}
        tseries = []
        thresholds: list[ch.Threshold] = []
        crisis_x: list[int] = []
        marks: list[ch.Mark] = []
        for i, tr in enumerate(t.tracks):
            is_tension = t.tension is not None and i == t.tension
            tseries.append(
                ch.Series(
                    tr.id,
                    tr.name,
                    raw_tr[tr.id],
                    TRACK_COLOURS[i % len(TRACK_COLOURS)],
                    ch.MARKERS[i % len(ch.MARKERS)],
                    ch.DASHES[i % len(ch.DASHES)],
                    5.0 if is_tension else 3.4,
                )
            )
            if is_tension:
                if tr.crisis_at is not None:
                    thresholds.append(
                        ch.Threshold(tr.crisis_at, f"Crisis at {tr.crisis_at}+ (tension check)", (214, 120, 30))
                    )
                if tr.breakdown_at is not None:
                    thresholds.append(ch.Threshold(tr.breakdown_at, f"Breakdown at {tr.breakdown_at}", ch.WARN))
                crisis_rounds = sorted({s.round for s in trace.segments if s.phase == "tension" and s.entries})
                crisis_x = [rounds.index(r) for r in crisis_rounds if r in rounds]
                for r in crisis_rounds:
                    if r in rounds:
                        x = rounds.index(r)
                        marks.append(ch.Mark(x, raw_tr[tr.id][x] or 0, "Crisis", (214, 120, 30)))
                if game.outcome is not None and game.outcome.kind == "breakdown" and game.outcome.round in rounds:
                    x = rounds.index(game.outcome.round)
                    marks.append(ch.Mark(x, raw_tr[tr.id][x] or 0, "Breakdown"))
        top = max(tr.max for tr in t.tracks)
        out.append(
            ChartData(
                "tracks",
                "tracks.png",
                ch.LineChart(
                    "Tension and tracks by round",
                    "Track levels at the end of each round, after cleanup eases tension · "
                    + ("a flag marks each round with a crisis" if crisis_x else "no crisis in this game"),
                    x_labels,
                    tseries,
                    y_label="Level",
                    x_labels_short=x_short,
                    y_format=lambda v: f"{v:.0f}",
                    y_min=0,
                    y_max=top,
                    integer_ticks=True,
                    bands=summit_x,
                    band_label="Summit",
                    thresholds=thresholds,
                    marks=marks,
                ),
                "track level",
                "history[].tracks",
                raw_tr,
                "integer",
            )
        )
    return [replace(d, rounds=tuple(rounds)) for d in out]


def charts_json(game: Game, data: list[ChartData]) -> dict[str, Any]:
    t = game.t
    return {
        "format": "center-of-gravity-debrief-charts",
        "version": 1,
        "scenario": t.scenario.id,
        "seed": game.seed,
        "rounds": [h.round for h in game.history],
        "years": [t.scenario.start_year + h.round - 1 if h.round else None for h in game.history],
        "note": "Values at the end of each round (round 0 is the start), exactly as Game.history holds them.",
        "charts": [
            {
                "id": d.id,
                "file": d.file,
                "title": d.chart.title,
                "unit": d.unit,
                "source": d.source,
                "series": [{"id": s.id, "name": s.name, "values": d.raw[s.id]} for s in d.chart.series],
                "marks": [{"round": d.rounds[m.x], "value": m.y, "text": m.text} for m in d.chart.marks],
                "thresholds": [{"value": th.y, "text": th.text} for th in d.chart.thresholds],
            }
            for d in data
        ],
    }


# ----- CSV ------------------------------------------------------------------------------------
def actions_csv(game: Game, trace: Trace) -> str:
    t = game.t
    names = {f.id: f.name for f in t.factions}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for s in trace.steps:
        who = FACILITATOR if s.faction is None else names.get(s.faction or "", "")
        # a face-down discard without its card; every text cell safe from spreadsheet formulas
        w.writerow([csv_cell(cell) for cell in (s.index + 1, s.round, t.scenario.start_year + s.round - 1, who,
                    public_notation(s.action), " ".join(s.lines), game.reasons.get(s.index, ""))])  # fmt: skip
    return buf.getvalue()


# ----- HTML -----------------------------------------------------------------------------------
def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _rgb(c: ch.Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*c)


def _fmt(value: Any, how: str) -> str:
    if value is None:
        return "–"
    if how == "percent":
        return f"{value * 100:.1f}%"
    if how == "integer":
        return f"{value:.0f}"
    return f"{value:.2f}"


def _seat_words(kind: str) -> str:
    return "Human player" if kind == "human" else f"Bot ({kind})"


class HtmlReport:
    """The page, piece by piece (every piece of game text goes through `esc`)."""

    def __init__(
        self, game: Game, trace: Trace, moves: list[Move], data: list[ChartData], pngs: dict[str, bytes]
    ) -> None:
        self.g = game
        self.t = game.t
        self.trace = trace
        self.moves = moves
        self.data = data
        self.pngs = pngs
        self.styles = faction_styles(game)
        self.names = {f.id: f.name for f in game.t.factions}

    def chip(self, fid: str | None) -> str:
        if fid is None:
            return f'<span class="fac fac-none"><b>{FACILITATOR}</b></span>'
        s = self.styles.get(fid)
        if s is None:
            return f'<span class="fac"><b>{esc(fid)}</b></span>'
        return f'<span class="fac">{ch.svg_swatch(s, 30, 14)}<b style="color:{_rgb(ch.label_ink(s.colour))}">{esc(s.name)}</b></span>'

    def page(self) -> str:
        t = self.t
        sc = t.scenario
        parts = [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>Debrief — {esc(sc.name)} — Center of Gravity</title>",
            f"<style>{CSS}</style></head><body><main>",
            self.masthead(),
            self.outcome(),
            self.charts(),
            self.timeline(),
            self.reasons(),
            self.standing(),
            self.footer(),
            "</main></body></html>",
        ]
        return "\n".join(parts) + "\n"

    def masthead(self) -> str:
        g, t = self.g, self.t
        sc = t.scenario
        played = max((h.round for h in g.history), default=0)
        last_year = sc.start_year + max(played, 1) - 1
        n_reasons = len(g.reasons)
        n_moves = sum(1 for m in self.moves if m.faction is not None)
        meta = (
            f"{sc.start_year}–{last_year} · {played} of {sc.rounds} rounds · {len(t.factions)} factions · "
            f"{n_moves} actions ({len(g.actions)} steps) · {n_reasons} reason{'s' if n_reasons != 1 else ''} given · seed {g.seed}"
        )
        seats = "".join(
            f'<li>{self.chip(f.id)} <span class="muted">{esc(_seat_words(g.seats.get(f.id, "human")))}</span></li>'
            for f in t.factions
        )
        nav = " ".join(
            f'<a href="#{a}">{b}</a>'
            for a, b in (
                ("outcome", "Outcome"),
                ("charts", "Charts"),
                ("timeline", "Timeline"),
                ("reasons", "Reasons"),
                ("standing", "Final standing"),
            )
        )
        return (
            '<header class="masthead"><p class="kicker">Center of Gravity · Debrief report</p>'
            f'<h1>{esc(sc.name)}</h1><p class="meta">{esc(meta)}</p>'
            f'<ul class="seats">{seats}</ul><nav class="toc">{nav}</nav></header>'
        )

    def outcome(self) -> str:
        g, t = self.g, self.t
        o = g.outcome
        if o is None:
            year = t.scenario.start_year + g.round - 1
            head = f"The game was stopped in round {g.round} ({year}), before its end: there is no outcome yet."
            body = f'<div class="verdict verdict-open"><p class="verdict-kind">Game not finished</p><p class="lead">{esc(head)}</p></div>'
        else:
            kind = {"balance": "Balance emerged", "domination": "Domination emerged", "breakdown": "Breakdown"}.get(
                o.kind, o.kind.title()
            )
            who = f"{self.chip(o.winner)} wins" if o.winner else "Nobody wins"
            if o.kind == "breakdown" and o.breaker:
                who += f" · pushed over the edge by {self.chip(o.breaker)}"
            year = t.scenario.start_year + o.round - 1
            more = "".join(f"<li>{esc(r)}</li>" for r in o.reasons[1:])
            body = (
                f'<div class="verdict verdict-{esc(o.kind)}"><p class="verdict-kind">{esc(kind)} · round {o.round} ({year})</p>'
                f'<p class="winner">{who}</p><p class="lead">{esc(o.reasons[0] if o.reasons else "")}</p>'
                + (f'<ul class="reasons">{more}</ul>' if more else "")
                + "</div>"
            )
        rows = []
        for c in t.countries:
            st = g.country_status(c.id)
            fid = t.factions[st.faction].id if st.faction is not None else None
            status = {"dominated": "Dominated by", "aligned": "Aligned with"}.get(st.kind, "Balanced")
            who = f"{status} {self.chip(fid)}" if fid else status
            why = " ".join(st.reasons)
            bi = g.history[-1].countries.get(c.id) if g.history else None
            rows.append(
                f'<tr><th scope="row">{esc(c.name)}</th><td class="status">{who}</td><td class="num">{_fmt(bi, "number")}</td><td>{esc(why)}</td></tr>'
            )
        countries = (
            '<h3>The countries at the end</h3><table class="data countries"><thead><tr><th scope="col">Country</th>'
            '<th scope="col">Status</th><th scope="col" class="num">Balance index</th><th scope="col">Why</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        return f'<section id="outcome"><h2>Outcome</h2>{body}{countries}</section>'

    def charts(self) -> str:
        out = [
            '<section id="charts"><h2>Charts</h2>',
            '<p class="note">Each point is the state at the end of a round; "Start" is the board before round 1. The table under each chart holds the numbers it is drawn from (also in <code>charts.json</code>).</p>',
        ]
        for d in self.data:
            b64 = _b64(self.pngs[d.file])
            head = "".join(
                f'<th scope="col" class="num">{esc(a)}<br><span class="muted">{esc(b)}</span></th>'
                for a, b in d.chart.x_labels
            )
            rows = []
            for s in d.chart.series:
                cells = "".join(f'<td class="num">{_fmt(v, d.table_format)}</td>' for v in d.raw[s.id])
                key = ch.svg_swatch(s, 30, 14)
                rows.append(f'<tr><th scope="row">{key} {esc(s.name)}</th>{cells}</tr>')
            out.append(
                f'<figure class="chart" id="chart-{esc(d.id)}"><img src="data:image/png;base64,{b64}" '
                f'alt="{esc(d.chart.title)}: line chart; the numbers are in the table below." width="800">'
                f'<div class="scroll"><table class="data numbers"><caption>The numbers behind the chart: {esc(d.unit)} · '
                f"the chart alone is <code>{esc(d.file)}</code></caption>"
                f'<thead><tr><th scope="col">Series</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></figure>'
            )
        out.append("</section>")
        return "".join(out)

    def timeline(self) -> str:
        g, t = self.g, self.t
        blocks = timeline(g, self.trace, self.moves)
        hist = {h.round: h for h in g.history}
        out = ['<section id="timeline"><h2>Timeline by round</h2>']
        for b in blocks:
            h = hist.get(b.round)
            stats = ""
            if h is not None:
                tracks = " · ".join(f"{esc(tr.name)} {h.tracks.get(tr.id, '–')}" for tr in t.tracks)
                stats = (
                    f'<p class="roundstats">End of round: balance index {_fmt(h.balance_index, "number")}'
                    + (f" · {tracks}" if tracks else "")
                    + "</p>"
                )
            summit = " · Summit" if b.round in t.scenario.summit_rounds else ""
            out.append(
                f'<section class="round" id="round-{b.round}"><h3>Round {b.round} · {b.year}{summit}</h3>{stats}'
            )
            action_round = None
            for item in b.items:
                if item.kind == "move" and item.move is not None:
                    m = item.move
                    label = (
                        f"Action round {m.action_round}" if m.phase == ACTIONS_PHASE else "Outside the action rounds"
                    )
                    if label != action_round:
                        out.append(f'<h4 class="ar">{esc(label)}</h4>')
                        action_round = label
                else:
                    action_round = None
                out.append(self.item(item))
            out.append("</section>")
        out.append("</section>")
        return "".join(out)

    def item(self, item: Item) -> str:
        t = self.t
        if item.kind == "move" and item.move is not None:
            m = item.move
            words = m.lines or [" ".join(str(self.g.actions[i]) for i in m.steps)]
            text = f'<span class="first">{esc(words[0])}</span>' + (
                f' <span class="more">{esc(" ".join(words[1:]))}</span>' if len(words) > 1 else ""
            )
            why = f'<p class="why"><span class="why-label">Why:</span> <q>{esc(m.reason)}</q></p>' if m.reason else ""
            cls = "move has-why" if m.reason else "move"
            return f'<div class="{cls}"><div class="who">{self.chip(m.faction)}</div><div class="what">{text}{why}</div></div>'
        if item.kind == "event":
            ev = t.events[t.event_index[item.card]] if item.card in t.event_index else None
            title = (
                f"<b>{esc(ev.name)}</b>" + (f" — {esc(ev.flavour)}" if ev.flavour else "") if ev else esc(item.lines[0])
            )
            hyp = ' <span class="muted">(hypothetical)</span>' if ev is not None and ev.hypothetical else ""
            effects = item.lines[1:] if ev else item.lines[1:]
            eff = f'<ul class="effects">{"".join(f"<li>{esc(x)}</li>" for x in effects)}</ul>' if effects else ""
            return f'<div class="box event"><span class="tag">World event</span><p>{title}{hyp}</p>{eff}</div>'
        if item.kind == "crisis":
            first, rest = item.lines[0], item.lines[1:]
            eff = f'<ul class="effects">{"".join(f"<li>{esc(x)}</li>" for x in rest)}</ul>' if rest else ""
            return f'<div class="box crisis"><span class="tag">Crisis</span><p>{esc(first)}</p>{eff}</div>'
        if item.kind == "summit":
            rec = item.summit
            table = ""
            if rec is not None:
                order = list(rec.scores)
                body = "".join(
                    f'<tr><th scope="row">{self.chip(fid)}</th><td class="num">{vp}</td><td>{esc(rec.reasons.get(fid, ""))}</td></tr>'
                    for fid, vp in sorted(rec.scores.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
                )
                table = (
                    '<table class="data summit-table"><thead><tr><th scope="col">Faction</th><th scope="col" class="num">VP</th>'
                    f'<th scope="col">Why</th></tr></thead><tbody>{body}</tbody></table>'
                )
            extra = "".join(f"<p>{esc(x)}</p>" for x in item.lines)
            return f'<div class="box summit"><span class="tag">Summit</span>{table}{extra}</div>'
        if item.kind == "income":
            return f'<p class="aside"><span class="tag tag-muted">Income</span> {esc(" ".join(item.lines))}</p>'
        if item.kind == "end":
            return f'<p class="aside"><span class="tag tag-muted">End of round</span> {esc(" ".join(item.lines))}</p>'
        if item.kind == "outcome":
            return f'<div class="box outcome"><span class="tag">Outcome</span>{"".join(f"<p>{esc(x)}</p>" for x in item.lines)}</div>'
        return "".join(f'<p class="aside">{esc(x)}</p>' for x in item.lines)

    def reasons(self) -> str:
        with_reason = [m for m in self.moves if m.reason]
        if not with_reason:
            body = '<p class="note">No player typed a reason for a move in this game.</p>'
        else:
            rows = "".join(
                f'<tr><td class="num">{m.round}</td><td>{self.chip(m.faction)}</td><td>{esc((m.lines or [""])[0])}</td><td class="why-cell"><q>{esc(m.reason)}</q></td></tr>'
                for m in with_reason
            )
            body = (
                '<table class="data reasons-table"><thead><tr><th scope="col" class="num">Round</th><th scope="col">Faction</th>'
                f'<th scope="col">Action</th><th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table>'
            )
        return f'<section id="reasons"><h2>Reasons for moves, at a glance</h2>{body}</section>'

    def standing(self) -> str:
        g, t = self.g, self.t
        shares = g.history[-1].shares if g.history else {}
        end = g.view(None)
        summit_rounds = [s.round for s in g.summits]
        order = sorted(
            range(len(t.factions)), key=lambda f: (-end.vp[t.factions[f].id], -(shares.get(t.factions[f].id) or 0), f)
        )
        head = "".join(
            f'<th scope="col" class="num">Summit {t.scenario.start_year + r - 1}</th>' for r in summit_rounds
        )
        rows = []
        for rank, f in enumerate(order, 1):
            fac = t.factions[f]
            per = [s.scores.get(fac.id, 0) for s in g.summits]
            other = end.vp[fac.id] - sum(per)
            cells = "".join(f'<td class="num">{v}</td>' for v in per)
            winner = ' class="winner-row"' if g.outcome is not None and g.outcome.winner == fac.id else ""
            rows.append(
                f'<tr{winner}><td class="num">{rank}</td><th scope="row">{self.chip(fac.id)}</th><td>{esc(_seat_words(g.seats.get(fac.id, "human")))}</td>'
                f'{cells}<td class="num">{f"{other:+d}" if other else "0"}</td><td class="num total">{end.vp[fac.id]}</td>'
                f'<td class="num">{_fmt(shares.get(fac.id), "percent")}</td><td class="num">{end.capital[fac.id]}</td></tr>'
            )
        return (
            '<section id="standing"><h2>Final standing</h2><table class="data standing"><thead><tr>'
            '<th scope="col" class="num">#</th><th scope="col">Faction</th><th scope="col">Played by</th>'
            f'{head}<th scope="col" class="num">Other VP</th><th scope="col" class="num">VP</th>'
            '<th scope="col" class="num">Influence share</th><th scope="col" class="num">Capital</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
            '<p class="note">Other VP: points from cards, events and end-of-game bonuses (such as a balance bonus). '
            "Ties are broken by total influence on the board.</p></section>"
        )

    def footer(self) -> str:
        files = ", ".join(f"<code>{esc(d.file)}</code>" for d in self.data)
        return (
            "<footer><p>Also in this folder: <code>actions.csv</code> (one row per step: step, round, year, faction, action, "
            "the log text it wrote and the player's reason; UTF-8), <code>charts.json</code> (the numbers of every chart) "
            f"and the charts as PNG ({files}).</p>"
            f"<p>Made by <code>python -m game report</code> from the game's action log. Rules identity {esc((self.t.ruleset.identity or 'unknown')[:12])}.</p></footer>"
        )


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")


CSS = """
:root { --ink:#1d2026; --muted:#5b616e; --line:#d9dce1; --soft:#f5f6f8; --gold:#96701e; --gold-soft:#fbf5e6;
  --red:#b23a2e; --red-soft:#fbefed; --orange:#b5600e; --orange-soft:#fdf3e7; --blue-soft:#eef4fa; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eceef1; color: var(--ink);
  font: 15px/1.5 "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1000px; margin: 24px auto; background: #fff; padding: 40px 56px 48px; box-shadow: 0 1px 6px rgba(0,0,0,.12); }
h1, h2, h3, h4 { line-height: 1.2; margin: 0; }
h1 { font-size: 30px; margin: 4px 0 6px; }
h2 { font-size: 22px; margin: 40px 0 14px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 22px 0 8px; }
h4.ar { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 14px 0 4px; }
p { margin: 6px 0; }
code { font: 12.5px/1.4 "Noto Sans Mono", Consolas, monospace; background: var(--soft); padding: 0 3px; border-radius: 3px; }
.muted { color: var(--muted); font-weight: normal; }
.note { color: var(--muted); font-size: 13px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--gold); font-weight: 700; margin: 0; }
.meta { color: var(--muted); font-size: 13.5px; }
.seats { list-style: none; padding: 0; margin: 12px 0 0; display: flex; flex-wrap: wrap; gap: 6px 22px; font-size: 13.5px; }
.toc { margin-top: 14px; font-size: 13.5px; }
.toc a { color: var(--gold); text-decoration: none; margin-right: 14px; font-weight: 600; }
.fac { white-space: nowrap; }
.fac b { font-weight: 700; }
svg.key { vertical-align: -2px; margin-right: 5px; }
.verdict { border-left: 6px solid var(--gold); background: var(--gold-soft); padding: 14px 20px; border-radius: 0 6px 6px 0; }
.verdict-breakdown { border-color: var(--red); background: var(--red-soft); }
.verdict-domination { border-color: var(--orange); background: var(--orange-soft); }
.verdict-open { border-color: var(--muted); background: var(--soft); }
.verdict-kind { text-transform: uppercase; letter-spacing: .06em; font-size: 12.5px; font-weight: 700; color: var(--muted); margin: 0; }
.winner { font-size: 22px; font-weight: 700; margin: 4px 0; }
.lead { font-size: 15.5px; }
.reasons { margin: 6px 0 0; padding-left: 20px; }
table.data { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
table.data thead th { border-bottom: 1.5px solid var(--ink); font-size: 12px; color: var(--muted); font-weight: 700; }
table.data caption { text-align: left; font-size: 12px; color: var(--muted); padding-bottom: 2px; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.numbers th[scope=row] { white-space: nowrap; font-weight: 600; }
table.countries td:last-child { color: var(--muted); }
table.countries td.status { white-space: nowrap; }
.winner-row { background: var(--gold-soft); }
td.total { font-weight: 700; font-size: 14px; }
figure.chart { margin: 18px 0 30px; break-inside: avoid; page-break-inside: avoid; }
figure.chart img { width: 100%; height: auto; display: block; border: 1px solid var(--line); border-radius: 4px; }
figcaption { font-size: 12.5px; color: var(--muted); margin-top: 6px; }
.scroll { overflow-x: auto; }
.round { border-top: 1px solid var(--line); padding-top: 2px; }
.round h3 { color: var(--ink); }
.roundstats { font-size: 12.5px; color: var(--muted); margin-top: -2px; }
.box { border-radius: 0 5px 5px 0; padding: 8px 14px; margin: 8px 0; border-left: 4px solid var(--muted); background: var(--soft); break-inside: avoid; }
.box p { margin: 3px 0; }
.box.event { border-color: #3b6ea5; background: var(--blue-soft); }
.box.crisis { border-color: var(--orange); background: var(--orange-soft); }
.box.summit { border-color: var(--gold); background: var(--gold-soft); }
.box.outcome { border-color: var(--ink); background: #fff; border: 1.5px solid var(--ink); border-left-width: 4px; }
.box .data { background: transparent; }
.tag { display: inline-block; font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--ink); margin-right: 4px; }
.tag-muted { color: var(--muted); }
.effects { margin: 4px 0 2px; padding-left: 18px; font-size: 13px; color: #3d424c; }
.aside { font-size: 12.5px; color: var(--muted); margin: 6px 0; }
.move { display: grid; grid-template-columns: 150px 1fr; gap: 10px; padding: 5px 0; border-bottom: 1px dotted var(--line); break-inside: avoid; font-size: 14px; }
.move .more { color: var(--muted); font-size: 13px; }
.move.has-why { background: linear-gradient(90deg, #fffaf0, #fff 70%); }
.why { margin: 3px 0 0; font-style: italic; color: #3a2d0c; }
.why-label { font-style: normal; font-weight: 700; font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--gold); margin-right: 2px; }
q { quotes: "\\201C" "\\201D"; }
.why-cell { font-style: italic; }
footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
@media (max-width: 720px) { main { padding: 20px; } .move { grid-template-columns: 1fr; gap: 0; } }
@media print {
  @page { size: A4; margin: 14mm 13mm; }
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 22pt; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  #charts, #timeline { break-before: page; page-break-before: always; }
  figure.chart img { width: 68%; margin: 0 auto; }
  table.numbers th, table.numbers td { padding: 2pt 5pt; }
  .scroll { overflow: visible; }
  table.data { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, .move, .box { break-inside: avoid; page-break-inside: avoid; }
  figure.chart img { border: none; }
  figure.chart { margin: 8pt 0 14pt; }
  a { color: inherit; text-decoration: none; }
}
"""


# ----- writing -------------------------------------------------------------------------------
def write_report(game: Game, out_dir: Path) -> list[Path]:
    """Write the debrief of `game` into `out_dir` (made if missing); return the files written.

    Raises OSError if the folder cannot be made or written. The game is not changed.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    trace = trace_game(game)
    moves = group_moves(game, trace)
    data = build_charts(game, trace)
    pngs = {d.file: ch.render_line_chart(d.chart) for d in data}
    page = HtmlReport(game, trace, moves, data, pngs).page()
    files: list[tuple[str, bytes]] = [(name, png) for name, png in pngs.items()]
    files.append(
        ("charts.json", (json.dumps(charts_json(game, data), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    )
    files.append(("actions.csv", actions_csv(game, trace).encode("utf-8-sig")))
    files.append(("index.html", page.encode("utf-8")))
    written = []
    for name, blob in files:
        atomic_write(out / name, blob)
        written.append(out / name)
    return written
