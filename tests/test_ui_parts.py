"""The UI's parts that need no game: the data folder, settings, layout at every size, and
the words on buttons."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.engine import Action  # noqa: E402
from game.ui.data_dir import Settings, atomic_write, data_dir, list_saves, save_path  # noqa: E402
from game.ui.theme import Theme, faction_styles, printable  # noqa: E402
from game.ui.widgets.words import choice_labels  # noqa: E402


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path))
    return tmp_path


def test_data_folder_follows_the_override_then_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_dir() == tmp_path
    monkeypatch.delenv("COG_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "center-of-gravity"


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    atomic_write(target, "one")
    atomic_write(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_settings_round_trip_and_ignore_nonsense(tmp_path: Path) -> None:
    s = Settings.load()
    assert s.text_size == "normal"
    s.text_size, s.fullscreen = "projector", True
    s.save()
    assert Settings.load() == s
    (tmp_path / "settings.json").write_text(json.dumps({"text_size": "gigantic", "fullscreen": "yes"}))
    assert Settings.load() == Settings()


def test_save_names_become_safe_file_names() -> None:
    p = save_path("../../etc/passwd: round 3")
    assert p.parent.name == "saves" and "/" not in p.name and p.suffix == ".json"
    p.write_text("{}")
    assert list_saves() == [p]


def test_choice_labels_come_from_the_prompt() -> None:
    assert choice_labels("Russia: choose one: 1. Lower tension; 2. Add 1 soft power") == {"1": "Lower tension", "2": "Add 1 soft power"}


def test_missing_glyphs_become_words() -> None:
    import pygame

    pygame.font.init()
    from game.ui.theme import FONT_REGULAR

    font = pygame.font.Font(FONT_REGULAR, 16)
    assert printable(font, "tension 1 → 2") == "tension 1 to 2"
    assert printable(font, "Türkiye İ ş Қазақстан") == "Türkiye İ ş Қазақстан"


@pytest.mark.parametrize("size", [(1280, 720), (1600, 900), (1920, 1080), (3840, 2160)])
@pytest.mark.parametrize("text_size", ["normal", "projector"])
def test_board_layout_fits_the_window_without_overlaps(size: tuple[int, int], text_size: str) -> None:
    import pygame

    pygame.font.init()
    from game.ui.scenes.board import board_layout

    t = Theme(size, text_size)
    lay = board_layout(t, size, 5)
    window = pygame.Rect((0, 0), size)
    parts = [lay.left, lay.map, lay.factions, lay.log, lay.strip]
    for r in parts + [lay.top_buttons]:
        assert window.contains(r), r
        assert r.w > 0 and r.h > 0
    for i, a in enumerate(parts):
        for b in parts[i + 1 :]:
            assert not a.colliderect(b), (a, b)
    assert lay.map.h >= size[1] * 0.5
    assert lay.log.h >= t.font("small").get_linesize() * 4


def test_every_faction_has_an_emblem_or_pattern_distinct_from_the_others() -> None:
    from game.ruleset import load_ruleset

    rs = load_ruleset().ruleset
    assert rs is not None
    styles = faction_styles(rs)
    assert len({(s.emblem, s.pattern) for s in styles.values()}) == len(styles)
    assert len({s.pattern for s in styles.values()}) == len(styles)


def test_button_words_name_the_action() -> None:
    from game.ruleset import load_ruleset
    from game.ui.widgets.words import button_label

    rs = load_ruleset().ruleset
    assert rs is not None
    assert button_label(Action("pass"), rs, "", None).startswith("Pass")
    card = rs.cards[0]
    assert str(card.ops) in button_label(Action("ops"), rs, "", card.id)
