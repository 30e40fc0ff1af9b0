"""Saves: the ruleset identity, seed, seats and action log, as JSON. Loading replays the
log, so a save is small, exact, and cannot smuggle in a state the rules would not reach.

Reading files is the caller's business (the engine touches no files); a damaged or
foreign save raises `SaveError` with one sentence a person can act on.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from game.engine.actions import Action, ActionParseError

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.ruleset.model import Ruleset

SAVE_FORMAT = "center-of-gravity-save"
SAVE_VERSION = 2
"""2: the state hash is derived from the declared state (`state.py`), and a space with a
faction is written `choose <space> <faction>`. Version 1 saves still load: their steps
are read in the old notation and their old hashes are not checked (the log replays
through the rules all the same, so a tampered step is still refused)."""
READABLE_VERSIONS = (1, 2)


class SaveError(ValueError):
    """A save that cannot be loaded; the message is meant for the player."""


def game_to_json(game: Game) -> str:
    data = {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "ruleset": game.t.ruleset.identity,
        "mods": list(game.t.ruleset.mods),
        "scenario": game.t.scenario.id,
        "seed": game.seed,
        "seats": game.seats,
        "actions": [str(a) for a in game.actions],
        "reasons": {str(k): v for k, v in sorted(game.reasons.items())},
        "round": game.round,
        "checkpoints": [[h.round, h.step, h.hash] for h in game.history],
        "state_hash": game.state_hash(),
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def game_from_json(ruleset: Ruleset, text: str, check_rules: bool = True) -> Game:
    from game.engine.game import Game, IllegalAction

    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, TypeError) as e:
        raise SaveError(f"This is not a readable save: it is not complete JSON ({e}).") from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError("This file is not a Center of Gravity save.")
    version = data.get("version")
    if version not in READABLE_VERSIONS:
        readable = " and ".join(map(str, READABLE_VERSIONS))
        raise SaveError(f"This save has version {version!r}; this game reads versions {readable}.")
    seed, scenario, actions, seats = data.get("seed"), data.get("scenario"), data.get("actions"), data.get("seats", {})
    if not isinstance(seed, int) or not isinstance(scenario, str) or not isinstance(actions, list) or not isinstance(seats, dict):
        raise SaveError("This save is damaged: its seed, scenario, seats or action list is missing or of the wrong kind.")
    if check_rules and data.get("ruleset") != ruleset.identity:
        mods = data.get("mods") or []
        hint = f" It was played with the mods: {', '.join(map(str, mods))}." if mods else " It was played without mods."
        raise SaveError("This save was made with different rules or mods; load it with the rules it was played with." + hint)
    if scenario not in {s.id for s in ruleset.scenarios}:
        raise SaveError(f"This save's scenario {scenario!r} is not in these rules.")
    game = Game.new(ruleset, scenario, seed, {str(k): str(v) for k, v in seats.items()})
    for i, text_action in enumerate(actions, 1):
        try:
            game.replay_step(Action.parse(_upgrade(str(text_action)) if version == 1 else str(text_action)))
        except (ActionParseError, IllegalAction):
            raise SaveError(f"This save is damaged: step {i} ({text_action!r}) is not a legal move there.") from None
    reasons = data.get("reasons") or {}
    if not isinstance(reasons, dict):
        raise SaveError("This save is damaged: its reasons for moves are not a mapping.")
    for key, why in reasons.items():
        if str(key).isdigit() and isinstance(why, str) and int(key) < len(actions):
            game.reasons[int(key)] = why
    if version == 1:
        return game
    checkpoints = data.get("checkpoints") or []
    replayed = [[h.round, h.step, h.hash] for h in game.history]
    if checkpoints and checkpoints != replayed:
        bad = next((c for c, r in zip(checkpoints, replayed, strict=False) if c != r), checkpoints[-1])
        raise SaveError(f"This save is damaged: replaying it does not reach the state it recorded at the end of round {bad[0]}.")
    expected = data.get("state_hash")
    if expected is not None and expected != game.state_hash():
        raise SaveError("This save is damaged: replaying it does not reach the state it recorded.")
    return game


def _upgrade(step: str) -> str:
    """A version 1 step in today's notation (`choose a1/red` -> `choose a1 red`)."""
    return step.replace("/", " ", 1) if step.startswith("choose ") else step


def peek(text: str) -> dict[str, Any]:
    """The header of a save without replaying it (for a load dialog)."""
    data = json.loads(text)
    return {k: data.get(k) for k in ("scenario", "seed", "seats", "round", "ruleset", "mods")}
