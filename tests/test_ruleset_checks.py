"""Broken rules: each mistake is one problem at the offending value, with a way out.

Every test starts from the valid mini rules (tests/fixtures/mini), breaks one thing,
and checks the exact `file:line:column` and that the message names the problem.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.ruleset import load_ruleset
from game.ruleset.terms import KNOWN_PARAM_KINDS
from game.ruleset.vocabulary import CONDITIONS, EFFECTS, MODIFIER_FILTERS, MODIFIERS

MINI = Path(__file__).parent / "fixtures" / "mini"


class Rules:
    """A copy of the mini rules in `tmp_path/rules`, to break in small ways."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        self.dir = tmp_path / "rules"
        shutil.copytree(MINI, self.dir)

    def edit(self, name: str, old: str, new: str) -> Rules:
        path = self.dir / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return self

    def add(self, name: str, text: str) -> Rules:
        (self.dir / name).write_text(text, encoding="utf-8")
        return self

    def problems(self) -> list[str]:
        return [str(p) for p in load_ruleset(["rules"]).problems]


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Rules:
    return Rules(tmp_path, monkeypatch)


def only_problem(problems: list[str], where: str, *words: str) -> str:
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.startswith(where + ": "), problem
    for word in words:
        assert word in problem, (word, problem)
    return problem


# --- the schema of entries ----------------------------------------------------------------


def test_unknown_key_suggests_the_right_one_and_is_reported_once(rules: Rules) -> None:
    rules.edit(
        "cards.yaml",
        "    cost: 1\n    ops: 2\n    event:\n      - add_influence: {faction: self, domain: security",
        "    cots: 1\n    ops: 2\n    event:\n      - add_influence: {faction: self, domain: security",
    )
    only_problem(
        rules.problems(), "rules/cards.yaml:6:5", "unknown key 'cots' in card 'csto-exercise'", "did you mean 'cost'?"
    )


def test_wrong_type(rules: Rules) -> None:
    rules.edit(
        "map.yaml",
        "stability: 2\n    tags: [capital]\n    city: [71",
        "stability: two\n    tags: [capital]\n    city: [71",
    )
    only_problem(
        rules.problems(), "rules/map.yaml:17:16", "'stability' in space 'astana'", "whole number", "not the text 'two'"
    )


def test_number_out_of_range(rules: Rules) -> None:
    rules.edit(
        "map.yaml",
        "stability: 2\n    tags: [capital]\n    city: [71",
        "stability: 5\n    tags: [capital]\n    city: [71",
    )
    only_problem(rules.problems(), "rules/map.yaml:17:16", "'stability' in space 'astana' is 5", "between 1 and 3")


def test_negative_cost(rules: Rules) -> None:
    rules.edit("cards.yaml", "    cost: 0\n", "    cost: -1\n")
    only_problem(rules.problems(), "rules/cards.yaml:62:11", "'cost' in card 'border-talks' is -1", "0 or more")


def test_a_whole_number_may_be_written_with_a_point_as_in_json_schema(rules: Rules) -> None:
    rules.edit("cards.yaml", "    cost: 1\n    ops: 2\n    event:\n      - add_influence: {faction: self, domain: security, amount: 2",
               "    cost: 1.0\n    ops: 2\n    event:\n      - add_influence: {faction: self, domain: security, amount: 2.0")  # fmt: skip
    result = load_ruleset(["rules"])
    assert result.ruleset is not None, result.problems
    card = next(c for c in result.ruleset.cards if c.id == "csto-exercise")
    assert card.cost == 1 and type(card.cost) is int
    assert card.event[0]["add_influence"]["amount"] == 2 and type(card.event[0]["add_influence"]["amount"]) is int


def test_a_fraction_is_not_a_whole_number(rules: Rules) -> None:
    rules.edit("cards.yaml", "    cost: 0\n", "    cost: 0.5\n")
    only_problem(rules.problems(), "rules/cards.yaml:62:11", "'cost' in card 'border-talks'", "not the number 0.5")


def test_unknown_bot_weight_suggests_the_right_one(rules: Rules) -> None:
    rules.edit("factions.yaml", "    bot: {vp: 1.0, margin: 0.5, tension: -0.2}", "    bot: {vp: 1.0, margin: 0.5, tenson: -0.2}")
    only_problem(rules.problems(), "rules/factions.yaml:11:33", "unknown bot weight 'tenson'", "did you mean 'tension'?")


def test_missing_required_field(rules: Rules) -> None:
    rules.edit("map.yaml", "    stability: 1\n    tags: [caspian_port]\n", "    tags: [caspian_port]\n")
    only_problem(rules.problems(), "rules/map.yaml:21:5", "missing 'stability' in space 'aktau'", "add `stability:`")


def test_invalid_id(rules: Rules) -> None:
    rules.add("zz.yaml", "events:\n  - id: Big Event\n    name: Big event\n    effects: []\n")
    only_problem(rules.problems(), "rules/zz.yaml:2:9", "'Big Event'", "not a valid id", "lowercase")


def test_reserved_word_cannot_be_an_id(rules: Rules) -> None:
    rules.add("zz.yaml", "events:\n  - id: rival\n    name: Rival\n    effects: []\n")
    only_problem(rules.problems(), "rules/zz.yaml:2:9", "'rival' is a reserved word", "choose another id")


def test_unknown_top_level_key(rules: Rules) -> None:
    rules.add("zz.yaml", "event:\n  - id: x\n    name: X\n    effects: []\n")
    only_problem(rules.problems(), "rules/zz.yaml:1:1", "unknown top-level key 'event'", "did you mean 'events'?")


def test_entries_must_be_a_list(rules: Rules) -> None:
    rules.add("zz.yaml", "events:\n  id: x\n")
    only_problem(rules.problems(), "rules/zz.yaml:2:3", "'events' should be a list of events", "not a mapping")


def test_card_type_must_be_a_domain(rules: Rules) -> None:
    rules.edit(
        "cards.yaml", "    faction: turkiye\n    type: soft_power\n", "    faction: turkiye\n    type: soft-power\n"
    )
    only_problem(
        rules.problems(),
        "rules/cards.yaml:30:11",
        "'type' in card 'turkic-summit' is 'soft-power'",
        "did you mean 'soft_power'?",
    )


def test_unquoted_colour_is_read_as_a_comment(rules: Rules) -> None:
    rules.edit("factions.yaml", 'colour: "#0072b2"', "colour: #0072b2")
    only_problem(rules.problems(), "rules/factions.yaml:5:12", "'colour' in faction 'russia' is empty", "in quotes")


def test_unknown_setting(rules: Rules) -> None:
    rules.edit("rules.yaml", "  action_rounds: 3\n", "  action_round: 3\n")
    only_problem(
        rules.problems(), "rules/rules.yaml:7:3", "unknown setting 'action_round'", "did you mean 'action_rounds'?"
    )


def test_setting_set_twice_across_files(rules: Rules) -> None:
    rules.add("zz.yaml", "settings:\n  pass_capital: 2\n  action_rounds: 4\n")
    only_problem(rules.problems(), "rules/zz.yaml:3:3", "'action_rounds' is already set at rules/rules.yaml:7:3")


def test_ability_with_both_modifier_and_modifiers(rules: Rules) -> None:
    rules.edit(
        "factions.yaml",
        "        modifier: {on: leadership, domain: soft_power, where: {tag: capital}, weight: 2}\n",
        "        modifier: {on: leadership, domain: soft_power, where: {tag: capital}, weight: 2}\n        modifiers: []\n",
    )
    only_problem(rules.problems(), "rules/factions.yaml:48:9", "both 'modifier' and 'modifiers'", "keep one")


# --- effects, conditions and modifiers -------------------------------------------------------


def test_unknown_effect_suggests_the_right_one(rules: Rules) -> None:
    rules.edit(
        "cards.yaml",
        "      - change_track: {track: tension, by: 1}\n    flavour",
        "      - change_trak: {track: tension, by: 1}\n    flavour",
    )
    only_problem(
        rules.problems(), "rules/cards.yaml:10:9", "unknown effect 'change_trak'", "did you mean 'change_track'?"
    )


def test_unknown_effect_parameter(rules: Rules) -> None:
    rules.edit("cards.yaml", "amount: 2, where: {country_tag: csto}", "amout: 2, where: {country_tag: csto}")
    only_problem(
        rules.problems(),
        "rules/cards.yaml:9:58",
        "unknown parameter 'amout' for 'add_influence'",
        "did you mean 'amount'?",
    )


def test_effect_parameter_of_the_wrong_kind(rules: Rules) -> None:
    rules.edit("cards.yaml", "amount: 2, where: {country_tag: csto}", "amount: 0, where: {country_tag: csto}")
    only_problem(rules.problems(), "rules/cards.yaml:9:66", "'amount' of 'add_influence'", "is 0", "between 1 and 100")


def test_effect_domain_must_be_a_domain(rules: Rules) -> None:
    rules.edit("cards.yaml", "{domain: trade, where: {country: this", "{domain: money, where: {country: this")
    only_problem(
        rules.problems(),
        "rules/cards.yaml:24:39",
        "'domain' of 'add_influence'",
        "'money'",
        "expected one of: security, soft_power, trade",
    )


def test_missing_effect_parameter(rules: Rules) -> None:
    rules.edit(
        "cards.yaml",
        "      - change_track: {track: tension, by: 1}\n    flavour",
        "      - change_track: {track: tension}\n    flavour",
    )
    only_problem(rules.problems(), "rules/cards.yaml:10:23", "'change_track'", "needs 'by'")


def test_effect_is_a_one_key_mapping(rules: Rules) -> None:
    rules.edit(
        "cards.yaml",
        "      - change_track: {track: tension, by: -1}\n",
        "      - change_track:\n        track: tension\n        by: -1\n",
    )
    only_problem(
        rules.problems(),
        "rules/cards.yaml:65:9",
        "one-key mapping",
        "3 keys",
        "indent the parameters under 'change_track'",
    )


def test_nested_effects_are_checked(rules: Rules) -> None:
    rules.edit(
        "cards.yaml", "                - gain_capital: {amount: 2}", "                - gain_capitol: {amount: 2}"
    )
    only_problem(
        rules.problems(), "rules/cards.yaml:41:19", "unknown effect 'gain_capitol'", "did you mean 'gain_capital'?"
    )


def test_for_each_takes_exactly_one_selector(rules: Rules) -> None:
    rules.edit(
        "cards.yaml",
        "          countries: {country_tag: eaeu}\n",
        "          countries: {country_tag: eaeu}\n          factions: all\n",
    )
    only_problem(
        rules.problems(), "rules/cards.yaml:21:9", "'for_each'", "exactly one of 'spaces', 'countries' or 'factions'"
    )


def test_choose_one_needs_two_options(rules: Rules) -> None:
    rules.edit(
        "cards.yaml",
        "            - label: Business\n              effects:\n                - gain_capital: {amount: 2}\n",
        "",
    )
    only_problem(rules.problems(), "rules/cards.yaml:36:13", "1 option", "two or more")


def test_unknown_condition(rules: Rules) -> None:
    rules.edit("crises.yaml", "    where: {tag: fergana_valley}\n", "    where: {tags: fergana_valley}\n")
    only_problem(rules.problems(), "rules/crises.yaml:4:13", "unknown condition 'tags'", "did you mean 'tag'?")


def test_unknown_modifier_hook(rules: Rules) -> None:
    rules.edit("factions.yaml", "on: place_influence, domain: security", "on: place_influense, domain: security")
    only_problem(
        rules.problems(),
        "rules/factions.yaml:16:24",
        "unknown modifier hook 'place_influense'",
        "did you mean 'place_influence'?",
    )


def test_unknown_modifier_key(rules: Rules) -> None:
    rules.edit(
        "factions.yaml", "where: {country_tag: csto}, ops_bonus: 1}", "where: {country_tag: csto}, ops_bonuss: 1}"
    )
    only_problem(rules.problems(), "rules/factions.yaml:16:87", "unknown key 'ops_bonuss'", "did you mean 'ops_bonus'?")


def test_scalar_shorthand_and_mapping_forms_are_both_accepted(rules: Rules) -> None:
    rules.add(
        "zz.yaml",
        """\
events:
  - id: shorthand
    name: Shorthand forms
    effects:
      - set_flag: talks
      - set_flag: {flag: talks, rounds: 2}
      - add_influence: {domain: trade, where: {country: {id: uzbekistan}, not: {tag: capital}}}
      - remove_influence: {where: {any: [{space: osh}, {leader: any}], contested: true}}
      - if: {condition: {flag: {name: talks}}, then: [{gain_vp: {amount: 1}}]}
""",
    )
    assert rules.problems() == []


# --- references across entries and files -------------------------------------------------


def test_unknown_id_suggests_the_right_one(rules: Rules) -> None:
    rules.edit(
        "map.yaml",
        "    country: kyrgyzstan\n    stability: 1\n    tags: [capital",
        "    country: kyrgystan\n    stability: 1\n    tags: [capital",
    )
    only_problem(
        rules.problems(),
        "rules/map.yaml:30:14",
        "unknown country 'kyrgystan' in space 'bishkek'",
        "did you mean 'kyrgyzstan'?",
    )


def test_unknown_id_inside_an_effect(rules: Rules) -> None:
    rules.edit("cards.yaml", "change_track: {track: integration, by: 1}", "change_track: {track: integraton, by: 1}")
    only_problem(
        rules.problems(), "rules/cards.yaml:75:31", "unknown track 'integraton'", "did you mean 'integration'?"
    )


def test_unknown_tag_in_a_condition(rules: Rules) -> None:
    rules.edit("crises.yaml", "    where: {tag: fergana_valley}\n", "    where: {tag: ferghana_valley}\n")
    only_problem(
        rules.problems(),
        "rules/crises.yaml:4:18",
        "no space has the tag 'ferghana_valley'",
        "did you mean 'fergana_valley'?",
    )


def test_gateway_where_a_space_is_needed(rules: Rules) -> None:
    rules.edit("factions.yaml", "where: {space: this}", "where: {space: gw-north}")
    problems = rules.problems()
    only_problem(problems, "rules/factions.yaml:26:103", "'gw-north'", "is a gateway, but a space is needed")


def test_adjacency_must_be_symmetric(rules: Rules) -> None:
    rules.edit("map.yaml", "    adjacent: [bishkek, tashkent]\n", "    adjacent: [bishkek]\n")
    only_problem(
        rules.problems(),
        "rules/map.yaml:41:15",
        "space 'osh' does not list 'tashkent'",
        "space 'tashkent' lists 'osh' (rules/map.yaml:48:33)",
        "add 'tashkent' to the adjacent list of 'osh'",
    )


def test_gateway_adjacency_must_be_symmetric(rules: Rules) -> None:
    rules.edit("map.yaml", "    adjacent: [aktau]\n", "    adjacent: [aktau, tashkent]\n")
    only_problem(
        rules.problems(),
        "rules/map.yaml:48:15",
        "space 'tashkent' does not list 'gw-caspian'",
        "gateway 'gw-caspian' lists",
    )


def test_disconnected_map(rules: Rules) -> None:
    rules.edit("map.yaml", "adjacent: [aktau, bishkek, tashkent, gw-north]", "adjacent: [bishkek, tashkent, gw-north]")
    rules.edit("map.yaml", "adjacent: [astana, gw-north, gw-caspian]", "adjacent: [gw-north, gw-caspian]")
    only_problem(
        rules.problems(), "rules/map.yaml:27:15", "the map is not connected", "aktau cannot be reached from 'astana'"
    )


def test_country_without_capital(rules: Rules) -> None:
    rules.edit("map.yaml", "tags: [capital, fergana_valley]", "tags: [fergana_valley]")
    only_problem(
        rules.problems(),
        "rules/map.yaml:9:5",
        "country 'uzbekistan' has no capital",
        "add the tag `capital` to one of its spaces (tashkent)",
    )


def test_country_with_two_capitals(rules: Rules) -> None:
    rules.edit("map.yaml", "tags: [fergana_valley, china_border]", "tags: [capital, fergana_valley, china_border]")
    only_problem(rules.problems(), "rules/map.yaml:39:11", "second capital 'osh'", "the first is 'bishkek'")


def test_duplicate_id_across_files_names_both_places(rules: Rules) -> None:
    rules.add("zz.yaml", "events:\n  - id: caspian-storm\n    name: Another storm\n    effects: []\n")
    only_problem(
        rules.problems(),
        "rules/zz.yaml:2:9",
        "duplicate event id 'caspian-storm'",
        "already defined at rules/events.yaml:14:5",
    )


def test_space_and_gateway_share_ids(rules: Rules) -> None:
    rules.add("zz.yaml", "gateways:\n  - id: osh\n    name: Osh gate\n    adjacent: []\n")
    only_problem(rules.problems(), "rules/zz.yaml:2:9", "'osh'", "already used by the space at rules/map.yaml:35:5")


def test_remove_of_a_missing_id(rules: Rules) -> None:
    rules.add("zz.yaml", "remove: [border-talk]\n")
    only_problem(rules.problems(), "rules/zz.yaml:1:10", "cannot remove 'border-talk'", "did you mean 'border-talks'?")


def test_remove_deletes_an_entry(rules: Rules) -> None:
    rules.add("zz.yaml", "remove: [border-talks, caspian-storm]\n")
    result = load_ruleset(["rules"])
    assert result.problems == [] and result.ruleset is not None
    assert "border-talks" not in {c.id for c in result.ruleset.cards}
    assert [e.id for e in result.ruleset.events] == ["sanctions-compliance"]


def test_faction_that_reaches_nothing(rules: Rules) -> None:
    rules.edit("factions.yaml", "gateways: [gw-caspian]", "gateways: []")
    only_problem(
        rules.problems(), "rules/factions.yaml:33:15", "faction 'turkiye' cannot reach any space", "`reach` modifier"
    )


def test_reach_modifier_is_enough_to_reach(rules: Rules) -> None:
    rules.edit("factions.yaml", "gateways: [gw-caspian]", "gateways: []")
    rules.edit(
        "factions.yaml",
        "weight: 2}\n",
        "weight: 2}\n      - id: at-home\n        name: At home\n        text: Reaches Uzbekistan.\n"
        "        modifier: {on: reach, always: true, where: {country: uzbekistan}}\n",
    )
    assert rules.problems() == []


def test_exactly_one_tension_track(rules: Rules) -> None:
    rules.edit("rules.yaml", "max: 5}", "max: 5, role: tension}")
    only_problem(
        rules.problems(), "rules/rules.yaml:4:80", "track 'integration' is a second tension track", "exactly one"
    )


def test_no_tension_track(rules: Rules) -> None:
    rules.edit("rules.yaml", "max: 10, role: tension,", "max: 10,")
    only_problem(rules.problems(), "rules/rules.yaml:2:5", "no track has `role: tension`")


def test_scenario_checks(rules: Rules) -> None:
    rules.edit("scenarios.yaml", "summit_rounds: [2, 4]", "summit_rounds: [2, 5]")
    rules.edit("scenarios.yaml", "factions: [russia, turkiye]", "factions: [russia, turkiye, russia, turkey]")
    rules.edit("scenarios.yaml", "tracks: {tension: 3,", "tracks: {tension: 12,")
    assert rules.problems() == [
        "rules/scenarios.yaml:7:24: summit round 5 in scenario 'mini-2025' comes after the last round (4) — use a round between 1 and 4",
        "rules/scenarios.yaml:8:33: 'russia' is listed twice in 'factions' of scenario 'mini-2025' — remove one",
        "rules/scenarios.yaml:8:41: unknown faction 'turkey' in scenario 'mini-2025' — did you mean 'turkiye'?",
        "rules/scenarios.yaml:10:14: scenario 'mini-2025' starts track 'tension' at 12, but it runs from 0 to 10",
    ]


def test_scenario_gives_capital_to_every_faction(rules: Rules) -> None:
    rules.edit("scenarios.yaml", "capital: {russia: 3, turkiye: 3}", "capital: {russia: 3}")
    only_problem(rules.problems(), "rules/scenarios.yaml:9:14", "gives no starting capital to 'turkiye'")


def test_flag_never_raised_is_a_warning(rules: Rules) -> None:
    rules.edit("cards.yaml", "condition: {flag: turkic-summit-held}", "condition: {flag: turkic-summit}")
    result = load_ruleset(["rules"])
    assert result.ruleset is not None  # a warning does not stop the game
    assert [p.severity for p in result.problems] == ["warning"]
    only_problem(
        [str(p) for p in result.problems],
        "rules/cards.yaml:54:29",
        "flag 'turkic-summit'",
        "did you mean 'turkic-summit-held'?",
    )


def test_a_broken_file_does_not_flood_the_report_with_missing_ids(rules: Rules) -> None:
    rules.edit("map.yaml", "countries:\n", "countries:\n  - [\n")
    problems = rules.problems()
    assert len(problems) == 1 and problems[0].startswith("rules/map.yaml:"), problems


def test_all_problems_are_reported_in_one_pass(rules: Rules) -> None:
    rules.add(
        "zz.yaml",
        """\
cards:
  - id: three-mistakes
    name: Three mistakes
    type: trade
    cost: free
    ops: 1
    event:
      - gain_capital: {amount: 1, faction: russa}
      - draw_card: {count: 1}
""",
    )
    problems = rules.problems()
    assert problems == [
        "rules/zz.yaml:5:11: 'cost' in card 'three-mistakes' should be a whole number 0 or more, not the text 'free'",
        "rules/zz.yaml:8:44: unknown faction 'russa' in card 'three-mistakes' — did you mean 'russia'?",
        "rules/zz.yaml:9:9: unknown effect 'draw_card' in 'event' of card 'three-mistakes' — did you mean 'draw'?",
    ]


def test_every_vocabulary_parameter_kind_is_checked() -> None:
    terms = [*EFFECTS.values(), *CONDITIONS.values(), *MODIFIERS.values()]
    kinds = {p.kind for t in terms for p in t.params.values()} | {p.kind for p in MODIFIER_FILTERS.values()}
    assert kinds <= KNOWN_PARAM_KINDS, kinds - KNOWN_PARAM_KINDS


def test_an_ability_cannot_take_operations_away_with_a_negative_ops_bonus(rules: Rules) -> None:
    # A negative pool was counted down from below zero and never emptied: every unit placed
    # there was free, without end. Fewer operations is a card's `ops`, not a bonus.
    rules.edit("factions.yaml", "where: {country_tag: csto}, ops_bonus: 1}", "where: {country_tag: csto}, ops_bonus: -1}")
    only_problem(rules.problems(), "rules/factions.yaml:16:98", "'ops_bonus'", "is -1", "between 0 and")
