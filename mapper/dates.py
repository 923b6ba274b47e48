"""Find dates in text and turn them into intervals, relative to what is known of a document's date.

A date is read against a :class:`Reference`: the document's own date when it has one, else only a
year when the text fixes it (a weekday with a month and day, "Thursday, August 26", fixes the year
among those the text mentions), else nothing.  Precision is kept and never invented: "August 26"
in an undated document with no inferable year stays unknown; "last year" gives a year; "on Monday"
needs a full reference date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from mapper.model import When

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

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH2 = r"(?P<month2>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = r"(?P<num>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"

# Order matters: longer, more precise forms first; matches never overlap.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"(?P<year>(?:19|20)\d\d)-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)"),
    (
        "range_md",
        rf"between\s+{_MONTH}\s+{_DAY}\s+and\s+{_MONTH2}\s+{_DAY2},?\s+{_YEAR}",
    ),
    ("wd_md", rf"{_WEEKDAY},?\s+(?:the\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"),
    ("wd_dm", rf"{_WEEKDAY},?\s+(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b"),
    ("md", rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:people|killed|dead|%))"),
    ("dm", rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b"),
    ("year_range", r"between\s+(?P<year>(?:19|20)\d\d)\s+and\s+(?P<year2>(?:19|20)\d\d)"),
    ("my", rf"(?:(?P<part>early|mid|late|end\s+of|beginning\s+of)[\s-]+)?{_MONTH},?\s+{_YEAR}"),
    ("last_month_name", rf"(?P<rel>last|this|next)\s+{_MONTH}\b"),
    ("weekday", rf"(?P<rel>last\s+)?{_WEEKDAY}(?:\s+(?P<tod>morning|afternoon|evening|night))?"),
    ("rel_unit", r"(?P<rel>last|this|next|past)\s+(?P<unit>year|month|week)\b"),
    ("ago", rf"(?P<exact>exactly\s+)?{_NUM}\s+(?P<unit>year|month|week|day)s?\s+ago"),
    (
        "ago",
        r"(?P<exact>exactly\s+)?(?P<num>(?:a\s+)?few|several|some)\s+(?P<unit>day|week)s?\s+ago",
    ),
    ("ago", r"(?P<num>days)\s+ago"),
    ("day_word", r"(?P<word>yesterday|today|tonight|the\s+day\s+before\s+yesterday)"),
    (
        "in_year",
        r"(?:(?<=in\s)|(?<=since\s)|(?<=of\s)|(?<=by\s)|(?<=early\s)|(?<=late\s)|(?<=until\s)"
        rf"|(?<=from\s)|(?<=during\s)|(?<=mid-)|(?<=year\s)){_YEAR}"
        r"(?!\s+[A-Z][a-z]+\s+(?:St|Street|Rd|Road|Ave|Avenue|Dr|Drive|Lane|Blvd|Way|Court)\b)",
    ),
]


def _compile() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (kind, re.compile(rf"(?<![\w-]){pat}(?![\w-])", re.IGNORECASE)) for kind, pat in _PATTERNS
    ]


_COMPILED = _compile()
_YEAR_IN_TEXT = re.compile(r"(?<![\w-])(?:19|20)\d\d(?![\w-])")


@dataclass(frozen=True, slots=True)
class Reference:
    """What is known of when a document was written.

    Attributes
    ----------
    date
        The publication date, when known.
    year
        The year, when known (from the date, or inferred from the text).
    inferred
        True when the year was inferred from the text rather than given.
    """

    date: dt.date | None = None
    year: int | None = None
    inferred: bool = False

    @classmethod
    def of(cls, iso: str | None, text: str = "") -> Reference:
        """The reference for a document: its ISO date, else a year inferred from ``text``."""
        if iso:
            try:
                day = dt.date.fromisoformat(iso[:10])
            except ValueError:
                day = None
            if day is not None:
                return cls(day, day.year, False)
        year = infer_year(text)
        return cls(None, year, year is not None)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase found in text, with its interval (``when.text`` is the phrase)."""

    start: int
    end: int
    when: When
    kind: str


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
    for kind, regex in _COMPILED:
        if kind not in ("wd_md", "wd_dm"):
            continue
        for match in regex.finditer(text):
            if match.group("year"):
                continue
            month = MONTHS[match.group("month").lower().rstrip(".")]
            day = int(match.group("day"))
            weekday = WEEKDAYS[match.group("weekday").lower()]
            for year in range(latest - 1, latest + 2):
                if _weekday_of(year, month, day) == weekday:
                    found.add(year)
    return found.pop() if len(found) == 1 else None


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None


def find_dates(
    text: str, reference: Reference, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Every date phrase in ``text[start:end]``, resolved against ``reference``, in text order.

    Phrases that cannot be placed in time (no year known) are returned with an unknown interval
    and their text, so callers can tell "no date said" from "a date we cannot resolve".
    """
    stop = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, regex in _COMPILED:
        for match in regex.finditer(text, start, stop):
            span = match.span()
            if any(span[0] < b and a < span[1] for a, b in taken):
                continue
            when = _resolve(kind, match, reference)
            if when is None:
                continue
            taken.append(span)
            found.append(DateMention(span[0], span[1], when, kind))
    found.sort(key=lambda m: m.start)
    return found


def _span_precision(start: dt.date, end: dt.date) -> str:
    """The coarsest precision that an interval of this length amounts to."""
    days = (end - start).days
    return "day" if days == 0 else "week" if days < 7 else "month" if days < 31 else "year"


def _day(year: int | None, month: int, day: int, text: str, inferred: bool) -> When:
    if year is None:
        return When(text=text)
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return When(text=text)
    return When(value, value, "day", inferred, text)


def _month(year: int, month: int, text: str, inferred: bool) -> When:
    last = calendar.monthrange(year, month)[1]
    return When(dt.date(year, month, 1), dt.date(year, month, last), "month", inferred, text)


def _year(year: int, text: str, inferred: bool, until: int | None = None) -> When:
    return When(dt.date(year, 1, 1), dt.date(until or year, 12, 31), "year", inferred, text)


def _md_year(ref: Reference, month: int, day: int) -> tuple[int | None, bool]:
    """The year of a month-day said without one: the latest not after the reference date."""
    if ref.date is not None:
        year = ref.date.year
        if (month, day) > (ref.date.month, ref.date.day):
            year -= 1
        return year, False
    return ref.year, ref.inferred


def _resolve(kind: str, m: re.Match[str], ref: Reference) -> When | None:  # noqa: C901
    text = m.group()
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    if kind == "iso":
        return _day(int(groups["year"]), int(groups["mm"]), int(groups["dd"]), text, False)
    if kind == "range_md":
        in_year = int(groups["year"])
        first = _day(in_year, MONTHS[groups["month"].lower()], int(groups["day"]), text, False)
        last = _day(in_year, MONTHS[groups["month2"].lower()], int(groups["day2"]), text, False)
        if first.start is None or last.end is None:
            return When(text=text)
        return When(first.start, last.end, _span_precision(first.start, last.end), False, text)
    if kind in ("wd_md", "wd_dm", "md", "dm"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
        if not 1 <= day <= 31:
            return None
        if "year" in groups:
            return _day(int(groups["year"]), month, day, text, False)
        year, inferred = _md_year(ref, month, day)
        if kind.startswith("wd") and year is None:
            weekday = WEEKDAYS[groups["weekday"].lower()]
            options = [y for y in range(2000, 2036) if _weekday_of(y, month, day) == weekday]
            if len(options) == 1:
                return _day(options[0], month, day, text, True)
        return _day(year, month, day, text, inferred)
    if kind == "year_range":
        return _year(int(groups["year"]), text, False, until=int(groups["year2"]))
    if kind == "my":
        return _month(int(groups["year"]), MONTHS[groups["month"].lower().rstrip(".")], text, False)
    if kind == "last_month_name":
        month = MONTHS[groups["month"].lower().rstrip(".")]
        rel = groups["rel"].lower()
        if ref.date is not None:
            year = ref.date.year
            if rel == "last" and month >= ref.date.month:
                year -= 1
            elif rel == "next" and month <= ref.date.month:
                year += 1
            return _month(year, month, text, False)
        return When(text=text)
    if kind == "weekday":
        return _weekday(groups, text, ref)
    if kind == "rel_unit":
        return _relative_unit(groups["rel"].lower(), groups["unit"].lower(), text, ref)
    if kind == "ago":
        return _ago(groups, text, ref)
    if kind == "day_word":
        if ref.date is None:
            return When(text=text)
        word = groups["word"].lower()
        back = 2 if "before" in word else 1 if word == "yesterday" else 0
        value = ref.date - dt.timedelta(days=back)
        return When(value, value, "day", False, text)
    if kind == "in_year":
        return _year(int(groups["year"]), text, False)
    return None


def _weekday(groups: dict[str, str], text: str, ref: Reference) -> When | None:
    if ref.date is None:
        return When(text=text)
    target = WEEKDAYS[groups["weekday"].lower()]
    back = (ref.date.weekday() - target) % 7
    if groups.get("rel") and back == 0:
        back = 7
    value = ref.date - dt.timedelta(days=back)
    return When(value, value, "day", False, text)


def _relative_unit(rel: str, unit: str, text: str, ref: Reference) -> When | None:
    shift = {"last": -1, "past": -1, "this": 0, "next": 1}[rel]
    if unit == "year":
        if ref.year is None:
            return When(text=text)
        return _year(ref.year + shift, text, ref.inferred)
    if ref.date is None:
        return When(text=text)
    if unit == "month":
        month0 = ref.date.year * 12 + ref.date.month - 1 + shift
        return _month(month0 // 12, month0 % 12 + 1, text, False)
    monday = ref.date - dt.timedelta(days=ref.date.weekday()) + dt.timedelta(weeks=shift)
    return When(monday, monday + dt.timedelta(days=6), "week", False, text)


def _ago(groups: dict[str, str], text: str, ref: Reference) -> When | None:
    num_text = groups["num"].lower()
    unit = groups.get("unit", "day").lower()
    vague = num_text in ("few", "a few", "several", "some", "days")
    if ref.date is None:
        if unit == "year" and ref.year is not None and not vague:
            count = int(num_text) if num_text.isdigit() else NUMBER_WORDS.get(num_text, 1)
            return _year(ref.year - count, text, ref.inferred)
        return When(text=text)
    if vague:
        # "a few days ago": the week before the reference date.
        days = 7 if unit == "day" else 28
        start = ref.date - dt.timedelta(days=days)
        return When(
            start,
            ref.date - dt.timedelta(days=1),
            "week" if unit == "day" else "month",
            False,
            text,
        )
    count = int(num_text) if num_text.isdigit() else NUMBER_WORDS.get(num_text, 1)
    if unit == "year":
        try:
            value = ref.date.replace(year=ref.date.year - count)
        except ValueError:  # 29 February
            value = ref.date.replace(year=ref.date.year - count, day=28)
        if groups.get("exact"):
            return When(value, value, "day", False, text)
        return _year(value.year, text, False)
    if unit == "month":
        month0 = ref.date.year * 12 + ref.date.month - 1 - count
        return _month(month0 // 12, month0 % 12 + 1, text, False)
    days = count * (7 if unit == "week" else 1)
    value = ref.date - dt.timedelta(days=days)
    if unit == "week":
        return When(value - dt.timedelta(days=3), value + dt.timedelta(days=3), "week", False, text)
    return When(value, value, "day", False, text)
