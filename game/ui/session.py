"""One game on screen: the engine game, who sits where, the bots, and who looks at the screen.

The UI drives the game only through `legal_actions()` / `apply()` and per-faction views.
Bots think in a worker thread (a search bot may take a second) on a copy of the game, so
the window stays responsive and a facilitator may change the game meanwhile; their moves
are applied on the UI thread at a readable pace.

Who sees what (hot-seat secrecy): with two or more humans, a hand shows only while its
owner decides, after their hand-off; between those decisions the screen shows the
*room view* — the public board, nobody's hand. With one human, that human's hand may stay
on screen, except in projector mode, where the room sees the room view between turns.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.ai.base import BOT_KINDS, Bot, make_bot
from game.ai.play import decide, seat_rng
from game.engine import Action, Game
from game.engine.rng import Rng
from game.engine.view import View
from game.files import atomic_write
from game.i18n import _, translator
from game.room.host import DEVICE
from game.ruleset.model import Ruleset
from game.ui import notices
from game.ui.data_dir import autosave_path, previous_autosave_path, write_problem

HUMAN = "human"
__all__ = ["DEVICE", "HUMAN", "Session"]
BOT_BUDGET = 3.0
"""Seconds a bot may think per decision."""


def bot_kinds() -> tuple[str, ...]:
    """The bot kinds that can be built here (a kind still being written is left out)."""
    out = []
    for kind in BOT_KINDS:
        try:
            make_bot(kind)
        except (ImportError, ValueError):
            continue
        out.append(kind)
    return tuple(out) or ("random",)


def best_bot_kind() -> str:
    """A bot that plays sensibly and fast: the default seat and the demo's players."""
    kinds = bot_kinds()
    for kind in ("heuristic", "search:easy"):
        if kind in kinds:
            return kind
    return kinds[0]


@dataclass
class StepRecord:
    """What one applied step changed, for animation."""

    actor: str | None
    action: Action
    new_log: list[str]
    spaces: list[str]
    summit: bool
    over: bool
    completed: str | None = None
    """The faction whose whole action this step finished (None: the action goes on)."""


class TurnTimer:
    """The room's clock for a human's action: counts down, flashes at zero, never acts."""

    def __init__(self) -> None:
        self.limit = 0.0
        """Seconds a turn may take (0: no timer)."""
        self.faction: str | None = None
        self.key: tuple[str, int] | None = None
        self.left = 0.0

    @property
    def running(self) -> bool:
        return self.faction is not None and self.limit > 0

    def start(self, faction: str, key: tuple[str, int]) -> None:
        self.faction, self.key, self.left = faction, key, self.limit

    def stop(self) -> None:
        self.faction = None

    def tick(self, dt: float) -> None:
        if self.running:
            self.left -= dt

    @property
    def expired(self) -> bool:
        return self.running and self.left <= 0

    def text(self) -> str:
        left = max(0, int(self.left + 0.999))
        return f"{left // 60}:{left % 60:02d}"


def action_in_words(rs: Ruleset, g: Game, start: int) -> str:
    """The whole action that began at step `start`, as a sentence's subject: "Türkiye's
    play of Inroads in Tajikistan for operations (Osh, Bishkek)" ("" if it has no words)."""
    acts = g.actions[start:]
    if not acts:
        return ""
    step = next((st for st in g.steps if st.position == start), None)
    factions = {f.id: f.name for f in rs.factions}
    spaces = {sp.id: sp.name for sp in rs.spaces}
    cards = {c.id: c.name for c in rs.cards}
    who = factions.get(step.actor or "", "") if step is not None else ""
    first = acts[0]
    where = [spaces[a.space] for a in acts if a.verb in ("place", "choose", "remove") and a.space in spaces]
    places = " (" + ", ".join(dict.fromkeys(where)) + ")" if where else ""
    if first.verb == "inject" and first.args:
        name = next((e.name for e in rs.events if e.id == first.args[0]), first.args[0])
        return _("the facilitator's injected world event {event}").format(event=name)
    if not who:
        return ""
    if first.verb == "play" and first.args:
        mode = next((a.verb for a in acts[1:] if a.verb in ("ops", "event", "remove") and not a.args), "")
        how = {"ops": _(" for operations"), "event": _(" for its event"), "remove": _(" to remove rival influence")}.get(mode, "")
        return _("{faction}'s play of {card}{how}{places}").format(faction=who, card=cards.get(first.args[0], first.args[0]), how=how, places=places)
    fixed = {
        "diplomacy": _("{faction}'s diplomacy{places}"),
        "pass": _("{faction}'s pass"),
        "intervene": _("{faction}'s intervention in the crisis{places}"),
        "decline": _("{faction}'s decision not to intervene in the crisis"),
        "discard": _("{faction}'s discard"),
        "ability": _("{faction}'s use of an ability{places}"),
    }
    text = fixed.get(first.verb)
    return text.format(faction=who, places=places) if text else ""


def _keep_as_previous(path: Path) -> None:
    """Copy the autosave to the previous game's slot, leaving it in place until the new game's
    autosave replaces it: moved, a kill between the move and the first write left no autosave
    at all (the kill -9 soak test caught it). An autosave that cannot be read (a dangling
    link) is moved, as before."""
    try:
        data = path.read_bytes()
    except OSError:
        os.replace(path, previous_autosave_path())
        return
    atomic_write(previous_autosave_path(), data)


@dataclass
class Session:
    ruleset: Ruleset
    game: Game
    rules_paths: list[str] = field(default_factory=list)
    demo: bool = False
    autosave: bool = True
    viewer: str | None = None
    """The human faction whose eyes are on the screen now (None: the room's)."""
    geometry: dict[str, Any] | None = None
    """The map to draw: the base map with the game's mods' shapes (None: the base map)."""
    mods: tuple[str, ...] = ()
    """The mods the game is played with (folders or ids), to load its forks with."""
    projector: bool = False
    """Projector mode: the room view between turns, even with a single human."""
    continues_autosave: bool = False
    """The game was loaded from the autosave (Continue): its autosave is its own. Any
    other game first moves the autosave it finds to the previous game's slot."""

    def __post_init__(self) -> None:
        self.bots: dict[str, Bot] = {}
        self.rngs: dict[str, Rng] = {}
        for i, (fid, kind) in enumerate(self.game.seats.items()):
            self.rngs[fid] = seat_rng(self.game.seed + len(self.game.actions), i)
            if kind not in (HUMAN, DEVICE):  # a team's device plays its own seat (game.room)
                try:
                    self.bots[fid] = make_bot(kind)
                except (ImportError, ValueError):
                    self.bots[fid] = make_bot(best_bot_kind())
        self._pool: ThreadPoolExecutor | None = None
        self._future: Future[Action] | None = None
        self._future_key: tuple[int, str] | None = None
        self.last_step_at = 0.0
        self.space_ids = {s.id for s in self.ruleset.spaces}
        self.paused = False
        """The facilitator paused the game: bots and the timer wait; the room view shows."""
        self.ended_early = False
        self.timer = TurnTimer()
        self.action_owner: str | None = None
        """Who began the whole action now under way."""
        self.action_verb = ""
        """Its first step's verb (`play`, `pass`, `discard` …)."""
        self.autosave_failed = False
        """The last autosave could not be written (the player was told once)."""
        self._slot_kept = False

    # ----- construction --------------------------------------------------------------------------
    @classmethod
    def new(cls, ruleset: Ruleset, scenario: str | None, seed: int, seats: dict[str, str], **kw: Any) -> Session:
        return cls(ruleset, Game.new(ruleset, scenario, seed, seats), **kw)

    @classmethod
    def from_save(cls, ruleset: Ruleset, text: str, **kw: Any) -> Session:
        """Raises SaveError with a sentence for the player."""
        return cls(ruleset, Game.from_json(ruleset, text), **kw)

    # ----- seats -----------------------------------------------------------------------------------
    @property
    def seats(self) -> dict[str, str]:
        return dict(self.game.seats)

    def is_human(self, fid: str | None) -> bool:
        return fid is not None and self.game.seats.get(fid) == HUMAN

    @property
    def humans(self) -> list[str]:
        return [f for f, k in self.game.seats.items() if k == HUMAN]

    @property
    def devices(self) -> list[str]:
        """Seats played from a team's own device (the seminar room)."""
        return [f for f, k in self.game.seats.items() if k == DEVICE]

    def is_device(self, fid: str | None) -> bool:
        return fid is not None and self.game.seats.get(fid) == DEVICE

    def stand_in(self, fid: str, on: bool) -> None:
        """A bot plays a team's seat while its device is away (on), or the team again (off)."""
        if not self.is_device(fid):
            return
        if on:
            self.bots[fid] = make_bot(best_bot_kind())
        else:
            self.bots.pop(fid, None)
            if self._future_key is not None and self._future_key[1] == fid:
                self._cancel_bot()

    @property
    def actor(self) -> str | None:
        return self.game.actor

    def human_to_act(self) -> bool:
        return self.is_human(self.game.actor)

    def needs_handoff(self) -> bool:
        """True when a different human must take the screen before deciding."""
        actor = self.game.actor
        if self.paused or not self.is_human(actor) or actor == self.viewer:
            return False
        return len(self.humans) > 1 or self.viewer is not None and self.is_human(self.viewer)

    def take_screen(self, fid: str) -> None:
        self.viewer = fid

    def settle_viewer(self) -> None:
        """With a single human, that human always sees the screen (no hand-off needed)."""
        humans = self.humans
        if len(humans) == 1:
            self.viewer = humans[0]
        elif not humans and self.demo:
            self.viewer = None

    def shows_hand(self) -> bool:
        """True when the screen may show a hand now (else: the room view)."""
        g = self.game
        if self.paused or self.ended_early:
            return False
        if self.demo and not self.humans:
            return g.actor is not None
        if self.viewer is None:
            return False
        # with teams on devices the window is the room's screen: the lone human's hand shows
        # only during their own decision
        return g.actor == self.viewer or (len(self.humans) == 1 and not self.projector and not self.devices)

    def screen_reader(self) -> str | None:
        """Whose eyes the screen serves now: the viewer during their own decision (in a
        demo, the acting bot), or None for the room."""
        if not self.shows_hand():
            return None
        if self.demo and not self.humans:
            return self.game.actor
        return self.viewer

    def screen_view(self) -> View:
        """What the screen may show now: the reader's view, or the room view (public, no hand)."""
        return self.game.view(self.screen_reader())

    def between_actions(self) -> bool:
        """True when the next step begins a whole new action (a turn, an intervention or a
        discard): the moment a reason may be asked for (the engine's `begins_action`)."""
        return self.game.begins_action()

    def can_inject(self) -> bool:
        return self.game.between_actions()

    def _after_change(self) -> None:
        """After a step or a facilitator's change: whose eyes may stay on the screen."""
        if len(self.humans) > 1 and self.game.actor != self.viewer:
            self.viewer = None
        self.settle_viewer()

    # ----- steps -----------------------------------------------------------------------------------
    def apply(self, action: Action) -> StepRecord:
        g = self.game
        actor = g.actor
        if self.between_actions():
            self.action_owner = actor
            self.action_verb = action.verb
        log_before = len(g.log)
        summits_before = len(g.summits)
        g.apply(action)
        self.last_step_at = time.monotonic()
        self._cancel_bot()
        completed = self.action_owner if self.between_actions() else None
        if completed is not None:
            self.timer.stop()
        self._after_change()  # another human's turn next: the room view until their hand-off
        reader = self.screen_reader()
        new_log = [g.log_text(e, reader, translator()) for e in g.log[log_before:]]
        spaces = [action.space] if action.space in self.space_ids else []
        self.write_autosave()
        return StepRecord(actor, action, new_log, spaces, len(g.summits) > summits_before, g.over, completed)

    def undo(self) -> bool:
        if not self.can_undo():
            return False
        self.game.undo()
        self._cancel_bot()
        self.write_autosave()
        return True

    # ----- the facilitator ------------------------------------------------------------------------
    def inject(self, event_id: str) -> list[str]:
        """Resolve a world event now (between two actions); its public log lines.
        Raises IllegalAction with a sentence otherwise."""
        g = self.game
        before = len(g.log)
        self._cancel_bot()
        g.inject_event(event_id)
        self._changed_by_facilitator()
        return [g.log_text(e, tr=translator()) for e in g.log[before:]]

    def last_action_words(self) -> str:
        """The whole action a facilitator's undo would take back, in the log's words."""
        g = self.game
        starts = [i for i in g.action_starts if i < len(g.actions)]
        if not starts:
            return ""
        start = starts[-1]
        words = action_in_words(self.ruleset, g, start)
        if words:
            return words
        lines = [g.log_text(e, tr=translator()) for e in g.log if e.step > start and e.phase == "actions"]
        if not lines:
            lines = [g.log_text(e, tr=translator()) for e in g.log if e.step > start]
        return lines[0] if lines else str(g.actions[start])

    def undo_action(self) -> None:
        """Take back the last whole action (raises IllegalAction if there is none)."""
        self._cancel_bot()
        self.game.undo_action()
        self.timer.stop()
        if len(self.humans) > 1:
            self.viewer = None
        self._changed_by_facilitator()

    def fork(self, round_no: int) -> Game:
        """A new game from the start of `round_no` of this one (this game is untouched)."""
        return self.game.fork(round_no)

    def set_reason(self, text: str) -> None:
        self.game.set_reason(text)
        self.write_autosave()

    def _changed_by_facilitator(self) -> None:
        self.last_step_at = time.monotonic()
        self._after_change()
        self.write_autosave()

    # ----- the turn timer ---------------------------------------------------------------------------
    def track_timer(self, dt: float) -> None:
        """Start the clock when a human begins an action; count down unless paused."""
        g = self.game
        actor = g.actor
        if self.timer.limit <= 0 or self.demo or actor is None:
            self.timer.stop()
            return
        if self.between_actions():
            if not (self.is_human(actor) or self.is_device(actor) and actor not in self.bots):
                self.timer.stop()
                return
            key = (actor, len(g.action_starts))
            if self.timer.key != key:
                self.timer.start(actor, key)
        if not self.paused and self.timer.faction == actor:
            self.timer.tick(dt)

    def set_timer(self, minutes: int) -> None:
        """The facilitator sets the turn timer (0: off); the current turn starts over."""
        self.timer.limit = 60.0 * minutes
        self.timer.key = None
        self.timer.stop()

    def can_undo(self) -> bool:
        return self.game.can_undo() and self.is_human(self.game.actor) and self.game.actor == self.viewer

    def why_no_undo(self) -> str:
        """Why Ctrl+Z cannot take a step back now, in a sentence."""
        g = self.game
        if g.over:
            return "Nothing to undo: the game is over."
        if not (self.is_human(g.actor) and g.actor == self.viewer):
            return "Nothing to undo: it is not your turn at this screen."
        return "Nothing to undo: you can take back only your own steps of this turn (a new card, a draw or another player's move cannot be taken back)."

    def save_to(self, path: Path) -> None:
        atomic_write(path, self.game.to_json())

    def write_autosave(self) -> bool:
        """Autosave after a step. The first autosave of a game that is not the autosave's
        own moves the old autosave to the previous game's slot. If the data folder cannot
        be written (a locked-down lab PC, a full disk), the player is told once and the
        game goes on. True if written."""
        if not self.autosave:
            return False
        path = autosave_path()
        try:
            if not (self._slot_kept or self.continues_autosave):
                if os.path.lexists(path):
                    _keep_as_previous(path)
                self._slot_kept = True
            self.save_to(path)
        except OSError as e:
            if not self.autosave_failed:
                notices.post(write_problem(_("the autosave"), e))
            self.autosave_failed = True
            return False
        self.autosave_failed = False
        return True

    # ----- bots --------------------------------------------------------------------------------------
    def bot_to_act(self) -> bool:
        return self.game.actor is not None and self.game.actor in self.bots

    def poll_bot(self) -> Action | None:
        """The bot's chosen action once it has decided (thinking runs in a worker thread)."""
        g = self.game
        actor = g.actor
        if actor is None or actor not in self.bots:
            return None
        key = (len(g.actions), actor)
        if self._future is None or self._future_key != key:
            self._cancel_bot()
            bot, rng = self.bots[actor], self.rngs[actor]
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bot")
            # the bot reads a copy: the facilitator may change the game while it thinks
            self._future = self._pool.submit(decide, g.copy(), bot, rng, BOT_BUDGET)
            self._future_key = key
        if not self._future.done():
            return None
        action = self._future.result()
        self._future = None
        return action

    def _cancel_bot(self) -> None:
        if self._future is not None:
            self._future.cancel()
        self._future = None
        self._future_key = None

    def close(self) -> None:
        self._cancel_bot()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
