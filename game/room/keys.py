"""Seat links: a random 128-bit token per team, bound to one faction.

Only a token's SHA-256 is kept (in memory and in the file beside the autosave), so the
file cannot be turned back into a working link; a link is shown once, when it is
issued. A token is 128 bits from `secrets`, so an unsalted hash is as strong as a salted
one would be. Re-issuing a seat forgets the old hash: the old link stops working.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
from typing import Any

TOKEN_BYTES = 16
"""128 bits."""
KEYS_FORMAT = "center-of-gravity-room"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


class SeatKeys:
    """Faction -> the hash of its link's token. Safe to share between the server's thread
    (which checks tokens) and the window's (which issues them)."""

    def __init__(self, game_key: str, hashes: dict[str, str] | None = None) -> None:
        self.game_key = game_key
        """Which game the links belong to (a restarted host keeps them only for the same game)."""
        self._hashes = dict(hashes or {})
        self._lock = threading.Lock()

    def issue(self, faction: str) -> str:
        """A new link token for `faction`; any older one stops working."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self._lock:
            self._hashes[faction] = token_hash(token)
        return token

    def revoke(self, faction: str) -> None:
        with self._lock:
            self._hashes.pop(faction, None)

    def has(self, faction: str) -> bool:
        with self._lock:
            return faction in self._hashes

    def check(self, token: object) -> str | None:
        """The faction a token opens (None: unknown, revoked or not a token at all)."""
        if not isinstance(token, str) or not 8 <= len(token) <= 64:
            return None
        digest = token_hash(token)
        found = None
        with self._lock:
            for faction, h in self._hashes.items():
                if hmac.compare_digest(h, digest):  # compare every one: no early exit to time
                    found = faction
        return found

    def to_json(self) -> str:
        with self._lock:
            data = {"format": KEYS_FORMAT, "version": 1, "game": self.game_key, "seats": dict(sorted(self._hashes.items()))}
        return json.dumps(data, indent=1)

    @classmethod
    def from_json(cls, text: str, game_key: str) -> SeatKeys | None:
        """The keys stored for `game_key` (None: another game's, or an unreadable file)."""
        try:
            data: Any = json.loads(text)
        except (ValueError, TypeError):
            return None
        if not isinstance(data, dict) or data.get("format") != KEYS_FORMAT or data.get("game") != game_key:
            return None
        seats = data.get("seats")
        if not isinstance(seats, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in seats.items()):
            return None
        return cls(game_key, seats)


def game_key(ruleset_identity: str, scenario: str, seed: int) -> str:
    """A game's identity for its links: the same rules, scenario and seed."""
    return hashlib.sha256(f"{ruleset_identity}|{scenario}|{seed}".encode()).hexdigest()[:32]
