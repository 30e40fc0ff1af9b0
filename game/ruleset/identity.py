"""A ruleset's identity: the digest a save records, so that it is replayed on the same rules.

It digests what the rules files say for play, not their bytes. Comments, layout, quoting
and everything shown to players only — the fields `format.KINDS` types as text (names,
flavour, ability texts, sources, briefings, emblems), text maps, colours and map places,
and `hypothetical` — can change without making the saves of the game refuse to load: a
card's flavour corrected, a typo in a mod's name fixed. A number, an id, an effect, a
setting or a bot's weights changed makes another identity.

The identity of earlier versions, a digest of the files' bytes (`byte_identity`), is kept
as a ruleset's former identity: saves written before still load on the very same files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from game.ruleset.format import KINDS, FieldSpec
from game.ruleset.yamlpos import YamlFile, plain

SHOWN_ONLY_TYPES = frozenset({"text", "text_map", "colour", "lonlat"})
"""Field types that only players read: leaving them out of the identity keeps saves valid
across a text fix."""
SHOWN_ONLY_FIELDS = frozenset({"hypothetical"})
"""Fields of other types that only label what players read."""


def play_identity(files: Sequence[tuple[YamlFile, str]]) -> str:
    """A digest of what the files (each with its path relative to its rules folder, or
    `mod:<id>/<path>`, in load order) say for play."""
    digest = hashlib.sha256()
    for f, rel in files:
        content = _for_play(plain(f.root)) if f.root is not None else None
        for part in (rel, json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=repr)):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def byte_identity(files: Sequence[tuple[YamlFile, str]]) -> str:
    """The identity saves recorded before `play_identity`: a digest of the files' bytes."""
    digest = hashlib.sha256()
    for f, rel in files:
        name = rel.encode("utf-8")
        digest.update(len(name).to_bytes(4, "big") + name + len(f.data).to_bytes(8, "big"))
        digest.update(f.data)
    return digest.hexdigest()


def _for_play(root: Any) -> Any:
    """A rules file's content without what only players read (a file that is not a mapping
    of lists of entries is taken whole: the loader refuses it anyway)."""
    if not isinstance(root, dict):
        return root
    out = {}
    for section, value in root.items():
        kind = KINDS.get(section)
        if kind is not None and isinstance(value, list):
            value = [_entry(kind.fields, item) for item in value]
        out[section] = value
    return out


def _entry(fields: dict[str, FieldSpec], item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    out = {}
    for key, value in item.items():
        spec = fields.get(key)
        if spec is not None:
            if spec.type in SHOWN_ONLY_TYPES or key in SHOWN_ONLY_FIELDS:
                continue
            if spec.type == "object":
                value = _entry(spec.fields, value)
            elif spec.type == "objects" and isinstance(value, list):
                value = [_entry(spec.fields, x) for x in value]
        out[key] = value
    return out
