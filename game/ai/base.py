"""The bot interface: a bot sees its faction's view, the legal actions, its own random
generator and a time budget, and returns one legal action. It never sees the game.

    action = make_bot("heuristic").choose(view, legal, rng, budget, sampler)

- `view()` builds the faction's `View` (a function, so a bot that needs no view — the
  random bot — does not pay for building one);
- `legal` is `game.legal_actions()`; the answer is always one of them;
- `rng` is the seat's own generator (`game.ai.play.seat_rng`), so a seeded game replays;
- `budget` is the most wall-clock seconds the driver allows (`math.inf`: no limit); a
  search bot thinks for its level's time or the budget, whichever is less;
- `sampler(rng)` returns a world the faction might be in: a copy of the game with every
  card it cannot see dealt again (`game.engine.determinize.sample_world`). Bots that
  look ahead (heuristic, search) need it; `game.ai.play.decide(game, bot, rng)` builds
  the view and the sampler for the acting faction, for any driver (UI, simulator, tests).

Levels (`BOT_KINDS`): `random`, `heuristic`, `search:easy`, `search:normal`,
`search:hard` (0.2, 1 and 3 seconds a decision).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from game.engine.actions import Action
from game.engine.rng import Rng
from game.engine.view import View

if TYPE_CHECKING:
    from game.engine.game import Game

ViewFn = Callable[[], View]
Sampler = Callable[[Rng], "Game"]


class Bot(Protocol):
    kind: str

    def choose(
        self, view: ViewFn, legal: list[Action], rng: Rng, budget: float, sampler: Sampler | None = None
    ) -> Action: ...


class RandomBot:
    """Picks uniformly among the legal actions; the baseline every bot must beat."""

    kind = "random"

    def choose(
        self, view: ViewFn, legal: list[Action], rng: Rng, budget: float, sampler: Sampler | None = None
    ) -> Action:
        return legal[rng.below(len(legal))]


SEARCH_LEVELS: dict[str, float] = {"easy": 0.2, "normal": 1.0, "hard": 3.0}
"""Seconds a decision for each level of the search bot."""

BOT_KINDS: tuple[str, ...] = ("random", "heuristic", *(f"search:{level}" for level in SEARCH_LEVELS))

BOT_LABELS: dict[str, str] = {
    "random": "Random (picks any legal move)",
    "heuristic": "Heuristic (fast, plays to its faction's aims)",
    "search:easy": "Search — easy (0.2 s a move)",
    "search:normal": "Search — normal (1 s a move)",
    "search:hard": "Search — hard (3 s a move)",
}
"""Words for a setup screen, one per kind."""


def make_bot(kind: str) -> Bot:
    """A fresh bot of a kind of `BOT_KINDS` (one per seat: bots remember their plans)."""
    if kind == "random":
        return RandomBot()
    if kind == "heuristic":
        from game.ai.heuristic import HeuristicBot

        return HeuristicBot()
    if kind.startswith("search:") and kind.split(":", 1)[1] in SEARCH_LEVELS:
        from game.ai.search import SearchBot

        return SearchBot(seconds=SEARCH_LEVELS[kind.split(":", 1)[1]], kind=kind)
    raise ValueError(f"unknown bot kind {kind!r}; choose one of: {', '.join(BOT_KINDS)}")
