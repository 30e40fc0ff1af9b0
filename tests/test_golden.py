"""Golden playthroughs: recorded games replayed step by step. A failure here means the
rules or the base content now play differently; if that was intended, run
`python tests/golden/regenerate.py` and review the diff of tests/golden/*.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import Game

from golden.regenerate import CASES, ruleset_for

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_playthrough_replays_identically(case):
    path = GOLDEN / f"{case}.json"
    recorded = json.loads(path.read_text(encoding="utf-8"))
    g = Game.new(ruleset_for(recorded["ruleset"]), recorded["scenario"], recorded["seed"])
    for i, action in enumerate(recorded["actions"]):
        assert action in map(str, g.legal_actions()), f"step {i + 1}: {action!r} is no longer legal"
        g.apply(action)
    log = [g.log_text(e) for e in g.log]
    for i, (got, want) in enumerate(zip(log, recorded["log"], strict=False)):
        assert got == want, f"log line {i + 1} differs"
    assert len(log) == len(recorded["log"])
    assert g.outcome is not None
    assert {"kind": g.outcome.kind, "winner": g.outcome.winner, "reasons": list(g.outcome.reasons)} == recorded["outcome"]
    assert g.state_hash() == recorded["state_hash"]
