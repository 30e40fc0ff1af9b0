"""Files a person cares about: where the player's data folder is, and writing a file so
that it is never left half-written.

The lowest layer of the game (it imports nothing of it), so the rules loader can find
the player's mods and every other layer can write its files the same way.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import platformdirs

APP_FOLDER = "center-of-gravity"


def data_folder() -> Path:
    """The player's data folder (settings, saves, reports, mods); it may not exist yet.

    `$COG_DATA_DIR` if set (tests point it at a temporary folder). Otherwise the folder
    the game used before it followed each system's convention,
    `$XDG_DATA_HOME/center-of-gravity` or `~/.local/share/center-of-gravity`, if it
    exists, so nobody's saves go missing; otherwise the system's own place
    (`platformdirs.user_data_dir`): the same folder on Linux,
    `~/Library/Application Support/center-of-gravity` on macOS and
    `%LOCALAPPDATA%\\center-of-gravity` on Windows.
    """
    override = os.environ.get("COG_DATA_DIR")
    if override:
        return Path(override)
    earlier = xdg_data_folder()
    if earlier.is_dir():
        return earlier
    # appauthor=False: no vendor folder between AppData\Local and ours on Windows.
    return Path(platformdirs.user_data_dir(APP_FOLDER, appauthor=False))


def xdg_data_folder() -> Path:
    """The XDG data folder of the game, whatever the system (the only place before)."""
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / APP_FOLDER


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write `data` (text is written as UTF-8) to `path`: first to a temporary file
    beside it, flushed to the disk, then renamed over `path`. A crash or a full disk
    leaves the old file or the new one, never half of one, and no temporary file.

    The folder must exist; OSError says why the file cannot be written.
    """
    p = Path(path)
    blob = data.encode("utf-8") if isinstance(data, str) else data
    # Hidden, beside the target (a rename is atomic only within one file system), and
    # unique, so two writers of one file never share a temporary file.
    tmp = p.with_name(f".{p.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as f:
            f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    finally:
        if tmp.exists():
            tmp.unlink()
