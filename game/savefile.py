"""Save files on disk, read with clear answers (they are written with `game.files.atomic_write`).

Only a regular file is ever opened for reading: a folder, a FIFO, a device or a dangling
link gets a sentence at once (a FIFO would otherwise block the reader forever).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from game.engine.messages import N_, say
from game.engine.saves import SaveError

MAX_SAVE_BYTES = 20 * 1024 * 1024
"""A real save is a few kilobytes; anything near this is not one."""


def read_save(path: str | Path) -> str:
    """The text of a save file, or SaveError with one sentence saying what is wrong."""
    p = Path(path)
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                raise SaveError(say(N_("{path} is a folder, not a save file."), path=str(p)))
            raise SaveError(say(N_("{path} is not a regular file (a pipe, a device or a socket), not a save file."), path=str(p)))
        # O_NONBLOCK: if the file was swapped for a FIFO since stat(), opening it does not wait
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise SaveError(say(N_("{path} is not a regular file, not a save file."), path=str(p)))
            if info.st_size > MAX_SAVE_BYTES:
                raise SaveError(say(N_("{path} is {size} MB: far too large to be a save file."), path=str(p), size=info.st_size // (1024 * 1024)))
            data = f.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        if p.is_symlink():
            raise SaveError(say(N_("There is no file {path} (a link to a file that is gone)."), path=str(p))) from None
        raise SaveError(say(N_("There is no file {path}."), path=str(p))) from None
    except PermissionError:
        raise SaveError(say(N_("{path} cannot be read (permission denied)."), path=str(p))) from None
    except OSError as e:
        raise SaveError(say(N_("{path} cannot be read ({error})."), path=str(p), error=str(e.strerror or e))) from None
    if len(data) > MAX_SAVE_BYTES:
        raise SaveError(say(N_("{path} is far too large to be a save file."), path=str(p)))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(say(N_("{path} is not a save file (it is not text)."), path=str(p))) from None
