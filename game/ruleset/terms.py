"""Checking effects, conditions and modifiers against `game.ruleset.vocabulary`.

An effect is a one-key mapping (`- change_track: {track: …, by: 1}`); a condition is a
mapping of one or more condition terms, all of which must hold; a modifier is
`{on: <hook>, …filters, …the hook's parameters}`. Terms with a `scalar` parameter may be
written with a bare value. Nested effects and conditions are checked recursively, and
every id a parameter names is recorded as a `Ref` for the cross-reference checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from game.ruleset.fields import Entry, Fields, not_one_of, whole_number
from game.ruleset.model import DOMAINS
from game.ruleset.problems import did_you_mean, one_of, suggestion
from game.ruleset.vocabulary import CONDITIONS, EFFECTS, MODIFIER_FILTERS, MODIFIERS, Param, Term
from game.ruleset.yamlpos import YList, YMap, YNode, YPair, YScalar, describe

COUNTRY_STATUSES: tuple[str, ...] = ("dominated", "aligned", "balanced")

# Parameters whose vocabulary kind is loose (`str`) but that name something specific.
_KIND_OVERRIDES: dict[tuple[str, str, str], str] = {
    ("condition", "gateway", "id"): "gateway",
    ("condition", "tag", "tag"): "space_tag",
    ("condition", "country_tag", "tag"): "country_tag",
    ("condition", "country_status", "status"): "status",
    ("modifier", "reach", "gateway"): "gateway",
}
_FACTION_WORDS = ("self", "this", "leader", "rival")
_EXTRA_WORDS: dict[tuple[str, str, str], tuple[str, ...]] = {("condition", "leader", "faction"): ("any",)}

_EXPECT: dict[str, str] = {
    "int": "a whole number",
    "posint": "a whole number, 1 or more",
    "nonneg": "a whole number, 0 or more",
    "str": "text",
    "bool": "true or false",
    "domain": "one of soft_power, security, trade",
    "domain_or_any": "one of soft_power, security, trade, any",
    "faction_ref": "self, this, leader, rival or a faction id",
    "faction": "a faction id",
    "factions_filter": "all, rivals, others or a list of faction ids",
    "track": "a track id",
    "corridor": "a corridor id",
    "country": "a country id",
    "gateway": "a gateway id",
    "flag": "a flag name (a lowercase word)",
    "space_ref": "a space id or `this`",
    "country_ref": "a country id or `this`",
    "space_tag": "a space tag",
    "country_tag": "a country tag",
    "status": "dominated, aligned or balanced",
    "who": "self, others, any or a faction id",
    "condition": "a condition such as `{tag: capital}`",
    "conditions": "a list of conditions",
    "effects": "a list of effects (`- effect_name: {…}`)",
    "options": "a list of options `- {label: …, effects: […]}`",
    "modifier": "a modifier such as `{on: income, capital: 1}`",
    "int_list": "a list of whole numbers",
}
MAX_EFFECT_NUMBER = 100
"""The largest number an effect, condition or modifier may say (units, capital, rounds …)."""
_INT_BOUNDS: dict[str, tuple[int | None, int | None]] = {
    "int": (-MAX_EFFECT_NUMBER, MAX_EFFECT_NUMBER), "posint": (1, MAX_EFFECT_NUMBER), "nonneg": (0, MAX_EFFECT_NUMBER),
}  # fmt: skip
EFFECT_BUDGET = 2_000
"""The most effects and one-unit choices one card, event, crisis or ability may resolve,
counted at its worst: a `for_each` over factions counts as 10 repeats, over countries as
20 and over spaces as 80 (more than any map has), a choice or branch as its largest option,
and a unit of influence added or removed one at a time as one choice. The engine stops a
step that resolves more than `game.engine.game.MAX_EFFECT_STEPS` all the same."""
FOR_EACH_REPEATS = {"factions": 10, "countries": 20, "spaces": 80}
EXPECT = _EXPECT
"""What to write for each parameter kind, as a phrase (the modding reference shows it)."""
KIND_OVERRIDES = _KIND_OVERRIDES
"""(family, term, parameter) whose value is more specific than its vocabulary kind."""


class VocabularyChecker:
    """Checks effects, conditions and modifiers of one entry against the vocabulary."""

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self._nesting = 0

    # Effects ------------------------------------------------------------------------
    def effects(self, node: YNode, what: str) -> tuple[dict[str, Any], ...]:
        """A list of effects, checked; returned as plain dicts as written."""
        items = self.entry.as_list(node, what, _EXPECT["effects"])
        if items is None:
            return ()
        out: list[dict[str, Any]] = []
        self._nesting += 1
        try:
            for item in items:
                if self.effect(item, what):
                    out.append(as_written(item))
        finally:
            self._nesting -= 1
        if self._nesting == 0:
            cost = effects_cost(node)
            if cost > EFFECT_BUDGET:
                self.entry.error(
                    node.origin,
                    f"{what} may resolve up to {_count(cost)} effects and choices at once, more than the "
                    f"{EFFECT_BUDGET:,} a card, event or ability may (nested 'for_each' multiply) — "
                    "flatten it or use fewer repeats",
                )
        return tuple(out)

    def effect(self, node: YNode, what: str) -> bool:
        if not isinstance(node, YMap) or not node.items:
            self.entry.error(
                node.origin,
                f"an effect in {what} should be a one-key mapping such as "
                f"`- change_track: {{track: …, by: 1}}`, not {describe(node)}",
            )
            return False
        if len(node.items) != 1:
            keys = list(node.items)
            named = [k for k in keys if k in EFFECTS]
            hint = (
                f"; indent the parameters under '{named[0]}'"
                if len(named) == 1
                else "; start each effect with its own '- '"
            )
            self.entry.error(
                node.origin,
                f"an effect is a one-key mapping, but this one in {what} has {len(keys)} keys "
                f"({', '.join(keys)}){hint}",
            )
            return False
        ((name, pair),) = node.items.items()
        term = EFFECTS.get(name)
        if term is None:
            self.entry.error(pair.key.origin, f"unknown effect '{name}' in {what}{suggestion(name, EFFECTS)}")
            return False
        self.term("effect", name, term, pair, what)
        if name == "for_each" and isinstance(pair.value, YMap):
            given = [k for k in ("spaces", "countries", "factions") if k in pair.value.items]
            if len(given) != 1:
                said = "none" if not given else " and ".join(f"'{k}'" for k in given)
                self.entry.error(
                    pair.key.origin,
                    f"'for_each' in {what} needs exactly one of 'spaces', 'countries' or 'factions', but has {said}",
                )
        return True

    # Conditions ---------------------------------------------------------------------
    def condition(self, node: YNode, what: str) -> None:
        if not isinstance(node, YMap):
            self.entry.error(node.origin, f"{what} should be {_EXPECT['condition']}, not {describe(node)}")
            return
        if not node.items:
            self.entry.error(node.origin, f"{what} is an empty condition — write `anywhere: true` to match every space")
            return
        for name, pair in node.items.items():
            term = CONDITIONS.get(name)
            if term is None:
                self.entry.error(pair.key.origin, f"unknown condition '{name}' in {what}{suggestion(name, CONDITIONS)}")
                continue
            self.term("condition", name, term, pair, what)

    # Modifiers ----------------------------------------------------------------------
    def modifier(self, node: YNode, what: str) -> dict[str, Any] | None:
        if not isinstance(node, YMap):
            self.entry.error(node.origin, f"{what} should be {_EXPECT['modifier']}, not {describe(node)}")
            return None
        hook_node = node.get("on")
        if hook_node is None:
            self.entry.error(
                node.origin, f"a modifier in {what} has no 'on' — add `on:` with one of: {one_of(MODIFIERS)}"
            )
            return None
        hook = hook_node.value if isinstance(hook_node, YScalar) else None
        term = MODIFIERS.get(hook) if isinstance(hook, str) else None
        if term is None or not isinstance(hook, str):
            shown = f"'{hook}'" if isinstance(hook, str) else describe(hook_node)
            tail = suggestion(hook, MODIFIERS) if isinstance(hook, str) else f" — expected one of: {one_of(MODIFIERS)}"
            self.entry.error(hook_node.origin, f"unknown modifier hook {shown} in {what}{tail}")
            return None
        allowed = {**MODIFIER_FILTERS, **term.params}
        for key, pair in node.items.items():
            if key == "on":
                continue
            param = allowed.get(key)
            if param is None:
                self.entry.error(
                    pair.key.origin,
                    f"unknown key '{key}' in the '{hook}' modifier of {what}{suggestion(key, [*allowed, 'on'])}",
                )
                continue
            kind = "who" if key == "who" else _KIND_OVERRIDES.get(("modifier", hook, key), param.kind)
            self.value(kind, param, pair.value, f"'{key}' of the '{hook}' modifier in {what}", ("modifier", hook, key))
        for key in _missing_required(term.params, node, allowed):
            param = term.params[key]
            self.entry.error(
                node.origin,
                f"the '{hook}' modifier in {what} needs '{key}' — add `{key}:` with "
                f"{_EXPECT.get(param.kind, param.kind)} ({param.description.rstrip('.')})",
            )
        return dict(as_written(node))

    # Terms and parameters -------------------------------------------------------------
    def term(self, family: str, name: str, term: Term, pair: YPair, what: str) -> None:
        """The value of one effect or condition: a mapping of parameters or a bare value."""
        node: YNode = pair.value
        scalar_param = term.params.get(term.scalar) if term.scalar else None
        mapping_form = isinstance(node, YMap) and (
            scalar_param is None or scalar_param.kind not in ("condition",) or (term.scalar or "") in node.items
        )
        label = f"'{name}' in {what}"
        if not mapping_form:
            if scalar_param is None or term.scalar is None:
                self.entry.error(
                    node.origin,
                    f"{label} should be a mapping of its parameters such as "
                    f"`{{{', '.join(list(term.params)[:2])}: …}}`, not {describe(node)}",
                )
                return
            kind = _KIND_OVERRIDES.get((family, name, term.scalar), scalar_param.kind)
            self.value(kind, scalar_param, node, label, (family, name, term.scalar))
            return
        assert isinstance(node, YMap)
        for key, p in node.items.items():
            param = term.params.get(key)
            if param is None:
                self.entry.error(p.key.origin, f"unknown parameter '{key}' for {label}{suggestion(key, term.params)}")
                continue
            kind = _KIND_OVERRIDES.get((family, name, key), param.kind)
            self.value(kind, param, p.value, f"'{key}' of {label}", (family, name, key))
        for key in _missing_required(term.params, node, term.params):
            param = term.params[key]
            self.entry.error(
                node.origin, f"{label} needs '{key}' — add `{key}:` with {_EXPECT.get(param.kind, param.kind)}"
            )

    def value(self, kind: str, param: Param, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        """Check one parameter value of the given kind; record the ids it uses."""
        entry = self.entry
        if isinstance(node, YScalar) and node.value is None:
            if param.default is None and not param.required:
                return
            entry.error(node.origin, f"{what} is empty — give {_EXPECT.get(kind, kind)}")
            return
        check = _VALUE_CHECKS.get(kind)
        if check is not None:
            check(self, node, what, where)
        elif kind in _INT_BOUNDS:
            entry.as_int(node, what, *_INT_BOUNDS[kind])
        # An unknown kind is the vocabulary's business (tests cover that every kind is known).

    def _str(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        self.entry.as_text(node, what)

    def _bool(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        self.entry.as_bool(node, what)

    def _domain(self, node: YNode, what: str, where: tuple[str, str, str], extra: tuple[str, ...] = ()) -> None:
        options = (*DOMAINS, *extra)
        if isinstance(node, YScalar) and node.value in options:
            return
        if isinstance(node, YScalar) and isinstance(node.value, str):
            self.entry.error(
                node.origin, f"{what} is '{node.value}', which is not a domain{not_one_of(node.value, options)}"
            )
        else:
            self.entry.error(node.origin, f"{what} should be one of {one_of(options)}, not {describe(node)}")

    def _domain_or_any(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        self._domain(node, what, where, ("any",))

    def _status(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        value = self.entry.as_text(node, what)
        if value is not None and value not in COUNTRY_STATUSES:
            self.entry.error(node.origin, f"{what} is '{value}'{not_one_of(value, COUNTRY_STATUSES)}")

    def _faction_ref(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        self.entry.as_ref(node, what, "faction", (*_FACTION_WORDS, *_EXTRA_WORDS.get(where, ())))

    def _who(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        self.entry.as_ref(node, what, "faction", ("self", "others", "any"))

    def _factions_filter(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        if isinstance(node, YList):
            for item in node.items:
                self.entry.as_ref(item, f"an item of {what}", "faction")
            return
        self.entry.as_ref(node, what, "faction", ("all", "rivals", "others"))

    def _flag(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        self.entry.as_ref(node, what, "flag_test" if where[0] == "condition" else "flag_set")

    def _condition(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        self.condition(node, what)

    def _conditions(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        items = self.entry.as_list(node, what, _EXPECT["conditions"])
        for item in items or ():
            self.condition(item, what)

    def _effects(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        self.effects(node, what)

    def _options(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        items = self.entry.as_list(node, what, _EXPECT["options"])
        if items is None:
            return
        if len(items) < 2:
            self.entry.error(
                node.origin,
                f"{what} has {len(items)} option{'s' if len(items) != 1 else ''} — a choice needs two or more",
            )
        for i, item in enumerate(items):
            option = self.entry.as_map(item, f"option {i + 1} of {what}", "a mapping `{label: …, effects: […]}`")
            if option is None:
                continue
            f = Fields(option, self.entry, f"option {i + 1} of {what}")
            f.text("label", required=True)
            effects = f.get("effects", True, "a list of effects")
            if effects is not None:
                self.effects(effects, f"option {i + 1} of {what}")
            f.finish()

    def _modifier(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        self.modifier(node, what)

    def _int_list(self, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        for item in self.entry.as_list(node, what, _EXPECT["int_list"]) or ():
            self.entry.as_int(item, f"an item of {what}")


def _missing_required(params: dict[str, Param], node: YMap, allowed: Iterable[str]) -> list[str]:
    """Required parameters not given, except those an unknown key is a misspelling of
    (the unknown key's problem already says `did you mean`)."""
    known = list(allowed)
    misspelt = {did_you_mean(key, known) for key in node.items if key not in known and key != "on"}
    return [key for key, p in params.items() if p.required and key not in node.items and key not in misspelt]


_Check = Callable[[VocabularyChecker, YNode, str, tuple[str, str, str]], None]


def _id_check(kind: str, words: tuple[str, ...] = ()) -> _Check:
    def check(checker: VocabularyChecker, node: YNode, what: str, where: tuple[str, str, str]) -> None:
        checker.entry.as_ref(node, what, kind, words)

    return check


_VALUE_CHECKS: dict[str, _Check] = {
    "str": VocabularyChecker._str,
    "bool": VocabularyChecker._bool,
    "domain": VocabularyChecker._domain,
    "domain_or_any": VocabularyChecker._domain_or_any,
    "status": VocabularyChecker._status,
    "faction_ref": VocabularyChecker._faction_ref,
    "who": VocabularyChecker._who,
    "factions_filter": VocabularyChecker._factions_filter,
    "faction": _id_check("faction"),
    "track": _id_check("track"),
    "corridor": _id_check("corridor"),
    "country": _id_check("country"),
    "gateway": _id_check("gateway"),
    "space_tag": _id_check("space_tag"),
    "country_tag": _id_check("country_tag"),
    "space_ref": _id_check("space", ("this",)),
    "country_ref": _id_check("country", ("this",)),
    "flag": VocabularyChecker._flag,
    "condition": VocabularyChecker._condition,
    "conditions": VocabularyChecker._conditions,
    "effects": VocabularyChecker._effects,
    "options": VocabularyChecker._options,
    "modifier": VocabularyChecker._modifier,
    "int_list": VocabularyChecker._int_list,
}
KNOWN_PARAM_KINDS: frozenset[str] = frozenset({*_VALUE_CHECKS, *_INT_BOUNDS})
"""Every parameter kind the checker understands (a test compares it with the vocabulary)."""


def as_written(node: YNode) -> Any:
    """An effect, condition or modifier as the engine reads it: plain data, with a whole
    number written `2.0` as the int 2 (`validate` accepts it as a whole number)."""
    if isinstance(node, YScalar):
        whole = whole_number(node.value) if isinstance(node.value, float) else None
        return node.value if whole is None else whole
    if isinstance(node, YList):
        return [as_written(item) for item in node.items]
    return {key: as_written(pair.value) for key, pair in node.items.items()}


def _count(n: int) -> str:
    return f"{n:,}" if n < 10**12 else f"about 10^{len(str(n)) - 1}"


def effects_cost(node: YNode | None) -> int:
    """The worst-case count of effects and one-unit choices a list of effects resolves
    (see `EFFECT_BUDGET`); anything malformed counts as one (its own error is reported)."""
    if not isinstance(node, YList):
        return 1
    return sum(_effect_cost(item) for item in node.items)


def _effect_cost(node: YNode) -> int:
    if not isinstance(node, YMap) or len(node.items) != 1:
        return 1
    ((name, pair),) = node.items.items()
    p = pair.value if isinstance(pair.value, YMap) else None
    if p is None:
        return 1
    if name == "for_each":
        repeats = max((n for k, n in FOR_EACH_REPEATS.items() if k in p.items), default=1)
        return 1 + repeats * effects_cost(p.get("do"))
    if name == "if":
        return 1 + max(effects_cost(p.get("then")), effects_cost(p.get("else")) if p.get("else") is not None else 0)
    if name == "ask_consent":
        return 1 + sum(effects_cost(p.get(k)) for k in ("then", "otherwise", "partner_gains") if p.get(k) is not None)
    if name == "choose_one":
        options = p.get("options")
        if not isinstance(options, YList):
            return 1
        best = 0
        for option in options.items:
            if isinstance(option, YMap):
                best = max(best, effects_cost(option.get("effects")))
        return 1 + best
    amount = p.get("amount")
    spread = p.get("spread")
    units = amount.value if isinstance(amount, YScalar) and type(amount.value) is int else 1
    if name in ("add_influence", "remove_influence", "move_influence") and not (isinstance(spread, YScalar) and spread.value is True):
        return max(1, min(units, 10**6))
    return 1
