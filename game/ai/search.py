"""The search bot: information-set Monte Carlo search with the heuristic as rollout policy.

The bot cannot see the other hands or the decks, so it never searches the real game.
Each iteration asks the sampler for a world the faction might be in (hidden cards dealt
again, consistent with what it knows — `game.engine.determinize`), then, in that world,
plays each candidate line and lets every faction carry on by the heuristic policy, each
with its own weights: the rivals' turns and then the faction's own next action. A rival
weighs all its cards once per world; after the other candidates it plays the same card
the same way and only places its units afresh (see `_rollout`), which makes a world
about twice as cheap. Where that leaves the game is scored by the evaluation, and the
worlds vote with those scores (pooled over worlds; each world's favourite is counted
too, to break ties).

Candidates are the heuristic planner's lines — one for each step the faction may take
now and, for a card, one for each way of playing it: the planner's best two, then the
same plays aimed at another country (where to fight is what greedy placement judges
least well), then the planner's next best, up to `CANDIDATES`, each a different play (a
line that does what an earlier one does is left out). All candidates are played in the
same sampled worlds, so they are compared on the same luck, and the planner's first
choice stands unless the worlds prefer another by a margin. The search stops at a
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

from game.ai.heuristic import LineMemory, Planner, TurnKey, is_unit_step, planner_for, turn_key
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
        lines = self.candidate_lines(planner, world)
        rp = self._rollout_planner
        if rp is None or rp.t is not world.t:
            rp = self._rollout_planner = Planner(world.t, ROLLOUT_FINALISTS, planner.evaluator)
        best = self._search(rp, world, lines, rng, sampler, deadline) if len(lines) > 1 else 0
        chosen = lines[best][1]
        self._memory.keep(world, chosen)
        return chosen[0]

    def candidate_lines(self, planner: Planner, world: Game) -> list[tuple[float, list[Action]]]:
        """The lines to weigh, each a different play: the planner's best two, the same aimed
        at other countries, then the planner's next best, up to `candidates`."""
        effects: dict[tuple[Action, ...], tuple[object, ...]] = {}
        base = _distinct(world, planner.lines(world), effects)
        top = base[:BEST_LINES]
        return _distinct(world, top + planner.aimed(world, top) + base[BEST_LINES:], effects, self.candidates)

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
            plans: dict[tuple[TurnKey, int], list[Action]] = {}
            values = []
            for _, line in lines:
                if time.perf_counter() >= deadline and self.max_iterations is None:
                    break  # out of time: an unfinished world does not vote (and one world alone never overrules)
                values.append(self._rollout(planner, sample, me, line, plans))
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

    def _rollout(self, planner: Planner, sample: Game, me: int, line: list[Action],
                 plans: dict[tuple[TurnKey, int], list[Action]]) -> float:  # fmt: skip
        """Play `line` in a copy of `sample`, then everyone by the planner — the rivals'
        turns and, if `own_turn`, the faction's own next action too; `me`'s score of where
        that leaves the game.

        A rival plans its turn in full once per world (`plans`, shared by the candidates'
        rollouts): in the other candidates' rollouts it plays the same card the same way
        and only places its units afresh, one step ahead on the board as it finds it.
        Planning a turn weighs every card and mode; placing weighs only spaces — so most
        rollouts cost a fraction of the first, and the search sees more worlds."""
        g = sample.copy()
        turn = turn_key(g)
        _play(g, me, line)
        steps = turns = 0
        own_next = False
        while g.outcome is None and steps < MAX_ROLLOUT_STEPS:
            actor = g.actor_index
            if actor is None:
                break
            if g.between_actions() and turn_key(g) != turn:  # a turn begins
                turn = turn_key(g)
                if own_next or (actor == me and not self.own_turn):
                    break  # the horizon: the faction's next turn, or the one after it
                if actor == me:
                    own_next = True
                else:
                    turns += 1
                    if self.horizon is not None and turns > self.horizon:
                        break
            if actor != me and g.between_actions() and (turn, actor) in plans:
                steps += _replay(planner, g, actor, plans[(turn, actor)])
                continue
            plan = planner.line(g)
            if actor != me and g.between_actions():
                plans[(turn, actor)] = plan
            steps += _play(g, actor, plan)
        return planner.evaluator.scores(g)[me]


def _play(g: Game, actor: int, line: list[Action]) -> int:
    """Play `line` in `g` while it is `actor`'s to play and each step is legal; the steps played."""
    played = 0
    for a in line:
        if g.outcome is not None or g.actor_index != actor or a not in g.legal_actions():
            break
        g.apply(a)
        played += 1
    return played


def _replay(planner: Planner, g: Game, actor: int, plan: list[Action]) -> int:
    """Play `actor`'s turn in `g` as `plan` chose its card, mode and options, placing units
    one step ahead; if the plan no longer fits, plan the rest afresh. The steps played."""
    turn = turn_key(g)
    steps = 0
    rest = list(plan)
    while g.outcome is None and g.actor_index == actor and turn_key(g) == turn:
        legal = g.legal_actions()
        if len(legal) == 1:
            a = legal[0]
        elif is_unit_step(legal):
            a = planner.one_ahead(g, actor, legal)
        else:
            k = next((i for i, b in enumerate(rest) if b in legal), None)
            if k is None:
                return steps + _play(g, actor, planner.line(g))
            a = rest[k]
            del rest[: k + 1]
        g.apply(a)
        steps += 1
    return steps


def _distinct(world: Game, lines: list[tuple[float, list[Action]]], effects: dict[tuple[Action, ...], tuple[object, ...]],
              limit: int | None = None) -> list[tuple[float, list[Action]]]:  # fmt: skip
    """`lines` (the first `limit` of them) without those that do what an earlier one does:
    that leave the board as it leaves it, or that the faction's own evaluation cannot tell
    from it (the same units placed from cards of different domains, where the faction's
    score ignores the domain). Weighing them again would only spend the search's time
    twice on one play. `effects` remembers each line's effect between calls."""
    seen: set[object] = set()
    out: list[tuple[float, list[Action]]] = []
    for value, line in lines:
        if limit is not None and len(out) >= limit:
            break
        effect = effects.get(tuple(line))
        if effect is None:
            effect = effects[tuple(line)] = _effect(world, line)
        if effect not in seen and value not in seen:
            seen.update((effect, value))
            out.append((value, line))
    return out


def _effect(world: Game, line: list[Action]) -> tuple[object, ...]:
    """What playing `line` in `world` changes for everyone to see."""
    g = world.copy()
    if g.actor_index is not None:
        _play(g, g.actor_index, line)
    b = g.board()
    return (tuple(b.infl), tuple(b.tracks), tuple(b.capital), tuple(b.vp), turn_key(g), g.outcome is not None)
