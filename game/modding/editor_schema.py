"""The JSON Schema of rules files and of `mod.yaml`, for editors (yaml-language-server).

Generated from the format table (`game.ruleset.format`) and the vocabulary
(`game.ruleset.vocabulary`), descriptions included, so an editor autocompletes keys,
shows what each one means and underlines most mistakes while the modder types. It is
draft-07, which yaml-language-server supports best.

It is shaped for what that server does with it, which a test checks by driving the
server itself (tests/test_editor.py). An effect is one object that lists every verb as a
property and allows one (`maxProperties: 1`), and a modifier's `on` is an `enum` with one
`if`/`then` per hook for the hook's parameters: the server completes a verb or a hook
after a typed letter only from properties and enums, not from the branches of a `oneOf`.
Every enum also says `type: string`, so that the snippet the server writes for a verb
includes its required enum parameters (`domain`). Where `validate` reads an empty value
as "not given" (an optional key, `null` or left empty, goes back to its default), the
schema allows `null` too.

The schema checks shapes, not meaning: whether an id exists, adjacency goes both ways
or a number is in range for the map is what `python -m game validate` says. Because a
mod's entry may change only some keys of an existing entry, only `id` is required in an
entry; the descriptions say which keys a new entry needs.
"""

from __future__ import annotations

from typing import Any

from game.ruleset.fields import ID_PATTERN
from game.ruleset.format import BOT_WEIGHTS, KINDS, REMOVE, SETTINGS, TOP_LEVEL, FieldSpec
from game.ruleset.manifest import MANIFEST_FIELDS
from game.ruleset.model import DOMAINS
from game.ruleset.terms import COUNTRY_STATUSES
from game.ruleset.vocabulary import CONDITIONS, EFFECTS, MODIFIER_FILTERS, MODIFIERS, Param, Term

Schema = dict[str, Any]
DRAFT = "http://json-schema.org/draft-07/schema#"
_ID: Schema = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
_TEXT: Schema = {"type": ["string", "number"]}
"""Text fields take any scalar but true/false (`version: 1.0` is the text 1.0)."""
_OVERRIDES: dict[tuple[str, str], Schema] = {
    ("country_status", "status"): {"type": "string", "enum": list(COUNTRY_STATUSES)},
}


def rules_schema() -> Schema:
    """The schema of one rules file (any file of `rules/base/` or of a mod)."""
    properties: Schema = {}
    for kind, spec in KINDS.items():
        entry = _object(spec.fields, required=("id",), description=spec.description)
        properties[kind] = {"description": TOP_LEVEL[kind], "type": ["array", "null"], "items": entry}
    # `validate` refuses an empty setting (it has no entry to fall back on), so no `null` here
    properties["settings"] = _object(SETTINGS, required=(), description=TOP_LEVEL["settings"], nullable=False)
    properties["remove"] = {"description": REMOVE, "type": "array", "items": _ID, "uniqueItems": True}
    return {
        "$schema": DRAFT,
        "title": "Center of Gravity rules file",
        "description": "A rules file of Center of Gravity (rules/base/*.yaml or a mod's *.yaml). "
        "Check it fully with `python -m game validate`.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "definitions": {
            "effects": {"type": "array", "items": {"$ref": "#/definitions/effect"}, "description": "A list of effects."},
            "effect": _effect(),
            "condition": _condition(),
            "modifier": _modifier(),
        },
    }


def manifest_schema() -> Schema:
    """The schema of a mod's `mod.yaml`."""
    return {
        "$schema": DRAFT,
        "title": "Center of Gravity mod manifest (mod.yaml)",
        **_object(MANIFEST_FIELDS, required=tuple(k for k, f in MANIFEST_FIELDS.items() if f.required),
                  description="A mod's manifest: who the mod is and what it needs."),  # fmt: skip
    }


# --- the format's fields ------------------------------------------------------------------


def _object(
    fields: dict[str, FieldSpec], required: tuple[str, ...], description: str = "", nullable: bool = True
) -> Schema:
    """A mapping of the format's `fields`; with `nullable`, an optional key may be `null`."""
    out: Schema = {
        "type": "object",
        "properties": {name: _field(spec, nullable and _nullable(spec)) for name, spec in fields.items()},
        "additionalProperties": False,
    }
    if description:
        out["description"] = description
    if required:
        out["required"] = list(required)
    return out


def _nullable(spec: FieldSpec) -> bool:
    # an empty colour is refused: `colour: #e69f00` without quotes reads as a comment
    return not spec.required and spec.type != "colour"


def _field_description(spec: FieldSpec) -> str:
    text = spec.description
    if spec.required:
        text += " Required in a new entry."
    elif spec.default not in (None, "", [], {}):
        text += f" Default: {_shown(spec.default)}."
    return text


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _field(spec: FieldSpec, nullable: bool) -> Schema:
    out = _field_shape(spec)
    if nullable:
        out = _or_null(out)
    out["description"] = _field_description(spec)
    if spec.default is not None and spec.type not in ("object", "objects"):
        out["default"] = spec.default
    return out


def _or_null(schema: Schema) -> Schema:
    """`schema`, or `null` (which `validate` reads as "not given")."""
    if "type" not in schema:  # a `$ref` or an `anyOf`
        return {"anyOf": [schema, {"type": "null"}]}
    out = dict(schema)
    types = out["type"] if isinstance(out["type"], list) else [out["type"]]
    out["type"] = [*types, "null"] if "null" not in types else types
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def _int(lo: int | None, hi: int | None) -> Schema:
    out: Schema = {"type": "integer"}
    if lo is not None:
        out["minimum"] = lo
    if hi is not None:
        out["maximum"] = hi
    return out


def _field_shape(spec: FieldSpec) -> Schema:
    t = spec.type
    if t == "id" or t == "ref":
        return dict(_ID)
    if t == "text":
        return dict(_TEXT)
    if t == "int":
        return _int(spec.lo, spec.hi)
    if t == "number":
        return {"type": "number"}
    if t == "bool":
        return {"type": "boolean"}
    if t == "colour":
        return {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}
    if t == "lonlat":
        return {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
    if t in ("choice", "domain"):
        return {"type": "string", "enum": list(spec.options)}
    if t in ("tags", "refs"):
        return {"type": "array", "items": _ID, "uniqueItems": True}
    if t == "int_list":
        return {"type": "array", "items": {"type": "integer", "minimum": 1}}
    # in these mappings, `key: null` deletes a key of the mapping an entry merges over
    if t in ("int_map", "text_map"):
        value = _int(spec.lo, spec.hi) if t == "int_map" else dict(_TEXT)
        return {"type": "object", "propertyNames": {"pattern": _ID["pattern"]}, "additionalProperties": _or_null(value)}
    if t == "weights":
        weights = {name: {"type": ["number", "null"], "description": f"× {meaning}."} for name, meaning in BOT_WEIGHTS.items()}
        return {"type": "object", "properties": weights, "additionalProperties": False}
    if t == "object":
        return _object(spec.fields, required=())
    if t == "objects":
        required = tuple(k for k, f in spec.fields.items() if f.required)
        return {"type": "array", "items": _object(spec.fields, required=required)}
    if t == "effects":
        return {"$ref": "#/definitions/effects"}
    if t == "condition":
        return {"$ref": "#/definitions/condition"}
    if t == "modifier":
        return {"$ref": "#/definitions/modifier"}
    if t == "modifiers":
        return {"type": "array", "items": {"$ref": "#/definitions/modifier"}}
    raise ValueError(f"unknown field type {t!r}")  # a test covers every type of the table


# --- the vocabulary ----------------------------------------------------------------------


def param_schema(kind: str) -> Schema:
    """The JSON Schema of a vocabulary parameter kind."""
    if kind in ("int", "posint", "nonneg"):
        return _int({"int": None, "posint": 1, "nonneg": 0}[kind], None)
    if kind == "str":
        return dict(_TEXT)
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "domain":
        return {"type": "string", "enum": list(DOMAINS)}
    if kind == "domain_or_any":
        return {"type": "string", "enum": [*DOMAINS, "any"]}
    if kind == "factions_filter":
        return {"anyOf": [dict(_ID), {"type": "array", "items": _ID}]}
    if kind in ("condition", "modifier"):
        return {"$ref": f"#/definitions/{kind}"}
    if kind == "conditions":
        return {"type": "array", "items": {"$ref": "#/definitions/condition"}}
    if kind == "effects":
        return {"$ref": "#/definitions/effects"}
    if kind == "options":
        option = {
            "type": "object",
            "properties": {
                "label": {**_TEXT, "description": "The option's name on its button."},
                "effects": {"$ref": "#/definitions/effects"},
            },
            "required": ["label", "effects"],
            "additionalProperties": False,
        }
        return {"type": "array", "items": option, "minItems": 2}
    if kind == "int_list":
        return {"type": "array", "items": {"type": "integer"}}
    # faction_ref, faction, track, corridor, country, flag, space_ref, country_ref: ids or words
    return dict(_ID)


def _param(term_name: str, key: str, p: Param) -> Schema:
    out = dict(_OVERRIDES.get((term_name, key)) or param_schema(p.kind))
    if not p.required and p.default is None:
        out = _or_null(out)  # `validate` reads an empty parameter without a default as not given
    text = p.description
    if not p.required and p.default not in (None, [], ""):
        text += f" Default: {_shown(p.default)}."
        out["default"] = p.default
    out["description"] = text
    return out


def _term(name: str, term: Term) -> Schema:
    mapping: Schema = {
        "type": "object",
        "properties": {key: _param(name, key, p) for key, p in term.params.items()},
        "additionalProperties": False,
    }
    required = [key for key, p in term.params.items() if p.required]
    if required:
        mapping["required"] = required
    if term.scalar is None:
        return {**mapping, "description": term.description}
    short = _param(name, term.scalar, term.params[term.scalar])
    return {"description": term.description, "anyOf": [short, mapping]}


def _effect() -> Schema:
    return {
        "description": "An effect: a one-key mapping such as `change_track: {track: …, by: 1}`.",
        "type": "object",
        "properties": {name: _term(name, term) for name, term in EFFECTS.items()},
        "additionalProperties": False,
        "minProperties": 1,
        "maxProperties": 1,
    }


def _condition() -> Schema:
    return {
        "description": "A condition: one or more condition keys, all of which must hold (`{country_tag: csto, tag: capital}`).",
        "type": "object",
        "properties": {name: _term(name, term) for name, term in CONDITIONS.items()},
        "additionalProperties": False,
        "minProperties": 1,
    }


def _modifier() -> Schema:
    filters = {key: _param("", key, p) for key, p in MODIFIER_FILTERS.items()}
    on = {
        "type": "string",
        "enum": list(MODIFIERS),
        "description": "The hook: when the modifier applies and what its other keys are.",
        "markdownEnumDescriptions": [term.description for term in MODIFIERS.values()],
    }
    hooks = []
    for hook, term in MODIFIERS.items():
        params = {key: _param(hook, key, p) for key, p in term.params.items()}
        then: Schema = {
            "description": f"`on: {hook}` — {term.description}",
            "properties": {"on": {"const": hook, "description": term.description}, **filters, **params},
            "additionalProperties": False,
        }
        required = [key for key, p in term.params.items() if p.required]
        if required:
            then["required"] = required
        hooks.append({"if": {"properties": {"on": {"const": hook}}, "required": ["on"]}, "then": then})
    return {
        "description": "A modifier: `{on: <hook>, …filters, …the hook's parameters}`.",
        "type": "object",
        "properties": {"on": on, **filters},
        "required": ["on"],
        "allOf": hooks,
    }
