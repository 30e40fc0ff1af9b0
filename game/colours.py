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


def relative_luminance(c: Colour) -> float:
    """WCAG 2 relative luminance, 0 (black) to 1 (white), from sRGB with its gamma removed."""

    def linear(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Colour, b: Colour) -> float:
    """WCAG 2 contrast ratio of two colours, 1 (same) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(c: Colour, backgrounds: tuple[Colour, ...], minimum: float = 4.5) -> Colour:
    """`c` itself if it reads as text on every one of `backgrounds` (contrast ≥ `minimum`,
    4.5 being WCAG's level for body text), else the lightest shade of it toward black that does.

    >>> readable_on((0, 158, 115), ((255, 255, 255),))  # Okabe–Ito green, as text on white
    (0, 134, 98)
    >>> readable_on((29, 32, 38), ((255, 255, 255),))  # dark enough already
    (29, 32, 38)
    """
    for step in range(101):
        shade = mix(c, (0, 0, 0), step / 100)
        if all(contrast(shade, bg) >= minimum for bg in backgrounds):
            return shade
    return (0, 0, 0)
