"""Sampled worlds: the game as one faction might believe it to be.

A bot that searches needs whole games to play forward, but it may not see the hidden
cards. `sample_world(game, viewer, rng)` returns a copy of the game in which everything
the viewer cannot know is dealt again from the viewer's point of view (`viewer` None:
the room, who sees no hand at all — the odds of `game.analysis.odds` play on from there):

- the other factions' hands, every draw deck's order, and the cards discarded face down
  at cleanup (`secret_discards`) — each faction's unknown cards are re-dealt among that
  faction's hidden places, the regional cards among all hidden regional places;
- the order of the world-event and crisis decks;
- the game's random generator (else a bot could foresee every future shuffle);
- the seed and the action log, which would let a bot replay the real game.

A sampled world is a scratch copy (`Game.scratch()`): it keeps no records — no log,
history or step records (so no private log line either) — which is all a bot needs of
it: to play on, as fast as the rules allow.

What stays is public or the viewer's own: the board, tracks, capital, VP, hand sizes,
deck sizes, discard piles played face up, the viewer's hand and its own face-down
discards of its faction's cards. (A regional card the viewer discarded face down goes
back into the unknown pool: the engine does not record who discarded it. The viewer
forgets a little; it never learns anything.)

The sample depends only on what the viewer may know: each unknown pool is sorted by card
index before it is shuffled with the bot's generator, so swapping real hidden cards
between hidden places yields the very same sample. That is what makes a bot unable to
peek, and `tests/test_bots.py` checks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.rng import Rng

if TYPE_CHECKING:
    from game.engine.game import Game

REGIONAL = -1
"""Pool key of the regional cards (faction pools are keyed by faction index)."""


def sample_world(game: Game, viewer: str | None, rng: Rng) -> Game:
    """A copy of `game` with everything `viewer` (None: the room) cannot see dealt again at random."""
    t = game.t
    v = -1 if viewer is None else t.faction_index[viewer]
    owner = t.card_owner
    secret = game.secret_discards
    g = game.scratch()

    # Every hidden place, in a fixed public order, with the pool its card comes from.
    slots: list[tuple[list[int], int, int]] = []
    face_down: list[tuple[list[int], int]] = []
    pools: dict[int, list[int]] = {}

    def hide(pile: list[int], discard: bool = False) -> None:
        for i, c in enumerate(pile):
            if discard and c not in secret:
                continue  # played face up: everyone saw it
            key = owner[c]
            k = REGIONAL if key is None else key
            slots.append((pile, i, k))
            pools.setdefault(k, []).append(c)
            if discard:
                face_down.append((pile, i))

    known_secret: set[int] = set()
    for f in range(t.n_factions):
        if f != v:
            hide(g.hands[f])
    for f in range(t.n_factions):
        hide(g.decks[f])
    for f in range(t.n_factions):
        if f != v:
            hide(g.discards[f], discard=True)
        else:
            known_secret.update(c for c in g.discards[f] if c in secret)
    hide(g.regional_deck)
    hide(g.regional_discard, discard=True)

    dealt: dict[int, list[int]] = {}
    for k in sorted(pools):
        pool = sorted(pools[k])
        rng.shuffle(pool)
        dealt[k] = pool
    for pile, i, k in slots:
        pile[i] = dealt[k].pop()
    g.secret_discards = known_secret | {pile[i] for pile, i in face_down}

    g.event_deck = sorted(g.event_deck)
    rng.shuffle(g.event_deck)
    g.crisis_deck = sorted(g.crisis_deck)
    rng.shuffle(g.crisis_deck)
    g.rng = Rng(rng.next64())
    g.seed = 0
    g.undo_floor = 0
    g.offer(None)
    return g
