"""Loading valid rules: the mini fixture, the base game, and what the typed result holds."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest

from game.analysis.bench import load_seconds
from game.engine import Game
from game.engine.saves import SaveError
from game.ruleset import BASE_RULES_DIR, LoadResult, load_ruleset
from game.ruleset.model import Origin, Ruleset
from game.ruleset.problems import Problem, did_you_mean, suggestion

MINI = Path(__file__).parent / "fixtures" / "mini"
GAME = Path(__file__).resolve().parents[1] / "game"


@pytest.fixture(scope="module")
def mini() -> Ruleset:
    result = load_ruleset([MINI])
    assert result.problems == []
    assert result.ruleset is not None
    return result.ruleset


def test_mini_rules_load_without_problems(mini: Ruleset) -> None:
    assert mini.counts() == {
        "factions": 2,
        "countries": 3,
        "spaces": 5,
        "gateways": 2,
        "corridors": 1,
        "cards": 6,
        "events": 2,
        "crises": 1,
        "scenarios": 1,
    }
    assert [t.id for t in mini.tracks if t.role == "tension"] == ["tension"]


def test_entries_remember_where_they_were_written(mini: Ruleset) -> None:
    osh = next(s for s in mini.spaces if s.id == "osh")
    assert osh.origin.line == 35 and osh.origin.column == 5
    assert osh.origin.file.endswith("fixtures/mini/map.yaml")


def test_single_modifier_becomes_a_tuple(mini: Ruleset) -> None:
    russia = next(f for f in mini.factions if f.id == "russia")
    umbrella = russia.abilities[0]
    assert umbrella.modifiers == (
        {"on": "place_influence", "domain": "security", "where": {"country_tag": "csto"}, "ops_bonus": 1},
    )


def test_effects_are_kept_as_written_without_defaults(mini: Ruleset) -> None:
    talks = next(c for c in mini.cards if c.id == "border-talks")
    assert talks.faction is None  # a regional card
    assert talks.event[1] == {
        "remove_influence": {"faction": "rival", "domain": "security", "where": {"tag": "fergana_valley"}}
    }
    summit = next(c for c in mini.cards if c.id == "turkic-summit")
    assert summit.event[1] == {"set_flag": "turkic-summit-held"}  # scalar shorthand stays as written


def test_crisis_scenario_and_settings(mini: Ruleset) -> None:
    (crisis,) = mini.crises
    assert crisis.where == {"tag": "fergana_valley"} and crisis.intervention_cost == 2
    scenario = mini.scenario()
    assert scenario.factions == ("russia", "turkiye")
    assert scenario.summit_rounds == (2, 4)
    assert dict(scenario.capital) == {"russia": 3, "turkiye": 3}
    assert dict(scenario.influence[0].amounts) == {"security": 2, "trade": 1}
    assert mini.settings.domination_countries == 2 and mini.settings.pass_capital == 1


def test_identity_is_a_digest_of_what_the_rules_say_for_play(tmp_path: Path) -> None:
    first = load_ruleset([MINI]).ruleset
    again = load_ruleset([MINI]).ruleset
    assert first is not None and again is not None
    assert re.fullmatch(r"[0-9a-f]{64}", first.identity)
    assert first.identity == again.identity
    copy = tmp_path / "copy"
    shutil.copytree(MINI, copy)
    moved = load_ruleset([copy]).ruleset
    assert moved is not None and moved.identity == first.identity  # the folder's place does not matter
    cards = copy / "cards.yaml"
    text = cards.read_text(encoding="utf-8")
    assert "name: " in text and "ops: 2" in text

    def identity_after(changed: str) -> str:
        cards.write_text(changed, encoding="utf-8")
        result = load_ruleset([copy]).ruleset
        assert result is not None
        return result.identity

    # What only players read, comments and layout: the same rules, so saves still load.
    assert identity_after(text + "# a comment\n\n") == first.identity
    assert identity_after(text.replace("name: ", "name: Renamed ", 1)) == first.identity
    # A number is a rule.
    assert identity_after(text.replace("ops: 2", "ops: 3", 1)) != first.identity


def test_a_save_recorded_with_the_former_byte_identity_still_loads() -> None:
    rules = load_ruleset().ruleset
    assert rules is not None and len(rules.former_identities) == 1
    game = Game.new(rules, None, 3, {})
    for _ in range(20):
        game.apply(game.legal_actions()[0])
    data = json.loads(game.to_json())
    data["ruleset"] = rules.former_identities[0]  # as saves were written before the play identity
    assert Game.from_json(rules, json.dumps(data)).state_hash() == game.state_hash()
    data["ruleset"] = "0" * 64
    with pytest.raises(SaveError):
        Game.from_json(rules, json.dumps(data))


def test_files_can_be_given_one_by_one() -> None:
    result = load_ruleset(sorted(MINI.glob("*.yaml")))
    assert result.problems == [] and result.ruleset is not None


def test_a_mod_manifest_is_not_read_as_rules(tmp_path: Path) -> None:
    copy = tmp_path / "mod"
    shutil.copytree(MINI, copy)
    (copy / "mod.yaml").write_text("id: my-mod\nname: My mod\nversion: 1.0.0\n", encoding="utf-8")
    assert load_ruleset([copy]).problems == []


def test_counts_are_given_even_with_errors(tmp_path: Path) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(MINI, copy)
    (copy / "zz.yaml").write_text("cards:\n  - id: x\n", encoding="utf-8")
    result = load_ruleset([copy])
    assert result.ruleset is None and result.errors
    assert result.counts["spaces"] == 5 and result.counts["cards"] == 7


def test_problem_reads_as_file_line_column_message() -> None:
    problem = Problem.at(Origin("rules/base/cards.yaml", 12, 5), "unknown key 'cots' in a card — did you mean 'cost'?")
    assert str(problem) == "rules/base/cards.yaml:12:5: unknown key 'cots' in a card — did you mean 'cost'?"
    assert problem.is_error and problem.severity == "error"


def test_did_you_mean() -> None:
    assert did_you_mean("cots", ["cost", "ops", "name"]) == "cost"
    assert did_you_mean("soft-power", ["soft_power", "security", "trade"]) == "soft_power"
    assert did_you_mean("zzz", ["cost", "ops"]) is None
    assert suggestion("zzz", ["b", "a"]) == " — expected one of: a, b"


def test_default_is_the_base_rules_folder() -> None:
    assert BASE_RULES_DIR == Path(__file__).resolve().parents[1] / "rules" / "base"


base_present = pytest.mark.skipif(not any(BASE_RULES_DIR.glob("*.yaml")), reason="rules/base is not written yet")


@base_present
def test_base_rules_load_in_bounded_time() -> None:
    """A guard against a loader that hangs or goes quadratic, not the speed target: that
    (0.3 s) is a figure of `python -m game bench` (`load_seconds`), as a timed test failed on
    a loaded machine (0.38 s)."""
    start = time.perf_counter()
    result: LoadResult = load_ruleset()
    assert time.perf_counter() - start < 10
    assert result.counts["spaces"] > 0


@base_present
def test_bench_times_each_load_of_the_rules() -> None:
    times = load_seconds(None, [], runs=2)
    assert len(times) == 2 and all(0 < t < 10 for t in times)


@base_present
def test_base_rules_have_no_errors() -> None:
    result = load_ruleset()
    assert [str(p) for p in result.errors] == []


def test_ruleset_code_names_no_content_ids(mini: Ruleset) -> None:
    """The loader knows the format, not the content: no id of a faction, country, space,
    card or event appears in its code (checked with the fixture's ids and, when written,
    the base game's)."""
    rulesets = [mini]
    base = load_ruleset().ruleset if any(BASE_RULES_DIR.glob("*.yaml")) else None
    if base is not None:
        rulesets.append(base)
    ids = {x.id for r in rulesets for x in (*r.factions, *r.countries, *r.spaces, *r.cards, *r.events)}
    mine = ("__init__", "yamlpos", "problems", "fields", "terms", "schema", "crossref", "report", "format", "manifest",
            "mods", "overlay", "geometry")
    for path in [GAME / "ruleset" / f"{name}.py" for name in mine]:
        text = path.read_text(encoding="utf-8")
        found = sorted(ids & set(re.findall(r"[a-z][a-z0-9_-]*", text)))
        assert found == [], f"{path.name} names content ids {found}"
