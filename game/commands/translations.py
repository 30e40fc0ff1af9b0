"""`python -m game translations [--mod PATH] [--new LANG]`: regenerate the catalogue
templates and merge them into every translation.

- `game/locale/game.pot` from the code's `_()`, `ngettext()`, `pgettext()` and `N_()`
  (what `pybabel extract -F babel.cfg -k N_ -o game/locale/game.pot game` writes), merged
  into `game/locale/<lang>/LC_MESSAGES/game.po`;
- `<rules>/locale/content.pot` from the YAML (names, flavour, rule texts; context
  `file:id:field`), merged into `<rules>/locale/<lang>/content.po`;
- with `--mod`, the mod's own `locale/content.pot` (the strings its files add or change).

Strings whose English changed lose their translation (they read in English and `validate`
counts them) until a translator fills them in again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.i18n import DOMAIN, LOCALE_DIR, _
from game.ruleset import BASE_RULES_DIR, load_ruleset
from game.ruleset.catalogues import UI_POT, content_template, refresh, ui_template
from game.ruleset.localize import CONTENT


def run(args: argparse.Namespace) -> int:
    root = Path(args.rules) if args.rules else BASE_RULES_DIR
    base = load_ruleset([root])
    if base.ruleset is None:
        print(_("The rules have problems; run `python -m game validate` first."), file=sys.stderr)
        return EXIT_BAD_INPUT
    written = refresh(ui_template(), UI_POT, LOCALE_DIR, DOMAIN, args.new)
    written += refresh(content_template(base.ruleset), root / "locale" / f"{CONTENT}.pot", root / "locale", CONTENT, args.new)
    if args.mod:
        result = load_ruleset([root], mods=args.mod)
        if result.ruleset is None:
            print(_("The rules with the mod have problems; run `python -m game validate --mod …` first."), file=sys.stderr)
            return EXIT_BAD_INPUT
        ours = {(s.context, s.id) for s in content_template(base.ruleset)}
        for mod in result.mods:
            template = content_template(result.ruleset)
            for m in list(template):
                if m.id and (m.context, m.id) in ours:
                    template.delete(m.id, m.context)
            written += refresh(template, mod.folder / "locale" / f"{CONTENT}.pot", mod.folder / "locale", CONTENT, args.new)
    for p in written:
        print(f"wrote {p}")
    return EXIT_OK
