"""Record the golden playthroughs: `python tests/golden/regenerate.py`.

Run it only after a deliberate change to the rules or the base content, then read the
diff of the .json files: every changed line of the log is a change in how the game plays.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CASES = {
    "mini-seed-7": ("mini", None, 7, 11),
    "base-renaissance-seed-1": ("base", "renaissance-2025", 1, 5),
    "base-seminar-seed-2": ("base", "seminar", 2, 6),
}
"""name -> (ruleset, scenario, game seed, seed of the random choices)"""


def ruleset_for(name: str):  # type: ignore[no-untyped-def]
    if name == "mini":
        from builders import mini_ruleset, start

        return mini_ruleset(influence=(start("a1", "red", security=1, trade=1), start("b2", "blue", trade=2)))
    from game.ruleset import load_ruleset

    rules = load_ruleset().ruleset
    assert rules is not None
    return rules


def play(name: str) -> dict:  # type: ignore[type-arg]
    from game.engine import Game
    from game.engine.rng import Rng

    rules_name, scenario, seed, choice_seed = CASES[name]
    g = Game.new(ruleset_for(rules_name), scenario, seed)
    rng = Rng(choice_seed)
    while not g.over:
        legal = g.legal_actions()
        g.apply(legal[rng.below(len(legal))])
    assert g.outcome is not None
    return {
        "ruleset": rules_name,
        "scenario": scenario,
        "seed": seed,
        "actions": [str(a) for a in g.actions],
        "log": [g.log_text(e) for e in g.log],
        "outcome": {"kind": g.outcome.kind, "winner": g.outcome.winner, "reasons": list(g.outcome.reasons)},
        "state_hash": g.state_hash(),
    }


if __name__ == "__main__":
    for case in CASES:
        path = HERE / f"{case}.json"
        path.write_text(json.dumps(play(case), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path}")
