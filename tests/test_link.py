"""Tests for mapper.link: one incident per event within and across documents, related ones apart."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from mapper.actors import load_actors
from mapper.evaluate import score_gold
from mapper.gazetteer import Place
from mapper.link import compatible, link
from mapper.model import Claim, Count, Incident, Source, When

ACTORS = load_actors()
AIRPORT = Place(
    "t:hkia",
    "Hamid Karzai International Airport",
    "HKIA",
    34.566,
    69.212,
    "S",
    "AIRP",
    "AF",
    "Afghanistan",
    "AF.13",
    "Kabul",
    "",
    "",
    0,
    "t",
)
KABUL = Place(
    "t:kabul",
    "Kabul",
    "Kabul",
    34.528,
    69.172,
    "P",
    "PPLC",
    "AF",
    "Afghanistan",
    "AF.13",
    "Kabul",
    "",
    "",
    0,
    "t",
)
KANDAHAR = Place(
    "t:kdh",
    "Kandahar",
    "Kandahar",
    31.613,
    65.71,
    "P",
    "PPLA",
    "AF",
    "Afghanistan",
    "AF.23",
    "Kandahar",
    "",
    "",
    0,
    "t",
)
THURSDAY = When(dt.date(2021, 8, 26), dt.date(2021, 8, 26), "day", True, "Thursday, August 26")


def incident(doc: str, n: int = 1, **changes: object) -> Incident:
    values: dict[str, object] = {
        "id": f"{doc}:i{n}",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Suicide bomb",
        "when": When(),
        "place": AIRPORT,
        "location_text": "Kabul airport",
        "geo_precision": 1,
        "perpetrator": "iskp",
        "attribution": "attributed",
        "venue": "airport",
        "sources": (Source(doc, "s", 0, 1),),
    }
    values.update(changes)
    return Incident(**values)  # type: ignore[arg-type]


def test_same_bombing_in_three_documents_becomes_one() -> None:
    found = [
        ([incident("a", when=THURSDAY)], []),
        (
            [
                incident(
                    "b",
                    when=THURSDAY,
                    perpetrator="is",
                    fatalities=Count(100, 100, None, "more than a hundred"),
                )
            ],
            [],
        ),
        (
            [
                incident(
                    "c",
                    when=THURSDAY,
                    sub_event_type="Attack",
                    event_type="Violence against civilians",
                    generic=True,
                    venue="airport",
                    place=KABUL,
                    geo_precision=1,
                )
            ],
            [],
        ),
    ]
    incidents, _ = link(found, ACTORS)
    assert len(incidents) == 1
    merged = incidents[0]
    assert {s.document for s in merged.sources} == {"a", "b", "c"}
    assert merged.sub_event_type == "Suicide bomb" and merged.perpetrator == "iskp"
    assert merged.when.start == dt.date(2021, 8, 26)
    assert merged.place == AIRPORT
    assert merged.fatalities is not None and merged.fatalities.best == 100


def test_undated_incidents_are_never_linked() -> None:
    # Same place, type and perpetrator, but no date said: no evidence they are one event.
    found = [([incident("a")], []), ([incident("b")], []), ([incident("c", when=THURSDAY)], [])]
    incidents, _ = link(found, ACTORS)
    assert len(incidents) == 3
    # a weekday alone in an undated report is not a date either
    found = [
        ([incident("a", when=THURSDAY)], []),
        ([incident("b", when=When(text="Thursday"))], []),
    ]
    assert len(link(found, ACTORS)[0]) == 2


def test_dates_beyond_their_uncertainty_are_not_linked() -> None:
    monday = When(dt.date(2021, 8, 30), dt.date(2021, 8, 30), "day")
    found = [([incident("a", when=THURSDAY)], []), ([incident("b", when=monday)], [])]
    assert len(link(found, ACTORS)[0]) == 2
    week = When(dt.date(2021, 8, 23), dt.date(2021, 8, 29), "week")
    found = [([incident("a", when=THURSDAY)], []), ([incident("b", when=week)], [])]
    assert len(link(found, ACTORS)[0]) == 1  # the week holds the Thursday
    year = When(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "year")
    found = [([incident("a", when=THURSDAY)], []), ([incident("b", when=year)], [])]
    assert len(link(found, ACTORS)[0]) == 2  # "in 2021" is no evidence


def test_linking_cost_grows_with_the_incidents_not_their_square() -> None:
    # 2,000 reports on 2,000 different days: each is compared only within its day's block.
    import mapper.link as link_module

    calls = 0
    original = link_module.compatible

    def counting(a: Incident, b: Incident, actors: object) -> tuple[bool, int]:
        nonlocal calls
        calls += 1
        return original(a, b, ACTORS)

    base = dt.date(2000, 1, 1)
    found = [
        (
            [
                incident(
                    f"d{n}",
                    when=When(base + dt.timedelta(days=n), base + dt.timedelta(days=n), "day"),
                )
            ],
            [],
        )
        for n in range(2000)
    ]
    link_module.compatible = counting  # type: ignore[assignment]
    try:
        incidents, _ = link(found, ACTORS)
    finally:
        link_module.compatible = original  # type: ignore[assignment]
    assert len(incidents) == 2000 and calls == 0


def test_weekday_mismatch_and_distance_keep_incidents_apart() -> None:
    ok, _ = compatible(
        incident("a", when=THURSDAY), incident("b", when=When(text="Monday")), ACTORS
    )
    assert not ok
    ok, _ = compatible(incident("a"), incident("b", place=KANDAHAR), ACTORS)
    assert not ok
    ok, _ = compatible(incident("a"), incident("b", perpetrator="taliban"), ACTORS)
    assert not ok
    ok, _ = compatible(incident("a", venue="funeral"), incident("b", venue="airport"), ACTORS)
    assert not ok


def test_two_incidents_of_one_document_are_never_merged_across() -> None:
    found = [
        ([incident("a", when=THURSDAY), incident("a", 2, when=THURSDAY)], []),
        ([incident("b", when=THURSDAY)], []),
    ]
    incidents, _ = link(found, ACTORS)
    assert len(incidents) == 2


def test_claims_follow_their_incidents_and_merge() -> None:
    claim_a = Claim(
        "a:c1",
        "iskp",
        "responsibility",
        "iskp",
        incidents=("a:i1",),
        sources=(Source("a", "s", 0, 1),),
    )
    claim_b = Claim(
        "b:c1", "is", "responsibility", "is", incidents=("b:i1",), sources=(Source("b", "s", 0, 1),)
    )
    incidents, claims = link(
        [([incident("a", when=THURSDAY)], [claim_a]), ([incident("b", when=THURSDAY)], [claim_b])],
        ACTORS,
    )
    assert len(incidents) == 1 and len(claims) == 1
    assert claims[0].incidents == (incidents[0].id,) and claims[0].claimant == "iskp"
    assert incidents[0].claims == (claims[0].id,) and incidents[0].attribution == "claimed"
    assert "claims responsibility" in claims[0].summary


def test_summary_says_what_where_when_who() -> None:
    incidents, _ = link(
        [([incident("a", when=THURSDAY, fatalities=Count(13, 13, 13, "13"))], [])], ACTORS
    )
    assert incidents[0].summary == (
        "Suicide bomb at Kabul airport, 2021-08-26, by Islamic State Khorasan Province (ISKP) "
        "(attributed); 13 killed"
    )


def test_score_gold_counts_matches() -> None:
    gold = {
        "incidents": [
            {
                "key": "k",
                "sub_event_type": ["Suicide bomb"],
                "date_start": "2021-08-26",
                "date_end": "2021-08-26",
                "perpetrator": "is",
                "documents": ["a"],
                "place": {"scale": "point", "lat": 34.5659, "lon": 69.2123, "country_code": "AF"},
            }
        ],
        "claims": [
            {
                "key": "c",
                "claimant": "iskp",
                "claim_type": ["responsibility"],
                "incidents": ["k"],
                "documents": ["a"],
            }
        ],
    }
    found = incident("a", when=THURSDAY, claims=("a:c1",))
    claim = Claim("a:c1", "iskp", "responsibility", "iskp", incidents=("a:i1",))
    wrong = incident("a", 2, place=KANDAHAR)
    score = score_gold([found, wrong], [claim], gold, ACTORS)
    assert (score.incidents_matched, score.claims_matched) == (1, 1)
    assert score.recall == 1.0 and score.incident_precision == 0.5
    assert score.spurious == ("a:i2",)


def test_score_gold_checks_toll_and_hedges() -> None:
    gold = {
        "incidents": [
            {
                "key": "k",
                "sub_event_type": ["Suicide bomb"],
                "date_start": None,
                "perpetrator": "iskp",
                "documents": ["a"],
                "place": None,
                "fatalities": 100,
            }
        ],
        "claims": [
            {
                "key": "c",
                "claimant": "iskp",
                "claim_type": ["responsibility"],
                "incidents": ["k"],
                "documents": ["a"],
                "hedged": True,
            }
        ],
    }
    found = incident("a", fatalities=Count(59, 59, None, "at least 59"))
    claim = Claim("a:c1", "iskp", "responsibility", "iskp", incidents=("a:i1",))
    score = score_gold([found], [claim], gold, ACTORS)
    assert (score.fatalities_checked, score.fatalities_agree) == (1, 0)
    assert (score.hedged_checked, score.hedged_agree) == (1, 0)
    assert score.disagree == ("k fatalities 59", "c hedges []")
    updated = incident("a", fatalities=Count(100, 100, 100, "rose to 100"))
    hedged = Claim("a:c1", "iskp", "responsibility", "iskp", ("a:i1",), hedges=("unverified",))
    score = score_gold([updated], [hedged], gold, ACTORS)
    assert score.fatalities_agree == 1 and score.hedged_agree == 1 and score.disagree == ()


def test_follow_up_report_updates_the_toll() -> None:
    first = incident("a", when=THURSDAY, fatalities=Count(59, 59, None, "at least 59"))
    later = incident("b", when=THURSDAY, fatalities=Count(100, 100, 100, "rose to 100"))
    incidents, _ = link([([first], []), ([later], [])], ACTORS)
    assert len(incidents) == 1 and incidents[0].fatalities is not None
    assert incidents[0].fatalities.best == 100 and len(incidents[0].sources) == 2


def test_the_latest_report_gives_the_toll_even_when_lower() -> None:
    from mapper.documents import Document

    def document(doc_id: str, date: str) -> Document:
        return Document(doc_id, f"{doc_id}.txt", doc_id, date, None, None, "", 0)

    early = incident("a", when=THURSDAY, fatalities=Count(120, 120, None, "more than 120"))
    revised = incident("b", when=THURSDAY, fatalities=Count(95, 95, 95, "revised to 95"))
    documents = [document("a", "2021-08-26"), document("b", "2021-08-29")]
    incidents, _ = link([([early], []), ([revised], [])], ACTORS, documents)
    assert incidents[0].fatalities is not None and incidents[0].fatalities.best == 95


AFGHANISTAN = Place(
    "t:af",
    "Afghanistan",
    "Afghanistan",
    33.9,
    65.2,
    "A",
    "PCLI",
    "AF",
    "Afghanistan",
    "",
    "",
    "",
    "",
    0,
    "t",
)


def test_a_place_from_context_is_no_evidence_of_the_same_incident() -> None:
    inferred = {
        "place": AFGHANISTAN,
        "location_text": "Afghanistan (from context)",
        "geo_precision": 3,
        "place_inferred": True,
    }
    found = [([incident("a", when=THURSDAY, **inferred)], []), ([incident("b", when=THURSDAY)], [])]
    incidents = link(found, ACTORS)[0]
    assert len(incidents) == 2  # the country only says where the document is about
    assert [i.place_inferred for i in incidents] == [True, False]
    assert "in Afghanistan (place not stated; from context)" in incidents[0].summary


# --- blocking: the candidates are every pair whose places can be the same ----------------------


def _random_places(rng: random.Random, count: int) -> list[Place]:
    """Towns, sites, admin units, regions and countries around two centres and across a border,
    with some near the poles and the antimeridian."""
    codes = [("P", "PPL"), ("S", "AIRP"), ("A", "ADM1"), ("A", "ADM2"), ("L", "RGN"), ("T", "VAL")]
    codes += [("A", "PCLI"), ("L", "AREA"), ("A", "ADM3")]
    places = []
    for n in range(count):
        lat, lon = rng.choice([(34.5, 69.2), (34.0, 71.5), (78.2, 179.8), (-12.0, -179.9)])
        lat = max(-89.9, min(89.9, lat + rng.uniform(-1.6, 1.6)))
        lon = (lon + rng.uniform(-2.4, 2.4) + 180.0) % 360.0 - 180.0
        fclass, fcode = rng.choice(codes)
        country = rng.choice(["AF", "PK"])
        a1 = f"{country}.{rng.randint(1, 3)}"
        a2 = f"{a1}.{rng.randint(1, 3)}" if rng.random() < 0.7 else ""
        places.append(
            Place(
                f"t:{n % (count // 2)}" if fcode == "PPL" else f"t:{n}",
                f"P{n}",
                f"P{n}",
                lat,
                lon,
                fclass,
                fcode,
                country,
                country,
                a1,
                a1,
                a2,
                a2,
                0,
                "t",
            )
        )
    return places


def test_blocking_finds_every_pair_the_places_of_which_can_be_the_same() -> None:
    from mapper.link import _candidate_pairs, _places

    rng = random.Random(12)
    places = _random_places(rng, 400)
    incidents = []
    for n, place in enumerate(places):
        day = dt.date(2023, 5, 1) + dt.timedelta(days=rng.randint(0, 3))
        width = dt.timedelta(days=rng.choice([0, 0, 1, 6, 30]))
        incidents.append(incident(f"d{n}", place=place, when=When(day, day + width, "day")))
    found = _candidate_pairs(incidents)
    expected = set()
    for a in range(len(incidents)):
        for b in range(a + 1, len(incidents)):
            x, y = incidents[a], incidents[b]
            if x.place is None or y.place is None or x.place.country_code != y.place.country_code:
                continue
            days = set(_days(x.when)) & set(_days(y.when))
            if days and _places(x, y)[1]:
                expected.add((a, b))
    assert len(expected) > 300  # the fixture has pairs of every kind
    assert expected <= found
    assert len(found) < len(incidents) * (len(incidents) - 1) / 8  # and it does block


def _days(when: When) -> list[dt.date]:
    from mapper.link import _days as days

    return days(when)


def test_claims_merge_into_the_first_claim_about_a_shared_incident() -> None:
    from mapper.link import _merge_claims

    def claim(n: int, kind: str, claimant: str, *incidents: str) -> Claim:
        return Claim(f"d{n}:c1", claimant, kind, None, incidents=incidents)

    claims = [
        claim(1, "responsibility", "iskp", "a"),
        claim(2, "denial", "taliban", "a"),
        claim(3, "responsibility", "is", "b"),
        claim(4, "responsibility", "iskp", "b", "a"),  # joins the first (a), not the third
        claim(5, "responsibility", "is", "b"),  # b is now the first's too: joins it
        claim(6, "responsibility", "ttp", "a"),  # an unrelated claimant stays apart
        claim(7, "responsibility", "iskp"),  # about no incident: never merged
    ]
    merged = _merge_claims(claims, ACTORS)
    assert [c.id for c in merged] == ["d1:c1", "d2:c1", "d3:c1", "d6:c1", "d7:c1"]
    assert merged[0].incidents == ("a", "b")
    assert merged[0].claimant == "iskp"
    assert merged[0].sources == ()  # claims of no sentence


def test_reports_of_one_day_in_one_country_are_compared_only_near_each_other() -> None:
    # 400 reports of one day in Afghanistan at 400 places a degree apart: no two can be one.
    import mapper.link as link_module

    calls = 0
    original = link_module.compatible

    def counting(a: Incident, b: Incident, actors: object) -> tuple[bool, int]:
        nonlocal calls
        calls += 1
        return original(a, b, ACTORS)

    day = When(dt.date(2021, 8, 26), dt.date(2021, 8, 26), "day")
    found = []
    for n in range(400):
        place = replace(KABUL, id=f"t:{n}", lat=20.0 + n // 20, lon=60.0 + n % 20, admin1_code="")
        found.append(([incident(f"d{n}", place=place, when=day)], []))
    link_module.compatible = counting  # type: ignore[assignment]
    try:
        incidents, _ = link(found, ACTORS)
    finally:
        link_module.compatible = original  # type: ignore[assignment]
    assert len(incidents) == 400 and calls == 0
