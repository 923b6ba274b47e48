"""One event, one incident: event coreference within a document (mapper.coref) and linking across
documents (mapper.link), on sentences of our own.

ACLED codes one event per place and day however many sentences or sources report it, with every
source listed and the latest reported toll; a claim or a toll told in a later sentence, even with
its own day, belongs to the event it is about; different places, different days and undated
reports are never merged.
"""

from __future__ import annotations

import pytest
from _kinds import (
    deaths,
    describe,
    gazetteer,
    hurt,
    one,
    place_name,
    run,
    run_many,
    start,
    stub_geoparse,
)


def bug(reason: str) -> pytest.MarkDecorator:
    """A fault mapper has today (issue 9), expected to fail until it is fixed."""
    return pytest.mark.xfail(strict=True, reason=reason)


# --- within a document ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "town", "day", "killed", "wounded", "sentences"),
    [
        pytest.param(
            "Bomb kills 12 in Quetta market. A bomb exploded at a crowded market in Quetta on "
            "Monday, killing 12 people. The death toll later rose to 15, police said.",
            "Quetta",
            "2023-05-01",
            15,
            None,
            3,
            id="headline-lead-follow-up",
        ),
        pytest.param(
            "A suicide bomber attacked a funeral in Jalalabad on Sunday. The attack killed 18 "
            "mourners. Officials said the bombing also wounded 40.",
            "Jalalabad",
            "2023-04-30",
            18,
            40,
            3,
            id="the-attack-the-bombing",
        ),
        pytest.param(
            "A bomb exploded at a market in Kohat on Monday. Seven people died.",
            "Kohat",
            "2023-05-01",
            7,
            None,
            2,
            id="bare-toll-sentence",
        ),
        pytest.param(
            "Gunmen attacked a police post in Kohat on Monday. Two officers were killed in the "
            "attack. The TTP claimed it.",
            "Kohat",
            "2023-05-01",
            2,
            None,
            2,
            id="killed-in-the-attack",
        ),
    ],
)
def test_the_sentences_of_one_event_make_one_incident(
    text: str, town: str, day: str, killed: int, wounded: int | None, sentences: int
) -> None:
    incident = one(run(text)[0])
    assert (place_name(incident), start(incident)) == (town, day)
    assert (deaths(incident), hurt(incident)) == (killed, wounded)
    assert len(incident.sources) >= sentences


@pytest.mark.parametrize(
    ("text", "report", "day", "claimant"),
    [
        pytest.param(
            "A car bomb killed 12 soldiers in Zhob on Monday. The TTP claimed the bombing on "
            "Wednesday.",
            "2023-05-04",
            "2023-05-01",
            "ttp",
            id="claimed-on-a-later-weekday",
        ),
        pytest.param(
            "A suicide bomber killed nine people at a market in Kunduz on 2 May. On 3 May, ISKP "
            "said in a statement that it had carried out the attack.",
            "2023-05-04",
            "2023-05-02",
            "iskp",
            id="on-a-later-date-group-said",
        ),
        pytest.param(
            "On 10 June 2022, gunmen killed six Hazara miners near Mastung. On 13 June, the BLA "
            "stated that its fighters were responsible.",
            "2022-06-15",
            "2022-06-10",
            "bla",
            id="stated-its-fighters-were-responsible",
        ),
    ],
)
def test_a_claim_with_its_own_day_joins_the_event_it_is_about(
    text: str, report: str, day: str, claimant: str
) -> None:
    incidents, claims = run(text, report)
    incident = one(incidents)
    assert start(incident) == day
    assert (incident.perpetrator, incident.attribution) == (claimant, "claimed")
    responsibility = [c for c in claims if c.claim_type == "responsibility"]
    assert [c.claimant for c in responsibility] == [claimant]
    assert responsibility[0].incidents == (incident.id,)


def test_two_blasts_at_one_place_and_day_are_one_event_with_both_tolls() -> None:
    incident = one(
        run(
            "Twin blasts hit Peshawar on Monday. The first bomb killed four people near a mosque "
            "and the second killed three at a bus stop."
        )[0]
    )
    assert place_name(incident) == "Peshawar" and deaths(incident) == 7


def test_a_word_inside_a_url_is_no_event() -> None:
    incident = one(
        run(
            "See https://news.example.com/quetta-blast for details. A bomb killed two people in "
            "Zhob on Monday."
        )[0]
    )
    assert place_name(incident) == "Zhob" and deaths(incident) == 2


def test_two_reports_of_one_bombing_in_one_document_are_one_incident_without_a_claim() -> None:
    incidents, claims = run(
        "Police said a roadside bomb killed two soldiers in Kohat on Tuesday. The TTP said the "
        "bomb had killed four soldiers in Kohat."
    )
    incident = one(incidents)
    assert place_name(incident) == "Kohat" and start(incident) == "2023-05-02"
    assert incident.perpetrator is None and claims == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A bomb exploded in Herat on Monday, killing three. A separate bomb killed two people "
            "in Kandahar on Tuesday.",
            {("Herat", "2023-05-01", 3), ("Kandahar", "2023-05-02", 2)},
            id="separate-bomb-elsewhere",
        ),
        pytest.param(
            "Gunmen killed two guards in Sibi on Monday. On Wednesday, gunmen killed three "
            "guards in Sibi.",
            {("Sibi", "2023-05-01", 2), ("Sibi", "2023-05-03", 3)},
            id="same-town-other-day",
        ),
    ],
)
def test_other_places_or_days_are_other_incidents(
    text: str, expected: set[tuple[str, str, int]]
) -> None:
    incidents, _ = run(text)
    assert {(place_name(i), start(i), deaths(i)) for i in incidents} == expected


def test_an_earlier_event_named_in_the_report_keeps_apart() -> None:
    incidents, _ = run(
        "A bomb killed five people in Kunduz on Monday. The attack came a week after a suicide "
        "bombing in Kunduz killed 20 worshippers."
    )
    monday = [i for i in incidents if start(i) == "2023-05-01"]
    assert [deaths(i) for i in monday] == [5], describe(incidents)
    assert len(monday[0].sources) == 2  # "The attack came ..." is about Monday's bombing


# --- across documents -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reports", "day", "killed"),
    [
        pytest.param(
            [
                (
                    "A suicide bomber killed 20 people at a mosque in Kohat on Tuesday.",
                    "2023-05-04",
                ),
                (
                    "At least 22 worshippers died when a bomber blew himself up inside a Kohat "
                    "mosque on Tuesday.",
                    "2023-05-04",
                ),
                (
                    "The death toll from Tuesday's mosque bombing in Kohat rose to 25.",
                    "2023-05-05",
                ),
            ],
            "2023-05-02",
            25,
            id="three-outlets-toll-rose",
        ),
        pytest.param(
            [
                ("A bomb killed six people at a market in Mardan on Monday.", "2023-05-04"),
                (
                    "Police said the toll from Monday's market bombing in Mardan had risen to "
                    "nine.",
                    "2023-05-06",
                ),
            ],
            "2023-05-01",
            9,
            id="follow-up-two-days-later",
        ),
    ],
)
def test_reports_of_one_event_are_one_incident_with_the_latest_toll(
    reports: list[tuple[str, str | None]], day: str, killed: int
) -> None:
    extraction = run_many(reports)
    incident = one(extraction.incidents)
    assert start(incident) == day and deaths(incident) == killed
    assert {s.document for s in incident.sources} == {f"d{k}" for k in range(len(reports))}


@pytest.mark.parametrize(
    "reports",
    [
        pytest.param(
            [
                ("A bomb killed three people in Quetta.", None),
                ("A bomb exploded in Quetta, killing five.", None),
            ],
            id="undated-documents",
        ),
        pytest.param(
            [
                (
                    "A suicide bomber killed 70 people at a hospital in Quetta on Monday.",
                    "2016-08-08",
                ),
                (
                    "A suicide bomber killed 26 people at the railway station in Quetta on "
                    "Saturday.",
                    "2024-11-09",
                ),
            ],
            id="same-city-other-year",
        ),
        pytest.param(
            [
                ("Gunmen killed four policemen in Bannu on Monday.", "2023-05-04"),
                ("A roadside bomb killed two soldiers in Bannu on Wednesday.", "2023-05-04"),
            ],
            id="same-town-other-day",
        ),
        pytest.param(
            [
                ("A bomb killed four people in Mardan on Monday.", "2023-05-04"),
                ("A bomb killed four people in Kohat on Monday.", "2023-05-04"),
            ],
            id="same-day-other-town",
        ),
    ],
)
def test_reports_of_different_or_undated_events_are_never_merged(
    reports: list[tuple[str, str | None]],
) -> None:
    extraction = run_many(reports)
    assert len(extraction.incidents) == len(reports), describe(extraction.incidents)
    assert all(len({s.document for s in i.sources}) == 1 for i in extraction.incidents)


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n", "\n  \n"])
def test_the_lead_event_of_a_dated_report_takes_its_date_after_blank_lines(gap: str) -> None:
    """The report's first paragraph is found past the blank lines that open its body."""
    from mapper.documents import Document
    from mapper.extract import extract_document

    front = "---\ntitle: t\ndate: 2023-05-04\n---\n"
    text = front + gap + "A suicide bomber struck a market in Kabul, killing six people.\n"
    doc = Document("doc", "doc.md", "t", "2023-05-04", None, None, text, len(front))
    gaz = gazetteer()
    incidents, _ = extract_document(doc, stub_geoparse(doc, gaz), gaz)
    assert start(one(incidents)) == "2023-05-04"
    assert one(incidents).when.inferred


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("A bomb killed four people in Kabul on February 30, 2023.", "date_invalid"),
        ("A bomb killed four people in Kabul on 12 March 2031.", "date_future"),
    ],
)
def test_a_date_set_aside_is_flagged_on_its_incident(text: str, flag: str) -> None:
    incident = one(run(text)[0])
    assert flag in incident.flags


@pytest.mark.parametrize(
    ("text", "day", "convention"),
    [
        ("A bomb killed four people in Kabul on 13/04/2023.", "2023-04-13", "day-first"),
        ("A bomb killed four people in Kabul on 04/13/2023.", "2023-04-13", "month-first"),
        ("A bomb killed four people in Kabul on 13 April 2023.", "2023-04-13", None),
    ],
)
def test_an_incident_says_how_its_numeric_date_was_read(
    text: str, day: str, convention: str | None
) -> None:
    incident = one(run(text)[0])
    assert start(incident) == day
    said = incident.when.convention
    assert (said.split(" (")[0] if said else None) == convention


def test_another_event_of_one_sentence_is_its_own_incident_of_that_kind() -> None:
    incidents, _ = run(
        "A drone strike hit a car near Khost on Monday, and another struck a house in Kunar."
    )
    assert sorted((place_name(i), i.sub_event_type) for i in incidents) == [
        ("Khost", "Air/drone strike"),
        ("Kunar", "Air/drone strike"),
    ]


def test_the_events_of_an_undated_lead_sentence_take_the_report_date() -> None:
    incidents, _ = run("A drone strike hit a car near Khost, and another struck a house in Kunar.")
    assert [start(i) for i in incidents] == ["2023-05-04", "2023-05-04"]


@pytest.mark.parametrize(
    "text",
    [
        "A bomb killed six people in Kabul on Monday. The bomb exploded on a minibus in Karte "
        "Se, in the west of the city.",
        "A bomb exploded on a minibus in Karte Se on Monday. Six people were killed in the "
        "blast in Kabul, police said.",
    ],
)
def test_a_neighbourhood_of_a_city_is_that_citys_event_at_its_most_specific(text: str) -> None:
    incident = one(run(text)[0])
    assert (place_name(incident), deaths(incident)) == ("Karte Se", 6)


# --- a brief: items under headlines of their own ----------------------------------------------

_BRIEF_ITEMS = [
    (
        "PAKISTAN: FOUR POLICEMEN KILLED IN BOMB BLAST NEAR QUETTA",
        "QUETTA, Pakistan - Four policemen were killed on Sunday when a bomb hit their van on "
        "the edge of Quetta, officials said.",
    ),
    (
        "AFGHANISTAN: GUNMEN SHOOT DEAD TWO TEACHERS IN KHOST",
        "KHOST, Afghanistan - Gunmen shot dead two teachers outside a school in Khost on Sunday, "
        "a provincial spokesman said.",
    ),
    (
        "IRAQ: ROCKET ATTACK ON BASE NEAR MOSUL",
        "Three rockets struck a military base outside Mosul late on Sunday, wounding five "
        "soldiers, the Security Media Cell said.",
    ),
]


def _brief(head: str, case: str = "upper", sep: str = "\n") -> str:
    def cased(line: str) -> str:
        if case == "title":
            return " ".join(w if w.isupper() and len(w) <= 4 else w.title() for w in line.split())
        if case == "bold":
            return f"**{line.title()}**"
        if case == "sentence":  # "PAKISTAN — Four policemen killed in bomb blast near Quetta"
            country, rest = line.split(": ")
            return f"{country} — {rest.capitalize()}"
        return line

    items = [f"{cased(h)}{sep}{body}" for h, body in _BRIEF_ITEMS]
    return head + "\n\n" + "\n\n".join(items) + "\n"


@pytest.mark.parametrize(
    ("head", "case", "sep"),
    [
        ("DAILY SECURITY BRIEF", "upper", "\n"),
        ("Regional digest", "title", "\n"),
        ("Morning summary", "bold", "\n\n"),
        ("ASIA IN BRIEF", "sentence", "\n"),
    ],
)
def test_each_item_of_a_brief_is_one_incident_with_its_headline(
    head: str, case: str, sep: str
) -> None:
    incidents, _ = run(_brief(head, case, sep))
    assert sorted(
        (place_name(i), start(i), deaths(i), hurt(i), len(i.sources)) for i in incidents
    ) == [
        ("Khost", "2023-04-30", 2, None, 2),
        ("Mosul", "2023-04-30", None, 5, 2),
        ("Quetta", "2023-04-30", 4, None, 2),
    ], describe(incidents)


def test_an_item_of_a_brief_never_takes_another_items_event_of_the_same_day() -> None:
    # the second item's body names no place: it is its headline's event, not the first item's
    text = (
        "NEWS IN BRIEF\n\n"
        "Bomb Kills Three Shoppers in Peshawar Market\n"
        "A bomb hidden in a cart killed three shoppers in Peshawar on Monday, police said.\n\n"
        "Gunmen Kill Two Guards in Bannu\n"
        "Gunmen on motorbikes shot dead two security guards on Monday evening and fled.\n"
    )
    incidents, _ = run(text)
    assert sorted((place_name(i), deaths(i)) for i in incidents) == [
        ("Bannu", 2),
        ("Peshawar", 3),
    ], describe(incidents)


def test_items_of_a_brief_at_one_place_are_still_one_event() -> None:
    text = (
        "LIVE UPDATES\n\n"
        "Blast Hits Kabul Mosque During Friday Prayers\n"
        "A bomb exploded inside a mosque in Kabul during Friday prayers, killing 12 people.\n\n"
        "Kabul Mosque Blast Toll Rises to 18\n"
        "The toll from the bombing of the mosque in Kabul rose to 18, the health ministry said.\n"
    )
    incidents, _ = run(text)
    assert [(place_name(i), deaths(i)) for i in incidents] == [("Kabul", 18)], describe(incidents)


def test_a_story_with_subheadings_that_tell_no_event_is_not_a_brief() -> None:
    # guard: headings without events ("Background") split nothing
    text = (
        "Suicide Bomber Kills 9 in Jalalabad\n\n"
        "A suicide bomber killed nine people at a checkpoint in Jalalabad on Monday.\n\n"
        "Background\n\n"
        "The attack was the third in the city this month, a spokesman said.\n"
    )
    incidents, _ = run(text)
    assert [(place_name(i), deaths(i)) for i in incidents] == [("Jalalabad", 9)], describe(
        incidents
    )


def test_the_only_day_atop_a_text_is_its_masthead_not_each_items_day() -> None:
    # the masthead's day bounds the items; an item's own "on Sunday" is read against it
    text = (
        "WORLD BRIEFS\nThursday, May 4, 2023\n\n"
        + "\n\n".join(f"{h}\n{body}" for h, body in _BRIEF_ITEMS[:2])
        + "\n\nIRAQ: ROCKETS HIT BASE NEAR MOSUL\nThree rockets struck a military base outside "
        "Mosul, wounding five soldiers, the Security Media Cell said.\n"
    )
    incidents, _ = run(text, date=None)
    assert sorted((place_name(i), start(i), i.when.inferred) for i in incidents) == [
        ("Khost", "2023-04-30", False),
        ("Mosul", "2023-05-04", True),
        ("Quetta", "2023-04-30", False),
    ], describe(incidents)
