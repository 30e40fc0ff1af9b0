"""`python -m game simulate`: many bot games, their outcomes and win rates.

The output depends only on the rules, the seed and the options: the same command gives
byte-identical text and JSON (timings belong in `bench`, never here).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.ai.play import play_game
from game.engine.game import Game
from game.ruleset.model import Ruleset
from game.savefile import write_atomic

OUTCOMES = ("balance", "domination", "breakdown")


def game_seed(seed: int, index: int) -> int:
    """The seed of the index-th game of a run (independent of how games are split)."""
    return (seed * 1_000_003 + index * 7_919) & 0xFFFFFFFF


@dataclass
class Tally:
    ruleset: Ruleset
    games: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    wins: Counter[str] = field(default_factory=Counter)
    breakers: Counter[str] = field(default_factory=Counter)
    rounds: int = 0
    balance_index: float = 0.0

    def add(self, game: Game) -> None:
        out = game.outcome
        assert out is not None
        self.games += 1
        self.outcomes[out.kind] += 1
        if out.winner:
            self.wins[out.winner] += 1
        if out.breaker:
            self.breakers[out.breaker] += 1
        self.rounds += out.round
        self.balance_index += game.history[-1]["balance_index"]

    def to_json(self, seed: int, scenario: str, seats: dict[str, str]) -> dict[str, Any]:
        factions = list(seats)
        decided = sum(self.wins.values())
        return {
            "games": self.games,
            "seed": seed,
            "scenario": scenario,
            "seats": seats,
            "outcomes": {k: self.outcomes[k] for k in OUTCOMES},
            "wins": {f: self.wins[f] for f in factions},
            "win_rates": {f: round(self.wins[f] / decided, 4) if decided else 0.0 for f in factions},
            "breakdowns_caused": {f: self.breakers[f] for f in factions},
            "mean_rounds": round(self.rounds / self.games, 3) if self.games else 0.0,
            "mean_balance_index": round(self.balance_index / self.games, 2) if self.games else 0.0,
        }


def run(ruleset: Ruleset, games: int, seed: int, scenario: str | None, seats: dict[str, str],
        save_dir: Path | None = None, progress: bool = False) -> Tally:  # fmt: skip
    tally = Tally(ruleset)
    for i in range(games):
        game = play_game(ruleset, game_seed(seed, i), seats, scenario)
        tally.add(game)
        if save_dir is not None:
            write_atomic(save_dir / f"game-{i + 1:05d}.json", game.to_json())
        if progress:
            _progress(i + 1, games)
    if progress:
        print(file=sys.stderr)
    return tally


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games")
    sys.stderr.flush()


def format_report(result: dict[str, Any]) -> str:
    lines = [f"{result['games']} games of {result['scenario']} (seed {result['seed']})"]
    games = result["games"] or 1
    for k in OUTCOMES:
        n = result["outcomes"][k]
        lines.append(f"  {k:<11} {n:>6}  {100 * n / games:5.1f}%")
    lines.append("Wins (share of decided games):")
    for f, n in result["wins"].items():
        lines.append(f"  {f:<12} {n:>6}  {100 * result['win_rates'][f]:5.1f}%")
    lines.append(f"Mean rounds played: {result['mean_rounds']}")
    lines.append(f"Mean final balance index: {result['mean_balance_index']}")
    return "\n".join(lines)


def simulate_command(args: argparse.Namespace) -> int:
    from game.cli import load_rules_or_report

    ruleset = load_rules_or_report(args.rules)
    if ruleset is None:
        return 2
    try:
        scenario = ruleset.scenario(args.scenario)
    except KeyError:
        names = ", ".join(s.id for s in ruleset.scenarios)
        print(f"There is no scenario {args.scenario!r}; the scenarios are: {names}.", file=sys.stderr)
        return 2
    seats = {f: "random" for f in scenario.factions}
    save_dir = Path(args.save_dir) if args.save_dir else None
    if save_dir is not None:
        try:
            save_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            print(f"Cannot create the save folder {save_dir}: {e.strerror}.", file=sys.stderr)
            return 2
    tally = run(ruleset, args.games, args.seed, scenario.id, seats, save_dir, progress=not args.quiet and sys.stderr.isatty())
    result = tally.to_json(args.seed, scenario.id, seats)
    print(format_report(result))
    if args.json_path:
        try:
            write_atomic(Path(args.json_path), json.dumps(result, indent=2, sort_keys=False) + "\n")
        except OSError as e:
            print(f"Cannot write {args.json_path}: {e.strerror}.", file=sys.stderr)
            return 2
    return 0
