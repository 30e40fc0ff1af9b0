"""The languages of the region: catalogues, plural forms, Turkish letters, saves that are
read in another language, a mod that adds one, and glyphs the fonts can draw."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import Game
from game.engine.messages import Message, render
from game.i18n import LOCALE_DIR, CatalogueError, load_po, pseudo, translator
from game.i18n.fonts import missing_glyphs
from game.ruleset import BASE_RULES_DIR, load_ruleset
from game.ruleset.catalogues import check_languages
from game.ruleset.localize import content_translations, country_caps, locale_dirs, localize, localize_loaded

from builders import random_play

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rules():
    rs = load_ruleset().ruleset
    assert rs is not None
    return rs


def test_russian_draws_take_the_three_plural_forms_of_the_header(rules):
    ru = translator("ru")
    said = {n: render(rules, Message("draws", {"faction": "russia", "count": n}), ru) for n in (1, 2, 5, 11, 21, 22)}
    assert said[1].endswith("1 карту.") and said[21].endswith("21 карту.")
    assert said[2].endswith("2 карты.") and said[22].endswith("22 карты.")
    assert said[5].endswith("5 карт.") and said[11].endswith("11 карт.")


def test_english_is_the_source_and_the_fallback(rules):
    msg = Message("draws", {"faction": "russia", "count": 2})
    assert render(rules, msg) == render(rules, msg, translator("en")) == "Russia draws 2 cards."
    assert translator("xx").gettext("New game") == "New game"  # no catalogue: English, not a crash


def test_turkish_names_keep_dotted_and_dotless_i(rules):
    tr_rules = localize_loaded(rules, None, [], "tr")
    names = {c.id: c.name for c in tr_rules.countries} | {s.id: s.name for s in tr_rules.spaces}
    assert "Kırgızistan" in names.values() and "Tacikistan" in names.values()
    # Python's case mapping is wrong for Turkish: the catalogue's capitals are used instead
    assert "Tacikistan".upper() == "TACIKISTAN"
    caps = {country_caps(tr_rules, c.id) for c in tr_rules.countries}
    assert {"TACİKİSTAN", "KIRGIZİSTAN", "KAZAKİSTAN"} <= caps
    line = render(tr_rules, Message("places", {"faction": "iran", "amount": 1, "domain": "trade", "space": "dushanbe"}), translator("tr"))
    assert "İran" in line and "Duşanbe" in line and "ticaret" in line


def test_no_case_mapping_on_translated_text_in_the_window():
    for path in (ROOT / "game" / "ui").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for bad in (".name.upper()", ".name.capitalize()", ".name.lower()"):
            assert bad not in source, f"{path}: {bad}"


def test_a_save_made_in_russian_replays_and_reports_in_turkish(rules):
    ru_rules = localize_loaded(rules, None, [], "ru")
    g = Game.new(ru_rules, "seminar", 5)
    random_play(g, 400, 5)
    text = g.to_json()
    assert ru_rules.identity == rules.identity  # a translation is the same rules
    tr_rules = localize_loaded(rules, None, [], "tr")
    again = Game.from_json(tr_rules, text)
    ru_log = [g.log_text(e, tr=translator("ru")) for e in g.log]
    tr_log = [again.log_text(e, tr=translator("tr")) for e in again.log]
    assert len(ru_log) == len(tr_log) and ru_log != tr_log
    assert any("Türkiye" in line or "Rusya" in line for line in tr_log)
    assert any("Россия" in line or "Турция" in line for line in ru_log)


def test_the_example_language_mod_validates_and_shows(tmp_path):
    run = subprocess.run([sys.executable, "-m", "game", "validate", "--mod", "uzbek"], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "uz: UI" in run.stdout and run.stdout.endswith("— no problems\n")
    result = load_ruleset(mods=["uzbek"])
    assert result.ruleset is not None
    uz = localize_loaded(result.ruleset, None, [m.folder for m in result.mods], "uz")
    assert {c.name for c in uz.countries} >= {"Oʻzbekiston", "Qozogʻiston"}
    from game.i18n import register_locale_dir, translation

    register_locale_dir(ROOT / "mods" / "uzbek" / "locale")
    assert translation("uz").gettext("New game") == "Yangi oʻyin"
    assert translation("uz").gettext("Undo") == "Undo"  # not in the pack: English


def test_every_glyph_of_every_catalogue_is_in_the_bundled_fonts(rules):
    texts: list[str] = ["әғқңөұүһі ӘҒҚҢӨҰҮҺІ ıİğşçöü"]
    for po in [*LOCALE_DIR.rglob("*.po"), *(BASE_RULES_DIR / "locale").rglob("*.po"), *(ROOT / "mods").rglob("*.po")]:
        from game.i18n import read_catalogue

        for m in read_catalogue(po):
            s = m.string
            texts.extend(s if isinstance(s, tuple) else [s])
    assert missing_glyphs(texts) == {}


def test_catalogues_have_no_problems_and_russian_content_is_complete(rules):
    dirs = locale_dirs([BASE_RULES_DIR], [])
    reports = {r.lang: r for r in check_languages(rules, dirs)}
    assert set(reports) >= {"ru", "kk", "tr"}
    for r in reports.values():
        assert r.problems == [], r.problems
    assert reports["ru"].content_translated == reports["ru"].content_total


def test_a_broken_catalogue_is_a_sentence_with_its_line_and_the_game_falls_back(tmp_path, rules):
    bad = tmp_path / "locale" / "ru" / "content.po"
    bad.parent.mkdir(parents=True)
    bad.write_text('msgid ""\nmsgstr ""\n\nmsgid "Astana"\nthis is not a catalogue line\nmsgstr "Астана"\n', encoding="utf-8")
    with pytest.raises(CatalogueError) as e:
        load_po(bad, "locale/ru/content.po")
    assert str(e.value).startswith("locale/ru/content.po:") and "fall back to English" in str(e.value)
    tr, problems = content_translations([tmp_path / "locale"], "ru")
    assert problems and localize(rules, tr, "ru").spaces[0].name == rules.spaces[0].name


def test_pseudo_locale_is_longer_and_keeps_placeholders():
    text = "{faction} places {amount} {domain} in {space}."
    p = pseudo(text)
    assert len(p) >= len(text) * 1.3 and "{faction}" in p and "{space}" in p and p != text


def test_sentences_the_engine_composes_read_in_the_readers_language(rules):
    """Prompts, why-not reasons, button labels, summit verdicts and the outcome are `Text`:
    the English sentence that remembers its template, said in Russian at the UI's edge."""
    import re

    from game.engine import Action
    from game.engine.messages import Text, translate_text

    ru = translator("ru")
    cyrillic = re.compile("[а-яА-Я]")
    g = Game.new(rules, None, 5, {f.id: "random" for f in rules.factions})
    random_play(g, 40)
    prompt = g.prompt()
    assert isinstance(prompt, Text) and cyrillic.search(translate_text(prompt, ru))
    assert translate_text(prompt, translator("en")) == prompt  # English is the source
    why = g.why_not(Action("play", ("no-such-card",)))
    assert why is not None and cyrillic.search(translate_text(why, ru))
    for a in g.legal_actions()[:3]:
        label = g.describe(a)
        assert not isinstance(label, Text) or translate_text(label, ru) != ""
    random_play(g, 4000)
    assert g.over and g.outcome is not None
    for reason in g.outcome.reasons:
        text = translate_text(reason, ru)
        assert cyrillic.search(text), text
    for record in g.summits:
        for reason in record.reasons.values():
            assert cyrillic.search(translate_text(reason, ru))
    import pickle

    again = pickle.loads(pickle.dumps(g.outcome.reasons[0]))  # bots' processes hand outcomes back
    assert again == g.outcome.reasons[0] and translate_text(again, ru) == translate_text(g.outcome.reasons[0], ru)


PSEUDO_SIZES = ((1280, 720), (1600, 900))


@pytest.fixture(scope="module")
def pseudo_screens(tmp_path_factory):
    """Every screen of `game.ui.screenshots` rendered once at each size in the pseudo-locale
    (accented, ~35% longer): per size, the strings drawn shortened (`theme.TRUNCATED`: an
    ellipsis, or cut after their last line) and the buttons whose label is wider than they
    are. One run for both sizes, so the games the bots play for the pictures are played once."""
    import contextlib
    import io
    import os

    import pygame_gui

    from game.i18n import set_language
    from game.ui import screenshots
    from game.ui import theme as th

    found: dict[str, dict[str, set[str]]] = {f"{w}x{h}": {"cut": set(), "widgets": set()} for w, h in PSEUDO_SIZES}
    shoot = screenshots.shoot

    def shoot_and_look(app, path, frames=3):
        shoot(app, path, frames)
        seen = found[f"{app.size[0]}x{app.size[1]}"]
        seen["cut"].update(f"{path.name}: {text}" for text in th.TRUNCATED or ())
        th.TRUNCATED = []
        for el in app.gui.get_sprite_group().sprites():
            if el.visible and isinstance(el, pygame_gui.elements.UIButton) and el.text:
                if el.font.size(el.text)[0] > el.rect.w - 4:
                    seen["widgets"].add(f"{path.name}: {el.text} ({el.font.size(el.text)[0]} px in {el.rect.w})")

    data_dir = os.environ.get("COG_DATA_DIR")
    screenshots.shoot = shoot_and_look
    th.TRUNCATED = []
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            assert screenshots.render_all(tmp_path_factory.mktemp("pseudo"), list(PSEUDO_SIZES), "normal", lang="qps") == 0
        last = f"{PSEUDO_SIZES[-1][0]}x{PSEUDO_SIZES[-1][1]}"
        found[last]["cut"].update(f"after the last shot: {text}" for text in th.TRUNCATED or ())
    finally:
        screenshots.shoot = shoot
        th.TRUNCATED = None
        set_language("en")
        if data_dir is None:
            os.environ.pop("COG_DATA_DIR", None)
        else:
            os.environ["COG_DATA_DIR"] = data_dir
    return found


@pytest.mark.parametrize("size", [f"{w}x{h}" for w, h in PSEUDO_SIZES])
def test_pseudo_locale_clips_no_string_on_any_screen(pseudo_screens, size):
    """Every screen in the pseudo-locale, at 1280×720 and 1600×900: nothing drawn shortened
    (text wraps), no button narrower than its label."""
    assert sorted(pseudo_screens[size]["cut"]) == []
    assert sorted(pseudo_screens[size]["widgets"]) == []


def test_a_word_wider_than_the_line_is_broken_not_cut():
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.ui import theme as th

    pygame.font.init()
    font = pygame.font.Font(str(th.FONT_REGULAR), 16)
    word = "Қазақстанның" * 4
    th.TRUNCATED = []
    try:
        lines = th.wrap_text(font, f"{word} end", font.size(word)[0] // 3)
        assert th.TRUNCATED == []
    finally:
        th.TRUNCATED = None
    assert "".join(lines).replace(" ", "") == word + "end" and len(lines) >= 3
    assert all(font.size(ln)[0] <= font.size(word)[0] // 3 for ln in lines)


def test_the_rules_dialog_reads_in_the_readers_language(rules):
    """The rules' own sentences (`describe_*`) are whole translatable sentences: in Russian
    every one reads in Russian, the number of countries takes the header's plural forms,
    and the dialog has no English heading left."""
    import re
    from dataclasses import replace

    from game.engine import scoring
    from game.engine.messages import translate_text
    from game.i18n import set_language
    from game.ui.scenes.dialogs import rules_html

    ru = translator("ru")
    sentences = scoring.describe_control_rules(rules) + scoring.describe_summit_rules(rules) + scoring.describe_domination_rules(rules)
    for s in sentences:
        said = translate_text(s, ru)
        assert re.search("[а-яА-Я]", said) and not re.search(r"\b(VP|the|every|wins)\b", said), said
    said = {}
    for n in (1, 2, 5, 21):
        st = replace(rules.settings, domination_countries=n, aligned_share=0)
        said[n] = translate_text(scoring.describe_domination_rules(rules, st)[0], ru)
    assert "в 1 стране," in said[1] and "в 21 стране," in said[21]
    assert "в 2 странах," in said[2] and "в 5 странах," in said[5]
    try:
        set_language("ru")
        html = rules_html(localize_loaded(rules, None, [], "ru"))
    finally:
        set_language("en")
    for english in ("How a round works", "Victory points", "Factions", "base income", "Control", "Summits", "Winning"):
        assert english not in html, english


def test_a_selector_of_any_status_reads_as_a_place(rules):
    """An `any:` of country statuses without a "where" (Kazakhstan's first "Pursuit of
    balance") reads "in dominated or aligned countries" (it read "add 1 soft power that
    country is dominated or …")."""
    from game.ruleset.rule_text import _Names, modifier_text

    statuses = {"any": [{"country_status": {"status": "dominated"}}, {"country_status": {"status": "aligned"}}]}
    modifier = {"on": "special_action", "name": "Pursuit of balance", "effects": [
        {"remove_influence": {"faction": "leader", "amount": 2, "where": {"leader": "any", "not": {"leader": "self"}, **statuses}}},
        {"add_influence": {"domain": "soft_power", "amount": 1, "where": statuses}},
    ]}  # fmt: skip
    text = modifier_text(modifier, _Names(rules))
    assert "in dominated or aligned countries where a rival leads" in text and "that country is" not in text
    assert text.endswith("Add 1 soft power in dominated or aligned countries")


def test_a_status_held_by_a_rival_reads_as_a_place(rules):
    """`faction: rival` on a country status reads "in countries dominated by or aligned with a
    rival", not "that country is dominated by a rival"."""
    from game.ruleset.rule_text import _Names, where_text

    by_rival = {"any": [{"country_status": {"status": s, "faction": "rival"}} for s in ("dominated", "aligned")]}
    assert where_text(by_rival, _Names(rules)) == "in countries dominated by or aligned with a rival"
    one = {"country_status": {"status": "dominated", "faction": "rival"}}
    assert where_text(one, _Names(rules)) == "in countries dominated by a rival"


def test_an_ability_with_options_reads_in_every_language(rules):
    """Kazakhstan's "Pursuit of balance" (one push in a short game, a choice of two in a long
    one): its rule sentence and its options' labels read in each language, as the rules
    dialog and the option buttons show them."""
    from game.ruleset.rule_text import _Names, _sentence, modifier_text

    kz = next(f for f in rules.factions if f.id == "kazakhstan")
    ability = next(a for a in kz.abilities if a.id == "pursuit-of-balance")
    text = modifier_text(ability.modifiers[0], _Names(rules))
    assert "if the game lasts 4 rounds or fewer: remove 2 of the leader's influence in countries dominated by or aligned with a rival" in text
    assert "otherwise choose one: In a dominated country (remove 2 of the leader's influence in countries dominated by a rival" in text
    assert "or In an aligned country (remove 1 of the leader's influence in countries aligned with a rival" in text
    for lang, label in (("ru", "В стране под доминированием"), ("kk", "Үстемдіктегі елде"), ("tr", "Hâkimiyet altındaki bir ülkede")):
        local = localize_loaded(rules, None, [], lang)
        assert label in local.phrase(_sentence(text)), lang
        assert local.phrase("In a dominated country") == label, lang


def test_labels_the_log_records_in_english_read_in_the_readers_language(rules):
    """A log entry keeps an ability's or a modifier's label as the rules write it (English);
    the reader's ruleset says it in their language, and a translated track name keeps its
    capitals (no English case mapping on it)."""
    from game.engine.scoring import lower_first

    ru_rules = localize_loaded(rules, None, [], "ru")
    line = render(ru_rules, Message("uses_ability", {"faction": "kazakhstan", "label": "Pursuit of balance"}), translator("ru"))
    assert line == "Казахстан применяет: Стремление к балансу."
    assert lower_first("Orta Asya entegrasyonu", "tr") == "Orta Asya entegrasyonu"
    assert lower_first("Regional tension") == "regional tension"


def test_the_cleanup_that_eases_tension_reads_in_the_readers_language(rules):
    """The cleanup's tension step is logged with the engine's own source, "Cleanup": the
    reader sees it in their language (it read "(Cleanup)" in every language before stop 48)."""
    g = Game.new(rules, seed=3)
    while g.round == 1 and g.outcome is None:
        g.apply(g.legal_actions()[-1])  # pass until the round's cleanup
    eased = [e.message for e in g.log if e.message.id == "track_falls" and e.message.args.get("source") == "Cleanup"]
    assert eased, "the first cleanup eases tension"
    ru_rules = localize_loaded(rules, None, [], "ru")
    line = render(ru_rules, eased[0], translator("ru"))
    assert "(Завершение раунда)" in line and "Cleanup" not in line
    assert "(Cleanup)" in render(rules, eased[0])


def test_the_names_around_the_board_read_in_the_readers_language(rules):
    """The map prints its neighbours and seas (Russia, China, the Caspian Sea …) in the
    reader's language, like everything else on the board; every shipped language has them
    all (they are in game.pot, read from the map's file)."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.i18n import set_language
    from game.ruleset.catalogues import ui_template
    from game.ruleset.geometry import MAP_NAME_CONTEXT, background_names
    from game.ui.map_view import MapView
    from game.ui.theme import Theme, faction_styles

    names = background_names()
    assert {"Russia", "China", "Caspian Sea"} <= set(names)
    template = ui_template()
    assert all(template.get(name, context=MAP_NAME_CONTEXT) is not None for name in names)
    pygame.font.init()
    shown = {}
    try:
        for lang in ("en", "ru", "kk", "tr"):
            set_language(lang)
            mv = MapView(Theme((1280, 720), "normal"), rules, faction_styles(rules))
            shown[lang] = {name for name, _p in [*mv.neighbour_labels.values(), *mv.water_labels.values()]}
    finally:
        set_language("en")
    assert shown["en"] == set(names)
    assert {"Китай", "Каспийское море"} <= shown["ru"] and {"Қытай", "Каспий теңізі"} <= shown["kk"] and {"Çin", "Hazar Denizi"} <= shown["tr"]
    for lang in ("ru", "kk", "tr"):
        assert not shown[lang] & set(names) - {"Iran", "Pakistan", "Afghanistan"}, (lang, shown[lang] & set(names))


def test_the_facilitators_refusals_read_in_the_readers_language(rules):
    """Undo, fork and inject refuse with the engine's sentence (`messages.Text`), which the
    facilitator's panel says in the reader's language."""
    from game.engine import IllegalAction
    from game.engine.messages import translate_text

    g = Game.new(rules, None, 3, {})
    refusals = []
    for attempt in (g.undo, g.undo_action, lambda: g.fork(9), lambda: g.inject_event("no-such-event")):
        with pytest.raises(IllegalAction) as e:
            attempt()
        refusals.append(e.value)
    ru = translator("ru")
    said = [str(translate_text(r.args[0], ru)) for r in refusals]
    assert said[:3] == ["отменять нечего: последний шаг завершил ход, взял карту или открыл её",
                        "нет действия, которое можно отменить", "раунд 9 в этой партии ещё не начался"]  # fmt: skip
    assert said[3] in ("мирового события 'no-such-event' нет", "мировое событие можно вбросить только между двумя действиями")
    assert [str(r) for r in refusals][:2] == ["nothing to undo: the last step ended a turn, drew a card or revealed one",
                                              "there is no action to undo"]  # fmt: skip
