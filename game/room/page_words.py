"""The team page's own words (`static/team.html`, `static/room.js`), in the host's language.

What the page shows from the game — prompts, the steps' words, cards, the log, reasons — comes
from the engine already in words. The page's frame (headings, buttons, banners, the line under
the header) is here: each a UI-catalogue string with the context "team page", served as
`/words.js` (`window.COG_WORDS`, read before `room.js`). `{name}` marks a value the page fills
in. A key the page uses must be here (`tests/test_room_words.py` reads the page for them).
"""

from __future__ import annotations

import json

from game.i18n import language, pgettext


def page_words() -> dict[str, str]:
    """Every word of the page, by its key, in the current language."""
    return {
        "lang": language(),
        # the page itself (team.html)
        "title": pgettext("team page", "Center of Gravity — the seminar room"),
        "connecting": pgettext("team page", "Connecting…"),
        "why": pgettext("team page", "Why?"),
        "reason_placeholder": pgettext("team page", "One line for the debrief"),
        "save": pgettext("team page", "Save"),
        "skip": pgettext("team page", "Skip"),
        "your_hand": pgettext("team page", "Your hand"),
        "the_board": pgettext("team page", "The board"),
        "faction": pgettext("team page", "Faction"),
        "vp": pgettext("team page", "VP"),
        "capital": pgettext("team page", "Capital"),
        "cards": pgettext("team page", "Cards"),
        "seat": pgettext("team page", "Seat"),
        "countries": pgettext("team page", "Countries"),
        "log": pgettext("team page", "Log"),
        # the connection
        "connected": pgettext("team page", "connected"),
        "not_connected": pgettext("team page", "not connected"),
        "reconnecting": pgettext("team page", "Reconnecting…"),
        "link_no_seat": pgettext("team page", "This link does not open a seat (it was re-issued or mistyped). Ask the facilitator for the new code."),
        "seat_elsewhere": pgettext("team page", "This seat was opened on another device."),
        "reload": pgettext("team page", "Reload to take it back."),
        "no_seat_in_link": pgettext("team page", "This link has no seat in it; showing the board only."),
        "not_sent": pgettext("team page", "Not connected: your choice was not sent."),
        # the game
        "spectator": pgettext("team page", "Spectator"),
        "faction_title": pgettext("team page", "{faction} — Center of Gravity"),
        "when": pgettext("team page", "{year} · round {round}/{rounds} · {phase}"),
        "action_round": pgettext("team page", "action round {n}"),
        "paused": pgettext("team page", "Paused by the facilitator."),
        "game_over": pgettext("team page", "Game over — {outcome}"),
        "over": pgettext("team page", "The game is over."),
        "waiting_for": pgettext("team page", "Waiting for {faction}…"),
        "runs_on": pgettext("team page", "The round runs on…"),
        "hint_cards": pgettext("team page", "…or tap a lit card in your hand to play it."),
        "hint_spaces": pgettext("team page", "Tap a lit space on the map, or a button."),
        "card_meta": pgettext("team page", "{domain} · cost {cost} · ops {ops}"),
        "hypothetical": pgettext("team page", "hypothetical"),
        "event": pgettext("team page", "Event: {text}"),
        "no_cards": pgettext("team page", "No cards in hand."),
        "space_head": pgettext("team page", "{space} — stability {stability}"),
        "space_influence": pgettext("team page", "{faction}: soft power {soft_power}, security {security}, trade {trade}"),
        "balance_index": pgettext("team page", "Balance index"),
        # a country's status, the round's phases and who holds a seat (the ids the host sends)
        "status_dominated": pgettext("team page", "dominated"),
        "status_aligned": pgettext("team page", "aligned"),
        "status_balanced": pgettext("team page", "balanced"),
        "phase_actions": pgettext("team page", "actions"),
        "phase_event": pgettext("team page", "world event"),
        "phase_income": pgettext("team page", "income"),
        "phase_draw": pgettext("team page", "drawing cards"),
        "phase_tension": pgettext("team page", "tension"),
        "phase_summit": pgettext("team page", "summit"),
        "phase_cleanup": pgettext("team page", "cleanup"),
        "phase_expire": pgettext("team page", "cleanup"),
        "phase_round_end": pgettext("team page", "end of the round"),
        "phase_over": pgettext("team page", "game over"),
        "seat_connected": pgettext("team page", "device"),
        "seat_away": pgettext("team page", "away"),
        "seat_stand-in": pgettext("team page", "stand-in"),
        "seat_screen": pgettext("team page", "screen"),
        "seat_bot": pgettext("team page", "bot"),
        "seat_team": pgettext("team page", "device"),
    }


def words_js() -> bytes:
    """`/words.js`: the page's words as a script the page reads before its own."""
    return ("window.COG_WORDS = " + json.dumps(page_words(), ensure_ascii=False) + ";\n").encode("utf-8")
