"""Saves: the ruleset identity, seed, seats and action log, as JSON. Loading replays the
log, so a save is small, exact, and cannot smuggle in a state the rules would not reach.

Reading files is the caller's business (the engine touches no files); a damaged or
foreign save raises `SaveError` with one sentence a person can act on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.engine.actions import Action, ActionParseError
from game.engine.messages import N_, Text, say, say_list

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


MAX_SAVE_CHARS = 8_000_000
"""A real save is a few kilobytes (a long seminar game, a few hundred)."""
MAX_STEPS = 10_000
"""A game takes a few hundred steps; a save with more is refused before replaying, so a
huge (even legal) log cannot freeze the window for minutes."""
MAX_SEED = 2**64
"""Seeds are 64-bit numbers (`secrets.randbits(64)`, or `--seed`); older saves may hold a
negative one, which the generator masks the same way."""
MAX_TEXT = 2_000
"""The longest step, seat kind, mod id or reason a save may hold, in characters."""
MAX_SEATS = 64
_STEP_NUMBER = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class SaveData:
    """A save's fields, each checked for its shape (nothing replayed yet)."""

    version: int
    ruleset: str | None
    mods: tuple[str, ...]
    scenario: str
    seed: int
    seats: dict[str, str]
    actions: tuple[str, ...]
    reasons: dict[int, str]
    round: int | None
    checkpoints: tuple[tuple[int, int, str], ...]
    state_hash: str | None

    def header(self) -> dict[str, Any]:
        """What a load dialog shows, without replaying anything."""
        return {"scenario": self.scenario, "seed": self.seed, "seats": dict(self.seats), "round": self.round,
                "ruleset": self.ruleset, "mods": list(self.mods)}  # fmt: skip


def _refuse_constant(name: str) -> Any:
    raise SaveError(say(N_("This is not a readable save: {value} is not a number a save can hold."), value=name))


def parse_save(text: str | bytes) -> SaveData:
    """The fields of a save, each checked for its kind and size; SaveError otherwise.

    Every reader of saves (the command line's `replay` and `report`, the window's Load,
    Continue and Watch replay, the Load list) goes through here, so a file that has the
    right names with the wrong shapes gets one sentence, never a traceback.

    >>> parse_save('{"format": "center-of-gravity-save", "version": 2, "scenario": "s", "seed": "7"}')
    Traceback (most recent call last):
    ...
    game.engine.saves.SaveError: This save is damaged: its seed should be a whole number, not the text '7'.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise SaveError(say(N_("This is not a save file: it is not text."))) from None
    if not isinstance(text, str):
        raise SaveError(say(N_("This is not a save file: it is not text.")))
    text = text.removeprefix("\ufeff")  # a byte order mark some editors write
    if len(text) > MAX_SAVE_CHARS:
        raise SaveError(say(N_("This file holds {count} characters: far too many for a save (a save is a few kilobytes)."), count=f"{len(text):,}"))
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except SaveError:
        raise
    except RecursionError:
        raise SaveError(say(N_("This is not a save: its JSON nests thousands of levels deep (a save nests three)."))) from None
    except json.JSONDecodeError as e:
        raise SaveError(say(N_("This is not a readable save: it is not complete JSON ({error})."), error=str(e))) from None
    except (ValueError, MemoryError) as e:
        raise SaveError(say(N_("This is not a readable save: {error}."), error=str(e))) from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(say(N_("This file is not a Center of Gravity save.")))
    version = data.get("version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        readable = say_list([str(v) for v in READABLE_VERSIONS], N_("{a} and {b}"))
        raise SaveError(say(N_("This save has version {version}; this game reads versions {readable}."), version=_shown(version), readable=readable))
    ruleset = _optional(data, "ruleset", str, N_("its rules identity"), N_("text"))
    scenario = _required(data, "scenario", str, N_("its scenario"), N_("an id"))
    seed = _required(data, "seed", int, N_("its seed"), N_("a whole number"))
    if not -MAX_SEED < seed < MAX_SEED:
        raise SaveError(say(N_("This save is damaged: its seed has {digits} digits; a seed is a 64-bit number (at most 20 digits)."), digits=len(str(abs(seed)))))
    mods = _list_of_text(data, "mods", N_("its mods"), N_("a list of mod ids"), 200)
    seats_raw = data.get("seats")
    if seats_raw is None:
        seats_raw = {}
    if not isinstance(seats_raw, dict):
        raise SaveError(say(N_("This save is damaged: its seats should be a mapping of faction to player, not {got}."), got=_kind(seats_raw)))
    if len(seats_raw) > MAX_SEATS or not all(isinstance(v, str) and len(v) <= MAX_TEXT for v in seats_raw.values()):
        raise SaveError(say(N_("This save is damaged: its seats should map each faction to a kind of player such as \"human\".")))
    actions = _list_of_text(data, "actions", N_("its action list"), N_("a list of steps"), MAX_STEPS, required=True)
    reasons_raw = data.get("reasons")
    if reasons_raw is None:
        reasons_raw = {}
    if not isinstance(reasons_raw, dict):
        raise SaveError(say(N_("This save is damaged: its reasons for moves should be a mapping, not {got}."), got=_kind(reasons_raw)))
    reasons: dict[int, str] = {}
    for key, why in reasons_raw.items():
        if not _STEP_NUMBER.fullmatch(key):
            raise SaveError(say(N_("This save is damaged: a reason is kept under {key}, which is not a step number."), key=_shown(key)))
        if not isinstance(why, str) or len(why) > MAX_TEXT:
            raise SaveError(say(N_("This save is damaged: the reason for step {step} should be one line of text, not {got}."), step=key, got=_kind(why)))
        if int(key) < len(actions):
            reasons[int(key)] = why
    round_no = data.get("round")
    if round_no is not None and type(round_no) is not int:
        raise SaveError(say(N_("This save is damaged: its round should be a whole number, not {got}."), got=_kind(round_no)))
    checkpoints_raw = data.get("checkpoints")
    if checkpoints_raw is None:
        checkpoints_raw = []
    if not isinstance(checkpoints_raw, list) or len(checkpoints_raw) > MAX_STEPS:
        raise SaveError(say(N_("This save is damaged: its checkpoints should be a list of [round, step, hash], not {got}."), got=_kind(checkpoints_raw)))
    checkpoints: list[tuple[int, int, str]] = []
    for c in checkpoints_raw:
        if not (isinstance(c, list) and len(c) == 3 and type(c[0]) is int and type(c[1]) is int and isinstance(c[2], str)):
            raise SaveError(say(N_("This save is damaged: a checkpoint should be [round, step, hash], not {got}."), got=_kind(c)))
        checkpoints.append((c[0], c[1], c[2]))
    state_hash = _optional(data, "state_hash", str, N_("its state hash"), N_("text"))
    return SaveData(
        version, ruleset, mods, scenario, seed, {str(k): v for k, v in seats_raw.items()}, actions, reasons,
        round_no, tuple(checkpoints), state_hash,
    )  # fmt: skip


def _kind(value: Any) -> Text:
    """What a JSON value is, in words (`the text '7'`, `a list`, `the number 5`)."""
    if value is None:
        return say(N_("null"))
    if isinstance(value, bool):
        return say(N_("the value {value}"), value=str(value).lower())
    if isinstance(value, int | float):
        return say(N_("the number {value}"), value=_shown(value))
    if isinstance(value, str):
        return say(N_("the text {value}"), value=_shown(value))
    return say(N_("a list")) if isinstance(value, list) else say(N_("a mapping"))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _required(data: dict[str, Any], key: str, kind: type, what: str, expect: str) -> Any:
    value = data.get(key)
    if value is None:
        raise SaveError(say(N_("This save is damaged: {what} is missing."), what=say(what)))
    return _checked(value, kind, what, expect)


def _optional(data: dict[str, Any], key: str, kind: type, what: str, expect: str) -> Any:
    value = data.get(key)
    return None if value is None else _checked(value, kind, what, expect)


def _checked(value: Any, kind: type, what: str, expect: str) -> Any:
    if type(value) is not kind or (isinstance(value, str) and len(value) > MAX_TEXT):
        raise SaveError(say(N_("This save is damaged: {what} should be {expect}, not {got}."), what=say(what), expect=say(expect), got=_kind(value)))
    return value


def _list_of_text(data: dict[str, Any], key: str, what: str, expect: str, most: int, required: bool = False) -> tuple[str, ...]:
    value = data.get(key)
    if value is None and not required:
        return ()
    if not isinstance(value, list):
        if value is None:
            raise SaveError(say(N_("This save is damaged: {what} is missing."), what=say(what)))
        raise SaveError(say(N_("This save is damaged: {what} should be {expect}, not {got}."), what=say(what), expect=say(expect), got=_kind(value)))
    if len(value) > most:
        raise SaveError(say(N_("This save holds {count} entries in {what}; a game has a few hundred, and this game reads at most {most}."),
                            count=f"{len(value):,}", what=say(what), most=f"{most:,}"))  # fmt: skip
    for item in value:
        if not isinstance(item, str) or len(item) > MAX_TEXT:
            raise SaveError(say(N_("This save is damaged: {what} should be {expect}, but one entry is {got}."), what=say(what), expect=say(expect), got=_kind(item)))
    return tuple(value)


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


def game_from_json(ruleset: Ruleset, text: str | bytes, check_rules: bool = True) -> Game:
    from game.engine.game import EffectBudgetExceeded, Game, IllegalAction

    save = parse_save(text)
    if check_rules and save.ruleset not in (ruleset.identity, *ruleset.former_identities):
        if save.mods:
            raise SaveError(say(N_("This save was made with different rules or mods; load it with the rules it was played with. "
                                   "It was played with the mods: {mods}."), mods=", ".join(save.mods)))  # fmt: skip
        raise SaveError(say(N_("This save was made with different rules or mods; load it with the rules it was played with. It was played without mods.")))
    if save.scenario not in {s.id for s in ruleset.scenarios}:
        raise SaveError(say(N_("This save's scenario {scenario} is not in these rules."), scenario=_shown(save.scenario)))
    game = Game.new(ruleset, save.scenario, save.seed, save.seats)
    for i, text_action in enumerate(save.actions, 1):
        try:
            game.replay_step(Action.parse(_upgrade(text_action) if save.version == 1 else text_action))
        except (ActionParseError, IllegalAction):
            raise SaveError(say(N_("This save is damaged: step {step} ({action}) is not a legal move there."), step=i, action=_shown(text_action))) from None
        except (RecursionError, MemoryError, EffectBudgetExceeded):
            raise SaveError(say(N_("This save cannot be replayed: step {step} ({action}) is more than these rules can resolve."), step=i, action=_shown(text_action))) from None
    game.reasons.update(save.reasons)
    if save.version == 1:
        return game
    replayed = [(h.round, h.step, h.hash) for h in game.history]
    if save.checkpoints and list(save.checkpoints) != replayed:
        bad = next((c for c, r in zip(save.checkpoints, replayed, strict=False) if c != r), save.checkpoints[-1])
        raise SaveError(say(N_("This save is damaged: replaying it does not reach the state it recorded at the end of round {round}."), round=bad[0]))
    if save.state_hash is not None and save.state_hash != game.state_hash():
        raise SaveError(say(N_("This save is damaged: replaying it does not reach the state it recorded.")))
    return game


def _upgrade(step: str) -> str:
    """A version 1 step in today's notation (`choose a1/red` -> `choose a1 red`)."""
    return step.replace("/", " ", 1) if step.startswith("choose ") else step


def peek(text: str | bytes) -> dict[str, Any]:
    """The header of a save without replaying it (for a load dialog); SaveError if any
    field of the save has the wrong shape."""
    return parse_save(text).header()
