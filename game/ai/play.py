"""Playing whole games with bots in every seat (the simulator and tests use this)."""

from __future__ import annotations

import functools

from game.ai.base import Bot, make_bot
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


def play_game(ruleset: Ruleset, seed: int, seats: dict[str, str], scenario: str | None = None, budget: float = 0.0) -> Game:
    """Play one game to its end with a bot in every seat (`seats`: faction id -> bot kind)."""
    game = Game.new(ruleset, scenario, seed, seats)
    bots: dict[str, Bot] = {fid: make_bot(kind) for fid, kind in game.seats.items()}
    rngs = {fid: seat_rng(seed, i) for i, fid in enumerate(game.seats)}
    for _ in range(MAX_STEPS):
        actor = game.actor
        if actor is None:
            break
        legal = game.legal_actions()
        action = bots[actor].choose(functools.partial(game.view, actor), legal, rngs[actor], budget)
        game.apply(action)
    return game
