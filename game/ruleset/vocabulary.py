"""The declarative vocabulary of effects, conditions and modifiers.

This table is the single description of what a card, event or ability may say. The
schema checker validates YAML against it, the engine interprets it, and the modding
reference is generated from it, so the three cannot drift apart.

Parameter kinds (`Param.kind`):
- `int`, `posint` (1 or more), `nonneg` (0 or more), `str`, `bool`
- `domain`: one of soft_power, security, trade; `domain_or_any` also allows `any`
- `faction_ref`: `self` (the acting faction), `this` (the faction bound by `for_each`),
  `leader` (the leader of the space being acted on), `rival` (another faction, chosen
  by the acting player), or a faction id
- `faction`: a faction id; `factions_filter`: `all`, `rivals`, `others` or a list of faction ids
- `track`, `corridor`, `country`, `flag`: ids (a flag is any name a card sets)
- `space_ref`: a space id or `this` (the space bound by `for_each`)
- `country_ref`: a country id or `this`
- `condition`: a condition (see CONDITIONS); `effects`: a list of effects;
  `options`: a list of `{label: str, effects: [...]}`; `modifier`: a modifier (see MODIFIERS)
- `int_list`: a list of integers
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Param:
    kind: str
    description: str
    required: bool = False
    default: object = None


@dataclass(frozen=True)
class Term:
    """One effect, condition or modifier hook: its parameters and what it does."""

    description: str
    params: dict[str, Param] = field(default_factory=dict)
    scalar: str | None = None
    """If set, the term may be written with a bare value instead of a mapping, which is
    taken as this parameter (`- flag: deal` for `{flag: {name: deal}}`)."""


def _p(kind: str, description: str, required: bool = False, default: object = None) -> Param:
    return Param(kind, description, required, default)


FACTION_SELF = _p("faction_ref", "Whose influence: `self`, a faction id, `leader`, `rival` or `this`.", default="self")
WHERE = _p("condition", "Which spaces qualify (a condition on a space).", required=True)
AMOUNT = _p("posint", "How many units.", default=1)

EFFECTS: dict[str, Term] = {
    "add_influence": Term(
        "Add influence in spaces that match `where`. Without `spread`, the player picks a "
        "matching space for each unit, one at a time (no reach needed for events).",
        {
            "faction": FACTION_SELF,
            "domain": _p("domain", "Which domain of influence.", required=True),
            "amount": AMOUNT,
            "where": WHERE,
            "spread": _p("bool", "Add `amount` in every matching space instead of choosing.", default=False),
        },
    ),
    "remove_influence": Term(
        "Remove influence in spaces that match `where`, never below zero. With faction "
        "`rival` or `leader` the target is chosen or found per space; domain `any` takes "
        "the target's largest domain there.",
        {
            "faction": _p("faction_ref", "Whose influence is removed.", default="rival"),
            "domain": _p("domain_or_any", "Which domain; `any` takes the largest.", default="any"),
            "amount": AMOUNT,
            "where": WHERE,
            "spread": _p("bool", "Remove `amount` in every matching space instead of choosing.", default=False),
        },
    ),
    "move_influence": Term(
        "Move a faction's influence from a space matching `from` to one matching `to`, one unit at a time.",
        {
            "faction": FACTION_SELF,
            "domain": _p("domain", "Which domain of influence moves.", required=True),
            "amount": AMOUNT,
            "from": _p("condition", "Spaces the influence may leave.", required=True),
            "to": _p("condition", "Spaces the influence may go to.", required=True),
        },
    ),
    "change_track": Term(
        "Move a track (tension, integration …) up or down, within its limits.",
        {
            "track": _p("track", "Which track.", required=True),
            "by": _p("int", "How far: positive raises, negative lowers.", required=True),
        },
    ),
    "gain_capital": Term(
        "A faction gains (or, if negative, loses) capital; capital never falls below zero.",
        {"faction": FACTION_SELF, "amount": _p("int", "How much capital.", required=True)},
    ),
    "gain_vp": Term(
        "A faction gains (or loses) victory points.",
        {"faction": FACTION_SELF, "amount": _p("int", "How many VP.", required=True)},
    ),
    "draw": Term(
        "A faction draws cards from its own deck (beyond its hand size, until cleanup).",
        {"faction": FACTION_SELF, "count": _p("posint", "How many cards.", default=1)},
    ),
    "choose_one": Term(
        "The acting faction chooses one of the options and resolves its effects.",
        {"options": _p("options", "Two or more `{label, effects}`.", required=True)},
    ),
    "for_each": Term(
        "Resolve `do` once for each space, country or faction that matches; inside, "
        "`this` names the current one. Give exactly one of `spaces`, `countries`, `factions`.",
        {
            "spaces": _p("condition", "Each space matching this condition."),
            "countries": _p("condition", "Each country with a space matching this condition."),
            "factions": _p("factions_filter", "Each of these factions."),
            "do": _p("effects", "The effects to resolve each time.", required=True),
        },
    ),
    "if": Term(
        "Resolve `then` if the condition holds now, otherwise `else`.",
        {
            "condition": _p("condition", "A condition on the game (not on one space).", required=True),
            "then": _p("effects", "Effects if it holds.", required=True),
            "else": _p("effects", "Effects if it does not.", default=[]),
        },
    ),
    "add_modifier": Term(
        "Give a faction a modifier for some rounds (this round counts as the first).",
        {
            "faction": FACTION_SELF,
            "modifier": _p("modifier", "The modifier (see Modifiers).", required=True),
            "rounds": _p("posint", "How many rounds it lasts, this one included.", default=1),
            "label": _p("str", "A short name shown while it lasts.", default=""),
        },
    ),
    "set_flag": Term(
        "Raise a named flag for some rounds; conditions can test it (`flag: name`).",
        {
            "flag": _p("flag", "The flag's name.", required=True),
            "rounds": _p("posint", "How many rounds it stays up, this one included.", default=1),
        },
        scalar="flag",
    ),
    "ask_consent": Term(
        "Ask another faction to join: if it agrees, resolve `then`, else `otherwise`. "
        "In hot-seat the partner answers on their own hand-off screen.",
        {
            "faction": _p("faction", "Whose consent is asked.", required=True),
            "then": _p("effects", "Effects if they agree.", required=True),
            "otherwise": _p("effects", "Effects if they refuse.", default=[]),
            "partner_gains": _p("effects", "Effects for the partner if they agree (`self` is the partner).", default=[]),
        },
    ),
    "block_corridor": Term(
        "A corridor earns no income for some rounds.",
        {
            "corridor": _p("corridor", "Which corridor.", required=True),
            "rounds": _p("posint", "How many rounds, this one included.", default=1),
        },
    ),
    "develop_corridor": Term(
        "A corridor earns more: each faction that leads a space on it gains `by` more income.",
        {
            "corridor": _p("corridor", "Which corridor.", required=True),
            "by": _p("int", "Extra income per leading faction.", default=1),
        },
    ),
}

CONDITIONS: dict[str, Term] = {
    # On a space.
    "space": Term("The space is this one (`this` inside for_each).", {"id": _p("space_ref", "Space id.", required=True)}, scalar="id"),
    "country": Term("The space lies in this country.", {"id": _p("country_ref", "Country id.", required=True)}, scalar="id"),
    "country_tag": Term("The space's country has this tag (csto, turkic …).", {"tag": _p("str", "Tag.", required=True)}, scalar="tag"),
    "tag": Term("The space has this tag (capital, caspian_port …).", {"tag": _p("str", "Tag.", required=True)}, scalar="tag"),
    "corridor": Term("The space lies on this corridor.", {"id": _p("corridor", "Corridor id.", required=True)}, scalar="id"),
    "gateway": Term("The space touches this gateway.", {"id": _p("str", "Gateway id.", required=True)}, scalar="id"),
    "influence_at_least": Term(
        "A faction has at least this much influence in the space (in one domain, or in all).",
        {
            "faction": FACTION_SELF,
            "domain": _p("domain_or_any", "Which domain; `any` means the total.", default="any"),
            "amount": _p("posint", "At least this many.", default=1),
        },
    ),
    "leader": Term("This faction leads the space (`any` = someone leads it).", {"faction": _p("faction_ref", "Which faction, or `any`.", required=True)}, scalar="faction"),
    "contested": Term("Nobody leads the space.", {"value": _p("bool", "true", default=True)}, scalar="value"),
    # On the game.
    "track_at_least": Term("A track is at this level or higher.", {"track": _p("track", "Which track.", required=True), "value": _p("int", "Level.", required=True)}),
    "track_at_most": Term("A track is at this level or lower.", {"track": _p("track", "Which track.", required=True), "value": _p("int", "Level.", required=True)}),
    "flag": Term("A flag raised by `set_flag` is up.", {"name": _p("flag", "Flag name.", required=True)}, scalar="name"),
    "round_at_least": Term("The round is this one or later.", {"round": _p("posint", "Round number.", required=True)}, scalar="round"),
    "scenario_rounds_at_most": Term(
        "The scenario lasts this many rounds or fewer: a short game (an ability may act differently in one).",
        {"rounds": _p("posint", "Rounds.", required=True)},
        scalar="rounds",
    ),
    "faction_is": Term("The acting faction is this one.", {"faction": _p("faction", "Faction id.", required=True)}, scalar="faction"),
    "in_play": Term("This faction has a seat in the game.", {"faction": _p("faction", "Faction id.", required=True)}, scalar="faction"),
    "country_status": Term(
        "A country (the space's, or `country`) is dominated, aligned or balanced (by `faction`).",
        {
            "status": _p("str", "dominated, aligned or balanced.", required=True),
            "faction": _p("faction_ref", "By whom (for dominated/aligned): a faction id, `self`, `rival` (anyone but the actor); omit for anyone.", default=None),
            "country": _p("country_ref", "Which country; omit for the space's own.", default=None),
        },
    ),
    # Logic.
    "not": Term("The inner condition does not hold.", {"condition": _p("condition", "Inner condition.", required=True)}, scalar="condition"),
    "all": Term("Every inner condition holds.", {"conditions": _p("conditions", "List of conditions.", required=True)}, scalar="conditions"),
    "any": Term("At least one inner condition holds.", {"conditions": _p("conditions", "List of conditions.", required=True)}, scalar="conditions"),
    "anywhere": Term("Always true (every space).", {"value": _p("bool", "true", default=True)}, scalar="value"),
}
"""A condition is a mapping of one or more of these keys; several keys must all hold.
Write `{country: <country id>}` or `{country_tag: csto, tag: capital}`."""

MODIFIER_FILTERS: dict[str, Param] = {
    "who": _p("str", "Whom it affects: `self` (the owner, default), `others`, `any` or a faction id.", default="self"),
    "domain": _p("domain_or_any", "Only for this domain (card type or influence domain).", default="any"),
    "where": _p("condition", "Only in spaces matching this condition (`self` in it is the modifier's owner).", default=None),
    "unless": _p("condition", "Not while this game condition holds (e.g. a flag).", default=None),
    "label": _p("str", "Shown in the UI beside its effect.", default=""),
}

MODIFIERS: dict[str, Term] = {
    "place_influence": Term(
        "When the faction places influence with operations.",
        {
            "ops_bonus": _p("nonneg", "Extra operations per card play, usable only where the modifier applies.", default=0),
            "extra_cost": _p("int", "Capital paid (or refunded if negative) once per card play, at the first placement where the modifier applies.", default=0),
            "toll": _p("bool", "The extra capital is paid to the ability's owner (a toll on another faction), not to the bank.", default=False),
        },
    ),
    "play_card": Term(
        "When the faction plays a card.",
        {
            "cost_delta": _p("int", "Added to the card's cost (never below zero).", default=0),
            "own_cards": _p("bool", "Only for the faction's own cards, not regional ones.", default=False),
            "effects": _p("effects", "Resolved after the card.", default=[]),
        },
    ),
    "income": Term("At income.", {"capital": _p("int", "Extra capital each round.", required=True)}),
    "leadership": Term(
        "When leadership of a space is worked out.",
        {
            "weight": _p("posint", "Each unit of the domain counts this many times.", default=1),
            "bonus": _p(
                "nonneg",
                "Added to the faction's total in a matching space where it holds any of the domain: a fixed edge that "
                "does not grow as units pile up (a weight of 2 doubles a stack of any size).",
                default=0,
            ),
        },
    ),
    "influence_cap": Term(
        "Caps the faction's influence of the domain in each matching space.",
        {"max": _p("nonneg", "The most it may hold there.", required=True)},
    ),
    "stability": Term(
        "Changes the stability of matching spaces for everyone (`who` is ignored).",
        {
            "by": _p("int", "Fixed change.", default=0),
            "by_track": _p("track", "Add this track's level.", default=None),
        },
    ),
    "reach": Term(
        "Extends where the faction may place influence.",
        {
            "gateway": _p("str", "An extra gateway it enters through.", default=None),
            "always": _p("bool", "Spaces matching `where` are always in reach.", default=False),
        },
    ),
    "summit": Term(
        "After a summit is scored, if it leaves the game going (no domination), resolve effects; "
        "`self` in them is the modifier's owner. VP gained here count from the next summit: "
        "scoring at summits for what a faction holds (a postponed summit is not held).",
        {"effects": _p("effects", "Effects.", required=True)},
    ),
    "round_end": Term(
        "At cleanup, resolve effects; `self` in them is the modifier's owner.",
        {"effects": _p("effects", "Effects.", required=True)},
    ),
    "crisis_intervention": Term(
        "When the faction may intervene in a crisis in a matching space.",
        {"cost_delta": _p("int", "Added to the intervention cost (never below zero).", required=True)},
    ),
    "special_action": Term(
        "An extra action the faction may take once a round, beside its turn (it does not use "
        "up the turn); `self` in its effects is the faction. The bots' evaluation does not "
        "foresee it, so a search bot playing a faction with one looks ahead through that "
        "faction's own next turn, where it may use it.",
        {
            "name": _p("str", "Shown on its button.", required=True),
            "effects": _p("effects", "Effects.", required=True),
        },
    ),
}
"""A modifier is `{on: <hook>, ...filters, ...the hook's parameters}`."""
