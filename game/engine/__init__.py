"""The rules engine: pure, deterministic, file-free. See `game.engine.game.Game`."""

from game.engine.actions import Action, ActionParseError, public_notation
from game.engine.game import BoardNumbers, Decision, Game, IllegalAction
from game.engine.messages import LogEntry, Message
from game.engine.saves import SaveError
from game.engine.scoring import Outcome, Status
from game.engine.state import RoundSnapshot, StepInfo

__all__ = [
    "Action", "ActionParseError", "BoardNumbers", "Decision", "Game", "IllegalAction", "LogEntry", "Message", "Outcome",
    "RoundSnapshot", "SaveError", "Status", "StepInfo", "public_notation",
]  # fmt: skip
