"""Compiles the bots' and the engine's hot modules (`game.native.COMPILED`) with mypyc, when it can.

Everything else about the package is in pyproject.toml. The extensions are optional: with no
C compiler, or mypyc failing on them, the install goes on and the game runs its Python source
(game/native.py decides at import, and `python -m game bench` says which). COG_PURE_PYTHON=1
at install compiles nothing.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from game.native import COMPILED, PURE_ENV, RECORD, digest, source_of  # noqa: E402

sys.path.pop(0)


class BuildNative(build_ext):
    """build_ext that records what it compiled (game/native_build.json) once all of it is built,
    and forgets an earlier build's record first, so a failed build is never taken for one."""

    def run(self) -> None:
        record = Path(self.get_ext_fullpath("game.native")).parent / RECORD  # beside the builds
        record.unlink(missing_ok=True)
        super().run()
        built = [Path(self.get_ext_fullpath(m)) for m in COMPILED]
        if all(p.exists() for p in built):
            record.parent.mkdir(parents=True, exist_ok=True)
            sources = {m: digest(source_of(m)) for m in COMPILED}
            record.write_text(json.dumps({"sources": sources}, indent=1) + "\n", encoding="utf-8")
        else:
            print("mypyc: not every module compiled; the game will run its Python source")


def native_extensions() -> list:
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return []
    try:
        from mypyc.build import mypycify

        extensions = mypycify([str(source_of(m).relative_to(HERE)) for m in COMPILED], opt_level="3")
    except (Exception, SystemExit) as e:  # mypyc exits on a type error: the game still runs its source
        print(f"mypyc: not compiling ({e}); the game will run its Python source")
        return []
    for ext in extensions:
        ext.optional = True  # a compiler error skips it (and BuildNative then records nothing)
    return extensions


setup(ext_modules=native_extensions(), cmdclass={"build_ext": BuildNative})
