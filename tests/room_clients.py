"""Helpers for the room's tests: a host on 127.0.0.1 run headless in a thread, and page
clients that speak the protocol (a team's bot picks one of the choices the host offers)."""

from __future__ import annotations

import contextlib
import json
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from game.engine import Game
from game.room.headless import HeadlessTable, run_loop
from game.room.host import DEVICE, Room, keys_path_for
from game.ruleset.model import Ruleset
from game.ui.map_data import load_map


@dataclass
class Host:
    room: Room
    table: HeadlessTable
    stop: threading.Event
    thread: threading.Thread
    frame_times: list[float] = field(default_factory=list)

    @property
    def game(self) -> Game:
        return self.table.game

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.room.port}/ws"

    def call(self, fn: Any, *args: Any) -> Any:
        """Run `fn` between two of the host's frames (the facilitator's clicks)."""
        done = threading.Event()
        out: list[Any] = []
        self.table_calls.append((fn, args, out, done))
        done.wait(5)
        return out[0] if out else None

    table_calls: list[Any] = field(default_factory=list)


@contextlib.contextmanager
def hosting(game: Game, autosave: Path | None = None, port: int = 0) -> Iterator[Host]:
    keys = keys_path_for(autosave) if autosave is not None else None
    room = Room(game, load_map(), bind="127.0.0.1", port=port, keys_file=keys)
    room.start()
    table = HeadlessTable(game, autosave)
    stop = threading.Event()
    host = Host(room, table, stop, threading.Thread())

    class Loop:
        def is_set(self) -> bool:
            while host.table_calls:  # the facilitator's calls run on the host's thread
                fn, args, out, done = host.table_calls.pop(0)
                out.append(fn(*args))
                done.set()
            return stop.is_set()

        def wait(self, t: float) -> None:
            stop.wait(t)

    host.thread = threading.Thread(target=run_loop, args=(room, table, Loop(), 1 / 120, host.frame_times), daemon=True)
    host.thread.start()
    try:
        yield host
    finally:
        stop.set()
        host.thread.join(5)
        room.stop()


def new_game(ruleset: Ruleset, seed: int = 3, scenario: str = "seminar", seats: dict[str, str] | None = None) -> Game:
    return Game.new(ruleset, scenario, seed, seats or {f.id: DEVICE for f in ruleset.factions})


class Page:
    """A team's (or a spectator's) page, as a program: it keeps every message it gets."""

    def __init__(self, url: str, token: str | None = None, spectate: bool = False) -> None:
        self.ws: ClientConnection = connect(url, open_timeout=5, max_size=2**22).__enter__()  # closed by close()
        self.messages: list[dict[str, Any]] = []
        self.raw: list[str] = []
        self.state: dict[str, Any] | None = None
        self.closed: tuple[int, str] | None = None
        self.unread: list[dict[str, Any]] = []
        hello: dict[str, Any] = {"v": 1, "type": "hello"}
        if spectate:
            hello["spectate"] = True
        else:
            hello["token"] = token
        self.send(hello)

    def send(self, msg: dict[str, Any]) -> None:
        self.ws.send(json.dumps(msg))

    def pump(self, timeout: float = 0.0) -> list[dict[str, Any]]:
        """Read what has arrived (waiting up to `timeout` for the first message)."""
        got = []
        wait = timeout
        while True:
            try:
                text = self.ws.recv(timeout=wait)
            except TimeoutError:
                break
            except ConnectionClosed as e:
                self.closed = (e.rcvd.code, e.rcvd.reason) if e.rcvd else (1006, "")
                break
            wait = 0.0
            assert isinstance(text, str)
            self.raw.append(text)
            m = json.loads(text)
            m["_at"] = time.perf_counter()
            self.messages.append(m)
            if m["type"] == "state":
                self.state = m
            got.append(m)
        self.unread.extend(got)
        return got

    def wait_for(self, pred: Any, timeout: float = 5.0) -> dict[str, Any]:
        """The first message not yet looked at by a wait that matches `pred` (those before it are passed over)."""
        end = time.monotonic() + timeout
        while True:
            while self.unread:
                m = self.unread.pop(0)
                if pred(m):
                    return m
            if self.closed or time.monotonic() >= end:
                break
            self.pump(0.05)
        last = [{k: m.get(k) for k in ("type", "version", "message")} for m in self.messages[-3:]]
        raise AssertionError(f"nothing matched within {timeout}s; last: {last}; closed: {self.closed}")

    def act(self, action: str, at: int | None = None) -> None:
        assert self.state is not None
        self.send({"v": 1, "type": "act", "action": action, "at": self.state["version"] if at is None else at})

    def close(self) -> None:
        self.ws.close()


def play_through(pages: dict[str, Page], host: Host, seed: int = 0, max_seconds: float = 120.0, on_step: Any = None,
                 idle: tuple[Page, ...] = ()) -> int:
    """Each team's bot picks one of the choices its page was offered, until the game ends
    (`idle`: pages, such as spectators', that only read)."""
    rng = random.Random(seed)
    sent_for: dict[str, int] = {}
    steps = 0
    end = time.monotonic() + max_seconds
    while not host.game.over and time.monotonic() < end:
        for page in idle:
            page.pump(0.0)
        for f, page in pages.items():
            if any(m["type"] == "error" for m in page.pump(0.002)):
                sent_for.pop(f, None)  # refused (too fast, or stale): choose again
            s = page.state
            if s and s["choices"] and sent_for.get(f) != s["version"]:
                sent_for[f] = s["version"]
                choice = rng.choice(s["choices"])["action"]
                page.act(choice)
                steps += 1
                if on_step is not None:
                    on_step(f, choice, s)
    return steps
