"""The bot interface: a bot sees its faction's view, the legal actions, its own random
generator and a time budget, and returns one legal action. It never sees the game.

The view is passed as a function so a bot that needs no view (the random bot) does not
pay for building one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from game.engine.actions import Action
from game.engine.rng import Rng
from game.engine.view import View

ViewFn = Callable[[], View]


class Bot(Protocol):
    kind: str

    def choose(self, view: ViewFn, legal: list[Action], rng: Rng, budget: float) -> Action: ...


class RandomBot:
    """Picks uniformly among the legal actions; the baseline every bot must beat."""

    kind = "random"

    def choose(self, view: ViewFn, legal: list[Action], rng: Rng, budget: float) -> Action:
        return legal[rng.below(len(legal))]


BOT_KINDS = ("random",)


def make_bot(kind: str) -> Bot:
    if kind == "random":
        return RandomBot()
    raise ValueError(f"unknown bot kind {kind!r}; choose one of: {', '.join(BOT_KINDS)}")
