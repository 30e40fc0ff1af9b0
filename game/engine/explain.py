"""Actions in words: what a legal action does, and why an illegal one is not allowed.

The UI shows these on buttons and on hover ("Out of reach: …"), so a player is never
left guessing; they read only the state the acting faction may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.engine.actions import Action
from game.engine.frames import (
    AddUnits,
    ChooseOption,
    Consent,
    Diplomacy,
    Intervention,
    MoveUnits,
    Operations,
    Removals,
    RemoveUnits,
)
from game.engine.messages import N_, Text, say, say_list
from game.engine.scoring import DOMAIN_WORDS
from game.ruleset.model import DOMAINS

if TYPE_CHECKING:
    from game.engine.game import Game


@dataclass(frozen=True)
class Terms:
    """What the decision on top offers, as the rules' effects (read only), so a window can
    state the consequences before the choice: an intervention in a crisis, a partner's
    consent to a joint action, or a choice of one option."""

    kind: str
    """`intervention`, `consent` or `options`."""
    source: str
    """The crisis or the card's name."""
    asker: str | None = None
    """The faction asking for consent (`consent`)."""
    where: str | None = None
    """The space a crisis struck (`intervention`)."""
    cost: int = 0
    """Capital the intervention costs."""
    accept: tuple[Any, ...] = ()
    """Effects if the actor intervenes or the partner agrees (for the asker)."""
    gains: tuple[Any, ...] = ()
    """What the partner gains if it agrees."""
    refuse: tuple[Any, ...] = ()
    """Effects if nobody intervenes, or the partner refuses."""
    options: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    """(label, effects) of each option (`options`)."""


def terms(g: Game) -> Terms | None:
    """The terms of the decision on top of the stack, if it is an offer (see `Terms`)."""
    t = g.t
    top = g.stack[-1] if g.stack else None
    if isinstance(top, Intervention):
        crisis = t.crises[top.crisis]
        return Terms("intervention", crisis.name, None, t.spaces[top.seat].name, top.cost, tuple(crisis.intervention), (), tuple(crisis.effects))
    if isinstance(top, Consent):
        asker = t.factions[top.ctx.actor].id if top.ctx.actor is not None else None
        return Terms("consent", top.ctx.source, asker, None, 0, tuple(top.then), tuple(top.gains), tuple(top.otherwise))
    if isinstance(top, ChooseOption):
        options = tuple((str(o.get("label", i + 1)), tuple(o.get("effects") or ())) for i, o in enumerate(top.options))
        return Terms("options", top.ctx.source, options=options)
    return None


def describe(g: Game, action: Action) -> str | Text:
    t = g.t
    verb, args = action.verb, action.args
    if verb == "play" and args and args[0] in t.card_index:
        f = g.actor_index
        c = t.card_index[args[0]]
        cost = g.card_cost(f, c) if f is not None else t.cards[c].cost
        event = g.card_cost(f, c, True) if f is not None else cost
        if t.cards[c].event and event != cost:
            return say(N_("Play {card} (cost {cost}, event {event})"), card=t.cards[c].name, cost=cost, event=event)
        return say(N_("Play {card} (cost {cost})"), card=t.cards[c].name, cost=cost)
    space, faction = action.space, action.faction
    if verb == "choose" and space in t.space_index and faction in t.faction_index:
        return say(N_("{faction} in {space}"), faction=t.factions[t.faction_index[faction]].name, space=t.spaces[t.space_index[space]].name)
    if verb in ("place", "choose") and space in t.space_index:
        where = t.spaces[t.space_index[space]].name
        return say(N_("Place in {space}"), space=where) if verb == "place" else say(N_("Choose {space}"), space=where)
    top = g.stack[-1] if g.stack else None
    if action.option is not None and isinstance(top, ChooseOption):
        return t.ruleset.phrase(top.label(action.option))
    if verb == "remove" and len(args) == 2:
        return say(N_("Remove {faction} from {space}"), faction=t.factions[t.faction_index[args[1]]].name, space=t.spaces[t.space_index[args[0]]].name)
    if verb == "ability" and args:
        f = g.actor_index
        for a in t.factions[f].abilities if f is not None else ():
            if a.id == args[0]:
                return a.name
    if verb == "discard" and args and args[0] in t.card_index:
        return say(N_("Discard {card}"), card=t.cards[t.card_index[args[0]]].name)
    fixed = {
        "ops": say(N_("Operations")),
        "remove": say(N_("Remove rival influence")),
        "event": say(N_("Event")),
        "done": say(N_("Done")),
        "diplomacy": say(N_("Diplomacy ({cost} capital: +1 soft power)"), cost=t.settings.diplomacy_cost),
        "pass": say(N_("Pass (+{amount} capital)"), amount=t.settings.pass_capital),
        "yes": say(N_("Agree")),
        "no": say(N_("Refuse")),
        "intervene": say(N_("Intervene")),
        "decline": say(N_("Do not intervene")),
    }
    return fixed.get(verb, str(action))


def why_not(g: Game, action: Action) -> Text | None:
    if action in g.legal_actions():
        return None
    if g.outcome is not None:
        return say(N_("The game is over."))
    f = g.actor_index
    if f is None:
        return say(N_("Nobody is to decide now."))
    t = g.t
    top = g.stack[-1] if g.stack else None
    verb, args = action.verb, action.args
    if verb == "play" and top is None:
        c = t.card_index.get(args[0]) if args else None
        if c is None or c not in g.hands[f]:
            return say(N_("That card is not in your hand."))
        cost = g.cheapest_play(f, c)
        return say(N_("{card} costs {cost} capital; you have {capital}."), card=t.cards[c].name, cost=cost, capital=g.capital[f])
    if verb == "diplomacy" and top is None:
        if g.capital[f] < t.settings.diplomacy_cost:
            return say(N_("Diplomacy costs {cost} capital; you have {capital}."), cost=t.settings.diplomacy_cost, capital=g.capital[f])
        return say(N_("Diplomacy adds soft power where you already have influence, and you have none below its limit."))
    if verb == "place" and args and args[0] in t.space_index:
        s = t.space_index[args[0]]
        name = t.spaces[s].name
        if isinstance(top, Diplomacy):
            if not g.presence[f] >> s & 1:
                return say(N_("Diplomacy adds soft power only where you already have influence; you have none in {space}."), space=name)
            return say(N_("Your soft power in {space} is at its limit."), space=name)
        if isinstance(top, Operations):
            d = top.domain
            dom = say(DOMAIN_WORDS[DOMAINS[d]])
            if not g.reach(f, d) >> s & 1:
                if DOMAINS[d] == "trade":
                    return say(N_("{space} is out of reach: you may place next to a space where you have influence, "
                                  "beside your gateway or on a corridor from your gateway."), space=name)  # fmt: skip
                return say(N_("{space} is out of reach: you may place next to a space where you have influence, beside your gateway."), space=name)
            if g.room(s, f, d) <= 0:
                return say(N_("Your {domain} in {space} is at its limit ({amount})."), domain=dom, space=name, amount=g.influence(s, f, d))
            for m in g.mods("place_influence", f, d):
                cost = int(m.spec.get("extra_cost", 0))
                if cost > 0 and g.capital[f] < cost and g.modifier_mask(m) >> s & 1:
                    return say(N_("Placing {domain} in {space} costs {cost} capital ({label}); you have {capital}."), domain=dom, space=name, cost=cost, label=m.label, capital=g.capital[f])
            return say(N_("Only bonus operations are left, and they apply elsewhere, not in {space}."), space=name)
        return say(N_("This is not the moment to place influence."))
    if verb == "choose" and isinstance(top, (AddUnits, RemoveUnits, MoveUnits)):
        return say(N_("That space is not one this effect can reach (see the card's text)."))
    if verb == "remove" and len(args) == 2 and isinstance(top, Removals):
        return say(N_("Security operations remove rival influence only where you have security, at 2 operations a unit."))
    legal = say_list([describe(g, a) for a in g.legal_actions()])
    return say(N_("Not possible now. {prompt} Choices: {choices}."), prompt=g.prompt(), choices=legal)
