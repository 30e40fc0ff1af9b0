"""The architecture's promises (DESIGN §8): a pure engine, and content only in YAML."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from game.ruleset import load_ruleset

GAME = Path(__file__).resolve().parents[1] / "game"


def python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def content_ids() -> set[str]:
    rules = load_ruleset().ruleset
    assert rules is not None
    return {x.id for kind in (rules.factions, rules.countries, rules.spaces, rules.cards, rules.events) for x in kind}


def content_ids_in_python(folder: Path, ids: set[str]) -> list[str]:
    """Every place in the Python files under `folder` where one of `ids` appears as a
    whole word, as `path:line: 'id'`."""
    pattern = re.compile(r"(?<![A-Za-z0-9_-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![A-Za-z0-9_-])")
    found = []
    for path in python_files(folder):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in pattern.finditer(line):
                found.append(f"{path.relative_to(folder.parent)}:{n}: {m.group(1)!r}")
    return found


def test_no_content_id_appears_in_python():
    found = content_ids_in_python(GAME, content_ids())
    assert not found, "content ids belong in rules/, not in Python:\n" + "\n".join(found)


def test_the_id_check_can_fail(tmp_path):
    """The check above catches an id in code (a test that cannot fail is a defect), and
    only whole ids: a longer word that starts with one is not an id."""
    ids = content_ids()
    some_id = sorted(ids)[0]
    package = tmp_path / "game"
    (package / "engine").mkdir(parents=True)
    (package / "engine" / "fine.py").write_text(f"NAME = '{some_id}x'\nOTHER = 'x-{some_id}'\n", encoding="utf-8")
    assert content_ids_in_python(package, ids) == []
    (package / "engine" / "bad.py").write_text(f'"""A rule."""\n\nif faction == "{some_id}":\n    pass\n', encoding="utf-8")
    assert content_ids_in_python(package, ids) == [f"game/engine/bad.py:3: {some_id!r}"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_engine_imports_no_pygame_and_touches_no_files():
    for path in python_files(GAME / "engine"):
        mods = imported_modules(path)
        assert "pygame" not in mods, f"{path.name} imports pygame"
        assert not mods & {"os", "pathlib", "shutil", "io", "random", "time"}, f"{path.name} imports {mods}"
        source = path.read_text(encoding="utf-8")
        assert "open(" not in source, f"{path.name} opens a file"


def test_yaml_is_read_only_with_the_safe_loader():
    for path in python_files(GAME):
        source = path.read_text(encoding="utf-8")
        for bad in ("yaml.load(", "yaml.unsafe_load", "yaml.full_load", "FullLoader", "UnsafeLoader"):
            assert bad not in source, f"{path}: {bad}"
