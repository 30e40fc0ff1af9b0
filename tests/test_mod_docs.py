"""The generated reference cannot drift: docs/MODDING.md and the JSON Schemas are exactly
what the code generates, the format table lists exactly the keys the readers read, the
schema accepts every real rules file, and the tutorial's mod works as the tutorial says."""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import re
import shutil
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.commands import diff as diff_command
from game.commands import docs as docs_command
from game.commands import schema as schema_command
from game.modding.editor_schema import manifest_schema, rules_schema
from game.modding.reference import MODDING_MD, generated_files, modding_md
from game.ruleset import BASE_RULES_DIR, load_ruleset, model
from game.ruleset.fields import Fields
from game.ruleset.format import BOT_WEIGHTS, KINDS, SETTING_LIMIT, SETTINGS, FieldSpec
from game.ruleset.manifest import MANIFEST_FIELDS
from game.ruleset.mods import PROJECT_MODS_DIR
from game.ruleset.report import validate_command
from game.ruleset.schema import _SETTING_BOUNDS, SETTING_NAMES
from game.ruleset.vocabulary import CONDITIONS, EFFECTS, MODIFIERS
from game.ruleset.yamlpos import parse_yaml, plain

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"
EXAMPLE_MODS = sorted(p for p in PROJECT_MODS_DIR.iterdir() if (p / "mod.yaml").is_file())


# --- generated files ----------------------------------------------------------------------


def test_committed_docs_are_what_the_code_generates() -> None:
    for path, text in generated_files().items():
        assert path.is_file(), f"{path} is missing — run `python -m game docs`"
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale — run `python -m game docs`"


def test_docs_are_deterministic() -> None:
    assert modding_md() == modding_md()


def test_docs_check_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert docs_command.run(argparse.Namespace(check=True)) == 0
    assert "up to date" in capsys.readouterr().err


def test_reference_names_every_term_and_field() -> None:
    text = MODDING_MD.read_text(encoding="utf-8")
    for name in EFFECTS:
        assert f"#### `{name}`" in text
    for name in CONDITIONS:
        assert f"#### `{name}`" in text
    for name in MODIFIERS:
        assert f"#### `on: {name}`" in text
    for kind, spec in KINDS.items():
        assert f"### `{kind}`" in text
        for key in spec.fields:
            assert f"| `{key}` |" in text, (kind, key)
    for key in SETTINGS:
        assert f"| `{key}` |" in text
    for name in BOT_WEIGHTS:
        assert f"| `{name}` |" in text
    assert text.index("## Your first mod in ten minutes") < text.index("## Reference")


# --- the format table matches the readers -------------------------------------------------------


def keys_read(monkeypatch: pytest.MonkeyPatch, folders: list[Path]) -> dict[tuple[str, str], set[str]]:
    """(kind, path of the mapping) -> keys the readers asked for, over the given rules."""
    seen: dict[tuple[str, str], set[str]] = {}
    finish = Fields.finish

    def spy(self: Fields) -> None:
        if not self.where.startswith("option "):  # `choose_one` options are vocabulary, not fields
            path = re.sub(r"\[\d+\]", "[]", self.path)
            seen.setdefault((self.entry.kind, path), set()).update(self.known)
        finish(self)

    monkeypatch.setattr(Fields, "finish", spy)
    for folder in folders:
        assert load_ruleset([folder]).ruleset is not None
    return seen


def table_keys() -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}

    def walk(kind: str, path: str, fields: dict[str, FieldSpec]) -> None:
        out[(kind, path)] = set(fields)
        for name, spec in fields.items():
            # a scenario's `settings:` is read like the top-level one, key by key against SETTINGS
            if spec.fields and name != "settings":
                walk(kind, f"{path}{name}[]." if spec.type == "objects" else f"{path}{name}.", spec.fields)

    for kind, spec in KINDS.items():
        walk(kind, "", spec.fields)
    return out


def test_format_table_lists_exactly_the_keys_the_readers_read(monkeypatch: pytest.MonkeyPatch) -> None:
    read = keys_read(monkeypatch, [BASE_RULES_DIR, MINI])
    table = table_keys()
    assert set(read) == set(table)
    for where, keys in read.items():
        assert keys == table[where], where


def test_format_defaults_match_the_model() -> None:
    classes = {
        "countries": model.Country, "spaces": model.Space, "gateways": model.Gateway, "corridors": model.Corridor,
        "tracks": model.Track, "factions": model.Faction, "cards": model.Card, "events": model.WorldEvent,
        "crises": model.Crisis, "scenarios": model.Scenario,
    }  # fmt: skip
    for kind, cls in classes.items():
        defaults = {
            f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING and f.name != "origin"
        }
        for name, spec in KINDS[kind].fields.items():
            if name in defaults and spec.default is not None and not isinstance(spec.default, list | dict):
                assert spec.default == defaults[name], (kind, name)
    settings = model.Settings()
    assert list(SETTINGS) == list(SETTING_NAMES)
    for name, spec in SETTINGS.items():
        assert spec.default == getattr(settings, name), name
        assert (spec.lo, spec.hi) == _SETTING_BOUNDS.get(name, (0, SETTING_LIMIT)), name


# --- the JSON Schema --------------------------------------------------------------------------


def yaml_data(path: Path) -> Any:
    root, problems = parse_yaml(path.read_bytes(), str(path))
    assert root is not None and not problems, problems
    return plain(root)


def rules_files() -> list[Path]:
    files = sorted(BASE_RULES_DIR.glob("*.yaml"))
    for mod in EXAMPLE_MODS:
        files += sorted(p for p in mod.rglob("*.yaml") if p.name != "mod.yaml")
    return files


def test_schemas_are_valid_draft_7() -> None:
    jsonschema.Draft7Validator.check_schema(rules_schema())
    jsonschema.Draft7Validator.check_schema(manifest_schema())


@pytest.mark.parametrize("path", rules_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_schema_accepts_every_rules_file(path: Path) -> None:
    errors = list(jsonschema.Draft7Validator(rules_schema()).iter_errors(yaml_data(path)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message[:200]}" for e in errors[:5]]


@pytest.mark.parametrize("mod", EXAMPLE_MODS, ids=lambda p: p.name)
def test_schema_accepts_every_manifest(mod: Path) -> None:
    jsonschema.validate(yaml_data(mod / "mod.yaml"), manifest_schema(), cls=jsonschema.Draft7Validator)


def test_the_schema_can_fail() -> None:
    validator = jsonschema.Draft7Validator(rules_schema())
    bad = {
        "cards": [
            {"id": "x", "cots": 1},
            {"id": "y", "event": [{"add_influense": {}}]},
            {"id": "z", "event": [{"change_track": {"track": "tension"}}]},  # `by` is required
        ],
        "factions": [{"id": "f", "abilities": [{"id": "a", "name": "A", "text": "A", "modifier": {"on": "incom"}}]}],
        "settings": {"action_round": 2},
    }
    paths = sorted({tuple(e.absolute_path)[:3] for e in validator.iter_errors(bad)})
    assert paths == [
        ("cards", 0),
        ("cards", 1, "event"),
        ("cards", 2, "event"),
        ("factions", 0, "abilities"),
        ("settings",),
    ]


def test_schema_takes_null_where_validate_reads_it_as_not_given(tmp_path: Path) -> None:
    validator = jsonschema.Draft7Validator(rules_schema())
    card = {"id": "kant-air-base", "faction": None, "flavour": None, "source": None, "hypothetical": None}
    faction = {"id": "india", "balance_bonus": None, "bot": {"tension": None}, "scoring": {"per_balanced": None}}
    assert not list(validator.iter_errors({"cards": [card], "factions": [faction]}))
    mod = tmp_path / "nulls"
    mod.mkdir()
    (mod / "mod.yaml").write_text("id: nulls\nname: Nulls\nversion: 1\nauthor: null\n", encoding="utf-8")
    (mod / "cards.yaml").write_text(
        "cards:\n  - id: kant-air-base\n    flavour: null\n    source: null\n    hypothetical: null\n", encoding="utf-8"
    )
    assert load_ruleset(mods=[mod]).ruleset is not None
    # a required key, a setting and a parameter with a default may not be empty, in either
    for bad in (
        {"cards": [{"id": "x", "cost": None}]},
        {"settings": {"action_rounds": None}},
        {"cards": [{"id": "x", "event": [{"gain_vp": {"faction": None, "amount": 1}}]}]},
    ):
        assert list(validator.iter_errors(bad)), bad


def test_schema_has_descriptions() -> None:
    schema = rules_schema()
    card = schema["properties"]["cards"]["items"]
    assert "Capital paid to play it." in card["properties"]["cost"]["description"]
    effects = schema["definitions"]["effect"]["properties"]
    assert set(effects) == set(EFFECTS)
    assert all(e["description"] for e in effects.values())
    modifier = schema["definitions"]["modifier"]
    assert modifier["properties"]["on"]["enum"] == list(MODIFIERS)
    assert [h["if"]["properties"]["on"]["const"] for h in modifier["allOf"]] == list(MODIFIERS)
    assert all(h["then"]["description"] for h in modifier["allOf"])


def test_schema_command_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "rules.schema.json"
    assert schema_command.run(argparse.Namespace(manifest=False, output=str(out))) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == rules_schema()
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        assert schema_command.run(argparse.Namespace(manifest=True, output=None)) == 0
    assert json.loads(buffer.getvalue()) == manifest_schema()


def test_manifest_fields_are_in_the_manifest_schema() -> None:
    assert set(manifest_schema()["properties"]) == set(MANIFEST_FIELDS)


# --- the tutorial works as written ------------------------------------------------------------------


def tutorial_files() -> dict[str, str]:
    text = MODDING_MD.read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"<!-- file: (\S+) -->\n```\w+\n(.*?)```", text, re.S)}


def tutorial_output(command: str, n: int = 0) -> list[str]:
    """The lines the tutorial shows after the n-th `$ python -m game <command>`."""
    text = MODDING_MD.read_text(encoding="utf-8")
    blocks = re.findall(r"```text\n\$ python -m game (.*?)\n(.*?)```", text, re.S)
    return [body.splitlines() for cmd, body in blocks if cmd == command][n]


@pytest.fixture
def tutorial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path / "data"))
    shutil.copytree(BASE_RULES_DIR, tmp_path / "rules" / "base")  # so problems show `rules/base/…` as in the docs
    files = tutorial_files()
    assert set(files) == {"mods/my-first-mod/mod.yaml", "mods/my-first-mod/cards.yaml"}
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


def test_tutorial_mod_validates(tutorial: Path) -> None:
    out = io.StringIO()
    assert validate_command("rules/base", as_json=False, out=out, mods=["mods/my-first-mod"]) == 0
    line = out.getvalue().splitlines()[-1]  # the summary comes last, after each language's coverage
    shown = tutorial_output("validate --mod mods/my-first-mod")[0]
    assert line.startswith(shown.split(" …")[0]) and line.endswith("— no problems")


def test_tutorial_typo_gives_the_line_it_shows(tutorial: Path) -> None:
    cards = tutorial / "mods/my-first-mod/cards.yaml"
    cards.write_text(cards.read_text(encoding="utf-8").replace("    cost: 0", "    cots: 0"), encoding="utf-8")
    out = io.StringIO()
    assert validate_command("rules/base", as_json=False, out=out, mods=["mods/my-first-mod"]) == 2
    shown = [line for line in tutorial_output("validate --mod mods/my-first-mod", 1) if line.startswith("mods/")]
    assert out.getvalue().splitlines()[:-1] == shown


def test_tutorial_diff_is_what_diff_prints(tutorial: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(mod=["mods/my-first-mod"], rules="rules/base", json=False)
    assert diff_command.run(args) == 0
    printed = capsys.readouterr().out.splitlines()
    shown = tutorial_output("diff --mod mods/my-first-mod")
    assert printed[1:] == shown[1:]
    assert printed[0].startswith("Changes of mod 'my-first-mod' 0.1.0 against")
