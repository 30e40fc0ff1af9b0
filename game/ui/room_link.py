"""The seminar room beside the window: the window is the room's screen and its `Table`.

Started by the app when a game with team devices is on screen (New game, Continue, Load
or `python -m game host`); `pump()` runs once a frame on the window's thread, so the game
is only ever changed there. A team's step goes through the board's own `_apply` (the
same toasts, pulses and summit screen as a step taken at the screen).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pygame

from game.engine import Action
from game.room.host import Room, keys_path_for
from game.ui.data_dir import autosave_path
from game.ui.map_data import load_map

if TYPE_CHECKING:
    from game.ui.scenes.board import BoardScene
    from game.ui.session import Session

log = logging.getLogger(__name__)

ROOM_WAKE = pygame.event.custom_type()
"""Posted by the server's thread when a team's message arrives: the idle window wakes."""
DEFAULT_PORT = 8765
"""A fixed port, so the teams' links still work after the host is restarted."""


class RoomLink:
    def __init__(self, board: BoardScene, bind: str = "0.0.0.0", port: int | None = None) -> None:
        self.board = board
        session = board.session
        keys = keys_path_for(autosave_path()) if session.autosave else None
        geometry = session.geometry or load_map()
        self.room = Room(session.game, geometry, bind=bind, port=DEFAULT_PORT if port is None else port, keys_file=keys)
        self.room.server.wake = _wake
        try:
            self.room.start()
        except OSError:
            if port is not None:
                raise
            # the usual port is taken (another room?): any free one; links then change on a restart
            self.room = Room(session.game, geometry, bind=bind, port=0, keys_file=keys)
            self.room.server.wake = _wake
            self.room.start()

    @property
    def session(self) -> Session:
        return self.board.session

    # ----- the room's Table ------------------------------------------------------------------------
    @property
    def game(self) -> Any:
        return self.session.game

    @property
    def paused(self) -> bool:
        return self.session.paused

    def apply(self, action: Action) -> object:
        self.board._apply(action)  # noqa: SLF001 — the board's own path for a step (toasts, summit)
        return None

    def set_reason(self, start: int, text: str) -> None:
        self.session.game.set_reason(text, start)
        if self.session.autosave:
            self.session.save_to(autosave_path())

    def timer(self) -> dict[str, Any] | None:
        t = self.session.timer
        if not t.running or t.faction is None:
            return None
        return {"faction": t.faction, "left": round(max(0.0, t.left), 1), "limit": t.limit, "start": t.key[1] if t.key else 0}

    def stand_in(self, faction: str, on: bool) -> None:
        self.session.stand_in(faction, on)

    # ----- once a frame ------------------------------------------------------------------------------
    def pump(self) -> bool:
        """Take the teams' steps and publish; True if the screen must be redrawn."""
        try:
            return self.room.pump(self) > 0
        except Exception:  # the room never raises into the window's loop
            log.exception("room pump")
            return False

    def close(self) -> None:
        self.room.stop()


def _wake() -> None:
    try:
        pygame.event.post(pygame.event.Event(ROOM_WAKE))
    except pygame.error:  # the window is closing
        pass
