"""The rules format as a table: every top-level key, entry kind and field, described.

`schema.py` reads the fields; this table says what they are for people and editors:
the JSON Schema (`game.modding.editor_schema`) and the modding reference
(`docs/MODDING.md`, `game.modding.reference`) are generated from it and from
`game.ruleset.vocabulary`. A test reads the base rules and the test fixtures with the
readers and checks that they ask for exactly the keys listed here, and that defaults
match the model's, so the table cannot drift from the code.

Field types (`FieldSpec.type`):
- `id` (the entry's own id), `text`, `int` (with `lo`/`hi`), `number`, `bool`,
  `colour` (`"#rrggbb"`), `lonlat` (`[longitude, latitude]`)
- `choice` (one of `options`), `domain` (soft_power, security or trade)
- `tags`: a list of free words; `ref`: the id of a `ref` kind; `refs`: a list of them
- `int_map` / `text_map`: a mapping from ids of the `ref` kind to whole numbers / text
- `int_list`: a list of whole numbers; `weights`: a mapping from `BOT_WEIGHTS` names to numbers
- `object`: a mapping with its own `fields`; `objects`: a list of such mappings
- `effects`, `condition`, `modifier`, `modifiers`: the vocabulary (see vocabulary.py)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from game.ruleset.model import DOMAINS


@dataclass(frozen=True)
class FieldSpec:
    type: str
    description: str
    required: bool = False
    """Required in a new entry (an entry a mod merges over an existing one may omit it)."""
    default: object = None
    lo: int | None = None
    hi: int | None = None
    ref: str = ""
    """For `ref`, `refs`, `int_map`, `text_map`: the kind of id (space, gateway, place,
    country, faction, track, corridor)."""
    options: tuple[str, ...] = ()
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    """For `object` and `objects`: the keys of the inner mapping."""


@dataclass(frozen=True)
class KindSpec:
    singular: str
    description: str
    fields: dict[str, FieldSpec]


def _f(type_: str, description: str, required: bool = False, default: object = None, **more: object) -> FieldSpec:
    return FieldSpec(type_, description, required, default, **more)  # type: ignore[arg-type]


_ID = _f("id", "The entry's id: lowercase letters, digits, `-` and `_`, starting with a letter. "
         "A mod entry with an existing id changes that entry.", required=True)  # fmt: skip
_NAME = _f("text", "The name shown to players.", required=True)
_FLAVOUR = _f("text", "A line of real-world background shown in italics.", default="")
_SOURCE = _f(
    "text",
    "Where the facts come from: `regionalization-article` or a short name from the sources list.",
    default="",
)
_HYPOTHETICAL = _f("bool", "True for an invented situation (the flavour still states only what is real).", default=False)
_CITY = _f("lonlat", "`[longitude, latitude]` of the city the space (or gateway marker) is drawn around.")

ABILITY_FIELDS: dict[str, FieldSpec] = {
    "id": _f("id", "The ability's id, unique within the faction.", required=True),
    "name": _f("text", "The ability's name.", required=True),
    "text": _f("text", "What it does, in one sentence for players.", required=True),
    "modifier": _f("modifier", "One modifier (write either `modifier` or `modifiers`)."),
    "modifiers": _f("modifiers", "A list of modifiers (write either `modifier` or `modifiers`)."),
}

SETTING_LIMIT = 1000
"""The largest value of a setting that has no tighter bound."""

SETTINGS: dict[str, FieldSpec] = {
    "action_rounds": _f("int", "Actions each faction takes per round.", default=3, lo=1, hi=20),
    "security_removal_cost": _f("int", "Security operations spent per unit of rival influence removed.", default=2, lo=0, hi=SETTING_LIMIT),
    "removal_tension": _f("int", "Tension added by a security operation that removes influence.", default=1, lo=0, hi=SETTING_LIMIT),
    "income_per_corridor": _f("int", "Capital per corridor on which the faction leads a space.", default=1, lo=0, hi=SETTING_LIMIT),
    "pass_capital": _f("int", "Capital gained by passing.", default=1, lo=0, hi=SETTING_LIMIT),
    "diplomacy_cost": _f("int", "Capital paid for diplomacy (1 soft power where the faction has influence).",
                         default=1, lo=0, hi=SETTING_LIMIT),  # fmt: skip
    "regional_draws": _f("int", "Regional cards drawn each round before the faction's own deck.", default=1, lo=0, hi=SETTING_LIMIT),
    "domination_countries": _f("int", "Countries an outside power must dominate to win at once.", default=3, lo=1, hi=SETTING_LIMIT),
    "domination_domains": _f(
        "int", "Domains in which a dominating faction must have most influence country-wide.", default=2, lo=1,
        hi=len(DOMAINS),
    ),
    "domination_lead": _f(
        "int", "VP by which an outside power must lead every other outside power at a summit to win at once "
        "(it must also be ahead of every faction that cannot win by domination); 0: never.",
        default=0, lo=0, hi=SETTING_LIMIT,
    ),
    "domination_lead_from_summit": _f(
        "int", "The first summit of the game (1, 2 …) at which a VP lead can win at once; 1: every summit.",
        default=1, lo=1, hi=SETTING_LIMIT,
    ),
    "aligned_share": _f(
        "int", "Percent of a dominated country that a country aligned with an outside power counts toward "
        "`domination_countries` (0: only dominated countries count).", default=0, lo=0, hi=100,
    ),
    "final_summit_factor": _f("int", "The last summit's VP are multiplied by this.", default=1, lo=1, hi=SETTING_LIMIT),
    "summit_postpone_chance": _f(
        "int", "Percent chance that a summit other than the last is postponed to the next round.", default=0,
        lo=0, hi=100,
    ),
    "event_discount": _f("int", "Capital a card costs less when it is played for its event.", default=0, lo=0,
                         hi=SETTING_LIMIT),
    "event_ops_kept": _f(
        "int", "Operations of its domain a card still gives when played for its event (at most its own ops), "
        "placed after the event; 0: an event replaces the operations.", default=0, lo=0, hi=SETTING_LIMIT,
    ),
    "domination_summits": _f(
        "int", "Summits in a row at which an outside power must hold `domination_countries` of the region on the map "
        "to win by it (1: the first).", default=1, lo=1, hi=SETTING_LIMIT,
    ),
    "domination_map_from_summit": _f(
        "int", "The first summit of the game (1, 2 …) at which holding the map can win; 1: every summit.",
        default=1, lo=1, hi=SETTING_LIMIT,
    ),
}
"""The keys of `settings:`; every one is optional."""

KINDS: dict[str, KindSpec] = {
    "countries": KindSpec(
        "country",
        "A country of the board. Scored at summits: dominated, aligned or balanced.",
        {
            "id": _ID,
            "name": _NAME,
            "tags": _f("tags", "Free words that conditions test with `country_tag` (csto, turkic …).", default=[]),
        },
    ),
    "spaces": KindSpec(
        "space",
        "A space of the map, part of one country, where influence is placed.",
        {
            "id": _ID,
            "name": _NAME,
            "country": _f("ref", "The country it belongs to.", required=True, ref="country"),
            "stability": _f(
                "int", "How far the leader must be ahead of the runner-up to lead it.", required=True, lo=1, hi=3
            ),
            "adjacent": _f(
                "refs",
                "Neighbouring spaces and gateways; adjacency must be listed on both sides.",
                required=True,
                ref="place",
            ),
            "tags": _f(
                "tags",
                "Free words that conditions test with `tag`; exactly one space per country has `capital`.",
                default=[],
            ),
            "city": _CITY,
            "shape": _f("text", "Id of its shape in the map geometry; defaults to the space's id."),
        },
    ),
    "gateways": KindSpec(
        "gateway",
        "An off-map entry point for outside powers; never scored. Shares ids with spaces.",
        {
            "id": _ID,
            "name": _NAME,
            "adjacent": _f("refs", "The spaces it touches.", required=True, ref="space"),
            "direction": _f("text", "Where it lies (north, south-west …), for players.", default=""),
            "city": _CITY,
        },
    ),
    "corridors": KindSpec(
        "corridor",
        "A named trade route; leading a space on it earns income.",
        {
            "id": _ID,
            "name": _NAME,
            "route": _f("refs", "The spaces and gateways it runs through, in order (two or more).", required=True, ref="place"),
            "description": _f("text", "What it is, for players.", default=""),
            "source": _SOURCE,
        },
    ),
    "tracks": KindSpec(
        "track",
        "A numbered track such as regional tension or integration.",
        {
            "id": _ID,
            "name": _NAME,
            "min": _f("int", "Lowest level.", required=True),
            "max": _f("int", "Highest level (more than `min`).", required=True),
            "role": _f("choice", "`tension` marks the one track whose crisis and breakdown marks the round checks.",
                       default="", options=("tension",)),  # fmt: skip
            "crisis_at": _f("int", "At the tension check, this level or more brings a crisis card."),
            "breakdown_at": _f("int", "An action that pushes the track to this level ends the game in breakdown."),
            "cleanup_change": _f("int", "Added at cleanup every round (tension eases by 1).", default=0),
        },
    ),
    "factions": KindSpec(
        "faction",
        "A playable faction with its gateways, income, scoring and abilities.",
        {
            "id": _ID,
            "name": _NAME,
            "adjective": _f("text", "The adjective used in texts (Turkish, Kazakh …).", required=True),
            "colour": _f("colour", "Its colour, `\"#rrggbb\"` in quotes; pick one that colour-blind players can tell apart.",
                         default="#888888"),  # fmt: skip
            "emblem": _f(
                "text",
                "The emblem drawn beside the colour (star, crescent, sun, wheel, eagle, shield, square, diamond, "
                "triangle; anything else shows the name's initial).",
                default="",
            ),
            "gateways": _f("refs", "The gateways it enters the board through (may be empty).", required=True,
                           ref="gateway"),  # fmt: skip
            "base_income": _f("int", "Capital gained at every income phase.", required=True, lo=0),
            "hand_size": _f("int", "Cards drawn up to at every draw phase.", required=True, lo=1),
            "scoring": _f(
                "object",
                "VP scored at each summit.",
                required=True,
                fields={
                    "per_dominated": _f("int", "VP per country it dominates.", default=0),
                    "per_aligned": _f("int", "VP per country aligned with it.", default=0),
                    "per_balanced": _f("int", "VP per balanced country.", default=0),
                    "per_present": _f("int", "VP per country where it leads a space, if the country is neither "
                                      "aligned with it nor dominated by it.", default=0),
                    "per_capital": _f("int", "VP per capital it leads, on top of the country's status.", default=0),
                    "per_space": _f("int", "VP per space it leads, wherever it is, on top of the countries' VP.", default=0),
                    "plus_tracks": _f("refs", "Tracks whose level is added as VP.", default=[], ref="track"),
                },
            ),
            "wins_by_domination": _f("bool", "Whether dominating enough countries wins the game at once.", default=True),
            "balance_bonus": _f(
                "object",
                "VP at the end of a balanced game if the balance index is high enough.",
                fields={
                    "at_least": _f("int", "The balance index needed.", required=True, lo=0, hi=100),
                    "vp": _f("int", "The VP gained.", required=True),
                },
            ),
            "bot": _f("weights", "The heuristic bot's character: weights by name, each a number that multiplies what "
                      "it names in the bot's score; a weight not given keeps the bot's default.",
                      default={}),  # fmt: skip
            "abilities": _f("objects", "Its abilities: each a list of modifiers.", default=[], fields=ABILITY_FIELDS),
        },
    ),
    "cards": KindSpec(
        "card",
        "A card, played for operations (its `ops` in its `type`'s domain) or for its event, paying `cost` either way.",
        {
            "id": _ID,
            "name": _NAME,
            "faction": _f("ref", "The faction whose deck it is in; omit for a regional card anyone can draw.", ref="faction"),
            "type": _f("domain", "The domain its operations place.", required=True, options=DOMAINS),
            "cost": _f("int", "Capital paid to play it.", required=True, lo=0),
            "ops": _f("int", "Operations it gives when played for operations.", required=True, lo=0),
            "event": _f("effects", "What it does when played for its event (`[]` for nothing).", required=True),
            "flavour": _FLAVOUR,
            "source": _SOURCE,
            "hypothetical": _HYPOTHETICAL,
        },
    ),
    "events": KindSpec(
        "event",
        "A world event: one resolves at the start of every round.",
        {
            "id": _ID,
            "name": _NAME,
            "from_round": _f("int", "In the deck from this round on.", default=1, lo=1),
            "effects": _f("effects", "What it does.", required=True),
            "flavour": _FLAVOUR,
            "source": _SOURCE,
            "hypothetical": _HYPOTHETICAL,
        },
    ),
    "crises": KindSpec(
        "crisis",
        "A crisis card, drawn when tension reaches the crisis level.",
        {
            "id": _ID,
            "name": _NAME,
            "where": _f("condition", "Which spaces it strikes; the first match in map order is its seat.", required=True),
            "effects": _f("effects", "What happens if nobody intervenes.", required=True),
            "intervention": _f(
                "object",
                "What the faction with most security there may do instead.",
                required=True,
                fields={
                    "cost": _f("int", "Capital the intervener pays.", required=True, lo=0),
                    "effects": _f("effects", "Resolved for the intervener (`self`).", required=True),
                },
            ),
            "flavour": _FLAVOUR,
            "source": _SOURCE,
            "hypothetical": _HYPOTHETICAL,
        },
    ),
    "scenarios": KindSpec(
        "scenario",
        "Who plays, for how long, and where everyone starts. The first scenario is the default.",
        {
            "id": _ID,
            "name": _NAME,
            "description": _f("text", "A paragraph for the setup screen.", default=""),
            "start_year": _f("int", "The year of round 1.", required=True),
            "rounds": _f("int", "How many rounds (years).", required=True, lo=1),
            "summit_rounds": _f("int_list", "The rounds that end with summit scoring.", required=True),
            "action_rounds": _f("int", "Actions each faction takes per round in this scenario (default: the "
                                "`action_rounds` setting).", default=0, lo=0),
            "settings": _f("object", "Settings this scenario plays with instead of the ruleset's (any `settings:` "
                           "key), e.g. a shorter game's own domination rules.", default={},
                           fields={key: replace(spec, default=None) for key, spec in SETTINGS.items()}),
            "factions": _f("refs", "The factions in play, in scenario order (breaks turn-order ties).", required=True,
                           ref="faction"),  # fmt: skip
            "capital": _f("int_map", "Starting capital of each faction in play.", required=True, ref="faction", lo=0),
            "tracks": _f("int_map", "Starting level of tracks (others start at their `min`).", default={}, ref="track"),
            "influence": _f(
                "objects",
                "Starting influence: one `{space, faction, <domain>: amount}` per line.",
                default=[],
                fields={
                    "space": _f("ref", "The space.", required=True, ref="space"),
                    "faction": _f("ref", "Whose influence.", required=True, ref="faction"),
                    **{d: _f("int", f"Units of {d.replace('_', ' ')}.", default=0, lo=0) for d in DOMAINS},
                },
            ),
            "briefings": _f("text_map", "A paragraph for each faction, shown before the game.", default={},
                            ref="faction"),  # fmt: skip
        },
    ),
}
"""Top-level list keys, each a list of entries of one kind."""

BOT_WEIGHTS: dict[str, str] = {
    "vp": "the faction's projected VP: VP now plus what the board would score it at the summits to come",
    "rivals": "the strongest rival's projected VP (negative: their gain is the faction's loss)",
    "margin": "spaces the faction leads, counted softly (a space almost led counts part)",
    "contest": "spaces rivals lead, counted the same way (negative: deny them)",
    "influence": "the faction's total influence on the board",
    "reach": "spaces where the faction has influence (where it can act next)",
    "tension": "regional tension, counted double at and above the crisis mark",
    "balance": "the region's balance index / 10, read from control (0: a hegemon wins, 10: no outside power near it)",
    "capital": "capital in hand (beyond 8, a unit counts a quarter)",
}
"""The weights a faction's `bot:` may set, with what each multiplies in the heuristic
bot's score (`game.ai.evaluate.Weights` has one field for each, with its default)."""



REMOVE = "A list of ids to delete: entries of the base game, or of a mod loaded earlier, or a faction's ability."

TOP_LEVEL: dict[str, str] = {
    **{kind: f"A list of {kind}: {spec.description}" for kind, spec in KINDS.items()},
    "settings": "Numbers of the round structure; every key optional.",
    "remove": REMOVE,
}
