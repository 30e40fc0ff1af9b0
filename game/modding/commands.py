"""`python -m game schema | docs | diff`: the modding tools on the command line.

- `schema [--manifest] [-o FILE]` prints (or writes) the JSON Schema of rules files or
  of `mod.yaml`;
- `docs [--check]` regenerates `docs/MODDING.md` and `docs/schema/*.json` from the code,
  or with `--check` only says whether the committed files are up to date (exit 1 if not);
- `diff --mod PATH` lists what the mods change against the base rules (exit 2 if the
  rules or mods have errors, after printing them).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from game.modding import problem_line
from game.modding.diff import diff, format_diff
from game.modding.editor_schema import manifest_schema, rules_schema
from game.modding.reference import DOCS_DIR, generated_files
from game.ruleset import load_ruleset
from game.ruleset.mods import display_path
from game.savefile import write_atomic

EXIT_OK = 0
EXIT_STALE = 1
EXIT_BAD_INPUT = 2


def schema_text(manifest: bool = False) -> str:
    schema = manifest_schema() if manifest else rules_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_command(args: argparse.Namespace) -> int:
    text = schema_text(args.manifest)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_atomic(Path(args.output), text)
    except OSError as e:
        print(f"Cannot write {args.output}: {e.strerror}.", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"Wrote {args.output}.", file=sys.stderr)
    return EXIT_OK


def docs_command(args: argparse.Namespace) -> int:
    files = generated_files()
    stale = [path for path, text in files.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{display_path(path)} is out of date — run `python -m game docs`.", file=sys.stderr)
        if not stale:
            print("The generated docs are up to date.", file=sys.stderr)
        return EXIT_STALE if stale else EXIT_OK
    for path in stale:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, files[path])
        except OSError as e:
            print(f"Cannot write {display_path(path)}: {e.strerror}.", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"Wrote {display_path(path)}.", file=sys.stderr)
    if not stale:
        print(f"{display_path(DOCS_DIR)}: the generated docs were already up to date.", file=sys.stderr)
    return EXIT_OK


def diff_command(args: argparse.Namespace) -> int:
    mods = list(args.mod or [])
    if not mods:
        print("Give the mod to compare with --mod PATH (a mod folder, or the id of an installed mod).", file=sys.stderr)
        return EXIT_BAD_INPUT
    paths = [args.rules] if args.rules else None
    base = load_ruleset(paths)
    modded = load_ruleset(paths, mods=mods)
    for problem in (base.problems if base.ruleset is None else []) + modded.problems:
        print(problem_line(problem), file=sys.stderr)
    if base.ruleset is None or modded.ruleset is None:
        print("The rules or mods have problems (listed above); fix them first.", file=sys.stderr)
        return EXIT_BAD_INPUT
    changes = diff(base.ruleset, modded.ruleset, modded)
    if args.json:
        out = {
            "mods": [m.manifest.id if m.manifest else m.id for m in modded.mods],
            "changes": [c.to_json() for c in changes],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    names = ", ".join(f"mod '{m.id}'" + (f" {m.manifest.version}" if m.manifest else "") for m in modded.mods)
    against = display_path(Path(args.rules)) if args.rules else "the base rules"
    print(format_diff(changes, f"{names} against {against}"))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "schema": schema_command,
    "docs": docs_command,
    "diff": diff_command,
}
"""The subcommands of `python -m game` that this module runs."""
