"""Find dates in text and turn them into intervals, relative to what is known of a document's date.

A date is read against a :class:`Reference`: the document's own date when it has one, else the
text's own leading date ("06/14/2021: An explosive device ..."), else only a year when the text
fixes it (a weekday with a month and day, "Thursday, August 26", fixes the year among those the
text mentions), else nothing.  Precision is kept and never invented: "August 26" in an undated
document with no inferable year stays unknown; "last year" gives a year; "on Monday" needs a full
reference date.

Conventions, each with its source:

1. Numeric dates with the year first ("2021-06-14", "2021/06/14") are year-month-day
   (ISO 8601-1:2019 calendar dates; no Unicode CLDR locale writes year-day-month).
2. Numeric dates with the year last ("06/14/2021", "14.06.2021") are read, in this order: by
   validity (a field above 12 is the day); by the document's own convention (the majority of its
   other unambiguous numeric dates, front matter included); by the report date (when only one
   reading is not after it); by the separator (dots and dashes with the year last are day-first
   in the CLDR locales that write them: de, ru, tr, nl, en-IN ...); else month-first, the short
   date of CLDR's default English locale (``en`` = en-US, "M/d/yy").  The choice and its basis
   are reported on the mention (:attr:`DateMention.convention`, :attr:`DateMention.basis`).
3. Two-digit years pivot as POSIX ``strptime`` ``%y`` does (IEEE Std 1003.1): 69-99 are
   1969-1999, 00-68 are 2000-2068.
4. Relative expressions are resolved as a news reader reads them, against the report date (the
   document creation time of TimeML/TIMEX3, as in HeidelTime's news mode, Strötgen & Gertz
   2013), because ACLED codes the day the event happened (ACLED Codebook 2023, "event_date"): a
   weekday is the most recent such day on or before the report ("on Tuesday" in a Tuesday report
   is that day, "last Tuesday" a week earlier); "Tuesday of last week" lies in the previous
   Monday-Sunday week (ISO 8601 weeks start on Monday); "earlier this month" runs from the first
   of the month to the report date; "yesterday", "last night" and "overnight" are the day before.
5. Anaphoric expressions ("the day before", "the previous day", "a day later", "overnight") are
   anchored, as TimeML's ``anchorTimeID``, on the last day the text stated in the same paragraph
   (within :data:`ANCHOR_WINDOW` characters), else on the report date.
6. A month and day said without a year take the occurrence nearest the report date.  Measured on
   the LGL news corpus (``bench/bench_dates.py``): month-days up to a few months after the report
   are nearly all scheduled events, those over half a year ahead are last year's.
7. An event is never dated after its report: dates more than a day after the report date, and
   dates outside :data:`YEAR_MIN`-:data:`YEAR_MAX`, are kept as text with precision "unknown" and
   a :attr:`DateMention.flag` (issue 13, "Containment"); intervals that run past the report date
   end at it.  No ``OverflowError`` or ``ValueError`` escapes from this module.
8. Precision is ACLED's ``time_precision`` in words: "day" (1), "week" for a week or several days
   (2), "month" or "year" (3); see :func:`mapper.model.acled_time_precision`.

Kinds of phrase (:attr:`DateMention.kind`, all listed in :data:`KINDS`):

1. "iso": year first, "2021-06-14", "2021/06/14", "2021-06-14T08:00Z".
2. "numeric": year last, "06/14/2021", "14.06.2021", "6/14/21" (convention 2).
3. "range_md", "range_days": "between March 3 and April 5, 2022", "3-5 October", "May 1 and 2".
4. "wd_md", "wd_dm", "md", "dm": a month and day, with a weekday or a year or neither.
5. "year_range", "my", "month", "last_month_name", "in_year", "year": "between 2019 and 2021",
   "late June 2019", "in January", "last July", "in 2011", "the 2016 bombing" (an attributive
   year of the report's own year is not reported: it adds nothing to the report date).
6. "weekday", "weekday_week", "weekend": "on Tuesday", "last Tuesday", "late on Monday",
   "overnight into Sunday", "Tuesday of last week", "over the weekend" (convention 4).
7. "day_word", "rel_unit", "trailing", "ago": "yesterday", "last night", "this morning",
   "earlier this month", "late last month", "the past two weeks", "two days ago".
8. "anaphoric": "the day before", "the previous night", "a day later", "overnight", "later that
   day", "the same night", "hours later" (convention 5).
9. "after_event": "two days after the attack", "a week before Eid": relative to an event, not a
   date; kept unresolved (unknown, no flag) so extraction knows the day is not the report's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from mapper.model import TimePrecision, When, acled_time_precision  # noqa: F401 (re-exported)

MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name} | {
    name.lower(): index for index, name in enumerate(calendar.month_abbr) if name
}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_UNITS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    " sixteen seventeen eighteen nineteen"
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
#: Cardinal number words, shared with the casualty figures of mapper.extract.
CARDINALS = {
    **{word: value for value, word in enumerate(_UNITS.split(), start=1)},
    **{word: value for value, word in zip(range(20, 100, 10), _TENS.split(), strict=True)},
}
NUMBER_WORDS = {"a": 1, "an": 1, **CARDINALS, "a few": 3, "few": 3, "several": 3}

#: Dates outside these years are kept as text with the flag "out_of_range" (issue 13).
YEAR_MIN, YEAR_MAX = 1900, 2100
#: A date this far after the report date is still read (time zones, late editions).
FUTURE_TOLERANCE = dt.timedelta(days=1)
#: How far back (characters) an anaphoric expression looks for the day it is relative to.
ANCHOR_WINDOW = 400
#: Counts in "N days ago" above this many days are out of range.
_MAX_DAYS = (YEAR_MAX - YEAR_MIN + 1) * 366
#: Convention for ambiguous slash dates when nothing else decides (CLDR ``en`` short date).
DEFAULT_CONVENTION = "month-first"


class _FlaggedError(Exception):
    """A date phrase that is kept as text only; the argument is the flag."""


@dataclass(frozen=True, slots=True)
class Reference:
    """What is known of when a document was written.

    Attributes
    ----------
    date
        The report date, when known.
    year
        The year, when known (from the date, or inferred from the text).
    inferred
        True when the year was inferred from the text (a weekday with a month and day) rather
        than given by a date.
    source
        Where the date or year came from: "document" (its metadata), "dateline" (the day a
        wire dateline gives, on or shortly before the document's date, see
        :func:`dateline_date`), "leading" (the text's own leading date, see
        :func:`leading_date`, or its masthead's, see :func:`masthead_date`), "inferred" (see
        :func:`infer_year`), or "".
    flag
        Set when the document's declared date was not used: "out_of_range" (outside
        :data:`YEAR_MIN`-:data:`YEAR_MAX`) or "invalid" (no such day).  Callers warn about it.
    declared
        The document's declared date when ``date`` is a dateline's, which may be days before
        it: the text can still tell of days up to it (an incident log's later entries).
    """

    date: dt.date | None = None
    year: int | None = None
    inferred: bool = False
    source: str = ""
    flag: str | None = None
    declared: dt.date | None = None

    @property
    def latest(self) -> dt.date | None:
        """The last day the text can report on: the report date, or the declared date when
        that is later (see ``declared``)."""
        if self.date is None or self.declared is None:
            return self.date
        return max(self.date, self.declared)

    @classmethod
    def of(cls, iso: str | None, text: str = "") -> Reference:
        """The reference for a document: its date, else its text's leading date, else a year.

        Parameters
        ----------
        iso
            The document's declared date, ISO 8601 (only the first ten characters are read).
        text
            The document's body: its leading date and weekday-month-day phrases are read.

        Returns
        -------
        Reference
            Never raises; a declared date that is not a day in range is ignored and flagged.
        """
        flag = None
        if iso:
            try:
                day = dt.date.fromisoformat(iso[:10])
            except ValueError:
                day, flag = None, "invalid"
            if day is not None and YEAR_MIN <= day.year <= YEAR_MAX:
                filed = dateline_date(text, 0, day)
                if filed is not None and filed.when.start is not None:
                    start = filed.when.start
                    return cls(start, start.year, False, "dateline", declared=day)
                return cls(day, day.year, False, "document")
            if day is not None:
                flag = "out_of_range"
        leading = leading_date(text) or masthead_date(text) or closing_date(text)
        if leading is not None and leading.when.start is not None:
            # a period's digest is dated by the period's last day
            day = leading.when.start
            if leading.when.precision != "day" and leading.when.end is not None:
                day = leading.when.end
            return cls(day, day.year, False, "leading", flag)
        year = infer_year(text)
        return cls(None, year, year is not None, "inferred" if year else "", flag)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase found in text, with its interval (``when.text`` is the phrase).

    Attributes
    ----------
    start, end
        Character offsets of the phrase in the text; a year written in the phrase is inside
        them, so numbers inside a mention are never counts.
    when
        The interval; unknown (with the phrase as text) when it cannot be placed or is flagged.
    kind
        Which construction it is (see :data:`KINDS`).
    convention
        For numeric dates: "year-first", "day-first" or "month-first"; else None.
    basis
        Why that convention: "unambiguous" (a field above 12, or the year first), "document"
        (the text's other numeric dates), "report date" (the other reading is after it),
        "separator" (dots or dashes), "default" (:data:`DEFAULT_CONVENTION`); else None.
    flag
        "out_of_range" (outside :data:`YEAR_MIN`-:data:`YEAR_MAX`, or an absurd count),
        "future" (more than :data:`FUTURE_TOLERANCE` after the report date), "invalid" (no such
        day, as "February 30, 2021"); None for a usable date.  Callers turn it into a warning.
    reading
        For a "future" flag: the interval the phrase states, which ``when`` does not carry.
    """

    start: int
    end: int
    when: When
    kind: str
    convention: str | None = None
    basis: str | None = None
    flag: str | None = None
    reading: When | None = None


# ----------------------------------------------------------------------------- patterns

_FULL_MONTHS = [name.lower() for name in calendar.month_name if name]
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>{_MONTH_WORDS})\.?"
_MONTH2 = rf"(?P<month2>{_MONTH_WORDS})\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!:\d)"  # "01 Nov 19:20": 19 is an hour
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d|2100)"
# A year with a month and day may be out of range ("December 30, 9999"), unless a word follows
# it ("December 30, 9999 militants" is a count).
_ANY_YEAR = r"(?P<year>\d{4,5}(?!\s+[a-z])|(?:19|20)\d\d)"
_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUM = rf"(?P<num>\d+|{_NUMBER}|(?:{_TENS.replace(' ', '|')})[\s-](?:{_UNITS.replace(' ', '|')}))"
# "May 5 people were killed": a day followed by a casualty word is a count; after a year only
# a noun makes it one ("June 3, 2000 people marched"), "May 14, 2024 killed five" is a date.
_NOT_COUNT = r"(?!\s*(?:people|persons|killed|dead|died|wounded|injured|%|percent))"
_NOT_PEOPLE = r"(?!\s*(?:people|persons|%|percent)\b)"
_YEAR_OR_NOT_COUNT = rf"(?:,?\s+{{year}}\b{_NOT_PEOPLE}|\b{_NOT_COUNT})"
_DASH = r"\s*(?:-|–|—|to|and)\s*"
_TOD = r"morning|afternoon|evening|night|overnight"
# Named days that are not dates ("Bloody Sunday", "Good Friday") and newspapers ("Sunday Times").
_NOT_NAMED_DAY = r"(?<!bloody\s)(?<!good\s)(?<!black\s)(?<!holy\s)(?<!palm\s)(?<!easter\s)"
_NOT_NEWSPAPER = r"(?!\s+(?:times|telegraph|mail|express|herald|post|tribune|observer|star)\b)"
_PREPS = ("in", "since", "during", "until", "till", "through", "throughout", "by", "from")

#: The constructions found, in order of priority: earlier patterns take their span first.  The
#: patterns read ASCII-lowercased text (case matters only where :func:`_read` checks it).
_PATTERNS: list[tuple[str, str, str]] = [
    (
        "iso",
        "#",
        r"(?P<year>\d{4})(?P<sep>[-/.])(?P<mm>[01]?\d)(?P=sep)(?P<dd>[0-3]?\d)(?!\d)"
        r"(?:[t ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:z|[+-]\d\d:?\d\d)?)?",
    ),
    (
        "numeric",
        "#",
        r"(?<!\d[./:])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)"
        r"(?P<year>\d{4}|(?<=[/.]\d\d[/.])\d\d|(?<=[/.]\d[/.])\d\d)(?![\w/]|[.-]\d)",
    ),
    (
        "range_md",
        "between",
        rf"between\s+{_MONTH}\s+{_DAY}\s+and\s+{_MONTH2}\s+{_DAY2},?\s+{_YEAR}",
    ),
    (
        "range_days",
        "MONTH",
        rf"{_MONTH}\s+{_DAY}{_DASH}{_DAY2}{_YEAR_OR_NOT_COUNT.format(year=_YEAR)}",
    ),
    ("range_days", "#", rf"{_DAY}{_DASH}{_DAY2}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b"),
    (
        "wd_md",
        "WEEKDAY",
        rf"{_WEEKDAY},?\s+(?:the\s+)?{_MONTH}\s+{_DAY}{_YEAR_OR_NOT_COUNT.format(year=_ANY_YEAR)}",
    ),
    (
        "wd_dm",
        "WEEKDAY",
        rf"{_WEEKDAY},?\s+(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_ANY_YEAR})?\b",
    ),
    ("md", "MONTH", rf"{_MONTH}\s+{_DAY}{_YEAR_OR_NOT_COUNT.format(year=_ANY_YEAR)}"),
    ("dm", "# the", rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_ANY_YEAR})?\b"),
    ("year_range", "between", rf"between\s+{_YEAR}\s+and\s+(?P<year2>(?:19|20)\d\d|2100)"),
    (
        "my",
        "MONTH PART",
        r"(?:(?P<part>early|mid|late|end\s+of|beginning\s+of|start\s+of)[\s-]+)?"
        rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}",
    ),
    # "Q1 2026", "the first quarter of 2026": a quarter year (its three months).
    (
        "quarter",
        "q1 q2 q3 q4 first second third fourth #",
        r"(?:q(?P<quarter>[1-4])|(?P<qword>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
        rf"\s+(?:of\s+)?)[\s,]*{_YEAR}",
    ),
    (
        "last_month_name",
        "last this next",
        rf"(?P<rel>last|this|next|this\s+coming)\s+{_MONTH}\b(?!\s+\d)",
    ),
    (
        "day_word",
        "the late early yesterday last this tomorrow earlier today tonight",
        r"(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        r"|(?:late\s+|early\s+)?(?:yesterday|last\s+night)"
        r"|(?:early\s+|late\s+)?(?:this|tomorrow)\s+(?:morning|afternoon|evening)"
        r"|earlier\s+(?:today|in\s+the\s+day)|today|tonight|tomorrow)"
        r"(?:\s+(?P<tod>morning|afternoon|evening|night))?",
    ),
    (
        "after_event",
        "NUM the",
        rf"(?:{_NUM}|the)\s+(?P<unit>day|night|week|month|year)s?\s+"
        r"(?:after|before|since|following|prior\s+to)(?=\s+\w)",  # see _event_follows
    ),
    (
        "weekday_week",
        "WEEKDAY",
        rf"{_WEEKDAY}(?:'s)?(?:\s+(?P<tod>{_TOD}))?,?\s+(?:of\s+)?(?P<week>last|this|next)\s+week",
    ),
    (
        "weekday_week",
        "last this next",
        rf"(?P<week>last|this|next)\s+week(?:\s+on|,)?\s+{_WEEKDAY}",
    ),
    (
        "weekday",
        "overnight",
        rf"overnight\s+(?:(?:on\s+)?(?:{'|'.join(WEEKDAYS)})(?:\s+night)?\s+)?(?P<into>into)\s+"
        rf"{_WEEKDAY}",
    ),
    (
        "weekday",
        "late early overnight before in the last this next coming WEEKDAY",
        r"(?:(?P<pre>late(?:\s+on)?|early(?:\s+on)?|overnight(?:\s+on)?|before\s+dawn(?:\s+on)?"
        r"|(?:in\s+)?the\s+(?:early\s+)?(?:hours|morning|afternoon|evening|night)\s+of)\s+)?"
        rf"(?P<rel>last\s+|this\s+coming\s+|this\s+|next\s+|coming\s+)?{_NOT_NAMED_DAY}{_WEEKDAY}"
        rf"(?:'s)?{_NOT_NEWSPAPER}(?:\s+(?P<tod>{_TOD}|before\s+last))?",
    ),
    (
        "weekend",
        "last this next past over the",
        r"(?:(?P<rel>last|this|next|past)|(?:over\s+)?the)\s+weekend",
    ),
    (
        "trailing",
        "the",
        rf"the\s+(?:past|last)\s+(?:{_NUM}\s+(?P<unit>hour|day|week|month|year)s?"
        r"|(?P<unit2>week|month|year))(?!\s+of\b)",
    ),
    ("trailing", "past last", rf"(?:past|last)\s+{_NUM}\s+(?P<unit>hour|day|week|month|year)s?"),
    (
        "rel_unit",
        "PART earlier later last this next past the",
        r"(?:(?P<mod>earlier|later|early|late|mid|end\s+of|beginning\s+of|start\s+of)[\s-]+)?"
        r"(?P<rel>last|this|next|past|the\s+previous)\s+(?P<unit>year|month|week)\b",
    ),
    (
        "ago",
        "exactly NUM",
        rf"(?P<exact>exactly\s+)?{_NUM}\s+(?P<unit>year|month|week|day|hour)s?\s+ago",
    ),
    (
        "ago",
        "exactly a few several some",
        r"(?P<exact>exactly\s+)?(?P<num>(?:a\s+)?few|several|some)\s+(?P<unit>day|week)s?\s+ago",
    ),
    ("ago", "days", r"(?P<num>days)\s+ago"),
    (
        "anaphoric",
        "the NUM overnight in later earlier that hours minutes moments",
        rf"(?:the\s+(?P<which>previous|next|following)\s+(?P<unit1>day|night|morning|evening)"
        rf"|the\s+(?P<unit2>day|night)\s+(?P<dir2>before|after)"
        rf"|(?:{_NUM})\s+(?P<unit3>day|week)s?\s+(?P<dir3>earlier|later|before|after|prior)"
        r"|(?<!\ban\s)(?<!\bthe\s)(?<!\ba\s)overnight"  # not "an overnight bag"
        r"|(?P<same>(?:in\s+)?the\s+early\s+hours(?:\s+of\s+the\s+morning)?"
        # the day last stated: "later that day", "the same night", "hours later"
        r"|(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?:day|night|morning|afternoon|evening)"
        r"|(?:hours|minutes|moments)\s+(?:later|earlier|afterwards?)))",
    ),
    (
        "month",
        "PART FULLMONTH",
        r"(?:(?P<part>early|mid|late|end\s+of|beginning\s+of|start\s+of)[\s-]+|"
        + "".join(rf"(?<={p}\s)" if not i else rf"|(?<={p}\s)" for i, p in enumerate(_PREPS))
        + r")(?P<month>"
        + "|".join(_FULL_MONTHS)
        + r")\b(?![\s.]*\d)",
    ),
    (
        "in_year",
        "#",
        r"(?:(?<=in\s)|(?<=since\s)|(?<=of\s)|(?<=by\s)|(?<=early\s)|(?<=late\s)|(?<=until\s)"
        rf"|(?<=from\s)|(?<=during\s)|(?<=mid-)|(?<=year\s)){_YEAR}"
        r"(?!\s+[a-z]+\s+(?:st|street|rd|road|ave|avenue|dr|drive|lane|blvd|way|court)\b)",
    ),
    # "the 2016 bombing", "2016's attack": a year naming a past event.
    ("year", "#", rf"(?<=the\s){_YEAR}(?=\s+[a-z]+)(?!\s+(?:people|persons|of|to|and|or)\b)"),
    ("year", "#", rf"{_YEAR}(?='s\s)"),
]

#: Every construction :func:`find_dates` reports, as ``DateMention.kind``.
KINDS = tuple(dict.fromkeys(kind for kind, _, _ in _PATTERNS))
# Words without which a kind cannot match: a text lacking all of them skips its patterns (speed).
_NEEDS: dict[str, tuple[str, ...]] = {
    "range_md": ("between",),
    "year_range": ("between",),
    "wd_md": ("day",),
    "wd_dm": ("day",),
    "weekday": ("day",),
    "weekday_week": ("week",),
    "weekend": ("weekend",),
    "trailing": ("past", "last"),
    "rel_unit": ("week", "month", "year"),
    "last_month_name": ("last", "this", "next"),
    "ago": ("ago",),
    "day_word": ("yesterday", "today", "tonight", "tomorrow", "night", "morning", "evening"),
    "after_event": ("after", "before", "since", "following", "prior"),
    "anaphoric": (
        *("previous", "next", "following", "before", "after", "earlier", "later", "prior"),
        *("overnight", "early hours", "same", "that", "hours", "minutes", "moments"),
    ),
}


def _compile() -> list[tuple[str, re.Pattern[str]]]:
    return [(kind, re.compile(rf"(?<![\w-]){pat}(?![\w-])")) for kind, _, pat in _PATTERNS]


def _starts() -> dict[str, tuple[int, ...]]:
    """For each word a date phrase can start with ("#" for digits), the patterns to try there."""
    groups = {
        "MONTH": list(MONTHS),
        "FULLMONTH": _FULL_MONTHS,
        "WEEKDAY": list(WEEKDAYS),
        "PART": ["early", "mid", "late", "end", "beginning", "start"],
        "NUM": ["#", *(word.split()[0] for word in NUMBER_WORDS)],
    }
    starts: dict[str, list[int]] = {}
    for index, (_, spec, _) in enumerate(_PATTERNS):
        for name in spec.split():
            for word in groups.get(name, [name]):
                if index not in starts.setdefault(word, []):
                    starts[word].append(index)
    return {word: tuple(indexes) for word, indexes in starts.items()}


_COMPILED = _compile()
_STARTS = _starts()
_TOKEN = re.compile(r"[a-z0-9]+")
_NUMERIC = next(regex for kind, regex in _COMPILED if kind == "numeric")
_ANAPHORIC = next(regex for kind, regex in _COMPILED if kind == "anaphoric")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_FOLLOWER = re.compile(r"\s+(\w+)")
_NOUN_STARTS = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those"}
    | {"he", "she", "they", "it", "we", "i", "you"}
)


def _lower(text: str) -> str:
    """The text with ASCII letters lowercased, offsets unchanged (patterns match on it)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def _event_follows(text: str, at: int) -> bool:
    """Whether a noun phrase or clause follows ``at`` ("after the attack", "after he was
    freed", "before Eid", "after being"), making "two days after" relative to an event."""
    follower = _FOLLOWER.match(text, at)
    if follower is None:
        return False
    word = follower.group(1)
    return (
        word[0].isupper()
        or word[0].isdigit()
        or word.lower().endswith("ing")
        or word.lower() in _NOUN_STARTS
    )


_YEAR_IN_TEXT = re.compile(r"(?<![\w-])(?:19|20)\d\d(?![\w-])")
_PARAGRAPH = re.compile(r"\n\s*\n")
_VAGUE = {"few", "a few", "several", "some", "days"}
# Months that are also verbs are months only when capitalised ("may", "march"), or written with
# a day and a year ("26 march 2026").
_VERB_MONTHS = {"may", "march"}


# ----------------------------------------------------------------------------- public functions


def infer_year(text: str) -> int | None:
    """The year fixed by a weekday with a month and day ("Thursday, August 26"), or None.

    The weekday allows one year in about seven; among those, the one within a year of the latest
    year the text mentions is taken.  With no year in the text, or several candidates, None.
    """
    years = [int(m.group()) for m in _YEAR_IN_TEXT.finditer(text)]
    if not years:
        return None
    latest = max(years)
    found: set[int] = set()
    lowered = _lower(text)
    for kind, regex in _COMPILED:
        if kind not in ("wd_md", "wd_dm"):
            continue
        for match in regex.finditer(lowered):
            if match.group("year"):
                continue
            month = MONTHS[match.group("month").lower()]
            day = int(match.group("day"))
            weekday = WEEKDAYS[match.group("weekday").lower()]
            for year in range(latest - 1, latest + 2):
                if _weekday_of(year, month, day) == weekday:
                    found.add(year)
    return found.pop() if len(found) == 1 else None


def numeric_convention(text: str, latest: dt.date | None = None) -> str | None:
    """The numeric-date convention a text uses, from its unambiguous numeric dates.

    Parameters
    ----------
    text
        The whole document (front matter included: its declared date's format counts).
    latest
        The last day the text can report on (the report date). When no date's fields decide,
        a date one of whose readings is after it decides: an incident log's "07/06/2026" filed
        on 10 June is day-first, and so are its "03/06/2026" and "05/06/2026" (one log, one
        convention).

    Returns
    -------
    str or None
        "day-first" or "month-first" when more of the text's year-last numeric dates are
        unambiguous one way (a first field above 12 is a day, a second one above 12 is a day)
        than the other; None when none are, or as many each way.
    """
    day_first = month_first = 0
    by_date = [0, 0]
    limit = latest + FUTURE_TOLERANCE if latest is not None else None
    found = 0
    for match in _NUMERIC.finditer(text):
        found += 1
        a, b = int(match.group("a")), int(match.group("b"))
        if a > 12 >= b >= 1:
            day_first += 1
        elif b > 12 >= a >= 1:
            month_first += 1
        elif limit is not None and 1 <= a <= 12 and 1 <= b <= 12 and a != b:
            year = int(match.group("year"))
            year = year + 2000 if year < 100 else year
            if not YEAR_MIN <= year <= YEAR_MAX:
                continue
            day_ok = dt.date(year, b, a) <= limit
            month_ok = dt.date(year, a, b) <= limit
            if day_ok != month_ok:
                by_date[0 if day_ok else 1] += 1
    if day_first == month_first and found > 1:
        day_first, month_first = by_date  # (one date alone is read by the report date itself)
    if day_first == month_first:
        return None
    return "day-first" if day_first > month_first else "month-first"


_LEADING = re.compile(
    r"\s*(?:(?i:date)\s*:\s*|(?:[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*,\s+(?:[A-Z][\w.'-]+,\s+)?))?"
)


def leading_date(text: str, start: int = 0) -> DateMention | None:
    """The text's own date: a full date that opens it, as coded records and datelines do.

    "06/14/2021: An explosive device detonated ...", "14 June 2021 - Gunmen ...",
    "KABUL, June 14, 2021 (Reuters) - ...".  Only a stated day with its year counts (a
    relative or year-less date cannot date the text).  When a document declares no date this is
    its report date (:meth:`Reference.of` uses it).

    Parameters
    ----------
    text
        The document's text.
    start
        Where its body starts (character offset).

    Returns
    -------
    DateMention or None
        The mention, resolved with no reference; None when the body does not open with one.
    """
    prefix = _LEADING.match(text, start)
    at = prefix.end() if prefix else start
    lowered = _lower(text[: at + 80])  # a date is shorter than that
    context: _Context | None = None
    for kind, regex in _COMPILED:
        if kind not in ("iso", "numeric", "wd_md", "wd_dm", "md", "dm"):
            continue
        match = regex.match(lowered, at)
        if match is None or not match.group("year"):
            continue
        context = context or _Context(text, lowered, numeric_convention(text))
        mention = _read(kind, match, Reference(), context)
        if mention is not None and mention.when.precision == "day" and mention.flag is None:
            return mention
    return None


#: How many non-empty lines at the top of a text may hold its masthead (title, outlet,
#: reference number, date line) before the body.
MASTHEAD_LINES = 8
#: A line at least this long is a paragraph: the masthead ends there (its opening may still
#: be a dateline: "(Nairobi, January 29, 2026) – ...").
_PARAGRAPH_CHARS = 160
#: A label that says a line's date is the document's: "Published 22 March 2026",
#: "Issued: 13 April 2026", "Date: 16 Hamal 1405 (5 April 2026)".
_MASTHEAD_LABEL = re.compile(
    r"(?i)\b(?:date[d]?|published|posted|issued|updated|released|filed|edition|as\s+of"
    r"|built|generated|sent|aired|broadcast)\b|^\W*posts?\b"
)
#: A clock time after a date, with its zone: "06:00:12 UTC", "19:42 MSK", "15:41:07 -0500",
#: "at 10.30 a.m. (GMT+3)" (RFC 822 feeds, post headers).
_CLOCK = (
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.h]\d\d(?::\d\d)?\s*(?i:[ap]\.?m\.?)?"
    r"\s*(?:\(?[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d\d)?)?\)?|[+-]\d{4})?)?"
)
#: What may follow a date that closes a masthead line: punctuation, a clock time, a short
#: bracket.
_CLOSES_LINE = re.compile(
    rf"[\s:.,;)\]–—-]*{_CLOCK}[\s:.,;)\]–—-]*(?:\([^()\n]{{0,40}}\))?[\s:.,;)\]–—-]*"
)
#: What splits a masthead line into fields ("Tuesday, 17 March 2026 | Reporting period: 15-16
#: March | Distribution: clients only"): a bar, a bullet or a middle dot.
_FIELD_SEPARATOR = re.compile(r"\s*[|•·¦]\s*")
#: A sentence's end inside an editor's or translator's note in brackets ("[Translated from
#: Arabic. Posts of 6 May 2026. Emojis as in the original.]").
_NOTE_SENTENCE_END = re.compile(r"\.\s+(?=\S)")
#: A dateline before a date: a place (and region or country) then a comma or dash, maybe in
#: a bracket: "Rawalpindi - ", "(Nairobi, ", "Bogotá, ", "By our Middle East correspondent – ".
_DATELINE_BEFORE = re.compile(r"\(?\s*[A-Z][^\n()]{0,60}?\s*[,–—-]\s*")
#: What follows a dateline's date in a paragraph's opening: a bracket's end, a dash, a colon
#: or a full stop.
_DATELINE_AFTER = re.compile(r"\)?\s*(?:\([^()\n]{1,40}\)\s*)?[-–—:.]")


def masthead_date(text: str, start: int = 0) -> DateMention | None:
    """The date a document's masthead gives: a full date on a line of its own at the top.

    Press releases, reports and translations put their date in a header line rather than
    metadata: "11 February 2026", "Published: 19.02.2026", "Issued: 13 April 2026",
    "Rawalpindi - March 14, 2026:", "Tuesday, 19 May 2026 (all times PKT)", "By our
    correspondent – 23 June 2026", or a dateline opening the first paragraph ("(Nairobi,
    January 29, 2026) – ...", "Bogotá, 9 March 2026. ..."). Among the first
    :data:`MASTHEAD_LINES` non-empty lines, up to the first paragraph, the first stated day
    with its year that is labelled as the document's, or closes a short line, or follows a
    dateline's place is the report date (a clock time and its zone may follow it: "built:
    Tue, 03 Feb 2026 06:00:12 UTC"). A line is read field by field when bars or bullets part
    it ("Tuesday, 17 March 2026 | Reporting period: 15–16 March"), and sentence by sentence
    when it is an editor's or translator's note in brackets ("[Translation from Russian. Post
    of 11.04.2026, 19:42 MSK. 48.2K views]"), which is no paragraph however long. A year-less
    or relative date cannot date a text. With no such day, a span of days, a month or a quarter
    that closes a short line ("Week 10: 2–8 March 2026", "Quarterly Brief | Q1 2026") is the
    period a digest covers, and its last day the report date.

    Parameters
    ----------
    text
        The document's text.
    start
        Where its body starts (character offset).

    Returns
    -------
    DateMention or None
        The mention, resolved with no reference; None when the masthead gives no date.
    """
    seen = 0
    at = start
    period: DateMention | None = None
    while seen < MASTHEAD_LINES and at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        a, b = at, end
        at = end + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        seen += 1
        note = text[a] == "[" and text[b - 1] == "]"
        paragraph = b - a >= _PARAGRAPH_CHARS and not note
        if paragraph:
            return _masthead_day(text, a, min(b, a + 120), True) or period
        for fa, fb in _masthead_fields(text, a, b, note):
            found = _masthead_day(text, fa, fb, False)
            if found is not None:
                return found
            if period is None:
                period = _masthead_period(text, fa, fb)
    return period


def is_dateline(text: str, mention: DateMention) -> bool:
    """Whether a date that gave a text its report date is a dateline's: after a place and a
    comma at the opening of a paragraph that goes on to tell the news ("OUAGADOUGOU, Feb 24,
    2026 (AFP) - Jihadists killed ..."). Such a day is the day the report was filed, not the
    day of the events it tells (AP and Reuters style; see :func:`dateline_date`); a record's
    leading date ("06/14/2021: An explosive device detonated ...") is its event's."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end < 0 else line_end
    return (
        _DATELINE_BEFORE.fullmatch(text, line_start, mention.start) is not None
        and _DATELINE_AFTER.match(text, mention.end) is not None
        and line_end - mention.end > 40
    )


def edge_lines(text: str, start: int, count: int, *, last: bool = False) -> list[tuple[int, int]]:
    """The first (or, with ``last``, the last) ``count`` non-empty lines of ``text[start:]``,
    as (start, end) character offsets with their blanks trimmed, in the order they are read
    from that edge; only those lines are looked at, however long the text."""
    lines: list[tuple[int, int]] = []
    at = len(text) if last else start
    while len(lines) < count and (at > start if last else at < len(text)):
        if last:
            a = max(start, text.rfind("\n", start, at) + 1)
            b, at = at, a - 1
        else:
            b = text.find("\n", at)
            b = len(text) if b < 0 else b
            a, at = at, b + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            lines.append((a, b))
    return lines


#: How many non-empty lines at the end of a text may hold the place and date it was signed.
CLOSING_LINES = 6


def closing_date(text: str) -> DateMention | None:
    """The date a statement or letter is signed with, on a line of its own near its end.

    Communiqués, open letters and many press statements give their place and date at the
    foot, above the signature: "Mountains of Colombia, May 18, 2026", "Done at Bamako, 4 May
    2026.", "3 May 2026". Among the last :data:`CLOSING_LINES` non-empty lines, a short line
    that is a stated day with its year, alone, after a label or after a place and a comma, is
    the report date. Only read when the masthead gives none.

    Parameters
    ----------
    text
        The document's text.

    Returns
    -------
    DateMention or None
        The mention, resolved with no reference; None when no such line ends the text.
    """
    for a, b in edge_lines(text, 0, CLOSING_LINES, last=True):
        if b - a > 100:
            continue
        for mention in find_dates(text, Reference(), a, b):
            if mention.when.precision != "day" or mention.when.start is None or mention.flag:
                continue
            before = text[a : mention.start]
            if (
                not before.strip()
                or _DATELINE_BEFORE.fullmatch(before)
                or _MASTHEAD_LABEL.search(before)
            ) and _CLOSES_LINE.fullmatch(text, mention.end, b):
                return mention
    return None


def _masthead_fields(text: str, a: int, b: int, note: bool) -> Iterator[tuple[int, int]]:
    """The fields of the masthead line ``text[a:b]``: its parts between bars or bullets, or
    the sentences of an editor's note in brackets, each read as a line of its own."""
    if note:
        a, b = a + 1, b - 1
        separator = _NOTE_SENTENCE_END
    else:
        separator = _FIELD_SEPARATOR
    at = a
    for match in separator.finditer(text, a, b):
        if match.start() > at:
            yield at, match.start()
        at = match.end()
    if b > at:
        yield at, b


def _masthead_period(text: str, a: int, b: int) -> DateMention | None:
    """The span of days with its year that closes a short masthead line ("Week 10: 2–8 March
    2026", "13 – 19 April 2026", "Monthly report – March 2026"): the period a digest covers,
    taken when the masthead states no day of its own; or a quarter ("Quarterly Brief | Q1
    2026")."""
    if b - a > 80:
        return None
    for mention in find_dates(text, Reference(), a, b):
        when = mention.when
        if (
            (when.precision in ("week", "month") or mention.kind == "quarter")
            and when.end is not None
            and mention.flag is None
            and _CLOSES_LINE.fullmatch(text, mention.end, b) is not None
        ):
            return mention
    return None


def _masthead_day(text: str, a: int, b: int, paragraph: bool) -> DateMention | None:
    """The first day with its year in ``text[a:b]`` when the line gives it as the date of
    the document (see :func:`masthead_date`)."""
    for mention in find_dates(text, Reference(), a, b):
        when = mention.when
        if when.precision != "day" or when.start is None or mention.flag is not None:
            continue
        before, after = text[a : mention.start], text[mention.end : b]
        if _DATELINE_BEFORE.fullmatch(before) and _DATELINE_AFTER.match(after):
            return mention
        if paragraph:
            return None
        if _MASTHEAD_LABEL.search(before) or (
            len(before) <= 80 and _CLOSES_LINE.fullmatch(after) is not None
        ):
            return mention
        return None
    return None


#: A wire dateline's place: "MOGADISHU, ", "KABUL, Afghanistan, ", "CHARLESTON, W.Va., ".
_DATELINE_PLACE = re.compile(
    r"\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*,\s+(?:[A-Z][\w.'’-]+,\s+)?"
)
#: What follows a dateline's date: the agency in brackets, a dash or a colon.
_DATELINE_END = re.compile(r",?\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—]{1,2}|:)\s")
#: How long before the document's date a dateline may be (a wire story republished later).
DATELINE_DAYS = 31


def dateline_date(text: str, start: int, declared: dt.date) -> DateMention | None:
    """The day a wire dateline gives ("MOGADISHU, May 3 (Reuters) - ..."), read against the
    document's declared date.

    A dateline's date is the day the report was filed, not the day of the event it tells: the
    weekdays and "yesterday" of the story are counted from it (AP and Reuters style; ACLED
    and GDELT date events from the report, not from its publication elsewhere). A year-less
    date is the latest such day on or before ``declared``.

    Parameters
    ----------
    text
        The document's text.
    start
        Where its body starts (character offset).
    declared
        The document's declared date.

    Returns
    -------
    DateMention or None
        The dateline's date, when the body opens with a place in capitals, a comma, a month and
        day (a year optional), then an agency in brackets, a dash or a colon, and the day is
        on or at most :data:`DATELINE_DAYS` days before ``declared``; None otherwise.
    """
    place = _DATELINE_PLACE.match(text, start)
    if place is None:
        return None
    at = place.end()
    lowered = _lower(text[: at + 80])
    reference = Reference(declared, declared.year, False, "document")
    context: _Context | None = None
    for kind, regex in _COMPILED:
        if kind not in ("wd_md", "wd_dm", "md", "dm"):
            continue
        match = regex.match(lowered, at)
        if match is None or _DATELINE_END.match(text, match.end()) is None:
            continue
        context = context or _Context(text, lowered, None)
        mention = _read(kind, match, reference, context)
        if mention is None or mention.when.precision != "day" or mention.when.start is None:
            return None
        lag = (declared - mention.when.start).days
        return mention if 0 <= lag <= DATELINE_DAYS else None
    return None


def find_dates(
    text: str, reference: Reference, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Every date phrase in ``text[start:end]``, resolved against ``reference``, in text order.

    Parameters
    ----------
    text
        The document's whole text (numeric conventions are read from all of it).
    reference
        What is known of the report date (:meth:`Reference.of`).
    start, end
        Character offsets of the part to search (the body).

    Returns
    -------
    list of DateMention
        Non-overlapping, in text order.  Phrases that cannot be placed in time (no year known,
        or flagged) are returned with an unknown interval and their text, so callers can tell
        "no date said" from "a date we cannot resolve".  Never raises on any text.
    """
    stop = len(text) if end is None else end
    lowered = _lower(text)
    matches = _scan(lowered, start, stop)
    numeric = any(kind == "numeric" for kind, _ in matches)
    convention = numeric_convention(text, reference.latest) if numeric else None
    context = _Context(text, lowered, convention)
    found: list[DateMention] = []
    for kind, match in matches:
        mention = _read(kind, match, reference, context)
        if mention is None:
            continue
        found.append(mention)
        if mention.when.precision == "day" or (
            mention.reading is not None and mention.reading.precision == "day"
        ):
            context.last_day = mention
    return _anniversaries(text, found)


def _years_back(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year with none
        return day.replace(year=day.year - years, day=28)


def _anniversaries(text: str, found: list[DateMention]) -> list[DateMention]:
    """Join "N years ago" to the "this week", "this month" or "today" right after it ("Nine
    years ago this week"): that week, month or day, N years back."""
    joined: list[DateMention] = []
    for mention in found:
        before = joined[-1] if joined else None
        if (
            before is not None
            and before.kind == "ago"
            and before.when.precision == "year"
            and before.when.start is not None
            and mention.when.start is not None
            and mention.when.end is not None
            and mention.when.precision in ("week", "month", "day")
            and re.fullmatch(r"\s*,?\s*", text[before.end : mention.start])
            and re.match(r"(?:this|today)\b", text[mention.start : mention.end], re.I)
        ):
            years = mention.when.start.year - before.when.start.year
            first = _years_back(mention.when.start, years)
            last = {  # the whole week or month then; "this week" so far ends on the report date
                "day": first,
                "week": first + dt.timedelta(days=6),
                "month": first.replace(day=calendar.monthrange(first.year, first.month)[1]),
            }[mention.when.precision]
            when = replace(
                mention.when, start=first, end=last, text=text[before.start : mention.end]
            )
            joined[-1] = replace(before, end=mention.end, when=when)
            continue
        joined.append(mention)
    return joined


def _skipped(lowered: str, start: int, stop: int) -> set[str]:
    """Kinds whose necessary words are all absent from the text (their patterns are skipped)."""
    return {
        kind
        for kind, needs in _NEEDS.items()
        if not any(lowered.find(word, start, stop) >= 0 for word in needs)
    }


def _claim(
    candidates: list[tuple[int, re.Match[str]]], size: int
) -> list[tuple[str, re.Match[str]]]:
    """Non-overlapping matches: earlier patterns, then leftmost matches, take their span first."""
    taken = bytearray(size)
    kept: list[tuple[str, re.Match[str]]] = []
    for index, match in sorted(candidates, key=lambda c: (c[0], c[1].start())):
        first, last = match.span()
        if taken.find(1, first, last) == -1:
            taken[first:last] = b"\x01" * (last - first)
            kept.append((_COMPILED[index][0], match))
    kept.sort(key=lambda km: km[1].start())
    return kept


def _scan(lowered: str, start: int, stop: int) -> list[tuple[str, re.Match[str]]]:
    """The date phrases of ``lowered[start:stop]``, each tried only where a word it can start
    with stands (:data:`_STARTS`): linear in the text and several times faster than scanning
    the text once per pattern (:func:`_scan_all`, which gives the same matches)."""
    skipped = _skipped(lowered, start, stop)
    usable = [kind not in skipped for kind, _ in _COMPILED]
    candidates: list[tuple[int, re.Match[str]]] = []
    for token in _TOKEN.finditer(lowered, start, stop):
        word = token.group()
        for index in _STARTS.get("#" if word[0] <= "9" else word, ()):
            if usable[index]:
                match = _COMPILED[index][1].match(lowered, token.start(), stop)
                if match is not None:
                    candidates.append((index, match))
    return _claim(candidates, len(lowered))


def _scan_all(lowered: str, start: int, stop: int) -> list[tuple[str, re.Match[str]]]:
    """The same as :func:`_scan`, by scanning the text once per pattern (a reference for it)."""
    skipped = _skipped(lowered, start, stop)
    candidates = [
        (index, match)
        for index, (kind, regex) in enumerate(_COMPILED)
        if kind not in skipped
        for match in regex.finditer(lowered, start, stop)
    ]
    return _claim(candidates, len(lowered))


# ----------------------------------------------------------------------------- resolution


@dataclass(slots=True)
class _Context:
    """What resolution needs beyond the match: the text, its convention, the last stated day."""

    text: str
    lowered: str
    convention: str | None
    last_day: DateMention | None = None
    at: int = 0


def _read(kind: str, match: re.Match[str], ref: Reference, context: _Context) -> DateMention | None:
    """Resolve one match into a bounded mention, or None when it is not a date after all."""
    text = context.text[match.start() : match.end()]
    if kind == "after_event" and not _event_follows(context.text, match.end()):
        # "the day before, ...": not relative to an event, so anaphoric if it reads as one
        anaphoric = _ANAPHORIC.fullmatch(context.lowered, match.start(), match.end())
        if anaphoric is None:
            return None
        kind, match = "anaphoric", anaphoric
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    for name in ("month", "month2"):
        if name in groups and groups[name] in _VERB_MONTHS and not {"day", "year"} <= set(groups):
            said = context.text[match.start(name) : match.end(name)]
            if said.islower():  # "may" and "march" in lower case, unless a day and a year
                return None  # make them a date ("26 march 2026")
    mention = DateMention(match.start(), match.end(), When(text=text), kind)
    context.at = match.start()
    try:
        result = _RESOLVERS[kind](groups, text, ref, context)
    except _FlaggedError as flagged:
        return replace(mention, flag=str(flagged.args[0]))
    except (OverflowError, ValueError):
        return replace(mention, flag="out_of_range")
    if result is None:
        return None
    when, convention, basis = result
    if convention is not None:
        when = replace(when, convention=f"{convention} ({basis})" if basis else convention)
    return _bound(replace(mention, when=when, convention=convention, basis=basis), ref)


_Result = tuple[When, str | None, str | None] | None
_Resolver = Callable[[dict[str, str], str, Reference, _Context], _Result]


def _bound(mention: DateMention, ref: Reference) -> DateMention:
    """Apply the range and report-date bounds (convention 7)."""
    when = mention.when
    if when.start is None or when.end is None:
        return mention
    if when.start.year < YEAR_MIN or when.end.year > YEAR_MAX:
        return replace(mention, when=When(text=when.text), flag="out_of_range")
    if ref.date is None:
        return mention
    latest = ref.latest or ref.date
    if when.start > latest + FUTURE_TOLERANCE:
        return replace(mention, when=When(text=when.text), flag="future", reading=when)
    if when.end > latest and when.precision != "day":
        return replace(mention, when=replace(when, end=max(latest, when.start)))
    return mention


def _date(year: int, month: int, day: int) -> dt.date:
    """A day, or the flag that says why there is none."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise _FlaggedError("out_of_range")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _FlaggedError("invalid") from None


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None


def _span_precision(start: dt.date, end: dt.date) -> TimePrecision:
    """The coarsest precision that an interval of this length amounts to."""
    days = (end - start).days
    return "day" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year"


def _interval(start: dt.date, end: dt.date, text: str, inferred: bool = False) -> When:
    return When(start, end, _span_precision(start, end), inferred, text)


def _day(value: dt.date, text: str, inferred: bool = False) -> When:
    return When(value, value, "day", inferred, text)


def _month(year: int, month: int, text: str, inferred: bool = False) -> When:
    first = _date(year, month, 1)
    last = first.replace(day=calendar.monthrange(year, month)[1])
    return When(first, last, "month", inferred, text)


def _year(year: int, text: str, inferred: bool = False, until: int | None = None) -> When:
    return When(_date(year, 1, 1), _date(until or year, 12, 31), "year", inferred, text)


def _part(when: When, part: str | None) -> When:
    """Narrow a month to its early (1-10), mid (11-20) or late (21-end) part."""
    if not part or when.start is None or when.end is None:
        return when
    word = part.lower().split()[0]
    first, last = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20)}.get(
        word, (21, when.end.day)
    )
    start, end = when.start.replace(day=first), when.start.replace(day=last)
    return When(start, end, _span_precision(start, end), when.inferred, when.text)


def _count(text: str) -> int:
    """The value of a count: digits, a number word, or "twenty-three"."""
    word = text.lower()
    if word.isdigit():
        return int(word) if len(word) < 9 else _MAX_DAYS + 1
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    tens, _, unit = re.split(r"([\s-])", word, maxsplit=1)
    return CARDINALS.get(tens, 0) + CARDINALS.get(unit, 0)


def _shift(day: dt.date, days: int) -> dt.date:
    if abs(days) > _MAX_DAYS:
        raise _FlaggedError("out_of_range")
    return day + dt.timedelta(days=days)


def _month_index(index: int) -> tuple[int, int]:
    """(year, month) of a month counted from year 0."""
    return index // 12, index % 12 + 1


def _nearest(ref_day: dt.date, month: int, day: int) -> dt.date:
    """The occurrence of a month and day nearest the report date (convention 6)."""
    options = []
    for year in range(ref_day.year - 4, ref_day.year + 2):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not options:
        raise _FlaggedError("invalid")
    return min(options, key=lambda d: (abs((d - ref_day).days), d > ref_day))


def _resolve_iso(groups: dict[str, str], text: str, ref: Reference, context: _Context) -> _Result:
    value = _date(int(groups["year"]), int(groups["mm"]), int(groups["dd"]))
    return _day(value, text), "year-first", "unambiguous"


def _resolve_numeric(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    a, b, year_text = int(groups["a"]), int(groups["b"]), groups["year"]
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year >= 69 else 2000
    if not (1 <= a <= 31 and 1 <= b <= 31) or (a > 12 and b > 12):
        return None
    if a > 12 or b > 12:
        convention, basis = ("day-first" if a > 12 else "month-first"), "unambiguous"
    elif a == b:
        convention, basis = DEFAULT_CONVENTION, "unambiguous"
    elif context.convention is not None:
        convention, basis = context.convention, "document"
    else:
        convention, basis = _by_reference(a, b, year, ref) or _by_separator(groups["sep"])
    day, month = (a, b) if convention == "day-first" else (b, a)
    return _day(_date(year, month, day), text), convention, basis


def _by_reference(a: int, b: int, year: int, ref: Reference) -> tuple[str, str] | None:
    """The reading that is not after the report date, when only one is not."""
    if ref.date is None or not YEAR_MIN <= year <= YEAR_MAX:
        return None
    limit = (ref.latest or ref.date) + FUTURE_TOLERANCE
    day_first_ok = dt.date(year, b, a) <= limit
    month_first_ok = dt.date(year, a, b) <= limit
    if day_first_ok == month_first_ok:
        return None
    return ("day-first" if day_first_ok else "month-first"), "report date"


def _by_separator(separator: str) -> tuple[str, str]:
    if separator in ".-":
        return "day-first", "separator"
    return DEFAULT_CONVENTION, "default"


def _resolve_range_md(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    year = int(groups["year"])
    first = _date(year, MONTHS[groups["month"].lower()], int(groups["day"]))
    last = _date(year, MONTHS[groups["month2"].lower()], int(groups["day2"]))
    if last < first:
        return None
    return _interval(first, last, text), None, None


def _resolve_range_days(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    month = MONTHS[groups["month"].lower()]
    day, day2 = int(groups["day"]), int(groups["day2"])
    if not 1 <= day < day2 <= 31:
        return None
    if "year" in groups:
        year, inferred = int(groups["year"]), False
    elif ref.date is not None:
        year, inferred = _nearest(ref.date, month, day).year, False
    elif ref.year is not None:
        year, inferred = ref.year, ref.inferred
    else:
        return When(text=text), None, None
    return _interval(_date(year, month, day), _date(year, month, day2), text, inferred), None, None


def _resolve_month_day(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    month = MONTHS[groups["month"].lower()]
    day = int(groups["day"])
    if not 1 <= day <= 31:
        return None
    if "year" in groups:
        return _day(_date(int(groups["year"]), month, day), text), None, None
    if ref.date is not None:
        nearest = _nearest(ref.date, month, day)
        if "weekday" in groups:
            nearest = _with_weekday(nearest, WEEKDAYS[groups["weekday"].lower()], ref.date)
        return _day(nearest, text), None, None
    if ref.year is not None:
        return _day(_date(ref.year, month, day), text, ref.inferred), None, None
    return When(text=text), None, None


def _with_weekday(nearest: dt.date, weekday: int, ref_day: dt.date) -> dt.date:
    """The year, within one of the report's, where a month-day falls on the weekday it is said
    with ("Monday, Feb. 18" in a 2009 report is 2008); else the nearest occurrence."""
    if nearest.weekday() == weekday:
        return nearest
    options = []
    for year in (ref_day.year - 1, ref_day.year, ref_day.year + 1):
        try:
            option = nearest.replace(year=year)
        except ValueError:
            continue
        if option.weekday() == weekday:
            options.append(option)
    return min(options, key=lambda d: abs((d - ref_day).days), default=nearest)


def _resolve_year_range(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    first, last = int(groups["year"]), int(groups["year2"])
    if last < first:
        return None
    return _year(first, text, until=last), None, None


def _resolve_month_year(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    when = _month(int(groups["year"]), MONTHS[groups["month"].lower()], text)
    return _part(when, groups.get("part")), None, None


_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_QUARTER_WORDS |= {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _resolve_quarter(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    """A quarter of a year: its three calendar months ("Q1 2026" is 1 January-31 March)."""
    quarter = int(groups["quarter"]) if "quarter" in groups else _QUARTER_WORDS[groups["qword"]]
    year = int(groups["year"])
    last_month = 3 * quarter
    last = _date(year, last_month, calendar.monthrange(year, last_month)[1])
    return _interval(_date(year, last_month - 2, 1), last, text), None, None


def _resolve_month(groups: dict[str, str], text: str, ref: Reference, context: _Context) -> _Result:
    """A month without a year: the occurrence nearest the report date (convention 6)."""
    month = MONTHS[groups["month"].lower()]
    if ref.date is not None:
        when = _month(_nearest(ref.date, month, 15).year, month, text)
    elif ref.year is not None:
        when = _month(ref.year, month, text, ref.inferred)
    else:
        return When(text=text), None, None
    return _part(when, groups.get("part")), None, None


def _resolve_last_month_name(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    if ref.date is None:
        return When(text=text), None, None
    month = MONTHS[groups["month"].lower()]
    rel = groups["rel"].lower().split()[0]
    year = ref.date.year
    if rel == "last" and month >= ref.date.month:
        year -= 1
    elif rel == "next" or (rel == "this" and "coming" in groups["rel"].lower()):
        year += 1 if month <= ref.date.month else 0
    return _month(year, month, text), None, None


def _resolve_after_event(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    """ "Two days after the attack": relative to an event, not a date; left unresolved."""
    return When(text=text), None, None


def _resolve_weekday(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    """The most recent such weekday on or before the report (convention 4)."""
    if ref.date is None:
        return When(text=text), None, None
    rel = (groups.get("rel") or "").lower().split()
    if rel and rel[-1] in ("next", "coming"):
        raise _FlaggedError("future")
    back = (ref.date.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
    if rel == ["last"] and back == 0:
        back = 7
    if (groups.get("tod") or "").lower().startswith("before"):  # "Tuesday before last"
        back += 7
    if "into" in groups:  # "overnight into Sunday": the night began on Saturday
        back += 1
    return _day(_shift(ref.date, -back), text), None, None


def _resolve_weekday_week(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    """A weekday in a named Monday-Sunday week: "Tuesday of last week" (ISO 8601 weeks)."""
    if ref.date is None:
        return When(text=text), None, None
    shift = {"last": -7, "this": 0, "next": 7}[groups["week"].lower()]
    monday = _shift(ref.date, shift - ref.date.weekday())
    return _day(_shift(monday, WEEKDAYS[groups["weekday"].lower()]), text), None, None


def _resolve_weekend(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    """A Saturday-Sunday weekend: the most recent one begun on or before the report."""
    if ref.date is None:
        return When(text=text), None, None
    rel = (groups.get("rel") or "").lower()
    if rel == "next":
        raise _FlaggedError("future")
    saturday = _shift(ref.date, -((ref.date.weekday() - 5) % 7))
    if rel == "last" and ref.date.weekday() >= 5:
        saturday = _shift(saturday, -7)
    return _interval(saturday, _shift(saturday, 1), text), None, None


def _resolve_trailing(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    """ "The past two weeks", "the last 24 hours": the window that ends at the report."""
    if ref.date is None:
        return When(text=text), None, None
    count = _count(groups["num"]) if "num" in groups else 1
    unit = (groups.get("unit") or groups["unit2"]).lower()
    days = {"hour": count / 24, "day": count, "week": 7 * count, "month": 30 * count}.get(
        unit, 365 * count
    )
    first = _shift(ref.date, -round(days))
    return _interval(first, ref.date, text), None, None


def _resolve_rel_unit(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    """Last/this/next week, month or year; "earlier this month" ends at the report date."""
    rel = groups["rel"].lower().split()[-1]
    unit = groups["unit"].lower()
    mod = (groups.get("mod") or "").lower()
    shift = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1}[rel]
    if shift > 0 or mod == "later":
        raise _FlaggedError("future")
    if ref.date is None:
        if unit == "year" and ref.year is not None:
            return _year(ref.year + shift, text, ref.inferred), None, None
        return When(text=text), None, None
    if unit == "year":
        when = _year(ref.date.year + shift, text)
    elif unit == "month":
        year, month = _month_index(ref.date.year * 12 + ref.date.month - 1 + shift)
        when = _month(year, month, text)
    else:
        monday = _shift(ref.date, 7 * shift - ref.date.weekday())
        when = When(monday, _shift(monday, 6), "week", False, text)
    if mod and mod != "earlier" and unit == "month":
        when = _part(when, mod)
    return when, None, None


def _resolve_ago(groups: dict[str, str], text: str, ref: Reference, context: _Context) -> _Result:
    num_text = groups["num"].lower()
    unit = groups.get("unit", "day").lower()
    vague = num_text in _VAGUE
    count = 1 if vague else _count(num_text)
    if count > _MAX_DAYS:
        raise _FlaggedError("out_of_range")
    if ref.date is None:
        if unit == "year" and ref.year is not None and not vague:
            return _year(ref.year - count, text, ref.inferred), None, None
        return When(text=text), None, None
    if vague:  # "a few days ago": the week before the report; "a few weeks ago": the month
        if unit == "hour":
            return _day(ref.date, text), None, None
        if unit not in ("day", "week"):
            return When(text=text), None, None
        first, last = (7, 1) if unit == "day" else (31, 7)
        return _interval(_shift(ref.date, -first), _shift(ref.date, -last), text), None, None
    if unit == "year":
        year = ref.date.year - count
        if groups.get("exact"):
            day = min(ref.date.day, calendar.monthrange(year, ref.date.month)[1]) if year > 0 else 1
            return _day(_date(year, ref.date.month, day), text), None, None
        return _year(year, text), None, None
    if unit == "month":
        year, month = _month_index(ref.date.year * 12 + ref.date.month - 1 - count)
        return _month(year, month, text), None, None
    if unit == "hour":
        return _day(_shift(ref.date, -(count // 24)), text), None, None
    value = _shift(ref.date, -count * (7 if unit == "week" else 1))
    if unit == "week":
        return _interval(_shift(value, -3), _shift(value, 3), text), None, None
    return _day(value, text), None, None


def _resolve_day_word(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    """Today, yesterday, last night, this morning: days counted from the report date."""
    word = " ".join(groups["word"].lower().split())
    if word.startswith("tomorrow"):
        raise _FlaggedError("future")
    if ref.date is None:
        return When(text=text), None, None
    back = 2 if "before" in word else 1 if ("yesterday" in word or "last night" in word) else 0
    return _day(_shift(ref.date, -back), text), None, None


def _resolve_anaphoric(
    groups: dict[str, str], text: str, ref: Reference, context: _Context
) -> _Result:
    """ "The day before", "a day later", "overnight": relative to the last stated day (5)."""
    phrase = " ".join(text.lower().split())
    if phrase == "overnight":
        offset = -1
    elif "same" in groups:
        offset = 0
    elif "which" in groups:
        offset = -1 if groups["which"].lower() == "previous" else 1
    elif "dir2" in groups:
        offset = -1 if groups["dir2"].lower() == "before" else 1
    elif groups["num"].lower() in _VAGUE:
        return When(text=text), None, None  # "a few days earlier": not a day
    else:
        count = _count(groups["num"]) * (7 if groups["unit3"].lower() == "week" else 1)
        offset = count if groups["dir3"].lower() in ("later", "after") else -count
    # "Hours later, ...", "Two days later, ...": they continue the story told before, which wire
    # copy writes one sentence to a paragraph; "the previous day" after a break may not
    onward = offset >= 0 and phrase != "overnight"
    anchor = _anchor(context, ref, breaks=1 if onward else 0)
    if anchor is None:
        return When(text=text), None, None
    return _day(_shift(anchor, offset), text), None, None


def _anchor(context: _Context, ref: Reference, breaks: int = 0) -> dt.date | None:
    """The last day stated before the phrase in its paragraph (or across up to ``breaks``
    paragraph breaks, within :data:`ANCHOR_WINDOW` characters), else the report date."""
    last, here = context.last_day, context.at
    if last is not None:
        near = 0 <= here - last.end <= ANCHOR_WINDOW
        if near and len(_PARAGRAPH.findall(context.text, last.end, here)) <= breaks:
            when = last.reading if last.flag == "future" else last.when
            if when is not None and when.start is not None:
                return when.start
    return ref.date


def _resolve_year(groups: dict[str, str], text: str, ref: Reference, context: _Context) -> _Result:
    """ "The 2016 bombing": a year naming a past event.  In a report of that same year it adds
    nothing to the report date (and the event it names is often the one reported), so it is
    not a mention then."""
    year = int(groups["year"])
    if year == ref.year and not ref.inferred:
        return None
    return _year(year, text), None, None


_RESOLVERS: dict[str, _Resolver] = {
    "iso": _resolve_iso,
    "numeric": _resolve_numeric,
    "range_md": _resolve_range_md,
    "range_days": _resolve_range_days,
    "wd_md": _resolve_month_day,
    "wd_dm": _resolve_month_day,
    "md": _resolve_month_day,
    "dm": _resolve_month_day,
    "year_range": _resolve_year_range,
    "my": _resolve_month_year,
    "quarter": _resolve_quarter,
    "month": _resolve_month,
    "last_month_name": _resolve_last_month_name,
    "after_event": _resolve_after_event,
    "weekday_week": _resolve_weekday_week,
    "weekday": _resolve_weekday,
    "weekend": _resolve_weekend,
    "trailing": _resolve_trailing,
    "rel_unit": _resolve_rel_unit,
    "ago": _resolve_ago,
    "day_word": _resolve_day_word,
    "anaphoric": _resolve_anaphoric,
    "in_year": lambda groups, text, ref, context: (_year(int(groups["year"]), text), None, None),
    "year": _resolve_year,
}
