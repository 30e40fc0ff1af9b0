"""Where a command will write, checked before it starts: a 300-game simulation or the odds
of a long game take minutes, and a typo in `--json` or `--out` must cost a sentence at
once, not the run. The write itself still answers an error the check could not foresee
(a disk that fills, a folder removed meanwhile)."""

from __future__ import annotations

import os
from pathlib import Path

from game.files import atomic_write
from game.i18n import _


def _first_existing(path: Path) -> Path:
    for folder in (path, *path.parents):
        if folder.exists():
            return folder
    return Path(".")


def _folder_problem(flag: str, path: Path, folder: Path) -> str:
    """Why folders cannot be made under the first existing one of `path` ("" if they can)."""
    existing = _first_existing(folder)
    if not existing.is_dir():
        return _("{flag} {path} cannot be written: {folder} is a file, not a folder.").format(flag=flag, path=path, folder=existing)
    if not os.access(existing, os.W_OK):
        return _("{flag} {path} cannot be written: {folder} is read-only; choose another place.").format(flag=flag, path=path, folder=existing)
    return ""


def file_problem(flag: str, path: Path) -> str:
    """Why the file `path` given with `flag` cannot be written ("" if it looks writable;
    missing folders on the way are made when it is written, `write_file`)."""
    if path.is_dir():
        return _("{flag} {path} is a folder: give the path of a file to write.").format(flag=flag, path=path)
    return _folder_problem(flag, path, path.parent)  # Path("x.json").parent is Path(".")


def folder_problem(flag: str, path: Path) -> str:
    """Why the folder `path` given with `flag` cannot hold what a command writes ("" if it
    looks as if it can; it is made if missing)."""
    if path.exists() and not path.is_dir():
        return _("{flag} {path} is a file, not a folder: choose a folder.").format(flag=flag, path=path)
    return _folder_problem(flag, path, path)


def write_file(path: Path, data: str) -> None:
    """`atomic_write`, making the folders on the way first (OSError says why not)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)
