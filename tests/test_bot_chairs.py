"""tools/bot_chairs.py: a chair's ratio is its pooled wins with the bot over its pooled wins without."""

from tools.bot_chairs import format_table, main


def test_a_chair_reaches_the_target_by_its_wins_pooled_over_the_seeds():
    result = {
        "kind": "search:normal",
        "against": "heuristic",
        "games": 40,
        "seeds": [101, 202],
        "baseline": {101: {"russia": 7, "iran": 6}, 202: {"russia": 7, "iran": 12}},
        "chairs": {"russia": {101: 11, 202: 4}, "iran": {101: 15, 202: 12}},
    }
    table = format_table(result)
    assert "| russia | 7 → 11 | 7 → 4 | 14 → 15 | 1.07 |" in table  # a good seed does not carry a chair
    assert "| iran | 6 → 15 | 12 → 12 | 18 → 27 | 1.50 |" in table
    assert table.endswith("search:normal beats heuristic by 1.5× in 1 of 2 chairs.")


def test_an_unknown_faction_is_named_and_nothing_is_played(capsys):
    assert main(["--factions", "atlantis", "--games", "1"]) == 2
    assert "atlantis: not a faction of" in capsys.readouterr().err
