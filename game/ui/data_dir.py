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
import os
import re
import secrets
import stat
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.files import atomic_write, data_folder

SETTINGS_FILE = "settings.json"
AUTOSAVE_FILE = "autosave.json"
PREVIOUS_AUTOSAVE_FILE = "autosave-previous.json"
"""The previous game's autosave: a new game moves the old autosave here before its first
autosave, so starting a game never silently replaces the only copy of the last one."""
SAVES_FOLDER = "saves"

TEXT_SIZES = ("normal", "large", "projector")
BOT_PACES = ("slow", "normal", "fast")
TURN_TIMERS = (0, 1, 2, 3)
"""Minutes a human's turn may take before its timer flashes (0: no timer)."""
REPORTS_FOLDER = "reports"
PIN_ROUNDS = 60_000


def data_dir() -> Path:
    """The folder for settings and saves (created on first use, if it can be: on a
    locked-down or full disk the game plays on, and each write says why it failed)."""
    root = data_folder()
    _try_mkdir(root)
    return root


def _try_mkdir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # the write that needs it reports the problem (see `write_problem`)


def write_problem(what: str, error: OSError) -> str:
    """One sentence for a write that failed (`what`: "the autosave", "the settings")."""
    why = error.strerror or str(error) or type(error).__name__
    return (
        f"Could not write {what} to {data_folder()} ({why}). The game goes on; "
        "to keep your files, free some space or set COG_DATA_DIR to a folder you can write."
    )


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
    language: str = ""
    """The reader's language (`en`, `ru`, `kk`, `tr` or one a mod adds); empty: the system's."""
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
        """True if `pin` is the PIN (or none is set). A damaged stored PIN matches nothing."""
        if not self.facilitator_pin:
            return True
        salt, _, digest = self.facilitator_pin.partition(":")
        return hmac.compare_digest(_pin_hash(pin, salt).encode("utf-8"), digest.encode("utf-8", "replace"))

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
        """Write the settings; OSError if they cannot be (see `App.save_settings`)."""
        atomic_write(data_dir() / SETTINGS_FILE, json.dumps(asdict(self), indent=1))


def _pin_hash(pin: str, salt: str) -> str:
    # "replace": a salt edited into settings.json by hand may be anything; it then matches nothing
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8", "replace"), salt.encode("utf-8", "replace"), PIN_ROUNDS).hex()


def reports_dir() -> Path:
    d = data_dir() / REPORTS_FOLDER
    _try_mkdir(d)
    return d


def autosave_path() -> Path:
    return data_dir() / AUTOSAVE_FILE


def previous_autosave_path() -> Path:
    return data_dir() / PREVIOUS_AUTOSAVE_FILE


def saves_dir() -> Path:
    d = data_dir() / SAVES_FOLDER
    _try_mkdir(d)
    return d


def save_path(name: str) -> Path:
    """A save file for a name a player typed (anything odd becomes a dash)."""
    stem = re.sub(r"[^\w\- ]+", "-", name, flags=re.UNICODE).strip(" -") or "save"
    return saves_dir() / f"{stem[:60]}.json"


def list_saves() -> list[Path]:
    """Named saves, newest first, then the autosave and the previous game's, if any."""
    return scan_saves()[0]


def scan_saves() -> tuple[list[Path], list[str]]:
    """The save files to list, and the names of what was left out (anything that is not a
    regular file: a folder, a FIFO, a dangling link). Nothing is opened here, so a FIFO
    cannot block the list."""
    found: list[tuple[float, Path]] = []
    odd: list[str] = []
    try:
        entries = sorted(saves_dir().glob("*.json"))
    except OSError:
        entries = []
    for p in entries:
        info = _regular_file(p)
        if info is None:
            odd.append(p.name)
        else:
            found.append((info.st_mtime, p))
    saves = [p for _, p in sorted(found, key=lambda pair: pair[0], reverse=True)]
    for slot in (autosave_path(), previous_autosave_path()):
        if _regular_file(slot) is not None:
            saves.append(slot)
        elif os.path.lexists(slot):
            odd.append(slot.name)
    return saves, odd


def _regular_file(path: Path) -> os.stat_result | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def has_autosave() -> bool:
    """True if there is an autosave to continue (a regular file, whatever it holds)."""
    return _regular_file(autosave_path()) is not None
