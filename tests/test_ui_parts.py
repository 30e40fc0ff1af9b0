"""The UI's parts that need no game: the data folder, settings, layout at every size, and
the words on buttons."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.engine import Action  # noqa: E402
from game.ui.data_dir import Settings, data_dir, list_saves, save_path  # noqa: E402
from game.ui.theme import Theme, faction_styles, printable  # noqa: E402


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path))
    return tmp_path


def test_data_dir_is_the_data_folder_made_on_first_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_dir() == tmp_path  # where it is: tests/test_files.py
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path / "new"))
    assert data_dir() == tmp_path / "new" and (tmp_path / "new").is_dir()


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


def test_button_tips_say_more_than_the_engine_label() -> None:
    from game.ruleset import load_ruleset
    from game.ui.widgets.words import button_tip

    rs = load_ruleset().ruleset
    assert rs is not None
    card = rs.cards[0]
    assert str(card.ops) in (button_tip(Action("ops"), rs, card.id) or "")
    assert "capital" in (button_tip(Action("pass"), rs) or "")


def test_the_facilitator_pin_is_kept_only_as_a_salted_hash(tmp_path: Path) -> None:
    s = Settings.load()
    s.set_pin("4711")
    s.save()
    stored = (tmp_path / "settings.json").read_text()
    assert "4711" not in stored
    again = Settings.load()
    assert again.pin_matches("4711") and not again.pin_matches("1234")
    other = Settings()
    other.set_pin("4711")
    assert other.facilitator_pin != again.facilitator_pin  # a fresh salt each time


@pytest.mark.parametrize("size", [(1280, 720), (1600, 900)])
@pytest.mark.parametrize("text_size", ["normal", "large", "projector"])
def test_map_badges_overlap_nothing_and_stay_near_their_cities(size: tuple[int, int], text_size: str) -> None:
    """The crowded Fergana Valley included: no badge covers another or a country's plate, each
    plate lies inside its country or outside it with a line (never over another), each badge
    is at its space or joined to its city by a line, no line runs under a label, and none
    strays far from its city."""
    import math

    import pygame

    pygame.font.init()
    from game.ruleset import load_ruleset
    from game.ui.map_view import MapView
    from game.ui.scenes.board import board_layout

    rs = load_ruleset().ruleset
    assert rs is not None
    t = Theme(size, text_size)
    mv = MapView(t, rs, faction_styles(rs))
    mv.layout(board_layout(t, size, len(rs.factions)).map)
    audit = mv.audit()
    assert {k: audit[k] for k in ("plates astray", "badges astray", "overlaps", "lines crossing")} == {"plates astray": 0, "badges astray": 0, "overlaps": 0, "lines crossing": 0}
    assert audit["plates inside"] + audit["plates outside"] == len(rs.countries)
    assert audit["plates inside"] >= 2, "Kazakhstan's and at least one other country's plate fit inside"
    badges = {sid: b.rect for sid, b in mv.badges.items()}
    assert set(badges) == {s.id for s in rs.spaces}
    things = list(badges.values()) + mv.plates
    for i, a in enumerate(things):
        assert mv.map_rect.contains(a)
        for b in things[i + 1 :]:
            assert not a.colliderect(b), (a, b)
    for sid, r in badges.items():
        x, y = mv.badges[sid].anchor
        away = math.hypot(max(r.left - x, 0, x - r.right), max(r.top - y, 0, y - r.bottom))
        assert away <= t.px(200), f"{sid} badge is {away:.0f} px from its city"


def test_a_resized_map_shows_the_last_labels_at_once_and_its_own_once_placed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Placing a map's labels takes about half a second: a resized board must not freeze for
    it. The last size's labels, scaled, stand in at once (one of every badge and plate, on
    the map) while the worker thread places the new size's; they then replace the stand-ins
    and are exactly what placing them in the window's own thread gives."""
    import threading

    import pygame

    pygame.font.init()
    from game.ruleset import load_ruleset
    from game.ui import map_labels
    from game.ui.map_view import MapView
    from game.ui.scenes.board import board_layout

    rs = load_ruleset().ruleset
    assert rs is not None
    styles = faction_styles(rs)

    def map_at(size: tuple[int, int], stand_in: bool) -> MapView:
        t = Theme(size, "normal")
        mv = MapView(t, rs, styles, stand_in=stand_in)
        mv.layout(board_layout(t, size, len(rs.factions)).map)
        return mv

    map_at((1600, 900), stand_in=False)
    release = threading.Event()
    place_now = map_labels._place_now

    def held(problem: map_labels.Problem, ground: map_labels.Ground) -> map_labels.Labels:
        assert release.wait(30), "the test never let the placement go on"
        return place_now(problem, ground)

    monkeypatch.setattr(map_labels, "_place_now", held)
    mv = map_at((1333, 777), stand_in=True)  # returns while the worker is held: no placement in this thread
    assert not mv.labels_final and not mv.labels_landed()
    assert set(mv.badges) == {s.id for s in rs.spaces} and len(mv.plates) == len(rs.countries)
    assert all(mv.map_rect.contains(b.rect) for b in mv.badges.values())
    release.set()
    deadline = time.monotonic() + 30
    while not mv.labels_landed():
        assert time.monotonic() < deadline, "the labels were never placed"
        time.sleep(0.02)
    assert mv.labels_final and not mv.labels_landed()
    mine = map_labels._Placer(mv.label_problem, mv.ground).run()
    assert (mv.labels.badges, mv.labels.plates, mv.labels.badge_lines) == (mine.badges, mine.plates, mine.badge_lines)
    assert mv.audit()["overlaps"] == 0
