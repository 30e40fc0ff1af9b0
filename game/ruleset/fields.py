"""Reading typed values out of positioned YAML nodes, one problem per wrong value.

`Entry` is the entry being read (a space, a card …): it names it in messages, keeps the
place of every value read and collects the ids it uses as `Ref`s for the
cross-reference checks. `Fields` reads the keys of one mapping and, when done, reports
the keys nobody asked for, with a "did you mean" suggestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.ruleset.model import Origin
from game.ruleset.problems import ProblemLog, did_you_mean, one_of, suggestion
from game.ruleset.yamlpos import YList, YMap, YNode, YScalar, describe, short

ID_PATTERN = re.compile(r"[a-z][a-z0-9_-]*")
RESERVED_WORDS = frozenset({"self", "this", "leader", "rival", "any", "all", "rivals", "others"})
"""Words with a meaning in effects and modifiers; never ids."""

KINDS: dict[str, str] = {
    "countries": "country",
    "spaces": "space",
    "gateways": "gateway",
    "corridors": "corridor",
    "tracks": "track",
    "factions": "faction",
    "cards": "card",
    "events": "event",
    "crises": "crisis",
    "scenarios": "scenario",
}
"""Top-level list keys and the singular used in messages."""


@dataclass(frozen=True)
class Ref:
    """An id used somewhere, to be checked against what the rules define."""

    kind: str
    """space, gateway, place (space or gateway), country, faction, track, corridor,
    space_tag, country_tag, flag_set or flag_test."""
    value: str
    origin: Origin
    owner: str
    """The entry that uses it, for messages: `card 'x'`."""


class Entry:
    """The entry being read: its name in messages, the ids it uses, its value places."""

    def __init__(self, kind: str, origin: Origin, log: ProblemLog) -> None:
        self.kind = kind
        self.singular = KINDS.get(kind, kind)
        self.label = f"a {self.singular}"
        self.origin = origin
        self.log = log
        self.refs: list[Ref] = []
        self.at: dict[str, Origin] = {}

    def error(self, origin: Origin, message: str) -> None:
        self.log.error(origin, message)

    def warning(self, origin: Origin, message: str) -> None:
        self.log.warning(origin, message)

    def ref(self, kind: str, value: str, origin: Origin) -> None:
        self.refs.append(Ref(kind, value, origin, self.label))

    # Each `as_*` reads one value node, reports a problem and returns None if it is wrong.

    def as_text(self, node: YNode, what: str) -> str | None:
        if isinstance(node, YScalar) and node.value is not None and not isinstance(node.value, bool):
            return node.value if isinstance(node.value, str) else node.text
        self.error(node.origin, f"{what} should be text, not {describe(node)}")
        return None

    def as_int(self, node: YNode, what: str, lo: int | None = None, hi: int | None = None) -> int | None:
        value = whole_number(node.value) if isinstance(node, YScalar) else None
        if value is None and isinstance(node, YScalar) and isinstance(node.value, str) and _LONG_NUMBER.fullmatch(node.value):
            digits = len(node.value.lstrip("+-"))
            self.error(node.origin, f"{what} is a number of {digits} digits, far too large: it must be {_range_text(lo, hi if hi is not None else RULE_NUMBER_LIMIT)}")
            return None
        if value is None:
            self.error(node.origin, f"{what} should be {_int_expect(lo, hi)}, not {describe(node)}")
            return None
        if hi is None and value > RULE_NUMBER_LIMIT:
            hi = RULE_NUMBER_LIMIT
        if lo is None and value < -RULE_NUMBER_LIMIT:
            lo = -RULE_NUMBER_LIMIT
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.error(node.origin, f"{what} is {value}, but it must be {_range_text(lo, hi)}")
            return None
        return value

    def as_number(self, node: YNode, what: str) -> float | None:
        if isinstance(node, YScalar) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return float(node.value)
        self.error(node.origin, f"{what} should be a number, not {describe(node)}")
        return None

    def as_bool(self, node: YNode, what: str) -> bool | None:
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return node.value
        self.error(node.origin, f"{what} should be true or false, not {describe(node)}")
        return None

    def as_list(self, node: YNode, what: str, expect: str = "a list") -> tuple[YNode, ...] | None:
        if isinstance(node, YList):
            return node.items
        hint = " (write `[a, b]` or one `- item` per line)" if expect == "a list" else ""
        self.error(node.origin, f"{what} should be {expect}{hint}, not {describe(node)}")
        return None

    def as_map(self, node: YNode, what: str, expect: str = "a mapping of `key: value` pairs") -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.error(node.origin, f"{what} should be {expect}, not {describe(node)}")
        return None

    def as_word(self, node: YNode, what: str) -> str | None:
        """A string in id form (ids, tags, flag names); reserved words allowed."""
        if not (isinstance(node, YScalar) and isinstance(node.value, str)):
            self.error(node.origin, f"{what} should be an id (a lowercase word), not {describe(node)}")
            return None
        if not ID_PATTERN.fullmatch(node.value):
            self.error(
                node.origin,
                f"{what} is '{short(node.value)}', which is not a valid id — use lowercase letters, digits, "
                "'-' and '_', starting with a letter",
            )
            return None
        return node.value

    def as_id(self, node: YNode, what: str) -> str | None:
        """A new id being defined: a word that is not reserved."""
        value = self.as_word(node, what)
        if value is not None and value in RESERVED_WORDS:
            self.error(
                node.origin,
                f"'{value}' is a reserved word in effects ({one_of(sorted(RESERVED_WORDS))}) and cannot be "
                "an id — choose another id",
            )
            return None
        return value

    def as_ref(self, node: YNode, what: str, kind: str, words: tuple[str, ...] = ()) -> str | None:
        """An id of something defined elsewhere (recorded for crossref), or one of `words`."""
        if words and isinstance(node, YScalar) and node.value in words:
            return str(node.value)
        value = self.as_word(node, what)
        if value is None:
            return None
        if value in RESERVED_WORDS:
            allowed = f"one of {one_of(words)} or " if words else ""
            self.error(
                node.origin,
                f"{what} is '{value}', a reserved word that means nothing here — give {allowed}a {_KIND_NAMES.get(kind, kind)} id",
            )
            return None
        self.ref(kind, value, node.origin)
        return value


RULE_NUMBER_LIMIT = 1_000_000
"""No number in the rules may be larger (or smaller than its negative): a rule that needs
more is a typo, and the engine need not guard every sum against it."""
_LONG_NUMBER = re.compile(r"[+-]?[0-9]+")


def whole_number(value: object) -> int | None:
    """`value` as a whole number, or None. `1.0` is the whole number 1, as JSON Schema (and
    so the editor's schema check) reads it; `true` is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _int_expect(lo: int | None, hi: int | None) -> str:
    if lo is None and hi is None:
        return "a whole number"
    return f"a whole number {_range_text(lo, hi)}"


def _range_text(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"between {lo} and {hi}"
    if lo is not None:
        return f"{lo} or more"
    return f"{hi} or less"


_KIND_NAMES = {
    "place": "space or gateway",
    "space_tag": "space tag",
    "country_tag": "country tag",
    "flag_test": "flag",
    "flag_set": "flag",
}


class Fields:
    """Reads the keys of one mapping; `finish()` reports the keys nobody asked for."""

    def __init__(self, node: YMap, entry: Entry, where: str | None = None, path: str = "") -> None:
        self.node = node
        self.entry = entry
        self._where = where
        self.path = path
        self.known: list[str] = []
        self._missing: list[tuple[str, str]] = []

    @property
    def where(self) -> str:
        """How messages name this mapping: the entry's label unless told otherwise."""
        return self._where or self.entry.label

    @where.setter
    def where(self, where: str) -> None:
        self._where = where

    def what(self, key: str) -> str:
        return f"'{key}' in {self.where}"

    def get(self, key: str, required: bool = False, expect: str = "a value") -> YNode | None:
        """The value node of `key`; an empty value counts as absent."""
        self.known.append(key)
        pair = self.node.items.get(key)
        value = None if pair is None else pair.value
        if isinstance(value, YScalar) and value.value is None:
            if required:
                self.entry.error(value.origin, f"'{key}' in {self.where} is empty — give {expect}")
            return None
        if value is None:
            if required:
                self._missing.append((key, expect))
            return None
        self.entry.at[self.path + key] = value.origin
        return value

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        node = self.get(key, required, "text")
        value = None if node is None else self.entry.as_text(node, self.what(key))
        return default if value is None else value

    def integer(
        self, key: str, required: bool = False, default: int = 0, lo: int | None = None, hi: int | None = None
    ) -> int:
        value = self.optional_int(key, required, lo, hi)
        return default if value is None else value

    def optional_int(
        self, key: str, required: bool = False, lo: int | None = None, hi: int | None = None
    ) -> int | None:
        node = self.get(key, required, _int_expect(lo, hi))
        return None if node is None else self.entry.as_int(node, self.what(key), lo, hi)

    def boolean(self, key: str, default: bool) -> bool:
        node = self.get(key, False)
        value = None if node is None else self.entry.as_bool(node, self.what(key))
        return default if value is None else value

    def ident(self, key: str = "id") -> str | None:
        node = self.get(key, True, "an id (a lowercase word such as `my-entry`)")
        return None if node is None else self.entry.as_id(node, self.what(key))

    def choice(self, key: str, options: tuple[str, ...], required: bool = False, default: str = "") -> str:
        node = self.get(key, required, one_of(options))
        if node is None:
            return default
        value = self.entry.as_text(node, self.what(key))
        if value is None:
            return default
        if value not in options:
            self.entry.error(node.origin, f"{self.what(key)} is '{value}'{not_one_of(value, options)}")
            return default
        return value

    def ref(self, key: str, kind: str, required: bool = False) -> str | None:
        node = self.get(key, required, f"a {_KIND_NAMES.get(kind, kind)} id")
        return None if node is None else self.entry.as_ref(node, self.what(key), kind)

    def ref_list(self, key: str, kind: str, required: bool = False) -> tuple[str, ...]:
        return self.word_list(key, required, kind)

    def word_list(self, key: str, required: bool = False, kind: str | None = None) -> tuple[str, ...]:
        """A list of ids (refs of `kind`) or, without `kind`, of free words (tags)."""
        node = self.get(key, required, "a list such as `[a, b]`")
        if node is None:
            return ()
        items = self.entry.as_list(node, self.what(key))
        if items is None:
            return ()
        out: list[str] = []
        for i, item in enumerate(items):
            what = f"item {i + 1} of '{key}' in {self.where}"
            value = self.entry.as_word(item, what) if kind is None else self.entry.as_ref(item, what, kind)
            if value is None:
                continue
            if value in out:
                self.entry.error(item.origin, f"'{value}' is listed twice in '{key}' of {self.where} — remove one")
                continue
            self.entry.at[f"{self.path}{key}[{len(out)}]"] = item.origin
            out.append(value)
        return tuple(out)

    def city(self, key: str = "city") -> tuple[float, float] | None:
        node = self.get(key, False)
        if node is None:
            return None
        what = self.what(key)
        if not (isinstance(node, YList) and len(node.items) == 2):
            self.entry.error(node.origin, f"{what} should be `[longitude, latitude]`, not {describe(node)}")
            return None
        lon = self.entry.as_number(node.items[0], f"the longitude of {what}")
        lat = self.entry.as_number(node.items[1], f"the latitude of {what}")
        if lon is None or lat is None:
            return None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            self.entry.error(
                node.origin,
                f"{what} is [{lon}, {lat}], which is not a place on Earth — write `[longitude, latitude]` "
                "(longitude −180…180 first)",
            )
            return None
        return (lon, lat)

    def finish(self) -> None:
        """Report missing required keys and unknown keys (a misspelt key is reported once)."""
        unknown = [key for key in self.node.items if key not in self.known]
        misspelt = {did_you_mean(key, self.known) for key in unknown}
        for key, expect in self._missing:
            if key not in misspelt:
                self.entry.error(self.node.origin, f"missing '{key}' in {self.where} — add `{key}:` with {expect}")
        for key in unknown:
            self.entry.error(
                self.node.items[key].key.origin, f"unknown key '{key}' in {self.where}{suggestion(key, self.known)}"
            )


def not_one_of(value: str, options: tuple[str, ...]) -> str:
    """A message tail for a value that is not among `options`."""
    return suggestion(value, options)
