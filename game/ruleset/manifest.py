"""A mod's manifest, `mod.yaml`: who the mod is and what it needs.

    id: silk-road                 # how other mods and `--mod` name it
    name: Silk Road
    version: 1.0.0
    requires: [caspian-basics]    # loaded first
    incompatible: [other-mod]     # never loaded together
    description: What the mod changes, for the setup screen.

It is read with the same safe YAML reader as rules files, and every problem in it is a
`Problem` at its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.ruleset.fields import Entry, Fields
from game.ruleset.format import FieldSpec
from game.ruleset.model import Origin
from game.ruleset.problems import ProblemLog
from game.ruleset.yamlpos import YMap, describe, read_yaml_file

MANIFEST = "mod.yaml"

MANIFEST_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("id", "The mod's id: how `--mod` and other mods' `requires` name it.", required=True),
    "name": FieldSpec("text", "The name shown on the setup screen.", required=True),
    "version": FieldSpec("text", "Its version, e.g. `1.0.0` (shown beside the name).", required=True),
    "requires": FieldSpec("refs", "Ids of mods that must load first (found in the mod folders).", default=[], ref="mod"),
    "incompatible": FieldSpec("refs", "Ids of mods that must not be loaded with it.", default=[], ref="mod"),
    "description": FieldSpec("text", "What it changes, in a sentence or two.", default=""),
    "author": FieldSpec("text", "Who made it.", default=""),
}


@dataclass(frozen=True)
class Manifest:
    id: str
    name: str
    version: str
    requires: tuple[str, ...] = ()
    incompatible: tuple[str, ...] = ()
    description: str = ""
    author: str = ""
    origin: Origin = Origin(MANIFEST, 1, 1)
    at: dict[str, Origin] = field(default_factory=dict, compare=False, hash=False)
    """Places of values: `id`, `requires[0]`, `incompatible[1]` …"""

    def __str__(self) -> str:
        return f"{self.id} {self.version}"


def read_manifest(folder: Path, display: str, log: ProblemLog) -> Manifest | None:
    """Read `folder/mod.yaml`; None (with problems logged) if it is missing or has no usable id."""
    path = folder / MANIFEST
    if not path.is_file():
        log.error(
            Origin(display, 0, 0),
            f"this folder has no {MANIFEST} — a mod is a folder with a {MANIFEST} (id, name, version) beside its "
            "rules files; add one",
        )
        return None
    file = read_yaml_file(path, f"{display}/{MANIFEST}")
    log.items.extend(file.problems)
    if file.root is None:
        return None
    entry = Entry("mod", file.root.origin, log)
    entry.label = MANIFEST
    if not isinstance(file.root, YMap):
        log.error(
            file.root.origin, f"{MANIFEST} should be a mapping with `id:`, `name:` and `version:`, not {describe(file.root)}"
        )
        return None
    f = Fields(file.root, entry)
    mod_id = f.ident()
    name = f.text("name", required=True)
    version = f.text("version", required=True)
    requires = f.word_list("requires")
    incompatible = f.word_list("incompatible")
    description = f.text("description")
    author = f.text("author")
    f.finish()
    if mod_id is None:
        return None
    for key, ids in (("requires", requires), ("incompatible", incompatible)):
        if mod_id in ids:
            log.error(
                entry.at.get(f"{key}[{ids.index(mod_id)}]", file.root.origin),
                f"mod '{mod_id}' lists itself in '{key}' — remove it",
            )
    return Manifest(
        id=mod_id,
        name=name or mod_id,
        version=version,
        requires=tuple(r for r in requires if r != mod_id),
        incompatible=tuple(i for i in incompatible if i != mod_id),
        description=description,
        author=author,
        origin=file.root.origin,
        at=dict(entry.at),
    )
