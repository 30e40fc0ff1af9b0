"""How the engine's records travel to another process (pickled: a worker started by "spawn",
the default on macOS and Windows).

Compiled by mypyc (game/native.py), a class has no `__dict__` and a frozen dataclass refuses
the attribute stores pickle would make, so those in the game state say how they are built
again (`__reduce__`): from their fields, as their constructor takes them.
`tests/test_native.py` pickles a played game, compiled.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any


def field_values(record: Any) -> tuple[Any, ...]:
    """A dataclass's fields in order: the arguments that build it again."""
    return tuple(getattr(record, f.name) for f in fields(record))
