"""The room's messages: JSON objects with a protocol version `v` and a `type`.

From a page (each at most `MAX_MESSAGE` bytes):

- `hello` {token} or {spectate: true}: the first message; a team's token binds the
  connection to its faction (a bad one closes the connection with `CLOSE_BAD_LINK`).
- `act` {action, at}: take one step, the action's notation (`place <space>`) as offered, `at`
  the state `version` the page was showing. A stale `at` gets the full state again and
  changes nothing, so a step is never half-applied.
- `reason` {start, text}: the team's one line of why for its action that began at step `start`.
- `ping`.

From the host:

- `welcome` {role, faction, names, map}: once per connection, the names and the map geometry.
- `state` {version, view, choices, blocked, hand, log, …}: everything the page shows, built
  from `Game.view(faction)` (or the public view for a spectator), the engine's `describe`
  words for each legal step and its `why_not` for the choices it refuses.
- `seats` {seats}: who is connected (sent by the server when a connection comes or goes).
- `error` {message}: to the one connection that sent something wrong.

No message holds another faction's hand, the decks' order, the seed, the random
generator's state or a state hash: a state is assembled only from a view and the
engine's words for the viewer's own choices (tests/test_room_secrecy.py plays random
games to check it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from game.engine import Action, ActionParseError, Game
from game.engine.messages import Message, render, say, translate_text
from game.engine.scoring import DOMAIN_WORDS
from game.engine.view import View
from game.i18n import _, translator
from game.ruleset.model import Ruleset
from game.ruleset.rule_text import rule_text

PROTOCOL = 1
MAX_MESSAGE = 4096
"""Bytes a page's message may have; larger ones are refused with an error."""
MAX_FRAME = 65536
"""The WebSocket layer closes a connection that sends a frame larger than this."""
LOG_LINES = 120
"""The last lines of the log a state carries."""
CLOSE_BAD_LINK = 4001
CLOSE_REPLACED = 4002
CLOSE_FLOOD = 4008
CLOSE_NO_HELLO = 4003
BAD_LINK_REASON = "This link does not open a seat (it was re-issued or mistyped). Ask the facilitator for the new code."
REPLACED_REASON = "This seat was opened on another device."

CLIENT_TYPES = ("hello", "act", "reason", "ping")


class ProtocolError(ValueError):
    """A message from a page that cannot be taken; the text is sent back to it."""


def encode(kind: str, **fields: Any) -> str:
    return json.dumps({"v": PROTOCOL, "type": kind, **fields}, ensure_ascii=False, separators=(",", ":"))


def error(message: str, **fields: Any) -> str:
    return encode("error", message=message, **fields)


def parse_client(raw: str | bytes) -> dict[str, Any]:
    """A page's message as a checked dict; ProtocolError with a sentence otherwise."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_MESSAGE:
            raise ProtocolError(f"Message too large ({len(raw)} bytes; at most {MAX_MESSAGE}).")
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError("Messages must be UTF-8 JSON text.") from None
    if len(raw.encode("utf-8")) > MAX_MESSAGE:
        raise ProtocolError(f"Message too large (at most {MAX_MESSAGE} bytes).")
    try:
        data = json.loads(raw)
    except ValueError:
        raise ProtocolError("Messages must be JSON objects.") from None
    if not isinstance(data, dict):
        raise ProtocolError("Messages must be JSON objects.")
    if data.get("v") != PROTOCOL:
        # the one a team meets (a page left open across an update): said in the room's language;
        # the others answer a broken client, for whoever writes one
        raise ProtocolError(_("This page speaks another version of the room's protocol (expected v={version}); reload it.").format(version=PROTOCOL))
    kind = data.get("type")
    if kind not in CLIENT_TYPES:
        raise ProtocolError(f"Unknown message type {kind!r}; expected one of {', '.join(CLIENT_TYPES)}.")
    if kind == "act":
        if not isinstance(data.get("action"), str) or not isinstance(data.get("at"), int) or isinstance(data.get("at"), bool):
            raise ProtocolError("An action needs `action` (its words, as offered) and `at` (the version it was chosen in).")
        try:
            data["action"] = Action.parse(data["action"])
        except ActionParseError as e:
            raise ProtocolError(f"Not an action: {e}.") from None
    elif kind == "reason":
        if not isinstance(data.get("text"), str) or not isinstance(data.get("start"), int) or isinstance(data.get("start"), bool):
            raise ProtocolError("A reason needs `start` (the step its action began at) and `text`.")
    return data


# ----- what the host sends -------------------------------------------------------------------------
def names(ruleset: Ruleset) -> dict[str, Any]:
    """The public names a page needs to draw the board (content a rules file holds; no cards)."""
    return {
        "factions": [{"id": f.id, "name": f.name, "colour": f.colour} for f in ruleset.factions],
        "spaces": [{"id": s.id, "name": s.name, "country": s.country, "capital": s.is_capital, "shape": s.shape or s.id}
                   for s in ruleset.spaces],  # fmt: skip
        "countries": [{"id": c.id, "name": c.name} for c in ruleset.countries],
        "tracks": [{"id": t.id, "name": t.name, "min": t.min, "max": t.max} for t in ruleset.tracks],
        "domains": {d: said(say(words)) for d, words in DOMAIN_WORDS.items()},
    }


def map_geometry(geometry: dict[str, Any] | None) -> dict[str, Any] | None:
    """The board's shapes for the page (the same geometry the window draws), rounded."""
    if not geometry:
        return None

    def rnd(polys: Any) -> Any:
        return [[[[round(p[0], 1), round(p[1], 1)] for p in ring] for ring in poly] for poly in polys]

    out: dict[str, Any] = {"width": geometry.get("width", 1000), "height": geometry.get("height", 728)}
    for group in ("countries", "spaces", "water", "neighbours"):
        out[group] = {
            k: {"polygons": rnd(v.get("polygons", [])), **({"label": v["label"]} if "label" in v else {}),
                **({"name": v["name"]} if "name" in v else {})}
            for k, v in (geometry.get(group) or {}).items() if isinstance(v, dict)
        }  # fmt: skip
    out["gateways"] = {k: v for k, v in (geometry.get("gateways") or {}).items()}
    return out


def welcome(ruleset: Ruleset, faction: str | None, geometry: dict[str, Any] | None) -> str:
    role = "team" if faction is not None else "spectator"
    return encode("welcome", role=role, faction=faction, names=names(ruleset), map=map_geometry(geometry))


@dataclass(frozen=True)
class Extras:
    """What the host adds beside the view: the clock, the pause, who plays which seat."""

    version: int
    paused: bool = False
    timer: dict[str, Any] | None = None
    """{faction, left, limit} while a team's turn timer runs."""
    seats: dict[str, str] | None = None
    """faction -> `team`, `screen`, `bot` or `stand-in` (a bot playing a team's seat)."""
    reason_start: int | None = None
    """The step the team's last whole action began at, while its reason may be typed."""
    reason_words: str = ""
    waiting: str | None = None
    """Why the game waits (a team's device dropped), in words."""


def state(game: Game, faction: str | None, extras: Extras) -> str:
    """Everything a page shows, for `faction` (None: a spectator), as JSON text."""
    return encode("state", **state_fields(game, faction, extras))


def state_fields(game: Game, faction: str | None, extras: Extras) -> dict[str, Any]:
    rs = game.ruleset
    view = game.view(faction)
    v = view_fields(view)
    log = [_words(rs, m) for m in view.log[-LOG_LINES:]]  # the messages this viewer may read
    mine = faction is not None and view.actor == faction and not extras.paused
    choices = [{"action": str(a), "words": said(game.describe(a))} for a in view.legal] if mine else []
    blocked = _blocked(game, view.legal) if mine else []
    hand = [_card(game, cid, view.legal if mine else ()) for cid in view.hand]
    decision = game.decision()
    return {
        "version": extras.version,
        "you": faction,
        "view": v,
        "decision": decision.kind if decision is not None and mine else None,
        "choices": choices,
        "blocked": blocked,
        "hand": hand,
        "log": log,
        "paused": extras.paused,
        "timer": extras.timer,
        "seats": extras.seats or {},
        "reason": {"start": extras.reason_start, "words": extras.reason_words} if extras.reason_start is not None else None,
        "waiting": extras.waiting,
        "outcome_words": [said(r) for r in view.outcome.reasons] if view.outcome is not None else [],
    }


def view_fields(v: View) -> dict[str, Any]:
    """A view as JSON fields, field by field (a whitelist: a field added to `View` later is
    not sent until it is named here; the history is left out, the log goes as words)."""
    o = v.outcome
    # The engine's prompt for another faction's decision may name the card it has chosen but
    # not yet committed (`play X`, then the mode; the play can still be taken back): only the
    # deciding team reads it.
    prompt = said(v.prompt) if v.viewer is not None and v.viewer == v.actor else ""
    return {
        "viewer": v.viewer, "round": v.round, "year": v.year, "rounds": v.rounds, "phase": v.phase,
        "action_round": v.action_round, "actor": v.actor, "prompt": prompt, "tracks": dict(v.tracks),
        "capital": dict(v.capital), "vp": dict(v.vp), "turn_order": list(v.turn_order), "hand": list(v.hand),
        "hand_sizes": dict(v.hand_sizes), "deck_sizes": dict(v.deck_sizes),
        "spaces": {k: {"influence": s.influence, "leader": s.leader, "stability": s.stability, "reason": said(s.reason)}
                   for k, s in v.spaces.items()},
        "countries": {k: {"status": c.status, "faction": c.faction, "reasons": [said(r) for r in c.reasons], "balance_index": c.balance_index}
                      for k, c in v.countries.items()},
        "balance_index": v.balance_index, "flags": list(v.flags),
        "outcome": None if o is None else {"kind": o.kind, "winner": o.winner, "reasons": [said(r) for r in o.reasons], "breaker": o.breaker, "round": o.round},
        "summits": [dict(x) for x in v.summits],
    }  # fmt: skip


def said(text: Any) -> str:
    """A sentence the engine composed (`messages.Text`) in the host's language."""
    return "" if text is None else str(translate_text(text, translator()))


_RENDERED: dict[int, tuple[Message, str]] = {}


def _words(ruleset: Ruleset, m: Message) -> str:
    """A log message in words (cached: the same messages go to every page at every step)."""
    hit = _RENDERED.get(id(m))
    if hit is not None and hit[0] is m:
        return hit[1]
    if len(_RENDERED) > 20_000:
        _RENDERED.clear()
    text = render(ruleset, m, translator())
    _RENDERED[id(m)] = (m, text)
    return text


def _card(game: Game, cid: str, legal: tuple[Action, ...] | list[Action]) -> dict[str, Any]:
    rs = game.ruleset
    card = next(c for c in rs.cards if c.id == cid)
    play = Action("play", (cid,))
    playable = play in legal
    why = None
    if legal and not playable and any(a.verb == "play" for a in legal):
        why = said(game.why_not(play)) or None
    return {
        "id": cid, "name": card.name, "type": card.type, "cost": card.cost, "ops": card.ops,
        "event": rule_text(card.event, rs) if card.event else "",
        "flavour": card.flavour, "source": card.source, "hypothetical": card.hypothetical,
        "action": str(play) if playable else None, "why_not": why,
    }  # fmt: skip


def _blocked(game: Game, legal: tuple[Action, ...]) -> list[dict[str, str]]:
    """Spaces the page may tap but the engine refuses now, with the engine's reason."""
    verbs = {a.verb for a in legal if a.space is not None and a.faction is None}
    out: list[dict[str, str]] = []
    for verb in sorted(verbs):
        for s in game.ruleset.spaces:
            a = Action(verb, (s.id,))
            if a not in legal:
                why = said(game.why_not(a))
                if why:
                    out.append({"action": str(a), "space": s.id, "why": why})
    return out
