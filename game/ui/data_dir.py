"""The player's data folder: settings, the autosave and named saves.

`$COG_DATA_DIR` if set (tests point it at a temporary folder), else
`$XDG_DATA_HOME/center-of-gravity`, else `~/.local/share/center-of-gravity`. Every file
is written to a temporary file beside it and renamed over the old one, so a crash or a
full disk never leaves a half-written save or settings file.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

APP_FOLDER = "center-of-gravity"
SETTINGS_FILE = "settings.json"
AUTOSAVE_FILE = "autosave.json"
SAVES_FOLDER = "saves"

TEXT_SIZES = ("normal", "large", "projector")
BOT_PACES = ("slow", "normal", "fast")


def data_dir() -> Path:
    """The folder for settings and saves (created on first use)."""
    override = os.environ.get("COG_DATA_DIR")
    if override:
        root = Path(override)
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        root = (Path(xdg) if xdg else Path.home() / ".local" / "share") / APP_FOLDER
    root.mkdir(parents=True, exist_ok=True)
    return root


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@dataclass
class Settings:
    text_size: str = "normal"
    fullscreen: bool = False
    bot_pace: str = "normal"

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
        return s

    def save(self) -> None:
        atomic_write(data_dir() / SETTINGS_FILE, json.dumps(asdict(self), indent=1))


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
