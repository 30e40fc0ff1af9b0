"""Work in progress: the frames on `Game.stack`, one small immutable class per kind.

- `Effects`: a list of effects being resolved in order (run by `effects.step`);
- `EndTurn`: the end of the acting faction's turn;
- decisions, each knowing who decides, what may be chosen, what a choice does and what
  it asks in words: `ChooseMode` (ops, remove or event for a chosen card), `Operations`
  (placing influence), `Removals` (removing rival influence with security operations),
  `Diplomacy`, `AddUnits`, `RemoveUnits`, `MoveUnits` (an effect's one-unit-at-a-time
  choices), `ChooseOption`, `Consent`, `Intervention`, `Discard`.

A decision whose chooser is nobody (a world event or crisis) is decided by the game's
own random generator; one with a single forced answer is taken at once (`forced`).
Frames are named tuples: they copy for free with the stack, and a search copy can never
change a frame another copy still holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from game.engine.actions import Action, cached_action
from game.engine.conditions import largest_domain, resolve_faction, some_space, space_mask
from game.engine.context import Ctx
from game.engine.messages import N_, Message, Nn_, Text, say, say_list, say_n
from game.engine.scoring import DOMAIN_WORDS, leader
from game.engine.tables import DOMAIN_INDEX, bits
from game.ruleset.model import DOMAINS

if TYPE_CHECKING:
    from game.engine.game import Game

DONE = Action("done")
SECURITY = DOMAIN_INDEX["security"]
SOFT = DOMAIN_INDEX["soft_power"]


# ----- shared by effects and decisions ---------------------------------------------------------
def space_actions(g: Game, verb: str, mask: int) -> list[Action]:
    table = g.t.place_actions if verb == "place" else g.t.choose_actions
    return [table[s] for s in bits(mask)]


def targets_at(g: Game, ref: Any, ctx: Ctx, s: int, d: int | None) -> list[int]:
    """The factions whose influence a removal may hit in a space."""
    if ref == "leader":
        who = leader(g, s)
        cands = [] if who is None or who == ctx.actor else [who]
    elif ref == "rival":
        cands = [f for f in range(g.t.n_factions) if f != ctx.actor]
    else:
        f = resolve_faction(g, ref, ctx)
        cands = [] if f is None else [f]
    return [f for f in cands if g.influence(s, f, d) > 0]


def take(g: Game, s: int, f: int, d: int | None, amount: int, ctx: Ctx) -> None:
    """Remove up to `amount` of a faction's influence in a space (its largest domain if
    `d` is None), and say so."""
    dom = d if d is not None else largest_domain(g, s, f)
    if dom is None:
        return
    got = -g.add_influence(s, f, dom, -amount)
    if got:
        g.emit("loses", ctx.actor, faction=g.t.factions[f].id, amount=got, domain=DOMAINS[dom], space=g.t.spaces[s].id)


def _replace_top(g: Game, frame: Frame) -> None:
    if g.stack and g.outcome is None:
        g.stack[-1] = frame


def _pop(g: Game) -> None:
    if g.stack and g.outcome is None:
        g.stack.pop()


def _operations(n: int) -> Text:
    return say_n(Nn_("{count} operation", "{count} operations"), "count", count=n)


def _fid(g: Game, f: int) -> str:
    return g.t.factions[f].id


def _name(g: Game, f: int) -> str:
    return g.t.factions[f].name


# ----- frames that are not decisions ------------------------------------------------------------
class Effects(NamedTuple):
    """Effects being resolved in order; `at` is the next one."""

    effects: tuple[Any, ...]
    at: int
    ctx: Ctx

    def actor(self) -> int | None:
        return None


class EndTurn(NamedTuple):
    """The acting faction's turn ends when this frame is reached."""

    def actor(self) -> int | None:
        return None


# ----- a faction's turn ---------------------------------------------------------------------------
class ChooseMode(NamedTuple):
    """Which way to play the chosen card: operations, removal or its event."""

    faction: int
    card: int

    def actor(self) -> int | None:
        return self.faction

    def actions(self, g: Game) -> list[Action]:
        t = g.t
        f, c = self.faction, self.card
        out = []
        if g.capital[f] >= g.card_cost(f, c):
            out.append(Action("ops"))
            if t.card_domain[c] == SECURITY and t.cards[c].ops >= t.settings.security_removal_cost and removal_targets(g, f):
                out.append(Action("remove"))
        if t.cards[c].event and g.capital[f] >= g.card_cost(f, c, True):
            out.append(Action("event"))
        return out

    def apply(self, g: Game, action: Action) -> None:
        f, c = self.faction, self.card
        t = g.t
        card = t.cards[c]
        cost = g.card_cost(f, c, action.verb == "event")
        g.stack.pop()
        g.hands[f].remove(c)
        g.discard_card(c)
        g.gain_capital(f, -cost)
        g.reveals += 1
        g.emit("plays", f, faction=_fid(g, f), card=card.id, mode=action.verb, cost=cost)
        g.stack.append(EndTurn())
        d = t.card_domain[c]
        for m in reversed(g.mods("play_card", f, d)):
            if m.spec.get("effects") and not (m.spec.get("own_cards") and t.card_owner[c] != m.owner):
                g.stack.append(Effects(tuple(m.spec["effects"]), 0, Ctx(f, source=m.label)))
        if action.verb == "ops":
            bonus = []
            for m in g.mods("place_influence", f, d):
                amount = int(m.spec.get("ops_bonus", 0))
                if amount:
                    bonus.append((g.modifier_mask(m), amount))
            g.stack.append(Operations(f, c, d, card.ops, tuple(bonus), frozenset()))
        elif action.verb == "remove":
            g.stack.append(Removals(f, c, card.ops, 0))
        else:
            kept = min(card.ops, t.settings.event_ops_kept)
            if kept:  # placed after the event (the stack resolves its top first)
                g.stack.append(Operations(f, c, d, kept, (), frozenset()))
            g.stack.append(Effects(tuple(card.event), 0, Ctx(f, source=card.name)))

    def prompt(self, g: Game) -> Text:
        words = {"ops": N_("operations"), "remove": N_("removal"), "event": N_("its event")}
        modes = [say(words[a.verb]) for a in self.actions(g)]
        return say(N_("play {card} for {choice}?"), card=g.t.cards[self.card].name, choice=say_list(modes, N_("{a} or {b}")))


class Operations(NamedTuple):
    """Placing a card's influence one unit at a time: `general` operations go anywhere in
    reach, each `bonus` pool (spaces, units) only where an ability applies."""

    faction: int
    card: int
    domain: int
    general: int
    bonus: tuple[tuple[int, int], ...]
    charged: frozenset[int]
    """Modifiers whose extra cost has been paid this play."""

    def actor(self) -> int | None:
        return self.faction

    def targets(self, g: Game) -> int:
        f, d = self.faction, self.domain
        targets = g.open_mask(f, d, g.reach(f, d))
        if not self.general:
            allowed = 0
            for mask, amount in self.bonus:
                if amount:
                    allowed |= mask
            targets &= allowed
        for m in g.mods("place_influence", f, d):
            cost = int(m.spec.get("extra_cost", 0))
            if cost > 0 and m.uid not in self.charged and g.capital[f] < cost:
                targets &= ~g.modifier_mask(m)
        return targets

    def actions(self, g: Game) -> list[Action]:
        out = space_actions(g, "place", self.targets(g))
        out.append(DONE)
        return out

    def apply(self, g: Game, action: Action) -> None:
        f, d, general, charged = self.faction, self.domain, self.general, self.charged
        if action.verb == "done":
            g.stack.pop()
            return
        s = g.t.space_index[action.args[0]]
        for m in g.mods("place_influence", f, d):
            cost = int(m.spec.get("extra_cost", 0))
            if cost and m.uid not in charged and g.modifier_mask(m) >> s & 1:
                g.gain_capital(f, -cost)
                charged = charged | {m.uid}
                if cost > 0 and m.spec.get("toll") and m.owner != f:
                    g.gain_capital(m.owner, cost)
                    g.emit("pays_toll", f, faction=_fid(g, f), amount=cost, partner=_fid(g, m.owner), label=m.label)
                else:
                    g.emit("pays_extra" if cost > 0 else "saves_extra", f, faction=_fid(g, f), amount=abs(cost), label=m.label)
        pools = list(self.bonus)
        for i, (mask, amount) in enumerate(pools):
            if amount and mask >> s & 1:
                pools[i] = (mask, amount - 1)
                break
        else:
            general -= 1
        g.add_influence(s, f, d, 1)
        g.emit("places", f, faction=_fid(g, f), amount=1, domain=DOMAINS[d], space=g.t.spaces[s].id)
        if general <= 0 and not any(a for _, a in pools):
            g.stack.pop()
        else:
            g.stack[-1] = Operations(f, self.card, d, max(0, general), tuple(pools), charged)

    def prompt(self, g: Game) -> Text:
        extra = sum(a for _, a in self.bonus)
        what = say(DOMAIN_WORDS[DOMAINS[self.domain]])
        if not self.general and extra:
            return say(N_("place {domain}: {operations} left, only where your abilities give them."), domain=what, operations=_operations(extra))
        if extra:
            return say(N_("place {domain}: {operations} left (+{extra} more where your abilities apply)."), domain=what, operations=_operations(self.general), extra=extra)
        return say(N_("place {domain}: {operations} left."), domain=what, operations=_operations(self.general))


def removal_targets(g: Game, f: int) -> list[tuple[int, int]]:
    """(space, rival) pairs security operations may remove from: where `f` has security."""
    t = g.t
    out = []
    for s in bits(g.presence[f]):
        if g.influence(s, f, SECURITY) > 0:
            for r in range(t.n_factions):
                if r != f and g.presence[r] >> s & 1:
                    out.append((s, r))
    return out


class Removals(NamedTuple):
    """Security operations that remove rival influence, a unit at a time."""

    faction: int
    card: int
    ops: int
    removed: int

    def actor(self) -> int | None:
        return self.faction

    def actions(self, g: Game) -> list[Action]:
        t = g.t
        if self.ops < t.settings.security_removal_cost:
            return [DONE]
        out = [cached_action("remove", t.spaces[s].id, t.factions[r].id) for s, r in removal_targets(g, self.faction)]
        out.append(DONE)
        return out

    def apply(self, g: Game, action: Action) -> None:
        if action.verb == "done":
            g.stack.pop()
            return
        t = g.t
        f = self.faction
        s, r = t.space_index[action.args[0]], t.faction_index[action.args[1]]
        ctx = Ctx(f, source=t.cards[self.card].name)
        take(g, s, r, None, 1, ctx)
        _replace_top(g, Removals(f, self.card, self.ops - t.settings.security_removal_cost, self.removed + 1))
        if self.removed == 0 and t.tension is not None and t.settings.removal_tension:
            g.change_track(t.tension, t.settings.removal_tension, ctx)

    def prompt(self, g: Game) -> Text:
        return say(N_("remove rival influence where you have security: {operations} left."), operations=_operations(self.ops))


class Diplomacy(NamedTuple):
    """Diplomacy: 1 soft power where the faction already has influence."""

    faction: int

    def actor(self) -> int | None:
        return self.faction

    def actions(self, g: Game) -> list[Action]:
        f = self.faction
        return space_actions(g, "place", g.open_mask(f, SOFT, g.presence[f]))

    def apply(self, g: Game, action: Action) -> None:
        f = self.faction
        s = g.t.space_index[action.args[0]]
        g.stack.pop()
        g.add_influence(s, f, SOFT, 1)
        g.emit("places", f, faction=_fid(g, f), amount=1, domain=DOMAINS[SOFT], space=g.t.spaces[s].id)

    def prompt(self, g: Game) -> Text:
        return say(N_("add 1 soft power where you already have influence."))


# ----- an effect's choices ------------------------------------------------------------------------
class AddUnits(NamedTuple):
    """An effect's units of influence, placed one space at a time."""

    ctx: Ctx
    faction: int
    domain: int
    remaining: int
    where: Any

    def actor(self) -> int | None:
        return self.ctx.actor

    def actions(self, g: Game) -> list[Action]:
        return space_actions(g, "choose", g.open_mask(self.faction, self.domain, space_mask(g, self.where, self.ctx)))

    def apply(self, g: Game, action: Action) -> None:
        f, d = self.faction, self.domain
        s = g.t.space_index[action.args[0]]
        g.add_influence(s, f, d, 1)
        g.emit("adds", self.ctx.actor, faction=_fid(g, f), amount=1, domain=DOMAINS[d], space=g.t.spaces[s].id)
        if self.remaining > 1:
            _replace_top(g, self._replace(remaining=self.remaining - 1))
        else:
            _pop(g)

    def prompt(self, g: Game) -> Text:
        return say(N_("choose where to add {domain} for {faction} ({count} left)."), domain=say(DOMAIN_WORDS[DOMAINS[self.domain]]), faction=_name(g, self.faction), count=self.remaining)


def _has_targets(g: Game, frame: RemoveUnits) -> Callable[[int], bool]:
    # A module-level closure: mypyc cannot compile one inside a NamedTuple's method.
    return lambda s: bool(targets_at(g, frame.target, frame.ctx, s, frame.domain))


class RemoveUnits(NamedTuple):
    """An effect's removals, one (space, faction) at a time; `target` is a faction
    reference (`leader`, `rival`, a faction id …)."""

    ctx: Ctx
    target: Any
    domain: int | None
    remaining: int
    where: Any

    def actor(self) -> int | None:
        return self.ctx.actor

    def pairs(self, g: Game) -> list[tuple[int, int]]:
        out = []
        for s in bits(space_mask(g, self.where, self.ctx)):
            for f in targets_at(g, self.target, self.ctx, s, self.domain):
                out.append((s, f))
        return out

    def has_pair(self, g: Game) -> bool:
        """Whether `pairs` would give any (found without working them all out)."""
        return some_space(g, self.where, self.ctx, _has_targets(g, self))

    def actions(self, g: Game) -> list[Action]:
        t = g.t
        pairs = self.pairs(g)
        if self.target == "rival":
            return [cached_action("choose", t.spaces[s].id, t.factions[f].id) for s, f in pairs]
        return [cached_action("choose", t.spaces[s].id) for s, _ in pairs]

    def apply(self, g: Game, action: Action) -> None:
        t = g.t
        s = t.space_index[action.args[0]]
        if len(action.args) == 2:
            f = t.faction_index[action.args[1]]
        else:  # the first target there, as `actions` offered it (not every pair again: bots play this often)
            f = targets_at(g, self.target, self.ctx, s, self.domain)[0]
        take(g, s, f, self.domain, 1, self.ctx)
        if self.remaining > 1:
            _replace_top(g, self._replace(remaining=self.remaining - 1))
        else:
            _pop(g)

    def prompt(self, g: Game) -> Text:
        return say(N_("choose where to remove influence ({count} left)."), count=self.remaining)


class MoveUnits(NamedTuple):
    """An effect's moves: from a space, then to a space, one unit at a time (`origin` is
    -1 until the unit's source is chosen)."""

    ctx: Ctx
    faction: int
    domain: int
    remaining: int
    source: Any
    destination: Any
    origin: int

    def actor(self) -> int | None:
        return self.ctx.actor

    def actions(self, g: Game) -> list[Action]:
        f, d, ctx = self.faction, self.domain, self.ctx
        if self.origin < 0:
            mask = 0
            for s in bits(space_mask(g, self.source, ctx)):
                if g.influence(s, f, d) > 0:
                    mask |= 1 << s
            if not g.open_mask(f, d, space_mask(g, self.destination, ctx)):
                return []
            return space_actions(g, "choose", mask)
        return space_actions(g, "choose", g.open_mask(f, d, space_mask(g, self.destination, ctx)) & ~(1 << self.origin))

    def apply(self, g: Game, action: Action) -> None:
        f, d = self.faction, self.domain
        s = g.t.space_index[action.args[0]]
        if self.origin < 0:
            _replace_top(g, self._replace(origin=s))
            return
        g.add_influence(self.origin, f, d, -1)
        g.add_influence(s, f, d, 1)
        sp = g.t.spaces
        g.emit("moves", self.ctx.actor, faction=_fid(g, f), amount=1, domain=DOMAINS[d], origin=sp[self.origin].id, space=sp[s].id)
        if self.remaining > 1:
            _replace_top(g, self._replace(remaining=self.remaining - 1, origin=-1))
        else:
            _pop(g)

    def prompt(self, g: Game) -> Text:
        return say(N_("choose where to move influence from.")) if self.origin < 0 else say(N_("choose where to move it to."))


class ChooseOption(NamedTuple):
    """Pick one option of an effect."""

    ctx: Ctx
    options: tuple[Any, ...]

    def actor(self) -> int | None:
        return self.ctx.actor

    def actions(self, g: Game) -> list[Action]:
        # only the options that would do something (all of them if none would)
        acting = [i for i, o in enumerate(self.options) if g.would_act(o.get("effects") or (), self.ctx)]
        return [cached_action("choose", str(i + 1)) for i in acting or range(len(self.options))]

    def apply(self, g: Game, action: Action) -> None:
        option = self.options[int(action.args[0]) - 1]
        g.stack.pop()
        if self.ctx.actor is not None:
            g.emit("chooses", self.ctx.actor, faction=_fid(g, self.ctx.actor), label=option["label"])
        g.stack.append(Effects(tuple(option.get("effects") or ()), 0, self.ctx))

    def prompt(self, g: Game) -> Text:
        options = [say(N_("{n}. {label}"), n=i + 1, label=g.t.ruleset.phrase(str(o["label"]))) for i, o in enumerate(self.options)]
        return say(N_("choose one: {options}"), options=say_list(options, sep=N_("{a}; {b}")))

    def label(self, n: int) -> str:
        """Option `n`'s label (counted from 1)."""
        return str(self.options[n - 1].get("label", n)) if 0 < n <= len(self.options) else str(n)


class Consent(NamedTuple):
    """A partner joins a joint action, or not."""

    ctx: Ctx
    partner: int
    then: tuple[Any, ...]
    otherwise: tuple[Any, ...]
    gains: tuple[Any, ...]
    """What the partner gains if it agrees."""

    def actor(self) -> int | None:
        return self.partner

    def actions(self, g: Game) -> list[Action]:
        return [Action("yes"), Action("no")]

    def apply(self, g: Game, action: Action) -> None:
        ctx, partner = self.ctx, self.partner
        g.stack.pop()
        agreed = action.verb == "yes"
        g.emit("agrees" if agreed else "declines", partner, faction=_fid(g, partner), source=ctx.source)
        if agreed:
            if self.gains:
                g.stack.append(Effects(self.gains, 0, ctx._replace(actor=partner)))
            g.stack.append(Effects(self.then, 0, ctx))
        elif self.otherwise:
            g.stack.append(Effects(self.otherwise, 0, ctx))

    def prompt(self, g: Game) -> Text:
        if self.ctx.actor is None:
            return say(N_("A partner asks you to join {source}. Agree?"), source=self.ctx.source)
        return say(N_("{faction} asks you to join {source}. Agree?"), faction=_name(g, self.ctx.actor), source=self.ctx.source)


class Intervention(NamedTuple):
    """The faction with most security at a crisis may step in (a whole action of its own)."""

    crisis: int
    seat: int
    faction: int
    cost: int

    def actor(self) -> int | None:
        return self.faction

    def actions(self, g: Game) -> list[Action]:
        return [Action("intervene"), Action("decline")]

    def apply(self, g: Game, action: Action) -> None:
        t = g.t
        f, seat = self.faction, self.seat
        crisis = t.crises[self.crisis]
        g.stack.pop()
        if action.verb == "intervene":
            g.gain_capital(f, -self.cost)
            g.emit("intervenes", f, faction=_fid(g, f), crisis=crisis.id, cost=self.cost)
            ctx = Ctx(f, this_space=seat, this_country=t.space_country[seat], source=crisis.name)
            g.stack.append(Effects(tuple(crisis.intervention), 0, ctx))
        else:
            g.emit("no_intervention", f, faction=_fid(g, f), crisis=crisis.id)
            ctx = Ctx(None, this_space=seat, this_country=t.space_country[seat], source=crisis.name)
            g.stack.append(Effects(tuple(crisis.effects), 0, ctx))

    def prompt(self, g: Game) -> Text:
        t = g.t
        return say(N_("intervene in {crisis} in {space} for {cost} capital?"), crisis=t.crises[self.crisis].name, space=t.spaces[self.seat].name, cost=self.cost)


class Discard(NamedTuple):
    """Discard down to hand size at cleanup (a whole action of its own), face down."""

    faction: int

    def actor(self) -> int | None:
        return self.faction

    def actions(self, g: Game) -> list[Action]:
        f = self.faction
        if len(g.hands[f]) <= g.t.factions[f].hand_size:
            return []
        return [cached_action("discard", g.t.cards[c].id) for c in g.hands[f]]

    def apply(self, g: Game, action: Action) -> None:
        f = self.faction
        c = g.t.card_index[action.args[0]]
        g.hands[f].remove(c)
        g.discard_card(c)
        g.secret_discards.add(c)
        g.emit_private(f, Message("discards", {"faction": _fid(g, f)}), Message("discards_card", {"faction": _fid(g, f), "card": g.t.cards[c].id}))
        if len(g.hands[f]) <= g.t.factions[f].hand_size:
            g.stack.pop()

    def prompt(self, g: Game) -> Text:
        return say(N_("discard down to {count} cards."), count=g.t.factions[self.faction].hand_size)


DecisionFrame = ChooseMode | Operations | Removals | Diplomacy | AddUnits | RemoveUnits | MoveUnits | ChooseOption | Consent | Intervention | Discard
Frame = Effects | EndTurn | DecisionFrame

# Kinds of decision, as sets of classes (`type(frame) in FORCED`: the engine asks every step).
FORCED: frozenset[type] = frozenset({AddUnits, RemoveUnits, MoveUnits, ChooseOption, Diplomacy, Discard})
"""Decisions with no way to decline: a single answer is taken at once."""
PLACING: frozenset[type] = frozenset({Operations, Removals})
"""Decisions that end when only `done` is left."""
WHOLE_ACTIONS: frozenset[type] = frozenset({Intervention, Discard})
"""Decisions that are a whole action of their own (as a turn is): undo by the facilitator
takes them back whole, and a player may give a reason for them."""
