"""The search bot: information-set Monte Carlo search with the heuristic as rollout policy.

The bot cannot see the other hands or the decks, so it never searches the real game.
Each iteration asks the sampler for a world the faction might be in (hidden cards dealt
again, consistent with what it knows — `game.engine.determinize`), then, in that world,
plays each candidate line and lets every faction carry on by the heuristic policy, each
with its own weights: the rivals' turns and then the faction's own next action. Where
that leaves the game is scored by the evaluation, and the worlds vote with those scores
(pooled over worlds; each world's favourite is counted too, to break ties).

Candidates are the heuristic planner's lines — one for each step the faction may take
now and, for a card, one for each way of playing it: the planner's best two, then the
same plays aimed at another country (where to fight is what greedy placement judges
least well), then the planner's next best, up to `CANDIDATES`. All candidates are played
in the same sampled worlds, so they are compared on the same luck, and the planner's
first choice stands unless the worlds prefer another by a margin. The search stops at a
wall-clock deadline (`seconds`, or the driver's budget if smaller); `max_iterations`
caps it too, which makes a run exactly repeatable (tests), since the clock then never
decides. The search is flat — one level of candidates, rollouts below — because each
rollout plays several whole turns of heuristic play and a second of Python affords only
a handful of them.

After choosing, the bot remembers the rest of the chosen line and plays it out step by
step while the position is the one it expected (a placement need not be searched again).
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from game.ai.heuristic import LineMemory, Planner, planner_for, turn_key
from game.engine.actions import Action
from game.engine.rng import Rng

if TYPE_CHECKING:
    from game.ai.base import Sampler, ViewFn
    from game.engine.game import Game

CANDIDATES = 4
"""Lines the search weighs."""
BEST_LINES = 2
"""The planner's best lines among the candidates; the rest aim the best ones at other countries."""
SWITCH_MARGIN = 0.25
"""How much better (in score per world) another line must do to overrule the planner."""
ROLLOUT_FINALISTS = 1
"""In rollouts the planner trusts its quick judgement of unit steps (it is twice as fast)."""
MAX_ROLLOUT_STEPS = 2_000
"""A guard: no rollout plays more steps than this."""


class SearchBot:
    """Samples worlds, plays the planner's best few lines forward in each, and lets them vote."""

    def __init__(self, seconds: float, kind: str = "search", max_iterations: int | None = None,
                 candidates: int | None = None, horizon: int | None = None, own_turn: bool = True) -> None:  # fmt: skip
        self.kind = kind
        self.seconds = seconds
        self.max_iterations = max_iterations
        self.candidates = CANDIDATES if candidates is None else candidates
        self.horizon = horizon
        """Other factions' turns a rollout plays at most (None: all until the faction's next turn)."""
        self.own_turn = own_turn
        """Whether a rollout plays the faction's own next action too."""
        self._cache: dict[str, Planner] = {}
        self._rollout_planner: Planner | None = None
        self._memory = LineMemory()
        self.last_iterations = 0
        """Worlds the last search got through (for tests and benchmarks)."""

    def choose(
        self, view: ViewFn, legal: list[Action], rng: Rng, budget: float, sampler: Sampler | None = None
    ) -> Action:
        if len(legal) == 1:
            return legal[0]
        if sampler is None:
            raise TypeError("the search bot needs a sampler (see game.ai.base.Bot.choose)")
        deadline = time.perf_counter() + min(self.seconds, budget)
        world = sampler(rng)
        step = self._memory.recall(world, legal)
        if step is not None:
            return step
        planner = planner_for(self._cache, world.t)
        base = planner.lines(world)
        lines = base[:BEST_LINES]
        lines += planner.aimed(world, lines)[: max(0, self.candidates - len(lines))]
        lines += base[BEST_LINES:][: max(0, self.candidates - len(lines))]
        rp = self._rollout_planner
        if rp is None or rp.t is not world.t:
            rp = self._rollout_planner = Planner(world.t, ROLLOUT_FINALISTS, planner.evaluator)
        best = self._search(rp, world, lines, rng, sampler, deadline) if len(lines) > 1 else 0
        chosen = lines[best][1]
        self._memory.keep(world, chosen)
        return chosen[0]

    def _search(self, planner: Planner, world: Game, lines: list[tuple[float, list[Action]]], rng: Rng,
                sampler: Sampler, deadline: float) -> int:  # fmt: skip
        """The index of the line the sampled worlds vote for (0, the planner's best, if none finish)."""
        me = world.actor_index
        assert me is not None
        totals = [0.0] * len(lines)
        votes = [0] * len(lines)
        cap = self.max_iterations if self.max_iterations is not None else math.inf
        iterations = 0
        while iterations < cap and time.perf_counter() < deadline:
            sample = sampler(rng)
            values = []
            for _, line in lines:
                if time.perf_counter() >= deadline and self.max_iterations is None:
                    break  # out of time: an unfinished world does not vote (and one world alone never overrules)
                values.append(self._rollout(planner, sample, me, line))
            if len(values) < len(lines):
                break
            iterations += 1
            for i, v in enumerate(values):
                totals[i] += v
            votes[max(range(len(values)), key=lambda i: (values[i], -i))] += 1
        self.last_iterations = iterations
        best = max(range(len(lines)), key=lambda i: (totals[i], votes[i], -i))
        # The planner's own choice stands unless the worlds clearly prefer another line:
        # more than one world, and a better score by a margin in the worlds' pooled vote.
        if iterations < 2 or totals[best] - totals[0] < SWITCH_MARGIN * iterations:
            return 0
        return best

    def _rollout(self, planner: Planner, sample: Game, me: int, line: list[Action]) -> float:
        """Play `line` in a copy of `sample`, then everyone by the planner — the rivals'
        turns and, if `own_turn`, the faction's own next action too; `me`'s score of where
        that leaves the game."""
        g = sample.copy()
        turn = turn_key(g)
        for a in line:
            if g.outcome is not None or g.actor_index != me or a not in g.legal_actions():
                break
            g.apply(a)
        steps = turns = 0
        own_next = False
        while g.outcome is None and steps < MAX_ROLLOUT_STEPS:
            actor = g.actor_index
            if actor is None:
                break
            if not g.stack and turn_key(g) != turn:  # a turn begins
                turn = turn_key(g)
                if own_next or (actor == me and not self.own_turn):
                    break  # the horizon: the faction's next turn, or the one after it
                if actor == me:
                    own_next = True
                else:
                    turns += 1
                    if self.horizon is not None and turns > self.horizon:
                        break
            for a in planner.line(g):
                if g.outcome is not None or g.actor_index != actor or a not in g.legal_actions():
                    break
                g.apply(a)
                steps += 1
        return planner.evaluator.scores(g)[me]
