"""Keyword pre-filters: skip a regex over a span of text that holds none of the words it needs.

Many rules run a large case-insensitive alternation over each sentence of a document ("is there a
claim word here?"); Python's regex engine tries every alternative at every word.  Each such regex
needs some literal text in every match: ``claimed\\s+responsibility`` needs "responsibility",
``den(?:y|ies|ied)`` one of "deny", "denies", "denied".  :func:`needles` reads that set off the
parsed pattern; :class:`KeywordIndex` finds every needle of its regexes in a document at once
(Aho-Corasick over the lower-cased text), and :meth:`Keywords.may_match` then tells, for a span,
whether the regex could match there at all.  A False is certain (no needle lies inside the span,
so no match can); a True only means the regex must be run, so results never change.

Private plumbing of :mod:`mapper.extract`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

#: Non-ASCII characters that a case-insensitive regex matches to an ASCII letter ("İ", "ı",
#: "ſ", the Kelvin sign); a text holding one is not searched by needles (tests check the list).
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"

#: The most strings one run of literals may stand for ("(?:was|were|is|are) not").
_MOST = 64

#: Needles of letters or digits shorter than this are too common to tell anything ("it", "he");
#: a mark alone ("@" of a mail address) is rare enough.
_SHORTEST = 3

_Strings = frozenset[str]


def _better(best: _Strings | None, other: _Strings | None) -> _Strings | None:
    """The more telling needle set of two: the one whose shortest needle is longest."""
    if not other or "" in other:
        return best
    if best is None or min(map(len, other)) > min(map(len, best)):
        return other
    return best


def _exact(op: Any, av: Any) -> _Strings | None:
    """The strings an item matches when it matches only a few literal strings, else None."""
    if op is sre.LITERAL:
        return frozenset({chr(av)})
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in av):
        return frozenset(chr(code) for _, code in av)
    if op is sre.SUBPATTERN:
        return _exact_sequence(av[-1])
    if op is sre.BRANCH:
        found = _union(av[1], _exact_sequence)
        return found if found is not None and len(found) <= _MOST else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        strings = _exact_sequence(av[2])
        return None if strings is None else strings | {""}
    return None


def _union(alternatives: Any, strings_of: Callable[[Any], _Strings | None]) -> _Strings | None:
    """The strings of every alternative of a branch together; None when one has none."""
    found: set[str] = set()
    for alternative in alternatives:
        strings = strings_of(alternative)
        if strings is None:
            return None
        found |= strings
    return frozenset(found)


def _exact_sequence(items: Any) -> _Strings | None:
    found: _Strings = frozenset({""})
    for op, av in items:
        strings = _exact(op, av)
        if strings is None or len(found) * len(strings) > _MOST:
            return None
        found = frozenset(a + b for a in found for b in strings)
    return found


def _needed(op: Any, av: Any) -> _Strings | None:
    """Strings one of which every match of an item contains, or None when unknown."""
    if op is sre.SUBPATTERN:
        return _needed_sequence(av[-1])
    if op is sre.BRANCH:
        return _union(av[1], _needed_sequence)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _needed_sequence(av[2])
    return None  # assertions look outside the match; classes and the rest are no literal


def _needed_sequence(items: Any) -> _Strings | None:
    """The most telling needle set of a sequence: a run of consecutive literal items (their
    strings joined), or the needles of one item."""
    best: _Strings | None = None
    run: _Strings = frozenset({""})
    for op, av in items:
        strings = _exact(op, av)
        if strings is not None and len(run) * len(strings) <= _MOST:
            run = frozenset(a + b for a in run for b in strings)
            continue
        best = _better(best, run)
        run = strings if strings is not None else frozenset({""})
        if strings is None:
            best = _better(best, _needed(op, av))
    return _better(best, run)


def needles(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains, or None when
    the pattern needs no such string (or only short or non-ASCII ones).

    Parameters
    ----------
    pattern
        A compiled regex.
    """
    parsed = _parsed(pattern)
    found = None if parsed is None else _needed_sequence(parsed)
    if found is None:
        return None
    lowered = {s.lower() for s in found}
    short = any(len(s) < _SHORTEST and any(c.isalnum() for c in s) for s in lowered)
    if short or not all(s and s.isascii() for s in lowered):
        return None
    # "claimed" holds "claim": where it occurs, so does "claim"; only the shorter is needed
    return frozenset(s for s in lowered if not any(o != s and o in s for o in lowered))


def _parsed(pattern: re.Pattern[str]) -> list[Any] | None:
    """The parsed items of a compiled regex (the standard library's own parser), or None."""
    try:
        return list(sre_parse.parse(pattern.pattern, pattern.flags))
    except (TypeError, ValueError, IndexError, AttributeError, re.error):
        return None


def _automaton(owners_by_word: dict[str, list[int]]) -> Any:
    """An Aho-Corasick automaton whose words carry (their length, the owners' keys)."""
    automaton = ahocorasick.Automaton()
    for word, owners in owners_by_word.items():
        automaton.add_word(word, (len(word), tuple(owners)))
    if owners_by_word:
        automaton.make_automaton()
    return automaton


class Keywords:
    """Where the needles of a :class:`KeywordIndex`'s regexes occur in one text."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, starts: dict[int, list[int]] | None, ends: dict[int, list[int]]) -> None:
        self._starts = starts
        self._ends = ends

    def may_match(self, pattern: re.Pattern[str], start: int, end: int) -> bool:
        """False when ``pattern`` cannot match inside ``text[start:end]`` (none of its needles
        lies there); True when it may, or when the pattern or text is not indexed.

        Parameters
        ----------
        pattern
            A regex given to the index.
        start, end
            The span, as given to ``pattern.search(text, start, end)``.
        """
        if self._starts is None:
            return True
        starts = self._starts.get(id(pattern))
        if starts is None:
            return True
        ends = self._ends[id(pattern)]
        i = bisect_left(starts, start)
        while i < len(starts) and starts[i] < end:
            if ends[i] <= end:
                return True
            i += 1
        return False


class KeywordIndex:
    """The needles of some regexes, found in a text in one pass.

    Parameters
    ----------
    patterns
        The regexes; those with no usable needles are always run.
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self._patterns = list(patterns)  # kept alive: they are known by their ids
        by_needle: dict[str, list[int]] = {}
        self._indexed: list[int] = []
        for pattern in self._patterns:
            found = needles(pattern)
            if found is None:
                continue
            self._indexed.append(id(pattern))
            for needle in found:
                by_needle.setdefault(needle, []).append(id(pattern))
        self._automaton = _automaton(by_needle)

    def scan(self, text: str) -> Keywords:
        """Where the needles occur in ``text``.

        Parameters
        ----------
        text
            The whole text the spans index.
        """
        lowered = text.lower()
        unsafe = not text.isascii() and any(c in text for c in FOLDS_TO_ASCII)
        if unsafe or len(lowered) != len(text) or not self._indexed:
            return Keywords(None, {})
        hits: list[tuple[int, int, tuple[int, ...]]] = []
        for last, (length, owners) in self._automaton.iter(lowered):
            hits.append((last + 1 - length, last + 1, owners))
        hits.sort()
        starts: dict[int, list[int]] = {key: [] for key in self._indexed}
        ends: dict[int, list[int]] = {key: [] for key in self._indexed}
        for first, stop, owners in hits:
            for key in owners:
                starts[key].append(first)
                ends[key].append(stop)
        return Keywords(starts, ends)


#: Flags written inside a pattern that may turn case-insensitivity on ("(?i)", "(?mi:...)").
_INLINE_IGNORECASE = re.compile(r"\(\?[aiLmsux-]*i")


def _exact_prefix(items: Any) -> _Strings:
    """The strings a sequence's match starts with: its leading literal items joined (zero-width
    assertions before them skipped), as far as they stay a few strings."""
    run: _Strings = frozenset({""})
    for op, av in items:
        if run == {""} and op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # consumes nothing
        strings = _exact(op, av)
        if strings is None and op is sre.SUBPATTERN:
            # "(?:(?:shelling|shell) attack)": what its start is, at least
            inner = _exact_prefix(av[-1])
            return frozenset(a + b for a in run for b in inner)
        if strings is None or len(run) * len(strings) > _MOST:
            break
        run = frozenset(a + b for a in run for b in strings)
    return run


def prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` starts with (case as written), or None
    when there are none of at least two characters or the pattern ignores case.

    Parameters
    ----------
    pattern
        A compiled regex.
    """
    if pattern.flags & re.IGNORECASE or _INLINE_IGNORECASE.search(pattern.pattern):
        return None
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    found = _exact_prefix(parsed)
    if min(map(len, found)) < 2:
        return None
    # "shelling" starts with "shell": where it starts, so does "shell"; only the shorter is needed
    return frozenset(s for s in found if not any(o != s and s.startswith(o) for o in found))


class PrefixIndex:
    """Where each of some regexes may match in a text: where one of its :func:`prefixes` starts,
    found for all of them in one pass.

    Parameters
    ----------
    patterns
        The regexes, known by their position in this sequence; those with no prefixes are left
        out (``indexed`` says which are in).
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        by_prefix: dict[str, list[int]] = {}
        indexed: list[int] = []
        for order, pattern in enumerate(patterns):
            found = prefixes(pattern)
            if found is None:
                continue
            indexed.append(order)
            for prefix in found:
                by_prefix.setdefault(prefix, []).append(order)
        self.indexed = frozenset(indexed)
        self._automaton = _automaton(by_prefix)

    def candidates(self, text: str) -> list[tuple[int, int]]:
        """(position, pattern) for every place where an indexed pattern may match, sorted.

        Parameters
        ----------
        text
            The text the patterns will be matched in.
        """
        if not self.indexed:
            return []
        found = {
            (last + 1 - length, order)
            for last, (length, owners) in self._automaton.iter(text)
            for order in owners
        }
        return sorted(found)
