"""The game state as one declared value: every field says how a copy takes it and whether
it decides the rest of the game (and so goes into `state_hash`).

`Game` inherits these fields. `Game.state_hash()` is derived from the declarations below;
`copy_state` (`Game.copy()`, `Game.scratch()`) is written out field by field for the compiler
and held to them by `tests/test_engine_state.py`, which also fails if the game holds an
attribute that is neither declared here nor listed as derived (`Game.DERIVED`), and checks
that each declared kind of copy really is independent.

Also here: the typed records the engine keeps for everything downstream — one `StepInfo`
per step (round, phase, actor) and one `RoundSnapshot` at the end of every round.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any, NamedTuple

from game.engine.actions import Action
from game.engine.frames import Frame
from game.engine.messages import LogEntry
from game.engine.pickles import field_values
from game.engine.rng import Rng
from game.engine.scoring import Outcome, SummitRecord
from game.engine.tables import Modifier

# How a copy takes a field.
SHARED = "shared"
"""An immutable value (a number, a string, a tuple, a frozen record): shared."""
LIST = "list"
"""A list of immutable items: a new list."""
LISTS = "lists"
"""A list of lists of immutable items: new lists all the way down."""
DICT = "dict"
SET = "set"
RNG = "rng"
"""The random generator: a new generator in the same state."""


def _state(copy: str, hashed: bool) -> Any:
    return field(metadata={"copy": copy, "hashed": hashed})


@dataclass(init=False, eq=False, repr=False)
class GameState:
    """Everything a game is, beside the immutable tables (`Game.t`) and what is derived
    from the two (`Game.DERIVED`)."""

    # ----- who plays, and chance --------------------------------------------------------------
    seed: int = _state(SHARED, False)
    seats: dict[str, str] = _state(DICT, False)
    """faction id -> `human` or a bot kind."""
    rng: Rng = _state(RNG, True)
    # ----- the board: flat tables indexed [(space * n_factions + faction) * 3 + domain] ----
    infl: list[int] = _state(LIST, True)
    presence: list[int] = _state(LIST, False)
    """Per faction, a bitmask of the spaces where it has any influence (follows `infl`)."""
    capital: list[int] = _state(LIST, True)
    vp: list[int] = _state(LIST, True)
    tracks: list[int] = _state(LIST, True)
    developed: list[int] = _state(LIST, True)
    """Per corridor, what `develop_corridor` added to its income."""
    blocked: dict[int, int] = _state(DICT, True)
    """Corridor index -> the last round it is blocked."""
    flags: dict[str, int] = _state(DICT, True)
    """Flag -> the last round it is set."""
    timed: list[tuple[Modifier, int]] = _state(LIST, True)
    """Modifiers added by effects, with the last round each is in force."""
    modifier_uid: int = _state(SHARED, True)
    """The last uid given to a modifier (abilities first, then timed ones)."""
    # ----- the round ------------------------------------------------------------------------
    round: int = _state(SHARED, True)
    phase: str = _state(SHARED, True)
    """The next phase to run (`actions` while factions take their turns)."""
    current_phase: str = _state(SHARED, False)
    """The phase whose work is being done now (for the log)."""
    action_round: int = _state(SHARED, True)
    order: list[int] = _state(LIST, True)
    """Turn order of this action round (faction indices)."""
    turn_pos: int = _state(SHARED, True)
    special_used: list[bool] = _state(LIST, True)
    stack: list[Frame] = _state(LIST, True)
    """Work in progress, innermost last (`game/engine/frames.py`)."""
    outcome: Outcome | None = _state(SHARED, True)
    postponed: list[int] = _state(LIST, True)
    """Rounds whose summit was postponed to the next round (`summit_postpone_chance`)."""
    # ----- cards ----------------------------------------------------------------------------
    hands: list[list[int]] = _state(LISTS, True)
    decks: list[list[int]] = _state(LISTS, True)
    discards: list[list[int]] = _state(LISTS, True)
    regional_deck: list[int] = _state(LIST, True)
    regional_discard: list[int] = _state(LIST, True)
    event_deck: list[int] = _state(LIST, True)
    event_discard: list[int] = _state(LIST, True)
    crisis_deck: list[int] = _state(LIST, True)
    crisis_discard: list[int] = _state(LIST, True)
    secret_discards: set[int] = _state(SET, False)
    """Cards in discard piles that only their discarder saw go (cleanup discards)."""
    current_event: str | None = _state(SHARED, False)
    current_crisis: str | None = _state(SHARED, False)
    # ----- the record: what happened, for saves, undo, the log and the debrief ---------------
    actions: list[Action] = _state(LIST, False)
    """The action log: every step taken, facilitator steps included."""
    action_starts: list[int] = _state(LIST, False)
    """Indices in `actions` where a whole action began (a turn, an intervention, a discard)."""
    steps: list[StepInfo] = _state(LIST, False)
    """One record per entry of `actions`: when it was taken and by whom."""
    reasons: dict[int, str] = _state(DICT, False)
    """A player's one line of why, keyed by the index in `actions` of the action's first step."""
    log: list[LogEntry] = _state(LIST, False)
    history: list[RoundSnapshot] = _state(LIST, False)
    """The public numbers at the start (round 0) and at the end of every round played."""
    summits: list[SummitRecord] = _state(LIST, False)
    revealed: list[tuple[int, str, str]] = _state(LIST, False)
    """(round, `event` or `crisis`, id) of every world event and crisis card revealed."""
    records: bool = _state(SHARED, False)
    """Whether the game keeps the records above beside its action log: False in a scratch
    copy (`Game.scratch()`, sampled worlds), which plays on exactly as the game would but
    writes no log, history, step records or reasons in words: a bot's look-ahead reads none
    of them, and they cost more than the rules' own work (`Game.scratch()`)."""
    undo_floor: int = _state(SHARED, False)
    """`undo()` never takes back a step before this one."""
    reveals: int = _state(SHARED, False)
    """Counts cards revealed (drawn, played, turned up): undo never crosses one."""


_COPY: dict[str, Callable[[Any], Any]] = {
    LIST: list,
    LISTS: lambda x: [list(y) for y in x],
    DICT: dict,
    SET: set,
    RNG: lambda r: r.copy(),
}
"""How a copy takes each kind of field: what `copy_state` does, field by field."""
STATE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(GameState))
COPIED: tuple[tuple[str, Callable[[Any], Any]], ...] = tuple(
    (f.name, _COPY[f.metadata["copy"]]) for f in fields(GameState) if f.metadata["copy"] != SHARED
)
"""The fields a copy must not share, with how to copy each."""
HASHED: tuple[str, ...] = tuple(f.name for f in fields(GameState) if f.metadata["hashed"])
RECORDS: dict[str, Callable[[], Any]] = {
    "actions": list, "action_starts": list, "steps": list, "reasons": dict, "log": list, "history": list,
}  # fmt: skip
"""The records a scratch copy (`Game.scratch()`) starts empty and does not keep (it keeps
`actions`, its own steps only: undo counts them)."""


def copy_state(src: GameState, dst: GameState, keep_records: bool) -> None:
    """Copy every field of `src` into `dst` as the field's declaration above says; without
    `keep_records`, the `RECORDS` start empty and `records` is False (a scratch copy).

    Written out field by field, not looped over `COPIED`: compiled (game/native.py), each line
    is a store into a C struct, and bots copy the game tens of thousands of times a game.
    `tests/test_engine_state.py` holds it to the declarations (a field left out or shared
    that should be copied fails there)."""
    dst.seed = src.seed
    dst.seats = src.seats.copy()
    dst.rng = src.rng.copy()
    dst.infl = src.infl.copy()
    dst.presence = src.presence.copy()
    dst.capital = src.capital.copy()
    dst.vp = src.vp.copy()
    dst.tracks = src.tracks.copy()
    dst.developed = src.developed.copy()
    dst.blocked = src.blocked.copy()
    dst.flags = src.flags.copy()
    dst.timed = src.timed.copy()
    dst.modifier_uid = src.modifier_uid
    dst.round = src.round
    dst.phase = src.phase
    dst.current_phase = src.current_phase
    dst.action_round = src.action_round
    dst.order = src.order.copy()
    dst.turn_pos = src.turn_pos
    dst.special_used = src.special_used.copy()
    dst.stack = src.stack.copy()
    dst.outcome = src.outcome
    dst.postponed = src.postponed.copy()
    dst.hands = [h.copy() for h in src.hands]
    dst.decks = [d.copy() for d in src.decks]
    dst.discards = [d.copy() for d in src.discards]
    dst.regional_deck = src.regional_deck.copy()
    dst.regional_discard = src.regional_discard.copy()
    dst.event_deck = src.event_deck.copy()
    dst.event_discard = src.event_discard.copy()
    dst.crisis_deck = src.crisis_deck.copy()
    dst.crisis_discard = src.crisis_discard.copy()
    dst.secret_discards = src.secret_discards.copy()
    dst.current_event = src.current_event
    dst.current_crisis = src.current_crisis
    dst.summits = src.summits.copy()
    dst.revealed = src.revealed.copy()
    dst.undo_floor = src.undo_floor
    dst.reveals = src.reveals
    if keep_records:
        dst.records = src.records
        dst.actions = src.actions.copy()
        dst.action_starts = src.action_starts.copy()
        dst.steps = src.steps.copy()
        dst.reasons = src.reasons.copy()
        dst.log = src.log.copy()
        dst.history = src.history.copy()
    else:
        dst.records = False
        dst.actions = []
        dst.action_starts = []
        dst.steps = []
        dst.reasons = {}
        dst.log = []
        dst.history = []


def _canonical(value: Any) -> Any:
    """A value in a form whose repr does not depend on insertion or hash order."""
    if isinstance(value, Rng):
        return value.state
    if isinstance(value, dict):
        return sorted(value.items())
    if isinstance(value, set):
        return sorted(value)
    if isinstance(value, Outcome):
        return (value.kind, value.winner)
    return value


def state_digest(state: GameState) -> str:
    """A digest of the fields that decide the rest of the game (`hashed` ones)."""
    parts = [(name, _canonical(getattr(state, name))) for name in HASHED]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


# ----- records for everything downstream -------------------------------------------------------
class StepInfo(NamedTuple):
    """When a step of the action log was taken, and by whom."""

    position: int
    """Its index in `Game.actions`."""
    round: int
    phase: str
    action_round: int
    actor: str | None
    """The faction that decided it (None: the facilitator)."""
    begins_action: bool
    """It began a whole action (a turn, an intervention, a discard, an injected event)."""


@dataclass(frozen=True)
class RoundSnapshot:
    """The public numbers at the end of a round (round 0: the start), for charts."""

    round: int
    step: int
    """How many steps had been taken."""
    balance_index: float
    """The region index from control (`scoring.balance_index`)."""
    countries: dict[str, float]
    """country id -> its balance index."""
    influence_spread: float
    """How evenly total influence is spread (`scoring.influence_spread`; the old index)."""
    shares: dict[str, float]
    """faction id -> its share of all influence on the board."""
    vp: dict[str, int]
    tracks: dict[str, int]
    hash: str = ""
    """`state_hash()` then, to check a replay against (never shown to a client)."""

    def __reduce__(self) -> tuple[type[RoundSnapshot], tuple[Any, ...]]:
        return (RoundSnapshot, field_values(self))  # compiled, it cannot be pickled attribute by attribute (game/engine/pickles.py)

    def public(self) -> RoundSnapshot:
        """Without the hash: a client could test guesses of the hidden cards against it."""
        return replace(self, hash="")
