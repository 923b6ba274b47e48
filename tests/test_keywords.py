"""Keyword pre-filters: a regex is skipped only where it cannot match."""

from __future__ import annotations

import random
import re
import sys

from mapper._keywords import FOLDS_TO_ASCII, KeywordIndex, PrefixIndex, needles, prefixes
from mapper._rules import LINK, load_lexicon, load_rules
from mapper._tokens import Tokens


def test_folds_to_ascii_lists_every_such_character() -> None:
    ascii_class = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    found = {
        chr(code)
        for code in range(0x80, sys.maxunicode + 1)
        if not 0xD800 <= code < 0xE000
        and (ascii_class.match(chr(code)) or any(c.isascii() for c in chr(code).lower()))
    }
    assert found == set(FOLDS_TO_ASCII)


def test_needles_of_literals_branches_and_options() -> None:
    assert needles(re.compile(r"claimed\s+responsibility", re.I)) == {"responsibility"}
    assert needles(re.compile(r"den(?:y|ies|ied)\s+it", re.I)) == {"deny", "denies", "denied"}
    assert needles(re.compile(r"vow(?:ed|s)?\s+to")) == {"vow"}
    # the parser takes the common "A" out of the branch: "maq" is what is left to need
    assert needles(re.compile(r"(?:Amaq|Al[\s-]Naba)")) == {"maq", "naba"}
    assert needles(re.compile(r"(?:it|he)\s+said")) == {"said"}
    # a mark alone is rare enough to need ("@" of a mail address), a short word is not
    assert needles(LINK) == {"http://", "https://", "www.", "@"}


def test_no_needles_when_a_match_needs_no_literal() -> None:
    assert needles(re.compile(r"\w+ed")) is None
    assert needles(re.compile(r"(?:it|he)")) is None  # too short to tell anything
    assert needles(re.compile(r"claim(?=ed)|x+")) is None  # an alternative with no literal
    assert needles(re.compile(r"(?<=claim)ed|(?=threat)\w")) is None  # assertions look outside


def _spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    spans = [(0, len(text))]
    for _ in range(count):
        a = rng.randrange(len(text) + 1)
        spans.append((a, rng.randrange(a, len(text) + 1)))
    return spans


def test_may_match_is_never_false_where_the_regex_matches() -> None:
    rules = load_rules()
    patterns = [rules.any_claim, rules.negations, rules.generic, rules.channels]
    index = KeywordIndex(patterns)
    rng = random.Random(12)
    texts = [
        "The Taliban claimed responsibility. Officials DENIED it; no group has claimed it.",
        "ISKP's Amaq News Agency said the group often VOWS to strike again in recent years.",
        "Nothing here.",
        "Residents blamed the militants, who were behind the attacks.",
    ]
    checked = 0
    for text in texts:
        keywords = index.scan(text)
        for pattern in patterns:
            for start, end in _spans(text, 300, rng):
                if pattern.search(text, start, end) is not None:
                    assert keywords.may_match(pattern, start, end), (pattern, text[start:end])
                    checked += 1
    assert checked > 100


def test_texts_with_characters_folding_to_ascii_are_not_filtered() -> None:
    rules = load_rules()
    index = KeywordIndex([rules.any_claim])
    text = "The group \u017f\u0131aid nothing and CLAIMED it."  # "ſ" matches "s" when ignoring case
    keywords = index.scan(text)
    assert keywords.may_match(rules.any_claim, 0, 5)
    keywords = index.scan("The group said nothing.")
    assert not keywords.may_match(rules.any_claim, 0, 9)
    assert keywords.may_match(rules.any_claim, 0, 22)


def test_prefixes_of_lemma_patterns() -> None:
    assert prefixes(re.compile(r"(?<![^ ])(?:fire (?:on|at))(?![^ ])")) == {"fire on", "fire at"}
    assert prefixes(re.compile(r"(?:shelling|shell) attack")) == {"shelling attack", "shell attack"}
    assert prefixes(re.compile(r"(?:shelling|shell)(?![^ ])")) == {"shell"}
    assert prefixes(re.compile(r"v?ied")) == {"vied", "ied"}
    assert prefixes(re.compile(r"(?:\w+ )?bomb")) is None
    assert prefixes(re.compile(r"claim", re.IGNORECASE)) is None  # case as written only
    assert prefixes(re.compile(r"(?i:claim)")) is None


def test_prefix_index_finds_every_trigger_match() -> None:
    lexicon = load_lexicon()
    index = PrefixIndex(t.regex for t in lexicon.triggers)
    text = (
        "A suicide bomber blew himself up at a mosque; gunmen opened fire on police and "
        "militants fired rockets. The shelling went on as fighting broke out near the prison "
        "break. Two IEDs exploded and a hostage crisis ended."
    )
    tokens = Tokens.of(text)
    candidates = set(index.candidates(tokens.string))
    words = [0] + [i + 1 for i, c in enumerate(tokens.string) if c == " "]
    found = 0
    for order, trigger in enumerate(lexicon.triggers):
        for at in words:
            match = trigger.regex.match(tokens.string, at)
            if match is not None and match.end() > at:
                assert order in index.indexed and (at, order) in candidates, trigger.regex
                found += 1
    assert found >= 8
