"""The desktop game driven through its real event loop, headless, with posted mouse and key
events: a 2-human + 3-bot game from the menu, a card for operations and one for its
event, a hand-off, save, load, undo, and the end screen."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.engine import Game  # noqa: E402
from game.ui.app import App, start_app  # noqa: E402


def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **kw: object) -> App:
    """The game window, headless, with a throw-away data folder, at its first frame."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path))
    a = App((1600, 900), fullscreen=False, bot_pace=0.0, **kw)  # type: ignore[arg-type]
    start_app(a)
    a.step()
    return a


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    a = make_app(tmp_path, monkeypatch)
    yield a
    a.shutdown()


def play_until(game: Game, done, limit: int = 5000) -> None:  # type: ignore[no-untyped-def]
    """Every seat (humans too) played by a random bot until `done(game)` or the end."""
    from game.ai.base import make_bot
    from game.ai.play import decide, seat_rng

    bot = make_bot("random")
    rng = seat_rng(game.seed, 0)
    for _ in range(limit):
        if game.over or done(game):
            return
        game.apply(decide(game, bot, rng))
    raise AssertionError("the game never got there")


# ----- driving the loop ------------------------------------------------------------------------
def steps(app: App, n: int = 2) -> None:
    for _ in range(n):
        app.step()


def element(app: App, oid: str):  # type: ignore[no-untyped-def]
    """The visible widget with object id `#oid`."""
    for e in app.gui.get_sprite_group().sprites():
        if f"#{oid}" in (getattr(e, "object_ids", None) or []) and getattr(e, "visible", False):
            return e
    raise AssertionError(f"no visible widget #{oid} on {type(app.top).__name__}")


def click_at(app: App, pos: tuple[int, int], frames: int = 3) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    steps(app, frames)


def click(app: App, oid: str, frames: int = 3) -> None:
    e = element(app, oid)
    assert e.is_enabled, f"#{oid} is disabled"
    click_at(app, e.rect.center, frames)


def press(app: App, key: int, mod: int = 0, frames: int = 3) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    steps(app, frames)


def type_text(app: App, text: str) -> None:
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    steps(app, 2)


def board(app: App):  # type: ignore[no-untyped-def]
    from game.ui.scenes.board import BoardScene

    b = app.find(BoardScene)
    assert b is not None, f"no board under {type(app.top).__name__}"
    return b


def top_name(app: App) -> str:
    return type(app.top).__name__


def skip_reason(app: App) -> None:
    """Esc on the "why?" prompt a human's finished action brings up."""
    if top_name(app) == "ReasonScene":
        press(app, pygame.K_ESCAPE)


def wait_for_human(app: App, limit: int = 3000) -> None:
    """Let the bots play (at no delay) until a human must act or a screen needs a click
    (a "why?" prompt is skipped)."""
    b = board(app)
    for _ in range(limit):
        skip_reason(app)
        if app.top is not b or b.session.human_to_act() or b.session.game.over:
            return
        app.step()
    raise AssertionError("the bots never handed over")


def pass_handoff(app: App) -> str:
    assert top_name(app) == "HandoffScene"
    who = app.top.faction  # type: ignore[union-attr]
    b = board(app)
    assert b.session.viewer != who
    click(app, "ready")
    assert app.top is b and b.session.viewer == who
    return str(who)


def click_card(app: App, card_id: str) -> None:
    b = board(app)
    rect = dict(b.hand.card_rects)[card_id]
    click_at(app, rect.center)


def confirm_pass(app: App) -> None:
    """Pass asks once more: Enter confirms."""
    if top_name(app) == "ConfirmDialog":
        press(app, pygame.K_RETURN)


def click_bar(app: App, verb: str) -> None:
    b = board(app)
    for i, (action, _button) in enumerate(b.action_bar.buttons):
        if action.verb == verb:
            click(app, f"act-{i}")
            if verb == "pass":
                confirm_pass(app)
            return
    raise AssertionError(f"no {verb} button; bar has {[str(a) for a, _ in b.action_bar.buttons]}")


def click_space(app: App, space_id: str) -> None:
    b = board(app)
    click_at(app, b.map.badges[space_id].rect.center)


def resolve_by_mouse(app: App, actor: str, limit: int = 40) -> None:
    """Answer whatever `actor` is asked next with clicks, until its turn is over."""
    b = board(app)
    for _ in range(limit):
        if app.top is not b or b.session.game.actor != actor:
            return
        if b.space_actions:
            click_space(app, next(iter(b.space_actions)))
        elif b.card_actions:
            click_card(app, next(iter(b.card_actions)))
        elif b.action_bar.buttons:
            verb = b.action_bar.buttons[0][0].verb
            click_bar(app, "done" if any(a.verb == "done" for a, _ in b.action_bar.buttons) else verb)
        else:
            steps(app, 1)
    raise AssertionError("the turn did not end")


def start_hot_seat_game(app: App, seed: str = "7") -> None:
    click(app, "new")
    assert top_name(app) == "SetupScene"
    setup = app.top
    seats = list(setup.seats)  # type: ignore[union-attr]
    for i, fid in enumerate(seats, start=1):
        want_human = i <= 2
        for _ in range(8):
            if (setup.seats[fid] == "human") == want_human:  # type: ignore[union-attr]
                break
            click(app, f"seat-next-{i}")
        assert (setup.seats[fid] == "human") == want_human  # type: ignore[union-attr]
    click(app, "seed")
    type_text(app, seed)
    click(app, "start")


# ----- the tests ---------------------------------------------------------------------------------
def test_menu_starts_a_two_human_three_bot_game(app: App) -> None:
    start_hot_seat_game(app)
    b = board(app)
    seats = b.session.seats
    assert sorted(seats.values()).count("human") == 2 and len(seats) == 5
    assert b.session.game.seed == 7
    # the first human gets the screen through a hand-off that shows nothing secret
    wait_for_human(app)
    assert top_name(app) == "HandoffScene"
    assert b.session.viewer is None
    first = pass_handoff(app)
    assert set(b.view.hand) and b.view.viewer == first


def test_play_for_ops_and_for_event_with_handoffs_save_load_and_undo(app: App, tmp_path: Path) -> None:
    start_hot_seat_game(app, "3")
    b = board(app)
    humans = b.session.humans
    wait_for_human(app)
    first = pass_handoff(app)
    g: Game = b.session.game

    # undo: play a card, take it back with Ctrl+Z
    card = next(iter(b.card_actions))
    click_card(app, card)
    assert g.actions[-1].verb == "play" and any(a.verb == "ops" for a, _ in b.action_bar.buttons)
    press(app, pygame.K_z, pygame.KMOD_CTRL)
    assert g.actions == [] or g.actions[-1].verb != "play" or g.actions[-1].args != (card,)
    assert card in b.card_actions

    # a card for operations: choose it, choose operations, click lit spaces
    placed_before = sum(sum(sum(d.values()) for d in s.influence.values()) for s in g.view(None).spaces.values())
    click_card(app, card)
    click_bar(app, "ops")
    assert b.space_actions, "operations light up the spaces one may place in"
    resolve_by_mouse(app, first)
    placed_after = sum(sum(sum(d.values()) for d in s.influence.values()) for s in g.view(None).spaces.values())
    assert g.actor != first
    assert placed_after != placed_before
    assert any(f"plays {b.card_names[card]} for operations" in g.log_text(e) for e in g.log)

    # the bots play; the second human gets a hand-off and plays a card for its event
    wait_for_human(app)
    while top_name(app) != "HandoffScene":
        if b.session.game.actor == b.session.viewer and b.session.human_to_act():
            resolve_by_mouse(app, b.session.viewer or "")
        if top_name(app) not in ("BoardScene", "HandoffScene"):
            press(app, pygame.K_RETURN)
        wait_for_human(app)
    second = pass_handoff(app)
    if second == first:  # a new round can bring the first human back before the second
        resolve_by_mouse(app, first)
        wait_for_human(app)
        second = pass_handoff(app)
    assert second in humans and second != first
    cards = {c.id: c for c in b.rs.cards}
    with_event = [cid for cid in b.card_actions if cards[cid].event]
    assert with_event, "the second human holds a playable card with an event"
    click_card(app, with_event[0])
    click_bar(app, "event")
    assert any(f"plays {cards[with_event[0]].name} for its event" in g.log_text(e) for e in g.log)
    resolve_by_mouse(app, second)
    skip_reason(app)

    # save (Ctrl+S), then load it from the pause menu
    press(app, pygame.K_s, pygame.KMOD_CTRL)
    assert top_name(app) == "SaveDialog"
    element(app, "save-name").set_text("seminar test")
    at_save = [str(a) for a in g.actions]  # the bots wait while a dialog is open
    click(app, "save-ok")
    saved = tmp_path / "saves" / "seminar test.json"
    assert saved.exists()
    assert (tmp_path / "autosave.json").exists()
    saved_actions = [str(a) for a in Game.from_json(b.rs, saved.read_text(encoding="utf-8")).actions]
    assert saved_actions == at_save

    press(app, pygame.K_ESCAPE)
    assert top_name(app) == "PauseScene"
    click(app, "pause-load")
    assert top_name(app) == "LoadDialog"
    dialog = app.top
    index = next(i for i, p in enumerate(dialog.paths) if p.name == "seminar test.json")  # type: ignore[union-attr]
    item = dialog.list.item_list[index]["button_element"]  # type: ignore[union-attr]
    click_at(app, item.rect.center)
    click(app, "load-ok")
    loaded = board(app)
    assert loaded is not b
    # the loaded game replays the saved steps (the bots may already have moved on since)
    assert [str(a) for a in loaded.session.game.actions[: len(saved_actions)]] == saved_actions


def test_keyboard_only_play_reaches_the_end_screen(app: App, tmp_path: Path) -> None:
    """From a save near the end, Tab and Enter alone finish the game; the end screen shows."""
    from game.ai.base import make_bot
    from game.ai.play import decide, seat_rng

    rs = app.ruleset()
    assert rs is not None
    seats = {f.id: ("human" if i < 2 else "random") for i, f in enumerate(rs.factions)}
    scenario = min(rs.scenarios, key=lambda s: s.rounds)
    bot = make_bot("random")
    for seed in range(5, 50):  # the first seed whose random game is still open in its last action round
        g = Game.new(rs, scenario.id, seed, seats)
        rng = seat_rng(seed, 0)
        while not g.over and not (g.round == scenario.rounds and g.phase == "actions" and g.action_round >= rs.settings.action_rounds):
            g.apply(decide(g, bot, rng))
        if not g.over:
            break
    assert not g.over
    (tmp_path / "saves").mkdir(exist_ok=True)
    (tmp_path / "saves" / "late.json").write_text(g.to_json(), encoding="utf-8")

    click(app, "load")
    press(app, pygame.K_RETURN)  # the newest save is the default choice
    b = board(app)
    # Bots think in a worker thread and steps animate for a set time, so how many frames
    # the end takes depends on the machine: wait by the clock, not by a frame count.
    deadline = time.monotonic() + 120.0
    while time.monotonic() < deadline:
        name = top_name(app)
        if name == "EndScene":
            break
        if name == "BoardScene" and b.session.human_to_act():
            press(app, pygame.K_TAB, frames=1)
            press(app, pygame.K_RETURN, frames=2)
        elif name in ("HandoffScene", "SummitScene", "ReasonScene", "ConfirmDialog"):
            press(app, pygame.K_RETURN, frames=2)
        else:
            steps(app, 1)
    assert top_name(app) == "EndScene"
    assert b.session.game.over
    steps(app, 2)
    click(app, "end-menu")
    assert top_name(app) == "MenuScene"
    assert element(app, "continue").is_enabled


def test_resizing_full_screen_and_text_size_lay_the_board_out_again(app: App) -> None:
    start_hot_seat_game(app)
    b = board(app)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1280, h=720, size=(1280, 720)))
    steps(app, 1)
    import time

    time.sleep(0.15)  # resizing waits for the window to stop changing
    steps(app, 2)
    assert app.size == (1280, 720)
    assert b.map is not None and app.screen.get_rect().contains(b.map.map_rect)
    press(app, pygame.K_ESCAPE)
    if top_name(app) == "HandoffScene":
        press(app, pygame.K_ESCAPE)
    assert top_name(app) == "PauseScene"
    click(app, "pause-settings")
    before = app.theme.font_px("body")
    click(app, "text-size")
    assert app.settings.text_size == "large" and app.theme.font_px("body") > before
    click(app, "settings-done")
    click(app, "resume")
    assert app.find(type(b)) is b
    steps(app, 3)
    press(app, pygame.K_F11)
    assert app.fullscreen and app.settings.fullscreen
    press(app, pygame.K_F11)
    assert not app.fullscreen


def test_continue_resumes_the_autosave(app: App, tmp_path: Path) -> None:
    start_hot_seat_game(app, "9")
    wait_for_human(app)
    first = pass_handoff(app)
    b = board(app)
    click_card(app, next(iter(b.card_actions)))
    played = [str(a) for a in b.session.game.actions]
    assert (tmp_path / "autosave.json").exists()
    press(app, pygame.K_ESCAPE)
    click(app, "pause-menu")
    assert top_name(app) == "MenuScene"
    click(app, "continue")
    resumed = board(app)
    assert resumed is not b
    assert [str(a) for a in resumed.session.game.actions] == played
    # the player who was deciding gets the screen back through a hand-off
    assert top_name(app) == "HandoffScene" and app.top.faction == first  # type: ignore[union-attr]
