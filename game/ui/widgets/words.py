"""Words for actions and seats: what a button says, from the action and the ruleset."""

from __future__ import annotations

import re

from game.engine import Action
from game.ruleset.model import Ruleset
from game.ui import theme as th


def action_rounds(rs: Ruleset) -> int:
    return rs.settings.action_rounds


def seat_label(kind: str, short: bool = False) -> str:
    """Who plays a seat, in words: "Human", or the bot and its level."""
    if kind == "human":
        return "Human"
    if short:
        return "Bot · " + kind.replace(":", " ")
    from game.ai import base

    labels: dict[str, str] = getattr(base, "BOT_LABELS", {})
    return "Bot · " + labels.get(kind, kind.replace(":", " ")).split(" (")[0]


def choice_labels(prompt: str) -> dict[str, str]:
    """The numbered options a `choose N` prompt lists ("choose one: 1. X; 2. Y")."""
    found = re.findall(r"(\d+)\.\s*([^;]+?)(?=;\s*\d+\.|$)", prompt.split(":", 2)[-1] if "choose one" in prompt else "")
    return {n: text.strip().rstrip(".") for n, text in found}


def button_label(action: Action, rs: Ruleset, prompt: str, card_id: str | None) -> str:
    """The words on the button for a legal action that is not a card or a space."""
    verb = action.verb
    cards = {c.id: c for c in rs.cards}
    card = cards.get(card_id or "")
    if verb == "ops":
        if card is not None:
            return f"Operations: place {card.ops} {th.DOMAIN_NAMES.get(card.type, card.type).lower()}"
        return "Operations"
    if verb == "remove" and not action.args:
        return f"Remove rivals ({rs.settings.security_removal_cost} ops each)"
    if verb == "event":
        return "Play the event"
    if verb == "done":
        return "Done"
    if verb == "pass":
        return f"Pass (+{rs.settings.pass_capital} capital)"
    if verb == "diplomacy":
        return f"Diplomacy ({rs.settings.diplomacy_cost} capital: +1 soft power)"
    if verb == "ability" and action.args:
        for f in rs.factions:
            for a in f.abilities:
                if a.id == action.args[0]:
                    return a.name
        return action.args[0].replace("-", " ").capitalize()
    if verb == "yes":
        return "Agree"
    if verb == "no":
        return "Refuse"
    if verb == "intervene":
        return "Intervene"
    if verb == "decline":
        return "Let it run its course"
    if verb == "choose" and action.args:
        labels = choice_labels(prompt)
        n = action.args[0]
        return f"{n}. {labels[n]}" if n in labels else f"Option {n}"
    if verb == "remove" and len(action.args) == 2:
        names = {f.id: f.name for f in rs.factions}
        return f"Remove {names.get(action.args[1], action.args[1])}"
    return str(action)


def button_tip(action: Action, rs: Ruleset) -> str | None:
    verb = action.verb
    if verb == "ability" and action.args:
        for f in rs.factions:
            for a in f.abilities:
                if a.id == action.args[0]:
                    return a.text
    if verb == "done":
        return "Stop here; any operations left are lost."
    if verb == "pass":
        return "Take no action this turn and gain capital."
    return None
