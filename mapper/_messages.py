"""User-visible messages: always one line, with nothing a terminal would act on.

File names and document text reach warnings and errors. A newline in a file name would split a
warning in two, a right-to-left override would reverse the rest of the line, an escape sequence
could recolour or retitle the terminal. :func:`printable` escapes such characters the way
Python's ``repr`` does, and :func:`plural` spells counts.
"""

from __future__ import annotations

import re

#: Anything but printable ASCII; of these, :func:`_escape` escapes what ``str.isprintable``
#: rejects (categories Cc, Cf, Cs, Co, Cn, Zl, Zp, and Zs but the space): controls, bidi
#: embeddings and overrides, line and paragraph separators, unassigned code points.
_CANDIDATES = re.compile(r"[^\x20-\x7e]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char.isprintable():
        return char
    return repr(char)[1:-1]


def printable(text: str) -> str:
    """``text`` with every non-printable character escaped as ``repr`` would (``\\n``, ``\\u202e``).

    Printable characters of any script, the space included, are kept as they are, so a
    message naming ``کابل.txt`` still reads as such; backslashes are not doubled.

    Parameters
    ----------
    text
        A message, or a part of one such as a file name.

    Returns
    -------
    str
        One line without control, format (bidi) or separator characters.
    """
    if text.isprintable():
        return text
    return _CANDIDATES.sub(_escape, text)


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``"1 incident"``, ``"2 incidents"``, ``"1,204 claims"``.

    Parameters
    ----------
    count
        How many.
    noun
        The singular.
    plural_noun
        The plural, when it is not the singular with an ``s``.
    """
    word = noun if count == 1 else (plural_noun or f"{noun}s")
    return f"{count:,} {word}"
