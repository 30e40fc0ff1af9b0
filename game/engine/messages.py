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

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from game.ruleset.model import Ruleset


def N_(message: str) -> str:
    """Marks an English string for the catalogue (`pybabel extract -k N_`); the reader's
    translator turns it into their language when a message is rendered."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular/plural pair for the catalogue (`pybabel extract -k Nn_:1,2`)."""
    return singular, plural


class Translator(Protocol):
    """What the formatter needs of a gettext translations object (`game.i18n.translator()`):
    the engine never reads a catalogue, it is handed one."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, msgid1: str, msgid2: str, n: int, /) -> str: ...


class English:
    """The source strings as they are (the engine's default reader)."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int, /) -> str:
        return msgid1 if n == 1 else msgid2  # English's plural rule, as gettext's NullTranslations has it


ENGLISH = English()

DOMAIN_WORDS = {"soft_power": N_("soft power"), "security": N_("security"), "trade": N_("trade")}


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
    "round_begins": N_("— {year}: round {round} of {rounds} —"),
    "world_event": N_("World event — {event}: {flavour}"),
    "injected": N_("The facilitator injects a world event — {event}: {flavour}"),
    "income": N_("{faction} gains {amount} capital ({parts})."),
    "draws": N_("{faction} draws {count} cards."),
    "draws_cards": N_("{faction} draws {cards}."),
    "passes": N_("{faction} passes and gains {amount} capital."),
    "diplomacy": N_("{faction} uses diplomacy ({cost} capital)."),
    "uses_ability": N_("{faction} uses {label}."),
    "plays": N_("{faction} plays {card} for {mode_words} (cost {cost})."),
    "places": N_("{faction} places {amount} {domain} in {space}."),
    "adds": N_("{faction} adds {amount} {domain} in {space}."),
    "loses": N_("{faction} loses {amount} {domain} in {space}."),
    "moves": N_("{faction} moves {amount} {domain} from {origin} to {space}."),
    "pays_extra": N_("{faction} pays {amount} capital ({label})."),
    "pays_toll": N_("{faction} pays {amount} capital to {partner} ({label})."),
    "saves_extra": N_("{faction} saves {amount} capital ({label})."),
    "gains_capital": N_("{faction} gains {amount} capital."),
    "loses_capital": N_("{faction} loses {amount} capital."),
    "gains_vp": N_("{faction} gains {amount} VP."),
    "loses_vp": N_("{faction} loses {amount} VP."),
    "gains_vp_from": N_("{faction} gains {amount} VP ({source})."),
    "loses_vp_from": N_("{faction} loses {amount} VP ({source})."),
    "track_rises": N_("{track} rises from {old} to {new} ({who})."),
    "track_falls": N_("{track} falls from {old} to {new} ({who})."),
    "modifier": N_("{faction}: {label} is in force."),
    "corridor_blocked": N_("{corridor} is blocked."),
    "corridor_developed": N_("{corridor} is developed."),
    "chooses": N_("{faction} chooses: {label}."),
    "agrees": N_("{faction} agrees ({source})."),
    "declines": N_("{faction} declines ({source})."),
    "crisis": N_("Crisis — {crisis} in {space}. {flavour}"),
    "crisis_nowhere": N_("Crisis — {crisis}: nowhere it can strike."),
    "cannot_intervene": N_("{faction} cannot afford to intervene ({cost} capital)."),
    "intervenes": N_("{faction} intervenes in {crisis} ({cost} capital)."),
    "no_intervention": N_("{faction} does not intervene; {crisis} runs its course."),
    "discards": N_("{faction} discards a card."),
    "discards_card": N_("{faction} discards {card}."),
    "summit": N_("Summit of {year}: {text}"),
    "summit_postponed": N_("The summit of {year} is postponed to {later}."),
    "verdict": "{text}",
}
"""Every message the engine writes, in English (a message in `PLURAL_TEMPLATES` is
rendered from there instead). A test checks that the engine writes no
other id and that each template's placeholders are ones the formatter fills."""

PLURAL_TEMPLATES: dict[str, tuple[str, str, str]] = {
    "draws": (*Nn_("{faction} draws {count} card.", "{faction} draws {count} cards."), "count"),
}
"""Messages whose sentence depends on a number: (singular, plural, the number's argument);
the reader's catalogue has as many forms as its language needs (Russian three)."""

INCOME_PARTS = {"base": N_("{amount} base"), "bonus": N_("{amount} {label}")}
INCOME_CORRIDORS = Nn_("{count} corridor", "{count} corridors")
LIST_SEPARATOR = N_(", ")

MODE_WORDS = {"ops": N_("operations"), "remove": N_("security operations against rivals"), "event": N_("its event")}

MERGEABLE = frozenset({"places", "adds", "loses", "moves", "gains_capital", "loses_capital", "gains_vp", "loses_vp", "gains_vp_from", "loses_vp_from"})
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


def render(ruleset: Ruleset, message: Message, tr: Translator = ENGLISH) -> str:
    """A message as a sentence in `tr`'s language (default English). Names come from
    `ruleset`, so a ruleset localized into the reader's language (`game.ruleset.localize`)
    gives names in it too."""
    n = names_of(ruleset)
    a = message.args
    g = tr.gettext
    fill: dict[str, Any] = dict(a)
    for key, table in (("faction", n.factions), ("partner", n.factions), ("space", n.spaces), ("origin", n.spaces), ("card", n.cards),
                       ("track", n.tracks), ("corridor", n.corridors)):  # fmt: skip
        if key in a:
            fill[key] = table.get(a[key], a[key])
    if "domain" in a:
        fill["domain"] = g(DOMAIN_WORDS[a["domain"]]) if a["domain"] in DOMAIN_WORDS else a["domain"]
    if isinstance(a.get("label"), str):
        # a modifier's or an ability's label is recorded as the rules write it (English): the
        # reader's ruleset has it in its language
        fill["label"] = ruleset.phrase(a["label"])
    mid = message.id
    if mid in PLURAL_TEMPLATES:
        one, many, count = PLURAL_TEMPLATES[mid]
        template = tr.ngettext(one, many, int(a[count]))
    else:
        template = g(TEMPLATES[mid])
    if "text" in a:
        fill["text"] = translate_text(a["text"], tr)
    if isinstance(a.get("source"), str):
        # a content name (already in the reader's language, with a localized ruleset) or one
        # of the engine's own, marked for the catalogue (the cleanup's "Cleanup")
        fill["source"] = g(a["source"])
    if mid in ("track_rises", "track_falls"):
        fill["who"] = fill["faction"] if "faction" in a else fill["source"]
    if mid in ("world_event", "injected"):
        ev = n.events.get(a["event"])
        fill["event"], fill["flavour"] = (ev.name, ev.flavour) if ev else (a["event"], "")
        return template.format(**fill).rstrip(": ")
    if mid in ("crisis", "crisis_nowhere", "intervenes", "no_intervention"):
        cr = n.crises.get(a["crisis"])
        fill["crisis"], fill["flavour"] = (cr.name, cr.flavour) if cr else (a["crisis"], "")
        return template.format(**fill).strip()
    if mid == "draws_cards":
        fill["cards"] = g(LIST_SEPARATOR).join(n.cards.get(c, c) for c in a["cards"])
    elif mid == "plays":
        fill["mode_words"] = g(MODE_WORDS[a["mode"]])
    elif mid == "income":
        parts = [g(INCOME_PARTS["base"]).format(amount=a["base"]),
                 *(g(INCOME_PARTS["bonus"]).format(amount=amount, label=label) for amount, label in a["bonuses"])]  # fmt: skip
        if a["corridors"]:
            parts.append(tr.ngettext(*INCOME_CORRIDORS, int(a["corridors"])).format(count=a["corridors"]))
        fill["parts"] = g(LIST_SEPARATOR).join(parts)
    return template.format(**fill)


def entry_text(ruleset: Ruleset, entry: LogEntry, viewer: str | None = None, tr: Translator = ENGLISH) -> str:
    """A log entry as `viewer` reads it (None: the room), in `tr`'s language."""
    return render(ruleset, entry.for_viewer(viewer), tr)


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


# ----- sentences the engine composes (prompts, reasons, verdicts) -------------------------------
class Text(str):
    """A sentence the engine composed, that remembers how: its English template (marked
    with `N_` for the catalogue) and its arguments. It *is* the English sentence, so code
    that compares, prints or stores it is unchanged; the reader's side says it in their
    language with `translate_text` (the engine is handed a translator, it never reads a
    catalogue). Arguments are names already in the game's language, numbers, or Texts."""

    template: str
    plural: tuple[str, str, str] | None
    args: dict[str, Any]

    def __new__(cls, template: str, args: Mapping[str, Any], plural: tuple[str, str, str] | None = None) -> Text:
        chosen = template if plural is None else (plural[0] if int(args[plural[2]]) == 1 else plural[1])
        self = super().__new__(cls, chosen.format(**args))
        self.template = template if plural is None else plural[0]
        self.plural = plural
        self.args = dict(args)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (self.template, self.args, self.plural))


def say(template: str, **args: Any) -> Text:
    """`template` (an `N_` string) filled with `args`: the English sentence, translatable."""
    return Text(template, args)


def say_n(forms: tuple[str, str], number: str, **args: Any) -> Text:
    """A sentence whose shape depends on the number `args[number]` (`Nn_` forms)."""
    return Text(forms[0], args, (forms[0], forms[1], number))


def say_list(items: Sequence[Any], last: str | None = None, sep: str = N_("{a}, {b}")) -> Text:
    """Items joined by `sep` (and by `last`, e.g. N_("{a} and {b}"), before the last one)."""
    parts = list(items)
    if not parts:
        return say("")
    if last is None or len(parts) == 1:
        out = parts[0] if isinstance(parts[0], Text) else say("{x}", x=parts[0])
        for p in parts[1:]:
            out = say(sep, a=out, b=p)
        return out
    return say(last, a=say_list(parts[:-1], None, sep), b=parts[-1])


def translate_text(text: Any, tr: Translator = ENGLISH) -> Any:
    """`text` in `tr`'s language if it is a `Text` (its arguments too); anything else as it is."""
    if not isinstance(text, Text):
        return text
    fill = {k: translate_text(v, tr) for k, v in text.args.items()}
    if text.plural is not None:
        template = tr.ngettext(text.plural[0], text.plural[1], int(text.args[text.plural[2]]))
    else:
        template = tr.gettext(text.template) if text.template else text.template
    try:
        return template.format(**fill)
    except (KeyError, IndexError, ValueError):
        return str(text)
