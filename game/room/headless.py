"""A table without a window: the game, bots in the bot seats (and standing in for teams),
and the autosave. `python -m game host --headless` and the tests run the room on it."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

from game.ai.base import Bot, make_bot
from game.ai.play import decide, seat_rng
from game.engine import Action, Game
from game.engine.rng import Rng
from game.files import atomic_write
from game.room.host import DEVICE, Room

HUMAN = "human"


class HeadlessTable:
    def __init__(self, game: Game, autosave: Path | None = None, stand_in_kind: str = "heuristic", bot_budget: float = math.inf) -> None:
        self.game = game
        self.paused = False
        self.autosave = autosave
        self.stand_in_kind = stand_in_kind
        self.bot_budget = bot_budget
        self.bots: dict[str, Bot] = {}
        self.rngs: dict[str, Rng] = {}
        for i, (fid, kind) in enumerate(game.seats.items()):
            self.rngs[fid] = seat_rng(game.seed + len(game.actions), i)
            if kind not in (DEVICE, HUMAN):
                self.bots[fid] = make_bot(kind)

    def apply(self, action: Action) -> None:
        self.game.apply(action)
        self.save()

    def save(self) -> None:
        if self.autosave is not None:
            atomic_write(self.autosave, self.game.to_json())

    def set_reason(self, start: int, text: str) -> None:
        self.game.set_reason(text, start)
        self.save()

    def timer(self) -> dict[str, Any] | None:
        return None

    def stand_in(self, faction: str, on: bool) -> None:
        if on:
            self.bots[faction] = make_bot(self.stand_in_kind)
        elif self.game.seats.get(faction) == DEVICE:
            self.bots.pop(faction, None)

    def bot_step(self) -> bool:
        """Let a bot take its step if one is to act; True if it did."""
        actor = self.game.actor
        if self.paused or actor is None or actor not in self.bots:
            return False
        self.apply(decide(self.game, self.bots[actor], self.rngs[actor], self.bot_budget))
        return True


def run_loop(room: Room, table: HeadlessTable, stop: Any, frame: float = 1 / 60, frame_times: list[float] | None = None) -> None:
    """The host's loop without a window: pump the room, let bots play, ~60 times a second,
    until `stop.is_set()` (a threading.Event)."""
    while not stop.is_set():
        t0 = time.perf_counter()
        room.pump(table)
        table.bot_step()
        room.publish_if_changed(table)
        spent = time.perf_counter() - t0
        if frame_times is not None:
            frame_times.append(spent)
        if spent < frame:
            stop.wait(frame - spent)
