"""Loading rules: YAML files in, a validated `Ruleset` (or every problem) out.

    result = load_ruleset()              # the base game in rules/base
    if result.ruleset is None:
        for problem in result.problems:  # file:line:column: message
            print(problem)

`load_ruleset` never raises for anything a rules file contains: a bad file, a bad
value or a bad reference is a `Problem` with its `file:line:column`, and all of them
are reported in one pass. The steps live in their own modules: `yamlpos` (safe YAML
with places), `schema` (entries and their fields), `terms` (effects, conditions and
modifiers), `crossref` (checks across files) and `report` (the `validate` command).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.ruleset.crossref import build, check, merge
from game.ruleset.model import Ruleset
from game.ruleset.problems import Problem, ProblemLog
from game.ruleset.schema import FileContent, read_rules_file
from game.ruleset.yamlpos import YamlFile, read_yaml_file

__all__ = ["BASE_RULES_DIR", "LoadResult", "Problem", "Ruleset", "display_path", "load_ruleset"]

BASE_RULES_DIR = Path(__file__).resolve().parents[2] / "rules" / "base"
"""The base game's rules folder."""

RULES_SUFFIXES = (".yaml", ".yml")
MANIFEST = "mod.yaml"
"""A mod's manifest (id, name, version …) sits beside its rules but is not one of them."""


@dataclass
class LoadResult:
    ruleset: Ruleset | None
    """None if there is any error (warnings are allowed)."""
    problems: list[Problem]
    counts: dict[str, int] = field(default_factory=dict)
    """How many entries of each kind were read, even when there are errors."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def load_ruleset(paths: Sequence[str | Path] | None = None) -> LoadResult:
    """Read and check the rules in `paths` (folders or files; default: the base rules).

    A folder contributes every `*.yaml` / `*.yml` inside it, recursively, in order of
    their path within the folder; files of all paths merge into one ruleset.
    """
    roots = [BASE_RULES_DIR] if paths is None else [Path(p) for p in paths]
    log = ProblemLog()
    found: list[tuple[Path, str]] = []
    for root in roots:
        found.extend(_rules_files(root, log))
    if not found and not log.items:
        log.add(
            Problem(
                ", ".join(display_path(r) for r in roots) or ".",
                0,
                0,
                "no rules files (*.yaml) found — give a folder that holds them",
            )
        )
    files = [read_yaml_file(path, display_path(path)) for path, _ in found]
    contents: list[FileContent] = []
    for f in files:
        log.items.extend(f.problems)
        if f.root is not None:
            contents.append(read_rules_file(f.root, log))
    merged = merge(contents, log)
    if found and all(f.readable for f in files):
        # With a file unreadable, most of what it defined would be reported as missing.
        check(merged, log, ", ".join(display_path(r) for r in roots))
    problems = _in_file_order(log.items, [f.display for f in files])
    ruleset = None if log.has_errors else build(merged, _identity(files, [rel for _, rel in found]))
    return LoadResult(ruleset, problems, merged.counts())


def display_path(path: Path) -> str:
    """A path as people should see it: relative to the working folder when inside it."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)
    return path.as_posix()


def _rules_files(root: Path, log: ProblemLog) -> list[tuple[Path, str]]:
    """The rules files under `root`, with their paths relative to it, in order."""
    if root.is_file():
        return [(root, root.name)]
    if not root.is_dir():
        log.add(Problem(display_path(root), 0, 0, "there is no rules folder or file here — check the path"))
        return []
    out: list[tuple[str, Path]] = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if (
            path.suffix not in RULES_SUFFIXES
            or any(part.startswith(".") for part in rel.parts)
            or rel.as_posix() == MANIFEST
        ):
            continue
        if path.is_file():
            out.append((rel.as_posix(), path))
    out.sort()
    if not out:
        log.add(
            Problem(
                display_path(root), 0, 0, "this folder holds no rules files (*.yaml) — give the folder that holds them"
            )
        )
    return [(path, rel) for rel, path in out]


def _identity(files: Sequence[YamlFile], rel_paths: Sequence[str]) -> str:
    """A hash of the rules' bytes, so a save is replayed on the very same rules."""
    digest = hashlib.sha256()
    for f, rel in zip(files, rel_paths, strict=True):
        name = rel.encode("utf-8")
        digest.update(len(name).to_bytes(4, "big") + name + len(f.data).to_bytes(8, "big"))
        digest.update(f.data)
    return digest.hexdigest()


def _in_file_order(problems: list[Problem], files: list[str]) -> list[Problem]:
    """Problems by file (in reading order), then line and column; whole-folder ones last."""
    order = {name: i for i, name in enumerate(files)}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.line, p.column))
