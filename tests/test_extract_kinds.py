"""The kinds of extraction fault of issue 9, each tested on several sentences of our own.

Every expectation follows the coding conventions of the handed cases (ACLED and GTD): the date is
the day the event happened, read against the report date; non-events (negated, foiled, denied,
hypothetical, court reports, counts over a period) are not coded as attacks; the place is where
the event happened, never where someone spoke or came from; the perpetrator is who acted and the
attribution says who says so.  Tests marked ``xfail(strict=True)`` are faults mapper has today:
they pass (and so fail the suite) as soon as the fault is fixed, and the mark must then go.
"""

from __future__ import annotations

import pytest
from _kinds import (
    claim_pairs,
    day,
    deaths,
    describe,
    hurt,
    one,
    place_name,
    run,
    run_real,
    start,
)

from mapper.geo import haversine_km


def bug(reason: str) -> pytest.MarkDecorator:
    """A fault mapper has today (issue 9), expected to fail until it is fixed."""
    return pytest.mark.xfail(strict=True, reason=reason)


# --- dates: weekdays, relative phrases, numeric formats ------------------------------------------

# (text, report date, the event's day).  A weekday is the latest such day on or before the
# report; "last <weekday>" in a report of that weekday is a week earlier; "<weekday> of last
# week" lies in the previous Monday-Sunday week; "yesterday", "last night", "overnight" are the
# day before.
WEEKDAYS = [
    pytest.param(
        "A mortar shell killed three children in Asadabad last Tuesday.",
        "2023-05-09",
        "2023-05-02",
        id="last-tuesday-in-a-tuesday-report",
    ),
    pytest.param(
        "Gunmen killed two policemen in Herat on Tuesday.",
        "2023-05-09",
        "2023-05-09",
        id="on-tuesday-in-a-tuesday-report",
    ),
    pytest.param(
        "A suicide bomber killed six people in Mardan on Sunday.",
        "2023-05-07",
        "2023-05-07",
        id="on-sunday-in-a-sunday-report",
    ),
    pytest.param(
        "A suicide bomber killed six people in Mardan last Sunday.",
        "2023-05-07",
        "2023-04-30",
        id="last-sunday-in-a-sunday-report",
    ),
    pytest.param(
        "A suicide bomber killed 9 people at a market in Kandahar on Friday.",
        "2023-05-04",
        "2023-04-28",
        id="friday-in-a-thursday-report",
    ),
    pytest.param(
        "Militants ambushed a convoy in Zhob on Monday of last week, killing five soldiers.",
        "2023-05-04",
        "2023-04-24",
        id="monday-of-last-week",
    ),
    pytest.param(
        "Gunmen killed two soldiers in Kohat on Wednesday of last week.",
        "2023-05-11",
        "2023-05-03",
        id="wednesday-of-last-week",
    ),
    pytest.param(
        "A bomb killed three people in Sibi on Saturday of last week.",
        "2023-05-15",
        "2023-05-13",
        id="saturday-of-last-week-in-a-monday-report",
    ),
    pytest.param(
        "Gunmen killed four people in Sibi last night.", "2023-05-04", "2023-05-03", id="last-night"
    ),
    pytest.param(
        "Militants attacked a checkpoint in Khost overnight, killing two soldiers.",
        "2023-05-09",
        "2023-05-08",
        id="overnight",
    ),
    pytest.param(
        "Two rockets hit Jalalabad yesterday, wounding four people.",
        "2023-05-01",
        "2023-04-30",
        id="yesterday",
    ),
    pytest.param(
        "A bomb exploded in Kohat on Monday evening, police said on Tuesday.",
        "2023-05-09",
        "2023-05-08",
        id="monday-evening-told-on-tuesday",
    ),
    pytest.param(
        "On the night of 2 May, militants attacked a police station in Bannu, killing three "
        "officers.",
        "2023-05-04",
        "2023-05-02",
        id="night-of-a-day-month",
    ),
]


@pytest.mark.parametrize(("text", "report", "expected"), WEEKDAYS)
def test_relative_day_is_anchored_on_the_report_date(text: str, report: str, expected: str) -> None:
    incident = one(run(text, report)[0])
    assert start(incident) == expected
    assert incident.when.end == day(expected) and incident.when.precision == "day"


def test_earlier_this_month_ends_at_the_report_date() -> None:
    incident = one(
        run("Gunmen killed three guards at a bank in Karachi earlier this month.", "2023-05-18")[0]
    )
    assert (incident.when.start, incident.when.end) == (day("2023-05-01"), day("2023-05-18"))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Gunmen killed two teachers in Mardan yesterday.", id="yesterday"),
        pytest.param("A bomb killed four people in Kohat two days ago.", id="days-ago"),
        pytest.param(
            "Militants stormed a checkpoint in Kunduz on Sunday, killing four soldiers.",
            id="weekday",
        ),
        pytest.param("A drone strike killed two militants in Khost last week.", id="last-week"),
        pytest.param("A rocket killed a child in Asadabad last Friday.", id="last-weekday"),
    ],
)
def test_relative_dates_in_an_undated_document_stay_unknown(text: str) -> None:
    incident = one(run(text, None)[0])
    assert incident.when.start is None and incident.when.end is None
    assert incident.when.precision == "unknown"
    assert incident.place is not None  # the rest of the event is still read
    assert deaths(incident) is not None


@pytest.mark.parametrize(
    ("text", "report", "readings"),
    [
        pytest.param(
            "A grenade attack wounded seven people in Quetta on 11/03/2023.",
            "2023-05-04",
            {"2023-03-11", "2023-11-03"},
            id="ambiguous-slash",
        ),
        pytest.param(
            "A bomb killed five people in Quetta on 7/4/2023.",
            "2023-05-04",
            {"2023-04-07", "2023-07-04"},
            id="ambiguous-short-slash",
        ),
        pytest.param(
            "A bomb killed three people in Peshawar on 25/03/2023.",
            "2023-05-04",
            {"2023-03-25"},
            id="day-first-by-validity",
        ),
        pytest.param(
            "06/14/2021: An explosive device detonated near a police vehicle in Bannu, killing "
            "two officers.",
            None,
            {"2021-06-14"},
            id="leading-month-first-in-undated-document",
        ),
        pytest.param(
            "14.06.2021: Gunmen killed two policemen in Mardan.",
            None,
            {"2021-06-14"},
            id="leading-dotted-day-first",
        ),
        pytest.param(
            "2021-06-14: A roadside bomb killed three soldiers in Zhob.",
            None,
            {"2021-06-14"},
            id="leading-iso",
        ),
        pytest.param(
            "03/22/2021: An IED killed four soldiers in Kohat.",
            None,
            {"2021-03-22"},
            id="leading-month-first-by-validity",
        ),
        pytest.param(
            "A suicide bomber killed nine people in Bannu on 5 March 2022.",
            None,
            {"2022-03-05"},
            id="full-date-in-undated-document",
        ),
    ],
)
def test_numeric_and_full_dates(text: str, report: str | None, readings: set[str]) -> None:
    incident = one(run(text, report)[0])
    assert start(incident) in readings


def test_the_day_before_is_anchored_on_the_day_just_stated() -> None:
    incidents, _ = run(
        "Militants attacked a checkpoint in Khost on 2 May. The day before, a roadside bomb "
        "killed three soldiers in Ghazni."
    )
    by_place = {place_name(i): start(i) for i in incidents}
    assert by_place == {"Khost": "2023-05-02", "Ghazni": "2023-05-01"}


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        pytest.param(
            "The TTP threatened to bomb schools in Mardan next Monday.", "ttp", id="next-weekday"
        ),
        pytest.param(
            "ISKP vowed to attack Shia mosques in Herat during Muharram.", "iskp", id="vowed"
        ),
        pytest.param(
            "The BLA warned it would target Chinese engineers in Turbat.",
            "bla",
            id="warned-it-would",
        ),
    ],
)
def test_a_threat_is_a_claim_and_no_incident(text: str, claimant: str) -> None:
    incidents, claims = run(text)
    assert incidents == [], describe(incidents)
    assert claim_pairs(claims) == {(claimant, "threat")}


# --- statements have their own dates --------------------------------------------------------------


# "X said on Tuesday that ... had killed": Tuesday is when it was said; the event happened on or
# before it, never on the report's later date.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "At a press conference in Islamabad on Tuesday, the army said its troops had killed "
            "ten militants in Zhob on Monday.",
            "2023-05-01",
            id="press-conference-day",
        ),
        pytest.param(
            "Officials in Moscow said on Monday that a bomb had killed two soldiers in Palmyra on "
            "Sunday.",
            "2023-04-30",
            id="officials-said-on-monday",
        ),
        pytest.param(
            "The interior minister, speaking in Karachi on Wednesday, said a bomb had killed four "
            "policemen in Sibi on Tuesday.",
            "2023-05-02",
            id="speaking-on-wednesday",
        ),
        pytest.param(
            "In a video statement from Kabul on Tuesday, the Taliban said their forces killed "
            "seven ISKP fighters in Jalalabad on Sunday.",
            "2023-04-30",
            id="video-statement-on-tuesday",
        ),
    ],
)
def test_the_event_keeps_its_own_day_not_the_statements(text: str, expected: str) -> None:
    assert start(one(run(text)[0])) == expected


@pytest.mark.parametrize(
    ("text", "said_on"),
    [
        pytest.param(
            "The TTP said on Tuesday that a roadside bomb had killed three soldiers in Bannu, "
            "but did not claim the attack.",
            "2023-05-02",
            id="ttp-said-on-tuesday",
        ),
        pytest.param(
            "ISKP said on Sunday that Taliban forces had killed two civilians in Jalalabad.",
            "2023-04-30",
            id="iskp-said-on-sunday",
        ),
        pytest.param(
            "Police said on Monday that gunmen had shot dead a shopkeeper in Turbat.",
            "2023-05-01",
            id="police-said-on-monday",
        ),
    ],
)
def test_an_event_is_never_after_the_statement_that_reports_it(text: str, said_on: str) -> None:
    incident = one(run(text)[0])
    assert incident.when.start is None or incident.when.start <= day(said_on)


# --- non-events: negation, foiled acts, court reports, denials, hypotheticals, aggregates --------


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        pytest.param(
            "A car bomb exploded outside a police station in Mardan on Monday; nobody was killed.",
            {0},
            {None, 0},
            id="nobody-was-killed",
        ),
        pytest.param(
            "A rocket landed near the airport in Kandahar on Sunday; no casualties were reported.",
            {0},
            {0},
            id="no-casualties-reported",
        ),
        pytest.param(
            "Two mortar rounds struck a market in Asadabad on Wednesday, causing no casualties.",
            {0},
            {0},
            id="causing-no-casualties",
        ),
        pytest.param(
            "There were no fatalities when a bomb exploded at a bus stop in Quetta on Monday.",
            {0},
            {None, 0},
            id="no-fatalities",
        ),
        pytest.param(
            "A grenade exploded in a bazaar in Chitral on Friday, but no one was killed or "
            "wounded.",
            {0},
            {0},
            id="no-one-killed-or-wounded",
        ),
        pytest.param(
            "A suicide bomber blew himself up near a checkpoint in Kohat on Tuesday, killing no "
            "one but himself.",
            {0, 1},
            {None, 0},
            id="no-one-but-himself",
        ),
        pytest.param(
            "A roadside bomb went off near a bus in Khost on Tuesday, but no one was hurt.",
            {0},
            {0},
            id="no-one-hurt",
        ),
        pytest.param(
            "None of the 40 passengers was hurt when a bomb exploded under a bus in Zhob on "
            "Monday.",
            {0},
            {0},
            id="none-of-the-n",
        ),
    ],
)
def test_a_negated_toll_is_zero_and_the_event_stands(
    text: str, killed: set[int], wounded: set[int | None]
) -> None:
    incident = one(run(text)[0])
    assert incident.event_type == "Explosions/Remote violence"
    assert deaths(incident) in killed
    assert hurt(incident) in wounded


def test_a_number_inside_a_negated_phrase_is_no_toll() -> None:
    incident = one(
        run(
            "Not one of the 12 guards was injured when militants attacked a bank in Mardan on "
            "Sunday."
        )[0]
    )
    assert hurt(incident) == 0 and deaths(incident) != 12


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Security forces foiled a plot to bomb a shrine in Lahore on Tuesday and arrested "
            "three suspects.",
            id="foiled-plot",
        ),
        pytest.param(
            "Counter-terrorism police thwarted a suicide attack in Karachi on Sunday, arresting "
            "the bomber before he could strike.",
            id="thwarted",
        ),
        pytest.param(
            "Guards stopped a would-be suicide bomber at the gate of a mosque in Kohat on Friday "
            "before he could detonate his vest.",
            id="would-be-bomber",
        ),
        pytest.param(
            "Police defused a bomb planted near a mosque in Peshawar on Monday.",
            id="defused",
        ),
        pytest.param(
            "Bomb disposal experts defused two roadside bombs in Khost on Sunday.",
            id="defused-plural",
        ),
    ],
)
def test_a_foiled_attack_is_at_most_a_strategic_development(text: str) -> None:
    incidents, _ = run(text)
    assert all(i.event_type == "Strategic developments" for i in incidents), describe(incidents)
    assert all(deaths(i) in (None, 0) for i in incidents)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        pytest.param(
            "A court in Quetta on Tuesday sentenced three men to death for the 2017 bombing of "
            "a shrine that killed 20 people.",
            2017,
            id="sentenced",
        ),
        pytest.param(
            "The trial of five men accused of the 2019 bombing in Mardan that killed 12 people "
            "opened in Peshawar on Tuesday.",
            2019,
            id="trial-opened",
        ),
        pytest.param(
            "An anti-terrorism court in Peshawar on Monday acquitted two suspects in the 2014 "
            "school massacre that killed 150 people.",
            2014,
            id="acquitted",
        ),
        pytest.param(
            "Nine people were killed in the 2022 bombing in Quetta, a court heard on Monday.",
            2022,
            id="court-heard",
        ),
    ],
)
def test_a_court_report_is_no_new_event(text: str, year: int) -> None:
    incidents, _ = run(text)
    assert all(i.when.start is not None and i.when.start.year == year for i in incidents), describe(
        incidents
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Officials denied reports that a bomb had killed six people in Herat, saying a gas "
            "cylinder had exploded.",
            id="denied-reports",
        ),
        pytest.param(
            "Police dismissed rumours that gunmen had attacked a school in Kunduz.",
            id="dismissed-rumours",
        ),
        pytest.param(
            "The army rejected reports that a drone strike had killed five civilians in Khost.",
            id="rejected-reports",
        ),
        pytest.param(
            "The governor denied that militants had stormed a checkpoint in Ghazni on Tuesday.",
            id="denied-that",
        ),
    ],
)
def test_a_report_officials_deny_is_no_event(text: str) -> None:
    incidents, _ = run(text)
    assert incidents == [], describe(incidents)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "If the ceasefire collapses, militants could attack cities across Khyber Pakhtunkhwa "
            "and kill thousands, the minister warned.",
            id="if-could",
        ),
        pytest.param(
            "Officials fear the TTP may launch suicide attacks in Quetta during the elections.",
            id="may-launch",
        ),
        pytest.param(
            "The TTP is planning to attack police stations in Bannu, officials said.", id="planning"
        ),
        pytest.param(
            "Intelligence agencies warned that ISKP would try to bomb mosques in Kunduz.",
            id="would-try",
        ),
        pytest.param(
            "Had the bomb exploded, it would have killed dozens in Mardan, police said.",
            id="counterfactual",
        ),
    ],
)
def test_hypotheticals_and_plans_are_no_events(text: str) -> None:
    incidents, _ = run(text)
    assert incidents == [], describe(incidents)


@pytest.mark.parametrize(
    ("text", "report"),
    [
        pytest.param(
            "More than 300 people were killed in 95 attacks in Balochistan this year, a think "
            "tank said.",
            "2023-05-04",
            id="attacks-this-year",
        ),
        pytest.param(
            "ISKP has killed more than 200 people in 40 attacks in Nangarhar since January.",
            "2022-05-01",
            id="since-january",
        ),
        pytest.param(
            "At least 120 civilians were killed in militant attacks in Kunar last month, the UN "
            "said.",
            "2023-05-04",
            id="attacks-last-month",
        ),
        pytest.param(
            "Since 2020, at least 500 civilians have died in bombings in Kabul.",
            "2022-05-01",
            id="since-a-year",
        ),
        pytest.param(
            "Attacks in Balochistan killed 60 soldiers in April, according to a monthly report.",
            "2022-05-01",
            id="attacks-in-a-month",
        ),
    ],
)
def test_counts_over_a_period_are_no_event(text: str, report: str) -> None:
    incidents, _ = run(text, report)
    assert incidents == [], describe(incidents)


def test_an_anniversary_is_no_new_event() -> None:
    incidents, _ = run(
        "Residents on Tuesday marked the fifth anniversary of the bombing in Mastung that killed "
        "128 people."
    )
    assert not [i for i in incidents if i.when.start and i.when.start.year == 2023]


@pytest.mark.parametrize(
    ("text", "report", "toll", "past_year"),
    [
        pytest.param(
            "On 14 February 2019, a suicide bomber rammed a car into a bus carrying soldiers in "
            "Mastung, killing 23. It was the deadliest attack in the province since the 2017 "
            "bombing in Quetta.",
            "2019-02-14",
            23,
            2017,
            id="deadliest-since-a-named-bombing",
        ),
        pytest.param(
            "On 10 August 2021, gunmen attacked a hotel in Karachi, killing eleven people. The "
            "attack was the deadliest in the city since 2015.",
            "2021-08-10",
            11,
            2015,
            id="deadliest-since-a-year",
        ),
        pytest.param(
            "The bombing killed 84 people, the deadliest attack in Peshawar since the 2014 school "
            "massacre in which 149 people were killed.",
            "2023-01-30",
            84,
            2014,
            id="since-a-massacre-with-its-toll",
        ),
        pytest.param(
            "The attack, in which 100 people died, was compared to the 2009 market bombing in "
            "Peshawar, which killed 137.",
            "2023-01-30",
            100,
            2009,
            id="compared-to",
        ),
    ],
)
def test_a_comparison_names_a_background_event_not_the_main_one(
    text: str, report: str, toll: int, past_year: int
) -> None:
    incidents, _ = run(text, report)
    main = [i for i in incidents if i.when.start == day(report)]
    assert len(main) == 1 and deaths(main[0]) == toll, describe(incidents)
    others = [i for i in incidents if i is not main[0]]
    assert all(i.when.start is None or i.when.start.year == past_year for i in others)


# --- places: where it happened, not where it was said or where the attacker came from -----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A US drone strike killed two militants on Monday, officials in Washington said.",
            None,
            id="officials-in",
        ),
        pytest.param(
            "Gunmen killed three soldiers on Sunday, a spokesman told reporters in Islamabad.",
            None,
            id="told-reporters-in",
        ),
        pytest.param(
            "Speaking at a press conference in Kabul, the spokesman said Taliban forces killed six "
            "ISKP fighters in a raid in Kunar on Monday.",
            "Kunar",
            id="press-conference-in",
        ),
        pytest.param(
            "The interior minister, speaking in Karachi on Wednesday, said a bomb had killed four "
            "policemen in Sibi on Tuesday.",
            "Sibi",
            id="speaking-in",
        ),
        pytest.param(
            "Officials in Moscow said on Monday that a bomb had killed two soldiers in Palmyra on "
            "Sunday.",
            "Palmyra",
            id="officials-in-another-country",
        ),
        pytest.param(
            "The attacker, who had travelled from Quetta, opened fire at a shrine in Lahore on "
            "Sunday, killing eight.",
            "Lahore",
            id="travelled-from",
        ),
        pytest.param(
            "The bomber, a resident of Peshawar, blew himself up at a checkpoint in Bannu on "
            "Monday, killing four policemen.",
            "Bannu",
            id="resident-of",
        ),
        pytest.param(
            "Militants based in Afghanistan attacked a border post in Chitral on Tuesday, killing "
            "two soldiers.",
            "Chitral",
            id="based-in",
        ),
        pytest.param(
            "Gunmen who crossed from Afghanistan killed four soldiers on Tuesday.",
            None,
            id="crossed-from-and-no-place",
        ),
    ],
)
def test_the_place_is_where_it_happened(text: str, expected: str | None) -> None:
    incident = one(run(text)[0])
    assert place_name(incident) == expected
    if expected is None:
        assert incident.geo_precision is None


@pytest.mark.parametrize(
    ("text", "town", "perpetrator"),
    [
        pytest.param(
            "A bomb exploded in a market in Mardan, Khyber Pakhtunkhwa, Pakistan, on Monday, "
            "killing six people.",
            "Mardan",
            None,
            id="town-province-country",
        ),
        pytest.param(
            "The Taliban attacked a police post in Lashkar Gah, Helmand, Afghanistan, on Sunday, "
            "killing four officers.",
            "Lashkar Gah",
            "taliban",
            id="multiword-town-province-country",
        ),
        pytest.param(
            "The TTP attacked a police post in Bannu, Khyber Pakhtunkhwa, Pakistan, on Monday, "
            "killing two officers.",
            "Bannu",
            "ttp",
            id="perpetrator-stays-on-the-town",
        ),
        pytest.param(
            "A car bomb killed ten people in Mosul, Iraq, on Tuesday.",
            "Mosul",
            None,
            id="town-country",
        ),
        pytest.param(
            "ISKP gunmen attacked a Sufi shrine in Jalalabad, Nangarhar province, on Friday, "
            "killing seven worshippers.",
            "Jalalabad",
            "iskp",
            id="town-province",
        ),
    ],
)
def test_a_chain_of_containing_places_is_one_event_at_the_town(
    text: str, town: str, perpetrator: str | None
) -> None:
    incident = one(run(text)[0])
    assert place_name(incident) == town and incident.geo_precision == 1
    assert incident.perpetrator == perpetrator


# With the shipped gazetteer and geoparser: capitals standing for governments, demonym phrases.
REAL_PLACES = [
    pytest.param(
        "A car bomb killed six people in the Afghan capital on Monday.",
        (34.528, 69.172),
        id="the-afghan-capital",
    ),
    pytest.param(
        "A bomb exploded at a market in the Pakistani city of Quetta on Sunday, killing seven.",
        (30.184, 67.001),
        id="the-pakistani-city-of",
    ),
    pytest.param(
        "A rocket killed three people in the Syrian border town of Azaz on Monday.",
        (36.587, 37.046),
        id="the-syrian-border-town-of",
    ),
    pytest.param(
        "A suicide bomber killed five policemen in the Iraqi city of Mosul on Friday.",
        (36.335, 43.119),
        id="the-iraqi-city-of",
    ),
    pytest.param(
        "Islamabad condemned the bombing in Peshawar that killed eight people on Monday.",
        (34.008, 71.578),
        id="capital-as-speaker",
    ),
]


@pytest.mark.parametrize(("text", "point"), REAL_PLACES)
def test_demonym_phrases_and_speaking_capitals_with_the_real_geoparser(
    text: str, point: tuple[float, float]
) -> None:
    incident = one(run_real(text)[0])
    assert incident.place is not None
    assert haversine_km(incident.place.lat, incident.place.lon, *point) <= 15
    assert incident.geo_precision == 1


# An airport named as what was attacked, or as where a bomb went off, is the place: its own point
# (airportsdata), not the centre of the town it serves, whether the text names it in full, by its
# town ("Mogadishu airport") or as the object of a verb of attack followed by its town.
AIRPORTS = [
    pytest.param(
        "Gunmen stormed Mogadishu airport on Monday, killing two guards.",
        (2.014, 45.305),
        id="town-airport-as-object",
    ),
    pytest.param(
        "Militants attacked Aden International Airport in Aden, Yemen, on Monday, killing four.",
        (12.830, 45.029),
        id="full-name-then-its-town",
    ),
    pytest.param(
        "Rockets struck Erbil International Airport on Monday, wounding two soldiers.",
        (36.238, 43.963),
        id="town-named-otherwise-in-the-data",
    ),
    pytest.param(
        "A bomb exploded at Peshawar airport on Monday, killing three people.",
        (33.994, 71.515),
        id="at-town-airport",
    ),
    pytest.param(
        "Gunmen attack Mogadishu airport gate, killing two guards",
        (2.014, 45.305),
        id="headline-present-tense",
    ),
]


@pytest.mark.parametrize(("text", "point"), AIRPORTS)
def test_an_attacked_airport_is_placed_at_the_airport(
    text: str, point: tuple[float, float]
) -> None:
    incident = one(run_real(text)[0])
    assert incident.place is not None and incident.place.feature_code == "AIRP", describe(
        [incident]
    )
    assert haversine_km(incident.place.lat, incident.place.lon, *point) <= 3
    assert incident.geo_precision == 1


@pytest.mark.parametrize(
    ("text", "country"),
    [
        pytest.param(
            "Gunmen killed two Pakistani soldiers near the Afghan border on Tuesday.",
            "PK",
            id="pakistani-soldiers-afghan-border",
        ),
        pytest.param(
            "Gunmen killed three Iranian border guards near the Pakistani border on Sunday.",
            "IR",
            id="iranian-guards-pakistani-border",
        ),
        pytest.param(
            "A drone strike killed a senior TTP commander on Sunday, officials in Islamabad said.",
            None,
            id="officials-in-the-capital",
        ),
    ],
)
def test_a_nationality_or_a_speaker_invents_no_place(text: str, country: str | None) -> None:
    incident = one(run_real(text)[0])
    if incident.place is not None:  # at most the country of the victims, never a point
        assert incident.place.country_code == country and incident.geo_precision == 3


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        pytest.param(
            "Islamabad condemned the bombing in Peshawar that killed eight people on Monday.",
            {("pakistan", "condemnation")},
            id="islamabad-condemned",
        ),
        pytest.param(
            "Kabul denied any role in the attack on a checkpoint in Chitral on Sunday that killed "
            "three soldiers.",
            {("taliban", "denial")},
            id="kabul-denied-after-2021",
        ),
        pytest.param(
            "Tehran condemned the suicide bombing in Zahedan on Tuesday that killed nine guards, "
            "and Islamabad denied any role.",
            {("iran", "condemnation"), ("pakistan", "denial")},
            id="two-capitals",
        ),
    ],
)
def test_a_capital_that_speaks_is_a_claimant_not_a_place(
    text: str, claims: set[tuple[str, str]]
) -> None:
    incidents, found = run_real(text)
    incident = one(incidents)
    assert incident.perpetrator is None and incident.attribution == "unknown"
    assert claim_pairs(found) == claims
    assert all(c.incidents == (incident.id,) for c in found)


# --- roles: who acted, who says so ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        pytest.param(
            "Four TTP militants were killed by Pakistani security forces in a raid in Bannu on "
            "Tuesday.",
            "pakistan",
            id="militants-killed-by-troops",
        ),
        pytest.param(
            "Eight ISKP fighters were killed by Taliban forces in Kunar on Sunday.",
            "taliban",
            id="fighters-killed-by-taliban",
        ),
        pytest.param(
            "The attack on a police station in Kohat on Sunday was carried out by the TTP, "
            "officials said.",
            "ttp",
            id="carried-out-by",
        ),
        pytest.param(
            "The Taliban police chief of Kandahar was killed by a suicide bomber on Monday.",
            None,
            id="victims-affiliation-is-not-the-agent",
        ),
        pytest.param(
            "A TTP commander was shot dead by unidentified gunmen in Peshawar on Friday.",
            None,
            id="victim-group-unknown-gunmen",
        ),
        pytest.param(
            "A US drone strike killed a senior al-Qaeda leader in Kabul on Sunday.",
            "us",
            id="target-of-a-strike-is-not-the-agent",
        ),
        pytest.param(
            "A drone strike killed a senior TTP commander in Khost on Sunday.",
            None,
            id="unattributed-strike",
        ),
        pytest.param(
            "Pakistani jets bombed TTP hideouts in Khost on Monday, killing 12 militants.",
            "pakistan",
            id="jets-bombed-hideouts",
        ),
    ],
)
def test_the_perpetrator_is_who_acted_never_the_victims(text: str, perpetrator: str | None) -> None:
    incidents, claims = run(text)
    incident = one(incidents)
    assert incident.perpetrator == perpetrator
    assert incident.attribution == ("unknown" if perpetrator is None else "attributed")
    assert not [c for c in claims if c.claim_type == "responsibility"]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        pytest.param(
            "Islamic State fighters stormed a village near Palmyra on Tuesday, killing five "
            "shepherds.",
            "is",
            id="is-fighters",
        ),
        pytest.param(
            "An ISKP suicide bomber killed 12 worshippers at a mosque in Kunduz on Friday.",
            "iskp",
            id="an-iskp-bomber",
        ),
        pytest.param(
            "A TTP suicide bomber struck a police convoy in Dera Ismail Khan on Monday, killing "
            "six officers.",
            "ttp",
            id="a-ttp-bomber",
        ),
        pytest.param(
            "The Pakistani Taliban attacked a checkpoint in Zhob on Wednesday, killing three "
            "soldiers.",
            "ttp",
            id="pakistani-taliban-is-ttp",
        ),
        pytest.param(
            "Officials said a suicide bomber belonging to the Islamic State killed eight people in "
            "Kunduz on Friday.",
            "is",
            id="bomber-belonging-to",
        ),
        pytest.param(
            "Residents said Taliban fighters killed three civilians in Kandahar on Monday.",
            "taliban",
            id="residents-said",
        ),
    ],
)
def test_a_report_that_a_group_acted_is_an_attribution_not_a_claim(
    text: str, perpetrator: str
) -> None:
    incidents, claims = run(text)
    incident = one(incidents)
    assert (incident.perpetrator, incident.attribution) == (perpetrator, "attributed")
    assert claims == []


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        pytest.param(
            "The BLA said it carried out the attack on a convoy in Turbat on Monday that killed "
            "five soldiers.",
            "bla",
            id="said-it-carried-out",
        ),
        pytest.param(
            "Jaish al-Adl claimed responsibility for the bombing in Zahedan on Tuesday that killed "
            "four guards.",
            "jundullah",
            id="claimed-responsibility",
        ),
        pytest.param(
            "A roadside bomb killed four soldiers in Kohat on Monday. The TTP claimed "
            "responsibility.",
            "ttp",
            id="claim-in-the-next-sentence",
        ),
        pytest.param(
            "A suicide bomber killed nine people at a rally in Bannu on Sunday. In a statement, "
            "Islamic State said its fighters carried out the attack.",
            "is",
            id="its-fighters-carried-out",
        ),
        pytest.param(
            "Gunmen attacked a shrine in Jalalabad, Nangarhar, Afghanistan on Sunday; ISKP "
            "claimed the attack.",
            "iskp",
            id="claim-after-a-chain",
        ),
    ],
)
def test_the_groups_own_statement_is_a_claim(text: str, claimant: str) -> None:
    incidents, claims = run(text)
    incident = one(incidents)
    assert (incident.perpetrator, incident.attribution) == (claimant, "claimed")
    assert claim_pairs(claims) == {(claimant, "responsibility")}
    assert claims[0].incidents == (incident.id,)


@pytest.mark.parametrize(
    ("text", "perpetrator", "claimant"),
    [
        pytest.param(
            "Pakistani officials blamed the TTP for the bombing in Mardan on Monday that killed "
            "six.",
            "ttp",
            "pakistan",
            id="officials-blamed",
        ),
        pytest.param(
            "The Taliban blamed ISKP for a blast in Mazar-i-Sharif on Monday that killed 14 "
            "people.",
            "iskp",
            "taliban",
            id="group-blamed-group",
        ),
        pytest.param(
            "Police blamed Lashkar-e-Jhangvi for the bombing in Quetta on Monday that killed "
            "eleven Hazaras.",
            "lej",
            None,
            id="police-blamed",
        ),
        pytest.param(
            "Afghan officials accused ISKP of the attack on a school in Kabul on Friday.",
            "iskp",
            None,
            id="officials-accused",
        ),
    ],
)
def test_another_partys_blame_names_the_perpetrator_without_a_claim(
    text: str, perpetrator: str, claimant: str | None
) -> None:
    incidents, claims = run(text)
    incident = one(incidents)
    assert incident.perpetrator == perpetrator
    assert incident.attribution in ({"alleged"} if claimant else {"alleged", "attributed"})
    assert not [c for c in claims if c.claim_type == "responsibility"]
    if claimant is not None:
        assert claim_pairs(claims) == {(claimant, "allegation")}


@pytest.mark.parametrize(
    ("text", "reporter"),
    [
        pytest.param(
            "The TTP said on Tuesday that a roadside bomb had killed three soldiers in Bannu, "
            "but did not claim the attack.",
            "ttp",
            id="said-but-did-not-claim",
        ),
        pytest.param(
            "In a statement, the BLA reported that a landmine had killed two soldiers in Turbat "
            "on Monday, without claiming it.",
            "bla",
            id="reported-without-claiming",
        ),
        pytest.param(
            "The TTP said a suicide bomber had killed seven soldiers in Bannu on Monday.",
            "ttp",
            id="said-a-bomber-had-killed",
        ),
        pytest.param(
            "ISKP said on Sunday that Taliban forces had killed two civilians in Jalalabad.",
            "iskp",
            id="reports-anothers-act",
        ),
    ],
)
def test_a_group_that_reports_an_attack_is_not_its_perpetrator(text: str, reporter: str) -> None:
    incidents, claims = run(text)
    incident = one(incidents)
    assert incident.perpetrator != reporter
    assert not [c for c in claims if c.claim_type == "responsibility"]


@pytest.mark.parametrize(
    ("text", "denier", "perpetrator"),
    [
        pytest.param(
            "A suicide car bomber struck a checkpoint in Bannu on Monday, killing five soldiers. "
            "The TTP denied any involvement.",
            "ttp",
            None,
            id="denial-next-sentence",
        ),
        pytest.param(
            "A suicide bomber killed 9 people at a market in Kandahar on Friday. The Taliban "
            "denied involvement.",
            "taliban",
            None,
            id="taliban-denied",
        ),
        pytest.param(
            "Jamaat-ul-Ahrar claimed the attack on a church in Lahore on Sunday that killed 15 "
            "people, but the TTP denied involvement.",
            "ttp",
            "jua",
            id="claim-and-denial",
        ),
        pytest.param(
            "The TTP denied carrying out the bombing in Peshawar on Monday that killed nine "
            "people and blamed intelligence agencies.",
            "ttp",
            None,
            id="denied-and-blamed-others",
        ),
    ],
)
def test_a_denial_is_a_claim_and_never_makes_the_denier_perpetrator(
    text: str, denier: str, perpetrator: str | None
) -> None:
    incidents, claims = run(text)
    incident = one(incidents)
    assert incident.perpetrator == perpetrator
    denials = [c for c in claims if c.claim_type == "denial"]
    assert [c.claimant for c in denials] == [denier]
    assert denials[0].incidents == (incident.id,)
    assert not [c for c in claims if c.claim_type == "allegation" and c.about == denier]


# --- one sentence, two events --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A roadside bomb killed three soldiers in Kohat on Monday, and a suicide bomber "
            "killed eight people in Mardan on Tuesday.",
            {("Kohat", "2023-05-01", 3), ("Mardan", "2023-05-02", 8)},
            id="and-two-places-two-days",
        ),
        pytest.param(
            "Gunmen killed two policemen in Zhob on Sunday, while a bomb killed five civilians in "
            "Turbat on Monday.",
            {("Zhob", "2023-04-30", 2), ("Turbat", "2023-05-01", 5)},
            id="while",
        ),
        pytest.param(
            "A suicide bomber killed 11 people in Kunduz on Friday and another bomber killed four "
            "in Herat on Saturday.",
            {("Kunduz", "2023-04-28", 11), ("Herat", "2023-04-29", 4)},
            id="another-bomber",
        ),
    ],
)
def test_two_coordinated_events_are_two_incidents(
    text: str, expected: set[tuple[str, str, int]]
) -> None:
    incidents, _ = run(text)
    assert {(place_name(i), start(i), deaths(i)) for i in incidents} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Three shopkeepers were shot dead in Jamrud, and a fourth was killed in Landi Kotal.",
            {("Jamrud", 3), ("Landi Kotal", 1)},
            id="a-fourth-elsewhere",
        ),
        pytest.param(
            "A car bomb exploded in Mosul, Iraq, and clashes broke out in Abu Kamal, Syria.",
            {("Mosul", None), ("Abu Kamal", None)},
            id="countries-are-context",
        ),
        pytest.param(
            "A bomb exploded in Peshawar on Tuesday, two days after gunmen killed five policemen "
            "in Mardan.",
            {("Peshawar", None), ("Mardan", 5)},
            id="days-after-an-earlier-event",
        ),
    ],
)
def test_each_event_of_a_sentence_keeps_its_own_place_and_toll(
    text: str, expected: set[tuple[str, int | None]]
) -> None:
    incidents, _ = run(text)
    assert {(place_name(i), deaths(i)) for i in incidents} == expected


# --- trigger verbs --------------------------------------------------------------------------------

TRIGGERS = [
    pytest.param(
        "Pakistani forces shelled border villages in Kunar on Tuesday, killing two children.",
        "Shelling/artillery/missile attack",
        "Kunar",
        2,
        id="shelled",
    ),
    pytest.param(
        "Government jets bombed militant hideouts in Zhob on Tuesday, killing eleven fighters.",
        "Air/drone strike",
        "Zhob",
        11,
        id="jets-bombed",
    ),
    pytest.param(
        "A drone struck a vehicle in Khost on Sunday, killing two men.",
        "Air/drone strike",
        "Khost",
        2,
        id="drone-struck",
    ),
    pytest.param(
        "Two rockets hit a residential area of Jalalabad on Tuesday, wounding four people.",
        "Shelling/artillery/missile attack",
        "Jalalabad",
        None,
        id="rockets-hit",
    ),
    pytest.param(
        "Nine civilians were martyred when militants fired mortars at a village near Khost on "
        "Tuesday.",
        "Shelling/artillery/missile attack",
        "Khost",
        9,
        id="martyred-by-mortars",
    ),
    pytest.param(
        "An explosive device detonated near a police vehicle in Mardan on Tuesday, wounding "
        "three officers.",
        "Remote explosive/landmine/IED",
        "Mardan",
        None,
        id="device-detonated",
    ),
    pytest.param(
        "A landmine blast killed three children in Ghazni on Saturday.",
        "Remote explosive/landmine/IED",
        "Ghazni",
        3,
        id="landmine-blast",
    ),
    pytest.param(
        "A suicide car bomber struck a checkpoint in Kandahar on Monday, killing four soldiers.",
        "Suicide bomb",
        "Kandahar",
        4,
        id="suicide-car-bomber-struck",
    ),
    pytest.param(
        "A grenade wounded eleven people in Mardan on Monday.",
        "Grenade",
        "Mardan",
        None,
        id="grenade-wounded",
    ),
    pytest.param(
        "Gunmen opened fire on worshippers at a mosque in Quetta on Sunday, killing five.",
        "Attack",
        "Quetta",
        5,
        id="opened-fire-on-civilians",
    ),
    pytest.param(
        "Gunmen gunned down a journalist in Peshawar on Monday.",
        "Attack",
        "Peshawar",
        1,
        id="gunned-down",
    ),
    pytest.param(
        "Militants kidnapped six engineers in Zhob on Tuesday.",
        "Abduction/forced disappearance",
        "Zhob",
        None,
        id="kidnapped",
    ),
    pytest.param(
        "Militants torched a girls' school in Chitral on Monday.",
        "Looting/property destruction",
        "Chitral",
        None,
        id="torched",
    ),
]


@pytest.mark.parametrize(("text", "sub_event_type", "town", "killed"), TRIGGERS)
def test_less_common_verbs_still_make_the_event(
    text: str, sub_event_type: str, town: str, killed: int | None
) -> None:
    incident = one(run(text)[0])
    assert incident.sub_event_type == sub_event_type
    assert place_name(incident) == town
    assert deaths(incident) == killed
    assert start(incident) is not None


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        pytest.param(
            "Militants fired on a checkpoint in Ghazni on Monday, killing two policemen.",
            2,
            id="fired-on-police",
        ),
        pytest.param(
            "Three policemen were martyred in an attack in Bannu on Monday.", 3, id="martyred"
        ),
        pytest.param("Two soldiers were killed in Kohat on Monday.", 2, id="were-killed"),
        pytest.param(
            "Security forces killed five militants in an operation in Kohat on Monday.",
            5,
            id="forces-killed-militants",
        ),
    ],
)
def test_fighting_with_security_forces_is_a_battle(text: str, killed: int) -> None:
    incident = one(run(text)[0])
    assert incident.event_type == "Battles"
    assert deaths(incident) == killed


# --- a group's own claim, a doer in a by-phrase, a later operation against the plotters ---------


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        pytest.param(
            "A suicide bomber killed 20 soldiers in Kohat on Monday. The TTP claimed the attack. "
            "Officials blamed Afghanistan for the bombing.",
            "ttp",
            id="state-blamed-after-the-claim",
        ),
        pytest.param(
            "Kabul accused Pakistan of the blast that killed nine people in Khost on Friday. "
            "ISKP claimed responsibility for the blast.",
            "iskp",
            id="blame-before-the-claim",
        ),
    ],
)
def test_a_groups_claim_outweighs_another_partys_blame(text: str, claimant: str) -> None:
    incident = one(run(text)[0])
    assert (incident.perpetrator, incident.attribution) == (claimant, "claimed")


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        pytest.param(
            "A bus carrying pilgrims was attacked by a vehicle-borne suicide bomber in Quetta on "
            "Monday.",
            "Suicide bomb",
            id="hyphenated-doer",
        ),
        pytest.param(
            "A police post in Bannu was attacked by a lone suicide bomber on Monday.",
            "Suicide bomb",
            id="plain-doer",
        ),
    ],
)
def test_a_doer_in_a_by_phrase_gives_the_type(text: str, sub_event_type: str) -> None:
    assert one(run(text)[0]).sub_event_type == sub_event_type


def test_an_operation_against_the_plotters_is_an_event_of_its_own() -> None:
    incidents, _ = run(
        "A suicide bomber killed 14 people at a market in Quetta on 2 May 2023. On 4 May 2023, "
        "police killed the mastermind of the attack in Zhob."
    )
    assert {(place_name(i), start(i)) for i in incidents} == {
        ("Quetta", "2023-05-02"),
        ("Zhob", "2023-05-04"),
    }, describe(incidents)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "A bomb exploded in Shahr-e Naw square in Kabul on Monday, killing six people.",
            id="square-in-town",
        ),
        pytest.param(
            "Gunmen attacked a bank in Shahr-e Naw, Kabul on Monday, killing six people.",
            id="comma-town",
        ),
        pytest.param(
            "Six people were killed when a bomb went off in the Shahr-e Naw neighbourhood in "
            "Kabul on Monday.",
            id="neighbourhood-in-town",
        ),
    ],
)
def test_a_namesake_far_from_the_town_the_text_names_gives_way_to_the_town(text: str) -> None:
    incident = one(run(text)[0])
    assert place_name(incident) == "Kabul", describe([incident])


def test_a_facility_named_like_a_far_namesake_is_in_the_town_the_text_names() -> None:
    incident = one(run("A bomb exploded at the Shahr-e Naw mosque in Kabul on Friday.")[0])
    assert place_name(incident) == "Kabul"


@pytest.mark.parametrize(
    "cause",
    [
        "in revenge for the execution of its leader by Iran",
        "in retaliation for the killing of its commander in an airstrike",
        "to avenge the execution of two of its members",
    ],
)
def test_the_cause_a_claim_gives_is_no_event_of_the_claim(cause: str) -> None:
    incidents, _ = run(
        "A suicide bomber killed 12 people at a mosque in Zaranj on Friday. Jundullah claimed "
        f"responsibility for the bombing {cause}."
    )
    incident = one(incidents)
    assert (incident.perpetrator, incident.attribution) == ("jundullah", "claimed")


@pytest.mark.parametrize(
    ("second", "denier"),
    [
        pytest.param("The Taliban said the attack was staged.", "taliban", id="staged"),
        pytest.param(
            "The Taliban dismissed the reports as a fabrication.", "taliban", id="a-fabrication"
        ),
        pytest.param(
            "The TTP said the bombing was a false flag operation by the army.",
            "ttp",
            id="false-flag-by-someone",
        ),
    ],
)
def test_saying_an_event_was_staged_is_a_denial(second: str, denier: str) -> None:
    incidents, claims = run(f"A bomb killed 12 people in Kabul on Monday. {second}")
    incident = one(incidents)
    denials = [c for c in claims if c.claim_type == "denial"]
    assert [(c.claimant, c.incidents) for c in denials] == [(denier, (incident.id,))]


@pytest.mark.parametrize(
    "second",
    [
        "Responsibility was claimed by the TTP.",
        "Responsibility for the blast was later claimed by the TTP.",
        "The TTP claimed responsibility.",
    ],
)
def test_a_passive_claim_of_responsibility_names_its_claimant(second: str) -> None:
    incident = one(run(f"A bomb killed 12 people in Kohat on Monday. {second}")[0])
    assert (incident.perpetrator, incident.attribution) == ("ttp", "claimed")


def test_calling_another_partys_act_staged_is_no_denial() -> None:
    _, claims = run(
        "ISKP said the Taliban's capture of Kabul on 15 August 2021 was a staged drama directed "
        "by the United States."
    )
    assert not [c for c in claims if c.claim_type == "denial"]


@pytest.mark.parametrize(
    "text",
    [
        "A bomb killed five people in Kunar, Kunar Province, Afghanistan on Monday.",
        "A bomb killed five people in Helmand, Helmand, on Monday.",
    ],
)
def test_one_place_said_twice_in_a_chain_is_one_incident(text: str) -> None:
    assert deaths(one(run(text)[0])) == 5


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        pytest.param(
            "On 3 May 2023, in an offensive code named Operation Swift Strike, the army fired "
            "missiles at a camp in Kunar.",
            "Shelling/artillery/missile attack",
            id="operation-name",
        ),
        pytest.param(
            "In a security operation on Monday, government jets bombed a base in Helmand.",
            "Air/drone strike",
            id="operation-frame",
        ),
    ],
)
def test_an_operation_is_typed_by_what_it_did(text: str, sub_event_type: str) -> None:
    assert one(run(text)[0]).sub_event_type == sub_event_type


def test_the_cause_of_a_strike_is_no_second_event() -> None:
    incidents, _ = run(
        "On Tuesday militants fired rockets at a base in Khost in response to the killing of "
        "their commander by a drone strike."
    )
    assert one(incidents).sub_event_type == "Shelling/artillery/missile attack"


def test_targets_listed_with_as_well_as_are_one_incident_each() -> None:
    incidents, _ = run(
        "On Monday militants fired rockets at a base in Khost as well as another base in Kandahar."
    )
    assert sorted(place_name(i) or "" for i in incidents) == ["Kandahar", "Khost"]


def test_a_name_read_in_part_gives_way_to_the_region_its_chain_names() -> None:
    incident = one(
        run(
            "06/14/2021: An explosive device detonated near a police vehicle in Shahr-e "
            "Naw-e-Kohna village, Kunar province, Afghanistan. Two policemen were killed."
        )[0]
    )
    assert (place_name(incident), incident.geo_precision) == ("Kunar", 2)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen kidnapped two engineers on the road between Kabul and Jalalabad on Monday.",
        "A roadside bomb hit a bus between Kabul and Jalalabad on Monday, killing six.",
    ],
)
def test_an_event_between_two_towns_is_one_incident_near_the_first(text: str) -> None:
    incident = one(run(text)[0])
    assert (place_name(incident), incident.geo_precision) == ("Kabul", 2)


# --- general news: words of attack used of other things ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Tragedy struck the family in Kabul on Monday.", id="tragedy-struck"),
        pytest.param(
            "The new law targets tax evasion in Quetta, officials said on Monday.",
            id="a-law-targets",
        ),
        pytest.param(
            "A phone campaign targeted the mayor of Herat on Monday.", id="a-campaign-targeted"
        ),
        pytest.param(
            "The school in Kandahar received a grant from Target on Monday, Mr. Lynch said.",
            id="names-that-are-words",
        ),
        pytest.param(
            "The incident occurred on Monday in the parking lot of a store in Kabul.",
            id="an-incident-alone",
        ),
        pytest.param(
            "Two deaths were reported in Kabul on Monday as a blizzard buried the city in snow.",
            id="deaths-in-a-blizzard",
        ),
        pytest.param(
            "Police went to a house in Kabul on Monday to execute a search warrant.",
            id="execute-a-warrant",
        ),
        pytest.param("Drivers queued at a gas station in Kabul on Monday.", id="gas-station"),
        pytest.param(
            "The builders in Kabul are shooting for a June opening, they said on Monday.",
            id="shooting-for",
        ),
        pytest.param(
            "Firefighters put out a kitchen fire at a hotel in Kabul on Monday.",
            id="a-fire-at",
        ),
        pytest.param(
            "Two men were arrested in Kabul on Monday on drug charges.", id="arrested-for-drugs"
        ),
        pytest.param(
            "Stars that are very bright are known to explode, a professor in Kabul said on Monday.",
            id="stars-explode",
        ),
        pytest.param(
            "The virus killed nearly 400 people in Kabul in the winter of 2019.", id="a-virus"
        ),
        pytest.param(
            "An earthquake which hit Herat on Monday has killed almost 1,000 people.",
            id="an-earthquake-as-subject",
        ),
        pytest.param("Officials found 4,000 dead birds near Herat on Monday.", id="dead-birds"),
        pytest.param(
            "The prisoner began a hunger strike in Kabul on Monday.", id="a-hunger-strike"
        ),
        pytest.param("A bear escaped from the zoo in Kabul on Monday.", id="an-escape-from-a-zoo"),
        pytest.param(
            "A deal signed in Kabul on Monday ended the diplomatic standoff.",
            id="a-diplomatic-standoff",
        ),
    ],
)
def test_words_of_attack_used_of_other_things_make_no_incident(text: str) -> None:
    incidents, _ = run(text)
    assert incidents == [], describe(incidents)


@pytest.mark.parametrize(
    "text",
    [
        "Militants struck a checkpoint in Zhob on Monday.",
        "A mosque in Kabul was attacked on Monday.",
        "Gunmen targeted a bus in Quetta on Monday.",
        "KABUL (Reuters) - Suicide bombers struck a ministry in Kabul on Monday.",
    ],
)
def test_words_of_attack_with_something_armed_stay_events(text: str) -> None:
    assert len(run(text)[0]) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Sarin gas killed 40 people in a village near Herat on Monday.",
        "A nerve agent killed 12 people in Kabul on Monday.",
    ],
)
def test_a_chemical_agent_as_the_subject_of_a_casualty_verb_is_a_chemical_weapon(
    text: str,
) -> None:
    assert one(run(text)[0]).sub_event_type == "Chemical weapon"


@pytest.mark.parametrize(
    "second",
    [
        "ISKP named the bomber Abu Omar al-Khorasani, one of its soldiers.",
        "ISKP identified the attacker as one of its fighters.",
        "ISKP said the bomber was one of its members.",
    ],
)
def test_a_group_naming_the_attacker_its_own_claims_the_attack(second: str) -> None:
    incident = one(run(f"A suicide bomber killed nine people in Kunduz on Monday. {second}")[0])
    assert (incident.perpetrator, incident.attribution) == ("iskp", "claimed")


def test_a_chain_of_unknown_names_falls_back_to_the_country_it_ends_in() -> None:
    incident = one(
        run(
            "04/17/2021: Militants attacked an army base in Bariire village, Lower Jubba region, "
            "Pakistan. Five soldiers were killed."
        )[0]
    )
    assert (place_name(incident), incident.geo_precision) == ("Pakistan", 3)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Al-Shabaab militants attacked an army base in Kabul on Monday.", "al-shabaab"),
        ("ISWAP fighters ambushed a convoy near Kabul on Monday, killing 12 soldiers.", "iswap"),
        ("JNIM militants abducted three civilians near Kabul on Monday.", "jnim"),
        ("Syrian government jets bombed a market in Kabul on Monday.", "syria"),
    ],
)
def test_groups_and_states_beyond_south_asia_are_named(text: str, actor: str) -> None:
    assert one(run(text)[0]).perpetrator == actor


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("M23 fighters fired mortars at Sake on Tuesday, killing three civilians.", "m23"),
        ("ADF rebels killed nine villagers with machetes near Oicha on Tuesday.", "adf"),
        ("CODECO militiamen raided a camp for displaced people in Djugu, killing 11.", "codeco"),
        ("Abu Sayyaf gunmen ambushed marines in Patikul on Tuesday, killing two.", "abu-sayyaf"),
        (
            "New People's Army guerrillas attacked a police station in Samar on Tuesday, killing "
            "one officer.",
            "npa",
        ),
        ("Lakurawa militants killed 13 farmers in Kebbi on Tuesday.", "lakurawa"),
        ("Hurras al-Din fighters shelled an army post in Idlib on Tuesday.", "hurras-al-din"),
        ("Wagner mercenaries executed 12 villagers near Moura on Tuesday.", "wagner"),
    ],
)
def test_groups_in_congo_the_philippines_nigeria_syria_and_mali_are_named(
    text: str, actor: str
) -> None:
    assert one(run_real(text, "2024-05-08")[0]).perpetrator == actor


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Gunmen killed four soldiers in an ambush in Kathua on Tuesday. The Kashmir Tigers "
            "claimed responsibility for the attack.",
            "kashmir-tigers",
        ),
        (
            "Insurgents beheaded five villagers in Macomia on Tuesday. Islamic State Mozambique "
            "Province claimed the killings.",
            "is-mozambique",
        ),
    ],
)
def test_a_front_or_a_new_province_claims_an_attack(text: str, actor: str) -> None:
    incidents, claims = run_real(text, "2024-05-08")
    assert (one(incidents).perpetrator, one(incidents).attribution) == (actor, "claimed")
    assert (actor, "responsibility") in claim_pairs(claims)


def test_al_shabaab_stays_somalia_s_where_mozambique_s_insurgents_are_named_too() -> None:
    incidents, _ = run_real(
        "Al-Shabaab fighters attacked an army base in Lower Shabelle on Tuesday, killing six "
        "soldiers. The group is not linked to the Mozambican al-Shabaab in Cabo Delgado.",
        "2024-05-08",
    )
    assert one(incidents).perpetrator == "al-shabaab"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("RSF fighters shelled a market in El Obeid on Monday, killing 12 people.", "rsf"),
        ("Sudanese army drones struck a market in Nyala on Monday, killing 20 people.", "sudan"),
        ("ELN rebels attacked a military base in Arauca on Tuesday, killing two soldiers.", "eln"),
        ("FARC dissidents killed three soldiers in an ambush in Cauca on Tuesday.", "farc"),
        (
            "Fighters of the Carlos Patiño front killed two soldiers in Argelia, Cauca, on "
            "Tuesday.",
            "carlos-patino-front",
        ),
        (
            "Clan del Golfo gunmen killed four police officers in Antioquia on Tuesday.",
            "clan-del-golfo",
        ),
        (
            "Fano militias attacked a police station in Gondar on Tuesday, killing six officers.",
            "fano",
        ),
        ("The ENDF shelled a village near Lalibela on Tuesday, killing seven people.", "ethiopia"),
        (
            "PDF fighters ambushed a military convoy in Magway on Tuesday, killing 12 soldiers.",
            "pdf",
        ),
        (
            "The Arakan Army attacked a police outpost in Maungdaw on Tuesday, killing eight "
            "officers.",
            "arakan-army",
        ),
        ("Naxals killed eight DRG jawans in an IED blast in Bijapur on Monday.", "cpi-maoist"),
        (
            "Amba fighters killed two soldiers in an ambush near Bamenda on Tuesday.",
            "ambazonian-separatists",
        ),
        ("BIR soldiers killed five civilians in Buea on Tuesday.", "cameroon"),
        ("Operation Hadin Kai troops killed 20 ISWAP fighters near Bama on Tuesday.", "nigeria"),
        # already in the data; a blind trial reported them lost
        (
            "Houthi fighters attacked a government position in Marib on Tuesday, killing five "
            "soldiers.",
            "houthis",
        ),
        ("BLA militants attacked a checkpoint in Turbat on Tuesday, killing four soldiers.", "bla"),
        ("New People's Army rebels ambushed soldiers in Samar on Tuesday, killing two.", "npa"),
    ],
)
def test_groups_and_forces_of_sudan_colombia_ethiopia_myanmar_india_and_cameroon_are_named(
    text: str, actor: str
) -> None:
    assert one(run_real(text, "2024-05-08")[0]).perpetrator == actor


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "A car bomb killed two soldiers in Cucuta on Tuesday. The National Liberation Army "
            "claimed responsibility for the attack.",
            "eln",
        ),
        (
            "An IED blast killed eight DRG jawans in Bijapur district of Chhattisgarh on Monday. "
            "The PLGA claimed responsibility.",
            "plga",
        ),
        (
            "Gunmen killed two soldiers in Argelia on Tuesday. The Carlos Patiño front of the "
            "Estado Mayor Central claimed responsibility for the attack.",
            "carlos-patino-front",
        ),
    ],
)
def test_a_colombian_group_an_emc_front_or_the_maoists_claim_an_attack(
    text: str, actor: str
) -> None:
    incidents, claims = run_real(text, "2024-05-08")
    assert (one(incidents).perpetrator, one(incidents).attribution) == (actor, "claimed")
    assert (actor, "responsibility") in claim_pairs(claims)


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2023 Kohat was attacked by TTP militants.",
        "Early on Monday, Kohat was targeted by gunmen, police said.",
        "On 3 May 2023, before dawn, the Kohat Cantonment was attacked by ten militants.",
        "The Kohat Cantonment in Khyber Pakhtunkhwa, Pakistan, was attacked by militants on "
        "Monday, and four soldiers were killed.",
    ],
)
def test_a_place_that_is_the_subject_of_a_passive_attack_verb_is_where_it_happened(
    text: str,
) -> None:
    assert place_name(one(run(text)[0])) == "Kohat"


def test_a_place_after_from_is_not_made_the_site_by_a_passive_verb() -> None:
    incident = one(run("Soldiers from Kohat were attacked in Bannu on Monday.")[0])
    assert place_name(incident) == "Bannu"


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Gunmen attacked the Kohat Cantonment on Monday, killing two soldiers.", "Kohat"),
        ("A blast hit Quetta Cantt on Friday, wounding nine people.", "Quetta"),
        ("Militants stormed the Bannu Cantonment in Khyber Pakhtunkhwa on Monday.", "Bannu"),
    ],
)
def test_a_cantonment_is_placed_at_its_town_with_the_real_geoparser(text: str, town: str) -> None:
    incident = one(run_real(text)[0])
    assert (place_name(incident), incident.geo_precision) == (town, 1)


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb on the Kohat–Bannu road killed four soldiers on Monday.",
        "Gunmen ambushed a convoy on the Kohat-Bannu highway on Monday, killing four soldiers.",
    ],
)
def test_a_route_named_by_two_towns_is_one_incident_near_the_first(text: str) -> None:
    incident = one(run(text)[0])
    assert (place_name(incident), incident.geo_precision) == ("Kohat", 2)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "On Monday militants came from across the border in Afghanistan and opened fire on "
            "a checkpost in Chitral, killing four soldiers.",
            "Chitral",
        ),
        (
            "Gunmen who crossed from Afghanistan attacked a border post in Zhob on Monday.",
            "Zhob",
        ),
        (
            "Fighters from across the border in Iran ambushed a patrol near Turbat on Monday.",
            "Turbat",
        ),
    ],
)
def test_the_place_doers_came_from_is_not_where_they_struck(text: str, where: str) -> None:
    assert place_name(one(run(text)[0])) == where


@pytest.mark.parametrize(
    ("text", "hit", "speaker"),
    [
        (
            "A roadside bomb killed three soldiers in Kabul on Monday, officials said.",
            "soldiers",
            "officials",
        ),
        (
            "Gunmen killed two policemen in Kabul on Monday, police told reporters.",
            "policemen",
            "police",
        ),
        (
            "A blast wounded four soldiers in Kabul on Monday, according to local officials.",
            "soldiers",
            "officials",
        ),
    ],
)
def test_who_reports_an_attack_is_not_its_target(text: str, hit: str, speaker: str) -> None:
    incident = one(run(text)[0])
    assert hit in incident.targets and speaker not in incident.targets, incident.targets


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        (
            "A bomb killed five people at a mosque in Kabul on Monday. The Taliban blamed ISKP.",
            "iskp",
        ),
        (
            "Gunmen killed two guards in Kabul on Monday. The Taliban accused ISKP of the raid.",
            "iskp",
        ),
    ],
)
def test_a_blame_in_the_next_sentence_is_about_the_event_before(text: str, accused: str) -> None:
    incidents, claims = run(text)
    incident = one(incidents)
    assert (incident.perpetrator, incident.attribution) == (accused, "alleged")
    assert any(incident.id in c.incidents for c in claims)


def test_a_blame_two_sentences_later_is_not_tied_to_the_event() -> None:
    text = (
        "A bomb killed five people in Kabul on Monday. Schools closed on Tuesday. Markets "
        "reopened later. The Taliban blamed ISKP for years of violence."
    )
    incident = one(run(text)[0])
    assert incident.attribution != "alleged"


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Gunmen shot dead two shopkeepers in Kabul on Monday.", "shopkeepers"),
        (
            "A roadside bomb struck a bus carrying passengers in Kabul on Monday, killing five.",
            "passengers",
        ),
        ("Militants killed three polio workers in Kabul on Monday.", "polio workers"),
        ("A blast killed four tribal elders at a meeting in Kabul on Monday.", "tribal elders"),
    ],
)
def test_the_victims_acled_and_gtd_name_are_targets(text: str, hit: str) -> None:
    incident = one(run(text)[0])
    assert hit in incident.targets, incident.targets


# --- the aftermath of an event: where the victims were taken, who was arrested, running totals --


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked a checkpoint in Bannu on Monday, killing two soldiers. Five wounded "
        "soldiers were shifted to a military hospital in Peshawar.",
        "A bomb exploded at a market in Zhob on Monday, killing four. The injured were airlifted "
        "to Quetta.",
        "Gunmen shot dead a tribal elder in Chitral on Monday. He was buried in Mardan on Tuesday.",
        "A grenade attack in Charsadda on Monday wounded six people, who were rushed to Lady "
        "Reading Hospital in Peshawar.",
    ],
)
def test_where_the_victims_were_taken_is_no_place_of_the_event(text: str) -> None:
    incidents, _ = run(text)
    assert len(incidents) == 1, describe(incidents)
    assert place_name(incidents[0]) not in ("Peshawar", "Quetta", "Mardan")


@pytest.mark.parametrize(
    ("text", "town", "killed"),
    [
        (
            "A bomb exploded at a market in Zhob on Monday, killing four. Two of the injured "
            "later died in Quetta hospital, bringing the toll to six.",
            "Zhob",
            6,
        ),
        (
            "Militants ambushed a convoy near Bannu on Monday, killing two soldiers. Three "
            "wounded soldiers were evacuated to Combined Military Hospital, Peshawar, where "
            "their condition is stable.",
            "Bannu",
            2,
        ),
        (
            "Gunmen killed two policemen in Kohat on Monday. A third policeman died of his wounds "
            "at Peshawar's Lady Reading Hospital on Tuesday.",
            "Kohat",
            3,
        ),
    ],
)
def test_a_hospital_named_by_its_town_is_no_place_of_the_event(
    text: str, town: str, killed: int
) -> None:
    incident = one(run(text)[0])
    assert (place_name(incident), deaths(incident)) == (town, killed)


@pytest.mark.parametrize(
    "text",
    [
        "A suicide bomber killed nine policemen in Mastung on Monday. The slain policemen were "
        "laid to rest on Tuesday.",
        "Gunmen killed three soldiers in Sibi on Monday. Their wounded colleagues were "
        "evacuated on Tuesday.",
    ],
)
def test_victims_named_by_a_participle_are_no_new_event(text: str) -> None:
    incidents, _ = run(text)
    assert len(incidents) == 1, describe(incidents)


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb killed six passengers in Jalalabad on Monday. Police later arrested "
        "three suspects in connection with the bombing.",
        "A suicide bomber killed 20 worshippers at a mosque in Kunduz on Monday. Two men were "
        "detained on Wednesday over the attack.",
        "Gunmen killed a judge in Quetta on Monday. Security forces arrested four men for their "
        "role in the killing.",
    ],
)
def test_arrests_over_an_event_told_are_part_of_it(text: str) -> None:
    incidents, _ = run(text)
    incident = one(incidents)
    assert incident.event_type != "Strategic developments"
    assert len(incident.sources) == 2


def test_arrests_of_their_own_stay_an_event() -> None:
    # guard: an arrest with no earlier event in the report is a strategic development (ACLED)
    incident = one(run("Police arrested three ISKP militants in Jalalabad on Monday.")[0])
    assert (incident.event_type, incident.sub_event_type) == ("Strategic developments", "Arrests")


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        (
            "A bomb killed five soldiers in Zhob on Monday. The insurgency in the province has "
            "killed more than 3,000 people since 2006.",
            5,
        ),
        (
            "Gunmen killed two policemen in Bannu on Monday. More than 200 policemen have been "
            "killed in the province so far this year.",
            2,
        ),
        (
            "A mortar shell killed four children in Asadabad on Monday. The war has left tens of "
            "thousands dead over the past decade.",
            4,
        ),
    ],
)
def test_a_running_total_is_no_toll_of_the_event(text: str, toll: int) -> None:
    incidents, _ = run(text)
    assert len(incidents) == 1, describe(incidents)
    assert deaths(incidents[0]) == toll


def test_a_death_since_the_event_counts_for_it() -> None:
    # dated by the event ("since Monday's blast"), a later death is part of its toll, not a sum
    # over a period nor an event of its own
    text = (
        "A bomb wounded ten people in Zhob on Monday. Two people have died since Monday's "
        "blast, officials said."
    )
    incident = one(run(text)[0])
    assert deaths(incident) == 2


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (
            "Russian missiles struck a power plant in Kabul on Monday, killing two workers.",
            "russia",
        ),
        ("Pakistani shelling killed three civilians in Asadabad on Monday.", "pakistan"),
        ("Iranian rockets hit a border post in Zaranj on Monday.", "iran"),
    ],
)
def test_a_states_adjective_before_the_weapon_names_who_fired(text: str, state: str) -> None:
    incident = one(run(text)[0])
    assert incident.perpetrator == state


@pytest.mark.parametrize(
    "text",
    [
        "Afghan villagers attacked a police post in Herat on Monday.",
        "A rocket hit a base in Herat on Monday.",
        "Pakistani militants attacked a checkpoint in Zhob on Monday.",
    ],
)
def test_a_demonym_of_the_doers_is_no_state(text: str) -> None:
    # guard: only a state's adjective on the weapon or fire names the state
    incident = one(run(text)[0])
    assert incident.perpetrator not in ("afghanistan", "pakistan")


# --- a wire dateline's date is the day the story was filed: its weekdays count from it ---------


@pytest.mark.parametrize(
    ("text", "event_day"),
    [
        (
            "KABUL, April 29 (Reuters) - A suicide bomber killed 12 people at a mosque in Kabul "
            "on Thursday, officials said.",
            "2023-04-27",
        ),
        (
            "PESHAWAR, May 2: Gunmen killed two policemen in Peshawar yesterday, police said.",
            "2023-05-01",
        ),
        (
            "JALALABAD, May 3 (AP) — A roadside bomb killed six passengers in Jalalabad on "
            "Tuesday night.",
            "2023-05-02",
        ),
    ],
)
def test_a_dateline_date_is_the_reference_not_the_event_day(text: str, event_day: str) -> None:
    incident = one(run(text)[0])  # the report's declared date is 2023-05-04
    assert start(incident) == event_day


def test_a_dateline_alone_dates_the_lead_event_as_inferred() -> None:
    incident = one(run("QUETTA, May 3 (AFP) - A bomb killed four soldiers in Quetta.")[0])
    assert (start(incident), incident.when.inferred) == ("2023-05-03", True)


@pytest.mark.parametrize(
    ("text", "event_day", "inferred"),
    [
        (
            "Afghanistan: gunmen kill 12 in Ghazni\n\nKABUL, March 10, 2026 (AFP) - Gunmen killed"
            " 12 people in an attack on a village in Ghazni province, police told AFP on Tuesday."
            "\n\nDozens of fighters stormed the village in Ghazni on Sunday night, a police"
            " officer said.",
            "2026-03-08",
            False,
        ),
        (
            "Traders killed\n\nQUETTA, 4 May 2026 – Gunmen killed five traders at a market in"
            " Quetta on Saturday, witnesses said.",
            "2026-05-02",
            False,
        ),
        (
            "Ghazni attack\n\nKABUL, March 10, 2026 (AFP) - Gunmen killed 12 people in an attack"
            " on a village in Ghazni province, police said.",
            "2026-03-10",
            True,
        ),
    ],
)
def test_an_undated_reports_own_dateline_is_its_date_not_the_events(
    text: str, event_day: str, inferred: bool
) -> None:
    incident = one(run(text, None)[0])
    assert (start(incident), incident.when.inferred) == (event_day, inferred)


def test_a_dateline_long_before_the_report_is_not_its_reference() -> None:
    # guard: a story republished two months later keeps the report date as reference; its
    # dateline day is then an ordinary date phrase
    text = "KABUL, March 2 (Reuters) - A bomb killed four soldiers in Kabul, officials said."
    incident = one(run(text)[0])
    assert start(incident) == "2023-03-02"


@pytest.mark.parametrize(
    ("text", "where", "precision"),
    [
        ("Gunmen attacked a checkpoint at Zarghun Shahr, in Nangarhar, on Monday.", "Nangarhar", 2),
        ("Militants ambushed a convoy near Sra Qala village in Kunar on Monday.", "Kunar", 2),
        ("Gunmen attacked a checkpoint in Nangarhar on Monday.", "Nangarhar", 3),
        ("Gunmen stormed a wedding hall at the Serena Hotel, in Kabul, on Monday.", "Kabul", 1),
    ],
)
def test_an_unknown_site_in_a_named_area_is_part_of_the_area(
    text: str, where: str, precision: int
) -> None:
    # ACLED: an event at a site the gazetteer lacks, in a district or province, is coded at
    # the area with geo_precision 2; an area named alone is 3; a town is 1
    incident = one(run(text)[0])
    assert (place_name(incident), incident.geo_precision) == (where, precision)


@pytest.mark.parametrize(
    "opening", ["Hours later", "Later that day", "The same night", "Moments later"]
)
def test_a_second_event_the_same_day_takes_the_day_last_stated(opening: str) -> None:
    text = (
        "A suicide bomber killed 12 people in Kabul on Monday. "
        f"{opening}, militants ambushed a convoy in Kunar, killing four soldiers."
    )
    incidents, _ = run(text)
    assert len(incidents) == 2, describe(incidents)
    assert [start(i) for i in incidents] == ["2023-05-01", "2023-05-01"]


@pytest.mark.parametrize(
    ("text", "district"),
    [
        (
            "The Kunduz massacre was a mass murder that occurred on Monday, when a soldier "
            "murdered 12 civilians in the Imam Sahib District of Kunduz Province.",
            "Imām Şāḩib",
        ),
        (
            "The Herat bombing happened on Monday, when a suicide bomber killed six people in "
            "the Guzara District of Herat Province.",
            "Guz̄arah",
        ),
    ],
)
def test_an_event_named_by_its_province_is_told_by_its_district(text: str, district: str) -> None:
    # "the Kunduz massacre" names the event by the province's seat; the district the text
    # states is where it happened (ACLED geo_precision 2), and it is one event
    incidents, _ = run_real(text)
    incident = one(incidents)
    assert (place_name(incident), incident.geo_precision) == (district, 2)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "The Kabul attack was a suicide bombing in Afghanistan on Monday that killed 20.",
            "Kabul",
        ),
        (
            "The Uri attack was an assault on an army camp near Uri in Jammu and Kashmir on "
            "Monday that killed 19 soldiers.",
            "Uri",
        ),
    ],
)
def test_a_coarser_place_does_not_replace_the_events_name(text: str, where: str) -> None:
    # guard: a province or country stated beside an event named by its town says less
    incident = one(run_real(text)[0])
    assert place_name(incident) == where


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Gunmen attacked a mosque in Kabul and a school in Jalalabad on Monday.",
            ["Kabul", "Jalalabad"],
        ),
        (
            "Militants stormed a police post in Zhob and another checkpoint near Sibi on Monday.",
            ["Zhob", "Sibi"],
        ),
        # guard: a second verb's place is not a second target's
        (
            "Gunmen attacked a checkpoint in Kabul on Monday and the attackers escaped to "
            "Jalalabad.",
            ["Kabul"],
        ),
    ],
)
def test_targets_coordinated_with_their_own_places_are_one_incident_each(
    text: str, places: list[str]
) -> None:
    incidents, _ = run(text)
    assert [place_name(i) for i in incidents] == places
    assert all(start(i) == "2023-05-01" for i in incidents)


@pytest.mark.parametrize(
    ("text", "dead", "attackers"),
    [
        (
            "Gunmen attacked a checkpoint in Kabul on Monday. Four soldiers and all three "
            "attackers were killed.",
            4,
            3,
        ),
        (
            "Gunmen attacked a checkpoint in Kabul on Monday. Three attackers and four soldiers "
            "were killed.",
            4,
            3,
        ),
        ("A bomb hit a van in Kabul on Monday, killing three teachers and their driver.", 4, None),
    ],
)
def test_victims_listed_together_are_counted_apart_from_attackers(
    text: str, dead: int, attackers: int | None
) -> None:
    incident = one(run(text)[0])
    got = incident.attackers_killed.best if incident.attackers_killed else None
    assert (deaths(incident), got) == (dead, attackers)


def test_a_nominal_killing_gives_its_toll() -> None:
    text = (
        "Gunmen attacked a base in Kabul on Monday. The attack resulted in the killing of eight "
        "soldiers and injuries to 40 others."
    )
    incident = one(run(text)[0])
    assert (deaths(incident), hurt(incident)) == (8, 40)


@pytest.mark.parametrize("verb", ["raising", "taking", "pushing", "bringing"])
def test_a_toll_raised_to_a_figure_is_the_revised_toll(verb: str) -> None:
    text = (
        "Gunmen attacked a base in Kabul on Monday, killing three soldiers. Two more soldiers "
        f"died in hospital on Tuesday, {verb} the death toll to five."
    )
    assert deaths(one(run(text)[0])) == 5


def test_the_killing_that_caused_an_attack_is_no_toll_of_it() -> None:
    # guard: a gerund's object counts only as what the event resulted in
    text = (
        "Militants fired rockets at a base in Kabul on Monday in response to the killing of "
        "their commander Abdul Rahim Khan by a drone strike."
    )
    assert deaths(one(run(text)[0])) is None


@pytest.mark.parametrize(
    "statement",
    [
        "A government spokesman, speaking in Islamabad, condemned the bombing.",
        "The minister said in Islamabad that the bombing was cowardly.",
        "Speaking from Islamabad, the interior minister called the bombing an outrage.",
    ],
)
def test_where_a_statement_was_made_is_no_second_event(statement: str) -> None:
    text = f"A suicide bomber killed 12 people at a market in Kabul on Monday. {statement}"
    incident = one(run(text)[0])
    assert place_name(incident) == "Kabul"


@pytest.mark.parametrize("marker", ["- ", "• ", "* ", "2) ", "b) "])
def test_a_list_items_marker_is_not_its_first_word(marker: str) -> None:
    text = (
        "Claims this week:\n"
        f"{marker}ISKP claimed a suicide bombing at a market in Kabul on Monday that killed 12 "
        "people."
    )
    incidents, claims = run(text)
    incident = one(incidents)
    assert (incident.perpetrator, incident.attribution) == ("iskp", "claimed")
    assert ("iskp", "responsibility") in claim_pairs(claims)


@pytest.mark.parametrize(
    ("claim", "claimant"),
    [
        ("JNIM claimed the attack on Tuesday, saying it had killed over 60 soldiers.", "jnim"),
        (
            "The Taliban claimed responsibility, claiming that its fighters had killed 40 "
            "soldiers.",
            "taliban",
        ),
    ],
)
def test_a_claimants_account_is_no_second_event_and_not_the_toll(claim: str, claimant: str) -> None:
    text = f"Gunmen attacked an army base in Kabul on Monday, killing 12 soldiers. {claim}"
    incidents, claims = run(text)
    incident = one(incidents)
    assert (place_name(incident), deaths(incident)) == ("Kabul", 12)
    assert (claimant, "responsibility") in claim_pairs(claims)


def test_a_claimants_figure_counts_when_the_report_gives_none() -> None:
    text = (
        "ISKP claimed responsibility for an attack on a base in Kabul on Monday, saying its "
        "fighters killed 20 soldiers."
    )
    assert deaths(one(run(text)[0])) == 20


def test_what_a_speaker_adds_is_a_clause_of_its_own() -> None:
    # the attack stays itself when the speaker adds an arrest; before, the arrest took it over
    text = (
        "Gunmen attacked an army base in Kabul on Monday, killing 12 soldiers, police said, "
        "adding that they had arrested two suspects."
    )
    incidents, _ = run(text)
    assert ("Kabul", 12) in [(place_name(i), deaths(i)) for i in incidents], describe(incidents)


@pytest.mark.parametrize(
    "later",
    [
        "Two civilians also died.",
        "Two more soldiers died in hospital on Tuesday.",
        "Another two soldiers died of their wounds.",
    ],
)
def test_a_toll_that_adds_to_the_first_is_summed(later: str) -> None:
    text = f"Gunmen attacked a checkpoint in Kabul on Monday, killing four soldiers. {later}"
    incident = one(run(text)[0])
    assert (deaths(incident), start(incident)) == (6, "2023-05-01")


def test_a_restated_toll_is_not_summed() -> None:
    # the same figure told again is the same figure; and "the ministry said" names a speaker,
    # not the venue (it had kept the restatement apart as a second attack)
    text = (
        "Gunmen attacked a checkpoint in Kabul on Monday, killing four soldiers. Four soldiers "
        "died in the attack, the ministry said."
    )
    assert deaths(one(run(text)[0])) == 4


@pytest.mark.parametrize(
    "claim",
    ["The BLA later claimed the ambush.", "The BLA claimed the attack on Tuesday night."],
)
def test_a_claimed_noun_refers_to_the_event_told_whatever_its_word(claim: str) -> None:
    text = (
        "Rebels detonated a bomb against an army truck in Zhob on Monday, killing two soldiers. "
        f"{claim}"
    )
    incidents, claims = run(text)
    incident = one(incidents)
    assert (incident.sub_event_type, incident.perpetrator) == (
        "Remote explosive/landmine/IED",
        "bla",
    )
    assert ("bla", "responsibility") in claim_pairs(claims)


@pytest.mark.parametrize(
    "detail",
    [
        "The attackers, who came on motorbikes, also set fire to a market and homes.",
        "They also torched several shops before fleeing.",
    ],
)
def test_property_burned_in_an_attack_is_part_of_it(detail: str) -> None:
    text = f"Gunmen attacked a village near Sibi on Monday, killing six people. {detail}"
    incident = one(run(text)[0])
    assert (place_name(incident), deaths(incident)) == ("Sibi", 6)


def test_property_destroyed_elsewhere_is_an_event_of_its_own() -> None:
    # guard: a place of its own makes it another event
    text = (
        "Gunmen attacked a village near Sibi on Monday, killing six people. In Zhob, rioters "
        "torched several shops on Tuesday."
    )
    assert len(run(text)[0]) == 2


@pytest.mark.parametrize(
    "detail",
    [
        "The militants fired at the vehicle and hurled grenades before escaping.",
        "They opened fire on the soldiers and detonated a bomb as they withdrew.",
        "Several houses were set on fire.",
    ],
)
def test_how_the_event_went_is_part_of_it(detail: str) -> None:
    text = (
        f"Militants ambushed an army vehicle near Kabul on Monday, killing four soldiers. {detail}"
    )
    incident = one(run(text)[0])
    assert (place_name(incident), deaths(incident)) == ("Kabul", 4)


def test_the_doers_next_attack_elsewhere_is_another_event() -> None:
    # guard: a place and a day of its own make it another event
    text = (
        "Gunmen attacked a checkpoint in Kabul on Monday. The militants then stormed a school in "
        "Jalalabad on Tuesday."
    )
    assert [place_name(i) for i in run(text)[0]] == ["Kabul", "Jalalabad"]


@pytest.mark.parametrize(
    "later",
    [
        "Two of them died on Tuesday.",
        "Two of the wounded later died in hospital.",
        "Two people later died of their wounds.",
    ],
)
def test_deaths_among_the_wounded_add_to_the_toll(later: str) -> None:
    text = f"A bomb killed three people in Zhob on Monday and wounded ten. {later}"
    assert deaths(one(run(text)[0])) == 5


def test_a_partitive_without_a_casualty_verb_is_no_toll() -> None:
    # guard: "two of them were children" says who the dead were, not that more died
    text = "A bomb killed 12 people in Zhob on Monday. Two of them were children."
    assert deaths(one(run(text)[0])) == 12


@pytest.mark.parametrize(
    ("blame", "group"),
    [
        ("Police blamed the TTP.", "ttp"),
        ("Officials suspect ISKP.", "iskp"),
        (
            "Provincial authorities accused the BLA, saying the group had threatened the market.",
            "bla",
        ),
    ],
)
def test_a_bare_blame_by_a_speaker_we_do_not_track_names_the_alleged_doer(
    blame: str, group: str
) -> None:
    incident = one(run(f"A bomb killed five people in Zhob on Monday. {blame}")[0])
    assert (incident.perpetrator, incident.attribution) == (group, "alleged")


def test_a_blame_far_from_the_event_or_outweighed_by_a_claim() -> None:
    # guards: two sentences away it is no longer about the event; a group's own claim outweighs
    far = (
        "A bomb killed five in Zhob on Monday. Markets closed. Schools closed. Police blamed the "
        "TTP."
    )
    assert one(run(far)[0]).perpetrator is None
    claimed = (
        "A bomb killed five in Zhob on Monday. ISKP claimed the attack. Police blamed the TTP."
    )
    assert one(run(claimed)[0]).perpetrator == "iskp"


# --- a count of more people is no hedge; a statement's day is not the event's ----------------


@pytest.mark.parametrize(
    "separate",
    [
        "Two more people were killed in Jalalabad on Tuesday.",
        "In a separate attack on Tuesday, two more people were killed in Jalalabad.",
        "Three more policemen were shot dead in Jalalabad on Tuesday.",
        "Another 12 people were killed in Jalalabad on Tuesday.",
    ],
)
def test_more_victims_with_a_place_and_day_of_their_own_are_another_incident(
    separate: str,
) -> None:
    # "more" before the count was read as a hedge of the future ("more attacks to come"), so
    # the second event was dropped
    text = f"Militants killed four soldiers in Kabul on Monday. {separate}"
    found = sorted((place_name(i), start(i)) for i in run(text)[0])
    assert found == [("Jalalabad", "2023-05-02"), ("Kabul", "2023-05-01")]


@pytest.mark.parametrize(
    ("later", "toll"),
    [
        ("Two more soldiers were killed in the attack, officials said on Tuesday.", 6),
        ("Another two soldiers were killed in the attack.", 6),
        ("Another soldier was killed in the assault.", 5),
    ],
)
def test_more_victims_of_the_event_told_add_to_its_toll(later: str, toll: int) -> None:
    text = f"Militants stormed a checkpoint in Kabul on Monday, killing four soldiers. {later}"
    incident = one(run(text)[0])
    assert (deaths(incident), start(incident)) == (toll, "2023-05-01")


@pytest.mark.parametrize(
    "threat",
    [
        "The Taliban vowed more attacks in Kabul.",
        "The group warned that more killings in Kabul would follow.",
    ],
)
def test_more_attacks_to_come_are_no_incident(threat: str) -> None:
    assert run(threat)[0] == []


@pytest.mark.parametrize(
    "toll",
    [
        "Twelve people were killed, police said on Tuesday.",
        "Twelve people were killed in the blast, police said on Tuesday.",
        "The blast killed twelve people, a police spokesman told reporters late on Tuesday.",
        "The explosion killed twelve people, the ministry said in a statement on Tuesday.",
    ],
)
def test_the_day_a_toll_was_told_is_not_another_event(toll: str) -> None:
    # the statement's day was read as the event's, which split the toll off as a second event
    text = f"A bomb exploded at a market in Kabul on Monday. {toll}"
    incident = one(run(text)[0])
    assert (place_name(incident), start(incident), deaths(incident)) == (
        "Kabul",
        "2023-05-01",
        12,
    )


def test_the_day_of_a_statement_dates_an_event_that_gives_none() -> None:
    # the statement's day is the latest the event can be: it dates the event, inferred, and a
    # day of the event's own told later is taken instead
    alone = one(run("Gunmen killed four soldiers in Kabul, officials said on Tuesday.")[0])
    assert (start(alone), alone.when.inferred) == ("2023-05-02", True)
    text = (
        "Gunmen killed four soldiers in Kabul, officials said on Tuesday. The attack took place "
        "late on Monday at a checkpoint."
    )
    assert start(one(run(text)[0])) == "2023-05-01"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (  # guard: a condemnation's object keeps its own day
            "The African Union condemned the attack perpetrated on the night of 1 to 2 May by"
            " gunmen against a checkpoint in Ghazni.",
            "2023-05-01",
        ),
        (
            "The Taliban claimed the ambush carried out on Monday near Ghazni, in which four"
            " soldiers were killed.",
            "2023-05-01",
        ),
        (
            "The UN condemned the bombing that took place on Tuesday at a market in Quetta.",
            "2023-05-02",
        ),
        # guard: with nothing between, the day is the claim's
        (
            "The Taliban claimed the ambush on Monday near Ghazni, in which four soldiers died.",
            None,
        ),
    ],
)
def test_a_day_told_with_the_event_claimed_or_condemned_is_its_own(
    text: str, day: str | None
) -> None:
    assert start(one(run(text)[0])) == day


def test_an_event_dated_after_a_statement_on_another_is_its_own() -> None:
    # guard: a bound is a latest day; an event told with its own later day stays apart
    text = (
        "Gunmen killed four soldiers in Kabul, officials said on Monday. Militants attacked a "
        "checkpoint in Kabul on Wednesday."
    )
    assert sorted(start(i) for i in run(text)[0]) == ["2023-05-01", "2023-05-03"]


# --- the setting an incident log or a dateline states apart from the event ------------------


def test_a_records_location_and_date_fields_set_its_event() -> None:
    # each record's event took the document's province and no day, and the two merged
    text = (
        "Location: Turbat, Balochistan, Pakistan. Date: 2 May 2023. Gunmen shot dead five "
        "labourers.\n\n"
        "Location: Zhob, Balochistan. Date: 3 May 2023. A roadside bomb killed two soldiers."
    )
    found = sorted((place_name(i), start(i), deaths(i)) for i in run(text)[0])
    assert found == [("Turbat", "2023-05-02", 5), ("Zhob", "2023-05-03", 2)]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            "The incident occurred in the town of Tal Afar, in Nineveh province. On 1 May 2023, "
            "gunmen killed three policemen.",
            ("Tal Afar", "2023-05-01"),
        ),
        (
            "The incident took place in Sibi, Balochistan. Unidentified gunmen shot dead two "
            "teachers on Tuesday.",
            ("Sibi", "2023-05-02"),
        ),
    ],
)
def test_a_scene_sentence_sets_the_event_told_after_it(
    record: str, expected: tuple[str, str]
) -> None:
    incident = one(run(record)[0])
    assert (place_name(incident), start(incident), incident.geo_precision) == (*expected, 1)


@pytest.mark.parametrize(
    "story",
    [
        "Quetta, May 3 (Reuters) - A bomb exploded at a market on Wednesday, killing 12 people.",
        "Peshawar: Gunmen shot dead a policeman near a checkpoint on Tuesday.",
        "Karachi, 2 May 2023 - A grenade attack on a bus killed three people.",
    ],
)
def test_an_event_with_no_place_of_its_own_is_near_its_dateline(story: str) -> None:
    incident = one(run(story)[0])
    assert incident.place is not None and story.startswith(incident.place.name)
    assert (incident.geo_precision, incident.place_inferred) == (2, True)
    assert "dateline" in incident.location_text


def test_an_all_caps_wire_dateline_places_its_event() -> None:
    text = "KABUL (Reuters) - A suicide bomber killed six people at a mosque on Friday."
    assert place_name(one(run_real(text)[0])) == "Kabul"


def test_the_events_own_place_beats_the_dateline() -> None:
    # guard: the dateline is where the report was filed
    text = "Kabul, May 3 (Reuters) - A bomb exploded in Jalalabad on Wednesday, killing 12."
    incident = one(run(text)[0])
    assert (place_name(incident), incident.geo_precision) == ("Jalalabad", 1)


def test_a_place_that_opens_a_sentence_is_no_dateline() -> None:
    # guard: "Kabul has ..." is the subject of a sentence, not a dateline
    text = "Kabul has seen many attacks this year. A bomb exploded at a market on Wednesday."
    incident = one(run(text)[0])
    assert "dateline" not in incident.location_text


def test_an_incident_logs_later_days_are_not_after_its_first_dateline() -> None:
    # the first record's dateline became the report date, and the later records' days were set
    # aside as "after the report"
    text = (
        "MOGADISHU, 1 May 2023 - Gunmen stormed a hotel, killing nine people.\n\n"
        "3 May 2023: A roadside bomb killed two soldiers in Kismayo."
    )
    found = sorted((start(i), deaths(i)) for i in run_real(text)[0])
    assert found == [("2023-05-01", 9), ("2023-05-03", 2)]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            "3 May 2023. Zhob, Balochistan. Unknown assailants threw a grenade at a police post, "
            "killing one policeman.",
            ("Zhob", "2023-05-03", 1),
        ),
        (
            "Quetta (Balochistan), 2 May 2023 - Gunmen killed three policemen at a checkpoint.",
            ("Quetta", "2023-05-02", 2),
        ),
    ],
)
def test_a_records_place_line_or_bracketed_dateline_sets_its_event(
    record: str, expected: tuple[str, str, int]
) -> None:
    incident = one(run(record)[0])
    assert (place_name(incident), start(incident), incident.geo_precision) == expected


def test_a_lower_case_dateline_places_its_record() -> None:
    text = (
        "kunduz, 19 march 2023: a magnetic bomb attached to a car exploded, wounding four.\n\n"
        "peshawar, 2 may 2023: a grenade attack on a polio team killed one policeman."
    )
    found = [(place_name(i), start(i)) for i in run_real(text)[0]]
    assert found == [("Kunduz", "2023-03-19"), ("Peshawar", "2023-05-02")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a type word closes a link of the chain before the trigger
        (
            "Militants triggered a blast in Mastung district, Balochistan, killing five people.",
            ("Mastung", 1),
        ),
        # an unknown village as the object of a verb of attack, in a district the gazetteer has
        ("Gunmen raided Kili Shah village, Zhob, on Monday, killing nine people.", ("Zhob", 2)),
        # an unknown site named by its feature word
        (
            "A rocket hit a police post near the Kandi dam, Zhob, on Monday, killing two "
            "policemen.",
            ("Zhob", 2),
        ),
        # "off" a coastal town: near it
        (
            "Gunmen attacked a fishing boat off Karachi on Monday, killing two fishermen.",
            ("Karachi", 2),
        ),
    ],
)
def test_a_chain_or_an_unknown_site_falls_back_to_the_place_the_gazetteer_has(
    sentence: str, expected: tuple[str, int]
) -> None:
    incident = one(run(sentence)[0])
    assert (place_name(incident), incident.geo_precision) == expected


@pytest.mark.parametrize("people", ["Rebels", "Guerrillas", "Militiamen"])
def test_people_of_a_group_before_the_verb_name_the_perpetrator(people: str) -> None:
    text = (
        f"{people} of the BLA ambushed an army patrol in Turbat on Tuesday, killing two soldiers."
    )
    assert one(run(text)[0]).perpetrator == "bla"


@pytest.mark.parametrize(
    ("log", "expected"),
    [
        ("Militants ambushed a checkpoint in Zhob on Monday; 4 Taliban killed.", (None, 4, None)),
        (
            "Gunmen attacked a post in Zhob on Monday. 3 police killed, 2 police wounded.",
            (None, 3, 2),
        ),
        ("An IED hit a military vehicle in Zhob on Monday. 2x soldiers KIA, 3x WIA.", (None, 2, 3)),
        ("Troops raided a hideout in Zhob on Monday. 12 TTP killed.", (None, 12, None)),
    ],
)
def test_a_logs_shorthand_toll_counts_and_names_no_doer(
    log: str, expected: tuple[str | None, int, int | None]
) -> None:
    # "4 Taliban killed" was read as the Taliban killing, with no toll
    incident = one(run(log)[0])
    assert (incident.perpetrator, deaths(incident), hurt(incident)) == expected


def test_a_counted_group_that_kills_is_still_the_doer() -> None:
    # guard: "Two Taliban killed four soldiers" has an object: the Taliban did it
    incident = one(run("Two Taliban killed four soldiers in Zhob on Monday.")[0])
    assert (incident.perpetrator, deaths(incident)) == ("taliban", 4)


@pytest.mark.parametrize(
    "sentence",
    [
        "An IED hit a military vehicle in Zhob on Monday.",
        "A landmine hit a police van in Zhob on Monday.",
    ],
)
def test_a_weapon_that_hits_is_an_explosion(sentence: str) -> None:
    # "An IED hit" was read as the noun "a hit" after a name, and no event was made
    incident = one(run(sentence)[0])
    assert (incident.sub_event_type, place_name(incident)) == (
        "Remote explosive/landmine/IED",
        "Zhob",
    )


@pytest.mark.parametrize(
    "background",
    [
        "Violence linked to al Qaeda and Islamic State affiliates has killed thousands of people "
        "across Balochistan.",
        "The group pledged allegiance to no one in 2019 and has killed thousands of civilians in "
        "Quetta and Zhob.",
        "Fighting between the army and the BLA has rocked Balochistan since August 2022.",
        "The two groups have been fighting for control of smuggling routes near Zhob since "
        "January 2022.",
        "Sporadic clashes continue in Zhob.",
        "ASSESSMENT: IED threat on the Quetta-Zhob road remains HIGH.",
    ],
)
def test_a_course_of_violence_or_an_assessment_is_no_incident(background: str) -> None:
    # each was an incident of its own (one with 1,000 dead) in a blind trial's reports
    assert run(background)[0] == []


@pytest.mark.parametrize(
    ("first", "second"),
    [("Balochistan", "Khyber Pakhtunkhwa"), ("## Balochistan", "## Khyber Pakhtunkhwa:")],
)
def test_an_item_with_no_known_place_is_in_its_sections_region(first: str, second: str) -> None:
    # a digest's items under a region's heading: the village the gazetteer lacks is in that
    # region, not in the report's focus (or the next section's region)
    text = (
        f"Weekly security digest\n\n{first}\n\nMilitants attacked a checkpoint in Quetta on"
        " Monday, killing two soldiers.\n\nGunmen ambushed a convoy near Gwadarkot village on"
        f" Tuesday, killing three guards.\n\n{second}\n\nA bomb exploded near a police station"
        " in Bannu on Wednesday, killing four policemen.\n\nGunmen shot dead a tribal elder"
        " near Spinwam village on Thursday."
    )
    assert [(place_name(i), i.geo_precision) for i in run(text)[0]] == [
        ("Quetta", 1),
        ("Balochistan", 3),
        ("Bannu", 1),
        ("Khyber Pakhtunkhwa", 3),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Hundreds of women staged a sit-in in Quetta on Monday, demanding the arrest of those"
            " behind the killing.",
            ("Protests", "Peaceful protest"),
        ),
        (
            "Thousands took to the streets of Quetta on Friday to denounce the killings.",
            ("Protests", "Peaceful protest"),
        ),
        (
            "A mob set fire to eight vacant houses in Quetta on Sunday night.",
            ("Riots", "Mob violence"),
        ),
        # what the protest is against is no event of its own
        (
            "Dozens of residents gathered in front of the governor's house in Quetta on Monday to"
            " protest against the repeated killings and kidnappings in the area.",
            ("Protests", "Peaceful protest"),
        ),
    ],
)
def test_protests_and_riots_are_acleds_own_event_types(text: str, kind: tuple[str, str]) -> None:
    # a sit-in was an arrest ("demanding the arrest"), a mob's arson a looting
    incident = one(run(text)[0])
    assert (incident.event_type, incident.sub_event_type) == kind


@pytest.mark.parametrize(
    "text",
    [
        "A suicide bombing took place in Lahore on Monday, where pharmacists were holding a"
        " protest, killing 18 people.",
        "Riot police fired tear gas in Quetta on Monday.",
    ],
)
def test_a_protest_as_an_attacks_setting_or_riot_police_are_no_protest(text: str) -> None:
    # guards: the protest the bomb hit is its setting (it took the bombing's toll and claim)
    assert [i.event_type for i in run(text)[0] if i.event_type in ("Protests", "Riots")] == []


_COMMUNIQUE = (
    "TEHRIK-I-TALIBAN PAKISTAN\nCENTRAL MEDIA COMMISSION\nPUBLIC STATEMENT\n\n1. We {verb}"
    " responsibility for the attack on the police post in Bannu on Monday, in which our fighters"
    " killed four policemen.\n\n2. We categorically reject the accusations of the army that"
    " attribute to our movement the bombing of the market in Peshawar on Tuesday.\n\n{foot}"
)


@pytest.mark.parametrize(
    ("verb", "foot"),
    [
        ("claim", "TTP Central Media Commission"),
        ("assume full", "The Central Media Commission"),
    ],
)
def test_a_groups_statement_claims_and_denies_in_its_own_voice(verb: str, foot: str) -> None:
    incidents, claims = run(_COMMUNIQUE.format(verb=verb, foot=foot))
    assert [(c.claimant, c.claim_type, c.incidents) for c in claims] == [
        ("ttp", "responsibility", (incidents[0].id,)),
        ("ttp", "denial", (incidents[1].id,)),
    ]
    assert (place_name(incidents[0]), incidents[0].perpetrator) == ("Bannu", "ttp")


def test_we_in_a_report_that_is_no_statement_speaks_for_no_one() -> None:
    # guard: a news report naming a group atop its text, with a "we" of someone else's
    text = (
        "TTP attack kills four policemen in Bannu\n\nMilitants attacked a police post in Bannu on"
        " Monday, killing four policemen. We reject the claims of the TTP, a police officer told"
        " reporters."
    )
    assert [
        c.claim_type for c in run(text)[1] if c.claim_type in ("responsibility", "denial")
    ] == []


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("A grenade thrown into a bar in Quetta on Monday wounded six people.", "Grenade"),
        ("Grenades were hurled at a police post in Quetta on Monday.", "Grenade"),
        (
            "Air assets carried out strikes on a militant base near Quetta on Monday.",
            "Air/drone strike",
        ),
    ],
)
def test_the_weapon_named_before_its_verb_types_the_event(text: str, sub_event_type: str) -> None:
    assert one(run(text)[0]).sub_event_type == sub_event_type


def test_some_of_those_counted_are_not_more_dead() -> None:
    text = "A bomb exploded in Ghazni on Monday, killing 13 people, 7 of them children."
    assert deaths(one(run(text)[0])) == 13  # was 20


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        # whose men the dead were, between the count and the verb
        (
            "At least six soldiers of the Afghan National Army were killed and four wounded on"
            " Tuesday when militants attacked a checkpoint in Ghazni.",
            (6, 4),
        ),
        (
            "Five policemen of the provincial reserve force were killed in Ghazni on Monday.",
            (5, None),
        ),
        # a singular victim after a dateline's colon or dash
        (
            "KABUL, May 2: A farmer was killed when gunmen opened fire in Ghazni on Monday.",
            (1, None),
        ),
        (
            "KABUL (Reuters) - A policeman was killed when gunmen attacked a checkpoint in Ghazni"
            " on Monday.",
            (1, None),
        ),
        # "and another" with the verb left out
        ("A farmer was killed and another injured when gunmen opened fire in Ghazni.", (1, 1)),
    ],
)
def test_casualties_told_with_whose_men_they_were_or_after_a_dateline_are_counted(
    text: str, toll: tuple[int, int | None]
) -> None:
    incident = one(run(text)[0])
    assert (deaths(incident), hurt(incident)) == toll


@pytest.mark.parametrize(
    "course",
    [
        "The governor blamed the TTP, whose fighters have besieged the town for a decade.",
        "Militants have attacked the road for years.",
        "The army has shelled the hills for several weeks.",
    ],
)
def test_violence_told_in_the_perfect_for_weeks_or_longer_is_no_incident(course: str) -> None:
    # guards: a course, as one "since" a date is (the relative clause became an incident at
    # the report's country once its governorate's blame was read)
    text = f"Gunmen killed four people at a bar in Zhob on Tuesday. {course}"
    assert [place_name(i) for i in run(text)[0]] == ["Zhob"]


@pytest.mark.parametrize(
    ("sentence", "toll"),
    [
        ("Twelve people have died since Monday's attack in Zhob.", 12),
        ("A suicide bomber has killed 12 people at a mosque in Zhob.", 12),
        ("Clashes continued in Zhob on Tuesday, killing four.", 4),
    ],
)
def test_an_event_told_in_the_perfect_or_continued_on_a_day_is_one(
    sentence: str, toll: int
) -> None:
    # guards: a perfect with a count of its own, and fighting that went on on a day
    assert deaths(one(run(sentence)[0])) == toll


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Gunmen attacked a checkpoint in rural Zhob on Sunday, killing two soldiers.",
            ("Zhob", 1),
        ),
        ("A bomb exploded 20 km from Quetta on Sunday, killing four soldiers.", ("Quetta", 2)),
        (
            "Gunmen ambushed a convoy near Kili Shah, about 30 kilometres from Zhob, on Sunday.",
            ("Zhob", 2),
        ),
        (
            "Militants attacked a post 40 km east of Sibi on Sunday, killing two soldiers.",
            ("Sibi", 2),
        ),
    ],
)
def test_a_place_with_an_adjective_or_a_distance_from_it_places_the_event(
    sentence: str, expected: tuple[str, int]
) -> None:
    # "in rural Tame" and "about 30 kilometres from Kalat" fell back to the country
    incident = one(run(sentence)[0])
    assert (place_name(incident), incident.geo_precision) == expected


def test_where_people_came_from_is_still_not_where_it_happened() -> None:
    # guard: "from" without a distance is an origin
    text = "Gunmen who came from Quetta killed four soldiers in Zhob on Sunday."
    assert place_name(one(run(text)[0])) == "Zhob"


@pytest.mark.parametrize(
    ("sentence", "region"),
    [
        (
            "ADF rebels attacked Biakato, in the Mambasa territory of Ituri province, on Sunday, "
            "killing nine civilians.",
            "Ituri",
        ),
        (
            "Gunmen attacked Ywathit village in Kyunhla township of Sagaing region on Sunday.",
            "Sagaing",
        ),
    ],
)
def test_a_unit_type_of_another_region_keeps_a_namesake_abroad_out(
    sentence: str, region: str
) -> None:
    # "the Mambasa territory of Ituri" was Mombasa in Kenya; "Ywathit village in Kyunhla township
    # of Sagaing region" was a namesake in Yangon: the text puts them inside the region
    incident = one(run_real(sentence)[0])
    assert incident.place is not None and incident.place.admin1 == region


@pytest.mark.parametrize(
    "follow_up",
    [
        "The police spokesman confirmed the attack in a statement on Monday.",
        "In a statement on Monday, the provincial police described the attack as cowardly.",
    ],
)
def test_a_report_of_the_event_in_a_later_statement_is_a_source_of_it(follow_up: str) -> None:
    # the statement's day made the event told again a second incident
    text = f"Gunmen abducted 43 worshippers at a mosque in Zhob on Sunday. {follow_up}"
    incident = one(run(text)[0])
    assert (place_name(incident), start(incident)) == ("Zhob", "2023-04-30")


def test_what_a_group_did_for_years_is_no_incident() -> None:
    text = "A shell struck a house in Zhob on Monday. The TTP besieged the city for years."
    assert [start(i) for i in run(text)[0]] == ["2023-05-01"]


@pytest.mark.parametrize(
    ("sentence", "dead", "hurt_"),
    [
        (
            "Gunmen killed the chief of Kili village in Zhob on Monday, along with two of his "
            "sons.",
            3,
            None,
        ),
        ("Gunmen shot dead a tribal elder along with his two sons in Zhob on Monday.", 3, None),
        ("Gunmen killed three teachers as well as their driver in Zhob on Monday.", 4, None),
        (
            "Gunmen attacked a bus in Zhob on Monday, killing two people. Five others sustained "
            "gunshot injuries.",
            2,
            5,
        ),
        (
            "A bomb exploded in Zhob on Monday, killing 31. The toll now stands at 43 dead and 15 "
            "wounded.",
            43,
            15,
        ),
        (
            "On Monday, two labourers from Punjab were shot dead by unidentified gunmen in Zhob.",
            2,
            None,
        ),
    ],
)
def test_more_ways_of_telling_a_toll(sentence: str, dead: int, hurt_: int | None) -> None:
    incident = one(run(sentence)[0])
    assert (deaths(incident), hurt(incident)) == (dead, hurt_)


@pytest.mark.parametrize(
    ("attribution", "group"),
    [
        ("Security sources attributed the ambush to the TTP.", "ttp"),
        ("Officials blamed the attack on the BLA.", "bla"),
        ("Police blamed Monday's attack on the TTP.", "ttp"),
    ],
)
def test_an_event_attributed_to_a_group_names_its_alleged_perpetrator(
    attribution: str, group: str
) -> None:
    text = f"Gunmen ambushed a convoy near Zhob on Monday, killing 12 soldiers. {attribution}"
    incident = one(run(text)[0])
    assert (incident.perpetrator, incident.attribution) == (group, "alleged")


def test_a_groups_name_inside_a_longer_name_is_not_that_group() -> None:
    # "Karen National Liberation Army" was read as the ELN ("National Liberation Army")
    text = (
        "Karen National Liberation Army troops clashed with soldiers near Myawaddy on Monday, "
        "killing four soldiers."
    )
    assert one(run_real(text)[0]).perpetrator != "eln"


@pytest.mark.parametrize(
    "sentence",
    [
        "National Liberation Army fighters attacked a base in Saravena on Monday.",
        "Colombia's National Liberation Army attacked a base in Saravena on Monday.",
        "Colombian National Liberation Army rebels attacked a base in Saravena on Monday.",
    ],
)
def test_the_group_opening_a_sentence_or_after_its_country_is_still_read(sentence: str) -> None:
    assert one(run_real(sentence)[0]).perpetrator == "eln"


def test_the_speaker_after_a_toll_is_no_victim() -> None:
    text = "Militants attacked a post in Zhob on Monday, wounding three soldiers, a commander said."
    assert hurt(one(run(text)[0])) == 3


@pytest.mark.parametrize(
    "mishap",
    [
        "A bus plunged into a ravine near Zhob on Monday, killing 12 passengers.",
        "A gas cylinder exploded at a restaurant in Zhob on Monday, killing three people.",
        "Police ruled out sabotage.",
    ],
)
def test_a_crash_or_a_gas_explosion_is_no_incident(mishap: str) -> None:
    assert run(mishap)[0] == []


def test_a_bus_attacked_before_it_crashed_is_an_incident() -> None:
    # guard: a doer makes it an attack
    text = "Militants fired on a bus near Zhob on Monday; the bus overturned and 12 were killed."
    assert place_name(one(run(text)[0])) == "Zhob"


def test_one_log_reads_its_numeric_dates_one_way() -> None:
    # "07/06/2026" can only be 7 June before a 10 June report; the log's "03/06/2026" is then
    # 3 June, not 6 March
    text = (
        "03/06/2023: Gunmen killed two policemen in Zhob.\n\n"
        "07/06/2023: A bomb killed three people in Quetta."
    )
    found = sorted(start(i) or "" for i in run(text, "2023-06-10")[0])
    assert found == ["2023-06-03", "2023-06-07"]


def test_a_common_word_in_capitals_is_no_place_by_an_alternate_name() -> None:
    # "AT A CAR WASH." was Washington state ("Wash" is one of its alternate names)
    from mapper.gazetteer import load_gazetteer
    from mapper.geoparse import geoparse_text

    text = "GUNMEN KILLED TWO MEN AT A CAR WASH IN SINALOA ON 3 MAY 2023."
    names = [m.text for m in geoparse_text(text, load_gazetteer()) if m.place is not None]
    assert names == ["SINALOA"]


def test_a_group_after_a_hyphenated_modifier_is_still_read() -> None:
    # guard: "Pakistan-based" modifies the name, it does not begin a longer one
    text = (
        "A suicide bomber attacked a police college in Quetta on Monday. Pakistan-based "
        "Lashkar-e-Jhangvi claimed responsibility for the attack."
    )
    assert ("lej", "responsibility") in claim_pairs(run_real(text)[1])


@pytest.mark.parametrize(
    "sentence",
    [
        "Four soldiers were killed in a gunbattle with militants in Sibi on Monday.",
        "Four soldiers were killed in a clash with militants in Sibi on Monday.",
    ],
)
def test_a_clash_with_militants_in_a_town_is_in_that_town(sentence: str) -> None:
    # "with militants in Sibi" was read as where the militants are based
    assert place_name(one(run(sentence)[0])) == "Sibi"


def test_a_flood_told_by_a_groups_ministry_is_no_attack() -> None:
    # the group was the speaker, and its name made the flood "armed"
    text = (
        "Flash floods swept through villages near Zhob on Tuesday, killing at least 31 people, "
        "the Taliban administration's disaster management ministry said."
    )
    assert run(text)[0] == []


def test_an_order_to_arrest_is_no_arrest() -> None:
    text = "The chief minister condemned the attack and directed police to arrest the culprits."
    assert [i.sub_event_type for i in run(text)[0]] == []


@pytest.mark.parametrize(
    "report",
    [
        "Gunmen attacked a checkpoint in Balochistan on Monday, killing two soldiers.",
        "Gunmen attacked checkpoints in Zhob and in Quetta on Monday; police in Peshawar were "
        "put on alert.",
    ],
)
def test_an_event_at_a_village_the_gazetteer_lacks_takes_the_province_the_report_is_about(
    report: str,
) -> None:
    # it took the country's centre although most of the places named lie in one province
    text = f"{report} Separately, gunmen killed 11 people in the village of Kili Shah on Tuesday."
    incident = run(text)[0][-1]
    assert (place_name(incident), incident.geo_precision) == ("Balochistan", 3)


def test_a_report_spread_over_provinces_keeps_the_country() -> None:
    # guard: no one province holds most of the places named
    text = (
        "Gunmen attacked a checkpoint in Zhob on Monday. Bombs also went off in Kabul and "
        "Jalalabad. Separately, gunmen killed 11 people in the village of Kili Shah on Tuesday."
    )
    assert place_name(run(text)[0][-1]) != "Balochistan"


def test_what_gangs_do_habitually_is_no_incident() -> None:
    text = (
        "The region has been plagued by criminal gangs known locally as bandits, who raid "
        "villages, kill residents and kidnap for ransom."
    )
    assert run(text)[0] == []


def test_the_same_group_told_hours_later_in_a_paragraph_of_its_own() -> None:
    text = (
        "TTP fighters attacked a base in Zhob on Monday, killing four soldiers.\n\n"
        "Hours later, the same group fired mortar shells at a checkpoint in Quetta, wounding "
        "three."
    )
    second = run(text)[0][-1]
    assert (place_name(second), start(second), second.perpetrator) == (
        "Quetta",
        "2023-05-01",
        "ttp",
    )


@pytest.mark.parametrize(
    "raid",
    [
        "Gunmen raided a village near Zhob on Sunday, killing 12 villagers.",
        "Gunmen on motorcycles killed at least 23 villagers in a raid near Zhob on Sunday.",
    ],
)
def test_a_raid_on_civilians_is_violence_against_civilians(raid: str) -> None:
    incident = one(run(raid)[0])
    assert (incident.event_type, incident.sub_event_type) == (
        "Violence against civilians",
        "Attack",
    )


@pytest.mark.parametrize(
    "fight",
    [
        "Militants raided a police post near Zhob on Sunday, killing four policemen.",
        "Militants clashed with villagers near Zhob on Sunday.",
    ],
)
def test_a_raid_on_forces_or_a_clash_stays_a_battle(fight: str) -> None:
    # guards: ACLED's Battles need two armed sides; a clash says there were two
    assert one(run(fight)[0]).event_type == "Battles"


def test_what_a_claimant_calls_its_attack_a_response_to_is_no_incident() -> None:
    text = (
        "A car bomb exploded outside a police station in Zhob on Monday, killing three people. "
        "The TTP claimed responsibility for the attack on Tuesday, saying it was a response to "
        '"military operations against the people of Zhob".'
    )
    incident = one(run(text)[0])
    assert (incident.sub_event_type, incident.perpetrator) == (
        "Remote explosive/landmine/IED",
        "ttp",
    )


@pytest.mark.parametrize(
    "denial",
    [
        'The TTP rejected what it called "baseless allegations" that it was behind the attack.',
        "The TTP dismissed the accusations as propaganda.",
        'The TTP said it had "no involvement whatsoever".',
        "The TTP said it had no role in the Zhob attack.",
    ],
)
def test_more_ways_of_denying(denial: str) -> None:
    text = f"Gunmen attacked a post in Zhob on Monday, killing two policemen. {denial}"
    assert ("ttp", "denial") in claim_pairs(run(text)[1])


def test_no_role_in_something_else_is_no_denial() -> None:
    # guard: "no role" in talks is no denial of an attack
    text = (
        "Gunmen attacked a post in Zhob on Monday. The TTP had no role in the talks, officials "
        "said."
    )
    assert ("ttp", "denial") not in claim_pairs(run(text)[1])


@pytest.mark.parametrize(
    "killing",
    [
        "killing three people - two policemen and a civilian.",
        "killing three people (two policemen and a civilian).",
        "killing three people \u2014 two policemen and a civilian.",
        "killing three people\u2013two policemen and a civilian.",
    ],
)
def test_a_breakdown_after_a_total_does_not_add_to_it(killing: str) -> None:
    assert deaths(one(run(f"Gunmen attacked a post in Zhob on Monday, {killing}")[0])) == 3


def test_a_breakdown_before_the_verb_leaves_the_total() -> None:
    text = (
        "Three people - two policemen and a civilian - were killed when gunmen attacked a post "
        "in Zhob on Monday."
    )
    assert deaths(one(run(text)[0])) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers were killed and five insurgents died in a clash near Zhob on Sunday.",
        "Five insurgents died in a clash with troops near Zhob on Sunday, and two soldiers were "
        "killed.",
        "Militants attacked a post near Zhob on Sunday. Two soldiers were killed and five others "
        "died later in hospital.",
    ],
)
def test_the_dead_of_each_side_add_up(text: str) -> None:
    # ACLED's fatality figure counts every side
    assert deaths(one(run(text)[0])) == 7


def test_two_counts_that_may_be_the_same_people_give_the_larger() -> None:
    # guard: the soldiers may be among the people
    text = "Five people were killed and three soldiers died in a clash near Zhob on Sunday."
    assert deaths(one(run(text)[0])) == 5


@pytest.mark.parametrize(
    "later",
    [
        "Another soldier died on Wednesday.",
        "A policeman later succumbed to his injuries.",
        "The injured driver died from his injuries in Quetta on Friday.",
    ],
)
def test_a_victim_who_died_later_adds_to_the_event(later: str) -> None:
    text = f"Militants attacked a post in Zhob on Monday, killing two soldiers. {later}"
    incident = one(run(text)[0])
    assert (deaths(incident), place_name(incident), start(incident)) == (3, "Zhob", "2023-05-01")


def test_giving_in_to_pressure_is_no_death() -> None:
    # guard: "succumb" alone is no casualty verb without a person dying
    assert run("The government succumbed to pressure in Zhob on Monday.")[0] == []


@pytest.mark.parametrize(
    "follow_up",
    [
        "The fighters, who came in pickup trucks before midnight, exchanged fire with troops for "
        "three hours before the soldiers withdrew, one official said.",
        "The bandits fired at the soldiers for an hour before escaping.",
    ],
)
def test_what_the_doers_did_next_is_part_of_their_attack(follow_up: str) -> None:
    opening = "Militants overran an army post in Zhob late on Monday, killing nine soldiers."
    text = f"{opening}\n\n{follow_up}"
    incident = one(run(text)[0])
    assert (place_name(incident), deaths(incident)) == ("Zhob", 9)


def test_a_groups_statement_of_what_its_fighters_did_is_its_claim_not_the_toll() -> None:
    # the report's own figure stands; the group's statement claims the event
    text = (
        "Militants attacked a post in Zhob on Monday, killing nine soldiers. The TTP said in a "
        "statement carried by its outlet that its fighters had killed 23 soldiers."
    )
    incidents, claims = run(text)
    incident = one(incidents)
    assert (deaths(incident), incident.perpetrator) == (9, "ttp")
    assert ("ttp", "responsibility") in claim_pairs(claims)


@pytest.mark.parametrize(
    "treated",
    [
        "with 19 people being treated for injuries at a hospital in Quetta.",
        "and 19 people were hospitalised in Quetta.",
    ],
)
def test_the_treated_are_wounded_and_where_they_were_treated_is_no_place(treated: str) -> None:
    text = f"A bomb exploded at a market in Zhob on Monday, killing five people, {treated}"
    incident = one(run(text)[0])
    assert (place_name(incident), deaths(incident), hurt(incident)) == ("Zhob", 5, 19)


def test_a_dated_event_noun_in_a_statement_names_a_past_event() -> None:
    text = (
        "The claim mirrors the group's narrative around the January 2019 raid on the Quetta "
        "airfield, in which three soldiers were killed."
    )
    assert (start(one(run(text)[0])) or "")[:7] == "2019-01"


@pytest.mark.parametrize(
    "separator",
    [": ", " | ", ": - "],
)
def test_a_records_heading_in_its_own_line_sets_its_event(separator: str) -> None:
    # the heading's places stood before the event's clause and were lost
    text = (
        f"1 May 2023 - Turbat, Balochistan{separator}Gunmen shot dead five labourers on the "
        "outskirts of the town.\n\n"
        f"2 May 2023 | Zhob, Balochistan{separator}A roadside bomb killed two soldiers."
    )
    found = sorted((place_name(i), start(i), deaths(i)) for i in run(text)[0])
    assert found == [("Turbat", "2023-05-01", 5), ("Zhob", "2023-05-02", 2)]


def test_a_heading_that_is_no_place_leaves_the_event_alone() -> None:
    # guard: "Update:" is no setting
    text = "Militants attacked a post in Zhob on Monday.\n\nUpdate: Gunmen shot dead two guards."
    assert "Zhob" in [place_name(i) for i in run(text)[0]]


@pytest.mark.parametrize(
    "attackers",
    [
        "Five policemen were killed and six wounded; three attackers were also killed.",
        "Five policemen were killed and six wounded. All three attackers were shot dead by police.",
    ],
)
def test_the_attackers_toll_after_an_event_is_its_own(attackers: str) -> None:
    text = f"Militants detonated a car bomb at a checkpoint in Zhob on Monday. {attackers}"
    incident = one(run(text)[0])
    killed = incident.attackers_killed.best if incident.attackers_killed else None
    assert (deaths(incident), killed) == (5, 3)


@pytest.mark.parametrize(
    "unknown",
    ["No casualty figures were available.", "There were no casualty reports."],
)
def test_no_casualty_figures_is_an_unknown_toll_not_zero(unknown: str) -> None:
    incident = one(run(f"A drone strike hit the airport in Zhob on Monday. {unknown}")[0])
    assert (deaths(incident), hurt(incident)) == (None, None)


def test_no_casualties_reported_is_a_toll_of_nought() -> None:
    # guard: "reported" says none were; found by re-scoring the coded records
    text = "A drone strike hit the airport in Zhob on Monday. No casualties reported."
    incident = one(run(text)[0])
    assert (deaths(incident), hurt(incident)) == (0, 0)


@pytest.mark.parametrize(
    "denial",
    [
        "The BLA denied the allegation.",
        "The BLA rejected the report, saying its fighters were elsewhere.",
        "The BLA denied reports that its fighters were involved.",
        # what is denied, in other words and with adjectives: news, propaganda, an accusation
        "The BLA has rejected the accusation.",
        "The BLA denies the news circulated on some social media pages.",
        "The BLA strongly rejects the false propaganda spread by hostile outlets.",
        "The BLA refuted the latest reports.",
    ],
)
def test_denying_the_allegation_or_the_report_is_a_denial(denial: str) -> None:
    told = "Gunmen killed two guards in Zhob on Monday. Pakistani authorities blamed the BLA."
    text = f"{told} {denial}"
    assert ("bla", "denial") in claim_pairs(run(text)[1])


@pytest.mark.parametrize(
    "tail",
    [
        "according to a police officer, who blamed the BLA.",
        "and police blamed the BLA.",
        "said Pakistan's interior minister, who blamed the BLA.",
    ],
)
def test_a_blame_at_the_end_of_the_events_sentence_gives_the_alleged_doer(tail: str) -> None:
    incident = one(run(f"Gunmen killed two guards in Zhob on Monday, {tail}")[0])
    assert (incident.perpetrator, incident.attribution) == ("bla", "alleged")


def test_the_speaker_named_before_who_is_the_accuser() -> None:
    text = (
        "Gunmen killed two guards in Zhob on Monday, said Pakistan's interior minister, who "
        "blamed the BLA."
    )
    assert ("pakistan", "allegation") in claim_pairs(run(text)[1])


@pytest.mark.parametrize(
    "accident",
    [
        "A petrol tanker overturned and exploded on the highway near Zhob on Tuesday, killing 22 "
        "people.",
        "Tanker explosion kills 22 near Zhob",
        "Four workers died after a building under construction collapsed in Zhob on Thursday, "
        "police said.",
        "A gas cylinder exploded at a restaurant in Zhob on Monday, killing three people.",
    ],
)
def test_an_accident_is_no_political_violence(accident: str) -> None:
    assert run(accident)[0] == []


@pytest.mark.parametrize(
    "attack",
    [
        "A suicide bomber rammed a fuel tanker into a checkpoint in Zhob on Tuesday, killing 22.",
        "A bus overturned after gunmen opened fire on it near Zhob on Monday, killing six "
        "passengers.",
    ],
)
def test_an_armed_attack_with_a_vehicle_or_a_collapse_stays_an_attack(attack: str) -> None:
    # guards: the doer is armed
    assert deaths(one(run(attack)[0])) in (22, 6)


@pytest.mark.parametrize(
    "plan",
    [
        "Police said the suspects were assembling bombs which they planned to detonate in Zhob "
        "during the holidays.",
        "The men were building explosive devices that they intended to use in Zhob.",
    ],
)
def test_devices_someone_planned_to_use_are_no_event(plan: str) -> None:
    assert run(plan)[0] == []


def test_years_ago_this_week_dates_the_event_then() -> None:
    text = "Nine years ago this week, militants attacked three police stations in Zhob."
    assert start(one(run(text)[0])) == "2014-05-01"


def test_killing_the_attackers_in_a_follow_up_raid_is_no_toll_of_the_attack() -> None:
    # an active follow-up in a village the gazetteer lacks is no toll of the ambush
    text = (
        "Militants ambushed a police patrol near Zhob on Tuesday, killing five policemen. The "
        "police said its men later killed two of the attackers and detained a third in a "
        "follow-up raid in the nearby village of Kotgai."
    )
    first = run(text)[0][0]
    killed = first.attackers_killed.best if first.attackers_killed else None
    assert (deaths(first), killed) == (5, None)


def test_a_feeds_posts_take_their_stamps_and_headings() -> None:
    text = (
        "[01 May 19:20] Quetta: a car bomb exploded at a checkpoint. 3 killed.\n"
        "[02 May 06:30] Zhob: gunmen killed two policemen.\n"
    )
    found = sorted((place_name(i), start(i), deaths(i)) for i in run(text)[0])
    assert found == [("Quetta", "2023-05-01", 3), ("Zhob", "2023-05-02", 2)]


def test_a_line_that_is_only_a_day_dates_the_posts_under_it() -> None:
    text = (
        "\u2014 1 May \u2014\n"
        "05:50 \u2014 Militants stormed an army post in Zhob.\n"
        "09:30 \u2014 Gunmen killed five farmers near Quetta.\n\n"
        "\u2014 2 May \u2014\n"
        "06:20 \u2014 An IED hit a police vehicle near Turbat, killing two policemen.\n"
    )
    found = sorted((place_name(i), start(i)) for i in run(text)[0])
    assert found == [("Quetta", "2023-05-01"), ("Turbat", "2023-05-02"), ("Zhob", "2023-05-01")]


def test_a_records_fields_on_lines_of_their_own_set_its_event() -> None:
    text = (
        "Event ID: PK-1\nDate: 1 May 2023\nLocation: Zhob, Balochistan\n"
        "Description: A drone strike hit a house. Four civilians were killed.\n\n"
        "Event ID: PK-2\nDate: 2 May 2023\nLocation: Turbat, Balochistan\n"
        "Description: Gunmen shot dead a teacher.\n"
    )
    found = sorted((place_name(i), start(i)) for i in run(text)[0])
    assert found == [("Turbat", "2023-05-02"), ("Zhob", "2023-05-01")]


def test_a_groups_statement_that_its_forces_did_it_is_part_of_the_event() -> None:
    text = (
        "Militants attacked an army outpost near Zhob on Monday. The BLA said its forces "
        "overran the outpost and killed six soldiers."
    )
    incidents, claims = run(text)
    assert (deaths(one(incidents)), one(incidents).perpetrator) == (6, "bla")
    assert ("bla", "responsibility") in claim_pairs(claims)


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        ("The blast toll rises to 9, 14 wounded.", (9, 14)),
        ("Quetta toll revised: 5 civilians dead plus the bomber.", (5, None)),
        ("The death toll reaches 12.", (12, None)),
        ("The death toll climbs to 7.", (7, None)),
    ],
)
def test_a_toll_update_in_the_present_tense_revises_the_toll(
    update: str, expected: tuple[int, int | None]
) -> None:
    text = f"A bomb exploded in Quetta on Monday, killing three. {update}"
    incident = one(run(text)[0])
    assert (deaths(incident), hurt(incident)) == expected


@pytest.mark.parametrize(
    "denial",
    [
        "The TTP denied targeting the hospital, saying it struck military positions.",
        "A TTP spokesperson denied shelling the market.",
        "The TTP denied deliberately targeting civilians.",
    ],
)
def test_denying_the_act_is_a_denial_not_the_act(denial: str) -> None:
    text = f"A drone struck a hospital in Zhob on Monday, killing nine patients. {denial}"
    incidents, claims = run(text)
    assert (one(incidents).perpetrator, ("ttp", "denial") in claim_pairs(claims)) == (None, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Militants attacked a post in Zhob on Monday, killing nine soldiers. Zhob toll now "
            "14 soldiers + 3 civilians per an official.",
            17,
        ),
        ("A bomb exploded in Quetta on Monday, killing three. The death toll is now 12.", 12),
        ("A bomb exploded in Quetta on Monday, killing 5 soldiers plus 2 civilians.", 7),
    ],
)
def test_a_toll_told_now_or_in_parts_with_plus(text: str, expected: int) -> None:
    assert deaths(one(run(text)[0])) == expected


@pytest.mark.parametrize(
    "statistic",
    [
        "Since January, over 300 travellers have been abducted along highways near Zhob.",
        "More than 1,500 people have been killed in Zhob since the siege began.",
    ],
)
def test_a_count_over_a_period_in_the_perfect_is_no_incident(statistic: str) -> None:
    assert run(statistic)[0] == []


def test_a_toll_since_a_days_attack_is_still_that_attacks() -> None:
    # guard: a day bounds the count ("since Monday's attack")
    assert (
        deaths(one(run("Twelve people have been killed since Monday's attack in Zhob.")[0])) == 12
    )


@pytest.mark.parametrize(
    "text",
    [
        "Militants killed five soldiers in Zhob, officials said on Monday, the deadliest attack "
        "since the 2021 coup.",
        "Militants have killed five soldiers in Zhob, officials said on Monday, the worst "
        "violence in the town since the 2021 coup.",
    ],
)
def test_the_deadliest_attack_since_a_past_event_is_a_comparison(text: str) -> None:
    # a superlative compares the event with the past: no count over a period, not its date
    incident = one(run(text)[0])
    assert (deaths(incident), (start(incident) or "")[:4]) == (5, "2023")


@pytest.mark.parametrize(
    "text",
    [
        "ISKP claimed responsibility on Wednesday for a roadside bomb that struck a Taliban "
        "vehicle in Jalalabad on Monday, killing two.",
        "ISKP on Wednesday claimed a roadside bomb that struck a Taliban vehicle in Jalalabad on "
        "Monday.",
    ],
)
def test_the_day_in_a_relative_clause_after_the_event_noun_is_the_events(text: str) -> None:
    # the day nearest the noun was the claim's
    assert start(one(run(text)[0])) == "2023-05-01"


@pytest.mark.parametrize(
    "told",
    [
        "an official told journalists.",
        "the TTP said in a statement sent to journalists.",
        "a police officer said, speaking to reporters.",
    ],
)
def test_who_a_statement_was_told_to_is_no_target(told: str) -> None:
    text = f"A bomb killed five policemen in Zhob on Wednesday, {told}"
    targets = one(run(text)[0]).targets
    assert not any(word in " ".join(targets) for word in ("journalists", "reporters"))


def test_journalists_who_were_attacked_are_targets() -> None:
    # guard
    assert (
        "journalists" in one(run("Gunmen killed two journalists in Zhob on Wednesday.")[0]).targets
    )


@pytest.mark.parametrize(
    "text",
    [
        "ISWAP fighters stormed an army base in Zhob on Tuesday. Troops repelled the attack; "
        "4 soldiers martyred, 17 insurgents neutralised, a military source said.",
        "Militants attacked a check post in Zhob on Tuesday. Four soldiers were killed and 17 "
        "militants died in the exchange of fire.",
        "Insurgents raided a police station in Zhob on Tuesday night. Four policemen were "
        "killed. Seventeen terrorists were also killed.",
    ],
)
def test_an_armed_groups_dead_in_its_own_attack_are_its_attackers(text: str) -> None:
    # the sides' dead add up in ACLED's figure; the data model keeps the attackers' apart
    incident = one(run(text)[0])
    killed = incident.attackers_killed.best if incident.attackers_killed else None
    assert (deaths(incident), killed) == (4, 17)


@pytest.mark.parametrize(
    "text",
    [
        "Security forces raided a hideout in Zhob on Tuesday, killing 17 militants; four "
        "soldiers were killed.",
        "Gunmen attacked a wedding in Zhob on Tuesday, killing six civilians and two soldiers.",
        "Troops killed 17 militants in Zhob on Tuesday; four soldiers were killed.",
        "TTP militants attacked an ISKP hideout in Zhob on Tuesday, killing 21 ISKP fighters.",
    ],
)
def test_the_dead_of_an_operation_or_of_victims_alone_stay_one_figure(text: str) -> None:
    # guard: in an operation the insurgents are its targets; victims of two kinds add up
    incident = one(run(text)[0])
    assert (deaths(incident), incident.attackers_killed) == (8 if "wedding" in text else 21, None)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "In Shwebo township, junta troops of Light Infantry Battalion (LIB) 33 who were "
            "marching in a column set fire to more than 200 houses on April 5.",
            "Shwebo",
        ),
        (
            "In Zhob district, gunmen who had come on motorcycles shot dead three policemen on "
            "Monday.",
            "Zhob",
        ),
        ("In Turbat town, unidentified assailants hurled a grenade at a shop on Monday.", "Turbat"),
    ],
)
def test_an_opening_place_with_its_type_word_is_the_events(text: str, name: str) -> None:
    # "In X township, <a long subject> set fire": the opening adverbial sets the event's place
    assert name in (place_name(one(run_real(text)[0])) or "")


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Two police constables embraced shahadat and one was injured.", 2),
        ("One jawan made the supreme sacrifice.", 1),
        ("Three soldiers paid the ultimate price in the exchange of fire.", 3),
        ("Four soldiers laid down their lives.", 4),
    ],
)
def test_a_soldiers_death_told_as_a_sacrifice_is_a_toll(sentence: str, dead: int) -> None:
    # the idioms of military press releases (ISPR, Indian and Nigerian army statements)
    text = f"Militants attacked a check post in Zhob on Monday. {sentence}"
    assert deaths(one(run(text)[0])) == dead


def test_militants_sent_to_hell_in_their_own_attack_are_its_attackers() -> None:
    text = (
        "Militants attacked a check post in Zhob on Monday. Four soldiers were martyred, "
        "while six khwarij were sent to hell."
    )
    incident = one(run(text)[0])
    killed = incident.attackers_killed.best if incident.attackers_killed else None
    assert (deaths(incident), killed) == (4, 6)


@pytest.mark.parametrize(
    "text",
    [
        "Since 1 January 2023, at least 340 civilians have been killed in Zhob and Quetta.",
        "At least 340 civilians have been killed in Zhob since 1 January 2023, the UN said.",
        "Since 3rd March, militants have killed 57 people across Zhob district.",
    ],
)
def test_a_toll_summed_since_a_day_is_no_event(text: str) -> None:
    # the day starts the period the toll is summed over; it is no event's day
    assert run(text)[0] == []


def test_a_toll_since_an_events_day_stays_its_toll() -> None:
    # guard: "since Monday's attack" names the event whose toll rose
    text = (
        "A bomb exploded at a market in Zhob on Monday. "
        "Twelve people have died since Monday's attack."
    )
    assert deaths(one(run(text)[0])) == 12


@pytest.mark.parametrize(
    "text",
    [
        "About 37,000 people live in the camp near Quetta, where a blast killed two on Monday.",
        "Gunmen attacked a village near Zhob on Monday, where 200 families lived, killing two.",
    ],
)
def test_people_who_live_somewhere_are_no_toll(text: str) -> None:
    # "live" the verb shares its lemma with "lives" the noun of "claimed 30 lives"
    assert deaths(one(run(text)[0])) == 2


@pytest.mark.parametrize(
    "past",
    [
        "Context: in March 2021, fighters of the same group hijacked a train near Machkaf, "
        "killing 26 hostages.",
        "In 2019 the group bombed a bus in the area, killing 26.",
    ],
)
def test_a_past_event_told_as_context_is_no_part_of_the_news(past: str) -> None:
    # the report's own event has no date of its own (about the report's day); the past one's
    # date and toll are not its
    news = "Militants stormed a police station in Zhob, officials said. Gunfire continues."
    incidents = run(f"{news} {past}")[0]
    zhob = next(i for i in incidents if place_name(i) == "Zhob")
    assert (start(zhob), deaths(zhob)) == ("2023-05-04", None)  # the report's day


def test_a_toll_summed_over_a_year_is_no_event() -> None:
    text = "In 2022, the province saw more than 900 deaths in militant violence, a monitor said."
    assert run(text)[0] == []


def test_people_abducted_in_an_attack_are_part_of_it() -> None:
    text = (
        "Militants attacked the village of Zhob at night, killing three. "
        "Four women were also kidnapped."
    )
    incident = one(run(text)[0])
    assert (place_name(incident), deaths(incident)) == ("Zhob", 3)


def test_people_abducted_at_another_time_are_another_event() -> None:
    text = (
        "Militants attacked the village of Zhob at night, killing three. Two teachers had "
        "been kidnapped outside the village a few weeks earlier."
    )
    assert len(run(text)[0]) == 2


@pytest.mark.parametrize(
    "toll",
    [
        "four (04) terrorists were killed",  # the figure repeated in digits
        "four terrorists were brutally killed",  # a manner adverb after the auxiliary
        "four (04) more khwarij were effectively neutralized",
        "four civilians were reportedly killed",  # guard: a hedge
    ],
)
def test_a_toll_with_its_figure_repeated_or_an_adverb_is_read(toll: str) -> None:
    text = f"Security forces conducted an operation in Zhob on Monday, and {toll}."
    assert deaths(one(run(text)[0])) == 4


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("The army blamed the TTP.", ("pakistan", "allegation")),
        ("Police blamed the TTP for the attack.", ("pakistan", "allegation")),
        ("The military has denied involvement.", ("pakistan", "denial")),
    ],
)
def test_a_state_force_named_without_its_country_speaks_for_the_documents_state(
    sentence: str, pair: tuple[str, str]
) -> None:
    # "The army blamed the ELN": the army of the country the document's places lie in
    text = f"Gunmen killed four people at a bar in Zhob on Tuesday. {sentence}"
    assert pair in claim_pairs(run(text)[1])


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("No group claimed it, but security officials blamed the TTP.", ("pakistan", "allegation")),
        ("Defence Headquarters blamed the TTP for the ambush.", ("pakistan", "allegation")),
        ("An army spokesman rejected the accusation.", ("pakistan", "denial")),
        ("Provincial officials blamed the TTP.", ("pakistan", "allegation")),
        ("Balochistan's home minister blamed the TTP.", ("pakistan", "allegation")),
    ],
)
def test_a_states_officials_or_office_named_without_its_country_speak_for_it(
    sentence: str, pair: tuple[str, str]
) -> None:
    text = f"Gunmen killed four people at a bar in Zhob on Tuesday. {sentence}"
    assert claim_pairs(run(text)[1]) == {pair}


@pytest.mark.parametrize(
    "sentence",
    [
        "Hospital officials blamed the TTP.",
        "Residents blamed the TTP.",
        "Officials blamed reckless driving.",  # an accusation of no group
    ],
)
def test_officials_of_no_office_are_no_state_claimant(sentence: str) -> None:
    # guard: the head's qualifier must be an office's
    text = f"Gunmen killed four people at a bar in Zhob on Tuesday. {sentence}"
    assert claim_pairs(run(text)[1]) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        # an office named after its place, or by what it is of or for, or with its holder
        "The Zhob district administration blamed the TTP.",
        "The Quetta Secretariat of Home Affairs (SHA) blamed the TTP.",
        "The army spokesman for the northern operations, Colonel Ali Noor, blamed the TTP.",
        # a blame that goes on with a clause of the speaker's own, or about the group
        "The government blamed the TTP and declared three days of mourning.",
        "The provincial government blamed the TTP, which it calls Fitna al-Khawarij.",
        "The provincial government blamed Tehrik-i-Taliban Pakistan (TTP) and said more troops"
        " were on the way.",
        # a group we do not track, named or quoted
        "Police blamed Lashkar Jhangvi Chotu.",
        "Police blamed \u201cremnants of the old gangs\u201d.",
        # an attribution of the event told
        "The provincial home department attributed the attack to the TTP.",
    ],
)
def test_an_office_blaming_a_group_for_the_event_told_is_its_states_allegation(
    sentence: str,
) -> None:
    text = f"Gunmen killed four people at a bar in Zhob on Tuesday. {sentence}"
    incidents, claims = run(text)
    assert [(c.claimant, c.claim_type, c.incidents) for c in claims] == [
        ("pakistan", "allegation", (one(incidents).id,))
    ]


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "Gunmen killed four people at a bar in Zhob on Tuesday. The provincial Secretariat of"
            " Public Security (SSP) attributed the attack to the TTP. The SSP said two suspects"
            " were held.",
            {("pakistan", "allegation")},
        ),
        (
            "Fighters of the Ambazonia Defence Forces (ADF) attacked a police post on Monday,"
            " killing two officers. The ADF later claimed the attack.",
            {("ambazonia-defence-forces", "responsibility")},
        ),
        # guard: a short form defined for the group itself
        (
            "Gunmen killed four people in Jhang on Tuesday. Sipah-e-Sahaba Pakistan (SSP) claimed"
            " the attack.",
            {("ssp", "responsibility")},
        ),
    ],
)
def test_a_short_form_the_text_defines_for_another_name_is_not_a_groups(
    text: str, pairs: set[tuple[str, str]]
) -> None:
    # "Secretariat of Public Security (SSP)" was Sipah-e-Sahaba Pakistan, and its allegation
    # that group's; "Ambazonia Defence Forces (ADF)" later the Allied Democratic Forces
    assert claim_pairs(run(text)[1]) == pairs


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials blamed Zhob Traffic Police.",  # a place's own office: no group accused
        "Local officials attributed the attack to the army.",  # the state's own forces
        "A quote attributed to the TTP circulated online.",
    ],
)
def test_other_blames_are_no_allegation_about_the_event(sentence: str) -> None:
    # guards
    text = f"Gunmen killed four people at a bar in Zhob on Tuesday. {sentence}"
    claims = run(text)[1]
    assert [c for c in claims if c.claim_type == "allegation" and c.incidents] == []


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Human Rights Watch accused the army of killing civilians.", ("hrw", "allegation")),
        ("Amnesty International accused the TTP of executing them.", ("amnesty", "allegation")),
        ("The UN human rights office blamed the TTP for the killings.", ("ohchr", "allegation")),
        ("HRCP denied that it had named the attackers.", ("hrcp", "denial")),
    ],
)
def test_a_human_rights_monitor_is_a_claimant(sentence: str, pair: tuple[str, str]) -> None:
    text = f"Gunmen killed four people at a bar in Zhob on Tuesday. {sentence}"
    assert pair in claim_pairs(run(text)[1])


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers shot dead 12 villagers in Zhob on Monday. The killings, documented by Human "
        "Rights Watch, drew protests.",
        "The attack on a village near Zhob on Monday was investigated by Amnesty International.",
    ],
)
def test_a_human_rights_monitor_is_never_the_perpetrator(text: str) -> None:
    assert one(run(text)[0]).perpetrator is None


def test_the_perpetrator_is_sought_past_a_monitor_named_as_where_it_struck() -> None:
    text = (
        "US aircraft attacked a hospital operated by Médecins Sans Frontières (MSF) in Kunduz "
        "on Monday, killing 42 people."
    )
    assert one(run(text)[0]).perpetrator == "us"


def test_a_person_of_a_force_is_no_state_claimant() -> None:
    # guard: "a police officer" speaks for no state
    text = "Gunmen killed four people at a bar in Zhob on Tuesday. A police officer blamed the TTP."
    assert claim_pairs(run(text)[1]) == set()


@pytest.mark.parametrize(
    "text",
    [
        "The government reiterates its commitment to liberate the remaining areas of Zhob.",
        "The army is determined to clear Zhob of militants before the winter.",
        "Some 9,000 fighters remain detained in prisons near Quetta.",
        "Three suspects are still in custody in Quetta.",
    ],
)
def test_a_commitment_or_people_still_held_is_no_event(text: str) -> None:
    assert run(text)[0] == []


@pytest.mark.parametrize(
    "profile",
    [
        "A former combatant, he ran a cooperative in Zhob. On 1 May, gunmen killed him at home.",
        "A teacher in Turbat, she was known for her radio show. On 1 May, a bomb hit her house, "
        "killing her.",
    ],
)
def test_an_event_with_no_place_is_near_the_one_town_its_paragraph_locates(profile: str) -> None:
    # a victim's profile names the town once; the killing told next happened there or near it
    incident = one(run(profile)[0])
    assert place_name(incident) in ("Zhob", "Turbat") and incident.geo_precision == 2


def test_an_event_with_no_place_in_a_paragraph_of_two_towns_has_no_town() -> None:
    # guard: two towns, no telling which
    text = "He lived in Zhob and worked in Quetta. On 1 May, gunmen killed him at his home."
    assert one(run(text)[0]).geo_precision != 2


# --- a date in a relative clause about something else -----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The junta of General Musa, which came to power in a September 2022 coup, has not "
        "commented on the attack.",
        "The attack shows how far a group that most people had never heard of two years ago "
        "has spread.",
        "The raid, claimed by a faction whose leader was killed in 2019, was the third this year.",
    ],
)
def test_a_date_in_a_relative_clause_about_something_else_is_not_the_events(
    sentence: str,
) -> None:
    text = f"Gunmen killed 12 soldiers at a base near Zhob on Monday. {sentence}"
    incident = one(run(text)[0])
    assert (place_name(incident), start(incident)) == ("Zhob", "2023-05-01")


@pytest.mark.parametrize(
    "text",
    [
        "The attack, which took place on Monday, killed 12 soldiers near Zhob.",
        "Gunmen who stormed a base near Zhob on Monday killed 12 soldiers.",
    ],
)
def test_a_relative_clause_about_the_event_dates_it(text: str) -> None:
    # guard: the relative tells of the event itself
    assert start(one(run(text)[0])) == "2023-05-01"
