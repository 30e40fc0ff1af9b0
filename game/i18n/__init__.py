"""The languages of the game: gettext catalogues, the reader's language, and the translator.

Two kinds of catalogue, both plain gettext `.po` files read with Babel:

- **UI strings** (`game/locale/<lang>/LC_MESSAGES/game.po`, domain `game`): every
  sentence the window, the report and the command line write, marked in the code with
  `_()`, `ngettext()`, `pgettext()` or `N_()` and extracted by
  `pybabel extract -F babel.cfg -o game/locale/game.pot game` (or
  `python -m game translations`).
- **Content** (`rules/base/locale/<lang>/content.po`, and a mod's `locale/<lang>/`):
  the names, flavour and rule texts of the YAML, with a message context per
  `file:id:field`; `game.ruleset.localize` lays them over a ruleset.

A `.po` file is compiled in memory when first used (Babel's `read_po` / `write_mo`, then
`gettext.GNUTranslations`), so a fresh clone needs no build step and there is no `.mo`
to go stale. A missing catalogue or string falls back to English
(`gettext.translation(..., fallback=True)` semantics); a broken `.po` gives a sentence
with its `file:line` (see `catalogue_problems`), never a traceback.

The plural forms come from each catalogue's header (Russian has three), so code says
`ngettext("{count} card", "{count} cards", n).format(count=n)`, never `if n == 1`.

Language packs: a mod folder with `locale/<lang>/game.po` adds UI strings in a language
(`register_locale_dir`), and its `content.po` translates the rules it is loaded with.
"""

from __future__ import annotations

import gettext
import io
import locale as _locale
import os
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

DOMAIN = "game"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""game/locale: the UI catalogues (`<lang>/LC_MESSAGES/game.po`) and `game.pot`."""

ENGLISH = "en"
PSEUDO = "qps"
"""The pseudo-locale: every string accented and about 35% longer (layout tests)."""

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "kk": "Қазақша",
    "tr": "Türkçe",
    "uz": "Oʻzbekcha",
    PSEUDO: "[Ƥśéûδô]",
}
"""Each language's name in itself (the Settings list shows these, never translated)."""

_lock = threading.RLock()
_extra_dirs: list[Path] = []
_cache: dict[tuple[str, tuple[Path, ...]], gettext.NullTranslations] = {}
_current: str = ENGLISH


# ----- reading catalogues ----------------------------------------------------------------------
@dataclass(frozen=True)
class CatalogueProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class CatalogueError(ValueError):
    """A `.po` file that cannot be read; `str()` is a sentence with its place."""

    def __init__(self, problem: CatalogueProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_catalogue(path: Path, display: str | None = None):
    """A `.po` file as a Babel `Catalog`; CatalogueError with `file:line` if it is broken."""
    from babel.messages.pofile import PoFileError, read_po

    shown = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CatalogueError(CatalogueProblem(shown, 0, f"cannot be read ({e.strerror or e}) — check the file")) from None
    try:
        return read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8")
    except PoFileError as e:
        line = _line_of(str(e))
        raise CatalogueError(
            CatalogueProblem(shown, line, f"is not a valid gettext catalogue ({_short(str(e))}) — fix that line, "
                                          "or delete the file to fall back to English")  # fmt: skip
        ) from None
    except (UnicodeDecodeError, ValueError, IndexError, KeyError) as e:
        raise CatalogueError(
            CatalogueProblem(shown, 0, f"is not a valid UTF-8 gettext catalogue ({_short(str(e))}) — save it as UTF-8 "
                                       "or delete it to fall back to English")  # fmt: skip
        ) from None


def _line_of(text: str) -> int:
    m = re.search(r"line (\d+)", text) or re.search(r"\b(\d+)\b", text)
    return int(m.group(1)) if m else 0


def _short(text: str) -> str:
    return text.strip().splitlines()[0][:160] if text.strip() else "unreadable"


def compile_catalogue(catalog) -> gettext.GNUTranslations:
    """A Babel catalogue as a gettext translations object (compiled in memory)."""
    from babel.messages.mofile import write_mo

    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def load_po(path: Path, display: str | None = None) -> gettext.GNUTranslations:
    """A `.po` file, ready to translate (CatalogueError if it is broken)."""
    return compile_catalogue(read_catalogue(path, display))


# ----- the pseudo-locale -----------------------------------------------------------------------
_ACCENTED = str.maketrans(
    "abcdeghiklmnoprstuwyzABCDEGHIKLMNOPRSTUWYZ",
    "åƀçδéğĥîķļɱñöþŕšţûŵýžÅƁÇĐÉĞĤÎĶĻṀÑÖÞŔŠŢÛŴÝŽ",
)
_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|%\([a-z_]+\)[sd]|%[sd])")


def pseudo(text: str) -> str:
    """`text` accented and about 35% longer, its placeholders untouched:
    >>> pseudo("Play {card}")
    '[Þļåý {card}··]'
    """
    if not text:
        return text
    parts = _PLACEHOLDER.split(text)
    body = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTED) for p in parts)
    pad = max(1, round(len(text) * 0.35) - 2)
    return f"[{body}{'·' * pad}]"


class PseudoTranslations(gettext.NullTranslations):
    """Translates every string to its pseudo form (plural rule of English)."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(super().ngettext(msgid1, msgid2, n))

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(super().ngettext(msgid1, msgid2, n))


# ----- languages and the current translator -----------------------------------------------------
def register_locale_dir(path: Path) -> None:
    """Add a language pack's `locale/` folder (a mod's): its `<lang>/game.po` or
    `<lang>/LC_MESSAGES/game.po` adds UI strings; the game's own catalogue comes first."""
    path = Path(path)
    with _lock:
        if path not in _extra_dirs and path.is_dir():
            _extra_dirs.append(path)
            _cache.clear()


def locale_dirs() -> list[Path]:
    return [LOCALE_DIR, *_extra_dirs]


def _ui_po(folder: Path, lang: str) -> Path | None:
    for p in (folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po", folder / lang / f"{DOMAIN}.po"):
        if p.is_file():
            return p
    return None


def available_languages(dirs: Iterable[Path] | None = None) -> list[str]:
    """English and every language with a UI catalogue, English first."""
    found: set[str] = set()
    for d in locale_dirs() if dirs is None else dirs:
        if d.is_dir():
            found.update(p.name for p in d.iterdir() if p.is_dir() and _ui_po(d, p.name))
    return [ENGLISH, *sorted(found - {ENGLISH})]


def normalise(lang: str | None) -> str:
    """`ru_RU.UTF-8` -> `ru`; `kk-KZ` -> `kk`; None or `C` -> `en`."""
    if not lang:
        return ENGLISH
    code = re.split(r"[_.@-]", lang.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) and code not in ("c", "posix") else ENGLISH


def system_language() -> str:
    """The system's language if the game has it, else English (`$LANGUAGE`, `$LC_ALL`,
    `$LC_MESSAGES`, `$LANG`, then the locale module)."""
    have = available_languages()
    candidates: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            candidates.extend(value.split(":"))
    try:
        loc = _locale.getlocale()[0]
    except ValueError:
        loc = None
    if loc:
        candidates.append(loc)
    for c in candidates:
        code = normalise(c)
        if code in have:
            return code
    return ENGLISH


def translation(lang: str) -> gettext.NullTranslations:
    """The UI translations of `lang` (English, i.e. the source strings, if there are none).
    A broken catalogue is skipped (`catalogue_problems` names it)."""
    lang = normalise(lang) if lang != PSEUDO else PSEUDO
    with _lock:
        key = (lang, tuple(_extra_dirs))
        hit = _cache.get(key)
        if hit is not None:
            return hit
        tr: gettext.NullTranslations
        if lang == PSEUDO:
            tr = PseudoTranslations()
        else:
            tr = gettext.NullTranslations()
            chain: list[gettext.NullTranslations] = []
            for d in locale_dirs():
                po = _ui_po(d, lang) if lang != ENGLISH else None
                if po is None:
                    continue
                try:
                    chain.append(load_po(po))
                except CatalogueError:
                    continue
            if chain:
                tr = chain[0]
                for later in chain[1:]:
                    tr.add_fallback(later)
        _cache[key] = tr
        return tr


def catalogue_problems(lang: str) -> list[CatalogueProblem]:
    out: list[CatalogueProblem] = []
    for d in locale_dirs():
        po = _ui_po(d, lang)
        if po is None:
            continue
        try:
            read_catalogue(po)
        except CatalogueError as e:
            out.append(e.problem)
    return out


def set_language(lang: str | None) -> str:
    """Make `lang` the reader's language (None: the system's); returns the one chosen."""
    global _current
    chosen = system_language() if lang is None else (PSEUDO if lang == PSEUDO else normalise(lang))
    with _lock:
        _current = chosen
    return chosen


def language() -> str:
    return _current


def translator(lang: str | None = None) -> gettext.NullTranslations:
    """The translations of `lang` (default: the current language)."""
    return translation(_current if lang is None else lang)


def _(message: str) -> str:
    """`message` in the reader's language."""
    return translator().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of `singular`/`plural` for `n` in the reader's language (its catalogue's
    plural rule: Russian 1 / 2–4 / 5–20 …)."""
    return translator().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translator().pgettext(context, message)


def caps(text: str) -> str:
    """A heading in capitals — in English only. Case mapping is wrong for other languages
    (Turkish i → İ, ı → I: Python's `upper` makes "Tacikistan" "TACIKISTAN"), so a
    translated text stays as the translator wrote it; a capitalised form is its own string."""
    return text.upper() if _current == ENGLISH else text


def N_(message: str) -> str:
    """Marks a string for extraction, translated later (`_(VALUE)` where it is shown)."""
    return message


def plural_count(lang: str) -> int:
    """How many plural forms `lang`'s UI catalogue declares (2 without one)."""
    tr = translation(lang)
    return int(getattr(tr, "_nplurals", None) or _nplurals_of(tr) or 2)


def _nplurals_of(tr: gettext.NullTranslations) -> int | None:
    info = tr.info() if hasattr(tr, "info") else {}
    m = re.search(r"nplurals\s*=\s*(\d+)", info.get("plural-forms", ""))
    return int(m.group(1)) if m else None


def placeholders(text: str) -> set[str]:
    """The named placeholders of a string: `{name}` and `%(name)s`."""
    return set(re.findall(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}", text)) | set(re.findall(r"%\(([a-zA-Z_]+)\)[sd]", text))


def glyphs(texts: Sequence[str]) -> set[str]:
    """Every character the texts need a font to draw (not spaces or controls)."""
    return {ch for t in texts for ch in t if ch.isprintable() and not ch.isspace()}
