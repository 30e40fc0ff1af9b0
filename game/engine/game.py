"""The game: the round of DESIGN §3, and the `legal_actions()` / `apply()` interface.

Decisions are taken one small step at a time. Work in progress — a card being played,
an event's effects, a choice an effect asks for — sits on a stack of small immutable
frames (`frames.py`), so the whole state (`state.py`) copies cheaply for search and a
game replays exactly from its seed and action log (for saves, undo and golden tests).

    >>> from game.ruleset import load_ruleset
    >>> g = Game.new(load_ruleset().ruleset, seed=7)
    >>> g.round, g.phase, g.actor is not None
    (1, 'actions', True)
    >>> g.apply(g.legal_actions()[-1])  # the last choice of a turn is always `pass`
    >>> g.steps[0].actor == g.log[-1].faction
    True

Everything downstream (the window, the bots, the report) reads a game through the public
names of `Game` — the read API below `# ----- the interface` — and never through a field
of `GameState` or a name that starts with an underscore (`tests/test_engine_api.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, cast

from game.engine import effects as fx
from game.engine import scoring, tension
from game.engine.actions import Action, cached_action
from game.engine.conditions import condition_holds, space_mask
from game.engine.context import Ctx
from game.engine.frames import WHOLE_ACTIONS, ChooseMode, DecisionFrame, Diplomacy, Discard, Effects, EndTurn
from game.engine.messages import ENGLISH, N_, LogEntry, Message, Translator, entry_text, say, say_list
from game.engine.rng import Rng
from game.engine.state import GameState, RoundSnapshot, StepInfo, copy_state, state_digest
from game.engine.tables import DOMAIN_INDEX, N_DOMAINS, Modifier, Tables, bits
from game.engine.view import View, make_view

if TYPE_CHECKING:
    from game.engine.explain import Terms
from game.ruleset.model import DOMAINS, Faction, Ruleset, Scenario, Settings

NO_CAP = 1 << 30

# Phases of a round, in order.
PHASES = EVENT, INCOME, DRAW, ACTIONS, TENSION, SUMMIT, CLEANUP, EXPIRE, ROUND_END, OVER = (
    "event", "income", "draw", "actions", "tension", "summit", "cleanup", "expire", "round_end", "over",
)  # fmt: skip


class IllegalAction(ValueError):
    """Raised by `apply()` for an action that is not in `legal_actions()`."""


@dataclass
class BoardNumbers:
    """The numbers a position is judged by, as the engine holds them (for the bots'
    evaluator, which reads them in its inner loop). Read only: never change them. (A
    dataclass, not a NamedTuple: compiled, it is built by a C call, where a NamedTuple's
    `__new__` runs as Python — the bots ask for it a few thousand times a game.)"""

    infl: list[int]
    """Influence, indexed [(space * n_factions + faction) * 3 + domain]."""
    capital: list[int]
    vp: list[int]
    tracks: list[int]
    lead_weight: list[int]
    """What a unit counts for leadership, indexed like `infl` (abilities may double it)."""
    lead_bonus: list[int] | None
    """What a faction adds to its leadership total where it holds any of a domain, indexed like
    `infl` (a `leadership` modifier's `bonus`); None when no modifier gives one."""
    stab_base: list[int]
    """Each space's stability before the tracks that raise it."""
    stab_tracks: list[list[int]]
    """Per space, the tracks whose level adds to its stability."""


class Decision(NamedTuple):
    """Whose decision it is, and of what kind."""

    actor: str
    kind: str
    """`turn` (choose an action) or the decision under way: `choose_mode`, `operations`,
    `removals`, `diplomacy`, `add_units`, `remove_units`, `move_units`, `choose_option`,
    `consent`, `intervention` or `discard`."""
    prompt: str
    begins_action: bool
    """The choice begins a whole action (a turn, an intervention, a discard)."""


_act = cached_action
_new = tuple.__new__
"""Builds a named tuple from all its fields at C speed (its own `__new__` is Python code:
a few tenths of a microsecond, on records the engine writes several times a step)."""


DONE = Action("done")
PASS = Action("pass")
DIPLOMACY = Action("diplomacy")
OPS = Action("ops")
REMOVE = Action("remove")
EVENT_MODE = Action("event")
YES, NO = Action("yes"), Action("no")
INTERVENE, DECLINE = Action("intervene"), Action("decline")


REBUILT_HOOKS = frozenset({"influence_cap", "leadership", "stability", "reach"})
"""Hooks whose modifiers `rebuild_modifiers` works out into tables (caps, leadership weights,
stability, reach), not read where they are used as the others are."""
MAX_EFFECT_STEPS = 200_000
"""The most effect steps one decision may set off. Rules that pass `validate` stay far
below it (see `game.ruleset.terms.EFFECT_BUDGET`); it stops a runaway step all the same."""


def _lead_kind_acts(m: Modifier, kind: str) -> bool:
    """Whether a `leadership` modifier weighs a domain (`weight` above 1) or adds a bonus
    (`bonus` above 0), as `kind` asks."""
    return int(m.spec.get(kind, 0)) > (1 if kind == "weight" else 0)


class EffectBudgetExceeded(Exception):  # not RuntimeError: mypyc compiles no subclass of it
    """A step set off more effects than `MAX_EFFECT_STEPS` (rules that skipped validation)."""


class Game(GameState):
    """One game in progress. Build with `Game.new(...)` or `Game.from_json(...)`."""

    DERIVED: ClassVar[frozenset[str]] = frozenset({
        "t", "by_hook", "by_hook_faction", "cap", "lead_weight", "lead_bonus", "stab_base", "stab_tracks", "gateway_reach",
        "always_reach", "trade_reach", "live_modifiers", "_legal",
    })  # fmt: skip
    """Attributes beside the state: the immutable tables (`t`), what the active modifiers
    make of them (rebuilt, never changed in place, so copies share them) and the legal
    actions of the moment (a cache)."""

    # ----- construction -------------------------------------------------------------
    def __init__(self) -> None:
        """An empty game, to be filled: build one with `Game.new(...)` or `Game.from_json(...)`."""

    @classmethod
    def new(
        cls,
        ruleset: Ruleset,
        scenario_id: str | None = None,
        seed: int = 0,
        seats: dict[str, str] | None = None,
    ) -> Game:
        scenario = ruleset.scenario(scenario_id)
        g = cls()
        g._setup(Tables(ruleset, scenario), seed, dict(seats or {}))
        g._advance()
        g.undo_floor = 0
        return g

    def _setup(self, t: Tables, seed: int, seats: dict[str, str]) -> None:
        self.t = t
        self.seed = seed
        self.seats = {f.id: seats.get(f.id, "human") for f in t.factions}
        n, ns = t.n_factions, t.n_spaces
        self.rng = Rng(seed)
        self.infl = [0] * (ns * n * N_DOMAINS)
        self.presence = [0] * n
        self.capital = [0] * n
        self.vp = [0] * n
        self.tracks = [tr.min for tr in t.tracks]
        sc = t.scenario
        for fid, amount in sc.capital:
            if fid in t.faction_index:
                self.capital[t.faction_index[fid]] = amount
        for tid, level in sc.tracks:
            if tid in t.track_index:
                self.tracks[t.track_index[tid]] = level
        self.round = 1
        self.phase = EVENT
        self.current_phase = "setup"
        self.action_round = 0
        self.order = list(range(n))
        self.turn_pos = 0
        self.hands = [[] for _ in range(n)]
        self.decks = [[c for c in range(len(t.cards)) if t.card_owner[c] == f] for f in range(n)]
        self.discards = [[] for _ in range(n)]
        self.regional_deck = [c for c in range(len(t.cards)) if t.card_owner[c] is None]
        self.regional_discard = []
        self.event_deck = list(range(len(t.events)))
        self.event_discard = []
        self.crisis_deck = list(range(len(t.crises)))
        self.crisis_discard = []
        self.secret_discards = set()
        for deck in (*self.decks, self.regional_deck, self.event_deck, self.crisis_deck):
            self.rng.shuffle(deck)
        self.stack = []
        self.special_used = [False] * n
        self.timed = []
        self.flags = {}
        self.blocked = {}
        self.developed = [0] * len(t.corridors)
        self.outcome = None
        self.actions = []
        self.action_starts = []
        self.steps = []
        self.reasons = {}
        self.log = []
        self.history = []
        self.summits = []
        self.postponed = []
        self.current_event = None
        self.current_crisis = None
        self.revealed = []
        self.undo_floor = 0
        self.records = True
        self._legal: list[Action] | None = None
        self.reveals = 0
        self.modifier_uid = len(t.modifiers)
        self.rebuild_modifiers()
        for start in sc.influence:  # the scenario's numbers stand as written, caps or not
            if start.faction in t.faction_index and start.space in t.space_index:
                for dom, amount in start.amounts:
                    s, f = t.space_index[start.space], t.faction_index[start.faction]
                    self.add_influence(s, f, DOMAIN_INDEX[dom], amount, capped=False)
        self.history.append(self._snapshot(0))

    # ----- modifiers ----------------------------------------------------------------
    def _active_modifiers(self) -> list[Modifier]:
        return [*self.t.modifiers, *(m for m, _ in self.timed)]

    def rebuild_modifiers(self) -> None:
        """Recompute what modifiers change (caps, leadership weights, stability, reach)."""
        t = self.t
        n, ns = t.n_factions, t.n_spaces
        self.by_hook: dict[str, list[Modifier]] = {}
        self.by_hook_faction: dict[tuple[str, int], list[Modifier]] = {}
        self.live_modifiers = False
        """Whether a modifier worked out here reads what play changes (its `unless`, or a
        `where` beyond the map): then this is worked out again at every step (`_advance`)."""
        for m in self._active_modifiers():
            self.by_hook.setdefault(m.hook, []).append(m)
            if m.hook in REBUILT_HOOKS and (m.spec.get("unless") or t.static_mask(m.spec.get("where")) is None):
                self.live_modifiers = True
            for f in sorted(m.applies_to):
                self.by_hook_faction.setdefault((m.hook, f), []).append(m)
        size = ns * n * N_DOMAINS
        self.cap = [NO_CAP] * size
        self.lead_weight = [1] * size
        self.lead_bonus: list[int] | None = None  # None keeps leadership's inner loop as it was for rules without bonuses
        self.stab_base = [s.stability for s in t.spaces]
        self.stab_tracks: list[list[int]] = [[] for _ in range(ns)]
        for m in self.by_hook.get("influence_cap", []):
            if not self._unless_blocks(m):
                self._fill(self.cap, m, int(m.spec["max"]), min)
        for m in self.by_hook.get("leadership", []):
            if not self._unless_blocks(m):
                self._fill(self.lead_weight, m, int(m.spec.get("weight", 1)), max)
                if int(m.spec.get("bonus", 0)) > 0:
                    if self.lead_bonus is None:
                        self.lead_bonus = [0] * size
                    self._fill(self.lead_bonus, m, int(m.spec["bonus"]), max)
        for m in self.by_hook.get("stability", []):
            if self._unless_blocks(m):
                continue
            mask = self.modifier_mask(m)
            by_track = m.spec.get("by_track")
            for s in bits(mask):
                self.stab_base[s] += int(m.spec.get("by", 0))
                if by_track in t.track_index:
                    self.stab_tracks[s].append(t.track_index[by_track])
        self.gateway_reach = [0] * n
        self.always_reach = [[0] * N_DOMAINS for _ in range(n)]
        self.trade_reach = [0] * n
        for f, fac in enumerate(t.factions):
            gws = set(fac.gateways)
            for m in self.by_hook.get("reach", []):
                if f in m.applies_to and not self._unless_blocks(m):
                    if m.spec.get("gateway"):
                        gws.add(m.spec["gateway"])
                    if m.spec.get("always"):
                        mask = self.modifier_mask(m)
                        for d in range(N_DOMAINS):
                            if m.domain is None or m.domain == d:
                                self.always_reach[f][d] |= mask
            for gw in gws:
                self.gateway_reach[f] |= t.gateway_spaces.get(gw, 0)
            for k, c_gws in enumerate(t.corridor_gateways):
                if gws & c_gws:
                    self.trade_reach[f] |= t.corridor_spaces[k]

    def _fill(self, table: list[int], m: Modifier, value: int, pick: Any) -> None:
        n = self.t.n_factions
        mask = self.modifier_mask(m)
        for s in bits(mask):
            for f in m.applies_to:
                for d in range(N_DOMAINS):
                    if m.domain is None or m.domain == d:
                        k = (s * n + f) * N_DOMAINS + d
                        table[k] = pick(table[k], value)

    def modifier_mask(self, m: Modifier) -> int:
        """The spaces where modifier `m`'s `where` holds now; `self` (and `rival`) in it are
        read from its owner's side."""
        cond = m.spec.get("where")
        static = self.t.static_mask(cond)
        if static is not None:
            return static
        return space_mask(self, cond, Ctx(m.owner))

    def _unless_blocks(self, m: Modifier) -> bool:
        unless = m.spec.get("unless")
        return bool(unless) and condition_holds(self, unless, Ctx(m.owner))

    def mods(self, hook: str, f: int, domain: int | None = None) -> list[Modifier]:
        """Modifiers of a hook that apply to faction `f` now (and to `domain`, if given)."""
        found = self.by_hook_faction.get((hook, f))
        if not found:
            return []
        return [
            m
            for m in found
            if (domain is None or m.domain is None or m.domain == domain) and ("unless" not in m.spec or not self._unless_blocks(m))
        ]

    def add_timed_modifier(self, owner: int, spec: dict[str, Any], rounds: int, label: str) -> None:
        self.modifier_uid += 1
        m = self.t.make_modifier(self.modifier_uid, owner, spec, label)
        self.timed.append((m, self.round + rounds - 1))
        self.rebuild_modifiers()

    # ----- influence ----------------------------------------------------------------
    def add_influence(self, s: int, f: int, d: int, amount: int, capped: bool = True) -> int:
        """Add (or remove, if negative) influence, within zero and the cap; returns the change."""
        k = (s * self.t.n_factions + f) * N_DOMAINS + d
        old = self.infl[k]
        new = old + amount
        if capped and amount > 0:
            new = min(new, max(self.cap[k], old))
        new = max(0, new)
        self.infl[k] = new
        base = k - d
        if self.infl[base] or self.infl[base + 1] or self.infl[base + 2]:
            self.presence[f] |= 1 << s
        else:
            self.presence[f] &= ~(1 << s)
        return new - old

    def influence(self, s: int, f: int, d: int | None = None) -> int:
        k = (s * self.t.n_factions + f) * N_DOMAINS
        if d is None:
            return self.infl[k] + self.infl[k + 1] + self.infl[k + 2]
        return self.infl[k + d]

    def room(self, s: int, f: int, d: int) -> int:
        """How much more of a domain the faction may hold in a space (its cap)."""
        k = (s * self.t.n_factions + f) * N_DOMAINS + d
        return self.cap[k] - self.infl[k]

    def open_mask(self, f: int, d: int, mask: int) -> int:
        """The spaces of `mask` where the faction is below its cap for the domain."""
        n = self.t.n_factions
        out = 0
        for s in bits(mask):
            k = (s * n + f) * N_DOMAINS + d
            if self.infl[k] < self.cap[k]:
                out |= 1 << s
        return out

    def reach(self, f: int, d: int) -> int:
        """Spaces faction `f` may place domain `d` in with operations (DESIGN §3, Reach)."""
        t = self.t
        pres = self.presence[f]
        adj = pres
        for s in bits(pres):
            adj |= t.neighbours[s]
        m = self.gateway_reach[f] | adj | self.always_reach[f][d]
        if d == DOMAIN_INDEX["trade"]:
            m |= self.trade_reach[f]
        return m

    # ----- tracks, capital, log -------------------------------------------------------
    def track_after(self, k: int, by: int) -> int:
        """Track `k`'s level once moved by `by`, kept within its bounds."""
        tr = self.t.tracks[k]
        return max(tr.min, min(tr.max, self.tracks[k] + by))

    def change_track(self, k: int, by: int, ctx: Ctx) -> None:
        tr = self.t.tracks[k]
        old = self.tracks[k]
        new = self.track_after(k, by)
        if new == old:
            return
        self.tracks[k] = new
        who = {"faction": self.t.factions[ctx.actor].id} if ctx.actor is not None else {"source": ctx.source or "Events"}
        self.emit("track_rises" if new > old else "track_falls", ctx.actor, track=tr.id, old=old, new=new, **who)
        if tension.breaks_down(self, k):
            self.outcome = tension.breakdown(self, ctx)
            self._finish()

    def gain_capital(self, f: int, amount: int) -> None:
        self.capital[f] = max(0, self.capital[f] + amount)

    def emit(self, message_id: str, actor: int | None = None, /, **args: Any) -> None:
        """Log what happened: a message id and its arguments (`messages.py`), public."""
        if self.records:
            self.log_message(_new(Message, (message_id, args)), actor)

    def emit_private(self, f: int, public: Message, private: Message) -> None:
        """Log what `f` did with what everyone reads, and what only `f` reads."""
        self.log_message(public, f, private, f)

    def log_message(self, message: Message, actor: int | None, private: Message | None = None,
                    private_to: int | None = None) -> None:  # fmt: skip
        if not self.records:
            return
        fids = self.t.factions
        who = fids[actor].id if actor is not None else None
        to = fids[private_to].id if private_to is not None else None
        self.log.append(_new(LogEntry, (self.round, message, who, to, private, len(self.actions), self.current_phase)))

    # ----- cards --------------------------------------------------------------------
    def draw_cards(self, f: int, count: int, regional: int = 0) -> None:
        """Draw `regional` cards from the regional deck, then the rest from the faction's."""
        drawn: list[int] = []
        for i in range(count):
            if i < regional:
                c = self._draw_from(self.regional_deck, self.regional_discard)
                if c is None:
                    c = self._draw_from(self.decks[f], self.discards[f])
            else:
                c = self._draw_from(self.decks[f], self.discards[f])
                if c is None:
                    c = self._draw_from(self.regional_deck, self.regional_discard)
            if c is None:
                break
            self.hands[f].append(c)
            drawn.append(c)
        if drawn:
            self.reveals += 1
            if not self.records:
                return
            fid = self.t.factions[f].id
            cards = tuple(self.t.cards[c].id for c in drawn)
            self.emit_private(f, Message("draws", {"faction": fid, "count": len(drawn)}),
                              Message("draws_cards", {"faction": fid, "cards": cards}))  # fmt: skip

    def _draw_from(self, deck: list[int], discard: list[int]) -> int | None:
        if not deck and discard:
            deck.extend(discard)
            self.secret_discards.difference_update(discard)
            discard.clear()
            self.rng.shuffle(deck)
        return deck.pop() if deck else None

    def draw_crisis(self) -> int | None:
        """The next crisis card, turned up onto its discard pile (None if there is none)."""
        c = self._draw_from(self.crisis_deck, self.crisis_discard)
        if c is not None:
            self.crisis_discard.append(c)
        return c

    def discard_card(self, c: int) -> None:
        owner = self.t.card_owner[c]
        (self.regional_discard if owner is None else self.discards[owner]).append(c)

    def card_cost(self, f: int, c: int, event: bool = False) -> int:
        """What faction `f` pays to play card `c` (for its event, if `event`: the
        `event_discount` setting makes history cheaper than operations)."""
        card = self.t.cards[c]
        cost = card.cost
        for m in self.mods("play_card", f, self.t.card_domain[c]):
            if m.spec.get("own_cards") and self.t.card_owner[c] != m.owner:
                continue
            cost += int(m.spec.get("cost_delta", 0))
        if event:
            cost -= self.t.settings.event_discount
        return max(0, cost)

    def cheapest_play(self, f: int, c: int) -> int:
        """The least `f` can pay to play card `c` (for operations, or for its event)."""
        cost = self.card_cost(f, c)
        return min(cost, self.card_cost(f, c, True)) if self.t.cards[c].event else cost

    # ----- the round ------------------------------------------------------------------
    def _advance(self) -> None:
        """Run the game forward until a faction must decide or the game is over."""
        budget = MAX_EFFECT_STEPS
        while self.outcome is None:
            if self.live_modifiers:  # a track, a round or the board they read may have moved
                self.rebuild_modifiers()
            if self.stack:
                budget -= 1
                if budget < 0:
                    raise EffectBudgetExceeded(
                        f"one step resolved more than {MAX_EFFECT_STEPS:,} effects; `python -m game validate` "
                        "names the card, event or ability whose effects exceed the budget"
                    )
                if fx.step(self):
                    if self.live_modifiers:
                        self.rebuild_modifiers()
                    return
                continue
            phase = self.current_phase = self.phase
            if phase == ACTIONS:
                return
            getattr(self, "_phase_" + phase)()

    def _phase_event(self) -> None:
        t = self.t
        self.current_event = self.current_crisis = None
        self.phase = INCOME
        self.emit("round_begins", year=self.year, round=self.round, rounds=t.scenario.rounds)
        if not t.events:
            return
        pick = self._take_event()
        if pick is None:
            return
        ev = t.events[pick]
        self.reveals += 1
        self.current_event = ev.id
        self.revealed.append((self.round, "event", ev.id))
        self.emit("world_event", event=ev.id)
        self.stack.append(fx.effects_frame(ev.effects, Ctx(None, source=ev.name)))

    def _take_event(self) -> int | None:
        """The first card in deck order that may appear this round."""
        for attempt in range(2):
            for i in range(len(self.event_deck) - 1, -1, -1):
                e = self.event_deck[i]
                if self.t.events[e].from_round <= self.round:
                    del self.event_deck[i]
                    self.event_discard.append(e)
                    return e
            if attempt == 0 and self.event_discard:
                self.event_deck.extend(self.event_discard)
                self.event_discard.clear()
                self.rng.shuffle(self.event_deck)
        return None

    def _phase_income(self) -> None:
        t = self.t
        per = t.settings.income_per_corridor
        # Who leads each corridor's spaces: only they pay income, and the bots' look-ahead
        # plays round ends thousands of times a search, so the rest of the map is not asked.
        led_by = [{scoring.leader(self, s) for s in bits(spaces)} for spaces in t.corridor_spaces]
        for f, fac in enumerate(t.factions):
            amount = fac.base_income
            bonuses = []
            for m in self.mods("income", f):
                amount += int(m.spec["capital"])
                bonuses.append((int(m.spec["capital"]), m.label))
            led = 0
            for k in range(len(t.corridors)):
                if self.blocked.get(k, 0) >= self.round:
                    continue
                if f in led_by[k]:
                    led += per + self.developed[k]
            amount = max(0, amount + led)
            self.gain_capital(f, amount)
            self.emit("income", f, faction=fac.id, amount=amount, base=fac.base_income, bonuses=tuple(bonuses), corridors=led)
        self.phase = DRAW

    def _phase_draw(self) -> None:
        t = self.t
        for f, fac in enumerate(t.factions):
            need = fac.hand_size - len(self.hands[f])
            if need > 0:
                self.draw_cards(f, need, min(need, t.settings.regional_draws))
        self.special_used = [False] * t.n_factions
        self.action_round = 1
        self._start_action_round()

    def _start_action_round(self) -> None:
        n = self.t.n_factions
        self.order = sorted(range(n), key=lambda f: (self.vp[f], f))
        self.turn_pos = 0
        self.phase = ACTIONS

    def end_turn(self) -> None:
        self.turn_pos += 1
        if self.turn_pos < len(self.order):
            return
        self.action_round += 1
        if self.action_round > self.t.action_rounds:
            self.phase = TENSION
        else:
            self._start_action_round()

    def _phase_tension(self) -> None:
        self.phase = SUMMIT
        tension.tension_check(self)

    def summit_rounds(self) -> list[int]:
        """The rounds that end with a summit, as things stand (a postponed summit moves on)."""
        if not self.postponed:  # the usual case, asked at every evaluation a bot makes
            return sorted(self.t.scenario.summit_rounds)
        due = set(self.t.scenario.summit_rounds) | {r + 1 for r in self.postponed}
        return sorted(due - set(self.postponed))

    def _phase_summit(self) -> None:
        self.phase = CLEANUP
        if self.round not in self.summit_rounds():
            return
        chance = self.t.settings.summit_postpone_chance
        moved_here = self.round - 1 in self.postponed  # a summit postponed once is held
        if chance and not moved_here and self.round < self.t.scenario.rounds and self.rng.below(100) < chance:
            self.postponed.append(self.round)  # nobody can count on a summit's exact year
            self.emit("summit_postponed", year=self.year, later=self.year + 1)
            return
        words = self.records  # a scratch copy scores by the same rules, without the sentences
        controls = scoring.country_controls(self, words)  # VP do not change who leads: taken once
        record = scoring.score_summit(self, words, controls)
        self.summits.append(record)
        if words:
            self.emit("summit", year=self.year, text=say_list(list(record.reasons.values()), sep="{a} {b}"))
        outcome = scoring.domination_winner(self, words, controls)
        if outcome is not None:
            self.outcome = outcome
            if words:
                record.domination = outcome.reasons[0]
                self.emit("verdict", text=outcome.reasons[0])
            self._finish()
        else:
            if words:
                record.domination = scoring.domination_check_failed(self)
                self.emit("verdict", text=record.domination)
            self._push_hook_effects("summit")  # after the check: what they give counts from the next summit

    def _phase_cleanup(self) -> None:
        t = self.t
        self.phase = EXPIRE
        if t.tension is not None and t.tracks[t.tension].cleanup_change:
            self.change_track(t.tension, t.tracks[t.tension].cleanup_change, Ctx(None, source=N_("Cleanup")))
        self._push_hook_effects("round_end")

    def _push_hook_effects(self, hook: str) -> None:
        """Stack the effects of every modifier of `hook` not blocked by its `unless` (the
        first modifier's on top, resolved first); `self` in them is the owner."""
        for m in reversed(self.by_hook.get(hook, [])):
            if not self._unless_blocks(m):
                self.stack.append(fx.effects_frame(m.spec["effects"], Ctx(m.owner, source=m.label)))

    def _phase_expire(self) -> None:
        t = self.t
        self.phase = ROUND_END
        before = (len(self.timed), len(self.flags))
        self.timed = [(m, until) for m, until in self.timed if until > self.round]
        self.flags = {k: v for k, v in self.flags.items() if v > self.round}
        self.blocked = {k: v for k, v in self.blocked.items() if v > self.round}
        if (len(self.timed), len(self.flags)) != before:
            self.rebuild_modifiers()
        for f in reversed(range(t.n_factions)):
            if len(self.hands[f]) > t.factions[f].hand_size:
                self.stack.append(Discard(f))

    def _phase_round_end(self) -> None:
        if self.records:
            self.history.append(self._snapshot(self.round))
        if self.round >= self.t.scenario.rounds:
            self.outcome = scoring.balance_outcome(self)
            for r in self.outcome.reasons:
                self.emit("verdict", text=r)
            self._finish()
            return
        self.round += 1
        self.phase = EVENT

    def _finish(self) -> None:
        self.phase = OVER
        self.stack.clear()
        if not self.records:
            return
        if self.history and self.history[-1].round == self.round:
            self.history.pop()
        self.history.append(self._snapshot(self.round))

    def _snapshot(self, round_no: int) -> RoundSnapshot:
        """The public numbers at the end of a round (round 0 = the start), for charts."""
        t = self.t
        totals = scoring.faction_totals(self)
        whole = sum(totals) or 1
        reading = scoring.index_reading(self)
        return RoundSnapshot(
            round=round_no,
            step=len(self.actions),
            balance_index=reading.region,
            countries={c.id: reading.countries[i] for i, c in enumerate(t.countries)},
            influence_spread=scoring.influence_spread(self),
            shares={f.id: round(totals[i] / whole, 4) for i, f in enumerate(t.factions)},
            vp={f.id: self.vp[i] for i, f in enumerate(t.factions)},
            tracks={tr.id: self.tracks[i] for i, tr in enumerate(t.tracks)},
            hash=self.state_hash(),
        )

    # ----- the interface --------------------------------------------------------------
    @property
    def ruleset(self) -> Ruleset:
        return self.t.ruleset

    @property
    def scenario(self) -> Scenario:
        return self.t.scenario

    @property
    def factions(self) -> tuple[Faction, ...]:
        """The factions in play, in the scenario's order (the order of every per-faction list)."""
        return self.t.factions

    def turn_key(self) -> tuple[int, str, int, int]:
        """Which action of the game is under way: round, phase, action round and the
        position in turn order (changes when a turn ends)."""
        return (self.round, self.phase, self.action_round, self.turn_pos)

    def decision_depth(self) -> int:
        """How deep the work in progress is: `decision_key()[0]`, without the text of the top
        frame that key makes too (the bots' fingerprint of a position asks for it often)."""
        return len(self.stack)

    def decision_key(self) -> tuple[int, str | None]:
        """Which decision within the action under way: how deep the work in progress is and
        what its top frame holds. With the same board, turn and decision key, a faction
        faces the same choice."""
        return (len(self.stack), repr(self.stack[-1]) if self.stack else None)

    @property
    def year(self) -> int:
        return self.t.scenario.start_year + self.round - 1

    @property
    def over(self) -> bool:
        return self.outcome is not None

    @property
    def actor_index(self) -> int | None:
        if self.outcome is not None:
            return None
        if self.stack:
            return self.stack[-1].actor()
        if self.phase == ACTIONS:
            return self.order[self.turn_pos]
        return None

    @property
    def actor(self) -> str | None:
        """The faction id who must decide now (None when the game is over)."""
        f = self.actor_index
        return None if f is None else self.t.factions[f].id

    def legal_actions(self) -> list[Action]:
        """The short list of what the acting faction may do now."""
        if self._legal is None:
            if self.outcome is not None:
                self._legal = []
            elif self.stack:
                top = self.stack[-1]
                self._legal = [] if isinstance(top, (Effects, EndTurn)) else top.actions(self)
            else:
                self._legal = self._turn_actions(self.order[self.turn_pos])
        return self._legal

    def apply(self, action: Action | str) -> None:
        """Take one step. Raises IllegalAction for anything not in `legal_actions()`."""
        if isinstance(action, str):
            action = Action.parse(action)
        if action not in self.legal_actions():
            raise IllegalAction(f"{action} is not legal now; legal: {', '.join(map(str, self.legal_actions()))}")
        actor = self.actor_index
        rng_before = self.rng.state
        reveals_before = self.reveals
        top = self.stack[-1] if self.stack else None
        begins = top is None or type(top) in WHOLE_ACTIONS  # begins_action(), inlined: this runs every step
        if self.records:
            n = len(self.actions)
            if begins:
                self.action_starts.append(n)
            who = self.t.factions[actor].id if actor is not None else None
            self.steps.append(_new(StepInfo, (n, self.round, self.current_phase, self.action_round, who, begins)))
        self.actions.append(action)
        self._legal = None
        if top is not None:
            cast(DecisionFrame, top).apply(self, action)
        else:
            self._turn_apply(self.order[self.turn_pos], action)
        self._advance()
        # Undo never crosses a random draw, a revealed card or another faction's decision.
        if self.rng.state != rng_before or self.reveals != reveals_before or self.actor_index != actor:
            self.undo_floor = len(self.actions)

    def _turn_actions(self, f: int) -> list[Action]:
        t = self.t
        out = []
        for c in self.hands[f]:
            if self.capital[f] >= self.cheapest_play(f, c):
                out.append(_act("play", t.cards[c].id))
        if self.capital[f] >= t.settings.diplomacy_cost and self.open_mask(f, DOMAIN_INDEX["soft_power"], self.presence[f]):
            out.append(DIPLOMACY)
        if not self.special_used[f]:
            for m in self.mods("special_action", f):
                if m.owner == f and self.would_act(m.spec["effects"], Ctx(f, source=m.label)):
                    out.append(_act("ability", _ability_id(t, m)))
        out.append(PASS)
        return out

    def _turn_apply(self, f: int, action: Action) -> None:
        t = self.t
        fac = t.factions[f]
        verb = action.verb
        if verb == "play":
            self.stack.append(ChooseMode(f, t.card_index[action.args[0]]))
        elif verb == "pass":
            gain = t.settings.pass_capital
            self.gain_capital(f, gain)
            self.emit("passes", f, faction=fac.id, amount=gain)
            self.end_turn()
        elif verb == "diplomacy":
            self.gain_capital(f, -t.settings.diplomacy_cost)
            self.emit("diplomacy", f, faction=fac.id, cost=t.settings.diplomacy_cost)
            self.stack.append(EndTurn())
            self.stack.append(Diplomacy(f))
        elif verb == "ability":
            for m in self.mods("special_action", f):
                if _ability_id(t, m) == action.args[0]:
                    self.special_used[f] = True
                    self.emit("uses_ability", f, faction=fac.id, label=m.spec.get("name") or m.label)
                    self.stack.append(fx.effects_frame(m.spec["effects"], Ctx(f, source=m.label)))
                    return

    def would_act(self, effects: Sequence[dict[str, Any]], ctx: Ctx) -> bool:
        """True if resolving `effects` now would act on something (`effects.would_act`): a
        once-a-round ability, or an option of a choice, that would do nothing is not offered
        (it would spend the use for nothing)."""
        return fx.would_act(self, effects, ctx)

    # ----- undo, hashing, copies ------------------------------------------------------
    def can_undo(self) -> bool:
        """True if the acting faction may take back its last step (within its turn); never
        in a scratch copy, which keeps no record to replay."""
        return self.records and len(self.actions) > self.undo_floor and self.outcome is None

    def undo(self) -> None:
        """Take back the last step by replaying the log without it."""
        if not self.can_undo():
            raise IllegalAction(say(N_("nothing to undo: the last step ended a turn, drew a card or revealed one")))
        self._take(self.replayed(self.actions[:-1]), keep_records=True)

    def replayed(self, actions: list[Action]) -> Game:
        """A new game that took the same first steps (facilitator steps included)."""
        g = Game()
        g._setup(self.t, self.seed, self.seats)
        g._advance()
        g.undo_floor = 0
        for a in actions:
            g.replay_step(a)
        g.reasons = {k: v for k, v in self.reasons.items() if k < len(actions)}
        return g

    def replay_step(self, action: Action) -> None:
        """Apply a step from a log: a faction's action or a facilitator's."""
        if action.verb == "inject":
            self.inject_event(action.args[0])
        else:
            self.apply(action)

    # ----- facilitator ----------------------------------------------------------------
    def between_actions(self) -> bool:
        """True when no action is half-taken: a turn is about to begin."""
        return self.outcome is None and not self.stack and self.phase == ACTIONS

    def inject_event(self, event_id: str) -> None:
        """Facilitator: resolve a chosen world event now, between two actions."""
        if not self.between_actions():
            raise IllegalAction(say(N_("a world event can be injected only between two actions")))
        e = self.t.event_index.get(event_id)
        if e is None:
            raise IllegalAction(say(N_("there is no world event {event}"), event=repr(event_id)))
        if e in self.event_deck:
            self.event_deck.remove(e)
            self.event_discard.append(e)
        ev = self.t.events[e]
        self._record_step(None, True)
        self.actions.append(Action("inject", (event_id,)))
        self._legal = None
        self.reveals += 1
        self.emit("injected", event=ev.id)
        self.stack.append(fx.effects_frame(ev.effects, Ctx(None, source=ev.name)))
        self._advance()
        self.undo_floor = len(self.actions)

    def undo_action(self) -> None:
        """Facilitator: take back the last whole action (even past a draw), by replay."""
        starts = [i for i in self.action_starts if i < len(self.actions)]
        if not starts:
            raise IllegalAction(say(N_("there is no action to undo")))
        self._take(self.replayed(self.actions[: starts[-1]]), keep_records=True)

    def fork(self, round_no: int) -> Game:
        """Facilitator: a new game from the start of an earlier round of this one."""
        ends = {h.round: h.step for h in self.history}
        if round_no - 1 not in ends:
            raise IllegalAction(say(N_("round {round} has not started in this game"), round=round_no))
        return self.replayed(self.actions[: ends[round_no - 1]])

    def set_reason(self, text: str, start: int | None = None) -> None:
        """Keep a player's one line of why for the action that began at step `start` (by
        default the latest one); it is shown in the debrief."""
        if start is None:
            if not self.action_starts:
                return
            start = self.action_starts[-1]
        if start in self.action_starts:
            self.reasons[start] = " ".join(text.split())[:300]

    def copy(self) -> Game:
        """An independent copy sharing the immutable tables and what is derived from them.
        Which fields are copied, and how, is declared in `GameState`."""
        g = Game()
        g._take(self, keep_records=True)
        return g

    def scratch(self) -> Game:
        """An independent copy for looking ahead (bots, search): it plays on exactly as a
        full copy would — the same legal actions, the same state after the same actions
        (`tests/test_engine_state.py`) — but starts with empty records and keeps none (no
        log, history, step records or reasons; `records` is False). Its own copies are
        scratch copies too. It cannot be undone, saved or forked."""
        g = Game()
        g._take(self, keep_records=False)
        return g

    def _take(self, other: Game, keep_records: bool) -> None:
        """Become a copy of `other` (`copy_state`), sharing its `DERIVED` attributes: none is
        ever changed in place. Undo takes a replay this way."""
        copy_state(other, self, keep_records)
        self.t = other.t
        self.by_hook = other.by_hook
        self.by_hook_faction = other.by_hook_faction
        self.cap = other.cap
        self.lead_weight = other.lead_weight
        self.lead_bonus = other.lead_bonus
        self.stab_base = other.stab_base
        self.stab_tracks = other.stab_tracks
        self.gateway_reach = other.gateway_reach
        self.always_reach = other.always_reach
        self.trade_reach = other.trade_reach
        self.live_modifiers = other.live_modifiers
        self._legal = other._legal

    def state_hash(self) -> str:
        """A digest of everything that decides the rest of the game (the `hashed` fields of
        `GameState`). Kept out of every view: a player could test guesses against it."""
        return state_digest(self)

    # ----- saves ------------------------------------------------------------------------
    def to_json(self) -> str:
        from game.engine.saves import game_to_json

        return game_to_json(self)

    @classmethod
    def from_json(cls, ruleset: Ruleset, text: str) -> Game:
        from game.engine.saves import game_from_json

        return game_from_json(ruleset, text)

    # ----- status queries for views, bots and reports ------------------------------------
    @property
    def settings(self) -> Settings:
        """The rules' numbers this game is played with (read only; a scenario may set its own)."""
        return self.t.settings

    def leader(self, space_id: str) -> str | None:
        f = scoring.leader(self, self.t.space_index[space_id])
        return None if f is None else self.t.factions[f].id

    def summit_preview(self) -> scoring.SummitPreview:
        """If the summit were now: each faction's VP with reasons, and the domination it
        would bring (the game is not changed)."""
        return scoring.summit_preview(self)

    def domination_progress(self) -> list[scoring.DominationProgress]:
        """Each faction's distance from winning at once, by the map and by its VP lead."""
        return scoring.domination_progress(self)

    def country_status(self, country_id: str) -> scoring.Status:
        return scoring.country_status(self, self.t.country_index[country_id])

    def balance_index(self, country_id: str | None = None) -> float:
        return scoring.balance_index(self, None if country_id is None else self.t.country_index[country_id])

    def influence_of(self, space_id: str, faction_id: str) -> dict[str, int]:
        s, f = self.t.space_index[space_id], self.t.faction_index[faction_id]
        return {d: self.influence(s, f, i) for i, d in enumerate(DOMAINS)}

    def leadership(self, space_id: str) -> dict[str, int]:
        """Each faction's total in a space as leadership counts it (weights applied, e.g.
        soft power counting double in capitals); only factions with a total above 0."""
        totals = scoring.leadership_totals(self, self.t.space_index[space_id])
        return {f.id: v for f, v in zip(self.t.factions, totals, strict=True) if v > 0}

    def leadership_weights(self, space_id: str) -> dict[str, dict[str, int]]:
        """Per faction id, the domains whose units count more than once for leadership in a
        space, with their weights (a `leadership` modifier's doing): {faction: {"security": 2}}."""
        n = self.t.n_factions
        base = self.t.space_index[space_id] * n * N_DOMAINS
        out: dict[str, dict[str, int]] = {}
        for f, faction in enumerate(self.t.factions):
            k = base + f * N_DOMAINS
            weights = {d: self.lead_weight[k + i] for i, d in enumerate(DOMAINS) if self.lead_weight[k + i] != 1}
            if weights:
                out[faction.id] = weights
        return out

    def leadership_bonuses(self, space_id: str) -> dict[str, dict[str, int]]:
        """Per faction id, what a `leadership` modifier's bonus adds to its total in a space,
        by domain, for the domains it holds there: {faction: {"soft_power": 2}}."""
        if self.lead_bonus is None:
            return {}
        n = self.t.n_factions
        base = self.t.space_index[space_id] * n * N_DOMAINS
        out: dict[str, dict[str, int]] = {}
        for f, faction in enumerate(self.t.factions):
            k = base + f * N_DOMAINS
            bonuses = {d: self.lead_bonus[k + i] for i, d in enumerate(DOMAINS) if self.lead_bonus[k + i] and self.infl[k + i] > 0}
            if bonuses:
                out[faction.id] = bonuses
        return out

    def leadership_sources(self, space_id: str, kind: str) -> dict[str, dict[str, tuple[str, ...]]]:
        """Per faction id and domain, the names of the `leadership` modifiers (abilities, or
        ones an event added) of `kind` — `weight` or `bonus` — in force in a space: the
        "why" beside `leadership_weights` or `leadership_bonuses`, each named for its own
        domain and its own kind (a domain both weighed and given a bonus names each apart)."""
        s = self.t.space_index[space_id]
        out: dict[str, dict[str, tuple[str, ...]]] = {}
        for f, faction in enumerate(self.t.factions):
            for i, d in enumerate(DOMAINS):
                names = tuple(dict.fromkeys(m.label for m in self.mods("leadership", f, i) if _lead_kind_acts(m, kind) and self.modifier_mask(m) >> s & 1))
                if names:
                    out.setdefault(faction.id, {})[d] = names
        return out

    def view(self, faction_id: str | None) -> View:
        """What `faction_id` may see (None: the public board only, for hand-off screens)."""
        return make_view(self, faction_id)

    def describe(self, action: Action) -> str:
        """A legal action in words, for buttons and menus ('Place in Osh', 'Remove Russia from Osh')."""
        from game.engine.explain import describe

        return describe(self, action)

    def terms(self) -> Terms | None:
        """The offer on the table (an intervention, a partner's consent, a choice of options)
        as the rules' effects, so its consequences can be shown before the choice."""
        from game.engine.explain import terms

        return terms(self)

    def why_not(self, action: Action | str) -> str | None:
        """Why an action is not legal now, in a sentence (None if it is legal)."""
        from game.engine.explain import why_not

        return why_not(self, Action.parse(action) if isinstance(action, str) else action)

    def prompt(self) -> str:
        """What the acting faction is deciding now, in words."""
        f = self.actor_index
        if f is None:
            return say(N_("The game is over.")) if self.outcome else ""
        name = self.t.factions[f].name
        top = self.stack[-1] if self.stack else None
        if top is not None and not isinstance(top, (Effects, EndTurn)):
            return say(N_("{faction}: {prompt}"), faction=name, prompt=top.prompt(self))
        return say(N_("{faction}: choose an action (round {round}, action round {action_round})."), faction=name, round=self.round, action_round=self.action_round)

    def decision(self) -> Decision | None:
        """Whose decision it is now and of what kind (None when the game is over)."""
        f = self.actor_index
        if f is None:
            return None
        top = self.stack[-1] if self.stack else None
        kind = "turn" if top is None else _snake(type(top).__name__)
        return Decision(self.t.factions[f].id, kind, self.prompt(), self.begins_action())

    def begins_action(self) -> bool:
        """True when the next step begins a whole action (a turn, an intervention, a
        discard): the moment a reason may be asked for the last one. True once it is over."""
        if self.outcome is not None:
            return True
        return not self.stack or type(self.stack[-1]) in WHOLE_ACTIONS

    def offer(self, options: list[Action] | None) -> None:
        """The effect interpreter stops here: these are the legal actions now (None: work
        them out afresh, as after the hidden cards were dealt again)."""
        self._legal = options

    def _record_step(self, actor: str | None, begins: bool) -> None:
        if not self.records:
            return
        self.steps.append(StepInfo(len(self.actions), self.round, self.current_phase, self.action_round, actor, begins))

    def log_text(self, entry: LogEntry, viewer: str | None = None, tr: Translator = ENGLISH) -> str:
        """A log entry as `viewer` reads it (None: the room), in `tr`'s language (default
        English; `game.i18n.translator()` is the reader's)."""
        return entry_text(self.t.ruleset, entry, viewer, tr)

    def board(self) -> BoardNumbers:
        """The position's numbers as the engine holds them (read only), for fast evaluation."""
        return BoardNumbers(
            self.infl, self.capital, self.vp, self.tracks, self.lead_weight, self.lead_bonus, self.stab_base, self.stab_tracks
        )


def _snake(name: str) -> str:
    """`ChooseMode` -> `choose_mode`."""
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def _ability_id(t: Tables, m: Modifier) -> str:
    for a in t.factions[m.owner].abilities:
        if m.spec in a.modifiers:
            return a.id
    return f"ability-{m.uid}"
