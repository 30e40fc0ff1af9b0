"""The layers (README, Architecture): commands and ui on top, then analysis, ai, the
engine, the rules. pyproject.toml states them as an import-linter contract; `lint-imports`
checks it in .ci/run, and these tests check it and show that it can fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the `game` package and pyproject.toml of `project` (first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=project, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The project's `game` package and pyproject.toml, copied to break them safely."""
    shutil.copytree(ROOT / "game", tmp_path / "game", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_the_layers() -> None:
    r = lint_imports(ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 kept, 0 broken" in r.stdout


def test_an_import_of_a_higher_layer_breaks_the_contract(copy: Path) -> None:
    """A check that cannot fail is a defect: the analysis importing the command line (as
    it once did, through lazy imports) is caught, and so is the engine importing the UI."""
    with open(copy / "game" / "analysis" / "simulate.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef _late() -> None:\n    from game.cli import main  # noqa: F401\n")
    with open(copy / "game" / "engine" / "rng.py", "a", encoding="utf-8") as f:
        f.write("\nimport game.ui.theme  # noqa: E402, F401\n")
    r = lint_imports(copy)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "BROKEN" in r.stdout and "0 kept, 1 broken" in r.stdout
    assert "game.analysis.simulate -> game.cli" in r.stdout
    assert "game.engine.rng -> game.ui.theme" in r.stdout


def test_a_module_outside_every_layer_breaks_the_contract(copy: Path) -> None:
    (copy / "game" / "newthing.py").write_text('"""Not placed in any layer yet."""\n', encoding="utf-8")
    r = lint_imports(copy)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "game.newthing" in r.stdout
