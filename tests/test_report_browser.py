"""The debrief report in a real browser (headless Chromium, see `headless.py`): on a
390-px phone nothing pushes the page sideways and the charts' words are readable; printed
on A4 the charts span the text width with words of 8 pt or more, and no page holds only
the footer. Screenshots go to docs/screenshots/report/ with COG_SCREENSHOTS=1:

    COG_SCREENSHOTS=1 python -m pytest tests/test_report_browser.py
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions

from game.ai.play import play_game
from game.analysis import charts as ch
from game.analysis.report import write_report
from game.ruleset import load_ruleset

from headless import chromium, viewport

SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "report"
PHONE = (390, 844)
A4_TEXT_WIDTH_MM = 210 - 2 * 13
"""A4 less the report's @page margins (13 mm left and right)."""
CSS_PX_PER_MM = 96 / 25.4
PT_PER_CSS_PX = 0.75


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest):
    yield from chromium(request)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The report of a short bot game with a reason typed in (so every section has content)."""
    rules = load_ruleset().ruleset
    assert rules is not None
    game = play_game(rules, 5, {f.id: "random" for f in rules.factions}, "seminar")
    game.reasons[game.action_starts[0]] = "Keep every door open and let nobody lead the region, whatever it costs."
    out = tmp_path_factory.mktemp("report")
    write_report(game, out)
    return out / "index.html"


def smallest_chart_words(driver) -> list[tuple[str, float, int]]:
    """Each chart on the page: its id, its smallest words in CSS px as shown, its picture's width in px."""
    found = driver.execute_script(
        "return [...document.querySelectorAll('figure.chart')].map(f => {"
        " const img = f.querySelector('img');"
        " return [f.id, img.naturalWidth, img.getBoundingClientRect().width]; })"
    )
    layouts = {ch.PHONE_LAYOUT.width: ch.PHONE_LAYOUT, ch.PAGE_LAYOUT.width: ch.PAGE_LAYOUT}
    return [(fid, layouts[natural].smallest_text() * shown / natural, natural) for fid, natural, shown in found]


def wait_for(driver, script: str, failure: str, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not driver.execute_script(script):
        assert time.monotonic() < end, failure
        time.sleep(0.05)


def loaded(driver) -> None:
    """Wait until the page has loaded with its charts decoded (a page printed in the middle
    of a navigation came out as one blank page once, under load)."""
    wait_for(driver, "return document.readyState === 'complete' && !!document.querySelector('footer') && "
                     "[...document.images].every(i => i.complete && i.naturalWidth > 0)",
             "the report did not finish loading")  # fmt: skip


def printed(driver) -> bytes:
    opts = PrintOptions()
    opts.page_width, opts.page_height = 21.0, 29.7
    opts.background = True
    return base64.b64decode(driver.print_page(opts))


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_report_fits_a_phone_and_its_charts_read_there(browser, report):
    viewport(browser, *PHONE, True)
    browser.get(report.as_uri())
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE[0], f"the page scrolls sideways at {PHONE[0]} px: {width} px wide"
    sticking_out = browser.execute_script(
        "return [...document.querySelectorAll('main *')].filter(e => !e.closest('.scroll') &&"
        f" e.getBoundingClientRect().right > {PHONE[0]}).map(e => e.tagName + '.' + e.className)"
    )
    assert not sticking_out
    charts = smallest_chart_words(browser)
    assert len(charts) >= 3
    for fid, px, natural in charts:
        assert natural == ch.PHONE_LAYOUT.width, f"{fid}: a phone gets the wide drawing"
        assert px >= 11, f"{fid}: its smallest words show at {px:.1f} CSS px on a phone"
    headings = browser.find_elements(By.CSS_SELECTOR, "figure.chart > h3")
    assert len(headings) == len(charts) and all(h.is_displayed() and h.text for h in headings)
    if os.environ.get("COG_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / "report-390x844-top.png"))
        browser.execute_script("document.getElementById('chart-influence-shares').scrollIntoView()")
        browser.save_screenshot(str(SHOTS / "report-390x844-chart.png"))


def test_printed_report_gives_charts_the_text_width_and_no_page_to_the_footer_alone(browser, report):
    text_px = round(A4_TEXT_WIDTH_MM * CSS_PX_PER_MM)
    viewport(browser, text_px, 1000, False)
    browser.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})  # paper has none
    browser.get(report.as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        # The page loaded on a narrow screen, so it shows the phone drawings; the browser
        # swaps in the wide ones for print and decodes them asynchronously (CI once read
        # a chart before its swap).
        loaded(browser)
        wait_for(browser, f"return [...document.querySelectorAll('figure.chart img')].every(i => i.complete && i.naturalWidth === {ch.PAGE_LAYOUT.width})",
                 "paper still shows the phone drawings after 10 s")  # fmt: skip
        main_width = browser.execute_script("return document.querySelector('main').getBoundingClientRect().width")
        for fid, px, natural in smallest_chart_words(browser):
            assert natural == ch.PAGE_LAYOUT.width, f"{fid}: paper gets the phone drawing"
            shown = browser.execute_script(f"return document.querySelector('#{fid} img').getBoundingClientRect().width")
            assert shown >= main_width - 1, f"{fid}: {shown:.0f} px of the {main_width:.0f} px text width"
            assert px * PT_PER_CSS_PX >= 8, f"{fid}: its smallest words print at {px * PT_PER_CSS_PX:.1f} pt"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": False})
    browser.get(report.as_uri())
    loaded(browser)
    pdf = printed(browser)
    pages = page_count(pdf)
    assert 3 <= pages <= 20
    browser.execute_script("document.querySelector('footer').remove()")
    assert page_count(printed(browser)) == pages, "the last printed page holds only the footer"
    if os.environ.get("COG_SCREENSHOTS") == "1" and shutil.which("pdftoppm"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / "report.pdf").write_bytes(pdf)
        try:
            for page, name in ((1, "report-a4-page1"), (2, "report-a4-charts")):
                subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                                str(SHOTS / "report.pdf"), str(SHOTS / name)], check=True)  # fmt: skip
        finally:
            (SHOTS / "report.pdf").unlink()
