"""Tests for mapper.dates: absolute, numeric and relative dates, their bounds and conventions."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from _kinds import one, run, start

from mapper.dates import (
    KINDS,
    DateMention,
    Reference,
    acled_time_precision,
    closing_date,
    dateline_date,
    find_dates,
    infer_year,
    leading_date,
    masthead_date,
    numeric_convention,
)
from mapper.model import When

D = dt.date
REF = Reference(D(2024, 3, 25), 2024)  # a Monday
THURSDAY = Reference(D(2023, 5, 4), 2023)
TUESDAY = Reference(D(2023, 5, 2), 2023)
SUNDAY = Reference(D(2023, 5, 7), 2023)
MONDAY = Reference(D(2023, 5, 8), 2023)


def only(text: str, reference: Reference = REF) -> DateMention:
    found = find_dates(text, reference)
    assert len(found) == 1, [m.when.text for m in found]
    return found[0]


def day(text: str, reference: Reference = REF) -> dt.date | None:
    """The single day a text states; None when its mention is not a known single day."""
    when = only(text, reference).when
    return when.start if when.precision == "day" else None


# ----------------------------------------------------------------------------- absolute dates


def test_full_dates_in_many_spellings() -> None:
    for text in (
        "on August 26, 2021",
        "on 26 August 2021",
        "on 2021-08-26",
        "on Aug. 26th, 2021",
        "on the 26th of August, 2021",
        "on Thursday, 26 August 2021",
        "at 2021-08-26T09:30:00Z",
    ):
        when = only(text).when
        assert (when.start, when.end, when.precision) == (D(2021, 8, 26),) * 2 + ("day",), text
        assert not when.inferred


def test_the_year_of_a_date_is_inside_its_span_so_it_is_never_a_count() -> None:
    for text, phrase in (
        ("Gunmen stormed the post on May 14, 2024, killing five.", "May 14, 2024"),
        ("On 14 May 2024, a blast killed five.", "14 May 2024"),
        ("The raid, on Tuesday, May 14 2024 killed five.", "Tuesday, May 14 2024"),
        ("A bomb went off on 05/14/2024, killing five.", "05/14/2024"),
    ):
        mentions = find_dates(text, Reference(D(2024, 5, 15), 2024))
        assert [text[m.start : m.end] for m in mentions] == [phrase]
        assert "2024" in phrase and mentions[0].when.start == D(2024, 5, 14)


def test_numbers_before_casualty_words_are_not_years_or_days() -> None:
    assert find_dates("May 5 people were killed", REF) == []
    assert [m.when.text for m in find_dates("On May 5, 12 people were killed", REF)] == ["May 5"]
    assert [m.when.text for m in find_dates("On June 3, 2000 people marched", REF)] == ["June 3"]


def test_month_day_without_year_is_the_occurrence_nearest_the_report() -> None:
    assert day("on December 30") == D(2023, 12, 30)
    assert day("on March 3") == D(2024, 3, 3)
    assert day("on October 15") == D(2023, 10, 15)  # 162 days back, 204 ahead
    assert day("on 26 March") == D(2024, 3, 26)  # a day after the report: still read


def test_month_day_soon_after_the_report_is_flagged_future_not_moved_a_year_back() -> None:
    for text, stated in (
        ("elections on March 31", D(2024, 3, 31)),
        ("the hearing on 8 April", D(2024, 4, 8)),
        ("classes start on September 1", D(2024, 9, 1)),
    ):
        mention = only(text)
        assert mention.flag == "future" and not mention.when.known, text
        assert mention.when.text and mention.reading is not None
        assert mention.reading.start == stated


def test_weekday_with_month_day_fixes_the_year_within_one_of_the_report() -> None:
    # 18 February was a Monday in 2008, not in 2009.
    assert day("on Monday, Feb. 18", Reference(D(2009, 3, 15), 2009)) == D(2008, 2, 18)
    assert day("on Sunday, 15 February", Reference(D(2009, 3, 15), 2009)) == D(2009, 2, 15)


def test_weekday_month_day_infers_the_year_among_those_the_text_mentions() -> None:
    text = "On Thursday, August 26, ISIS claimed two attacks. Between 2019 and 2021 it grew."
    assert infer_year(text) == 2021
    reference = Reference.of(None, text)
    assert (reference.date, reference.year, reference.inferred) == (None, 2021, True)
    assert reference.source == "inferred"
    when = find_dates(text, reference)[0].when
    assert when.start == D(2021, 8, 26) and when.inferred and when.precision == "day"


def test_no_year_known_means_the_date_stays_unknown_with_its_text() -> None:
    assert infer_year("On Thursday, August 26, they attacked.") is None
    when = only("on August 26", Reference()).when
    assert not when.known and when.text == "August 26" and when.precision == "unknown"


def test_inferred_year_carries_to_other_month_days() -> None:
    text = "On Thursday, August 26, 2021 was mentioned. Fighters entered Kabul on August 15."
    reference = Reference(None, 2021, True)
    when = next(m for m in find_dates(text, reference) if m.when.text == "August 15").when
    assert when.start == D(2021, 8, 15) and when.inferred


def test_month_year_parts_and_ranges() -> None:
    month = only("in February 2020").when
    assert (month.start, month.end, month.precision) == (D(2020, 2, 1), D(2020, 2, 29), "month")
    late = only("in late June 2019").when
    assert (late.start, late.end) == (D(2019, 6, 21), D(2019, 6, 30))
    early = only("by early-May 2019").when
    assert (early.start, early.end) == (D(2019, 5, 1), D(2019, 5, 10))
    span = only("between January 1 and August 11, 2021").when
    assert (span.start, span.end, span.precision) == (D(2021, 1, 1), D(2021, 8, 11), "year")
    days = only("during the 3-5 October 2022 offensive").when
    assert (days.start, days.end, days.precision) == (D(2022, 10, 3), D(2022, 10, 5), "week")
    years = only("between 2019 and 2021").when
    assert (years.start, years.end) == (D(2019, 1, 1), D(2021, 12, 31))


def test_bare_months_and_years() -> None:
    assert only("arrested in January").when.start == D(2024, 1, 1)
    assert only("since November").when.start == D(2023, 11, 1)  # not eight months ahead
    assert only("the talks in April").flag == "future"
    year = only("the 2016 bombing of the court").when
    assert (year.start, year.end, year.precision) == (D(2016, 1, 1), D(2016, 12, 31), "year")
    assert only("2016's attack").when.start == D(2016, 1, 1)
    # In a report of that year it adds nothing to the report date.
    assert find_dates("the 2024 bombing of the court", REF) == []
    assert only("the 2024 bombing", Reference()).when.start == D(2024, 1, 1)
    assert only("in 2011").when.precision == "year"


def test_case_does_not_matter_except_for_verbs_that_are_months() -> None:
    for text, value in (
        ("ON TUESDAY OF LAST WEEK", D(2023, 4, 25)),
        ("Yesterday", D(2023, 5, 3)),
        ("LAST NIGHT", D(2023, 5, 3)),
        ("on 14 JUNE 2021", D(2021, 6, 14)),
        ("at 2021-06-14T08:00Z", D(2021, 6, 14)),
    ):
        assert day(text, THURSDAY) == value, text


def test_lowercase_may_and_march_are_verbs() -> None:
    assert find_dates("the troops may 5 times a day march 3 miles", REF) == []
    assert day("on May 5", Reference(D(2023, 6, 1), 2023)) == D(2023, 5, 5)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("peshawar, 26 march 2024: a grenade", D(2024, 3, 26)),
        ("on march 2, 2024 gunmen", D(2024, 3, 2)),
        ("on 3 may 2023, a bomb", D(2023, 5, 3)),
    ],
)
def test_lowercase_may_and_march_with_a_day_and_a_year_are_dates(text: str, value: D) -> None:
    # an incident log in lower case lost its records' days
    assert day(text, REF) == value


def test_invalid_days_are_flagged_not_guessed() -> None:
    for text in ("on February 30, 2021", "on 31 April 2022", "on 2021-02-29"):
        mention = only(text)
        assert mention.flag == "invalid" and not mention.when.known, text


# ----------------------------------------------------------------------------- numeric dates


def test_numeric_dates_unambiguous_by_validity() -> None:
    for text, value, convention in (
        ("on 06/14/2021", D(2021, 6, 14), "month-first"),
        ("on 14/06/2021", D(2021, 6, 14), "day-first"),
        ("on 14.06.2021", D(2021, 6, 14), "day-first"),
        ("on 6/14/21", D(2021, 6, 14), "month-first"),
        ("on 25-12-2019", D(2019, 12, 25), "day-first"),
        ("on 2021/06/14", D(2021, 6, 14), "year-first"),
        ("on 2021.06.04", D(2021, 6, 4), "year-first"),
    ):
        mention = only(text)
        assert mention.when.start == value, text
        assert (mention.convention, mention.basis) == (convention, "unambiguous"), text


def test_ambiguous_numeric_dates_follow_the_documents_own_convention() -> None:
    day_first = "Clashes on 03/04/2023 followed the raid of 17/03/2023."
    month_first = "Clashes on 03/04/2023 followed the raid of 03/17/2023."
    assert numeric_convention(day_first) == "day-first"
    assert numeric_convention(month_first) == "month-first"
    first = find_dates(day_first, THURSDAY)[0]
    assert (first.when.start, first.convention, first.basis) == (
        D(2023, 4, 3),
        "day-first",
        "document",
    )
    first = find_dates(month_first, THURSDAY)[0]
    assert (first.when.start, first.convention, first.basis) == (
        D(2023, 3, 4),
        "month-first",
        "document",
    )
    # The front matter's date format counts too: it is part of the document's text.
    text = "---\ndate: 21/04/2023\n---\nA blast on 02/04/2023."
    mention = find_dates(text, THURSDAY, text.index("A blast"))[0]
    assert (mention.when.start, mention.basis) == (D(2023, 4, 2), "document")


def test_ambiguous_numeric_date_that_would_be_after_the_report_takes_the_other_reading() -> None:
    mention = only("a blast on 02/04/2023", Reference(D(2023, 3, 1), 2023))
    assert (mention.when.start, mention.convention, mention.basis) == (
        D(2023, 2, 4),
        "month-first",
        "report date",
    )
    mention = only("a blast on 04/02/2023", Reference(D(2023, 3, 1), 2023))
    assert (mention.when.start, mention.convention) == (D(2023, 2, 4), "day-first")


def test_ambiguous_numeric_dates_fall_back_on_separator_then_the_stated_default() -> None:
    dotted = only("on 03.04.2023")
    assert (dotted.when.start, dotted.convention, dotted.basis) == (
        D(2023, 4, 3),
        "day-first",
        "separator",
    )
    slashed = only("on 03/04/2023")
    assert (slashed.when.start, slashed.convention, slashed.basis) == (
        D(2023, 3, 4),
        "month-first",
        "default",
    )


def test_two_digit_years_pivot_as_strptime() -> None:
    assert day("on 12/31/98") == D(1998, 12, 31)
    assert day("on 31.12.05") == D(2005, 12, 31)


def test_numbers_that_are_not_numeric_dates() -> None:
    for text in (
        "the server at 192.168.1.12 and 10.1.12.21",
        "version 2.10.3 shipped",
        "a 3-1 win and a 1/2 share",
        "call 555-12-34 now",
        "score 13/14/2020 is no date",
    ):
        assert find_dates(text, REF) == [], text


# ----------------------------------------------------------------------------- leading dates


def test_a_coded_record_opening_with_its_date_gives_the_reference() -> None:
    for text, value in (
        ("06/14/2021: An explosive device detonated near a police post.", D(2021, 6, 14)),
        ("2021-06-14 - Gunmen attacked a checkpoint.", D(2021, 6, 14)),
        ("  14 June 2021: Militants raided a village.", D(2021, 6, 14)),
        ("KABUL, Afghanistan, June 14, 2021 (Reuters) - A bomb exploded.", D(2021, 6, 14)),
        ("Date: 14.06.2021\nA mortar round hit a school.", D(2021, 6, 14)),
    ):
        mention = leading_date(text)
        assert mention is not None and mention.when.start == value, text
        reference = Reference.of(None, text)
        assert (reference.date, reference.source) == (value, "leading"), text


def test_relative_dates_in_a_record_resolve_against_its_leading_date() -> None:
    text = "06/16/2021: Police said the device, planted on Monday, killed two."
    reference = Reference.of(None, text)
    monday = next(m for m in find_dates(text, reference) if m.kind == "weekday")
    assert monday.when.start == D(2021, 6, 14)


def test_only_a_full_date_opening_the_text_is_its_date() -> None:
    assert leading_date("A bomb exploded on 06/14/2021.") is None
    assert leading_date("June 14: a bomb exploded.") is None  # no year
    assert leading_date("Yesterday, a bomb exploded.") is None
    assert Reference.of(None, "Last Tuesday, a bomb exploded.") == Reference()


def test_the_declared_date_wins_over_the_leading_one() -> None:
    reference = Reference.of("2021-06-20", "06/14/2021: An explosive device detonated.")
    assert (reference.date, reference.source) == (D(2021, 6, 20), "document")


@pytest.mark.parametrize(
    "head, value",
    [
        ("MINISTRY OF DEFENCE\nPress release No. 12/2025\n\nQuetta, 3 May 2025:", D(2025, 5, 3)),
        ("Weekly security brief\nIssued: 7 March 2025\n", D(2025, 3, 7)),
        ("Border violence flares again\n\nPosted on 02.11.2024 by the desk\n", D(2024, 11, 2)),
        ("A title\nBy our South Asia staff — June 30, 2025\n", D(2025, 6, 30)),
        ("LIVE: clashes in the north\nFriday, 4 July 2025 (all times local)\n", D(2025, 7, 4)),
        ("Statement\n\n(Geneva, 8 August 2025) – The office said that", D(2025, 8, 8)),
        ("Statement\n\nLahore, 9 August 2025. The office said that", D(2025, 8, 9)),
        # a dateline with its agency in brackets
        ("Statement\n\nMogadishu, 4 March 2026 (SONNA) – The ministry said", D(2026, 3, 4)),
        # fields parted by bars or bullets; a clock time and its zone after the date
        (
            "GULF OF GUINEA MARITIME BRIEF\nMonday, 9 February 2026 | Coverage: 7–8 February"
            " | TLP: AMBER\n",
            D(2026, 2, 9),
        ),
        (
            "bulletin: horn-security | generated: Wed, 11 Mar 2026 04:12:55 GMT | items: 3\n",
            D(2026, 3, 11),
        ),
        ("Desk notes • 2 April 2026 • internal\n", D(2026, 4, 2)),
        # an editor's or translator's note in brackets, however long, sentence by sentence
        (
            "[Unofficial translation from Pashto. Source: a channel close to the movement, not"
            " verified by us. Channel post of 05.03.2026, 21:10 AFT. 12K views. Emojis"
            " removed.]\n",
            D(2026, 3, 5),
        ),
        (
            "[Translated from Somali. Posts from the channel 'Radio Andalus', Thursday 12 March"
            " 2026. Spelling as in the original.]\n",
            D(2026, 3, 12),
        ),
    ],
)
def test_a_masthead_line_dates_the_document(head: str, value: dt.date) -> None:
    text = head + "\nGunmen attacked a checkpoint on Tuesday, killing two." + " More." * 30
    mention = masthead_date(text)
    assert mention is not None and mention.when.start == value
    assert Reference.of(None, text).date == value


@pytest.mark.parametrize(
    "text",
    [
        # a date inside a headline, not closing it; a year-less dateline; a period in a
        # headline
        "Attack on 3 May 2025 kills five in Quetta as talks stall\nMore text follows here.",
        "Quetta, 3 May:\nGunmen attacked a checkpoint.",
        "Attacks rose in March 2025 as talks stalled in the capital\nGunmen attacked a post.",
        # a date in the first paragraph's running text, or below the masthead's lines
        "Gunmen attacked a checkpoint near Quetta, officials said on 3 May 2025, and the army "
        "sealed off the area while the wounded were taken to hospital in the city of Quetta.",
        "T\n" + "line\n" * 9 + "3 May 2025\n",
    ],
)
def test_other_dates_near_the_top_are_no_masthead_date(text: str) -> None:
    assert masthead_date(text) is None


@pytest.mark.parametrize(
    ("head", "value"),
    [
        ("Report for 1 – 7 March 2025", D(2025, 3, 7)),
        ("AFGHANISTAN WEEKLY DIGEST\nWeek 10: 2–8 March 2025", D(2025, 3, 8)),
        ("Monthly casualty report – February 2025", D(2025, 2, 28)),
        # a quarter, alone in its field or in words
        ("SAHEL MONITOR                Quarterly Review | Q3 2025", D(2025, 9, 30)),
        ("Casualty report for the second quarter of 2025", D(2025, 6, 30)),
        # a day the masthead states wins over the period it covers
        ("Monthly casualty report – February 2025\nReleased: 3 March 2025", D(2025, 3, 3)),
    ],
)
def test_a_digests_period_dates_it_by_its_last_day(head: str, value: dt.date) -> None:
    text = f"{head}\n\nBALKH\n3 Mar – Mazar: an IED killed two policemen.\n"
    assert Reference.of(None, text).date == value


def test_a_digests_items_take_the_year_of_its_period() -> None:
    text = (
        "SYRIA WEEKLY UPDATE\n13 – 19 April 2025\n\nDEIR EZ-ZOR\n"
        "• 14 April – Abu Kamal: An IS cell attacked a checkpoint, killing four fighters.\n"
    )
    assert start(one(run(text, date=None)[0])) == "2025-04-14"


def test_leading_date_respects_the_body_start() -> None:
    text = "title: x\n03/04/2021: Gunmen fired on a bus. Later, on 25/04/2021, ..."
    mention = leading_date(text, text.index("03/04"))
    assert mention is not None
    assert (mention.when.start, mention.basis) == (D(2021, 4, 3), "document")


# ----------------------------------------------------------------------------- weekdays


def test_a_weekday_is_the_most_recent_such_day_on_or_before_the_report() -> None:
    assert day("on Thursday") == D(2024, 3, 21)
    assert day("on Monday") == D(2024, 3, 25)  # the report's own weekday is that day
    assert day("on Tuesday", TUESDAY) == D(2023, 5, 2)
    assert day("on Wednesday", TUESDAY) == D(2023, 4, 26)


def test_last_weekday_in_a_report_of_that_weekday_is_a_week_earlier() -> None:
    assert day("last Monday") == D(2024, 3, 18)
    assert day("last Tuesday", TUESDAY) == D(2023, 4, 25)
    assert day("last Sunday", TUESDAY) == D(2023, 4, 30)
    assert day("the Tuesday before last", TUESDAY) == D(2023, 4, 25)


def test_weekday_of_last_week_lies_in_the_previous_monday_to_sunday_week() -> None:
    for text in ("on Tuesday of last week", "last week on Tuesday", "on Tuesday last week"):
        assert day(text, THURSDAY) == D(2023, 4, 25), text
        assert day(text, SUNDAY) == D(2023, 4, 25), text
        assert day(text, MONDAY) == D(2023, 5, 2), text
    assert day("Friday night last week", THURSDAY) == D(2023, 4, 28)
    assert day("on Monday of this week", THURSDAY) == D(2023, 5, 1)


def test_time_of_day_around_a_weekday_keeps_the_day() -> None:
    for text in (
        "on Monday evening",
        "late on Monday",
        "Monday night",
        "early Monday",
        "in the early hours of Monday",
        "before dawn on Monday",
        "Monday's attack",
        "overnight on Monday",
    ):
        mention = find_dates(text, TUESDAY)[0]
        assert mention.when.start == D(2023, 5, 1), text
    assert day("overnight into Monday", TUESDAY) == D(2023, 4, 30)
    assert day("overnight Sunday into Monday", TUESDAY) == D(2023, 4, 30)


def test_future_weekdays_are_flagged() -> None:
    for text in ("next Friday", "this coming Friday", "on Friday next week"):
        mention = only(text, THURSDAY)
        assert mention.flag == "future" and not mention.when.known, text


def test_named_days_and_newspapers_are_not_weekdays() -> None:
    for text in ("on Bloody Sunday", "on Good Friday", "told the Sunday Times"):
        assert find_dates(text, THURSDAY) == [], text


def test_weekend() -> None:
    weekend = only("over the weekend", THURSDAY).when
    assert (weekend.start, weekend.end, weekend.precision) == (
        D(2023, 4, 29),
        D(2023, 4, 30),
        "week",
    )
    assert only("last weekend", SUNDAY).when.start == D(2023, 4, 29)
    assert only("this weekend", SUNDAY).when.start == D(2023, 5, 6)


# ----------------------------------------------------------------------------- relative phrases


def test_day_words_count_from_the_report() -> None:
    assert day("yesterday", THURSDAY) == D(2023, 5, 3)
    assert day("late yesterday", THURSDAY) == D(2023, 5, 3)
    assert day("last night", THURSDAY) == D(2023, 5, 3)
    assert day("this morning", THURSDAY) == D(2023, 5, 4)
    assert day("earlier today", THURSDAY) == D(2023, 5, 4)
    assert day("the day before yesterday", THURSDAY) == D(2023, 5, 2)
    assert only("tomorrow", THURSDAY).flag == "future"


def test_anaphoric_days_anchor_on_the_last_stated_day() -> None:
    text = "Police said on Wednesday that gunmen had attacked the post the day before."
    found = find_dates(text, THURSDAY)
    assert [(m.when.text, m.when.start) for m in found] == [
        ("Wednesday", D(2023, 5, 3)),
        ("the day before", D(2023, 5, 2)),
    ]
    text = (
        "The statement came on 1 May 2023. A day earlier, a bomb hit a bus; two days later, a car."
    )
    found = find_dates(text, THURSDAY)
    assert [m.when.start for m in found] == [D(2023, 5, 1), D(2023, 4, 30), D(2023, 5, 2)]


def test_anaphoric_days_without_a_stated_day_anchor_on_the_report() -> None:
    for text in ("the previous day", "the night before", "a day earlier", "overnight"):
        assert day(text, THURSDAY) == D(2023, 5, 3), text
    assert day("in the early hours", THURSDAY) == D(2023, 5, 4)


def test_anaphora_does_not_cross_a_paragraph() -> None:
    text = "Talks were held on 1 May 2023.\n\nGunmen killed two guards the previous day."
    found = find_dates(text, THURSDAY)
    assert found[-1].when.start == D(2023, 5, 3)


def test_adjective_overnight_is_not_a_date() -> None:
    assert find_dates("he packed an overnight bag for the overnight shift", THURSDAY) == []


def test_relative_to_an_event_stays_unresolved() -> None:
    for text in (
        "two days after the attack",
        "a day before the election",
        "three weeks after he was freed",
        "the day after Eid",
        "a week before being arrested",
    ):
        mention = only(text, THURSDAY)
        assert mention.kind == "after_event" and not mention.when.known, text
        assert mention.flag is None


def test_earlier_this_period_ends_at_the_report_date() -> None:
    for text, first, precision in (
        ("earlier this month", D(2023, 5, 1), "month"),
        ("this month", D(2023, 5, 1), "month"),
        ("earlier this week", D(2023, 5, 1), "week"),
        ("earlier this year", D(2023, 1, 1), "year"),
    ):
        when = only(text, THURSDAY).when
        assert (when.start, when.end, when.precision) == (first, D(2023, 5, 4), precision), text
    for text in ("later this month", "next week", "next year", "later this week"):
        assert only(text, THURSDAY).flag == "future", text


def test_last_week_month_year_are_calendar_periods() -> None:
    last_year = only("last year").when
    assert (last_year.start, last_year.end, last_year.precision) == (
        D(2023, 1, 1),
        D(2023, 12, 31),
        "year",
    )
    last_month = only("last month").when
    assert (last_month.start, last_month.end, last_month.precision) == (
        D(2024, 2, 1),
        D(2024, 2, 29),
        "month",
    )
    last_week = only("last week").when
    assert (last_week.start, last_week.end, last_week.precision) == (
        D(2024, 3, 18),
        D(2024, 3, 24),
        "week",
    )
    late = only("late last month").when
    assert (late.start, late.end) == (D(2024, 2, 21), D(2024, 2, 29))
    assert only("last year", Reference(None, 2021, True)).when.start == D(2020, 1, 1)


def test_trailing_windows_end_at_the_report() -> None:
    for text, first in (
        ("over the past two weeks", D(2024, 3, 11)),
        ("in the last 24 hours", D(2024, 3, 24)),
        ("over the past week", D(2024, 3, 18)),
    ):
        when = only(text).when
        assert (when.start, when.end) == (first, D(2024, 3, 25)), text


def test_last_month_name() -> None:
    when = only("arrested last July").when
    assert (when.start, when.end) == (D(2023, 7, 1), D(2023, 7, 31))
    assert only("last March").when.start == D(2023, 3, 1)
    assert only("next July").flag == "future"


def test_ago_phrases() -> None:
    assert day("two days ago") == D(2024, 3, 23)
    assert day("twenty-one days ago") == D(2024, 3, 4)
    few = only("a few days ago").when
    assert (few.start, few.end, few.precision) == (D(2024, 3, 18), D(2024, 3, 24), "week")
    assert not only("a few years ago").when.known
    exact = only("exactly a year ago").when
    assert exact.start == D(2023, 3, 25) and exact.precision == "day"
    assert only("three months ago").when.start == D(2023, 12, 1)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("nine years ago this week", D(2015, 3, 25), D(2015, 3, 31), "week"),
        ("Two years ago this month", D(2022, 3, 1), D(2022, 3, 31), "month"),
        ("five years ago today", D(2019, 3, 25), D(2019, 3, 25), "day"),
        ("eight years ago, this month", D(2016, 3, 1), D(2016, 3, 31), "month"),
    ],
)
def test_years_ago_this_week_is_that_week_years_back(
    text: str, start: dt.date, end: dt.date, precision: str
) -> None:
    when = only(text).when
    assert (when.start, when.end, when.precision) == (start, end, precision)


def test_years_ago_and_a_later_this_week_stay_two_dates() -> None:
    # guard: a sentence break between them
    found = find_dates("It began nine years ago. This week it flared.", REF)
    assert [m.when.precision for m in found] == ["year", "week"]


def test_relative_dates_in_an_undated_document_stay_unknown_with_their_text() -> None:
    for text in (
        "on Monday",
        "last Tuesday",
        "Tuesday of last week",
        "yesterday",
        "earlier this month",
        "the day before",
        "overnight",
        "two days ago",
        "on 5 May",
    ):
        mention = only(text, Reference())
        assert not mention.when.known and mention.when.text, text
        assert mention.flag is None, text


# ----------------------------------------------------------------------------- bounds


def test_dates_outside_the_supported_years_are_kept_as_text_and_flagged() -> None:
    for text in (
        "On Thursday, December 30, 9999, militants attacked.",
        "on 9999-12-30",
        "on 12/30/9999",
        "on 1 January 1850",
        "in December 30, 0001,",
        "99999999999 days ago",
        "exactly 5000 years ago",
        "30000 weeks ago",
    ):
        mentions = find_dates(text, REF)
        assert [m.flag for m in mentions] == ["out_of_range"], text
        assert not mentions[0].when.known and mentions[0].when.text


def test_a_count_after_a_month_day_is_not_an_absurd_year() -> None:
    found = find_dates("On December 30, 9999 militants attacked.", REF)
    assert [m.when.text for m in found] == ["December 30"]


def test_declared_dates_out_of_range_or_invalid_are_ignored_and_flagged() -> None:
    assert Reference.of("9999-12-30") == Reference(flag="out_of_range")
    assert Reference.of("1850-01-01").flag == "out_of_range"
    assert Reference.of("2023-02-30") == Reference(flag="invalid")
    fallback = Reference.of("9999-12-30", "06/14/2021: a bomb exploded.")
    assert (fallback.date, fallback.flag) == (D(2021, 6, 14), "out_of_range")


def test_dates_after_the_report_by_more_than_a_day_are_flagged_future() -> None:
    assert only("on 27 March 2024").flag == "future"
    assert only("on 26 March 2024").flag is None
    assert only("in 2025").flag == "future"


def test_intervals_running_past_the_report_end_at_it() -> None:
    when = only("in March 2024").when
    assert (when.start, when.end, when.precision) == (D(2024, 3, 1), D(2024, 3, 25), "month")
    assert only("in 2024").when.end == D(2024, 3, 25)


def test_no_exception_escapes_on_odd_dates_and_references() -> None:
    pieces = [
        "on",
        "December 30, 9999",
        "9999-12-30",
        "0000-00-00",
        "31/31/2021",
        "00/00/00",
        "year 0",
        "99999999999999999999 days ago",
        "last Tuesday",
        "the day before",
        "Monday, February 29",
        "February 29",
        "2100-12-31",
        "in 1899",
        "\u202e",
        "\n\n",
    ]
    references = [
        REF,
        Reference(),
        Reference(D(1900, 1, 1), 1900),
        Reference(D(2100, 12, 31), 2100),
        Reference(None, 1900, True),
        Reference(None, 2100, True),
    ]
    for reference in references:
        for a, b in itertools.product(pieces, repeat=2):
            text = f"{a} {b}"
            for mention in find_dates(text, reference):
                assert text[mention.start : mention.end] == mention.when.text
                when = mention.when
                if when.start is not None and when.end is not None:
                    assert when.start.year >= 1900 and when.end.year <= 2100
    for iso in ("9999-12-30", "0001-01-01", "2024-13-01", "garbage", ""):
        assert Reference.of(iso, "On Thursday, December 30, 9999").date is None


# ----------------------------------------------------------------------------- API


def test_offsets_index_the_text_and_respect_start_and_end() -> None:
    text = "Militants attacked on 3 March 2023, police said on Monday."
    mentions = find_dates(text, REF)
    assert [text[m.start : m.end] for m in mentions] == ["3 March 2023", "Monday"]
    assert [m.when.text for m in find_dates(text, REF, text.index("police"))] == ["Monday"]
    assert [m.when.text for m in find_dates(text, REF, 0, text.index(","))] == ["3 March 2023"]


def test_mentions_never_overlap_and_kinds_are_documented() -> None:
    text = "On Tuesday of last week, late on Monday, on 06/14/2021 and last night, 2 days ago."
    mentions = find_dates(text, THURSDAY)
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start
    assert {m.kind for m in mentions} <= set(KINDS)


def test_acled_time_precision_codes() -> None:
    assert acled_time_precision(When(D(2021, 1, 1), D(2021, 1, 1), "day")) == 1
    assert acled_time_precision(When(D(2021, 1, 1), D(2021, 1, 3), "week")) == 2
    assert acled_time_precision(When(D(2021, 1, 1), D(2021, 1, 31), "month")) == 3
    assert acled_time_precision(When(D(2021, 1, 1), D(2021, 12, 31), "year")) == 3
    assert acled_time_precision(When()) is None


@pytest.mark.parametrize("text", ["", "no dates here at all", "12345", "////", "the the the"])
def test_texts_without_dates(text: str) -> None:
    assert find_dates(text, REF) == []
    assert leading_date(text) is None


def test_word_triggered_scan_finds_what_a_scan_per_pattern_finds() -> None:
    from mapper.dates import _lower, _scan, _scan_all

    text = (
        "On Tuesday of last week, late on Monday and in the early hours of Sunday, gunmen hit "
        "a post; overnight into Friday a bomb went off. Last week on Monday, 06/14/2021, "
        "14.06.21, 2021-06-14T08:00Z and between 2019 and 2021 it grew. Between March 3 and "
        "April 5, 2022 and 3-5 October 2022, since mid-April, in late June 2019, last July, the "
        "day before yesterday, two days after the attack, the day before, the previous night, "
        "a day earlier, twenty-one days ago, a few weeks ago, exactly a year ago, days ago, the "
        "past two weeks, last 24 hours, over the weekend, earlier this month, later this week, "
        "the 2016 bombing, 2016's attack, in 2011, this morning, tonight, next Friday, Monday "
        "night last week, Thursday, 26 August, Friday the 13th of March, the 4th of July 1990."
    )
    lowered = _lower(text)
    found = [(kind, match.span()) for kind, match in _scan(lowered, 0, len(text))]
    assert found == [(kind, match.span()) for kind, match in _scan_all(lowered, 0, len(text))]
    assert len(found) >= 35


def test_long_texts_are_read_whole() -> None:
    paragraph = "Police said on Monday that a bomb killed two people the day before.\n\n"
    found = find_dates(paragraph * 2000, REF)
    assert len(found) == 4000
    assert {m.when.start for m in found} == {D(2024, 3, 25), D(2024, 3, 24)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HERAT, June 9 (Reuters) - Gunmen ...", "2024-06-09"),
        ("LAHORE, Pakistan, June 9 (AP) — A bomb ...", "2024-06-09"),
        ("QUETTA, June 9: Police said ...", "2024-06-09"),
        ("MOSUL, Iraq, June 9, 2024 (AFP) - ...", "2024-06-09"),
        ("HERAT, June 11 (Reuters) - after the declared date", None),
        ("HERAT, April 2 (Reuters) - more than a month before", None),
        ("On June 9 (Reuters) - no place in capitals", None),
        ("HERAT, June 9 gunmen attacked: no agency, dash or colon", None),
    ],
)
def test_dateline_date_is_read_against_the_declared_date(text: str, expected: str | None) -> None:
    mention = dateline_date(text, 0, dt.date(2024, 6, 10))
    got = None if mention is None or mention.when.start is None else str(mention.when.start)
    assert got == expected


def test_a_dateline_day_is_the_reference_of_a_dated_document() -> None:
    reference = Reference.of("2024-06-10", "HERAT, June 8 (Reuters) - Gunmen killed two.")
    assert (reference.date, reference.source) == (dt.date(2024, 6, 8), "dateline")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Later that day", "2024-03-04"),
        ("The same night", "2024-03-04"),
        ("Hours later", "2024-03-04"),
        ("Minutes afterwards", "2024-03-04"),
        ("Earlier that morning", "2024-03-04"),
    ],
)
def test_the_same_day_as_the_one_last_stated(phrase: str, expected: str) -> None:
    text = f"Gunmen attacked a checkpoint on 4 March 2024. {phrase}, a bomb went off nearby."
    found = find_dates(text, Reference.of("2024-03-10"))
    assert [str(d.when.start) for d in found] == ["2024-03-04", expected]


@pytest.mark.parametrize(
    ("later", "value"),
    [
        ("Hours later, mortar shells hit the airport.", D(2023, 5, 1)),
        ("Later that night, gunmen stormed a checkpoint.", D(2023, 5, 1)),
        ("Two days later, a bomb hit a minibus.", D(2023, 5, 3)),
    ],
)
def test_a_later_day_continues_the_story_across_a_paragraph_break(later: str, value: D) -> None:
    # wire copy writes each sentence as a paragraph: "Hours later" fell to the report date
    text = f"Gunmen attacked a base on Monday.\n\n{later}"
    assert find_dates(text, THURSDAY)[-1].when.start == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[01 Nov 19:20] A car bomb exploded.", D(2023, 11, 1)),
        ("12 Oct 07:30 - blast at a checkpoint", D(2023, 10, 12)),
        ("Oct 12, 07:30: blast at a checkpoint", D(2023, 10, 12)),
    ],
)
def test_the_hour_after_a_day_is_no_day(text: str, expected: dt.date) -> None:
    reference = Reference(D(2023, 12, 1), 2023)
    assert day(text, reference) == expected


@pytest.mark.parametrize(
    ("foot", "value"),
    [
        ("Somewhere in the mountains, 6 May 2026\nCommand of the Western Front", D(2026, 5, 6)),
        ("Done at Niamey, 4 May 2026.\n\n[Signed] The Spokesman", D(2026, 5, 4)),
        ("12 June 2025\nThe Central Committee", D(2025, 6, 12)),
    ],
)
def test_a_statement_signed_with_its_date_is_dated_by_it(foot: str, value: dt.date) -> None:
    text = (
        "PUBLIC COMMUNIQUE\n\nTo the people:\n\n1. Our units attacked the base on 3 May"
        " and destroyed two vehicles. The army hides its losses.\n\n2. We reject the"
        f" accusations of the enemy.\n\n{foot}\n"
    )
    assert closing_date(text) is not None
    reference = Reference.of(None, text)
    assert reference.date == value
    attack = next(m for m in find_dates(text, reference) if m.kind == "dm")
    assert attack.when.start == D(value.year, 5, 3)


@pytest.mark.parametrize(
    "text",
    [
        # a date inside the last sentence of the story, not a line of its own
        "Gunmen attacked a post.\n\nThe army said the attack on the post took place on 3 May 2026.",
        # a date on a line of its own, but far above the foot
        "3 May 2026\n" + "More text of the story follows here.\n" * 8,
    ],
)
def test_other_dates_near_the_end_are_no_signature_date(text: str) -> None:
    assert closing_date(text) is None


def test_a_quarter_is_its_three_months() -> None:
    text = "Attacks rose in the first quarter of 2026 and again in Q3 2026."
    quarters = [m.when for m in find_dates(text, Reference()) if m.kind == "quarter"]
    assert [(w.start, w.end) for w in quarters] == [
        (D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 7, 1), D(2026, 9, 30)),
    ]
