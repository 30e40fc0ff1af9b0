"""What each faction ability is worth: its faction's win rate with it and without it.

    .venv/bin/python tools/ability_worth.py --games 200 --seeds 1 2 [--abilities ID,ID] [--mod PATH] [--jobs 2] [--json out.json]

For every seed: the games as the rules are ("with"), then for every ability of every faction
(or those given) the same games with a two-line mod `remove: [ID]` laid over the rules — game
i has the same seed in both runs, so the pair differs only by the ability. Heuristic bots play
every seat, in the long scenario unless `--scenario` says otherwise. Prints, per ability, its
faction's share of the games won with and without it on each seed, and pooled over the seeds:
issue 15's check (every ability lowers its faction's rate, none by more than 15 points) is
the last column. A faction's rate over 200 games moves by about 3 points (one standard
deviation), so a pair's difference by about 4: pool seeds before trusting a small or a large one.

Each run is `game.analysis.simulate.run`, the same games as `python -m game simulate --games N
--seed S --bots heuristic --mod M` (whatever `--jobs`). A long game takes about 1.4 s a core on
the two-core machine: with the base game's 14 abilities (13 removable), 14 runs of 200 games take about 32
minutes a seed with `--jobs 2`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.analysis.simulate import run as run_games  # noqa: E402
from game.commands.load import load_rules_or_report  # noqa: E402
from game.ruleset import load_ruleset  # noqa: E402
from game.ruleset.model import Ruleset  # noqa: E402
from tools.game_runs import add_run_arguments, measure_and_report  # noqa: E402

BOUND = 15.0
"""Issue 15: no ability may be worth more than this many points of its faction's win rate."""


def abilities_of(rules: Ruleset, only: list[str]) -> list[tuple[str, str, str]]:
    """(ability id, its name, its faction's id) for every ability, or the ones in `only`."""
    out = [(a.id, a.name, f.id) for f in rules.factions for a in f.abilities]
    return [x for x in out if not only or x[0] in only]


def removal_mod(folder: Path, ability: str) -> Path:
    """A mod in `folder` that removes one ability (what a modder would write)."""
    mod = folder / f"no-{ability}"
    mod.mkdir()
    (mod / "mod.yaml").write_text(f"id: no-{ability}\nname: Without {ability}\nversion: 1.0.0\n", encoding="utf-8")
    (mod / "remove.yaml").write_text(f"remove: [{ability}]\n", encoding="utf-8")
    return mod


def win_shares(rules: Ruleset, games: int, seed: int, scenario: str, jobs: int) -> dict[str, float]:
    """Each faction's share of `games` heuristic games won (of all games, in percent)."""
    sc = rules.scenario(scenario)
    tally = run_games(rules, games, seed, sc.id, {f: "heuristic" for f in sc.factions}, jobs=jobs)
    return {f: 100.0 * tally.wins[f] / tally.games for f in sc.factions}


def measure(args: argparse.Namespace) -> dict[str, Any] | None:
    base = load_rules_or_report(args.rules, args.mod)
    if base is None:
        return None
    scenario = base.scenario(args.scenario).id
    only = [a.strip() for a in args.abilities.split(",")] if args.abilities else []
    chosen = abilities_of(base, only)
    unknown = sorted(set(only) - {a for a, _, _ in chosen})
    if unknown:
        print(f"No faction has the abilities {', '.join(unknown)}: see `python -m game diff` or factions.yaml.", file=sys.stderr)
        return None
    with_runs: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        without_rules = {}
        for ability, _name, _faction in chosen:
            mods = [*args.mod, str(removal_mod(Path(tmp), ability))]
            rules = load_ruleset([args.rules] if args.rules else None, mods=mods).ruleset
            if rules is None:  # e.g. Kazakhstan's Home ground: without it, Kazakhstan reaches no space
                print(f"{ability} cannot be removed: the rules without it have problems (`python -m game "
                      f"validate --mod` on a mod removing it lists them); left out.", file=sys.stderr)  # fmt: skip
            else:
                without_rules[ability] = rules
        chosen = [c for c in chosen if c[0] in without_rules]
        rows: dict[str, Any] = {a: {"name": name, "faction": f, "with": {}, "without": {}} for a, name, f in chosen}
        for seed in args.seeds:
            with_runs[seed] = win_shares(base, args.games, seed, scenario, args.jobs)
            print(f"seed {seed}: with every ability: {_shares(with_runs[seed])}", file=sys.stderr)
            for ability, _name, faction in chosen:
                without = win_shares(without_rules[ability], args.games, seed, scenario, args.jobs)
                rows[ability]["with"][seed] = with_runs[seed][faction]
                rows[ability]["without"][seed] = without[faction]
                print(f"seed {seed}: without {ability}: {_shares(without)}", file=sys.stderr)
    return {"games": args.games, "seeds": args.seeds, "scenario": scenario, "with": with_runs, "abilities": rows}


def _shares(shares: dict[str, float]) -> str:
    return ", ".join(f"{f} {v:.1f}" for f, v in shares.items())


def format_table(result: dict[str, Any]) -> str:
    seeds = result["seeds"]
    head = "| ability | faction | " + " | ".join(f"seed {s}: with → without" for s in seeds) + " | pooled worth |"
    lines = [head, "|---|---|" + "---:|" * (len(seeds) + 1)]
    for row in result["abilities"].values():
        cells = [f"{row['with'][s]:.1f} → {row['without'][s]:.1f} ({row['with'][s] - row['without'][s]:+.1f})" for s in seeds]
        worth = sum(row["with"][s] - row["without"][s] for s in seeds) / len(seeds)
        flag = "" if 0.0 < worth <= BOUND else " (outside 0–15)"
        lines.append(f"| {row['name']} | {row['faction']} | " + " | ".join(cells) + f" | {worth:+.2f}{flag} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    p.add_argument("--games", type=int, default=200)
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    p.add_argument("--abilities", default="", help="comma-separated ability ids (default: every ability)")
    add_run_arguments(p, jobs=2)
    return measure_and_report(p, argv, measure, format_table)


if __name__ == "__main__":
    raise SystemExit(main())
