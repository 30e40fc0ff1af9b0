"""The window as the seminar room's screen, headless: a game with team devices starts the room
and shows the join panel; a team's step taken on its page is applied by the window's loop;
the facilitator re-issues a link and hands a seat to a bot from the panel."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from test_ui_game import click, make_app, press, steps, top_name  # noqa: E402

from game.engine import Game  # noqa: E402
from game.room import protocol as p  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.scenes.board import game_session, new_board  # noqa: E402
from game.ui.session import DEVICE  # noqa: E402

from room_clients import Page  # noqa: E402


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    a = make_app(tmp_path, monkeypatch)
    a.room_bind, a.room_port = "127.0.0.1", 0
    yield a
    a.shutdown()


def _room_game(app: App) -> Game:
    rs = app.ruleset()
    assert rs is not None
    seats = {f.id: DEVICE for f in rs.factions}
    seats[rs.factions[-1].id] = "random"
    return Game.new(rs, "seminar", 7, seats)


def _until(app: App, pred, limit: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + limit
    while time.monotonic() < end:
        app.step()
        if pred():
            return
        time.sleep(0.01)
    raise AssertionError("the window did not get there")


def test_a_game_with_team_devices_opens_the_room_and_its_join_panel(app: App) -> None:
    game = _room_game(app)
    new_board(app, game_session(app.rules(), game))
    steps(app, 2)
    assert app.room_link is not None and top_name(app) == "JoinPanel"
    room = app.room_link.room
    assert set(room.links) == {f for f, k in game.seats.items() if k == DEVICE}
    actor = game.actor
    assert actor in room.links
    page = Page(f"ws://127.0.0.1:{room.port}/ws", room.token_of(actor))
    page.wait_for(lambda m: m["type"] == "state")
    _until(app, lambda: actor in room.connected())
    before = len(game.actions)
    page.act(page.state["choices"][-1]["action"])
    _until(app, lambda: len(game.actions) > before)  # the window's loop applied the team's step
    # the panel: a new link closes the old page; a bot takes a seat and gives it back
    old = room.token_of(actor)
    click(app, f"room-reissue-{actor}")
    assert room.token_of(actor) != old
    with pytest.raises(AssertionError):
        page.wait_for(lambda m: False, timeout=1)
    assert page.closed is not None and page.closed[0] == p.CLOSE_BAD_LINK
    click(app, f"room-bot-{actor}")
    assert room.standing_in(actor) and actor in app.room_link.session.bots
    click(app, f"room-bot-{actor}")
    assert not room.standing_in(actor) and actor not in app.room_link.session.bots
    press(app, pygame.K_F3)
    assert top_name(app) == "BoardScene"
    press(app, pygame.K_F3)
    assert top_name(app) == "JoinPanel"


def test_the_room_stops_when_the_game_leaves_the_screen(app: App) -> None:
    new_board(app, game_session(app.rules(), _room_game(app)))
    steps(app, 2)
    link = app.room_link
    assert link is not None and link.room.server.running
    from game.ui.scenes.menu import MenuScene

    app.replace_all(MenuScene(app))
    steps(app, 2)
    assert app.room_link is None and not link.room.server.running
