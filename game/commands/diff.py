"""`python -m game diff --mod PATH [--json]`: list what the mods change against the base
rules (exit 2 if the rules or mods have errors, after printing them)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.i18n import _
from game.modding import problem_line
from game.modding.diff import diff, format_diff
from game.ruleset import load_ruleset
from game.ruleset.mods import display_path


def run(args: argparse.Namespace) -> int:
    mods = list(args.mod or [])
    if not mods:
        print(_("Give the mod to compare with --mod PATH (a mod folder, or the id of an installed mod)."), file=sys.stderr)
        return EXIT_BAD_INPUT
    paths = [args.rules] if args.rules else None
    base = load_ruleset(paths)
    modded = load_ruleset(paths, mods=mods)
    for problem in (base.problems if base.ruleset is None else []) + modded.problems:
        print(problem_line(problem), file=sys.stderr)
    if base.ruleset is None or modded.ruleset is None:
        print(_("The rules or mods have problems (listed above); fix them first."), file=sys.stderr)
        return EXIT_BAD_INPUT
    changes = diff(base.ruleset, modded.ruleset, modded)
    if args.json:
        out = {
            "mods": [m.manifest.id if m.manifest else m.id for m in modded.mods],
            "changes": [c.to_json() for c in changes],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    names = ", ".join(_("mod '{id}'").format(id=m.id) + (f" {m.manifest.version}" if m.manifest else "") for m in modded.mods)
    against = display_path(Path(args.rules)) if args.rules else _("the base rules")
    print(format_diff(changes, f"{names} against {against}"))
    return EXIT_OK
