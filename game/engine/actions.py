"""Actions: one small decision each, printed and parsed as short words.

`str(action)` is its notation (`play <card>`, `place <space>`, `remove <space> <faction>`);
`Action.parse(text)` reads it back and checks the shape of its arguments. Every step of
the game — choosing a card, a mode, a space — is one `Action`, so
`Game.legal_actions()` is always a short list.

Each kind of argument has one encoding: a card, space, faction, ability or world event
is its id (a lowercase word starting with a letter), an option of a choice is its number
from 1. A space with a faction is always two words, `<space> <faction>`.

    >>> Action.parse("remove a1 red")
    Action.parse('remove a1 red')
    >>> Action.parse("remove a1 red").space, Action.parse("remove a1 red").faction
    ('a1', 'red')
    >>> Action.parse("place")
    Traceback (most recent call last):
    ...
    game.engine.actions.ActionParseError: 'place' takes a space (place <space>), not nothing
"""

from __future__ import annotations

import re
from typing import NamedTuple


class ActionParseError(ValueError):
    """Raised for text that is not an action's notation."""


ID = re.compile(r"[a-z][a-z0-9_-]*")
NUMBER = re.compile(r"[1-9][0-9]{0,2}")

# The argument kinds, and what a word of each kind looks like.
CARD, SPACE, FACTION, ABILITY, EVENT, OPTION = "card", "space", "faction", "ability", "event", "option"
_SHAPES = {CARD: ID, SPACE: ID, FACTION: ID, ABILITY: ID, EVENT: ID, OPTION: NUMBER}

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
    "choose": "answer a choice an effect asks for: a space, a space and a faction, or an option's number",
    "yes": "agree to a partner's joint action",
    "no": "refuse a partner's joint action",
    "intervene": "pay to intervene in the crisis",
    "decline": "let the crisis run its course",
    "discard": "discard a card down to your hand size",
    "inject": "facilitator: resolve a chosen world event now (not a faction's action)",
}

SIGNATURES: dict[str, tuple[tuple[str, ...], ...]] = {
    "play": ((CARD,),),
    "ops": ((),),
    "remove": ((), (SPACE, FACTION)),
    "event": ((),),
    "place": ((SPACE,),),
    "done": ((),),
    "diplomacy": ((),),
    "pass": ((),),
    "ability": ((ABILITY,),),
    "choose": ((SPACE,), (SPACE, FACTION), (OPTION,)),
    "yes": ((),),
    "no": ((),),
    "intervene": ((),),
    "decline": ((),),
    "discard": ((CARD,),),
    "inject": ((EVENT,),),
}
"""The argument kinds each verb may take (one tuple per accepted form)."""
assert set(SIGNATURES) == set(VERBS)


class Action(NamedTuple):
    verb: str
    args: tuple[str, ...] = ()

    def __str__(self) -> str:
        return " ".join((self.verb, *self.args)) if self.args else self.verb

    def __repr__(self) -> str:
        return f"Action.parse({str(self)!r})"

    @classmethod
    def parse(cls, text: str) -> Action:
        """The action a notation names; ActionParseError if its verb or arguments are wrong."""
        words = text.split()
        if not words:
            raise ActionParseError("an empty action")
        verb, args = words[0], tuple(words[1:])
        if verb not in VERBS:
            raise ActionParseError(f"unknown action {verb!r}; actions are: {', '.join(VERBS)}")
        if _form(verb, args) is None:
            forms = " or ".join(f"{verb} " + " ".join(f"<{k}>" for k in form) if form else verb for form in SIGNATURES[verb])
            wanted = " or ".join(_kinds(form) for form in SIGNATURES[verb])
            got = " ".join(args) or "nothing"
            raise ActionParseError(f"{verb!r} takes {wanted} ({forms}), not {got}")
        return cached_action(verb, *args)

    # The arguments by kind (an action built by the engine or `parse` has a valid form;
    # these are read in the bots' inner loops, so they look at the verb, not the signature).
    @property
    def space(self) -> str | None:
        if self.verb in _SPACE_FIRST and self.args and not self.args[0][0].isdigit():
            return self.args[0]
        return None

    @property
    def faction(self) -> str | None:
        return self.args[1] if len(self.args) == 2 and self.verb in _SPACE_FIRST else None

    @property
    def card(self) -> str | None:
        return self.args[0] if self.verb in _CARD_VERBS and self.args else None

    @property
    def option(self) -> int | None:
        if self.verb == "choose" and len(self.args) == 1 and self.args[0][0].isdigit():
            return int(self.args[0])
        return None


_SPACE_FIRST = frozenset(v for v, forms in SIGNATURES.items() if any(form[:1] == (SPACE,) for form in forms))
_CARD_VERBS = frozenset(v for v, forms in SIGNATURES.items() if any(form[:1] == (CARD,) for form in forms))


def _form(verb: str, args: tuple[str, ...]) -> tuple[str, ...] | None:
    """The signature `args` match (None: no form of the verb fits)."""
    for form in SIGNATURES.get(verb, ()):
        if len(form) == len(args) and all(_SHAPES[k].fullmatch(a) for k, a in zip(form, args, strict=True)):
            return form
    return None


def _kinds(form: tuple[str, ...]) -> str:
    if not form:
        return "nothing"
    words = [f"an {k}" if k[0] in "aeiou" else f"a {k}" for k in form]
    return " and ".join(words)


SECRET_VERBS = frozenset({"discard"})
"""Steps whose argument only the acting faction may see (a card discarded face down)."""


def public_notation(step: Action | str) -> str:
    """A step as anyone may read it: a face-down discard without its card.

    >>> public_notation("discard some-card"), public_notation("play some-card")
    ('discard', 'play some-card')
    """
    text = str(step)
    verb = text.split(" ", 1)[0]
    return verb if verb in SECRET_VERBS else text


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
