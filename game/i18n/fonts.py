"""Which characters a bundled font can draw: its `cmap` table, read in pure Python (no
pygame, no fontTools), so `validate` and the tests can check every glyph of every catalogue
against the fonts in `assets/fonts/`.
"""

from __future__ import annotations

import struct
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONTS = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansDisplay-Bold.ttf")
"""The faces the window draws text with (game/ui/theme.py)."""


@cache
def font_chars(path: Path) -> frozenset[int]:
    """The code points `path` (a TrueType/OpenType font) maps to a glyph."""
    data = path.read_bytes()
    (num_tables,) = struct.unpack_from(">H", data, 4)
    cmap = None
    for i in range(num_tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        return frozenset()
    _, n = struct.unpack_from(">HH", data, cmap)
    best: tuple[int, int] | None = None
    for i in range(n):
        platform, encoding, off = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap + off)[0]
        if platform in (0, 3) and fmt in (4, 12) and (best is None or fmt > best[0]):
            best = (fmt, cmap + off)
    if best is None:
        return frozenset()
    fmt, at = best
    out: set[int] = set()
    if fmt == 12:
        (groups,) = struct.unpack_from(">I", data, at + 12)
        for g in range(groups):
            start, end, _ = struct.unpack_from(">III", data, at + 16 + 12 * g)
            out.update(range(start, end + 1))
    else:
        (seg2,) = struct.unpack_from(">H", data, at + 6)
        segs = seg2 // 2
        ends = struct.unpack_from(f">{segs}H", data, at + 14)
        starts = struct.unpack_from(f">{segs}H", data, at + 16 + seg2)
        deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 2 * seg2)
        ro_at = at + 16 + 3 * seg2
        offsets = struct.unpack_from(f">{segs}H", data, ro_at)
        for s in range(segs):
            for c in range(starts[s], ends[s] + 1):
                if c == 0xFFFF:
                    continue
                if offsets[s] == 0:
                    glyph = (c + deltas[s]) & 0xFFFF
                else:
                    idx_at = ro_at + 2 * s + offsets[s] + 2 * (c - starts[s])
                    glyph = struct.unpack_from(">H", data, idx_at)[0]
                    glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
                if glyph:
                    out.add(c)
    return frozenset(out)


def missing_glyphs(texts: list[str] | set[str], fonts: tuple[str, ...] = FONTS) -> dict[str, str]:
    """The characters of `texts` that some bundled face cannot draw: font file -> characters."""
    needed = {ch for t in texts for ch in t if ch.isprintable() and not ch.isspace()}
    out: dict[str, str] = {}
    for name in fonts:
        have = font_chars(FONT_DIR / name)
        lacking = sorted(ch for ch in needed if ord(ch) not in have)
        if lacking:
            out[name] = "".join(lacking)
    return out
