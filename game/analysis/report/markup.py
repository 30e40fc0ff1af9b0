"""Small pieces of the report's HTML: escaping, number formats, a faction's name chip."""

from __future__ import annotations

import base64
import html
from typing import Any

from game.analysis import charts as ch
from game.analysis.report.style import text_ink
from game.analysis.report.trace import FACILITATOR
from game.engine.messages import translate_text
from game.i18n import _, translator


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def said(text: object) -> str:
    """A sentence the engine composed (`messages.Text`) in the reader's language."""
    return str(translate_text(text, translator()))


def css_colour(c: ch.Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*c)


def number_text(value: Any, how: str) -> str:
    """A table cell's number: `percent` (a share 0–1), `integer` or `number` (two decimals)."""
    if value is None:
        return "–"
    if how == "percent":
        return f"{value * 100:.1f}%"
    if how == "integer":
        return f"{value:.0f}"
    return f"{value:.2f}"


def seat_words(kind: str) -> str:
    return _("Human player") if kind == "human" else _('Bot ({kind})').format(kind=kind)


def base64_text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def faction_chip(styles: dict[str, ch.Series], fid: str | None) -> str:
    """A faction's name in its colour, after the key its chart lines use."""
    if fid is None:
        return f'<span class="fac fac-none"><b>{esc(_(FACILITATOR))}</b></span>'
    s = styles.get(fid)
    if s is None:
        return f'<span class="fac"><b>{esc(fid)}</b></span>'
    return f'<span class="fac">{ch.svg_swatch(s, 30, 14)}<b style="color:{css_colour(text_ink(s.colour))}">{esc(s.name)}</b></span>'
