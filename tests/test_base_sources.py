"""The base content's facts: every card, world event and crisis says where its facts come
from (a `source`) or that it imagines a situation (`hypothetical: true`); the source notes in
rules/base/SOURCES.md are cited; the scenarios say the article is one author's viewpoint."""

from __future__ import annotations

import re
from pathlib import Path

from game.ruleset import load_ruleset
from game.ruleset.model import Card, Crisis, Ruleset, WorldEvent

BASE = Path(__file__).resolve().parent.parent / "rules" / "base"
SHORT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _rules() -> Ruleset:
    result = load_ruleset()
    assert result.ruleset is not None, result.problems
    return result.ruleset


def _entries() -> list[Card | WorldEvent | Crisis]:
    rules = _rules()
    return [*rules.cards, *rules.events, *rules.crises]


def test_every_card_event_and_crisis_has_a_source_or_is_hypothetical() -> None:
    missing = [e.id for e in _entries() if not (e.flavour and (e.source or e.hypothetical))]
    assert not missing, missing
    bad = [(e.id, e.source) for e in _entries() if e.source and not SHORT_NAME.match(str(e.source))]
    assert not bad, bad


def test_the_source_notes_are_cited() -> None:
    notes = set(re.findall(r"^- \[([a-z0-9-]+)\]", (BASE / "SOURCES.md").read_text(encoding="utf-8"), re.M))
    assert notes, "rules/base/SOURCES.md lists its facts as `- [short-name] ...`"
    cited = {str(e.source) for e in _entries()}
    assert notes <= cited, sorted(notes - cited)


def test_the_scenarios_say_the_article_is_one_viewpoint() -> None:
    for scenario in _rules().scenarios:
        assert "viewpoint" in scenario.description, scenario.id
        for faction, text in scenario.briefings:
            assert "view" in text, (scenario.id, faction)
