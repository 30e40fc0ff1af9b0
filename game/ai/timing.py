"""How long bots take to decide (`python -m game bench --bots`).

Every bot kind plays in every seat and each decision with a real choice (two or more
legal steps) is timed. A bot plans a whole action at its first step and plays the rest
from memory, so medians are low; the mean and the 90th percentile show the planning.
Fast kinds play whole games; a search bot spends about its level's seconds on every
decision, so it is timed over a fixed number of decisions instead.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass

from game.ai.base import BOT_KINDS, make_bot
from game.ai.play import decide, seat_rng
from game.engine.game import Game
from game.ruleset.model import Ruleset


@dataclass(frozen=True)
class DecisionTimes:
    kind: str
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else math.nan

    @property
    def mean(self) -> float:
        return statistics.fmean(self.seconds) if self.seconds else math.nan

    @property
    def p90(self) -> float:
        if not self.seconds:
            return math.nan
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def time_decisions(ruleset: Ruleset, kind: str, games: int, max_decisions: int | None, seed: int = 1) -> DecisionTimes:
    """Seconds per decision of `kind` in every seat, over `games` games or `max_decisions` decisions."""
    out: list[float] = []
    for g_index in range(games):
        game = Game.new(ruleset, None, seed + g_index, {})
        bots = {fid: make_bot(kind) for fid in game.seats}
        rngs = {fid: seat_rng(game.seed, i) for i, fid in enumerate(game.seats)}
        while game.actor is not None:
            actor = game.actor
            choice = len(game.legal_actions()) > 1
            start = time.perf_counter()
            action = decide(game, bots[actor], rngs[actor])
            took = time.perf_counter() - start
            if choice:
                out.append(took)
                if max_decisions is not None and len(out) >= max_decisions:
                    return DecisionTimes(kind, out)
            game.apply(action)
    return DecisionTimes(kind, out)


def bench_bots(ruleset: Ruleset, games: int) -> list[DecisionTimes]:
    """Decision times of every bot kind: fast kinds over `games` games, search over 2 × `games` decisions."""
    results = []
    for kind in BOT_KINDS:
        if kind.startswith("search"):
            results.append(time_decisions(ruleset, kind, games=1000, max_decisions=2 * games))
        else:
            results.append(time_decisions(ruleset, kind, games=games, max_decisions=None))
    return results


def format_bot_times(results: list[DecisionTimes]) -> str:
    lines = ["Bot decision times (decisions with a real choice, every seat that kind):"]
    for r in results:
        lines.append(
            f"  {r.kind:<14} median {1000 * r.median:9.2f} ms   mean {1000 * r.mean:9.2f} ms"
            f"   90th percentile {1000 * r.p90:9.2f} ms   ({len(r.seconds)} decisions)"
        )
    return "\n".join(lines)
