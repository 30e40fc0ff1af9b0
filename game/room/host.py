"""The room on the host's side: the seats, their links, and the steps the teams send.

`Room.pump(table)` runs on the thread that owns the game (the window's loop, or a test's):
it takes the teams' checked messages from the server's queue, applies the legal ones
through the table, and publishes a new state to every page when the game moved. It
never raises: a bug in a message's handling answers that connection with an error.

A `Table` is whatever holds the game on that thread: the window's session (through
`game.ui.room_link`) or `headless.HeadlessTable`.
"""

from __future__ import annotations

import logging
import queue
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from game.engine import Action, Game, IllegalAction
from game.files import atomic_write
from game.i18n import _, translator
from game.room import protocol as p
from game.room.keys import SeatKeys, game_key
from game.room.server import SPECTATOR, Inbound, RoomServer

log = logging.getLogger(__name__)

DEVICE = "device"
"""A seat's kind (in `Game.seats`) for a team playing from its own device."""
PUMP_BUDGET = 0.004
"""Seconds a pump may spend on the teams' messages in one frame."""


class Table(Protocol):
    """The game's holder on the host's thread."""

    @property
    def game(self) -> Game: ...

    @property
    def paused(self) -> bool: ...

    def apply(self, action: Action) -> object:
        """Apply a legal step (as the window applies a human's)."""

    def set_reason(self, start: int, text: str) -> None:
        """Keep a team's line of why for its action that began at step `start`."""

    def timer(self) -> dict[str, Any] | None:
        """{faction, left, limit} while a turn timer runs."""

    def stand_in(self, faction: str, on: bool) -> None:
        """A bot plays `faction`'s seat (on) or the team again (off)."""


@dataclass
class Link:
    faction: str
    url: str | None
    """The team's link, while it is known (None after a restart: the file keeps only its hash)."""


def device_seats(game: Game) -> list[str]:
    return [f for f, kind in game.seats.items() if kind == DEVICE]


def keys_path_for(autosave: Path) -> Path:
    """Where the room keeps its seats' hashes: beside the autosave."""
    return autosave.with_name(autosave.stem + ".room.json")


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent: a UDP socket's
    route is looked up), or 127.0.0.1 without one."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.255.255.255", 1))
        addr: str = s.getsockname()[0]
        return addr
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


class Room:
    def __init__(
        self,
        game: Game,
        geometry: dict[str, Any] | None = None,
        *,
        bind: str = "0.0.0.0",
        port: int = 0,
        keys_file: Path | None = None,
        public_host: str | None = None,
    ) -> None:
        self.ruleset = game.ruleset
        self.factions = [f.id for f in game.factions]
        self.names = {f.id: f.name for f in game.factions}
        self.keys_file = keys_file
        gkey = game_key(game.ruleset.identity, game.scenario.id, game.seed)
        stored = None
        # a game under way (continued from its autosave) keeps its links; a new game, even
        # with the same seed, gets new ones
        if keys_file is not None and game.actions and keys_file.exists():
            try:
                stored = SeatKeys.from_json(keys_file.read_text(encoding="utf-8"), gkey)
            except OSError:
                stored = None
        self.keys = stored or SeatKeys(gkey)
        self.links: dict[str, Link] = {}
        files = {"/map.json": _json_bytes(p.map_geometry(geometry))}
        self.server = RoomServer(self.keys, bind, port, files)
        self.public_host = public_host or (lan_address() if bind in ("0.0.0.0", "", "::") else bind)
        self.version = 0
        self._key: tuple[Any, ...] | None = None
        self._moved_key: tuple[Any, ...] | None = None
        self._standins: set[str] = set()
        self._reason: dict[str, tuple[int, str]] = {}
        self._begun: dict[str, int] = {}
        self.dropped_at: dict[str, float] = {}
        self.errors = 0
        self.last_publish = 0.0
        self.publish_times: list[float] = []
        for f in self.factions:
            self.server.set_welcome(f, p.welcome(self.ruleset, f, None))
        self.server.set_welcome(SPECTATOR, p.welcome(self.ruleset, None, None))
        for f in device_seats(game):
            self.links[f] = Link(f, None)
            if not self.keys.has(f):
                self.issue(f)

    # ----- life cycle -----------------------------------------------------------------------------------
    def start(self) -> None:
        self.server.start()
        for link in self.links.values():
            if link.url is not None:
                link.url = self._url(link.url.rsplit("#team=", 1)[-1])

    def stop(self) -> None:
        self.server.stop()

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def base_url(self) -> str:
        host = f"[{self.public_host}]" if ":" in self.public_host else self.public_host
        return f"http://{host}:{self.port}/"

    @property
    def spectator_url(self) -> str:
        return self.base_url + "#spectate"

    def _url(self, token: str) -> str:
        return f"{self.base_url}#team={token}"

    # ----- seats (the facilitator) ------------------------------------------------------------------------
    def issue(self, faction: str) -> str:
        """A new link for `faction`'s seat; the old one stops working at once."""
        token = self.keys.issue(faction)
        self.links[faction] = Link(faction, self._url(token))
        self.server.kick(faction, p.CLOSE_BAD_LINK, "This seat's link was re-issued by the facilitator.")
        self._store_keys()
        return token

    def token_of(self, faction: str) -> str | None:
        link = self.links.get(faction)
        return None if link is None or link.url is None else link.url.rsplit("#team=", 1)[-1]

    def stand_in(self, table: Table, faction: str, on: bool) -> None:
        """Hand a team's seat to a bot (a dropped phone) or give it back."""
        if faction not in self.links:
            return
        if on:
            self._standins.add(faction)
        else:
            self._standins.discard(faction)
        table.stand_in(faction, on)
        self._key = None  # republish: the seats changed

    def standing_in(self, faction: str) -> bool:
        return faction in self._standins

    def connected(self) -> set[str]:
        return set(self.server.connected())

    def seat_kinds(self, game: Game) -> dict[str, str]:
        """faction -> `team`, `stand-in`, `screen` or `bot`."""
        out = {}
        for f, kind in game.seats.items():
            if kind == DEVICE:
                out[f] = "stand-in" if f in self._standins else "team"
            else:
                out[f] = "screen" if kind == "human" else "bot"
        return out

    def waiting_for(self, game: Game) -> str | None:
        """The team whose turn it is while its device is away (the game waits for it)."""
        actor = game.actor
        if actor in self.links and actor not in self._standins and actor not in self.connected():
            return actor
        return None

    def _store_keys(self) -> None:
        if self.keys_file is None:
            return
        try:
            self.keys_file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.keys_file, self.keys.to_json())
        except OSError as e:  # an unwritable data folder: the room plays on, its links only die with the host
            log.warning("cannot write %s (%s): the teams' links will not survive a restart", self.keys_file, e.strerror or e)

    # ----- the window's thread ----------------------------------------------------------------------
    def pump(self, table: Table, budget: float = PUMP_BUDGET) -> int:
        """Take the teams' messages and publish what changed; the number of steps applied."""
        applied = 0
        start = time.perf_counter()
        try:
            self.publish_if_changed(table)  # a bot's or the screen's step: a new version first
        except Exception:
            self.errors += 1
            log.exception("room publish")
        while time.perf_counter() - start < budget:
            try:
                item = self.server.inbound.get_nowait()
            except queue.Empty:
                break
            try:
                applied += self._take(table, item)
            except Exception:  # never into the window's loop
                self.errors += 1
                log.exception("room message %s", item.kind)
                self.server.send_to(item.conn, p.error(_("The host could not take that message; nothing changed.")))
        try:
            self.publish_if_changed(table)
        except Exception:
            self.errors += 1
            log.exception("room publish")
        return applied

    def _take(self, table: Table, item: Inbound) -> int:
        game = table.game
        faction = item.faction
        if item.kind in ("joined", "left"):
            if item.kind == "left":
                self.dropped_at[faction or ""] = time.monotonic()
            else:
                self.dropped_at.pop(faction or "", None)
            self._key = None
            return 0
        if faction is None or faction not in self.links or not self.keys.has(faction):
            self.server.send_to(item.conn, p.error(_("This page no longer holds a seat.")))
            return 0
        if item.kind == "reason":
            pending = self._reason.get(faction)
            if pending is None or pending[0] != item.data["start"]:
                self.server.send_to(item.conn, p.error(_("There is no action of yours waiting for a reason.")))
                return 0
            table.set_reason(pending[0], item.data["text"])
            del self._reason[faction]
            self._key = None
            return 0
        action: Action = item.data["action"]
        if item.data["at"] != self.version:
            self._resync(item.conn, faction, table, _("The game moved on before your choice arrived; here it is now. Nothing was changed."))
            return 0
        if table.paused:
            self.server.send_to(item.conn, p.error(_("The facilitator has paused the game."), version=self.version))
            return 0
        if faction in self._standins:
            self.server.send_to(item.conn, p.error(_("A bot is playing your seat; ask the facilitator to give it back."), version=self.version))
            return 0
        if game.actor != faction:
            who = self.names.get(game.actor or "", _("nobody"))
            self.server.send_to(item.conn, p.error(_("It is not your decision now ({who} is deciding).").format(who=who), version=self.version))
            return 0
        if action not in game.legal_actions():
            why = game.why_not(action)  # the engine's sentence, said in the room's language
            self.server.send_to(item.conn, p.error(p.said(why) if why else _("{action} is not one of your choices now.").format(action=action), version=self.version))
            return 0
        begins = game.begins_action()
        if begins:
            self._begun[faction] = len(game.actions)
        try:
            table.apply(action)
        except IllegalAction as e:
            self.server.send_to(item.conn, p.error(str(e), version=self.version))
            return 0
        g = table.game
        if g.begins_action() and faction in self._begun and action.verb != "discard":
            start = self._begun.pop(faction)
            self._reason[faction] = (start, _action_words(g, start))
        self.publish_if_changed(table)  # the next message is checked against the new version
        return 1

    def _resync(self, conn: int, faction: str, table: Table, why: str) -> None:
        self.server.send_to(conn, p.error(why, version=self.version, resync=True))
        g = table.game
        self.server.send_to(conn, p.state(g, faction, self._extras(g, faction, table.timer(), table.paused)))

    def _game_key(self, table: Table) -> tuple[Any, ...]:
        g = table.game
        timer = table.timer()
        return (id(g), len(g.actions), len(g.log), g.actions[-1] if g.actions else None, len(g.action_starts),
                table.paused, tuple(sorted(self._standins)), timer and (timer.get("faction"), timer.get("limit"), timer.get("start")),
                tuple(sorted(self._reason.items())), self.waiting_for(g), len(g.reasons))  # fmt: skip

    def publish_if_changed(self, table: Table) -> bool:
        key = self._game_key(table)
        if key == self._key:
            return False
        self._key = key
        if key[:5] != self._moved_key:  # the game itself moved: a new version
            self._moved_key = key[:5]
            self.version += 1
        self.publish(table)
        return True

    def publish(self, table: Table) -> None:
        t0 = time.perf_counter()
        g = table.game
        timer = table.timer()
        states = {f: p.state(g, f, self._extras(g, f, timer, table.paused)) for f in self.links}
        states[SPECTATOR] = p.state(g, None, self._extras(g, None, timer, table.paused))
        self.server.publish(states, self.seat_kinds(g))
        self.last_publish = time.perf_counter()
        self.publish_times.append(self.last_publish - t0)
        del self.publish_times[:-500]

    def _extras(self, g: Game, faction: str | None, timer: dict[str, Any] | None, paused: bool = False) -> p.Extras:
        reason = self._reason.get(faction or "")
        waiting = self.waiting_for(g)
        words = None
        if waiting is not None:
            words = _("Waiting for {faction}'s device to reconnect.").format(faction=self.names[waiting])
        elif paused:
            words = _("Paused by the facilitator.")
        return p.Extras(
            version=self.version,
            paused=paused,
            timer=timer,
            seats=self.seat_kinds(g),
            reason_start=reason[0] if reason else None,
            reason_words=reason[1] if reason else "",
            waiting=words,
        )


def _action_words(g: Game, start: int) -> str:
    """The first public log line of the action that began at step `start`."""
    for e in g.log:
        if e.step > start and e.phase == "actions":
            return g.log_text(e, tr=translator())
    return str(g.actions[start]) if start < len(g.actions) else ""


def _json_bytes(obj: Any) -> bytes:
    import json

    return json.dumps(obj, separators=(",", ":")).encode("utf-8")
