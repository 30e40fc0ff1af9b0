"""The heuristic bot: looks ahead to the end of its own action and keeps the best line.

Decisions come one small step at a time (a card, then a mode, then each placement), so
judging a single step would be myopic: `play X` changes nothing on the board by itself.
For each legal step the planner plays the rest of the faction's action greedily (each
later step chosen by the evaluation one step ahead) in a sampled world, scores where the
line ends with `Evaluator`, and keeps the best line. The later steps of that line are
remembered, so the next decisions of the same action cost almost nothing unless the
position turned out differently.

The planner is also the search bot's rollout policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ai.evaluate import Evaluator, shared_evaluator
from game.engine.actions import Action
from game.engine.conditions import largest_domain
from game.engine.rng import Rng
from game.engine.tables import N_DOMAINS, bits

if TYPE_CHECKING:
    from game.ai.base import Sampler, ViewFn
    from game.engine.game import Game
    from game.engine.tables import Tables


TurnKey = tuple[int, str, int, int]


FINALISTS = 1
"""Unit steps judged quickly, then the best few played out for real. One: the quick
judgement agreed with three played out in 96% of unit steps (3,074 of 3,193 over two long
games), a bot playing out one won as often as four playing out three (BALANCE.md), and a
placement that follows one judged alike then skips its probe (`_place_as_before`)."""
STEP_MEMORY = 20_000
"""Unit-step choices a planner remembers before it starts afresh."""


def turn_key(g: Game) -> TurnKey:
    """Which action of the game is under way (changes when a turn ends)."""
    return g.turn_key()


def fingerprint(g: Game) -> tuple[object, ...]:
    """The public position a decision is taken in: board, tracks, capital, stack depth."""
    b = g.board()
    return (
        turn_key(g),
        g.actor_index,
        g.decision_depth(),
        tuple(b.infl),
        tuple(b.capital),
        tuple(b.tracks),
        tuple(g.legal_actions()),
    )


def is_unit_step(legal: list[Action]) -> bool:
    """Placing or removing one unit (in a space), or stopping: each shows on the board at once."""
    for a in legal:
        if a.verb == "done" or a.verb == "place":
            continue
        if a.verb in ("choose", "remove") and a.args and not a.args[0].isdigit():
            continue
        return False
    return True


def _changed(before: list[int], after: list[int], width: int) -> list[int]:
    """The indices of the influence table where `after` differs from `before` (rows of
    `width` compared whole first: a step changes one or two of them)."""
    assert len(before) == len(after)
    out: list[int] = []
    for a in range(0, len(before), width):
        b = a + width
        if before[a:b] != after[a:b]:
            out.extend(i for i in range(a, b) if before[i] != after[i])
    return out


def _space_and_faction(t: Tables, a: Action) -> tuple[int, int] | None:
    """The space and faction a removal step names (`remove S F` or `choose S F`)."""
    sid, fid = a.space, a.faction
    if sid in t.space_index and fid in t.faction_index:
        return t.space_index[sid], t.faction_index[fid]
    return None


class Planner:
    """Chooses steps for whichever faction acts in a game, by the faction's own weights."""

    def __init__(self, t: Tables, finalists: int | None = None) -> None:
        self.t = t
        self.evaluator: Evaluator = shared_evaluator(t)
        """This thread's evaluator of `t`, shared with every other planner of the game."""
        self.finalists = FINALISTS if finalists is None else finalists
        self._steps: dict[tuple[object, ...], Action] = {}
        self._pattern: tuple[Game, str, int] | None = None
        """The game after the last unit placed by a rule `_unit_changes` read (the verb of the
        placements and the influence-table column, a faction in a domain, each adds a unit
        in), and that rule: the next unit placed from that game is placed alike
        (`_place_as_before`)."""
        self._played: tuple[Game, Action, Game] | None = None
        """The position `one_ahead` last judged, the step it chose and the game after that
        step, which it played to judge it (`_best` plays on from there, not again)."""

    def line(self, g: Game) -> list[Action]:
        """The best line of steps for the acting faction to the end of its action."""
        me = g.actor_index
        assert me is not None
        return self._best(g, me, turn_key(g))[1]

    def line_from(self, g: Game, first: Action) -> tuple[float, list[Action]]:
        """The best line for the acting faction that begins with `first` (a legal step),
        to the end of its action, and its value (`g` is left untouched)."""
        me = g.actor_index
        assert me is not None
        key = turn_key(g)
        w = g.copy()
        w.apply(first)
        value, rest = self._finish(w, me, key)
        return value, [first, *rest]

    def lines(self, g: Game) -> list[tuple[float, list[Action]]]:
        """Candidate lines for the acting faction, best first: one for each legal step, and
        for a card one for each way of playing it (the search bot weighs these)."""
        me = g.actor_index
        assert me is not None
        key = turn_key(g)
        out: list[tuple[float, list[Action]]] = []
        legal = g.legal_actions()
        if is_unit_step(legal) or self._discard(g, me, legal) is not None:
            return [self._best(g, me, key)]
        for a in legal:
            w = g.copy()
            w.apply(a)
            if w.outcome is None and w.actor_index == me and turn_key(w) == key:
                nxt = w.legal_actions()
                if len(nxt) > 1 and not is_unit_step(nxt):
                    for b in nxt:
                        x = w.copy()
                        x.apply(b)
                        value, rest = self._finish(x, me, key)
                        out.append((value, [a, b, *rest]))
                    continue
            value, rest = self._finish(w, me, key)
            out.append((value, [a, *rest]))
        out.sort(key=lambda vl: -vl[0])
        return out

    def aimed(self, g: Game, lines: list[tuple[float, list[Action]]]) -> list[tuple[float, list[Action]]]:
        """For each of `lines` that places or removes units: the same play aimed at each
        country in turn (where to fight is what greedy steps judge least well), best first,
        leaving out lines already given."""
        me = g.actor_index
        assert me is not None
        key = turn_key(g)
        seen = {tuple(line) for _, line in lines}
        extra: list[tuple[float, list[Action]]] = []
        for _, line in lines:
            w = g.copy()
            prefix: list[Action] = []
            for a in line:
                if w.outcome is not None or w.actor_index != me or is_unit_step(w.legal_actions()):
                    break
                w.apply(a)
                prefix.append(a)
            if w.outcome is not None or w.actor_index != me or turn_key(w) != key:
                continue
            legal = w.legal_actions()
            masks = {self.t.country_spaces[self.t.space_country[s]] for a in legal for s in bits(self._space_of(a))}
            for mask in sorted(masks):
                value, rest = self._finish(w, me, key, mask)
                variant = (*prefix, *rest)
                if variant not in seen:
                    seen.add(variant)
                    extra.append((value, list(variant)))
        return sorted(extra, key=lambda vl: -vl[0])

    def _best(self, g: Game, me: int, key: TurnKey, focus: int = 0) -> tuple[float, list[Action]]:
        """The best line from `g` (left untouched) to the end of the action, and its value.

        Branching steps (a card, a mode, an option, a yes or no) are each followed to the
        end of the action; placing and removing units, where each step shows on the board
        at once, are chosen one step ahead.
        """
        legal = g.legal_actions()
        if len(legal) == 1 or is_unit_step(legal):
            if focus and len(legal) > 1:
                legal = [a for a in legal if self._space_of(a) & focus] or legal
            self._played = None
            a = legal[0] if len(legal) == 1 else self.one_ahead(g, me, legal, focus)
            played = self._take_played()
            if played is not None and played[0] is g and played[1] == a:
                w = played[2]
            else:
                w = g.copy()
                w.apply(a)
                if self._pattern is not None and self._pattern[0] is g:  # a step between placements
                    self._pattern = (w, *self._pattern[1:])
            value, rest = self._finish(w, me, key, focus)
            return value, [a, *rest]
        special = self._discard(g, me, legal)
        if special is not None:
            w = g.copy()
            w.apply(special)
            return self.evaluator.scores(w)[me], [special]
        best_value = float("-inf")
        best_line: list[Action] = [legal[0]]
        for a in legal:
            w = g.copy()
            w.apply(a)
            value, rest = self._finish(w, me, key, focus)
            if value > best_value:
                best_value, best_line = value, [a, *rest]
        return best_value, best_line

    def _take_played(self) -> tuple[Game, Action, Game] | None:
        """The position `one_ahead` last judged, its step and the game after it, forgotten as
        they are read. (A method, not `a, b = b, None`: compiled, the attribute's type would
        be narrowed to None by the assignment above the call.)"""
        played = self._played
        self._played = None
        return played

    def _finish(self, w: Game, me: int, key: TurnKey, focus: int = 0) -> tuple[float, list[Action]]:
        """The value of `w` once the faction's action is over, and the steps to get there
        (unit steps kept to the spaces of `focus`, a mask, while it allows any)."""
        if w.outcome is None and w.actor_index not in (None, me) and turn_key(w) == key:
            # A partner answers within this action (a joint card's offer): judge the card by
            # the answer the partner would give, not by the position before it answers —
            # otherwise every joint event looked worth nothing and none was ever chosen.
            x = w.copy()
            x.apply(self._reply(x))
            return self._finish(x, me, key, focus)[0], []
        if w.outcome is not None or w.actor_index != me or turn_key(w) != key:
            return self.evaluator.scores(w)[me], []
        return self._best(w, me, key, focus)

    def _reply(self, w: Game) -> Action:
        """The step the faction now acting in `w` takes, judged as its own bot judges it: the
        position right after each legal step (a partner's yes or no)."""
        actor = w.actor_index
        assert actor is not None
        legal = w.legal_actions()
        values = []
        for a in legal:
            x = w.copy()
            x.apply(a)
            values.append(self.evaluator.scores(x)[actor])
        return legal[values.index(max(values))]

    def _space_of(self, a: Action) -> int:
        """The bit of the space a unit step acts in (0 for none)."""
        if not a.args:
            return 0
        s = self.t.space_index.get(a.space or "")
        return 0 if s is None else 1 << s

    def one_ahead(self, g: Game, me: int, legal: list[Action], focus: int = 0) -> Action:
        """The step whose position right after scores best.

        When each step adds or removes one unit in a space, every candidate is first judged
        without playing it (on a copy of the influence table); the best few are then played
        out for real, so costs and side effects decide between them. Positions repeat
        (two cards of a domain place alike), so choices are remembered.
        """
        key = (fingerprint(g), g.decision_key()[1], focus)
        hit = self._steps.get(key)
        if hit is not None:
            return hit
        choice = self._one_ahead_now(g, me, legal)
        if len(self._steps) > STEP_MEMORY:
            self._steps.clear()
        self._steps[key] = choice
        return choice

    def _one_ahead_now(self, g: Game, me: int, legal: list[Action]) -> Action:
        played: dict[Action, Game] = {}
        if self.finalists == 1 and len(legal) > 1:
            step = self._place_as_before(g, me, legal, played)
            if step is not None:
                return step
        candidates = legal
        rule = None
        found = self._unit_changes(g, legal, played) if len(legal) > self.finalists else None
        if found is not None:
            unit, side_effects, rule = found
            quick = self.evaluator.unit_scores(g, me, [unit.get(a) for a in legal])
            ranked = sorted(range(len(legal)), key=lambda i: -quick[i])
            candidates = [legal[i] for i in ranked[: self.finalists]]
            if side_effects:  # the steps move a track too: weigh stopping for real as well
                candidates += [a for a in legal if a not in unit and a not in candidates]
            if len(candidates) == 1:  # played here, as `_best` plays on from it anyway
                x = played.get(candidates[0])
                if x is None:
                    x = g.copy()
                    x.apply(candidates[0])
                self._chose(g, candidates[0], x, rule)
                return candidates[0]
        best_value = float("-inf")
        choice = candidates[0]
        for a in candidates:
            x = played.get(a)
            if x is None:
                x = played[a] = g.copy()
                x.apply(a)
            v = self.evaluator.scores(x)[me]
            if v > best_value:
                best_value, choice = v, a
        self._chose(g, choice, played[choice], rule)
        return choice

    def _chose(self, g: Game, step: Action, after: Game, rule: tuple[str, int] | None) -> None:
        """Keep the game after the step chosen (`_best` plays on from it), and if the step
        placed a unit by `rule` (`_unit_changes`), that rule for the next step."""
        self._played = (g, step, after)
        self._pattern = (after, *rule) if rule is not None and step.verb == rule[0] else None

    def _place_as_before(self, g: Game, me: int, legal: list[Action], played: dict[Action, Game]) -> Action | None:
        """The next unit of a placement whose last unit was just chosen, without a probe:
        ranked by the last unit's rule (the same faction's column in the same domain),
        played, and kept if it did just that; None (the step played kept in `played`)
        if there is no such rule or the step chosen by it did something else."""
        if self._pattern is None or self._pattern[0] is not g:
            return None
        _g, verb, rest = self._pattern
        self._pattern = None
        guess = self._placements(legal, verb, rest)
        if not guess:
            return None
        quick = self.evaluator.unit_scores(g, me, [guess.get(a) for a in legal])
        choice = legal[quick.index(max(quick))]
        x = played[choice] = g.copy()
        x.apply(choice)
        if choice not in guess or self._placed(g, x, choice) != guess[choice][0]:
            return None
        self._chose(g, choice, x, (verb, rest))
        return choice

    def _unit_changes(self, g: Game, legal: list[Action], played: dict[Action, Game]
                      ) -> tuple[dict[Action, tuple[int, int]], bool, tuple[str, int] | None] | None:  # fmt: skip
        """For steps that each add or remove one unit in a space: the influence-table index
        each one changes and by how much, whether they move a track as well, and for
        placements their rule (the verb, and the column each adds a unit in). Found by
        playing one of them (kept in `played`, a step played already if there is one) and
        seeing what changed; None if the steps do more than that."""
        t = self.t
        probe = next((a for a in [*played, *legal] if a.space in t.space_index), None)
        if probe is None:
            return None
        x = played.get(probe)
        if x is None:
            x = played[probe] = g.copy()
            x.apply(probe)
        before, after = g.board(), x.board()
        if after.vp != before.vp or x.outcome is not None:
            return None
        changed = _changed(before.infl, after.infl, self.t.n_factions * N_DOMAINS)
        if len(changed) != 1:
            return None
        k = changed[0]
        delta = after.infl[k] - before.infl[k]
        width = t.n_factions * N_DOMAINS
        s, rest = divmod(k, width)
        f, d = divmod(rest, N_DOMAINS)
        if delta == 1 and after.tracks == before.tracks and probe.args == (t.spaces[s].id,):
            return self._placements(legal, probe.verb, rest), False, (probe.verb, rest)
        out: dict[Action, tuple[int, int]] = {}
        if delta != -1:
            return None
        by_largest = largest_domain(g, s, f) == d
        for a in legal:  # removing: a named faction's unit, from its largest domain or a set one
            target = _space_and_faction(t, a)
            if target is None:
                continue
            s2, f2 = target
            d2 = largest_domain(g, s2, f2) if by_largest else d
            if d2 is not None:
                out[a] = ((s2 * t.n_factions + f2) * N_DOMAINS + d2, -1)
        if probe not in out or out[probe][0] != k:
            return None
        return out, after.tracks != before.tracks, None

    def _placements(self, legal: list[Action], verb: str, rest: int) -> dict[Action, tuple[int, int]]:
        """Placing: each step of `verb` naming one space adds a unit at the influence-table
        index of that space's row plus `rest` (one faction's column in one domain)."""
        t = self.t
        width = t.n_factions * N_DOMAINS
        return {a: (t.space_index[a.args[0]] * width + rest, 1)
                for a in legal if a.verb == verb and len(a.args) == 1 and a.args[0] in t.space_index}  # fmt: skip

    def _placed(self, g: Game, x: Game, step: Action) -> int | None:
        """The influence-table index `step` (played from `g` to `x`) added one unit at, if
        that is all it did to the board; None otherwise."""
        before, after = g.board(), x.board()
        if x.outcome is not None or after.vp != before.vp or after.tracks != before.tracks:
            return None
        changed = _changed(before.infl, after.infl, self.t.n_factions * N_DOMAINS)
        if len(changed) != 1 or after.infl[changed[0]] - before.infl[changed[0]] != 1:
            return None
        return changed[0]

    def _discard(self, g: Game, me: int, legal: list[Action]) -> Action | None:
        """Discarding down to hand size: let go of the card that does least per capital."""
        if legal[0].verb != "discard":
            return None
        t = self.t

        def worth(a: Action) -> float:
            card = t.cards[t.card_index[a.args[0]]]
            return card.ops + (1.0 if card.event else 0.0) - 0.5 * card.cost

        return min(legal, key=worth)


class LineMemory:
    """A bot's memory of the rest of the line it chose, and the position it expects next."""

    def __init__(self) -> None:
        self._plan: tuple[tuple[object, ...], list[Action]] | None = None

    def recall(self, world: Game, legal: list[Action]) -> Action | None:
        """The next step of the remembered line, if the position is the one expected."""
        if self._plan is None:
            return None
        expected, rest = self._plan
        self._plan = None
        if rest and rest[0] in legal and expected == fingerprint(world):
            self.keep(world, rest)
            return rest[0]
        return None

    def keep(self, world: Game, steps: list[Action]) -> None:
        """Remember `steps[1:]`, to be played if `steps[0]` leads where it should."""
        if len(steps) < 2:
            return
        w = world.copy()
        w.apply(steps[0])
        if w.outcome is None and w.actor_index == world.actor_index:
            self._plan = (fingerprint(w), steps[1:])


def planner_for(cache: dict[str, Planner], t: Tables) -> Planner:
    """The planner of a game's tables, made once (its evaluator caches positions)."""
    p = cache.get("planner")
    if p is None or p.t is not t:
        p = cache["planner"] = Planner(t)
    return p


class HeuristicBot:
    """Fast and rules-aware: the best line to the end of its own action, by its weights."""

    kind = "heuristic"

    def __init__(self) -> None:
        self._cache: dict[str, Planner] = {}
        self._memory = LineMemory()

    def choose(
        self, view: ViewFn, legal: list[Action], rng: Rng, budget: float, sampler: Sampler | None = None
    ) -> Action:
        if len(legal) == 1:
            return legal[0]
        if sampler is None:
            raise TypeError("the heuristic bot needs a sampler (see game.ai.base.Bot.choose)")
        world = sampler(rng)
        step = self._memory.recall(world, legal)
        if step is not None:
            return step
        steps = planner_for(self._cache, world.t).line(world)
        self._memory.keep(world, steps)
        return steps[0]
