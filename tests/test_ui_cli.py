"""`python -m game` opens the game; `--demo --screenshot` saves a frame of the board and
exits 0; `play` shows the menu; bad flags get the usage line and exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pygame
import pytest

from game.colours import hex_colour
from game.ruleset import load_ruleset
from game.ui.app import DEFAULT_SIZE

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], tmp_path: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "COG_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def frame(path: Path) -> pygame.Surface:
    assert path.is_file(), f"no screenshot at {path}"
    return pygame.image.load(str(path))


def colours(img: pygame.Surface, step: int = 2) -> Counter[tuple[int, int, int]]:
    """How often each colour appears, on every `step`-th pixel of every `step`-th row."""
    w, h = img.get_size()
    return Counter(tuple(img.get_at((x, y)))[:3] for x in range(0, w, step) for y in range(0, h, step))


def assert_drawn(img: pygame.Surface) -> None:
    """A real frame, not a blank or a fill: many colours, none covering most of it."""
    seen = colours(img, 8)
    assert len(seen) >= 40, f"only {len(seen)} colours: a blank frame?"
    assert seen.most_common(1)[0][1] < 0.5 * seen.total()


def test_demo_saves_a_screenshot_of_the_board_and_exits_zero(tmp_path: Path) -> None:
    out = tmp_path / "demo.png"
    r = run(["--demo", "--seed", "3", "--screenshot", str(out), "--quit-after", "2", "--size", "1280x720"], tmp_path)
    assert r.returncode == 0, r.stderr
    img = frame(out)
    assert img.get_size() == (1280, 720)
    assert_drawn(img)
    # The board of the base game: every faction's own colour is on screen (seat list, pieces).
    rules = load_ruleset().ruleset
    assert rules is not None
    seen = colours(img)
    missing = [f.name for f in rules.factions if hex_colour(f.colour) not in seen]
    assert not missing, f"no pixel in the colour of {missing}"


def test_play_subcommand_opens_the_menu(tmp_path: Path) -> None:
    out = tmp_path / "menu.png"
    r = run(["play", "--screenshot", str(out), "--quit-after", "0"], tmp_path)
    assert r.returncode == 0, r.stderr
    img = frame(out)
    assert img.get_size() == DEFAULT_SIZE
    assert_drawn(img)
    # The menu, not the board: it has no seat list, so no faction's colour is on it.
    rules = load_ruleset().ruleset
    assert rules is not None
    seen = colours(img)
    assert not [f.name for f in rules.factions if hex_colour(f.colour) in seen]


@pytest.mark.parametrize("args", [["--size", "huge"], ["--quit-after", "soon"], ["--no-such-flag"], ["play", "--fullscreen", "--windowed"]])
def test_bad_flags_print_usage_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    r = run(args, tmp_path)
    assert r.returncode == 2
    assert "usage:" in r.stderr
