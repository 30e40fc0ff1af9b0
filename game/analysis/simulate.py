"""`python -m game simulate`: many bot games, their outcomes and win rates.

Seats: `--bots KIND` puts a bot of that kind in every seat, `--seat FACTION=KIND`
(repeatable) changes one. `--jobs J` plays the games in J processes; the results are
gathered in game order and each game's seed depends only on its index, so the output
is the same whatever J.

The output depends only on the rules, the seed and the options: the same command gives
byte-identical text and JSON (timings belong in `bench`, never here). The exception is
the search bots, which think for a number of wall-clock seconds: how far a search gets
depends on the machine, so games with search seats may differ from run to run.
"""

from __future__ import annotations

import math
import multiprocessing
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from game.ai.base import BOT_KINDS
from game.ai.play import play_game
from game.analysis.metrics import GameMetrics, game_metrics, metrics_block
from game.files import atomic_write
from game.i18n import _, ngettext
from game.ruleset.model import Ruleset

T = TypeVar("T")
R = TypeVar("R")

OUTCOMES = ("balance", "domination", "breakdown")
Z95 = 1.959963984540054
"""The normal quantile of a two-sided 95% interval."""


def game_seed(seed: int, index: int) -> int:
    """The seed of the index-th game of a run (independent of how games are split)."""
    return (seed * 1_000_003 + index * 7_919) & 0xFFFFFFFF


def wilson_interval(wins: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a win rate (95% by default); (0, 1) with no games."""
    if n == 0:
        return (0.0, 1.0)
    p = wins / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class GameSummary:
    """What a finished game contributes to the tally (small, so workers send it cheaply)."""

    kind: str
    winner: str | None
    breaker: str | None
    round: int
    balance_index: float
    metrics: GameMetrics
    vp: dict[str, int] = field(default_factory=dict)
    """Each faction's VP at the end."""
    save: str | None = None
    """The save file's text, if saves were asked for."""


@dataclass
class Tally:
    ruleset: Ruleset
    games: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    wins: Counter[str] = field(default_factory=Counter)
    breakers: Counter[str] = field(default_factory=Counter)
    rounds: int = 0
    balance_index: float = 0.0
    metrics: list[GameMetrics] = field(default_factory=list)
    vp: Counter[str] = field(default_factory=Counter)
    """Each faction's final VP, summed over the games."""
    vp_squares: Counter[str] = field(default_factory=Counter)

    def add(self, game: GameSummary) -> None:
        self.games += 1
        self.outcomes[game.kind] += 1
        if game.winner:
            self.wins[game.winner] += 1
        if game.breaker:
            self.breakers[game.breaker] += 1
        self.rounds += game.round
        self.balance_index += game.balance_index
        self.metrics.append(game.metrics)
        for f, v in game.vp.items():
            self.vp[f] += v
            self.vp_squares[f] += v * v

    def vp_sd(self, f: str) -> float:
        """The standard deviation of `f`'s final VP over the games (0 for fewer than two)."""
        n = self.games
        if n < 2:
            return 0.0
        mean = self.vp[f] / n
        return math.sqrt(max(0.0, (self.vp_squares[f] - n * mean * mean) / (n - 1)))

    def to_json(self, seed: int, scenario: str, seats: dict[str, str]) -> dict[str, Any]:
        factions = list(seats)
        decided = sum(self.wins.values())
        return {
            "games": self.games,
            "seed": seed,
            "scenario": scenario,
            "seats": seats,
            "outcomes": {k: self.outcomes[k] for k in OUTCOMES},
            "wins": {f: self.wins[f] for f in factions},
            "decided": decided,
            "win_rates": {f: round(self.wins[f] / decided, 4) if decided else 0.0 for f in factions},
            "win_rate_ci95": {f: [round(x, 4) for x in wilson_interval(self.wins[f], decided)] for f in factions},
            "breakdowns_caused": {f: self.breakers[f] for f in factions},
            "mean_rounds": round(self.rounds / self.games, 3) if self.games else 0.0,
            "mean_balance_index": round(self.balance_index / self.games, 2) if self.games else 0.0,
            # final VP: less noisy than wins for judging a small change (an ability, a mod)
            "mean_vp": {f: round(self.vp[f] / self.games, 3) if self.games else 0.0 for f in factions},
            "vp_sd": {f: round(self.vp_sd(f), 3) for f in factions},
            "metrics": metrics_block(self.metrics, [c.id for c in self.ruleset.cards if c.event]),
        }


def play_summary(ruleset: Ruleset, seed: int, seats: dict[str, str], scenario: str | None, save: bool) -> GameSummary:
    game = play_game(ruleset, seed, seats, scenario)
    out = game.outcome
    assert out is not None
    end = game.history[-1]  # the snapshot taken as the game ended
    return GameSummary(out.kind, out.winner, out.breaker, out.round, end.balance_index, game_metrics(game),
                       dict(end.vp), game.to_json() if save else None)  # fmt: skip


_WORKER: dict[str, Any] = {}
"""What a worker process was given once (the rules, the positions …), for its tasks to read."""


def _worker_init(setup: dict[str, Any]) -> None:
    _WORKER.clear()
    _WORKER.update(setup)


def _pool_worker_init(setup: dict[str, Any]) -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent stops the pool and
    # says so in a sentence (`game.cli.main`); workers would each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_init(setup)


def worker_state() -> dict[str, Any]:
    """In a task run by `in_order`: the `setup` the run was given."""
    return _WORKER


def in_order(task: Callable[[T], R], items: Sequence[T], setup: dict[str, Any], jobs: int = 1) -> Iterator[R]:
    """`task` of every item, in the items' order, in `jobs` processes (or this one). A task
    reads what all tasks share — sent to each process once — from `worker_state()`; it must
    be a module-level function, and its result may depend only on its item and `setup`, so
    the results are the same whatever `jobs`."""
    if jobs <= 1 or len(items) <= 1:
        _worker_init(setup)
        try:
            yield from map(task, items)
        finally:
            _WORKER.clear()
        return
    with multiprocessing.get_context().Pool(min(jobs, len(items)), _pool_worker_init, (setup,)) as pool:
        yield from pool.imap(task, items)


def _worker_game(index: int) -> GameSummary:
    w = _WORKER
    return play_summary(w["ruleset"], game_seed(w["seed"], index), w["seats"], w["scenario"], w["save"])


def summaries(ruleset: Ruleset, games: int, seed: int, scenario: str | None, seats: dict[str, str],
              save: bool = False, jobs: int = 1) -> Iterator[GameSummary]:  # fmt: skip
    """Every game's summary, in game order, whatever the number of processes."""
    setup = {"ruleset": ruleset, "seed": seed, "seats": seats, "scenario": scenario, "save": save}
    return in_order(_worker_game, range(games), setup, jobs)


def run(ruleset: Ruleset, games: int, seed: int, scenario: str | None, seats: dict[str, str],
        save_dir: Path | None = None, progress: bool = False, jobs: int = 1) -> Tally:  # fmt: skip
    tally = Tally(ruleset)
    for i, summary in enumerate(summaries(ruleset, games, seed, scenario, seats, save_dir is not None, jobs)):
        tally.add(summary)
        if save_dir is not None and summary.save is not None:
            atomic_write(save_dir / f"game-{i + 1:05d}.json", summary.save)
        if progress:
            show_progress(i + 1, games)
    return tally


def show_progress(done: int, total: int) -> None:
    """The progress bar on stderr (`[#####.....] 12/40 games`), ended by a new line when done."""
    width = 30
    filled = width * done // max(total, 1)
    count = ngettext("{done}/{total} game", "{done}/{total} games", total).format(done=done, total=total)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {count}" + ("\n" if done >= total else ""))
    sys.stderr.flush()


def format_report(result: dict[str, Any]) -> str:
    """`simulate`'s summary for a person, in the reader's language (ids and bot kinds as given)."""
    lines = [_("{games} games of {scenario} (seed {seed})").format(games=result["games"], scenario=result["scenario"], seed=result["seed"])]
    games = result["games"] or 1
    for k in OUTCOMES:
        n = result["outcomes"][k]
        lines.append(f"  {k:<11} {n:>6}  {100 * n / games:5.1f}%")
    lines.append(_("Wins (share of the {decided} decided games, with 95% confidence intervals):").format(decided=result["decided"]))
    for f, n in result["wins"].items():
        lo, hi = result["win_rate_ci95"][f]
        seat = result["seats"][f]
        lines.append(
            f"  {f:<12} {seat:<14} {n:>6}  {100 * result['win_rates'][f]:5.1f}%  [{100 * lo:5.1f}% – {100 * hi:5.1f}%]"
        )
    lines.append(_("Mean rounds played: {rounds}").format(rounds=result["mean_rounds"]))
    lines.append(_("Mean final balance index: {index}").format(index=result["mean_balance_index"]))
    lines.append(_("Mean final VP: {vp}").format(vp=", ".join(f"{f} {v:.2f}" for f, v in result["mean_vp"].items())))
    m = result["metrics"]
    routes = m["domination_by_route"]
    lines.append(_("Domination from the map {map}, from the VP lead {lead}; games with a crisis {crises}; events {events:.1f}% "
                   "of card plays; balance games decided by the tie-break {tiebreak:.1f}%").format(
        map=routes["map"], lead=routes["lead"], crises=m["crisis_games"], events=100 * m["event_share"],
        tiebreak=100 * m["tiebreak_share"]))  # fmt: skip
    never = m["events_never_chosen"]
    lines.append(_("Events never chosen: {never} of {events}").format(never=len(never), events=len(m["events_chosen"]))
                 + (f" ({', '.join(never)})" if never else ""))  # fmt: skip
    auc = m["index"]["auc_mid"]  # None: no game reached mid-game on each side (all dominated, or none)
    lines.append(_("Region index: sd over round ends {sd}, AUC at mid-game {auc}").format(
        sd=m["index"]["round_end_sd"],
        auc=_("— (needs games both dominated and not that reach mid-game)") if auc is None else auc))  # fmt: skip
    d = m["decisions_per_game"]
    lines.append(_("A table of humans (median game): {actions:g} actions, {units:g} units placed, {other:g} other "
                   "decisions, about {minutes:g} minutes of play").format(
        actions=d["action"], units=d["unit"], other=d["other"], minutes=m["play_minutes"]))  # fmt: skip
    return "\n".join(lines)


def seat_kinds(factions: list[str], default: str, overrides: list[str] | None) -> dict[str, str] | str:
    """Each faction's bot kind from `--bots` and `--seat FACTION=KIND`, or a sentence saying what is wrong."""
    kinds = ", ".join(BOT_KINDS)
    no_such_kind = _("There is no bot kind {kind}; the kinds are: {kinds}.")
    if default not in BOT_KINDS:
        return no_such_kind.format(kind=repr(default[:40]), kinds=kinds)
    seats = {f: default for f in factions}
    for item in overrides or ():
        fid, sep, kind = item.partition("=")
        fid, kind = fid.strip(), kind.strip()
        if not sep or not fid or not kind:
            return _("--seat wants FACTION=KIND (for example {example}=heuristic), not {item}.").format(
                example=factions[0], item=repr(item[:40]))
        if fid not in seats:
            return _("There is no faction {faction} in this scenario; the factions are: {factions}.").format(
                faction=repr(fid[:40]), factions=", ".join(factions))
        if kind not in BOT_KINDS:
            return no_such_kind.format(kind=repr(kind[:40]), kinds=kinds)
        seats[fid] = kind
    return seats
