"""Tying each public log line to the step, or the automatic phase of a round, that wrote it."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import Game, LogEntry
from game.i18n import N_, translator

FACILITATOR = N_("Facilitator")
"""Who took a step no faction decided."""


@dataclass(frozen=True)
class Step:
    """One step of the action log, as it was taken."""

    index: int
    """Position in `Game.actions` (the CSV counts from 1)."""
    action: str
    round: int
    phase: str
    action_round: int
    faction: str | None
    """Who decided (None: the facilitator)."""
    lines: tuple[str, ...] = ()
    """The public log text this step wrote."""


@dataclass
class Segment:
    """A run of log entries written by one step, or by one automatic phase of a round."""

    round: int
    step: int | None
    phase: str
    """`action` for a step; otherwise the phase that wrote the entries (`event`, `summit` …)."""
    entries: list[LogEntry] = field(default_factory=list)
    card: str | None = None
    """The world event or crisis that the phase revealed (its id)."""
    start: int = 0
    """Where the run begins in `Game.log`."""


@dataclass
class Trace:
    steps: list[Step]
    segments: list[Segment]


def trace_game(game: Game) -> Trace:
    """Tie each log line to the step or the automatic phase that wrote it.

    The engine records, for each step, the round and phase it was taken in
    (`Game.steps`); log entries carry the step and phase that wrote them. A step's own
    lines are those written in the phase it was taken in; once the round moves on
    (tension, summit, the next year's event …), the lines belong to those phases.
    """
    steps = [
        Step(i.position, str(game.actions[i.position]), i.round, i.phase, i.action_round, i.actor) for i in game.steps
    ]
    cards = {(rnd, "event" if kind == "event" else "tension"): cid for rnd, kind, cid in game.revealed}
    by_step: dict[int, list[LogEntry]] = {}
    for e in game.log:
        by_step.setdefault(e.step, []).append(e)
    segments: list[Segment] = []

    def add_phase_entry(e: LogEntry, step: int | None) -> None:
        last = segments[-1] if segments else None
        if last is None or (last.round, last.step, last.phase) != (e.round, step, e.phase):
            segments.append(Segment(e.round, step, e.phase, card=cards.get((e.round, e.phase))))
        segments[-1].entries.append(e)

    for e in by_step.get(0, []):
        add_phase_entry(e, None)
    lines: dict[int, list[str]] = {}
    for k, step in enumerate(steps):
        own = Segment(step.round, k, "action")
        segments.append(own)
        for e in by_step.get(k + 1, []):
            if segments[-1] is own and (e.round, e.phase) == (step.round, step.phase):
                own.entries.append(e)
                lines.setdefault(k, []).append(game.log_text(e, tr=translator()))
            else:
                add_phase_entry(e, k)
    steps = [
        Step(s.index, s.action, s.round, s.phase, s.action_round, s.faction, tuple(lines.get(s.index, ())))
        for s in steps
    ]
    return Trace(steps, segments)
