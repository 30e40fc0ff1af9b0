"""`python -m game docs [--check]`: regenerate `docs/MODDING.md` and `docs/schema/*.json`
from the code, or with `--check` only say whether the committed files are up to date
(exit 1 if not)."""

from __future__ import annotations

import argparse
import sys

from game.commands import EXIT_BAD_INPUT, EXIT_OK, EXIT_STALE
from game.files import atomic_write
from game.i18n import _
from game.modding.reference import DOCS_DIR, generated_files
from game.ruleset.mods import display_path


def run(args: argparse.Namespace) -> int:
    files = generated_files()
    stale = [path for path, text in files.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(_('{display_path} is out of date — run `python -m game docs`.').format(display_path=display_path(path)), file=sys.stderr)
        if not stale:
            print(_("The generated docs are up to date."), file=sys.stderr)
        return EXIT_STALE if stale else EXIT_OK
    for path in stale:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, files[path])
        except OSError as e:
            print(_('Cannot write {display_path}: {strerror}.').format(display_path=display_path(path), strerror=e.strerror), file=sys.stderr)
            return EXIT_BAD_INPUT
        print(_('Wrote {display_path}.').format(display_path=display_path(path)), file=sys.stderr)
    if not stale:
        print(_('{display_path}: the generated docs were already up to date.').format(display_path=display_path(DOCS_DIR)), file=sys.stderr)
    return EXIT_OK
