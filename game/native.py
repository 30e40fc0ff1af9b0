"""Compiled or pure Python: the bots' and the engine's hot modules, compiled by mypyc when the
game is installed.

`pip install` compiles `COMPILED` to C extensions with mypyc (setup.py) when it can: the
same code, about twice as fast for the bots (`python -m game bench --bots`), and the same
games bit for bit, as the same IEEE operations run in the same order (a test compares the
two builds' games). If it cannot (no C compiler, or `COG_PURE_PYTHON=1` at install), the
game runs the Python source, as it always could.

A compiled module sits beside its source and Python would import it first, so an edit to the
source would do nothing until the next install. `choose()`, run as the package is imported,
prevents that: the compiled modules are used only if the build's record (`RECORD`, written
by setup.py after a build that compiled them all) names the source each was built from, by
its SHA-256, and every source still has it. Otherwise — a source edited or checked out since,
a build that failed, or `COG_PURE_PYTHON` set (the tests: tracing and patching need Python
frames) — all of them are imported from source: compiled modules call one another directly,
so half of them compiled would run old code. `status()` says which, and why.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

COMPILED = (
    "game.ai.evaluate", "game.ai.heuristic",
    "game.engine.game", "game.engine.state", "game.engine.frames", "game.engine.effects", "game.engine.conditions",
    "game.engine.scoring", "game.engine.tables", "game.engine.rng", "game.engine.determinize", "game.engine.context",
    "game.engine.actions",
)  # fmt: skip
"""The modules setup.py compiles: where `python -m game bench --bots` spends its time (the
bots' planner and evaluator, and the engine they play ahead with)."""
RECORD = "native_build.json"
"""Beside this file: the SHA-256 of each compiled module's source at build time."""
PURE_ENV = "COG_PURE_PYTHON"
"""Set (to anything but empty or 0), the game runs its Python source; at install, nothing is compiled."""

PACKAGE = Path(__file__).resolve().parent
_status = "not decided yet"


def source_of(module: str, package: Path = PACKAGE) -> Path:
    """The Python source of a module of this package (`game.ai.evaluate` → …/game/ai/evaluate.py)."""
    return package.joinpath(*module.split(".")[1:]).with_suffix(".py")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pure_requested() -> bool:
    return os.environ.get(PURE_ENV, "") not in ("", "0")


def _compiled_file(module: str, package: Path) -> Path | None:
    source = source_of(module, package)
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = source.with_name(source.stem + suffix)
        if candidate.exists():
            return candidate
    return None


def why_pure(package: Path = PACKAGE) -> str | None:
    """Why the Python source must run (None: the compiled modules are the source's)."""
    if pure_requested():
        return f"{PURE_ENV} is set"
    if not any(_compiled_file(m, package) for m in COMPILED):
        return "not compiled at install"
    try:
        built = json.loads((package / RECORD).read_text(encoding="utf-8"))["sources"]
    except (OSError, ValueError, KeyError, TypeError):
        return "the build left no record of what it compiled"
    for module in COMPILED:
        if _compiled_file(module, package) is None:
            return f"{module} was not compiled"
        source = source_of(module, package)
        if not isinstance(built, dict) or built.get(module) != digest(source):
            return f"{source.relative_to(package.parent)} changed since the build; pip install -e . compiles it again"
    return None


class _FromSource(importlib.abc.MetaPathFinder):
    """Finds the compiled modules' Python source before Python's finder finds their builds."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
                  ) -> importlib.machinery.ModuleSpec | None:  # fmt: skip
        if fullname not in COMPILED:
            return None
        return importlib.util.spec_from_file_location(fullname, source_of(fullname))


def choose() -> None:
    """Import the compiled modules from their source from now on, unless their build is the source's."""
    global _status
    reason = why_pure()
    if reason is None:
        _status = f"compiled by mypyc ({len(COMPILED)} modules)"
        return
    _status = f"as Python source: {reason}"
    if not any(isinstance(f, _FromSource) for f in sys.meta_path):
        sys.meta_path.insert(0, _FromSource())


def status() -> str:
    """Which the bots run, compiled or Python source, and why (for `bench` and the tests)."""
    return _status


def compiled_now() -> bool:
    """Whether the compiled modules imported so far are builds, not source (None imported: False)."""
    loaded = [sys.modules[m] for m in COMPILED if m in sys.modules]
    return bool(loaded) and all(not str(getattr(m, "__file__", "")).endswith(".py") for m in loaded)
