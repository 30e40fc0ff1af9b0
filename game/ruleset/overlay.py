"""Laying rules over each other: the base files, then each mod in load order.

A *layer* is the base rules (all its files together) or one mod. Within a layer an id
may be defined once (a duplicate is a problem naming both places). Across layers:

- an entry whose id exists is merged over the old one: the keys it gives replace the
  old keys; mappings of the format (`scoring`, `capital`, `briefings` …, see
  `MERGED_TYPES`) merge key by key, and in a merged mapping of ids `key: null` deletes
  the key; everything else — lists, effects, conditions, modifiers — is replaced whole;
- a new id is added (after the entries that exist, so the base's first scenario stays
  the default);
- `remove: [ids]` deletes entries of earlier layers (and, in the base, of other files),
  or a faction's ability by its id;
- settings set again replace the earlier value.

Merging happens on the YAML nodes, before an entry is read, so every value keeps the
`file:line:column` it was written at and the entry's `origin` is where its id was
written last. Two mods that change the same entry (or setting) get a warning naming
both places, unless the later one requires the earlier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from game.ruleset.crossref import Merged
from game.ruleset.fields import KINDS
from game.ruleset.format import KINDS as KIND_SPECS
from game.ruleset.format import FieldSpec
from game.ruleset.model import Origin
from game.ruleset.problems import ProblemLog, did_you_mean, suggestion
from game.ruleset.schema import FileContent, RawEntry, read_entry
from game.ruleset.yamlpos import YList, YMap, YPair, YScalar

PLACE_KINDS = ("spaces", "gateways")
"""Spaces and gateways share one namespace: adjacency mixes them."""

MERGED_TYPES = frozenset({"object", "int_map", "text_map", "weights"})
"""Field types whose mapping a mod merges key by key instead of replacing."""
_ID_MAPS = frozenset({"int_map", "text_map", "weights"})


@dataclass(frozen=True)
class Layer:
    """The base rules or one mod, with the files it contributes."""

    contents: Sequence[FileContent]
    mod_id: str | None = None
    """None for the base rules."""
    requires: frozenset[str] = frozenset()
    """Every mod this one requires, directly or not (changing their entries is expected)."""

    @property
    def label(self) -> str:
        return f"mod '{self.mod_id}'" if self.mod_id else ""


@dataclass
class _Slot:
    node: YMap
    writers: list[tuple[Layer, Origin]] = field(default_factory=list)


def overlay(layers: Sequence[Layer], log: ProblemLog) -> Merged:
    """Lay the layers over each other, then read every final entry."""
    slots: dict[str, dict[str, _Slot]] = {kind: {} for kind in KINDS}
    settings: dict[str, tuple[int, Origin, Layer]] = {}
    merged = Merged()
    for layer in layers:
        deferred: list[tuple[str, Origin]] = []
        for content in layer.contents:
            for entry_id, origin in content.removals:
                if not _remove(slots, merged, layer, entry_id, origin, log):
                    deferred.append((entry_id, origin))
        defined: dict[tuple[str, str], RawEntry] = {}
        for content in layer.contents:
            for raw in content.entries:
                _put(slots, defined, layer, raw, log)
        _settings(settings, layer, log)
        for content in layer.contents:
            merged.settings_origin = merged.settings_origin or content.settings_origin
        for entry_id, origin in deferred:
            if _remove(slots, merged, layer, entry_id, origin, log):
                continue
            earlier = merged.removed.get(entry_id)
            if earlier is not None:
                log.warning(origin, f"'{entry_id}' is already removed{_by(earlier[1])} at {earlier[0]} — nothing left to remove")
                continue
            every = [i for entries in slots.values() for i in entries]
            log.error(
                origin, f"cannot remove '{entry_id}': nothing has this id{suggestion(entry_id, every, listing=False)}"
            )
    merged.settings = {key: (value, origin) for key, (value, origin, _) in settings.items()}
    for kind, entries in slots.items():
        for entry_id, slot in entries.items():
            parsed = read_entry(kind, slot.node, log)
            if parsed is not None:
                merged.by_kind[kind][entry_id] = parsed
                merged.history[(kind, entry_id)] = [(layer.mod_id, where) for layer, where in slot.writers]
    return merged


def _by(who: str) -> str:
    return f" by {who}" if who else ""


def _id_origin(node: YMap) -> Origin:
    value = node.get("id")
    return value.origin if value is not None else node.origin


def _put(
    slots: dict[str, dict[str, _Slot]],
    defined: dict[tuple[str, str], RawEntry],
    layer: Layer,
    raw: RawEntry,
    log: ProblemLog,
) -> None:
    """Add one entry of `layer`, or merge it over the entry of an earlier layer."""
    namespace = "places" if raw.kind in PLACE_KINDS else raw.kind
    singular = KINDS[raw.kind]
    first = defined.get((namespace, raw.id))
    if first is not None:
        if first.kind == raw.kind:
            why = f"duplicate {singular} id '{raw.id}' — already defined at {first.node.origin}; rename or remove one of them"
        else:
            why = (
                f"the id '{raw.id}' of this {singular} is already used by the {KINDS[first.kind]} at "
                f"{first.node.origin} — spaces and gateways share ids; rename one of them"
            )
        log.error(_id_origin(raw.node), why)
        return
    defined[(namespace, raw.id)] = raw
    for other in PLACE_KINDS if raw.kind in PLACE_KINDS else ():
        clash = slots[other].get(raw.id)
        if other != raw.kind and clash is not None:
            log.error(
                _id_origin(raw.node),
                f"the id '{raw.id}' of this {singular} is already used by the {KINDS[other]} at {clash.node.origin} — "
                "spaces and gateways share ids; rename one of them",
            )
            return
    slot = slots[raw.kind].get(raw.id)
    if slot is None:
        if layer.mod_id and _misspelt_change(slots, raw, log):
            return
        slots[raw.kind][raw.id] = _Slot(raw.node, [(layer, raw.node.origin)])
        return
    for writer, where in slot.writers:
        if writer.mod_id and writer.mod_id != layer.mod_id and writer.mod_id not in layer.requires:
            log.warning(
                _id_origin(raw.node),
                f"{singular} '{raw.id}' is also changed by {writer.label} at {where} — both changes apply, in load "
                f"order; where both set the same key, {layer.label or 'this one'} wins",
            )
            break
    slot.node = merge_entry(raw.kind, slot.node, raw.node)
    slot.writers.append((layer, raw.node.origin))


def _misspelt_change(slots: dict[str, dict[str, _Slot]], raw: RawEntry, log: ProblemLog) -> bool:
    """A mod entry with a new id that lacks what a new entry needs, and whose id is close
    to an existing one, is a misspelt change: one problem instead of one per missing key."""
    missing = [k for k, spec in KIND_SPECS[raw.kind].fields.items() if spec.required and k not in raw.node.items]
    if not missing:
        return False
    close = did_you_mean(raw.id, slots[raw.kind])
    if close is None:
        return False
    singular = KINDS[raw.kind]
    log.error(
        _id_origin(raw.node),
        f"no earlier {singular} has the id '{raw.id}', so this is a new {singular} (missing {', '.join(missing)}) "
        f"— did you mean '{close}', to change it?",
    )
    return True


def _remove(
    slots: dict[str, dict[str, _Slot]], merged: Merged, layer: Layer, entry_id: str, origin: Origin, log: ProblemLog
) -> bool:
    found = False
    for kind, entries in slots.items():
        slot = entries.pop(entry_id, None)
        if slot is None:
            continue
        found = True
        for writer, where in slot.writers:
            if writer.mod_id and writer.mod_id != layer.mod_id and writer.mod_id not in layer.requires:
                log.warning(
                    origin,
                    f"this removes {KINDS[kind]} '{entry_id}', which {writer.label} changes at {where} — "
                    "those changes are lost",
                )
                break
    found = found or _remove_ability(slots, entry_id)
    if found:
        merged.removed[entry_id] = (origin, layer.label)
    return found


def _remove_ability(slots: dict[str, dict[str, _Slot]], ability_id: str) -> bool:
    """Delete a faction's ability by its id: `remove: [drone-diplomacy]` is a whole mod that
    plays the game without it (the balance notes measure each ability this way)."""
    for slot in slots["factions"].values():
        pair = slot.node.items.get("abilities")
        if pair is None or not isinstance(pair.value, YList):
            continue
        kept = tuple(a for a in pair.value.items if not (isinstance(a, YMap) and _scalar(a.get("id")) == ability_id))
        if len(kept) < len(pair.value.items):
            items = dict(slot.node.items)
            items["abilities"] = YPair(pair.key, YList(kept, pair.value.origin))
            slot.node = YMap(items, slot.node.origin)
            return True
    return False


def _scalar(node: object) -> object:
    return node.value if isinstance(node, YScalar) else None


def _settings(settings: dict[str, tuple[int, Origin, Layer]], layer: Layer, log: ProblemLog) -> None:
    here: dict[str, Origin] = {}
    for content in layer.contents:
        for key, value, origin in content.settings:
            if key in here:
                log.error(origin, f"the setting '{key}' is already set at {here[key]} — keep only one of them")
                continue
            here[key] = origin
            earlier = settings.get(key)
            if earlier is not None:
                writer = earlier[2]
                if writer.mod_id and writer.mod_id not in layer.requires:
                    log.warning(
                        origin,
                        f"the setting '{key}' is also set by {writer.label} at {earlier[1]} — "
                        f"{layer.label} loads later, so its value ({value}) is used",
                    )
            settings[key] = (value, origin, layer)


def merge_entry(kind: str, old: YMap, new: YMap) -> YMap:
    """`new` merged over `old`: the keys of `new` win; the format's mappings merge."""
    return _merge(old, new, KIND_SPECS[kind].fields)


def _merge(old: YMap, new: YMap, specs: dict[str, FieldSpec]) -> YMap:
    items = dict(old.items)
    for key, pair in new.items.items():
        before = items.get(key)
        spec = specs.get(key)
        if (
            before is not None
            and spec is not None
            and spec.type in MERGED_TYPES
            and isinstance(before.value, YMap)
            and isinstance(pair.value, YMap)
        ):
            if spec.type in _ID_MAPS:
                inner = _merge_id_map(before.value, pair.value)
            else:
                inner = _merge(before.value, pair.value, spec.fields)
            items[key] = YPair(pair.key, inner)
        else:
            items[key] = pair
    return YMap(items, new.origin)


def _merge_id_map(old: YMap, new: YMap) -> YMap:
    items = dict(old.items)
    for key, pair in new.items.items():
        if isinstance(pair.value, YScalar) and pair.value.value is None:
            items.pop(key, None)  # `key: null` deletes the key
        else:
            items[key] = pair
    return YMap(items, new.origin)
