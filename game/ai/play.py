"""Playing whole games with bots in every seat (the simulator and tests use this), and
`decide`, the one call any driver (the desktop UI too) makes to ask a bot for a step."""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from game.ai.base import Bot, make_bot
from game.engine.actions import Action
from game.engine.determinize import sample_world
from game.engine.game import Game
from game.engine.rng import Rng
from game.ruleset.model import Ruleset

MAX_STEPS = 100_000
"""A guard against a rules mod that never ends; the base game takes about 500 steps."""


def seat_rng(seed: int, seat: int) -> Rng:
    """Each bot's own generator, derived from the game seed and its seat."""
    r = Rng(seed * 7919 + seat * 104729 + 1)
    r.next64()
    return r


def decide(game: Game, bot: Bot, rng: Rng, budget: float = math.inf) -> Action:
    """Ask `bot` for the acting faction's next step; it sees only that faction's view.

    The bot gets the view, the legal steps, its generator, the time budget and a sampler
    of worlds consistent with what the faction knows — never the game itself.
    """
    actor = game.actor
    if actor is None:
        raise ValueError("nobody is to decide: the game is over or running on its own")
    legal = game.legal_actions()
    with collector_on_what_is_new() if thinks_by_the_clock(bot) else cycle_collector_paused():
        return bot.choose(lambda: game.view(actor), legal, rng, budget, lambda r: sample_world(game, actor, r))


@contextmanager
def collector_on_what_is_new() -> Iterator[None]:
    """For a bot that thinks by the clock (`clocked`): Python's cycle collector stays on, but
    what was alive before the decision is frozen (`gc.freeze`) while it lasts and given back
    after (`gc.unfreeze`), so the collector walks only what the decision makes.

    The game, the UI and the search's caches from earlier decisions are what a full
    collection walked: ~50 ms each, 17 of them in 30 searches of search:easy, any of which
    landing in a 0.2 s search pushed it past its deadline (its 90th percentile wandered
    177–207 ms, stop 61); frozen, 2–4 full collections of ~2 ms, and easy saw 9.5–10.5 worlds
    a search, not 6–7. Nothing escapes the collector for long: unfrozen after the decision
    (with anything frozen before it, e.g. by `collector_paused_for`), all of it is walked
    again by the next full collection between decisions."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def cycle_collector_paused(freeze: bool = False) -> Iterator[None]:
    """Python's cycle collector off for a bot's decision, as it was after (not for a bot that
    thinks by the clock, `clocked`: the collection put off to the end of its decision would
    overrun its deadline; `collector_on_what_is_new` is its way).

    A decision builds and drops hundreds of thousands of small lists and tuples (copies of the
    game, worlds, scores); the collector keeps walking them and took about a sixth of a
    heuristic game's time (`perf`, stop 60), while a game leaves no cyclic garbage to
    collect (`gc.collect()` after a bot game finds none). Reference counting still frees
    everything; the collector runs as usual between decisions. With `freeze`, what is left
    alive when it ends is frozen (`gc.freeze`) rather than walked (`collector_paused_for`)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            if freeze:
                gc.freeze()
            gc.enable()


def play_game(
    ruleset: Ruleset, seed: int, seats: dict[str, str], scenario: str | None = None, budget: float = math.inf
) -> Game:
    """Play one game to its end with a bot in every seat (`seats`: faction id -> bot kind)."""
    game = Game.new(ruleset, scenario, seed, seats)
    play_on(game, game.seats, seed, budget)
    return game


def play_on(game: Game, seats: dict[str, str], seed: int, budget: float = math.inf) -> None:
    """Play `game` on to its end from where it stands, a fresh bot of `seats`' kind in every
    seat, each with its own generator derived from `seed`."""
    bots: dict[str, Bot] = {fid: make_bot(seats[fid]) for fid in game.seats}
    rngs = {fid: seat_rng(seed, i) for i, fid in enumerate(game.seats)}
    with collector_paused_for(bots.values()):
        for _ in range(MAX_STEPS):
            actor = game.actor
            if actor is None:
                break
            game.apply(decide(game, bots[actor], rngs[actor], budget))


def collector_paused_for(bots: Iterable[Bot]) -> AbstractContextManager[None]:
    """For a game that bots alone play (a simulation, a continuation of `odds`, a benchmark):
    Python's cycle collector off from its first step to its last, and what the game leaves
    alive frozen (`gc.freeze`) rather than walked — unless a bot thinks by the clock (then
    `decide` pauses it for each of the others' decisions).

    Paused only for each decision, the collector walked everything a decision left alive —
    the evaluator's caches — once the decision was over: about 10% of a compiled heuristic
    game (stop 61). Turned back on after the game, it would walk all of them at once (70 ms
    a game). Freezing is safe because a bot game leaves no cyclic garbage
    (`test_a_bot_game_leaves_no_cyclic_garbage`): reference counting frees everything it
    makes, frozen or not."""
    clocked = any(thinks_by_the_clock(bot) for bot in bots)
    return nullcontext() if clocked else cycle_collector_paused(freeze=True)


def thinks_by_the_clock(bot: Bot) -> bool:
    """Whether `bot` thinks until a wall-clock deadline (`clocked`, the search bot): the
    collector is handled for it apart (`collector_on_what_is_new`)."""
    return bool(getattr(bot, "clocked", False))
