"""The board holds still and its text fits: what `python -m game bench --layout` measures,
on a few games and screens (the bench plays 50 games per scenario)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.ruleset import load_ruleset  # noqa: E402
from game.ui.bench import badge_moves, truncations  # noqa: E402


def test_no_badge_moves_between_positions_of_bot_games() -> None:
    rs = load_ruleset().ruleset
    assert rs is not None
    got = badge_moves(rs, games=1, texts=("normal", "projector"))
    assert got["positions"] > 100
    assert got["moves"] == {"1600x900": 0, "1280x720": 0}


def test_screens_that_wrap_draw_no_string_truncated() -> None:
    """The screens already free of cut text stay free of it, at both sizes and in normal
    and projector text (the bench lists the rest: see issue 20)."""
    cut = truncations(texts=("normal", "projector"), only={"menu", "handoff", "end"})
    assert cut and all(not strings for strings in cut.values()), cut
