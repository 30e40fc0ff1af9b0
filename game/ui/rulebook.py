"""The rules the window plays with: the base rules (or a `--rules` folder), the mods
found on disk, and each choice of mods loaded once — with its merged map.

Everything that starts a game (the demo, New game, Load, Continue, a fork, a replay)
asks `Rulebook.load(mods)` and hands the `Loaded` it gets — ruleset *and* map — to the
session, so a mod's `map.json` shapes are drawn wherever its rules are played. F5 calls
`reload()`: the next load reads every file again.

Loads may run on a worker thread (the menu preloads the rules behind its first frame);
a lock makes a second caller wait for the load in progress rather than repeat it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.i18n import _, language

if TYPE_CHECKING:
    from game.modding import AvailableMod
    from game.ruleset.model import Ruleset


@dataclass(frozen=True)
class Loaded:
    """One choice of mods, loaded: the ruleset (None if it has errors) and its map."""

    mods: tuple[str, ...]
    """The mods as asked for (folders or ids), in load order."""
    ruleset: Ruleset | None
    geometry: dict[str, Any] | None
    """The base map with the mods' `map.json` shapes laid over it (None: the base map)."""
    problems: tuple[str, ...] = ()
    """Errors and warnings as `file:line:column: message` lines."""
    mod_labels: tuple[str, ...] = field(default_factory=tuple)
    """`name version` of each mod loaded (requirements included)."""

    @property
    def ok(self) -> bool:
        return self.ruleset is not None


def save_mod_ids(recorded: object) -> list[str]:
    """The mod ids a save names (`peek(text)["mods"]`: entries like `id version`)."""
    if not isinstance(recorded, list):
        return []
    return [str(m).split()[0] for m in recorded if str(m).strip()]


class Rulebook:
    def __init__(self, rules_dir: str | None = None, start_mods: Sequence[str] = ()) -> None:
        self.rules_dir = rules_dir
        self.start_mods = tuple(start_mods)
        """Mods from the command line (`--mod`): the default choice for new games and the demo."""
        self._lock = threading.RLock()
        self._loaded: dict[tuple[str, ...], Loaded] = {}
        self._mods: list[AvailableMod] | None = None
        self._checked = False
        self.generation = 0
        """Counts reloads from disk (F5), so screens can tell their lists are stale."""

    # ----- loading ------------------------------------------------------------------------------
    def load(self, mods: Sequence[str | Path] | None = None) -> Loaded:
        """The rules with `mods` (default: the command line's) laid over them, loaded once."""
        key = tuple(str(m) for m in (self.start_mods if mods is None else mods))
        with self._lock:
            got = self._loaded.get((language(), *key))
            if got is None:
                got = self._loaded[(language(), *key)] = self._read(key)
            return got

    def _read(self, key: tuple[str, ...]) -> Loaded:
        from game.modding import load_with_mods, map_geometry, problem_line
        from game.ruleset.localize import localize_loaded

        try:
            result = load_with_mods(list(key), rules=self.rules_dir)
        except Exception as e:  # noqa: BLE001 — an unreadable rules folder is reported, not raised
            return Loaded(key, None, None, (_('the rules could not be read: {error}').format(error=e),))
        problems = tuple(problem_line(p) for p in result.problems)
        geometry = map_geometry(result) if result.ruleset is not None and result.mods else None
        labels = tuple(f"{m.manifest.name} {m.manifest.version}" if m.manifest else m.folder.name for m in result.mods)
        ruleset = result.ruleset
        if ruleset is not None:
            # names and texts in the reader's language; the rules (and the save identity) are the same
            ruleset = localize_loaded(ruleset, self.rules_dir, [m.folder for m in result.mods], language())
        return Loaded(key, ruleset, geometry, problems, labels)

    def cached(self, mods: Sequence[str | Path] | None = None) -> Loaded | None:
        key = tuple(str(m) for m in (self.start_mods if mods is None else mods))
        return self._loaded.get((language(), *key))

    # ----- the mods on disk -----------------------------------------------------------------------
    def mods(self, check: bool = True) -> list[AvailableMod]:
        """Every mod folder found, each checked over the rules (its problems listed)."""
        from game.modding import available_mods

        with self._lock:
            if self._mods is None or (check and not self._checked):
                self._mods = available_mods(check=check, rules=self.rules_dir)
                self._checked = check
            return list(self._mods)

    def mods_checked(self) -> bool:
        return self._mods is not None and self._checked

    def find_mods(self, ids: Sequence[str]) -> tuple[list[str], list[str]]:
        """The folders of the mods with these ids, and the ids not installed."""
        found = {m.id: m for m in self.mods(check=False)}
        folders, missing = [], []
        for mid in ids:
            if mid in found:
                folders.append(str(found[mid].folder))
            else:
                missing.append(mid)
        return folders, missing

    def reload(self) -> None:
        """Forget everything read: the next load reads the rules and mods from disk again."""
        with self._lock:
            self._loaded.clear()
            self._mods = None
            self._checked = False
            self.generation += 1
