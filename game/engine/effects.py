"""The effect interpreter: runs the `Effects` frames on `Game.stack`, one effect of the
vocabulary (`game/ruleset/vocabulary.py`) at a time. An effect that needs a choice pushes
a decision frame (`game/engine/frames.py`); `step` then stops for the chooser, or lets
the game's own generator choose for nobody (a world event or crisis).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from game.engine.conditions import condition_holds, resolve_faction, space_mask
from game.engine.context import Ctx
from game.engine.frames import (
    FORCED,
    PLACING,
    AddUnits,
    ChooseOption,
    Consent,
    DecisionFrame,
    Effects,
    EndTurn,
    MoveUnits,
    RemoveUnits,
    take,
    targets_at,
)
from game.engine.tables import DOMAIN_INDEX, bits
from game.ruleset.model import DOMAINS
from game.ruleset.vocabulary import EFFECTS

if TYPE_CHECKING:
    from game.engine.game import Game


def effects_frame(effects: Any, ctx: Ctx) -> Effects:
    return Effects(tuple(effects), 0, ctx)


def _param(effect_name: str, params: dict[str, Any], name: str) -> Any:
    if name in params:
        return params[name]
    return EFFECTS[effect_name].params[name].default


# ----- running the stack -----------------------------------------------------------------
def step(g: Game) -> bool:
    """Resolve the top frame as far as possible; True if a faction must now decide."""
    top = g.stack[-1]
    kind = type(top)
    if kind is Effects:
        effs, idx, ctx = cast(Effects, top)
        if idx >= len(effs):
            g.stack.pop()
            return False
        g.stack[-1] = Effects(effs, idx + 1, ctx)
        run_effect(g, effs[idx], ctx)
        return False
    if kind is EndTurn:
        g.stack.pop()
        g.end_turn()
        return False
    decision = cast(DecisionFrame, top)
    options = decision.actions(g)
    if not options or (kind in PLACING and len(options) == 1):
        g.stack.pop()  # nothing left to do (only `done`)
        return False
    chooser = decision.actor()
    if chooser is None:
        decision.apply(g, options[g.rng.below(len(options))])
        return False
    if kind in FORCED and len(options) == 1:
        decision.apply(g, options[0])
        return False
    g.offer(options)
    return True


def run_effect(g: Game, effect: dict[str, Any], ctx: Ctx) -> None:
    name, params = _named(effect)
    _HANDLERS[name](g, name, params, ctx)


def _named(effect: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """An effect's name and its parameters (a scalar short form as its one parameter)."""
    ((name, params),) = effect.items()
    if not isinstance(params, dict):
        scalar = EFFECTS[name].scalar
        params = {scalar: params} if scalar else {}
    return name, params


# ----- effects ------------------------------------------------------------------------------
def _add_influence(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    f = resolve_faction(g, _param(name, p, "faction"), ctx)
    if f is None:
        return
    d = DOMAIN_INDEX[p["domain"]]
    amount = int(_param(name, p, "amount"))
    if _param(name, p, "spread"):
        for s in bits(space_mask(g, p["where"], ctx)):
            got = g.add_influence(s, f, d, amount)
            if got:
                g.emit("adds", ctx.actor, faction=g.t.factions[f].id, amount=got, domain=DOMAINS[d], space=g.t.spaces[s].id)
        return
    g.stack.append(AddUnits(ctx, f, d, amount, p["where"]))


def _remove_influence(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    ref = _param(name, p, "faction")
    dom = _param(name, p, "domain")
    d = None if dom in (None, "any") else DOMAIN_INDEX[dom]
    amount = int(_param(name, p, "amount"))
    if _param(name, p, "spread"):
        for s in bits(space_mask(g, p["where"], ctx)):
            for f in targets_at(g, ref, ctx, s, d):
                take(g, s, f, d, amount, ctx)
        return
    g.stack.append(RemoveUnits(ctx, ref, d, amount, p["where"]))


def _move_influence(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    f = resolve_faction(g, _param(name, p, "faction"), ctx)
    if f is None:
        return
    g.stack.append(MoveUnits(ctx, f, DOMAIN_INDEX[p["domain"]], int(_param(name, p, "amount")), p["from"], p["to"], -1))


def _change_track(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    k = g.t.track_index.get(p["track"])
    if k is not None:
        g.change_track(k, int(p["by"]), ctx)


def _gain_capital(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    f = resolve_faction(g, _param(name, p, "faction"), ctx)
    if f is None:
        return
    before = g.capital[f]
    g.gain_capital(f, int(p["amount"]))
    change = g.capital[f] - before
    if change:
        g.emit("gains_capital" if change > 0 else "loses_capital", ctx.actor, faction=g.t.factions[f].id, amount=abs(change))


def _gain_vp(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    f = resolve_faction(g, _param(name, p, "faction"), ctx)
    if f is None:
        return
    before = g.vp[f]
    g.vp[f] = max(0, g.vp[f] + int(p["amount"]))
    if g.vp[f] != before:
        mid = "gains_vp" if g.vp[f] > before else "loses_vp"
        # with what earned it (a card, an ability, a crisis): VP at cleanup would otherwise come unexplained
        why = {"source": ctx.source} if ctx.source else {}
        g.emit(mid + ("_from" if why else ""), ctx.actor, faction=g.t.factions[f].id, amount=abs(g.vp[f] - before), **why)


def _draw(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    f = resolve_faction(g, _param(name, p, "faction"), ctx)
    if f is not None:
        g.draw_cards(f, int(_param(name, p, "count")))


def _choose_one(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    g.stack.append(ChooseOption(ctx, tuple(p["options"])))


def _for_each(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    t = g.t
    body = p["do"]
    frames: list[Effects] = []
    if "spaces" in p:
        for s in bits(space_mask(g, p["spaces"], ctx)):
            frames.append(effects_frame(body, ctx._replace(this_space=s, this_country=t.space_country[s])))
    elif "countries" in p:
        mask = space_mask(g, p["countries"], ctx) if p["countries"] else t.all_spaces
        for c in range(len(t.countries)):
            if mask & t.country_spaces[c]:
                frames.append(effects_frame(body, ctx._replace(this_space=None, this_country=c)))
    else:
        for f in _faction_filter(g, p.get("factions", "all"), ctx):
            frames.append(effects_frame(body, ctx._replace(this_faction=f)))
    g.stack.extend(reversed(frames))


def _faction_filter(g: Game, value: Any, ctx: Ctx) -> list[int]:
    n = g.t.n_factions
    if value in ("all", None):
        return list(range(n))
    if value in ("rivals", "others"):
        return [f for f in range(n) if f != ctx.actor]
    if isinstance(value, str):
        value = [value]
    return [g.t.faction_index[x] for x in value if x in g.t.faction_index]


def _if(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    branch = p["then"] if condition_holds(g, p["condition"], ctx) else p.get("else") or []
    if branch:
        g.stack.append(effects_frame(branch, ctx))


def _add_modifier(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    f = resolve_faction(g, _param(name, p, "faction"), ctx)
    if f is None:
        return
    label = _param(name, p, "label") or ctx.source
    g.add_timed_modifier(f, p["modifier"], int(_param(name, p, "rounds")), label)
    g.emit("modifier", ctx.actor, faction=g.t.factions[f].id, label=label)


def _set_flag(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    flag = str(p["flag"])
    g.flags[flag] = max(g.flags.get(flag, 0), g.round + int(_param(name, p, "rounds")) - 1)
    g.rebuild_modifiers()  # a modifier's `unless` may test the flag


def _ask_consent(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    partner = g.t.faction_index.get(p["faction"])
    if partner is None or partner == ctx.actor:
        branch = p["then"] if partner is not None else p.get("otherwise") or []
        if branch:
            g.stack.append(effects_frame(branch, ctx))
        return
    g.stack.append(Consent(ctx, partner, tuple(p["then"]), tuple(p.get("otherwise") or ()), tuple(p.get("partner_gains") or ())))


def _block_corridor(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    k = g.t.corridor_index.get(p["corridor"])
    if k is not None:
        g.blocked[k] = max(g.blocked.get(k, 0), g.round + int(_param(name, p, "rounds")) - 1)
        g.emit("corridor_blocked", ctx.actor, corridor=g.t.corridors[k].id)


def _develop_corridor(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    k = g.t.corridor_index.get(p["corridor"])
    if k is not None:
        g.developed[k] += int(_param(name, p, "by"))
        g.emit("corridor_developed", ctx.actor, corridor=g.t.corridors[k].id)


# ----- would an effect act now? -------------------------------------------------------------
def would_act(g: Game, effects: Sequence[dict[str, Any]], ctx: Ctx) -> bool:
    """True if some effect of `effects` has something to act on now: a unit to place or to
    remove, a track that can move, a branch or an option that would act. Read from the state
    without playing anything (legal actions ask it, bots' look-ahead included); an effect it
    cannot judge counts as acting."""
    return any(_acts(g, effect, ctx) for effect in effects)


def _acts(g: Game, effect: dict[str, Any], ctx: Ctx) -> bool:
    name, p = _named(effect)
    if name == "add_influence":
        f = resolve_faction(g, _param(name, p, "faction"), ctx)
        mask = space_mask(g, p["where"], ctx)
        return f is not None and bool(mask if _param(name, p, "spread") else g.open_mask(f, DOMAIN_INDEX[p["domain"]], mask))
    if name == "remove_influence":
        dom = _param(name, p, "domain")
        d = None if dom in (None, "any") else DOMAIN_INDEX[dom]
        return RemoveUnits(ctx, _param(name, p, "faction"), d, 1, p["where"]).has_pair(g)
    if name == "change_track":
        k = g.t.track_index.get(p["track"])
        return k is not None and g.track_after(k, int(p["by"])) != g.tracks[k]
    if name == "if":
        return would_act(g, p["then"] if condition_holds(g, p["condition"], ctx) else p.get("else") or [], ctx)
    if name == "choose_one":
        return any(would_act(g, o.get("effects") or (), ctx) for o in p["options"])
    return True


_HANDLERS: dict[str, Callable[[Game, str, dict[str, Any], Ctx], None]] = {
    "add_influence": _add_influence,
    "remove_influence": _remove_influence,
    "move_influence": _move_influence,
    "change_track": _change_track,
    "gain_capital": _gain_capital,
    "gain_vp": _gain_vp,
    "draw": _draw,
    "choose_one": _choose_one,
    "for_each": _for_each,
    "if": _if,
    "add_modifier": _add_modifier,
    "set_flag": _set_flag,
    "ask_consent": _ask_consent,
    "block_corridor": _block_corridor,
    "develop_corridor": _develop_corridor,
}
assert set(_HANDLERS) == set(EFFECTS), "every effect of the vocabulary has a handler"


__all__ = ["effects_frame", "step", "run_effect", "would_act"]
