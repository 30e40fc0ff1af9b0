"""The look of the game: palette, fonts, text sizes, faction identity and small icons.

Everything is sized from the window: `Theme.unit` is 1.0 at 1600×900 and scales with
the smaller of the two ratios, so the layout is the same from 1280×720 to 3840×2160.
The "text size" setting multiplies text (and the things text sits in) on top of that.

Faction identity never rests on colour alone: each faction has its colour (from the
ruleset, an Okabe–Ito colour-blind-safe palette in the base game), an emblem drawn in
its tokens, and a hatching pattern used where it shades a country.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.colours import Colour, hex_colour, luminance, mix
from game.i18n import N_, _

if TYPE_CHECKING:
    from game.ruleset.model import Ruleset

ASSETS = Path(__file__).resolve().parents[2] / "assets"
FONT_DIR = ASSETS / "fonts"
FONT_REGULAR = FONT_DIR / "NotoSans-Regular.ttf"
FONT_BOLD = FONT_DIR / "NotoSans-Bold.ttf"
FONT_DISPLAY = FONT_DIR / "NotoSansDisplay-Bold.ttf"
FONT_ITALIC = Path(pygame_gui.__file__).parent / "data" / "NotoSans-Italic.ttf"
"""Noto Sans Italic as pygame_gui ships it (same family and licence as ours); if it is
missing, `Theme.italic` slants the regular face."""

TEXT_FACTORS = {"normal": 1.0, "large": 1.2, "projector": 1.42}


# --- palette: a dark table with a light, paper-like map in the middle ---------------------
# The names below are the palette in use; `set_palette` swaps them all at once (the
# projector's high-contrast look), so code reads them as `th.INK` at drawing time.
BG = (21, 26, 35)
BG_DEEP = (14, 17, 24)
PANEL = (32, 39, 52)
PANEL_RAISED = (43, 52, 69)
PANEL_EDGE = (66, 78, 99)
INK = (238, 234, 222)
INK_MUTED = (168, 175, 189)
INK_DARK = (28, 30, 36)
INK_DARK_MUTED = (86, 88, 96)
GOLD = (232, 190, 92)
GOLD_DARK = (150, 112, 30)
DANGER = (214, 69, 65)
WARNING = (236, 150, 52)
GOOD = (96, 186, 120)
HIGHLIGHT = (255, 226, 110)
FOCUS = (120, 210, 255)
"""The keyboard's focus: its own colour (cyan, dashed on the map), never a legal target's yellow."""

MAP_SEA = (118, 158, 188)
MAP_SEA_EDGE = (88, 126, 156)
MAP_NEIGHBOUR = (190, 184, 168)
MAP_NEIGHBOUR_EDGE = (160, 152, 134)
MAP_LAND = (238, 229, 205)
MAP_SPACE_EDGE = (150, 138, 112)
MAP_COUNTRY_EDGE = (52, 48, 44)
MAP_BACKGROUND = (168, 196, 214)
PAPER = (246, 240, 226)
PAPER_EDGE = (120, 108, 86)

_PALETTE_NAMES = (
    "BG", "BG_DEEP", "PANEL", "PANEL_RAISED", "PANEL_EDGE", "INK", "INK_MUTED", "INK_DARK", "INK_DARK_MUTED", "GOLD",
    "GOLD_DARK", "DANGER", "WARNING", "GOOD", "HIGHLIGHT", "MAP_SEA", "MAP_SEA_EDGE", "MAP_NEIGHBOUR", "MAP_NEIGHBOUR_EDGE",
    "MAP_LAND", "MAP_SPACE_EDGE", "MAP_COUNTRY_EDGE", "MAP_BACKGROUND", "PAPER", "PAPER_EDGE",
)  # fmt: skip
PALETTES: dict[str, dict[str, Colour]] = {"normal": {name: globals()[name] for name in _PALETTE_NAMES}}
PALETTES["high"] = {
    # for a projector in a lit room: black panels, white text, stronger edges, a whiter map
    # with black borders (a projector washes out greys and thin lines first)
    **PALETTES["normal"],
    "BG": (0, 0, 0),
    "BG_DEEP": (0, 0, 0),
    "PANEL": (18, 20, 26),
    "PANEL_RAISED": (44, 48, 60),
    "PANEL_EDGE": (190, 196, 210),
    "INK": (255, 255, 255),
    "INK_MUTED": (222, 226, 234),
    "INK_DARK": (0, 0, 0),
    "INK_DARK_MUTED": (34, 34, 40),
    "GOLD": (255, 212, 40),
    "GOLD_DARK": (112, 80, 0),
    "DANGER": (255, 96, 86),
    "WARNING": (255, 172, 40),
    "GOOD": (100, 235, 130),
    "HIGHLIGHT": (255, 236, 0),
    "MAP_SEA": (96, 146, 196),
    "MAP_SEA_EDGE": (40, 80, 130),
    "MAP_NEIGHBOUR": (176, 172, 162),
    "MAP_NEIGHBOUR_EDGE": (96, 90, 80),
    "MAP_LAND": (255, 251, 238),
    "MAP_SPACE_EDGE": (96, 84, 60),
    "MAP_COUNTRY_EDGE": (0, 0, 0),
    "PAPER": (255, 255, 255),
    "PAPER_EDGE": (40, 34, 26),
}
palette_name = "normal"


def set_palette(name: str) -> None:
    """Use the `normal` or the `high`-contrast palette from now on (clears colour caches)."""
    global palette_name
    name = name if name in PALETTES else "normal"
    if name == palette_name:
        return
    palette_name = name
    globals().update(PALETTES[name])
    _TEXT_CACHE.clear()
    _TOKEN_CACHE.clear()


DOMAIN_COLOURS: dict[str, Colour] = {
    "soft_power": (126, 87, 194),
    "security": (176, 58, 46),
    "trade": (182, 132, 20),
}
DOMAIN_NAMES = {"soft_power": N_("Soft power"), "security": N_("Security"), "trade": N_("Trade")}
"""English, marked for the catalogue: show them through `domain_name` (the reader's language)."""
DOMAIN_WORDS = {"soft_power": N_("soft power"), "security": N_("security"), "trade": N_("trade")}


def domain_name(domain: str, in_sentence: bool = False) -> str:
    """A domain in the reader's language: capitalised as a heading, or as it reads inside a
    sentence (its own string: no case mapping on translated text)."""
    table = DOMAIN_WORDS if in_sentence else DOMAIN_NAMES
    return _(table[domain]) if domain in table else domain
DOMAIN_SHORT = {"soft_power": "Soft", "security": "Sec", "trade": "Trade"}

# Font roles: (pixel size at unit 1 and normal text, bold?, display face?)
FONT_ROLES: dict[str, tuple[float, bool, bool]] = {
    "title": (64, True, True),
    "h1": (34, True, True),
    "h2": (24, True, True),
    "h3": (19, True, False),
    "body": (17, False, False),
    "body_bold": (17, True, False),
    "small": (14.5, False, False),
    "small_bold": (14.5, True, False),
    "tiny": (12.5, False, False),
    "tiny_bold": (12.5, True, False),
}
MIN_FONT_PX = {"tiny": 11, "tiny_bold": 11, "small": 12, "small_bold": 12}


def ink_on(c: Colour) -> Colour:
    """Dark or light text, whichever reads better on `c`."""
    return INK_DARK if luminance(c) > 0.6 else (255, 255, 255)


class Theme:
    """Sizes and fonts for one window size and text-size setting."""

    def __init__(self, size: tuple[int, int], text_size: str = "normal", contrast: str = "normal") -> None:
        self.size = size
        self.text_size = text_size if text_size in TEXT_FACTORS else "normal"
        self.contrast = contrast if contrast in PALETTES else "normal"
        w, h = size
        self.unit = max(0.6, min(w / 1600, h / 900))
        self.text = TEXT_FACTORS[self.text_size]
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        set_palette(self.contrast)

    def px(self, value: float) -> int:
        """A length at unit 1 (1600×900), in pixels for this window."""
        return max(1, round(value * self.unit))

    def tpx(self, value: float) -> int:
        """A length that grows with the text size too (boxes that hold text)."""
        return max(1, round(value * self.unit * self.text))

    def bpx(self, value: float) -> int:
        """A length on the map's badges: with the window, not the text size (the map is crowded; the hover card has every number in large type)."""
        return max(1, round(value * self.unit))

    def font_px(self, role: str) -> int:
        base = FONT_ROLES[role][0]
        return max(MIN_FONT_PX.get(role, 10), round(base * self.unit * self.text))

    def font(self, role: str) -> pygame.font.Font:
        size = self.font_px(role)
        _, bold, display = FONT_ROLES[role]
        path = FONT_DISPLAY if display else FONT_BOLD if bold else FONT_REGULAR
        key = (str(path), size)
        f = self._fonts.get(key)
        if f is None:
            f = self._fonts[key] = pygame.font.Font(path, size)
        return f

    def italic(self, role: str) -> pygame.font.Font:
        """The role's size in italics (players' reasons in the log)."""
        size = self.font_px(role)
        key = ("italic", size)
        f = self._fonts.get(key)
        if f is None:
            if FONT_ITALIC.exists():
                f = pygame.font.Font(FONT_ITALIC, size)
            else:  # a slanted regular face
                f = pygame.font.Font(FONT_REGULAR, size)
                f.italic = True
            self._fonts[key] = f
        return f

    def sized_font(self, px: int, bold: bool = False) -> pygame.font.Font:
        path = FONT_BOLD if bold else FONT_REGULAR
        key = (str(path), max(8, px))
        f = self._fonts.get(key)
        if f is None:
            f = self._fonts[key] = pygame.font.Font(path, max(8, px))
        return f


# --- text rendering with a small cache ------------------------------------------------------
_TEXT_CACHE: OrderedDict[tuple[int, str, Colour], pygame.Surface] = OrderedDict()
_TEXT_CACHE_MAX = 1200


# Characters the shipped fonts lack, and what to show instead (the log's "1 → 2").
GLYPH_FALLBACKS = {"→": "to", "←": "from", "▶": "›", "◀": "‹", "▲": "^", "▼": "v", "✓": "yes", "★": "*", "↑": "^", "↓": "v"}
_MISSING: dict[int, set[str]] = {}


def printable(font: pygame.font.Font, text: str) -> str:
    """`text` with characters the font cannot draw replaced by words or dropped."""
    if text.isascii():
        return text
    missing = _MISSING.setdefault(id(font), set())
    out = []
    for ch in text:
        if ord(ch) < 0x2000:
            out.append(ch)
            continue
        if ch not in missing:
            m = font.metrics(ch)
            notdef = font.metrics("\U0010fffd")
            if m and notdef and m[0] == notdef[0] and ch not in "—–…‘’“”•›‹€":
                missing.add(ch)
        out.append(GLYPH_FALLBACKS.get(ch, "") if ch in missing else ch)
    return "".join(out)


def text_surface(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    key = (id(font), text, colour)
    s = _TEXT_CACHE.get(key)
    if s is None:
        s = font.render(printable(font, text), True, colour)
        _TEXT_CACHE[key] = s
        if len(_TEXT_CACHE) > _TEXT_CACHE_MAX:
            _TEXT_CACHE.popitem(last=False)
    else:
        _TEXT_CACHE.move_to_end(key)
    return s


def blit_text(
    surface: pygame.Surface, font: pygame.font.Font, text: str, colour: Colour, pos: tuple[int, int], anchor: str = "topleft"
) -> pygame.Rect:
    s = text_surface(font, text, colour)
    r = s.get_rect(**{anchor: pos})
    surface.blit(s, r)
    return r


TRUNCATED: list[str] | None = None
"""While a list (`python -m game bench --layout` sets one), every string drawn shortened
is added to it: the window should wrap text, not cut it."""


def _note_truncated(text: str) -> None:
    if TRUNCATED is not None:
        TRUNCATED.append(text)


def fit_text(font: pygame.font.Font, text: str, width: int) -> str:
    """`text`, shortened with an ellipsis if it is wider than `width`."""
    text = printable(font, text)
    if font.size(text)[0] <= width:
        return text
    _note_truncated(text)
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def fit_choice(font: pygame.font.Font, options: list[str], width: int) -> str:
    """The first of `options` (longest wording first) that fits `width`; the last one,
    shortened, only if none does."""
    for text in options:
        if font.size(printable(font, text))[0] <= width:
            return printable(font, text)
    return fit_text(font, options[-1], width)


def wrap_text(font: pygame.font.Font, text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Lines of `text` that fit `width` (the last shortened with … if `max_lines` cuts it)."""
    text = printable(font, text)
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        line = ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if font.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            # a word wider than the line (a long compound, a name in a narrow column) is
            # broken after a dash if one fits ("Kazakhstan–" / "Turkmenistan–Iran"), else
            # between letters, rather than cut
            while font.size(word)[0] > width and len(word) > 1:
                cut = _longest_fitting_prefix(font, word, width)
                cut = max((word.rfind(d, 0, cut) + 1 for d in BREAK_AFTER), default=0) or cut
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        _note_truncated(text)
        lines = lines[:max_lines]
        lines[-1] = fit_text(font, lines[-1] + " …", width) if font.size(lines[-1] + " …")[0] > width else lines[-1] + " …"
    return [fit_text(font, ln, width) for ln in lines]


BREAK_AFTER = "-–—/"
"""Where a word too wide for its line is broken, if it can be: after a dash or a slash."""


def _longest_fitting_prefix(font: pygame.font.Font, word: str, width: int) -> int:
    """How many leading characters of `word` fit `width` (at least one)."""
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(word[:mid])[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def draw_panel(
    surface: pygame.Surface, rect: pygame.Rect, fill: Colour | None = None, edge: Colour | None = None, radius: int = 8, width: int = 1
) -> None:
    """A rounded panel (`fill` defaults to PANEL; no edge unless `edge` is given)."""
    pygame.draw.rect(surface, fill or PANEL, rect, border_radius=radius)
    if edge is not None:
        pygame.draw.rect(surface, edge, rect, width, border_radius=radius)


def draw_shadow(surface: pygame.Surface, rect: pygame.Rect, radius: int = 10, offset: int = 4, alpha: int = 80) -> None:
    """A soft drop shadow below and to the right of `rect`."""
    shadow = pygame.Surface(rect.inflate(offset * 2, offset * 2).size, pygame.SRCALPHA)
    for i in range(3):
        pygame.draw.rect(shadow, (0, 0, 0, alpha // 3), shadow.get_rect().inflate(-i * offset, -i * offset), border_radius=radius + offset)
    surface.blit(shadow, (rect.x - offset + offset // 2, rect.y - offset + offset))


# --- factions ---------------------------------------------------------------------------------
PATTERNS = ("diagonal", "antidiagonal", "horizontal", "vertical", "cross", "dots", "grid")


@dataclass(frozen=True)
class FactionStyle:
    id: str
    name: str
    colour: Colour
    light: Colour
    dark: Colour
    emblem: str
    pattern: str
    initial: str


def faction_styles(ruleset: Ruleset) -> dict[str, FactionStyle]:
    out: dict[str, FactionStyle] = {}
    for i, f in enumerate(ruleset.factions):
        c = hex_colour(f.colour)
        out[f.id] = FactionStyle(
            f.id, f.name, c, mix(c, (255, 255, 255), 0.62), mix(c, (0, 0, 0), 0.45), f.emblem or "", PATTERNS[i % len(PATTERNS)], f.name[:1]
        )
    return out


def _star_points(cx: float, cy: float, r: float, points: int = 5, inner: float = 0.45, turn: float = -math.pi / 2) -> list[tuple[float, float]]:
    pts = []
    for k in range(points * 2):
        rr = r if k % 2 == 0 else r * inner
        a = turn + k * math.pi / points
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def draw_emblem(surface: pygame.Surface, emblem: str, center: tuple[float, float], r: float, colour: Colour, back: Colour, initial: str = "?") -> None:
    """An emblem drawn with `colour` inside a circle of radius `r` (`back` cuts shapes out)."""
    cx, cy = center
    e = emblem.lower()
    if e == "star":
        pygame.draw.polygon(surface, colour, _star_points(cx, cy + r * 0.05, r * 0.92))
    elif e == "crescent":
        pygame.draw.circle(surface, colour, (cx - r * 0.12, cy), r * 0.8)
        pygame.draw.circle(surface, back, (cx + r * 0.14, cy - r * 0.02), r * 0.66)
        pygame.draw.polygon(surface, colour, _star_points(cx + r * 0.38, cy, r * 0.3, 5, 0.42, 0.0))
    elif e == "sun":
        pygame.draw.circle(surface, colour, (cx, cy), r * 0.4)
        for k in range(8):
            a = k * math.pi / 4 + math.pi / 8
            x1, y1 = cx + r * 0.52 * math.cos(a), cy + r * 0.52 * math.sin(a)
            x2, y2 = cx + r * 0.95 * math.cos(a), cy + r * 0.95 * math.sin(a)
            pygame.draw.line(surface, colour, (x1, y1), (x2, y2), max(1, round(r * 0.22)))
    elif e == "wheel":
        w = max(1, round(r * 0.2))
        pygame.draw.circle(surface, colour, (cx, cy), r * 0.88, w)
        pygame.draw.circle(surface, colour, (cx, cy), r * 0.22)
        for k in range(8):
            a = k * math.pi / 4
            pygame.draw.line(surface, colour, (cx, cy), (cx + r * 0.8 * math.cos(a), cy + r * 0.8 * math.sin(a)), max(1, round(r * 0.12)))
    elif e == "eagle":
        # a steppe eagle seen from the front: spread wings, a body and a head
        wing = [
            (cx, cy - r * 0.1), (cx - r * 0.95, cy - r * 0.55), (cx - r * 0.78, cy - r * 0.12), (cx - r * 0.92, cy - r * 0.05),
            (cx - r * 0.6, cy + r * 0.22), (cx - r * 0.22, cy + r * 0.2),
        ]  # fmt: skip
        pygame.draw.polygon(surface, colour, wing)
        pygame.draw.polygon(surface, colour, [(2 * cx - x, y) for x, y in wing])
        pygame.draw.polygon(surface, colour, [(cx - r * 0.22, cy - r * 0.15), (cx + r * 0.22, cy - r * 0.15), (cx + r * 0.3, cy + r * 0.55), (cx, cy + r * 0.88), (cx - r * 0.3, cy + r * 0.55)])
        pygame.draw.circle(surface, colour, (cx, cy - r * 0.38), r * 0.24)
    elif e in ("shield", "square", "diamond", "triangle"):
        if e == "diamond":
            pts = [(cx, cy - r * 0.85), (cx + r * 0.7, cy), (cx, cy + r * 0.85), (cx - r * 0.7, cy)]
        elif e == "triangle":
            pts = [(cx, cy - r * 0.8), (cx + r * 0.8, cy + r * 0.6), (cx - r * 0.8, cy + r * 0.6)]
        else:
            pts = [(cx - r * 0.65, cy - r * 0.65), (cx + r * 0.65, cy - r * 0.65), (cx + r * 0.65, cy + r * 0.65), (cx - r * 0.65, cy + r * 0.65)]
        pygame.draw.polygon(surface, colour, pts)
    else:
        font = pygame.font.Font(FONT_BOLD, max(8, round(r * 1.3)))
        s = font.render(initial, True, colour)
        surface.blit(s, s.get_rect(center=(cx, cy)))


def draw_token(surface: pygame.Surface, style: FactionStyle, center: tuple[float, float], r: float, ring: Colour | None = None) -> None:
    """A faction's round token: its colour, a dark rim and its emblem in white."""
    cx, cy = center
    rim = max(1, round(r * 0.13))
    pygame.draw.circle(surface, ring or style.dark, (cx, cy), r)
    pygame.draw.circle(surface, style.colour, (cx, cy), r - rim)
    draw_emblem(surface, style.emblem, (cx, cy), (r - rim) * 0.78, (255, 255, 255), style.colour, style.initial)


_TOKEN_CACHE: dict[tuple[str, int, Colour | None], pygame.Surface] = {}


def token_surface(style: FactionStyle, r: int, ring: Colour | None = None) -> pygame.Surface:
    """A cached, antialiased (drawn at 4×, smoothed down) token of radius `r`."""
    key = (style.id + style.emblem + str(style.colour), r, ring)
    s = _TOKEN_CACHE.get(key)
    if s is None:
        big = pygame.Surface((r * 8 + 4, r * 8 + 4), pygame.SRCALPHA)
        draw_token(big, style, (r * 4 + 2, r * 4 + 2), r * 4, ring)
        s = pygame.transform.smoothscale(big, (r * 2 + 1, r * 2 + 1))
        _TOKEN_CACHE[key] = s
    return s


def blit_token(surface: pygame.Surface, style: FactionStyle, center: tuple[float, float], r: int, ring: Colour | None = None) -> None:
    s = token_surface(style, max(3, r), ring)
    surface.blit(s, s.get_rect(center=(round(center[0]), round(center[1]))))


def draw_domain_icon(surface: pygame.Surface, domain: str, center: tuple[float, float], r: float, colour: Colour | None = None) -> None:
    """Soft power: a speech bubble; security: a shield; trade: a pair of exchange arrows."""
    c = colour or DOMAIN_COLOURS.get(domain, INK_MUTED)
    cx, cy = center
    if domain == "soft_power":
        rect = pygame.Rect(0, 0, round(r * 1.8), round(r * 1.3))
        rect.center = (round(cx), round(cy - r * 0.15))
        pygame.draw.rect(surface, c, rect, border_radius=max(1, round(r * 0.45)))
        pygame.draw.polygon(surface, c, [(cx - r * 0.45, cy + r * 0.3), (cx - r * 0.65, cy + r * 0.95), (cx + r * 0.05, cy + r * 0.35)])
    elif domain == "security":
        pts = [
            (cx - r * 0.85, cy - r * 0.8), (cx, cy - r * 1.0), (cx + r * 0.85, cy - r * 0.8), (cx + r * 0.8, cy + r * 0.1),
            (cx, cy + r * 1.0), (cx - r * 0.8, cy + r * 0.1),
        ]  # fmt: skip
        pygame.draw.polygon(surface, c, pts)
    elif domain == "trade":
        w = max(1, round(r * 0.32))
        pygame.draw.line(surface, c, (cx - r * 0.9, cy - r * 0.4), (cx + r * 0.5, cy - r * 0.4), w)
        pygame.draw.polygon(surface, c, [(cx + r * 0.35, cy - r * 0.85), (cx + r * 0.95, cy - r * 0.4), (cx + r * 0.35, cy + r * 0.05)])
        pygame.draw.line(surface, c, (cx + r * 0.9, cy + r * 0.45), (cx - r * 0.5, cy + r * 0.45), w)
        pygame.draw.polygon(surface, c, [(cx - r * 0.35, cy), (cx - r * 0.95, cy + r * 0.45), (cx - r * 0.35, cy + r * 0.9)])
    else:
        pygame.draw.circle(surface, c, (cx, cy), r * 0.8)


def draw_coin(surface: pygame.Surface, center: tuple[int, int], r: int, font: pygame.font.Font, value: str) -> None:
    """A gold coin with a number: the capital a card costs."""
    pygame.draw.circle(surface, GOLD_DARK, center, r)
    pygame.draw.circle(surface, GOLD, center, r - max(1, r // 7))
    blit_text(surface, font, value, INK_DARK, center, "center")


def pattern_tile(pattern: str, colour: tuple[int, int, int, int], size: int, width: int) -> pygame.Surface:
    """A repeating hatch tile for `pattern` (countries shaded for a faction)."""
    tile = pygame.Surface((size, size), pygame.SRCALPHA)
    s = size
    if pattern in ("diagonal", "cross"):
        for off in (-s, 0, s):
            pygame.draw.line(tile, colour, (off, s), (off + s, 0), width)
    if pattern in ("antidiagonal", "cross"):
        for off in (-s, 0, s):
            pygame.draw.line(tile, colour, (off, 0), (off + s, s), width)
    if pattern in ("horizontal", "grid"):
        pygame.draw.line(tile, colour, (0, s // 2), (s, s // 2), width)
    if pattern in ("vertical", "grid"):
        pygame.draw.line(tile, colour, (s // 2, 0), (s // 2, s), width)
    if pattern == "dots":
        pygame.draw.circle(tile, colour, (s // 4, s // 4), max(1, width))
        pygame.draw.circle(tile, colour, (3 * s // 4, 3 * s // 4), max(1, width))
    return tile


def fill_pattern(target: pygame.Surface, tile: pygame.Surface) -> None:
    tw, th = tile.get_size()
    for y in range(0, target.get_height(), th):
        for x in range(0, target.get_width(), tw):
            target.blit(tile, (x, y))


# --- pygame_gui theme -------------------------------------------------------------------------
def _hex(c: Colour, alpha: int | None = None) -> str:
    return "#{:02x}{:02x}{:02x}".format(*c) + (f"{alpha:02x}" if alpha is not None else "")


def hex_code(c: Colour) -> str:
    """`#rrggbb`, for colours in pygame_gui's HTML-like text."""
    return _hex(c)


def gui_theme(theme: Theme) -> dict[str, Any]:
    """The pygame_gui theme for this window: our palette and fonts at our sizes."""
    body = str(theme.font_px("body"))
    small = str(theme.font_px("small"))
    h3 = str(theme.font_px("h3"))
    font = {"name": "cog", "size": body, "style": "regular"}
    radius = str(theme.px(7))
    colours = {
        "normal_bg": _hex(PANEL_RAISED),
        "hovered_bg": _hex(mix(PANEL_RAISED, GOLD, 0.22)),
        "disabled_bg": _hex(mix(PANEL, BG, 0.4)),
        "selected_bg": _hex(mix(PANEL_RAISED, GOLD, 0.35)),
        "active_bg": _hex(mix(PANEL_RAISED, GOLD, 0.45)),
        "dark_bg": _hex(BG_DEEP),
        "normal_text": _hex(INK),
        "hovered_text": _hex((255, 255, 255)),
        "disabled_text": _hex(mix(INK_MUTED, BG, 0.35)),
        "selected_text": _hex((255, 255, 255)),
        "active_text": _hex((255, 255, 255)),
        "normal_border": _hex(PANEL_EDGE),
        "hovered_border": _hex(GOLD),
        "disabled_border": _hex(mix(PANEL_EDGE, BG, 0.5)),
        "selected_border": _hex(GOLD),
        "active_border": _hex(GOLD),
        "link_text": _hex(GOLD),
        "link_hover": _hex(HIGHLIGHT),
        "link_selected": _hex(HIGHLIGHT),
        "text_cursor": _hex(GOLD),
        "normal_text_shadow": "#00000000",
        "hovered_text_shadow": "#00000000",
        "disabled_text_shadow": "#00000000",
        "selected_text_shadow": "#00000000",
        "active_text_shadow": "#00000000",
    }
    shape = {"shape": "rounded_rectangle", "shape_corner_radius": radius, "border_width": str(max(1, theme.px(1.5))), "shadow_width": "0"}
    primary = dict(colours)
    primary.update(
        {
            "normal_bg": _hex(GOLD_DARK),
            "hovered_bg": _hex(mix(GOLD_DARK, GOLD, 0.55)),
            "active_bg": _hex(GOLD),
            "normal_border": _hex(GOLD),
            "normal_text": "#ffffff",
            "hovered_text": _hex(INK_DARK),
            "active_text": _hex(INK_DARK),
        }
    )
    theme_dict: dict[str, Any] = {
        "defaults": {"colours": colours, "font": font, "misc": {"shape": "rounded_rectangle", "shape_corner_radius": radius}},
        "button": {"misc": shape, "font": font},
        "@primary": {"colours": primary, "font": {"name": "cog", "size": body, "style": "bold"}, "misc": shape},
        "@menu": {"misc": shape, "font": {"name": "cog", "size": h3, "style": "bold"}},
        "@menu_primary": {"colours": primary, "misc": shape, "font": {"name": "cog", "size": h3, "style": "bold"}},
        "@small": {"misc": shape, "font": {"name": "cog", "size": small, "style": "regular"}},
        "@danger": {"colours": {**colours, "normal_bg": _hex(mix(DANGER, BG, 0.45)), "hovered_bg": _hex(DANGER)}, "misc": shape},
        "label": {"colours": {**colours, "normal_text": _hex(INK), "dark_bg": "#00000000"}, "font": font, "misc": {"text_horiz_alignment": "left"}},
        "check_box": {"colours": {**colours, "normal_bg": _hex(BG_DEEP), "selected_bg": _hex(GOLD_DARK), "normal_text": _hex(INK)}, "misc": {"text_offset": str(theme.px(10))}},
        "@muted": {"colours": {**colours, "normal_text": _hex(INK_MUTED)}, "font": {"name": "cog", "size": small, "style": "regular"}},
        "@heading": {"font": {"name": "cog", "size": h3, "style": "bold"}},
        "text_box": {
            "colours": {**colours, "dark_bg": _hex(BG_DEEP), "normal_border": _hex(PANEL_EDGE)},
            "font": font,
            "misc": {"shape": "rounded_rectangle", "shape_corner_radius": radius, "padding": f"{theme.px(10)},{theme.px(8)}"},
        },
        "#mod-problems": {"font": {"name": "cog", "size": small, "style": "regular"}},
        # a plain rectangle: pygame_gui supersamples a rounded one, ~0.4 s for a screen-sized box
        "#rules-text": {"misc": {"shape": "rectangle", "padding": f"{theme.px(10)},{theme.px(8)}"}},
        "text_entry_line": {"colours": {**colours, "dark_bg": _hex(BG_DEEP)}, "font": font, "misc": shape},
        "drop_down_menu": {"colours": colours, "font": font, "misc": {**shape, "expand_direction": "down"}},
        "selection_list": {"colours": {**colours, "dark_bg": _hex(BG_DEEP)}, "font": font, "misc": {"list_item_height": str(theme.tpx(34))}},
        "panel": {"colours": {**colours, "dark_bg": _hex(PANEL)}, "misc": {"shape": "rounded_rectangle", "shape_corner_radius": radius}},
        "window": {"colours": {**colours, "dark_bg": _hex(PANEL)}, "misc": {"shape": "rounded_rectangle", "shape_corner_radius": radius}},
        "window.#title_bar": {"colours": {**colours, "normal_bg": _hex(BG_DEEP)}, "font": {"name": "cog", "size": body, "style": "bold"}},
        "tool_tip": {
            "colours": {**colours, "dark_bg": _hex(BG_DEEP), "normal_border": _hex(GOLD)},
            "font": {"name": "cog", "size": small, "style": "regular"},
            "misc": {"rect_width": str(theme.tpx(320))},
        },
        "horizontal_slider": {"colours": colours},
        "vertical_scroll_bar": {"colours": colours},
    }
    paths = {
        "regular_path": str(FONT_REGULAR),
        "bold_path": str(FONT_BOLD),
        "italic_path": str(FONT_ITALIC if FONT_ITALIC.exists() else FONT_REGULAR),
        "bold_italic_path": str(FONT_BOLD),
    }
    for block in theme_dict.values():
        if "font" in block:
            block["font"] = {**block["font"], **paths}
    return theme_dict
