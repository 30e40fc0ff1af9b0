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
