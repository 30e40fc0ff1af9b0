"""What mods change against the rules they are laid over: `python -m game diff --mod PATH`.

The two rulesets are compared entry by entry and field by field after loading, so the
list shows the final effect of every merge, addition and removal:

    + card 'new-card'                       mods/x/cards.yaml:3:5
    ~ faction 'some-faction'                mods/x/factions.yaml:2:5
        hand_size: 4 → 3
    - card 'old-card'                       mods/x/rules.yaml:1:10
    ~ setting domination_countries: 3 → 4   mods/x/rules.yaml:4:3
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from game.ruleset import LoadResult
from game.ruleset.fields import KINDS
from game.ruleset.model import NOWHERE, Origin, Ruleset

_VALUE_LIMIT = 110


@dataclass
class Change:
    """One entry (or setting) the mods add, change or remove."""

    sign: str
    """`+` added, `~` changed, `-` removed."""
    kind: str
    """Singular: `card`, `faction` … or `setting`."""
    id: str
    where: Origin
    fields: list[tuple[str, str]] = field(default_factory=list)
    """For a change: (field, what changed) pairs."""

    @property
    def title(self) -> str:
        if self.kind == "setting":
            return f"{self.sign} setting {self.id}"
        return f"{self.sign} {self.kind} '{self.id}'"

    def to_json(self) -> dict[str, Any]:
        return {
            "change": {"+": "added", "~": "changed", "-": "removed"}[self.sign],
            "kind": self.kind,
            "id": self.id,
            "where": str(self.where) if self.where != NOWHERE else None,
            "fields": {name: text for name, text in self.fields},
        }


def diff(base: Ruleset, modded: Ruleset, loaded: LoadResult | None = None) -> list[Change]:
    """Every change from `base` to `modded`, kind by kind in the format's order."""
    removed_at = loaded.removed if loaded is not None else {}
    changes: list[Change] = []
    for kind, singular in KINDS.items():
        old = {e.id: e for e in getattr(base, kind)}
        new = {e.id: e for e in getattr(modded, kind)}
        for entry_id, entry in new.items():
            if entry_id not in old:
                changes.append(Change("+", singular, entry_id, entry.origin))
                continue
            fields = _changed_fields(old[entry_id], entry)
            if fields:
                changes.append(Change("~", singular, entry_id, entry.origin, fields))
        for entry_id in old:
            if entry_id not in new:
                where = removed_at.get(entry_id, (NOWHERE, ""))[0]
                changes.append(Change("-", singular, entry_id, where))
    for f in dataclasses.fields(base.settings):
        if f.name == "origin":
            continue
        before, after = getattr(base.settings, f.name), getattr(modded.settings, f.name)
        if before != after:
            where = loaded.settings_at.get(f.name, NOWHERE) if loaded is not None else NOWHERE
            changes.append(Change("~", "setting", f.name, where, [(f.name, f"{before} → {after}")]))
    return changes


def _changed_fields(old: Any, new: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for f in dataclasses.fields(old):
        if f.name in ("origin", "id"):
            continue
        a, b = _plain(getattr(old, f.name)), _plain(getattr(new, f.name))
        if a == b:
            continue
        out.append((f.name, _describe_change(a, b)))
    return out


def _plain(value: Any) -> Any:
    """Model values as plain data, without places (which always differ)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "origin"}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _flow(value: Any) -> str:
    """A value as YAML flow text: `{space: x, trade: 1}`, `[a, b]`."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return str(value)


def _text(value: Any) -> str:
    text = _flow(value)
    return text if len(text) <= _VALUE_LIMIT else text[: _VALUE_LIMIT - 1] + "…"


def _describe_change(a: Any, b: Any) -> str:
    a, b = _pairs(a), _pairs(b)
    if isinstance(a, dict) and isinstance(b, dict):
        parts = [f"+{k}: {_text(v)}" for k, v in b.items() if k not in a]
        parts += [f"{k}: {_text(a[k])} → {_text(v)}" for k, v in b.items() if k in a and a[k] != v]
        parts += [f"−{k}" for k in a if k not in b]
        return _joined(parts)
    if isinstance(a, list) and isinstance(b, list) and (len(a) > 3 or len(b) > 3):
        gone = [x for x in a if x not in b]
        came = [x for x in b if x not in a]
        if not gone and not came:
            return "the same items in another order"
        return _joined([f"+{_text(x)}" for x in came] + [f"−{_text(x)}" for x in gone])
    if isinstance(a, str) and isinstance(b, str) and max(len(a), len(b)) > _VALUE_LIMIT // 2:
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        start = max(0, at - 30)
        shown = ("…" if start else "") + b[start : start + _VALUE_LIMIT - 20]
        return f"new text: {shown}" + ("…" if start + _VALUE_LIMIT - 20 < len(b) else "")
    return f"{_text(a)} → {_text(b)}"


def _joined(parts: list[str]) -> str:
    return "; ".join(parts) if len(parts) <= 6 else "; ".join(parts[:6]) + f"; … ({len(parts) - 6} more)"


def _pairs(value: Any) -> Any:
    """(key, value) pairs (capital, tracks, briefings, amounts) read better as a mapping."""
    if isinstance(value, list):
        if value and all(isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) for v in value):
            return {k: _pairs(v) for k, v in value}
        return [_pairs(v) for v in value]
    if isinstance(value, dict):
        return {k: _pairs(v) for k, v in value.items()}
    return value


def format_diff(changes: list[Change], label: str) -> str:
    """The changes as lines, with a summary at the end."""
    lines = [f"Changes of {label}:"] if changes else [f"{label} changes nothing."]
    heads = [c.title + (f": {c.fields[0][1]}" if c.kind == "setting" else "") for c in changes]
    width = max((len(h) for h in heads), default=0) + 2
    for c, head in zip(changes, heads, strict=True):
        where = str(c.where) if c.where != NOWHERE else ""
        lines.append(f"  {head.ljust(width)}{where}".rstrip())
        if c.kind != "setting":
            lines.extend(f"      {name}: {text}" for name, text in c.fields)
    if changes:
        counts = {s: sum(1 for c in changes if c.sign == s) for s in "+~-"}
        lines.append(f"{counts['+']} added, {counts['~']} changed, {counts['-']} removed")
    return "\n".join(lines)
