"""Whole actions and the timeline of each round: what the report tells, in the order it happened."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.analysis.report.trace import Segment, Trace
from game.engine import Game
from game.engine.scoring import SummitRecord
from game.i18n import translator


@dataclass
class Move:
    """A whole action (a turn, an intervention, a discard) or a facilitator's step."""

    first: int
    steps: list[int]
    faction: str | None
    round: int
    phase: str
    action_round: int
    lines: list[str] = field(default_factory=list)
    reason: str | None = None


@dataclass
class Item:
    """One entry of a round's timeline."""

    kind: str
    """`event`, `income`, `move`, `crisis`, `summit`, `end`, `log` or `outcome`."""
    lines: list[str] = field(default_factory=list)
    move: Move | None = None
    card: str | None = None
    summit: SummitRecord | None = None


@dataclass
class RoundBlock:
    round: int
    year: int
    items: list[Item] = field(default_factory=list)


def group_moves(game: Game, trace: Trace) -> list[Move]:
    """Steps grouped into whole actions: a new one at each action start, facilitator step,
    or step that follows the game's own phases (a choice asked by a world event)."""
    starts = set(game.action_starts) | steps_after_a_phase(trace)
    moves: list[Move] = []
    for s in trace.steps:
        if not moves or s.index in starts or s.faction is None or moves[-1].faction is None:
            moves.append(
                Move(s.index, [], s.faction, s.round, s.phase, s.action_round, reason=game.reasons.get(s.index))
            )
        moves[-1].steps.append(s.index)
        moves[-1].lines.extend(s.lines)
    return moves


def steps_after_a_phase(trace: Trace) -> set[int]:
    """The steps whose log run follows one of the game's own phases, not another step."""
    after: set[int] = set()
    previous: Segment | None = None
    for seg in trace.segments:
        if seg.phase == "action" and seg.step is not None and (previous is None or previous.phase != "action"):
            after.add(seg.step)
        previous = seg
    return after


def timeline(game: Game, trace: Trace, moves: list[Move]) -> list[RoundBlock]:
    """Each round's items in log order: a move where its first step wrote, the phases'
    lines between them, and the outcome last."""
    move_of = {i: m for m in moves for i in m.steps}
    rounds: dict[int, RoundBlock] = {}

    def block(r: int) -> RoundBlock:
        if r not in rounds:
            rounds[r] = RoundBlock(r, game.t.scenario.start_year + r - 1)
        return rounds[r]

    placed: set[int] = set()
    for seg in trace.segments:
        items = block(seg.round).items
        if seg.phase == "action" and seg.step is not None:
            move = move_of[seg.step]
            if move.first not in placed:
                placed.add(move.first)
                items.append(Item("move", move=move))
        else:
            add_phase_item(items, phase_item(game, seg))
    for m in moves:
        if m.first not in placed:  # a step that wrote nothing
            block(m.round).items.append(Item("move", move=m))
    last = max(rounds) if rounds else game.round
    if game.outcome is not None:
        block(game.outcome.round or last).items.append(Item("outcome", list(game.outcome.reasons)))
    return [rounds[r] for r in sorted(rounds)]


def add_phase_item(items: list[Item], item: Item | None) -> None:
    """Append a phase's item; the end-of-round phases (cleanup, expiry) share one."""
    if item is None:
        return
    if item.kind == "end" and items and items[-1].kind == "end":
        items[-1].lines.extend(item.lines)
    else:
        items.append(item)


def phase_item(game: Game, seg: Segment) -> Item | None:
    """The timeline's item for the lines an automatic phase wrote (None: nothing to show)."""
    text = [game.log_text(e, tr=translator()) for e in seg.entries]
    if seg.phase == "event":
        return (
            Item("event", text[1:], card=seg.card) if len(text) > 1 else None
        )  # the first line is the round's heading
    if seg.phase == "income":
        return Item("income", text) if text else None
    if seg.phase == "tension":
        return Item("crisis", text, card=seg.card) if text else None
    if seg.phase == "summit":
        return summit_item(game, seg.round, text)
    if seg.phase in ("cleanup", "expire"):
        return Item("end", text) if text else None
    if seg.phase == "log":
        return Item("log", text)
    return None  # draws are private and round_end only repeats the outcome, shown once at the end


def summit_item(game: Game, round_: int, text: list[str]) -> Item | None:
    """The summit phase runs every round; only some rounds hold a summit. The outcome's
    reasons are left out here: the timeline shows them once, as the outcome."""
    record = {s.round: s for s in game.summits}.get(round_)
    if record is None and not text:
        return None
    outcome_lines = set(game.outcome.reasons) if game.outcome else set()
    rest = [x for x in text[1:] if x not in outcome_lines] if record else text
    return Item("summit", rest, summit=record)
