"""`python -m game simulate --mod PATH --compare`: what a mod does to the balance (see
`game.analysis.compare`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.analysis.compare import format_comparison
from game.analysis.simulate import run as run_games
from game.analysis.simulate import seat_kinds
from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.commands.load import load_rules_or_report
from game.files import atomic_write
from game.i18n import _


def run(args: argparse.Namespace) -> int:
    mods = list(args.mod)
    if not mods:
        print(_("--compare plays the games with and without the mods: give one or more --mod PATH."), file=sys.stderr)
        return EXIT_BAD_INPUT
    without = load_rules_or_report(args.rules, mods=[])
    if without is None:
        return EXIT_BAD_INPUT
    with_mods = load_rules_or_report(args.rules, mods=mods)
    if with_mods is None:
        return EXIT_BAD_INPUT
    scenario_id = args.scenario or with_mods.scenario().id
    for rules, which in ((with_mods, _("with the mods")), (without, _("without the mods"))):
        if scenario_id not in {s.id for s in rules.scenarios}:
            names = ", ".join(s.id for s in rules.scenarios)
            print(
                _('There is no scenario {scenario_id!r} {which}, so it cannot be compared; the scenarios are: {names}. Choose one that exists in both with --scenario.').format(scenario_id=scenario_id, which=which, names=names),
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
    seats: list[dict[str, str]] = []
    both = set(with_mods.scenario(scenario_id).factions) | set(without.scenario(scenario_id).factions)
    for rules in (without, with_mods):
        factions = list(rules.scenario(scenario_id).factions)
        overrides = [
            s for s in args.seat if s.partition("=")[0].strip() in factions or s.partition("=")[0].strip() not in both
        ]
        chosen = seat_kinds(factions, args.bots, overrides)
        if isinstance(chosen, str):
            print(chosen, file=sys.stderr)
            return EXIT_BAD_INPUT
        seats.append(chosen)
    progress = not args.quiet and sys.stderr.isatty()
    results: list[dict[str, Any]] = [
        run_games(rules, args.games, args.seed, scenario_id, seat, progress=progress, jobs=args.jobs).to_json(
            args.seed, scenario_id, seat
        )
        for rules, seat in zip((without, with_mods), seats, strict=True)
    ]
    label = ", ".join(f"mod {m}" for m in with_mods.mods) or _("the mods")
    print(format_comparison(results[0], results[1], label))
    if args.json_path:
        out = {"mods": list(with_mods.mods), "without": results[0], "with": results[1]}
        try:
            atomic_write(Path(args.json_path), json.dumps(out, indent=2) + "\n")
        except OSError as e:
            print(_('Cannot write {json_path}: {strerror}.').format(json_path=args.json_path, strerror=e.strerror), file=sys.stderr)
            return EXIT_BAD_INPUT
    return EXIT_OK
