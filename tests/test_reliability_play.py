"""Issue 16, play: the window plays on when the data folder cannot be written, text
fields take zero-width and bidi characters, the command line refuses out-of-range
values, and the secrets stay secret (the PIN, the previous autosave, the CSV, the seed,
the view)."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from test_ui_game import board, click, make_app, press, steps, top_name, type_text  # noqa: E402

from game.cli import main  # noqa: E402
from game.engine import Game  # noqa: E402
from game.ruleset import load_ruleset  # noqa: E402
from game.ui.data_dir import Settings  # noqa: E402

NASTY = "\u200b\u200d\u202e\u00ad\ufeff"


def bots_in_every_seat(app) -> None:  # type: ignore[no-untyped-def]
    """On the setup screen: the one human seat (the first) becomes a bot (the seat kinds
    cycle human → team device → the bots)."""
    from game.ui.session import DEVICE, HUMAN

    setup = app.top
    first = next(iter(setup.seats))
    for _ in range(4):
        if setup.seats[first] not in (HUMAN, DEVICE):
            return
        click(app, "seat-next-1")
    raise AssertionError(f"the first seat is still {setup.seats[first]!r}")


def _bots_play(app, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Step the window until the bots have taken a few steps. Bots think in a worker thread
    and steps animate for a set time, so wait by the clock, not by a frame count."""
    b = board(app)
    before = len(b.session.game.actions)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if top_name(app) == "ReasonScene":
            press(app, pygame.K_ESCAPE)
        app.step()
        if len(b.session.game.actions) > before + 3:
            return
    raise AssertionError("the game did not go on")


# ----- an unwritable data folder -------------------------------------------------------------------
def test_a_file_where_the_data_folder_should_be_gives_a_notice_and_play_goes_on(tmp_path, monkeypatch):
    # Tests run as root, where chmod does not stop writes: a *file* in the folder's place does.
    blocked = tmp_path / "data"
    blocked.write_text("not a folder", encoding="utf-8")
    app = make_app(blocked, monkeypatch)
    try:
        click(app, "new")
        bots_in_every_seat(app)  # they move and autosave at once
        click(app, "start")
        _bots_play(app)
        assert any("Could not write the autosave" in text for text, _ in app.notices), app.notices
        press(app, pygame.K_F11)  # the settings cannot be written either: a notice, no crash
        assert any("Could not write the settings" in text for text, _ in app.notices)
        assert board(app).session.autosave_failed
    finally:
        app.shutdown()


def test_a_full_disk_gives_a_notice_once_and_play_goes_on(tmp_path, monkeypatch):
    # A full disk simulated by making every atomic write raise ENOSPC.
    import game.ui.app as app_module
    import game.ui.data_dir as data_dir
    import game.ui.session as session

    def full(path, data):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    app = make_app(tmp_path, monkeypatch)
    for module in (session, data_dir, app_module):
        monkeypatch.setattr(module, "atomic_write", full)
    try:
        click(app, "new")
        bots_in_every_seat(app)
        click(app, "start")
        _bots_play(app)
        notices = [text for text, _ in app.notices if "autosave" in text]
        assert len(notices) == 1 and "No space left on device" in notices[0]
        _bots_play(app)  # and again: no second notice for the same problem, the game goes on
        assert len([text for text, _ in app.notices if "autosave" in text]) == 1
    finally:
        app.shutdown()


# ----- text fields -----------------------------------------------------------------------------------
def test_zero_width_and_bidi_characters_typed_or_pasted_never_reach_a_text_field(tmp_path, monkeypatch):
    import game.ui.text_input as text_input

    monkeypatch.setattr(text_input, "pasted_text", lambda: text_input.clean_text(NASTY + "ok" + NASTY))
    import game.ui.app as app_module

    monkeypatch.setattr(app_module, "pasted_text", text_input.pasted_text)
    app = make_app(tmp_path, monkeypatch)
    try:
        click(app, "new")
        click(app, "pin-new")
        type_text(app, NASTY)
        assert app.top.pin_entry.get_text() == ""  # type: ignore[union-attr]
        press(app, pygame.K_v, pygame.KMOD_CTRL)
        assert app.top.pin_entry.get_text() == "ok"  # type: ignore[union-attr]
        app.top.pin_entry.set_text("")  # type: ignore[union-attr]
        click(app, "start")
        press(app, pygame.K_s, pygame.KMOD_CTRL)
        if top_name(app) == "SaveDialog":
            entry = app.top.entry  # type: ignore[union-attr]
            entry.set_text("")
            type_text(app, NASTY)
            type_text(app, "\u202ename")
            assert entry.get_text() == "name"
    finally:
        app.shutdown()


# ----- the command line ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["bench", "--seconds", "0"],
        ["bench", "--seconds", "nan"],
        ["bench", "--seconds", "inf"],
        ["--size", "20000x20000"],
        ["--size", "1600x900x2"],
        ["--quit-after", "nan"],
        ["--quit-after", "-1"],
        ["simulate", "--games", "1000000000"],
        ["simulate", "--seed", "9" * 5000],
        ["simulate", "--seed", "18446744073709551616"],
        ["--seed", "-5"],
        ["simulate", "--jobs", "100000"],
    ],
)
def test_out_of_range_values_get_argparse_usage_and_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "expected" in err, err


def test_a_screenshot_into_a_folder_or_through_a_file_is_refused_before_the_window(tmp_path, capsys):
    assert main(["--screenshot", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["--screenshot", str(tmp_path / "file" / "shot.png")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_an_output_that_cannot_be_written_is_refused_before_the_work(tmp_path, capsys):
    """A typo in --json or --out costs a sentence at once, not the minutes of a simulation or
    of the odds (each run below would take hours if it started)."""
    save = str(Path(__file__).resolve().parents[1] / "docs" / "example-report" / "game.json")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    runs = [
        (["simulate", "--games", "100000", "--quiet", "--json", str(tmp_path)], "is a folder"),
        (["simulate", "--games", "100000", "--quiet", "--json", str(blocker / "x.json")], "is a file, not a folder"),
        (["odds", save, "--games", "1000", "--json", str(blocker / "odds.json")], "is a file, not a folder"),
        (["report", save, "--odds", "1000", "--out", str(blocker)], "is a file, not a folder"),
        (["report", save, "--odds", "1000", "--out", str(blocker / "report")], "is a file, not a folder"),
    ]
    for argv, words in runs:
        start = time.perf_counter()
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert words in err and len(err.strip().splitlines()) == 1, (argv, err)
        assert time.perf_counter() - start < 10, argv
    assert blocker.read_text(encoding="utf-8") == "x"
    # folders on the way to a --json file are made
    out = tmp_path / "runs" / "today" / "sim.json"
    assert main(["simulate", "--games", "2", "--quiet", "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["games"] == 2


def test_simulate_into_an_unwritable_save_folder_is_one_sentence(tmp_path, capsys, monkeypatch):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["simulate", "--games", "1", "--quiet", "--save-dir", str(tmp_path / "file" / "games")]) == 2
    assert "Cannot create the save folder" in capsys.readouterr().err
    # a read-only folder (simulated: root ignores permissions) fails on the first write
    import game.analysis.simulate as simulate

    def read_only(path, data):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(simulate, "atomic_write", read_only)
    assert main(["simulate", "--games", "1", "--quiet", "--save-dir", str(tmp_path / "games")]) == 2
    err = capsys.readouterr().err
    assert "Cannot write the games" in err and "Permission denied" in err and "Traceback" not in err


def test_a_five_thousand_digit_seed_in_new_game_is_a_sentence(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    try:
        click(app, "new")
        setup = app.top
        click(app, "seed")
        type_text(app, "9" * 5000)  # the field stops at 20 digits: 99…9 is past 2^64 - 1
        assert setup.seed_entry.get_text() == "9" * 20  # type: ignore[union-attr]
        click(app, "start")
        assert top_name(app) == "SetupScene" and "A seed is a whole number from 0 to" in setup.error  # type: ignore[union-attr]
    finally:
        app.shutdown()


# ----- secrets ---------------------------------------------------------------------------------------
def test_changing_the_pin_needs_the_current_one(tmp_path, monkeypatch):
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path))
    s = Settings()
    s.facilitator = True
    s.set_pin("4321")
    s.save()
    app = make_app(tmp_path, monkeypatch)  # a new session: the PIN was not given yet
    try:
        old = app.settings.facilitator_pin
        click(app, "new")
        click(app, "pin-new")
        type_text(app, "0000")
        click(app, "start")
        assert top_name(app) == "PinDialog"
        click(app, "pin")
        type_text(app, "1111")
        click(app, "pin-ok")
        assert top_name(app) == "PinDialog" and app.settings.facilitator_pin == old  # a wrong PIN changes nothing
        click(app, "pin")
        type_text(app, "4321")
        click(app, "pin-ok")
        steps(app, 3)
        assert app.settings.pin_matches("0000") and not app.settings.pin_matches("4321")
        assert board(app) is not None
    finally:
        app.shutdown()


def test_a_damaged_stored_pin_matches_nothing_and_never_crashes():
    for stored in ("é:abc", "salt:ünïcode", ":", "x" * 5000 + ":y"):
        s = Settings(facilitator_pin=stored)
        assert not s.pin_matches("1234") and not s.pin_matches("")


def test_a_new_game_keeps_the_previous_games_autosave(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    try:
        click(app, "new")
        bots_in_every_seat(app)
        click(app, "seed")
        type_text(app, "5")
        click(app, "start")
        _bots_play(app)
        first = (tmp_path / "autosave.json").read_text(encoding="utf-8")
        assert json.loads(first)["seed"] == 5
        press(app, pygame.K_ESCAPE)
        click(app, "pause-menu")
        click(app, "new")
        bots_in_every_seat(app)
        click(app, "start")
        _bots_play(app)
        assert json.loads((tmp_path / "autosave.json").read_text(encoding="utf-8"))["seed"] != 5
        assert json.loads((tmp_path / "autosave-previous.json").read_text(encoding="utf-8"))["seed"] == 5
        # Continue resumes the new game and leaves the previous one where it is
        press(app, pygame.K_ESCAPE)
        click(app, "pause-menu")
        click(app, "continue")
        _bots_play(app)
        assert json.loads((tmp_path / "autosave-previous.json").read_text(encoding="utf-8"))["seed"] == 5
        from game.ui.scenes.dialogs import LoadDialog

        assert any("Previous game's autosave" in line for line in LoadDialog(app).described)
    finally:
        app.shutdown()


def test_new_games_get_64_bit_secret_seeds(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    try:
        click(app, "new")
        seeds = {app.top.chosen_seed() for _ in range(20)}  # type: ignore[union-attr]
        assert len(seeds) == 20 and max(seeds) > 2**40 and max(seeds) < 2**64  # type: ignore[operator]
    finally:
        app.shutdown()


def _game_with_a_discard(tmp_path: Path) -> Game:
    """A game in which a faction discarded a card face down: a world event (from a small
    mod, injected by the facilitator) deals every faction three more cards than it keeps."""
    from game.ai.base import make_bot
    from game.ai.play import decide, seat_rng

    mod = tmp_path / "windfall"
    mod.mkdir()
    (mod / "mod.yaml").write_text("id: windfall\nname: Windfall\nversion: 1.0.0\n", encoding="utf-8")
    (mod / "events.yaml").write_text(
        "events:\n  - id: windfall\n    name: Windfall\n    effects:\n"
        "      - for_each: {factions: all, do: [{draw: {faction: this, count: 3}}]}\n",
        encoding="utf-8",
    )
    rs = load_ruleset(mods=[mod]).ruleset
    assert rs is not None
    g = Game.new(rs, seed=3, seats={f.id: "random" for f in rs.factions})
    bot, rng = make_bot("random"), seat_rng(3, 0)
    while not g.between_actions():
        g.apply(decide(g, bot, rng))
    g.inject_event("windfall")
    while not g.over:
        g.apply(decide(g, bot, rng))
        if g.actions[-1].verb == "discard":
            g.set_reason("=cmd|' /C calc'!A0")
            return g
    raise AssertionError("no discard")


def test_actions_csv_hides_face_down_discards_and_escapes_formulas(tmp_path):
    from game.analysis.report import write_report

    g = _game_with_a_discard(tmp_path)
    card = g.actions[-1].args[0]
    write_report(g, tmp_path)
    rows = list(csv.reader(io.StringIO((tmp_path / "actions.csv").read_text(encoding="utf-8-sig"))))
    discard = next(r for r in rows if r[4].startswith("discard"))
    assert discard[4] == "discard" and card not in ",".join(discard)
    assert discard[6] == "'=cmd|' /C calc'!A0"
    assert not any(cell.startswith(("=", "+", "@")) for row in rows[1:] for cell in row)


def test_no_view_carries_a_state_hash(tmp_path):
    g = _game_with_a_discard(tmp_path)
    hashes = {g.state_hash(), *(h.hash for h in g.history if h.hash)}
    for viewer in [None, *(f.id for f in g.t.factions)]:
        text = json.dumps(g.view(viewer).to_dict())
        assert not any(h in text for h in hashes)
        assert not any(h in repr(g.view(viewer)) for h in hashes)


def test_a_kill_before_a_new_games_first_autosave_leaves_the_old_autosave(tmp_path, monkeypatch):
    """The first autosave of a new game keeps the old one as the previous game's: copied,
    not moved, so a kill between that and the new game's write leaves an autosave to
    continue (the kill -9 soak test once found none)."""
    from game.ai.base import make_bot
    from game.ai.play import decide, seat_rng
    from game.ruleset import load_ruleset
    from game.savefile import read_save
    from game.ui.session import Session

    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path))
    rs = load_ruleset().ruleset
    seats = {f.id: "random" for f in rs.factions}
    old = Session.new(rs, None, 5, seats)
    old.apply(decide(old.game, make_bot("random"), seat_rng(5, 0)))
    new = Session.new(rs, None, 6, seats)

    def killed(self: Session, path: object) -> None:
        raise KeyboardInterrupt  # stands for SIGKILL: nothing after this point runs

    monkeypatch.setattr(Session, "save_to", killed)
    with pytest.raises(KeyboardInterrupt):
        new.apply(decide(new.game, make_bot("random"), seat_rng(6, 0)))
    assert json.loads(read_save(tmp_path / "autosave.json"))["seed"] == 5
    assert json.loads(read_save(tmp_path / "autosave-previous.json"))["seed"] == 5
