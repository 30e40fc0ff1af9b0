"""Frame times of the game window while the demo plays (`python -m game bench --ui`), and
whether the board holds still and its text fits (`python -m game bench --layout`).

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
from pathlib import Path
from typing import Any

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


# ----- `bench --layout`: does the board hold still, and is any text cut? -----------------------
LAYOUT_SIZES: tuple[tuple[int, int], ...] = ((1600, 900), (1280, 720))
TEXT_SIZES: tuple[str, ...] = ("normal", "large", "projector")


def _headless() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def badge_moves(ruleset: Any, games: int, sizes: tuple[tuple[int, int], ...] = LAYOUT_SIZES, texts: tuple[str, ...] = TEXT_SIZES, seed: int = 1,
                scenarios: tuple[str, ...] | None = None) -> dict[str, Any]:  # fmt: skip
    """Bots play `games` games of each scenario (of `scenarios`, if given); after every step the map draws the board
    at each size and text size, and the largest move of any badge (or country plate)
    between two consecutive positions is kept, per setting ("1600x900 normal"). Also how
    many positions were drawn and, per setting, what `MapView.audit` counts on the map
    (plates inside, outside with a line, astray; badges astray; overlaps; lines crossing)."""
    _headless()
    import pygame

    from game.ai.base import make_bot
    from game.ai.play import decide, seat_rng
    from game.engine import Game
    from game.ui.map_view import MapView
    from game.ui.scenes.board import board_layout
    from game.ui.session import best_bot_kind
    from game.ui.theme import Theme, faction_styles

    pygame.font.init()
    styles = faction_styles(ruleset)
    maps = {}
    for size in sizes:
        for text in texts:
            t = Theme(size, text)
            mv = MapView(t, ruleset, styles)
            mv.layout(board_layout(t, size, len(ruleset.factions)).map)
            maps[f"{size[0]}x{size[1]} {text}"] = (mv, pygame.Surface(size))
    moves = dict.fromkeys(maps, 0)
    positions = 0
    kind = best_bot_kind()
    for scenario in ruleset.scenarios:
        if scenarios is not None and scenario.id not in scenarios:
            continue
        for n in range(games):
            game = Game.new(ruleset, scenario.id, seed + n, {f.id: kind for f in ruleset.factions})
            bots = {fid: make_bot(kind) for fid in game.seats}
            rngs = {fid: seat_rng(game.seed, i) for i, fid in enumerate(game.seats)}
            last: dict[str, list[pygame.Rect]] = {}
            while True:
                view = game.view(None)
                leadership = {sid: game.leadership(sid) for sid in view.spaces}
                for key, (mv, surf) in maps.items():
                    mv.set_view(view, leadership)
                    mv.draw_base(surf)
                    rects = [b.rect for b in mv.badges.values()] + list(mv.plates)
                    before = last.get(key)
                    if before is not None:
                        moves[key] = max(moves[key], *(max(abs(a.x - b.x), abs(a.y - b.y), abs(a.w - b.w), abs(a.h - b.h)) for a, b in zip(before, rects, strict=True)))
                    last[key] = rects
                positions += 1
                if game.over:
                    break
                actor = game.actor
                assert actor is not None
                game.apply(decide(game, bots[actor], rngs[actor], 0.02))
    audits = {key: mv.audit() for key, (mv, _s) in maps.items()}
    return {"moves": moves, "positions": positions, "games": games * len(ruleset.scenarios), "audits": audits}


def map_audits(ruleset: Any, sizes: tuple[tuple[int, int], ...] = LAYOUT_SIZES, texts: tuple[str, ...] = TEXT_SIZES) -> dict[str, dict[str, int]]:
    """`MapView.audit` of the map at each size and text size, per setting (no games played:
    the labels are placed once per map size)."""
    _headless()
    import pygame

    from game.ui.map_view import MapView
    from game.ui.scenes.board import board_layout
    from game.ui.theme import Theme, faction_styles

    pygame.font.init()
    styles = faction_styles(ruleset)
    out = {}
    for size in sizes:
        for text in texts:
            t = Theme(size, text)
            mv = MapView(t, ruleset, styles)
            mv.layout(board_layout(t, size, len(ruleset.factions)).map)
            out[f"{size[0]}x{size[1]} {text}"] = mv.audit()
    return out


def truncations(sizes: tuple[tuple[int, int], ...] = LAYOUT_SIZES, texts: tuple[str, ...] = TEXT_SIZES, only: set[str] | None = None,
                lang: str | None = None) -> dict[str, list[str]]:
    """Render every screen (`game.ui.screenshots`) at each size and text size and list the
    strings drawn shortened (with an ellipsis, or cut after their last line), per setting."""
    _headless()
    import contextlib
    import io

    from game.ui import screenshots
    from game.ui import theme as th

    out: dict[str, list[str]] = {}
    shared: dict[str, Any] = {}  # one set of rules, each bot game played once
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            for text in texts:
                th.TRUNCATED = []
                try:
                    with contextlib.redirect_stdout(io.StringIO()):
                        screenshots.render_all(Path(folder), [size], text, only=only, lang=lang, shared=shared)
                    out[f"{size[0]}x{size[1]} {text}"] = sorted(set(th.TRUNCATED))
                finally:
                    th.TRUNCATED = None
    screenshots.forget_games()
    return out


AUDIT_GOALS = {
    "plates astray": "plates neither inside their country nor outside it with a line (over another country, say)",
    "badges astray": "badges neither over their own country at their city or space nor joined to their city by a line",
    "overlaps": "badges, plates and gateways that overlap (pairs)",
    "lines crossing": "lines under a badge or plate, or through another city",
}


def format_layout(moves: dict[str, Any], cut: dict[str, list[str]]) -> str:
    lines = [f"Map badges over {moves['games']} bot games ({moves['positions']} positions, each drawn at every size and text size)."]
    lines.append("Per setting: largest move of a badge or plate between consecutive positions (goal 0 px), strings drawn")
    lines.append("truncated on every screen (goal 0; text should wrap), and what is on the map: plates inside their")
    lines.append("country / outside it with a line (either is right), and the faults (goal 0):")
    for key, text in AUDIT_GOALS.items():
        lines.append(f"  {key}: {text}")
    head = ["setting", "move px", "truncated", "plates in", "plates out", *AUDIT_GOALS]
    rows = []
    for setting, px in moves["moves"].items():
        a = moves["audits"][setting]
        trunc = cut.get(setting)
        rows.append([setting, str(px), "-" if trunc is None else str(len(trunc)), str(a["plates inside"]), str(a["plates outside"]), *(str(a[k]) for k in AUDIT_GOALS)])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines.append(("  " + "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))).rstrip())
    lines.extend(("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))).rstrip() for r in rows)
    total = sum(len(v) for v in cut.values())
    lines.append(f"Strings drawn truncated on every screen: {total} (goal 0; text should wrap)")
    for setting, strings in cut.items():
        if strings:
            lines.append(f"  {setting}: {len(strings)}")
            lines.extend(f"    {s!r}" for s in strings[:12])
            if len(strings) > 12:
                lines.append(f"    … and {len(strings) - 12} more")
    return "\n".join(lines)
