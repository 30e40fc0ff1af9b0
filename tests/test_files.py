"""The player's data folder on each system, and writing files so that none is ever
left half-written (game/files.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from game import files
from game.files import atomic_write, data_folder


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No override, no XDG variable, a fresh home folder."""
    monkeypatch.delenv("COG_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(Path, "home", lambda: tmp_path / "home")
    return tmp_path / "home"


def system_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[tuple[str, object]]:
    """Make platformdirs answer `folder` (as it would on another system); record its calls."""
    calls: list[tuple[str, object]] = []

    def user_data_dir(appname: str, appauthor: object = None, *args: object, **kw: object) -> str:
        calls.append((appname, appauthor))
        return str(folder)

    monkeypatch.setattr(platformdirs, "user_data_dir", user_data_dir)
    return calls


def test_the_override_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    (home / ".local" / "share" / "center-of-gravity").mkdir(parents=True)
    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path / "mine"))
    assert data_folder() == tmp_path / "mine"


def test_the_system_folder_is_platformdirs_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    mac = home / "Library" / "Application Support" / "center-of-gravity"
    calls = system_folder(monkeypatch, mac)
    assert data_folder() == mac
    assert calls == [("center-of-gravity", False)]  # no vendor folder on Windows
    assert not mac.exists()  # finding the folder does not make it


def test_an_existing_linux_folder_is_still_read_on_any_system(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    system_folder(monkeypatch, home / "Library" / "Application Support" / "center-of-gravity")
    earlier = home / ".local" / "share" / "center-of-gravity"
    earlier.mkdir(parents=True)
    assert data_folder() == earlier


def test_an_existing_xdg_data_home_folder_is_still_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    system_folder(monkeypatch, tmp_path / "elsewhere")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_folder() == tmp_path / "elsewhere"  # nothing there yet: the system's place
    (tmp_path / "xdg" / "center-of-gravity").mkdir(parents=True)
    assert data_folder() == tmp_path / "xdg" / "center-of-gravity"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the real platformdirs answer on Linux")
def test_on_linux_the_system_folder_is_the_xdg_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    assert data_folder() == home / ".local" / "share" / "center-of-gravity"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_folder() == tmp_path / "xdg" / "center-of-gravity"


def test_player_mods_are_looked_for_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ruleset.mods import user_mods_dir

    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path))
    assert user_mods_dir() == tmp_path / "mods"


def test_atomic_write_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    atomic_write(target, "one")
    atomic_write(target, "two – ü")
    assert target.read_text(encoding="utf-8") == "two – ü"
    atomic_write(target, b"\x89PNG")
    assert target.read_bytes() == b"\x89PNG"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "save.json"
    atomic_write(target, "the old save")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "half of a new save")
    assert target.read_text() == "the old save"
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]


def test_a_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "nowhere" / "a.json", "x")
    assert not (tmp_path / "nowhere").exists()
