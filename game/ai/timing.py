"""How long bots take to decide (`python -m game bench --bots`).

Every bot kind plays in every seat and each decision with a real choice (two or more
legal steps) is timed. A bot plans a whole action at its first step and plays the rest
from memory, so medians are low; the mean and the 90th percentile show the planning.
Fast kinds play whole games, and the time of each whole game is reported too (one
core, every seat that kind); a search bot spends about its level's seconds on every
decision, so it is timed until it has searched a fixed number of decisions instead, and
those searched decisions (not played from memory) are reported apart: how many sampled worlds each saw
and the 90th percentile of their times, the figure to hold against the level's budget.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass, field

from game import native
from game.ai.base import BOT_KINDS, Bot, make_bot
from game.ai.play import collector_paused_for, decide, seat_rng
from game.engine.game import Game
from game.ruleset.model import Ruleset


@dataclass(frozen=True)
class DecisionTimes:
    kind: str
    seconds: list[float]
    games: list[float] = field(default_factory=list)
    """Seconds of each whole game played (none when the decisions were capped)."""
    game_steps: list[int] = field(default_factory=list)
    """Steps of each of those games: rules that end games sooner (a domination in round 4)
    make a bot look faster, so the time a step is the figure to compare across rules."""
    searches: list[float] = field(default_factory=list)
    """Seconds of each decision a search bot searched (not played from memory)."""
    worlds: list[int] = field(default_factory=list)
    """Sampled worlds each of those searches saw."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else math.nan

    @property
    def mean(self) -> float:
        return statistics.fmean(self.seconds) if self.seconds else math.nan

    @property
    def p90(self) -> float:
        return _p90(self.seconds)


def _p90(values: list[float]) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def _median(values: list[float] | list[int]) -> float:
    return statistics.median(values) if values else math.nan


def time_decisions(ruleset: Ruleset, kind: str, games: int, max_decisions: int | None, seed: int = 1,
                   max_searches: int | None = None) -> DecisionTimes:  # fmt: skip
    """Seconds per decision of `kind` in every seat, over `games` games, `max_decisions`
    decisions or `max_searches` searched decisions, whichever comes first."""
    r = DecisionTimes(kind, [])
    for g_index in range(games):
        game = Game.new(ruleset, None, seed + g_index, {})
        bots = {fid: make_bot(kind) for fid in game.seats}
        game_start = time.perf_counter()
        with collector_paused_for(bots.values()):  # as `play_on` plays a simulation's games
            finished = _time_game(game, bots, r, max_decisions, max_searches)
        if not finished:
            return r
        r.games.append(time.perf_counter() - game_start)
        r.game_steps.append(len(game.actions))
    return r


def _time_game(game: Game, bots: dict[str, Bot], r: DecisionTimes, max_decisions: int | None,
               max_searches: int | None) -> bool:  # fmt: skip
    """Play `game` on, timing its decisions into `r`; False if a limit stopped it first."""
    rngs = {fid: seat_rng(game.seed, i) for i, fid in enumerate(game.seats)}
    out = r.seconds
    while game.actor is not None:
        actor = game.actor
        choice = len(game.legal_actions()) > 1
        bot = bots[actor]
        start = time.perf_counter()
        action = decide(game, bot, rngs[actor])
        took = time.perf_counter() - start
        worlds = getattr(bot, "last_iterations", None)
        if worlds is not None:
            r.searches.append(took)
            r.worlds.append(worlds)
            if max_searches is not None and len(r.searches) >= max_searches:
                if choice:
                    out.append(took)
                return False
        if choice:
            out.append(took)
            if max_decisions is not None and len(out) >= max_decisions:
                return False
        game.apply(action)
    return True


SEARCHES_PER_RUN = 6
"""Searched decisions timed per run of `bench --bots` (30 at the default 5 runs): the 90th
percentile of 10 was their slowest, which one pause of the machine decides."""


def bench_bots(ruleset: Ruleset, games: int) -> list[DecisionTimes]:
    """Decision times of every bot kind: fast kinds over `games` games, search over
    `SEARCHES_PER_RUN` × `games` searched decisions (and the decisions played from memory
    between them)."""
    results = []
    for kind in BOT_KINDS:
        if kind.startswith("search"):
            results.append(time_decisions(ruleset, kind, games=1000, max_decisions=None, max_searches=SEARCHES_PER_RUN * games))
        else:
            results.append(time_decisions(ruleset, kind, games=games, max_decisions=None))
    return results


def format_bot_times(results: list[DecisionTimes]) -> str:
    lines = ["Bot decision times (decisions with a real choice, every seat that kind):",
             f"  the bots' and the engine's hot modules run {native.status()}"]
    for r in results:
        lines.append(
            f"  {r.kind:<14} median {1000 * r.median:9.2f} ms   mean {1000 * r.mean:9.2f} ms"
            f"   90th percentile {1000 * r.p90:9.2f} ms   ({len(r.seconds)} decisions)"
        )
    for r in results:
        if r.games:
            per_step = [s / max(1, n) for s, n in zip(r.games, r.game_steps, strict=True)]
            lines.append(
                f"  {r.kind:<14} a whole game: median {_median(r.games):.2f} s, max {max(r.games):.2f} s ({len(r.games)} games;"
                f" median {_median(r.game_steps):g} steps, {1000 * _median(per_step):.2f} ms a step)"
            )
    for r in results:
        if r.worlds:
            lines.append(
                f"  {r.kind:<14} sampled worlds a search: median {_median(r.worlds):g} (min {min(r.worlds)}, max {max(r.worlds)});"
                f" a search: median {1000 * _median(r.searches):.0f} ms, 90th percentile {1000 * _p90(r.searches):.0f} ms"
                f" ({len(r.worlds)} searches)"
            )
    return "\n".join(lines)
