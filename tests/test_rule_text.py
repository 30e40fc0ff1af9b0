"""Rule text is generated from effects: every card says what it does, in words."""

from __future__ import annotations

from game.ruleset import load_ruleset
from game.ruleset.rule_text import modifier_rule_text, rule_text

from builders import mini_ruleset


def test_rule_text_reads_like_the_effects():
    rs = mini_ruleset()
    effects = [
        {"add_influence": {"domain": "security", "amount": 2, "where": {"country": "alpha"}}},
        {"change_track": {"track": "tension", "by": 1}},
    ]
    assert rule_text(effects, rs) == "Add 2 security in Alpha (one space at a time). Raise tension by 1."


def test_rule_text_names_spread_and_tags():
    rs = mini_ruleset()
    text = rule_text([{"remove_influence": {"faction": "blue", "where": {"tag": "capital", "country_tag": "pact"}, "spread": True}}], rs)
    assert text == "Remove 1 of Blue's influence in every capital of PACT countries."


def test_rule_text_of_choices_and_consent():
    rs = mini_ruleset()
    text = rule_text([{"choose_one": {"options": [{"label": "Cash", "effects": [{"gain_capital": {"amount": 2}}]},
                                                  {"label": "Votes", "effects": [{"gain_vp": {"amount": 1}}]}]}}], rs)  # fmt: skip
    assert text == "Choose one: Cash (gain 2 capital); or Votes (gain 1 VP)."
    text = rule_text([{"ask_consent": {"faction": "blue", "then": [{"gain_vp": {"amount": 2}}], "otherwise": [{"draw": {"count": 1}}]}}], rs)
    assert text == "Ask Blue to join: if they agree, gain 2 VP; if not, draw 1 card."


def test_every_base_card_event_and_ability_has_rule_text():
    rs = load_ruleset().ruleset
    assert rs is not None
    texts = [rule_text(c.event, rs) for c in rs.cards if c.event] + [rule_text(e.effects, rs) for e in rs.events]
    texts += [modifier_rule_text(m, rs) for f in rs.factions for a in f.abilities for m in a.modifiers]
    for text in texts:
        assert text and "None" not in text and "{" not in text and "_" not in text, text


def test_a_modifier_states_its_unless_with_its_trigger_not_after_its_last_effect():
    rs = mini_ruleset()
    calm = {"track_at_most": {"track": "tension", "value": 3}}
    effects = [{"change_track": {"track": "tension", "by": -1}}, {"gain_vp": {"amount": 1}}]
    after_play = modifier_rule_text({"on": "play_card", "own_cards": True, "unless": calm, "effects": effects}, rs)
    assert after_play == "After playing your own cards, unless tension is 3 or less: lower tension by 1. Gain 1 VP."
    with_cost = modifier_rule_text({"on": "play_card", "cost_delta": 1, "unless": calm, "effects": effects[1:]}, rs)
    assert with_cost == "Unless tension is 3 or less: cards cost 1 more; after playing cards: gain 1 VP."
    cleanup = modifier_rule_text({"on": "round_end", "unless": calm, "effects": effects[1:]}, rs)
    assert cleanup == "At cleanup, unless tension is 3 or less: gain 1 VP."
    after_summit = modifier_rule_text({"on": "summit", "unless": calm, "effects": effects[1:]}, rs)
    assert after_summit == "After each summit, unless tension is 3 or less: gain 1 VP."


def test_a_place_you_do_not_lead_reads_as_such():
    """`not: {leader: self}` beside a place reads "where you do not lead" (stop 47: it read
    "not where you lead"); beside `leader: any` it is still "where a rival leads"."""
    rs = mini_ruleset()
    elite = {"on": "place_influence", "domain": "soft_power", "where": {"tag": "capital", "not": {"leader": "self"}}, "ops_bonus": 1}
    assert modifier_rule_text(elite, rs) == "+1 soft power operation in capitals where you do not lead."
    rival = rule_text([{"remove_influence": {"faction": "leader", "where": {"leader": "any", "not": {"leader": "self"}}}}], rs)
    assert rival.endswith("where a rival leads."), rival
