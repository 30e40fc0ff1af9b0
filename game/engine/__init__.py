"""The rules engine: pure, deterministic, file-free. See `game.engine.game.Game`."""

from game.engine.actions import Action, ActionParseError
from game.engine.game import Game, IllegalAction, LogEntry
from game.engine.saves import SaveError
from game.engine.scoring import Outcome, Status

__all__ = ["Action", "ActionParseError", "Game", "IllegalAction", "LogEntry", "Outcome", "SaveError", "Status"]
