"""Rules and saves for a command: the thing itself, or None after saying what is wrong."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from game.engine import Game, SaveError
from game.engine.messages import translate_text
from game.i18n import _, language, translator
from game.ruleset import load_ruleset
from game.ruleset.localize import localize_loaded
from game.ruleset.model import Ruleset
from game.savefile import read_save


def load_rules_or_report(rules_dir: str | None, mods: Sequence[str] = ()) -> Ruleset | None:
    """The ruleset (with `mods` laid over it), or None after printing every problem."""
    result = load_ruleset([rules_dir] if rules_dir else None, mods=mods)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.ruleset is None:
        print(_("The rules have problems (listed above); fix them or run `python -m game validate`."), file=sys.stderr)
        return None
    return localize_loaded(result.ruleset, rules_dir, [m.folder for m in result.mods], language())


def load_save_or_report(rules_dir: str | None, save_path: str, mods: Sequence[str] = ()) -> Game | None:
    """The saved game, replayed on the rules with `mods`; or None after one sentence on stderr."""
    ruleset = load_rules_or_report(rules_dir, mods)
    if ruleset is None:
        return None
    try:
        return Game.from_json(ruleset, read_save(save_path))
    except SaveError as e:
        print(f"{save_path}: {save_problem(e)}", file=sys.stderr)
        return None


def save_problem(e: SaveError) -> str:
    """Why a save cannot be loaded, in the reader's language (`SaveError` holds the engine's
    sentence, `messages.Text`)."""
    return str(translate_text(e.args[0], translator())) if e.args else str(e)
