"""Regenerate the example debrief report in this folder.

    .venv/bin/python docs/example-report/regenerate.py

Plays a seeded base-rules game with heuristic bots in every seat, types in a handful of
reasons for moves the way players would in a seminar (the first time each situation
below comes up), saves the game as `game.json` and runs `python -m game report --odds`
on it (the odds take several minutes; they are kept in `odds.json`). Anyone can then
rebuild the report from the save and the odds alone:

    python -m game report docs/example-report/game.json --out docs/example-report --odds-json docs/example-report/odds.json
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from game.ai.play import play_game
from game.analysis.report import group_moves, trace_game
from game.cli import main
from game.engine import Game
from game.files import atomic_write
from game.ruleset import load_ruleset

HERE = Path(__file__).resolve().parent
SEED = 11
SCENARIO = "renaissance-2025"
ODDS_GAMES = 16
"""Games played on from each point for the odds (1 min 55 s with `--jobs 2`, the turning points judged again from three times as many)."""

# (who, test on the words the action wrote, the reason a player might have typed)
REASONS: list[tuple[str, Callable[[str], bool], str]] = [
    (
        "russia",
        lambda w: "security" in w,
        "Hold the CSTO members first; trade follows security, not the other way round.",
    ),
    ("turkiye", lambda w: "soft power" in w, "Turkic capitals first — every OTS capital we lead pays at each summit."),
    (
        "india",
        lambda w: "trade" in w,
        "Without Chabahar and the North–South corridor we have no way in: build trade along it.",
    ),
    (
        "iran",
        lambda w: "for its event" in w,
        "Play it now, while Moscow still needs us; next year the deal may be gone.",
    ),
    (
        "kazakhstan",
        lambda w: "uses " in w,
        "Nobody may lead the neighbourhood — trim the strongest & keep every door open (balance > domination).",
    ),
    ("turkiye", lambda w: "passes" in w, "Saving capital for the summit round; <nothing> worth playing this turn."),
    (
        "india",
        lambda w: "soft power" in w,
        "A little soft power where we trade, so the summit sees us as more than a buyer.",
    ),
    (
        "russia",
        lambda w: "passes" in w or "diplomacy" in w,
        "Nothing worth the capital this turn: keep it for the summit round.",
    ),
    (
        "kazakhstan",
        lambda w: "Integration" in w,
        "Integration makes every space harder to dominate — the Renaissance is our shield.",
    ),
]


def play_with_reasons() -> Game:
    rules = load_ruleset().ruleset
    assert rules is not None
    game = play_game(rules, SEED, {f.id: "heuristic" for f in rules.factions}, SCENARIO)
    moves = group_moves(game, trace_game(game))
    for who, test, why in REASONS:
        for m in moves:
            if m.faction == who and m.first not in game.reasons and test(" ".join(m.lines)):
                game.reasons[m.first] = why  # what `Game.set_reason` keeps, typed after the move
                break
    return game


def main_() -> int:
    game = play_with_reasons()
    save = HERE / "game.json"
    atomic_write(save, game.to_json())
    print(
        f"{save}: {len(game.actions)} steps, {len(game.reasons)} reasons, outcome {game.outcome and game.outcome.kind}"
    )
    return main(["report", str(save), "--out", str(HERE), "--odds", str(ODDS_GAMES), *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main_())
