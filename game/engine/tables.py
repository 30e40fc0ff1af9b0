"""Index tables compiled once from a ruleset and scenario: the engine's fast lookup.

Spaces, factions, cards … become small integers; sets of spaces become bitmasks, so
reach and condition checks are a few integer operations. Tables are immutable and
shared by every copy of a game (search clones only the state).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

from game.engine.actions import Action
from game.engine.pickles import field_values
from game.ruleset.model import DOMAINS, Card, Crisis, Faction, Ruleset, Scenario, Space, WorldEvent

N_DOMAINS = len(DOMAINS)
DOMAIN_INDEX = {d: i for i, d in enumerate(DOMAINS)}


_BITS: dict[int, tuple[int, ...]] = {}


def bits(mask: int) -> tuple[int, ...]:
    """The indices of the set bits, lowest first (cached: masks repeat all game long)."""
    hit = _BITS.get(mask)
    if hit is not None:
        return hit
    out = []
    m = mask
    while m:
        low = m & -m
        out.append(low.bit_length() - 1)
        m ^= low
    result = tuple(out)
    if len(_BITS) < 200_000:
        _BITS[mask] = result
    return result


@dataclass(frozen=True)
class Modifier:
    """A modifier of a faction ability (or one added by an effect), ready to query."""

    uid: int
    owner: int
    """Faction index of the ability's owner."""
    hook: str
    spec: dict[str, Any]
    applies_to: frozenset[int]
    """Faction indices it affects."""
    domain: int | None
    """Domain index it is limited to, or None for any."""
    label: str

    def __reduce__(self) -> tuple[type[Modifier], tuple[Any, ...]]:
        return (Modifier, field_values(self))  # compiled, it cannot be pickled attribute by attribute (game/engine/pickles.py)


class Tables:
    def __reduce__(self) -> tuple[type[Tables], tuple[Ruleset, Scenario]]:
        # Pickled (a worker process started by "spawn"), the tables are built again from
        # what they were built of: compiled (game/native.py) they have no __dict__ to send.
        return (Tables, (self.ruleset, self.scenario))

    def __init__(self, ruleset: Ruleset, scenario: Scenario) -> None:
        self.ruleset = ruleset
        self.scenario = scenario
        self.spaces: tuple[Space, ...] = ruleset.spaces
        self.space_index = {s.id: i for i, s in enumerate(self.spaces)}
        self.n_spaces = len(self.spaces)
        self.place_actions = tuple(Action("place", (s.id,)) for s in self.spaces)
        self.choose_actions = tuple(Action("choose", (s.id,)) for s in self.spaces)
        self.all_spaces = (1 << self.n_spaces) - 1
        self.countries = ruleset.countries
        self.country_index = {c.id: i for i, c in enumerate(self.countries)}
        self.space_country = [self.country_index[s.country] for s in self.spaces]
        self.country_spaces = [0] * len(self.countries)
        self.country_capital = [-1] * len(self.countries)
        for i, s in enumerate(self.spaces):
            c = self.space_country[i]
            self.country_spaces[c] |= 1 << i
            if s.is_capital:
                self.country_capital[c] = i
        self.country_tags = [frozenset(c.tags) for c in self.countries]
        self.space_tags = [frozenset(s.tags) for s in self.spaces]

        self.gateway_ids = {g.id for g in ruleset.gateways}
        self.gateway_spaces = {g.id: self._mask(a for a in g.adjacent) for g in ruleset.gateways}
        self.neighbours = [self._mask(a for a in s.adjacent) for s in self.spaces]

        self.corridors = ruleset.corridors
        self.corridor_index = {c.id: i for i, c in enumerate(self.corridors)}
        self.corridor_spaces = [self._mask(c.route) for c in self.corridors]
        self.corridor_gateways = [frozenset(x for x in c.route if x in self.gateway_ids) for c in self.corridors]

        self.tracks = ruleset.tracks
        self.track_index = {t.id: i for i, t in enumerate(self.tracks)}
        self.tension = next((i for i, t in enumerate(self.tracks) if t.role == "tension"), None)

        by_id = {f.id: f for f in ruleset.factions}
        self.factions: tuple[Faction, ...] = tuple(by_id[f] for f in scenario.factions)
        self.faction_index = {f.id: i for i, f in enumerate(self.factions)}
        self.n_factions = len(self.factions)

        self.cards: tuple[Card, ...] = tuple(c for c in ruleset.cards if c.faction is None or c.faction in self.faction_index)
        self.card_index = {c.id: i for i, c in enumerate(self.cards)}
        self.card_domain = [DOMAIN_INDEX[c.type] for c in self.cards]
        self.card_owner = [self.faction_index[c.faction] if c.faction else None for c in self.cards]
        self.events: tuple[WorldEvent, ...] = ruleset.events
        self.event_index = {e.id: i for i, e in enumerate(self.events)}
        self.crises: tuple[Crisis, ...] = ruleset.crises
        overrides: dict[str, Any] = dict(scenario.settings)  # a scenario's own `settings:`
        self.settings = dataclasses.replace(ruleset.settings, **overrides)
        self.action_rounds = scenario.action_rounds or self.settings.action_rounds
        """Actions each faction takes per round (the scenario's own number, if it has one)."""

        self._static_masks: dict[int, tuple[dict[str, Any], int | None]] = {}
        self._static_terms: dict[tuple[str, Any], int | None] = {}
        self._static_bounds: dict[int, tuple[dict[str, Any], int]] = {}
        self.modifiers = self._compile_abilities()

    def _mask(self, ids: Any) -> int:
        m = 0
        for x in ids:
            i = self.space_index.get(x)
            if i is not None:
                m |= 1 << i
        return m

    # ----- factions and modifiers -------------------------------------------------
    def resolve_who(self, who: str, owner: int) -> frozenset[int]:
        everyone = range(self.n_factions)
        if who == "self":
            return frozenset((owner,))
        if who == "others":
            return frozenset(f for f in everyone if f != owner)
        if who == "any":
            return frozenset(everyone)
        f = self.faction_index.get(who)
        return frozenset(() if f is None else (f,))

    def make_modifier(self, uid: int, owner: int, spec: dict[str, Any], label: str) -> Modifier:
        domain = spec.get("domain", "any")
        return Modifier(
            uid=uid,
            owner=owner,
            hook=str(spec["on"]),
            spec=spec,
            applies_to=self.resolve_who(str(spec.get("who", "self")), owner),
            domain=None if domain in (None, "any") else DOMAIN_INDEX[domain],
            label=str(spec.get("label") or label),
        )

    def _compile_abilities(self) -> tuple[Modifier, ...]:
        out: list[Modifier] = []
        for fi, f in enumerate(self.factions):
            for ability in f.abilities:
                for spec in ability.modifiers:
                    out.append(self.make_modifier(len(out), fi, spec, ability.name))
        return tuple(out)

    # ----- static conditions --------------------------------------------------------
    STATIC_TERMS: ClassVar[frozenset[str]] = frozenset({"space", "country", "country_tag", "tag", "corridor", "gateway", "anywhere"})

    def static_mask(self, cond: dict[str, Any] | None) -> int | None:
        """The spaces a condition selects, if it depends only on the map; else None."""
        if cond is None:
            return self.all_spaces
        key = id(cond)
        hit = self._static_masks.get(key)
        if hit is not None:
            return hit[1]
        mask = self._compute_static(cond)
        self._static_masks[key] = (cond, mask)  # keep cond alive so its id is not reused
        return mask

    def static_bound(self, cond: dict[str, Any]) -> int:
        """The spaces a condition's map terms allow, whatever the game: a condition that also
        reads the game (`leader: self`) need be tried only there."""
        key = id(cond)
        hit = self._static_bounds.get(key)
        if hit is not None:
            return hit[1]
        mask = self.all_spaces
        for term, value in cond.items():  # once a condition: no need of `static_term`'s memory
            part = self._compute_static({term: value})
            if part is not None:
                mask &= part
        self._static_bounds[key] = (cond, mask)  # keep cond alive so its id is not reused
        return mask

    def static_term(self, term: str, value: Any) -> int | None:
        """The spaces one term (`term: value`) selects, if it depends only on the map; else
        None. Remembered by the term's value: conditions that also read the game ask this of
        their map terms space after space (a condition's own dict is remembered by
        `static_mask`, but a dict made for one term would be a new one at every call)."""
        if term not in self.STATIC_TERMS:
            return None
        key = (term, inner(value, _SCALAR[term]))
        try:
            if key in self._static_terms:
                return self._static_terms[key]
        except TypeError:  # an unhashable value (a mistyped mod): worked out, not remembered
            return self._compute_static({term: value})
        mask = self._static_terms[key] = self._compute_static({term: value})
        return mask

    def _compute_static(self, cond: dict[str, Any]) -> int | None:
        mask = self.all_spaces
        for term, value in cond.items():
            if term in ("not",):
                negated = self._compute_static(inner(value, "condition"))
                if negated is None:
                    return None
                mask &= self.all_spaces & ~negated
            elif term in ("all", "any"):
                parts = [self._compute_static(c) for c in inner(value, "conditions")]
                if any(p is None for p in parts):
                    return None
                acc = self.all_spaces if term == "all" else 0
                for p in parts:
                    assert p is not None
                    acc = acc & p if term == "all" else acc | p
                mask &= acc
            elif term in self.STATIC_TERMS:
                v = inner(value, _SCALAR[term])
                if v == "this":
                    return None
                mask &= self._term_mask(term, v)
            else:
                return None
        return mask

    def _term_mask(self, term: str, v: Any) -> int:
        if term == "anywhere":
            return self.all_spaces if v else 0
        if term == "space":
            i = self.space_index.get(v)
            return 0 if i is None else 1 << i
        if term == "country":
            c = self.country_index.get(v)
            return 0 if c is None else self.country_spaces[c]
        if term == "country_tag":
            return sum(1 << i for i in range(self.n_spaces) if v in self.country_tags[self.space_country[i]])
        if term == "tag":
            return sum(1 << i for i in range(self.n_spaces) if v in self.space_tags[i])
        if term == "corridor":
            k = self.corridor_index.get(v)
            return 0 if k is None else self.corridor_spaces[k]
        if term == "gateway":
            return self.gateway_spaces.get(v, 0)
        raise KeyError(term)


_SCALAR = {
    "space": "id",
    "country": "id",
    "country_tag": "tag",
    "tag": "tag",
    "corridor": "id",
    "gateway": "id",
    "anywhere": "value",
}


def inner(value: Any, param: str) -> Any:
    """A term's value written either bare (`country: x`) or as a mapping (`country: {id: x}`)."""
    if isinstance(value, dict) and param in value:
        return value[param]
    return value
