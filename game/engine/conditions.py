"""Conditions of the vocabulary, evaluated on a space or on the whole game.

A condition is a mapping of terms that must all hold. Space terms (`country`, `tag`,
`leader` …) are read at a space; game terms (`track_at_least`, `flag` …) at the game.
Evaluated without a space, a condition with space terms holds if *some* space meets
them; inside `for_each` over spaces, `this` is the current space.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.engine import scoring
from game.engine.tables import DOMAIN_INDEX, N_DOMAINS, bits, inner

if TYPE_CHECKING:
    from game.engine.context import Ctx
    from game.engine.game import Game

SPACE_TERMS = frozenset(
    {"space", "country", "country_tag", "tag", "corridor", "gateway", "anywhere", "influence_at_least", "leader", "contested"}
)


def resolve_faction(game: Game, ref: Any, ctx: Ctx) -> int | None:
    """`self`, `this` or a faction id -> a faction index (None if not in play)."""
    if ref is None or ref == "self":
        return ctx.actor
    if ref == "this":
        return ctx.this_faction
    return game.t.faction_index.get(ref)


def _has_space_terms(cond: dict[str, Any]) -> bool:
    for term, value in cond.items():
        if term in SPACE_TERMS:
            return True
        if term == "country_status" and not (isinstance(value, dict) and value.get("country")):
            return True
        if term == "not" and _has_space_terms(inner(value, "condition")):
            return True
        if term in ("all", "any") and any(_has_space_terms(c) for c in inner(value, "conditions")):
            return True
    return False


def condition_holds(game: Game, cond: dict[str, Any] | None, ctx: Ctx) -> bool:
    """A condition on the game: space terms refer to `this` space, or to some space."""
    if not cond:
        return True
    if ctx.this_space is not None or not _has_space_terms(cond):
        return holds_at(game, cond, ctx, ctx.this_space)
    return space_mask(game, cond, ctx) != 0


def space_mask(game: Game, cond: dict[str, Any] | None, ctx: Ctx) -> int:
    """The spaces where a condition holds now."""
    static = game.t.static_mask(cond)
    if static is not None:
        return static
    assert cond is not None
    out = 0
    seen: dict[int, tuple[str, int]] = {}  # a country's status, read once for all its spaces
    for s in bits(game.t.static_bound(cond)):
        if holds_at(game, cond, ctx, s, seen):
            out |= 1 << s
    return out


def some_space(game: Game, cond: dict[str, Any] | None, ctx: Ctx, also: Callable[[int], bool]) -> bool:
    """Whether some space where `cond` holds also passes `also` — `space_mask` read only as
    far as the first one (legal actions ask whether a removal could act, often)."""
    static = game.t.static_mask(cond)
    if static is not None:
        return any(also(s) for s in bits(static))
    assert cond is not None
    seen: dict[int, tuple[str, int]] = {}
    return any(also(s) and holds_at(game, cond, ctx, s, seen) for s in bits(game.t.static_bound(cond)))


def holds_at(game: Game, cond: dict[str, Any], ctx: Ctx, s: int | None, seen: dict[int, tuple[str, int]] | None = None) -> bool:
    """Whether `cond` holds at space `s` (None: on the game). `seen` keeps the countries'
    statuses read so far, for a caller that asks about many spaces of one position."""
    for term, value in cond.items():
        if not _term(game, term, value, ctx, s, seen):
            return False
    return True


def _term(game: Game, term: str, value: Any, ctx: Ctx, s: int | None, seen: dict[int, tuple[str, int]] | None) -> bool:
    t = game.t
    if term == "not":
        return not holds_at(game, inner(value, "condition"), ctx, s, seen)
    if term == "all":
        return all(holds_at(game, c, ctx, s, seen) for c in inner(value, "conditions"))
    if term == "any":
        return any(holds_at(game, c, ctx, s, seen) for c in inner(value, "conditions"))
    # Game terms.
    if term in ("track_at_least", "track_at_most"):
        k = t.track_index.get(value["track"])
        if k is None:
            return False
        level = game.tracks[k]
        return level >= int(value["value"]) if term == "track_at_least" else level <= int(value["value"])
    if term == "flag":
        return inner(value, "name") in game.flags
    if term == "round_at_least":
        return game.round >= int(inner(value, "round"))
    if term == "scenario_rounds_at_most":
        return t.scenario.rounds <= int(inner(value, "rounds"))
    if term == "faction_is":
        return ctx.actor is not None and t.faction_index.get(inner(value, "faction")) == ctx.actor
    if term == "in_play":
        return inner(value, "faction") in t.faction_index
    if term == "country_status":
        return _country_status(game, value, ctx, s, seen)
    # Space terms.
    if s is None:
        return False
    if term == "space":
        v = inner(value, "id")
        return s == (ctx.this_space if v == "this" else t.space_index.get(v))
    if term == "country":
        v = inner(value, "id")
        c = _this_country(game, ctx) if v == "this" else t.country_index.get(v)
        return t.space_country[s] == c
    if term == "influence_at_least":
        f = resolve_faction(game, value.get("faction", "self"), ctx)
        if f is None:
            return False
        dom = value.get("domain", "any")
        have = game.influence(s, f, None if dom == "any" else DOMAIN_INDEX[dom])
        return have >= int(value.get("amount", 1))
    if term == "leader":
        ref = inner(value, "faction")
        who = scoring.leader(game, s)
        if ref == "any":
            return who is not None
        if ref == "rival":
            return who is not None and who != ctx.actor
        return who is not None and who == resolve_faction(game, ref, ctx)
    if term == "contested":
        return (scoring.leader(game, s) is None) == bool(inner(value, "value"))
    mask = t.static_term(term, value)
    return mask is not None and bool(mask >> s & 1)


def _this_country(game: Game, ctx: Ctx) -> int | None:
    if ctx.this_country is not None:
        return ctx.this_country
    if ctx.this_space is not None:
        return game.t.space_country[ctx.this_space]
    return None


def _country_status(game: Game, value: dict[str, Any], ctx: Ctx, s: int | None, seen: dict[int, tuple[str, int]] | None) -> bool:
    t = game.t
    ref = value.get("country")
    if ref == "this":
        c = _this_country(game, ctx)
    elif ref is not None:
        c = t.country_index.get(ref)
    else:
        c = None if s is None else t.space_country[s]
    if c is None:
        return False
    if seen is None:
        kind, holder = scoring.country_kind(game, c)
    else:
        known = seen.get(c)
        if known is None:
            known = seen[c] = scoring.country_kind(game, c)
        kind, holder = known
    if kind != value["status"]:
        return False
    who = value.get("faction")
    if who == "rival":  # dominated or aligned by someone other than the actor
        return holder >= 0 and holder != ctx.actor
    return who is None or (None if holder < 0 else holder) == resolve_faction(game, who, ctx)


def largest_domain(game: Game, s: int, f: int) -> int | None:
    """The faction's largest domain in a space (ties in domain order), or None if it has none."""
    k = (s * game.t.n_factions + f) * N_DOMAINS
    vals = game.infl[k : k + N_DOMAINS]
    best = max(range(N_DOMAINS), key=lambda d: (vals[d], -d))
    return best if vals[best] > 0 else None


__all__ = ["bits", "condition_holds", "space_mask", "some_space", "holds_at", "resolve_faction", "largest_domain", "inner"]
