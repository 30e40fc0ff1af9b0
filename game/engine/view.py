"""What one faction may see: the public board plus its own hand, never another's.

The UI draws only views, bots decide only from views, and the hand-off screen shows a
view for nobody (`viewer=None`), which holds no hand at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.engine import scoring
from game.engine.actions import Action
from game.engine.messages import Message
from game.engine.state import RoundSnapshot
from game.ruleset.model import DOMAINS

if TYPE_CHECKING:
    from game.engine.game import Game


@dataclass(frozen=True)
class SpaceView:
    id: str
    influence: dict[str, dict[str, int]]
    """faction id -> domain -> amount (only factions with any influence)."""
    leader: str | None
    stability: int
    reason: str


@dataclass(frozen=True)
class CountryView:
    id: str
    status: str
    faction: str | None
    reasons: tuple[str, ...]
    balance_index: float


@dataclass(frozen=True)
class View:
    viewer: str | None
    round: int
    year: int
    rounds: int
    phase: str
    action_round: int
    action_rounds: int
    """Action rounds in each round of this scenario."""
    actor: str | None
    prompt: str
    tracks: dict[str, int]
    capital: dict[str, int]
    vp: dict[str, int]
    turn_order: tuple[str, ...]
    hand: tuple[str, ...]
    """The viewer's own cards (empty for nobody)."""
    hand_sizes: dict[str, int]
    deck_sizes: dict[str, int]
    spaces: dict[str, SpaceView]
    countries: dict[str, CountryView]
    balance_index: float
    """The region index from control (0: a hegemon wins; 100: no outside power has a sphere)."""
    hegemony: str
    """The index in words: 'Türkiye is halfway to hegemony: dominates Kyrgyzstan.'"""
    flags: tuple[str, ...]
    log: tuple[Message, ...]
    """The log as the viewer may read it (`messages.render` turns an entry into words)."""
    legal: tuple[Action, ...] = ()
    """The viewer's legal actions, if it is the viewer's decision."""
    outcome: scoring.Outcome | None = None
    history: tuple[RoundSnapshot, ...] = ()
    """The public numbers of every round played (without state hashes)."""
    summits: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        d = asdict(self)
        d["legal"] = [str(a) for a in self.legal]
        d["log"] = [m.to_dict() for m in self.log]
        return d


def make_view(game: Game, viewer: str | None) -> View:
    t = game.t
    fids = [f.id for f in t.factions]
    me = t.faction_index.get(viewer) if viewer is not None else None
    spaces = {}
    for s, sp in enumerate(t.spaces):
        infl = {}
        for f, fid in enumerate(fids):
            row = {d: game.influence(s, f, i) for i, d in enumerate(DOMAINS)}
            if any(row.values()):
                infl[fid] = row
        who = scoring.leader(game, s)
        spaces[sp.id] = SpaceView(sp.id, infl, None if who is None else fids[who], scoring.stability(game, s), scoring.space_reasons(game, s))
    reading = scoring.index_reading(game)
    countries = {}
    for c, country in enumerate(t.countries):
        st = reading.statuses[c]
        countries[country.id] = CountryView(
            country.id, st.kind, None if st.faction is None else fids[st.faction], st.reasons, reading.countries[c]
        )
    legal: tuple[Action, ...] = ()
    if me is not None and game.actor_index == me:
        legal = tuple(game.legal_actions())
    return View(
        viewer=viewer,
        round=game.round,
        year=game.year,
        rounds=t.scenario.rounds,
        phase=game.phase,
        action_round=game.action_round,
        action_rounds=game.t.action_rounds,
        actor=game.actor,
        prompt=game.prompt(),
        tracks={tr.id: game.tracks[i] for i, tr in enumerate(t.tracks)},
        capital=dict(zip(fids, game.capital, strict=True)),
        vp=dict(zip(fids, game.vp, strict=True)),
        turn_order=tuple(fids[f] for f in game.order),
        hand=tuple(t.cards[c].id for c in game.hands[me]) if me is not None else (),
        hand_sizes={fid: len(game.hands[f]) for f, fid in enumerate(fids)},
        deck_sizes={fid: len(game.decks[f]) for f, fid in enumerate(fids)},
        spaces=spaces,
        countries=countries,
        balance_index=reading.region,
        hegemony=reading.sentence,
        flags=tuple(sorted(game.flags)),
        log=tuple(e.for_viewer(viewer) for e in game.log),
        legal=legal,
        outcome=game.outcome,
        history=tuple(h.public() for h in game.history),
        summits=tuple(
            {"round": r.round, "scores": dict(r.scores), "reasons": dict(r.reasons), "domination": r.domination} for r in game.summits
        ),
    )
