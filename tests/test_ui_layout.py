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
    cut = truncations(texts=("normal", "projector"), only={"menu", "handoff", "end", "setup"})
    assert cut and all(not strings for strings in cut.values()), cut


def test_the_board_and_its_overlays_draw_no_string_truncated_in_projector_text() -> None:
    """The board (a hand of cards, a hovered space, an enlarged card), the stakes panel, the
    summit and the room view wrap their text in projector text (the largest) at both sizes
    (`bench --layout` checks every screen in every text size)."""
    cut = truncations(texts=("projector",), only={"board", "stakes", "summit", "room-view"})
    assert cut and all(not strings for strings in cut.values()), cut
