"""Problems found in rules files: sentences with a place and a way out.

A `Problem` is meant for a person (a modder, a content writer), so its message is a
sentence that says what is wrong and how to fix it, and it always carries the place
(`file:line:column`) of the offending value. Problems are collected, never raised:
the loader reports every problem of a rules folder in one pass.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from game.ruleset.model import Origin

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    """1-based; 0 when the problem is about a whole file or folder."""
    column: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @classmethod
    def at(cls, origin: Origin, message: str, severity: str = ERROR) -> Problem:
        return cls(origin.file, origin.line, origin.column, message, severity)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to a misspelt `word`, or None if nothing is close."""
    pool = sorted(set(candidates))
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    # Case slips ('Capital' for 'capital') and separator slips ('soft-power') are common.
    folded = {c.lower().replace("-", "_"): c for c in pool}
    return folded.get(word.lower().replace("-", "_"))


def suggestion(word: str, candidates: Iterable[str], listing: bool = True) -> str:
    """A message tail: ` — did you mean 'x'?`, else the list of what is allowed."""
    pool = sorted(set(candidates))
    best = did_you_mean(word, pool)
    if best is not None:
        return f" — did you mean '{best}'?"
    if listing and pool:
        return f" — expected one of: {one_of(pool)}"
    return ""


def one_of(words: Iterable[str], limit: int = 12) -> str:
    pool = list(words)
    shown = ", ".join(pool[:limit])
    return shown + (f", … ({len(pool) - limit} more)" if len(pool) > limit else "")


def plural(n: int, word: str) -> str:
    """`1 crisis`, `2 crises`, `3 problems`."""
    if n == 1:
        return f"1 {_SINGULAR.get(word, word[:-1] if word.endswith('s') else word)}"
    return f"{n} {word}"


_SINGULAR = {"crises": "crisis", "countries": "country", "entries": "entry"}


class ProblemLog:
    """Collects problems in the order they are found."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, origin: Origin, message: str) -> None:
        self.items.append(Problem.at(origin, message))

    def warning(self, origin: Origin, message: str) -> None:
        self.items.append(Problem.at(origin, message, WARNING))

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)
