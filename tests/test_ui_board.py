"""A board a first-time player can read and trust (issue 20), driven through the real
event loop (headless, posted keys and clicks): the stakes panel, consequences shown before
the choice, the keyboard, the facilitator's undo, and colour that survives colour blindness."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from test_ui_game import make_app, press  # noqa: E402
from test_ui_seminar import at_a_human_turn, game_at, open_game  # noqa: E402

from game.ui.app import App  # noqa: E402


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    a = make_app(tmp_path, monkeypatch)
    yield a
    a.shutdown()


# ----- the stakes panel ------------------------------------------------------------------------------
def test_the_stakes_panel_reads_the_engines_progress_and_summit_preview(app: App) -> None:
    from game.ui.scenes.stakes import StakesScene

    g = game_at(app, 1, lambda g: at_a_human_turn(g) and g.round >= 3, 4)
    b = open_game(app, g, facilitator=False)
    press(app, pygame.K_s)
    assert isinstance(app.top, StakesScene)
    panel = app.top
    progress = {p.faction: p for p in g.domination_progress()}
    preview = g.summit_preview()
    assert {r.faction for r in panel.rows} == set(progress)
    for row in panel.rows:
        p = progress[row.faction]
        assert row.summit_vp == preview.record.scores[row.faction]
        if p.can_win:
            assert row.progress == p.progress
            assert f"of the {p.need_countries} dominated countries" in row.map_line
            assert f"a lead of {p.need_lead} wins" in row.lead_line or p.need_lead == 0
        else:
            assert row.progress is None and "Cannot win by domination" in row.map_line
    # outside powers nearest to hegemony first, the regional actor last
    shown = [r.progress for r in panel.rows if r.progress is not None]
    assert shown == sorted(shown, reverse=True) and panel.rows[-1].progress is None
    assert panel.verdict in (preview.record.domination, *(preview.outcome.reasons[:1] if preview.outcome else ()))
    press(app, pygame.K_s)
    assert app.top is b


def test_the_rules_reference_states_the_vp_of_a_summit(app: App) -> None:
    from game.ui.scenes.dialogs import rules_html

    rs = app.ruleset()
    assert rs is not None
    text = rules_html(rs)
    assert "Victory points at a summit" in text
    for f in rs.factions:
        if f.scoring.per_dominated:
            assert f"{f.name}: {f.scoring.per_dominated} VP per country it dominates" in text
