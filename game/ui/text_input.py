"""Typed and pasted text, made safe before pygame_gui sees it.

pygame_gui fails ("Text has zero width") when a text field would hold only characters
that draw nothing, and bidi controls can make a line read differently from what it holds.
So every character that is not visible text is dropped at the door: control characters,
format characters (zero-width spaces and joiners, bidi embeddings and overrides, the
soft hyphen, a byte order mark), surrogates, private-use and unassigned code points, and
line or paragraph separators. Tabs and line breaks become spaces.

    >>> clean_text("a\\u200bb\\u202ec\\u200d")
    'abc'
    >>> clean_text("one\\ntwo\\tthree\\x00")
    'one two three'
"""

from __future__ import annotations

import unicodedata

_DROPPED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_SPACES = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})


def clean_text(text: str) -> str:
    """`text` without the characters a text field must never hold (see the module)."""
    text = text.translate(_SPACES)
    if text.isascii() and text.isprintable():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED)


def pasted_text() -> str:
    """The clipboard's text, cleaned ("" if there is no clipboard, as on a headless PC)."""
    try:
        from pygame_gui.core.utility import clipboard_paste

        got = clipboard_paste()
    except Exception:  # any clipboard failure is simply nothing to paste
        return ""
    return clean_text(got) if isinstance(got, str) else ""
