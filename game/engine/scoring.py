"""Control and scoring (DESIGN §2–3): space leaders, country status, the balance index,
summits and the final outcome. Every verdict comes with its reasons in words.

Each rule exists once, as a small kernel on plain numbers (the first section below).
The engine's readings here add the reasons in words around them; the bots' evaluator
(`game/ai/evaluate.py`) calls the same kernels on its own cached tables, and the rules
dialog states the rules through `describe_*`, from the ruleset's numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from game.engine.messages import N_, Nn_, Text, say, say_list, say_n
from game.engine.pickles import field_values
from game.engine.tables import N_DOMAINS, bits
from game.ruleset.model import DOMAINS, Faction, Ruleset, Settings, SummitScoring

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.engine.tables import Tables

DOMAIN_WORDS = {"soft_power": "soft power", "security": "security", "trade": "trade"}

DOMINATED, ALIGNED, BALANCED = "dominated", "aligned", "balanced"

Number = TypeVar("Number", int, float)
"""VP as the engine counts them (int) or as the evaluator projects them (float)."""


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
    """Faction id of the winner (None if nobody wins)."""
    reasons: tuple[str, ...]
    breaker: str | None = None
    """After a breakdown: the faction whose action pushed tension to the limit."""
    round: int = 0
    route: str = ""
    """How a domination came: `map` (countries dominated and aligned) or `lead` (VP)."""

    def __reduce__(self) -> tuple[type[Outcome], tuple[Any, ...]]:
        return (Outcome, field_values(self))  # compiled, it cannot be pickled attribute by attribute (game/engine/pickles.py)


@dataclass
class SummitRecord:
    round: int
    scores: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    domination: str = ""
    """The domination check's verdict, in a sentence."""
    sphere: str = ""
    """The outside power that held enough of the region on the map at this summit (a
    `domination_summits` rule may ask it to hold it at the next one too)."""


@dataclass(frozen=True)
class SummitPreview:
    """What a summit scored now would give: its record (VP with reasons and the domination
    check's sentence) and the domination it would end the game with, if any."""

    record: SummitRecord
    outcome: Outcome | None


@dataclass(frozen=True)
class DominationProgress:
    """How near one faction stands to winning at once, against the two routes of the rules."""

    faction: str
    can_win: bool
    """Whether the faction can win by domination at all (the regional actor cannot)."""
    dominated: int
    aligned: int
    need_countries: int
    """Dominated countries that win at a summit (an aligned one counts `aligned_share`%)."""
    points: int
    """Its countries counted toward that, in hundredths of a dominated country."""
    progress: float
    """0 … 1: the nearer of the two routes (`scoring.hegemony_progress`)."""
    sphere: str
    """Its countries in words: 'dominates Kyrgyzstan, aligned with Uzbekistan'."""
    lead: int
    """VP ahead of the best other outside power (negative: behind)."""
    ahead_of_regional: bool
    need_lead: int
    """The VP lead that wins at a summit (0: the rules have no such route)."""
    lead_counts: bool
    """Whether a VP lead can win at the next summit."""


# ----- the rules, on plain numbers ---------------------------------------------------------
# The engine (below) and the bots' evaluator both call these: a rule changed here changes
# for both, so the bots never judge by rules the game does not play.


def top_two(totals: Sequence[int]) -> tuple[int, int, int]:
    """(who has the highest total, that total, the runner-up's total); the lower index
    wins a tie; (-1, -1, -1) for no totals."""
    best = second = who = -1
    for f, v in enumerate(totals):
        if v > best:
            second, best, who = best, v, f
        elif v > second:
            second = v
    return who, best, second


def leads_by(best: int, second: int, stability: int) -> bool:
    """The space-leader rule: the highest leadership total leads if it is above 0 and
    beats the runner-up by at least the space's stability."""
    return best > 0 and best - max(second, 0) >= stability


def most_domains(domains: Sequence[Sequence[int]], f: int) -> list[int]:
    """The domains in which `f` has strictly the most influence across a country
    (`domains[faction][domain]`, summed over its spaces)."""
    row = domains[f]
    out = []
    for d in range(len(row)):
        mine = row[d]
        if mine > 0 and all(mine > other[d] for g, other in enumerate(domains) if g != f):
            out.append(d)
    return out


def country_verdict(
    led: Sequence[int], n_spaces: int, capital_leader: int, domains: Sequence[Sequence[int]], need_domains: int
) -> tuple[str, int]:
    """The country-status rule: (kind, faction), the faction -1 when balanced.

    `led[f]` counts the spaces `f` leads, `capital_leader` leads the capital (-1: nobody).
    Dominated: leads the capital and a strict majority of the spaces, and has strictly the
    most influence in at least `need_domains` domains. Aligned: leads strictly more spaces
    than anyone else. Otherwise balanced.
    """
    if capital_leader >= 0 and 2 * led[capital_leader] > n_spaces:
        if len(most_domains(domains, capital_leader)) >= need_domains:
            return DOMINATED, capital_leader
    ranked = sorted(led, reverse=True)
    if ranked and ranked[0] > 0 and (len(ranked) == 1 or ranked[0] > ranked[1]):
        return ALIGNED, led.index(ranked[0])
    return BALANCED, -1


def status_vp(scoring: SummitScoring, kind: str, holder: bool) -> int:
    """The VP a faction with this `scoring` gets at a summit for one country of status
    `kind` (`holder`: the country is dominated by or aligned with that faction)."""
    if kind == BALANCED:
        return scoring.per_balanced
    if not holder:
        return 0
    return scoring.per_dominated if kind == DOMINATED else scoring.per_aligned


def foothold_vp(scoring: SummitScoring, holder: bool, led: int, leads_capital: bool) -> int:
    """The VP a faction gets at a summit on top of `status_vp` for one country where it
    leads `led` spaces: a foothold (it leads a space of a country that is not its own
    sphere), the capital it leads and each space it leads."""
    vp = scoring.per_present if led and not holder else 0
    return vp + (scoring.per_capital if leads_capital else 0) + scoring.per_space * led


def domination_points(kind: str, aligned_share: int) -> int:
    """What one country counts toward domination, in hundredths of a dominated country."""
    return 100 if kind == DOMINATED else aligned_share if kind == ALIGNED else 0


def hegemony_progress(points: int, need_countries: int, lead: float, need_lead: int, lead_counts_now: bool) -> float:
    """0 … 1: how near an outside power stands to winning at once — by the map (`points`,
    in hundredths of a dominated country, against `need_countries`) or by its VP lead
    (against `need_lead`, once a lead can count)."""
    by_map = points / (100.0 * need_countries) if need_countries else 0.0
    by_lead = lead / need_lead if need_lead > 0 and lead_counts_now else 0.0
    return max(0.0, min(1.0, max(by_map, by_lead)))


def region_index_of(progress: Sequence[float]) -> float:
    """The region index (0 … 100): 100 × (1 − the largest progress toward hegemony)."""
    top = 0.0  # max(progress, default=0.0), as a loop: compiled, a keyword makes it a generic call
    for i, p in enumerate(progress):
        if i == 0 or p > top:
            top = p
    return 100.0 * (1.0 - top)


def country_index_of(led: Sequence[int], n_spaces: int, kind: str, can_win: Sequence[bool], holder: int | None) -> float:
    """A country's index (0 … 100): 0 when an outside power (`can_win`) dominates it, else
    100 × (1 − the largest share of its spaces one outside power leads). A country the
    regional actor dominates (Kazakhstan at home) is read by the outside powers' shares: it
    read 0, "dominated", while the region's index — rightly — counted no hegemon there."""
    if kind == DOMINATED and (holder is None or can_win[holder]):
        return 0.0
    top = max((k for k, w in zip(led, can_win, strict=True) if w), default=0)
    return 100.0 * (1.0 - top / n_spaces) if n_spaces else 100.0


def track_vp(tracks: Sequence[int], plus: Sequence[int]) -> int:
    """The VP the tracks a faction scores give it at a summit: their levels."""
    return sum(tracks[k] for k in plus)


def plus_track_indices(t: Tables, fac: Faction) -> list[int]:
    """The tracks `fac` scores at summits, as track indices (ids the rules lack score nothing)."""
    return [t.track_index[x] for x in fac.scoring.plus_tracks if x in t.track_index]


def countries_winner(dominated: Sequence[float], can_win: Sequence[bool], need: float) -> int:
    """Domination on the map: the faction that can win by domination with the most
    domination points (`domination_points`: a dominated country 100, an aligned one its
    share; the lower index on a tie), if it has at least `need` (100 per country needed);
    else -1."""
    best = -1
    for f, k in enumerate(dominated):
        if can_win[f] and k > 0 and (best < 0 or k > dominated[best]):
            best = f
    return best if best >= 0 and dominated[best] >= need else -1


def leads_over(vp: Sequence[Number], can_win: Sequence[bool], outside: bool) -> list[Number]:
    """How many VP each faction has more than the best other faction that can (`outside`)
    or cannot (the regional actor) win by domination (0 stands in when there is none).

    One pass for every faction (the bots ask for all of them at every step they weigh)."""
    best: Number | None = None
    second: Number | None = None
    who = -1
    for g, v in enumerate(vp):
        if can_win[g] == outside:
            if best is None or v > best:
                second, best, who = best, v, g
            elif second is None or v > second:
                second = v
    out: list[Number] = []
    for f, v in enumerate(vp):
        other = second if f == who else best
        out.append(cast(Number, v if other is None else v - other))  # mypyc reads `v - other` as int | float
    return out


def lead_winner(vp: Sequence[int], can_win: Sequence[bool], need: int) -> int:
    """Domination by VP lead: the first outside power `need` VP ahead of every other outside
    power and ahead of the regional actor; -1 for none."""
    outside = leads_over(vp, can_win, True)
    regional = leads_over(vp, can_win, False)
    for f in range(len(vp)):
        if can_win[f] and outside[f] >= need and regional[f] > 0:
            return f
    return -1


def map_counts(settings: Settings, summit: int) -> bool:
    """Whether holding the map can win at the game's `summit`-th summit (1, 2 …)."""
    return summit >= settings.domination_map_from_summit


def lead_counts(settings: Settings, summit: int) -> bool:
    """Whether a VP lead can win at the game's `summit`-th summit (1, 2 …)."""
    return settings.domination_lead > 0 and summit >= settings.domination_lead_from_summit


def balance_index_of(totals: Sequence[float]) -> float:
    """100 × (1 − HHI) / (1 − 1/n) over the factions' shares of these totals (unrounded)."""
    n = len(totals)
    whole = sum(totals)
    if n < 2 or whole == 0:
        return 100.0
    hhi = sum((v / whole) ** 2 for v in totals)
    return 100.0 * (1.0 - hhi) / (1.0 - 1.0 / n)


# ----- the engine's readings, with reasons -------------------------------------------------


def lower_first(name: str, language: str = "en") -> str:
    """'Regional tension' -> 'regional tension' in mid-sentence; names like 'Central Asia' keep their capitals.
    English only: a translated name is used as its catalogue writes it (case mapping is wrong
    for Turkish and Kazakh names: 'Orta Asya entegrasyonu' must not read 'orta Asya')."""
    if language != "en":
        return name
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def stability(game: Game, s: int) -> int:
    v = game.stab_base[s]
    tracks = game.tracks
    for t in game.stab_tracks[s]:  # a loop, not sum() over a generator: bots ask this ~10^5 times a game
        v += tracks[t]
    return v


def leadership_totals(game: Game, s: int) -> list[int]:
    """Each faction's total in a space as leadership counts it (with weights)."""
    t = game.t
    n = t.n_factions
    infl = game.infl
    w = game.lead_weight
    k = s * n * N_DOMAINS
    totals = [infl[j] * w[j] + infl[j + 1] * w[j + 1] + infl[j + 2] * w[j + 2] for j in range(k, k + n * N_DOMAINS, N_DOMAINS)]
    bonus = game.lead_bonus
    if bonus is not None:
        add_bonuses(totals, infl, k, bonus, k, n)
    return totals


def add_bonuses(totals: list[int], units: list[int], u: int, bonus: list[int], b: int, n: int) -> None:
    """Add each of `n` factions' leadership bonuses in a space for the domains it holds there:
    the space's cells start at index `u` of `units` and at `b` of `bonus` (the evaluator
    passes a space's own row of the influence table)."""
    for f in range(n * N_DOMAINS):
        if bonus[b + f] and units[u + f] > 0:
            totals[f // N_DOMAINS] += bonus[b + f]


def leader(game: Game, s: int) -> int | None:
    """The faction whose total exceeds the runner-up's by at least the space's stability."""
    who, best, second = top_two(leadership_totals(game, s))
    if who < 0 or not leads_by(best, second, stability(game, s)):
        return None
    return who


def space_reasons(game: Game, s: int) -> Text:
    """Why a space is led or contested, in a sentence."""
    t = game.t
    totals = leadership_totals(game, s)
    ranked = sorted(range(t.n_factions), key=lambda f: (-totals[f], f))
    name = t.spaces[s].name
    st = stability(game, s)
    who = leader(game, s)
    shown = [say(N_("{faction} {amount}"), faction=t.factions[f].name, amount=totals[f]) for f in ranked if totals[f] > 0]
    parts = say_list(shown) if shown else say(N_("no influence"))
    if who is None:
        return say(N_("{space} is contested (stability {stability}): {parts}."), space=name, stability=st, parts=parts)
    return say(N_("{faction} leads {space} (stability {stability}): {parts}."), faction=t.factions[who].name, space=name, stability=st, parts=parts)


def country_domain_totals(game: Game, c: int) -> list[list[int]]:
    """[faction][domain] influence summed over a country's spaces."""
    t = game.t
    n = t.n_factions
    infl = game.infl
    width = n * N_DOMAINS
    out = [[0] * N_DOMAINS for _ in range(n)]
    for s in bits(t.country_spaces[c]):
        k = s * width
        for row in out:
            row[0] += infl[k]
            row[1] += infl[k + 1]
            row[2] += infl[k + 2]
            k += N_DOMAINS
    return out


@dataclass(frozen=True)
class Control:
    """Who leads what in one country, and its status."""

    led: tuple[tuple[int, ...], ...]
    """Per faction, the spaces it leads."""
    capital_leader: int
    """The faction leading the capital (-1: nobody)."""
    status: Status

    @property
    def counts(self) -> list[int]:
        return [len(where) for where in self.led]


def country_control(game: Game, c: int, words: bool = True) -> Control:
    """Who leads each space of a country, and the country's status with its reasons (none
    without `words`: for a game that keeps no records, `Game.scratch()`)."""
    t = game.t
    spaces = bits(t.country_spaces[c])
    capital = t.country_capital[c]
    led: list[list[int]] = [[] for _ in range(t.n_factions)]
    capital_leader = -1
    for s in spaces:
        f = leader(game, s)
        if f is not None:
            led[f].append(s)
            if s == capital:
                capital_leader = f
    status = _status_with_reasons(game, c, led, capital_leader, words)
    return Control(tuple(tuple(w) for w in led), capital_leader, status)


def country_controls(game: Game, words: bool = True) -> list[Control]:
    """`country_control` of every country, in order."""
    return [country_control(game, c, words) for c in range(len(game.t.countries))]


def country_status(game: Game, c: int) -> Status:
    return country_control(game, c).status


def country_kind(game: Game, c: int) -> tuple[str, int]:
    """A country's status as (kind, faction), the faction -1 when balanced: what
    `country_status` says, without the reasons in words (for conditions, read often)."""
    t = game.t
    n_spaces = 0
    capital = t.country_capital[c]
    led = [0] * t.n_factions
    capital_leader = -1
    for s in bits(t.country_spaces[c]):
        n_spaces += 1
        f = leader(game, s)
        if f is not None:
            led[f] += 1
            if s == capital:
                capital_leader = f
    return country_verdict(led, n_spaces, capital_leader, country_domain_totals(game, c), t.settings.domination_domains)


def _status_with_reasons(game: Game, c: int, led: list[list[int]], capital_leader: int, words: bool = True) -> Status:
    t = game.t
    spaces = bits(t.country_spaces[c])
    counts = [len(where) for where in led]
    totals = country_domain_totals(game, c)
    kind, f = country_verdict(counts, len(spaces), capital_leader, totals, t.settings.domination_domains)
    if not words:
        return Status(kind, None if f < 0 else f, ())
    cname = t.countries[c].name
    if kind == BALANCED:
        return Status(BALANCED, None, (_balanced_reason(game, cname, counts),))
    fname = t.factions[f].name
    places = say_list([_space_label(game, s) for s in led[f]])
    if kind == DOMINATED:
        domains = say_list([say(DOMAIN_WORDS[DOMAINS[d]]) for d in most_domains(totals, f)], sep=N_("{a} and {b}"))
        return Status(DOMINATED, f, (say(N_("{faction} dominates {country}: leads {places}; most {domains}."), faction=fname, country=cname, places=places, domains=domains),))
    if capital_leader == f and 2 * counts[f] > len(spaces):
        reason = say(N_("{country} is aligned with {faction}: {faction} leads {places}, more spaces than anyone else "
                        "(but not the most influence in enough domains to dominate)."), country=cname, faction=fname, places=places)  # fmt: skip
    else:
        reason = say(N_("{country} is aligned with {faction}: {faction} leads {places}, more spaces than anyone else."), country=cname, faction=fname, places=places)
    return Status(ALIGNED, f, (reason,))


def _balanced_reason(game: Game, cname: str, counts: list[int]) -> Text:
    top = max(counts, default=0)
    if top == 0:
        return say(N_("{country} is balanced: every space is contested."), country=cname)
    # highest faction index first: the order these sentences have always had in saved logs
    tied = say_list([game.t.factions[f].name for f in reversed(range(len(counts))) if counts[f] == top], sep=N_("{a} and {b}"))
    return say(N_("{country} is balanced: {factions} lead equally many spaces."), country=cname, factions=tied)


def _space_label(game: Game, s: int) -> str | Text:
    sp = game.t.spaces[s]
    return say(N_("{space} (capital)"), space=sp.name) if sp.is_capital else sp.name


def balance_index(game: Game, c: int | None = None) -> float:
    """The balance index from control (DESIGN §2): for the region, 100 × (1 − the largest
    progress of an outside power toward hegemony); for one country, 0 when an outside
    power dominates it, else 100 × (1 − the largest share of its spaces one outside
    power leads)."""
    if c is not None:
        return _country_index(game, c, country_control(game, c))
    return _region_index(domination_progress(game))


@dataclass(frozen=True)
class IndexReading:
    """The whole board's control read once: every country's status and index, the
    region's index and that index in words (for views and round snapshots)."""

    statuses: list[Status]
    countries: list[float]
    region: float
    sentence: str


def index_reading(game: Game) -> IndexReading:
    controls = country_controls(game)
    statuses = [ctl.status for ctl in controls]
    progress = domination_progress(game, statuses)
    countries = [_country_index(game, c, ctl) for c, ctl in enumerate(controls)]
    return IndexReading(statuses, countries, _region_index(progress), hegemony_sentence(game, progress))


def _country_index(game: Game, c: int, ctl: Control) -> float:
    n_spaces = game.t.country_spaces[c].bit_count()
    return round(country_index_of(ctl.counts, n_spaces, ctl.status.kind, _can_win(game), ctl.status.faction), 1)


def _region_index(progress: list[DominationProgress]) -> float:
    return round(region_index_of([p.progress for p in progress if p.can_win]), 1)


def influence_spread(game: Game, c: int | None = None) -> float:
    """How evenly the factions' total influence is spread (region or one country): 100 ×
    (1 − HHI) / (1 − 1/n). The old balance index — it sits near 100 in every game, since
    influence only accumulates, so it is shown only under its own name."""
    return round(balance_index_of(faction_totals(game, c)), 2)


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


# ----- summits ------------------------------------------------------------------------------


def summit_scores(game: Game, words: bool = True, controls: Sequence[Control] | None = None) -> SummitRecord:
    """What a summit scored now gives every faction, with reasons (none without `words`);
    the game is not changed. Statuses are taken once, before any VP (VP do not change who
    leads, but a reader should not have to check that); `controls`, if given, are the
    game's `country_controls` now."""
    t = game.t
    if controls is None:
        controls = country_controls(game, words)
    record = SummitRecord(game.round)
    factor = t.settings.final_summit_factor if game.round >= t.scenario.rounds else 1
    for f, fac in enumerate(t.factions):
        sc = fac.scoring
        parts: list[str] = []
        vp = 0
        for c, ctl in enumerate(controls):
            st = ctl.status
            cname = t.countries[c].name
            points = status_vp(sc, st.kind, st.faction == f)
            if points:
                vp += points
                if words:
                    parts.append(_status_part(st.kind, cname, points))
            extra = foothold_vp(sc, st.faction == f, len(ctl.led[f]), ctl.capital_leader == f)
            if extra:
                vp += extra
                if words:
                    parts.append(_foothold_part(game, c, ctl, f, st.faction == f))
        plus = plus_track_indices(t, fac)
        vp += track_vp(game.tracks, plus)
        if not words:
            record.scores[fac.id] = vp * factor if factor > 1 and vp else vp
            continue
        for k in plus:
            if game.tracks[k]:
                parts.append(say(N_("{track} at {level} ({points})"), track=lower_first(t.tracks[k].name, t.ruleset.language), level=game.tracks[k], points=game.tracks[k]))
        said = say_list(parts)
        if factor > 1 and vp:
            said = say(N_("{parts} — the final summit counts {factor} times"), parts=said, factor=factor)
            vp *= factor
        record.scores[fac.id] = vp
        record.reasons[fac.id] = say(N_("{faction} scores {vp} VP: {parts}."), faction=fac.name, vp=vp, parts=said) if parts else say(N_("{faction} scores {vp} VP."), faction=fac.name, vp=vp)
    return record


def _foothold_part(game: Game, c: int, ctl: Control, f: int, holder: bool) -> Text:
    t = game.t
    sc = t.factions[f].scoring
    bits_ = []
    if sc.per_present and ctl.led[f] and not holder:
        bits_.append(say(N_("a foothold in {country} ({points})"), country=t.countries[c].name, points=sc.per_present))
    if sc.per_capital and ctl.capital_leader == f:
        bits_.append(say(N_("leads {space} ({points})"), space=t.spaces[t.country_capital[c]].name, points=sc.per_capital))
    if sc.per_space and ctl.led[f]:
        bits_.append(say(N_("spaces led in {country}: {count} ({points})"), country=t.countries[c].name, count=len(ctl.led[f]), points=sc.per_space * len(ctl.led[f])))
    return say_list(bits_)


def _status_part(kind: str, cname: str, points: int) -> Text:
    if kind == DOMINATED:
        return say(N_("dominates {country} ({points})"), country=cname, points=points)
    if kind == ALIGNED:
        return say(N_("{country} aligned ({points})"), country=cname, points=points)
    return say(N_("{country} balanced ({points})"), country=cname, points=points)


def apply_summit(game: Game, record: SummitRecord) -> None:
    """Add a summit's scores to the factions' VP."""
    for f, fac in enumerate(game.t.factions):
        game.vp[f] += record.scores.get(fac.id, 0)


def score_summit(game: Game, words: bool = True, controls: Sequence[Control] | None = None) -> SummitRecord:
    """VP for every faction by its scoring rules, added to its VP (the record's reasons
    only with `words`; `controls` as in `summit_scores`)."""
    record = summit_scores(game, words, controls)
    apply_summit(game, record)
    return record


def summit_preview(game: Game) -> SummitPreview:
    """If the summit were now: the VP each faction would score (with reasons) and the
    domination check it would bring, counted as the game's next summit. The game is not
    changed: its VP stay as they are."""
    controls = country_controls(game)
    record = summit_scores(game, controls=controls)
    vp = [v + record.scores[fac.id] for v, fac in zip(game.vp, game.t.factions, strict=True)]
    summit = len(game.summits) + 1
    before = game.summits[-1].sphere if game.summits else ""
    outcome = _domination(game, vp, summit, before, record, controls=controls)
    record.domination = outcome.reasons[0] if outcome is not None else _check_failed(game, summit, record)
    return SummitPreview(record, outcome)


# ----- domination -----------------------------------------------------------------------------


def domination_winner(game: Game, words: bool = True, controls: Sequence[Control] | None = None) -> Outcome | None:
    """An outside power dominating enough countries, or far enough ahead on VP, wins at once
    (checked after the summit's VP are added and its record kept; the outcome's reasons
    only with `words`; `controls`, if given, are the game's `country_controls` now)."""
    before = game.summits[-2].sphere if len(game.summits) > 1 else ""
    record = game.summits[-1] if game.summits else None
    return _domination(game, game.vp, len(game.summits), before, record, words, controls)


def _domination(game: Game, vp: list[int], summit: int, before: str, record: SummitRecord | None,
                words: bool = True, controls: Sequence[Control] | None = None) -> Outcome | None:  # fmt: skip
    return (_domination_by_countries(game, summit, before, record, words, controls)
            or _domination_by_lead(game, vp, summit, words))  # fmt: skip


def _can_win(game: Game) -> list[bool]:
    return [fac.wins_by_domination for fac in game.t.factions]


def _domination_by_countries(game: Game, summit: int, before: str = "", record: SummitRecord | None = None,
                             words: bool = True, controls: Sequence[Control] | None = None) -> Outcome | None:  # fmt: skip
    """Domination on the map: the countries an outside power holds (dominated 100, aligned
    `aligned_share`) reach `domination_countries` — at `domination_summits` summits in a
    row (`before`: who held it at the summit before; `record` keeps who holds it now)."""
    t = game.t
    statuses = [ctl.status for ctl in (controls if controls is not None else country_controls(game, words))]
    points = _points(game, statuses)
    f = countries_winner(points, _can_win(game), 100 * t.settings.domination_countries)
    if f < 0:
        return None
    fac = t.factions[f]
    if record is not None:
        record.sphere = fac.id
    if t.settings.domination_summits > 1 and before != fac.id:
        return None  # the first summit of its hold: it must last to the next
    if not map_counts(t.settings, summit):
        return None
    if not words:
        return Outcome("domination", fac.id, (), round=game.round, route="map")
    sts = [st for st in statuses if st.faction == f]
    held = _sphere_words(game, statuses, f)
    reasons = (say(N_("Domination emerged: {faction} holds the region on the map — {sphere}."), faction=fac.name, sphere=held),)
    return Outcome("domination", fac.id, reasons + tuple(r for st in sts for r in st.reasons), round=game.round, route="map")


def _points(game: Game, statuses: Sequence[Status]) -> list[int]:
    """Each faction's domination points: 100 per country it dominates, `aligned_share` per
    country aligned with it."""
    share = game.t.settings.aligned_share
    points = [0] * game.t.n_factions
    for st in statuses:
        if st.faction is not None:
            points[st.faction] += domination_points(st.kind, share)
    return points


def _sphere_words(game: Game, statuses: Sequence[Status], f: int) -> Text:
    """'dominates Kyrgyzstan and Tajikistan, aligned with Uzbekistan' (or 'nothing yet')."""
    t = game.t
    dom = [t.countries[c].name for c, st in enumerate(statuses) if st.faction == f and st.kind == DOMINATED]
    ali = [t.countries[c].name for c, st in enumerate(statuses) if st.faction == f and st.kind == ALIGNED]
    parts = []
    if dom:
        parts.append(say(N_("dominates {countries}"), countries=_and_text(dom)))
    if ali:
        parts.append(say(ALIGNED_WITH, countries=_and_text(ali)))
    return say_list(parts) if parts else say(N_("no country yet"))


ALIGNED_WITH = N_("aligned with {countries}")


def _and_text(items: Sequence[str], last: str = N_("{a} and {b}")) -> Text:
    """'a', 'a and b', 'a, b and c' (translatable)."""
    return say_list(items, last)


def regional_names(factions: Iterable[Faction]) -> str:
    """The factions that cannot win by domination (the regional actor), named for a sentence."""
    return " and ".join(fac.name for fac in factions if not fac.wins_by_domination)


def _domination_by_lead(game: Game, vp: list[int], summit: int, words: bool = True) -> Outcome | None:
    """Regional hegemony: summit after summit the region's alignments have tipped one way,
    though no single snapshot shows three dominated countries (BALANCE.md says why). The
    hegemon must also be ahead of the regional actor, whose VP measure balance."""
    t = game.t
    if not lead_counts(t.settings, summit):
        return None
    can_win = _can_win(game)
    f = lead_winner(vp, can_win, t.settings.domination_lead)
    if f < 0:
        return None
    fac = t.factions[f]
    if not words:
        return Outcome("domination", fac.id, (), round=game.round, route="lead")
    lead = leads_over(vp, can_win, True)[f]
    table = say_list([say(N_("{faction} {amount}"), faction=t.factions[g].name, amount=vp[g]) for g in sorted(range(t.n_factions), key=lambda g: -vp[g])])
    regional = regional_names(t.factions)
    if regional:
        head = say(N_("Domination emerged: {faction} leads every other outside power by {lead} VP (a lead of {need} wins) and is ahead of {regional}."),
                   faction=fac.name, lead=lead, need=t.settings.domination_lead, regional=regional)  # fmt: skip
    else:
        head = say(N_("Domination emerged: {faction} leads every other outside power by {lead} VP (a lead of {need} wins)."),
                   faction=fac.name, lead=lead, need=t.settings.domination_lead)  # fmt: skip
    return Outcome("domination", fac.id, (head, say(N_("VP after the summit: {table}."), table=table)), round=game.round, route="lead")


def domination_check_failed(game: Game) -> str:
    """The summit's sentence when nobody wins at once."""
    return _check_failed(game, len(game.summits), game.summits[-1] if game.summits else None)


def _check_failed(game: Game, summit: int, record: SummitRecord | None = None) -> str:
    t = game.t
    if record is not None and record.sphere:
        name = t.factions[t.faction_index[record.sphere]].name
        return say(N_("Domination check: {faction} holds enough of the region on the map; if it still does at the next "
                      "summit, domination emerges."), faction=name)  # fmt: skip
    st = t.settings
    if st.aligned_share >= 100:  # spheres: aligned countries count whole
        return _check_failed_spheres(st, summit, regional_names(t.factions))
    if lead_counts(st, summit):
        regional = regional_names(t.factions)
        if regional:
            return say(N_("Domination check: no outside power dominates {count} countries or leads every other outside power by {lead} VP while ahead of {regional}."),
                       count=st.domination_countries, lead=st.domination_lead, regional=regional)  # fmt: skip
        return say(N_("Domination check: no outside power dominates {count} countries or leads every other outside power by {lead} VP."),
                   count=st.domination_countries, lead=st.domination_lead)  # fmt: skip
    if st.domination_lead > 0:
        return say(N_("Domination check: no outside power dominates {count} countries (a VP lead can win from summit {summit} on)."),
                   count=st.domination_countries, summit=st.domination_lead_from_summit)  # fmt: skip
    return say(N_("Domination check: no outside power dominates {count} countries."), count=st.domination_countries)


def _check_failed_spheres(st: Settings, summit: int, regional: str) -> str:
    """The summit's sentence when nobody wins at once and aligned countries count whole."""
    if lead_counts(st, summit) and regional:
        return say(N_("Domination check: no outside power holds {count} countries (dominated or aligned) or leads every other "
                      "outside power by {lead} VP while ahead of {regional}."),
                   count=st.domination_countries, lead=st.domination_lead, regional=regional)  # fmt: skip
    if lead_counts(st, summit):
        return say(N_("Domination check: no outside power holds {count} countries (dominated or aligned) or leads every other "
                      "outside power by {lead} VP."), count=st.domination_countries, lead=st.domination_lead)  # fmt: skip
    return say(N_("Domination check: no outside power holds {count} countries (dominated or aligned)."), count=st.domination_countries)


def domination_progress(game: Game, statuses: list[Status] | None = None) -> list[DominationProgress]:
    """Each faction's distance from winning at once, as the rules count it now: countries
    it dominates and is aligned with against the countries that win, its VP lead against
    the lead that wins at the next summit. (`statuses`: the countries' statuses, if the
    caller has them already.)"""
    t = game.t
    st = t.settings
    if statuses is None:
        statuses = [country_status(game, c) for c in range(len(t.countries))]
    can_win = _can_win(game)
    outside = leads_over(game.vp, can_win, True)
    regional = leads_over(game.vp, can_win, False)
    points = _points(game, statuses)
    counts = lead_counts(st, len(game.summits) + 1)
    out = []
    for f, fac in enumerate(t.factions):
        lead = outside[f] if regional[f] > 0 else min(outside[f], 0)
        out.append(
            DominationProgress(
                fac.id,
                fac.wins_by_domination,
                sum(1 for s in statuses if s.kind == DOMINATED and s.faction == f),
                sum(1 for s in statuses if s.kind == ALIGNED and s.faction == f),
                st.domination_countries,
                points[f],
                hegemony_progress(points[f], st.domination_countries, lead, st.domination_lead, counts)
                if fac.wins_by_domination else 0.0,
                _sphere_words(game, statuses, f),
                outside[f],
                regional[f] > 0,
                st.domination_lead,
                counts,
            )
        )
    return out


def hegemony_sentence(game: Game, readings: list[DominationProgress] | None = None) -> str:
    """The region index in words: who stands nearest to hegemony, and on what."""
    progress = [p for p in (readings if readings is not None else domination_progress(game)) if p.can_win]
    if not progress:
        return say(N_("No outside power can dominate the region."))
    top = max(progress, key=lambda p: p.progress)
    name = game.t.factions[game.t.faction_index[top.faction]].name
    share = top.progress
    if share <= 0.0:
        names = {p.faction: game.t.factions[game.t.faction_index[p.faction]].name for p in progress}
        spheres = [say(N_("{faction} ({countries})"), faction=names[p.faction], countries=_aligned_countries(p.sphere)) for p in progress if p.aligned]
        if not spheres:
            return say(N_("No outside power has a sphere yet: the region is in balance."))
        return say(N_("Nobody dominates a country yet. Aligned: {spheres}."), spheres=say_list(spheres))
    if share >= 1.0:
        return say(N_("{faction} holds the region: {sphere}."), faction=name, sphere=top.sphere)
    if abs(share - 0.5) < 0.005:
        return say(N_("{faction} is halfway to hegemony: {sphere}."), faction=name, sphere=top.sphere)
    return say(N_("{faction} is {percent}% of the way to hegemony: {sphere}."), faction=name, percent=round(100 * share), sphere=top.sphere)


def _aligned_countries(sphere: str) -> str:
    """The countries of an 'aligned with …' sphere."""
    if isinstance(sphere, Text) and sphere.template == ALIGNED_WITH:
        return sphere.args["countries"]
    return sphere.removeprefix("aligned with ")


# ----- the end of the game ------------------------------------------------------------------


def balance_outcome(game: Game) -> Outcome:
    """After the last round: balance bonuses, then most VP wins."""
    t = game.t
    reasons: list[str] = []
    bi = balance_index(game)
    for f, fac in enumerate(t.factions):
        bonus = fac.balance_bonus
        if bonus is not None and bi >= bonus.at_least:
            game.vp[f] += bonus.vp
            reasons.append(say(N_("{faction} gains {vp} VP: the region index is {index} (at least {need})."), faction=fac.name, vp=bonus.vp, index=f"{bi:g}", need=bonus.at_least))
    influence = faction_totals(game)
    ranked = sorted(range(t.n_factions), key=lambda f: (-game.vp[f], -influence[f], f))
    w = ranked[0]
    table = say_list([say(N_("{faction} {amount}"), faction=t.factions[f].name, amount=game.vp[f]) for f in ranked])
    if len(ranked) > 1 and game.vp[ranked[1]] == game.vp[w]:
        head = say(N_("Balance emerged: no outside power dominated the region. {faction} wins with the most VP ({table}). "
                      "The tie is broken by total influence on the board."), faction=t.factions[w].name, table=table)  # fmt: skip
    else:
        head = say(N_("Balance emerged: no outside power dominated the region. {faction} wins with the most VP ({table})."), faction=t.factions[w].name, table=table)
    return Outcome("balance", t.factions[w].id, (head, *reasons), round=game.round)


# ----- the rules in words, for the rules dialog ----------------------------------------------


def describe_control_rules(rs: Ruleset, settings: Settings | None = None) -> list[Text]:
    """The space-leader and country-status rules, one sentence each (`settings`: the game's,
    a scenario's own if it has them; the ruleset's by default). Each is a `Text`: the English
    sentence, said in the reader's language with `translate_text`."""
    need = (settings or rs.settings).domination_domains
    return [
        say(N_("A space's leader has the highest total of influence there, ahead of the runner-up by at least the space's "
               "stability; otherwise the space is contested.")),  # fmt: skip
        say_n(Nn_("A country is dominated by a faction that leads its capital and more than half of its spaces and has strictly "
                  "the most influence in the country in at least {need} of the {domains} domain; aligned with a faction that "
                  "leads more of its spaces than any other; otherwise balanced.",
                  "A country is dominated by a faction that leads its capital and more than half of its spaces and has strictly "
                  "the most influence in the country in at least {need} of the {domains} domains; aligned with a faction that "
                  "leads more of its spaces than any other; otherwise balanced."), "domains", need=need, domains=N_DOMAINS),  # fmt: skip
    ]


SUMMIT_WAYS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("per_dominated", Nn_("{vp} VP for every country it dominates", "{vp} VP for every country they dominate")),
    ("per_aligned", Nn_("{vp} VP for every country aligned with it", "{vp} VP for every country aligned with them")),
    ("per_balanced", Nn_("{vp} VP for every balanced country", "{vp} VP for every balanced country")),
    ("per_present", Nn_("{vp} VP for every other country where it leads a space", "{vp} VP for every other country where they lead a space")),
    ("per_space", Nn_("{vp} VP for every space it leads", "{vp} VP for every space they lead")),
    ("per_capital", Nn_("{vp} VP more for every capital it leads", "{vp} VP more for every capital they lead")),
)
"""The ways a summit scores (a field of `SummitScoring`), each a phrase whose pronoun
follows how many factions score that way (the sentence's `count`, by the reader's plural
forms)."""


def describe_summit_rules(rs: Ruleset) -> list[Text]:
    """What each faction scores at a summit, with the VP from the ruleset: one sentence per
    way of scoring (factions that score alike share one; the verb and pronouns follow how
    many they are)."""
    groups: dict[SummitScoring, list[Faction]] = {}
    for fac in rs.factions:
        groups.setdefault(fac.scoring, []).append(fac)
    tracks = {tr.id: tr for tr in rs.tracks}
    out: list[Text] = []
    for sc, facs in groups.items():
        count = len(facs)
        parts = [say_n(phrase, "count", vp=getattr(sc, name), count=count) for name, phrase in SUMMIT_WAYS if getattr(sc, name)]
        # the track's name as the catalogue writes it (no case mapping on translated text)
        parts += [say(N_("1 VP per level of {track}"), track=tracks[k].name) for k in sc.plus_tracks if k in tracks]
        names = say_list([fac.name for fac in facs], N_("{a} and {b}"))
        if not parts:
            out.append(say_n(Nn_("{names} scores nothing at summits.", "{names} score nothing at summits."), "count", names=names, count=count))
        else:
            ways = say_list(parts, N_("{a} and {b}"))
            out.append(say_n(Nn_("{names} scores {ways}.", "{names} each score {ways}."), "count", names=names, ways=ways, count=count))
    return out


def describe_domination_rules(rs: Ruleset, settings: Settings | None = None) -> list[Text]:
    """The ways to win at once at a summit, and how a game without one ends (`settings`: the
    game's, a scenario's own if it has them; the ruleset's by default). Whole sentences, one
    per rule, so each reads in the shape of the reader's language."""
    st = settings or rs.settings
    outside = [fac.name for fac in rs.factions if fac.wins_by_domination]
    out: list[Text] = []
    if outside:
        powers = say_list(outside, N_("{a} or {b}"))
        n = st.domination_countries
        if st.aligned_share >= 100:
            out.append(say_n(Nn_("An outside power ({powers}) that holds at least {n} country, dominated by it or aligned with it, "
                                 "at a summit wins at once.",
                                 "An outside power ({powers}) that holds at least {n} countries, each dominated by it or aligned "
                                 "with it, at a summit wins at once."), "n", powers=powers, n=n))  # fmt: skip
        elif st.aligned_share:
            out.append(say_n(Nn_("An outside power ({powers}) that dominates at least {n} country at a summit (an aligned country "
                                 "counting {share}% of a dominated one) wins at once.",
                                 "An outside power ({powers}) that dominates at least {n} countries at a summit (an aligned "
                                 "country counting {share}% of a dominated one) wins at once."), "n", powers=powers, n=n,
                             share=st.aligned_share))  # fmt: skip
        else:
            out.append(say_n(Nn_("An outside power ({powers}) that dominates at least {n} country at a summit wins at once.",
                                 "An outside power ({powers}) that dominates at least {n} countries at a summit wins at once."),
                             "n", powers=powers, n=n))  # fmt: skip
        if st.domination_summits > 1:
            out.append(say(N_("Domination on the map must hold at {n} summits in a row."), n=st.domination_summits))
        if st.domination_map_from_summit > 1:
            out.append(say(N_("Domination on the map counts from summit {n} on."), n=st.domination_map_from_summit))
        if st.domination_lead > 0:
            regional = [fac.name for fac in rs.factions if not fac.wins_by_domination]
            if regional:
                out.append(say(N_("So does one that leads every other outside power by {lead} VP while ahead of {regional}."),
                               lead=st.domination_lead, regional=say_list(regional, N_("{a} and {b}"))))  # fmt: skip
            else:
                out.append(say(N_("So does one that leads every other outside power by {lead} VP."), lead=st.domination_lead))
            if st.domination_lead_from_summit > 1:
                out.append(say(N_("The VP lead counts from summit {n} on."), n=st.domination_lead_from_summit))
    else:
        out.append(say(N_("No faction can win by domination.")))
    out.append(say(N_("If nobody wins so, balance emerges after the last round: the most VP wins (a tie goes to the most "
                      "influence on the board).")))  # fmt: skip
    for fac in rs.factions:
        if (bonus := fac.balance_bonus) is not None:
            out.append(say(N_("Before that, {faction} gains {vp} VP if the balance index is at least {at_least}."),
                           faction=fac.name, vp=bonus.vp, at_least=bonus.at_least))  # fmt: skip
    return out
