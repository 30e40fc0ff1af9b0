"""The numbers behind the report's charts, straight from `Game.history`, and how each is drawn."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from game.analysis import charts as ch
from game.analysis.odds import OddsTable, outcome_name, percent_text
from game.analysis.report.trace import Trace
from game.colours import hex_colour
from game.engine import Game
from game.i18n import _, ngettext, pgettext
from game.ruleset.model import Track

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
CRISIS_COLOUR: ch.Colour = (214, 120, 30)


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


@dataclass(frozen=True)
class RoundAxis:
    """The x axis every chart shares: one position per round recorded in `Game.history`."""

    rounds: list[int]
    labels: list[tuple[str, str]]
    short_labels: list[tuple[str, str]]
    summits: list[int]
    """The x positions of the summit rounds (shaded)."""


def summit_rounds_held(game: Game) -> list[int]:
    """The rounds whose summit was held, and those still due: a postponed summit
    (`summit_postpone_chance`) moves a round on, so the scenario's list may be wrong."""
    held = {rec.round for rec in game.summits}
    return sorted(held | {r for r in game.summit_rounds() if r > game.round})


def round_axis(game: Game) -> RoundAxis:
    sc = game.t.scenario
    rounds = [h.round for h in game.history]
    labels = [(_("Start"), "") if r == 0 else (_('Round {r}').format(r=r), str(sc.start_year + r - 1)) for r in rounds]
    short = [(_("Start"), "") if r == 0 else (pgettext("column heading: a round", "R{round}").format(round=r), str(sc.start_year + r - 1)) for r in rounds]
    held = summit_rounds_held(game)
    summits = [i for i, r in enumerate(rounds) if r in held and r > 0]
    return RoundAxis(rounds, labels, short, summits)


def faction_series(game: Game, values: dict[str, list[float | None]], width: float = 4.0) -> list[ch.Series]:
    out = []
    for i, f in enumerate(game.t.factions):
        out.append(ch.cycled_series(f.id, f.name, values[f.id], hex_colour(f.colour), i, width))
    return out


def faction_styles(game: Game) -> dict[str, ch.Series]:
    """Each faction's line style (colour, marker, dash), the same in charts and HTML keys."""
    return {s.id: s for s in faction_series(game, {f.id: [] for f in game.t.factions})}


def build_charts(game: Game, trace: Trace, odds: OddsTable | None = None) -> list[ChartData]:
    axis = round_axis(game)
    out = [balance_chart(game, axis), shares_chart(game, axis), vp_chart(game, axis)]
    if game.t.tracks:
        out.append(tracks_chart(game, trace, axis))
    if odds is not None:
        out += [odds_chart(game, odds, axis), win_odds_chart(game, odds, axis)]
    return [replace(d, rounds=tuple(axis.rounds)) for d in out]


def balance_chart(game: Game, axis: RoundAxis) -> ChartData:
    """The balance index: the region bold, each country thin."""
    hist = game.history
    raw: dict[str, list[Any]] = {"region": [h.balance_index for h in hist]}
    series = [ch.Series("region", _("Region"), raw["region"], REGION_COLOUR, "circle", (), 7.0, 9.5)]
    for i, c in enumerate(game.t.countries):
        raw[c.id] = [h.countries.get(c.id) for h in hist]
        colour = COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)]
        series.append(ch.cycled_series(c.id, c.name, raw[c.id], colour, i + 1, 3.0, 7.0))  # the region took the first
    chart = ch.LineChart(
        _("Balance index by round"),
        _("Region (bold) and each country · read from control: 100 = no outside power near hegemony, 0 = domination"),
        axis.labels,
        series,
        y_label=_("Balance index"),
        x_labels_short=axis.short_labels,
        y_format=lambda v: f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.1f}",
        value_format=lambda v: f"{v:.1f}",
        y_max=100,
    )
    source = _("history[].balance_index (region) and history[].countries (each country)")
    return ChartData("balance-index", "balance-index.png", chart, _("balance index (0–100)"), source, raw)


def shares_chart(game: Game, axis: RoundAxis) -> ChartData:
    raw: dict[str, list[Any]] = {f.id: [h.shares.get(f.id) for h in game.history] for f in game.t.factions}
    percent = {k: [None if v is None else v * 100 for v in vs] for k, vs in raw.items()}
    chart = ch.LineChart(
        _("Influence share by round"),
        _("Each faction's share of all influence on the board (soft power, security and trade together)"),
        axis.labels,
        faction_series(game, percent),
        y_label=_("Share of all influence"),
        x_labels_short=axis.short_labels,
        y_format=lambda v: f"{v:.0f}%" if abs(v - round(v)) < 1e-9 else f"{v:.1f}%",
        value_format=lambda v: f"{v:.1f}%",
        y_min=0,
    )
    unit = _("share of all influence (0–1; the chart shows percent)")
    return ChartData("influence-shares", "influence-shares.png", chart, unit, "history[].shares", raw, "percent")


def vp_chart(game: Game, axis: RoundAxis) -> ChartData:
    raw: dict[str, list[Any]] = {f.id: [h.vp.get(f.id) for h in game.history] for f in game.t.factions}
    summit_words = ", ".join(str(r) for r in summit_rounds_held(game))
    chart = ch.LineChart(
        _("Victory points by round"),
        _('VP at the end of each round · summits (shaded) score in rounds {summit_words}').format(summit_words=summit_words),
        axis.labels,
        faction_series(game, {k: list(v) for k, v in raw.items()}),
        y_label=_("Victory points"),
        x_labels_short=axis.short_labels,
        y_format=lambda v: f"{v:.0f}",
        y_min=0,
        integer_ticks=True,
        bands=axis.summits,
        band_label=_("Summit"),
        steps=True,
        separate=3.5,
    )
    return ChartData("victory-points", "victory-points.png", chart, _("victory points"), "history[].vp", raw, "integer")


def tracks_chart(game: Game, trace: Trace, axis: RoundAxis) -> ChartData:
    """The tracks, with tension's crisis and breakdown levels and a flag at each crisis."""
    t = game.t
    raw: dict[str, list[Any]] = {tr.id: [h.tracks.get(tr.id) for h in game.history] for tr in t.tracks}
    series = []
    thresholds: list[ch.Threshold] = []
    marks: list[ch.Mark] = []
    crisis_rounds = sorted({s.round for s in trace.segments if s.phase == "tension" and s.entries})
    for i, tr in enumerate(t.tracks):
        is_tension = t.tension is not None and i == t.tension
        width = 5.0 if is_tension else 3.4
        series.append(ch.cycled_series(tr.id, tr.name, raw[tr.id], TRACK_COLOURS[i % len(TRACK_COLOURS)], i, width))
        if is_tension:
            thresholds += tension_thresholds(tr)
            marks += tension_marks(game, axis.rounds, raw[tr.id], crisis_rounds)
    any_crisis = any(m.text == "Crisis" for m in marks)
    chart = ch.LineChart(
        _("Tension and tracks by round"),
        _("Track levels at the end of each round, after cleanup eases tension · ")
        + (_("a flag marks each round with a crisis") if any_crisis else _("no crisis in this game")),
        axis.labels,
        series,
        y_label=_("Level"),
        x_labels_short=axis.short_labels,
        y_format=lambda v: f"{v:.0f}",
        y_min=0,
        y_max=max(tr.max for tr in t.tracks),
        integer_ticks=True,
        bands=axis.summits,
        band_label=_("Summit"),
        thresholds=thresholds,
        marks=marks,
    )
    return ChartData("tracks", "tracks.png", chart, _("track level"), "history[].tracks", raw, "integer")


def odds_chart(game: Game, odds: OddsTable, axis: RoundAxis) -> ChartData:
    """The odds of each outcome at the end of each round (before the next), from `odds`:
    balance in the region's ink, a domination in its power's colour, breakdown in red."""
    names = {f.id: f.name for f in game.t.factions}
    colours = {f"domination:{f.id}": hex_colour(f.colour) for f in game.t.factions}
    raw = odds_by_round(game, odds, odds.keys)
    series = [
        ch.cycled_series(k, outcome_name(k, names), [None if v is None else 100 * v for v in raw[k]],
                         colours.get(k, ch.WARN if k == "breakdown" else REGION_COLOUR), i)  # fmt: skip
        for i, k in enumerate(odds.keys)
    ]
    if odds.judged_again:  # the turning points' sides rest on more games than the rest
        subtitle = ngettext("Each point: how often at least {games} game played on from there ended so",
                            "Each point: how often at least {games} games played on from there ended so", odds.games)  # fmt: skip
    else:
        subtitle = ngettext("Each point: how often {games} game played on by heuristic bots from there ended so",
                            "Each point: how often {games} games played on by heuristic bots from there ended so", odds.games)  # fmt: skip
    chart = odds_line_chart(_("The odds of each outcome by round"), subtitle.format(games=odds.games), axis, series)
    unit = _("the share of the games played on that ended in each outcome (0–1; the chart shows percent)")
    return ChartData("odds", "odds.png", chart, unit, "odds.json: points[].outcomes", raw, "percent")


def win_odds_chart(game: Game, odds: OddsTable, axis: RoundAxis) -> ChartData:
    """Each faction's odds of winning at the end of each round, in its own line style."""
    by_key = odds_by_round(game, odds, [f"win:{f.id}" for f in game.t.factions])
    raw = {f.id: by_key[f"win:{f.id}"] for f in game.t.factions}
    series = faction_series(game, {k: [None if v is None else 100 * v for v in vs] for k, vs in raw.items()})
    subtitle = _("How often each faction won the same games played on (a breakdown may leave nobody winning)")
    chart = odds_line_chart(_("The odds of each faction's win by round"), subtitle, axis, series)
    unit = _("the share of the games played on that each faction won (0–1; the chart shows percent)")
    return ChartData("odds-wins", "odds-wins.png", chart, unit, "odds.json: points[].wins", raw, "percent")


def odds_by_round(game: Game, odds: OddsTable, keys: list[str]) -> dict[str, list[Any]]:
    """Each key's odds at every point of `Game.history` (None where none were judged)."""
    return {k: [odds.at_step.get(h.step, {}).get(k) for h in game.history] for k in keys}


def odds_line_chart(title: str, subtitle: str, axis: RoundAxis, series: list[ch.Series]) -> ch.LineChart:
    return ch.LineChart(
        title, subtitle, axis.labels, series, y_label=_("Odds"), x_labels_short=axis.short_labels,
        y_format=lambda v: percent_text(v / 100), y_min=0, y_max=100, bands=axis.summits, band_label=_("Summit"), separate=3.5,
    )  # fmt: skip


def tension_thresholds(track: Track) -> list[ch.Threshold]:
    out = []
    if track.crisis_at is not None:
        out.append(ch.Threshold(track.crisis_at, _('Crisis at {crisis_at}+ (tension check)').format(crisis_at=track.crisis_at), CRISIS_COLOUR))
    if track.breakdown_at is not None:
        out.append(ch.Threshold(track.breakdown_at, _('Breakdown at {breakdown_at}').format(breakdown_at=track.breakdown_at), ch.WARN))
    return out


def tension_marks(game: Game, rounds: list[int], levels: list[Any], crisis_rounds: list[int]) -> list[ch.Mark]:
    """A flag on the tension line at each crisis, and at the breakdown that ended the game."""
    marks = []
    for r in crisis_rounds:
        if r in rounds:
            x = rounds.index(r)
            marks.append(ch.Mark(x, levels[x] or 0, _("Crisis"), CRISIS_COLOUR))
    o = game.outcome
    if o is not None and o.kind == "breakdown" and o.round in rounds:
        x = rounds.index(o.round)
        marks.append(ch.Mark(x, levels[x] or 0, _("Breakdown")))
    return marks


def charts_json(game: Game, data: list[ChartData]) -> dict[str, Any]:
    t = game.t
    return {
        "format": "center-of-gravity-debrief-charts",
        "version": 1,
        "scenario": t.scenario.id,
        "seed": game.seed,
        "rounds": [h.round for h in game.history],
        "years": [t.scenario.start_year + h.round - 1 if h.round else None for h in game.history],
        "note": _("Values at the end of each round (round 0 is the start), exactly as Game.history holds them."),
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
