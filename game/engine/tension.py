"""Regional tension (DESIGN §3, step 5): the crisis it brings at its `crisis_at` mark and
the breakdown at its `breakdown_at` limit. The track with `role: tension` in
`rules/base/tracks.yaml` is read here; crises are `rules/base/crises.yaml`.

A crisis strikes a random space of its `where`; the faction with most security there may
intervene (an `Intervention` decision, its own whole action) at the crisis's cost, which
`crisis_intervention` modifiers change. A breakdown ends the game at once (Rules 2.0:
tension with teeth): the region loses, and so does the faction whose action pushed
tension to the limit — the best-placed other outside power (most VP, then most
influence) wins, so breaking the region is never a draw a trailing player can force.
A breakdown no faction caused (a world event) is won by nobody.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import effects as fx
from game.engine.conditions import space_mask
from game.engine.context import Ctx
from game.engine.frames import Intervention
from game.engine.messages import N_, say
from game.engine.scoring import Outcome, faction_totals, lower_first
from game.engine.tables import DOMAIN_INDEX, bits

if TYPE_CHECKING:
    from game.engine.game import Game

SECURITY = DOMAIN_INDEX["security"]


def breaks_down(g: Game, k: int) -> bool:
    """Whether track `k` at its level now ends the game in a breakdown."""
    t = g.t
    tr = t.tracks[k]
    return k == t.tension and tr.breakdown_at is not None and g.tracks[k] >= tr.breakdown_at and g.outcome is None


def breakdown(g: Game, ctx: Ctx) -> Outcome:
    """The breakdown's outcome: nobody wins; the acting faction, if any, caused it."""
    t = g.t
    tr = t.tracks[t.tension] if t.tension is not None else None
    name = lower_first(tr.name, t.ruleset.language) if tr else "tension"
    if ctx.actor is not None:
        breaker = t.factions[ctx.actor]
        level = g.tracks[t.tension or 0]
        reason = say(N_("Breakdown: {faction}'s action pushed {track} to {level}."), faction=breaker.name, track=name, level=level)
        others = [f for f in range(t.n_factions) if f != ctx.actor and t.factions[f].wins_by_domination]
        if not others:
            nobody = say(N_("Breakdown: {faction}'s action pushed {track} to {level}. Nobody wins."), faction=breaker.name, track=name, level=level)
            return Outcome("breakdown", None, (nobody,), breaker=breaker.id, round=g.round)
        influence = faction_totals(g)
        w = min(others, key=lambda f: (-g.vp[f], -influence[f], f))
        winner = t.factions[w]
        why = say(N_("{faction} and the region lose; {winner}, the best placed of the other outside powers, wins."), faction=breaker.name, winner=winner.name)
        return Outcome("breakdown", winner.id, (reason, why), breaker=breaker.id, round=g.round)
    cause = ctx.source or say(N_("a world event"))
    return Outcome("breakdown", None, (say(N_("Breakdown: {cause} pushed {track} to its limit. Nobody wins."), cause=cause, track=name),), round=g.round)


def tension_check(g: Game) -> None:
    """At the crisis mark, the next crisis card strikes: an intervention is offered to the
    faction with most security in the stricken space, else the crisis runs its course."""
    t = g.t
    if t.tension is None or not t.crises:
        return
    track = t.tracks[t.tension]
    if track.crisis_at is None or g.tracks[t.tension] < track.crisis_at:
        return
    c = g.draw_crisis()
    if c is None:
        return
    crisis = t.crises[c]
    g.current_crisis = crisis.id
    g.revealed.append((g.round, "crisis", crisis.id))
    seats = bits(space_mask(g, crisis.where, Ctx(None)))
    if not seats:
        g.emit("crisis_nowhere", crisis=crisis.id)
        return
    seat = seats[g.rng.below(len(seats))]
    g.emit("crisis", crisis=crisis.id, space=t.spaces[seat].id)
    best = max(range(t.n_factions), key=lambda f: (g.influence(seat, f, SECURITY), -g.order.index(f)))
    if g.influence(seat, best, SECURITY) > 0:
        cost = intervention_cost(g, c, seat, best)
        if g.capital[best] >= cost:
            g.stack.append(Intervention(c, seat, best, cost))
            return
        g.emit("cannot_intervene", best, faction=t.factions[best].id, cost=cost)
    ctx = Ctx(None, this_space=seat, this_country=t.space_country[seat], source=crisis.name)
    g.stack.append(fx.effects_frame(crisis.effects, ctx))


def intervention_cost(g: Game, c: int, seat: int, f: int) -> int:
    """What faction `f` pays to intervene in crisis `c` at space `seat`."""
    cost = g.t.crises[c].intervention_cost
    for m in g.mods("crisis_intervention", f):
        if seat in bits(g.modifier_mask(m)):
            cost += int(m.spec["cost_delta"])
    return max(0, cost)
