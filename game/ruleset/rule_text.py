"""Rule text generated from effects, conditions and modifiers: the one line a card shows.

It is made from the same data the engine runs, so a card can never say one thing and
do another. `rule_text(card.event, ruleset)` -> "Add 2 security in Tajikistan. Raise
regional tension by 1." (names come from the ruleset, never from this module).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.ruleset.model import Ruleset

DOMAIN_WORDS = {"soft_power": "soft power", "security": "security", "trade": "trade", "any": "influence"}


class _Names:
    def __init__(self, rules: Ruleset) -> None:
        self.country = {c.id: c.name for c in rules.countries}
        self.space = {s.id: s.name for s in rules.spaces}
        self.gateway = {g.id: g.name for g in rules.gateways}
        self.corridor = {c.id: c.name for c in rules.corridors}
        self.track = {t.id: t.name for t in rules.tracks}
        self.faction = {f.id: f.name for f in rules.factions}

    def who(self, ref: Any, subject: bool = False) -> str:
        if ref in (None, "self"):
            return "you"
        if ref == "rival":
            return "a rival"
        if ref == "leader":
            return "the leader"
        if ref == "this":
            return "that faction"
        if ref in ("any", "all"):
            return "any faction"
        return self.faction.get(ref, str(ref))

    def track_name(self, tid: str) -> str:
        name = self.track.get(tid, tid)
        return name[0].lower() + name[1:] if name[:1].isupper() and not name[1:2].isupper() else name


def _v(value: Any, key: str) -> Any:
    return value[key] if isinstance(value, dict) and key in value else value


def _words(tag: str) -> str:
    """A tag as words: short ones are acronyms (CSTO), others read as a name (Fergana valley)."""
    words = tag.replace("-", "_").split("_")
    out = [w.upper() if len(w) <= 4 and w.isalpha() and i == 0 else w for i, w in enumerate(words)]
    text = " ".join(out)
    return text[:1].upper() + text[1:]


_PLACE_TERMS = ("tag", "country", "country_tag")


def where_text(cond: dict[str, Any] | None, n: _Names, each: bool = False) -> str:
    """A condition on spaces as a phrase: 'in Tajikistan', 'in capitals of CSTO countries'.
    With `each`, the phrase names every matching space: 'in every capital of …'."""
    if not cond or cond.get("anywhere") is True and len(cond) == 1:
        return "in every space" if each else "anywhere"
    tag = _v(cond["tag"], "tag") if "tag" in cond else None
    plural = "capitals" if tag == "capital" else f"{_words(tag)} spaces" if tag else "spaces"
    single = "capital" if tag == "capital" else f"{_words(tag)} space" if tag else "space"
    region = ""
    if "country" in cond:
        v = _v(cond["country"], "id")
        region = "that country" if v == "this" else n.country.get(v, v)
    elif "country_tag" in cond:
        region = f"{_words(_v(cond['country_tag'], 'tag'))} countries"
    if each:
        head = f"in every {single}" + (f" of {region}" if region else "")
    elif tag:
        head = f"in {plural}" + (f" of {region}" if region else "")
    else:
        head = f"in {region}" if region else ""
    terms = {t: v for t, v in cond.items() if t not in _PLACE_TERMS and t != "anywhere"}
    rival_leads = _v(terms.get("leader"), "faction") == "any" and _is_self_leading(terms.get("not"))
    if rival_leads:  # someone leads, not you: a rival
        del terms["leader"], terms["not"]
    rest = [r for r in (_term_text(t, v, n) for t, v in terms.items()) if r]
    # places first ("in dominated countries"), then what must hold there ("where a rival leads")
    places = [r for r in rest if r.startswith(("in ", "on ", "next to ", "outside "))]
    clauses = [r for r in rest if r not in places] + (["where a rival leads"] if rival_leads else [])
    if each and not head:
        head = "in every space"
    return " ".join(p for p in [head, " and ".join(places), " and ".join(clauses)] if p) or "anywhere"


def _is_self_leading(cond: Any) -> bool:
    inner = _v(cond, "condition")
    return isinstance(inner, dict) and len(inner) == 1 and _v(inner.get("leader"), "faction") in (None, "self") and "leader" in inner


_STATUS_WORDS = {"dominated": "dominated", "aligned": "aligned", "balanced": "balanced"}


_BY_RIVAL = {"dominated": "dominated by", "aligned": "aligned with"}


def _status_place(value: Any) -> str | None:
    """A country status as a place, 'dominated' in 'in dominated countries' (None if the
    condition names a country or a faction other than `rival`: that reads as a clause)."""
    if not isinstance(value, dict) or value.get("country") not in (None, "this"):
        return None
    status = value.get("status", "")
    if value.get("faction") == "rival":  # 'dominated by' in 'in countries dominated by a rival'
        return _BY_RIVAL.get(status)
    return None if value.get("faction") else _STATUS_WORDS.get(status)


def _status_places(statuses: list[str], by_rival: bool) -> str:
    """'dominated or aligned countries'; by a rival, 'countries dominated by or aligned with a rival'."""
    joined = " or ".join(statuses)
    return f"countries {joined} a rival" if by_rival else f"{joined} countries"


def _term_text(term: str, value: Any, n: _Names) -> str:
    if term == "anywhere":
        return "anywhere"
    if term == "space":
        v = _v(value, "id")
        return "there" if v == "this" else f"in {n.space.get(v, v)}"
    if term == "country":
        v = _v(value, "id")
        return "in that country" if v == "this" else f"in {n.country.get(v, v)}"
    if term == "country_tag":
        return f"in {_words(_v(value, 'tag'))} countries"
    if term == "tag":
        tag = _v(value, "tag")
        return "in capitals" if tag == "capital" else f"in {_words(tag)} spaces"
    if term == "corridor":
        v = _v(value, "id")
        return f"on the {n.corridor.get(v, v)}"
    if term == "gateway":
        v = _v(value, "id")
        return f"next to the {n.gateway.get(v, v)} gateway"
    if term == "influence_at_least":
        who = n.who(value.get("faction"))
        dom = DOMAIN_WORDS[value.get("domain", "any")]
        have = "have" if who == "you" else "has"
        return f"where {who} {have} at least {value.get('amount', 1)} {dom}"
    if term == "leader":
        who = _v(value, "faction")
        if who == "any":
            return "where someone leads"
        if who in (None, "self"):
            return "where you lead"
        return f"where {n.who(who)} leads"
    if term == "contested":
        return "in contested spaces" if _v(value, "value") else "in led spaces"
    if term == "not":
        if _is_self_leading(value):
            return "where you do not lead"
        inner = where_text(_v(value, "condition"), n)
        return inner.replace("in ", "outside ", 1) if inner.startswith("in ") else f"not {inner}"
    place = _status_place(value) if term == "country_status" else None
    if place:
        return f"in {_status_places([place], value.get('faction') == 'rival')}"
    if term in ("all", "any"):
        joiner = " and " if term == "all" else " or "
        conds = list(_v(value, "conditions"))
        statuses = [_status_place(c.get("country_status")) if isinstance(c, dict) and len(c) == 1 else None for c in conds]
        bys = {c["country_status"].get("faction") for c in conds} if all(statuses) else set()
        if term == "any" and len(bys) == 1:
            # 'in dominated or aligned countries', not 'that country is dominated or that country is aligned'
            return f"in {_status_places([s for s in statuses if s], bys == {'rival'})}"
        return joiner.join(where_text(c, n) for c in conds)
    return game_condition_text({term: value}, n)


def game_condition_text(cond: dict[str, Any], n: _Names) -> str:
    parts = []
    for term, value in cond.items():
        if term == "track_at_least":
            parts.append(f"{n.track_name(value['track'])} is {value['value']} or more")
        elif term == "track_at_most":
            parts.append(f"{n.track_name(value['track'])} is {value['value']} or less")
        elif term == "flag":
            parts.append(f"“{_words(_v(value, 'name'))}” is in force")
        elif term == "round_at_least":
            parts.append(f"it is round {_v(value, 'round')} or later")
        elif term == "scenario_rounds_at_most":
            parts.append(f"the game lasts {_v(value, 'rounds')} rounds or fewer")
        elif term == "faction_is":
            parts.append(f"you are {n.who(_v(value, 'faction'))}")
        elif term == "in_play":
            parts.append(f"{n.who(_v(value, 'faction'))} is in play")
        elif term == "country_status":
            country = value.get("country")
            subject = "that country" if country in (None, "this") else n.country.get(country, country)
            status = value["status"]
            by = f" by {n.who(value['faction'])}" if value.get("faction") and status != "balanced" else ""
            if status == "aligned" and by:
                by = by.replace(" by ", " with ")
            parts.append(f"{subject} is {status}{by}")
        else:
            parts.append(_term_text(term, value, n))
    return " and ".join(parts)


GAME_TERMS = ("track_at_least", "track_at_most", "flag", "round_at_least", "scenario_rounds_at_most", "faction_is", "in_play", "country_status")
"""Condition terms on the game (said by `game_condition_text`), not on a space."""


def condition_text(cond: dict[str, Any] | None, n: _Names) -> str:
    if not cond:
        return "always"
    return " and ".join(
        _term_text(t, v, n) if t not in GAME_TERMS
        else game_condition_text({t: v}, n)
        for t, v in cond.items()
    )  # fmt: skip


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _list_text(effects: Sequence[dict[str, Any]], n: _Names) -> str:
    return " ".join(_sentence(effect_text(e, n)) for e in effects)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def effect_text(effect: dict[str, Any], n: _Names) -> str:
    ((name, p),) = effect.items()
    if not isinstance(p, dict):
        p = {"flag": p} if name == "set_flag" else {}
    amount = p.get("amount", 1)
    if name == "add_influence":
        whose = "" if p.get("faction", "self") == "self" else f" for {n.who(p['faction'])}"
        where = where_text(p.get("where"), n, each=bool(p.get("spread")))
        if amount > 1 and not p.get("spread") and where != "there":
            where += " (one space at a time)"
        return f"add {amount} {DOMAIN_WORDS[p['domain']]}{whose} {where}"
    if name == "remove_influence":
        ref = p.get("faction", "rival")
        dom = DOMAIN_WORDS[p.get("domain", "any")]
        whose = {"rival": f"rival {dom}", "leader": f"of the leader's {dom}", "self": f"of your {dom}"}.get(ref, f"of {n.who(ref)}'s {dom}")
        return f"remove {amount} {whose} {where_text(p.get('where'), n, each=bool(p.get('spread')))}"
    if name == "move_influence":
        whose = "" if p.get("faction", "self") == "self" else f" of {n.who(p['faction'])}'s"
        return f"move {amount}{whose} {DOMAIN_WORDS[p['domain']]} from a space {where_text(p['from'], n)} to one {where_text(p['to'], n)}"
    if name == "change_track":
        by = int(p["by"])
        return f"{'raise' if by > 0 else 'lower'} {n.track_name(p['track'])} by {abs(by)}"
    if name in ("gain_capital", "gain_vp"):
        unit = "capital" if name == "gain_capital" else "VP"
        amt = int(p["amount"])
        who = p.get("faction", "self")
        if who == "self":
            return f"{'gain' if amt >= 0 else 'lose'} {abs(amt)} {unit}"
        return f"{n.who(who)} {'gains' if amt >= 0 else 'loses'} {abs(amt)} {unit}"
    if name == "draw":
        count = p.get("count", 1)
        who = p.get("faction", "self")
        noun = "card" if count == 1 else "cards"
        return f"draw {count} {noun}" if who == "self" else f"{n.who(who)} draws {count} {noun}"
    if name == "choose_one":
        opts = [f"{o.get('label', '?')} ({_lower_first(_list_text(o.get('effects') or [], n)).rstrip('.')})" for o in p["options"]]
        return "choose one: " + "; or ".join(opts)
    if name == "for_each":
        body = _lower_first(_list_text(p["do"], n)).rstrip(".")
        if "spaces" in p:
            return f"for each space {where_text(p['spaces'], n)}: {body}"
        if "countries" in p:
            return f"for each country {where_text(p['countries'], n)}: {body}".replace(" anywhere", "")
        fs = p.get("factions", "all")
        if isinstance(fs, list):
            group = "each of " + ", ".join(map(n.who, fs))
        else:
            group = {"all": "each faction", "rivals": "each rival", "others": "each other faction"}.get(fs, n.who(fs))
        return f"for {group}: {body}"
    if name == "if":
        then = _lower_first(_list_text(p["then"], n)).rstrip(".")
        text = f"if {condition_text(p['condition'], n)}: {then}"
        if p.get("else"):
            text += f"; otherwise {_lower_first(_list_text(p['else'], n)).rstrip('.')}"
        return text
    if name == "add_modifier":
        rounds = p.get("rounds", 1)
        span = "this round" if rounds == 1 else f"{rounds} rounds"
        whom = "" if p.get("faction", "self") == "self" else f" {n.who(p['faction'])}:"
        return f"for {span},{whom} {_lower_first(modifier_text(p['modifier'], n, p.get('faction', 'self')))}".rstrip(".")
    if name == "set_flag":
        rounds = p.get("rounds", 1)
        span = "this round" if rounds == 1 else f"{rounds} rounds"
        return f"“{_words(str(p['flag']))}” is in force for {span}"
    if name == "ask_consent":
        partner = n.who(p["faction"])
        text = f"ask {partner} to join: if they agree, {_lower_first(_list_text(p['then'], n)).rstrip('.')}"
        if p.get("partner_gains"):
            text += f" and {partner} gets: {_lower_first(_list_text(p['partner_gains'], n)).rstrip('.')}"
        if p.get("otherwise"):
            text += f"; if not, {_lower_first(_list_text(p['otherwise'], n)).rstrip('.')}"
        return text
    if name == "block_corridor":
        rounds = p.get("rounds", 1)
        span = "this round" if rounds == 1 else f"{rounds} rounds"
        return f"the {n.corridor.get(p['corridor'], p['corridor'])} earns no income for {span}"
    if name == "develop_corridor":
        return f"develop the {n.corridor.get(p['corridor'], p['corridor'])}: +{p.get('by', 1)} income for each faction leading a space on it"
    return name.replace("_", " ")


_WHEN_EFFECTS = {"round_end": "at cleanup", "summit": "after each summit"}
"""The hooks that resolve effects at a moment of the round, and that moment in words."""


def modifier_text(mod: dict[str, Any], n: _Names, owner: str | None = None) -> str:
    """A modifier in words; `owner` is the faction whose ability it is (a toll is paid to it)."""
    hook = mod.get("on", "")
    dom = DOMAIN_WORDS[mod.get("domain", "any")]
    where = f" {where_text(mod['where'], n)}" if mod.get("where") else ""
    who = mod.get("who", "self")
    subject = "" if who == "self" else f"{'others' if who == 'others' else n.who(who)}: "
    unless = f", unless {condition_text(mod['unless'], n)}" if mod.get("unless") else ""
    if hook == "place_influence":
        parts = []
        if mod.get("ops_bonus"):
            parts.append(f"+{mod['ops_bonus']} {dom} operation{where}")
        cost = int(mod.get("extra_cost", 0))
        if cost > 0:
            to = f", paid to {n.who(owner) if owner else 'the owner of the ability'}" if mod.get("toll") else ""
            parts.append(f"placing {dom}{where} costs {cost} capital more{to}")
        elif cost < 0:
            parts.append(f"placing {dom}{where} costs {-cost} capital less")
        return subject + "; ".join(parts) + unless
    if hook == "play_card":
        parts = []
        kind = "your own " if mod.get("own_cards") else ""
        cards = f"{kind}{dom + ' ' if dom != 'influence' else ''}cards"
        if mod.get("cost_delta"):
            parts.append(f"{cards} cost {abs(mod['cost_delta'])} {'more' if mod['cost_delta'] > 0 else 'less'}")
        if not mod.get("effects"):
            return subject + "; ".join(parts) + unless
        # The condition goes first (or with the trigger): after the effects it read as the
        # last effect's alone ("… Gain 1 VP, unless tension is 3 or less").
        effects = _lower_first(_list_text(mod["effects"], n)).rstrip(".")
        if parts and unless:
            return f"{subject}unless {condition_text(mod['unless'], n)}: " + "; ".join([*parts, f"after playing {cards}: {effects}"])
        return subject + "; ".join([*parts, f"after playing {cards}{unless}: {effects}"])
    if hook == "income":
        return f"{subject}+{mod['capital']} capital income{unless}"
    if hook == "leadership":
        said = []
        if int(mod.get("weight", 1)) != 1:
            said.append(f"{dom}{where} counts {mod['weight']}× for leadership")
        if int(mod.get("bonus", 0)):
            said.append(f"+{mod['bonus']} to the leadership total{where} where it holds {dom}")
        return subject + "; ".join(said or [f"{dom}{where} counts 1× for leadership"]) + unless
    if hook == "influence_cap":
        return f"{subject}at most {mod['max']} {dom} per space{where}{unless}"
    if hook == "stability":
        everywhere = " everywhere" if not mod.get("where") or mod["where"] == {"anywhere": True} else where
        parts = []
        if mod.get("by"):
            parts.append(f"{int(mod['by']):+d} stability{everywhere}")
        if mod.get("by_track"):
            parts.append(f"+1 stability{everywhere} per level of {n.track_name(mod['by_track'])}")
        return "; ".join(parts) + unless
    if hook == "reach":
        if mod.get("gateway"):
            return f"{subject}reaches through the {n.gateway.get(mod['gateway'], mod['gateway'])} gateway{unless}"
        return f"{subject}may always place {dom}{where}{unless}"
    if hook in _WHEN_EFFECTS:
        return f"{subject}{_WHEN_EFFECTS[hook]}{unless}: {_lower_first(_list_text(mod['effects'], n)).rstrip('.')}"
    if hook == "crisis_intervention":
        delta = int(mod["cost_delta"])
        how = "free" if delta <= -50 else f"{abs(delta)} capital {'cheaper' if delta < 0 else 'dearer'}"
        return f"{subject}intervening in a crisis{where} is {how}{unless}"
    if hook == "special_action":
        return f"once a round, {mod.get('name', 'an extra action')}: {_lower_first(_list_text(mod['effects'], n)).rstrip('.')}"
    return hook.replace("_", " ")


def rule_text(effects: Sequence[dict[str, Any]], ruleset: Ruleset) -> str:
    """One line a player reads: every effect of the list as a sentence, in the ruleset's
    language. The English sentence is generated; a translated ruleset looks it up in its
    content catalogue (a whole sentence per card, so each language shapes it its own way),
    and an untranslated or changed one reads in English."""
    return ruleset.phrase(_list_text(effects, _Names(ruleset.english or ruleset)))


def modifier_rule_text(mod: dict[str, Any], ruleset: Ruleset) -> str:
    return ruleset.phrase(_sentence(modifier_text(mod, _Names(ruleset.english or ruleset))))
