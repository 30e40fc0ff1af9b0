"""Mods for the game and its tools: which are installed, loading them, their map shapes.

For the setup screen:

    for mod in available_mods():           # every mod folder found, with its problems
        print(mod.name, mod.version, mod.ok)
        for line in mod.problem_lines():   # `file:line:column: message`, warnings marked
            print("  ", line)
    result = load_with_mods(["mods/x"])    # base rules + chosen mods (folders, ids or AvailableMod)
    if result.ruleset is not None:
        shapes = map_geometry(result)      # assets/map/central-asia.json with the mods' map.json laid over it

The tools around mods live beside this: `diff` (what a mod changes), `editor_schema`
(the JSON Schema for editors), `reference` (docs/MODDING.md) and `commands` (their
command-line entry points). Loading and checking are `game.ruleset`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.ruleset import LoadedMod, LoadResult, load_ruleset
from game.ruleset.geometry import Geometry, merged_map
from game.ruleset.manifest import Manifest
from game.ruleset.mods import PROJECT_MODS_DIR, display_path, find_mod_folders, mod_search_dirs, user_mods_dir
from game.ruleset.problems import Problem

__all__ = [
    "AvailableMod",
    "available_mods",
    "load_with_mods",
    "map_geometry",
    "mod_search_dirs",
    "problem_line",
    "user_mods_dir",
]


@dataclass(frozen=True)
class AvailableMod:
    """A mod folder found in the project's `mods/` or the player's data folder."""

    folder: Path
    manifest: Manifest | None
    """None when its mod.yaml is missing or unusable (see `problems`)."""
    problems: tuple[Problem, ...]
    """Its manifest's problems and, if it was checked, every problem of the base rules
    with this mod (and its requirements) laid over them."""
    source: str
    """`project` (the game's own mods/ folder) or `user` (the player's data folder)."""

    @property
    def id(self) -> str:
        return self.manifest.id if self.manifest is not None else self.folder.name

    @property
    def name(self) -> str:
        return self.manifest.name if self.manifest is not None else self.folder.name

    @property
    def version(self) -> str:
        return self.manifest.version if self.manifest is not None else ""

    @property
    def description(self) -> str:
        return self.manifest.description if self.manifest is not None else ""

    @property
    def ok(self) -> bool:
        """True if it loads without errors (warnings allowed)."""
        return not any(p.is_error for p in self.problems)

    def problem_lines(self) -> list[str]:
        return [problem_line(p) for p in self.problems]


def problem_line(problem: Problem) -> str:
    """A problem as one readable line: `file:line:column: message`, warnings marked."""
    if problem.is_error:
        return str(problem)
    return str(Problem(problem.file, problem.line, problem.column, f"warning: {problem.message}"))


def available_mods(check: bool = True, rules: str | Path | None = None) -> list[AvailableMod]:
    """Every mod folder in the mod search folders, in order (the project's, then the
    player's). With `check`, each is loaded over the base rules (or `rules`) to collect
    all its problems — about a tenth of a second per mod."""
    out: list[AvailableMod] = []
    project = PROJECT_MODS_DIR.resolve()
    for found in find_mod_folders():
        problems: list[Problem] = list(found.problems)
        if check and found.manifest is not None:
            result = load_ruleset([rules] if rules is not None else None, mods=[found.folder])
            problems = result.problems
        source = "project" if found.folder.resolve().parent == project else "user"
        out.append(AvailableMod(found.folder, found.manifest, tuple(problems), source))
    return out


def load_with_mods(mods: Sequence[str | Path | AvailableMod], rules: str | Path | None = None) -> LoadResult:
    """The base rules (or `rules`) with `mods` laid over them, requirements first.
    `result.ruleset` is None if anything is wrong; `result.problems` says what."""
    chosen = [m.folder if isinstance(m, AvailableMod) else m for m in mods]
    return load_ruleset([rules] if rules is not None else None, mods=chosen)


def map_geometry(loaded: LoadResult | Sequence[LoadedMod]) -> dict[str, Any]:
    """The map to draw: `assets/map/central-asia.json` with the loaded mods' map.json
    shapes laid over it in load order (same structure as the base file)."""
    mods = loaded.mods if isinstance(loaded, LoadResult) else loaded
    geometries: list[Geometry] = [m.geometry for m in mods if m.geometry is not None]
    return merged_map(geometries)


def mod_label(mod: LoadedMod | AvailableMod) -> str:
    """`name version (folder)` for listings."""
    manifest = mod.manifest
    head = f"{manifest.name} {manifest.version}" if manifest else mod.folder.name
    return f"{head} ({display_path(mod.folder)})"
