"""The game's log as data: each entry is a message id with typed arguments, and one
formatter turns it into a sentence for its reader.

The engine records *what happened* (`places`, faction `red`, amount 1, domain `trade`,
space `a1`), never an English sentence, so a save holds facts, another language or a
remote client can render them its own way, and the window can merge three "places 1"
into one "places 3". Ids are resolved to names through the ruleset when rendered.

Argument names carry their kind: `faction`, `partner`, `space`, `origin`, `card`,
`cards`, `event`, `crisis`, `track`, `corridor` and `domain` are ids; `amount`, `count`,
`cost`, `old`, `new`, `year`, `round`, `rounds` are numbers; `label`, `source` and `text`
are words already meant for the reader (a content name or a sentence from scoring).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from game.ruleset.model import Ruleset

DOMAIN_WORDS = {"soft_power": "soft power", "security": "security", "trade": "trade"}


class Message(NamedTuple):
    """One thing that happened: a message id and its typed arguments. (Named tuples, not
    dataclasses: the engine writes one or two a step, and this is the cheap kind.)"""

    id: str
    args: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **{k: list(v) if isinstance(v, tuple) else v for k, v in self.args.items()}}


class LogEntry(NamedTuple):
    round: int
    message: Message
    """What everyone may read."""
    faction: str | None = None
    """Who acted, if anyone."""
    private_to: str | None = None
    private: Message | None = None
    """What only `private_to` may read instead (the cards it drew)."""
    step: int = 0
    """How many steps of the action log had been taken when this was written: an entry
    with step k came from applying step k (0: the setup before any step)."""
    phase: str = ""
    """The phase of the round it was written in (event, income, draw, actions …)."""

    def for_viewer(self, viewer: str | None) -> Message:
        """The message `viewer` may read (None: the room, which sees only public messages)."""
        if self.private is not None and viewer is not None and viewer == self.private_to:
            return self.private
        return self.message

    def public(self) -> LogEntry:
        """This entry without its private part (for a client that may not see it)."""
        return self if self.private is None else self._replace(private_to=None, private=None)


# ----- the English catalogue -------------------------------------------------------------------
TEMPLATES: dict[str, str] = {
    "round_begins": "— {year}: round {round} of {rounds} —",
    "world_event": "World event — {event}: {flavour}",
    "injected": "The facilitator injects a world event — {event}: {flavour}",
    "income": "{faction} gains {amount} capital ({parts}).",
    "draws": "{faction} draws {count} {cards_word}.",
    "draws_cards": "{faction} draws {cards}.",
    "passes": "{faction} passes and gains {amount} capital.",
    "diplomacy": "{faction} uses diplomacy ({cost} capital).",
    "uses_ability": "{faction} uses {label}.",
    "plays": "{faction} plays {card} for {mode_words} (cost {cost}).",
    "places": "{faction} places {amount} {domain} in {space}.",
    "adds": "{faction} adds {amount} {domain} in {space}.",
    "loses": "{faction} loses {amount} {domain} in {space}.",
    "moves": "{faction} moves {amount} {domain} from {origin} to {space}.",
    "pays_extra": "{faction} pays {amount} capital ({label}).",
    "saves_extra": "{faction} saves {amount} capital ({label}).",
    "gains_capital": "{faction} gains {amount} capital.",
    "loses_capital": "{faction} loses {amount} capital.",
    "gains_vp": "{faction} gains {amount} VP.",
    "loses_vp": "{faction} loses {amount} VP.",
    "track_rises": "{track} rises from {old} to {new} ({who}).",
    "track_falls": "{track} falls from {old} to {new} ({who}).",
    "modifier": "{faction}: {label} is in force.",
    "corridor_blocked": "{corridor} is blocked.",
    "corridor_developed": "{corridor} is developed.",
    "chooses": "{faction} chooses: {label}.",
    "agrees": "{faction} agrees ({source}).",
    "declines": "{faction} declines ({source}).",
    "crisis": "Crisis — {crisis} in {space}. {flavour}",
    "crisis_nowhere": "Crisis — {crisis}: nowhere it can strike.",
    "cannot_intervene": "{faction} cannot afford to intervene ({cost} capital).",
    "intervenes": "{faction} intervenes in {crisis} ({cost} capital).",
    "no_intervention": "{faction} does not intervene; {crisis} runs its course.",
    "discards": "{faction} discards a card.",
    "discards_card": "{faction} discards {card}.",
    "summit": "Summit of {year}: {text}",
    "summit_postponed": "The summit of {year} is postponed to {later}.",
    "verdict": "{text}",
}
"""Every message the engine writes, in English. A test checks that the engine writes no
other id and that each template's placeholders are ones the formatter fills."""

MODE_WORDS = {"ops": "operations", "remove": "security operations against rivals", "event": "its event"}

MERGEABLE = frozenset({"places", "adds", "loses", "moves", "gains_capital", "loses_capital", "gains_vp", "loses_vp"})
"""Messages whose consecutive repeats (same arguments but the amount) read as one."""


class Names:
    """Names of a ruleset's things by id, for sentences."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self.factions = {f.id: f.name for f in ruleset.factions}
        self.spaces = {s.id: s.name for s in ruleset.spaces}
        self.cards = {c.id: c.name for c in ruleset.cards}
        self.events = {e.id: e for e in ruleset.events}
        self.crises = {c.id: c for c in ruleset.crises}
        self.tracks = {t.id: t.name for t in ruleset.tracks}
        self.corridors = {c.id: c.name for c in ruleset.corridors}


_NAMES: dict[int, Names] = {}


def names_of(ruleset: Ruleset) -> Names:
    """The (cached) names of a ruleset."""
    hit = _NAMES.get(id(ruleset))
    if hit is None or hit.ruleset is not ruleset:
        if len(_NAMES) > 64:
            _NAMES.clear()
        hit = _NAMES[id(ruleset)] = Names(ruleset)
    return hit


def render(ruleset: Ruleset, message: Message) -> str:
    """A message as an English sentence."""
    n = names_of(ruleset)
    a = message.args
    fill: dict[str, Any] = dict(a)
    for key, table in (("faction", n.factions), ("space", n.spaces), ("origin", n.spaces), ("card", n.cards),
                       ("track", n.tracks), ("corridor", n.corridors)):  # fmt: skip
        if key in a:
            fill[key] = table.get(a[key], a[key])
    if "domain" in a:
        fill["domain"] = DOMAIN_WORDS.get(a["domain"], a["domain"])
    mid = message.id
    if mid in ("track_rises", "track_falls"):
        fill["who"] = fill["faction"] if "faction" in a else a["source"]
    if mid in ("world_event", "injected"):
        ev = n.events.get(a["event"])
        fill["event"], fill["flavour"] = (ev.name, ev.flavour) if ev else (a["event"], "")
        return TEMPLATES[mid].format(**fill).rstrip(": ")
    if mid in ("crisis", "crisis_nowhere", "intervenes", "no_intervention"):
        cr = n.crises.get(a["crisis"])
        fill["crisis"], fill["flavour"] = (cr.name, cr.flavour) if cr else (a["crisis"], "")
        return TEMPLATES[mid].format(**fill).strip()
    if mid == "draws":
        fill["cards_word"] = "card" if a["count"] == 1 else "cards"
    elif mid == "draws_cards":
        fill["cards"] = ", ".join(n.cards.get(c, c) for c in a["cards"])
    elif mid == "plays":
        fill["mode_words"] = MODE_WORDS[a["mode"]]
    elif mid == "income":
        parts = [f"{a['base']} base", *(f"{amount} {label}" for amount, label in a["bonuses"])]
        if a["corridors"]:
            parts.append(f"{a['corridors']} corridors")
        fill["parts"] = ", ".join(parts)
    return TEMPLATES[mid].format(**fill)


def entry_text(ruleset: Ruleset, entry: LogEntry, viewer: str | None = None) -> str:
    """A log entry as `viewer` reads it (None: the room)."""
    return render(ruleset, entry.for_viewer(viewer))


def merged(entries: Iterable[LogEntry], viewer: str | None = None) -> list[LogEntry]:
    """Consecutive entries that say the same thing but the amount, as one entry with the
    amounts added ("India places 3 trade in Nukus", not three lines)."""
    out: list[LogEntry] = []
    for e in entries:
        msg = e.for_viewer(viewer)
        if out and msg.id in MERGEABLE:
            last = out[-1]
            prev = last.for_viewer(viewer)
            if (prev.id == msg.id and last.faction == e.faction and last.round == e.round and last.phase == e.phase
                    and _same_but_amount(prev.args, msg.args)):  # fmt: skip
                total = Message(msg.id, {**msg.args, "amount": prev.args["amount"] + msg.args["amount"]})
                out[-1] = last._replace(message=total, private_to=None, private=None)
                continue
        out.append(e if msg is e.message else e._replace(message=msg, private_to=None, private=None))
    return out


def _same_but_amount(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a.keys() == b.keys() and all(a[k] == b[k] for k in a if k != "amount")
