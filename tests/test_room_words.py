"""The team page reads in the host's language: its own words come from the UI catalogue
(`game/room/page_words.py`, served as /words.js), the game's from the engine."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest

from game.engine.game import PHASES
from game.engine.scoring import ALIGNED, BALANCED, DOMINATED
from game.i18n import set_language
from game.room.page_words import page_words
from game.ruleset import load_ruleset

from room_clients import hosting, new_game

STATIC = Path(__file__).resolve().parents[1] / "game" / "room" / "static"
SEAT_KINDS = ("connected", "away", "stand-in", "screen", "bot", "team")
"""What the host says of a seat (`RoomHost.seat_kinds`, `RoomServer`)."""


def _keys_the_page_uses() -> set[str]:
    js = (STATIC / "room.js").read_text(encoding="utf-8")
    html = (STATIC / "team.html").read_text(encoding="utf-8")
    keys = set(re.findall(r'\bw\("([a-z_]+)"[,)]', js))  # "phase_" + … are the prefixes below
    keys |= {k for pair in re.findall(r'w\(\w+ \? "([a-z_]+)" : "([a-z_]+)"\)', js) for k in pair}
    keys |= set(re.findall(r'data-w(?:-[a-z-]+)?="([a-z_]+)"', html))
    keys |= {f"phase_{ph}" for ph in PHASES if ph != "actions"} | {f"status_{s}" for s in (DOMINATED, ALIGNED, BALANCED)}
    keys |= {f"seat_{k}" for k in SEAT_KINDS}
    return keys


def test_every_word_the_team_page_uses_is_served_and_none_is_left_in_english_in_its_code():
    words = page_words()
    used = _keys_the_page_uses()
    assert len(used) > 40
    assert used <= set(words), sorted(used - set(words))
    js = (STATIC / "room.js").read_text(encoding="utf-8")
    # every sentence the page shows is a word looked up: no English literal is drawn
    literal = re.findall(r'(?:textContent\s*=|banner\()\s*"[A-Za-z…][^"]*"', js)
    assert not literal, literal


@pytest.mark.parametrize(("lang", "expected"), [("ru", "Подключение…"), ("kk", "Қосылуда…"), ("tr", "Bağlanıyor…")])
def test_the_team_page_is_served_its_words_in_the_hosts_language(lang: str, expected: str):
    rs = load_ruleset().ruleset
    assert rs is not None
    try:
        set_language(lang)
        with hosting(new_game(rs)) as host:
            base = f"http://127.0.0.1:{host.room.port}"
            with urllib.request.urlopen(base + "/", timeout=5) as r:
                html = r.read().decode()
            with urllib.request.urlopen(base + "/words.js", timeout=5) as r:
                script = r.read().decode("utf-8")
                assert r.headers["Content-Type"].startswith("text/javascript")
    finally:
        set_language("en")
    assert html.index("/words.js") < html.index("/room.js"), "the words must be read before the page's code"
    words = json.loads(script.removeprefix("window.COG_WORDS = ").rstrip().removesuffix(";"))
    assert words["lang"] == lang and words["connecting"] == expected
    english = page_words()
    same = {k for k in english if k != "lang" and words[k] == english[k] and not english[k].startswith("{faction} —")}
    assert same <= {"seat_bot", "faction", "capital", "log"}, sorted(same)
