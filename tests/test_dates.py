"""Tests for mapper.dates: absolute and relative dates, inferred years, kept precision."""

from __future__ import annotations

import datetime as dt

from mapper.dates import Reference, find_dates, infer_year

REF = Reference(dt.date(2024, 3, 25), 2024)  # a Monday


def only(text: str, reference: Reference = REF):
    found = find_dates(text, reference)
    assert len(found) == 1, [m.when.text for m in found]
    return found[0]


def test_full_dates_in_three_spellings() -> None:
    for text in ("on August 26, 2021", "on 26 August 2021", "on 2021-08-26"):
        when = only(text).when
        assert (when.start, when.end, when.precision) == (dt.date(2021, 8, 26),) * 2 + ("day",)
        assert not when.inferred


def test_weekday_month_day_fixes_the_year_among_those_the_text_mentions() -> None:
    text = "On Thursday, August 26, ISIS claimed two attacks. Between 2019 and 2021 it grew."
    assert infer_year(text) == 2021
    reference = Reference.of(None, text)
    assert reference == Reference(None, 2021, True)
    when = find_dates(text, reference)[0].when
    assert when.start == dt.date(2021, 8, 26) and when.inferred and when.precision == "day"


def test_no_year_mentioned_means_no_year_inferred() -> None:
    assert infer_year("On Thursday, August 26, they attacked.") is None
    when = only("on August 26", Reference()).when
    assert not when.known and when.text == "August 26" and when.precision == "unknown"


def test_inferred_year_carries_to_other_month_days() -> None:
    text = "On Thursday, August 26, 2021 was mentioned. Fighters entered Kabul on August 15."
    reference = Reference(None, 2021, True)
    when = next(m for m in find_dates(text, reference) if m.when.text == "August 15").when
    assert when.start == dt.date(2021, 8, 15) and when.inferred


def test_month_day_without_year_is_the_latest_not_after_the_document() -> None:
    assert only("on December 30").when.start == dt.date(2023, 12, 30)
    assert only("on March 3").when.start == dt.date(2024, 3, 3)


def test_weekdays_are_the_latest_on_or_before_the_document_date() -> None:
    assert only("on Thursday").when.start == dt.date(2024, 3, 21)
    assert only("on Monday").when.start == dt.date(2024, 3, 25)
    assert only("last Monday").when.start == dt.date(2024, 3, 18)


def test_weekday_in_an_undated_document_stays_unknown_with_its_text() -> None:
    when = only("on Monday", Reference()).when
    assert not when.known and when.text == "Monday"


def test_relative_units() -> None:
    last_year = only("last year").when
    assert (last_year.start, last_year.end, last_year.precision) == (
        dt.date(2023, 1, 1),
        dt.date(2023, 12, 31),
        "year",
    )
    last_month = only("last month").when
    assert (last_month.start, last_month.precision) == (dt.date(2024, 2, 1), "month")
    last_week = only("last week").when
    assert (last_week.start, last_week.end, last_week.precision) == (
        dt.date(2024, 3, 18),
        dt.date(2024, 3, 24),
        "week",
    )


def test_last_year_with_only_an_inferred_year() -> None:
    when = only("last year", Reference(None, 2021, True)).when
    assert when.start == dt.date(2020, 1, 1) and when.inferred


def test_last_month_name() -> None:
    when = only("arrested last July").when
    assert (when.start, when.end) == (dt.date(2023, 7, 1), dt.date(2023, 7, 31))


def test_ago_phrases() -> None:
    assert only("two days ago").when.start == dt.date(2024, 3, 23)
    few = only("a few days ago").when
    assert few.precision == "week" and few.end == dt.date(2024, 3, 24)
    exact = only("exactly a year ago").when
    assert exact.start == dt.date(2023, 3, 25) and exact.precision == "day"


def test_month_year_and_ranges() -> None:
    month = only("in February 2020").when
    assert (month.start, month.end, month.precision) == (
        dt.date(2020, 2, 1),
        dt.date(2020, 2, 29),
        "month",
    )
    span = only("between January 1 and August 11, 2021").when
    assert (span.start, span.end, span.precision) == (
        dt.date(2021, 1, 1),
        dt.date(2021, 8, 11),
        "year",
    )
    years = only("between 2019 and 2021").when
    assert (years.start, years.end) == (dt.date(2019, 1, 1), dt.date(2021, 12, 31))


def test_offsets_index_the_text() -> None:
    text = "Militants attacked on 3 March 2023, police said."
    mention = find_dates(text, REF)[0]
    assert text[mention.start : mention.end] == "3 March 2023"


def test_numbers_before_casualty_words_are_not_dates() -> None:
    assert find_dates("May 5 people were killed", REF) == []
