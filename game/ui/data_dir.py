"""The player's data folder: settings, the autosave, named saves and reports.

Where it is (`$COG_DATA_DIR`, an existing `~/.local/share/center-of-gravity`, else the
system's own place) is `game.files.data_folder`, which the rules loader shares to find
the player's mods. Every file is written with `game.files.atomic_write`, so a crash or
a full disk never leaves a half-written save or settings file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.files import atomic_write, data_folder

SETTINGS_FILE = "settings.json"
AUTOSAVE_FILE = "autosave.json"
SAVES_FOLDER = "saves"

TEXT_SIZES = ("normal", "large", "projector")
BOT_PACES = ("slow", "normal", "fast")
TURN_TIMERS = (0, 1, 2, 3)
"""Minutes a human's turn may take before its timer flashes (0: no timer)."""
REPORTS_FOLDER = "reports"
PIN_ROUNDS = 60_000


def data_dir() -> Path:
    """The folder for settings and saves (created on first use)."""
    root = data_folder()
    root.mkdir(parents=True, exist_ok=True)
    return root


@dataclass
class Settings:
    text_size: str = "normal"
    fullscreen: bool = False
    bot_pace: str = "normal"
    projector: bool = False
    """Projector mode: projector-sized text, the high-contrast palette, and the room view
    (no hand) whenever it is not a human's own decision."""
    facilitator: bool = False
    """Seminar games get the facilitator's panel (F2): pause, timer, inject, undo, fork, end."""
    turn_timer: int = 0
    reasons_required: bool = False
    facilitator_pin: str = ""
    """`salt:hash` of the facilitator's PIN (PBKDF2), or empty for none; never the PIN itself."""

    def set_pin(self, pin: str) -> None:
        """Keep a salted hash of `pin` (an empty PIN removes it)."""
        if not pin:
            self.facilitator_pin = ""
            return
        salt = secrets.token_hex(8)
        self.facilitator_pin = f"{salt}:{_pin_hash(pin, salt)}"

    def pin_matches(self, pin: str) -> bool:
        if not self.facilitator_pin:
            return True
        salt, _, digest = self.facilitator_pin.partition(":")
        return hmac.compare_digest(_pin_hash(pin, salt), digest)

    @classmethod
    def load(cls) -> Settings:
        path = data_dir() / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        s = cls()
        if isinstance(raw, dict):
            known = {f.name for f in fields(cls)}
            for key, value in raw.items():
                if key in known and isinstance(value, type(getattr(s, key))):
                    setattr(s, key, value)
        if s.text_size not in TEXT_SIZES:
            s.text_size = "normal"
        if s.bot_pace not in BOT_PACES:
            s.bot_pace = "normal"
        if s.turn_timer not in TURN_TIMERS:
            s.turn_timer = 0
        if s.facilitator_pin and ":" not in s.facilitator_pin:
            s.facilitator_pin = ""
        return s

    def save(self) -> None:
        atomic_write(data_dir() / SETTINGS_FILE, json.dumps(asdict(self), indent=1))


def _pin_hash(pin: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt.encode("ascii"), PIN_ROUNDS).hex()


def reports_dir() -> Path:
    d = data_dir() / REPORTS_FOLDER
    d.mkdir(parents=True, exist_ok=True)
    return d


def autosave_path() -> Path:
    return data_dir() / AUTOSAVE_FILE


def saves_dir() -> Path:
    d = data_dir() / SAVES_FOLDER
    d.mkdir(parents=True, exist_ok=True)
    return d


def save_path(name: str) -> Path:
    """A save file for a name a player typed (anything odd becomes a dash)."""
    stem = re.sub(r"[^\w\- ]+", "-", name, flags=re.UNICODE).strip(" -") or "save"
    return saves_dir() / f"{stem[:60]}.json"


def list_saves() -> list[Path]:
    """Named saves, newest first, then the autosave if there is one."""
    saves = sorted(saves_dir().glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    auto = autosave_path()
    if auto.exists():
        saves.append(auto)
    return saves
