"""What a batch of games says about the design (issue 15's targets), from finished games.

Per game (`GameMetrics`, small, so simulation workers send it cheaply): how domination
came (the map or the VP lead), the region index at every round end and at the middle
round, how many card plays were events (and which cards), whether a tie-break decided a balance game,
whether a crisis came, and the decisions a table of humans would have taken — turned into
minutes by the time model of DESIGN §5: 45 s to choose an action, 4 s per unit placed,
3 s for any other decision, 10 s each time the acting faction changes (a hand-off).

`metrics_block` turns a run's per-game numbers into the `metrics` block of
`simulate --json`.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from game.engine import Game

ACTION_SECONDS, UNIT_SECONDS, OTHER_SECONDS, HANDOFF_SECONDS = 45, 4, 3, 10


@dataclass(frozen=True)
class GameMetrics:
    route: str
    """How the game ended: `map` or `lead` (domination), else the outcome's kind."""
    index_by_round: tuple[float, ...]
    """The region index at the start (round 0) and at the end of every round played."""
    index_mid: float
    """The region index at the end of the middle round (or when the game ended, if sooner)."""
    plays: int
    event_plays: int
    tiebreak: bool
    """A balance game whose winner tied on VP (total influence broke the tie)."""
    crisis: bool
    actions: int
    units: int
    other: int
    handoffs: int
    events: tuple[str, ...] = ()
    """The ids of the cards played for their event, in the order played."""

    @property
    def play_minutes(self) -> float:
        seconds = (ACTION_SECONDS * self.actions + UNIT_SECONDS * self.units + OTHER_SECONDS * self.other
                   + HANDOFF_SECONDS * self.handoffs)  # fmt: skip
        return seconds / 60.0


def game_metrics(game: Game) -> GameMetrics:
    out = game.outcome
    assert out is not None
    t = game.t
    indices = tuple(h.balance_index for h in game.history)
    mid = (t.scenario.rounds + 1) // 2  # the middle of rounds 1…n: 2 of 3, 4 of 8
    index_mid = next((h.balance_index for h in reversed(game.history) if h.round <= mid), indices[-1])
    plays = [e.message for e in game.log if e.message.id == "plays"]
    vp = sorted(game.history[-1].vp.values(), reverse=True)  # the final snapshot: bonuses added
    actions = units = other = handoffs = 0
    previous = None
    for step in game.steps:
        a = game.actions[step.position]
        if step.begins_action and step.phase == "actions":
            actions += 1
        elif a.space is not None:
            units += 1
        else:
            other += 1
        if step.actor is not None:
            handoffs += previous is not None and step.actor != previous
            previous = step.actor
    return GameMetrics(
        route=_route(game),
        index_by_round=indices,
        index_mid=index_mid,
        plays=len(plays),
        event_plays=sum(1 for m in plays if m.args["mode"] == "event"),
        events=tuple(str(m.args["card"]) for m in plays if m.args["mode"] == "event"),
        tiebreak=out.kind == "balance" and len(vp) > 1 and vp[0] == vp[1],
        crisis=any(kind == "crisis" for _, kind, _ in game.revealed),
        actions=actions,
        units=units,
        other=other,
        handoffs=handoffs,
    )


def _route(game: Game) -> str:
    """`map` or `lead` for a domination (the outcome says which), else the outcome's kind."""
    out = game.outcome
    assert out is not None
    return out.route if out.kind == "domination" and out.route else out.kind


def auc_low_predicts(low: list[float], high: list[float]) -> float | None:
    """The area under the ROC curve with which a low value predicts membership of `low`'s
    class: the chance that a member of it scores lower than a non-member (ties half)."""
    if not low or not high:
        return None
    wins = 0.0
    for a in low:
        for b in high:
            wins += 1.0 if a < b else 0.5 if a == b else 0.0
    return wins / (len(low) * len(high))


def metrics_block(games: list[GameMetrics], event_cards: Sequence[str] = ()) -> dict[str, object]:
    """The `metrics` block of `simulate --json` (see the module docstring); `event_cards`,
    the ids of the cards that have an event, are counted in `events_chosen` (every one, 0
    included) so that an event no bot ever chose shows in `events_never_chosen`."""
    n = len(games)
    routes: dict[str, int] = {"map": 0, "lead": 0}
    for g in games:
        if g.route in routes:
            routes[g.route] += 1
    every_index = [x for g in games for x in g.index_by_round[1:]]
    dominated = [g.index_mid for g in games if g.route in ("map", "lead")]
    others = [g.index_mid for g in games if g.route not in ("map", "lead")]
    auc = auc_low_predicts(dominated, others)
    plays = sum(g.plays for g in games)
    balance = [g for g in games if g.route == "balance"]
    chosen = Counter(c for g in games for c in g.events)
    events_chosen = {c: chosen[c] for c in event_cards}

    def median(values: list[float]) -> float:
        return round(statistics.median(values), 2) if values else 0.0

    return {
        "domination_by_route": routes,
        "index": {
            "round_end_sd": round(statistics.pstdev(every_index), 2) if len(every_index) > 1 else 0.0,
            "auc_mid": None if auc is None else round(auc, 3),
        },
        "event_share": round(sum(g.event_plays for g in games) / plays, 4) if plays else 0.0,
        "tiebreak_share": round(sum(g.tiebreak for g in balance) / len(balance), 4) if balance else 0.0,
        "events_chosen": events_chosen,
        "events_never_chosen": [c for c, n in events_chosen.items() if n == 0],
        "crisis_games": sum(g.crisis for g in games),
        "breakdown_games": sum(g.route == "breakdown" for g in games),
        "decisions_per_game": {
            "action": median([g.actions for g in games]),
            "unit": median([g.units for g in games]),
            "other": median([g.other for g in games]),
        },
        "play_minutes": median([g.play_minutes for g in games]),
        "games": n,
    }
