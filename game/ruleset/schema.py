"""The shape of rules files: from positioned YAML nodes to `model` dataclasses.

Each entry (a space, a card, a scenario …) is read field by field. A field with a
wrong type, a missing required field, an out-of-range number or an unknown key is a
problem at the place of the offending value, and reading goes on, so one pass
reports everything. Effects, conditions and modifiers are checked by
`game.ruleset.terms` and kept as the plain dicts the file wrote (the engine fills in
defaults from the vocabulary).

Ids used by an entry are not looked up here: they are collected as `Ref`s, with their
places, for `game.ruleset.crossref` to check once every file is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from game.ruleset.fields import ID_PATTERN, KINDS, RESERVED_WORDS, Entry, Fields, Ref
from game.ruleset.format import BOT_WEIGHTS, SETTING_LIMIT
from game.ruleset.model import (
    DOMAINS,
    Ability,
    BalanceBonus,
    Card,
    Corridor,
    Country,
    Crisis,
    Faction,
    Gateway,
    Origin,
    Scenario,
    Settings,
    Space,
    StartingInfluence,
    SummitScoring,
    Track,
    WorldEvent,
)
from game.ruleset.problems import ProblemLog, one_of, suggestion
from game.ruleset.terms import VocabularyChecker, as_written
from game.ruleset.yamlpos import YList, YMap, YNode, YScalar, describe

TOP_LEVEL_KEYS: tuple[str, ...] = (*KINDS, "settings", "remove")
TRACK_ROLES: tuple[str, ...] = ("tension",)
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

SETTING_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Settings) if f.name != "origin")
_SETTING_BOUNDS: dict[str, tuple[int, int | None]] = {
    "action_rounds": (1, 20),
    "domination_countries": (1, SETTING_LIMIT),
    "domination_domains": (1, len(DOMAINS)),
    "domination_lead_from_summit": (1, SETTING_LIMIT),
    "aligned_share": (0, 100),
    "final_summit_factor": (1, SETTING_LIMIT),
    "summit_postpone_chance": (0, 100),
    "domination_summits": (1, SETTING_LIMIT),
    "domination_map_from_summit": (1, SETTING_LIMIT),
}
"""Every other setting is a whole number from 0 to `SETTING_LIMIT`."""


@dataclass
class Parsed:
    """One entry as read: the model value plus what crossref needs to check it."""

    kind: str
    id: str
    value: Any
    origin: Origin
    refs: list[Ref] = field(default_factory=list)
    at: dict[str, Origin] = field(default_factory=dict)
    """Place of each value read, by path: `adjacent`, `adjacent[2]`, `capital.<id>`."""


@dataclass(frozen=True)
class RawEntry:
    """An entry as written, before the files and mods are laid over each other."""

    kind: str
    id: str
    node: YMap


@dataclass
class FileContent:
    """What one rules file contributes: its entries still as YAML nodes (a mod's entry
    may be merged over an earlier one before it is read), its settings and removals."""

    entries: list[RawEntry] = field(default_factory=list)
    settings: list[tuple[str, int, Origin]] = field(default_factory=list)
    settings_origin: Origin | None = None
    removals: list[tuple[str, Origin]] = field(default_factory=list)


def read_rules_file(root: YNode, log: ProblemLog) -> FileContent:
    """Read the top level of one file. Entries without a usable id are read (and their
    problems reported) at once; the others are read by `read_entry` once the layers
    are merged."""
    content = FileContent()
    if not isinstance(root, YMap):
        log.error(
            root.origin,
            f"the top level of a rules file should be a mapping with keys such as `spaces:` or `cards:`, "
            f"not {describe(root)}",
        )
        return content
    if not root.items:
        log.error(root.origin, f"the file holds an empty mapping — add some of: {one_of(TOP_LEVEL_KEYS)}")
    for key, pair in root.items.items():
        node = pair.value
        if key in KINDS:
            if isinstance(node, YScalar) and node.value is None:
                continue  # `cards:` with nothing under it yet
            if not isinstance(node, YList):
                log.error(
                    node.origin, f"'{key}' should be a list of {key} (one `- id: …` per entry), not {describe(node)}"
                )
                continue
            for item in node.items:
                entry_id = _usable_id(item)
                if entry_id is None or not isinstance(item, YMap):
                    read_entry(key, item, log)  # reports the missing or bad id, and everything else
                else:
                    content.entries.append(RawEntry(key, entry_id, item))
        elif key == "settings":
            _read_settings(node, log, content)
        elif key == "remove":
            _read_removals(node, log, content)
        else:
            log.error(pair.key.origin, f"unknown top-level key '{key}'{suggestion(key, TOP_LEVEL_KEYS)}")
    return content


def _usable_id(node: YNode) -> str | None:
    """The entry's id if it is a valid one, without reporting anything."""
    value = node.get("id") if isinstance(node, YMap) else None
    if isinstance(value, YScalar) and isinstance(value.value, str):
        if ID_PATTERN.fullmatch(value.value) and value.value not in RESERVED_WORDS:
            return value.value
    return None


def read_entry(kind: str, node: YNode, log: ProblemLog) -> Parsed | None:
    """Read one entry of a top-level list; None if it has no usable id."""
    entry = Entry(kind, node.origin, log)
    if not isinstance(node, YMap):
        log.error(node.origin, f"each item of '{kind}' should be a mapping starting with `id:`, not {describe(node)}")
        return None
    f = Fields(node, entry)
    entry_id = f.ident()
    if entry_id is not None:
        entry.label = f"{entry.singular} '{entry_id}'"
    value = _READERS[kind](f, VocabularyChecker(entry), entry_id or "")
    f.finish()
    if entry_id is None:
        return None
    return Parsed(kind, entry_id, value, node.origin, entry.refs, entry.at)


# --- one reader per kind --------------------------------------------------------------


def _country(f: Fields, v: VocabularyChecker, entry_id: str) -> Country:
    return Country(id=entry_id, name=f.text("name", required=True), tags=f.word_list("tags"), origin=f.node.origin)


def _space(f: Fields, v: VocabularyChecker, entry_id: str) -> Space:
    return Space(
        id=entry_id,
        name=f.text("name", required=True),
        country=f.ref("country", "country", required=True) or "",
        stability=f.integer("stability", required=True, default=1, lo=1, hi=3),
        adjacent=f.ref_list("adjacent", "place", required=True),
        tags=f.word_list("tags"),
        city=f.city(),
        shape=f.text("shape") or None,
        origin=f.node.origin,
    )


def _gateway(f: Fields, v: VocabularyChecker, entry_id: str) -> Gateway:
    return Gateway(
        id=entry_id,
        name=f.text("name", required=True),
        adjacent=f.ref_list("adjacent", "space", required=True),
        direction=f.text("direction"),
        city=f.city(),
        origin=f.node.origin,
    )


def _corridor(f: Fields, v: VocabularyChecker, entry_id: str) -> Corridor:
    name = f.text("name", required=True)
    route = f.ref_list("route", "place", required=True)
    route_node = f.node.get("route")
    if isinstance(route_node, YList) and len(route_node.items) < 2:
        f.entry.error(
            route_node.origin, f"'route' in {f.where} names {len(route)} place(s) — a corridor runs through two or more"
        )
    return Corridor(
        id=entry_id,
        name=name,
        route=route,
        description=f.text("description"),
        source=f.text("source"),
        origin=f.node.origin,
    )


def _track(f: Fields, v: VocabularyChecker, entry_id: str) -> Track:
    name = f.text("name", required=True)
    low = f.integer("min", required=True)
    high = f.integer("max", required=True)
    if high <= low and "min" in f.node.items and "max" in f.node.items:
        f.entry.error(
            f.node.items["max"].value.origin, f"'max' in {f.where} is {high}, but it must be more than 'min' ({low})"
        )
        high = low + 1
    track = Track(
        id=entry_id,
        name=name,
        min=low,
        max=high,
        role=f.choice("role", TRACK_ROLES),
        crisis_at=f.optional_int("crisis_at", lo=low, hi=high),
        breakdown_at=f.optional_int("breakdown_at", lo=low, hi=high),
        cleanup_change=f.integer("cleanup_change"),
        origin=f.node.origin,
    )
    if track.crisis_at is not None and track.breakdown_at is not None and track.crisis_at >= track.breakdown_at:
        f.entry.error(
            f.node.items["crisis_at"].value.origin,
            f"'crisis_at' in {f.where} is {track.crisis_at}, but crises must "
            f"come before breakdown ({track.breakdown_at}) — lower it",
        )
    return track


def _faction(f: Fields, v: VocabularyChecker, entry_id: str) -> Faction:
    entry = f.entry
    name = f.text("name", required=True)
    adjective = f.text("adjective", required=True)
    colour = f.text("colour", default="#888888")
    written = f.node.get("colour")
    if isinstance(written, YScalar) and written.value is None:
        entry.error(
            written.origin,
            f"'colour' in {f.where} is empty — a colour written `#rrggbb` without quotes is read "
            'as a comment; write it in quotes: `colour: "#rrggbb"`',
        )
    elif written is not None and not _COLOUR.fullmatch(colour):
        entry.error(
            f.node.items["colour"].value.origin,
            f"'colour' in {f.where} is '{colour}' — write a colour as `\"#rrggbb\"` "
            "(in quotes, since '#' starts a comment)",
        )
        colour = "#888888"
    return Faction(
        id=entry_id,
        name=name,
        adjective=adjective,
        colour=colour,
        emblem=f.text("emblem"),
        gateways=f.ref_list("gateways", "gateway", required=True),
        base_income=f.integer("base_income", required=True, lo=0),
        hand_size=f.integer("hand_size", required=True, default=1, lo=1),
        scoring=_scoring(f),
        wins_by_domination=f.boolean("wins_by_domination", True),
        balance_bonus=_balance_bonus(f),
        bot=_bot_weights(f),
        abilities=_abilities(f, v),
        origin=f.node.origin,
    )


def _scoring(f: Fields) -> SummitScoring:
    node = f.get("scoring", True, "a mapping such as `{per_dominated: 4, per_aligned: 2}`")
    m = None if node is None else f.entry.as_map(node, f.what("scoring"))
    if m is None:
        return SummitScoring()
    s = Fields(m, f.entry, f"the scoring of {f.where}", "scoring.")
    scoring = SummitScoring(
        per_dominated=s.integer("per_dominated"),
        per_aligned=s.integer("per_aligned"),
        per_balanced=s.integer("per_balanced"),
        per_present=s.integer("per_present"),
        per_capital=s.integer("per_capital"),
        per_space=s.integer("per_space"),
        plus_tracks=s.ref_list("plus_tracks", "track"),
    )
    s.finish()
    return scoring


def _balance_bonus(f: Fields) -> BalanceBonus | None:
    node = f.get("balance_bonus")
    m = (
        None
        if node is None
        else f.entry.as_map(node, f.what("balance_bonus"), "a mapping such as `{at_least: 60, vp: 5}`")
    )
    if m is None:
        return None
    b = Fields(m, f.entry, f"the balance bonus of {f.where}", "balance_bonus.")
    bonus = BalanceBonus(at_least=b.integer("at_least", required=True, lo=0, hi=100), vp=b.integer("vp", required=True))
    b.finish()
    return bonus


def _bot_weights(f: Fields) -> dict[str, float]:
    node = f.get("bot")
    m = (
        None
        if node is None
        else f.entry.as_map(node, f.what("bot"), "a mapping of weights such as `{vp: 1.0, tension: -0.5}`")
    )
    if m is None:
        return {}
    weights: dict[str, float] = {}
    for key, pair in m.items.items():
        if key not in BOT_WEIGHTS:
            f.entry.error(pair.key.origin, f"unknown bot weight '{key}' in {f.where}{suggestion(key, BOT_WEIGHTS)}")
            continue
        value = f.entry.as_number(pair.value, f"the bot weight '{key}' in {f.where}")
        if value is not None:
            weights[key] = value
    return weights


def _abilities(f: Fields, v: VocabularyChecker) -> tuple[Ability, ...]:
    node = f.get("abilities")
    items = None if node is None else f.entry.as_list(node, f.what("abilities"))
    out: list[Ability] = []
    seen: dict[str, Origin] = {}
    for i, item in enumerate(items or ()):
        m = f.entry.as_map(item, f"ability {i + 1} of {f.where}", "a mapping starting with `id:`")
        if m is None:
            continue
        a = Fields(m, f.entry, f"ability {i + 1} of {f.where}", f"abilities[{i}].")
        ability_id = a.ident()
        if ability_id is not None:
            a.where = f"ability '{ability_id}' of {f.where}"
            if ability_id in seen:
                f.entry.error(
                    m.items["id"].value.origin,
                    f"{a.where} repeats the id '{ability_id}' (first at line "
                    f"{seen[ability_id].line}) — give each ability its own id",
                )
            seen[ability_id] = m.origin
        name = a.text("name", required=True)
        text = a.text("text", required=True)
        single = a.get("modifier")
        many = a.get("modifiers")
        modifiers: list[dict[str, Any]] = []
        if single is not None and many is not None:
            f.entry.error(
                m.items["modifier"].key.origin,
                f"{a.where} has both 'modifier' and 'modifiers' — keep one (`modifiers:` takes a list)",
            )
        elif single is None and many is None:
            f.entry.error(
                m.origin,
                f"{a.where} has no 'modifiers' — add `modifiers:` with a list of modifiers (or `modifier:` with one)",
            )
        elif single is not None:
            mod = v.modifier(single, a.where)
            if mod is not None:
                modifiers.append(mod)
        elif many is not None:
            for node_mod in f.entry.as_list(many, f"'modifiers' in {a.where}", "a list of modifiers") or ():
                mod = v.modifier(node_mod, a.where)
                if mod is not None:
                    modifiers.append(mod)
        a.finish()
        if ability_id is not None:
            out.append(Ability(id=ability_id, name=name, text=text, modifiers=tuple(modifiers), origin=m.origin))
    return tuple(out)


def _effects_field(f: Fields, v: VocabularyChecker, key: str, required: bool = True) -> tuple[dict[str, Any], ...]:
    node = f.get(key, required, "a list of effects (`[]` for none)")
    return () if node is None else v.effects(node, f"'{key}' of {f.where}")


def _card(f: Fields, v: VocabularyChecker, entry_id: str) -> Card:
    return Card(
        id=entry_id,
        name=f.text("name", required=True),
        faction=f.ref("faction", "faction"),
        type=f.choice("type", DOMAINS, required=True, default=DOMAINS[0]),
        cost=f.integer("cost", required=True, lo=0),
        ops=f.integer("ops", required=True, lo=0),
        event=_effects_field(f, v, "event"),
        flavour=f.text("flavour"),
        source=f.text("source"),
        hypothetical=f.boolean("hypothetical", False),
        origin=f.node.origin,
    )


def _event(f: Fields, v: VocabularyChecker, entry_id: str) -> WorldEvent:
    return WorldEvent(
        id=entry_id,
        name=f.text("name", required=True),
        from_round=f.integer("from_round", default=1, lo=1),
        effects=_effects_field(f, v, "effects"),
        flavour=f.text("flavour"),
        source=f.text("source"),
        hypothetical=f.boolean("hypothetical", False),
        origin=f.node.origin,
    )


def _crisis(f: Fields, v: VocabularyChecker, entry_id: str) -> Crisis:
    name = f.text("name", required=True)
    where_node = f.get("where", True, "a condition such as `{tag: capital}`")
    where: dict[str, Any] = {}
    if where_node is not None:
        v.condition(where_node, f"'where' of {f.where}")
        if isinstance(where_node, YMap):
            where = as_written(where_node)
    effects = _effects_field(f, v, "effects")
    cost = 0
    intervention: tuple[dict[str, Any], ...] = ()
    node = f.get("intervention", True, "a mapping `{cost: 2, effects: […]}`")
    m = None if node is None else f.entry.as_map(node, f.what("intervention"), "a mapping `{cost: 2, effects: […]}`")
    if m is not None:
        i = Fields(m, f.entry, f"the intervention of {f.where}", "intervention.")
        cost = i.integer("cost", required=True, lo=0)
        intervention = _effects_field(i, v, "effects")
        i.finish()
    return Crisis(
        id=entry_id,
        name=name,
        where=where,
        effects=effects,
        intervention_cost=cost,
        intervention=intervention,
        flavour=f.text("flavour"),
        source=f.text("source"),
        hypothetical=f.boolean("hypothetical", False),
        origin=f.node.origin,
    )


def _scenario(f: Fields, v: VocabularyChecker, entry_id: str) -> Scenario:
    entry = f.entry
    name = f.text("name", required=True)
    start_year = f.integer("start_year", required=True)
    rounds = f.integer("rounds", required=True, default=1, lo=1)
    summits = _summit_rounds(f, rounds)
    factions = f.ref_list("factions", "faction", required=True)
    if not factions and f.node.get("factions") is not None:
        entry.error(
            f.node.items["factions"].value.origin, f"'factions' in {f.where} is empty — list the factions in play"
        )
    capital = _id_map(f, "capital", "faction", lambda node, what: entry.as_int(node, what, 0), required=True)
    tracks = _id_map(f, "tracks", "track", lambda node, what: entry.as_int(node, what))
    briefings = _id_map(f, "briefings", "faction", entry.as_text)
    return Scenario(
        id=entry_id,
        name=name,
        description=f.text("description"),
        start_year=start_year,
        rounds=rounds,
        summit_rounds=summits,
        factions=factions,
        capital=capital,
        tracks=tracks,
        influence=_starting_influence(f),
        briefings=briefings,
        action_rounds=f.integer("action_rounds", lo=0, hi=20),
        settings=_scenario_settings(f),
        origin=f.node.origin,
    )


def _scenario_settings(f: Fields) -> tuple[tuple[str, int], ...]:
    node = f.get("settings", expect="a mapping such as `{domination_lead: 5}`")
    m = None if node is None else f.entry.as_map(node, f.what("settings"), "a mapping such as `{domination_lead: 5}`")
    return () if m is None else tuple((key, value) for key, value, _ in _setting_values(m, f.entry))


def _summit_rounds(f: Fields, rounds: int) -> tuple[int, ...]:
    node = f.get("summit_rounds", True, "a list of round numbers such as `[3, 6, 8]`")
    items = None if node is None else f.entry.as_list(node, f.what("summit_rounds"))
    out: list[int] = []
    for item in items or ():
        value = f.entry.as_int(item, f"a summit round in {f.where}", 1)
        if value is None:
            continue
        if value > rounds:
            f.entry.error(
                item.origin,
                f"summit round {value} in {f.where} comes after the last round ({rounds}) — "
                f"use a round between 1 and {rounds}",
            )
        elif value in out:
            f.entry.error(item.origin, f"summit round {value} is listed twice in {f.where} — remove one")
        else:
            out.append(value)
    return tuple(sorted(out))


def _id_map(
    f: Fields, key: str, kind: str, read: Callable[[YNode, str], Any], required: bool = False
) -> tuple[tuple[str, Any], ...]:
    """A mapping from ids (refs of `kind`) to values, e.g. `capital: {<faction>: 3}`."""
    node = f.get(key, required, f"a mapping from {kind} ids to values")
    m = None if node is None else f.entry.as_map(node, f.what(key), f"a mapping from {kind} ids to values")
    if m is None:
        return ()
    out: list[tuple[str, Any]] = []
    for name, pair in m.items.items():
        ref = f.entry.as_ref(pair.key, f"a key of '{key}' in {f.where}", kind)
        value = read(pair.value, f"'{key}' of '{name}' in {f.where}")
        if ref is not None and value is not None:
            f.entry.at[f"{key}.{name}"] = pair.key.origin
            out.append((ref, value))
    return tuple(out)


def _starting_influence(f: Fields) -> tuple[StartingInfluence, ...]:
    node = f.get("influence")
    items = None if node is None else f.entry.as_list(node, f.what("influence"))
    out: list[StartingInfluence] = []
    for i, item in enumerate(items or ()):
        where = f"starting influence {i + 1} of {f.where}"
        m = f.entry.as_map(item, where, "a mapping such as `{space: …, faction: …, security: 2}`")
        if m is None:
            continue
        g = Fields(m, f.entry, where, f"influence[{i}].")
        space = g.ref("space", "space", required=True)
        faction = g.ref("faction", "faction", required=True)
        amounts = tuple((d, a) for d in DOMAINS if (a := g.integer(d, lo=0)) > 0)
        if not any(d in m.items for d in DOMAINS):
            f.entry.error(m.origin, f"{where} gives no influence — add one or more of {one_of(DOMAINS)} with an amount")
        g.finish()
        if space and faction:
            f.entry.at[f"influence[{len(out)}]"] = m.origin
            out.append(StartingInfluence(space=space, faction=faction, amounts=amounts, origin=m.origin))
    return tuple(out)


_READERS: dict[str, Callable[[Fields, VocabularyChecker, str], Any]] = {
    "countries": _country,
    "spaces": _space,
    "gateways": _gateway,
    "corridors": _corridor,
    "tracks": _track,
    "factions": _faction,
    "cards": _card,
    "events": _event,
    "crises": _crisis,
    "scenarios": _scenario,
}


# --- settings and removals ------------------------------------------------------------


def _read_settings(node: YNode, log: ProblemLog, content: FileContent) -> None:
    entry = Entry("settings", node.origin, log)
    entry.label = "settings"
    m = entry.as_map(node, "'settings'", "a mapping such as `{action_rounds: 3}`")
    if m is None:
        return
    content.settings_origin = m.origin
    content.settings.extend(_setting_values(m, entry))


def _setting_values(m: YMap, entry: Entry) -> list[tuple[str, int, Origin]]:
    """The known settings of a `settings:` mapping (top level or a scenario's), each checked."""
    out = []
    for key, pair in m.items.items():
        if key not in SETTING_NAMES:
            entry.error(pair.key.origin, f"unknown setting '{key}'{suggestion(key, SETTING_NAMES)}")
            continue
        lo, hi = _SETTING_BOUNDS.get(key, (0, SETTING_LIMIT))
        value = entry.as_int(pair.value, f"the setting '{key}'", lo, hi)
        if value is not None:
            out.append((key, value, pair.key.origin))
    return out


def _read_removals(node: YNode, log: ProblemLog, content: FileContent) -> None:
    entry = Entry("remove", node.origin, log)
    items = entry.as_list(node, "'remove'", "a list of ids to delete")
    for item in items or ():
        value = entry.as_word(item, "an id in 'remove'")
        if value is not None:
            content.removals.append((value, item.origin))
