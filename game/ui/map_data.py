"""The board's geometry file, read once: `assets/map/central-asia.json` (see assets/map/README.md).

Kept apart from the renderer so the main menu can draw the map before the rules load.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

MAP_JSON = Path(__file__).resolve().parents[2] / "assets" / "map" / "central-asia.json"

Ring = list[tuple[float, float]]
Poly = list[Ring]


@functools.lru_cache(maxsize=2)
def load_map(path: Path = MAP_JSON) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def polygons(entry: dict[str, Any]) -> list[Poly]:
    """An entry's polygons as lists of rings of (x, y) points."""
    return [[[(p[0], p[1]) for p in ring] for ring in poly] for poly in entry["polygons"]]
