"""Reading YAML safely: every hostile or broken file is one clear problem, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.ruleset import load_ruleset
from game.ruleset.yamlpos import MAX_DEPTH, YMap, YScalar, parse_yaml, plain

MINI = Path(__file__).parent / "fixtures" / "mini"


def load_with_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | bytes) -> list[str]:
    """Load the mini rules plus one more file, `rules/zz.yaml`; the problems as text."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINI, tmp_path / "rules")
    extra = tmp_path / "rules" / "zz.yaml"
    extra.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = load_ruleset(["rules"])
    assert result.ruleset is None
    return [str(p) for p in result.problems]


def only_problem(problems: list[str], where: str, *words: str) -> str:
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.startswith(where + ": "), problem
    for word in words:
        assert word in problem, (word, problem)
    return problem


def test_values_keep_their_line_and_column() -> None:
    root, problems = parse_yaml(b"cards:\n  - id: a\n    cost:   2\n", "f.yaml")
    assert problems == []
    assert isinstance(root, YMap)
    card = root.get("cards").items[0]  # type: ignore[union-attr]
    cost = card.get("cost")
    assert isinstance(cost, YScalar)
    assert (cost.value, cost.origin.line, cost.origin.column) == (2, 3, 13)
    assert card.items["cost"].key.origin.column == 5


def test_only_true_and_false_are_booleans() -> None:
    # YAML 1.1 would read `on` as True, which would break every modifier (`on: income`).
    root, _ = parse_yaml(b"on: income\nflags: [yes, no, off, true, False]\nwhen: 2025-01-01\n", "f.yaml")
    assert root is not None
    assert plain(root) == {"on": "income", "flags": ["yes", "no", "off", True, False], "when": "2025-01-01"}


def test_syntax_error_is_reported_at_its_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = load_with_extra(tmp_path, monkeypatch, "remove: [a, b\nspaces: []\n")
    only_problem(problems, "rules/zz.yaml:2:7", "YAML syntax error", "flow sequence")


def test_tab_indentation_says_to_use_spaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = load_with_extra(tmp_path, monkeypatch, "settings:\n\tpass_capital: 1\n")
    only_problem(problems, "rules/zz.yaml:2:1", "tab character", "spaces only")


def test_duplicate_key_is_reported_at_the_second_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "settings:\n  pass_capital: 1\n  diplomacy_cost: 1\n  pass_capital: 2\n"
    problems = load_with_extra(tmp_path, monkeypatch, text)
    only_problem(problems, "rules/zz.yaml:4:3", "duplicate key 'pass_capital'", "first at line 2")


def test_python_object_tag_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "settings:\n  pass_capital: !!python/object/apply:os.system ['echo pwned']\n"
    problems = load_with_extra(tmp_path, monkeypatch, text)
    only_problem(problems, "rules/zz.yaml:2:17", "!!python/object/apply:os.system", "may not run code")


def test_other_tags_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = load_with_extra(tmp_path, monkeypatch, "remove: !!set {a, b}\n")
    only_problem(problems, "rules/zz.yaml:1:9", "tag '!!set' is not allowed")


def test_alias_bomb_is_refused_at_the_first_alias(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    problems = load_with_extra(tmp_path, monkeypatch, "\n".join(lines) + "\n")
    only_problem(problems, "rules/zz.yaml:2:8", "alias ('*a')", "anchors and aliases")


def test_deep_nesting_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(200))
    problems = load_with_extra(tmp_path, monkeypatch, text)
    # The top-level mapping is level 1; the value of k49 (written on line 51) is level 51.
    only_problem(problems, "rules/zz.yaml:51:101", f"more than {MAX_DEPTH} levels", "flatten")


def test_deep_flow_nesting_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    depth = 100_000
    problems = load_with_extra(tmp_path, monkeypatch, "remove: " + "[" * depth + "]" * depth + "\n")
    assert len(problems) == 1 and f"more than {MAX_DEPTH} levels" in problems[0], problems


def test_huge_file_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# " + "x" * 78 + "\n"
    problems = load_with_extra(tmp_path, monkeypatch, text * 30_000)  # 2.4 MB
    only_problem(problems, "rules/zz.yaml:1:1", "2.3 MB", "at most 2 MB", "split it")


def test_binary_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = load_with_extra(tmp_path, monkeypatch, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    only_problem(problems, "rules/zz.yaml:1:1", "binary file", "UTF-8")


def test_non_utf8_file_points_at_the_bad_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = load_with_extra(tmp_path, monkeypatch, "remove: []\n# Caf\xe9\n".encode("latin-1"))
    only_problem(problems, "rules/zz.yaml:2:6", "not valid UTF-8", "0xe9", "save it as UTF-8")


def test_control_character_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = load_with_extra(tmp_path, monkeypatch, "remove: [a\x07]\n")
    only_problem(problems, "rules/zz.yaml:1:11", "control character #x0007")


@pytest.mark.parametrize("content", ["", "# only a comment\n", "\n\n"])
def test_empty_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str) -> None:
    problems = load_with_extra(tmp_path, monkeypatch, content)
    only_problem(problems, "rules/zz.yaml:1:1", "the file is empty")


def test_top_level_must_be_a_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = load_with_extra(tmp_path, monkeypatch, "# a list by mistake\n- id: a\n- id: b\n")
    only_problem(problems, "rules/zz.yaml:2:1", "top level of a rules file should be a mapping", "not a list")


def test_second_document_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = load_with_extra(tmp_path, monkeypatch, "remove: []\n---\nremove: []\n")
    only_problem(problems, "rules/zz.yaml:2:1", "second YAML document")


def test_a_key_must_be_a_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = load_with_extra(tmp_path, monkeypatch, "? [a, b]\n: 1\n")
    assert any(p.startswith("rules/zz.yaml:1:3: a key must be a single word") for p in problems), problems


def test_missing_path_is_a_problem_not_an_exception(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = load_ruleset(["no-such-folder"])
    assert result.ruleset is None
    assert [str(p) for p in result.problems] == [
        "no-such-folder: there is no rules folder or file here — check the path"
    ]


def test_folder_without_rules_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not rules")
    result = load_ruleset(["empty"])
    assert result.ruleset is None
    assert len(result.problems) == 1 and "holds no rules files" in str(result.problems[0])
