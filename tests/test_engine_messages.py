"""The log is data: message ids with typed arguments, turned into words by one formatter."""

from __future__ import annotations

import json
import string

from game.engine import Game, LogEntry, Message
from game.engine.messages import TEMPLATES, merged, render
from game.ruleset import load_ruleset

from builders import new_game, random_play


def base_game_log(seed: int) -> Game:
    rules = load_ruleset().ruleset
    assert rules is not None
    g = Game.new(rules, "seminar", seed)
    random_play(g, 5000, seed)
    return g


def test_every_message_the_engine_writes_has_a_template_and_renders():
    seen: set[str] = set()
    for seed in (1, 2, 3):
        g = base_game_log(seed)
        for e in g.log:
            for viewer in (None, *g.seats):
                msg = e.for_viewer(viewer)
                seen.add(msg.id)
                text = render(g.ruleset, msg)
                assert text and "{" not in text, (msg, text)
                json.dumps(msg.to_dict())  # arguments are plain data, for saves and clients
    assert seen <= set(TEMPLATES)
    assert {"round_begins", "income", "draws", "draws_cards", "plays", "places", "summit"} <= seen


def test_templates_use_only_arguments_the_formatter_fills():
    filled = {"year", "round", "rounds", "event", "flavour", "faction", "amount", "parts", "count", "cards_word", "cards",
              "label", "card", "mode_words", "cost", "domain", "space", "origin", "track", "old", "new", "who",
              "corridor", "source", "crisis", "text", "later", "partner"}  # fmt: skip
    for mid, template in TEMPLATES.items():
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert names <= filled, mid


def test_private_lines_reach_only_their_reader():
    g = new_game()
    red_ids = {g.t.cards[c].id for c in g.hands[0]}
    for viewer in ("blue", "green", None):
        msgs = g.view(viewer).log
        assert not any(set(m.args.get("cards", ())) & red_ids for m in msgs)
    assert any(set(m.args.get("cards", ())) == red_ids for m in g.view("red").log)


def test_repeated_placements_read_as_one_line():
    g = new_game()
    place = Message("places", {"faction": "red", "amount": 1, "domain": "trade", "space": "a1"})
    other = Message("places", {"faction": "red", "amount": 1, "domain": "trade", "space": "a2"})
    entries = [LogEntry(1, place, "red", step=3, phase="actions")] * 3 + [LogEntry(1, other, "red", step=6, phase="actions")]
    out = merged(entries)
    assert [render(g.ruleset, e.message) for e in out] == ["Red places 3 trade in A-one.", "Red places 1 trade in A-two."]
    assert out[0].step == 3
