"""Colour blindness: a deuteranopia and a protanopia simulation (the Machado 2009 matrices,
`game.colours.simulate_cvd`) of the board as drawn and of the report's chart colours keep
every pair of factions apart — by a measured difference in L*a*b*, or, where two tints come
close, by the emblem and hatch pattern (board) or the marker and dash (charts) that tell
them apart without colour. With COG_SCREENSHOTS=1 the simulated board is written to
docs/screenshots/1600x900/board-<deficiency>.png to look at."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from test_ui_game import make_app, steps  # noqa: E402

from game.colours import CVD_MATRICES, delta_e, mix, simulate_cvd  # noqa: E402
from game.ui import theme as th  # noqa: E402
from game.ui.app import App  # noqa: E402

DISTINCT = 15.0
"""ΔE (CIE76) from which two small marks read as different colours."""
FILL_TINT = 0.26
"""How much of a leader's colour tints a space on the map (`MapView`)."""
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    a = make_app(tmp_path, monkeypatch)
    yield a
    a.shutdown()


def colour_on_screen(screen: pygame.Surface, colour: tuple[int, int, int]) -> tuple[int, int, int] | None:
    """A pixel of `colour` as the screenshot holds it (None if the colour is not drawn)."""
    mask = pygame.mask.from_threshold(screen, (*colour, 255), (2, 2, 2, 255))
    if mask.count() < 20:
        return None
    x, y = mask.outline()[0]
    c = screen.get_at((x, y))
    return (c.r, c.g, c.b)


def simulated_screenshot(screen: pygame.Surface, kind: str) -> pygame.Surface:
    """The whole screenshot as a person with `kind` sees it (slow: for looking, not tests)."""
    out = screen.copy()
    cache: dict[int, tuple[int, int, int]] = {}
    px = pygame.PixelArray(out)
    w, h = out.get_size()
    for x in range(w):
        col = px[x]
        for y in range(h):
            v = col[y]
            got = cache.get(v)
            if got is None:
                got = cache[v] = simulate_cvd(tuple(out.unmap_rgb(v))[:3], kind)  # type: ignore[arg-type]
            col[y] = got
    del px
    return out


@pytest.mark.parametrize("kind", sorted(CVD_MATRICES))
def test_the_board_keeps_every_pair_of_factions_apart_under_colour_blindness(app: App, kind: str) -> None:
    from game.ui.scenes.board import new_board
    from game.ui.screenshots import mid_game

    rs = app.ruleset()
    assert rs is not None
    board = new_board(app, mid_game(rs))
    steps(app, 3)
    app.draw()
    screen = app.screen
    seen = {}
    for fid, st in board.styles.items():
        pixel = colour_on_screen(screen, st.colour)
        assert pixel is not None, f"{st.name}'s colour is not on the board"
        seen[fid] = simulate_cvd(pixel, kind)
    for a, b in itertools.combinations(board.styles, 2):
        sa, sb = board.styles[a], board.styles[b]
        # the tokens (and emblems' discs) themselves
        d = delta_e(seen[a], seen[b])
        assert d >= DISTINCT, f"{kind}: {sa.name} and {sb.name} tokens differ by ΔE {d:.1f} only"
        # the pale tints of the spaces they lead: where those come close, emblem and pattern differ
        fa, fb = (mix(th.MAP_LAND, s.colour, FILL_TINT) for s in (sa, sb))
        if delta_e(simulate_cvd(fa, kind), simulate_cvd(fb, kind)) < DISTINCT:
            assert sa.emblem != sb.emblem and sa.pattern != sb.pattern, f"{kind}: {sa.name} and {sb.name} rest on colour alone"
    if os.environ.get("COG_SCREENSHOTS") == "1":
        from game.ui.app import save_png

        save_png(simulated_screenshot(screen, kind), ROOT / "docs" / "screenshots" / "1600x900" / f"board-{kind}.png")


@pytest.mark.parametrize("kind", sorted(CVD_MATRICES))
def test_the_report_charts_keep_every_pair_of_factions_apart_under_colour_blindness(kind: str) -> None:
    from game.analysis import charts as ch
    from game.colours import hex_colour
    from game.modding import load_with_mods

    for mods in ([], ["china"]):
        result = load_with_mods(mods)
        rs = result.ruleset
        assert rs is not None, result.problems[:3]
        series = [ch.cycled_series(f.id, f.name, [], hex_colour(f.colour), i) for i, f in enumerate(rs.factions)]
        for a, b in itertools.combinations(series, 2):
            d = delta_e(simulate_cvd(a.colour, kind), simulate_cvd(b.colour, kind))
            shapes = a.marker != b.marker and a.dash != b.dash
            assert d >= DISTINCT and shapes, f"{kind} ({mods or 'base'}): {a.name} and {b.name}: ΔE {d:.1f}, marker/dash differ: {shapes}"
