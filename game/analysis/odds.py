"""`python -m game odds`: how likely each outcome was, seen from each point of a game.

From a position of a saved game — the start of every round, and with `fine` the moment
before every whole action too — heuristic bots play the game on to its end many times
(*continuations*). Each continuation first deals again everything the room could not
see (`sample_world(position, None, rng)`: every hand, every deck's order, the cards
discarded face down, the world-event and crisis decks and the game's own generator), so
no continuation knows the real future draws. The share of continuations that end in
balance, in domination by each outside power, or in breakdown is that outcome's odds
there; the share each faction wins, its odds of winning.

Determinism: continuation `i` of a run is seeded by `continuation_seed(seed, i)` alone
(the same at every position, so judging more positions — `fine` — leaves the odds of
the others as they were), and its result depends only on the position and that seed. The tasks run in order in one process or several
(`simulate.in_order`), so the same seed gives the same numbers whatever `jobs` is, and
two positions that the room cannot tell apart (say, decks in another order) give the same
odds.

The *turning points* are the whole actions across which one outcome's odds (or one
faction's odds of winning) moved most. Only an action whose interval held nothing but
that action counts: across a round's end the summit, the next world event and the draws
move the odds too, and nobody chose those. They are chosen twice: the `CANDIDATES`
actions whose odds moved most from `games` continuations are judged again on both sides
from `CONFIRM` times as many (the same first ones and new ones: `confirm`), and the three
that still moved most are named. From 16 continuations a side, chance alone moves odds
by up to about 35 points, so the largest of forty actions' moves was often luck (the
example report named three moves of 31–32 points); the second look, on fresh games, is
what the debrief can stand behind.
"""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import signal
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.ai.play import play_on
from game.analysis.simulate import game_seed, in_order, worker_state
from game.engine import Game, Outcome
from game.engine.determinize import sample_world
from game.engine.rng import Rng
from game.i18n import N_, _, ngettext, pgettext, translator
from game.ruleset.model import Ruleset

BOT = "heuristic"
"""The bot that plays every seat of a continuation (as `simulate --bots heuristic`)."""
FORMAT = "center-of-gravity-odds"
VERSION = 1
TURNING_POINTS = 3
CANDIDATES = 2 * TURNING_POINTS
"""Actions judged again before the turning points are named (`confirm`)."""
CONFIRM = 3
"""How many times the games a point the candidates' two sides are judged from in all."""


def outcome_keys(game: Game) -> list[str]:
    """Every outcome a game can have: `balance`, `domination:<faction>` for each faction
    that may win by domination, and `breakdown`."""
    return ["balance", *(f"domination:{f.id}" for f in game.factions if f.wins_by_domination), "breakdown"]


def outcome_key(outcome: Outcome) -> str:
    if outcome.kind == "domination":
        return f"domination:{outcome.winner}"
    return outcome.kind


def outcome_name(key: str, names: dict[str, str]) -> str:
    """An outcome in words, in the reader's language ("Domination by Türkiye")."""
    kind, _sep, fid = key.partition(":")
    if kind == "domination":
        return _("Domination by {faction}").format(faction=names.get(fid, fid))
    return _("Breakdown") if kind == "breakdown" else _("Balance")


def continuation_seed(seed: int, index: int) -> int:
    """The seed of the index-th continuation from any position of a run."""
    return game_seed(seed ^ 0x0DD5, index)


def play_continuation(position: Game, seed: int) -> Outcome:
    """Deal again what the room cannot see, play on with heuristic bots, return the outcome."""
    if position.outcome is not None:
        return position.outcome
    world = sample_world(position, None, Rng(seed))
    play_on(world, {fid: BOT for fid in world.seats}, seed)
    assert world.outcome is not None
    return world.outcome


@dataclass
class Point:
    """The odds at one position of the game: before the action that begins at `step`."""

    step: int
    round: int
    start_of_round: bool
    over: bool
    games: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    """Outcome key -> how many continuations ended so."""
    wins: dict[str, int] = field(default_factory=dict)
    """Faction id -> how many continuations it won."""

    def share(self, counts: dict[str, int], key: str) -> float:
        return counts.get(key, 0) / self.games if self.games else 0.0

    def add(self, more: Point) -> None:
        """Count `more`'s continuations (of the same position) in too."""
        self.games += more.games
        for mine, theirs in ((self.outcomes, more.outcomes), (self.wins, more.wins)):
            for k, n in theirs.items():
                mine[k] = mine.get(k, 0) + n

    @property
    def sureness(self) -> float:
        """The continuations its odds rest on (a finished game's are certain)."""
        return math.inf if self.over else self.games


@dataclass(frozen=True)
class TurningPoint:
    """A whole action, and the outcome (or a faction's win) whose odds it moved most."""

    step: int
    """The action's first step (its index in `Game.actions`)."""
    end: int
    """The step of the next position: the action's steps are `step` … `end - 1`."""
    round: int
    faction: str | None
    what: str
    """An outcome key (`balance`, `domination:<faction>`, `breakdown`) or `win:<faction>`."""
    before: float
    after: float
    games: int = 0
    """The fewest continuations either side was judged from (0: not recorded, odds files
    written before turning points were confirmed)."""


@dataclass
class Odds:
    """The odds at every point of a game, and what they were computed from."""

    game: Game
    games: int
    seed: int
    fine_rounds: list[int]
    points: list[Point]
    keys: list[str]

    def to_json(self) -> dict[str, Any]:
        g = self.game
        factions = [f.id for f in g.factions]
        return {
            "format": FORMAT,
            "version": VERSION,
            "game": game_identity(g),
            "bots": BOT,
            "games": self.games,
            "seed": self.seed,
            "fine_rounds": self.fine_rounds,
            "outcomes": self.keys,
            "factions": factions,
            "points": [
                {
                    "step": p.step,
                    "round": p.round,
                    "start_of_round": p.start_of_round,
                    "over": p.over,
                    "games": p.games,
                    "outcomes": {k: round(p.share(p.outcomes, k), 4) for k in self.keys},
                    "wins": {f: round(p.share(p.wins, f), 4) for f in factions},
                }
                for p in self.points
            ],
            "turning_points": [
                {"step": tp.step, "end": tp.end, "round": tp.round, "faction": tp.faction, "what": tp.what,
                 "before": round(tp.before, 4), "after": round(tp.after, 4), "games": tp.games}  # fmt: skip
                for tp in turning_points(self.game, self.points, self.keys)
            ],
        }


class OddsFileError(ValueError):
    """Odds JSON that cannot be read, or that belongs to another game; `str()` is a sentence."""


@dataclass(frozen=True)
class OddsTable:
    """Odds as the report reads them, computed now or read from a JSON file (`read_odds`)."""

    games: int
    keys: list[str]
    """The outcome keys, in order."""
    at_step: dict[int, dict[str, float]]
    """Step -> outcome key (or `win:<faction>`) -> its odds there."""
    turning: list[TurningPoint]
    fine: bool
    """Whether any action was judged (else there are no turning points to find)."""

    @property
    def judged_again(self) -> int:
        """The fewest games either side of a turning point was judged from, if the turning
        points were judged again (`confirm`); 0 if not (none, or an older odds file)."""
        fewest = min((tp.games for tp in self.turning), default=0)
        return fewest if fewest > self.games else 0


def read_odds(game: Game, data: Any) -> OddsTable:
    """The odds in a JSON document written by `python -m game odds --json` (or a report), if
    they are this game's; else OddsFileError with a sentence saying what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise OddsFileError(_("it is not an odds file written by `python -m game odds --json`."))
    if data.get("game") != game_identity(game):
        raise OddsFileError(_("it holds the odds of another game (its scenario, seed or actions differ from this save's)."))
    try:
        keys = [str(k) for k in data["outcomes"]]
        at_step = {int(p["step"]): {**{k: float(v) for k, v in p["outcomes"].items()},
                                    **{f"win:{f}": float(v) for f, v in p["wins"].items()}} for p in data["points"]}  # fmt: skip
        turning = [TurningPoint(int(t["step"]), int(t["end"]), int(t["round"]), t["faction"], str(t["what"]),
                                float(t["before"]), float(t["after"]), int(t.get("games", 0))) for t in data["turning_points"]]  # fmt: skip
        return OddsTable(int(data["games"]), keys, at_step, turning, bool(data["fine_rounds"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise OddsFileError(_("it is damaged: a number or a field of the odds is missing.")) from None


def game_identity(game: Game) -> dict[str, Any]:
    """What ties odds to their game: the scenario, the seed and a digest of the action log."""
    log = "\n".join(map(str, game.actions)).encode()
    return {
        "scenario": game.scenario.id,
        "seed": game.seed,
        "steps": len(game.actions),
        "actions_digest": hashlib.sha256(log).hexdigest()[:16],
    }


def positions_of(game: Game, fine_rounds: Collection[int] = ()) -> list[tuple[int, bool]]:
    """The steps to judge, each with whether it begins a round: the start of every round
    played, before every whole action of the rounds in `fine_rounds`, and where the game
    stands now (its end, if it is over)."""
    now = len(game.actions)
    steps = {h.step: True for h in game.history if not (game.over and h.step == now)}
    for i in game.action_starts:
        if game.steps[i].round in fine_rounds:
            steps.setdefault(i, False)
    steps.setdefault(now, False)
    return sorted(steps.items())


def replay_positions(game: Game, steps: Sequence[int]) -> list[Game]:
    """The game as it stood at each of `steps` (ascending), as scratch copies."""
    g = game.replayed([])
    out: list[Game] = []
    done = 0
    for k in steps:
        while done < k:
            g.replay_step(game.actions[done])
            done += 1
        out.append(g.scratch())
    return out


def _continuation(task: tuple[int, int]) -> tuple[str, str | None]:
    w = worker_state()
    where, index = task
    out = play_continuation(w["positions"][where], continuation_seed(w["seed"], index))
    return outcome_key(out), out.winner


def game_odds(game: Game, games: int, seed: int = 1, fine_rounds: Collection[int] = (), jobs: int = 1,
              progress: Callable[[int, int], None] | None = None) -> Odds:  # fmt: skip
    """The odds at the start of every round of `game` (and before every action of the rounds
    in `fine_rounds`, the turning points' sides judged again: `confirm`), each from `games`
    continuations; `progress(done, total)` is told after each continuation (a phase at a time)."""
    keys = outcome_keys(game)
    points = judge(game, positions_of(game, fine_rounds), games, seed, jobs, progress)
    if fine_rounds:
        confirm(game, points, keys, games, seed, jobs, progress)
    return Odds(game, games, seed, sorted(fine_rounds), points, keys)


def report_odds(game: Game, games: int, seed: int = 1, jobs: int = 1,
                progress: Callable[[int, int], None] | None = None) -> Odds:  # fmt: skip
    """The odds for the debrief: at the start of every round, then before every action of
    the `TURNING_POINTS` rounds over which they moved most, where the turning points are
    looked for (judging every action of a long game would take ten times as long)."""
    by_round = game_odds(game, games, seed, (), jobs, progress)
    zoom = moving_rounds(by_round.points, by_round.keys, [f.id for f in game.factions])
    done = {p.step for p in by_round.points}
    more = judge(game, [s for s in positions_of(game, zoom) if s[0] not in done], games, seed, jobs, progress)
    points = sorted(by_round.points + more, key=lambda p: p.step)
    confirm(game, points, by_round.keys, games, seed, jobs, progress)
    return Odds(game, games, seed, zoom, points, by_round.keys)


def confirm(game: Game, points: list[Point], keys: Sequence[str], games: int, seed: int, jobs: int,
            progress: Callable[[int, int], None] | None) -> None:  # fmt: skip
    """Judge both sides of the `CANDIDATES` actions across which the odds moved most again,
    adding continuations `games` … `CONFIRM × games − 1` to the `games` they were judged
    from, so `turning_points`, which compares only the best-judged actions, names the ones
    that still moved most."""
    candidates = turning_points(game, points, keys, top=CANDIDATES)
    at = {p.step: p for p in points}
    sides = sorted({s for tp in candidates for s in (tp.step, tp.end) if not at[s].over})
    for more in judge(game, [(s, at[s].start_of_round) for s in sides], (CONFIRM - 1) * games, seed, jobs, progress, first=games):
        at[more.step].add(more)


def judge(game: Game, spots: Sequence[tuple[int, bool]], games: int, seed: int, jobs: int,
          progress: Callable[[int, int], None] | None, first: int = 0) -> list[Point]:  # fmt: skip
    """The odds at each of `spots` (step, whether it begins a round), from `games`
    continuations each: those numbered `first` … `first + games − 1`."""
    positions = replay_positions(game, [k for k, _ in spots])
    points = [Point(k, pos.round, begins, pos.over) for (k, begins), pos in zip(spots, positions, strict=True)]
    tasks = [(i, j) for i, pos in enumerate(positions) for j in range(first, first + (1 if pos.over else games))]
    setup = {"positions": positions, "seed": seed}
    for n, ((i, _j), (key, winner)) in enumerate(zip(tasks, in_order(_continuation, tasks, setup, jobs), strict=True)):
        p = points[i]
        p.games += 1
        p.outcomes[key] = p.outcomes.get(key, 0) + 1
        if winner is not None:
            p.wins[winner] = p.wins.get(winner, 0) + 1
        if progress is not None:
            progress(n + 1, len(tasks))
    return points


def odds_in_background(ruleset: Ruleset, save: str, games: int, seed: int, queue: Any) -> None:
    """A worker process's whole work for a window (`multiprocessing` "spawn"): the odds of
    the saved game `save`, telling `queue` `("progress", done, total)` as it goes and
    `("done", odds JSON)` at the end, or `("error", sentence)`."""
    if multiprocessing.parent_process() is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal: the window answers it, not this worker
    try:
        game = Game.from_json(ruleset, save)
        odds = game_odds(game, games, seed, progress=lambda done, total: queue.put(("progress", done, total)))
        queue.put(("done", odds.to_json()))
    except Exception as e:  # noqa: BLE001 — the window shows it as a sentence
        queue.put(("error", str(e)))


def position_odds(position: Game, games: int, seed: int = 1) -> dict[str, float]:
    """The odds of each outcome from one position (one process): outcome key -> share."""
    counts = dict.fromkeys(outcome_keys(position), 0)
    for i in range(games):
        counts[outcome_key(play_continuation(position, continuation_seed(seed, i)))] += 1
    return {k: n / games for k, n in counts.items()}


def moving_rounds(points: Sequence[Point], keys: Sequence[str], factions: Sequence[str], top: int = TURNING_POINTS) -> list[int]:
    """The rounds over which some outcome's odds (or a faction's odds of winning) moved most
    from start to end: where to look for the turning points when not every action is judged."""
    starts = [p for p in points if p.start_of_round or p.over]
    moves = []
    for a, b in zip(starts, starts[1:], strict=False):
        moves.append((-largest_change(a, b, keys, factions)[0], a.round))
    return sorted(r for _, r in sorted(moves)[:top])


def largest_change(a: Point, b: Point, keys: Sequence[str], factions: Sequence[str]) -> tuple[float, str]:
    """How far the odds moved from `a` to `b` at most, and of what (a key or `win:<faction>`)."""
    changes = [(abs(b.share(b.outcomes, k) - a.share(a.outcomes, k)), k) for k in keys]
    changes += [(abs(b.share(b.wins, f) - a.share(a.wins, f)), f"win:{f}") for f in factions]
    return max(changes, key=lambda c: c[0])


def turning_points(game: Game, points: Sequence[Point], keys: Sequence[str], top: int = TURNING_POINTS) -> list[TurningPoint]:
    """The `top` whole actions that moved some odds most, in the order they were played.

    Only neighbouring points with one whole action between them and nothing else (no
    summit, world event or draw: see the module's doc) are compared, and of those only the
    best-judged (whose sides rest on the most continuations: the confirmed ones, `confirm`)."""
    factions = [f.id for f in game.factions]
    starts = set(game.action_starts)
    single = [(a, b) for a, b in zip(points, points[1:], strict=False)
              if a.step in starts and not any(s in starts for s in range(a.step + 1, b.step)) and only_the_action(game, a.step, b.step)]  # fmt: skip
    sure = max((min(a.sureness, b.sureness) for a, b in single), default=0.0)
    found = []
    for a, b in single:
        judged = min(a.sureness, b.sureness)  # finite: a game goes on after `a`
        if judged < sure:
            continue
        size, what = largest_change(a, b, keys, factions)
        if size <= 0:
            continue
        counts_a, counts_b, key = (a.wins, b.wins, what[4:]) if what.startswith("win:") else (a.outcomes, b.outcomes, what)
        info = game.steps[a.step]
        found.append((size, TurningPoint(a.step, b.step, info.round, info.actor, what, a.share(counts_a, key), b.share(counts_b, key), int(judged))))
    best = sorted(found, key=lambda x: (-x[0], x[1].step))[:top]
    return sorted((tp for _, tp in best), key=lambda tp: tp.step)


def only_the_action(game: Game, start: int, end: int) -> bool:
    """Whether steps `start` … `end - 1` wrote their log in the phase and round they began in
    (no automatic phase of the round ran after them)."""
    info = game.steps[start]
    return all(e.round == info.round and e.phase == info.phase for e in game.log if start < e.step <= end)


def action_words(game: Game, start: int, end: int) -> str:
    """The first public line the action from step `start` to `end` wrote, in the reader's language."""
    info = game.steps[start]
    for e in game.log:
        if start < e.step <= end and e.phase == info.phase:
            return game.log_text(e, tr=translator())
    return str(game.actions[start])


CHANGES = {
    "balance": N_("Round {round}: {action} The odds of balance went from {before}% to {after}%."),
    "domination": N_("Round {round}: {action} The odds of domination by {faction} went from {before}% to {after}%."),
    "breakdown": N_("Round {round}: {action} The odds of breakdown went from {before}% to {after}%."),
    "win": N_("Round {round}: {action} {faction}'s odds of winning went from {before}% to {after}%."),
}
"""A turning point in words, by what it moved."""


def turning_point_text(game: Game, tp: TurningPoint) -> str:
    """A turning point in one line: its round, the action in the log's words, and the odds it moved."""
    kind, _sep, fid = tp.what.partition(":")
    names = {f.id: f.name for f in game.factions}
    return _(CHANGES[kind]).format(
        round=tp.round, action=action_words(game, tp.step, tp.end), faction=names.get(fid, fid),
        before=percent(tp.before), after=percent(tp.after),
    )  # fmt: skip


def chance_margin(games: int) -> str:
    """How many points odds from `games` continuations a side may move by chance, in whole
    points: the 95% margin of a difference of two shares at their widest (both 50%)."""
    return f"{196 * math.sqrt(0.5 / max(games, 1)):.0f}"


def percent(share: float) -> str:
    """A share as a whole percent, without the sign (the sentences place it)."""
    return f"{100 * share:.0f}"


def percent_text(share: float) -> str:
    """A share as a whole percent with its sign, as the reader's language writes it ("62%", "%62")."""
    return pgettext("a percentage", "{percent}%").format(percent=percent(share))


def point_label(point: Point) -> str:
    """A column heading for a point of the round table: `R3` for the start of round 3, `End` or `Now`."""
    if point.start_of_round:
        return pgettext("column heading: a round", "R{round}").format(round=point.round)
    return _("End") if point.over else _("Now")


def format_odds(odds: Odds) -> str:
    """The odds at the start of each round as two tables (outcomes, then wins), and the
    turning points if actions were judged."""
    g = odds.game
    names = {f.id: f.name for f in g.factions}
    shown = [p for p in odds.points if p.start_of_round or p.step == len(g.actions)]
    rows = [(outcome_name(k, names), [p.share(p.outcomes, k) for p in shown]) for k in odds.keys]
    wins = [(_("{faction} wins").format(faction=f.name), [p.share(p.wins, f.id) for p in shown]) for f in g.factions]
    width = max(len(label) for label, _v in rows + wins)
    head = " " * width + "".join(f"{point_label(p):>7}" for p in shown)

    def table(items: list[tuple[str, list[float]]]) -> list[str]:
        return [label.ljust(width) + "".join(f"{percent_text(v):>7}" for v in values) for label, values in items]

    lines = [
        ngettext("The odds of each outcome from the start of each round ({games} game played on by heuristic bots from each point; seed {seed}):",
                 "The odds of each outcome from the start of each round ({games} games played on by heuristic bots from each point; seed {seed}):",
                 odds.games).format(games=odds.games, seed=odds.seed),
        head, *table(rows), "", _("The odds of each faction's win:"), head, *table(wins),
    ]  # fmt: skip
    if odds.fine_rounds:
        found = turning_points(g, odds.points, odds.keys)
        judged = min((tp.games for tp in found), default=odds.games)
        lines += ["", ngettext("The actions that moved the odds most (either side of each judged from {games} game):",
                               "The actions that moved the odds most (either side of each judged from {games} games):",
                               judged).format(games=judged)]  # fmt: skip
        lines += [f"  {turning_point_text(g, tp)}" for tp in found] or ["  " + _("No single action moved the odds.")]
    return "\n".join(lines)
