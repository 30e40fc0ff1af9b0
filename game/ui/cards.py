"""Cards drawn as cards: name, type icon, cost, ops, the rule text and the flavour line.

Rendered surfaces are cached by card, size and look, so a hand costs one blit per card
per frame. The rule text comes from `game.ruleset.rule_text.rule_text` when that module
exists, else from a plain rendering of the effects here.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pygame

from game.i18n import _, pgettext
from game.ruleset.model import Card, Ruleset
from game.ui import theme as th
from game.ui.theme import FactionStyle, Theme


def _load_rule_text() -> Callable[[Any, Ruleset], str] | None:
    try:
        from game.ruleset import rule_text as module  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    fn = getattr(module, "rule_text", None)
    return fn if callable(fn) else None


def rule_text(effects: tuple[dict[str, Any], ...], ruleset: Ruleset) -> str:
    """One line saying what the effects do, in words."""
    fn = _load_rule_text()
    if fn is not None:
        try:
            text = fn(effects, ruleset)
            if text:
                return str(text)
        except Exception:  # noqa: BLE001 — a half-written generator must not crash the game
            pass
    return plain_rule_text(effects, ruleset)


def _names(ruleset: Ruleset) -> dict[str, str]:
    names: dict[str, str] = {}
    for group in (ruleset.factions, ruleset.countries, ruleset.spaces, ruleset.tracks, ruleset.corridors, ruleset.gateways):
        for x in group:
            names[x.id] = x.name
    return names


def _where(cond: Any, names: dict[str, str]) -> str:
    if not isinstance(cond, dict):
        return str(names.get(str(cond), cond))
    parts = []
    for k, v in cond.items():
        if isinstance(v, dict):
            parts.append(_where(v, names))
        elif isinstance(v, list):
            parts.append(_(" or ").join(str(names.get(str(x), x)) for x in v))
        else:
            word = {"country_tag": "", "tag": "", "country": "", "space": "", "corridor": ""}.get(k, k.replace("_", " ") + " ")
            parts.append(f"{word}{names.get(str(v), str(v).replace('_', ' '))}".strip())
    return ", ".join(p for p in parts if p)


def plain_rule_text(effects: tuple[dict[str, Any], ...] | list[dict[str, Any]], ruleset: Ruleset) -> str:
    """A simple rendering of an effect list (the fallback before the rule-text generator)."""
    names = _names(ruleset)
    out = []
    for eff in effects:
        if not isinstance(eff, dict):
            continue
        for verb, args in eff.items():
            if not isinstance(args, dict):
                out.append(f"{verb.replace('_', ' ').capitalize()}: {names.get(str(args), args)}.")
                continue
            amount = args.get("amount", args.get("by", ""))
            domain = th.domain_name(str(args.get("domain", "")), in_sentence=True)
            who = args.get("faction")
            who_s = "" if who in (None, "self") else f" ({names.get(str(who), who)})"
            where = f" in {_where(args['where'], names)}" if "where" in args else ""
            if verb == "change_track":
                by = int(args.get("by", 0))
                out.append(f"{names.get(str(args.get('track')), args.get('track'))} {'+' if by >= 0 else ''}{by}.")
            elif verb == "gain_capital":
                out.append(_('Gain {amount} capital{who_s}.').format(amount=amount, who_s=who_s))
            elif verb in ("add_influence", "remove_influence", "move_influence"):
                word = verb.split("_")[0].capitalize()
                out.append(f"{word} {amount} {domain}{who_s}{where}.".replace("  ", " "))
            elif verb == "choose_one":
                labels = [o.get("label", "?") for o in args.get("options", []) if isinstance(o, dict)]
                out.append(_("Choose one: ") + " / ".join(labels) + ".")
            else:
                out.append(f"{verb.replace('_', ' ').capitalize()}{where}.")
    return " ".join(out)


NAME_LINES = 5
"""The lines of the smallest size a card's name may take before it is cut."""
_WORD_PIECES = re.compile(f"\\s+|(?<=[{th.BREAK_AFTER}])")
_CLAUSE_END = re.compile(r"(?<=[.;!?:,—])\s+")
MIN_CARD_FONT_PX = 9
"""The smallest text on a card (a rule shrinks to this before it is ever cut)."""


class CardArt:
    """Renders cards of one ruleset at a given theme, with a cache."""

    def __init__(self, theme: Theme, ruleset: Ruleset, styles: dict[str, FactionStyle]) -> None:
        self.theme = theme
        self.rs = ruleset
        self.styles = styles
        self.cards = {c.id: c for c in ruleset.cards}
        self._rule: dict[str, str] = {}
        self._cache: OrderedDict[tuple[str, int, int, str], pygame.Surface] = OrderedDict()

    def rule(self, card: Card) -> str:
        text = self._rule.get(card.id)
        if text is None:
            text = self._rule[card.id] = rule_text(card.event, self.rs) if card.event else _("No event: play it for operations.")
        return text

    def render(self, card_id: str, size: tuple[int, int], look: str = "normal", big: bool = False) -> pygame.Surface:
        key = (card_id, size[0], size[1], look + ("+big" if big else ""))
        s = self._cache.get(key)
        if s is None:
            s = self._draw(self.cards[card_id], size, look, big)
            if pygame.display.get_surface() is not None:
                s = s.convert_alpha()
            self._cache[key] = s
            if len(self._cache) > 480:
                self._cache.popitem(last=False)
        return s

    def warm(self, size: tuple[int, int], looks: tuple[str, ...] = ("normal", "playable")) -> bool:
        """Render one card not yet cached at `size` (idle time, so a new hand shows at once).
        False when every card is ready."""
        for look in looks:
            for cid in self.cards:
                if (cid, size[0], size[1], look) not in self._cache:
                    self.render(cid, size, look)
                    return True
        return False

    def _fonts(self, w: int, big: bool) -> dict[str, pygame.font.Font]:
        """Fonts for a card: the theme's text sizes in the hand, scaled up for the big view."""
        t = self.theme
        if big:
            k = w / 190
            return {
                "name": t.sized_font(round(15.5 * k), bold=True),
                "num": t.sized_font(round(12.5 * k), bold=True),
                "label": t.sized_font(round(11.5 * k)),
                "rule": t.sized_font(round(12.5 * k)),
                "flavour": t.sized_font(round(11 * k)),
            }
        return {"name": t.font("small_bold"), "num": t.font("tiny_bold"), "label": t.font("tiny"), "rule": t.font("tiny"), "flavour": t.font("tiny")}

    def _shrink_to_fit(self, font: pygame.font.Font, text: str, width: int, height: int, bold: bool = False,
                       lines_at_least: int = 0, abridge: bool = False) -> tuple[pygame.font.Font, list[str]]:  # fmt: skip
        """`text` wrapped to `width` in `font`, or in a smaller size of it (down to
        `MIN_CARD_FONT_PX`) until it fits `height` — or, at that size, `lines_at_least`
        lines if that is more (the caller makes room); if even that does not fit, abridged
        (`abridge`, `_abridged`) or else cut with …"""
        ratio = self.theme.sized_font(100, bold=bold).get_height() / 100
        size = round(font.get_height() / ratio)
        f = font
        words = _WORD_PIECES.split(text) or [""]  # a compound may break after its dashes (`th.wrap_text`)
        while True:
            if max(f.size(word)[0] for word in words) > width and size > MIN_CARD_FONT_PX:
                size -= 1  # a word wider than the card: smaller, before any line is cut
                f = self.theme.sized_font(size, bold=bold)
                continue
            lines = th.wrap_text(f, text, width)
            if len(lines) * f.get_linesize() <= height or size <= MIN_CARD_FONT_PX:
                break
            size -= 1
            f = self.theme.sized_font(size, bold=bold)
        height = max(height, lines_at_least * f.get_linesize())
        if len(lines) * f.get_linesize() > height:
            lines = (abridge and self._abridged(f, text, width, height)) or th.wrap_text(f, text, width, max(1, height // f.get_linesize()))
        return f, lines

    @staticmethod
    def _abridged(font: pygame.font.Font, text: str, width: int, height: int) -> list[str] | None:
        """As much of `text` as fits, up to where a sentence or a clause ends, then "…";
        None if not even the first clause fits. A rule too long for a small card at the
        smallest size is abridged so, never within a word or a number —
        the enlarged card on hover shows it whole (`tests/test_ui_layout.py` checks that it fits
        there, at every window size and in every language)."""
        parts = _CLAUSE_END.split(text)
        for k in range(len(parts) - 1, 0, -1):
            lines = th.wrap_text(font, " ".join(parts[:k]) + " …", width)
            if len(lines) * font.get_linesize() <= height:
                return lines
        return None

    def _draw(self, card: Card, size: tuple[int, int], look: str, big: bool) -> pygame.Surface:
        w, h = size
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        dom = th.DOMAIN_COLOURS.get(card.type, th.INK_MUTED)
        f = self._fonts(w, big)
        radius = max(4, min(w, h) // 16)
        frame = surf.get_rect()
        pygame.draw.rect(surf, th.PAPER, frame, border_radius=radius)
        pad = max(4, f["rule"].get_height() // 2)
        # header band: type icon and name
        name_h = f["name"].get_linesize() * 2
        icon_r = max(6, round((name_h + pad) * 0.24))
        tx = pad + icon_r * 2 + max(4, pad // 2 + 2)
        # a long name (a translated one, a small card) takes up to five lines of the smallest
        # size, the band growing to hold them, rather than being cut
        name_font, lines = self._shrink_to_fit(f["name"], card.name, w - tx - pad // 2, name_h, bold=True, lines_at_least=NAME_LINES)
        head_h = max(name_h, len(lines) * name_font.get_linesize()) + pad
        band = pygame.Rect(0, 0, w, head_h)
        pygame.draw.rect(surf, dom, band, border_top_left_radius=radius, border_top_right_radius=radius)
        pygame.draw.circle(surf, (255, 255, 255), (pad + icon_r, head_h // 2), icon_r + 1)
        th.draw_domain_icon(surf, card.type, (pad + icon_r, head_h // 2), icon_r * 0.62, dom)
        ly = head_h // 2 - len(lines) * name_font.get_linesize() // 2
        for ln in lines:
            th.blit_text(surf, name_font, ln, (255, 255, 255), (tx, ly))
            ly += name_font.get_linesize()
        # cost coin, ops hexagon, owner
        coin_r = max(7, round(f["num"].get_height() * 0.62))
        y = head_h + max(3, pad // 2)
        cy = y + coin_r
        label = f["label"]
        w_cost, w_ops = pgettext("card corner", "cost"), pgettext("card corner", "ops")
        wide = w >= coin_r * 8 + label.size(w_cost)[0] + label.size(w_ops)[0] + pad * 3
        th.draw_coin(surf, (pad + coin_r, cy), coin_r, f["num"], str(card.cost))
        x = pad + coin_r * 2 + 3
        if wide:
            x = th.blit_text(surf, label, w_cost, th.INK_DARK_MUTED, (x, cy), "midleft").right
        x += pad
        pygame.draw.polygon(surf, th.mix(dom, (0, 0, 0), 0.2), _hexagon((x + coin_r, cy), coin_r))
        th.blit_text(surf, f["num"], str(card.ops), (255, 255, 255), (x + coin_r, cy), "center")
        if wide:
            th.blit_text(surf, label, w_ops, th.INK_DARK_MUTED, (x + coin_r * 2 + 3, cy), "midleft")
        owner = self.styles.get(card.faction or "")
        if owner is not None:
            th.blit_token(surf, owner, (w - pad - coin_r, cy), coin_r)
        else:
            pygame.draw.circle(surf, th.PAPER_EDGE, (w - pad - coin_r, cy), coin_r, max(1, coin_r // 5))
            th.blit_text(surf, f["num"], "R", th.PAPER_EDGE, (w - pad - coin_r, cy), "center")
        y = cy + coin_r + max(3, pad // 2)
        pygame.draw.line(surf, th.mix(th.PAPER, th.PAPER_EDGE, 0.5), (pad, y), (w - pad, y), 1)
        y += max(2, pad // 2)
        # rule text, then the flavour at the bottom (as much as fits)
        rule_font, flav_font = f["rule"], f["flavour"]
        bottom = h - pad
        rule = self.rule(card) + (_(" (Hypothetical.)") if card.hypothetical else "")
        # the rule whole, in a smaller size if need be (never cut); the flavour only if it
        # fits whole beneath it (the enlarged card on hover always has it)
        rule_font, rule_lines = self._shrink_to_fit(rule_font, rule, w - 2 * pad, bottom - y, abridge=not big)
        for ln in rule_lines:
            th.blit_text(surf, rule_font, ln, th.INK_DARK, (pad, y))
            y += rule_font.get_linesize()
        flav_lines = []
        if card.flavour:
            flav_lines = th.wrap_text(flav_font, card.flavour, w - 2 * pad)
            if (len(flav_lines) + 0.5) * flav_font.get_linesize() > bottom - y - max(2, pad // 2):
                flav_lines = []
        if flav_lines:
            fy = bottom - len(flav_lines) * flav_font.get_linesize()
            pygame.draw.line(surf, th.mix(th.PAPER, th.PAPER_EDGE, 0.3), (pad * 3, fy - max(2, pad // 3)), (w - pad * 3, fy - max(2, pad // 3)), 1)
            for ln in flav_lines:
                th.blit_text(surf, flav_font, ln, th.mix(th.INK_DARK_MUTED, dom, 0.2), (pad, fy))
                fy += flav_font.get_linesize()
        # frame by look
        edge = {"playable": th.GOLD, "selected": th.HIGHLIGHT, "focus": th.HIGHLIGHT}.get(look, th.mix(dom, th.PAPER_EDGE, 0.5))
        pygame.draw.rect(surf, edge, frame, max(2, round(w / 190 * (4 if look in ("selected", "focus") else 2.2))), border_radius=radius)
        if look == "unplayable":
            veil = pygame.Surface((w, h), pygame.SRCALPHA)
            pygame.draw.rect(veil, (20, 24, 32, 110), frame, border_radius=radius)
            surf.blit(veil, (0, 0))
        return surf


def _hexagon(center: tuple[int, int], r: int) -> list[tuple[float, float]]:
    import math

    cx, cy = center
    return [(cx + r * math.cos(math.pi / 6 + k * math.pi / 3), cy + r * math.sin(math.pi / 6 + k * math.pi / 3)) for k in range(6)]
