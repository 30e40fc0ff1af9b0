"""Words for seats, and the tooltips of the action bar's buttons. A button's own label is
the engine's `Game.describe(action)`; why an action is not allowed is `Game.why_not`."""

from __future__ import annotations

from typing import Any

from game.engine import Action
from game.engine.messages import translate_text
from game.i18n import N_, _, translator
from game.ruleset.model import Ruleset
from game.ui import theme as th


def said(text: Any) -> str:
    """A sentence the engine composed (a prompt, a reason, a verdict: `messages.Text`) in
    the reader's language; any other text as it is."""
    return "" if text is None else str(translate_text(text, translator()))


BOT_NAMES = {
    "random": N_("Random"), "heuristic": N_("Heuristic"), "search:easy": N_("Search — easy"),
    "search:normal": N_("Search — normal"), "search:hard": N_("Search — hard"),
}  # fmt: skip
"""The bots' names in the reader's language (`game.ai.base.BOT_LABELS` has them in English,
with what each does)."""
BOT_SHORT_NAMES = {
    "random": N_("random"), "heuristic": N_("heuristic"), "search:easy": N_("search easy"),
    "search:normal": N_("search normal"), "search:hard": N_("search hard"),
}  # fmt: skip
"""The same, short, for the factions panel's narrow rows."""


def seat_label(kind: str, short: bool = False) -> str:
    """Who plays a seat, in words: "Human", or the bot and its level."""
    if kind == "human":
        return _("Human")
    if kind == "device":
        return _("Team device") if not short else _("device")
    if short:
        return _("Bot · {name}").format(name=_(BOT_SHORT_NAMES[kind]) if kind in BOT_SHORT_NAMES else kind.replace(":", " "))
    if kind in BOT_NAMES:
        return _("Bot · {name}").format(name=_(BOT_NAMES[kind]))
    from game.ai import base

    labels: dict[str, str] = getattr(base, "BOT_LABELS", {})
    return _("Bot · {name}").format(name=labels.get(kind, kind.replace(":", " ")).split(" (")[0])


def button_tip(action: Action, rs: Ruleset, card_id: str | None = None) -> str | None:
    """A sentence more than the button's label: what the step does."""
    verb = action.verb
    card = next((c for c in rs.cards if c.id == card_id), None) if card_id else None
    st = rs.settings
    if verb == "ops" and card is not None:
        domain = th.domain_name(card.type, in_sentence=True)
        return _('Place up to {ops} {domain}, one unit at a time, in spaces you can reach.').format(ops=card.ops, domain=domain)
    if verb == "remove" and not action.args:
        return _('Remove rival influence where you have security: {security_removal_cost} operations a unit; tension +{removal_tension}.').format(security_removal_cost=st.security_removal_cost, removal_tension=st.removal_tension)
    if verb == "event" and card is not None and card.event:
        from game.ui.cards import rule_text

        return rule_text(card.event, rs)
    if verb == "ability" and action.args:
        for f in rs.factions:
            for a in f.abilities:
                if a.id == action.args[0]:
                    return a.text
    if verb == "done":
        return _("Stop here; any operations left are lost.")
    if verb == "pass":
        return _("Take no action this turn and gain capital.")
    if verb == "diplomacy":
        return _("Add 1 soft power where you already have influence.")
    return None
