"""Load on the loopback: 5 teams and 30 spectators on one host; the teams' bots choose through
the protocol. Measures the time from a team's step leaving its page to every page having the
new state (goal: 95th percentile ≤ 100 ms) and the host loop's frame time (≤ 16 ms).

The default run plays the first steps of a game; `-m slow` plays a whole seminar game:

    python -m pytest tests/test_room_load.py -m slow -s -n 0
"""

from __future__ import annotations

import json
import random
import statistics
import threading
import time

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from game.ruleset import load_ruleset

from room_clients import hosting, new_game

SPECTATORS = 30


class Listener(threading.Thread):
    """One page: reads every message on its own thread and stamps when each version arrived."""

    def __init__(self, url: str, hello: dict) -> None:
        super().__init__(daemon=True)
        self.ws = connect(url, max_size=2**22).__enter__()  # closed by the test
        self.ws.send(json.dumps({"v": 1, "type": "hello", **hello}))
        self.arrived: dict[int, float] = {}
        self.state: dict | None = None
        self.changed = threading.Event()
        self.start()

    def run(self) -> None:
        try:
            for text in self.ws:
                m = json.loads(text)
                if m["type"] == "state":
                    self.arrived.setdefault(m["version"], time.perf_counter())
                    self.state = m
                    self.changed.set()
        except ConnectionClosed:
            pass


def _p(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def run_load(max_steps: int, seed: int = 31) -> dict[str, float]:
    rs = load_ruleset().ruleset
    game = new_game(rs, seed=seed)
    with hosting(game) as host:
        teams = {f: Listener(host.ws_url, {"token": host.room.token_of(f)}) for f in host.room.links}
        watchers = [Listener(host.ws_url, {"spectate": True}) for _ in range(SPECTATORS)]
        everyone = [*teams.values(), *watchers]
        rng = random.Random(seed)
        sent: list[tuple[int, float]] = []
        end = time.monotonic() + 240
        while not game.over and len(sent) < max_steps and time.monotonic() < end:
            actor = game.actor
            page = teams.get(actor or "")
            s = page.state if page else None
            if page is None or s is None or not s["choices"] or s["version"] != host.room.version:
                time.sleep(0.002)
                continue
            v = s["version"]
            t0 = time.perf_counter()
            page.ws.send(json.dumps({"v": 1, "type": "act", "action": rng.choice(s["choices"])["action"], "at": v}))
            sent.append((v, t0))
            deadline = time.monotonic() + 5
            while any(max(p.arrived, default=0) <= v for p in everyone) and time.monotonic() < deadline:
                time.sleep(0.001)
        frames = list(host.frame_times)
        latencies = []
        for v, t0 in sent:
            times = [min((t for ver, t in p.arrived.items() if ver > v), default=None) for p in everyone]
            if all(t is not None for t in times):
                latencies.append(max(times) - t0)  # type: ignore[type-var]
        for p in everyone:
            p.ws.close()
    return {
        "steps": len(sent), "over": float(game.over),
        "update_median_ms": 1000 * statistics.median(latencies), "update_p95_ms": 1000 * _p(latencies, 0.95),
        "frame_median_ms": 1000 * statistics.median(frames), "frame_p95_ms": 1000 * _p(frames, 0.95),
        "publish_p95_ms": 1000 * _p(host.room.publish_times, 0.95),
    }  # fmt: skip


def _report(numbers: dict[str, float]) -> None:
    print(f"\nroom load (5 teams, {SPECTATORS} spectators): " + ", ".join(f"{k} {v:.1f}" for k, v in numbers.items()))


def test_load_short():
    numbers = run_load(max_steps=25)
    _report(numbers)
    assert numbers["steps"] == 25
    # a shared CI machine: generous bounds here; the goal is checked by the slow run
    assert numbers["update_p95_ms"] < 1000 and numbers["frame_p95_ms"] < 100


@pytest.mark.slow
def test_load_whole_seminar_game():
    numbers = run_load(max_steps=10_000)
    _report(numbers)
    assert numbers["over"] == 1.0
    assert numbers["update_p95_ms"] <= 100
    assert numbers["frame_p95_ms"] <= 16
