"""Control and scoring (DESIGN §2–3): space leaders, country status, the balance index,
summits and the final outcome. Every verdict comes with its reasons in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.engine.tables import N_DOMAINS, bits
from game.ruleset.model import DOMAINS, Faction

if TYPE_CHECKING:
    from game.engine.game import Game

DOMAIN_WORDS = {"soft_power": "soft power", "security": "security", "trade": "trade"}

DOMINATED, ALIGNED, BALANCED = "dominated", "aligned", "balanced"


@dataclass(frozen=True)
class Status:
    """A country's status: dominated or aligned by `faction`, or balanced."""

    kind: str
    faction: int | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    kind: str
    """`domination`, `balance` or `breakdown`."""
    winner: str | None
    """Faction id of the winner (None after a breakdown)."""
    reasons: tuple[str, ...]
    breaker: str | None = None
    """After a breakdown: the faction whose action pushed tension to the limit."""
    round: int = 0


@dataclass
class SummitRecord:
    round: int
    scores: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    domination: str = ""
    """The domination check's verdict, in a sentence."""


def lower_first(name: str) -> str:
    """'Regional tension' -> 'regional tension' in mid-sentence; names like 'Central Asia' keep their capitals."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def stability(game: Game, s: int) -> int:
    return game.stab_base[s] + sum(game.tracks[t] for t in game.stab_tracks[s])


def leadership_totals(game: Game, s: int) -> list[int]:
    """Each faction's total in a space as leadership counts it (with weights)."""
    t = game.t
    n = t.n_factions
    infl = game.infl
    w = game.lead_weight
    out = []
    base = s * n * N_DOMAINS
    for f in range(n):
        k = base + f * N_DOMAINS
        out.append(infl[k] * w[k] + infl[k + 1] * w[k + 1] + infl[k + 2] * w[k + 2])
    return out


def leader(game: Game, s: int) -> int | None:
    """The faction whose total exceeds the runner-up's by at least the space's stability."""
    totals = leadership_totals(game, s)
    best = second = -1
    who = None
    for f, v in enumerate(totals):
        if v > best:
            second, best, who = best, v, f
        elif v > second:
            second = v
    if who is None or best <= 0 or best - max(second, 0) < stability(game, s):
        return None
    return who


def space_reasons(game: Game, s: int) -> str:
    """Why a space is led or contested, in a sentence."""
    t = game.t
    totals = leadership_totals(game, s)
    ranked = sorted(range(t.n_factions), key=lambda f: (-totals[f], f))
    name = t.spaces[s].name
    st = stability(game, s)
    who = leader(game, s)
    parts = ", ".join(f"{t.factions[f].name} {totals[f]}" for f in ranked if totals[f] > 0) or "no influence"
    if who is None:
        return f"{name} is contested (stability {st}): {parts}."
    return f"{t.factions[who].name} leads {name} (stability {st}): {parts}."


def country_domain_totals(game: Game, c: int) -> list[list[int]]:
    """[faction][domain] influence summed over a country's spaces."""
    t = game.t
    n = t.n_factions
    out = [[0] * N_DOMAINS for _ in range(n)]
    for s in bits(t.country_spaces[c]):
        base = s * n * N_DOMAINS
        for f in range(n):
            k = base + f * N_DOMAINS
            row = out[f]
            for d in range(N_DOMAINS):
                row[d] += game.infl[k + d]
    return out


def country_status(game: Game, c: int) -> Status:
    t = game.t
    spaces = bits(t.country_spaces[c])
    leaders = {s: leader(game, s) for s in spaces}
    led: dict[int, list[int]] = {}
    for s, f in leaders.items():
        if f is not None:
            led.setdefault(f, []).append(s)
    cname = t.countries[c].name
    capital = t.country_capital[c]
    totals = country_domain_totals(game, c)
    for f, where in sorted(led.items()):
        if capital in where and 2 * len(where) > len(spaces):
            top = [DOMAINS[d] for d in range(N_DOMAINS) if _strictly_most(totals, f, d)]
            fname = t.factions[f].name
            places = ", ".join(_space_label(game, s) for s in where)
            if len(top) >= t.settings.domination_domains:
                domains = " and ".join(DOMAIN_WORDS[d] for d in top)
                return Status(DOMINATED, f, (f"{fname} dominates {cname}: leads {places}; most {domains}.",))
    counts = sorted(((len(w), f) for f, w in led.items()), reverse=True)
    if counts and (len(counts) == 1 or counts[0][0] > counts[1][0]):
        f = counts[0][1]
        fname = t.factions[f].name
        places = ", ".join(_space_label(game, s) for s in led[f])
        reason = f"{cname} is aligned with {fname}: {fname} leads {places}, more spaces than anyone else"
        if capital in led[f] and 2 * len(led[f]) > len(spaces):
            reason += " (but not the most influence in enough domains to dominate)"
        return Status(ALIGNED, f, (reason + ".",))
    if not led:
        why = f"{cname} is balanced: every space is contested."
    else:
        tied = " and ".join(t.factions[f].name for n_led, f in counts if n_led == counts[0][0])
        why = f"{cname} is balanced: {tied} lead equally many spaces."
    return Status(BALANCED, None, (why,))


def _strictly_most(totals: list[list[int]], f: int, d: int) -> bool:
    mine = totals[f][d]
    return mine > 0 and all(mine > row[d] for g, row in enumerate(totals) if g != f)


def _space_label(game: Game, s: int) -> str:
    sp = game.t.spaces[s]
    return f"{sp.name} (capital)" if sp.is_capital else sp.name


def balance_index(game: Game, c: int | None = None) -> float:
    """100 × (1 − HHI) / (1 − 1/n) over factions' shares of influence (region or one country)."""
    t = game.t
    n = t.n_factions
    if n < 2:
        return 100.0
    shares = faction_totals(game, c)
    total = sum(shares)
    if total == 0:
        return 100.0
    hhi = sum((v / total) ** 2 for v in shares)
    return round(100.0 * (1.0 - hhi) / (1.0 - 1.0 / n), 2)


def faction_totals(game: Game, c: int | None = None) -> list[int]:
    """Each faction's total influence in the region (or in one country)."""
    t = game.t
    n = t.n_factions
    mask = t.all_spaces if c is None else t.country_spaces[c]
    out = [0] * n
    for s in bits(mask):
        base = s * n * N_DOMAINS
        for f in range(n):
            k = base + f * N_DOMAINS
            out[f] += game.infl[k] + game.infl[k + 1] + game.infl[k + 2]
    return out


def score_summit(game: Game) -> SummitRecord:
    """VP for every faction by its scoring rules; statuses are taken once, before any VP."""
    t = game.t
    statuses = [country_status(game, c) for c in range(len(t.countries))]
    record = SummitRecord(game.round)
    for f, fac in enumerate(t.factions):
        sc = fac.scoring
        parts: list[str] = []
        vp = 0
        for c, st in enumerate(statuses):
            cname = t.countries[c].name
            if st.kind == DOMINATED and st.faction == f and sc.per_dominated:
                vp += sc.per_dominated
                parts.append(f"dominates {cname} ({sc.per_dominated})")
            elif st.kind == ALIGNED and st.faction == f and sc.per_aligned:
                vp += sc.per_aligned
                parts.append(f"{cname} aligned ({sc.per_aligned})")
            elif st.kind == BALANCED and sc.per_balanced:
                vp += sc.per_balanced
                parts.append(f"{cname} balanced ({sc.per_balanced})")
        for track_id in sc.plus_tracks:
            k = t.track_index.get(track_id)
            if k is not None and game.tracks[k]:
                vp += game.tracks[k]
                parts.append(f"{lower_first(t.tracks[k].name)} at {game.tracks[k]} ({game.tracks[k]})")
        game.vp[f] += vp
        record.scores[fac.id] = vp
        record.reasons[fac.id] = f"{fac.name} scores {vp} VP" + (": " + ", ".join(parts) if parts else "") + "."
    return record


def domination_winner(game: Game) -> Outcome | None:
    """An outside power dominating enough countries, or far enough ahead on VP, wins at once."""
    return _domination_by_countries(game) or _domination_by_lead(game)


def _domination_by_countries(game: Game) -> Outcome | None:
    t = game.t
    need = t.settings.domination_countries
    dominated: dict[int, list[Status]] = {}
    for c in range(len(t.countries)):
        st = country_status(game, c)
        if st.kind == DOMINATED and st.faction is not None and t.factions[st.faction].wins_by_domination:
            dominated.setdefault(st.faction, []).append(st)
    best = sorted(dominated.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    if not best or len(best[0][1]) < need:
        return None
    f, sts = best[0]
    fac = t.factions[f]
    reasons = (f"Domination emerged: {fac.name} dominates {len(sts)} of {len(t.countries)} countries.",)
    return Outcome("domination", fac.id, reasons + tuple(r for st in sts for r in st.reasons), round=game.round)


def _lead_over(game: Game, f: int, outside: bool) -> int:
    """How many VP `f` has more than the best other faction that can (`outside`) or cannot
    (the regional actor) win by domination."""
    t = game.t
    others = [v for g, v in enumerate(game.vp) if g != f and t.factions[g].wins_by_domination == outside]
    return game.vp[f] - max(others, default=0)


def regional_names(factions: Iterable[Faction]) -> str:
    """The factions that cannot win by domination (the regional actor), named for a sentence."""
    return " and ".join(fac.name for fac in factions if not fac.wins_by_domination)


def lead_counts(game: Game, summit: int) -> bool:
    """Whether a VP lead can win at the game's `summit`-th summit (1, 2 …)."""
    st = game.t.settings
    return st.domination_lead > 0 and summit >= st.domination_lead_from_summit


def _domination_by_lead(game: Game) -> Outcome | None:
    """Regional hegemony: summit after summit the region's alignments have tipped one way,
    though no single snapshot shows three dominated countries (BALANCE.md says why). The
    hegemon must also be ahead of the regional actor, whose VP measure balance."""
    t = game.t
    need = t.settings.domination_lead
    if not lead_counts(game, len(game.summits)):
        return None
    for f, fac in enumerate(t.factions):
        lead = _lead_over(game, f, outside=True)
        if fac.wins_by_domination and lead >= need and _lead_over(game, f, outside=False) > 0:
            table = ", ".join(f"{t.factions[g].name} {game.vp[g]}" for g in sorted(range(t.n_factions), key=lambda g: -game.vp[g]))
            head = f"Domination emerged: {fac.name} leads every other outside power by {lead} VP (a lead of {need} wins)"
            regional = regional_names(t.factions)
            head += f" and is ahead of {regional}." if regional else "."
            return Outcome("domination", fac.id, (head, f"VP after the summit: {table}."), round=game.round)
    return None


def domination_check_failed(game: Game) -> str:
    """The summit's sentence when nobody wins at once."""
    t = game.t
    text = f"Domination check: no outside power dominates {t.settings.domination_countries} countries"
    if lead_counts(game, len(game.summits)):
        text += f" or leads every other outside power by {t.settings.domination_lead} VP"
        regional = regional_names(t.factions)
        text += f" while ahead of {regional}" if regional else ""
    elif t.settings.domination_lead > 0:
        text += f" (a VP lead can win from summit {t.settings.domination_lead_from_summit} on)"
    return text + "."


def balance_outcome(game: Game) -> Outcome:
    """After the last round: balance bonuses, then most VP wins."""
    t = game.t
    reasons: list[str] = []
    bi = balance_index(game)
    for f, fac in enumerate(t.factions):
        bonus = fac.balance_bonus
        if bonus is not None and bi >= bonus.at_least:
            game.vp[f] += bonus.vp
            reasons.append(f"{fac.name} gains {bonus.vp} VP: the balance index is {bi:g} (at least {bonus.at_least}).")
    influence = faction_totals(game)
    ranked = sorted(range(t.n_factions), key=lambda f: (-game.vp[f], -influence[f], f))
    w = ranked[0]
    table = ", ".join(f"{t.factions[f].name} {game.vp[f]}" for f in ranked)
    head = f"Balance emerged: no outside power dominated the region. {t.factions[w].name} wins with the most VP ({table})."
    if len(ranked) > 1 and game.vp[ranked[1]] == game.vp[w]:
        head += " The tie is broken by total influence on the board."
    return Outcome("balance", t.factions[w].id, (head, *reasons), round=game.round)
