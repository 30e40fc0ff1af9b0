"""`python -m game validate`: print every problem of a rules folder, or say it is fine.

Text mode prints one `file:line:column: message` line per problem and a summary line;
`--json` prints `{"ok", "counts", "problems"}` for editors and CI. The exit status is
0 when there is no error (warnings allowed) and 2 otherwise. Never a traceback: a
crash in the checker itself is reported as a sentence asking for a bug report.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from game.ruleset import BASE_RULES_DIR, LoadedMod, LoadResult, display_path, load_ruleset
from game.ruleset.problems import Problem, plural

EXIT_OK = 0
EXIT_BAD_INPUT = 2

_COUNT_KEYS = ("factions", "countries", "spaces", "gateways", "corridors", "cards", "events", "crises", "scenarios")


def validate_command(
    rules_dir: str | None,
    as_json: bool,
    out: TextIO | None = None,
    err: TextIO | None = None,
    mods: Sequence[str] = (),
) -> int:
    """Check the rules in `rules_dir` (default: the base rules), with `mods` laid over
    them, and print the problems."""
    stream = out if out is not None else sys.stdout
    errors = err if err is not None else sys.stderr
    root = BASE_RULES_DIR if rules_dir is None else Path(rules_dir)
    label = display_path(root)
    if not root.exists():
        message = f"there is no rules folder at '{label}' — give an existing folder with --rules DIR"
        return _emit_failure(stream if as_json else errors, as_json, Problem(label, 0, 0, message))
    try:
        result = load_ruleset([root], mods=mods)
    except Exception as exc:  # the user must get a sentence, not a traceback
        message = f"the rules checker failed unexpectedly ({type(exc).__name__}: {exc}) — please report this as a bug"
        return _emit_failure(stream if as_json else errors, as_json, Problem(label, 0, 0, message))
    if result.mods:
        label += " with " + ", ".join(_mod_name(m) for m in result.mods)
    if as_json:
        stream.write(json.dumps(_as_json(result), ensure_ascii=False, indent=2) + "\n")
    else:
        for problem in result.problems:
            stream.write(_line(problem) + "\n")
        languages_ok = result.ruleset is None or _languages(result, root, stream)
        stream.write(f"{label}: {summary(result)}\n")
        if not languages_ok:
            stream.write("the catalogues have problems (listed above): fix them, or delete a broken .po to fall back to English\n")
            return EXIT_BAD_INPUT
    return EXIT_OK if result.ruleset is not None else EXIT_BAD_INPUT


def _languages(result: LoadResult, root: Path, stream: TextIO) -> bool:
    """Print each language's coverage and its catalogues' problems; False if any problem."""
    from game.i18n import LOCALE_DIR
    from game.ruleset.catalogues import check_languages
    from game.ruleset.localize import locale_dirs

    assert result.ruleset is not None
    mod_folders = [m.folder for m in result.mods]
    content_dirs = locale_dirs([root if root.is_dir() else root.parent], mod_folders)
    if not content_dirs:
        return True  # rules without catalogues: nothing to say about languages
    ui_dirs = [LOCALE_DIR, *(d for d in locale_dirs([], mod_folders))]
    reports = check_languages(result.ruleset, content_dirs, ui_dirs)
    ok = True
    if reports:
        stream.write("languages (translated strings; the rest read in English):\n")
    for r in reports:
        stream.write(f"  {r.line()}\n")
        for p in r.problems:
            stream.write(f"{p}\n")
            ok = False
        if r.missing and r.content_translated:
            shown = r.missing[:5]
            stream.write(f"    {r.lang}: untranslated content: " + "; ".join(shown)
                         + (f" and {len(r.missing) - len(shown)} more" if len(r.missing) > len(shown) else "") + "\n")  # fmt: skip
    return ok


def _mod_name(mod: LoadedMod) -> str:
    return f"{mod.id} {mod.manifest.version}" if mod.manifest else mod.id


def summary(result: LoadResult) -> str:
    """`5 factions, 5 countries, … — no problems` (or `— 3 problems, 1 warning`)."""
    counts = ", ".join(plural(result.counts.get(k, 0), k) for k in _COUNT_KEYS)
    errors, warnings = len(result.errors), len(result.warnings)
    verdict = "no problems" if not errors else plural(errors, "problems")
    if warnings:
        verdict += f", {plural(warnings, 'warnings')}"
    return f"{counts} — {verdict}"


def _line(problem: Problem) -> str:
    if problem.is_error:
        return str(problem)
    return str(Problem(problem.file, problem.line, problem.column, f"warning: {problem.message}"))


def _problem_json(problem: Problem) -> dict[str, object]:
    message = problem.message if problem.is_error else f"warning: {problem.message}"
    return {"file": problem.file, "line": problem.line, "column": problem.column, "message": message}


def _as_json(result: LoadResult) -> dict[str, object]:
    out: dict[str, object] = {
        "ok": result.ruleset is not None,
        "counts": {k: result.counts.get(k, 0) for k in _COUNT_KEYS},
        "problems": [_problem_json(p) for p in result.problems],
    }
    if result.mods:
        out["mods"] = [
            {
                "id": m.id,
                "name": m.manifest.name if m.manifest else m.id,
                "version": m.manifest.version if m.manifest else "",
                "folder": display_path(m.folder),
            }
            for m in result.mods
        ]
    return out


def _emit_failure(stream: TextIO, as_json: bool, problem: Problem) -> int:
    if as_json:
        failed = LoadResult(None, [problem], {})
        stream.write(json.dumps(_as_json(failed), ensure_ascii=False, indent=2) + "\n")
    else:
        stream.write(problem.message[0].upper() + problem.message[1:] + ".\n")
    return EXIT_BAD_INPUT
