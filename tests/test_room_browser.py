"""The team page in a real browser: Debian's chromium through chromium-driver (both from apt;
`.ci/run` installs them when missing; never a browser download), against a real host on
127.0.0.1. Two team pages and a spectator page; the teams play by clicking. Screenshots of
the team page at 390×844 and 1280×800 go to docs/screenshots/room/ with COG_SCREENSHOTS=1:

    COG_SCREENSHOTS=1 python -m pytest tests/test_room_browser.py
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from game.ruleset import load_ruleset

from headless import chromium, viewport
from room_clients import Page, hosting, new_game

SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "room"


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest):
    yield from chromium(request)


def _version(driver) -> int:
    return int(driver.find_element(By.TAG_NAME, "body").get_attribute("data-version") or -1)


def _wait(pred, timeout: float = 8.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return
        time.sleep(0.05)
    raise AssertionError("the page did not get there in time")


def _click_one_step(driver) -> str:
    """Click what the page offers (a card, a lit space, a button); the action clicked."""
    v = _version(driver)
    for css in ("#hand .card.playable", "path.space.target", "#choices button[data-action]"):
        found = driver.find_elements(By.CSS_SELECTOR, css)
        if found:
            el = found[0]
            action = el.get_attribute("data-action") or el.get_attribute("data-space") or ""
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
            if css.startswith("path"):
                driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", el)
            else:
                el.click()
            _wait(lambda: _version(driver) > v)
            return action
    raise AssertionError("the page offered nothing to click")


def test_two_teams_play_by_clicking_and_a_spectator_watches(browser):
    rs = load_ruleset().ruleset
    game = new_game(rs, seed=21)
    with hosting(game) as host:
        order = list(game.view(None).turn_order)
        first, second = order[0], order[1]
        others = {f: Page(host.ws_url, host.room.token_of(f)) for f in order[2:]}
        base = f"http://127.0.0.1:{host.room.port}/"
        browser.get(base + "#team=" + (host.room.token_of(first) or ""))
        tabs = {first: browser.current_window_handle}
        for key, frag in ((second, "#team=" + (host.room.token_of(second) or "")), ("spectator", "#spectate")):
            browser.switch_to.new_window("tab")
            browser.get(base + frag)
            tabs[key] = browser.current_window_handle
        for handle in tabs.values():
            browser.switch_to.window(handle)
            _wait(lambda: _version(browser) >= 1)
            _wait(lambda: bool(browser.find_elements(By.CSS_SELECTOR, "path.space")))  # the map came from /map.json
        browser.switch_to.window(tabs["spectator"])
        assert browser.find_element(By.ID, "who").text == "Spectator"
        assert not browser.find_elements(By.CSS_SELECTOR, "#hand .card") and browser.find_element(By.ID, "hand-panel").get_attribute("hidden")
        log_before = len(browser.find_elements(By.CSS_SELECTOR, "#log li"))

        # the first team: its hand with the cards' full text, then its action by clicks
        browser.switch_to.window(tabs[first])
        assert browser.find_element(By.ID, "who").text == rs.factions[[f.id for f in rs.factions].index(first)].name
        cards = browser.find_elements(By.CSS_SELECTOR, "#hand .card")
        assert cards and all(c.find_element(By.CSS_SELECTOR, ".meta").text for c in cards)
        if os.environ.get("COG_SCREENSHOTS") == "1":
            SHOTS.mkdir(parents=True, exist_ok=True)
            viewport(browser, 390, 844, True)
            time.sleep(0.3)
            browser.save_screenshot(str(SHOTS / "team-390x844.png"))
            viewport(browser, 1280, 800, False)
            time.sleep(0.3)
            browser.save_screenshot(str(SHOTS / "team-1280x800.png"))
        clicked = []
        while game.actor == first and len(clicked) < 12:
            clicked.append(_click_one_step(browser))
        assert clicked and game.actor != first
        _wait(lambda: browser.find_element(By.ID, "reason").is_displayed())  # "Why?" after the action
        browser.find_element(By.ID, "reason-text").send_keys("testing the room")
        browser.find_element(By.ID, "reason-save").click()
        _wait(lambda: "testing the room" in game.reasons.values())

        # the second team, in its own tab, clicks its action too
        browser.switch_to.window(tabs[second])
        _wait(lambda: browser.find_element(By.TAG_NAME, "body").get_attribute("data-mine") == "yes")
        steps = 0
        while game.actor == second and steps < 12:
            _click_one_step(browser)
            steps += 1
        assert game.actor != second

        if os.environ.get("COG_SCREENSHOTS") == "1":
            viewport(browser, 1280, 800, False)
            browser.save_screenshot(str(SHOTS / "team-waiting-1280x800.png"))

        browser.switch_to.window(tabs["spectator"])
        _wait(lambda: len(browser.find_elements(By.CSS_SELECTOR, "#log li")) > log_before)
        for page in others.values():
            page.close()


def test_a_team_page_reads_in_the_hosts_language(browser):
    """Hosted in Russian, the page's own words (headings, buttons, the line under the
    header) are Russian like the game's (faction names, prompt, cards, log)."""
    from game.i18n import set_language
    from game.ruleset.localize import localize_loaded

    base = load_ruleset().ruleset
    assert base is not None
    rs = localize_loaded(base, None, [], "ru")
    assert rs is not None
    try:
        set_language("ru")
        game = new_game(rs, seed=21)
        with hosting(game) as host:
            first = game.view(None).turn_order[0]
            browser.get(f"http://127.0.0.1:{host.room.port}/#team=" + (host.room.token_of(first) or ""))
            _wait(lambda: _version(browser) >= 1)
            _wait(lambda: bool(browser.find_elements(By.CSS_SELECTOR, "#hand .card")))
            assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
            assert browser.find_element(By.CSS_SELECTOR, "#hand-panel h2").text == "Ваши карты"
            assert [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#scores th")][:2] == ["Сторона", "ПО"]
            assert "раунд" in browser.find_element(By.ID, "when").text
            assert "цена" in browser.find_element(By.CSS_SELECTOR, "#hand .card .meta").text
            # and the engine's sentences: the prompt, the steps' words, a card's domain
            assert "выберите действие" in browser.find_element(By.ID, "prompt").text
            assert any("Пас" in b.text for b in browser.find_elements(By.CSS_SELECTOR, "#choices button"))
            metas = " ".join(m.text for m in browser.find_elements(By.CSS_SELECTOR, "#hand .card .meta"))
            assert not any(d in metas for d in ("soft power", "security", "trade")), metas
            if os.environ.get("COG_SCREENSHOTS") == "1":
                viewport(browser, 390, 844, True)
                time.sleep(0.3)
                browser.save_screenshot(str(SHOTS / "team-ru-390x844.png"))
                viewport(browser, 1280, 800, False)
    finally:
        set_language("en")
