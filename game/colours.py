"""Colour arithmetic shared by the window and the printed charts."""

from __future__ import annotations

Colour = tuple[int, int, int]


def hex_colour(text: str, fallback: Colour = (136, 136, 136)) -> Colour:
    """'#0072B2' or '07b' -> (r, g, b); anything unreadable -> `fallback`."""
    t = text.strip().lstrip("#")
    if len(t) == 3:
        t = "".join(c * 2 for c in t)
    try:
        return (int(t[0:2], 16), int(t[2:4], 16), int(t[4:6], 16))
    except (ValueError, IndexError):
        return fallback


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """`a` moved toward `b` by `t` (0..1)."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def luminance(c: Colour) -> float:
    """Perceived brightness, 0 (black) to 1 (white): what a greyscale print shows."""
    return (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255
