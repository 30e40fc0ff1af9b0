"""Shared test set-up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from game.i18n import set_language


@pytest.fixture(autouse=True)
def _english_at_the_start(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test begins in English. A window opened in another language (`App(lang=…)`)
    makes that language the reader's for the whole process, so a test that read English
    failed or passed by which tests its worker had run before (in CI: `button_tip` read the
    pseudo-locale after the action-bar test's last language, `qps`)."""
    # The system's language is English too, for the code that asks it (a window without a saved
    # setting, `main` without --lang) and for every `python -m game` a test starts: on a machine
    # whose LANG is Russian, 71 tests read Russian where they expected English (stop 63).
    monkeypatch.setenv("LANGUAGE", "en")
    set_language("en")
    yield
