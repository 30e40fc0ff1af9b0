"""Issue 16, soak: seeded random clicks, keys, typed and pasted text (zero-width and bidi
characters included) and window resizes, across every scene of the window, find no
exception and no frame over a second; and kill -9 at random moments of autosaving games
always leaves an autosave that loads.

The short forms run with every `pytest`; the long ones (`-m slow`) are 20,000+ events
and 50 killed games."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from test_ui_game import make_app  # noqa: E402

from game.ui.app import App  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["a", "Ж", "\u200b", "\u200d", "\u202e", "\u00ad", "\ufeff", "=cmd|' /C calc'!A0", "9" * 30, "\x00", "😀", " "]
KEYS = [pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN,
        pygame.K_SPACE, pygame.K_HOME, pygame.K_END, pygame.K_BACKSPACE, pygame.K_1, pygame.K_2, pygame.K_o,
        pygame.K_e, pygame.K_r, pygame.K_d, pygame.K_p, pygame.K_c, pygame.K_n, pygame.K_z, pygame.K_s, pygame.K_F2,
        pygame.K_F11, pygame.K_v]  # fmt: skip


def _scenes() -> list[tuple[str, Callable[[App], None]]]:
    """Ways into every scene (the soak wanders from each)."""
    from game.ui.scenes.board import start_demo
    from game.ui.scenes.dialogs import LoadDialog, RulesScene, SettingsScene
    from game.ui.scenes.menu import MenuScene
    from game.ui.scenes.setup import SetupScene

    def board(app: App) -> None:
        app.replace_all(MenuScene(app))
        b = start_demo(app, seed=4)
        assert b is not None
        b.session.autosave = True

    def end(app: App) -> None:
        from game.ai.base import make_bot
        from game.ai.play import decide, seat_rng
        from game.ui.scenes.board import BoardScene

        board(app)
        b = app.find(BoardScene)
        b.session.demo = False
        bot, rng = make_bot("random"), seat_rng(4, 0)
        while not b.session.game.over:
            b.session.game.apply(decide(b.session.game, bot, rng))
        b.refresh()

    def replay(app: App) -> None:
        from game.ui.scenes.board import BoardScene
        from game.ui.scenes.replay import ReplayScene

        board(app)
        b = app.find(BoardScene)
        app.push(ReplayScene(app, app.rules(), b.session.game.copy()))

    return [
        ("menu", lambda app: app.replace_all(MenuScene(app))),
        ("setup", lambda app: app.push(SetupScene(app))),
        ("load", lambda app: app.push(LoadDialog(app))),
        ("settings", lambda app: app.push(SettingsScene(app))),
        ("rules", lambda app: app.push(RulesScene(app))),
        ("board", board),
        ("replay", replay),
        ("end", end),
    ]


def soak(app: App, events: int, seed: int) -> tuple[int, float, set[str]]:
    """Post `events` random events (a few a frame); returns (events posted, the longest
    frame in seconds of the window thread's time, the scenes seen)."""
    rng = random.Random(seed)
    w, h = app.size
    seen: set[str] = set()
    longest = 0.0
    posted = 0
    entries = _scenes()
    per_scene = max(50, events // len(entries))
    for name, enter in entries:
        enter(app)
        app.step()
        for _ in range(0, per_scene, 4):
            for _ in range(4):
                roll = rng.random()
                w, h = app.size
                if roll < 0.45:
                    pos = (rng.randrange(w), rng.randrange(h))
                    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
                    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice((1, 1, 1, 3, 4, 5))))
                    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
                elif roll < 0.75:
                    key = rng.choice(KEYS)
                    mod = pygame.KMOD_CTRL if rng.random() < 0.15 else 0
                    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
                    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
                elif roll < 0.98:
                    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXTS)))
                else:
                    size = (rng.randrange(900, 2000), rng.randrange(500, 1200))
                    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
                posted += 1
            # the main thread's own time: the machine's other work (and the bots' thread) is not the frame's
            start = time.thread_time()
            app.step()
            longest = max(longest, time.thread_time() - start)
            app.running = True  # the menu's Quit may be clicked: the soak goes on
            if app.top is not None:
                seen.add(type(app.top).__name__)
            if not app.scenes:
                entries[0][1](app)
        seen.add(name)
    return posted, longest, seen


@pytest.fixture
def soak_app(tmp_path, monkeypatch):
    import game.ui.scenes.end as end
    import game.ui.text_input as text_input

    monkeypatch.setattr(end, "open_in_browser", lambda target: None)
    monkeypatch.setattr(text_input, "pasted_text", lambda: text_input.clean_text("\u200b\u202epasted"))
    app = make_app(tmp_path, monkeypatch)
    app.bot_pace_override = 0.0
    yield app
    app.shutdown()


def _check(app: App, events: int, seed: int) -> None:
    posted, longest, seen = soak(app, events, seed)
    print(f"soak: {posted} events, longest frame {longest * 1000:.0f} ms of the window thread, scenes: {', '.join(sorted(seen))}")
    assert posted >= events * 0.95
    assert longest < 1.0, f"a frame took {longest:.2f} s"
    assert {"MenuScene", "SetupScene", "BoardScene", "ReplayScene"} <= seen | {n.capitalize() for n in seen}, seen


def test_a_short_soak_of_the_window_finds_no_exception_and_no_slow_frame(soak_app):
    _check(soak_app, 800, seed=16)


@pytest.mark.slow
def test_a_long_soak_of_the_window_finds_no_exception_and_no_slow_frame(soak_app):
    _check(soak_app, 24_000, seed=1616)


# ----- kill -9 at random moments -------------------------------------------------------------------
PLAYER = """
import sys
from game.ruleset import load_ruleset
from game.engine import Game
from game.ai.base import make_bot
from game.ai.play import decide, seat_rng
from game.ui.session import Session
rs = load_ruleset().ruleset
seed = int(sys.argv[1])
s = Session.new(rs, None, seed, {f.id: "random" for f in rs.factions})
bot, rng = make_bot("random"), seat_rng(seed, 0)
print("ready", flush=True)
while True:
    while not s.game.over:
        s.apply(decide(s.game, bot, rng))
    s = Session.new(rs, None, seed + 1, {f.id: "random" for f in rs.factions})
"""


def _kill_runs(tmp_path: Path, runs: int) -> int:
    from game.engine import Game
    from game.ruleset import load_ruleset
    from game.savefile import read_save

    rs = load_ruleset().ruleset
    rng = random.Random(99)
    loaded = 0
    for batch in range(0, runs, 5):
        procs = []
        try:
            for i in range(batch, min(runs, batch + 5)):
                data = tmp_path / f"data{i}"
                env = {**os.environ, "COG_DATA_DIR": str(data)}
                p = subprocess.Popen([sys.executable, "-c", PLAYER, str(i + 1)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                procs.append((p, data))
            for p, _ in procs:
                assert p.stdout is not None and p.stdout.readline().strip() == "ready", p.stderr.read() if p.stderr else ""
            for p, data in procs:
                deadline = time.monotonic() + 10
                while not (data / "autosave.json").exists() and time.monotonic() < deadline:
                    time.sleep(0.01)
                time.sleep(rng.uniform(0.0, 0.4))
                p.kill()  # SIGKILL: no chance to finish a write
                p.wait(timeout=10)
                game = Game.from_json(rs, read_save(data / "autosave.json"))
                assert game.actions, "the autosave loads and holds the game so far"
                json.loads((data / "autosave.json").read_text(encoding="utf-8"))
                loaded += 1
        finally:  # a failure must not leave the batch's other players looping for ever
            for p, _ in procs:
                p.kill()  # does nothing to a player already killed and waited for
                p.wait(timeout=10)
    return loaded


def test_kill_9_during_autosaving_games_always_leaves_an_autosave_that_loads(tmp_path):
    assert _kill_runs(tmp_path, 5) == 5


@pytest.mark.slow
def test_kill_9_during_fifty_autosaving_games(tmp_path):
    assert _kill_runs(tmp_path, 50) == 50
