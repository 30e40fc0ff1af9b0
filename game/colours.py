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


# ----- colour blindness -------------------------------------------------------------------------
CVD_MATRICES: dict[str, tuple[tuple[float, float, float], ...]] = {
    # Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of
    # color vision deficiency", severity 1.0; applied to linear RGB.
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
}


def _linear(v: float) -> float:
    s = v / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def _gamma(v: float) -> float:
    v = min(1.0, max(0.0, v))
    return 255 * (v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055)


def simulate_cvd(c: Colour, kind: str) -> Colour:
    """`c` as a person with `kind` (`protanopia`, `deuteranopia`) sees it.

    >>> simulate_cvd((255, 0, 0), "deuteranopia")
    (163, 144, 0)
    """
    m = CVD_MATRICES[kind]
    lin = [_linear(x) for x in c]
    r, g, b = (round(_gamma(sum(m[i][j] * lin[j] for j in range(3)))) for i in range(3))
    return (r, g, b)


def lab(c: Colour) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    r, g, b = (_linear(x) for x in c)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def delta_e(a: Colour, b: Colour) -> float:
    """The CIE76 colour difference (Euclidean in L*a*b*): about 2.3 is just noticeable, and
    two small marks read as different colours from about 15 on.

    >>> round(delta_e((0, 114, 178), (86, 180, 233)), 1)
    26.4
    """
    la, lb = lab(a), lab(b)
    return sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5
