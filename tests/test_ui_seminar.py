"""The seminar tools in the desktop game, driven through the real event loop (headless,
posted clicks and keys): the facilitator's pause, inject, undo and fork; reasons for moves
typed after an action and kept in the save; the end screen's debrief report; the replay
viewer; and hot-seat secrecy (no hand on screen between a human's own decisions)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from test_ui_game import (  # noqa: E402
    board,
    click,
    click_at,
    confirm_pass,
    element,
    make_app,
    play_until,
    press,
    skip_reason,
    steps,
    top_name,
    type_text,
)

from game.engine import Action, Game  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.scenes.board import game_session, new_board  # noqa: E402


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    a = make_app(tmp_path, monkeypatch)
    yield a
    a.shutdown()


# ----- games to start from ------------------------------------------------------------------------
def seats_for(app: App, humans: int) -> dict[str, str]:
    rs = app.ruleset()
    assert rs is not None
    return {f.id: ("human" if i < humans else "random") for i, f in enumerate(rs.factions)}


def game_at(app: App, humans: int, done, seed: int = 1) -> Game:  # type: ignore[no-untyped-def]
    """A game (the first seed from `seed` on that gets there) played until `done(game)`."""
    rs = app.ruleset()
    assert rs is not None
    for s in range(seed, seed + 40):
        g = Game.new(rs, None, s, seats_for(app, humans))
        play_until(g, done)
        if not g.over:
            return g
    raise AssertionError("no seed reaches that point")


def open_game(app: App, game: Game, facilitator: bool = True):  # type: ignore[no-untyped-def]
    """Put `game` on the board (as Load would), with or without the facilitator's tools."""
    app.settings.facilitator = facilitator
    b = new_board(app, game_session(app.rules(), game))
    steps(app, 2)
    return b


def at_a_human_turn(g: Game) -> bool:
    return g.phase == "actions" and not g.stack and g.seats.get(g.actor or "") == "human"


def open_tools(app: App) -> None:
    press(app, pygame.K_F2)
    assert top_name(app) == "FacilitatorPanel"


# ----- the facilitator ----------------------------------------------------------------------------
def test_pause_stops_the_bots_and_the_turn_timer(app: App) -> None:
    rs = app.ruleset()
    assert rs is not None
    g = Game.new(rs, None, 21, seats_for(app, 1))
    app.settings.turn_timer = 1
    b = open_game(app, g)
    s = b.session
    # the bots play until the human's turn: its timer starts and counts down
    for _ in range(400):
        if s.human_to_act() and s.timer.running:
            break
        steps(app, 1)
    assert s.timer.running and s.timer.faction == g.actor
    left = s.timer.left
    time.sleep(0.12)
    steps(app, 2)
    assert s.timer.left < left, "the clock runs on the human's turn"
    # pause: the room sees "Paused"; the clock stands still
    open_tools(app)
    click(app, "fac-pause")
    assert s.paused and top_name(app) == "PausedScene"
    assert b.view.hand == (), "the paused board shows the room view, no hand"
    left = s.timer.left
    time.sleep(0.12)
    steps(app, 5)
    assert s.timer.left == left
    click(app, "paused-resume")
    assert not s.paused and top_name(app) == "BoardScene"
    # the human passes; now a bot is to move — pause again and the bots wait
    click_bar_verb(app, "pass")
    skip_reason(app)
    for _ in range(50):
        if s.bot_to_act():
            break
        steps(app, 1)
    assert s.bot_to_act()
    open_tools(app)
    click(app, "fac-pause")
    before = len(g.actions)
    steps(app, 20)
    assert len(g.actions) == before, "no bot moves while paused"
    press(app, pygame.K_p)  # P resumes (no PIN set)
    steps(app, 5)
    assert len(g.actions) > before, "the bots carry on after the pause"


def click_bar_verb(app: App, verb: str) -> None:
    b = board(app)
    for i, (action, _button) in enumerate(b.action_bar.buttons):
        if action.verb == verb:
            assert element(app, f"act-{i}").text == b.session.game.describe(action), "buttons use the engine's words"
            click(app, f"act-{i}")
            if verb == "pass":
                confirm_pass(app)
            return
    raise AssertionError(f"no {verb} button")


def test_inject_a_world_event_between_two_actions(app: App) -> None:
    rs = app.ruleset()
    assert rs is not None
    g = game_at(app, 1, at_a_human_turn, 5)
    b = open_game(app, g)
    open_tools(app)
    click(app, "fac-inject")
    assert top_name(app) == "InjectDialog"
    dialog = app.top
    events = dialog.events  # type: ignore[union-attr]
    # choose an event further down the list by clicking it
    pick = min(2, len(events) - 1)
    item = dialog.list.item_list[pick]["button_element"]  # type: ignore[union-attr]
    click_at(app, item.rect.center)
    dialog = app.top
    assert dialog.chosen == pick  # type: ignore[union-attr]
    hash_before, log_before = g.state_hash(), len(g.log)
    click(app, "inject-ok")
    assert top_name(app) == "ConfirmDialog"
    click(app, "inject-confirm-yes")
    event = events[pick]
    assert g.actions[-1] == Action("inject", (event.id,))
    assert any(g.log_text(e).startswith(f"The facilitator injects a world event — {event.name}") for e in g.log[log_before:])
    assert g.state_hash() != hash_before
    assert top_name(app) == "BoardScene" and b.session is not None
    # mid-action, injecting waits (the dialog says so and its button is off)
    play = next(a for a in g.legal_actions() if a.verb == "play") if any(a.verb == "play" for a in g.legal_actions()) else None
    if play is not None:
        b.take(play)
        steps(app, 1)
        open_tools(app)
        click(app, "fac-inject")
        assert not element(app, "inject-ok").is_enabled


def test_undo_the_last_whole_action_after_a_confirmation(app: App) -> None:
    rs = app.ruleset()
    assert rs is not None
    g = game_at(app, 1, lambda g: g.round >= 2 and at_a_human_turn(g), 8)
    open_game(app, g)
    open_tools(app)
    click(app, "fac-pause")  # hold the bots still while we look
    start = g.action_starts[-1]
    expected = g.replayed(g.actions[:start]).state_hash()
    open_tools(app)
    click(app, "fac-undo")
    assert top_name(app) == "ConfirmDialog"
    click(app, "undo-action-no")  # Cancel changes nothing
    assert len(g.actions) > start
    click(app, "fac-undo")
    click(app, "undo-action-yes")
    assert len(g.actions) == start
    assert g.state_hash() == expected
    assert board(app).session.paused


def test_fork_from_an_earlier_round_saves_a_new_game_and_switches_to_it(app: App, tmp_path: Path) -> None:
    rs = app.ruleset()
    assert rs is not None
    g = game_at(app, 2, lambda g: g.round >= 3 and at_a_human_turn(g), 13)
    g_actions = list(g.actions)
    start_of_2 = next(h.step for h in g.history if h.round == 1)
    open_game(app, g)
    if top_name(app) == "HandoffScene":
        press(app, pygame.K_F2)
    else:
        open_tools(app)
    click(app, "fac-fork")
    assert top_name(app) == "ForkDialog"
    dialog = app.top
    item = dialog.list.item_list[1]["button_element"]  # round 2  # type: ignore[union-attr]
    click_at(app, item.rect.center)
    click(app, "fork-ok")
    forks = list((tmp_path / "saves").glob("fork-round-2-*.json"))
    assert len(forks) == 1
    forked = Game.from_json(rs, forks[0].read_text(encoding="utf-8"))
    assert forked.round == 2 and [str(a) for a in forked.actions] == [str(a) for a in g_actions[:start_of_2]]
    assert g.actions == g_actions, "the game forked from is untouched"
    click(app, "fork-switch")
    b = board(app)
    assert b.session.game.round == 2 and len(b.session.game.actions) == start_of_2
    assert list((tmp_path / "saves").glob("game-round-3-*.json")), "the game left behind is kept in a save"


def test_a_pin_is_asked_once_a_session(app: App) -> None:
    rs = app.ruleset()
    assert rs is not None
    app.settings.set_pin("2468")
    g = game_at(app, 1, at_a_human_turn, 3)
    open_game(app, g)
    press(app, pygame.K_F2)
    assert top_name(app) == "PinDialog"
    click(app, "pin")
    type_text(app, "1111")
    click(app, "pin-ok")
    assert top_name(app) == "PinDialog" and not app.facilitator_unlocked
    element(app, "pin").set_text("2468")
    click(app, "pin-ok")
    assert top_name(app) == "FacilitatorPanel" and app.facilitator_unlocked
    press(app, pygame.K_F2)
    press(app, pygame.K_F2)
    assert top_name(app) == "FacilitatorPanel", "no PIN the second time"
    app.settings.save()
    stored = json.loads((Path(os.environ["COG_DATA_DIR"]) / "settings.json").read_text())
    # only a salted hash is kept (its hex digits may spell "2468" by chance: look at values)
    assert "2468" not in [v for v in stored.values() if isinstance(v, str)]
    salt, _, digest = stored["facilitator_pin"].partition(":")
    assert len(salt) == 16 and len(digest) == 64 and "2468" not in (salt, digest)


# ----- reasons for moves ----------------------------------------------------------------------------
def test_a_reason_typed_after_an_action_is_in_the_log_and_the_save(app: App, tmp_path: Path) -> None:
    rs = app.ruleset()
    assert rs is not None
    g = game_at(app, 1, at_a_human_turn, 4)
    b = open_game(app, g, facilitator=True)
    start = len(g.actions)
    click_bar_verb(app, "pass")
    assert top_name(app) == "ReasonScene"
    click(app, "reason")
    type_text(app, "Saving capital for the summit")
    press(app, pygame.K_RETURN)
    assert top_name(app) != "ReasonScene"
    assert g.reasons[start] == "Saving capital for the summit"
    assert ("Saving capital for the summit", "reason") in b.log.lines
    saved = json.loads((tmp_path / "autosave.json").read_text(encoding="utf-8"))
    assert saved["reasons"][str(start)] == "Saving capital for the summit"
    assert Game.from_json(rs, json.dumps(saved)).reasons[start] == "Saving capital for the summit"


def test_no_reason_prompt_when_reasons_are_off(app: App) -> None:
    """Alone, without the facilitator and with reasons optional, nothing asks why."""
    app.settings.reasons_required = False
    g = game_at(app, 1, at_a_human_turn, 4)
    b = open_game(app, g, facilitator=False)
    start = len(g.actions)
    click_bar_verb(app, "pass")
    steps(app, 3)
    assert top_name(app) != "ReasonScene"
    assert len(g.actions) > start and start not in g.reasons
    assert b.reason_due is None


def test_an_empty_enter_skips_the_reason(app: App) -> None:
    g = game_at(app, 1, at_a_human_turn, 4)
    open_game(app, g, facilitator=True)
    start = len(g.actions)
    click_bar_verb(app, "pass")
    assert top_name(app) == "ReasonScene"
    press(app, pygame.K_RETURN)
    assert top_name(app) != "ReasonScene" and start not in g.reasons


def test_reasons_required_cannot_be_skipped(app: App) -> None:
    rs = app.ruleset()
    assert rs is not None
    app.settings.reasons_required = True
    g = game_at(app, 1, at_a_human_turn, 4)
    open_game(app, g, facilitator=False)
    click_bar_verb(app, "pass")
    assert top_name(app) == "ReasonScene"
    assert not element(app, "reason-skip").is_enabled
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_RETURN)
    assert top_name(app) == "ReasonScene", "Esc and an empty line do not skip"
    type_text(app, "because")
    press(app, pygame.K_RETURN)
    assert top_name(app) != "ReasonScene"


# ----- the end screen: ended early, the report, the replay ------------------------------------------
def test_end_early_then_write_the_debrief_report(app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    rs = app.ruleset()
    assert rs is not None
    g = game_at(app, 1, lambda g: g.round >= 2 and at_a_human_turn(g), 6)
    g.reasons[g.action_starts[-1]] = "a reason for the report"
    open_game(app, g)
    open_tools(app)
    click(app, "fac-end")
    click(app, "end-early-yes")
    assert top_name(app) == "EndScene"
    end = app.top
    assert end.early and not g.over  # type: ignore[union-attr]
    click(app, "end-report")
    for _ in range(200):
        if end.job is not None and end.job.done:  # type: ignore[union-attr]
            break
        time.sleep(0.02)
        steps(app, 1)
    steps(app, 2)
    job = end.job  # type: ignore[union-attr]
    assert job is not None and not job.error, job.error if job else ""
    index = job.index
    assert index.exists() and index.parent.parent == tmp_path / "reports"
    assert "a reason for the report" in index.read_text(encoding="utf-8")
    click(app, "end-open-report")
    for _ in range(50):
        if opened:
            break
        time.sleep(0.01)
    assert opened == [index.resolve().as_uri()]


def test_the_replay_viewer_steps_through_a_finished_game_round_by_round(app: App, tmp_path: Path) -> None:
    rs = app.ruleset()
    assert rs is not None
    g = Game.new(rs, None, 9, seats_for(app, 0))
    play_until(g, lambda g: False)
    assert g.over
    (tmp_path / "saves").mkdir(exist_ok=True)
    (tmp_path / "saves" / "finished.json").write_text(g.to_json(), encoding="utf-8")
    click(app, "load")
    click(app, "load-replay")  # the newest save is the default
    assert top_name(app) == "ReplayScene"
    replay = app.top
    pages = replay.pages  # type: ignore[union-attr]
    ends = [h for h in g.history]
    assert len(pages) == len(ends) and pages[-1].last and pages[-1].game.over
    assert replay.index == 0  # type: ignore[union-attr]
    press(app, pygame.K_RIGHT)
    assert replay.index == 1  # type: ignore[union-attr]
    page = replay.page  # type: ignore[union-attr]
    # the board after round 1: the game replayed to the step the round ended at
    assert [str(a) for a in page.game.actions] == [str(a) for a in g.actions[: ends[1].step]]
    assert page.view.vp == ends[1].vp
    assert any(text.startswith("—") or "round 1" in text for text, _ in page.rows)
    click(app, "replay-next")
    assert replay.index == 2  # type: ignore[union-attr]
    press(app, pygame.K_END)
    assert replay.page.last  # type: ignore[union-attr]
    assert not element(app, "replay-next").is_enabled
    summit_pages = [p for p in pages if p.summit is not None]
    assert [p.round for p in summit_pages] == [s.round for s in g.summits]
    press(app, pygame.K_HOME)
    assert replay.index == 0  # type: ignore[union-attr]
    press(app, pygame.K_ESCAPE)
    assert top_name(app) == "LoadDialog"


# ----- hot-seat secrecy ----------------------------------------------------------------------------
def test_no_hand_shows_between_two_humans_decisions(app: App) -> None:
    rs = app.ruleset()
    assert rs is not None
    g = game_at(app, 2, at_a_human_turn, 17)
    b = open_game(app, g, facilitator=False)
    s = b.session
    assert top_name(app) == "HandoffScene" and b.view.hand == ()
    who = app.top.faction  # type: ignore[union-attr]
    click(app, "ready")
    assert b.view.viewer == who and b.view.hand, "the player's own decision shows their hand"
    click_bar_verb(app, "pass")
    assert top_name(app) != "ReasonScene", "reasons are off in a game without the facilitator"
    assert s.viewer is None and b.view.hand == (), "after the action, the room view"
    # while the bots play, nobody's hand shows
    for _ in range(300):
        if top_name(app) != "BoardScene" or not s.bot_to_act():
            break
        assert b.view.hand == () and b.view.viewer is None
        app.step()


def test_one_human_keeps_their_hand_unless_the_projector_is_on(app: App) -> None:
    rs = app.ruleset()
    assert rs is not None
    g = game_at(app, 1, at_a_human_turn, 17)
    b = open_game(app, g, facilitator=False)
    human = g.actor
    click_bar_verb(app, "pass")
    press(app, pygame.K_ESCAPE)
    assert b.session.bot_to_act() and b.view.viewer == human and b.view.hand
    app.settings.projector = True
    app.relayout()
    b.refresh()
    assert b.view.hand == () and b.room, "projector mode: the room view between turns"


# ----- stale state: hover and focus belong to one decision --------------------------------------------
def test_hover_and_focus_are_cleared_on_turn_change_and_after_a_dialog(app: App) -> None:
    g = game_at(app, 1, at_a_human_turn, 4)
    b = open_game(app, g, facilitator=True)
    assert b.session.human_to_act()
    # hover a badge, Tab to something, then close a dialog: both are gone
    sid = next(iter(b.map.badges))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=b.map.badges[sid].rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    steps(app, 2)
    assert b.hover_space == sid and b.map.hover == sid
    press(app, pygame.K_TAB)
    assert b.input.focused() is not None
    press(app, pygame.K_ESCAPE)  # the pause menu
    assert top_name(app) == "PauseScene"
    press(app, pygame.K_ESCAPE)
    assert app.top is b
    assert b.hover_space is None and b.map.hover is None and b.hover_card is None
    assert b.input.focused() is None and b.map.focus is None
    # focus a space or card again, take the turn: the next turn starts with nothing focused
    press(app, pygame.K_TAB)
    assert b.input.focused() is not None
    actor = g.actor
    click_bar_verb(app, "pass")
    if top_name(app) == "ReasonScene":
        press(app, pygame.K_ESCAPE)
    assert g.actor != actor, "the turn passed on"
    assert b.input.focused() is None and b.map.focus is None and b.hover_space is None


def test_ctrl_z_that_cannot_undo_says_why(app: App) -> None:
    g = game_at(app, 1, at_a_human_turn, 4)
    b = open_game(app, g, facilitator=False)
    assert not b.session.can_undo()
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert any(text.startswith("Nothing to undo") for text, _t in b.toasts)


def test_the_end_screen_charts_the_odds_when_the_worker_is_done(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Odds button starts the worker (here a stand-in that answers at once: the real one,
    a process, is tested in test_odds.py); the window keeps drawing meanwhile and then draws
    the odds under the balance index."""
    from game.analysis.odds import Odds, Point, outcome_keys
    from game.ui.scenes import end as end_scene

    class InstantOdds:
        def __init__(self, ruleset: object, save: str) -> None:
            g = Game.from_json(ruleset, save)  # type: ignore[arg-type]
            points = [Point(h.step, h.round + 1, True, False, 2, {"balance": 1, "breakdown": 1}, {}) for h in g.history]
            self.result = Odds(g, 2, 1, [], points, outcome_keys(g)).to_json()
            self.error, self.share, self.polled = "", 1.0, 0

        done = property(lambda self: self.polled > 1)

        def poll(self) -> bool:
            self.polled += 1
            return True

        def stop(self) -> None:
            pass

    monkeypatch.setattr(end_scene, "OddsJob", InstantOdds)
    g = game_at(app, 1, lambda g: g.round >= 2 and at_a_human_turn(g), 6)
    open_game(app, g)
    open_tools(app)
    click(app, "fac-end")
    click(app, "end-early-yes")
    assert top_name(app) == "EndScene"
    click(app, "end-odds")
    steps(app, 3)
    end = app.top
    assert end.odds is not None and end.odds.done  # type: ignore[union-attr]
    assert not element(app, "end-odds").is_enabled
