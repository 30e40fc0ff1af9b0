"""The debrief report (DESIGN §7): what an instructor gets from `python -m game report`."""

from __future__ import annotations

import csv
import html
import json
import re
import struct
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path

import pytest

from game.ai.play import play_game
from game.analysis.report import CSV_COLUMNS, build_charts, group_moves, trace_game, write_report
from game.engine import Game
from game.ruleset import load_ruleset
from game.ruleset.model import Crisis

from builders import mini_ruleset

ROOT = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SHORT_SCENARIO = "seminar"
"""The base game's short scenario (4 rounds): a whole game plays in about a second."""

REASON = "Keep <every> door open & let nobody lead — balance > domination."


@pytest.fixture(scope="module")
def rules():
    r = load_ruleset().ruleset
    assert r is not None
    return r


@pytest.fixture(scope="module")
def played(rules) -> Game:
    """A short bot game with a few reasons typed in (one with HTML-special characters)."""
    game = play_game(rules, 13, {f.id: "random" for f in rules.factions}, SHORT_SCENARIO)  # a game that runs to its last round
    starts = game.action_starts
    game.reasons[starts[0]] = REASON
    game.reasons[starts[len(starts) // 2]] = "Second thoughts: trade follows security."
    return Game.from_json(rules, game.to_json())  # the report reads saves: go through one


@pytest.fixture(scope="module")
def report(played, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    written = write_report(played, out / "debrief")
    assert all(p.exists() for p in written)
    return out / "debrief"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, after checking its signature and its header chunk's CRC."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    body = data[16 : 16 + length]
    (crc,) = struct.unpack(">I", data[16 + length : 20 + length])
    assert zlib.crc32(kind + body) == crc
    width, height = struct.unpack(">II", body[:8])
    assert data.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82")
    return width, height


def test_report_writes_a_page_with_the_outcome_and_the_reasons(report, played):
    page = (report / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    for heading in ("Outcome", "Charts", "Timeline by round", "Final standing"):
        assert f">{heading}</h2>" in page
    assert played.outcome is not None
    assert html.escape(played.outcome.reasons[0]) in page
    assert html.escape(REASON) in page
    assert "<every>" not in page  # player-typed text is escaped, never markup
    assert "@media print" in page
    assert page.count('src="data:image/png;base64,') >= 3  # one file that survives email


def test_report_has_at_least_three_valid_png_charts(report):
    pngs = sorted(report.glob("*.png"))
    assert len(pngs) >= 3
    for p in pngs:
        w, h = png_size(p.read_bytes())
        assert w >= 800 and h >= 400


def chart_image(path: Path):
    import pygame

    return pygame.image.load(str(path))


def pixels_of(img, colour) -> tuple[int, float]:
    """How many pixels are exactly `colour`, and their mean height (0 at the top)."""
    import pygame

    mask = pygame.mask.from_threshold(img, tuple(colour), (1, 1, 1, 255))
    return mask.count(), float(mask.centroid()[1])


def test_each_chart_draws_its_numbers(report, played):
    """The charts are pictures of the game, not blanks: each one has many colours, every
    series is drawn in its own colour, and a series higher at every round is drawn higher
    (two lines that cross may have either one's pixels higher on average)."""
    data = build_charts(played, trace_game(played))
    assert {d.file for d in data} == {p.name for p in report.glob("*.png")}
    compared = 0
    for d in data:
        img = chart_image(report / d.file)
        w, h = img.get_size()
        grid = Counter(tuple(img.get_at((x, y)))[:3] for x in range(0, w, 8) for y in range(0, h, 8))
        assert len(grid) >= 100, f"{d.file} looks blank: {len(grid)} colours"
        drawn = {}
        for s in d.chart.series:
            count, height = pixels_of(img, s.colour)
            assert count >= 1000, f"{d.file}: the line of {s.id} is not drawn ({count} pixels of its colour)"
            drawn[s.id] = (s.values, height)
        known = [v for values, _ in drawn.values() for v in values if v is not None]
        span = max(known) - min(known)
        for a, (values_a, height_a) in drawn.items():
            for b, (values_b, height_b) in drawn.items():
                pairs = [(x, y) for x, y in zip(values_a, values_b, strict=True) if x is not None and y is not None]
                if pairs and all(x > y + 0.1 * span for x, y in pairs):
                    assert height_a < height_b, f"{d.file}: {a} (higher at every round) is drawn below {b}"
                    compared += 1
    assert compared >= 3  # the test looked at lines, not only at colours


def test_chart_numbers_are_the_replayed_games_history(report, played, rules):
    data = json.loads((report / "charts.json").read_text(encoding="utf-8"))
    replayed = Game.from_json(rules, played.to_json())
    hist = replayed.history
    assert data["rounds"] == [h.round for h in hist]
    charts = {c["id"]: {s["id"]: s["values"] for s in c["series"]} for c in data["charts"]}
    assert charts["balance-index"]["region"] == [h.balance_index for h in hist]
    for c in rules.countries:
        assert charts["balance-index"][c.id] == [h.countries[c.id] for h in hist]
    for f in rules.factions:
        assert charts["influence-shares"][f.id] == [h.shares[f.id] for h in hist]
        assert charts["victory-points"][f.id] == [h.vp[f.id] for h in hist]
    for tr in rules.tracks:
        assert charts["tracks"][tr.id] == [h.tracks[tr.id] for h in hist]
    assert charts["victory-points"][rules.factions[0].id][-1] == replayed.vp[0]
    for c in data["charts"]:
        assert (report / c["file"]).exists()


def test_actions_csv_has_one_row_per_step(report, played, rules):
    with open(report / "actions.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = rows[1:]
    assert len(body) == len(played.actions)
    col = {name: i for i, name in enumerate(CSV_COLUMNS)}
    assert [int(r[col["step"]]) for r in body] == list(range(1, len(played.actions) + 1))
    assert [r[col["action"]] for r in body] == [str(a) for a in played.actions]
    names = {f.name for f in rules.factions}
    assert all(r[col["faction"]] in names for r in body)
    rounds = [int(r[col["round"]]) for r in body]
    assert rounds == sorted(rounds) and rounds[0] == 1
    start_year = played.t.scenario.start_year
    assert all(int(r[col["year"]]) == start_year + int(r[col["round"]]) - 1 for r in body)
    assert body[played.action_starts[0]][col["reason"]] == REASON
    assert sum(1 for r in body if r[col["reason"]]) == len(played.reasons)
    described = [r[col["description"]] for r in body if r[col["description"]]]
    assert len(described) > len(body) // 3
    # every public log line an action wrote is in the CSV, in order, and nothing private
    public = " ".join(played.log_text(e) for e in played.log)
    assert all(d in public for d in described)


def test_each_log_line_is_tied_to_the_step_or_phase_that_wrote_it(played):
    trace = trace_game(played)
    assert [e for s in trace.segments for e in s.entries] == played.log
    summit_rounds = set(played.t.scenario.summit_rounds)
    assert {s.round for s in trace.segments if s.phase == "summit" and s.entries} == {
        r for r in summit_rounds if r <= played.round
    }
    moves = group_moves(played, trace)
    assert sorted(i for m in moves for i in m.steps) == list(range(len(played.actions)))
    assert {m.first for m in moves} >= set(played.action_starts)
    assert all(m.lines for m in moves if m.faction is not None)  # every whole action says what it did


def test_report_of_a_game_stopped_early_with_a_facilitator_step(rules, tmp_path):
    game = Game.new(rules, SHORT_SCENARIO, 3)
    while game.round < 2:
        game.apply(game.legal_actions()[0])
    while game.stack or game.phase != "actions":
        game.apply(game.legal_actions()[0])
    game.inject_event(rules.events[0].id)
    for _ in range(5):
        game.apply(game.legal_actions()[0])
    write_report(game, tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "before its end" in page
    assert html.escape(rules.events[0].name) in page
    assert len(json.loads((tmp_path / "charts.json").read_text())["rounds"]) == len(game.history)
    with open(tmp_path / "actions.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(game.actions)
    injected = [r for r in rows if r["action"].startswith("inject")]
    assert len(injected) == 1 and injected[0]["faction"] == "Facilitator" and injected[0]["round"] == "2"
    assert rules.events[0].name in injected[0]["description"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_report_command_writes_the_report(played, tmp_path):
    save = tmp_path / "game.json"
    save.write_text(played.to_json(), encoding="utf-8")
    r = run("report", str(save), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert "index.html" in r.stdout
    for name in ("index.html", "charts.json", "actions.csv"):
        assert (tmp_path / "out" / name).is_file()
    assert not list((tmp_path / "out").glob(".*.tmp"))


@pytest.mark.parametrize(
    "content, words",
    [
        (b'{"format": "center-of-gravity-save", "version": 1, "sce', "not complete JSON"),
        (b'{"hello": "world"}', "not a Center of Gravity save"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not text"),
    ],
)
def test_report_of_a_bad_save_is_a_sentence_and_exit_2(tmp_path, content, words):
    save = tmp_path / "bad.json"
    save.write_bytes(content)
    r = run("report", str(save), "--out", str(tmp_path / "out"))
    assert r.returncode == 2
    assert words in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_report_into_an_unwritable_place_is_a_sentence_and_exit_2(played, tmp_path):
    save = tmp_path / "game.json"
    save.write_text(played.to_json(), encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for out in (blocker, blocker / "inside"):
        r = run("report", str(save), "--out", str(out))
        assert r.returncode == 2, r.stdout
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_crisis_and_a_breakdown_show_in_the_timeline_and_the_tension_chart(tmp_path):
    unrest = Crisis("unrest", "Unrest", {"tag": "capital"}, effects=({"change_track": {"track": "tension", "by": 1}},),
                    intervention_cost=1, intervention=())  # fmt: skip
    game = Game.new(mini_ruleset(crises=(unrest,), tracks={"tension": 9, "unity": 0}), seed=2)
    while not game.over:
        legal = game.legal_actions()
        game.apply(next((a for a in legal if a.verb == "pass"), legal[0]))
    assert game.outcome is not None and game.outcome.kind == "breakdown"
    write_report(game, tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'class="box crisis"' in page and "Unrest" in page
    assert "verdict-breakdown" in page and "Nobody wins" in page
    tracks = next(c for c in json.loads((tmp_path / "charts.json").read_text())["charts"] if c["id"] == "tracks")
    assert {m["text"] for m in tracks["marks"]} == {"Crisis", "Breakdown"}
    assert {m["round"] for m in tracks["marks"]} == {1}


def test_every_text_colour_reads_on_every_background(report):
    """WCAG's 4.5:1 for text: each colour report.css writes text in, and each faction's name
    as the page colours it, against every background the stylesheet paints (and white)."""
    from game.analysis.report.style import declarations, stylesheet, surfaces, text_colours
    from game.colours import contrast, hex_colour

    css = stylesheet()
    assert ("p", "color", "#123") in declarations(":root { --x:#123; } /* a{color:#fff} */ @media print { p { color: var(--x); } }")
    inks, grounds = text_colours(css), surfaces(css)
    assert hex_colour("#1d2026") in inks and hex_colour("#fbf5e6") in grounds and len(grounds) >= 7  # the parser sees them
    page = (report / "index.html").read_text(encoding="utf-8")
    names = {hex_colour(c) for c in re.findall(r'<b style="color:(#[0-9a-f]{6})">', page)}
    assert len(names) == 5  # one per faction
    low = [(t, g, round(contrast(t, g), 2)) for t in inks | names for g in grounds if contrast(t, g) < 4.5]
    assert not low, f"text under 4.5:1 (text, background, ratio): {low}"


@pytest.mark.parametrize("layout", ["FILE_LAYOUT", "PAGE_LAYOUT", "PHONE_LAYOUT"])
def test_chart_words_read_on_paper_and_on_a_phone(played, layout):
    """Every word a chart draws is at least its layout's smallest size and 4.5:1 against what
    is behind it; the page drawing prints at 8 pt or more across the A4 text width (184 mm),
    the phone drawing shows at 11 CSS px or more across a 390-px phone (350 px of text)."""
    from game.analysis import charts as ch
    from game.colours import contrast

    lay = getattr(ch, layout)
    for d in build_charts(played, trace_game(played)):
        texts = ch.chart_texts(d.chart, lay)
        drawn = {t.text.split("  ")[0] for t in texts} | {f"{a.text} {b.text}" for a, b in zip(texts, texts[1:], strict=False)}
        assert {s.name for s in d.chart.series} <= drawn  # a long name may take two lines
        assert min(t.px for t in texts) >= lay.smallest_text()
        low = [(t.text, round(contrast(t.colour, t.ground), 2)) for t in texts if contrast(t.colour, t.ground) < 4.5]
        assert not low, f"{d.id}: words under 4.5:1 in {layout}: {low}"
    a4_pt = (210 - 26) / 25.4 * 72
    assert ch.PAGE_LAYOUT.smallest_text() * a4_pt / ch.PAGE_LAYOUT.width >= 8
    assert ch.PHONE_LAYOUT.smallest_text() * 350 / ch.PHONE_LAYOUT.width >= 11


def test_each_chart_has_a_heading_its_picture_for_phones_and_its_numbers(report, played):
    page = (report / "index.html").read_text(encoding="utf-8")
    for d in build_charts(played, trace_game(played)):
        figure = page[page.index(f'<figure class="chart" id="chart-{d.id}">') :]
        figure = figure[: figure.index("</figure>")]
        assert figure.index(f"<h3>{html.escape(d.chart.title)}</h3>") < figure.index("<picture>")
        assert '<source media="screen and (max-width: 820px)" srcset="data:image/png;base64,' in figure
        assert f'alt="{html.escape(d.chart.title)}: line chart' in figure and '<table class="data numbers">' in figure


def test_wide_tables_scroll_in_their_own_box(report):
    page = (report / "index.html").read_text(encoding="utf-8")
    assert page.count("<table") == page.count('<div class="scroll"><table')


def test_the_example_report_s_game_replays_on_the_current_rules():
    """docs/example-report/ is linked from the README: after a rules change, run its
    regenerate.py (the save would otherwise say it was made with different rules)."""
    from game.commands.load import load_save_or_report

    example = Path(__file__).resolve().parents[1] / "docs" / "example-report" / "game.json"
    game = load_save_or_report(None, str(example), [])
    assert game is not None and game.over


def test_a_postponed_summit_is_shaded_and_named_in_the_round_it_was_held(rules, tmp_path):
    from game.analysis.report.chart_data import round_axis

    game = next(g for seed in range(1, 40) if (g := play_game(rules, seed, {f.id: "random" for f in rules.factions}, None)).postponed)
    held = [rec.round for rec in game.summits]
    assert held != [r for r in game.t.scenario.summit_rounds if r <= game.round]  # the game moved a summit
    axis = round_axis(game)
    assert [axis.rounds[i] for i in axis.summits] == held
    page = next(p for p in write_report(game, tmp_path / "r") if p.suffix == ".html").read_text(encoding="utf-8")
    named = [int(r) for r in re.findall(r"Round (\d+) · \d+ · Summit", html.unescape(page))]
    assert named == held
