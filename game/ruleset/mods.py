"""Finding mods, choosing them, and putting them in load order.

Mods are folders found in the project's `mods/` and in the player's data folder
(`game.files.data_folder`, subfolder `mods/`), or given by path. A mod is named
by its manifest id (`--mod silk-road`) or by its folder (`--mod path/to/folder`).

Load order: each mod's `requires` first (found in the mod folders when not given), then
the mods in the order given. A requirement that cannot be found, a cycle of
requirements, two mods with one id and two mods that say they are incompatible are
problems at the place in `mod.yaml` that causes them.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.files import data_folder
from game.ruleset.manifest import MANIFEST, Manifest, read_manifest
from game.ruleset.model import Origin
from game.ruleset.problems import Problem, ProblemLog, did_you_mean, one_of

PROJECT_MODS_DIR = Path(__file__).resolve().parents[2] / "mods"
"""The mods that come with the game."""
MODS_FOLDER = "mods"

RULES_SUFFIXES = (".yaml", ".yml")
GEOMETRY_FILE = "map.json"
"""A mod's map shapes (see `game.ruleset.geometry`)."""
_IGNORED_SUFFIXES = (".md", ".txt", ".png", ".jpg", ".jpeg", ".svg", ".schema.json", ".po", ".pot", ".mo")
_IGNORED_NAMES = ("readme", "license", "licence", "changelog", "copying", "authors")


def user_mods_dir() -> Path:
    """The player's own mod folder (it may not exist)."""
    return data_folder() / MODS_FOLDER


def mod_search_dirs() -> list[Path]:
    """Where mods are looked for, in order: the project's `mods/`, then the player's."""
    return [PROJECT_MODS_DIR, user_mods_dir()]


def display_path(path: Path) -> str:
    """A path as people should see it: relative to the working folder when inside it."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)
    return path.as_posix()


@dataclass
class ModFolder:
    """A mod folder and its manifest (None if the manifest is missing or unusable)."""

    folder: Path
    manifest: Manifest | None
    problems: list[Problem] = field(default_factory=list)
    """Problems of the manifest itself."""

    @property
    def id(self) -> str:
        return self.manifest.id if self.manifest is not None else self.folder.name

    @property
    def display(self) -> str:
        return display_path(self.folder)

    @property
    def label(self) -> str:
        return f"mod '{self.id}'"


def read_mod_folder(folder: Path) -> ModFolder:
    log = ProblemLog()
    manifest = read_manifest(folder, display_path(folder), log)
    return ModFolder(folder, manifest, log.items)


def find_mod_folders(search: Sequence[Path] | None = None) -> list[ModFolder]:
    """Every folder directly inside the mod search folders (hidden ones skipped), in
    order of search folder then name, each with its manifest read."""
    found: list[ModFolder] = []
    seen: set[Path] = set()
    for root in mod_search_dirs() if search is None else search:
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if not folder.is_dir() or folder.name.startswith((".", "_")):
                continue
            key = folder.resolve()
            if key not in seen:
                seen.add(key)
                found.append(read_mod_folder(folder))
    return found


def is_mod_folder(path: Path) -> bool:
    return path.is_dir() and (path / MANIFEST).is_file()


def resolve_mods(
    chosen: Sequence[str | Path], log: ProblemLog, search: Sequence[Path] | None = None
) -> list[ModFolder]:
    """The chosen mods and their requirements, in load order; problems logged."""
    available: list[ModFolder] | None = None

    def installed() -> list[ModFolder]:
        nonlocal available
        if available is None:
            available = find_mod_folders(search)
        return available

    picked: list[ModFolder] = []
    for arg in chosen:
        mod = _pick(arg, installed, log, search)
        if mod is None:
            continue
        if any(m.folder.resolve() == mod.folder.resolve() for m in picked):
            continue  # the same folder given twice
        picked.append(mod)
    by_id: dict[str, ModFolder] = {}
    for mod in picked:
        log.items.extend(mod.problems)
        first = by_id.get(mod.id)
        if first is not None:
            where = mod.manifest.at.get("id", mod.manifest.origin) if mod.manifest else Origin(mod.display, 0, 0)
            log.error(
                where,
                f"two mods have the id '{mod.id}': {first.display} and {mod.display} — give each mod its own id, "
                "or load only one of them",
            )
            continue
        by_id[mod.id] = mod
    order: list[ModFolder] = []
    state: dict[str, str] = {}

    def visit(mod: ModFolder, chain: list[str]) -> None:
        state[mod.id] = "visiting"
        manifest = mod.manifest
        for i, need in enumerate(manifest.requires if manifest else ()):
            where = manifest.at.get(f"requires[{i}]", manifest.origin) if manifest else Origin(mod.display, 0, 0)
            if state.get(need) == "visiting":
                cycle = " → ".join(f"'{m}'" for m in [*chain[chain.index(need):], mod.id, need])
                log.error(
                    where,
                    f"mods require each other in a cycle: {cycle} — remove one of these requirements",
                )
                continue
            if state.get(need) == "done":
                continue
            target = by_id.get(need)
            if target is None:
                target = next((m for m in installed() if m.id == need), None)
                if target is not None:
                    log.items.extend(target.problems)
                    by_id[need] = target
            if target is None:
                hint = did_you_mean(need, [m.id for m in installed()])
                tail = f" — did you mean '{hint}'?" if hint else (
                    f" — install it in {display_path(PROJECT_MODS_DIR)}/ or {display_path(user_mods_dir())}/, "
                    "or give it with --mod PATH"
                )
                log.error(where, f"{mod.label} requires mod '{need}', which is not installed{tail}")
                continue
            visit(target, [*chain, mod.id])
        state[mod.id] = "done"
        order.append(mod)

    for mod in list(by_id.values()):
        if state.get(mod.id) is None:
            visit(mod, [])
    loaded = {m.id: m for m in order}
    for mod in order:
        manifest = mod.manifest
        for i, other in enumerate(manifest.incompatible if manifest else ()):
            if other in loaded and manifest is not None:
                log.error(
                    manifest.at.get(f"incompatible[{i}]", manifest.origin),
                    f"{mod.label} is incompatible with mod '{other}' ({loaded[other].display}), and both are "
                    "loaded — load only one of them",
                )
    return order


def _pick(
    arg: str | Path, installed: Callable[[], list[ModFolder]], log: ProblemLog, search: Sequence[Path] | None
) -> ModFolder | None:
    """The mod folder an argument names: a path, or the id or folder name of an installed mod."""
    path = Path(arg)
    if path.is_file() and path.name == MANIFEST:
        path = path.parent
    if path.is_dir():
        return read_mod_folder(path)
    mods = installed()
    text = str(arg)
    for mod in mods:
        if mod.manifest is not None and mod.manifest.id == text:
            return mod
    for mod in mods:
        if mod.folder.name == text:
            return mod
    if path.exists():
        message = f"'{text}' is a file, not a mod folder — give the folder that holds {MANIFEST}"
    else:
        names = sorted({m.id for m in mods})
        hint = did_you_mean(text, names)
        where = " or ".join(display_path(d) + "/" for d in (mod_search_dirs() if search is None else search))
        if hint:
            tail = f" — did you mean '{hint}'?"
        elif names:
            tail = f" — the installed mods are: {one_of(names)}"
        else:
            tail = f" — no mods are installed in {where}"
        message = f"there is no mod folder or installed mod '{text}'{tail}"
    log.add(Problem(text, 0, 0, message))
    return None


def mod_files(mod: ModFolder, log: ProblemLog) -> tuple[list[tuple[Path, str]], Path | None]:
    """The rules files of a mod (with paths relative to it, in order) and its map
    geometry file, if any. Files the game does not read get a warning, so nothing is
    ignored silently; documentation (README, LICENSE, *.md, *.txt, images) is expected."""
    rules: list[tuple[str, Path]] = []
    geometry: Path | None = None
    for path in _regular_files(mod.folder, log):
        rel = path.relative_to(mod.folder)
        name = rel.as_posix()
        lower = path.name.lower()
        if name == MANIFEST:
            continue
        if lower.endswith(RULES_SUFFIXES):
            rules.append((name, path))
        elif name == GEOMETRY_FILE:
            geometry = path
        elif lower.endswith(_IGNORED_SUFFIXES) or lower.split(".")[0] in _IGNORED_NAMES:
            continue
        else:
            log.warning(
                Origin(display_path(path), 1, 1),
                f"this file is not read — a mod holds rules files (*.yaml), {MANIFEST} and {GEOMETRY_FILE}; "
                "rename it to .yaml if it holds rules, or remove it",
            )
    return [(path, rel) for rel, path in rules], geometry


MAX_MOD_FILES = 2_000
"""A mod is a small folder; one with more files than this is not read any further."""


def _regular_files(folder: Path, log: ProblemLog) -> list[Path]:
    """The regular files inside `folder` (hidden ones left out), in order. A link is not
    followed, so a mod never reads outside its folder: each one found is reported (its
    target is never opened, so its contents cannot show in a message)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files) + [d for d in dirs if (here / d).is_symlink()]:
            if name.startswith("."):
                continue
            path = here / name
            try:
                info = path.lstat()
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                log.error(
                    Origin(display_path(path), 1, 1),
                    "this is a link, and a mod reads only regular files inside its own folder — "
                    "copy the file into the mod instead",
                )
            elif stat.S_ISREG(info.st_mode):
                found.append(path)
            elif not stat.S_ISDIR(info.st_mode):
                log.error(
                    Origin(display_path(path), 1, 1),
                    "this is not a regular file (a pipe, a device or a socket), and a mod holds only regular files — "
                    "remove it",
                )
            if len(found) > MAX_MOD_FILES:
                log.error(
                    Origin(display_path(folder), 0, 0),
                    f"this folder holds more than {MAX_MOD_FILES:,} files — a mod is a small folder with a "
                    f"{MANIFEST} and a few rules files; is this the right folder?",
                )
                return []
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return sorted(found)
