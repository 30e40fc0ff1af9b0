"""The consequences of an offer before the choice: what intervening in a crisis does and
what happens if nobody does, what each side of a joint action gets if the partner agrees
(and if not), what each option of a choice does — from the engine's `Game.terms()`, in
the rules' own words, in a box at the foot of the map while the offer is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine.explain import Terms
from game.i18n import _
from game.ui import theme as th
from game.ui.cards import rule_text

if TYPE_CHECKING:
    from game.ruleset.model import Ruleset
    from game.ui.scenes.board.scene import BoardScene

TermLine = tuple[str, str]
"""(kind, text): kind `title`, `text` or `muted`."""


def _effects(effects: tuple[object, ...], rs: Ruleset, nothing: str) -> str:
    return rule_text(effects, rs) if effects else nothing  # type: ignore[arg-type]


def terms_lines(terms: Terms, rs: Ruleset, names: dict[str, str]) -> list[TermLine]:
    """The offer in sentences, one per outcome."""
    if terms.kind == "intervention":
        where = _(" in {space}").format(space=terms.where) if terms.where else ""
        cost = _("{cost} capital").format(cost=terms.cost) if terms.cost else _("free")
        return [
            ("title", _("Crisis: {crisis}{where}").format(crisis=terms.source, where=where)),
            ("text", _("If you intervene ({cost}): {effects}").format(cost=cost, effects=_effects(terms.accept, rs, _("nothing more happens.")))),
            ("muted", _("If nobody intervenes: {effects}").format(effects=_effects(terms.refuse, rs, _("nothing happens.")))),
        ]
    if terms.kind == "consent":
        asker = names.get(terms.asker or "", _("A partner"))
        return [
            ("title", _("{asker} asks you to join {source}. Agree?").format(asker=asker, source=terms.source)),
            ("text", _("If you agree — {asker}: {effects}").format(asker=asker, effects=_effects(terms.accept, rs, _("nothing more.")))),
            ("text", _("You get: {effects}").format(effects=_effects(terms.gains, rs, _("nothing.")))),
            ("muted", _("If you refuse — {asker}: {effects}").format(asker=asker, effects=_effects(terms.refuse, rs, _("nothing happens.")))),
        ]
    lines: list[TermLine] = [("title", _("{source}: choose one").format(source=terms.source) if terms.source else _("Choose one"))]
    for i, (label, effects) in enumerate(terms.options, 1):
        lines.append(("text", _("{n}. {label}: {effects}").format(n=i, label=rs.phrase(label), effects=_effects(effects, rs, _("nothing.")))))
    return lines


def option_tip(terms: Terms | None, verb: str, option: int | None, rs: Ruleset, names: dict[str, str]) -> str | None:
    """A bar button's tooltip under an offer: the consequence of that very button."""
    if terms is None:
        return None
    if terms.kind == "intervention" and verb in ("intervene", "decline"):
        effects = terms.accept if verb == "intervene" else terms.refuse
        return _effects(effects, rs, _("Nothing happens."))
    if terms.kind == "consent" and verb in ("yes", "no"):
        asker = names.get(terms.asker or "", _("A partner"))
        if verb == "no":
            return _("{asker}: {effects}").format(asker=asker, effects=_effects(terms.refuse, rs, _("nothing happens.")))
        return _("{asker}: {effects} You get: {gains}").format(
            asker=asker, effects=_effects(terms.accept, rs, _("nothing more.")), gains=_effects(terms.gains, rs, _("nothing."))
        )
    if terms.kind == "options" and option is not None and 0 < option <= len(terms.options):
        return _effects(terms.options[option - 1][1], rs, _("Nothing happens."))
    return None


class TermsBox:
    """The offer's consequences, at the foot of the map, while a human at the screen decides it."""

    def __init__(self, board: BoardScene) -> None:
        self.board = board
        self._cache: tuple[object, pygame.Surface | None] | None = None

    def current(self) -> Terms | None:
        b = self.board
        s = b.session
        if not (s.human_to_act() and s.game.actor == s.viewer and s.shows_hand()):
            return None
        return s.game.terms()

    def draw(self, surface: pygame.Surface) -> None:
        b = self.board
        if b.map is None:
            return
        key = (id(b.view), b.map.map_rect.size, id(b.app.theme))
        if self._cache is None or self._cache[0] != key:
            terms = self.current()
            self._cache = (key, None if terms is None else self.render(terms))
        box = self._cache[1]
        if box is not None:
            t = b.app.theme
            surface.blit(box, box.get_rect(midbottom=(b.map.map_rect.centerx, b.map.map_rect.bottom - t.px(8))))

    def render(self, terms: Terms) -> pygame.Surface:
        b = self.board
        assert b.map is not None
        t = b.app.theme
        names = {f.id: f.name for f in b.rs.factions}
        width = b.map.map_rect.w - t.px(24)
        pad = t.px(12)
        fonts = {"title": t.font("body_bold"), "text": t.font("small"), "muted": t.font("small")}
        colours = {"title": th.GOLD, "text": th.INK, "muted": th.INK_MUTED}
        laid = [(kind, ln) for kind, text in terms_lines(terms, b.rs, names) for ln in th.wrap_text(fonts[kind], text, width - 2 * pad)]
        h = 2 * pad + sum(fonts[k].get_linesize() for k, _l in laid)
        box = pygame.Surface((width, min(h, b.map.map_rect.h - t.px(16))), pygame.SRCALPHA)
        rect = box.get_rect()
        pygame.draw.rect(box, (*th.BG_DEEP, 235), rect, border_radius=t.px(8))
        pygame.draw.rect(box, th.GOLD, rect, max(1, t.px(1.5)), border_radius=t.px(8))
        y = pad
        for kind, ln in laid:
            th.blit_text(box, fonts[kind], ln, colours[kind], (pad, y))
            y += fonts[kind].get_linesize()
        return box
