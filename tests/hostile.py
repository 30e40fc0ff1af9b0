"""Hostile input for the reliability tests: malformed saves and mods that must each end
in one clear sentence (never a traceback, a hang or a write outside the data folder)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from game.engine import Game
from game.ruleset import load_ruleset

SAVE_FORMAT = "center-of-gravity-save"


@cache
def good_save() -> dict[str, Any]:
    """A finished save of the base game (random bots, seed 11), as JSON data."""
    from game.ai.base import make_bot
    from game.ai.play import decide, seat_rng

    rs = load_ruleset().ruleset
    assert rs is not None
    g = Game.new(rs, seed=11, seats={f.id: "random" for f in rs.factions})
    bot, rng = make_bot("random"), seat_rng(11, 0)
    for _ in range(60):
        g.apply(decide(g, bot, rng))
    g.set_reason("=cmd|' /C calc'!A0")
    return json.loads(g.to_json())


def _with(**changes: Any) -> bytes:
    data = dict(good_save())
    for key, value in changes.items():
        if value is _DROP:
            data.pop(key, None)
        else:
            data[key] = value
    return json.dumps(data).encode()


def _raw(key: str, raw: str) -> bytes:
    """The good save with one field's JSON text replaced by `raw` (for numbers json cannot write)."""
    data = dict(good_save())
    data[key] = "@@RAW@@"
    return json.dumps(data).encode().replace(b'"@@RAW@@"', raw.encode())


_DROP = object()


def _steps(change: Callable[[list[str]], list[Any]]) -> bytes:
    return _with(actions=change(list(good_save()["actions"])))


def malformed_saves() -> dict[str, bytes]:
    """Name -> the bytes of a file that is not a loadable save (each a different kind)."""
    g = good_save()
    deep = 100_000
    out: dict[str, bytes] = {
        "empty": b"",
        "json-null": b"null",
        "json-list": b"[]",
        "json-number": b"5",
        "json-text": b'"save"',
        "json-true": b"true",
        "truncated": json.dumps(g).encode()[:200],
        "not-utf8": b"\xff\xfe\x00garbage\x80",
        "utf16": json.dumps(g).encode("utf-16"),
        "nul-bytes": b"\x00" * 64,
        "deep-list": b"[" * deep + b"]" * deep,
        "deep-dict": b'{"a":' * deep + b"1" + b"}" * deep,
        "deep-in-actions": _raw("actions", "[" * deep + "]" * deep),
        "format-missing": _with(format=_DROP),
        "format-wrong": _with(format="other-game"),
        "version-missing": _with(version=_DROP),
        "version-text": _with(version="2"),
        "version-3": _with(version=3),
        "version-true": _with(version=True),
        "version-float": _with(version=2.0),
        "seed-missing": _with(seed=_DROP),
        "seed-text": _with(seed="7"),
        "seed-5000-digits": _raw("seed", "9" * 5000),
        "seed-30-digits": _raw("seed", "9" * 30),
        "seed-float": _with(seed=1.5),
        "seed-true": _with(seed=True),
        "seed-null": _with(seed=None),
        "seed-nan": _raw("seed", "NaN"),
        "seed-infinity": _raw("seed", "Infinity"),
        "seed-list": _with(seed=[1]),
        "scenario-missing": _with(scenario=_DROP),
        "scenario-number": _with(scenario=5),
        "scenario-unknown": _with(scenario="no-such-scenario"),
        "scenario-huge": _with(scenario="x" * 10_000),
        "seats-list": _with(seats=["human"]),
        "seats-text": _with(seats="human"),
        "seats-number-values": _with(seats={"a": 1}),
        "seats-list-values": _with(seats={"a": [1]}),
        "seats-thousands": _with(seats={f"f{i}": "human" for i in range(1000)}),
        "actions-missing": _with(actions=_DROP),
        "actions-number": _with(actions=5),
        "actions-text": _with(actions="pass"),
        "actions-nested-empty": _with(actions=[[]]),
        "actions-mapping-item": _with(actions=[{"a": 1}]),
        "actions-null-item": _with(actions=[None]),
        "actions-number-item": _with(actions=[7]),
        "action-inject-no-argument": _steps(lambda s: ["inject"] + s),
        "action-play-no-argument": _steps(lambda s: ["play"] + s),
        "action-choose-no-argument": _steps(lambda s: ["choose"] + s),
        "action-unknown-verb": _steps(lambda s: ["fly away"] + s),
        "action-empty": _steps(lambda s: [""] + s),
        "action-inject-unknown-event": _steps(lambda s: ["inject no-such-event"] + s),
        "action-illegal-in-the-middle": _steps(lambda s: s[:10] + ["place nowhere"] + s[10:]),
        "action-megabyte-long": _steps(lambda s: ["pass " + "x" * 1_000_000]),
        "action-too-many-steps": _steps(lambda s: ["pass"] * 10_001),
        "action-900000-steps": _steps(lambda s: ["pass"] * 900_000),
        "actions-truncated": _steps(lambda s: s[:-5]),
        "checkpoints-number": _with(checkpoints=5),
        "checkpoints-nested-empty": _with(checkpoints=[[]]),
        "checkpoints-mapping-item": _with(checkpoints=[{"a": 1}]),
        "checkpoints-text-round": _with(checkpoints=[["x", 1, "h"]]),
        "checkpoints-wrong-hash": _with(checkpoints=[[r, s, "0" * 16] for r, s, _ in g["checkpoints"]]),
        "state-hash-number": _with(state_hash=5),
        "state-hash-wrong": _with(state_hash="0" * 16),
        "reasons-list": _with(reasons=["why"]),
        "reasons-superscript-key": _with(reasons={"\u00b2": "why"}),
        "reasons-negative-key": _with(reasons={"-1": "why"}),
        "reasons-number-value": _with(reasons={"1": 5}),
        "reasons-list-value": _with(reasons={"1": ["why"]}),
        "reasons-huge-key": _with(reasons={"9" * 50: "why"}),
        "reasons-arabic-digits": _with(reasons={"\u0661": "why"}),
        "mods-text": _with(mods="china"),
        "mods-number-items": _with(mods=[1]),
        "mods-not-installed": _with(mods=["no-such-mod 1.0"], ruleset="1" * 40),
        "ruleset-number": _with(ruleset=5),
        "ruleset-other": _with(ruleset="0" * 40),
        "round-text": _with(round="3"),
        "round-list": _with(round=[]),
    }
    return out


def odd_files(folder: Path) -> list[str]:
    """Things in a saves folder that are not files to open: a folder, a FIFO, a dangling
    link and a link loop, each named like a save. Returns their names."""
    (folder / "a-folder.json").mkdir()
    os.mkfifo(folder / "a-fifo.json")
    (folder / "dangling.json").symlink_to(folder / "gone.json")
    (folder / "loop.json").symlink_to(folder / "loop.json")
    return ["a-folder.json", "a-fifo.json", "dangling.json", "loop.json"]


_MANIFEST = "id: {id}\nname: {id}\nversion: 1.0.0\n"


def _nested_for_each(levels: int) -> str:
    nest = "{add_influence: {domain: trade, amount: 1, where: {anywhere: true}}}"
    for _ in range(levels):
        nest = "{for_each: {factions: all, do: [" + nest + "]}}"
    return nest


def _event(effects: str, eid: str = "hostile-event") -> str:
    return f"events:\n  - id: {eid}\n    name: Hostile\n    effects:\n      - {effects}\n"


def _card(extra: str) -> str:
    return f"cards:\n  - id: hostile-card\n    name: Hostile\n    type: trade\n    cost: 1\n    ops: 1\n    event: []\n{extra}"


def hostile_mods() -> dict[str, dict[str, str | bytes | None]]:
    """Name -> the files of a mod folder (relative path -> text or bytes; None for the
    manifest's absence). Every one must get at least one `file:line:column` error from
    `validate`, never a traceback, a hang or a read outside the mod."""
    deep = "[" * 60 + "]" * 60
    many_cards = "cards:\n" + "".join(
        f"  - {{id: c{i}, name: C{i}, type: trade, cost: 1, ops: 1, event: [], cots: 1}}\n" for i in range(3000)
    )
    mods: dict[str, dict[str, str | bytes | None]] = {
        "no-manifest": {"mod.yaml": None, "cards.yaml": "cards: []\n"},
        "manifest-empty": {"mod.yaml": ""},
        "manifest-list": {"mod.yaml": "- a\n- b\n"},
        "manifest-no-id": {"mod.yaml": "name: x\nversion: 1.0.0\n"},
        "manifest-bad-id": {"mod.yaml": "id: Not An Id\nname: x\nversion: 1.0.0\n"},
        "manifest-binary": {"mod.yaml": b"\x00\x01\x02\xff"},
        "manifest-requires-missing": {"mod.yaml": _MANIFEST.format(id="needs") + "requires: [no-such-mod]\n"},
        "manifest-requires-itself": {"mod.yaml": _MANIFEST.format(id="selfish") + "requires: [selfish]\n"},
        "yaml-syntax": {"cards.yaml": "cards: [\n"},
        "yaml-tabs": {"cards.yaml": "cards:\n\t- id: x\n"},
        "yaml-alias-bomb": {"cards.yaml": "a: &a [1, 2]\nb: [*a, *a]\n"},
        "yaml-python-tag": {"cards.yaml": "cards: !!python/object/apply:os.system ['echo hi']\n"},
        "yaml-two-documents": {"cards.yaml": "cards: []\n---\ncards: []\n"},
        "yaml-deep": {"cards.yaml": "cards: " + deep + "\n"},
        "yaml-not-utf8": {"cards.yaml": b"cards:\n  - id: \xff\xfe\n"},
        "yaml-nul": {"cards.yaml": b"cards: []\x00\n"},
        "yaml-control-char": {"cards.yaml": b"cards: []\x07\n"},
        "yaml-escaped-bell": {"cards.yaml": _card('    flavour: "ring \\a bell"\n')},
        "yaml-escaped-bidi": {"cards.yaml": _card('    flavour: "abc \\u202e fed"\n')},
        "yaml-escaped-zero-width": {"cards.yaml": _card('    flavour: "zero\\u200bwidth"\n')},
        "yaml-escaped-nul": {"cards.yaml": _card('    flavour: "nul \\0 here"\n')},
        "yaml-huge-file": {"cards.yaml": "# " + "x" * (3 * 1024 * 1024) + "\n"},
        "yaml-empty": {"cards.yaml": ""},
        "yaml-top-list": {"cards.yaml": "- a\n"},
        "yaml-top-scalar": {"cards.yaml": "hello\n"},
        "unknown-top-key": {"cards.yaml": "cardz: []\n"},
        "cards-not-a-list": {"cards.yaml": "cards: 5\n"},
        "card-not-a-mapping": {"cards.yaml": "cards: [5]\n"},
        "card-missing-fields": {"cards.yaml": "cards:\n  - id: lonely\n"},
        "card-100-digit-cost": {"cards.yaml": _card("").replace("cost: 1", "cost: " + "9" * 100)},
        "card-negative-cost": {"cards.yaml": _card("").replace("cost: 1", "cost: -1")},
        "card-float-cost": {"cards.yaml": _card("").replace("cost: 1", "cost: 1.5")},
        "card-bool-cost": {"cards.yaml": _card("").replace("cost: 1", "cost: true")},
        "card-huge-ops": {"cards.yaml": _card("").replace("ops: 1", "ops: 99999999999")},
        "card-unknown-faction": {"cards.yaml": _card("    faction: atlantis\n")},
        "card-unknown-type": {"cards.yaml": _card("").replace("type: trade", "type: magic")},
        "card-duplicate-id": {"cards.yaml": _card("") + "  - id: hostile-card\n    name: Again\n    type: trade\n    cost: 1\n    ops: 1\n    event: []\n"},
        "card-id-uppercase": {"cards.yaml": _card("").replace("id: hostile-card", "id: HOSTILE")},
        "card-event-not-list": {"cards.yaml": _card("").replace("event: []", "event: 5")},
        "effect-unknown": {"events.yaml": _event("{teleport: {to: moon}}")},
        "effect-two-keys": {"events.yaml": _event("{gain_vp: {amount: 1}, gain_capital: {amount: 1}}")},
        "effect-param-wrong-kind": {"events.yaml": _event("{gain_vp: {amount: lots}}")},
        "effect-amount-1000": {"events.yaml": _event("{add_influence: {domain: trade, amount: 1000, where: {anywhere: true}}}")},
        "effect-amount-billion": {"events.yaml": _event("{gain_capital: {amount: 1000000000}}")},
        "effect-amount-100-digits": {"events.yaml": _event("{gain_vp: {amount: " + "9" * 100 + "}}")},
        "effect-nested-for-each-12": {"events.yaml": _event(_nested_for_each(12))},
        "effect-nested-for-each-4": {"events.yaml": _event(_nested_for_each(4))},
        "effect-for-each-spaces-squared": {"events.yaml": _event(
            "{for_each: {spaces: {anywhere: true}, do: [{for_each: {spaces: {anywhere: true}, do: [{add_influence: "
            "{domain: trade, amount: 1, where: {anywhere: true}}}]}}]}}")},
        "effect-for-each-two-selectors": {"events.yaml": _event("{for_each: {factions: all, spaces: {anywhere: true}, do: []}}")},
        "effect-choose-one-option": {"events.yaml": _event("{choose_one: {options: [{label: a, effects: []}]}}")},
        "effect-track-unknown": {"events.yaml": _event("{change_track: {track: doom, by: 1}}")},
        "effect-track-huge": {"events.yaml": _event("{change_track: {track: tension, by: 100000}}")},
        "condition-unknown": {"events.yaml": _event("{add_influence: {domain: trade, where: {on_mars: true}}}")},
        "condition-empty": {"events.yaml": _event("{add_influence: {domain: trade, where: {}}}")},
        "settings-action-rounds-billion": {"rules.yaml": "settings:\n  action_rounds: 1000000000\n"},
        "settings-action-rounds-zero": {"rules.yaml": "settings:\n  action_rounds: 0\n"},
        "settings-unknown": {"rules.yaml": "settings:\n  speed_of_light: 3\n"},
        "settings-not-mapping": {"rules.yaml": "settings: [1]\n"},
        "remove-unknown-id": {"rules.yaml": "remove: [no-such-entry]\n"},
        "remove-not-a-list": {"rules.yaml": "remove: 5\n"},
        "faction-bad-colour": {"factions.yaml": "factions:\n  - id: russia\n    colour: reddish\n"},
        "thousands-of-problems": {"cards.yaml": many_cards},
        "map-json-garbage": {"map.json": "{not json", "cards.yaml": "cards: []\nbad: 1\n"},
        "scenario-unknown-faction": {"scenarios.yaml": "scenarios:\n  - id: base\n    factions: [atlantis]\n"},
    }
    return mods


def write_mod(folder: Path, name: str, files: dict[str, str | bytes | None]) -> Path:
    """The mod `name` written into `folder/name` (a manifest added unless given)."""
    mod = folder / name
    mod.mkdir(parents=True)
    if "mod.yaml" not in files:
        (mod / "mod.yaml").write_text(_MANIFEST.format(id=name), encoding="utf-8")
    for rel, content in files.items():
        if content is None:
            continue
        path = mod / rel
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return mod


def link_mods(folder: Path, secret: Path) -> dict[str, Path]:
    """Mods that reach outside their folder by links (to `secret`, a file whose text
    must never show): a linked rules file, a linked manifest, a linked folder, a
    dangling link and a link loop."""
    out: dict[str, Path] = {}
    m = write_mod(folder, "link-file", {})
    (m / "cards.yaml").symlink_to(secret)
    out["link-file"] = m
    m = folder / "link-manifest"
    m.mkdir()
    (m / "mod.yaml").symlink_to(secret)
    out["link-manifest"] = m
    m = write_mod(folder, "link-folder", {})
    (m / "more").symlink_to(secret.parent, target_is_directory=True)
    out["link-folder"] = m
    m = write_mod(folder, "link-dangling", {})
    (m / "cards.yaml").symlink_to(folder / "gone.yaml")
    out["link-dangling"] = m
    m = write_mod(folder, "link-loop", {})
    (m / "cards.yaml").symlink_to(m / "cards.yaml")
    out["link-loop"] = m
    m = write_mod(folder, "fifo-file", {})
    os.mkfifo(m / "cards.yaml")
    out["fifo-file"] = m
    return out
