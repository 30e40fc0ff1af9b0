"""Content in the reader's language: the rules' names, flavour and rule texts from gettext
catalogues beside the YAML.

Every string a player reads that comes from the rules is a `ContentString` with a message
context `file:id:field` (`cards.yaml:<card>:name`, `factions.yaml:<faction>/<ability>:text`)
and the English as the source. `python -m game translations` writes them as
`<rules>/locale/content.pot` (and a mod's `locale/content.pot`) and refreshes each
`locale/<lang>/content.po` from it; `localize` lays a language's catalogues over a ruleset.

The rule text of a card is generated from its effects (`rule_text`); its English sentence
is the source string, so a translator writes each card's rule as a whole sentence in the
shape of their language. When the lead changes a card's numbers or effects, the English
sentence changes, the old translation no longer matches, and the card reads in English
until the catalogue is refreshed and translated: `validate` counts it as missing.

A localized ruleset plays exactly the same game: only names and texts change, the ids,
numbers, effects and its identity (what a save records) do not.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from game.i18n import ENGLISH, CatalogueError, CatalogueProblem, load_po, placeholders
from game.ruleset.model import Origin, Ruleset
from game.ruleset.rule_text import _list_text, _Names, _sentence, modifier_text

CONTENT = "content"
"""The content catalogue's name: `locale/content.pot`, `locale/<lang>/content.po`."""


@dataclass(frozen=True)
class ContentString:
    context: str
    """`file:id:field`"""
    text: str
    """The English source."""
    origin: Origin


def _file(origin: Origin) -> str:
    return Path(origin.file).name if origin.file else "rules"


def _labels(node: Any) -> Iterator[str]:
    """The labels inside effects and modifiers (choice options, modifiers in force)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "label" and isinstance(v, str) and v:
                yield v
            else:
                yield from _labels(v)
    elif isinstance(node, list | tuple):
        for v in node:
            yield from _labels(v)


def content_strings(rs: Ruleset) -> list[ContentString]:
    """Every string of `rs` a player reads, in file order, each once per context."""
    rs = rs.english or rs
    names = _Names(rs)
    out: list[ContentString] = []

    def add(origin: Origin, key: str, fld: str, text: str) -> None:
        if text and text.strip():
            out.append(ContentString(f"{_file(origin)}:{key}:{fld}", text, origin))

    def rule(origin: Origin, key: str, fld: str, effects: Sequence[dict[str, Any]]) -> None:
        if effects:
            add(origin, key, fld, _list_text(effects, names))
            for label in dict.fromkeys(_labels(list(effects))):
                add(origin, key, "label", label)

    for c in rs.countries:
        add(c.origin, c.id, "name", c.name)
        add(c.origin, c.id, "caps", c.name.upper())  # the map's label: capitals are their own string
    for sp in rs.spaces:
        add(sp.origin, sp.id, "name", sp.name)
    for g in rs.gateways:
        add(g.origin, g.id, "name", g.name)
    for co in rs.corridors:
        add(co.origin, co.id, "name", co.name)
        add(co.origin, co.id, "description", co.description)
    for t in rs.tracks:
        add(t.origin, t.id, "name", t.name)
    for f in rs.factions:
        add(f.origin, f.id, "name", f.name)
        add(f.origin, f.id, "adjective", f.adjective)
        for a in f.abilities:
            key = f"{f.id}/{a.id}"
            add(a.origin, key, "name", a.name)
            add(a.origin, key, "text", a.text)
            for m in a.modifiers:
                add(a.origin, key, "rule", _sentence(modifier_text(m, names, f.id)))
                for label in dict.fromkeys(_labels(m)):
                    add(a.origin, key, "label", label)
    for card in rs.cards:
        add(card.origin, card.id, "name", card.name)
        rule(card.origin, card.id, "rule", card.event)
        add(card.origin, card.id, "flavour", card.flavour)
    for ev in rs.events:
        add(ev.origin, ev.id, "name", ev.name)
        rule(ev.origin, ev.id, "rule", ev.effects)
        add(ev.origin, ev.id, "flavour", ev.flavour)
    for cr in rs.crises:
        add(cr.origin, cr.id, "name", cr.name)
        rule(cr.origin, cr.id, "rule", cr.effects)
        rule(cr.origin, cr.id, "intervention", cr.intervention)
        add(cr.origin, cr.id, "flavour", cr.flavour)
    for sc in rs.scenarios:
        add(sc.origin, sc.id, "name", sc.name)
        add(sc.origin, sc.id, "description", sc.description)
        for fid, text in sc.briefings:
            add(sc.origin, sc.id, f"briefing.{fid}", text)
    seen: set[tuple[str, str]] = set()
    unique = []
    for cs in out:
        if (cs.context, cs.text) not in seen:
            seen.add((cs.context, cs.text))
            unique.append(cs)
    return unique


# ----- catalogues ------------------------------------------------------------------------------
def locale_dirs(rules_dirs: Iterable[Path], mod_folders: Iterable[Path]) -> list[Path]:
    """The `locale/` folders of the rules and mods, in load order (a later one wins)."""
    return [Path(d) / "locale" for d in [*rules_dirs, *mod_folders] if (Path(d) / "locale").is_dir()]


def catalogue_path(locale_dir: Path, lang: str) -> Path:
    return locale_dir / lang / f"{CONTENT}.po"


def content_translations(dirs: Sequence[Path], lang: str) -> tuple[gettext.NullTranslations, list[CatalogueProblem]]:
    """`lang`'s content catalogues of `dirs` as one translator (a later folder's strings
    first), and the problems of any that could not be read (they are left out)."""
    chain: list[gettext.NullTranslations] = []
    problems: list[CatalogueProblem] = []
    if lang != ENGLISH:
        for d in reversed(list(dirs)):
            po = catalogue_path(d, lang)
            if po.is_file():
                try:
                    chain.append(load_po(po))
                except CatalogueError as e:
                    problems.append(e.problem)
    tr: gettext.NullTranslations = chain[0] if chain else gettext.NullTranslations()
    for later in chain[1:]:
        tr.add_fallback(later)
    return tr, problems


def localize(rs: Ruleset, tr: gettext.NullTranslations, lang: str) -> Ruleset:
    """`rs` with its names and texts in `lang` (from `tr`); English where `tr` has nothing."""
    source = rs.english or rs
    if lang == ENGLISH:
        return source

    lookup = tr.pgettext

    def t(origin: Origin, key: str, fld: str, text: str) -> str:
        if not text:
            return text
        got = lookup(f"{_file(origin)}:{key}:{fld}", text)
        return got if placeholders(got) == placeholders(text) else text

    phrases: dict[str, str] = {}
    for s in content_strings(source):
        got = tr.pgettext(s.context, s.text)
        if got != s.text and s.context.rsplit(":", 1)[1] in ("rule", "intervention", "label", "name", "caps"):
            phrases.setdefault(s.text, got)
    out = replace(
        source,
        countries=tuple(replace(c, name=t(c.origin, c.id, "name", c.name)) for c in source.countries),
        spaces=tuple(replace(s, name=t(s.origin, s.id, "name", s.name)) for s in source.spaces),
        gateways=tuple(replace(g, name=t(g.origin, g.id, "name", g.name)) for g in source.gateways),
        corridors=tuple(
            replace(c, name=t(c.origin, c.id, "name", c.name), description=t(c.origin, c.id, "description", c.description))
            for c in source.corridors
        ),
        tracks=tuple(replace(x, name=t(x.origin, x.id, "name", x.name)) for x in source.tracks),
        factions=tuple(
            replace(
                f,
                name=t(f.origin, f.id, "name", f.name),
                adjective=t(f.origin, f.id, "adjective", f.adjective),
                abilities=tuple(
                    replace(a, name=t(a.origin, f"{f.id}/{a.id}", "name", a.name), text=t(a.origin, f"{f.id}/{a.id}", "text", a.text))
                    for a in f.abilities
                ),
            )
            for f in source.factions
        ),
        cards=tuple(
            replace(c, name=t(c.origin, c.id, "name", c.name), flavour=t(c.origin, c.id, "flavour", c.flavour))
            for c in source.cards
        ),
        events=tuple(
            replace(e, name=t(e.origin, e.id, "name", e.name), flavour=t(e.origin, e.id, "flavour", e.flavour))
            for e in source.events
        ),
        crises=tuple(
            replace(c, name=t(c.origin, c.id, "name", c.name), flavour=t(c.origin, c.id, "flavour", c.flavour))
            for c in source.crises
        ),
        scenarios=tuple(
            replace(
                s,
                name=t(s.origin, s.id, "name", s.name),
                description=t(s.origin, s.id, "description", s.description),
                briefings=tuple((fid, t(s.origin, s.id, f"briefing.{fid}", text)) for fid, text in s.briefings),
            )
            for s in source.scenarios
        ),
        language=lang,
        phrases=phrases,
        english=source,
    )
    return out


def country_caps(rs: Ruleset, country_id: str) -> str:
    """A country's name in capitals for the map: the catalogue's own capitalised form
    (Turkish TACİKİSTAN, not Python's TACIKISTAN); without one, the name as it is written."""
    source = rs.english or rs
    english = next((c.name for c in source.countries if c.id == country_id), country_id).upper()
    if rs.language == ENGLISH or rs.english is None:
        return english
    got = rs.phrase(english)
    return got if got != english else next((c.name for c in rs.countries if c.id == country_id), country_id)


@dataclass(frozen=True)
class Coverage:
    lang: str
    translated: int
    total: int
    missing: tuple[ContentString, ...]
    problems: tuple[str, ...]
    """Catalogue problems: unreadable files, placeholders that do not match the source."""

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def coverage(rs: Ruleset, dirs: Sequence[Path], lang: str) -> Coverage:
    """How much of `rs`'s content `lang`'s catalogues translate; what is missing reads in English."""
    tr, problems = content_translations(dirs, lang)
    strings = content_strings(rs)
    missing: list[ContentString] = []
    bad: list[str] = [str(p) for p in problems]
    for s in strings:
        got = tr.pgettext(s.context, s.text)
        if got == s.text and not _same_in_language(s.text):
            missing.append(s)
        elif placeholders(got) != placeholders(s.text):
            bad.append(f"{s.origin}: the {lang} text of {s.context} has placeholders {sorted(placeholders(got))}, "
                       f"the English {sorted(placeholders(s.text))} — use the English names")  # fmt: skip
            missing.append(s)
    return Coverage(lang, len(strings) - len(missing), len(strings), tuple(missing), tuple(bad))


def _same_in_language(text: str) -> bool:
    """Strings that read the same in every language (numbers, acronyms like `TAPI`)."""
    return not any(ch.isalpha() for ch in text) or (text.isupper() and len(text) <= 6)


def content_languages(dirs: Sequence[Path]) -> list[str]:
    """Languages with a content catalogue in `dirs`."""
    found: set[str] = set()
    for d in dirs:
        if d.is_dir():
            found.update(p.name for p in d.iterdir() if p.is_dir() and (p / f"{CONTENT}.po").is_file())
    return sorted(found)


def localize_loaded(rs: Ruleset, rules_dir: str | Path | None, mod_folders: Iterable[Path], lang: str) -> Ruleset:
    """`rs` (loaded from `rules_dir`, default the base rules, with mods in `mod_folders`)
    in `lang`, from the catalogues beside the rules and in each mod. A catalogue that
    cannot be read is left out (`validate` names it)."""
    from game.ruleset import BASE_RULES_DIR

    if lang == ENGLISH:
        return rs.english or rs
    root = Path(rules_dir) if rules_dir else BASE_RULES_DIR
    dirs = locale_dirs([root if root.is_dir() else root.parent], mod_folders)
    tr, _problems = content_translations(dirs, lang)
    return localize(rs, tr, lang)
