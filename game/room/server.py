"""The room's WebSocket server: its own asyncio loop in a thread beside the window's loop.

It serves the one static page (`static/`) and the map through `process_request`, checks
each connection's link token, rate-limits every connection, and hands the teams'
checked messages to the window's thread through `inbound` (a queue); it never touches
the game. The window's thread hands back what to send through `publish` and `send_to`,
which are safe to call from any thread. A newer connection of a seat replaces the older
one; a state waiting to be sent to a slow page is replaced by the newer one (a state is
always whole, so a page skips nothing it needs).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import queue
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any

from websockets.asyncio.server import ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from game.i18n import _
from game.room import protocol as p
from game.room.keys import SeatKeys
from game.room.page_words import words_js

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
PAGES = {"/": ("team.html", "text/html; charset=utf-8"), "/room.css": ("room.css", "text/css; charset=utf-8"),
         "/room.js": ("room.js", "text/javascript; charset=utf-8")}  # fmt: skip
WS_PATH = "/ws"
WORDS_PATH = "/words.js"
"""The page's own words in the host's language (`page_words`)."""
HELLO_TIMEOUT = 15.0
RATE = 20.0
"""Messages a second a connection may send on average (a person taps far fewer) ..."""
BURST = 40.0
"""... and at once."""
FLOOD_CLOSE = 400
"""Messages dropped for the rate before the connection is closed."""
SPECTATOR = ""
"""The key of spectators' states in `publish` (teams' keys are faction ids)."""


@dataclass(eq=False)
class Conn:
    id: int
    ws: ServerConnection
    faction: str | None = None
    role: str = ""
    """`team` or `spectator` once the hello is taken."""
    pending: deque[tuple[str, str]] = field(default_factory=deque)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    tokens: float = BURST
    last: float = field(default_factory=time.monotonic)
    dropped: int = 0
    warned_at: float = 0.0

    def allow(self) -> bool:
        """A token bucket: RATE a second, BURST at once."""
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.last) * RATE)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        self.dropped += 1
        return False


@dataclass(frozen=True)
class Inbound:
    """A checked message from a team, for the window's thread (`kind`: act, reason, joined, left)."""

    conn: int
    faction: str | None
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


class RoomServer:
    def __init__(self, keys: SeatKeys, bind: str = "127.0.0.1", port: int = 0, files: dict[str, bytes] | None = None) -> None:
        self.keys = keys
        self.bind = bind
        self.port = port
        self.inbound: queue.SimpleQueue[Inbound] = queue.SimpleQueue()
        self.extra_files = dict(files or {})
        """Path -> JSON bytes served beside the page (the map)."""
        self._files = {path: (STATIC / name).read_bytes() for path, (name, _ct) in PAGES.items()}
        self._conns: dict[int, Conn] = {}
        self._seat_conn: dict[str, int] = {}
        self._latest: dict[str, str] = {}
        self._welcome: dict[str, str] = {}
        self._seat_info: dict[str, str] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Future[None] | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self.error: BaseException | None = None
        self.sent = 0
        self.wake: Any = None
        """Called (on the server's thread) when a message is queued for the host: wakes an idle window."""

    # ----- life cycle (any thread) ------------------------------------------------------------------
    def start(self, timeout: float = 10.0) -> None:
        """Start listening; OSError (the port is taken …) is raised here, not in the thread."""
        self._thread = threading.Thread(target=self._run, name="room-server", daemon=True)
        self._thread.start()
        self._ready.wait(timeout)
        if self.error is not None:
            raise OSError(_("The room cannot listen on {address}: {error}").format(address=f"{self.bind}:{self.port}", error=self.error))
        if not self._ready.is_set():
            raise OSError(_("The room's server did not start."))

    def stop(self) -> None:
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_finish, stop)
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def connected(self) -> dict[str, int]:
        """Faction -> its connection's id, for the seats whose device is connected now."""
        with self._lock:
            return dict(self._seat_conn)

    def spectators(self) -> int:
        with self._lock:
            return sum(1 for c in self._conns.values() if c.role == "spectator")

    # ----- what to send (any thread) ------------------------------------------------------------------
    def set_welcome(self, key: str, text: str) -> None:
        with self._lock:
            self._welcome[key] = text

    def publish(self, states: dict[str, str], seat_info: dict[str, str] | None = None) -> None:
        """New states: faction -> its state's text, SPECTATOR -> the public one."""
        with self._lock:
            self._latest.update(states)
            if seat_info is not None:
                self._seat_info = dict(seat_info)
        self._call(self._broadcast, dict(states))

    def send_to(self, conn_id: int, text: str) -> None:
        self._call(self._send_one, conn_id, "msg", text)

    def kick(self, faction: str, code: int, reason: str) -> None:
        """Close the connection of `faction`'s seat (its link was re-issued)."""
        self._call(self._kick, faction, code, reason)

    def _call(self, fn: Any, *args: Any) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop is closing
            loop.call_soon_threadsafe(fn, *args)

    # ----- the loop's thread -------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as e:  # never into the window's loop: kept for start() and the panel
            self.error = e
            listening = self._ready.is_set()
            self._ready.set()
            # Not listening (the port is taken, the address is not this machine's): start()
            # says so in a sentence, so no traceback; a server that stops later is a bug.
            if listening or not isinstance(e, OSError):
                log.exception("the room's server stopped")

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = self._loop.create_future()
        async with serve(self._handler, self.bind, self.port, process_request=self._http, max_size=p.MAX_FRAME,
                         max_queue=8, ping_interval=10, ping_timeout=20, close_timeout=0.5,
                         server_header=None) as server:  # fmt: skip
            sockets = list(server.sockets)
            if sockets:
                self.port = sockets[0].getsockname()[1]
            self._ready.set()
            await self._stop
            # leaving `serve` closes every connection at once (1001, going away), waiting at
            # most close_timeout for a page that reads nothing

    def _http(self, connection: ServerConnection, request: Request) -> Response | None:
        path = request.path.split("?", 1)[0]
        if path == WS_PATH:
            return None
        if path in self._files:
            return _response(HTTPStatus.OK, self._files[path], PAGES[path][1])
        if path == WORDS_PATH:  # made at each request: the host's language may have changed
            return _response(HTTPStatus.OK, words_js(), "text/javascript; charset=utf-8")
        if path in self.extra_files:
            return _response(HTTPStatus.OK, self.extra_files[path], "application/json")
        return _response(HTTPStatus.NOT_FOUND, b"Not found.", "text/plain; charset=utf-8")

    async def _handler(self, ws: ServerConnection) -> None:
        conn = Conn(next(self._ids), ws)
        sender = asyncio.create_task(self._sender(conn))
        try:
            if await self._hello(conn):
                await self._receive(conn)
        except ConnectionClosed:
            pass
        except Exception:  # a bug here closes one connection, never the room
            log.exception("room connection %s", conn.id)
        finally:
            sender.cancel()
            self._forget(conn)

    async def _hello(self, conn: Conn) -> bool:
        ws = conn.ws
        try:
            raw = await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT)
        except TimeoutError:
            await ws.close(p.CLOSE_NO_HELLO, "No hello.")
            return False
        try:
            data = p.parse_client(raw)
        except p.ProtocolError as e:
            await ws.close(p.CLOSE_NO_HELLO, str(e)[:120])
            return False
        if data["type"] != "hello":
            await ws.close(p.CLOSE_NO_HELLO, "The first message must be a hello.")
            return False
        if data.get("spectate") is True and "token" not in data:
            conn.role = "spectator"
            key = SPECTATOR
        else:
            faction = self.keys.check(data.get("token"))
            if faction is None:
                await ws.close(p.CLOSE_BAD_LINK, p.BAD_LINK_REASON)
                return False
            conn.role, conn.faction, key = "team", faction, faction
        with self._lock:
            self._conns[conn.id] = conn
            old = self._seat_conn.get(key) if conn.role == "team" else None
            if conn.role == "team":
                self._seat_conn[key] = conn.id
            welcome, latest = self._welcome.get(key), self._latest.get(key)
        if old is not None and old in self._conns:
            asyncio.create_task(self._close(self._conns[old], p.CLOSE_REPLACED, p.REPLACED_REASON))
        if welcome is not None:
            self._send_one(conn.id, "msg", welcome)
        if latest is not None:
            self._send_one(conn.id, "state", latest)
        self._broadcast_seats()
        if conn.faction is not None:
            self.inbound.put(Inbound(conn.id, conn.faction, "joined"))
            self._wake()
        return True

    async def _receive(self, conn: Conn) -> None:
        async for raw in conn.ws:
            if not conn.allow():
                now = time.monotonic()
                if conn.dropped >= FLOOD_CLOSE:
                    await conn.ws.close(p.CLOSE_FLOOD, "Too many messages.")
                    return
                if now - conn.warned_at > 1.0:
                    conn.warned_at = now
                    self._send_one(conn.id, "msg", p.error(_("Too many messages: slow down (this one was ignored).")))
                continue
            try:
                data = p.parse_client(raw)
            except p.ProtocolError as e:
                self._send_one(conn.id, "msg", p.error(str(e)))
                continue
            kind = data["type"]
            if kind == "ping":
                self._send_one(conn.id, "msg", p.encode("pong"))
            elif kind == "hello":
                self._send_one(conn.id, "msg", p.error(_("Already joined.")))
            elif conn.role != "team":
                self._send_one(conn.id, "msg", p.error(_("A spectator's page shows the board; it cannot act.")))
            else:
                self.inbound.put(Inbound(conn.id, conn.faction, kind, data))
                self._wake()

    def _forget(self, conn: Conn) -> None:
        left = False
        with self._lock:
            self._conns.pop(conn.id, None)
            if conn.faction is not None and self._seat_conn.get(conn.faction) == conn.id:
                del self._seat_conn[conn.faction]
                left = True
        if left:
            self.inbound.put(Inbound(conn.id, conn.faction, "left"))
            self._wake()
        with contextlib.suppress(RuntimeError):
            self._broadcast_seats()

    def _wake(self) -> None:
        if self.wake is not None:
            try:
                self.wake()
            except Exception:
                log.exception("room wake")

    async def _close(self, conn: Conn, code: int, reason: str) -> None:
        with contextlib.suppress(Exception):
            await conn.ws.close(code, reason)

    def _kick(self, faction: str, code: int, reason: str) -> None:
        with self._lock:
            cid = self._seat_conn.get(faction)
            conn = self._conns.get(cid) if cid is not None else None
        if conn is not None:
            asyncio.create_task(self._close(conn, code, reason))

    # ----- sending ----------------------------------------------------------------------------------
    def _broadcast(self, states: dict[str, str]) -> None:
        for conn in list(self._conns.values()):
            key = conn.faction if conn.role == "team" else SPECTATOR
            text = states.get(key) if key is not None else None
            if text is not None:
                self._queue(conn, "state", text)

    def _broadcast_seats(self) -> None:
        with self._lock:
            connected = set(self._seat_conn)
            info = dict(self._seat_info)
            spectators = sum(1 for c in self._conns.values() if c.role == "spectator")
        seats = {f: ("connected" if f in connected else "away") if kind == "team" else kind for f, kind in info.items()}
        text = p.encode("seats", seats=seats, spectators=spectators)
        for conn in list(self._conns.values()):
            self._queue(conn, "msg", text)

    def _send_one(self, conn_id: int, kind: str, text: str) -> None:
        conn = self._conns.get(conn_id)
        if conn is not None:
            self._queue(conn, kind, text)

    def _queue(self, conn: Conn, kind: str, text: str) -> None:
        if kind == "state":  # a newer state replaces one not yet sent
            conn.pending = deque(m for m in conn.pending if m[0] != "state")
        conn.pending.append((kind, text))
        if len(conn.pending) > 64:  # a page that reads nothing: keep the newest
            conn.pending = deque(list(conn.pending)[-32:])
        conn.wake.set()

    async def _sender(self, conn: Conn) -> None:
        while True:
            await conn.wake.wait()
            conn.wake.clear()
            while conn.pending:
                _kind, text = conn.pending.popleft()
                try:
                    await conn.ws.send(text)
                except ConnectionClosed:
                    return
                self.sent += 1


def _finish(stop: asyncio.Future[None]) -> None:
    if not stop.done():
        stop.set_result(None)


def _response(status: HTTPStatus, body: bytes, content_type: str) -> Response:
    headers = Headers()
    headers["Content-Type"] = content_type
    headers["Content-Length"] = str(len(body))
    headers["Cache-Control"] = "no-store"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Content-Type-Options"] = "nosniff"
    # the page loads nothing from anywhere else: no CDN, no fonts, no framework
    headers["Content-Security-Policy"] = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'"
    headers["Connection"] = "close"
    return Response(status.value, status.phrase, headers, body)


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")
