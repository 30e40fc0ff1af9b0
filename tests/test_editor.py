"""The editor works as the README says: the real yaml-language-server (what VS Code's
YAML extension runs), driven over its protocol against `docs/schema/`, finds nothing
wrong in any shipped rules or mod file, underlines each broken mod file of
`tests/fixtures/broken-mods/` on the line `validate` names, and completes every effect
verb and every modifier hook.

The server is set up with the README's own `settings.json` snippet (and, for one test,
with nothing but the README's modelines). Without node or the server (`.ci/run` installs
it with npm) every test here is skipped, with the reason printed.

The corpus holds only mistakes the schema can see. Whether an id exists, adjacency goes
both ways or a flag is ever raised needs the whole ruleset, which is `validate`'s job.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from yaml_ls import LanguageServer, find_server

from game.ruleset import load_ruleset
from game.ruleset.vocabulary import EFFECTS, MODIFIERS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CORPUS = Path(__file__).parent / "fixtures" / "broken-mods"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
MANIFEST = "id: broken\nname: Broken\nversion: 1.0.0\n"
SHIPPED = [
    *sorted((ROOT / "rules" / "base").glob("*.yaml")),
    *sorted(p for p in (ROOT / "mods").glob("*/*.yaml")),
]


def readme_settings() -> dict[str, list[str]]:
    """The `yaml.schemas` of the README's settings.json snippet."""
    (block,) = re.findall(r"```json\n(.*?)```", README, re.S)
    schemas: dict[str, list[str]] = json.loads(block)["yaml.schemas"]
    return schemas


def readme_modelines() -> list[str]:
    return re.findall(r"^ *(# yaml-language-server: \$schema=\S+)$", README, re.M)


SAID: set[str] = set()
"""Reasons to skip already printed."""


def start(request: pytest.FixtureRequest, schemas: dict[str, list[str]]) -> Iterator[LanguageServer]:
    command, why_not = find_server()
    if command is None:
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        if reporter is not None and capture is not None and why_not not in SAID:
            SAID.add(why_not)
            with capture.global_and_fixture_disabled():  # printed even without -rs
                reporter.write_line(f"\ntests/test_editor.py skipped: {why_not}")
        pytest.skip(why_not)
    server = LanguageServer(command, ROOT, schemas)
    yield server
    server.close()


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest) -> Iterator[LanguageServer]:
    """One server for the module, configured as the README's settings.json says."""
    for server in start(request, readme_settings()):
        # the schema is in use (else "no diagnostic" would prove nothing)
        found = server.diagnostics((ROOT / "rules" / "base" / "cards.yaml").as_uri(), "card: []\n")
        assert [d["message"] for d in found] == ["Property card is not allowed."]
        yield server


def lines(diagnostics: list[dict]) -> set[int]:
    """The 1-based lines the diagnostics start on."""
    return {d["range"]["start"]["line"] + 1 for d in diagnostics}


def shown(diagnostics: list[dict]) -> list[str]:
    return [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in diagnostics]


# --- every shipped file is clean ----------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(server: LanguageServer) -> dict[str, list[dict]]:
    return server.diagnostics_of({path.as_uri(): path.read_text(encoding="utf-8") for path in SHIPPED})


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_file_has_no_diagnostic(shipped: dict[str, list[dict]], path: Path) -> None:
    found = shipped[path.as_uri()]
    assert found == [], shown(found)


# --- every broken file is underlined where validate says ------------------------------------


def test_the_corpus_has_at_least_20_broken_mod_files() -> None:
    assert len(CASES) >= 20


def broken_file(case: str) -> Path:
    (path,) = (CORPUS / case).iterdir()
    return path


def editor_uri(case: str) -> str:
    """Where the README's settings put a mod's file (the server reads the text sent, not the disk)."""
    return (ROOT / "mods" / case / broken_file(case).name).as_uri()


@pytest.fixture(scope="module")
def corpus(server: LanguageServer) -> dict[str, list[dict]]:
    return server.diagnostics_of({editor_uri(case): broken_file(case).read_text(encoding="utf-8") for case in CASES})


def validate_lines(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """The lines `validate` names in the broken file."""
    broken = broken_file(case)
    mod = tmp_path / "mods" / "broken"
    mod.mkdir(parents=True)
    (mod / "mod.yaml").write_text(MANIFEST, encoding="utf-8")
    shutil.copy(broken, mod / broken.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path / "data"))
    problems = load_ruleset(mods=[Path("mods/broken")]).problems
    named = {p.line for p in problems if p.is_error and p.file == f"mods/broken/{broken.name}"}
    assert named, f"validate finds nothing wrong in {case}: {[str(p) for p in problems]}"
    return named


@pytest.mark.parametrize("case", CASES)
def test_broken_file_is_underlined_on_the_line_validate_names(
    corpus: dict[str, list[dict]], case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = validate_lines(case, tmp_path, monkeypatch)
    found = corpus[editor_uri(case)]
    assert named <= lines(found), f"validate names lines {sorted(named)}; the editor says {shown(found)}"


def test_the_line_check_can_fail(server: LanguageServer) -> None:
    """A file the editor finds nothing wrong in has no diagnostic to match a line."""
    text = "cards:\n  - id: kant-air-base\n    cost: 0\n"
    assert lines(server.diagnostics((ROOT / "mods" / "broken" / "cards.yaml").as_uri(), text)) == set()


ACCEPTED = {
    "cards.yaml": "cards:\n  - id: kant-air-base\n    cost: 1.0\n    faction: null\n    flavour:\n    source: null\n"
    "    hypothetical: null\n    event:\n      - add_influence: {domain: security, amount: 2.0, where: {tag: capital}}\n",
    "factions.yaml": "factions:\n  - id: india\n    bot: {vp: 2, tension: null}\n    balance_bonus: null\n"
    "    scoring: {per_balanced: null}\n",
    "mod.yaml": MANIFEST + "author: null\ndescription:\n",
}


def test_what_validate_accepts_the_editor_does_not_underline(
    server: LanguageServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`null` for an optional key (it goes back to its default) and `1.0` for a whole number."""
    mod = tmp_path / "mods" / "accepted"
    mod.mkdir(parents=True)
    for name, text in ACCEPTED.items():
        (mod / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path / "data"))
    result = load_ruleset(mods=[Path("mods/accepted")])
    assert result.ruleset is not None, [str(p) for p in result.problems]
    found = server.diagnostics_of({(ROOT / "mods" / "accepted" / name).as_uri(): text for name, text in ACCEPTED.items()})
    assert all(d == [] for d in found.values()), {uri: shown(d) for uri, d in found.items()}


# --- completion ------------------------------------------------------------------------------

CARD = "cards:\n  - id: kant-air-base\n    event:\n"
ABILITY = "factions:\n  - id: india\n    abilities:\n      - id: a\n        name: A\n        text: A.\n        modifier:\n"


def complete(server: LanguageServer, text: str) -> list[dict]:
    """Completion at the end of `text` (its last line, without a newline)."""
    last = text.splitlines()[-1]
    uri = (ROOT / "mods" / "broken" / "cards.yaml").as_uri()
    return server.completion(uri, text + "\n", len(text.splitlines()) - 1, len(last))


@pytest.mark.parametrize("typed", ["- a", "- add_", "- d", "- "])
def test_completion_offers_every_effect_verb(server: LanguageServer, typed: str) -> None:
    items = complete(server, CARD + "      " + typed)
    assert sorted(item["label"] for item in items) == sorted(EFFECTS)


@pytest.mark.parametrize("typed", ["on: ", "on: i"])
def test_completion_offers_every_modifier_hook(server: LanguageServer, typed: str) -> None:
    items = complete(server, ABILITY + "          " + typed)
    assert sorted(item["label"] for item in items) == sorted(MODIFIERS)


def test_a_verb_snippet_has_every_required_parameter(server: LanguageServer) -> None:
    items = {item["label"]: item["insertText"] for item in complete(server, CARD + "      - a")}
    for verb, term in EFFECTS.items():
        for key, param in term.params.items():
            if param.required and term.scalar is None:
                assert f"{key}:" in items[verb], (verb, key, items[verb])


# --- the README's modelines work without any setting ---------------------------------------


@pytest.fixture(scope="module")
def bare_server(request: pytest.FixtureRequest) -> Iterator[LanguageServer]:
    yield from start(request, {})


@pytest.mark.parametrize("folder", ["rules/base", "mods/some-mod"])
def test_readme_modelines_resolve_from_the_rules_and_a_mod_folder(bare_server: LanguageServer, folder: str) -> None:
    modelines = {line.rsplit("/", 1)[1].split(".")[0]: line for line in readme_modelines()}
    assert set(modelines) == {"rules", "mod"}
    rules = bare_server.diagnostics((ROOT / folder / "cards.yaml").as_uri(), modelines["rules"] + "\ncard: []\n")
    assert any("card" in d["message"] for d in rules), shown(rules)
    manifest = bare_server.diagnostics((ROOT / folder / "mod.yaml").as_uri(), modelines["mod"] + "\nid: x\nverison: 1\n")
    assert any("verison" in d["message"] for d in manifest), shown(manifest)
    # without a modeline or a setting the server knows no schema, so the checks above can fail
    assert bare_server.diagnostics((ROOT / folder / "cards.yaml").as_uri(), "card: []\n") == []
