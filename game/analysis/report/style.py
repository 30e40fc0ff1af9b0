"""The report's stylesheet (`report.css`, package data) and the colours it declares: which
colours its text is drawn in and which backgrounds text sits on, so that a colour the page
adds itself (a faction's name) can be made to read on every one of them."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from game.colours import Colour, hex_colour, readable_on

HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
VAR = re.compile(r"var\((--[\w-]+)\)")
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
WHITE: Colour = (255, 255, 255)


@cache
def stylesheet() -> str:
    """The page's CSS, shipped beside this module as package data."""
    return resources.files("game.analysis.report").joinpath("report.css").read_text(encoding="utf-8")


def declarations(css: str) -> list[tuple[str, str, str]]:
    """Every (selector, property, value) of `css`, custom properties (`var(--x)`) resolved,
    the rules inside `@media` included.

    >>> declarations(":root { --ink:#123; } p { color: var(--ink); }")
    [(':root', '--ink', '#123'), ('p', 'color', '#123')]
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in RULE.findall(re.sub(r"@media[^{]*\{", "", css)):
        for part in body.split(";"):
            if ":" in part:
                prop, value = (x.strip() for x in part.split(":", 1))
                found.append((selector.strip(), prop, value))
    root = {p: v for s, p, v in found if s == ":root" and p.startswith("--")}
    return [(s, p, VAR.sub(lambda m: root.get(m.group(1), m.group(0)), v)) for s, p, v in found]


def colours_of(css: str, properties: tuple[str, ...]) -> set[Colour]:
    """Every colour that `properties` are set to in `css` (each stop of a gradient too)."""
    return {hex_colour(h) for _, p, v in declarations(css) if p in properties for h in HEX.findall(v)}


def text_colours(css: str) -> set[Colour]:
    return colours_of(css, ("color",))


def surfaces(css: str) -> set[Colour]:
    """What text can sit on: white (`main`) and every background the stylesheet paints."""
    return colours_of(css, ("background", "background-color")) | {WHITE}


@cache
def text_ink(c: Colour) -> Colour:
    """`c`, darkened just enough to read as text (4.5:1) on every background of the page."""
    return readable_on(c, tuple(sorted(surfaces(stylesheet()))))
