"""No message the room sends to a team or a spectator holds another faction's hand, the
decks, the seed, the random generator's state or a state hash (DESIGN §7: a team's page
receives its faction's view and nothing else).

Random games are played through the room (each team's step picked from the choices its own
state offered, with stale, out-of-turn and illegal messages mixed in); every text the room
hands its server for a page is checked against what is secret at that moment.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Action, Game
from game.room.headless import HeadlessTable
from game.room.host import DEVICE, Room
from game.room.server import SPECTATOR, Inbound
from game.ruleset import load_ruleset
from game.ui.map_data import load_map

FORBIDDEN_KEYS = {"seed", "rng", "hash", "state_hash", "deck", "decks", "event_deck", "hands", "checkpoints", "history"}
WORD = re.compile(r"[a-z0-9][a-z0-9_-]*")


@pytest.fixture(scope="module")
def ruleset():
    rs = load_ruleset().ruleset
    assert rs is not None
    return rs


class Recorder:
    """Stands in for the server: keeps every text the room hands it, with its reader."""

    def __init__(self, room: Room) -> None:
        self.sent: list[tuple[str | None, str]] = []
        self.conn_of: dict[int, str] = {}
        server = room.server
        server.publish = self.publish  # type: ignore[method-assign]
        server.send_to = self.send_to  # type: ignore[method-assign]
        server.kick = lambda *a: None  # type: ignore[method-assign]
        for key, text in server._welcome.items():
            self.sent.append((key or None, text))

    def publish(self, states: dict[str, str], seat_info: dict[str, str] | None = None) -> None:
        for key, text in states.items():
            self.sent.append((None if key == SPECTATOR else key, text))

    def send_to(self, conn: int, text: str) -> None:
        self.sent.append((self.conn_of[conn], text))


def _revealed(game: Game) -> set[str]:
    """Cards and events shown to everyone: played face up, or resolved."""
    out: set[str] = set()
    for e in game.log:
        a = e.message.args
        for key in ("card", "event"):
            if isinstance(a.get(key), str):
                out.add(a[key])
    return out


_SHARED: dict[int, set[str]] = {}


def _shared_names(rs: Any) -> set[str]:
    """Card names that are part of another public name or flavour line (a card named after
    an ability, or a dam an event's text mentions): seeing them says nothing about a hand."""
    if id(rs) not in _SHARED:
        groups = (rs.factions, rs.spaces, rs.countries, rs.events, rs.crises, rs.tracks, rs.corridors)
        other = [x.name for group in groups for x in group] + [a.name for f in rs.factions for a in f.abilities]
        other += [x.flavour for group in (rs.cards, rs.events, rs.crises) for x in group]
        _SHARED[id(rs)] = {c.name for c in rs.cards if any(c.name in o for o in other)}
    return _SHARED[id(rs)]


def _secrets(game: Game, reader: str | None) -> tuple[set[str], set[str], list[str]]:
    """(ids, names, numbers) `reader` may not see now."""
    t = game.t
    me = t.faction_index.get(reader) if reader is not None else None
    hidden: set[int] = set()
    for f, hand in enumerate(game.hands):
        if f != me:
            hidden.update(hand)
    for deck in (*game.decks, game.regional_deck):
        hidden.update(deck)
    ids = {t.cards[c].id for c in hidden}
    ids |= {t.events[e].id for e in game.event_deck}
    ids -= _revealed(game)
    mine = {t.cards[c].id for c in game.hands[me]} if me is not None else set()
    ids -= mine  # a card both in my hand and (as a copy) elsewhere is mine to see
    shared = _shared_names(game.ruleset)
    names = {t.cards[c].name for c in hidden if t.cards[c].id in ids and t.cards[c].name not in shared}
    numbers = [str(game.seed), str(game.rng.state), game.state_hash(), *(h.hash for h in game.history)]
    return ids, names, numbers


def _walk(obj: Any, keys: list[str], strings: list[str]) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            keys.append(k)
            if k != "source":  # a card's source is a bibliography id (some share a card's id)
                _walk(v, keys, strings)
    elif isinstance(obj, list):
        for v in obj:
            _walk(v, keys, strings)
    elif isinstance(obj, str):
        strings.append(obj)


def check_message(game: Game, reader: str | None, text: str) -> None:
    ids, names, numbers = _secrets(game, reader)
    keys: list[str] = []
    strings: list[str] = []
    _walk(json.loads(text), keys, strings)
    assert not FORBIDDEN_KEYS & set(keys), (reader, FORBIDDEN_KEYS & set(keys))
    words = {w for s in strings for w in WORD.findall(s.lower())} | set(keys)
    leaked = ids & words
    assert not leaked, f"{reader or 'a spectator'} was sent the hidden ids {sorted(leaked)}"
    blob = "\n".join(strings)
    for name in names:
        at = blob.find(name)
        assert at < 0, f"{reader or 'a spectator'} was sent the hidden card {name!r}: …{blob[max(0, at - 200):at + 60]}…"
    for n in numbers:
        if len(n) >= 6:
            assert n not in text, f"{reader or 'a spectator'} was sent a secret number"


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(10**8, 2**31 - 1), picks=st.randoms(use_true_random=False))
def test_no_message_to_a_page_holds_a_secret(ruleset, seed: int, picks: random.Random) -> None:
    game = Game.new(ruleset, "seminar", seed, {f.id: DEVICE for f in ruleset.factions})
    room = Room(game, load_map(), bind="127.0.0.1")
    rec = Recorder(room)
    table = HeadlessTable(game)
    conns = {f: i for i, f in enumerate(room.links, 1)}
    rec.conn_of = {i: f for f, i in conns.items()}
    rec.conn_of[99] = SPECTATOR
    checked = 0
    for _ in range(120 if seed % 3 else 600):  # most games in part, a third to the end
        room.pump(table)
        for reader, text in rec.sent:
            check_message(game, reader or None, text)
        checked += len(rec.sent)
        rec.sent.clear()
        actor = game.actor
        if actor is None:
            break
        legal = game.legal_actions()
        roll = picks.random()
        if roll < 0.05:  # a stale step
            room.server.inbound.put(Inbound(conns[actor], actor, "act", {"action": legal[0], "at": room.version - 1}))
        elif roll < 0.08:  # out of turn
            other = picks.choice([f for f in conns if f != actor])
            room.server.inbound.put(Inbound(conns[other], other, "act", {"action": Action("pass"), "at": room.version}))
        elif roll < 0.11:  # a card that is not in the hand: its why-not must not say whose it is
            card = picks.choice(ruleset.cards).id
            room.server.inbound.put(Inbound(conns[actor], actor, "act", {"action": Action("play", (card,)), "at": room.version}))
        room.server.inbound.put(Inbound(conns[actor], actor, "act", {"action": picks.choice(legal), "at": room.version}))
    assert checked > 50
