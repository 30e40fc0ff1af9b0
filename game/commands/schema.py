"""`python -m game schema [--manifest] [-o FILE]`: print (or write) the JSON Schema of
rules files or of `mod.yaml`, for editors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.commands import EXIT_BAD_INPUT, EXIT_OK
from game.files import atomic_write
from game.i18n import _
from game.modding.editor_schema import manifest_schema, rules_schema


def schema_text(manifest: bool = False) -> str:
    schema = manifest_schema() if manifest else rules_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def run(args: argparse.Namespace) -> int:
    text = schema_text(args.manifest)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        atomic_write(Path(args.output), text)
    except OSError as e:
        print(_('Cannot write {output}: {strerror}.').format(output=args.output, strerror=e.strerror), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(_('Wrote {output}.').format(output=args.output), file=sys.stderr)
    return EXIT_OK
