"""Loading rules: YAML files in, a validated `Ruleset` (or every problem) out.

    result = load_ruleset()                      # the base game in rules/base
    result = load_ruleset(mods=["mods/my-mod"])  # the base game with a mod (a folder or an id)
    if result.ruleset is None:
        for problem in result.problems:          # file:line:column: message
            print(problem)

`load_ruleset` never raises for anything a rules file contains: a bad file, a bad
value or a bad reference is a `Problem` with its `file:line:column`, and all of them
are reported in one pass. The steps live in their own modules: `yamlpos` (safe YAML
with places), `schema` (entries and their fields), `terms` (effects, conditions and
modifiers), `mods` and `manifest` (finding mods and their load order), `overlay`
(laying files and mods over each other), `crossref` (checks across files),
`geometry` (a mod's map shapes) and `report` (the `validate` command).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.ruleset.crossref import Merged, build, check
from game.ruleset.geometry import Geometry, check_geometry, read_geometry
from game.ruleset.identity import byte_identity, play_identity
from game.ruleset.manifest import MANIFEST, Manifest
from game.ruleset.model import Origin, Ruleset
from game.ruleset.mods import RULES_SUFFIXES, ModFolder, display_path, is_mod_folder, mod_files, resolve_mods
from game.ruleset.overlay import Layer, overlay
from game.ruleset.problems import Problem, ProblemLog
from game.ruleset.schema import FileContent, read_rules_file
from game.ruleset.yamlpos import YamlFile, read_yaml_file

__all__ = [
    "BASE_RULES_DIR",
    "LoadResult",
    "LoadedMod",
    "Problem",
    "Ruleset",
    "display_path",
    "load_ruleset",
]

BASE_RULES_DIR = Path(__file__).resolve().parents[2] / "rules" / "base"
"""The base game's rules folder."""


@dataclass(frozen=True)
class LoadedMod:
    """A mod that was laid over the base rules, in load order."""

    folder: Path
    manifest: Manifest | None
    """None if its mod.yaml is missing or unusable (then the load has errors)."""
    files: tuple[str, ...]
    """Its rules files, as shown in problems."""
    geometry: Geometry | None = None
    """Its map shapes (map.json), if it has any."""

    @property
    def id(self) -> str:
        return self.manifest.id if self.manifest is not None else self.folder.name


@dataclass
class LoadResult:
    ruleset: Ruleset | None
    """None if there is any error (warnings are allowed)."""
    problems: list[Problem]
    counts: dict[str, int] = field(default_factory=dict)
    """How many entries of each kind were read, even when there are errors."""
    mods: list[LoadedMod] = field(default_factory=list)
    """The mods laid over the base, in load order (requirements first)."""
    history: dict[tuple[str, str], list[tuple[str | None, Origin]]] = field(default_factory=dict)
    """For each final entry (kind, id): who wrote it, in load order — (mod id, or None
    for the base rules; where its id was written)."""
    removed: dict[str, tuple[Origin, str]] = field(default_factory=dict)
    """Ids deleted by `remove:`: where, and by whom (`mod 'x'`, or empty for the base)."""
    settings_at: dict[str, Origin] = field(default_factory=dict)
    """Where each setting that a file sets was set last."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def load_ruleset(paths: Sequence[str | Path] | None = None, mods: Sequence[str | Path] = ()) -> LoadResult:
    """Read and check the rules in `paths`, with `mods` laid over them.

    `paths` are folders or files (default: the base rules); a folder contributes every
    `*.yaml` / `*.yml` inside it, recursively, in order of their path within the folder,
    and files of all paths form one set of rules (a `mod.yaml` in them is not read).
    After the first path, a folder that holds a `mod.yaml` is taken as a mod, so
    `load_ruleset([base, mod_folder])` is the same as `load_ruleset([base], mods=[mod_folder])`.

    `mods` are mod folders, or ids (or folder names) of mods installed in the project's
    `mods/` or the player's data folder. They load in the order given, each one's
    `requires` before it.
    """
    given = [BASE_RULES_DIR] if paths is None else [Path(p) for p in paths]
    # After the first path, a folder holding a mod.yaml is a mod laid over the paths before it.
    roots = given[:1] + [p for p in given[1:] if not is_mod_folder(p)]
    chosen: list[str | Path] = [*(p for p in given[1:] if is_mod_folder(p)), *mods]
    log = ProblemLog()
    found: list[tuple[Path, str]] = []
    for root in roots:
        found.extend(_rules_files(root, log))
    if not found and not any(p.is_error for p in log.items):
        log.add(
            Problem(
                ", ".join(display_path(r) for r in roots) or ".",
                0,
                0,
                "no rules files (*.yaml) found — give a folder that holds them",
            )
        )
    files = [read_yaml_file(path, display_path(path)) for path, _ in found]
    layers = [Layer(_contents(files, log))]
    ordered = resolve_mods(chosen, log) if chosen else []
    loaded: list[LoadedMod] = []
    identity_files = list(zip(files, [rel for _, rel in found], strict=True))
    mod_requires = _transitive_requires(ordered)
    for mod in ordered:
        if mod.manifest is None:
            continue  # not a mod (its problem is logged): its folder is not walked, even if it is `/`
        paths_here, geometry_path = mod_files(mod, log)
        if not paths_here and geometry_path is None and not (mod.folder / "locale").is_dir():
            log.warning(
                Origin(mod.display, 0, 0),
                "this mod has no rules files (*.yaml) beside its mod.yaml, so it changes nothing",
            )
        mod_yaml = [read_yaml_file(path, display_path(path)) for path, _ in paths_here]
        files.extend(mod_yaml)
        identity_files.extend(zip(mod_yaml, [f"mod:{mod.id}/{rel}" for _, rel in paths_here], strict=True))
        geometry = None if geometry_path is None else read_geometry(geometry_path, display_path(geometry_path), log)
        layers.append(Layer(_contents(mod_yaml, log), mod.id, mod_requires[mod.id]))
        loaded.append(LoadedMod(mod.folder, mod.manifest, tuple(f.display for f in mod_yaml), geometry))
    merged = overlay(layers, log)
    label = ", ".join(display_path(r) for r in roots)
    if files and all(f.readable for f in files):
        # With a file unreadable, most of what it defined would be reported as missing.
        check(merged, log, label)
        if ordered:
            _check_mod_geometry(merged, loaded, log)
    order = [f.display for f in files] + [m.display for m in ordered]
    problems = _in_file_order(log.items, order)
    ruleset = None
    if not log.has_errors:
        ruleset = replace(build(merged, play_identity(identity_files)), former_identities=(byte_identity(identity_files),))
        if loaded:
            ruleset = _with_mods(ruleset, loaded)
    settings_at = {key: origin for key, (_, origin) in merged.settings.items()}
    return LoadResult(ruleset, problems, merged.counts(), loaded, merged.history, merged.removed, settings_at)


def _contents(files: Sequence[YamlFile], log: ProblemLog) -> list[FileContent]:
    out: list[FileContent] = []
    for f in files:
        log.items.extend(f.problems)
        if f.root is not None:
            out.append(read_rules_file(f.root, log))
    return out


def _transitive_requires(order: Sequence[ModFolder]) -> dict[str, frozenset[str]]:
    """Each mod's requirements, direct or not (mods in load order: requirements first)."""
    out: dict[str, frozenset[str]] = {}
    for mod in order:
        direct = mod.manifest.requires if mod.manifest else ()
        out[mod.id] = frozenset(direct).union(*(out.get(r, frozenset()) for r in direct))
    return out


def _check_mod_geometry(merged: Merged, loaded: Sequence[LoadedMod], log: ProblemLog) -> None:
    spaces = {p.id: (p.value.shape or p.id, p.origin) for p in merged.by_kind["spaces"].values()}
    countries = {p.id: p.origin for p in merged.by_kind["countries"].values()}
    gateways = set(merged.by_kind["gateways"])
    new_spaces = {sid for sid in merged.by_kind["spaces"] if merged.added_by(("spaces", sid))}
    new_countries = {cid for cid in merged.by_kind["countries"] if merged.added_by(("countries", cid))}
    geometries = [m.geometry for m in loaded if m.geometry is not None]
    check_geometry(geometries, spaces, countries, gateways, new_spaces, new_countries, log)


def _with_mods(ruleset: Ruleset, loaded: Sequence[LoadedMod]) -> Ruleset:
    return replace(ruleset, mods=tuple(str(m.manifest) if m.manifest else m.id for m in loaded))


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
            not path.name.lower().endswith(RULES_SUFFIXES)
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


def _in_file_order(problems: list[Problem], files: list[str]) -> list[Problem]:
    """Problems by file (in reading order), then line and column; whole-folder ones last."""
    order = {name: i for i, name in enumerate(files)}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.line, p.column))
