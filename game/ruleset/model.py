"""The validated ruleset: what the YAML in `rules/` says, as typed, immutable values.

Data flows one way: YAML -> (loader, schema, cross-reference checks) -> `Ruleset` ->
engine. The engine never sees YAML nodes; every entry remembers where it came from
(`origin`) so later problems can still be reported as `file:line:column`.

Effects, conditions and modifiers stay as plain (validated) dicts: their vocabulary is
described in `game.ruleset.vocabulary` and interpreted by `game.engine.effects`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DOMAINS: tuple[str, ...] = ("soft_power", "security", "trade")
"""The three kinds of influence. Fixed by the game's design, not content."""

Effect = dict[str, Any]
Condition = dict[str, Any]
Modifier = dict[str, Any]


@dataclass(frozen=True)
class Origin:
    """Where an entry was written: shown to modders in every problem about it."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NOWHERE = Origin("<none>", 0, 0)


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    tags: tuple[str, ...] = ()
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Space:
    id: str
    name: str
    country: str
    stability: int
    adjacent: tuple[str, ...]
    """Ids of neighbouring spaces *and* gateways."""
    tags: tuple[str, ...] = ()
    """Includes `capital` for the country's capital."""
    city: tuple[float, float] | None = None
    """(longitude, latitude) of the city the space is drawn around."""
    shape: str | None = None
    """Id of the geometry in `assets/map/`; defaults to the space id."""
    origin: Origin = NOWHERE

    @property
    def is_capital(self) -> bool:
        return "capital" in self.tags


@dataclass(frozen=True)
class Gateway:
    """An off-map entry point for outside powers. Never scored."""

    id: str
    name: str
    adjacent: tuple[str, ...]
    """Ids of the spaces it touches."""
    direction: str = ""
    city: tuple[float, float] | None = None
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Corridor:
    id: str
    name: str
    route: tuple[str, ...]
    """Ordered ids of spaces and gateways."""
    description: str = ""
    source: str = ""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Track:
    id: str
    name: str
    min: int
    max: int
    role: str = ""
    """`tension` marks the track whose crisis and breakdown marks the round checks."""
    crisis_at: int | None = None
    breakdown_at: int | None = None
    cleanup_change: int = 0
    """Added at cleanup each round (tension falls by 1)."""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Ability:
    id: str
    name: str
    text: str
    modifiers: tuple[Modifier, ...]
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class SummitScoring:
    """VP a faction scores at each summit."""

    per_dominated: int = 0
    per_aligned: int = 0
    per_balanced: int = 0
    per_present: int = 0
    """VP per country where it leads a space without the country being aligned with it or
    dominated by it (a foothold)."""
    per_capital: int = 0
    """VP per capital it leads, on top of the country's status."""
    per_space: int = 0
    """VP per space it leads, wherever it is (a fine-grained count beside the countries')."""
    plus_tracks: tuple[str, ...] = ()
    """Tracks whose level is added as VP (Kazakhstan's integration)."""


@dataclass(frozen=True)
class BalanceBonus:
    """VP at the end of a balanced game if the balance index is high enough."""

    at_least: int
    vp: int


@dataclass(frozen=True)
class Faction:
    id: str
    name: str
    adjective: str
    gateways: tuple[str, ...]
    base_income: int
    hand_size: int
    abilities: tuple[Ability, ...]
    scoring: SummitScoring
    wins_by_domination: bool = True
    balance_bonus: BalanceBonus | None = None
    colour: str = "#888888"
    emblem: str = ""
    bot: dict[str, float] = field(default_factory=dict)
    """Heuristic bot weights (a modder tunes a bot's character here)."""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Card:
    id: str
    name: str
    faction: str | None
    """Owner; None for a regional card anyone can draw."""
    type: str
    """One of DOMAINS: the domain its operations place."""
    cost: int
    ops: int
    event: tuple[Effect, ...]
    flavour: str = ""
    source: str = ""
    hypothetical: bool = False
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class WorldEvent:
    id: str
    name: str
    effects: tuple[Effect, ...]
    from_round: int = 1
    flavour: str = ""
    source: str = ""
    hypothetical: bool = False
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Crisis:
    id: str
    name: str
    where: Condition
    """Which spaces the crisis may strike; the game's generator picks its seat among them.
    Inside its effects, `this` is the seat (`{space: this}`) and its country (`{country: this}`)."""
    effects: tuple[Effect, ...]
    """Resolved when nobody intervenes (no acting faction: choices fall to the generator)."""
    intervention_cost: int
    intervention: tuple[Effect, ...]
    """Resolved for the intervening faction (`self` is the intervener)."""
    flavour: str = ""
    source: str = ""
    hypothetical: bool = False
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class StartingInfluence:
    space: str
    faction: str
    amounts: tuple[tuple[str, int], ...]
    """(domain, amount) pairs."""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Scenario:
    id: str
    name: str
    start_year: int
    rounds: int
    summit_rounds: tuple[int, ...]
    factions: tuple[str, ...]
    """Factions in play, in scenario order (breaks turn-order ties)."""
    capital: tuple[tuple[str, int], ...]
    tracks: tuple[tuple[str, int], ...]
    influence: tuple[StartingInfluence, ...]
    briefings: tuple[tuple[str, str], ...] = ()
    description: str = ""
    action_rounds: int = 0
    """Actions each faction takes per round in this scenario (0: `settings.action_rounds`)."""
    settings: tuple[tuple[str, int], ...] = ()
    """Settings this scenario plays with instead of the ruleset's (`settings:` keys)."""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Settings:
    """Numbers of the round structure (DESIGN §3). Values marked (tune) in DESIGN."""

    action_rounds: int = 3
    security_removal_cost: int = 2
    """Ops spent per unit of rival influence removed by security operations."""
    removal_tension: int = 1
    """Tension added by a security operation that removes influence."""
    income_per_corridor: int = 1
    pass_capital: int = 1
    diplomacy_cost: int = 1
    regional_draws: int = 1
    """Cards drawn from the regional deck each round before the faction deck."""
    domination_countries: int = 3
    domination_domains: int = 2
    """Domains in which a dominating faction must have the most influence country-wide."""
    domination_lead: int = 0
    """VP by which an outside power must lead every other outside power at a summit to win
    at once (regional hegemony), while also ahead of every faction that cannot win by
    domination; 0: no such win."""
    domination_lead_from_summit: int = 1
    """The first summit of the game (1, 2 …) at which a VP lead can win: a lead counted at
    the first summit is only the starting position."""
    aligned_share: int = 0
    """Percent of a dominated country that a country aligned with an outside power counts
    toward `domination_countries` (0: only dominated countries count)."""
    final_summit_factor: int = 1
    """The last summit's VP are multiplied by this."""
    summit_postpone_chance: int = 0
    """Percent chance that a summit other than the last is postponed to the next round."""
    event_discount: int = 0
    """Capital a card costs less when it is played for its event."""
    event_ops_kept: int = 0
    """Operations of its domain a card still gives when played for its event (at most its
    own `ops`), placed after the event resolves; 0: an event replaces the operations."""
    domination_summits: int = 1
    """Summits in a row at which an outside power must hold `domination_countries` of the
    region on the map to win by it."""
    """Summits in a row at which an outside power must hold `domination_countries` of the
    region on the map to win by it."""
    domination_map_from_summit: int = 1
    """The first summit of the game (1, 2 …) at which holding the map can win (a sphere
    held at an earlier one still counts for `domination_summits`)."""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Ruleset:
    countries: tuple[Country, ...]
    spaces: tuple[Space, ...]
    gateways: tuple[Gateway, ...]
    corridors: tuple[Corridor, ...]
    tracks: tuple[Track, ...]
    factions: tuple[Faction, ...]
    cards: tuple[Card, ...]
    events: tuple[WorldEvent, ...]
    crises: tuple[Crisis, ...]
    scenarios: tuple[Scenario, ...]
    settings: Settings = Settings()
    identity: str = ""
    """A digest of what the rules say for play (`game.ruleset.identity`): a save records it
    so it is replayed on the same rules."""
    former_identities: tuple[str, ...] = ()
    """What earlier versions recorded as the identity of these very files: their saves load too."""
    mods: tuple[str, ...] = ()
    """The mods laid over the base rules, in load order, as `id version`."""
    language: str = "en"
    """The language of its names and texts (`game.ruleset.localize`); the rules are the same."""
    phrases: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Content text that is not a field of an entry — rule texts generated from effects and
    the labels inside effects — from English to `language` (empty: English)."""
    english: Ruleset | None = field(default=None, compare=False, hash=False, repr=False)
    """The ruleset this one was translated from (None: this one is the source)."""

    def phrase(self, english: str) -> str:
        """A rule text or label of the rules, in the ruleset's language (English if untranslated)."""
        return self.phrases.get(english, english) if english else english

    def counts(self) -> dict[str, int]:
        return {
            "factions": len(self.factions),
            "countries": len(self.countries),
            "spaces": len(self.spaces),
            "gateways": len(self.gateways),
            "corridors": len(self.corridors),
            "cards": len(self.cards),
            "events": len(self.events),
            "crises": len(self.crises),
            "scenarios": len(self.scenarios),
        }

    def scenario(self, scenario_id: str | None = None) -> Scenario:
        """The named scenario, or the first one (the default)."""
        if scenario_id is None:
            return self.scenarios[0]
        for s in self.scenarios:
            if s.id == scenario_id:
                return s
        raise KeyError(scenario_id)
