"""Frame times of the game window while the demo plays (`python -m game bench --ui`).

Runs the real window (headless unless a display is set) at 1600×900 with bots in every
seat, and reports the median and 95th percentile of the time each pass of the loop
takes (events, bots' steps, drawing and the flip — not the sleep that caps the frame
rate), over every pass and over the passes that drew. Then times how long the game
takes from a fresh process to its first frame of the main menu.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_P95_MS = 16.0


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    if not s:
        return 0.0
    k = (len(s) - 1) * q
    lo, hi = int(k), min(len(s) - 1, int(k) + 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def measure_frames(seconds: float, size: tuple[int, int] = (1600, 900), seed: int = 1, rules: str | None = None) -> dict[str, float]:
    from game.ui.app import App, start_app

    app = App(size, rules_dir=rules, fullscreen=False, demo=True, seed=seed)
    try:
        start_app(app)
        for _ in range(5):  # first frames build every cache; measure the steady state
            app.step()
        app.record_frames = True
        app.frame_times = []
        drawn_before = app.drawn_frames
        end = time.perf_counter() + seconds
        while time.perf_counter() < end and app.running:
            app.step()
            app.clock.tick(60)
        times = [t * 1000 for t in app.frame_times]
        drawn = app.drawn_frames - drawn_before
        board = app.find(_board_type())
        steps = len(board.session.game.actions) if board is not None else 0
    finally:
        app.shutdown()
    return {
        "frames": float(len(times)),
        "drawn": float(drawn),
        "median_ms": statistics.median(times) if times else 0.0,
        "p95_ms": percentile(times, 0.95),
        "max_ms": max(times) if times else 0.0,
        "steps": float(steps),
    }


def _board_type() -> type:
    from game.ui.scenes.board import BoardScene

    return BoardScene


def measure_startup(runs: int = 3, rules: str | None = None) -> float:
    """Seconds from starting `python -m game` to its first menu frame (median of runs)."""
    times = []
    cmd = [sys.executable, "-m", "game", "--quit-after", "0", "--size", "1600x900"]
    if rules:
        cmd += ["--rules", rules]
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure_demo(seconds: float, rules: str | None = None) -> tuple[dict[str, float], float, str]:
    """The demo's frame times over `seconds` (see `measure_frames`), the seconds from start
    to the main menu, and the video driver they were measured with.

    Headless unless a display is set; the player's data folder is left alone (a
    temporary one is used).
    """
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    with tempfile.TemporaryDirectory() as data:
        os.environ["COG_DATA_DIR"] = data
        frames = measure_frames(seconds, rules=rules)
        startup = measure_startup(rules=rules)
    return frames, startup, os.environ.get("SDL_VIDEODRIVER", "default")
