"""Tolls from a clause: how many were killed and wounded, read only through a casualty phrase.

A number counts as a toll only when a casualty word governs it (ACLED's fatalities are "the
reported number of deaths"; UCDP counts best/low/high figures):

* a counted subject of a casualty verb: "13 people were killed", "at least 87 injured", "Two
  soldiers and three militants were killed" (5);
* a counted object of one: "killing 13", "wounded 11", "killed a teacher" (1), "shot dead a tribal
  leader and two of his guards" (3);
* a count of the dead: "31 dead", "14 deaths", "claimed 20 lives";
* a toll and its figure: "the death toll rose to 84" (a revision, which replaces earlier tolls);
* a negated toll: "no one was killed", "no casualties were reported", "killing no one" (0).

Numbers inside a date ("May 14, 2024"), years, and quantities with units are never tolls; counts
introduced by "including" are part of another count; attackers killed ("the three attackers were
also killed") are counted apart from their victims.  A figure above :data:`CEILING` is kept as
text only, with no number (issue 13: implausible figures).

Private plumbing of :mod:`mapper.extract`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mapper._tokens import lexicon_regex
from mapper.dates import CARDINALS
from mapper.model import Count
from mapper.recognize import load_lexicon  # the recogniser's demonyms, read once

if TYPE_CHECKING:
    from mapper._rules import DocContext

#: The largest figure read as a toll; larger ones are kept as text with no number.  The deadliest
#: single events in the UCDP GED and the GTD are in the low thousands; 100,000 leaves room for
#: cumulative tolls that are still one report.
CEILING = 100_000

_MODIFIERS: dict[tuple[str, ...], str] = {
    ("at", "least"): "low",
    ("more", "than"): "low",
    ("over",): "low",
    ("upwards", "of"): "low",
    ("nearly",): "high",
    ("almost",): "high",
    ("up", "to"): "high",
    ("as", "many", "as"): "high",
    ("at", "most"): "high",
    ("close", "to"): "high",
    ("about",): "about",
    ("around",): "about",
    ("some",): "about",
    ("roughly",): "about",
    ("approximately",): "about",
    ("an", "estimate"): "about",
    ("an", "estimated"): "about",
    ("a", "total", "of"): "exact",
    ("total", "of"): "exact",
}

#: Vague quantities after ACLED's conservative practice: (best, low, high).
_VAGUE: dict[tuple[str, ...], tuple[int, int, int | None]] = {
    ("a", "dozen"): (12, 12, 12),
    ("dozen",): (12, 12, 99),
    ("dozens",): (12, 12, 99),
    ("score",): (20, 20, 99),
    ("scores",): (20, 20, 99),
    ("hundred",): (100, 100, 999),
    ("hundreds",): (100, 100, 999),
    ("a", "hundred"): (100, 100, 100),
    ("thousand",): (1000, 1000, 9999),
    ("thousands",): (1000, 1000, 9999),
    ("a", "few"): (3, 3, 9),
    ("several",): (3, 3, 9),
    ("many",): (10, 10, None),
    ("numerous",): (10, 10, None),
}
#: The words a number can start with (a modifier, a number word, a vague quantity).
_NUMBER_STARTS = frozenset(
    [w[0] for w in _MODIFIERS] + [w[0] for w in _VAGUE] + list(CARDINALS) + ["between", "least"]
)
_UNITS = re.compile(
    r"(?:km|kilomet(?:er|re)s?|kg|kilograms?|miles?|met(?:er|re)s?|feet|foot|percent|per|"
    r"years?|months?|weeks?|days?|hours?|minutes?|seconds?|dollars?|rupees?|afghanis?|tons?|"
    r"tonnes?|times|am|pm|gmt|utc|p\.m|a\.m|o'clock|million|billion|%)$",
    re.IGNORECASE,
)
_AUX = frozenset(
    {"be", "have", "get", "also", "reportedly", "allegedly", "later", "late", "now", "all"}
)
_NEGATIVE = re.compile(r"^(?:no one|nobody|none|no body|not one|not a single|no)$")
_SINGLE = re.compile(r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|further|more")
#: The second part of an event told in parts ("the first bomb ... and the second ...").
_ENUMERATED = re.compile(r"(?<![^ ])(?:the (?:second|third|other|latter)|another)(?![^ ])")
_STATE = lexicon_regex(["all|both|the|of|them|whom|their|his|her|its|these|those|other|more"])


@dataclass(frozen=True, slots=True)
class Toll:
    """The tolls of one clause.

    Attributes
    ----------
    fatalities, wounded
        Victims killed and wounded, or None when the clause gives no figure (0 when it says none).
    attackers
        Attackers killed, counted apart.
    armed
        The part of ``fatalities`` that counts the armed groups' side alone, when the clause
        adds the dead of two sides ("4 soldiers martyred, 17 insurgents neutralised": 17); the
        attackers' own dead when the incident turns out to be the armed group's attack.
    revised
        True when the fatality figure revises an earlier one ("the toll rose to 84").
    implausible
        True when a figure above :data:`CEILING` was read and kept as text only.
    """

    fatalities: Count | None = None
    wounded: Count | None = None
    attackers: Count | None = None
    revised: bool = False
    implausible: bool = False
    armed: Count | None = None


@dataclass(frozen=True, slots=True)
class _Number:
    first: int  # first word (modifier included)
    last: int  # past the last word of the number itself
    count: Count


def _words(ctx: DocContext, i: int, j: int) -> str:
    return " ".join(ctx.tokens.lemmas[i:j])


def _read_number(ctx: DocContext, k: int, stop: int) -> _Number | None:
    """The number starting at word ``k`` (with its modifier), or None."""
    lemmas = ctx.tokens.lemmas
    forms = ctx.tokens.forms
    head = forms[k].lower()
    if not head[:1].isdigit() and head not in _NUMBER_STARTS:
        return None
    first = k
    how: str | None = None
    for words, kind in _MODIFIERS.items():
        n = len(words)
        if tuple(f.lower() for f in forms[k : k + n]) == words or tuple(lemmas[k : k + n]) == words:
            how, k = kind, k + n
            break
    if k >= stop:
        return None
    if forms[k].lower() == "between" and how is None:
        return _between(ctx, first, k, stop)
    read = _figure(ctx, k, stop)
    if read is None:
        return _vague(ctx, first, k, stop, how)
    value, end = read
    if end < stop and forms[end] == "x" and ctx.tokens.starts[end] == ctx.tokens.ends[end - 1]:
        end += 1  # "2x soldiers KIA, 3x WIA": a security log's count
    if (
        end + 2 < stop
        and forms[end] == "("
        and forms[end + 2] == ")"
        and forms[end + 1].isdigit()
        and int(forms[end + 1]) == value
    ):
        end += 3  # "four (04) terrorists": the figure repeated in digits, as official releases do
    upper = _range_end(ctx, k, end, stop, how)
    if upper is not None and upper.count.best is not None and upper.count.best > value:
        # "10 to 12 people", "10-12", "ten or twelve": the lower figure, with the range
        return _Number(first, upper.last, Count(value, value, upper.count.best, ""))
    if how == "exact":
        how = None
    elif how is None and k > first:
        return None
    low: int | None = value
    high: int | None = value
    if how == "low":
        high = None
    elif how == "high":
        low = None
    return _Number(first, end, Count(value, low, high, ""))


def _between(ctx: DocContext, first: int, k: int, stop: int) -> _Number | None:
    """ "between 1,095 and 1,700" at word ``k``: the lower figure, with the range."""
    forms = ctx.tokens.forms
    low_n = _read_number(ctx, k + 1, stop)
    if low_n is None or low_n.last + 1 >= stop or forms[low_n.last].lower() not in ("and", "to"):
        return None
    high_n = _read_number(ctx, low_n.last + 1, stop)
    if high_n is None or low_n.count.best is None or high_n.count.best is None:
        return None
    count = Count(low_n.count.best, low_n.count.best, high_n.count.best, "")
    return _Number(first, high_n.last, count)


def _figure(ctx: DocContext, k: int, stop: int) -> tuple[int, int] | None:
    """A figure in digits ("1,450") or words ("twenty-three", "two hundred") at word ``k``:
    (value, past its last word), or None."""
    forms = ctx.tokens.forms
    form = forms[k].lower()
    end = k + 1
    if form[0].isdigit():
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", form):
            return None
        return int(form.replace(",", "")), end
    if form not in CARDINALS:
        return None
    value = CARDINALS[form]
    # "twenty-three", "twenty three"
    if value >= 20 and end < stop and forms[end].lower() in CARDINALS:
        extra = CARDINALS[forms[end].lower()]
        if extra < 10:
            value, end = value + extra, end + 1
    if end < stop and forms[end].lower() == "hundred":
        value, end = value * 100, end + 1
    return value, end


def _vague(ctx: DocContext, first: int, k: int, stop: int, how: str | None) -> _Number | None:
    """A vague quantity at word ``k`` ("dozens of", "several"), after ACLED's practice."""
    forms = ctx.tokens.forms
    for words, (best, low, high) in _VAGUE.items():
        n = len(words)
        if tuple(f.lower() for f in forms[k : k + n]) == words:
            end = k + n
            if end < stop and forms[end].lower() == "of":
                end += 1
            return _Number(first, end, Count(best, low, None if how == "low" else high, ""))
    return None


def _range_end(ctx: DocContext, k: int, end: int, stop: int, how: str | None) -> _Number | None:
    """The upper figure of a range whose lower figure is words ``[k, end)``: "10 to 12",
    "10 - 12", "ten or twelve"; never after "from" ("rose from 10 to 12" is a revision)."""
    tokens = ctx.tokens
    if how is not None or end >= stop or (k > 0 and tokens.lemmas[k - 1] in ("from", "of")):
        return None
    if ctx.text[tokens.ends[end - 1] : tokens.starts[end]] == "-":
        at = end  # "15-20": the hyphen is no word
    elif end + 1 < stop and tokens.forms[end].lower() in ("to", "–", "or"):
        at = end + 1
    else:
        return None
    upper = _read_number(ctx, at, stop)
    if upper is None or upper.first != at:
        return None
    return upper


#: Words between a counted subject and its casualty verb: auxiliaries and hedges ("were also",
#: "were initially reported to have", "had reportedly been").
_REPORTED = frozenset(
    [
        "reportedly",
        "also",
        "later",
        "since",
        "been",
        "initially",
        "first",
        "originally",
        "believe",
        "believed",
        "report",
        "reported",
        "say",
        "said",
        "confirm",
        "confirmed",
        "feared",
        "thought",
        "known",
        "to",
        "have",
    ]
)
_INTRANSITIVE = frozenset({"die", "perish", "dead"})


def _past_auxiliaries(ctx: DocContext, k: int, stop: int) -> int:
    """Past the auxiliaries and hedges at word ``k`` ("were initially reported to have"), and
    a manner adverb after an auxiliary ("were brutally killed", "were effectively
    neutralised")."""
    lemmas = ctx.tokens.lemmas
    first = k
    while k < stop and (
        lemmas[k] in _AUX
        or lemmas[k] in _REPORTED
        or (k > first and len(lemmas[k]) > 4 and lemmas[k].endswith("ly"))
    ):
        k += 1
    return k


def _plural_np_end(ctx: DocContext, k: int, stop: int) -> int:
    """Past a noun phrase of up to four words ending in a plural noun at word ``k``, when a
    passive or intransitive casualty verb follows it ("touring cyclists were killed", "tourists
    died"); ``k`` otherwise (never "two bombs killed")."""
    forms, lemmas = ctx.tokens.forms, ctx.tokens.lemmas
    for end in range(k + 1, min(stop, k + 4) + 1):
        form = forms[end - 1]
        if not form[:1].isalpha() or lemmas[end - 1] in _NOT_IN_PHRASE:
            return k
        if lemmas[end - 1] in _ANIMALS:
            return k  # "4,000 dead birds": no toll of people
        if form.lower() == lemmas[end - 1] or not form.lower().endswith("s"):
            continue
        after = _past_auxiliaries(ctx, end, stop)
        if (
            after < stop
            and _anchor(ctx, after) is not None
            and ((after > end and lemmas[end] in _AUX) or lemmas[after] in _INTRANSITIVE)
        ):
            return end
    return k


_ANIMALS = frozenset(
    [
        "bird",
        "chicken",
        "poultry",
        "cattle",
        "cow",
        "sheep",
        "goat",
        "fish",
        "dog",
        "cat",
        "pig",
        "horse",
        "animal",
        "livestock",
        "camel",
        "duck",
        "swan",
    ]
)
_NOT_IN_PHRASE = frozenset(
    [
        "and",
        "or",
        "but",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "by",
        "to",
        "from",
        "with",
        "for",
        ",",
        ".",
        ";",
        ":",
        "be",
        "have",
    ]
)


_PARTITIVE_HEADS = frozenset(
    {"wound", "wounded", "injure", "injured", "victim", "hurt", "casualty"}
)


def _partitive_end(ctx: DocContext, k: int, stop: int) -> int:
    """Past "of them", "of whom" or "of the wounded / injured / victims" at word ``k`` (the
    people a number counts among), else ``k``."""
    lemmas = ctx.tokens.lemmas
    if k + 1 >= stop or lemmas[k] != "of":
        return k
    if lemmas[k + 1] in ("they", "them", "whom"):
        return k + 2
    if k + 2 < stop and lemmas[k + 1] in ("the", "those") and lemmas[k + 2] in _PARTITIVE_HEADS:
        return k + 3
    return k


_DASH = re.compile(r"\s+-{1,2}\s+|\s*[\u2013\u2014]\s*")


def _dash_before(ctx: DocContext, k: int) -> bool:
    """Whether a dash stands between word ``k - 1`` and word ``k`` ("three people - two police
    officers and a civilian"): an aside opens or closes there. A hyphen inside a name ("IS-KP")
    is no dash."""
    tokens = ctx.tokens
    return k > 0 and bool(_DASH.fullmatch(ctx.text, tokens.ends[k - 1], tokens.starts[k]))


def _dash_at(ctx: DocContext, k: int) -> bool:
    """Whether word ``k`` is a dash, or a dash stands just before it."""
    return ctx.tokens.forms[k] in ("\u2013", "\u2014", "--") or _dash_before(ctx, k)


#: What stands before a singular casualty's subject ("..., and a policeman was wounded").
_OPENS_SUBJECT = frozenset([",", ";", ":", "and", "but", "when", "while"])
#: What ends the complement of a casualty's subject ("of the Afghan army", "from Punjab"): an
#: auxiliary, punctuation or a word that opens a clause.
_ENDS_COMPLEMENT = frozenset(
    ["be", "have", ",", ";", ".", ":", "(", "and", "or", "but", "who", "which", "that", "when"]
)


def _past_aside(ctx: DocContext, k: int, stop: int) -> int:
    """Past an aside after a subject ("96 militants, including four commanders, were killed";
    "Nine other passengers, including the deputy chairman ..., were also killed"), when a
    casualty verb follows it; ``k`` otherwise."""
    lemmas = ctx.tokens.lemmas
    if k < stop and lemmas[k] in ("from", "of"):
        # "two labourers from Punjab were shot dead", "six soldiers of the UAE-backed Shabwa
        # Defence Forces were killed": where the victims came from or whose men they were
        m = k + 1
        while m < stop and m < k + 8 and lemmas[m] not in _ENDS_COMPLEMENT:
            m += 1
        after = _past_auxiliaries(ctx, m, stop)
        if m > k + 1 and after > m and after < stop and _anchor(ctx, after) is not None:
            return m
        return k
    dash = k < stop and _dash_at(ctx, k)
    if k >= stop or not (dash or lemmas[k] in (",", "(")):
        return k
    close = "-" if dash else ")" if lemmas[k] == "(" else ","
    for m in range(k + 1, min(stop, k + 30)):
        if lemmas[m] in (";", "."):
            return k
        if close == "-" and _dash_at(ctx, m):
            # "Three people - two police officers and a civilian - were killed"
            m += ctx.tokens.forms[m] in ("\u2013", "\u2014", "--")
            after = _past_auxiliaries(ctx, m, stop)
            if after > m and after < stop and _anchor(ctx, after) is not None:
                return m
            return k
        if lemmas[m] != close:
            continue
        after = _past_auxiliaries(ctx, m + 1, stop)
        if after > m + 1 and after < stop and _anchor(ctx, after) is not None:
            return m + 1
    return k


def _an_age(ctx: DocContext, number: _Number, i0: int, j0: int) -> bool:
    """Whether a number is someone's age set off after a name ("Anthony Williams, 21, of
    Pennsylvania, was killed"; "Kenneth Bonilla (23)")."""
    forms, lemmas = ctx.tokens.forms, ctx.tokens.lemmas
    k = number.first
    return (
        k - 2 >= i0
        and lemmas[k - 1] in (",", "(")
        and forms[k - 2][:1].isupper()
        and number.last < j0
        and lemmas[number.last] in (",", ")")
        and (number.count.best or 0) < 120
        and forms[k][:1].isdigit()
    )


def _in_date(ctx: DocContext, start: int, end: int) -> bool:
    return bool(ctx.dates.overlapping(start, end, reach=60))


def toll_sides(ctx: DocContext, start: int, phrase: str) -> frozenset[str]:
    """The sides of the conflict whose people a toll's ``phrase`` (told from the character
    offset ``start``) counts: "Two soldiers were killed" counts state forces, by
    ``events.json``'s ``sides``; "others" is a side of its own. Empty when the phrase is not
    found there as told."""
    if not phrase or not ctx.text.startswith(phrase, start):
        return frozenset()
    words = ctx.tokens.between(start, start + len(phrase))
    found = {side for side, pattern in ctx.rules.events.sides if pattern.search(words)}
    if re.search(r"(?<![^ ])others?(?![^ ])", words):
        found.add("others")
    return frozenset(found)


#: The side of ``events.json``'s ``sides`` whose dead are an armed group's attackers when the
#: incident is that group's attack.
ARMED_SIDE = frozenset({"armed groups"})


def other_side(before: frozenset[str], after: frozenset[str]) -> bool:
    """Whether a toll of ``after``'s people counts others than one of ``before``'s: "others",
    or one side each and not the same (their dead add up, as ACLED's fatality figure counts
    every side: ACLED Codebook, "Fatalities")."""
    return bool(before) and (
        after == {"others"} or (len(after) == 1 and len(before) == 1 and before != after)
    )


def _phrase(ctx: DocContext, i: int, j: int) -> str:
    return re.sub(r"\s+", " ", ctx.text[ctx.tokens.starts[i] : ctx.tokens.ends[j - 1]]).strip()


def _person(ctx: DocContext, lemma: str) -> bool:
    """Whether a lemma names people: a person noun of the lexicon, or a demonym ("Afghans",
    "three Spaniards")."""
    if ctx.rules.events.persons.fullmatch(lemma):
        return True
    return lemma in load_lexicon().demonyms or lemma.rstrip("s") in load_lexicon().demonyms


def _is_person_np(ctx: DocContext, i: int, j: int) -> bool:
    """Whether words ``[i, j)`` read as a noun phrase of people ("Taliban fighters", "of them")."""
    if i >= j:
        return True
    text = _words(ctx, i, j)
    events = ctx.rules.events
    if events.persons.search(text):
        return True
    return all(
        f[:1].isupper() or _STATE.fullmatch(lemma)
        for f, lemma in zip(ctx.tokens.forms[i:j], ctx.tokens.lemmas[i:j], strict=True)
    )


def _np_end(ctx: DocContext, k: int, stop: int) -> int:
    """Past the last word of a short noun phrase of people starting at ``k`` (at most five
    words, ending at the last person noun), or ``k`` when there is none."""
    persons = ctx.rules.events.persons
    best = k
    for end in range(k + 1, min(stop, k + 5) + 1):
        lemma = ctx.tokens.lemmas[end - 1]
        if ctx.tokens.forms[end - 1][:1].isupper() and lemma in ("be", "have"):
            lemma = ctx.tokens.forms[end - 1].lower()  # "IS-KP militants": a name, not "is"
        if (
            _dash_at(ctx, end - 1)
            or lemma
            in {
                "(",
                ")",
                "+",
                "plus",
                ",",
                ".",
                ";",
                ":",
                "and",
                "or",
                "but",
                "be",
                "have",
                "who",
                "when",
                "as",
                "include",
                "including",
                "among",
                "with",
                "before",
                "after",
                "while",
                "until",
                "in",
                "at",
                "on",
                "near",
                "from",
                "by",
                "during",
                "then",
            }
            or (lemma == "of" and best > k)
        ):
            # "six soldiers of the Afghan National Army": whose men, past the phrase (not "15
            # of the attackers", "one of their members": whom the number counts among)
            break
        if _anchor(ctx, end - 1) is not None:
            break  # "40 people dead including 14 foreigners": the phrase ends at the toll word
        form = ctx.tokens.forms[end - 1].lower()
        if (
            _person(ctx, lemma)
            or _person(ctx, form)
            or (persons.search(_words(ctx, k, end)) and end == k + 1)
            or _actor_word(ctx, end - 1)
            # "3 police killed": the force's name as its men, right before the toll word
            or (lemma == "police" and end < stop and _anchor(ctx, end) is not None)
        ) or (
            end - 1 > k
            and persons.search(_words(ctx, end - 2, end))
            and persons.fullmatch(_words(ctx, end - 2, end))
        ):
            best = end
    return best


def _actor_word(ctx: DocContext, k: int) -> bool:
    """Whether word ``k`` is part of a group's or a force's name: its members, in a count
    ("4 Taliban killed", "12 VDP killed", "two Boko Haram were killed")."""
    a, b = ctx.tokens.starts[k], ctx.tokens.ends[k]
    return any(m.start <= a and b <= m.end for m in ctx.actors.overlapping(a, b, reach=80))


#: Forms of the verb "live", which share the lemma of the noun "lives" in a toll.
_LIVING = frozenset({"live", "lived", "living"})


def _anchors(ctx: DocContext) -> dict[int, tuple[str, int]]:
    """Every casualty word of the document, by its first word: (kind, past its last word),
    found once per document (a fatal word before a wounded one, the longest first)."""
    if ctx.casualty_anchors is not None:
        return ctx.casualty_anchors
    events = ctx.rules.events
    found: dict[int, tuple[str, int]] = {}
    for kind, regex in (
        ("wounded", events.wounded_nouns),
        ("wounded", events.wounded_verbs),
        ("fatal", events.fatal_nouns),
        ("fatal", events.fatal_verbs),
    ):
        for first, last, _, _ in ctx.tokens.finditer(regex, ctx.document.body_start):
            if last == first + 1 and ctx.tokens.forms[first].lower() in _LIVING:
                continue  # "37,000 people live in the camp": the verb, not "30 lives" lost
            current = found.get(first)
            if (
                current is None
                or (current[0] == "wounded" and kind == "fatal")
                or (current[0] == kind and last > current[1])
            ):
                found[first] = (kind, last)
    ctx.casualty_anchors = found
    ctx.anchor_starts = sorted(found)
    return found


def _anchor(ctx: DocContext, k: int) -> tuple[str, int] | None:
    """The casualty word (kind, past its last word) starting at word ``k``."""
    return _anchors(ctx).get(k)


def casualty_word_at(ctx: DocContext, k: int) -> tuple[str, int] | None:
    """The casualty word starting at word ``k``: ("fatal" or "wounded", past its last word)."""
    return _anchor(ctx, k)


def has_casualty_word(ctx: DocContext, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a casualty word or a negated toll ("no one")."""
    from bisect import bisect_left

    _anchors(ctx)
    tokens = ctx.tokens
    i, j = tokens.index(start), tokens.index(end)
    starts = ctx.anchor_starts
    at = bisect_left(starts, i)
    return (at < len(starts) and starts[at] < j) or "no " in ctx.text[start:end].lower()


def add_counts(a: Count | None, b: Count) -> Count:
    """Two counts of people added up, bounds with bounds (a bound unknown on one side is
    unknown); ``a`` alone when either has no best figure. The text stays ``a``'s."""
    if a is None:
        return b
    if a.best is None or b.best is None:
        return a
    low = None if a.low is None or b.low is None else a.low + b.low
    high = None if a.high is None or b.high is None else a.high + b.high
    return Count(a.best + b.best, low, high, a.text)


def _plausible(count: Count) -> tuple[Count, bool]:
    if count.best is not None and count.best > CEILING:
        return Count(None, None, None, count.text), False
    return count, True


def read_tolls(ctx: DocContext, start: int, end: int) -> Toll:  # noqa: C901
    """The tolls of the clause ``text[start:end]``."""
    tokens = ctx.tokens
    i0 = tokens.index(start)
    j0 = tokens.index(end)
    while j0 > i0 and tokens.ends[j0 - 1] > end:
        j0 -= 1
    lemmas = tokens.lemmas
    found: dict[str, Count] = {}
    attackers: Count | None = None
    revised = False
    plausible = True
    taken: set[int] = set()
    armed: Count | None = None  # the armed groups' part of a sum of sides' dead

    at_of: dict[str, int] = {}

    def keep(kind: str, count: Count, phrase: str, victims: bool = True, at: int = -1) -> None:
        nonlocal attackers, plausible, armed
        count, ok = _plausible(replace(count, text=phrase))
        plausible = plausible and ok
        if not victims:
            attackers = count if attackers is None else attackers
            return
        current = found.get(kind)
        if current is not None and at >= 0 and kind in at_of and at != at_of[kind]:
            a, b = sorted((at_of[kind], at))
            before = toll_sides(ctx, tokens.starts[at_of[kind]], current.text)
            after = toll_sides(ctx, tokens.starts[at], phrase)
            if _ENUMERATED.search(_words(ctx, a + 1, b + 1)) or other_side(before, after):
                # "Two soldiers were killed and three others died": other people, added
                # "the first bomb killed four ... and the second killed three": parts add up
                found[kind] = replace(add_counts(current, count), text=f"{current.text}; {phrase}")
                at_of[kind] = at
                if kind == "fatal" and ARMED_SIDE in (before, after):
                    armed = count if after == ARMED_SIDE else current
                return
        if current is None or (current.best or 0) < (count.best or 0):
            found[kind] = count
            if kind == "fatal":
                armed = None
            if at >= 0:
                at_of[kind] = at

    # Negated tolls: "no one was killed", "no casualties", "killing no one".
    for k in range(i0, j0):
        lemma = lemmas[k]
        two = " ".join(lemmas[k : k + 2])
        if not (_NEGATIVE.fullmatch(two) or _NEGATIVE.fullmatch(lemma)):
            continue
        if lemma == "no" and k + 2 < j0 and tokens.forms[k + 2].lower() in _NO_FIGURES:
            continue  # "No casualty figures were available": the toll is unknown, not zero
        if (
            lemma == "no"
            and k + 1 < j0
            and lemmas[k + 1] in ("casualty", "death", "fatality", "injury", "loss", "life")
        ):
            kinds = (
                ("fatal", "wounded")
                if lemmas[k + 1] in ("casualty", "loss")
                else (("wounded",) if lemmas[k + 1] == "injury" else ("fatal",))
            )
            for kind in kinds:
                found.setdefault(kind, Count(0, 0, 0, _phrase(ctx, k, k + 2)))
            continue
        if lemma == "no" and two not in ("no one", "no body"):
            continue
        # the verbs within the next seven words up to a clause break ("no one was killed or
        # injured", "no one was killed but 12 were wounded"), or just before ("killing no one")
        anchored: list[str] = []
        last = k
        for m in range(k + 1, min(j0, k + 8)):
            if lemmas[m] in (",", ";", "but", "though", "although", "while", "whereas", "when"):
                break
            if anchored and _read_number(ctx, m, j0) is not None:
                break
            hit = _anchor(ctx, m)
            if lemmas[m] in ("casualty", "hurt", "harm", "harmed"):
                anchored += ["fatal", "wounded"]  # "no one was hurt": nobody killed or wounded
                last = m
            elif hit is not None:
                anchored.append(hit[0])
                last = m
        if k > i0:
            before = _anchor(ctx, k - 1)
            if before is not None:
                anchored.append(before[0])
        for kind in dict.fromkeys(anchored):
            found.setdefault(kind, Count(0, 0, 0, _phrase(ctx, k, last + 1)))
        if anchored:
            # "None of the 40 passengers was hurt": the numbers of the negated phrase are no toll
            taken.update(range(k, last + 1))

    k = i0
    while k < j0:
        number = _read_number(ctx, k, j0)
        if number is None or k in taken:
            k += 1
            continue
        a, b = tokens.starts[number.first], tokens.ends[number.last - 1]
        following = tokens.forms[number.last] if number.last < j0 else ""
        value = number.count.best or 0
        if (
            _in_date(ctx, a, b)
            or _UNITS.match(following or "-")
            or (
                1900 <= value <= 2100
                and not ctx.rules.events.persons.match(
                    lemmas[number.last] if number.last < j0 else ""
                )
            )
            or (
                number.first > i0
                and lemmas[number.first - 1] in ("no", "number", "#", "$", "rs", "page")
            )
            or _an_age(ctx, number, i0, j0)
        ):
            k = number.last
            continue
        subset = number.first > i0 and (
            lemmas[number.first - 1] in ("include", "including", "among")
            or (  # "of whom 3 were children"; not "in which 100 people died"
                lemmas[number.first - 1] in ("whom", "which")
                and number.first - 1 > i0
                and lemmas[number.first - 2] in ("of", "among")
            )
        )
        # forward: NUMBER [people ...] [were also] VERB / NOUN ("13 people were killed", "31 dead")
        np_end = _partitive_end(ctx, number.last, j0)  # "two of them died", "two of the wounded"
        if np_end == number.last:
            np_end = _np_end(ctx, number.last, j0)
        if np_end == number.last:
            # "Four Western touring cyclists were killed": any plural noun before a passive or
            # intransitive casualty verb names the victims
            np_end = _plural_np_end(ctx, number.last, j0)
        phrase_end = np_end
        np_end = _past_aside(ctx, np_end, j0)  # ", including four commanders, were killed"
        m = _past_auxiliaries(ctx, np_end, j0)
        hit = _anchor(ctx, m) if m < j0 else None
        if (
            hit is not None
            and not subset
            and (m == np_end or lemmas[np_end] in _AUX or lemmas[np_end] in _REPORTED)
            and not (hit[1] < j0 and lemmas[hit[1]] in _ANIMALS)  # "4,000 dead birds"
        ):
            kind, stop = hit
            attacker_nouns = ctx.rules.events.attacker_nouns
            # whose men they were counts too ("two members of the structure were killed")
            side_end = np_end if phrase_end < j0 and lemmas[phrase_end] == "of" else phrase_end
            victims = not attacker_nouns.search(_words(ctx, number.last, side_end))
            # "Two soldiers and three militants were killed": the counts listed together, the
            # victims' and the attackers' apart ("four soldiers and all three attackers")
            totals: dict[bool, Count] = {victims: number.count}
            back = number.first - 1
            while back > i0 and lemmas[back] in ("all", "both") and back == number.first - 1:
                back -= 1
            while back > i0 and lemmas[back] in ("and", ","):
                prior = _prior_number(ctx, back, i0)
                if prior is None or (
                    prior.first > i0 and _anchor(ctx, prior.first - 1) is not None
                ):
                    break  # "killed 4 people and 9 others were injured": the 4 are the killed
                side = not attacker_nouns.search(_words(ctx, prior.last, back))
                totals[side] = add_counts(totals.get(side), prior.count)
                back = prior.first - 1
                a = tokens.starts[prior.first]
            for side, total in sorted(totals.items(), reverse=True):
                keep(kind, total, _phrase(ctx, tokens.index(a), stop), side, tokens.index(a))
            if kind == "fatal" and " ".join(lemmas[m:stop]) in ("toll",):
                revised = True
            k = stop
            continue
        k = number.last
    # a singular subject: "a third was killed", "a policeman was wounded", "one died"
    for k in range(i0 + 1, j0):
        hit = _anchor(ctx, k)
        if hit is None or hit[0] in found or k in taken:
            continue
        if tokens.forms[k - 1].lower() == "was":
            verb = k - 1
        elif k - 2 >= i0 and lemmas[k - 1] == "another" and lemmas[k - 2] == "and":
            verb = k  # "a farmer was killed and another injured": the verb left out
        elif lemmas[k] in _INTRANSITIVE or lemmas[k] == "succumb":
            # "Another soldier died on Wednesday", "a policeman later succumbed to his wounds"
            verb = k
            while verb - 1 > i0 and lemmas[verb - 1] in ("late", "later", "also", "subsequently"):
                verb -= 1
        else:
            continue
        # "X, the leader of the group, was killed": the appositive before the verb
        last = verb - 2 if verb - 1 > i0 and lemmas[verb - 1] == "," else verb - 1
        back = last
        # (a dateline's colon or dash ends it too: "KABUL, May 2: A farmer was killed")
        while (
            back >= i0
            and lemmas[back] not in _OPENS_SUBJECT
            and tokens.forms[back] not in ("\u2013", "\u2014", "--")
            and not _dash_before(ctx, back + 1)
        ):
            back -= 1
        subject = lemmas[back + 1 : last + 1]
        # the head noun stands before "of" ("the police chief of Kandahar")
        head_end = back + 1 + (subject.index("of") if "of" in subject else len(subject))
        if subject and (
            (
                subject[0] in ("a", "an", "another", "one")
                and (
                    len(subject) == 1
                    or _SINGLE.fullmatch(subject[1])
                    or ctx.rules.events.persons.fullmatch(subject[-1])
                )
            )
            or (
                subject[0] in ("the", "his", "her", "their", "its")
                and head_end > back + 2
                and _singular_person(ctx, head_end - 1, head_end)
            )
            or _named_person(ctx, back + 1, last + 1) == last + 1
            # "Anthony Williams, 21, of Pennsylvania, was killed": the clause opens with a name
            # and its age
            or (back < i0 + 6 and _named_person(ctx, i0, k) > 0 and i0 not in taken)
        ):
            attacker = ctx.rules.events.attacker_nouns.search(_words(ctx, back + 1, head_end))
            keep(hit[0], Count(1, 1, 1, ""), _phrase(ctx, back + 1, hit[1]), not attacker)
    # backward: VERB [at least] NUMBER/ a|an|the PERSON ("killing 13", "killed a teacher")
    for k in range(i0, j0):
        hit = _anchor(ctx, k)
        if hit is None or k in taken:
            continue
        kind, stop = hit
        if (
            lemmas[k] in ("death", "killing", "injury")
            and stop < j0
            and lemmas[stop] in ("of", "to")
        ):
            number = _read_number(ctx, stop + 1, j0)  # "the deaths of more than 70 civilians"
            if number is not None and not _in_date(
                ctx, tokens.starts[number.first], tokens.ends[number.last - 1]
            ):
                keep(
                    kind,
                    number.count,
                    _phrase(ctx, k, _np_end(ctx, number.last, j0) or number.last),
                )
            continue
        if (
            lemmas[k] in ("fatality", "death", "casualty", "dead", "kill", "killed")
            and stop < j0
            and lemmas[stop] == ":"
        ):
            # "Fatalities: 7 ANA soldiers, 12 Taliban": a field of a coded record, the figures
            # it lists added up
            fields = _listed_counts(ctx, stop + 1, j0)
            if fields is not None:
                keep(kind, fields, _phrase(ctx, k, min(j0, stop + 8)), True, k)
            continue
        if lemmas[k] in (
            "dead",
            "death",
            "fatality",
            "body",
            "life",
            "toll",
            "casualty",
            "injury",
            "wounded",
            "injured",
        ):
            continue
        form = tokens.forms[k].lower()
        passive = (k > i0 and lemmas[k - 1] in ("be", "get")) or (
            form.endswith("ed") and stop < j0 and lemmas[stop] == "by"
        )
        if passive:
            continue
        m = stop
        if m < j0 and lemmas[m] in ("dead",):
            m += 1
        elif (
            m + 1 < j0
            and lemmas[m] == "of"
            and form.endswith("ing")
            and k - 3 >= i0
            and lemmas[k - 1] == "the"
            and (
                lemmas[k - 2] == "cause"
                or lemmas[k - 3 : k - 1] in (["result", "in"], ["lead", "to"])
            )
        ):
            # "resulted in the killing of eight soldiers": the gerund's object; not "in
            # response to the killing of X", an earlier event
            m += 1
        listed: Count | None = None
        phrase_end = m
        victims = True
        while m < j0:
            number = _read_number(ctx, m, j0)
            if (
                number is not None
                and not _in_date(ctx, tokens.starts[number.first], tokens.ends[number.last - 1])
                and not (
                    1900 <= (number.count.best or 0) <= 2100
                    and _np_end(ctx, number.last, j0) == number.last
                )
            ):
                np_end = _np_end(ctx, number.last, j0)
                if np_end == number.last and number.last < j0 and _anchor(ctx, number.last):
                    break  # "killing five, wounding 12"? no: "killed 5 people and 20 were wounded"
                victims = victims and not ctx.rules.events.attacker_nouns.search(
                    _words(ctx, number.last, np_end)
                )
                listed = add_counts(listed, number.count)
                phrase_end = max(np_end, number.last)
                m = phrase_end
            elif listed is None and _named_person(ctx, m, j0):
                # "killing Iranian Major General Qasem Soleimani": one named person
                listed = Count(1, 1, 1, "")
                phrase_end = m = _named_person(ctx, m, j0)
            elif (
                lemmas[m] in ("his", "her", "their", "its", "another", "further")
                and m + 1 < j0
                and _read_number(ctx, m + 1, j0) is not None
            ):
                m += 1  # "his two sons", "wounding another 100": the number that follows counts
                continue
            elif (
                lemmas[m : m + 2] == ["a", "further"]
                and m + 2 < j0
                and _read_number(ctx, m + 2, j0) is not None
            ):
                m += 2  # "injured a further seven"
                continue
            elif lemmas[m] in ("a", "an", "one", "the", "his", "her", "their", "its"):
                np_end = _np_end(ctx, m + 1, j0)
                if np_end == m + 1 and lemmas[k] in _PERSON_OBJECT_VERBS:
                    # "killed a polio vaccinator": the object of these verbs is a person
                    np_end = _singular_noun_end(ctx, m + 1, j0)
                elif not _singular_person(ctx, m + 1, np_end):
                    break
                if np_end == m + 1:
                    break
                if listed is not None and np_end < j0 and lemmas[np_end] in _SPEAKS:
                    break  # "wounding three soldiers, a local commander said": the speaker
                listed = add_counts(listed, Count(1, 1, 1, ""))
                phrase_end = m = np_end
                if m < j0 and lemmas[m] == "of":  # "a leader of the tribe"
                    while m < j0 and lemmas[m] not in ("and", ",", ";"):
                        m += 1
                    phrase_end = m
            else:
                break
            # "a tribal leader and two of his guards", "three teachers and their driver": listed
            # together
            joint = _joined_by(lemmas, m, j0)  # "and", ",", ", along with", "as well as"
            part = _read_number(ctx, m + joint, j0) if joint and m + joint < j0 else None
            if (
                part is not None
                and part.last + 1 < j0
                and lemmas[part.last] == "of"
                and lemmas[part.last + 1] in ("they", "them", "whom", "those", "these")
            ):
                break  # "killing 13 people, 7 of them children": some of those counted
            if (
                joint
                and m + joint < j0
                and (
                    part is not None
                    or lemmas[m + joint] in ("a", "an", "one", "his", "her", "their")
                )
            ):
                nxt = m + joint
                after = _np_end(ctx, nxt + 1, j0)
                while after < j0 and lemmas[after] in _AUX:
                    after += 1
                if after < j0 and _anchor(ctx, after) is not None:
                    break  # "killed 4 people and 9 others were injured": a count of its own
                m = nxt
                continue
            break
        if listed is not None:
            keep(kind, listed, _phrase(ctx, k, phrase_end), victims, k)
    # the toll and its figure: "the death toll rose to 84", "the number of dead reached 30"
    for match in ctx.rules.toll.finditer(ctx.text, start, end):
        lead = ctx.text[max(start, match.start() - 80) : match.end()]
        if not re.search(
            r"\btoll\b|\bnumber\s+of\s+(?:people\s+|those\s+)?(?:killed|dead|deaths)|"
            r"\b(?:bring(?:ing|s)?|rais(?:e|es|ed|ing)|push(?:es|ed|ing)?|tak(?:e|es|ing))\s+"
            r"the\s+total\b",
            lead,
            re.I,
        ):
            continue
        k = tokens.index(match.end())
        number = _read_number(ctx, k, j0) if k < j0 else None
        if number is None:
            continue
        revised = True
        total, last = number.count, number.last
        more = _PLUS.match(ctx.text, tokens.ends[_np_end(ctx, last, j0) - 1])
        if more is not None:  # "toll now 14 VDP + 3 civilians": the parts add up
            other = _read_number(ctx, tokens.index(more.end()), j0)
            if other is not None and not _in_date(
                ctx, tokens.starts[other.first], tokens.ends[other.last - 1]
            ):
                total, last = add_counts(total, other.count), other.last
        count, ok = _plausible(replace(total, text=_phrase(ctx, tokens.index(match.start()), last)))
        plausible = plausible and ok
        found["fatal"] = count
        armed = None
    return Toll(found.get("fatal"), found.get("wounded"), attackers, revised, not plausible, armed)


_TITLES = frozenset(
    [
        "general",
        "major",
        "colonel",
        "commander",
        "leader",
        "chief",
        "mullah",
        "maulvi",
        "maulana",
        "qari",
        "sheikh",
        "imam",
        "mufti",
        "governor",
        "minister",
        "senator",
        "judge",
        "mayor",
        "president",
        "lieutenant",
        "captain",
        "sergeant",
        "brigadier",
        "admiral",
        "emir",
        "amir",
        "deputy",
        "head",
        "spokesman",
    ]
)


def _named_person(ctx: DocContext, k: int, stop: int) -> int:
    """Past the end of a person's name with its title at word ``k`` ("Iranian Major General
    Qasem Soleimani", "Taliban commander Mullah Akhtar"), or 0 when there is none: at least two
    capitalised words, one a title or the phrase ending in two capitalised names."""
    forms = ctx.tokens.forms
    end = k
    while end < stop and end - k < 7 and forms[end][:1].isupper():
        end += 1
    if end - k < 2 or ctx.actors.overlapping(ctx.tokens.starts[k], ctx.tokens.ends[end - 1]):
        return 0
    titled = any(f.lower() in _TITLES for f in forms[k:end])
    if titled:
        return end
    # "Mohammad Khan, 45,": a name with an age set off after it
    lemmas = ctx.tokens.lemmas
    aged = (
        end + 2 < stop
        and lemmas[end] in (",", "(")
        and forms[end + 1].isdigit()
        and int(forms[end + 1]) < 120
        and lemmas[end + 2] in (",", ")")
        and not ctx.places.overlapping(ctx.tokens.starts[k], ctx.tokens.ends[end - 1])
    )
    return end + 3 if aged else 0


#: What adds a second count to a toll's figure: "14 VDP + 3 civilians", "9 soldiers plus 2".
_PLUS = re.compile(r"\s*(?:\+|plus\b|and\b)\s*(?=\d)")

#: Nouns after "no casualty" that say the figure is unknown, not zero ("no casualty figures
#: were available", "no casualty reports").
_NO_FIGURES = frozenset(
    {"figure", "figures", "report", "reports", "detail", "details", "information", "number"}
    | {"numbers", "estimate", "estimates", "count", "toll", "data"}
)  # as written: "no casualties reported" says none were

#: Verbs after a person noun that make the person the speaker, not a victim.
_SPEAKS = frozenset({"say", "tell", "add", "confirm", "report", "state", "explain", "note"})
_JOINTS = (
    (",", "along", "with"),
    (",", "together", "with"),
    (",", "as", "well", "as"),
    ("along", "with"),
    ("together", "with"),
    ("as", "well", "as"),
    ("and",),
    ("plus",),
    ("+",),
    (",",),
)


def _joined_by(lemmas: list[str], m: int, stop: int) -> int:
    """How many words at ``m`` join one listed victim to the next ("and", ",", ", along with",
    "as well as"); 0 when none do."""
    for joint in _JOINTS:
        if m + len(joint) <= stop and tuple(lemmas[m : m + len(joint)]) == joint:
            return len(joint)
    return 0


def _prior_number(ctx: DocContext, k: int, i0: int) -> _Number | None:
    """A counted noun phrase of people ending just before word ``k`` ("two soldiers" before
    "and"); never a bare number, a year or a number inside a date."""
    for first in range(k - 1, max(i0 - 1, k - 6), -1):
        number = _read_number(ctx, first, k)
        if number is None or number.last >= k or _np_end(ctx, number.last, k) != k:
            continue
        tokens = ctx.tokens
        if _in_date(ctx, tokens.starts[number.first], tokens.ends[number.last - 1]):
            return None
        return number
    return None


#: Casualty verbs whose object can only be a person ("killed a vaccinator"; not "execute a
#: search", "wounded pride").
_PERSON_OBJECT_VERBS = frozenset({"kill", "murder", "slay", "assassinate", "behead", "shoot"})


def _singular_noun_end(ctx: DocContext, k: int, stop: int) -> int:
    """Past a short noun phrase at word ``k`` ending in a singular common noun ("polio
    vaccinator", "local shopkeeper"), before a preposition, a conjunction or punctuation; ``k``
    when there is none (a name, a plural, a number)."""
    forms, lemmas = ctx.tokens.forms, ctx.tokens.lemmas
    end = k
    while end < stop and end - k < 3 and forms[end][:1].islower() and forms[end].isalpha():
        if lemmas[end] in _NOT_IN_PHRASE:
            break
        end += 1
    if end == k or forms[end - 1].lower() != lemmas[end - 1] or forms[end - 1].endswith("s"):
        return k
    return end


def _listed_counts(ctx: DocContext, k: int, stop: int) -> Count | None:
    """The counts listed from word ``k`` ("7 ANA soldiers, 12 Taliban"), added up."""
    total: Count | None = None
    m = k
    while m < stop:
        number = _read_number(ctx, m, stop)
        if number is None or _in_date(
            ctx, ctx.tokens.starts[number.first], ctx.tokens.ends[number.last - 1]
        ):
            break
        total = add_counts(total, number.count)
        m = number.last
        while m < stop and ctx.tokens.lemmas[m] not in (",", ";", ".", "and"):
            m += 1
        if m < stop and ctx.tokens.lemmas[m] in (";", "."):
            break
        m += 1
    return total


def _singular_person(ctx: DocContext, i: int, j: int) -> bool:
    """Whether words ``[i, j)`` end in a singular noun for a person ("tribal leader")."""
    form = ctx.tokens.forms[j - 1].lower()
    lemma = ctx.tokens.lemmas[j - 1]
    persons = ctx.rules.events.persons
    return (form == lemma and bool(persons.fullmatch(lemma))) or (
        not form.endswith("s") and bool(persons.fullmatch(form))
    )
