"""Tolls read through casualty phrases (mapper._casualties), on sentences of our own.

ACLED's fatalities are the reported number of deaths: number words and digits with separators,
"a teacher" (1), "a leader and two of his guards" (3), lists added up, "including" not added,
wounded apart from the dead, attackers apart from their victims, never a year or a day of a date,
and the latest figure when the report revises it.
"""

from __future__ import annotations

import pytest
from _kinds import deaths, describe, hurt, one, run, start


def bug(reason: str) -> pytest.MarkDecorator:
    """A fault mapper has today (issue 9), expected to fail until it is fixed."""
    return pytest.mark.xfail(strict=True, reason=reason)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        pytest.param(
            "A truck bomb in Kandahar on Monday killed 2,314 people, officials said.",
            2314,
            id="thousands-separator",
        ),
        pytest.param(
            "Twenty-three people were killed when a bomb exploded at a market in Ghazni on Monday.",
            23,
            id="hyphenated-number-word",
        ),
        pytest.param(
            "Forty-one soldiers died in an attack on a base in Helmand on Sunday.",
            41,
            id="died",
        ),
        pytest.param(
            "At least 31 people were killed when a suicide bomber struck a rally in Bannu on "
            "Sunday.",
            31,
            id="at-least",
        ),
        pytest.param(
            "A suicide bomber killed dozens of people at a market in Bannu on Monday.",
            12,
            id="dozens-is-twelve",
        ),
        pytest.param("A bomb killed a judge in Quetta on Monday.", 1, id="a-judge"),
        pytest.param("Militants killed an aid worker in Kunar on Sunday.", 1, id="an-aid-worker"),
        pytest.param("A sniper killed a policeman in Herat on Friday.", 1, id="a-policeman"),
        pytest.param(
            "Gunmen gunned down a journalist in Peshawar on Monday.", 1, id="gunned-down-one"
        ),
        pytest.param(
            "Gunmen shot dead a police officer and three of his bodyguards in Kohat on Monday.",
            4,
            id="one-and-three-of-his",
        ),
        pytest.param(
            "Gunmen killed the district governor of Ghazni and his driver on Monday.",
            2,
            id="one-and-his-driver",
        ),
        pytest.param(
            "Three soldiers and four militants were killed in a gunfight in Zhob on Tuesday.",
            7,
            id="two-counts-listed",
        ),
        pytest.param(
            "Gunmen attacked a bus in Kandahar on Monday, killing four soldiers and three "
            "civilians.",
            7,
            id="killing-two-counts",
        ),
        pytest.param(
            "A sticky bomb killed a journalist and his two sons in Kandahar on Monday.",
            3,
            id="one-and-his-two-sons",
        ),
        pytest.param(
            "The Taliban police chief of Kandahar was killed by a suicide bomber on Monday.",
            1,
            id="the-chief-was-killed",
        ),
    ],
)
def test_deaths(text: str, killed: int) -> None:
    assert deaths(one(run(text)[0])) == killed


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        pytest.param(
            "A car bomb killed 9, including 4 children, and wounded 21 in Kunduz on Monday.",
            9,
            21,
            id="including-is-not-added",
        ),
        pytest.param(
            "At least 31 people were killed and 58 injured when a suicide bomber struck a rally in "
            "Bannu on Sunday.",
            31,
            58,
            id="killed-and-injured",
        ),
        pytest.param(
            "A bomb killed 7 people and wounded 15 others in Mardan on Monday.",
            7,
            15,
            id="killed-and-wounded-others",
        ),
        pytest.param(
            "An explosion tore through a bus in Quetta on Monday, killing 13 passengers and "
            "wounding 27 others.",
            13,
            27,
            id="killing-and-wounding",
        ),
        pytest.param(
            "A bomb exploded at a bus station in Quetta on Monday. Police said nine people were "
            "killed and 20 were wounded.",
            9,
            20,
            id="toll-in-the-next-sentence",
        ),
        pytest.param(
            "A blast in Kabul on Monday killed four, officials said. Another 12 were wounded.",
            4,
            12,
            id="another-n-were-wounded",
        ),
        pytest.param(
            "A grenade wounded eleven people in Mardan on Monday.",
            None,
            11,
            id="wounded-only-is-no-death",
        ),
        pytest.param(
            "Some 40 people were wounded in a blast in Herat on Monday.",
            None,
            40,
            id="some-n-wounded",
        ),
        pytest.param(
            "Gunmen attacked a bus in Sibi on Monday; 14 were killed, 30 wounded and 6 kidnapped.",
            14,
            30,
            id="killed-wounded-kidnapped-list",
        ),
    ],
)
def test_deaths_and_wounded_apart(text: str, killed: int | None, wounded: int) -> None:
    incident = one(run(text)[0])
    assert (deaths(incident), hurt(incident)) == (killed, wounded)


# A year or a day of a date is never a toll, whatever sits next to it.
@pytest.mark.parametrize(
    ("text", "report", "day", "killed", "wounded"),
    [
        pytest.param(
            "On March 21, 2024, a suicide bomber struck a bank in Kandahar, killing 21 people.",
            "2024-03-21",
            "2024-03-21",
            21,
            None,
            id="month-day-comma-year-comma-killing",
        ),
        pytest.param(
            "The attack on 5 January 2019 in Zhob killed seven soldiers.",
            "2019-01-05",
            "2019-01-05",
            7,
            None,
            id="year-before-the-place",
        ),
        pytest.param(
            "On 16 February 2013, a bomb exploded in a vegetable market in Quetta, killing 84 and "
            "wounding 190.",
            "2013-02-16",
            "2013-02-16",
            84,
            190,
            id="day-month-year-lead",
        ),
        pytest.param(
            "In 2013, 84 people were killed when a bomb exploded in a market in Quetta.",
            "2013-02-17",
            None,
            84,
            None,
            id="year-then-count",
        ),
        pytest.param(
            "Police said six people were killed on May 14, 2022, when a bomb exploded in Quetta.",
            "2023-05-04",
            "2022-05-14",
            6,
            None,
            id="killed-on-a-full-date",
        ),
        pytest.param(
            "The blast of 14 May 2022 in Quetta killed 5 people.",
            "2023-05-04",
            "2022-05-14",
            5,
            None,
            id="blast-of-a-date",
        ),
    ],
)
def test_years_and_dates_are_never_tolls(
    text: str, report: str, day: str | None, killed: int, wounded: int | None
) -> None:
    incident = one(run(text, report)[0])
    assert (deaths(incident), hurt(incident)) == (killed, wounded)
    if day is not None:
        assert start(incident) == day


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        pytest.param(
            "Gunmen attacked a checkpoint in Zhob on Monday, killing between 10 and 15 soldiers.",
            10,
            15,
            id="between-and",
        ),
        pytest.param(
            "A bomb in Kohat on Monday killed 10 to 12 people.",
            10,
            12,
            id="n-to-m",
        ),
        pytest.param(
            "A bomb killed 15-20 people in Herat on Monday.",
            15,
            20,
            id="n-dash-m",
        ),
    ],
)
def test_a_range_keeps_both_bounds(text: str, low: int, high: int) -> None:
    count = one(run(text)[0]).fatalities
    assert count is not None
    assert (count.best, count.low, count.high) == (low, low, high)


# The latest figure a report gives replaces the earlier one, upwards or downwards.
@pytest.mark.parametrize(
    ("text", "report", "killed"),
    [
        pytest.param(
            "Bomb kills 12 in Quetta market. A bomb exploded at a crowded market in Quetta on "
            "Monday, killing 12 people. The death toll later rose to 15, police said.",
            "2023-05-04",
            15,
            id="headline-lead-and-rise",
        ),
        pytest.param(
            "On 4 March 2022, an ISKP suicide bomber attacked a Shia mosque in Peshawar during "
            "Friday prayers. At least 63 people were killed. The toll later rose to 65.",
            "2022-03-04",
            65,
            id="toll-rose-after-a-count",
        ),
        pytest.param(
            "A suicide bomber attacked a Shia mosque in Peshawar on 4 March 2022, killing 56 "
            "people. The death toll was later revised to 63.",
            "2022-03-04",
            63,
            id="revised-to",
        ),
        pytest.param(
            "Officials initially said 30 people had died in the bombing in Quetta on Monday, but "
            "later revised the toll to 24.",
            "2023-05-04",
            24,
            id="revised-downwards",
        ),
        pytest.param(
            "A blast killed six people in Turbat on Monday. The death toll rose to 11 on Tuesday.",
            "2023-05-04",
            11,
            id="rose-on-a-later-day",
        ),
    ],
)
def test_a_revised_toll_replaces_the_earlier_one(text: str, report: str, killed: int) -> None:
    incidents, _ = run(text, report)
    assert deaths(one(incidents)) == killed, describe(incidents)


@pytest.mark.parametrize(
    ("text", "victims", "attackers"),
    [
        pytest.param(
            "Militants stormed a police compound in Karachi on Friday, killing four officers. All "
            "three attackers were also killed.",
            4,
            3,
            id="all-n-attackers-next-sentence",
        ),
        pytest.param(
            "Militants stormed a police compound in Karachi on Friday, killing four officers, and "
            "the three attackers were also killed.",
            4,
            3,
            id="the-n-attackers-same-sentence",
        ),
        pytest.param(
            "Five gunmen stormed a hotel in Kabul on Tuesday and killed 18 guests before all five "
            "attackers were shot dead.",
            18,
            5,
            id="victims-before-attackers",
        ),
    ],
)
def test_attackers_killed_are_counted_apart_from_their_victims(
    text: str, victims: int, attackers: int
) -> None:
    incident = one(run(text)[0])
    assert deaths(incident) == victims
    assert incident.attackers_killed is not None
    assert incident.attackers_killed.best == attackers


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        pytest.param(
            "Six visiting hikers were killed when gunmen opened fire in Kunar on Monday.",
            6,
            id="any-plural-noun-before-a-passive",
        ),
        pytest.param(
            "Three foreign backpackers died when a bomb exploded in Herat on Monday.",
            3,
            id="any-plural-noun-before-died",
        ),
        pytest.param(
            "A bomb exploded in Quetta on Monday. Forty ISKP fighters, including two commanders, "
            "were killed in a raid.",
            40,
            id="aside-with-including",
        ),
        pytest.param(
            "A drone strike hit a car in Khost on Monday. Four other men, including the driver "
            "of the car, a local shopkeeper, were also killed.",
            4,
            id="long-aside",
        ),
        pytest.param(
            "Gunmen attacked a checkpoint in Zhob on Monday. Five soldiers were initially "
            "reported to have died.",
            5,
            id="reported-to-have-died",
        ),
        pytest.param(
            "Mullah Abdul Karim, the governor of the province, was killed by a roadside bomb in "
            "Helmand on Monday.",
            1,
            id="named-person-with-appositive",
        ),
    ],
)
def test_a_subject_count_reads_past_asides_and_hedges(text: str, killed: int) -> None:
    incidents, _ = run(text)
    assert killed in [deaths(i) for i in incidents], describe(incidents)


def test_a_running_total_revises_the_toll() -> None:
    incident = one(
        run(
            "A suicide bomber killed six people in Bannu on Monday. Four more died in hospital, "
            "bringing the total to ten."
        )[0]
    )
    assert deaths(incident) == 10


def test_two_bombs_killing_people_is_no_count_of_two() -> None:
    incidents, _ = run("Two bombs killed five people in Kohat on Monday.")
    assert [deaths(i) for i in incidents] == [5]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        pytest.param(
            "2023-05-01: Militants attacked a checkpoint in Zhob. Fatalities: 4 FC soldiers, "
            "2 militants.",
            6,
            id="fatalities-field",
        ),
        pytest.param(
            "2023-05-01: Militants attacked a post in Khost, Afghanistan. Deaths: 3.",
            3,
            id="deaths-field",
        ),
        pytest.param(
            "Unknown gunmen shot and killed a polio vaccinator in Kohat on Monday.",
            1,
            id="a-person-noun-outside-the-lexicon",
        ),
        pytest.param(
            "Gunmen shot dead an off-duty radiographer in Quetta on Monday.",
            1,
            id="a-hyphenated-modifier",
        ),
    ],
)
def test_coded_fields_and_any_singular_victim(text: str, killed: int) -> None:
    incidents, _ = run(text)
    assert killed in [deaths(i) for i in incidents], describe(incidents)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        pytest.param(
            "Gunmen killed Mohammad Nabi, 45, and his son in Kohat on Monday.", 2, id="age-in-list"
        ),
        pytest.param(
            "Abdul Wali, 30, of Kandahar, was killed by a roadside bomb on Monday.",
            1,
            id="age-of-the-subject",
        ),
        pytest.param(
            "A bomb killed Gul Ahmad (52) and two of his sons in Zhob on Monday.",
            3,
            id="age-in-brackets",
        ),
    ],
)
def test_an_age_is_never_a_toll(text: str, killed: int) -> None:
    assert deaths(one(run(text)[0])) == killed


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("A bomb in Kabul on Monday killed 12 people and wounded another 30.", 12, 30),
        ("Gunmen in Zhob killed three guards on Monday and injured a further seven.", 3, 7),
    ],
)
def test_another_n_wounded_after_a_toll(text: str, killed: int, wounded: int) -> None:
    incident = one(run(text)[0])
    assert (deaths(incident), hurt(incident)) == (killed, wounded)
