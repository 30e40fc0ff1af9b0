"""How good a position looks to each faction: the heuristic bot's judgement.

The evaluation reads only what every player sees on the table — influence, stability,
tracks, capital, VP, the round — and the rules' goals from the ruleset: what each
faction scores at a summit, who can win by domination, who gains from balance. It never
reads a hand or a deck, so it gives the same answer in every sampled world.

A faction's score is a weighted sum of features in VP-like units. The weights live in
YAML beside the faction (`bot:` in `factions.yaml`), so a modder tunes a bot's character
without touching Python. The weight keys (a missing key takes the default in `Weights`):

- `vp`        × the faction's projected VP: VP now, plus what each country would score
                it at the summits still to come (nearer summits count more), plus the
                tracks it scores (integration), its end-of-game balance bonus, and a
                large bonus if it is set to win by domination at the next summit. A
                country's score blends its status now with a soft reading of where it
                is heading: spaces almost led, the capital, the domains that decide
                domination — so one more unit in the right place always shows;
- `rivals`    × the strongest rival's projected VP (negative: their gain is your loss);
- `margin`    × spaces the faction leads, counted softly (a space almost led counts
                part; a capital counts 1.5);
- `contest`   × spaces rivals lead, counted the same way (negative: deny them);
- `influence` × the faction's total influence on the board;
- `reach`     × spaces where the faction has influence (where it can act next);
- `tension`   × regional tension, counted double at and above the crisis mark;
- `balance`   × the region's balance index / 10, read from control (0 = a hegemon
                wins, 10 = no outside power near it);
- `capital`   × capital in hand (beyond 8 a unit counts a quarter).

A finished game scores ±1000 (a win or not) and −2000 for the faction that caused a
breakdown, so no bot pushes tension to the limit if it can help it. A game ended in
balance adds the faction's VP margin over its strongest rival, so a bot that has won
still takes the VP it can (else the VP leader, who moves last, settled for ties).

The hard rules — who leads a space, a country's status, what a summit scores, who wins
by domination, the balance index — are the engine's own kernels (`game.engine.scoring`),
called on this module's cached tables: the bots judge by the rules the game plays. Only
the soft readings (near leads, readiness, projections) are this module's.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Final

from game.engine.scoring import (
    ALIGNED,
    BALANCED,
    DOMINATED,
    add_bonuses,
    countries_winner,
    country_verdict,
    domination_points,
    foothold_vp,
    lead_counts,
    leads_by,
    leads_over,
    map_counts,
    plus_track_indices,
    region_index_of,
    stability,
    status_vp,
    top_two,
    track_vp,
)
from game.engine.tables import N_DOMAINS, bits
from game.ruleset.format import BOT_WEIGHTS

if TYPE_CHECKING:
    from game.engine.game import BoardNumbers, Game
    from game.engine.tables import Tables

WIN, LOSS, BREAKER = 1000.0, -1000.0, -2000.0
DOMINATION_WIN_VP = 40.0
"""What winning by domination at the next summit is worth in projected VP."""
ROUND_DISCOUNT = 0.8
"""A status now is worth this much less at each round's distance from the summit."""
HARD_SHARE_NOW, HARD_SHARE_LATER = 0.8, 0.4
"""How much a country's status as it stands (not its soft reading) counts, for a summit
at the end of this round and for later ones."""
SOFT_SPAN = 5.0
"""A space short of being led by `stability + SOFT_SPAN` units counts as not led at all."""
SOFT_POWER = 2.0
"""Above 1, units count for more the nearer they bring a space to being led."""
CAPITAL_SPACE = 2.5
"""A capital counts this many spaces in `margin` and `contest` (domination needs it)."""
CACHE_SIZE = 50_000
UNIT_CACHE_SIZE = 5_000
"""Unit-step rankings remembered (each key holds a whole board: ~4 kB); they repeat within a
decision, as the planner plays card after card on the same board, not across the game."""
HOLD_FIRST = 0.4
"""What holding enough of the map is worth toward a win when it must hold at one more
summit (`domination_summits` 2)."""
"""Positions (and countries) remembered by an evaluator before it starts afresh."""


@dataclass(frozen=True)
class Weights:
    """One faction's heuristic character; see the module docstring for each key."""

    vp: float = 1.0
    rivals: float = -1.0
    margin: float = 2.0
    contest: float = -0.6
    influence: float = 0.05
    reach: float = 0.1
    tension: float = -0.3
    balance: float = 0.0
    capital: float = 0.2

    @classmethod
    def from_yaml(cls, values: dict[str, float]) -> Weights:
        """A faction's `bot:` weights over the defaults. The ruleset refuses a name that is
        not in `BOT_WEIGHTS`, the list its docs show, which names exactly these fields."""
        return cls(**{k: float(v) for k, v in values.items() if k in BOT_WEIGHTS})


WEIGHT_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Weights))
assert WEIGHT_KEYS == tuple(BOT_WEIGHTS), "Weights and game.ruleset.format.BOT_WEIGHTS must name the same weights"


CountryFacts = tuple[str, int, tuple[float, ...], tuple[float, ...], tuple[float, ...]]
"""What one country contributes to the evaluation: its status; the dominating or aligned
faction (-1 when balanced); per faction, the summit VP the country gives as it stands (its
status, a foothold, its capital: `scoring.status_vp` + `scoring.foothold_vp`); per faction,
what it counts toward domination on the map, in countries; and per faction, one list after
another (`FEATURES`, each `n` long), summit VP the faction can expect from the country read
softly, how near it is to dominating the country (0 … 1), its soft margin, the rivals' soft
margin, whether it is present in each space, its influence (flat, so that summing countries
is one pass).

Plain tuples, as are `SpacePart`s and the caches' scores: the evaluator keeps tens of
thousands of them, and Python's cycle collector stops walking a plain tuple of numbers after
its first look, where it walks a list, an object or a NamedTuple at every full collection
(as objects and lists they made search:easy's full collections take 80–120 ms, stop 61)."""
STATUS: Final = 0
HOLDER: Final = 1
HARD: Final = 2
POINTS: Final = 3
FEATURES_OF: Final = 4
"""Where each of a `CountryFacts`' parts is."""

SpacePart = tuple[int, tuple[float, ...], tuple[float, ...], tuple[float, ...]]
"""One space's share of its country's facts (per faction: what it adds to each): the faction
leading the space (-1: contested or empty), the soft margin, the soft contest, how nearly
each faction leads the space (at most 1)."""


FEATURES = ("soft_points", "soft_dominated", "margin", "contest", "reach", "total")


@dataclass
class Context:
    """What scoring a position needs beyond its countries: the same for every unit step. (A
    dataclass, not a NamedTuple: compiled, it is built by a C call.)"""

    summits: list[float]
    ahead: float
    share: float
    to_end: float
    tension: int
    vp: list[int]
    track_points: list[int]
    lead_counts: bool
    """Whether a VP lead can win at the next summit (not at the first, in the base game)."""
    map_counts: bool
    """Whether holding the map can win at the next summit (`domination_map_from_summit`)."""
    held: int
    """The faction that held enough of the map at the last summit (-1: none): with
    `domination_summits` 2, only it can win on the map at the next one."""
    key: int
    """All of the above as a number (`Evaluator._finish` remembers its answers by it): the
    same number for the same context while the evaluator's caches last."""


def _column_sums(rows: list[tuple[float, ...]]) -> list[float]:
    """Each column's sum, row after row from 0.0: as Python 3.11's `sum()` adds them (the bots'
    choices depend on the last bit), in a float the compiler keeps unboxed."""
    out = []
    for i in range(len(rows[0]) if rows else 0):
        total = 0.0
        for row in rows:
            total += row[i]
        out.append(total)
    return out


def _first_largest(values: list[float]) -> int:
    """The index of the first of the largest values (as `max(range(n), key=values.__getitem__)`:
    compiled, a call with a keyword goes through Python's generic call, a loop does not)."""
    first = 0
    for i in range(1, len(values)):
        if values[i] > values[first]:
            first = i
    return first


def _largest_but(values: list[float], skip: int) -> float:
    """The largest value but the one at `skip` (0.0 if there is none), as `max(…, default=0.0)`."""
    out = 0.0
    seen = False
    for i, v in enumerate(values):
        if i != skip and (not seen or v > out):
            out = v
            seen = True
    return out


def _soft_lead(gap: int, stab: int) -> float:
    """How much a space with this margin over the runner-up counts as led (0 … 1.3)."""
    over = gap - stab
    if over >= 0:
        return 1.0 + 0.1 * min(over, 3)
    part = 1.0 + over / (stab + SOFT_SPAN)
    return part**SOFT_POWER if part > 0.0 else 0.0


def _clamp01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


class Evaluator:
    """Scores positions for every faction of one ruleset and scenario."""

    def __init__(self, t: Tables) -> None:
        self.t = t
        self.n = t.n_factions
        self.n_countries = len(t.countries)
        self.width = t.n_factions * N_DOMAINS
        self.country_spaces = [bits(m) for m in t.country_spaces]
        self.capital_space = list(t.country_capital)
        self.space_country = list(t.space_country)
        self.space_weight = [CAPITAL_SPACE if sp.is_capital else 1.0 for sp in t.spaces]
        self.weights = [Weights.from_yaml(f.bot) for f in t.factions]
        self._weight_rows = [(w.vp, w.rivals, w.margin, w.contest, w.influence, w.reach, w.tension, w.balance)
                             for w in self.weights]  # fmt: skip
        self.scoring = [f.scoring for f in t.factions]
        self._scoring_rows = [(sc, sc.per_dominated, sc.per_aligned, sc.per_balanced, sc.per_present, sc.per_capital,
                               sc.per_space) for sc in self.scoring]  # fmt: skip
        self.plus_tracks = [plus_track_indices(t, f) for f in t.factions]
        self.dominates = [f.wins_by_domination for f in t.factions]
        # summit VP per faction for each (status, holder): looked up, not worked out, per country
        self.status_points = {
            (kind, holder): [status_vp(sc, kind, holder == f) for f, sc in enumerate(self.scoring)]
            for kind in (DOMINATED, ALIGNED, BALANCED)
            for holder in range(-1, self.n)
        }
        self.aligned_share = t.settings.aligned_share / 100.0
        self.final_factor = float(t.settings.final_summit_factor)
        self.settings = t.settings
        self.bonus = [f.balance_bonus for f in t.factions]
        self.summit_rounds = tuple(sorted(t.scenario.summit_rounds))
        self.last_round = t.scenario.rounds
        self.need = t.settings.domination_countries
        self.need_domains = t.settings.domination_domains
        self.need_lead = t.settings.domination_lead
        self._two_summits = t.settings.domination_summits > 1
        self.tension = t.tension
        tr = t.tracks[t.tension] if t.tension is not None else None
        self.crisis_at = tr.crisis_at if tr is not None and tr.crisis_at is not None else 1 << 30
        self.faction_ids = [f.id for f in t.factions]
        self.country_slices = [_runs(spaces, self.width) for spaces in self.country_spaces]
        self._countries: dict[tuple[object, ...], CountryFacts] = {}
        self._boards: dict[tuple[object, ...], tuple[float, ...]] = {}
        self._spaces: dict[tuple[int, ...], SpacePart] = {}
        self._summits: dict[tuple[int, int, tuple[int, ...]], list[float]] = {}
        self._finished: dict[tuple[object, ...], tuple[float, ...]] = {}
        self._units: dict[tuple[object, ...], tuple[float, ...]] = {}
        self._contexts: dict[tuple[object, ...], int] = {}
        self._stab_rows: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
        self._lead_weight: list[int] | None = None
        self._lead_bonus: list[int] | None = None
        self._stab_base: list[int] | None = None
        self._stab_tracks: list[list[int]] | None = None

    # ----- whole positions ------------------------------------------------------------------
    def scores(self, g: Game, infl: list[int] | None = None) -> list[float]:
        """Every faction's score of the position (see the module docstring).

        `infl`, if given, stands in for the game's influence table: a step that only adds a
        unit somewhere is judged without playing it.
        """
        out = g.outcome
        if out is not None:
            res = [WIN if fid == out.winner else LOSS for fid in self.faction_ids]
            if out.kind == "balance":
                # Of two games won on VP, the wider margin is the better (a win by three over
                # a win on the tie-break; a loss by one over a loss by ten): the leader, who
                # moves last, does not stop scoring once it has won.
                vp = g.board().vp
                res = [r + vp[f] - max(v for i, v in enumerate(vp) if i != f) for f, r in enumerate(res)]
            if out.breaker is not None and out.breaker in self.faction_ids:
                res[self.faction_ids.index(out.breaker)] = BREAKER
            return res
        b = g.board()
        self._check_modifiers(b)
        board = b.infl if infl is None else infl
        key = self._board_key(g, b, board)
        part = self._boards.get(key)
        if part is None:
            if len(self._boards) > CACHE_SIZE:
                self._boards.clear()
            stabs = self._stabilities(g, b)
            facts = [self._country(g, c, board, stabs) for c in range(self.n_countries)]
            part = self._boards[key] = self._finish(self._context(g, b), *self._totals(facts))
        return self._with_capital(b, part)

    def _board_key(self, g: Game, b: BoardNumbers, board: list[int]) -> tuple[object, ...]:
        """Everything a position's score but its capital depends on: the board, and what
        `_context` reads besides it."""
        last = g.summits[-1] if g.summits else None
        return (tuple(board), tuple(b.tracks), tuple(b.vp), g.round, tuple(g.summit_rounds()), len(g.summits),
                (last.round, last.sphere) if last else None)  # fmt: skip

    def unit_scores(self, g: Game, me: int, changes: list[tuple[int, int] | None]) -> list[float]:
        """`me`'s score after each change of one influence-table entry, given as
        (index, amount) (None: the position as it is).

        Only the country the change lands in is worked out again, and the sums over
        countries are mended by that country's difference. Remembered: the same placements
        are weighed on the same board again and again (two cards of a domain place alike,
        and every bot of a thread shares this evaluator).
        """
        b = g.board()
        self._check_modifiers(b)
        key = (self._board_key(g, b, b.infl), me, tuple(changes))
        hit = self._units.get(key)
        if hit is None:
            if len(self._units) > UNIT_CACHE_SIZE:
                self._units.clear()
            hit = self._units[key] = self._unit_scores_now(g, b, me, changes)
        capital = self._capital(me, b.capital[me])
        return [v + capital for v in hit]

    def _unit_scores_now(self, g: Game, b: BoardNumbers, me: int, changes: list[tuple[int, int] | None]) -> tuple[float, ...]:
        base = b.infl
        stabs = self._stabilities(g, b)
        facts = [self._country(g, c, base, stabs) for c in range(self.n_countries)]
        ctx = self._context(g, b)
        hard, dominated, sums = self._totals(facts)
        out = []
        for change in changes:
            if change is None:
                out.append(self._finish(ctx, hard, dominated, sums)[me])
                continue
            k, amount = change
            c = self.space_country[k // self.width]
            was = base[k]
            base[k] = max(0, was + amount)  # the game's own table, for a moment: no copy a step
            try:
                new = self._country(g, c, base, stabs)
            finally:
                base[k] = was
            old = facts[c]
            if new[STATUS] == old[STATUS] and new[HOLDER] == old[HOLDER]:
                was_f, now_f = old[FEATURES_OF], new[FEATURES_OF]
                sums_k = [sums[i] - was_f[i] + now_f[i] for i in range(len(sums))]
                value = self._finish(ctx, hard, dominated, sums_k)
            else:
                changed = list(facts)
                changed[c] = new
                value = self._finish(ctx, *self._totals(changed))
            out.append(value[me])
        return tuple(out)

    def _check_modifiers(self, b: BoardNumbers) -> None:
        if b.lead_weight is self._lead_weight and b.stab_base is self._stab_base and b.stab_tracks is self._stab_tracks:
            return  # the engine rebuilds the weights and the bonuses together: the same weights, the same bonuses
        # Every game rebuilds these lists when a flag or a timed modifier comes or goes, most
        # often to the same numbers: only a real change of who leads where empties the caches.
        if (
            b.lead_weight != self._lead_weight
            or b.lead_bonus != self._lead_bonus
            or b.stab_base != self._stab_base
            or b.stab_tracks != self._stab_tracks
        ):
            self._countries.clear()
            self._boards.clear()
            self._finished.clear()
            self._spaces.clear()
            self._units.clear()
            self._stab_rows.clear()
        self._lead_weight, self._lead_bonus, self._stab_base, self._stab_tracks = b.lead_weight, b.lead_bonus, b.stab_base, b.stab_tracks

    def _with_capital(self, b: BoardNumbers, part: tuple[float, ...]) -> list[float]:
        return [part[f] + self._capital(f, cap) for f, cap in enumerate(b.capital)]

    def _capital(self, f: int, cap: int) -> float:
        """`f`'s score for capital in hand (beyond 8, a unit counts a quarter)."""
        return self.weights[f].capital * (min(cap, 8) + 0.25 * max(0, cap - 8))

    def _context(self, g: Game, b: BoardNumbers | None = None) -> Context:
        if b is None:
            b = g.board()
        # the summits still due: keyed by what decides them (a postponed summit moves one)
        key = (g.round, g.summits[-1].round if g.summits else 0, tuple(g.summit_rounds()))
        summits = self._summits.get(key)
        if summits is None:
            summits = self._summits[key] = self._summit_weights_now(g)
        imminent = bool(summits) and summits[0] == 1.0
        tracks = b.tracks
        tension = tracks[self.tension] if self.tension is not None else 0
        tension += max(0, tension - self.crisis_at + 1)
        vp = b.vp
        track_points = [track_vp(tracks, plus) for plus in self.plus_tracks]
        lead_now = lead_counts(self.settings, len(g.summits) + 1)
        map_now = map_counts(self.settings, len(g.summits) + 1)
        held = self.faction_ids.index(g.summits[-1].sphere) if g.summits and g.summits[-1].sphere in self.faction_ids else -1
        share = HARD_SHARE_NOW if imminent else HARD_SHARE_LATER
        to_end = ROUND_DISCOUNT ** (self.last_round - g.round)
        whole = (tuple(summits), share, to_end, tension, tuple(vp), tuple(track_points), lead_now, map_now, held)
        number = self._contexts.get(whole)
        if number is None:
            if len(self._contexts) > CACHE_SIZE:
                self._contexts.clear()
                self._finished.clear()  # its keys hold these numbers
            number = self._contexts[whole] = len(self._contexts)
        return Context(summits, sum(summits), share, to_end, tension, vp, track_points, lead_now, map_now, held, number)

    def _summit_weights_now(self, g: Game) -> list[float]:
        """A weight for each summit still to score, by its distance in rounds."""
        scored = {rec.round for rec in g.summits}
        due = [r for r in g.summit_rounds() if r > g.round or (r == g.round and r not in scored)]
        return [ROUND_DISCOUNT ** (r - g.round) * (self.final_factor if r == self.last_round else 1.0) for r in due]

    def _totals(self, facts: list[CountryFacts]) -> tuple[list[float], list[float], list[float]]:
        """Per faction sums over the countries: hard VP, domination count, then the soft
        features (flat, as in `CountryFacts`)."""
        return (_column_sums([cf[HARD] for cf in facts]), _column_sums([cf[POINTS] for cf in facts]),
                _column_sums([cf[FEATURES_OF] for cf in facts]))  # fmt: skip

    def _finish(self, ctx: Context, hard: list[float], dominated: list[float], sums: list[float]) -> tuple[float, ...]:
        """Every faction's score of everything but capital. Remembered: the planner meets
        the same sums again and again (two cards that place alike; a step judged quickly,
        then played), and this is the evaluation's costliest step. The answer is shared:
        never change it."""
        key = (ctx.key, tuple(hard), tuple(dominated), tuple(sums))
        hit = self._finished.get(key)
        if hit is None:
            if len(self._finished) > CACHE_SIZE:
                self._finished.clear()
            hit = self._finished[key] = self._finish_now(ctx, hard, dominated, sums)
        return hit

    def _finish_now(self, ctx: Context, hard: list[float], dominated: list[float], sums: list[float]) -> tuple[float, ...]:
        # The hot path of the evaluation: loops are fused and names hoisted, but every sum is
        # taken in the order of the formula in the module docstring (the bots' choices, and
        # so the golden games, depend on the last bit of these floats).
        n = self.n
        soft, soft_dom, margin, contest, reach, total = (sums[i * n : (i + 1) * n] for i in range(len(FEATURES)))
        summits = ctx.summits
        ahead = ctx.ahead
        share = ctx.share
        rest = 1.0 - share
        need = self.need
        dominates = self.dominates
        progress = []
        for f in range(n):
            if dominates[f]:
                x = (share * dominated[f] + rest * soft_dom[f]) / need
                progress.append(0.0 if x < 0.0 else 1.0 if x > 1.0 else x)
            else:
                progress.append(0.0)
        bi = region_index_of(progress)
        vp = ctx.vp
        track_points = ctx.track_points
        points = [share * hard[f] + rest * soft[f] + track_points[f] for f in range(n)]
        lead_wins = self._lead_wins(vp, points) if ctx.lead_counts and summits else None
        winner = countries_winner(dominated, dominates, need) if summits else -1  # points in countries
        stake = DOMINATION_WIN_VP * summits[0] if summits else 0.0
        held = ctx.held
        map_counts = ctx.map_counts
        two_summits = self._two_summits
        to_end = ctx.to_end
        projected = []
        for f in range(n):
            p = vp[f] + ahead * points[f]
            if summits and dominates[f]:
                win_now = 1.0 if winner == f else 0.0
                x = soft_dom[f] - need + 1.0
                win_soft = 0.0 if x < 0.0 else 1.0 if x > 1.0 else x
                win = share * win_now + rest * win_soft
                if two_summits and held != f:
                    win *= HOLD_FIRST  # holding it now only starts the count: the win is a summit later
                if not map_counts:
                    win *= HOLD_FIRST  # the map cannot win yet: a sphere held now may still win later
                if lead_wins is not None:
                    win = max(win, lead_wins[f])
                p += stake * win
            bonus = self.bonus[f]
            if bonus is not None:
                p += bonus.vp * to_end / (1.0 + math.exp((bonus.at_least - bi) / 4.0))
            projected.append(p)
        first = _first_largest(projected)
        second = _largest_but(projected, first)
        best = projected[first]
        tension = ctx.tension
        res = []
        for f, (w_vp, w_rivals, w_margin, w_contest, w_influence, w_reach, w_tension, w_balance) in enumerate(self._weight_rows):
            res.append(
                w_vp * projected[f]
                + w_rivals * (second if f == first else best)
                + w_margin * margin[f]
                + w_contest * contest[f]
                + w_influence * total[f]
                + w_reach * reach[f]
                + w_tension * tension
                + w_balance * bi / 10.0
            )
        return tuple(res)

    def _lead_wins(self, vp: list[int], points: list[float]) -> list[float]:
        """0 … 1 per faction: how surely the next summit leaves it `need_lead` VP ahead of
        every other outside power and ahead of the regional actor (1 when both hold, falling
        to 0 one VP short)."""
        # Index loops, not zip(…, strict=True): compiled, a call with a keyword is a generic one.
        after = [vp[f] + points[f] for f in range(len(points))]
        outside = leads_over(after, self.dominates, True)
        regional = leads_over(after, self.dominates, False)
        need = self.need_lead
        out = []
        for f in range(len(outside)):
            o, r = outside[f], regional[f]
            x = o - need + 1.0
            x = 0.0 if x < 0.0 else 1.0 if x > 1.0 else x
            y = 0.0 if r < 0.0 else 1.0 if r > 1.0 else r
            out.append(x if x < y else y)
        return out

    # ----- countries, cached by their influence ----------------------------------------
    def _stabilities(self, g: Game, b: BoardNumbers) -> list[tuple[int, ...]]:
        """Per country, the stability of each of its spaces (in `country_spaces` order, by the
        engine's `scoring.stability`) with the tracks of `b`, `g`'s board: all a country's
        facts read of the tracks."""
        key = tuple(b.tracks)
        rows = self._stab_rows.get(key)
        if rows is None:
            if len(self._stab_rows) > CACHE_SIZE:
                self._stab_rows.clear()
            rows = self._stab_rows[key] = [tuple(stability(g, s) for s in spaces) for spaces in self.country_spaces]
        return rows

    def _country(self, g: Game, c: int, infl: list[int], stabs: list[tuple[int, ...]]) -> CountryFacts:
        """A country's facts, cached by its influence and its spaces' stability (`stabs`, per
        country, from `_stabilities`): from one candidate step to the next almost every
        country is unchanged, and a track that moves no stability here changes nothing."""
        slices = self.country_slices[c]
        stab = stabs[c]
        if len(slices) == 1:  # the usual case: a country's spaces are listed together
            a, b = slices[0]
            key: tuple[object, ...] = (c, stab, tuple(infl[a:b]))
        else:
            key = (c, stab, *(tuple(infl[a:b]) for a, b in slices))
        hit = self._countries.get(key)
        if hit is not None:
            return hit
        if len(self._countries) > CACHE_SIZE:
            self._countries.clear()
        facts = self._countries[key] = self._country_facts(g, c, infl, stab)
        return facts

    def _country_facts(self, g: Game, c: int, infl: list[int], stabs: tuple[int, ...]) -> CountryFacts:
        # Hot: written for speed, with every float summed in the same order as the plain
        # loops would (per faction, space after space), as the bots' choices depend on it.
        n = self.n
        factions = range(n)
        spaces = self.country_spaces[c]
        capital = self.capital_space[c]
        width = self.width
        space_parts = self._spaces
        margin = [0.0] * n
        contest = [0.0] * n
        soft_led = [0.0] * n
        soft_capital: tuple[float, ...] = (0.0,) * n
        led = [0] * n
        capital_leader = -1
        rows = []
        for i in range(len(spaces)):  # not zip(…, strict=True), a generic call compiled
            s, stab = spaces[i], stabs[i]
            base = s * width
            here = infl[base : base + width]
            rows.append(here)
            key = (s, stab, *here)
            part = space_parts.get(key)
            if part is None:
                if len(space_parts) > CACHE_SIZE:
                    space_parts.clear()
                part = space_parts[key] = self._space_part(g, s, here, stab)
            who, space_margin, space_contest, capped = part
            if who >= 0:
                led[who] += 1
                if s == capital:
                    capital_leader = who
            for f in factions:  # space after space, each faction's sums as before
                margin[f] += space_margin[f]
                contest[f] += space_contest[f]
                soft_led[f] += capped[f]
            if s == capital:
                soft_capital = capped
        # Per faction: influence in each domain over the country, spaces present, units.
        domains = []
        reach = []
        total = []
        for f in factions:
            a = b = d = r = 0
            k = f * N_DOMAINS
            for here in rows:
                x, y, z = here[k], here[k + 1], here[k + 2]
                if x or y or z:
                    r += 1
                    a += x
                    b += y
                    d += z
            domains.append([a, b, d])
            reach.append(r)
            total.append(a + b + d)

        status, holder = country_verdict(led, len(spaces), capital_leader, domains, self.need_domains)

        # The soft reading: how near each faction is to aligning and to dominating.
        half = len(spaces) / 2.0
        first = _first_largest(soft_led)
        top = soft_led[first]
        runner_up = _largest_but(soft_led, first)
        aligned = []
        for f, led_softly in enumerate(soft_led):
            v = led_softly - (runner_up if f == first else top) + 0.5
            aligned.append(0.0 if v < 0.0 else 1.0 if v > 1.0 else v)
        dominated = []
        columns: list[tuple[int, int, int]] | None = None
        for f in factions:
            v = soft_led[f] - half + 0.5
            near = soft_capital[f] * (0.0 if v < 0.0 else 1.0 if v > 1.0 else v)
            if near > 0.0:
                if columns is None:
                    columns = [top_two([row[d] for row in domains]) for d in range(N_DOMAINS)]
                dominated.append(near * self._domain_readiness(domains[f], f, columns))
            else:
                dominated.append(0.0)
        balanced = 1.0 - max(aligned)
        soft_points = []
        soft_dominated = []
        hard = []
        status_points = self.status_points[status, holder]
        share = self.aligned_share
        for f, (sc, per_dominated, per_aligned, per_balanced, per_present, per_capital, per_space) in enumerate(self._scoring_rows):
            al = aligned[f]
            sl = soft_led[f]
            dm = dominated[f]
            dom = (dm if dm < al else al) if per_dominated else 0.0
            soft_points.append(
                per_dominated * dom + per_aligned * (al - dom) + per_balanced * balanced
                + per_present * (sl if sl < 1.0 else 1.0) * (1.0 - al) + per_capital * soft_capital[f]
                + per_space * sl
            )  # fmt: skip
            excess = al - dm
            soft_dominated.append(dm + share * (excess if excess > 0.0 else 0.0))
            hard.append(status_points[f] + foothold_vp(sc, holder == f, led[f], capital_leader == f))
        points = [0.0] * n
        if holder >= 0:
            points[holder] = domination_points(status, int(100 * share)) / 100.0
        return (status, holder, tuple(hard), tuple(points),
                (*soft_points, *soft_dominated, *margin, *contest, *reach, *total))  # fmt: skip

    def _space_part(self, g: Game, s: int, here: list[int], stab: int) -> SpacePart:
        """One space's share of its country's facts, from its row of the influence table."""
        n = self.n
        nd = N_DOMAINS
        board = g.board()
        lw = board.lead_weight
        base = s * self.width
        tots = []
        for f in range(n):
            k = f * nd
            j = base + k
            tots.append(here[k] * lw[j] + here[k + 1] * lw[j + 1] + here[k + 2] * lw[j + 2])
        if board.lead_bonus is not None:
            add_bonuses(tots, here, 0, board.lead_bonus, base, n)
        who, best, second = top_two(tots)
        led = who if leads_by(best, second, stab) else -1
        wt = self.space_weight[s]
        # Soft leads; the best two (for `contest`, what rivals hold at most).
        soft1 = soft2 = 0.0
        top = -1
        softs = []
        for f, v in enumerate(tots):
            sf = _soft_lead(v - max(second if f == who else best, 0), stab) if v > 0 else 0.0
            softs.append(sf)
            if sf > soft1:
                soft2, soft1, top = soft1, sf, f
            elif sf > soft2:
                soft2 = sf
        return (
            led,
            tuple(wt * sf for sf in softs),
            tuple(wt * (soft2 if f == top else soft1) for f in range(n)),
            tuple(sf if sf < 1.0 else 1.0 for sf in softs),
        )

    def _domain_readiness(self, row: list[int], f: int, columns: list[tuple[int, int, int]]) -> float:
        """0 … 1: how near `f` (with influence `row` in each domain over a country) is to
        holding the most in as many domains as domination needs (`columns`: per domain,
        `scoring.top_two` of every faction's influence in it)."""
        near = []
        for d in range(len(row)):
            x = row[d]
            who, best, second = columns[d]
            lead = x - (max(second, 0) if who == f else best)  # over the most any other holds
            near.append(1.0 if lead > 0 else _clamp01((lead + 3.0) / 4.0))
        near.sort(reverse=True)
        return near[max(1, min(self.need_domains, N_DOMAINS)) - 1]


_SHARED = threading.local()


def shared_evaluator(t: Tables) -> Evaluator:
    """The evaluator of a game's tables that every bot of this thread shares.

    Its caches are pure (each answer follows from its key, and a change of modifiers that
    could make it otherwise empties them), so the five bots of a game and the continuations
    of one saved game (`game.analysis.odds`) share what each worked out: the same positions
    come round again and again. One per thread, as the caches are not locked, and only the
    latest tables' (a simulation's next game lets the last one's go)."""
    ev: Evaluator | None = getattr(_SHARED, "evaluator", None)
    if ev is None or ev.t is not t:
        ev = _SHARED.evaluator = Evaluator(t)
    return ev


def _runs(spaces: tuple[int, ...] | list[int], width: int) -> list[tuple[int, int]]:
    """The slices of the influence table that hold these spaces (consecutive ones merged)."""
    out: list[tuple[int, int]] = []
    for s in spaces:
        a, b = s * width, (s + 1) * width
        if out and out[-1][1] == a:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out
