"""Tests for mapper.extract: incidents and claims from sentences of our own, and the seed gold."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from mapper.documents import Document
from mapper.extract import extract_document, split_sentences
from mapper.gazetteer import Gazetteer, Place
from mapper.geoparse import Mention
from mapper.model import Claim, Incident
from mapper.pipeline import extract


def _place(
    pid: str,
    name: str,
    lat: float,
    lon: float,
    fclass: str,
    fcode: str,
    cc: str,
    a1code: str = "",
    a1: str = "",
) -> Place:
    country = {"AF": "Afghanistan", "PK": "Pakistan", "RU": "Russia", "UZ": "Uzbekistan"}[cc]
    return Place(pid, name, name, lat, lon, fclass, fcode, cc, country, a1code, a1, "", "", 0, "t")


PLACES = [
    _place("t:kabul", "Kabul", 34.528, 69.172, "P", "PPLC", "AF", "AF.13", "Kabul"),
    _place(
        "t:hkia",
        "Hamid Karzai International Airport",
        34.566,
        69.212,
        "S",
        "AIRP",
        "AF",
        "AF.13",
        "Kabul",
    ),
    _place("t:jalalabad", "Jalalabad", 34.426, 70.451, "P", "PPLA", "AF", "AF.18", "Nangarhar"),
    _place("t:nangarhar", "Nangarhar", 34.215, 70.302, "A", "ADM1", "AF", "AF.18", "Nangarhar"),
    _place("t:kunar", "Kunar", 34.901, 71.106, "A", "ADM1", "AF", "AF.04", "Kunar"),
    _place("t:herat", "Herat", 34.348, 62.199, "P", "PPLA", "AF", "AF.11", "Herat"),
    _place("t:kandahar", "Kandahar", 31.613, 65.710, "P", "PPLA", "AF", "AF.23", "Kandahar"),
    _place("t:kunduz", "Kunduz", 36.728, 68.857, "P", "PPLA", "AF", "AF.24", "Kunduz"),
    _place("t:afghanistan", "Afghanistan", 33.9, 65.2, "A", "PCLI", "AF"),
    _place("t:pakistan", "Pakistan", 30.4, 70.1, "A", "PCLI", "PK"),
    _place("t:peshawar", "Peshawar", 34.008, 71.578, "P", "PPLA", "PK", "PK.03", "KP"),
    _place("t:quetta", "Quetta", 30.184, 67.001, "P", "PPLA", "PK", "PK.02", "Balochistan"),
    _place("t:moscow", "Moscow", 55.752, 37.618, "P", "PPLC", "RU", "RU.48", "Moscow"),
    _place("t:uzbekistan", "Uzbekistan", 41.4, 63.4, "A", "PCLI", "UZ"),
    _place("t:termez", "Termez", 37.224, 67.278, "P", "PPLA", "UZ", "UZ.12", "Surxondaryo"),
]
ALTERNATES = {"t:hkia": ["Kabul airport", "Kabul International Airport"]}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_places(PLACES, ALTERNATES)


def stub_geoparse(document: Document, gazetteer: Gazetteer) -> list[Mention]:
    """Every fixture place name in the text, resolved (a stand-in for the real geoparser)."""
    found: list[Mention] = []
    for place in PLACES:
        for match in re.finditer(rf"\b{re.escape(place.name)}\b", document.text):
            found.append(
                Mention(match.group(), match.start(), match.end(), place, 1.0, (place,), "resolved")
            )
    return sorted(found, key=lambda m: m.start)


def run(text: str, gazetteer: Gazetteer, date: str | None = "2023-05-10"):
    document = Document("doc", "doc.txt", "t", date, None, None, text, 0)
    return extract_document(document, stub_geoparse(document, gazetteer), gazetteer)


def one(items: list[Incident]) -> Incident:
    assert len(items) == 1, [i.summary or (i.sub_event_type, i.location_text) for i in items]
    return items[0]


def claim_of(claims: list[Claim], claim_type: str) -> Claim:
    found = [c for c in claims if c.claim_type == claim_type]
    assert len(found) == 1, [(c.claim_type, c.claimant) for c in claims]
    return found[0]


# --- sentences -------------------------------------------------------------------------------


def test_split_sentences_keeps_offsets_and_abbreviations() -> None:
    text = "The U.S. Army said so. Gen. Smith agreed!\nA new line.\n\nLast one"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "The U.S. Army said so.",
        "Gen. Smith agreed!",
        "A new line.",
        "Last one",
    ]


def test_split_sentences_joins_hard_wrapped_lines() -> None:
    text = "Militants attacked a\ncheckpoint in Herat on\nMonday. Police said\nthree died."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Militants attacked a\ncheckpoint in Herat on\nMonday.",
        "Police said\nthree died.",
    ]


@pytest.mark.parametrize(
    "text, sentences",
    [
        (
            "# Two killed in Quetta\n\nA bomb killed two people in Quetta on Monday.",
            ["Two killed in Quetta", "A bomb killed two people in Quetta on Monday."],
        ),
        (  # hard-wrapped text: the heading is still a line of its own
            "## Ambush near Zhob ##\nGunmen ambushed a convoy\nnear Zhob on Sunday",
            ["Ambush near Zhob", "Gunmen ambushed a convoy\nnear Zhob on Sunday"],
        ),
        (  # a hashtag is no heading, nor a '#' inside a line
            "#Pakistan trends after the blast. Issue # 4 of the bulletin.",
            ["#Pakistan trends after the blast.", "Issue # 4 of the bulletin."],
        ),
    ],
)
def test_a_markdown_heading_is_a_sentence_without_its_marks(
    text: str, sentences: list[str]
) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


def test_a_run_on_text_without_full_stops_is_cut_into_bounded_sentences() -> None:
    # a file of 20,000 words and no sentence end used to be one "sentence": per-sentence work
    # made extraction quadratic (minutes for 100 KB); each piece now ends at a comma or space
    from mapper._rules import MAX_SENTENCE

    words = ["gunmen", "attacked", "a", "checkpoint", "in", "Kandahar,", "police", "said"]
    text = " ".join(words[i % len(words)] for i in range(20_000))
    spans = split_sentences(text)
    assert len(spans) > 1 and all(b - a <= MAX_SENTENCE for a, b in spans)
    assert all(text[b - 1] == "," or text[b : b + 1] in {" ", ""} for a, b in spans)
    assert " ".join(text[a:b] for a, b in spans).split() == text.split()
    short = "Gunmen attacked a checkpoint in Kandahar, police said. Two died."
    assert len(split_sentences(short)) == 2


# --- incidents: type, place, date, perpetrator, casualties ------------------------------------


def test_suicide_bombing_with_weekday_date_and_toll(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "A suicide bomber blew himself up at a mosque in Kunduz on Friday, killing at least "
        "40 worshippers, officials said.",
        gazetteer,
        date="2021-10-10",
    )
    incident = one(incidents)
    assert incident.sub_event_type == "Suicide bomb"
    assert incident.event_type == "Explosions/Remote violence"
    assert incident.place is not None and incident.place.id == "t:kunduz"
    assert incident.when.start is not None and incident.when.start.isoformat() == "2021-10-08"
    assert incident.fatalities is not None
    assert (incident.fatalities.best, incident.fatalities.low, incident.fatalities.high) == (
        40,
        40,
        None,
    )
    assert incident.venue == "mosque"
    assert incident.attribution == "unknown" and incident.perpetrator is None
    assert claims == []


def test_no_group_has_claimed_keeps_perpetrator_unknown(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "No group has claimed responsibility for the roadside bomb that killed three police "
        "officers near Jalalabad.",
        gazetteer,
    )
    incident = one(incidents)
    assert incident.sub_event_type == "Remote explosive/landmine/IED"
    assert incident.place is not None and incident.place.id == "t:jalalabad"
    assert incident.geo_precision == 2  # "near" Jalalabad
    assert incident.fatalities is not None and incident.fatalities.best == 3
    assert incident.perpetrator is None and claims == []


def test_denial_clears_the_subject_as_perpetrator(gazetteer: Gazetteer) -> None:
    incidents, claims = run("The TTP denied responsibility for the blast in Peshawar.", gazetteer)
    incident = one(incidents)
    assert incident.place is not None and incident.place.id == "t:peshawar"
    assert incident.perpetrator is None
    denial = claim_of(claims, "denial")
    assert denial.claimant == "ttp" and denial.incidents == (incident.id,)


def test_responsibility_claim_with_channel(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "Islamic State Khorasan Province claimed responsibility for the bombing in Peshawar "
        "through its Amaq news agency.",
        gazetteer,
    )
    incident = one(incidents)
    assert incident.perpetrator == "iskp" and incident.attribution == "claimed"
    claim = claim_of(claims, "responsibility")
    assert claim.claimant == "iskp" and claim.incidents == (incident.id,)
    assert claim.channel is not None and claim.channel.lower().startswith("amaq")


def test_unverified_claim_records_the_hedge(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "ISKP claimed the rocket attack on Termez on Telegram, though the claim could not be "
        "independently verified.",
        gazetteer,
    )
    incident = one(incidents)
    assert incident.sub_event_type == "Shelling/artillery/missile attack"
    assert incident.place is not None and incident.place.id == "t:termez"
    claim = claim_of(claims, "responsibility")
    assert "could not be independently verified" in claim.hedges
    assert claim.channel == "Telegram"


def test_arrest_with_full_date(gazetteer: Gazetteer) -> None:
    incident = one(
        run(
            "Pakistani security forces arrested five suspected militants in Quetta on "
            "3 March 2023.",
            gazetteer,
        )[0]
    )
    assert incident.sub_event_type == "Arrests"
    assert incident.perpetrator == "pakistan"
    assert incident.when.start is not None and incident.when.start.isoformat() == "2023-03-03"
    assert incident.when.precision == "day" and not incident.when.inferred


def test_abduction_in_a_province_is_region_precision(gazetteer: Gazetteer) -> None:
    incident = one(
        run("Gunmen abducted two aid workers in Kunar province last week.", gazetteer)[0]
    )
    assert incident.sub_event_type == "Abduction/forced disappearance"
    assert incident.geo_precision == 3
    assert incident.when.precision == "week"


def test_drone_strike_target_is_not_perpetrator(gazetteer: Gazetteer) -> None:
    incident = one(
        run("A drone strike killed a senior TTP commander in Kunar on Tuesday.", gazetteer)[0]
    )
    assert incident.sub_event_type == "Air/drone strike"
    assert incident.perpetrator is None
    assert "TTP" in incident.targets


@pytest.mark.parametrize(
    "text",
    [
        "Officials fear a possible attack on the airport in Kabul during the holiday.",
        "In recent years, ISKP has carried out dozens of attacks in Nangarhar.",
        "Police foiled a suicide attack in Peshawar.",
        "Who attacked the checkpoint in Herat?",
        "US intelligence warned that another attack on Kabul was imminent.",
        "Seven men were arrested in Quetta on charges of planning terrorist attacks.",
    ],
)
def test_hypothetical_habitual_and_questions_make_no_incident(
    text: str, gazetteer: Gazetteer
) -> None:
    incidents, _ = run(text, gazetteer)
    assert [i.sub_event_type for i in incidents] in ([], ["Arrests"])


def test_threat_is_a_claim_not_an_incident(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "The TTP threatened to attack government offices in Peshawar.", gazetteer
    )
    assert incidents == []
    threat = claim_of(claims, "threat")
    assert threat.claimant == "ttp"
    assert [p.id for p in threat.places] == ["t:peshawar"]


def test_condemnation_links_the_incident(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "The Pakistani government condemned the bombing in Peshawar that killed 12 people.",
        gazetteer,
    )
    incident = one(incidents)
    assert incident.fatalities is not None and incident.fatalities.best == 12
    claim = claim_of(claims, "condemnation")
    assert claim.claimant == "pakistan" and claim.incidents == (incident.id,)


def test_allegation_names_who_it_is_about(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "The Taliban accused the ISI of sheltering ISKP fighters in Peshawar.", gazetteer
    )
    claim = claim_of(claims, "allegation")
    assert claim.claimant == "taliban" and claim.about == "isi"


def test_vague_numbers_follow_the_documented_rule(gazetteer: Gazetteer) -> None:
    incident = one(
        run("Dozens of people were wounded when a car bomb exploded in Kandahar.", gazetteer)[0]
    )
    assert incident.wounded is not None
    assert (incident.wounded.best, incident.wounded.low, incident.wounded.high) == (12, 12, 99)
    assert incident.sub_event_type == "Remote explosive/landmine/IED"


def test_number_words_for_killed_and_injured(gazetteer: Gazetteer) -> None:
    incident = one(
        run("Seven civilians were killed and 12 injured in an explosion in Kandahar.", gazetteer)[0]
    )
    assert incident.fatalities is not None and incident.fatalities.best == 7
    assert incident.wounded is not None and incident.wounded.best == 12


def test_prison_assault(gazetteer: Gazetteer) -> None:
    incident = one(
        run(
            "Hundreds of prisoners escaped after militants stormed the prison in Jalalabad.",
            gazetteer,
        )[0]
    )
    assert (incident.sub_event_type, incident.method) == ("Other", "prison break")
    assert incident.event_type == "Strategic developments"
    assert incident.place is not None and incident.place.id == "t:jalalabad"


def test_execution_by_named_actor(gazetteer: Gazetteer) -> None:
    incident = one(run("The Taliban publicly executed a man in Herat on Monday.", gazetteer)[0])
    assert (incident.sub_event_type, incident.method) == ("Attack", "execution")
    assert incident.perpetrator == "taliban" and incident.attribution == "attributed"
    assert incident.when.start is not None and incident.when.start.isoformat() == "2023-05-08"


def test_ambush_with_killing_count(gazetteer: Gazetteer) -> None:
    incident = one(
        run("ISKP fighters ambushed a Taliban patrol in Nangarhar, killing four.", gazetteer)[0]
    )
    assert (incident.sub_event_type, incident.method) == ("Armed clash", "ambush")
    assert incident.event_type == "Battles" and incident.perpetrator == "iskp"
    assert incident.fatalities is not None and incident.fatalities.best == 4


def test_clash_subject_is_perpetrator(gazetteer: Gazetteer) -> None:
    incident = one(run("Taliban forces clashed with ISKP militants in Kunar.", gazetteer)[0])
    assert incident.sub_event_type == "Armed clash" and incident.perpetrator == "taliban"


def test_has_not_claimed_is_no_claim_and_no_perpetrator(gazetteer: Gazetteer) -> None:
    incidents, claims = run("The Islamic State has not claimed the attack in Kabul.", gazetteer)
    incident = one(incidents)
    assert incident.perpetrator is None and claims == []


def test_reportedly_makes_attribution_alleged(gazetteer: Gazetteer) -> None:
    incident = one(run("ISKP reportedly carried out the bombing in Jalalabad.", gazetteer)[0])
    assert incident.perpetrator == "iskp" and incident.attribution == "alleged"


def test_mortar_hits_a_school(gazetteer: Gazetteer) -> None:
    incident = one(
        run("According to local officials, a mortar shell hit a school in Kunar.", gazetteer)[0]
    )
    assert incident.sub_event_type == "Shelling/artillery/missile attack"
    assert incident.venue == "school"


def test_days_ago_is_relative_to_the_document_date(gazetteer: Gazetteer) -> None:
    incident = one(run("Two days ago, a bomb exploded in Herat.", gazetteer)[0])
    assert incident.when.start is not None and incident.when.start.isoformat() == "2023-05-08"


def test_coordinated_places_make_one_incident_each(gazetteer: Gazetteer) -> None:
    incidents, _ = run("Militants attacked checkpoints in Kunar and Nangarhar.", gazetteer)
    assert sorted(i.place.id for i in incidents if i.place) == ["t:kunar", "t:nangarhar"]


def test_kabul_airport_is_the_airport(gazetteer: Gazetteer) -> None:
    incident = one(run("A rocket struck Kabul airport on Sunday.", gazetteer)[0])
    assert incident.place is not None and incident.place.id == "t:hkia"
    assert incident.location_text == "Kabul airport" and incident.geo_precision == 1


def test_the_airport_refers_back_to_the_named_one(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "A bomb exploded outside Kabul airport on Sunday. On Monday, rockets were fired at "
        "the airport.",
        gazetteer,
    )
    rockets = [i for i in incidents if i.sub_event_type.startswith("Shelling")]
    assert len(rockets) == 1 and rockets[0].place is not None
    assert rockets[0].place.id == "t:hkia"


def test_the_group_resolves_to_the_named_actor(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "ISKP released a statement on Sunday. The group said it carried out the bombing in "
        "Jalalabad.",
        gazetteer,
    )
    incident = one(incidents)
    assert incident.perpetrator == "iskp" and incident.attribution == "claimed"
    assert claim_of(claims, "responsibility").claimant == "iskp"


def test_claimed_by_passive(gazetteer: Gazetteer) -> None:
    incidents, claims = run("The attack in Moscow was claimed by the Islamic State.", gazetteer)
    incident = one(incidents)
    assert incident.perpetrator == "is" and incident.attribution == "claimed"
    claim = claim_of(claims, "responsibility")
    assert claim.claimant == "is" and claim.incidents == (incident.id,)


def test_demonym_territory_is_the_country(gazetteer: Gazetteer) -> None:
    incident = one(run("Rockets fired from Afghanistan landed on Uzbek territory.", gazetteer)[0])
    assert incident.place is not None and incident.place.id == "t:uzbekistan"
    assert incident.geo_precision == 3


def test_mentions_of_one_incident_merge_within_a_document(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "A suicide attack hit a wedding in Kandahar on Saturday. The bombing killed 20 guests. "
        "ISKP claimed the suicide attack in a statement.",
        gazetteer,
    )
    incident = one(incidents)
    assert incident.fatalities is not None and incident.fatalities.best == 20
    assert len(incident.sources) == 3
    assert incident.perpetrator == "iskp" and incident.attribution == "claimed"
    assert claim_of(claims, "responsibility").incidents == (incident.id,)


def test_undated_document_without_year_keeps_date_unknown(gazetteer: Gazetteer) -> None:
    incident = one(run("Militants attacked a checkpoint in Herat on May 3.", gazetteer, None)[0])
    assert not incident.when.known and incident.when.precision == "unknown"
    assert incident.when.text == "May 3"


def test_extract_links_documents(gazetteer: Gazetteer) -> None:
    documents = [
        Document(
            "a",
            "a.txt",
            "a",
            "2023-05-10",
            None,
            None,
            "A suicide bombing at Kabul airport on Monday killed 30 people.",
            0,
        ),
        Document(
            "b",
            "b.txt",
            "b",
            "2023-05-11",
            None,
            None,
            "ISKP claimed the suicide attack at Kabul airport on Monday.",
            0,
        ),
    ]
    extraction = extract(documents, gazetteer, geoparser=stub_geoparse)
    incident = one(extraction.incidents)
    assert {s.document for s in incident.sources} == {"a", "b"}
    assert incident.attribution == "claimed" and incident.perpetrator == "iskp"
    assert set(extraction.mentions) == {"a", "b"}
    assert [d.id for d in extraction.documents] == ["a", "b"]


# --- the seeds against the gold file ----------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_seeds_reach_recall_and_precision_on_the_gold_file() -> None:
    from mapper.actors import load_actors
    from mapper.documents import load_documents
    from mapper.evaluate import score_gold
    from mapper.gazetteer import load_gazetteer

    gold = json.loads((ROOT / "tests" / "gold_incidents_seeds.json").read_text("utf-8"))
    extraction = extract(load_documents([ROOT / "seeds"]), load_gazetteer())
    score = score_gold(extraction.incidents, extraction.claims, gold, load_actors())
    assert score.recall >= 0.9, score.missed
    assert score.precision >= 0.8, score.spurious
    assert score.incident_recall >= 0.9 and score.claim_recall >= 0.9, score.missed
    assert score.incident_precision >= 0.8 and score.claim_precision >= 0.8, score.spurious
    assert score.about_agree >= 0.9 * score.about_checked, score.disagree
    assert score.channel_agree >= 0.8 * score.channel_checked, score.disagree


def test_claim_and_denial_in_the_next_sentence_link_back(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "A suicide bomber struck a police compound in Peshawar on Monday. Jamaat-ul-Ahrar "
        "claimed responsibility, but the TTP denied any involvement.",
        gazetteer,
    )
    incident = one(incidents)
    assert incident.perpetrator == "jua" and incident.attribution == "claimed"
    assert claim_of(claims, "responsibility").incidents == (incident.id,)
    denial = claim_of(claims, "denial")
    assert denial.claimant == "ttp" and denial.incidents == (incident.id,)


def test_pronoun_after_a_non_actor_subject_is_not_a_group(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "ISKP attacked a checkpoint in Herat on Monday. Police said they had arrested two "
        "suspects in Quetta.",
        gazetteer,
    )
    arrest = next(i for i in incidents if i.sub_event_type == "Arrests")
    assert arrest.perpetrator is None
    assert [c.claim_type for c in claims] == []


def test_blame_without_a_named_claimant_is_no_claim(gazetteer: Gazetteer) -> None:
    _, claims = run("Residents blamed ISKP for the blast in Herat.", gazetteer)
    assert claims == []


def test_raid_is_an_armed_clash(gazetteer: Gazetteer) -> None:
    incident = one(
        run(
            "Taliban forces raided a hideout in Herat on Tuesday, killing three fighters.",
            gazetteer,
        )[0]
    )
    assert incident.sub_event_type == "Armed clash" and incident.perpetrator == "taliban"
    assert incident.fatalities is not None and incident.fatalities.best == 3


@pytest.mark.parametrize(
    ("text", "sub_event_type", "perpetrator"),
    [
        ("ISKP killed five Taliban fighters in Kunar on Monday.", "Armed clash", "iskp"),
        (
            "Unidentified gunmen shot dead a Taliban commander in Kunduz on 12 March.",
            "Attack",
            None,
        ),
        (
            "Militants threw a hand grenade at a police station in Quetta on Friday.",
            "Grenade",
            None,
        ),
        (
            "Heavy fighting between the Taliban and ISKP broke out in Nangarhar.",
            "Armed clash",
            "taliban",
        ),
    ],
)
def test_more_trigger_forms(
    text: str, sub_event_type: str, perpetrator: str | None, gazetteer: Gazetteer
) -> None:
    incident = one(run(text, gazetteer)[0])
    assert incident.sub_event_type == sub_event_type
    assert incident.perpetrator == perpetrator


def test_passive_killed_is_not_an_incident_on_its_own(gazetteer: Gazetteer) -> None:
    incidents, _ = run("A man was killed in a car crash in Herat on Monday.", gazetteer)
    assert incidents == []


def test_accusation_makes_an_alleged_perpetrator_and_denial_keeps_it(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "In its weekly Al-Naba editorial, the Islamic State praised an attack in Herat but did "
        "not claim it. A suicide bomber attacked a school in Kabul on Friday, killing 53 "
        "students. The Taliban blamed ISKP for the bombing. ISKP later denied involvement.",
        gazetteer,
    )
    bombing = next(i for i in incidents if i.place is not None and i.place.id == "t:kabul")
    assert bombing.sub_event_type == "Suicide bomb"
    assert bombing.perpetrator == "iskp" and bombing.attribution == "alleged"
    allegation = claim_of(claims, "allegation")
    assert allegation.claimant == "taliban" and allegation.incidents == (bombing.id,)
    assert allegation.channel is None  # Al-Naba is the Islamic State's outlet, not the Taliban's
    denial = claim_of(claims, "denial")
    assert denial.claimant == "iskp" and denial.incidents == (bombing.id,)
    assert not [c for c in claims if c.claim_type == "responsibility"]


# --- places taken from context (second pass) -------------------------------------------------


def test_unplaced_incident_takes_the_paragraph_country(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "The TTP spent the winter in Afghanistan, raiding posts in Herat and Kunduz. "
        "The TTP also carried out a suicide bombing at a wedding party.",
        gazetteer,
    )
    bombing = next(i for i in incidents if i.sub_event_type == "Suicide bomb")
    assert bombing.place is not None and bombing.place.id == "t:afghanistan"
    assert bombing.geo_precision == 3 and bombing.place_inferred
    assert bombing.location_text == "Afghanistan (from context)"
    from mapper.actors import load_actors
    from mapper.link import summarise

    assert "in Afghanistan (place not stated" in summarise(bombing, load_actors())


def test_unplaced_incident_takes_the_one_province_of_its_paragraph(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "Fighting spread in Nangarhar last week, and clashes were reported in Jalalabad. "
        "The TTP also kidnapped two engineers on Monday.",
        gazetteer,
    )
    abduction = next(i for i in incidents if i.sub_event_type.startswith("Abduction"))
    assert abduction.place is not None and abduction.place.id == "t:nangarhar"
    assert abduction.geo_precision == 3 and abduction.place_inferred


def test_paragraph_without_places_falls_back_to_the_document(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "The TTP has grown in Pakistan. Its cells are active in Peshawar and in Quetta.\n\n"
        "The group says it sabotaged power lines on Sunday.",
        gazetteer,
    )
    sabotage = one([i for i in incidents if i.method == "sabotage"])
    assert sabotage.place is not None and sabotage.place.id == "t:pakistan"
    assert sabotage.place_inferred and sabotage.geo_precision == 3


def test_no_place_and_no_clear_focus_stays_unplaced(gazetteer: Gazetteer) -> None:
    alone, _ = run("The TTP carried out a suicide bombing at a wedding party.", gazetteer)
    assert one(alone).place is None and one(alone).geo_precision is None
    split, _ = run(
        "The TTP operates in Pakistan and in Afghanistan. "
        "The TTP carried out a suicide bombing at a wedding party.",
        gazetteer,
    )
    assert one(split).place is None and not one(split).place_inferred


def test_places_as_actors_are_no_focus(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "Pakistan said it was worried. Pakistan has closed a crossing. "
        "The TTP carried out a suicide bombing at a wedding party in Herat.\n\n"
        "The TTP also carried out a suicide bombing at a funeral.",
        gazetteer,
    )
    funeral = next(i for i in incidents if "funeral" in i.sources[0].sentence)
    assert funeral.place is not None and funeral.place.country_code == "AF"


def test_a_place_from_context_is_no_evidence_across_documents(gazetteer: Gazetteer) -> None:
    first = Document(
        "a",
        "a.txt",
        "a",
        "2023-05-10",
        None,
        None,
        "The TTP fought in Afghanistan. The TTP carried out a suicide bombing at a wedding.",
        0,
    )
    second = Document(
        "b",
        "b.txt",
        "b",
        "2023-05-10",
        None,
        None,
        "The TTP carried out a suicide bombing in Kabul.",
        0,
    )
    extraction = extract([first, second], gazetteer, geoparser=stub_geoparse)
    assert len([i for i in extraction.incidents if i.sub_event_type == "Suicide bomb"]) == 2


# --- claims (second pass) ---------------------------------------------------------------------


def test_pronoun_after_an_acting_state_is_not_the_group(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "ISKP published a new issue of its magazine. It says that Pakistan is weak, since they "
        "threatened the Taliban with sanctions.",
        gazetteer,
    )
    assert not [c for c in claims if c.claim_type == "threat"]


def test_the_group_is_the_group_most_recently_a_subject(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "The Taliban condemned the attack. The Taliban said the attackers were foreigners. "
        "The TTP was formed by militants from the tribal areas. The group, in short, accused "
        "the Taliban of betrayal.",
        gazetteer,
    )
    allegation = claim_of(claims, "allegation")
    assert allegation.claimant == "ttp" and allegation.about == "taliban"


def test_allegation_is_about_the_owner_and_names_the_backer(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "The Taliban said that TTP training camps, supported by Pakistani intelligence, are "
        "located in Peshawar and Quetta.",
        gazetteer,
    )
    allegation = claim_of(claims, "allegation")
    assert allegation.claimant == "taliban" and allegation.about == "ttp"
    assert allegation.also_about == ("isi",)
    assert {p.id for p in allegation.places} == {"t:peshawar", "t:quetta"}


def test_coordinated_targets_and_one_allegation_per_target(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "The TTP accused al-Qaeda and the Taliban of betrayal. Later the TTP openly accused "
        "the Taliban of treason.",
        gazetteer,
    )
    allegation = claim_of(claims, "allegation")
    assert allegation.about == "taliban" and allegation.also_about == ("aq",)
    assert len(allegation.sources) == 2


def test_accusing_the_movement_resolves_to_the_group_named(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "The TTP criticized the deal between Washington and the Taliban, accusing the movement "
        "of betrayal.",
        gazetteer,
    )
    assert claim_of(claims, "allegation").about == "taliban"


def test_another_actors_spokesman_is_not_the_channel(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "ISKP claimed the bombing in Kabul that killed the brother of the spokesman for the "
        "Taliban.",
        gazetteer,
    )
    claim = claim_of(claims, "responsibility")
    assert claim.claimant == "iskp" and claim.channel is None
    _, own = run("The TTP spokesman said the TTP carried out the bombing in Quetta.", gazetteer)
    assert claim_of(own, "responsibility").channel == "spokesman"


def test_its_newspaper_is_the_claimants_outlet_named_elsewhere(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "IS accused the Taliban of apostasy in its weekly newspaper. Analysts were not "
        "surprised. Observers disagreed. Critics were silent. IS has long used Al-Naba for such "
        "messages.",
        gazetteer,
    )
    assert claim_of(claims, "allegation").channel == "Al-Naba"


def test_claim_with_no_channel_takes_its_own_outlet_named_next(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "IS condemned the Taliban for the talks in Herat. IS said so in Al-Naba.", gazetteer
    )
    assert claim_of(claims, "condemnation").channel == "Al-Naba"
    _, other = run(
        "The Taliban condemned IS for the attack in Herat. IS said so in Al-Naba.", gazetteer
    )
    assert claim_of(other, "condemnation").channel is None


def test_a_claim_goes_on_in_the_channel_of_the_sentence_before(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "In a leaked audio message, the Taliban accused ISKP of running camps in Peshawar. They "
        "declared that ISKP training camps are located in Quetta.",
        gazetteer,
    )
    assert len(claims) == 2
    assert all(c.channel == "audio message" and "leaked" in c.hedges for c in claims)
    assert {p.id for p in claims[1].places} == {"t:quetta"}


def test_a_publication_is_the_channel_rather_than_its_producer(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "ISKP released a new issue of Voice of Khurasan, produced by Al-Azaim Foundation. The "
        "group claimed the bombing in Kabul on Friday.",
        gazetteer,
    )
    assert claim_of(claims, "responsibility").channel == "Voice of Khurasan"


# --- wire-story patterns (follow-up to issue 5): sentences of our own ------------------------


def test_toll_update_gives_the_new_figure(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "The death toll from Monday's bombing at a market in Quetta has climbed to 30, "
        "officials said on Wednesday.",
        gazetteer,
    )
    assert one(incidents).fatalities is not None
    assert one(incidents).fatalities.best == 30  # type: ignore[union-attr]
    incidents, _ = run(
        "The number of people killed in the blast in Herat on Friday rose to 17.", gazetteer
    )
    assert one(incidents).fatalities.best == 17  # type: ignore[union-attr]


def test_counts_listed_together_are_added(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "Gunmen attacked a bus in Kandahar on Monday, killing three soldiers and two civilians.",
        gazetteer,
    )
    assert one(incidents).fatalities.best == 5  # type: ignore[union-attr]
    incidents, _ = run(
        "Clashes in Kunduz on Monday left four soldiers and nine militants dead.", gazetteer
    )
    assert one(incidents).fatalities.best == 13  # type: ignore[union-attr]
    incidents, _ = run(
        "A bomb in Herat on Monday killed 4 people and 9 others were injured.", gazetteer
    )
    incident = one(incidents)
    assert incident.fatalities.best == 4 and incident.wounded.best == 9  # type: ignore[union-attr]


def test_claimed_it_links_to_the_incident_told_before(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "A car bomb exploded outside a police station in Kandahar on Sunday, killing four. "
        "A local ISKP commander later claimed it.",
        gazetteer,
    )
    incident = one(incidents)
    claim = claim_of(claims, "responsibility")
    assert claim.claimant == "iskp" and claim.incidents == (incident.id,)
    assert incident.perpetrator == "iskp"


def test_hedge_in_the_next_sentence_goes_to_the_claim(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "Jundallah claimed the bombing of a bus in Quetta on Friday. The claim could not be "
        "verified. Police said the toll could rise.",
        gazetteer,
    )
    assert claim_of(claims, "responsibility").hedges == ("could not be verified",)


def test_spokesman_for_a_group_speaks_for_it(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "A spokesman for Lashkar-e-Jhangvi claimed responsibility for the bombing in Quetta "
        "on Friday.",
        gazetteer,
    )
    claim = claim_of(claims, "responsibility")
    assert claim.claimant == "lej" and claim.incidents == (one(incidents).id,)
    assert claim.channel == "spokesman"


def test_its_fighters_carried_out_is_a_claim(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "A suicide bomber hit a checkpoint in Kunduz on Tuesday. The Islamic State said in a "
        "statement on Amaq that one of its fighters carried out the attack.",
        gazetteer,
    )
    claim = claim_of(claims, "responsibility")
    assert claim.claimant == "is" and claim.incidents == (one(incidents).id,)
    assert claim.channel == "Amaq"  # the named outlet before the generic "statement"


def test_definite_mention_of_an_incident_is_not_a_new_one(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "Pakistani police arrested five men in Peshawar on Monday. The TTP did not comment on "
        "the arrests.",
        gazetteer,
    )
    incident = one(incidents)
    assert incident.perpetrator == "pakistan" and len(incident.sources) == 2
    incidents, claims = run(
        "A suicide bomber struck a wedding in Kunduz on Saturday, killing 20. ISKP claimed the "
        "attack on Sunday.",
        gazetteer,
    )
    incident = one(incidents)  # Sunday is the claim's date, not a second attack's
    assert incident.when.start is not None and incident.when.start.isoformat() == "2023-05-06"
    assert claim_of(claims, "responsibility").incidents == (incident.id,)


def test_counted_object_of_an_arrest_is_not_its_agent(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "Pakistani security forces arrested 9 suspected members of Lashkar-e-Jhangvi in Quetta "
        "on Monday.",
        gazetteer,
    )
    assert one(incidents).perpetrator == "pakistan"


def test_first_side_of_a_clash_and_quantified_subjects(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "Taliban fighters and ISKP militants clashed near Jalalabad on Friday.", gazetteer
    )
    assert one(incidents).perpetrator == "taliban"
    incidents, _ = run(
        "Dozens of TTP fighters attacked two Pakistani army posts near Peshawar on Sunday.",
        gazetteer,
    )
    assert one(incidents).perpetrator == "ttp"


def test_place_before_a_consequence_participle(gazetteer: Gazetteer) -> None:
    incidents, _ = run(
        "Militants attacked a checkpoint in Kunduz on Monday, sparking clashes that killed six.",
        gazetteer,
    )
    assert one(incidents).place is not None and one(incidents).place.name == "Kunduz"  # type: ignore[union-attr]


def test_officials_blame_a_faction(gazetteer: Gazetteer) -> None:
    incidents, claims = run(
        "Pakistani officials blamed the Jamaat-ul-Ahrar faction for the bombing in Peshawar on "
        "Monday.",
        gazetteer,
    )
    claim = claim_of(claims, "allegation")
    assert claim.claimant == "pakistan" and claim.about == "jua"
    assert one(incidents).perpetrator == "jua" and one(incidents).attribution == "alleged"


def test_country_acting_as_claimant(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "Pakistan accused the Taliban of sheltering the TTP, a charge Islamabad rejected.",
        gazetteer,
    )
    allegation = claim_of(claims, "allegation")
    assert allegation.claimant == "pakistan" and allegation.about == "taliban"
    assert claim_of(claims, "denial").claimant == "pakistan"
    _, claims = run("The TTP has cities like Quetta and Kunduz in its sights.", gazetteer)
    assert all(c.claimant == "ttp" for c in claims)


def test_new_actor_aliases() -> None:
    from mapper.actors import load_actors

    index = load_actors()
    found = index.find("The Baloch Liberation Army, the BLF, JuA and Tehreek-e-Jihad Pakistan")
    assert [m.actor for m in found] == ["bla", "blf", "jua", "tjp"]
    assert index.related("jua", "ttp") and index.metonym("Islamabad") == "pakistan"
    assert index.metonym("Kabul") is None  # whom it stands for depends on the date
    assert index.metonym("Kabul", dt.date(2023, 9, 7)) == "taliban"
    assert index.metonym("Afghanistan", dt.date(2020, 1, 1)) == "afghan-forces"
    assert index.find("a tip from a bla bla source") == []


@pytest.mark.slow
def test_wire_stories_reach_recall_and_precision_on_their_gold() -> None:
    from mapper.actors import load_actors
    from mapper.documents import load_documents
    from mapper.evaluate import score_gold
    from mapper.gazetteer import load_gazetteer

    folder = ROOT / "tests" / "data" / "wire_stories"
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    extraction = extract(load_documents(sorted(folder.glob("*.md"))), load_gazetteer())
    score = score_gold(extraction.incidents, extraction.claims, gold, load_actors())
    assert score.recall >= 0.9, score.missed
    assert score.precision >= 0.9, score.spurious
    assert score.fatalities_agree >= 0.8 * score.fatalities_checked, score.disagree
    assert score.hedged_agree == score.hedged_checked, score.disagree


def test_place_as_the_object_of_an_attack_verb(gazetteer: Gazetteer) -> None:
    incidents, _ = run("Ten militants attacked the Quetta cantonment on Monday.", gazetteer)
    assert one(incidents).place is not None and one(incidents).place.name == "Quetta"  # type: ignore[union-attr]


def test_a_country_office_speaks_for_the_country(gazetteer: Gazetteer) -> None:
    _, claims = run(
        "Pakistan's foreign ministry accused Kabul of failing to act against the TTP.",
        gazetteer,
        date="2024-07-16",
    )
    claim = claim_of(claims, "allegation")
    assert claim.claimant == "pakistan" and claim.about == "taliban"
