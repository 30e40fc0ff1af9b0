"""Issue 16, mods: every hostile mod of `tests/hostile.py` gets its problems from
`validate` as `file:line:column: message` lines and exit 2 — no traceback, no hang, no
read outside its folder — and the setup screen lists them all without freezing. The
three mods that used to validate and then break the game (12 nested `for_each`, 1,000
units picked one at a time, a billion action rounds) each get an error with its place."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.cli import main  # noqa: E402

from hostile import hostile_mods, link_mods, write_mod  # noqa: E402

MODS = hostile_mods()
PLACE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): ", re.MULTILINE)


def test_the_corpus_has_sixty_kinds_or_more():
    assert len(MODS) + 6 >= 60, len(MODS)


def _validate(mod: Path, capsys: pytest.CaptureFixture[str]) -> str:
    start = time.perf_counter()
    code = main(["validate", "--mod", str(mod)])
    took = time.perf_counter() - start
    out, err = capsys.readouterr()
    text = out + err
    assert code == 2, (mod.name, text[-500:])
    assert "Traceback" not in text and "please report" not in text, text[-500:]
    assert took < 10, (mod.name, took)
    return text


@pytest.mark.parametrize("name", sorted(MODS))
def test_every_hostile_mod_gets_its_place_and_exit_2(tmp_path, capsys, name):
    mod = write_mod(tmp_path, name, MODS[name])
    text = _validate(mod, capsys)
    errors = [ln for ln in text.splitlines() if ": warning: " not in ln and (PLACE.match(ln) or ln.startswith(f"{mod}: "))]
    assert errors, text[-500:]
    assert any(ln.startswith(str(mod)) for ln in errors), text[-500:]  # the place is in the mod itself


def test_links_and_pipes_are_never_followed_and_their_targets_never_shown(tmp_path, capsys):
    secret_dir = tmp_path / "outside"
    secret_dir.mkdir()
    secret = secret_dir / "secret.yaml"
    secret.write_text("cards: [TOP-SECRET-TEXT]\npassword: hunter2\n", encoding="utf-8")
    for name, mod in link_mods(tmp_path / "mods", secret).items():
        text = _validate(mod, capsys)
        assert "TOP-SECRET" not in text and "hunter2" not in text, name
        assert str(secret_dir) not in text, name
        assert PLACE.search(text), (name, text)


@pytest.mark.parametrize(
    ("name", "where", "says"),
    [
        ("effect-nested-for-each-12", "events.yaml:5:7", "more than the 2,000 a card, event or ability may"),
        ("effect-amount-1000", "events.yaml:5:", "is 1000, but it must be between 1 and 100"),
        ("settings-action-rounds-billion", "rules.yaml:2:18", "'action_rounds' is 1000000000, but it must be between 1 and 20"),
    ],
)
def test_the_three_mods_that_broke_the_game_are_refused_by_validate(tmp_path, capsys, name, where, says):
    text = _validate(write_mod(tmp_path, name, MODS[name]), capsys)
    line = next((ln for ln in text.splitlines() if says in ln), "")
    assert line and where in line, text


def test_a_hundred_digit_number_is_called_a_number(tmp_path, capsys):
    text = _validate(write_mod(tmp_path, "card-100-digit-cost", MODS["card-100-digit-cost"]), capsys)
    assert "is a number of 100 digits, far too large" in text, text


def test_validate_of_the_root_folder_is_one_problem_not_a_walk(capsys):
    start = time.perf_counter()
    assert main(["validate", "--mod", "/"]) == 2
    text = "".join(capsys.readouterr())
    assert time.perf_counter() - start < 10
    assert "has no mod.yaml" in text and "please report" not in text


def test_the_setup_screen_lists_every_hostile_mod_without_freezing(tmp_path, monkeypatch):
    from test_ui_game import click, make_app

    data = tmp_path / "data"
    for name, files in MODS.items():
        write_mod(data / "mods", name, files)
    app = make_app(data, monkeypatch)
    try:
        start = time.perf_counter()
        click(app, "new")
        assert type(app.top).__name__ == "SetupScene"
        assert time.perf_counter() - start < 30  # a freeze, not a speed target (a loaded 2-core machine took 14 s)
        box = app.top.problems
        assert "more: run `python -m game validate" in box.html_text  # thousands of problems, capped
        app.frame_times.clear()
        app.record_frames = True
        for _ in range(5):
            app.step()
        assert max(app.frame_times) < 1.0
    finally:
        app.shutdown()
