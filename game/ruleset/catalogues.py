"""Checking and refreshing the gettext catalogues: the UI's (`game/locale`) and the
content's (`<rules>/locale`, a mod's `locale/`).

`check_languages` is what `validate` prints: per language, the share of UI strings and
of content strings translated (the rest reads in English), and every problem of a
catalogue as `file:line: message` — a placeholder that is not the source's, a plural
with the wrong number of forms for its header, a character no bundled font can draw,
a file that is not a catalogue. `refresh` regenerates the `.pot` templates from the code
and the YAML and merges them into every `.po` (`python -m game translations`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.i18n import DOMAIN, ENGLISH, LOCALE_DIR, CatalogueError, placeholders, read_catalogue
from game.i18n.fonts import missing_glyphs
from game.ruleset.geometry import BASE_MAP, MAP_NAME_CONTEXT, background_names
from game.ruleset.localize import CONTENT, content_strings
from game.ruleset.model import Ruleset

UI_POT = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "Nn_": (1, 2), "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


@dataclass
class LanguageReport:
    lang: str
    ui_translated: int = 0
    ui_total: int = 0
    content_translated: int = 0
    content_total: int = 0
    problems: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @staticmethod
    def _pc(a: int, b: int) -> str:
        return f"{100.0 * a / b:.1f}%" if b else "—"

    def line(self) -> str:
        return (f"{self.lang}: UI {self.ui_translated}/{self.ui_total} ({self._pc(self.ui_translated, self.ui_total)}), "
                f"content {self.content_translated}/{self.content_total} "
                f"({self._pc(self.content_translated, self.content_total)})")  # fmt: skip


def _key(message: Any) -> tuple[str | None, str]:
    mid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return (message.context, mid)


def _translated(message: Any) -> bool:
    s = message.string
    return not message.fuzzy and (all(s) if isinstance(s, tuple | list) else bool(s))


def _check_catalogue(path: Path, shown: str, report: LanguageReport) -> set[tuple[str | None, str]]:
    """Problems of one `.po` into `report`; the keys it translates."""
    try:
        cat = read_catalogue(path, shown)
    except CatalogueError as e:
        report.problems.append(str(e))
        return set()
    done: set[tuple[str | None, str]] = set()
    nplurals = cat.num_plurals
    texts: list[str] = []
    for m in cat:
        if not m.id or not _translated(m):
            continue
        line = m.lineno or 0
        ids = list(m.id) if isinstance(m.id, tuple | list) else [m.id]
        strings = list(m.string) if isinstance(m.string, tuple | list) else [m.string]
        if len(ids) > 1 and len(strings) != nplurals:
            report.problems.append(f"{shown}:{line}: {len(strings)} plural forms, but the header says "
                                   f"nplurals={nplurals} — give one msgstr[i] per form")  # fmt: skip
        want = set().union(*(placeholders(i) for i in ids))
        for s in strings:
            got = placeholders(s)
            # a plural form may leave out the number (Russian "one" also covers 21, 31 …)
            if not got <= want or (len(ids) == 1 and got != want):
                report.problems.append(f"{shown}:{line}: the placeholders {{{'}, {'.join(sorted(got))}}} are not the "
                                       f"source's {{{'}, {'.join(sorted(want))}}} — keep the English names inside braces")  # fmt: skip
        texts.extend(strings)
        done.add(_key(m))
    for font, chars in missing_glyphs(texts).items():
        report.problems.append(f"{shown}:0: the font {font} has no glyph for {' '.join(chars)} — "
                               "use another character or add a font that has it to assets/fonts")  # fmt: skip
    return done


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def ui_template_keys() -> set[tuple[str | None, str]]:
    try:
        return {_key(m) for m in read_catalogue(UI_POT) if m.id}
    except CatalogueError:
        return set()


def ui_po(folder: Path, lang: str) -> Path | None:
    for p in (folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po", folder / lang / f"{DOMAIN}.po"):
        if p.is_file():
            return p
    return None


def languages_of(dirs: Iterable[Path]) -> list[str]:
    found: set[str] = set()
    for d in dirs:
        if d.is_dir():
            found.update(p.name for p in d.iterdir() if p.is_dir() and not p.name.startswith("."))
    return sorted(found - {ENGLISH})


def check_languages(rs: Ruleset, content_dirs: Sequence[Path], ui_dirs: Sequence[Path] = (LOCALE_DIR,)) -> list[LanguageReport]:
    """Coverage and problems of every language found in the UI and content catalogues."""
    ui_keys = ui_template_keys()
    strings = content_strings(rs)
    content_keys = {(s.context, s.text) for s in strings}
    reports = []
    for lang in languages_of([*ui_dirs, *content_dirs]):
        r = LanguageReport(lang, ui_total=len(ui_keys), content_total=len(content_keys))
        ui_done: set[tuple[str | None, str]] = set()
        for d in ui_dirs:
            po = ui_po(d, lang)
            if po is not None:
                ui_done |= _check_catalogue(po, _shown(po), r)
        content_done: set[tuple[str | None, str]] = set()
        for d in content_dirs:
            po = d / lang / f"{CONTENT}.po"
            if po.is_file():
                content_done |= _check_catalogue(po, _shown(po), r)
        r.ui_translated = len(ui_keys & ui_done)
        r.content_translated = len(content_keys & content_done)
        r.missing = [f"{s.origin}: {s.context}" for s in strings if (s.context, s.text) not in content_done]
        reports.append(r)
    return reports


# ----- refreshing ------------------------------------------------------------------------------
def ui_template(root: Path | None = None):  # type: ignore[no-untyped-def]
    """The UI strings of the code, extracted with Babel (what `pybabel extract` writes)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    package = root or LOCALE_DIR.parent
    cat = Catalog(project="Center of Gravity", charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(package), method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        cat.add(message, None, [(f"game/{filename}", lineno)], auto_comments=comments, context=context)
    for name in background_names():  # the map's own words: names read from its file, not the code
        cat.add(name, None, [(f"assets/map/{BASE_MAP.name}", 1)], context=MAP_NAME_CONTEXT)
    return cat


def content_template(rs: Ruleset):  # type: ignore[no-untyped-def]
    from babel.messages.catalog import Catalog

    cat = Catalog(project="Center of Gravity content", charset="utf-8")
    for s in content_strings(rs):
        cat.add(s.text, None, [(s.origin.file, s.origin.line)], context=s.context)
    return cat


def refresh(template: Any, pot: Path, locale_dir: Path, name: str, langs: Sequence[str] = ()) -> list[Path]:
    """Write `template` to `pot` and merge it into `locale_dir/<lang>/…/name.po` for every
    language there (and `langs`, created if new). Returns the files written."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    written = []
    pot.parent.mkdir(parents=True, exist_ok=True)
    with pot.open("wb") as f:
        write_po(f, template, width=100, omit_header=False, sort_output=False)
    written.append(pot)
    existing = {p.name for p in locale_dir.iterdir() if p.is_dir()} if locale_dir.is_dir() else set()
    for lang in sorted(existing | set(langs)):
        if lang.startswith(".") or lang == ENGLISH:
            continue
        path = ui_po(locale_dir, lang) if name == DOMAIN else locale_dir / lang / f"{name}.po"
        if path is None:
            path = locale_dir / lang / "LC_MESSAGES" / f"{name}.po"
        if path.is_file():
            cat = read_catalogue(path)
        else:
            cat = Catalog(locale=lang, charset="utf-8")
        cat.update(template, update_header_comment=False)
        cat.obsolete.clear()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, cat, width=100, sort_output=False, omit_header=False, include_previous=False)
        written.append(path)
    return written
