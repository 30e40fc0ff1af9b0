"""Actions: one small decision each, printed and parsed as short words.

`str(action)` is its notation (`play <card>`, `place <space>`, `remove <space> <faction>`);
`Action.parse(text)` reads it back. Every step of the game — choosing a card, a mode,
a space — is one `Action`, so `Game.legal_actions()` is always a short list.
"""

from __future__ import annotations

from typing import NamedTuple


class ActionParseError(ValueError):
    """Raised for text that is not an action's notation."""


VERBS: dict[str, str] = {
    "play": "choose a card from your hand to play (then ops, remove or event)",
    "ops": "play the chosen card for operations: place influence of its domain",
    "remove": "with no target: play a security card to remove rival influence; with a space and faction: remove one unit",
    "event": "play the chosen card for its event",
    "place": "place one unit of influence in a space",
    "done": "stop placing or removing (the remaining operations are lost)",
    "diplomacy": "pay capital to add 1 soft power where you already have influence",
    "pass": "take no action and gain capital",
    "ability": "use a faction ability that acts once a round",
    "choose": "answer a choice an effect asks for",
    "yes": "agree to a partner's joint action",
    "no": "refuse a partner's joint action",
    "intervene": "pay to intervene in the crisis",
    "decline": "let the crisis run its course",
    "discard": "discard a card down to your hand size",
    "inject": "facilitator: resolve a chosen world event now (not a faction's action)",
}


class Action(NamedTuple):
    verb: str
    args: tuple[str, ...] = ()

    def __str__(self) -> str:
        return " ".join((self.verb, *self.args)) if self.args else self.verb

    def __repr__(self) -> str:
        return f"Action.parse({str(self)!r})"

    @classmethod
    def parse(cls, text: str) -> Action:
        words = text.split()
        if not words:
            raise ActionParseError("an empty action")
        if words[0] not in VERBS:
            raise ActionParseError(f"unknown action {words[0]!r}; actions are: {', '.join(VERBS)}")
        return cls(words[0], tuple(words[1:]))


_CACHE: dict[tuple[str, ...], Action] = {}


def cached_action(verb: str, *args: str) -> Action:
    """The same Action object for the same words (the engine builds these every step)."""
    key = (verb, *args)
    a = _CACHE.get(key)
    if a is None:
        a = Action(verb, args)
        if len(_CACHE) < 100_000:
            _CACHE[key] = a
    return a
