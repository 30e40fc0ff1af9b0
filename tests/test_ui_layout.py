"""The board holds still and its text fits: what `python -m game bench --layout` measures,
on a few games and screens (the bench plays 50 games per scenario)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.ruleset import load_ruleset  # noqa: E402
from game.ui.bench import badge_moves, truncations  # noqa: E402

FAULTS = ("plates astray", "badges astray", "overlaps", "lines crossing")


def test_no_badge_moves_between_positions_of_bot_games_and_the_map_reads_true() -> None:
    """Nothing on the map moves; every plate lies inside its country or outside it with a
    line (never over another country), every badge is at its space or joined to its city
    by a line, nothing overlaps and no line runs under a label (large text: test_ui_parts)."""
    rs = load_ruleset().ruleset
    assert rs is not None
    # one seminar game (~170 positions drawn 4 times): badges are sized for their largest
    # content, so a longer game shows nothing more (`bench --layout` plays 50 of each)
    seminar = next(sc.id for sc in rs.scenarios if sc.rounds == min(s.rounds for s in rs.scenarios))
    got = badge_moves(rs, games=1, texts=("normal", "projector"), scenarios=(seminar,))
    assert got["positions"] > 100
    assert got["moves"] == {"1600x900 normal": 0, "1600x900 projector": 0, "1280x720 normal": 0, "1280x720 projector": 0}
    for setting, audit in got["audits"].items():
        assert {k: audit[k] for k in FAULTS} == dict.fromkeys(FAULTS, 0), setting
        assert audit["plates inside"] + audit["plates outside"] == len(rs.countries), setting


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


def test_every_card_reads_whole_enlarged_and_is_never_cut_within_a_word_in_the_hand() -> None:
    """In every language, window size and text size: the enlarged card (hover) shows every
    card's name and rule whole, and a card in the fullest hand shows its name whole and its
    rule whole or abridged where a sentence or clause ends (`CardArt._abridged`) — nothing
    drawn cut within a word. Russian and Kazakh names once lost their ends at 1280×720."""
    from game.engine import Game
    from game.ui import theme as th
    from game.ui.app import App
    from game.ui.scenes.board import new_board
    from game.ui.session import Session

    cut: dict[str, list[str]] = {}
    th.TRUNCATED = []
    try:
        for size in ((1280, 720), (1600, 900)):
            for text in ("normal", "projector"):
                for lang in ("en", "ru", "tr", "kk", "qps"):
                    app = App(size, fullscreen=False, bot_pace=0.0, lang=lang)
                    app.settings.text_size = text
                    app.relayout()
                    rs = app.ruleset()
                    assert rs is not None
                    board = new_board(app, Session(rs, Game.new(rs, None, 1, {f.id: "human" for f in rs.factions}), autosave=False))
                    assert board.cards is not None and board.layout is not None
                    # the largest hand, and a card drawn on top of it by an event
                    fullest = board.hand.card_size(max(f.hand_size for f in rs.factions) + 1)
                    w = min(app.theme.tpx(300), round(board.layout.map.h * 0.62))  # as `hover.draw_card`
                    for card in rs.cards:
                        board.cards._draw(card, fullest, "normal", False)
                        board.cards._draw(card, (w, round(w * 1.38)), "normal", True)
                    if th.TRUNCATED:
                        cut[f"{size} {text} {lang}"] = sorted(set(th.TRUNCATED))
                    th.TRUNCATED = []
    finally:
        th.TRUNCATED = None
    assert not cut, cut


def test_buttons_too_wide_for_the_bar_narrow_to_fit_it_the_narrow_ones_keeping_their_width() -> None:
    from game.ui.scenes.board.action_bar import fit_widths

    assert fit_widths([100, 200, 300], 1000) == [100, 200, 300]
    assert fit_widths([100, 200, 300], 450) == [100, 175, 175]
    assert fit_widths([400, 400, 400], 600) == [200, 200, 200]
    assert sum(fit_widths([90, 410, 420, 300, 420, 420, 420, 420], 1100)) <= 1100


def test_a_choice_of_many_long_options_gets_a_button_for_each_inside_the_bar() -> None:
    """A mod's card may offer more options than fit the bar even with short labels: every
    option still gets a button (the old bar left the first ones out), its label cut with
    "…" and whole in the tooltip."""
    from game.engine.actions import Action
    from game.ui.app import App
    from game.ui.scenes.board import new_board
    from game.ui.screenshots import after_summit

    app = App((1280, 720), fullscreen=False, bot_pace=0.0, lang="ru")
    app.settings.text_size = "projector"
    app.relayout()
    rs = app.ruleset()
    assert rs is not None
    bar = new_board(app, after_summit(rs)).action_bar
    labels = [f"Вариант {i}: поставить две единицы мягкой силы в каждой столице региона" for i in range(1, 8)]
    bar.choices = lambda: [(label, Action("choose", (str(i),)), False) for i, label in enumerate(labels)]  # type: ignore[method-assign]
    bar.build()
    assert len(bar.buttons) == len(labels)
    for (_choice, button), label in zip(bar.buttons, labels, strict=True):
        assert button.relative_rect.x >= 0 and button.relative_rect.right <= bar.board.layout.bar.w
        assert "…" in button.text and label in (button.tool_tip_text or "")


def test_every_choice_of_the_action_bar_has_a_button_in_every_language_and_text_size() -> None:
    """A button left out could not be taken at all: in Russian projector text at 1280×720,
    "Diplomacy (1 capital: +1 soft power)" did not fit beside the prompt and the bar dropped
    it. Labels now give their details to the tooltip, and the buttons may take the prompt's
    room, before any is left out."""
    from game.ui.app import App
    from game.ui.scenes.board import new_board
    from game.ui.screenshots import after_summit

    missing = {}
    for lang in ("en", "ru", "tr", "kk", "qps"):
        for text in ("normal", "large", "projector"):
            app = App((1280, 720), fullscreen=False, bot_pace=0.0, lang=lang)
            app.settings.text_size = text
            app.relayout()
            rs = app.ruleset()
            assert rs is not None
            bar = new_board(app, after_summit(rs)).action_bar  # a player's turn: a card, diplomacy or pass
            assert len(bar.choices()) >= 2
            if len(bar.buttons) != len(bar.choices()):
                missing[f"{lang} {text}"] = [label for label, _c, _p in bar.choices()]
            assert all(button.text and "…" not in button.text for _c, button in bar.buttons), (lang, text)
    assert not missing, missing
