"""Mods laid over the rules: merging, adding, removing, load order, where each entry came
from, warnings when two mods touch the same thing, and the API the game window uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.modding import available_mods, load_with_mods, map_geometry
from game.ruleset import BASE_RULES_DIR, load_ruleset
from game.ruleset.geometry import base_map
from game.ruleset.model import Card, Ruleset


class Mods:
    """Mod folders in `tmp/mods`, with the working folder and the data folder in tmp."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def add(self, mod_id: str, files: dict[str, str], manifest: str = "") -> str:
        folder = self.root / "mods" / mod_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "mod.yaml").write_text(f"id: {mod_id}\nname: {mod_id}\nversion: 1.0.0\n{manifest}", encoding="utf-8")
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return f"mods/{mod_id}"

    def load(self, *mods: str) -> Ruleset:
        result = load_ruleset(mods=list(mods))
        assert result.errors == [], [str(p) for p in result.errors]
        assert result.ruleset is not None
        return result.ruleset


@pytest.fixture
def mods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Mods:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path / "data"))
    return Mods(tmp_path)


def card(rules: Ruleset | None, card_id: str) -> Card:
    assert rules is not None
    return next(c for c in rules.cards if c.id == card_id)


@pytest.fixture(scope="module")
def base() -> Ruleset:
    result = load_ruleset()
    assert result.ruleset is not None
    return result.ruleset


# --- overlay rules -------------------------------------------------------------------------------


def test_an_entry_with_an_existing_id_changes_only_the_keys_given(mods: Mods, base: Ruleset) -> None:
    rules = mods.load(mods.add("m", {"cards.yaml": "cards:\n  - id: kant-air-base\n    cost: 0\n"}))
    old, new = card(base, "kant-air-base"), card(rules, "kant-air-base")
    assert new.cost == 0
    assert (new.name, new.ops, new.event, new.faction) == (old.name, old.ops, old.event, old.faction)
    assert str(new.origin) == "mods/m/cards.yaml:2:5"  # where its id was written last
    assert [c.id for c in rules.cards] == [c.id for c in base.cards]  # it keeps its place


def test_mappings_merge_key_by_key_and_null_deletes_a_key(mods: Mods, base: Ruleset) -> None:
    rules = mods.load(
        mods.add(
            "m",
            {
                "s.yaml": "scenarios:\n  - id: seminar\n    capital: {russia: 9}\n    briefings: {iran: null}\n"
                "factions:\n  - id: russia\n    scoring: {per_aligned: 3}\n    bot: {vp: 2.0}\n"
            },
        )
    )
    old_s, new_s = base.scenario("seminar"), rules.scenario("seminar")
    assert dict(new_s.capital) == {**dict(old_s.capital), "russia": 9}
    assert dict(new_s.briefings) == {k: v for k, v in old_s.briefings if k != "iran"}
    old_f = next(f for f in base.factions if f.id == "russia")
    new_f = next(f for f in rules.factions if f.id == "russia")
    assert new_f.scoring.per_aligned == 3 and new_f.scoring.per_dominated == old_f.scoring.per_dominated
    assert new_f.bot == {**old_f.bot, "vp": 2.0}


def test_lists_and_effects_replace_whole(mods: Mods) -> None:
    rules = mods.load(
        mods.add(
            "m",
            {
                "c.yaml": "cards:\n  - id: kant-air-base\n    event:\n      - gain_capital: {amount: 1}\n"
                "scenarios:\n  - id: seminar\n    summit_rounds: [3]\n"
            },
        )
    )
    assert card(rules, "kant-air-base").event == ({"gain_capital": {"amount": 1}},)
    assert rules.scenario("seminar").summit_rounds == (3,)


def test_null_sets_an_optional_key_back_to_its_default(mods: Mods, base: Ruleset) -> None:
    holder = next(f for f in base.factions if f.balance_bonus is not None)
    rules = mods.load(mods.add("m", {"f.yaml": f"factions:\n  - id: {holder.id}\n    balance_bonus: null\n"}))
    assert next(f for f in rules.factions if f.id == holder.id).balance_bonus is None


def test_a_new_id_is_added_after_the_existing_entries(mods: Mods, base: Ruleset) -> None:
    scenario = base.scenario("seminar")
    text = (
        "scenarios:\n  - id: my-scenario\n    name: Mine\n    start_year: 2030\n    rounds: 2\n    summit_rounds: [2]\n"
        f"    factions: [{', '.join(scenario.factions)}]\n"
        f"    capital: {{{', '.join(f'{f}: 1' for f in scenario.factions)}}}\n"
    )
    rules = mods.load(mods.add("m", {"s.yaml": text}))
    assert [s.id for s in rules.scenarios] == [*(s.id for s in base.scenarios), "my-scenario"]
    assert rules.scenario().id == base.scenario().id  # the default stays the base's first


def test_remove_deletes_and_an_id_can_be_written_anew(mods: Mods, base: Ruleset) -> None:
    text = (
        "remove: [kant-air-base, base-201]\n"
        "cards:\n  - id: base-201\n    name: New 201\n    faction: russia\n    type: security\n    cost: 0\n"
        "    ops: 1\n    event: []\n"
    )
    rules = mods.load(mods.add("m", {"c.yaml": text}))
    assert "kant-air-base" not in {c.id for c in rules.cards}
    fresh = card(rules, "base-201")
    assert (fresh.name, fresh.cost, fresh.event, fresh.flavour) == ("New 201", 0, (), "")  # nothing merged from the old


def test_remove_deletes_a_factions_ability_by_its_id(mods: Mods, base: Ruleset) -> None:
    owner = next(f for f in base.factions if len(f.abilities) > 1)
    gone, *kept = (a.id for a in owner.abilities)
    rules = mods.load(mods.add("m", {"r.yaml": f"remove: [{gone}]\n"}))
    assert [a.id for a in next(f for f in rules.factions if f.id == owner.id).abilities] == kept
    others = {f.id: [a.id for a in f.abilities] for f in rules.factions if f.id != owner.id}
    assert others == {f.id: [a.id for a in f.abilities] for f in base.factions if f.id != owner.id}


def test_settings_of_a_mod_replace_the_base(mods: Mods, base: Ruleset) -> None:
    rules = mods.load(mods.add("m", {"r.yaml": "settings:\n  pass_capital: 2\n"}))
    assert rules.settings.pass_capital == 2
    assert rules.settings.action_rounds == base.settings.action_rounds


def test_two_mods_changing_one_entry_warn_naming_both_places(mods: Mods) -> None:
    a = mods.add("a", {"c.yaml": "cards:\n  - id: kant-air-base\n    cost: 0\nsettings:\n  pass_capital: 2\n"})
    b = mods.add("b", {"c.yaml": "cards:\n  - id: kant-air-base\n    ops: 5\nsettings:\n  pass_capital: 3\n"})
    result = load_ruleset(mods=[a, b])
    assert result.ruleset is not None
    assert card(result.ruleset, "kant-air-base").cost == 0 and card(result.ruleset, "kant-air-base").ops == 5
    assert result.ruleset.settings.pass_capital == 3
    warnings = [str(p) for p in result.warnings]
    assert warnings == [
        "mods/b/c.yaml:2:9: card 'kant-air-base' is also changed by mod 'a' at mods/a/c.yaml:2:5 — both changes "
        "apply, in load order; where both set the same key, mod 'b' wins",
        "mods/b/c.yaml:5:3: the setting 'pass_capital' is also set by mod 'a' at mods/a/c.yaml:5:3 — mod 'b' loads "
        "later, so its value (3) is used",
    ]


def test_no_warning_when_the_later_mod_requires_the_earlier(mods: Mods) -> None:
    a = mods.add("a", {"c.yaml": "cards:\n  - id: kant-air-base\n    cost: 0\n"})
    b = mods.add("b", {"c.yaml": "cards:\n  - id: kant-air-base\n    ops: 5\n"}, manifest="requires: [a]\n")
    result = load_ruleset(mods=[a, b])
    assert result.problems == []


def test_removing_what_another_mod_changed_warns(mods: Mods) -> None:
    a = mods.add("a", {"c.yaml": "cards:\n  - id: kant-air-base\n    cost: 0\n"})
    b = mods.add("b", {"c.yaml": "remove: [kant-air-base]\n"})
    result = load_ruleset(mods=[a, b])
    assert [str(p) for p in result.warnings] == [
        "mods/b/c.yaml:1:10: this removes card 'kant-air-base', which mod 'a' changes at mods/a/c.yaml:2:5 — "
        "those changes are lost"
    ]


# --- load order ------------------------------------------------------------------------------------


def test_requirements_load_first_and_are_found_by_id(mods: Mods, tmp_path: Path) -> None:
    user = tmp_path / "data" / "mods" / "base-tweaks"
    user.mkdir(parents=True)
    (user / "mod.yaml").write_text("id: base-tweaks\nname: Tweaks\nversion: 2.0\n", encoding="utf-8")
    (user / "c.yaml").write_text("cards:\n  - id: kant-air-base\n    cost: 0\n", encoding="utf-8")
    b = mods.add("b", {"c.yaml": "cards:\n  - id: kant-air-base\n    ops: 5\n"}, manifest="requires: [base-tweaks]\n")
    result = load_ruleset(mods=[b])
    assert result.problems == []
    assert [m.id for m in result.mods] == ["base-tweaks", "b"]
    assert result.ruleset is not None and result.ruleset.mods == ("base-tweaks 2.0", "b 1.0.0")
    assert load_ruleset(mods=["base-tweaks"]).mods[0].folder == user  # an installed mod by its id


def test_mods_load_in_the_order_given(mods: Mods) -> None:
    a = mods.add("a", {"c.yaml": "cards:\n  - id: kant-air-base\n    cost: 0\n"})
    b = mods.add("b", {"c.yaml": "cards:\n  - id: kant-air-base\n    cost: 3\n"})
    assert card(load_ruleset(mods=[a, b]).ruleset, "kant-air-base").cost == 3
    assert card(load_ruleset(mods=[b, a]).ruleset, "kant-air-base").cost == 0


def test_the_old_call_with_a_mod_folder_among_paths_still_works(mods: Mods) -> None:
    m = mods.add("m", {"c.yaml": "cards:\n  - id: kant-air-base\n    cost: 0\n"})
    old = load_ruleset([BASE_RULES_DIR, m])
    new = load_ruleset(mods=[m])
    assert old.ruleset is not None and old.ruleset == new.ruleset


def test_identity_covers_the_mods(mods: Mods, base: Ruleset) -> None:
    m = mods.add("m", {"c.yaml": "cards:\n  - id: kant-air-base\n    cost: 0\n"})
    assert load_ruleset().ruleset.identity == base.identity  # type: ignore[union-attr]
    modded = mods.load(m)
    assert modded.identity != base.identity
    (Path(m) / "c.yaml").write_text("cards:\n  - id: kant-air-base\n    cost: 0\n# note\n", encoding="utf-8")
    assert mods.load(m).identity == modded.identity  # a comment is not a rule
    (Path(m) / "c.yaml").write_text("cards:\n  - id: kant-air-base\n    cost: 1\n", encoding="utf-8")
    assert mods.load(m).identity != modded.identity


def test_history_says_who_wrote_each_entry(mods: Mods) -> None:
    m = mods.add("m", {"c.yaml": "cards:\n  - id: kant-air-base\n    cost: 0\n"})
    result = load_ruleset(mods=[m])
    writers = result.history[("cards", "kant-air-base")]
    assert [w for w, _ in writers] == [None, "m"]
    assert str(writers[1][1]) == "mods/m/c.yaml:2:5"


# --- files in a mod ---------------------------------------------------------------------------------


def test_a_file_the_game_does_not_read_gets_a_warning(mods: Mods) -> None:
    m = mods.add("m", {"c.yaml": "settings:\n  pass_capital: 2\n", "notes.json": "{}", "README.md": "# Mine\n"})
    result = load_ruleset(mods=[m])
    assert [str(p) for p in result.warnings] == [
        "mods/m/notes.json:1:1: this file is not read — a mod holds rules files (*.yaml), mod.yaml and map.json; "
        "rename it to .yaml if it holds rules, or remove it"
    ]


def test_a_new_space_without_a_shape_gets_a_warning(mods: Mods) -> None:
    text = (
        "countries:\n  - {id: caspia, name: Caspia, tags: []}\n"
        "spaces:\n  - {id: port, name: Port, country: caspia, stability: 1, tags: [capital], adjacent: [gw-caspian]}\n"
        "gateways:\n  - {id: gw-caspian, adjacent: [aktau, turkmenbashi, port]}\n"
    )
    result = load_ruleset(mods=[mods.add("m", {"map.yaml": text})])  # (an error too: the port is cut off)
    assert [str(p).split(" — ")[0] for p in result.warnings] == [
        "mods/m/map.yaml:2:5: country 'caspia' has no outline on the map",
        "mods/m/map.yaml:4:5: space 'port' has no shape on the map, so the game window cannot show it",
    ]


# --- the API of the setup screen -------------------------------------------------------------------


def test_available_mods_lists_project_and_player_mods_with_problems(mods: Mods, tmp_path: Path) -> None:
    user = tmp_path / "data" / "mods" / "typo"
    user.mkdir(parents=True)
    (user / "mod.yaml").write_text("id: typo\nname: Typo\nversion: 1\n", encoding="utf-8")
    (user / "c.yaml").write_text("cards:\n  - id: kant-air-base\n    cots: 0\n", encoding="utf-8")
    found = {m.id: m for m in available_mods()}
    assert {"china", "caucasus", "seminar-short", "typo"} <= set(found)
    assert found["china"].source == "project" and found["china"].ok and found["china"].problems == ()
    assert found["china"].name == "China" and found["china"].version
    typo = found["typo"]
    assert typo.source == "user" and not typo.ok
    assert typo.problem_lines()[0].endswith("c.yaml:3:5: unknown key 'cots' in card 'kant-air-base' — did you mean 'cost'?")


def test_load_with_mods_takes_what_available_mods_gives(mods: Mods) -> None:
    chosen = [m for m in available_mods(check=False) if m.id == "china"]
    result = load_with_mods(chosen)
    assert result.ruleset is not None and len(result.ruleset.factions) == 6


def test_map_geometry_lays_mod_shapes_over_the_base_map() -> None:
    result = load_with_mods(["caucasus"])
    assert result.ruleset is not None and result.problems == []
    shapes = map_geometry(result)
    assert "baku" in shapes["spaces"] and "azerbaijan" in shapes["countries"]
    assert "azerbaijan" not in shapes["neighbours"] and "azerbaijan" in base_map()["neighbours"]  # base untouched
    assert set(base_map()["spaces"]) < set(shapes["spaces"])
