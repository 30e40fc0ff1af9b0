"""The context effects resolve in: who acts, and what `this` means."""

from __future__ import annotations

from typing import NamedTuple


class Ctx(NamedTuple):
    """Who is acting and what `this` means while effects resolve."""

    actor: int | None
    this_space: int | None = None
    this_country: int | None = None
    this_faction: int | None = None
    source: str = ""
