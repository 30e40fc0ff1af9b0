"""Balance report: many games with heuristic bots in every seat, for one scenario.

    .venv/bin/python tools/balance_report.py --games 300 --scenario seminar --json out.json

Prints (and can write as JSON) the outcome shares, the wins per faction (share of the
decided games), the mean VP, how often crises and breakdowns happen, and for every card
how often it was played (in any mode) and its share of the winners' plays — flagging cards
never played and cards whose share of the winners' plays is above 3× the average share.

Seeds come from `game.analysis.simulate.game_seed`, so game i is the same game whatever
the number of processes; the games are played in a `multiprocessing` pool (2 processes by
default) and gathered in game order.

Card plays are read exactly from the log: every play writes one entry "<Faction> plays
<card name> for …" carrying the acting faction and the step it came from; the step before
it (`actions[step - 2]`) is the `play <card-id>` step that chose the card, and the two are
checked against each other.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.ai.play import play_game  # noqa: E402
from game.analysis.simulate import OUTCOMES, game_seed  # noqa: E402
from game.files import atomic_write  # noqa: E402

FLAG_FACTOR = 3.0

_W: dict[str, Any] = {}


def _load(rules: str | None):
    from game.commands.load import load_rules_or_report

    return load_rules_or_report(rules)


def _init(rules: str | None, seed: int, scenario: str, bots: str) -> None:
    rs = _load(rules)
    sc = rs.scenario(scenario)
    _W.update(rs=rs, seed=seed, scenario=sc.id, seats={f: bots for f in sc.factions})


def play_one(index: int) -> dict[str, Any]:
    rs, seats = _W["rs"], _W["seats"]
    game = play_game(rs, game_seed(_W["seed"], index), seats, _W["scenario"])
    out = game.outcome
    assert out is not None
    plays: list[tuple[str, str]] = []
    crises = 0
    for e in game.log:
        m = e.message
        if m.id in ("crisis", "crisis_nowhere"):
            crises += 1
        elif m.id == "plays":
            plays.append((m.args["faction"], m.args["card"]))
    fids = [f.id for f in game.t.factions]
    from game.engine import scoring

    statuses = []
    for c in range(len(game.t.countries)):
        st = scoring.country_status(game, c)
        statuses.append([st.kind, fids[st.faction] if st.faction is not None else None])
    return {
        "index": index,
        "kind": out.kind,
        "winner": out.winner,
        "breaker": out.breaker,
        "round": out.round,
        "vp": {fids[i]: game.vp[i] for i in range(len(fids))},
        "crises": crises,
        "plays": plays,
        "final_tension": game.tracks[game.t.tension],
        "balance_index": scoring.balance_index(game),
        "statuses": statuses,
        "max_tension": max(h.tracks.get("tension", 0) for h in game.history),
        "integration": game.tracks[game.t.track_index["integration"]] if "integration" in game.t.track_index else None,
    }


def games(rules: str | None, n: int, seed: int, scenario: str, bots: str, jobs: int):
    if jobs <= 1:
        _init(rules, seed, scenario, bots)
        for i in range(n):
            yield play_one(i)
        return
    with multiprocessing.get_context().Pool(min(jobs, n), _init, (rules, seed, scenario, bots)) as pool:
        yield from pool.imap(play_one, range(n))


def summarise(results: list[dict[str, Any]], rs, scenario: str, seed: int) -> dict[str, Any]:
    sc = rs.scenario(scenario)
    factions = list(sc.factions)
    n = len(results)
    outcomes = Counter(r["kind"] for r in results)
    wins = Counter(r["winner"] for r in results if r["winner"])
    decided = sum(wins.values())
    vp = {f: round(sum(r["vp"].get(f, 0) for r in results) / n, 2) if n else 0.0 for f in factions}
    games_with_crisis = sum(1 for r in results if r["crises"])
    plays = Counter(c for r in results for _, c in r["plays"])
    win_plays = Counter(c for r in results for f, c in r["plays"] if r["winner"] and f == r["winner"])
    total_win_plays = sum(win_plays.values())
    cards = [c.id for c in rs.cards]
    avg_share = 1.0 / len(cards) if cards else 0.0
    per_card = {}
    for c in cards:
        share = win_plays[c] / total_win_plays if total_win_plays else 0.0
        per_card[c] = {
            "plays": plays[c],
            "winner_plays": win_plays[c],
            "winner_share": round(share, 4),
            "ratio_to_average": round(share / avg_share, 2) if avg_share else 0.0,
            "by_winner_rate": round(win_plays[c] / plays[c], 3) if plays[c] else 0.0,
        }
    never = [c for c in cards if plays[c] == 0]
    over = [c for c in cards if per_card[c]["ratio_to_average"] > FLAG_FACTOR]
    return {
        "games": n,
        "seed": seed,
        "scenario": sc.id,
        "outcomes": {k: outcomes[k] for k in OUTCOMES},
        "outcome_shares": {k: round(outcomes[k] / n, 4) if n else 0.0 for k in OUTCOMES},
        "decided": decided,
        "wins": {f: wins[f] for f in factions},
        "win_shares": {f: round(wins[f] / decided, 4) if decided else 0.0 for f in factions},
        "mean_vp": vp,
        "crises": sum(r["crises"] for r in results),
        "games_with_crisis": games_with_crisis,
        "crisis_game_share": round(games_with_crisis / n, 4) if n else 0.0,
        "breakdown_share": round(outcomes["breakdown"] / n, 4) if n else 0.0,
        "breakdowns_caused": dict(Counter(r["breaker"] for r in results if r["breaker"])),
        "mean_rounds": round(sum(r["round"] for r in results) / n, 2) if n else 0.0,
        "domination_rounds": dict(sorted(Counter(r["round"] for r in results if r["kind"] == "domination").items())),
        "dominations_by": {f: n for f, n in Counter(r["winner"] for r in results if r["kind"] == "domination").most_common()},
        "final_balance_index": _quantiles([r["balance_index"] for r in results]),
        "final_statuses": dict(Counter(f"{k}:{f}" if f else k for r in results for k, f in r["statuses"])),
        "max_tension_by_round_end": dict(sorted(Counter(r["max_tension"] for r in results).items())),
        "final_integration": dict(sorted(Counter(r["integration"] for r in results).items())),
        "card_plays_total": sum(plays.values()),
        "winner_plays_total": total_win_plays,
        "average_winner_share": round(avg_share, 4),
        "cards_never_played": never,
        "cards_over_3x": over,
        "cards": per_card,
    }


def _quantiles(xs: list[float]) -> dict[str, float]:
    xs = sorted(x for x in xs if x is not None)
    if not xs:
        return {}
    q = lambda p: xs[min(len(xs) - 1, int(p * len(xs)))]  # noqa: E731
    return {"min": xs[0], "p25": q(0.25), "median": q(0.5), "p75": q(0.75), "max": xs[-1]}


def format_report(s: dict[str, Any]) -> str:
    n = s["games"] or 1
    lines = [f"{s['games']} games of {s['scenario']} (seed {s['seed']}), heuristic bots in every seat"]
    lines.append("Outcomes:")
    for k in OUTCOMES:
        lines.append(f"  {k:<11} {s['outcomes'][k]:>5}  {100 * s['outcomes'][k] / n:5.1f}%")
    lines.append(f"Wins (share of the {s['decided']} decided games) and mean VP:")
    for f, w in s["wins"].items():
        lines.append(f"  {f:<12} {w:>5}  {100 * s['win_shares'][f]:5.1f}%   mean VP {s['mean_vp'][f]:5.2f}")
    lines.append(
        f"Crises: {s['crises']} in all, {s['games_with_crisis']} games with one ({100 * s['crisis_game_share']:.1f}%); "
        f"breakdowns {s['outcomes']['breakdown']} ({100 * s['breakdown_share']:.1f}%) {s['breakdowns_caused']}"
    )
    lines.append(f"Final balance index: {s['final_balance_index']}")
    lines.append(f"Final statuses (all countries): {s['final_statuses']}")
    lines.append(f"Highest end-of-round tension: {s['max_tension_by_round_end']}; final integration: {s['final_integration']}")
    lines.append(f"Domination by round: {s['domination_rounds']}, by faction: {s['dominations_by']}; mean rounds {s['mean_rounds']}")
    lines.append(
        f"Card plays: {s['card_plays_total']} ({s['winner_plays_total']} by winners); "
        f"average share of winners' plays {100 * s['average_winner_share']:.2f}%"
    )
    lines.append(f"  never played ({len(s['cards_never_played'])}): {', '.join(s['cards_never_played']) or '-'}")
    lines.append(f"  above {FLAG_FACTOR:g}x the average ({len(s['cards_over_3x'])}): {', '.join(s['cards_over_3x']) or '-'}")
    top = sorted(s["cards"].items(), key=lambda kv: -kv[1]["ratio_to_average"])[:8]
    lines.append("  highest shares of winners' plays: " + ", ".join(f"{c} {v['ratio_to_average']:.2f}x" for c, v in top))
    low = sorted(s["cards"].items(), key=lambda kv: kv[1]["plays"])[:8]
    lines.append("  least played: " + ", ".join(f"{c} {v['plays']}" for c, v in low))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--games", type=int, default=60)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--scenario", default=None, help="scenario id (default: the first)")
    p.add_argument("--bots", default="heuristic")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--rules", default=None, help="rules folder or mods, as for `python -m game`")
    p.add_argument("--json", dest="json_path", default=None)
    args = p.parse_args(argv)
    rs = _load(args.rules)
    if rs is None:
        return 2
    scenario = rs.scenario(args.scenario).id
    results = sorted(games(args.rules, args.games, args.seed, scenario, args.bots, args.jobs), key=lambda r: r["index"])
    s = summarise(results, rs, scenario, args.seed)
    print(format_report(s))
    if args.json_path:
        atomic_write(Path(args.json_path), json.dumps(s, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
