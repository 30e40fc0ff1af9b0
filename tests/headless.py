"""Headless Chromium for the browser tests: Debian's chromium through chromium-driver (both
from apt; `.ci/run` installs them when missing; never a browser download), in a fresh
profile that makes no request of its own. Without them a test skips and says why."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
WHY_NOT = None if CHROMIUM and DRIVER else "it needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,800")  # fmt: skip


def chromium(request: pytest.FixtureRequest) -> Iterator:
    """A headless Chromium driver for a fixture to yield (skips, with a printed reason, without one)."""
    if WHY_NOT is not None:
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():  # printed even without -rs
                reporter.write_line(f"\n{request.node.nodeid} skipped: {WHY_NOT}")
        pytest.skip(WHY_NOT)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="cog-chromium-")
    opts = Options()
    opts.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def viewport(driver, w: int, h: int, mobile: bool) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile})
