"""Reading YAML with the place of every value, and nothing but plain data.

Rules files come from modders, so they are read as untrusted input: PyYAML's safe
event parser (libyaml's when available) turns the text into events, and a small
composer here builds `YMap` / `YList` / `YScalar` nodes that remember their
`file:line:column`. No Python object is ever constructed from a tag, aliases are
refused (no "billion laughs"), nesting and file size are bounded, and every failure
becomes a `Problem`, never an exception.

Scalars are resolved with the YAML 1.2 core schema, not PyYAML's YAML 1.1 one: only
`true`/`false` are booleans (`on`, `yes`, `no` stay words), and dates stay text.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.reader import ReaderError

from game.ruleset.model import Origin
from game.ruleset.problems import Problem

MAX_BYTES = 2 * 1024 * 1024
"""Rules files are small; anything bigger is refused before parsing."""
MAX_DEPTH = 50
"""Rules nest a few levels (an effect in a choice in a condition …), never fifty."""

# The safe event parser only: no constructor is ever run on these events.
_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Scalar = str | int | float | bool | None


@dataclass(frozen=True, slots=True, eq=False)
class YScalar:
    value: Scalar
    text: str
    """The text as written (keys use it, so `on:` stays the word `on`)."""
    origin: Origin


@dataclass(frozen=True, slots=True, eq=False)
class YList:
    items: tuple[YNode, ...]
    origin: Origin


@dataclass(frozen=True, slots=True, eq=False)
class YPair:
    key: YScalar
    value: YNode


@dataclass(frozen=True, slots=True, eq=False)
class YMap:
    items: dict[str, YPair]
    """Keys (as written) to (key node, value node), in file order."""
    origin: Origin

    def get(self, key: str) -> YNode | None:
        pair = self.items.get(key)
        return None if pair is None else pair.value


YNode = YScalar | YList | YMap


def plain(node: YNode) -> Any:
    """The node as plain Python data: dicts, lists, str, int, float, bool, None."""
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YList):
        return [plain(item) for item in node.items]
    return {key: plain(pair.value) for key, pair in node.items.items()}


def describe(node: YNode) -> str:
    """What a value is, for messages: `a list`, `the text 'two'`, `the number 3`."""
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YList):
        return "a list"
    v = node.value
    if v is None:
        return "empty"
    if isinstance(v, bool):
        return f"'{node.text}'"
    if isinstance(v, int | float):
        return f"the number {node.text}"
    return f"the text '{short(v)}'"


def short(text: str, limit: int = 40) -> str:
    """Text cut to `limit` characters for a message."""
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- scalar resolution (YAML 1.2 core schema) ----------------------------------------

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_MAX_NUMBER_LENGTH = 40
"""Longer digit strings stay text (Python refuses to convert very long ones)."""

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}


def resolve_plain(text: str) -> Scalar:
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if len(text) > _MAX_NUMBER_LENGTH:
        return text
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


# --- reading a file ------------------------------------------------------------------


_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")
"""Control characters (tab and line feed allowed), the zero-width space, bidi embeddings,
overrides and isolates, and a stray byte order mark. (Joiners and marks that scripts such
as Persian need are allowed.)"""


class _Stop(Exception):
    """The rest of the file cannot be read safely; carries the one problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class YamlFile:
    """One rules file as read: its root node (None if unreadable) and its problems."""

    path: Path
    display: str
    """The file's name as shown in problems."""
    data: bytes
    root: YNode | None
    problems: list[Problem]

    @property
    def readable(self) -> bool:
        return self.root is not None


def read_yaml_file(path: Path, display: str) -> YamlFile:
    """Read one file; never raises for anything the file contains."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            what = "a link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
            refused = f"this is {what}, and only regular files are read as rules — copy the file here instead"
            return YamlFile(path, display, b"", None, [Problem(display, 1, 1, refused)])
        size = info.st_size
        if size > MAX_BYTES:
            too_big = f"the file is {size / 2**20:.1f} MB; rules files may be at most {MAX_BYTES // 2**20} MB — split it into smaller files"
            return YamlFile(path, display, b"", None, [Problem(display, 1, 1, too_big)])
        data = path.read_bytes()
    except OSError as exc:
        unreadable = f"cannot read the file ({exc.strerror or exc}) — check that it exists and is readable"
        return YamlFile(path, display, b"", None, [Problem(display, 0, 0, unreadable)])
    root, problems = parse_yaml(data, display)
    return YamlFile(path, display, data, root, problems)


_EMPTY = "the file is empty — a rules file is a mapping with keys such as `spaces:` or `cards:`; delete the file if it is not needed"
_BINARY = "this is a binary file, not YAML text — rules files are plain text saved as UTF-8"


def parse_yaml(data: bytes, file: str) -> tuple[YNode | None, list[Problem]]:
    """Parse the bytes of one YAML document. The root is None if it cannot be used."""
    if len(data) > MAX_BYTES:
        return None, [
            Problem(file, 1, 1, f"the file is larger than {MAX_BYTES // 2**20} MB — split it into smaller files")
        ]
    if b"\x00" in data:
        return None, [Problem(file, 1, 1, _BINARY)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}) — save it as UTF-8 text"
        return None, [Problem(file, line, column, message)]
    composer = _Composer(text, file)
    try:
        root = composer.compose()
    except _Stop as stop:
        return None, [*composer.problems, stop.problem]
    except ReaderError as exc:
        return None, [*composer.problems, _reader_problem(exc, text, file)]
    except yaml.MarkedYAMLError as exc:
        return None, [*composer.problems, _syntax_problem(exc, text, file)]
    except yaml.YAMLError as exc:  # unmarked errors
        return None, [*composer.problems, Problem(file, 1, 1, f"cannot read the YAML: {exc}")]
    except RecursionError:  # defensive: the composer is iterative, but never show a traceback
        return None, [*composer.problems, Problem(file, 1, 1, f"the YAML nests more than {MAX_DEPTH} levels deep")]
    finally:
        composer.close()
    if root is None:
        return None, [*composer.problems, Problem(file, 1, 1, _EMPTY)]
    return root, composer.problems


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if "\t" in indent or (0 <= column - 1 < len(here) and here[column - 1] == "\t"):
        tab_column = here.index("\t") + 1
        return Problem(
            file,
            line,
            tab_column,
            "a tab character is used for indentation — YAML indents with spaces only; replace the tab with spaces",
        )
    what = (exc.problem or "invalid YAML").rstrip(".")
    if "nesting depth" in what:  # libyaml's own bound (1000 levels), met while scanning ahead
        return Problem(
            file,
            line,
            column,
            f"the YAML nests more than {MAX_DEPTH} levels deep — rules never need that; flatten the structure",
        )
    context = f" {exc.context}" if exc.context else ""
    hint = "check the indentation, colons and brackets here"
    if "cannot start any token" in what:
        hint = "a value starting with a special character such as '@', '`' or '%' must be in quotes"
    return Problem(file, line, column, f"YAML syntax error{context}: {what} — {hint}")


def _reader_problem(exc: ReaderError, text: str, file: str) -> Problem:
    position = max(0, min(exc.position, len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    return Problem(
        file,
        line,
        column,
        f"the file contains the control character #x{character:04x}, which YAML does not allow — remove it",
    )


class _Frame:
    """A mapping or list being built."""

    __slots__ = ("origin", "items", "pairs", "key", "is_map")

    def __init__(self, origin: Origin, is_map: bool) -> None:
        self.origin = origin
        self.is_map = is_map
        self.items: list[YNode] = []
        self.pairs: dict[str, YPair] = {}
        self.key: YNode | None = None


class _Composer:
    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.text = text
        self.parser: Any = None

    def close(self) -> None:
        dispose = getattr(self.parser, "dispose", None)
        if dispose is not None:
            dispose()

    def origin(self, event: Event) -> Origin:
        mark = event.start_mark
        return Origin(self.file, mark.line + 1, mark.column + 1) if mark else Origin(self.file, 1, 1)

    def compose(self) -> YNode | None:
        self.parser = _Parser(self.text)  # the pure-Python reader may already refuse the text here
        get = self.parser.get_event
        event = get()
        assert isinstance(event, StreamStartEvent)
        event = get()
        if isinstance(event, StreamEndEvent):
            return None
        assert isinstance(event, DocumentStartEvent)
        root = self.document()
        event = get()
        if isinstance(event, DocumentStartEvent):
            raise _Stop(
                Problem.at(
                    self.origin(event),
                    "a second YAML document ('---') — a rules file holds one document; move the rest into another file",
                )
            )
        return root

    def document(self) -> YNode | None:
        get = self.parser.get_event
        stack: list[_Frame] = []
        root: YNode | None = None
        while True:
            event = get()
            node: YNode
            if isinstance(event, DocumentEndEvent):
                return root
            if isinstance(event, ScalarEvent):
                node = self.scalar(event)
            elif isinstance(event, CollectionStartEvent):
                self.check_tag(event, "map" if isinstance(event, MappingStartEvent) else "seq")
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(
                        Problem.at(
                            self.origin(event),
                            f"the YAML nests more than {MAX_DEPTH} levels deep — "
                            "rules never need that; flatten the structure",
                        )
                    )
                stack.append(_Frame(self.origin(event), isinstance(event, MappingStartEvent)))
                continue
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                frame = stack.pop()
                node = YMap(frame.pairs, frame.origin) if frame.is_map else YList(tuple(frame.items), frame.origin)
            elif isinstance(event, AliasEvent):
                raise _Stop(
                    Problem.at(
                        self.origin(event),
                        f"an alias ('*{event.anchor}') — rules files may not use anchors "
                        "and aliases; write the value out in full",
                    )
                )
            else:  # pragma: no cover - the parser emits nothing else inside a document
                raise _Stop(Problem.at(self.origin(event), "unexpected YAML structure"))
            if not stack:
                root = node
            else:
                self.attach(stack[-1], node)

    def attach(self, frame: _Frame, node: YNode) -> None:
        if not frame.is_map:
            frame.items.append(node)
            return
        if frame.key is None:
            frame.key = node
            return
        key, frame.key = frame.key, None
        if not isinstance(key, YScalar):
            self.problems.append(
                Problem.at(key.origin, f"a key must be a single word, not {describe(key)} — write `name: value` pairs")
            )
            return
        first = frame.pairs.get(key.text)
        if first is not None:
            self.problems.append(
                Problem.at(
                    key.origin,
                    f"duplicate key '{key.text}' (first at line {first.key.origin.line}) — "
                    "a key may appear once in a mapping; remove or rename one of them",
                )
            )
            return
        frame.pairs[key.text] = YPair(key, node)

    def scalar(self, event: ScalarEvent) -> YScalar:
        origin = self.origin(event)
        text: str = event.value
        bad = _HIDDEN.search(text)
        if bad is not None:
            # written as an escape ("\x07", "\u202e"), which the YAML reader lets through
            self.problems.append(
                Problem.at(
                    origin,
                    f"this text holds the control or invisible character U+{ord(bad.group()):04X}, which rules text "
                    "may not contain (it could hide or reorder what a player reads) — remove it",
                )
            )
            text = _HIDDEN.sub("", text)
        tag = event.tag
        if tag is None or tag == "!":
            plain_style = event.implicit[0] and tag is None
            return YScalar(resolve_plain(text) if plain_style else text, text, origin)
        self.check_tag(event, "")
        if tag == _TAG + "str":
            return YScalar(text, text, origin)
        value = resolve_plain(text)
        expected = {"int": int, "float": float, "bool": bool, "null": type(None)}[tag[len(_TAG) :]]
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not expected:
            raise _Stop(
                Problem.at(
                    origin,
                    f"the value '{short(text)}' does not match its tag '!!{tag[len(_TAG) :]}' — "
                    "remove the tag or fix the value",
                )
            )
        return YScalar(value, text, origin)

    def check_tag(self, event: ScalarEvent | CollectionStartEvent, kind: str) -> None:
        tag = event.tag
        if tag is None or tag == "!" or tag in _PLAIN_TAGS or tag == _TAG + kind:
            return
        shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        if "python/" in tag:
            message = (
                f"the tag '{shown}' asks for a Python object — rules files are plain data and may not "
                "run code; remove the tag"
            )
        else:
            message = f"the tag '{shown}' is not allowed in rules files — write a plain value without a tag"
        raise _Stop(Problem.at(self.origin(event), message))
