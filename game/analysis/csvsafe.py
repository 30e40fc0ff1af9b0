"""Cells of a CSV file that a spreadsheet reads as text, never as a formula.

A reason typed by a student (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`) or a name from a mod
would otherwise run in the instructor's spreadsheet. Like OWASP's advice for CSV
injection, a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
leading apostrophe, which spreadsheets show as nothing and read as "this is text".

    >>> csv_cell("=cmd|' /C calc'!A0"), csv_cell("-2 tension"), csv_cell("fine"), csv_cell(3)
    ("'=cmd|' /C calc'!A0", "'-2 tension", 'fine', 3)
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: T) -> T | str:
    """`value` as a CSV cell: text that could start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
