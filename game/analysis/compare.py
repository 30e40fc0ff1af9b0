"""`python -m game simulate --mod PATH --compare`: what a mod does to the balance.

The same games — same seeds, same bots — are played on the rules without the mods and
with them, and the outcome rates and each faction's win rate are printed side by side
with how far they moved. A change marked `*` is larger than chance would explain at 95%
(a two-proportion z-test); at a few hundred games, moves of a few points usually are not.

The output depends only on the rules, the seed and the options, like `simulate`'s.
"""

from __future__ import annotations

import math
from typing import Any

from game.analysis.simulate import OUTCOMES, Z95


def significant(k1: int, n1: int, k2: int, n2: int, z: float = Z95) -> bool:
    """Whether k1/n1 and k2/n2 differ by more than chance would explain (two-proportion z-test)."""
    if n1 == 0 or n2 == 0:
        return False
    pooled = (k1 + k2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return spread > 0 and abs(k1 / n1 - k2 / n2) / spread > z


def _rate(k: int, n: int) -> float:
    return 100.0 * k / n if n else 0.0


def _row(name: str, k1: int | None, n1: int, k2: int | None, n2: int) -> str:
    a = "—" if k1 is None else f"{_rate(k1, n1):.1f}%"
    b = "—" if k2 is None else f"{_rate(k2, n2):.1f}%"
    if k1 is None:
        change = "new"
    elif k2 is None:
        change = "gone"
    else:
        delta = _rate(k2, n2) - _rate(k1, n1)
        mark = " *" if significant(k1, n1, k2, n2) else ""
        change = f"{delta:+.1f} pts{mark}".replace("-", "−")
    return f"  {name:<14}{a:>9}{b:>9}   {change}"


def format_comparison(without: dict[str, Any], with_mods: dict[str, Any], label: str) -> str:
    """The two `Tally.to_json` results side by side."""
    n1, n2 = without["games"], with_mods["games"]
    lines = [
        f"{n2} games of {with_mods['scenario']} (seed {with_mods['seed']}), without and with {label}:",
        f"  {'':<14}{'without':>9}{'with':>9}   change",
    ]
    for kind in OUTCOMES:
        lines.append(_row(kind, without["outcomes"][kind], n1, with_mods["outcomes"][kind], n2))
    d1, d2 = without["decided"], with_mods["decided"]
    lines.append(f"Win rates (share of the decided games: {d1} without, {d2} with):")
    factions = list(without["wins"]) + [f for f in with_mods["wins"] if f not in without["wins"]]
    for f in factions:
        lines.append(_row(f, without["wins"].get(f), d1, with_mods["wins"].get(f), d2))
    for key, name in (("mean_rounds", "Mean rounds played"), ("mean_balance_index", "Mean final balance index")):
        a, b = without[key], with_mods[key]
        lines.append(f"{name}: {a} without, {b} with ({b - a:+.2f})".replace("(-", "(−"))
    lines.append("* the change is larger than chance would explain (95%, two-proportion z-test)")
    return "\n".join(lines)
