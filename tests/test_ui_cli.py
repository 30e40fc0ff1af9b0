"""`python -m game` opens the game; `--demo --screenshot` saves a frame and exits 0; bad
flags get the usage line and exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], tmp_path: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "COG_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def test_demo_saves_a_screenshot_and_exits_zero(tmp_path: Path) -> None:
    out = tmp_path / "demo.png"
    r = run(["--demo", "--seed", "3", "--screenshot", str(out), "--quit-after", "2", "--size", "1280x720"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert out.exists() and out.stat().st_size > 10_000
    import pygame

    img = pygame.image.load(str(out))
    assert img.get_size() == (1280, 720)


def test_play_subcommand_opens_the_menu(tmp_path: Path) -> None:
    out = tmp_path / "menu.png"
    r = run(["play", "--screenshot", str(out), "--quit-after", "0"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert out.exists()


@pytest.mark.parametrize("args", [["--size", "huge"], ["--quit-after", "soon"], ["--no-such-flag"], ["play", "--fullscreen", "--windowed"]])
def test_bad_flags_print_usage_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    r = run(args, tmp_path)
    assert r.returncode == 2
    assert "usage:" in r.stderr
