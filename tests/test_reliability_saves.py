"""Issue 16, saves: every malformed save of the corpus in `tests/hostile.py` (and every
odd file in the saves folder) ends in one clear sentence — exit 2 on the command line,
a message in the window — with no traceback, within 10 s, and nothing written outside
the data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.cli import main  # noqa: E402
from game.engine import Game, SaveError  # noqa: E402
from game.engine.saves import parse_save  # noqa: E402
from game.ruleset import load_ruleset  # noqa: E402

from hostile import good_save, malformed_saves, odd_files  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = malformed_saves()


def test_the_corpus_has_sixty_kinds_or_more():
    assert len(CORPUS) >= 60, len(CORPUS)


@pytest.fixture
def cached_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line reads the rules once for the whole corpus (the same result each time)."""
    import game.commands.load as load

    real = load.load_ruleset
    memo = cache(lambda paths, mods: real(list(paths) if paths else None, mods=list(mods)))
    monkeypatch.setattr(load, "load_ruleset", lambda paths=None, mods=(): memo(tuple(paths or ()), tuple(mods)))


def _one_sentence(err: str) -> None:
    assert "Traceback" not in err and "Error:" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert len(lines[0]) < 600, lines[0]


def test_every_malformed_save_is_one_sentence_and_exit_2_on_the_command_line(tmp_path, capsys, monkeypatch, cached_rules):
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    for name, blob in CORPUS.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(blob)
        for argv in (["replay", str(path)], ["replay", "--verify", str(path)], ["report", str(path), "--out", str(tmp_path / "out")]):
            start = time.perf_counter()
            code = main(argv)
            took = time.perf_counter() - start
            out, err = capsys.readouterr()
            assert code == 2, (name, argv[0], out[:200])
            _one_sentence(err)
            assert took < 10, (name, took)
    assert not any(here.iterdir()), "nothing is written outside the chosen folders"
    assert not (tmp_path / "out").exists(), "no report is written for a save that does not load"


def test_a_real_process_gives_exit_2_and_no_traceback_for_the_worst_files(tmp_path):
    names = ["deep-list", "seed-5000-digits", "seats-list", "reasons-superscript-key", "action-inject-no-argument", "json-null"]
    paths = []
    for name in names:
        p = tmp_path / f"{name}.json"
        p.write_bytes(CORPUS[name])
        paths.append(p)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for p in [*paths, fifo]:
        run = subprocess.run([sys.executable, "-m", "game", "replay", "--verify", str(p)], cwd=ROOT, capture_output=True,
                             text=True, timeout=10, env={**os.environ, "COG_DATA_DIR": str(tmp_path / "data")})  # fmt: skip
        assert run.returncode == 2, (p.name, run.stdout, run.stderr)
        _one_sentence(run.stderr)


def test_a_save_with_a_byte_order_mark_loads(tmp_path, capsys, cached_rules):
    path = tmp_path / "bom.json"
    path.write_bytes("\ufeff".encode() + json.dumps(good_save()).encode())
    assert main(["replay", "--verify", str(path)]) == 0, capsys.readouterr().err
    assert "replays exactly" in capsys.readouterr().out


def test_shape_errors_name_the_field_and_what_it_holds():
    with pytest.raises(SaveError, match=r"reason is kept under '²', which is not a step number"):
        parse_save(CORPUS["reasons-superscript-key"])
    with pytest.raises(SaveError, match=r"its mods should be a list of mod ids, not the text 'china'"):
        parse_save(CORPUS["mods-text"])
    with pytest.raises(SaveError, match=r"10,001 entries in its action list; a game has a few hundred"):
        parse_save(CORPUS["action-too-many-steps"])
    with pytest.raises(SaveError, match=r"seed has \d+ digits; a seed is a 64-bit number"):
        parse_save(CORPUS["seed-30-digits"])


def test_nine_hundred_thousand_steps_are_refused_at_once():
    start = time.perf_counter()
    with pytest.raises(SaveError):
        Game.from_json(load_ruleset().ruleset, CORPUS["action-900000-steps"].decode())
    assert time.perf_counter() - start < 5


# ----- the window: Load, Continue, Watch replay -----------------------------------------------------
def test_the_window_answers_every_malformed_save_on_load_continue_and_watch(tmp_path, monkeypatch):
    import pygame
    from test_ui_game import click, make_app, press, top_name

    from game.ui.data_dir import AUTOSAVE_FILE, saves_dir
    from game.ui.scenes.dialogs import LoadDialog, load_game_from, watch_replay_of

    app = make_app(tmp_path / "data", monkeypatch)
    try:
        folder = saves_dir()
        for name, blob in CORPUS.items():
            (folder / f"{name}.json").write_bytes(blob)
        odd = odd_files(folder)
        (folder / "good.json").write_text(json.dumps(good_save()), encoding="utf-8")
        start = time.perf_counter()
        click(app, "load")
        assert time.perf_counter() - start < 10
        dialog = app.top
        assert isinstance(dialog, LoadDialog)
        # only what reads as a save is listed; the rest is named in a note, FIFO and all
        listed = {p.name for p in dialog.paths}
        assert "good.json" in listed and not listed & set(odd)
        assert "Left out" in dialog.error and "readable save" in dialog.error
        press(app, pygame.K_ESCAPE)
        for name in CORPUS:
            path = folder / f"{name}.json"
            start = time.perf_counter()
            load_error = load_game_from(app, path)
            watch_error = watch_replay_of(app, path)
            assert load_error and watch_error, name
            assert "Traceback" not in load_error + watch_error
            # Continue on the same file as the autosave: a notice says why
            (tmp_path / "data" / AUTOSAVE_FILE).write_bytes(CORPUS[name])
            app.notices.clear()
            app.replace_all(type(app.scenes[0])(app))
            press(app, pygame.K_c)
            assert top_name(app) == "MenuScene", name
            assert app.notices and app.notices[-1][0].startswith("Cannot continue:"), name
            assert time.perf_counter() - start < 10, name
        for name in odd:
            assert load_game_from(app, folder / name), name
    finally:
        app.shutdown()


def test_every_malformed_save_is_explained_in_the_readers_language(tmp_path):
    """The sentence a broken save gets (the engine's `messages.Text`, its parts too) has a
    translation in every catalogue: a Russian seminar reads Russian, not one English line."""
    from game.commands.load import save_problem
    from game.engine.messages import translate_text
    from game.i18n import translator
    from game.savefile import read_save

    rules = load_ruleset().ruleset
    assert rules is not None
    problems = []
    for name, blob in CORPUS.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(blob)
        try:
            Game.from_json(rules, read_save(path))
        except SaveError as e:
            problems.append((name, e))
    for missing in (tmp_path / "gone.json", tmp_path):  # no such file; a folder
        try:
            read_save(missing)
        except SaveError as e:
            problems.append((str(missing), e))
    assert len(problems) == len(CORPUS) + 2
    for lang in ("ru", "kk", "tr"):
        tr = translator(lang)
        for name, e in problems:
            english = str(e)
            said = str(translate_text(e.args[0], tr))
            assert said != english, (lang, name, english)
            for word in ("save", "damaged", " should ", " not ", "missing", "text"):
                assert word not in said.replace(str(tmp_path), ""), (lang, name, said)
    assert save_problem(problems[0][1]) == str(problems[0][1])  # English by default
