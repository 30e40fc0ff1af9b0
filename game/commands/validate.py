"""`python -m game validate [--json]`: print every problem of the rules (and mods).

The checking and its output are the rules loader's own (`game.ruleset.report`), so an
editor or CI can call them without the command line.
"""

from __future__ import annotations

import argparse

from game.ruleset.report import validate_command


def run(args: argparse.Namespace) -> int:
    return validate_command(args.rules, as_json=args.json, mods=args.mod)
