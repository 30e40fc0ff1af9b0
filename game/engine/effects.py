"""The effect interpreter and the frames of work in progress.

Each frame on `Game.stack` is a small immutable tuple whose first item names its kind:

- `fx`: a list of effects being resolved in order;
- `endturn`: the end of the acting faction's turn;
- decisions: `mode` (ops, remove or event for a chosen card), `ops` (placing influence),
  `remops` (removing rival influence with security operations), `diplomacy`, `add`,
  `rem`, `move` (an effect's one-unit-at-a-time choices), `choose1`, `consent`,
  `intervene`, `discard`.

A decision frame whose chooser is nobody (a world event or crisis) is decided by the
game's own random generator; one with a single forced answer is taken at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.engine.actions import Action, cached_action
from game.engine.conditions import condition_holds, inner, largest_domain, resolve_faction, space_mask
from game.engine.context import Ctx
from game.engine.scoring import DOMAIN_WORDS, leader
from game.engine.tables import DOMAIN_INDEX, bits
from game.ruleset.model import DOMAINS
from game.ruleset.vocabulary import EFFECTS

if TYPE_CHECKING:
    from game.engine.game import Game

Frame = tuple[Any, ...]
DONE = Action("done")
SECURITY = DOMAIN_INDEX["security"]
SOFT = DOMAIN_INDEX["soft_power"]
FORCED = frozenset({"add", "rem", "move", "choose1", "diplomacy", "discard"})
"""Decisions with no way to decline: a single answer is taken at once."""


def effects_frame(effects: Any, ctx: Ctx) -> Frame:
    return ("fx", tuple(effects), 0, ctx)


def _param(effect_name: str, params: dict[str, Any], name: str) -> Any:
    if name in params:
        return params[name]
    return EFFECTS[effect_name].params[name].default


def _act(verb: str, *args: str) -> Action:
    return cached_action(verb, *args)


# ----- running the stack -----------------------------------------------------------------
def step(g: Game) -> bool:
    """Resolve the top frame as far as possible; True if a faction must now decide."""
    top = g.stack[-1]
    kind = top[0]
    if kind == "fx":
        _, effs, idx, ctx = top
        if idx >= len(effs):
            g.stack.pop()
            return False
        g.stack[-1] = ("fx", effs, idx + 1, ctx)
        run_effect(g, effs[idx], ctx)
        return False
    if kind == "endturn":
        g.stack.pop()
        g.end_turn()
        return False
    options = frame_actions(g, top)
    if not options or (kind in ("ops", "remops") and len(options) == 1):
        g.stack.pop()  # nothing left to do (only `done`)
        return False
    chooser = frame_actor(top)
    if chooser is None:
        frame_apply(g, top, options[g.rng.below(len(options))])
        return False
    if kind in FORCED and len(options) == 1:
        frame_apply(g, top, options[0])
        return False
    g._legal = options
    return True


def run_effect(g: Game, effect: dict[str, Any], ctx: Ctx) -> None:
    ((name, params),) = effect.items()
    if not isinstance(params, dict):
        scalar = EFFECTS[name].scalar
        params = {scalar: params} if scalar else {}
    _HANDLERS[name](g, name, params, ctx)


def _replace_top(g: Game, frame: Frame) -> None:
    if g.stack and g.outcome is None:
        g.stack[-1] = frame


def _pop(g: Game) -> None:
    if g.stack and g.outcome is None:
        g.stack.pop()


# ----- effects ------------------------------------------------------------------------------
def _faction_name(g: Game, f: int) -> str:
    return g.t.factions[f].name


def _add_influence(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    f = resolve_faction(g, _param(name, p, "faction"), ctx)
    if f is None:
        return
    d = DOMAIN_INDEX[p["domain"]]
    amount = int(_param(name, p, "amount"))
    if _param(name, p, "spread"):
        for s in bits(space_mask(g, p["where"], ctx)):
            got = g._add(s, f, d, amount)
            if got:
                g.note(f"{_faction_name(g, f)} adds {got} {DOMAIN_WORDS[DOMAINS[d]]} in {g.t.spaces[s].name}.", ctx.actor)
        return
    g.stack.append(("add", ctx, f, d, amount, p["where"]))


def _remove_influence(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    ref = _param(name, p, "faction")
    dom = _param(name, p, "domain")
    d = None if dom in (None, "any") else DOMAIN_INDEX[dom]
    amount = int(_param(name, p, "amount"))
    if _param(name, p, "spread"):
        for s in bits(space_mask(g, p["where"], ctx)):
            for f in _targets_at(g, ref, ctx, s, d):
                _take(g, s, f, d, amount, ctx)
        return
    g.stack.append(("rem", ctx, ref, d, amount, p["where"]))


def _targets_at(g: Game, ref: Any, ctx: Ctx, s: int, d: int | None) -> list[int]:
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


def _take(g: Game, s: int, f: int, d: int | None, amount: int, ctx: Ctx) -> None:
    dom = d if d is not None else largest_domain(g, s, f)
    if dom is None:
        return
    got = -g._add(s, f, dom, -amount)
    if got:
        g.note(f"{_faction_name(g, f)} loses {got} {DOMAIN_WORDS[DOMAINS[dom]]} in {g.t.spaces[s].name}.", ctx.actor)


def _move_influence(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    f = resolve_faction(g, _param(name, p, "faction"), ctx)
    if f is None:
        return
    g.stack.append(("move", ctx, f, DOMAIN_INDEX[p["domain"]], int(_param(name, p, "amount")), p["from"], p["to"], -1))


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
        verb = "gains" if change > 0 else "loses"
        g.note(f"{_faction_name(g, f)} {verb} {abs(change)} capital.", ctx.actor)


def _gain_vp(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    f = resolve_faction(g, _param(name, p, "faction"), ctx)
    if f is None:
        return
    before = g.vp[f]
    g.vp[f] = max(0, g.vp[f] + int(p["amount"]))
    if g.vp[f] != before:
        g.note(f"{_faction_name(g, f)} {'gains' if g.vp[f] > before else 'loses'} {abs(g.vp[f] - before)} VP.", ctx.actor)


def _draw(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    f = resolve_faction(g, _param(name, p, "faction"), ctx)
    if f is not None:
        g.draw_cards(f, int(_param(name, p, "count")))


def _choose_one(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    g.stack.append(("choose1", ctx, tuple(p["options"])))


def _for_each(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    t = g.t
    body = p["do"]
    frames: list[Frame] = []
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
    g.note(f"{_faction_name(g, f)}: {label} is in force.", ctx.actor)


def _set_flag(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    flag = str(p["flag"])
    g.flags[flag] = max(g.flags.get(flag, 0), g.round + int(_param(name, p, "rounds")) - 1)
    g._rebuild_modifiers()  # a modifier's `unless` may test the flag


def _ask_consent(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    partner = g.t.faction_index.get(p["faction"])
    if partner is None or partner == ctx.actor:
        branch = p["then"] if partner is not None else p.get("otherwise") or []
        if branch:
            g.stack.append(effects_frame(branch, ctx))
        return
    g.stack.append(("consent", ctx, partner, tuple(p["then"]), tuple(p.get("otherwise") or ()), tuple(p.get("partner_gains") or ())))


def _block_corridor(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    k = g.t.corridor_index.get(p["corridor"])
    if k is not None:
        g.blocked[k] = max(g.blocked.get(k, 0), g.round + int(_param(name, p, "rounds")) - 1)
        g.note(f"{g.t.corridors[k].name} is blocked.", ctx.actor)


def _develop_corridor(g: Game, name: str, p: dict[str, Any], ctx: Ctx) -> None:
    k = g.t.corridor_index.get(p["corridor"])
    if k is not None:
        g.developed[k] += int(_param(name, p, "by"))
        g.note(f"{g.t.corridors[k].name} is developed.", ctx.actor)


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


# ----- decisions -------------------------------------------------------------------------------
def frame_actor(frame: Frame) -> int | None:
    kind = frame[0]
    if kind in ("mode", "ops", "remops", "diplomacy", "discard"):
        return int(frame[1])
    if kind == "intervene":
        return int(frame[3])
    if kind == "consent":
        return int(frame[2])
    if kind in ("add", "rem", "move", "choose1"):
        actor: int | None = frame[1].actor
        return actor
    return None


def frame_actions(g: Game, frame: Frame) -> list[Action]:
    return _ACTIONS[frame[0]](g, frame)


def frame_apply(g: Game, frame: Frame, action: Action) -> None:
    _APPLY[frame[0]](g, frame, action)


def _space_actions(g: Game, verb: str, mask: int) -> list[Action]:
    table = g.t.place_actions if verb == "place" else g.t.choose_actions
    return [table[s] for s in bits(mask)]


# mode: which way to play the chosen card
def _mode_actions(g: Game, fr: Frame) -> list[Action]:
    _, f, c = fr
    t = g.t
    out = [Action("ops")]
    if t.card_domain[c] == SECURITY and t.cards[c].ops >= t.settings.security_removal_cost and _removal_targets(g, f):
        out.append(Action("remove"))
    if t.cards[c].event:
        out.append(Action("event"))
    return out


def _mode_apply(g: Game, fr: Frame, action: Action) -> None:
    _, f, c = fr
    t = g.t
    card = t.cards[c]
    cost = g.card_cost(f, c)
    g.stack.pop()
    g.hands[f].remove(c)
    g.discard_card(c)
    g.gain_capital(f, -cost)
    g.reveals += 1
    how = {"ops": "operations", "remove": "security operations against rivals", "event": "its event"}[action.verb]
    g.note(f"{_faction_name(g, f)} plays {card.name} for {how} (cost {cost}).", f)
    g.stack.append(("endturn",))
    d = t.card_domain[c]
    for m in reversed(g.mods("play_card", f, d)):
        if m.spec.get("effects") and not (m.spec.get("own_cards") and t.card_owner[c] != m.owner):
            g.stack.append(effects_frame(m.spec["effects"], _ctx(f, m.label)))
    if action.verb == "ops":
        bonus = []
        for m in g.mods("place_influence", f, d):
            amount = int(m.spec.get("ops_bonus", 0))
            if amount:
                bonus.append((g._where_mask(m.spec.get("where")), amount))
        g.stack.append(("ops", f, c, d, card.ops, tuple(bonus), frozenset()))
    elif action.verb == "remove":
        g.stack.append(("remops", f, c, card.ops, 0))
    else:
        g.stack.append(effects_frame(card.event, _ctx(f, card.name)))


def _ctx(f: int | None, source: str) -> Ctx:
    return Ctx(f, source=source)


# ops: place influence of the card's domain, one unit at a time
def _ops_targets(g: Game, fr: Frame) -> int:
    _, f, c, d, general, bonus, charged = fr
    targets = g.open_mask(f, d, g.reach(f, d))
    if not general:
        allowed = 0
        for mask, amount in bonus:
            if amount:
                allowed |= mask
        targets &= allowed
    for m in g.mods("place_influence", f, d):
        cost = int(m.spec.get("extra_cost", 0))
        if cost > 0 and m.uid not in charged and g.capital[f] < cost:
            targets &= ~g._where_mask(m.spec.get("where"))
    return targets


def _ops_actions(g: Game, fr: Frame) -> list[Action]:
    out = _space_actions(g, "place", _ops_targets(g, fr))
    out.append(DONE)
    return out


def _ops_apply(g: Game, fr: Frame, action: Action) -> None:
    _, f, c, d, general, bonus, charged = fr
    if action.verb == "done":
        g.stack.pop()
        return
    s = g.t.space_index[action.args[0]]
    for m in g.mods("place_influence", f, d):
        cost = int(m.spec.get("extra_cost", 0))
        if cost and m.uid not in charged and g._where_mask(m.spec.get("where")) >> s & 1:
            g.gain_capital(f, -cost)
            charged = charged | {m.uid}
            word = "pays" if cost > 0 else "saves"
            g.note(f"{_faction_name(g, f)} {word} {abs(cost)} capital ({m.label}).", f)
    pools = list(bonus)
    for i, (mask, amount) in enumerate(pools):
        if amount and mask >> s & 1:
            pools[i] = (mask, amount - 1)
            break
    else:
        general -= 1
    g._add(s, f, d, 1)
    g.note(f"{_faction_name(g, f)} places 1 {DOMAIN_WORDS[DOMAINS[d]]} in {g.t.spaces[s].name}.", f)
    if general <= 0 and not any(a for _, a in pools):
        g.stack.pop()
    else:
        g.stack[-1] = ("ops", f, c, d, max(0, general), tuple(pools), charged)


# remops: security operations that remove rival influence
def _removal_targets(g: Game, f: int) -> list[tuple[int, int]]:
    t = g.t
    out = []
    for s in bits(g.presence[f]):
        if g.influence(s, f, SECURITY) > 0:
            for r in range(t.n_factions):
                if r != f and g.presence[r] >> s & 1:
                    out.append((s, r))
    return out


def _remops_actions(g: Game, fr: Frame) -> list[Action]:
    _, f, c, ops, removed = fr
    if ops < g.t.settings.security_removal_cost:
        return [DONE]
    t = g.t
    out = [_act("remove", t.spaces[s].id, t.factions[r].id) for s, r in _removal_targets(g, f)]
    out.append(DONE)
    return out


def _remops_apply(g: Game, fr: Frame, action: Action) -> None:
    _, f, c, ops, removed = fr
    if action.verb == "done":
        g.stack.pop()
        return
    t = g.t
    s, r = t.space_index[action.args[0]], t.faction_index[action.args[1]]
    ctx = _ctx(f, t.cards[c].name)
    _take(g, s, r, None, 1, ctx)
    ops -= t.settings.security_removal_cost
    _replace_top(g, ("remops", f, c, ops, removed + 1))
    if removed == 0 and t.tension is not None and t.settings.removal_tension:
        g.change_track(t.tension, t.settings.removal_tension, ctx)


# diplomacy: 1 soft power where the faction already has influence
def _diplomacy_actions(g: Game, fr: Frame) -> list[Action]:
    f = fr[1]
    return _space_actions(g, "place", g.open_mask(f, SOFT, g.presence[f]))


def _diplomacy_apply(g: Game, fr: Frame, action: Action) -> None:
    f = fr[1]
    s = g.t.space_index[action.args[0]]
    g.stack.pop()
    g._add(s, f, SOFT, 1)
    g.note(f"{_faction_name(g, f)} places 1 soft power in {g.t.spaces[s].name}.", f)


# add: an effect's units, one space at a time
def _add_actions(g: Game, fr: Frame) -> list[Action]:
    _, ctx, f, d, remaining, cond = fr
    return _space_actions(g, "choose", g.open_mask(f, d, space_mask(g, cond, ctx)))


def _add_apply(g: Game, fr: Frame, action: Action) -> None:
    _, ctx, f, d, remaining, cond = fr
    s = g.t.space_index[action.args[0]]
    g._add(s, f, d, 1)
    g.note(f"{_faction_name(g, f)} adds 1 {DOMAIN_WORDS[DOMAINS[d]]} in {g.t.spaces[s].name}.", ctx.actor)
    if remaining > 1:
        _replace_top(g, ("add", ctx, f, d, remaining - 1, cond))
    else:
        _pop(g)


# rem: an effect's removals, one (space, faction) at a time
def _rem_pairs(g: Game, fr: Frame) -> list[tuple[int, int]]:
    _, ctx, ref, d, remaining, cond = fr
    out = []
    for s in bits(space_mask(g, cond, ctx)):
        for f in _targets_at(g, ref, ctx, s, d):
            out.append((s, f))
    return out


def _rem_actions(g: Game, fr: Frame) -> list[Action]:
    t = g.t
    pairs = _rem_pairs(g, fr)
    if fr[2] == "rival":
        return [_act("choose", f"{t.spaces[s].id}/{t.factions[f].id}") for s, f in pairs]
    return [_act("choose", t.spaces[s].id) for s, _ in pairs]


def _rem_apply(g: Game, fr: Frame, action: Action) -> None:
    _, ctx, ref, d, remaining, cond = fr
    t = g.t
    token = action.args[0]
    if "/" in token:
        sid, fid = token.split("/", 1)
        s, f = t.space_index[sid], t.faction_index[fid]
    else:
        s = t.space_index[token]
        f = next(f for ss, f in _rem_pairs(g, fr) if ss == s)
    _take(g, s, f, d, 1, ctx)
    if remaining > 1:
        _replace_top(g, ("rem", ctx, ref, d, remaining - 1, cond))
    else:
        _pop(g)


# move: from a space, then to a space, one unit at a time
def _move_actions(g: Game, fr: Frame) -> list[Action]:
    _, ctx, f, d, remaining, src, dst, origin = fr
    n = g.t.n_factions
    if origin < 0:
        mask = 0
        for s in bits(space_mask(g, src, ctx)):
            if g.infl[(s * n + f) * 3 + d] > 0:
                mask |= 1 << s
        if not g.open_mask(f, d, space_mask(g, dst, ctx)):
            return []
        return _space_actions(g, "choose", mask)
    return _space_actions(g, "choose", g.open_mask(f, d, space_mask(g, dst, ctx)) & ~(1 << origin))


def _move_apply(g: Game, fr: Frame, action: Action) -> None:
    _, ctx, f, d, remaining, src, dst, origin = fr
    s = g.t.space_index[action.args[0]]
    if origin < 0:
        _replace_top(g, ("move", ctx, f, d, remaining, src, dst, s))
        return
    g._add(origin, f, d, -1)
    g._add(s, f, d, 1)
    sp = g.t.spaces
    g.note(f"{_faction_name(g, f)} moves 1 {DOMAIN_WORDS[DOMAINS[d]]} from {sp[origin].name} to {sp[s].name}.", ctx.actor)
    if remaining > 1:
        _replace_top(g, ("move", ctx, f, d, remaining - 1, src, dst, -1))
    else:
        _pop(g)


# choose1: pick one option of an effect
def _choose1_actions(g: Game, fr: Frame) -> list[Action]:
    return [_act("choose", str(i + 1)) for i in range(len(fr[2]))]


def _choose1_apply(g: Game, fr: Frame, action: Action) -> None:
    _, ctx, options = fr
    option = options[int(action.args[0]) - 1]
    g.stack.pop()
    if ctx.actor is not None:
        g.note(f"{_faction_name(g, ctx.actor)} chooses: {option['label']}.", ctx.actor)
    g.stack.append(effects_frame(option.get("effects") or (), ctx))


# consent: a partner joins a joint action, or not
def _consent_actions(g: Game, fr: Frame) -> list[Action]:
    return [Action("yes"), Action("no")]


def _consent_apply(g: Game, fr: Frame, action: Action) -> None:
    _, ctx, partner, then, otherwise, gains = fr
    g.stack.pop()
    agreed = action.verb == "yes"
    g.note(f"{_faction_name(g, partner)} {'agrees' if agreed else 'declines'} ({ctx.source}).", partner)
    if agreed:
        if gains:
            g.stack.append(effects_frame(gains, ctx._replace(actor=partner)))
        g.stack.append(effects_frame(then, ctx))
    elif otherwise:
        g.stack.append(effects_frame(otherwise, ctx))


# intervene: the faction with most security at a crisis may step in
def _intervene_actions(g: Game, fr: Frame) -> list[Action]:
    return [Action("intervene"), Action("decline")]


def _intervene_apply(g: Game, fr: Frame, action: Action) -> None:
    _, c, seat, f, cost = fr
    t = g.t
    crisis = t.crises[c]
    g.stack.pop()
    if action.verb == "intervene":
        g.gain_capital(f, -cost)
        g.note(f"{_faction_name(g, f)} intervenes in {crisis.name} ({cost} capital).", f)
        ctx = Ctx(f, this_space=seat, this_country=t.space_country[seat], source=crisis.name)
        g.stack.append(effects_frame(crisis.intervention, ctx))
    else:
        g.note(f"{_faction_name(g, f)} does not intervene; {crisis.name} runs its course.", f)
        ctx = Ctx(None, this_space=seat, this_country=t.space_country[seat], source=crisis.name)
        g.stack.append(effects_frame(crisis.effects, ctx))


# discard: down to hand size at cleanup
def _discard_actions(g: Game, fr: Frame) -> list[Action]:
    f = fr[1]
    if len(g.hands[f]) <= g.t.factions[f].hand_size:
        return []
    return [_act("discard", g.t.cards[c].id) for c in g.hands[f]]


def _discard_apply(g: Game, fr: Frame, action: Action) -> None:
    f = fr[1]
    c = g.t.card_index[action.args[0]]
    g.hands[f].remove(c)
    g.discard_card(c)
    g.secret_discards.add(c)
    g.note(f"{_faction_name(g, f)} discards a card.", f, f, f"{_faction_name(g, f)} discards {g.t.cards[c].name}.")
    if len(g.hands[f]) <= g.t.factions[f].hand_size:
        g.stack.pop()


_ACTIONS: dict[str, Callable[[Game, Frame], list[Action]]] = {
    "mode": _mode_actions,
    "ops": _ops_actions,
    "remops": _remops_actions,
    "diplomacy": _diplomacy_actions,
    "add": _add_actions,
    "rem": _rem_actions,
    "move": _move_actions,
    "choose1": _choose1_actions,
    "consent": _consent_actions,
    "intervene": _intervene_actions,
    "discard": _discard_actions,
}
_APPLY: dict[str, Callable[[Game, Frame, Action], None]] = {
    "mode": _mode_apply,
    "ops": _ops_apply,
    "remops": _remops_apply,
    "diplomacy": _diplomacy_apply,
    "add": _add_apply,
    "rem": _rem_apply,
    "move": _move_apply,
    "choose1": _choose1_apply,
    "consent": _consent_apply,
    "intervene": _intervene_apply,
    "discard": _discard_apply,
}


def frame_prompt(g: Game, fr: Frame) -> str:
    """What a decision frame asks, in words."""
    t = g.t
    kind = fr[0]
    if kind == "mode":
        return f"play {t.cards[fr[2]].name} for operations, removal or its event?"
    if kind == "ops":
        _, f, c, d, general, bonus, _charged = fr
        extra = sum(a for _, a in bonus)
        more = f" (+{extra} bonus where abilities apply)" if extra else ""
        return f"place {DOMAIN_WORDS[DOMAINS[d]]}: {general} operations left{more}."
    if kind == "remops":
        return f"remove rival influence where you have security: {fr[3]} operations left."
    if kind == "diplomacy":
        return "add 1 soft power where you already have influence."
    if kind == "add":
        return f"choose where to add {DOMAIN_WORDS[DOMAINS[fr[3]]]} for {t.factions[fr[2]].name} ({fr[4]} left)."
    if kind == "rem":
        return f"choose where to remove influence ({fr[4]} left)."
    if kind == "move":
        return "choose where to move influence from." if fr[7] < 0 else "choose where to move it to."
    if kind == "choose1":
        return "choose one: " + "; ".join(f"{i + 1}. {o['label']}" for i, o in enumerate(fr[2]))
    if kind == "consent":
        ctx = fr[1]
        who = t.factions[ctx.actor].name if ctx.actor is not None else "A partner"
        return f"{who} asks you to join {ctx.source}. Agree?"
    if kind == "intervene":
        return f"intervene in {t.crises[fr[1]].name} in {t.spaces[fr[2]].name} for {fr[4]} capital?"
    if kind == "discard":
        return f"discard down to {t.factions[fr[1]].hand_size} cards."
    return ""


__all__ = ["effects_frame", "step", "run_effect", "frame_actions", "frame_apply", "frame_actor", "frame_prompt", "inner"]
