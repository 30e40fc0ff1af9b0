"""The search bot: information-set Monte Carlo search with the heuristic as rollout policy.

The bot cannot see the other hands or the decks, so it never searches the real game.
Each iteration asks the sampler for a world the faction might be in (hidden cards dealt
again, consistent with what it knows — `game.engine.determinize`), then, in that world,
plays each candidate line and lets every faction carry on by the heuristic policy, each
with its own weights, through the rivals' turns until the faction's own next action. Where
that leaves the game is scored by the evaluation, and the worlds vote with those scores
(pooled over worlds; each world's favourite is counted too, to break ties).

The rollout stops before the faction's own next action (`own_turn`), not after it: that
action is the one the shared judgement below plays worst (on stop 53's positions it chose a
first step other than a fresh judgement's at 43% of them, against 16–35% for the rivals'),
and the evaluation's projection of what the faction can still do stands in for it. Measured
in games (BALANCE.md, stop 54), that won more than playing it — except for a faction with a
once-a-round ability (`special_action`, Kazakhstan's in the base game), which the evaluation
does not project: its rollouts still play its own next action.

The heuristic judges a turn by playing every card it holds, every way, to the end of the
action — a few milliseconds a card, a few tens a turn: planned afresh in every world a
second saw 3–7 worlds. So the rollouts judge once and share (`share_turns`, the
default; `Judged`): at the start of a turn, each first step a faction may take (a card,
diplomacy, pass) is judged with its line the first time the decision's rollouts meet it
at that turn, in whichever world and candidate, and in every later world the faction
plays the best of the steps its hand there allows: that card, mode and options as
planned, and each unit placed or removed one step ahead on the board as it finds it
(`_replay`), so a rival answers what each candidate did to the board; a decision within
an action (an intervention, the rest of a turn that broke off) is planned once the same
way. The evaluation reads only the public board, so a card judged in one world is judged
alike in the next at the same board; what is lost is that a rival's choice of card is
judged on the board of the candidate where it was first met, not re-judged on each. A
world then costs the engine a few dozen steps and the planner a few unit steps; on the
rules that ship a second sees a median of 8 at the start of a game (`python -m game bench
--bots`; README has the numbers), where the first worlds pay for judging every rival's
cards, and about 11 in mid-game, where placing the rivals' units one step ahead takes 70% of
a world (BALANCE.md, stop 51). Played as first planned, on another board, the
rivals' units let a second see three times the worlds, but rivals that never answer a move
make a bold one look safe: in 400 long games against four heuristics that search won 105,
this one 136, the heuristic in its chairs 80 (`rules/base/BALANCE.md`). Without
`share_turns` a faction plans its turn in full once per world and, in the other
candidates' rollouts, plays the same card the same way placing its units afresh.

Candidates are the heuristic planner's lines — one for each step the faction may take
now and, for a card, one for each way of playing it: the planner's best two, then the
same plays aimed at another country (where to fight is what greedy placement judges
least well), then the planner's next best, up to `CANDIDATES`, each a different play (a
line that does what an earlier one does is left out). All candidates are played in the
same sampled worlds, so they are compared on the same luck, and the planner's first
choice stands unless the worlds prefer another by a margin. The search stops at a
wall-clock deadline (`seconds`, or the driver's budget if smaller, less `FINISHING`):
a world it cannot finish does not vote, and with no time left after the candidates it
takes the planner's first choice. `max_iterations` caps it too, which makes a run
exactly repeatable (tests), since the clock then never decides. The search is flat —
one level of candidates, rollouts below.

After choosing, the bot remembers the rest of the chosen line and plays it out step by
step while the position is the one it expected (a placement need not be searched again).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from game.ai.heuristic import LineMemory, Planner, TurnKey, is_unit_step, planner_for, turn_key
from game.engine.actions import Action
from game.engine.rng import Rng

if TYPE_CHECKING:
    from game.ai.base import Sampler, ViewFn
    from game.engine.game import Game

T = TypeVar("T")

CANDIDATES = 4
"""Lines the search weighs."""
BEST_LINES = 2
"""The planner's best lines among the candidates; the rest aim the best ones at other countries."""
SWITCH_MARGIN = 0.25
"""How much better (in score per world) another line must do to overrule the planner."""
FINISHING = 0.02
"""Seconds before its time is up that the search starts nothing new: the step under way
(judging a card, planning a turn that broke off) and the choice still have to finish."""
MAX_ROLLOUT_STEPS = 2_000
"""A guard: no rollout plays more steps than this."""


@dataclass
class Judged:
    """What one decision's rollouts judged once and share across its worlds and candidates
    (with `SearchBot.share_turns`)."""

    turns: dict[tuple[TurnKey, int], dict[Action, tuple[float, list[Action]]]] = field(default_factory=dict)
    """At the start of a faction's turn: each first step's value and line (`_shared_turn`)."""
    lines: dict[tuple[object, ...], list[Action]] = field(default_factory=dict)
    """Within an action (the rest of a turn, an intervention, a discard): the planner's line
    from the first position the decision was met in (`_shared_line`)."""
    slowest: float = 0.0
    """The longest a single judgement (a first step's line, a line within an action) has
    taken: none is begun with less time than that left, so the deadline holds (search:easy
    took 213 ms at the 90th percentile of its 0.2 s, caught judging a rival's card)."""

    def no_time_for_more(self, stop: float) -> bool:
        return time.perf_counter() + self.slowest >= stop

    def judge(self, work: Callable[..., T], *args: object) -> T:
        """`work(*args)`, timed into `slowest`."""
        start = time.perf_counter()
        result = work(*args)
        self.slowest = max(self.slowest, time.perf_counter() - start)
        return result


class SearchBot:
    """Samples worlds, plays the planner's best few lines forward in each, and lets them vote."""

    clocked = True
    """It thinks until a wall-clock deadline: `decide` leaves Python's cycle collector on for
    it, walking only what the decision makes (`play.collector_on_what_is_new`), as a
    collection put off to the end would overrun the deadline (search:easy's 90th percentile
    222 ms of 200, stop 60)."""

    def __init__(self, seconds: float, kind: str = "search", max_iterations: int | None = None,
                 candidates: int | None = None, horizon: int | None = None, own_turn: bool = False,
                 share_turns: bool = True) -> None:  # fmt: skip
        self.kind = kind
        self.seconds = seconds
        self.max_iterations = max_iterations
        self.candidates = CANDIDATES if candidates is None else candidates
        self.horizon = horizon
        """Other factions' turns a rollout plays at most (None: all until the faction's next turn)."""
        self.own_turn = own_turn
        """Whether a rollout plays the faction's own next action too (before stop 54 it did)."""
        self.share_turns = share_turns
        """Whether the turns played in rollouts are judged once per decision and shared by
        every world and candidate (`_shared_turn`), or planned afresh in each world
        (`_replay`: about 20 times dearer a world, so a second sees 5–7 worlds, not 50+)."""
        self._cache: dict[str, Planner] = {}
        self._memory = LineMemory()
        self._judging = 0.0
        """The longest single judgement of the last search (`Judged.slowest`): the next
        search starts from it, as its own first judgement has nothing to go by (begun just
        before the deadline, it took search:easy to 222 ms of its 0.2 s)."""
        self.last_iterations: int | None = None
        """Worlds the last decision's search got through (None: the last decision was not
        searched — one legal step, or the rest of a line played from memory); for tests
        and benchmarks."""

    def choose(
        self, view: ViewFn, legal: list[Action], rng: Rng, budget: float, sampler: Sampler | None = None
    ) -> Action:
        self.last_iterations = None
        if len(legal) == 1:
            return legal[0]
        if sampler is None:
            raise TypeError("the search bot needs a sampler (see game.ai.base.Bot.choose)")
        deadline = time.perf_counter() + min(self.seconds, budget) - FINISHING
        world = sampler(rng)
        step = self._memory.recall(world, legal)
        if step is not None:
            return step
        planner = planner_for(self._cache, world.t)
        lines = self.candidate_lines(planner, world, deadline if self.max_iterations is None else math.inf)
        best = self._search(planner, world, lines, rng, sampler, deadline) if len(lines) > 1 else 0
        chosen = lines[best][1]
        self._memory.keep(world, chosen)
        return chosen[0]

    def candidate_lines(self, planner: Planner, world: Game, stop: float = math.inf) -> list[tuple[float, list[Action]]]:
        """The lines to weigh, each a different play: the planner's best two, the same aimed
        at other countries, then the planner's next best, up to `candidates`.

        Only the planner's best if less time is left before `stop` than weighing them took:
        the first world judges every faction's cards, which takes longer, so no world could
        finish (a short budget, a slow machine)."""
        effects: dict[tuple[Action, ...], tuple[object, ...]] = {}
        start = time.perf_counter()
        lines = planner.lines(world)
        now = time.perf_counter()
        if stop - now < now - start:
            return lines[:1]
        base = _distinct(world, lines, effects)
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
        shared = Judged(slowest=self._judging)
        # Out of time, a world stops where it is: an unfinished world does not vote (and one
        # world alone never overrules). With `max_iterations` the clock never decides.
        stop = deadline if self.max_iterations is None else math.inf
        while iterations < cap and time.perf_counter() < stop:
            sample = sampler(rng)
            plans: dict[tuple[TurnKey, int], list[Action]] = {}
            values = []
            for _, line in lines:
                value = self._rollout(planner, sample, me, line, plans, shared, stop)
                if value is None:
                    break
                values.append(value)
            if len(values) < len(lines):
                break
            iterations += 1
            for i, v in enumerate(values):
                totals[i] += v
            votes[max(range(len(values)), key=lambda i: (values[i], -i))] += 1
        self.last_iterations = iterations
        self._judging = shared.slowest
        best = max(range(len(lines)), key=lambda i: (totals[i], votes[i], -i))
        # The planner's own choice stands unless the worlds clearly prefer another line:
        # more than one world, and a better score by a margin in the worlds' pooled vote.
        if iterations < 2 or totals[best] - totals[0] < SWITCH_MARGIN * iterations:
            return 0
        return best

    def _rollout(self, planner: Planner, sample: Game, me: int, line: list[Action],
                 plans: dict[tuple[TurnKey, int], list[Action]],
                 shared: Judged, stop: float = math.inf) -> float | None:  # fmt: skip
        """Play `line` in a copy of `sample`, then everyone by the planner — the rivals'
        turns and, if `own_turn` or the faction has a once-a-round ability, the faction's own
        next action too; `me`'s score of where that leaves the game.

        With `share_turns`, a turn is played as `_shared_turn` judges it, once per decision
        for each first step, and any other decision as `_shared_line` plans it (`shared`).
        Without, a faction plans its turn in full once per
        world (`plans`, shared by the candidates' rollouts): in the other candidates'
        rollouts it plays the same card the same way and only places its units afresh, one
        step ahead on the board as it finds it. None if the clock passed `stop` first."""
        g = sample.copy()
        turn = turn_key(g)
        _play(g, me, line)
        steps = turns = 0
        own_next = False
        stop_before_own = not self.own_turn and not _has_once_a_round_ability(g, me)
        while g.outcome is None and steps < MAX_ROLLOUT_STEPS:
            actor = g.actor_index
            if actor is None:
                break
            if time.perf_counter() >= stop:
                return None
            if g.between_actions() and turn_key(g) != turn:  # a turn begins
                turn = turn_key(g)
                if own_next or (actor == me and stop_before_own):
                    break  # the horizon: the faction's next turn, or the one after it
                if actor == me:
                    own_next = True
                else:
                    turns += 1
                    if self.horizon is not None and turns > self.horizon:
                        break
            if self.share_turns:
                if g.between_actions():
                    played = _shared_turn(planner, g, actor, shared, shared.turns.setdefault((turn, actor), {}), stop)
                else:
                    played = _shared_line(planner, g, actor, shared, (turn, actor, g.decision_key()), stop)
                if played is None:
                    return None
                steps += played
                continue
            if g.between_actions() and (turn, actor) in plans:
                steps += _replay(planner, g, actor, plans[(turn, actor)])
                continue
            plan = planner.line(g)
            if g.between_actions():
                plans[(turn, actor)] = plan
            steps += _play(g, actor, plan)
        return planner.evaluator.scores(g)[me]


def _has_once_a_round_ability(g: Game, me: int) -> bool:
    """Whether faction `me` has a once-a-round ability (`special_action`). The evaluation does
    not project what one will do, so its rollouts play its own next action, where it may use it."""
    return any(m.owner == me for m in g.mods("special_action", me))


def _play(g: Game, actor: int, line: list[Action]) -> int:
    """Play `line` in `g` while it is `actor`'s to play and each step is legal; the steps played."""
    played = 0
    for a in line:
        if g.outcome is not None or g.actor_index != actor or a not in g.legal_actions():
            break
        g.apply(a)
        played += 1
    return played


def _shared_turn(planner: Planner, g: Game, actor: int, shared: Judged,
                 options: dict[Action, tuple[float, list[Action]]], stop: float = math.inf) -> int | None:  # fmt: skip
    """Play `actor`'s turn in `g` by the best of its first steps, each judged with its line
    to the end of the turn (the planner's) the first time this decision's rollouts met it
    at this turn — in whichever world and candidate that was — and kept in `options`. The
    faction's cards differ between worlds, so its choice does; that card is then played as
    its line planned it (mode, options), each unit placed one step ahead on the board as it
    stands (`_replay`; the rollout plans the rest of a turn whose line no longer fits).
    Judging a card costs the planner a few milliseconds; playing a judged line costs the
    engine a few steps and the planner a quick ranking a unit: after the first worlds, a
    world costs a small part of one planned afresh, which is what lets a second see tens.

    What is lost: a rival's choice of card for each candidate is judged on the board where
    it was first met (the evaluation is public, so in another world at the same board it
    judges alike), not re-judged on every candidate's board; where its units go is. The
    steps played (None: too little time was left before `stop` to judge the turn, by
    `shared.slowest`)."""
    legal = g.legal_actions()
    best_value = -math.inf
    best: list[Action] = legal[:1]
    for a in legal:
        known = options.get(a)
        if known is None:
            if shared.no_time_for_more(stop):
                return None
            known = options[a] = shared.judge(planner.line_from, g, a)
        if known[0] > best_value:
            best_value, best = known
    return _replay(planner, g, actor, best, replan=False)


def _shared_line(planner: Planner, g: Game, actor: int, shared: Judged, key: tuple[object, ...],
                 stop: float = math.inf) -> int | None:  # fmt: skip
    """Play on from a decision within an action by the planner's line from the first
    position this decision (`key`: the turn, the faction, the frame under way) was met in,
    kept in `shared.lines` — or by a line planned here, if that one's first step is not
    legal here. The steps played (at least one; None: too little time left to plan)."""
    line = shared.lines.get(key)
    if line is None or line[0] not in g.legal_actions():
        if shared.no_time_for_more(stop):
            return None
        line = shared.lines[key] = shared.judge(planner.line, g)
    return _play(g, actor, line)


def _replay(planner: Planner, g: Game, actor: int, plan: list[Action], replan: bool = True) -> int:
    """Play `actor`'s turn in `g` as `plan` chose its card, mode and options, placing units
    one step ahead; if the plan no longer fits, plan the rest afresh (or, without `replan`,
    stop there: the rollout plans it, minding its clock). The steps played."""
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
                return steps + (_play(g, actor, planner.line(g)) if replan else 0)
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
