"""Save files on disk, read with clear answers (they are written with `game.files.atomic_write`)."""

from __future__ import annotations

from pathlib import Path

from game.engine.saves import SaveError

MAX_SAVE_BYTES = 20 * 1024 * 1024
"""A real save is a few kilobytes; anything near this is not one."""


def read_save(path: str | Path) -> str:
    """The text of a save file, or SaveError with one sentence saying what is wrong."""
    p = Path(path)
    try:
        if p.is_dir():
            raise SaveError(f"{p} is a folder, not a save file.")
        size = p.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"{p} is {size // (1024 * 1024)} MB: far too large to be a save file.")
        data = p.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"There is no file {p}.") from None
    except PermissionError:
        raise SaveError(f"{p} cannot be read (permission denied).") from None
    except OSError as e:
        raise SaveError(f"{p} cannot be read ({e.strerror}).") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(f"{p} is not a save file (it is not text).") from None

