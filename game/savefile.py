"""Save files on disk, read with clear answers (they are written with `game.files.atomic_write`).

Only a regular file is ever opened for reading: a folder, a FIFO, a device or a dangling
link gets a sentence at once (a FIFO would otherwise block the reader forever).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from game.engine.saves import SaveError

MAX_SAVE_BYTES = 20 * 1024 * 1024
"""A real save is a few kilobytes; anything near this is not one."""


def read_save(path: str | Path) -> str:
    """The text of a save file, or SaveError with one sentence saying what is wrong."""
    p = Path(path)
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, a device or a socket)"
            raise SaveError(f"{p} is {what}, not a save file.")
        # O_NONBLOCK: if the file was swapped for a FIFO since stat(), opening it does not wait
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise SaveError(f"{p} is not a regular file, not a save file.")
            if info.st_size > MAX_SAVE_BYTES:
                raise SaveError(f"{p} is {info.st_size // (1024 * 1024)} MB: far too large to be a save file.")
            data = f.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        broken = " (a link to a file that is gone)" if p.is_symlink() else ""
        raise SaveError(f"There is no file {p}{broken}.") from None
    except PermissionError:
        raise SaveError(f"{p} cannot be read (permission denied).") from None
    except OSError as e:
        raise SaveError(f"{p} cannot be read ({e.strerror or e}).") from None
    if len(data) > MAX_SAVE_BYTES:
        raise SaveError(f"{p} is far too large to be a save file.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(f"{p} is not a save file (it is not text).") from None
