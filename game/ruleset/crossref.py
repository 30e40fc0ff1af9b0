"""Checks that need every file at once, then the `Ruleset` itself.

`game.ruleset.overlay` lays the files and mods over each other into a `Merged`; then:
every id used exists (or, if a `remove:` deleted it, the problem says where), adjacency is symmetric,
every country has exactly one capital, the map is connected, every faction can reach
a space, exactly one track is the tension track, and scenarios name what they use.
Each problem points at the offending value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from game.ruleset.fields import KINDS
from game.ruleset.model import Faction, Gateway, Origin, Ruleset, Scenario, Settings, Space, Track
from game.ruleset.problems import Problem, ProblemLog, did_you_mean, one_of, suggestion
from game.ruleset.schema import Parsed

_PLACE_KINDS = ("spaces", "gateways")
"""Spaces and gateways share one namespace: adjacency mixes them."""


@dataclass
class Merged:
    """All entries of all files, by kind and id, in file order."""

    by_kind: dict[str, dict[str, Parsed]] = field(default_factory=lambda: {k: {} for k in KINDS})
    settings: dict[str, tuple[int, Origin]] = field(default_factory=dict)
    settings_origin: Origin | None = None
    removed: dict[str, tuple[Origin, str]] = field(default_factory=dict)
    """Ids deleted by a `remove:` list: where, and by whom (`mod 'x'`, or empty for the base)."""
    history: dict[tuple[str, str], list[tuple[str | None, Origin]]] = field(default_factory=dict)
    """For each final entry (kind, id): who wrote it, in load order — (mod id or None for
    the base, where its id was written)."""

    def added_by(self, key: tuple[str, str]) -> str | None:
        """The mod that added the entry, or None if it comes from the base rules."""
        writers = self.history.get(key)
        return writers[0][0] if writers else None

    def counts(self) -> dict[str, int]:
        return {kind: len(self.by_kind[kind]) for kind in _COUNT_ORDER}

    def values(self, kind: str) -> list[Any]:
        return [p.value for p in self.by_kind[kind].values()]

    def place(self, place_id: str) -> Parsed | None:
        return self.by_kind["spaces"].get(place_id) or self.by_kind["gateways"].get(place_id)


_COUNT_ORDER = ("factions", "countries", "spaces", "gateways", "corridors", "cards", "events", "crises", "scenarios")
"""The same keys, in the same order, as `Ruleset.counts()`."""


def check(merged: Merged, log: ProblemLog, rules: str) -> None:
    """Every check across entries. `rules` names the rules folder for whole-folder problems."""
    _check_refs(merged, log)
    _check_adjacency(merged, log)
    _check_capitals(merged, log)
    _check_connected(merged, log)
    _check_reach(merged, log)
    _check_tracks(merged, log, rules)
    _check_scenarios(merged, log, rules)
    _check_settings(merged, log)
    for kind in ("countries", "spaces", "factions"):
        if not merged.by_kind[kind]:
            log.add(Problem(rules, 0, 0, f"no {kind} are defined — add `{kind}:` with at least one entry"))


def build(merged: Merged, identity: str) -> Ruleset:
    settings = Settings(
        **{k: v for k, (v, _) in merged.settings.items()}, origin=merged.settings_origin or Settings().origin
    )
    return Ruleset(
        countries=tuple(merged.values("countries")),
        spaces=tuple(merged.values("spaces")),
        gateways=tuple(merged.values("gateways")),
        corridors=tuple(merged.values("corridors")),
        tracks=tuple(merged.values("tracks")),
        factions=tuple(merged.values("factions")),
        cards=tuple(merged.values("cards")),
        events=tuple(merged.values("events")),
        crises=tuple(merged.values("crises")),
        scenarios=tuple(merged.values("scenarios")),
        settings=settings,
        identity=identity,
    )


# --- ids --------------------------------------------------------------------------------

_REF_NAMES = {
    "space": "space",
    "gateway": "gateway",
    "place": "space or gateway",
    "country": "country",
    "faction": "faction",
    "track": "track",
    "corridor": "corridor",
}


def _check_refs(merged: Merged, log: ProblemLog) -> None:
    ids: dict[str, set[str]] = {
        "space": set(merged.by_kind["spaces"]),
        "gateway": set(merged.by_kind["gateways"]),
        "country": set(merged.by_kind["countries"]),
        "faction": set(merged.by_kind["factions"]),
        "track": set(merged.by_kind["tracks"]),
        "corridor": set(merged.by_kind["corridors"]),
    }
    ids["place"] = ids["space"] | ids["gateway"]
    ids["space_tag"] = {t for s in merged.values("spaces") for t in s.tags}
    ids["country_tag"] = {t for c in merged.values("countries") for t in c.tags}
    refs = [r for entries in merged.by_kind.values() for p in entries.values() for r in p.refs]
    ids["flag_set"] = {r.value for r in refs if r.kind == "flag_set"}
    for ref in refs:
        if ref.kind == "flag_test":
            if ref.value not in ids["flag_set"]:
                log.warning(
                    ref.origin,
                    f"no effect raises the flag '{ref.value}' (with `set_flag`), so this condition in {ref.owner} "
                    f"never holds{suggestion(ref.value, ids['flag_set'], listing=False)}",
                )
            continue
        known = ids.get(ref.kind)
        if known is None or ref.value in known:
            continue
        gone = merged.removed.get(ref.value)
        if gone is not None and ref.kind in _REF_NAMES:
            where, who = gone
            by = f" by {who}" if who else ""
            log.error(
                ref.origin,
                f"{ref.owner} uses the {_REF_NAMES[ref.kind]} '{ref.value}', which is removed{by} at {where} — "
                "remove or change this use too, or keep the entry",
            )
            continue
        if ref.kind in ("space_tag", "country_tag"):
            whose = "space" if ref.kind == "space_tag" else "country"
            log.error(
                ref.origin, f"no {whose} has the tag '{ref.value}' used in {ref.owner}{suggestion(ref.value, known)}"
            )
        elif ref.kind == "space" and ref.value in ids["gateway"]:
            log.error(ref.origin, f"'{ref.value}' in {ref.owner} is a gateway, but a space is needed here")
        elif ref.kind == "gateway" and ref.value in ids["space"]:
            log.error(ref.origin, f"'{ref.value}' in {ref.owner} is a space, but a gateway is needed here")
        else:
            log.error(
                ref.origin, f"unknown {_REF_NAMES[ref.kind]} '{ref.value}' in {ref.owner}{suggestion(ref.value, known)}"
            )


# --- the map ---------------------------------------------------------------------------


def _list_place(p: Parsed, key: str, item: str) -> Origin:
    """The place of `item` in the list `key` of an entry (or of the entry)."""
    value = p.value
    items: Sequence[str] = getattr(value, key, ())
    if item in items:
        return p.at.get(f"{key}[{list(items).index(item)}]", p.origin)
    return p.at.get(key, p.origin)


def _check_adjacency(merged: Merged, log: ProblemLog) -> None:
    for kind in _PLACE_KINDS:
        for p in merged.by_kind[kind].values():
            here: Space | Gateway = p.value
            for other_id in here.adjacent:
                if other_id == here.id:
                    log.error(
                        _list_place(p, "adjacent", other_id),
                        f"{KINDS[kind]} '{here.id}' lists itself as adjacent — remove it",
                    )
                    continue
                other = merged.place(other_id)
                if other is None or here.id in other.value.adjacent:
                    continue
                if kind == "gateways" and other.kind == "gateways":
                    continue  # reported as "a gateway where a space is needed"
                log.error(
                    other.at.get("adjacent", other.origin),
                    f"{KINDS[other.kind]} '{other_id}' does not list '{here.id}' as adjacent, but {KINDS[kind]} '{here.id}' "
                    f"lists '{other_id}' ({_list_place(p, 'adjacent', other_id)}) — adjacency goes both ways: add "
                    f"'{here.id}' to the adjacent list of '{other_id}'",
                )


def _check_capitals(merged: Merged, log: ProblemLog) -> None:
    spaces: list[Space] = merged.values("spaces")
    countries = merged.by_kind["countries"]
    misspelt = [s.country for s in spaces if s.country and s.country not in countries]
    for p in countries.values():
        country_id = p.id
        own = [s for s in spaces if s.country == country_id]
        capitals = [s for s in own if s.is_capital]
        if any(did_you_mean(wrong, [country_id]) for wrong in misspelt):
            pass  # a space meant for this country names it wrongly: that problem is reported already
        elif not own:
            log.error(
                p.origin,
                f"country '{country_id}' has no spaces — add a space with `country: {country_id}`, or remove the country",
            )
        elif not capitals:
            slips = [(s.id, t) for s in own for t in s.tags if did_you_mean(t, ["capital"])]
            hint = (
                f" — space '{slips[0][0]}' has the tag '{slips[0][1]}': did you mean 'capital'?"
                if slips
                else (f" — add the tag `capital` to one of its spaces ({one_of(s.id for s in own)})")
            )
            log.error(p.origin, f"country '{country_id}' has no capital{hint}")
        for extra in capitals[1:]:
            where = merged.by_kind["spaces"][extra.id]
            log.error(
                where.at.get("tags", extra.origin),
                f"country '{country_id}' has a second capital '{extra.id}' (the first is "
                f"'{capitals[0].id}') — keep the `capital` tag on one space only",
            )


def _check_connected(merged: Merged, log: ProblemLog) -> None:
    spaces = merged.by_kind["spaces"]
    if not spaces:
        return
    neighbours: dict[str, set[str]] = {s: set() for s in spaces}
    for s in merged.values("spaces"):
        for other in s.adjacent:
            if other in spaces and other != s.id:
                neighbours[s.id].add(other)
                neighbours[other].add(s.id)
    components: list[list[str]] = []
    seen: set[str] = set()
    for start in spaces:  # file order, so the first component holds the first space
        if start in seen:
            continue
        component, frontier = [], [start]
        seen.add(start)
        while frontier:
            here = frontier.pop()
            component.append(here)
            for other in neighbours[here]:
                if other not in seen:
                    seen.add(other)
                    frontier.append(other)
        components.append(sorted(component, key=list(spaces).index))
    if len(components) < 2:
        return
    main = max(components, key=len)
    for component in components:
        if component is main:
            continue
        first = spaces[component[0]]
        log.error(
            first.at.get("adjacent", first.origin),
            f"the map is not connected: {one_of(component)} cannot be reached from "
            f"'{main[0]}' — make one of them adjacent to a space of the rest of the map",
        )


def _check_reach(merged: Merged, log: ProblemLog) -> None:
    gateways = merged.by_kind["gateways"]
    for p in merged.by_kind["factions"].values():
        faction: Faction = p.value
        touched = {s for g in faction.gateways if g in gateways for s in gateways[g].value.adjacent}
        for ability in faction.abilities:
            for mod in ability.modifiers:
                if mod.get("on") != "reach":
                    continue
                if mod.get("always") is True:
                    touched.add("<always>")
                gateway = gateways.get(str(mod.get("gateway")))
                if gateway is not None:
                    touched.update(gateway.value.adjacent)
        if not touched:
            log.error(
                p.at.get("gateways", p.origin),
                f"faction '{faction.id}' cannot reach any space — give it a gateway that "
                "touches a space, or an ability with a `reach` modifier (`always: true` with `where:`, or `gateway:`)",
            )


# --- tracks, scenarios, settings -------------------------------------------------------


def _check_tracks(merged: Merged, log: ProblemLog, rules: str) -> None:
    tracks = list(merged.by_kind["tracks"].values())
    tension = [p for p in tracks if p.value.role == "tension"]
    if not tension:
        if tracks:
            log.error(
                tracks[0].origin,
                "no track has `role: tension` — add it to the track whose level triggers crises and breakdown",
            )
        else:
            log.add(
                Problem(rules, 0, 0, "no tracks are defined — add `tracks:` with a tension track (`role: tension`)")
            )
    for extra in tension[1:]:
        log.error(
            extra.at.get("role", extra.origin),
            f"track '{extra.id}' is a second tension track (the first is "
            f"'{tension[0].id}') — exactly one track has `role: tension`",
        )


def _check_scenarios(merged: Merged, log: ProblemLog, rules: str) -> None:
    if not merged.by_kind["scenarios"]:
        log.add(Problem(rules, 0, 0, "no scenario is defined — add `scenarios:` with at least one scenario"))
    tracks: dict[str, Parsed] = merged.by_kind["tracks"]
    for p in merged.by_kind["scenarios"].values():
        scenario: Scenario = p.value
        label = f"scenario '{scenario.id}'"
        in_play = set(scenario.factions)
        with_capital = {f for f, _ in scenario.capital}
        for faction in scenario.factions:
            if faction not in with_capital and faction in merged.by_kind["factions"]:
                log.error(
                    p.at.get("capital", p.origin),
                    f"{label} gives no starting capital to '{faction}' — add `{faction}: <amount>` to its 'capital'",
                )
        for key, pairs in (("capital", scenario.capital), ("briefings", scenario.briefings)):
            for faction, _ in pairs:
                if faction not in in_play and faction in merged.by_kind["factions"]:
                    log.warning(
                        p.at.get(f"{key}.{faction}", p.origin),
                        f"'{key}' of {label} names '{faction}', which is not among its factions — it is ignored",
                    )
        for i, start in enumerate(scenario.influence):
            if start.faction not in in_play and start.faction in merged.by_kind["factions"]:
                log.warning(
                    start.origin,
                    f"starting influence {i + 1} of {label} is for '{start.faction}', which is not among "
                    "its factions — it is ignored",
                )
        for track_id, level in scenario.tracks:
            t = tracks.get(track_id)
            if t is None:
                continue
            track: Track = t.value
            if not track.min <= level <= track.max:
                log.error(
                    p.at.get(f"tracks.{track_id}", p.origin),
                    f"{label} starts track '{track_id}' at {level}, but it runs from {track.min} to {track.max}",
                )


def _check_settings(merged: Merged, log: ProblemLog) -> None:
    countries = len(merged.by_kind["countries"])
    set_value = merged.settings.get("domination_countries")
    if set_value is not None and countries and set_value[0] > countries:
        log.error(
            set_value[1],
            f"the setting 'domination_countries' is {set_value[0]}, but there are only {countries} countries "
            "— nobody could ever win by domination",
        )
