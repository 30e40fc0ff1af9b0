"""Does a search that sees more worlds choose differently? Issue 21's search:hard against search:normal.

    .venv/bin/python tools/search_verdicts.py [--games 3] [--worlds 100 400] [--every 9]

Heuristic long games (seeds 1, 2, …) are played; at every `--every`-th turn start with a choice,
the search's candidate lines (`SearchBot.candidate_lines`) are each played out in the same
sampled worlds, as a search does, and the table gives, for each number of worlds in `--worlds`
(the first n of the same worlds), which line the worlds' mean prefers and by how much over the
planner's own first line, with the paired standard error of that difference. The last column
says whether every world count chose the same line. Without a clock: the counts are exact.

At stop 63 (the defaults: 27 positions, 2 min 41 s): the same line at all 27; where it was
not the planner's (20), it led by 0.10–214 points, over two standard errors at 19 of 20 with 400
worlds (18 with 100), and by more than the search's `SWITCH_MARGIN` (0.25 a world) at 19.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.ai.base import make_bot  # noqa: E402
from game.ai.heuristic import planner_for  # noqa: E402
from game.ai.play import decide, seat_rng  # noqa: E402
from game.ai.search import Judged, SearchBot  # noqa: E402
from game.engine.determinize import sample_world  # noqa: E402
from game.engine.game import Game  # noqa: E402
from game.engine.rng import Rng  # noqa: E402
from game.ruleset import load_ruleset  # noqa: E402
from game.ruleset.model import Ruleset  # noqa: E402


def verdict(values: list[list[float]], n: int) -> tuple[int, float, float]:
    """The line the first `n` worlds prefer, its mean lead over line 0 and that lead's paired SE."""
    means = [statistics.fmean(v[:n]) for v in values]
    best = max(range(len(values)), key=lambda i: (means[i], -i))
    if best == 0:
        return 0, 0.0, 0.0
    lead = [a - b for a, b in zip(values[best][:n], values[0][:n], strict=True)]
    return best, means[best] - means[0], statistics.stdev(lead) / math.sqrt(n)


def turn_starts(rules: Ruleset, seed: int, every: int) -> Iterator[tuple[int, Game]]:
    """Every `every`-th turn start with a choice of a heuristic long game: (its number, the game)."""
    g = Game.new(rules, None, seed, {})
    bots = {f: make_bot("heuristic") for f in g.seats}
    rngs = {f: seat_rng(seed, i) for i, f in enumerate(g.seats)}
    turn = 0
    while g.actor is not None:
        if g.between_actions() and len(g.legal_actions()) > 1:
            turn += 1
            if turn % every == 0:
                yield turn, g
        g.apply(decide(g, bots[g.actor], rngs[g.actor]))


def line_values(g: Game, rng: Rng, worlds: int) -> list[list[float]]:
    """Each candidate line's score in each of `worlds` sampled worlds, the same worlds for all
    lines, as the search plays them (no clock); one row a line."""
    bot, me, actor = SearchBot(math.inf), g.actor_index, g.actor
    assert me is not None and actor is not None
    world = sample_world(g, actor, rng)
    planner = planner_for({}, world.t)
    lines = bot.candidate_lines(planner, world)
    shared = Judged()
    values: list[list[float]] = [[] for _ in lines]
    for _ in range(worlds if len(lines) > 1 else 0):
        sample = sample_world(g, actor, rng)
        for row, (_, line) in zip(values, lines, strict=True):
            v = bot._rollout(planner, sample, me, line, {}, shared)  # noqa: SLF001
            assert v is not None  # no clock
            row.append(v)
    return values


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--games", type=int, default=3)
    p.add_argument("--worlds", type=int, nargs="+", default=[100, 400])
    p.add_argument("--every", type=int, default=9, help="look at every N-th turn start (default 9)")
    args = p.parse_args(argv)
    counts = sorted(args.worlds)
    rules = load_ruleset(None).ruleset
    assert rules is not None
    print("game turn lines " + " ".join(f"{f'best@{n} lead (SE)':>24}" for n in counts) + "  same")
    same = positions = 0
    for seed in range(1, args.games + 1):
        for turn, g in turn_starts(rules, seed, args.every):
            values = line_values(g, Rng(seed * 1000 + turn), counts[-1])
            if len(values) < 2:
                continue
            found = [verdict(values, n) for n in counts]
            agree = len({b for b, _, _ in found}) == 1
            positions += 1
            same += agree
            cells = " ".join(f"{f'{b} {d:+.2f} ({se:.2f})':>24}" for b, d, se in found)
            print(f"{seed:4} {turn:4} {len(values):5} {cells}  {agree}", flush=True)
    print(f"{positions} positions; the same line at every world count in {same}")
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
