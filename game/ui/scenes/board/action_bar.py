"""The action bar above the hand: whose turn it is and what to do on the left, a button
for each choice the engine offers on the right (in the engine's own words)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, NamedTuple

import pygame
import pygame_gui
from pygame_gui.core import UIContainer

from game.engine import Action
from game.i18n import _
from game.ruleset.model import Ruleset
from game.ui import theme as th
from game.ui.scenes.board.terms import option_tip
from game.ui.widgets.words import button_tip, said

if TYPE_CHECKING:
    from game.ui.scenes.board.scene import BoardScene


class WindowCommand(NamedTuple):
    """A bar button that is the window's own, not a step of the game (`back`: leave the
    space picked on the map unchosen)."""

    verb: str
    args: tuple[str, ...] = ()


BACK = WindowCommand("back")
BarChoice = Action | WindowCommand
PRIMARY_VERBS = ("ops", "event", "yes", "intervene")
"""The choices a turn is usually about: their buttons stand out."""


class ActionBar:
    """The bar's buttons (rebuilt for each decision) and its prompt (painted in a cached panel)."""

    def __init__(self, board: BoardScene) -> None:
        self.board = board
        self.container: UIContainer | None = None
        self.buttons: list[tuple[BarChoice, pygame_gui.elements.UIButton]] = []
        self.left: int | None = None
        """Where the leftmost button begins: the prompt ends before it."""

    def build(self) -> None:
        """The buttons for the current decision, right-aligned in the right two thirds of
        the bar; if they do not fit there, with their labels' details left to the tooltip
        ("Diplomacy" for "Diplomacy (1 capital: +1 soft power)"), then over the prompt's
        room too. Every choice gets a button: one left out could not be taken at all."""
        b = self.board
        if self.container is not None:
            self.container.kill()
        t = b.app.theme
        lay = b.layout
        assert lay is not None
        self.container = UIContainer(lay.bar, b.app.gui, container=b.root)
        for _a, old in self.buttons:
            b.actions.pop(old, None)
        choices = self.choices()
        font = t.font("body_bold")
        gap = t.px(8)
        h = lay.bar.h - t.px(14)
        start = lay.bar.w - t.px(6)

        def widths(labels: list[str]) -> list[int]:
            return [min(t.tpx(420), font.size(label)[0] + t.tpx(34)) for label in labels]

        labels = [label for label, _a, _p in choices]
        sizes = widths(labels)
        if start - sum(sizes) - gap * len(sizes) < lay.bar.w * 0.35:
            labels = [_short_label(label) for label in labels]
            sizes = widths(labels)
        # still too wide for the whole bar (a mod's choice of many long options): the widest
        # buttons narrow, their labels cut with "…" and whole in the tooltip
        sizes = fit_widths(sizes, start - t.px(6) - gap * (len(sizes) - 1))
        x = start
        self.buttons = []
        for (full, choice, primary), label, bw in zip(reversed(choices), reversed(labels), reversed(sizes), strict=True):
            x -= bw
            idx = len(choices) - 1 - len(self.buttons)
            shown = th.fit_text(font, label, bw - t.tpx(20))
            button = self.button(pygame.Rect(x, t.px(7), bw, h), shown, choice, primary, idx, full if shown != full else "")
            b.actions[button] = partial(b.take, choice)
            self.buttons.append((choice, button))
            x -= gap
        self.buttons.reverse()
        self.left = x

    def button(
        self, rect: pygame.Rect, label: str, choice: BarChoice, primary: bool, idx: int, full: str = ""
    ) -> pygame_gui.elements.UIButton:
        """A button for `choice`; `full`, the whole label when `label` is its short form,
        heads the tooltip."""
        b = self.board
        key = shortcut_hint(idx)
        letter = letter_hint(choice)
        if letter:
            key = _("{key} or {letter}").format(key=key, letter=letter) if key else letter
        tip = " ".join(x for x in (full, self.tip(choice)) if x)
        return pygame_gui.elements.UIButton(
            rect,
            label,
            b.app.gui,
            container=self.container,
            tool_tip_text=(tip + (_(' (key {key})').format(key=key) if key else "")) or None,
            object_id=pygame_gui.core.ObjectID(class_id="@primary" if primary else None, object_id=f"#act-{idx}"),
        )

    def tip(self, choice: BarChoice) -> str:
        """The button's tooltip: under an offer, that button's consequence; else what the step does."""
        b = self.board
        if isinstance(choice, Action):
            names = {f.id: f.name for f in b.rs.factions}
            under_offer = option_tip(b.session.game.terms(), choice.verb, choice.option, b.rs, names)
            if under_offer:
                return under_offer
        return bar_tip(choice, b.rs, b.playing_card)

    def choices(self) -> list[tuple[str, BarChoice, bool]]:
        """(label, choice, primary) for each button: the engine's own words for the action."""
        b = self.board
        g = b.session.game
        out: list[tuple[str, BarChoice, bool]] = []
        if b.pending_space is not None:
            for a in b.space_actions.get(b.pending_space, []):
                out.append((said(g.describe(a)), a, False))
            out.append((_("Back"), BACK, False))
            return out
        for a in b.button_actions:
            out.append((said(g.describe(a)), a, a.verb in PRIMARY_VERBS))
        return out

    def draw(self, surface: pygame.Surface, bar: pygame.Rect) -> None:
        """The panel: the token of whoever decides, then the prompt in up to two lines."""
        b = self.board
        t = b.app.theme
        th.draw_panel(surface, bar, th.PANEL, th.PANEL_EDGE, t.px(10))
        actor = b.session.game.actor
        x = bar.x + t.px(12)
        if actor in b.styles:
            tr = t.tpx(16)
            th.blit_token(surface, b.styles[actor], (x + tr, bar.centery), tr)
            x += tr * 2 + t.px(10)
        right = (
            (self.left if self.left is not None else bar.right) - t.px(8) if self.container is not None else bar.right
        )
        font, lines = self.prompt_lines(max(40, right - x), bar.h - t.px(8))
        y = bar.centery - len(lines) * font.get_linesize() // 2
        for ln in lines:
            th.blit_text(surface, font, ln, th.INK, (x, y))
            y += font.get_linesize()

    def prompt_lines(self, width: int, height: int) -> tuple[pygame.font.Font, list[str]]:
        """The prompt whole in the bar: without its hint if need be, then in a smaller size
        (cut only if even the shortest does not fit)."""
        t = self.board.app.theme
        full = self.prompt()
        short = self.prompt(hint=False)
        for font in (t.font("body"), t.font("small")):
            for text in dict.fromkeys((full, short)):
                lines = th.wrap_text(font, text, width)
                if len(lines) * font.get_linesize() <= height:
                    return font, lines
        font = t.font("small")
        return font, th.wrap_text(font, short, width, max(1, height // font.get_linesize()))

    def prompt(self, hint: bool = True) -> str:
        """What the bar says: the engine's prompt, or who is deciding, or which choice of a
        space picked on the map."""
        b = self.board
        s = b.session
        actor = s.game.actor
        if s.game.over:
            return _("The game is over.")
        if s.bot_to_act():
            if b.skipping:
                return _("Skipping ahead to the next human decision…")
            name = b.styles[actor].name if actor in b.styles else _("A bot")
            return _('{name} (bot) is deciding…  Space: skip ahead').format(name=name)
        if b.pending_space is not None:
            return _('{space_names}: which one?').format(space_names=b.space_names[b.pending_space])
        text = said(b.view.prompt)
        if not hint:
            return text
        if b.card_actions and any(a.verb == "play" for a in b.card_actions.values()):
            text += _("  Click a card (or 1–9) to play it, or use a button.")
        elif b.space_actions:
            text += _("  Click a lit space.")
        return text


def letter_hint(choice: BarChoice) -> str:
    """The letter key that takes a button (D for Diplomacy, P for Pass …), if it has one."""
    from game.ui.scenes.board.input import LETTER_VERBS

    if not isinstance(choice, Action) or (choice.verb == "remove" and choice.args):
        return ""
    for key, verbs in LETTER_VERBS.items():
        if choice.verb in verbs:
            return pygame.key.name(key).upper()
    return ""


def shortcut_hint(i: int) -> str:
    return str(i + 1) if i < 9 else ""


def bar_tip(choice: BarChoice, rs: Ruleset, card_id: str | None) -> str:
    if isinstance(choice, WindowCommand):
        return _("Choose another space")
    return button_tip(choice, rs, card_id) or ""


def fit_widths(sizes: list[int], room: int) -> list[int]:
    """`sizes` narrowed to fit `room` in all: the widest are cut to one width, as wide as
    the room allows (the narrower ones keep theirs); unchanged if they fit already."""
    if sum(sizes) <= room or not sizes:
        return list(sizes)
    cap = room // len(sizes)
    narrow = sorted(sizes)
    for k, size in enumerate(narrow):  # the narrowest that fit under an even share keep their width
        rest = len(narrow) - k
        if size * rest > room - sum(narrow[:k]):
            cap = (room - sum(narrow[:k])) // rest
            break
    return [min(size, max(1, cap)) for size in sizes]


def _short_label(label: str) -> str:
    """A button's label without its details in brackets ("Diplomacy" for "Diplomacy (1
    capital: +1 soft power)"): the tooltip still says them."""
    head, sep, _rest = label.partition(" (")
    return head if sep and head else label
