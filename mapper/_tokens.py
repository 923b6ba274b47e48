"""Words of a document with their lemmas, and the lemma string that lexicon patterns run over.

The event lexicon (``mapper/data/events.json``) is written in lemmas so that one entry covers every
inflection: "shell" matches shelled, shelling and shells.  :class:`Tokens` keeps, for each word of a
text, its character span, its form and its lemma (from simplemma), and a string of the lemmas
separated by single spaces in which patterns are matched; :meth:`Tokens.span` maps a match back to
character offsets of the text.  Hyphens separate words ("suicide-bombing" is "suicide bombing");
"'s" is a word of its own; punctuation marks are words too, so a pattern can see a comma.

Private plumbing of :mod:`mapper.extract`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import simplemma

_WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|[^\W\d_]+|['’][sS]\b|[^\w\s'’-]")

#: Lemmas simplemma gets wrong for this domain (noun readings of verbs we need as verbs, or
#: the reverse); the form is the key.  "shot" is the past of shoot here, "left" of leave.
_OVERRIDES = {
    "shot": "shoot",
    "left": "leave",
    "us": "us",
    "wounded": "wound",
    "injured": "injure",
    "dead": "dead",
    "killings": "killing",
    "bombings": "bombing",
    "shootings": "shooting",
    "clashes": "clash",
    "forces": "force",
    "is": "be",
    "was": "be",
    "were": "be",
    "are": "be",
    "been": "be",
    "being": "be",
    "least": "least",
    "elder": "elder",
    "elders": "elder",
    "police": "police",
    "media": "media",
    "news": "news",
    "'s": "'s",
    "’s": "'s",
}


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The lower-case lemma of one word (simplemma, English), with this domain's overrides."""
    lower = word.lower()
    fixed = _OVERRIDES.get(lower)
    if fixed is not None:
        return fixed
    if not lower[:1].isalpha():
        return lower
    return str(simplemma.lemmatize(lower, lang="en")).lower()


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of ``text[start:]`` with their lemmas, and the lemma string.

    Attributes
    ----------
    starts, ends
        Character offsets of each word in the text.
    forms, lemmas
        Each word as written, and its lower-case lemma.
    string
        The lemmas joined by single spaces.
    positions
        Where each word's lemma starts in ``string``.
    """

    starts: list[int]
    ends: list[int]
    forms: list[str]
    lemmas: list[str]
    string: str
    positions: list[int]

    @classmethod
    def of(cls, text: str, start: int = 0, end: int | None = None) -> Tokens:
        """Tokenise ``text[start:end]``."""
        stop = len(text) if end is None else end
        matches = list(_WORD.finditer(text, start, stop))
        forms = [m.group() for m in matches]
        lemmas = list(map(lemma, forms))
        positions = [0, *accumulate(len(value) + 1 for value in lemmas)][: len(lemmas)]
        return cls(
            [m.start() for m in matches],
            [m.end() for m in matches],
            forms,
            lemmas,
            " ".join(lemmas),
            positions,
        )

    def span(self, a: int, b: int) -> tuple[int, int, int, int]:
        """The words ``[i, j)`` and the text span ``[start, end)`` of the lemma-string span
        ``[a, b)`` (a match of a pattern)."""
        i = bisect_left(self.positions, a)
        j = max(i + 1, bisect_right(self.positions, max(a, b - 1)))
        return i, j, self.starts[i], self.ends[j - 1]

    def finditer(
        self, regex: re.Pattern[str], start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int, int, int]]:
        """Matches of ``regex`` over the words inside text offsets ``[start, end)``, each as
        ``(first word, past-the-last word, text start, text end)``."""
        first = bisect_left(self.starts, start)
        last = len(self.starts) if end is None else bisect_left(self.starts, end)
        while last > first and end is not None and self.ends[last - 1] > end:
            last -= 1
        if first >= last:
            return
        a = self.positions[first]
        b = self.positions[last - 1] + len(self.lemmas[last - 1])
        for match in regex.finditer(self.string, a, b):
            if match.end() > match.start():
                yield self.span(match.start(), match.end())

    def index(self, offset: int) -> int:
        """The first word that starts at or after text offset ``offset``."""
        return bisect_left(self.starts, offset)

    def between(self, start: int, end: int) -> str:
        """The lemma string of the words inside text offsets ``[start, end)``."""
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end)
        while j > i and self.ends[j - 1] > end:
            j -= 1
        return " ".join(self.lemmas[i:j])


def lexicon_regex(patterns: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One regex for lemma-string patterns, matching whole words only."""
    body = "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"
    return re.compile(rf"(?<![^ ])(?:{body})(?![^ ])")
