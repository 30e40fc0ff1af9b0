"""The seminar room's protocol, headless: a real host on 127.0.0.1 and pages as programs."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from game.engine import Game
from game.room import protocol as p
from game.room.host import DEVICE, keys_path_for
from game.room.keys import SeatKeys
from game.ruleset import load_ruleset

from room_clients import Page, hosting, new_game, play_through


@pytest.fixture(scope="module")
def ruleset():
    rs = load_ruleset().ruleset
    assert rs is not None
    return rs


def _page(host, faction: str) -> Page:
    page = Page(host.ws_url, host.room.token_of(faction))
    page.wait_for(lambda m: m["type"] == "state")
    return page


def _until_turn(pages: dict[str, Page], host, want) -> str:
    """Let the teams' bots play until `want(faction, state)` holds for the team to act."""
    import random

    rng = random.Random(5)
    for _ in range(400):
        for f, page in pages.items():
            page.pump(0.01)
            s = page.state
            if s and s["choices"] and s["version"] == host.room.version:
                if want(f, s):
                    return f
                page.act(rng.choice(s["choices"])["action"])
                seen = s["version"]
                page.wait_for(lambda m, seen=seen: m["type"] == "state" and m["version"] > seen)
    raise AssertionError("the wanted step never came")


def test_a_team_joins_and_gets_its_view_and_nothing_else(ruleset):
    game = new_game(ruleset)
    with hosting(game) as host:
        f = game.factions[0].id
        page = Page(host.ws_url, host.room.token_of(f))
        welcome = page.wait_for(lambda m: m["type"] == "welcome")
        assert welcome["role"] == "team" and welcome["faction"] == f and welcome["v"] == p.PROTOCOL
        state = page.wait_for(lambda m: m["type"] == "state")
        mine = [game.t.cards[c].id for c in game.hands[game.t.faction_index[f]]]
        assert state["view"]["hand"] == mine and [c["id"] for c in state["hand"]] == mine
        assert all(c["event"] is not None and c["name"] for c in state["hand"])
        assert state["you"] == f and state["view"]["viewer"] == f
        spectator = Page(host.ws_url, spectate=True)
        seen = spectator.wait_for(lambda m: m["type"] == "state")
        assert seen["you"] is None and seen["view"]["hand"] == [] and seen["hand"] == [] and seen["choices"] == []


def test_the_page_and_the_map_are_served_with_no_outside_source(ruleset):
    with hosting(new_game(ruleset)) as host:
        base = f"http://127.0.0.1:{host.room.port}"
        with urllib.request.urlopen(base + "/", timeout=5) as r:
            html = r.read().decode()
            assert "default-src 'self'" in r.headers["Content-Security-Policy"]
        assert "/room.js" in html and "http" not in html.replace('http-equiv', '')
        with urllib.request.urlopen(base + "/map.json", timeout=5) as r:
            geo = json.loads(r.read())
        assert {s.shape or s.id for s in ruleset.spaces} <= set(geo["spaces"])
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(base + "/../pyproject.toml", timeout=5)
        assert e.value.code == 404


def test_five_teams_play_a_whole_seminar_game_through_the_protocol(ruleset):
    game = new_game(ruleset, seed=11)
    with hosting(game) as host:
        pages = {f: _page(host, f) for f in host.room.links}
        spectator = Page(host.ws_url, spectate=True)
        steps = play_through(pages, host, seed=11, idle=(spectator,))
        assert game.over and steps >= 50
        final = spectator.wait_for(lambda m: m["type"] == "state" and m["view"]["outcome"] is not None)
        assert final["outcome_words"] and final["view"]["outcome"]["kind"] == game.outcome.kind
        # every step came from a team's page: the log is the teams' choices, replayable
        assert Game.from_json(ruleset, game.to_json()).state_hash() == game.state_hash()


def test_a_page_that_reconnects_mid_step_lands_on_the_same_step(ruleset):
    game = new_game(ruleset, seed=4)
    with hosting(game) as host:
        pages = {f: _page(host, f) for f in host.room.links}
        f = _until_turn(pages, host, lambda f, s: s["decision"] not in (None, "turn"))
        before = pages[f].state
        pages[f].close()
        again = Page(host.ws_url, host.room.token_of(f))
        state = again.wait_for(lambda m: m["type"] == "state")
        assert state["version"] == before["version"] and state["choices"] == before["choices"]
        assert state["decision"] == before["decision"]
        again.act(state["choices"][0]["action"])
        again.wait_for(lambda m: m["type"] == "state" and m["version"] > before["version"])


def test_a_stale_action_gets_a_full_resync_and_changes_nothing(ruleset):
    game = new_game(ruleset, seed=6)
    with hosting(game) as host:
        pages = {f: _page(host, f) for f in host.room.links}
        f = _until_turn(pages, host, lambda f, s: s["version"] > 2)
        steps = len(game.actions)
        pages[f].act(pages[f].state["choices"][0]["action"], at=pages[f].state["version"] - 1)
        err = pages[f].wait_for(lambda m: m["type"] == "error")
        assert err["resync"] is True and "moved on" in err["message"]
        again = pages[f].wait_for(lambda m: m["type"] == "state")
        assert again["version"] == host.room.version and again["choices"]
        assert len(game.actions) == steps
        # the same message replayed after it was taken is stale too
        pages[f].act(again["choices"][0]["action"])
        pages[f].wait_for(lambda m: m["type"] == "state" and m["version"] > again["version"])
        pages[f].act(again["choices"][0]["action"], at=again["version"])
        assert pages[f].wait_for(lambda m: m["type"] == "error")["resync"] is True
        assert len(game.actions) == steps + 1


def test_a_forged_token_gets_a_clear_close_reason_and_nothing_else(ruleset):
    with hosting(new_game(ruleset)) as host:
        for token in ("A" * 22, "not a token", 12345, None):
            page = Page(host.ws_url, token)  # type: ignore[arg-type]
            with pytest.raises(AssertionError):
                page.wait_for(lambda m: True, timeout=2)
            assert page.closed is not None and page.closed[0] == p.CLOSE_BAD_LINK
            assert "facilitator" in page.closed[1] and page.messages == []


def test_a_reissued_link_revokes_the_old_one(ruleset):
    game = new_game(ruleset)
    with hosting(game) as host:
        f = game.factions[1].id
        old_token = host.room.token_of(f)
        old = _page(host, f)
        new_token = host.call(host.room.issue, f)
        assert new_token != old_token and host.room.token_of(f) == new_token
        with pytest.raises(AssertionError):
            old.wait_for(lambda m: False, timeout=2)
        assert old.closed is not None and old.closed[0] == p.CLOSE_BAD_LINK
        refused = Page(host.ws_url, old_token)
        with pytest.raises(AssertionError):
            refused.wait_for(lambda m: True, timeout=2)
        assert refused.closed is not None and refused.closed[0] == p.CLOSE_BAD_LINK
        assert _page(host, f).state["you"] == f


def test_a_newer_connection_with_the_same_link_replaces_the_older(ruleset):
    game = new_game(ruleset)
    with hosting(game) as host:
        f = game.factions[2].id
        first = _page(host, f)
        second = _page(host, f)
        with pytest.raises(AssertionError):
            first.wait_for(lambda m: False, timeout=2)
        assert first.closed == (p.CLOSE_REPLACED, p.REPLACED_REASON)
        assert host.room.connected() == {f} and second.closed is None


def test_bad_input_gets_an_error_to_that_page_only_and_changes_nothing(ruleset):
    game = new_game(ruleset, seed=8)
    with hosting(game) as host:
        pages = {f: _page(host, f) for f in host.room.links}
        actor = game.actor
        other = next(f for f in pages if f != actor)
        steps, version = len(game.actions), host.room.version
        bad = [
            "{not json", json.dumps([1, 2]), json.dumps({"v": 99, "type": "act"}), json.dumps({"v": 1, "type": "shout"}),
            json.dumps({"v": 1, "type": "act", "action": "place", "at": version}),
            json.dumps({"v": 1, "type": "act", "action": "fly to mars", "at": version}),
            json.dumps({"v": 1, "type": "act", "action": "pass", "at": "now"}),
            json.dumps({"v": 1, "type": "act", "action": "pass", "at": version, "pad": "x" * 5000}),
            json.dumps({"v": 1, "type": "reason", "start": 0, "text": "no action of mine"}),
        ]  # fmt: skip
        for text in bad:
            pages[actor].ws.send(text)
            assert pages[actor].wait_for(lambda m: m["type"] == "error")["message"]
        pages[other].act("pass")  # out of turn
        assert "not your decision" in pages[other].wait_for(lambda m: m["type"] == "error")["message"]
        pages[actor].act("play no-such-card")
        assert pages[actor].wait_for(lambda m: m["type"] == "error")["message"]
        spectator = Page(host.ws_url, spectate=True)
        spectator.wait_for(lambda m: m["type"] == "state")
        spectator.send({"v": 1, "type": "act", "action": "pass", "at": version})
        assert "spectator" in spectator.wait_for(lambda m: m["type"] == "error")["message"]
        time.sleep(0.1)
        assert len(game.actions) == steps and host.room.version == version and host.room.errors == 0
        bystander = pages[next(f for f in pages if f not in (actor, other))]
        assert not [m for m in bystander.pump(0.05) if m["type"] == "error"]


def test_a_flood_is_rate_limited_and_does_not_stall_the_room(ruleset):
    game = new_game(ruleset, seed=9)
    with hosting(game) as host:
        pages = {f: _page(host, f) for f in host.room.links}
        flooder = next(f for f in pages if f != game.actor)
        for _ in range(300):
            pages[flooder].send({"v": 1, "type": "act", "action": "pass", "at": 0})
        actor = game.actor
        t0 = time.perf_counter()
        version = pages[actor].state["version"]
        pages[actor].act(pages[actor].state["choices"][-1]["action"])
        pages[actor].wait_for(lambda m: m["type"] == "state" and m["version"] > version)
        assert time.perf_counter() - t0 < 2.0
        errors: list[str] = []
        deadline = time.monotonic() + 10.0  # a loaded machine delivers late: wait by the clock
        while time.monotonic() < deadline and not any("Too many messages" in e for e in errors):
            errors += [m["message"] for m in pages[flooder].pump(0.5) if m["type"] == "error"]
        assert any("Too many messages" in e for e in errors)
        assert len(errors) < 300  # most were dropped unanswered


def test_the_facilitator_hands_a_dropped_seat_to_a_bot_and_back(ruleset):
    game = new_game(ruleset, seed=12)
    with hosting(game) as host:
        pages = {f: _page(host, f) for f in host.room.links}
        actor = game.actor
        pages[actor].close()
        spectator = Page(host.ws_url, spectate=True)
        waiting = spectator.wait_for(lambda m: m["type"] == "state" and m["waiting"])
        assert host.room.names[actor] in waiting["waiting"]
        steps = len(game.actions)
        host.call(host.room.stand_in, host.table, actor, True)
        spectator.wait_for(lambda m: m["type"] == "state" and m["seats"].get(actor) == "stand-in")
        end = time.monotonic() + 5
        while game.actor == actor and time.monotonic() < end:  # the bot plays the seat
            time.sleep(0.02)
        assert len(game.actions) > steps
        back = _page(host, actor)
        host.call(host.room.stand_in, host.table, actor, False)
        back.wait_for(lambda m: m["type"] == "state" and m["seats"].get(actor) == "team")


def test_a_team_gives_its_reason_after_its_action(ruleset):
    game = new_game(ruleset, seed=13)
    with hosting(game) as host:
        pages = {f: _page(host, f) for f in host.room.links}
        actor = game.actor
        page = pages[actor]
        page.act("pass")
        asked = page.wait_for(lambda m: m["type"] == "state" and m["reason"] is not None)
        page.send({"v": 1, "type": "reason", "start": asked["reason"]["start"], "text": "  saving   for later "})
        page.wait_for(lambda m: m["type"] == "state" and m["reason"] is None)
        assert game.reasons[asked["reason"]["start"]] == "saving for later"


def test_a_restarted_host_continues_the_autosave_and_the_links_still_work(ruleset, tmp_path: Path):
    autosave = tmp_path / "autosave.json"
    game = new_game(ruleset, seed=14)
    with hosting(game, autosave) as host:
        port = host.room.port
        tokens = {f: host.room.token_of(f) for f in host.room.links}
        pages = {f: _page(host, f) for f in host.room.links}
        f = _until_turn(pages, host, lambda f, s: len(game.actions) >= 6 and s["decision"] not in (None, "turn"))
        before = pages[f].state
    stored = keys_path_for(autosave).read_text()
    assert not any(t in stored for t in tokens.values())  # only the hashes are kept
    assert SeatKeys.from_json(stored, "another game") is None
    restored = Game.from_json(ruleset, autosave.read_text())
    assert restored.seats == {fid: DEVICE for fid in tokens}
    with hosting(restored, autosave, port=port) as host:
        assert host.room.token_of(f) is None  # the host cannot show an old link again ...
        page = Page(host.ws_url, tokens[f])  # ... but the team's page still opens its seat
        state = page.wait_for(lambda m: m["type"] == "state")
        assert state["choices"] == before["choices"] and state["view"]["prompt"] == before["view"]["prompt"]
        page.act(state["choices"][0]["action"])
        page.wait_for(lambda m: m["type"] == "state" and m["version"] > state["version"])


def test_a_team_is_told_why_a_move_was_refused_in_the_rooms_language(ruleset):
    """The room speaks the host's language: its refusals (out of turn, a card not held: the
    engine's `why_not`, a spectator acting) reach a Russian room's pages in Russian."""
    from game.i18n import set_language

    game = new_game(ruleset, seed=8)
    try:
        set_language("ru")
        with hosting(game) as host:
            pages = {f: _page(host, f) for f in host.room.links}
            actor = game.actor
            other = next(f for f in pages if f != actor)
            pages[other].act("pass")  # out of turn
            said = pages[other].wait_for(lambda m: m["type"] == "error")["message"]
            assert said.startswith("Сейчас решаете не вы"), said
            card = next(c.id for c in ruleset.cards if c.id not in game.view(actor).hand)
            pages[actor].act(f"play {card}")
            said = pages[actor].wait_for(lambda m: m["type"] == "error")["message"]
            assert said == "Этой карты нет у вас в руке.", said
            spectator = Page(host.ws_url, spectate=True)
            spectator.wait_for(lambda m: m["type"] == "state")
            spectator.send({"v": 1, "type": "act", "action": "pass", "at": host.room.version})
            said = spectator.wait_for(lambda m: m["type"] == "error")["message"]
            assert said.startswith("Страница зрителя"), said
    finally:
        set_language("en")
