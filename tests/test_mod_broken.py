"""Broken mods: every kind of mistake is a sentence at its `file:line:column`, exit 2, no
traceback, in well under ten seconds — hostile files included.

Each case is a small mod in `tmp/mods/broken` laid over the base rules (or a set of
mods for the load-order faults), checked with the `validate` command in-process; a few
cases also go through `python -m game` in a subprocess.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from game.ruleset import load_ruleset
from game.ruleset.report import validate_command

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = "id: broken\nname: Broken\nversion: 1.0.0\n"
GOOD_CARD = (
    "  - id: {id}\n    name: A card\n    faction: {faction}\n    type: trade\n    cost: 1\n    ops: 2\n"
    "    event: []\n"
)
DEEP = "cards: " + "[" * 200 + "]" * 200 + "\n"
BOMB = "".join(
    [
        "a: &a [x, x, x, x, x, x, x, x, x]\n",
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
        "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    ]
)


@dataclass
class Case:
    files: dict[str, str | bytes]
    """Files of mods/broken (mod.yaml is added unless given); other mods as `other/...`."""
    where: str
    """`file:line:column` of the expected problem, or a regular expression matching it."""
    words: tuple[str, ...]
    mods: tuple[str, ...] = ("mods/broken",)
    extra: dict[str, str] = field(default_factory=dict)


CASES: dict[str, Case] = {
    # --- hostile or absurd input (issue item 3) ------------------------------------------
    "python-object-tag": Case(
        {"cards.yaml": "cards: !!python/object/apply:os.system ['echo hacked > hacked.txt']\n"},
        "mods/broken/cards.yaml:1:8",
        ("Python object", "may not run code"),
    ),
    "alias-bomb": Case({"cards.yaml": BOMB}, "mods/broken/cards.yaml:2:8", ("alias", "anchors and aliases")),
    "deep-nesting": Case({"cards.yaml": DEEP}, "mods/broken/cards.yaml:1:57", ("nests more than 50 levels",)),
    "multi-megabyte-file": Case(
        {"cards.yaml": "# padding\n" * 300_000}, "mods/broken/cards.yaml:1:1", ("2.9 MB", "at most 2 MB")
    ),
    "binary-file": Case({"cards.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "mods/broken/cards.yaml:1:1", ("binary file",)),
    "not-utf8": Case({"cards.yaml": "cards:\n  - id: caf\xe9\n".encode("latin-1")}, "mods/broken/cards.yaml:2:12",
                     ("not valid UTF-8", "0xe9")),  # fmt: skip
    "empty-file": Case({"cards.yaml": "# nothing yet\n"}, "mods/broken/cards.yaml:1:1", ("the file is empty",)),
    "syntax-error": Case({"cards.yaml": "cards: [\n  - id: x\n"}, "mods/broken/cards.yaml:2:3", ("YAML syntax error",)),
    "tab-indentation": Case({"cards.yaml": "cards:\n\t- id: x\n"}, "mods/broken/cards.yaml:2:1", ("tab character",)),
    "second-document": Case(
        {"cards.yaml": "remove: [kant-air-base]\n---\nremove: []\n"}, "mods/broken/cards.yaml:2:1", ("second YAML document",)
    ),
    "unrecognised-content": Case(
        {"cards.yaml": "- id: x\n  name: X\n"}, "mods/broken/cards.yaml:1:1", ("top level of a rules file should be a mapping",)
    ),
    # --- typos in keys and ids --------------------------------------------------------------
    "top-level-key-typo": Case({"cards.yaml": "card:\n  - id: x\n"}, "mods/broken/cards.yaml:1:1",
                               ("unknown top-level key 'card'", "did you mean 'cards'?")),  # fmt: skip
    "entry-key-typo": Case({"cards.yaml": "cards:\n  - id: kant-air-base\n    cots: 0\n"}, "mods/broken/cards.yaml:3:5",
                           ("unknown key 'cots'", "did you mean 'cost'?")),  # fmt: skip
    "faction-id-typo": Case(
        {"cards.yaml": "cards:\n" + GOOD_CARD.format(id="x", faction="rusia")},
        "mods/broken/cards.yaml:4:14",
        ("unknown faction 'rusia'", "did you mean 'russia'?"),
    ),
    "effect-name-typo": Case(
        {"cards.yaml": "cards:\n  - id: kant-air-base\n    event:\n      - add_influense: {domain: trade, where: {tag: capital}}\n"},
        "mods/broken/cards.yaml:4:9",
        ("unknown effect 'add_influense'", "did you mean 'add_influence'?"),
    ),
    "condition-typo": Case(
        {"cards.yaml": "cards:\n  - id: kant-air-base\n    event:\n      - add_influence: {domain: trade, where: {tags: capital}}\n"},
        "mods/broken/cards.yaml:4:48",
        ("unknown condition 'tags'", "did you mean 'tag'?"),
    ),
    "modifier-hook-typo": Case(
        {"factions.yaml": "factions:\n  - id: india\n    abilities:\n      - id: a\n        name: A\n        text: A.\n"
                          "        modifier: {on: incom, capital: 1}\n"},
        "mods/broken/factions.yaml:7:24",
        ("unknown modifier hook 'incom'", "did you mean 'income'?"),
    ),  # fmt: skip
    "tag-typo": Case(
        {"cards.yaml": "cards:\n  - id: kant-air-base\n    event:\n      - add_influence: {domain: trade, where: {tag: captial}}\n"},
        "mods/broken/cards.yaml:4:53",
        ("no space has the tag 'captial'", "did you mean 'capital'?"),
    ),
    # --- wrong types and values -------------------------------------------------------------
    "wrong-type": Case({"cards.yaml": "cards:\n  - id: kant-air-base\n    cost: two\n"}, "mods/broken/cards.yaml:3:11",
                       ("'cost' in card 'kant-air-base'", "whole number", "not the text 'two'")),  # fmt: skip
    "wrong-type-in-merged-mapping": Case(
        {"factions.yaml": "factions:\n  - id: india\n    scoring: {per_dominated: lots}\n"},
        "mods/broken/factions.yaml:3:30",
        ("'per_dominated'", "whole number"),
    ),
    "missing-required-key-in-new-entry": Case(
        {"cards.yaml": "cards:\n  - id: brand-new-card\n    name: New\n    type: trade\n    cost: 1\n    event: []\n"},
        "mods/broken/cards.yaml:2:5",
        ("missing 'ops' in card 'brand-new-card'",),
    ),
    "misspelt-id-of-a-change": Case(
        {"cards.yaml": "cards:\n  - id: kant-air-bas\n    cost: 0\n"},
        "mods/broken/cards.yaml:2:9",
        ("no earlier card has the id 'kant-air-bas'", "did you mean 'kant-air-base', to change it?"),
    ),
    "bot-weight-typo": Case(
        {"factions.yaml": "factions:\n  - id: india\n    bot: {vpp: 2.0, tenson: -5}\n"},
        "mods/broken/factions.yaml:3:11",
        ("unknown bot weight 'vpp' in faction 'india'", "did you mean 'vp'?"),
    ),
    "duplicate-key": Case({"cards.yaml": "cards:\n  - id: kant-air-base\n    cost: 1\n    cost: 2\n"},
                          "mods/broken/cards.yaml:4:5", ("duplicate key 'cost'",)),  # fmt: skip
    # --- references ---------------------------------------------------------------------------
    "dangling-reference": Case(
        {"scenarios.yaml": "scenarios:\n  - id: seminar\n    factions: [russia, turkiye, iran, india, kazakhstan, mongolia]\n"},
        "mods/broken/scenarios.yaml:3:58",
        ("unknown faction 'mongolia'",),
    ),
    "reference-to-removed-entry": Case(
        {"map.yaml": "remove: [khorog]\n"},
        r".*rules/base/map\.yaml:\d+:\d+",
        ("uses the space or gateway 'khorog', which is removed by mod 'broken' at mods/broken/map.yaml:1:10",),
    ),
    "remove-unknown-id": Case({"rules.yaml": "remove: [kant-air-bas]\n"}, "mods/broken/rules.yaml:1:10",
                              ("cannot remove 'kant-air-bas'", "did you mean 'kant-air-base'?")),  # fmt: skip
    "duplicate-id-within-a-mod": Case(
        {"a.yaml": "cards:\n" + GOOD_CARD.format(id="twin", faction="india"),
         "b.yaml": "cards:\n" + GOOD_CARD.format(id="twin", faction="india")},
        "mods/broken/b.yaml:2:9",
        ("duplicate card id 'twin'", "already defined at mods/broken/a.yaml:2:5"),
    ),  # fmt: skip
    "space-and-gateway-clash": Case(
        {"map.yaml": "gateways:\n  - id: osh\n    name: Osh gate\n    adjacent: [bishkek]\n"},
        "mods/broken/map.yaml:2:9",
        ("already used by the space at", "rules/base/map.yaml:"),
    ),
    "one-sided-adjacency": Case(
        {"map.yaml": "spaces:\n  - id: osh\n    adjacent: [bishkek, andijan, khujand, dushanbe, khorog, gw-china, tashkent]\n"},
        r".*rules/base/map\.yaml:\d+:\d+",
        ("does not list 'osh' as adjacent", "mods/broken/map.yaml:3:71"),
    ),
    # --- manifests and load order -----------------------------------------------------------
    "manifest-key-typo": Case({"mod.yaml": MANIFEST + "verison: 2\n"}, "mods/broken/mod.yaml:4:1",
                              ("unknown key 'verison'", "did you mean 'version'?")),  # fmt: skip
    "manifest-missing-name": Case({"mod.yaml": "id: broken\nversion: 1.0.0\n"}, "mods/broken/mod.yaml:1:1",
                                  ("missing 'name'",)),  # fmt: skip
    "manifest-bad-id": Case({"mod.yaml": "id: My Mod\nname: M\nversion: 1\n"}, "mods/broken/mod.yaml:1:5",
                            ("not a valid id",)),  # fmt: skip
    "manifest-requires-not-a-list": Case({"mod.yaml": MANIFEST + "requires: 42\n"}, "mods/broken/mod.yaml:4:11",
                                         ("'requires' in mod.yaml should be a list",)),  # fmt: skip
    "missing-requirement": Case({"mod.yaml": MANIFEST + "requires: [silk-roads-extra]\n"}, "mods/broken/mod.yaml:4:12",
                                ("requires mod 'silk-roads-extra'", "not installed")),  # fmt: skip
    "requirement-cycle": Case(
        {"mod.yaml": MANIFEST + "requires: [other]\n", "other/mod.yaml": "id: other\nname: O\nversion: 1\nrequires: [broken]\n"},
        "mods/other/mod.yaml:4:12",
        ("cycle", "'broken' → 'other' → 'broken'"),
        mods=("mods/broken", "mods/other"),
    ),
    "requires-itself": Case({"mod.yaml": MANIFEST + "requires: [broken]\n"}, "mods/broken/mod.yaml:4:12",
                            ("lists itself in 'requires'",)),  # fmt: skip
    "incompatible-mods": Case(
        {"mod.yaml": MANIFEST + "incompatible: [other]\n", "other/mod.yaml": "id: other\nname: O\nversion: 1\n"},
        "mods/broken/mod.yaml:4:16",
        ("incompatible with mod 'other'",),
        mods=("mods/broken", "mods/other"),
    ),
    "two-mods-one-id": Case(
        {"other/mod.yaml": MANIFEST},
        "mods/other/mod.yaml:1:5",
        ("two mods have the id 'broken'",),
        mods=("mods/broken", "mods/other"),
    ),
    "geometry-bad-polygon": Case(
        {"map.json": '{"version": 1, "spaces": {"baku": {"country": "x", "polygons": [[[[1, 2], [3, 4]]]], "label": [5, 6]}}}'},
        "mods/broken/map.json:1:66",
        ("has 2 points", "at least 3"),
    ),
    "geometry-not-json": Case({"map.json": '{"spaces": {,}}'}, "mods/broken/map.json:1:13", ("not valid JSON",)),
}


def at(line: str, where: str) -> bool:
    """Whether a problem line is at `where` (`file:line:column`, or a pattern of it)."""
    place = line.split(": ", 1)[0]
    return place == where or re.fullmatch(where, place) is not None


def make_mods(root: Path, case: Case) -> None:
    files = dict(case.files)
    files.setdefault("mod.yaml", MANIFEST)
    for name, content in files.items():
        path = root / "mods" / (name if name.startswith("other/") else f"broken/{name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path / "data"))  # no installed mods of the player's
    return tmp_path


def test_there_are_at_least_25_kinds_of_broken_mod() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", list(CASES))
def test_broken_mod_is_a_sentence_at_its_place(name: str, workdir: Path) -> None:
    case = CASES[name]
    make_mods(workdir, case)
    start = time.perf_counter()
    out, err = io.StringIO(), io.StringIO()
    status = validate_command(None, as_json=False, out=out, err=err, mods=list(case.mods))
    elapsed = time.perf_counter() - start
    text = out.getvalue() + err.getvalue()
    assert status == 2, text
    assert "Traceback" not in text
    assert elapsed < 10, f"{name} took {elapsed:.1f} s"
    lines = [line for line in out.getvalue().splitlines() if at(line, case.where)]
    assert lines, f"no problem at {case.where}:\n{text}"
    assert any(all(w in line for w in case.words) for line in lines), text
    assert not (workdir / "hacked.txt").exists()


def test_every_problem_of_a_mod_is_reported_in_one_pass(workdir: Path) -> None:
    make_mods(
        workdir,
        Case(
            {
                "mod.yaml": MANIFEST + "verison: 2\n",
                "cards.yaml": "cards:\n  - id: kant-air-base\n    cots: 0\n    type: trad\n",
                "map.yaml": "remove: [khorg]\n",
                "zz.yaml": b"\x00binary",
            },
            "",
            (),
        ),
    )
    result = load_ruleset(mods=["mods/broken"])
    shown = [str(p).split(": ")[0] for p in result.errors]
    assert shown == [
        "mods/broken/cards.yaml:3:5",
        "mods/broken/cards.yaml:4:11",
        "mods/broken/map.yaml:1:10",
        "mods/broken/zz.yaml:1:1",
        "mods/broken/mod.yaml:4:1",
    ]


def run_game(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COG_DATA_DIR": str(workdir / "data")}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=workdir, env=env, capture_output=True, text=True,
                          timeout=60)  # fmt: skip


@pytest.mark.parametrize("name", ["python-object-tag", "alias-bomb", "multi-megabyte-file", "requirement-cycle", "entry-key-typo"])
def test_broken_mod_through_the_command_line(name: str, workdir: Path) -> None:
    case = CASES[name]
    make_mods(workdir, case)
    mod_args = [a for m in case.mods for a in ("--mod", m)]
    start = time.perf_counter()
    run = run_game(workdir, "validate", *mod_args)
    assert time.perf_counter() - start < 10
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert any(at(line, case.where) and all(w in line for w in case.words) for line in run.stdout.splitlines()), run.stdout
    assert not (workdir / "hacked.txt").exists()


def test_simulate_refuses_a_broken_mod_without_playing(workdir: Path) -> None:
    make_mods(workdir, CASES["entry-key-typo"])
    run = run_game(workdir, "simulate", "--games", "1000", "--mod", "mods/broken")
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stdout == ""
    assert "mods/broken/cards.yaml:3:5: unknown key 'cots'" in run.stderr


def test_an_unknown_mod_is_a_sentence(workdir: Path) -> None:
    run = run_game(workdir, "validate", "--mod", "chinaa")
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert "chinaa: there is no mod folder or installed mod 'chinaa'" in run.stdout
    assert "did you mean" in run.stdout


def test_a_folder_without_a_manifest_is_a_problem(workdir: Path) -> None:
    (workdir / "loose").mkdir()
    (workdir / "loose" / "cards.yaml").write_text("remove: [kant-air-base]\n", encoding="utf-8")
    result = load_ruleset(mods=["loose"])
    assert result.ruleset is None
    assert str(result.errors[0]).startswith("loose: this folder has no mod.yaml")
