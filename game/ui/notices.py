"""Notices for the player from anywhere in the window: a write that failed (the autosave,
the settings), a file left out of a list. Posted here, drawn by the app over every scene
for a few seconds, so play goes on and nothing is lost in silence.

A queue rather than a callback, so the session (which knows no window) can post too."""

from __future__ import annotations

import threading

_lock = threading.Lock()
_pending: list[str] = []


def post(text: str) -> None:
    """Show `text` to the player (once, even if posted twice before it is drawn)."""
    with _lock:
        if text not in _pending:
            _pending.append(text)


def take() -> list[str]:
    """The notices posted since the last call."""
    with _lock:
        out = list(_pending)
        _pending.clear()
        return out
