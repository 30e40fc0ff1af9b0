"""`python -m game simulate --mod PATH --compare`: what a mod does to the balance.

The same games — same seeds, same bots — are played on the rules without the mods and
with them, and the outcome rates and each faction's win rate are printed side by side
with how far they moved. A change marked `*` is larger than chance would explain at 95%
(a two-proportion z-test); at a few hundred games, moves of a few points usually are not.
Each faction's mean final VP is compared too, with the 95% margin of the difference: VP
vary less from game to game than wins do, so a small change (one ability) shows in them
at a game count where its win rate cannot tell it from chance.

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


def vp_margin(without: dict[str, Any], with_mods: dict[str, Any], faction: str) -> float:
    """The 95% margin of the change of `faction`'s mean final VP: the two runs taken as
    independent samples (their games share seeds but soon part ways; the margin is then
    if anything too wide)."""
    n1, n2 = without["games"], with_mods["games"]
    if not n1 or not n2:
        return math.inf
    s1, s2 = without["vp_sd"][faction], with_mods["vp_sd"][faction]
    return Z95 * math.sqrt(s1 * s1 / n1 + s2 * s2 / n2)


def _vp_row(f: str, without: dict[str, Any], with_mods: dict[str, Any]) -> str:
    a, b = without["mean_vp"].get(f), with_mods["mean_vp"].get(f)
    if a is None or b is None:
        return f"  {f:<14}{'—' if a is None else f'{a:.2f}':>9}{'—' if b is None else f'{b:.2f}':>9}   {'new' if a is None else 'gone'}"
    margin = vp_margin(without, with_mods, f)
    mark = " *" if abs(b - a) > margin else ""
    return f"  {f:<14}{a:>9.2f}{b:>9.2f}   {b - a:+.2f} ± {margin:.2f}{mark}".replace("-", "−")


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
    if "mean_vp" in without and "mean_vp" in with_mods:
        lines.append("Mean final VP (the change ± its 95% margin):")
        for f in factions:
            lines.append(_vp_row(f, without, with_mods))
    for key, name in (("mean_rounds", "Mean rounds played"), ("mean_balance_index", "Mean final balance index")):
        a, b = without[key], with_mods[key]
        lines.append(f"{name}: {a} without, {b} with ({b - a:+.2f})".replace("(-", "(−"))
    lines.append("* the change is larger than chance would explain (95%: a two-proportion z-test for rates, the margin for VP)")
    return "\n".join(lines)
