"""One game on screen: the engine game, who sits where, the bots, and who looks at the screen.

The UI drives the game only through `legal_actions()` / `apply()` and per-faction views.
Bots think in a worker thread (a search bot may take a second), so the window stays
responsive; their moves are applied on the UI thread at a readable pace.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from game.ai.base import BOT_KINDS, Bot, make_bot
from game.ai.play import decide, seat_rng
from game.engine import Action, Game
from game.engine.rng import Rng
from game.engine.view import View
from game.ruleset.model import Ruleset
from game.ui.data_dir import atomic_write, autosave_path

HUMAN = "human"
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


@dataclass
class Session:
    ruleset: Ruleset
    game: Game
    rules_paths: list[str] = field(default_factory=list)
    demo: bool = False
    autosave: bool = True
    viewer: str | None = None
    """The human faction whose eyes are on the screen now (None: nobody's yet)."""

    def __post_init__(self) -> None:
        self.bots: dict[str, Bot] = {}
        self.rngs: dict[str, Rng] = {}
        for i, (fid, kind) in enumerate(self.game.seats.items()):
            if kind != HUMAN:
                try:
                    self.bots[fid] = make_bot(kind)
                except (ImportError, ValueError):
                    self.bots[fid] = make_bot(best_bot_kind())
                self.rngs[fid] = seat_rng(self.game.seed + len(self.game.actions), i)
        self._pool: ThreadPoolExecutor | None = None
        self._future: Future[Action] | None = None
        self._future_key: tuple[int, str] | None = None
        self.last_step_at = 0.0
        self.space_ids = {s.id for s in self.ruleset.spaces}

    # ----- construction --------------------------------------------------------------------------
    @classmethod
    def new(cls, ruleset: Ruleset, scenario: str | None, seed: int, seats: dict[str, str], **kw: object) -> Session:
        return cls(ruleset, Game.new(ruleset, scenario, seed, seats), **kw)  # type: ignore[arg-type]

    @classmethod
    def from_save(cls, ruleset: Ruleset, text: str, **kw: object) -> Session:
        """Raises SaveError with a sentence for the player."""
        return cls(ruleset, Game.from_json(ruleset, text), **kw)  # type: ignore[arg-type]

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
    def actor(self) -> str | None:
        return self.game.actor

    def human_to_act(self) -> bool:
        return self.is_human(self.game.actor)

    def needs_handoff(self) -> bool:
        """True when a different human must take the screen before deciding."""
        actor = self.game.actor
        if not self.is_human(actor) or actor == self.viewer:
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

    def screen_view(self) -> View:
        """What the screen may show now: the viewer's view (in a demo, the acting bot's)."""
        if self.demo and not self.humans:
            return self.game.view(self.game.actor)
        return self.game.view(self.viewer)

    # ----- steps -----------------------------------------------------------------------------------
    def apply(self, action: Action) -> StepRecord:
        g = self.game
        actor = g.actor
        log_before = len(g.log)
        summits_before = len(g.summits)
        g.apply(action)
        self.last_step_at = time.monotonic()
        self._cancel_bot()
        viewer_view = g.view(self.viewer if not (self.demo and not self.humans) else actor)
        new_log = list(viewer_view.log[log_before:])
        spaces = [a.split("/")[0] for a in action.args if a.split("/")[0] in self.space_ids]
        if self.autosave:
            self.save_to(autosave_path())
        return StepRecord(actor, action, new_log, spaces, len(g.summits) > summits_before, g.over)

    def undo(self) -> bool:
        if not self.can_undo():
            return False
        self.game.undo()
        self._cancel_bot()
        if self.autosave:
            self.save_to(autosave_path())
        return True

    def can_undo(self) -> bool:
        return self.game.can_undo() and self.is_human(self.game.actor) and self.game.actor == self.viewer

    def save_to(self, path: Path) -> None:
        atomic_write(path, self.game.to_json())

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
            self._future = self._pool.submit(decide, g, bot, rng, BOT_BUDGET)
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
