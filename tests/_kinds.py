"""Helpers for the extraction-kind tests: a small gazetteer built in code and a stub geoparser.

The places are real (coordinates rounded from GeoNames, admin-1 codes in GeoNames' style), so
that containment ("Town, Province, Country") and distances behave as on the real gazetteer;
the stub geoparser resolves every fixture name it finds in the text, longest name first, so a
test checks extraction and not recognition.  Tests that need the real geoparser (metonyms such as
"Islamabad condemned", descriptions such as "the Afghan capital") use :func:`run_real`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from mapper.documents import Document
from mapper.extract import extract_document
from mapper.gazetteer import Gazetteer, Place
from mapper.geoparse import Mention
from mapper.model import Claim, Extraction, Incident
from mapper.pipeline import extract

#: Thursday; the date the handed cases use, so weekday arithmetic is easy to check by hand.
REPORT = "2023-05-04"

_COUNTRIES = {
    "AF": "Afghanistan",
    "PK": "Pakistan",
    "SY": "Syria",
    "IQ": "Iraq",
    "IR": "Iran",
    "US": "United States",
    "GB": "United Kingdom",
    "RU": "Russia",
}


def _p(
    pid: str, name: str, lat: float, lon: float, code: str, cc: str, a1: str = "", a1name: str = ""
) -> Place:
    fclass = "P" if code.startswith("PPL") else "A"
    return Place(
        f"t:{pid}",
        name,
        name,
        lat,
        lon,
        fclass,
        code,
        cc,
        _COUNTRIES[cc],
        a1,
        a1name,
        "",
        "",
        0,
        "t",
    )


PLACES: tuple[Place, ...] = (
    # Afghanistan
    _p("afghanistan", "Afghanistan", 33.9, 65.2, "PCLI", "AF"),
    _p("kabul", "Kabul", 34.528, 69.172, "PPLC", "AF", "AF.13", "Kabul"),
    # a neighbourhood of Kabul that the gazetteer lists as a place of its own
    _p("kartese", "Karte Se", 34.49, 69.12, "PPL", "AF", "AF.13", "Kabul"),
    _p("nangarhar", "Nangarhar", 34.25, 70.45, "ADM1", "AF", "AF.18", "Nangarhar"),
    _p("jalalabad", "Jalalabad", 34.426, 70.451, "PPLA", "AF", "AF.18", "Nangarhar"),
    _p("kunar", "Kunar", 34.85, 71.1, "ADM1", "AF", "AF.34", "Kunar"),
    _p("asadabad", "Asadabad", 34.873, 71.147, "PPLA", "AF", "AF.34", "Kunar"),
    _p("khost", "Khost", 33.339, 69.920, "PPLA", "AF", "AF.37", "Khost"),
    _p("ghazni", "Ghazni", 33.554, 68.421, "PPLA", "AF", "AF.08", "Ghazni"),
    _p("kunduz", "Kunduz", 36.729, 68.857, "PPLA", "AF", "AF.24", "Kunduz"),
    _p("herat", "Herat", 34.348, 62.199, "PPLA", "AF", "AF.11", "Herat"),
    # a village of Herat province that shares its name with a Kabul neighbourhood
    _p("shahrenaw", "Shahr-e Naw", 34.43, 62.05, "PPL", "AF", "AF.11", "Herat"),
    _p("kandahar", "Kandahar", 31.613, 65.710, "PPLA", "AF", "AF.23", "Kandahar"),
    _p("zaranj", "Zaranj", 30.960, 61.861, "PPLA", "AF", "AF.19", "Nimroz"),
    _p("balkh", "Balkh", 36.75, 66.9, "ADM1", "AF", "AF.30", "Balkh"),
    _p("mazar", "Mazar-i-Sharif", 36.709, 67.110, "PPLA", "AF", "AF.30", "Balkh"),
    _p("helmand", "Helmand", 31.0, 64.0, "ADM1", "AF", "AF.10", "Helmand"),
    _p("lashkargah", "Lashkar Gah", 31.593, 64.371, "PPLA", "AF", "AF.10", "Helmand"),
    # Pakistan
    _p("pakistan", "Pakistan", 30.4, 70.1, "PCLI", "PK"),
    _p("kp", "Khyber Pakhtunkhwa", 34.5, 72.0, "ADM1", "PK", "PK.03", "Khyber Pakhtunkhwa"),
    _p("balochistan", "Balochistan", 28.5, 65.5, "ADM1", "PK", "PK.02", "Balochistan"),
    _p("peshawar", "Peshawar", 34.008, 71.578, "PPLA", "PK", "PK.03", "Khyber Pakhtunkhwa"),
    _p("quetta", "Quetta", 30.184, 67.001, "PPLA", "PK", "PK.02", "Balochistan"),
    _p("bannu", "Bannu", 32.985, 70.604, "PPLA2", "PK", "PK.03", "Khyber Pakhtunkhwa"),
    _p("zhob", "Zhob", 31.341, 69.449, "PPLA2", "PK", "PK.02", "Balochistan"),
    _p("mardan", "Mardan", 34.198, 72.050, "PPLA2", "PK", "PK.03", "Khyber Pakhtunkhwa"),
    _p("turbat", "Turbat", 26.001, 63.049, "PPLA2", "PK", "PK.02", "Balochistan"),
    _p("sibi", "Sibi", 29.543, 67.877, "PPLA2", "PK", "PK.02", "Balochistan"),
    _p("kohat", "Kohat", 33.582, 71.449, "PPLA2", "PK", "PK.03", "Khyber Pakhtunkhwa"),
    _p("chitral", "Chitral", 35.852, 71.786, "PPLA2", "PK", "PK.03", "Khyber Pakhtunkhwa"),
    _p("charsadda", "Charsadda", 34.145, 71.731, "PPLA2", "PK", "PK.03", "Khyber Pakhtunkhwa"),
    _p("mastung", "Mastung", 29.799, 66.845, "PPLA2", "PK", "PK.02", "Balochistan"),
    _p("landikotal", "Landi Kotal", 34.099, 71.141, "PPL", "PK", "PK.03", "Khyber Pakhtunkhwa"),
    _p("jamrud", "Jamrud", 34.002, 71.380, "PPL", "PK", "PK.03", "Khyber Pakhtunkhwa"),
    _p("dikhan", "Dera Ismail Khan", 31.832, 70.902, "PPLA2", "PK", "PK.03", "Khyber Pakhtunkhwa"),
    _p("lahore", "Lahore", 31.558, 74.351, "PPLA", "PK", "PK.04", "Punjab"),
    _p("karachi", "Karachi", 24.861, 67.010, "PPLA", "PK", "PK.05", "Sindh"),
    _p("islamabad", "Islamabad", 33.721, 73.043, "PPLC", "PK", "PK.08", "Islamabad"),
    # Syria, Iraq, Iran
    _p("syria", "Syria", 35.0, 38.0, "PCLI", "SY"),
    _p("palmyra", "Palmyra", 34.562, 38.284, "PPL", "SY", "SY.05", "Homs"),
    _p("azaz", "Azaz", 36.587, 37.046, "PPL", "SY", "SY.09", "Aleppo"),
    _p("abukamal", "Abu Kamal", 34.452, 40.919, "PPL", "SY", "SY.07", "Deir ez-Zor"),
    _p("iraq", "Iraq", 33.0, 44.0, "PCLI", "IQ"),
    _p("talafar", "Tal Afar", 36.379, 42.448, "PPL", "IQ", "IQ.15", "Nineveh"),
    _p("mosul", "Mosul", 36.335, 43.119, "PPLA", "IQ", "IQ.15", "Nineveh"),
    _p("iran", "Iran", 32.0, 53.0, "PCLI", "IR"),
    _p("zahedan", "Zahedan", 29.496, 60.863, "PPLA", "IR", "IR.04", "Sistan and Baluchestan"),
    # Places where officials speak
    _p("us", "United States", 39.8, -98.5, "PCLI", "US"),
    _p("washington", "Washington", 38.895, -77.036, "PPLC", "US", "US.DC", "Washington, D.C."),
    _p("london", "London", 51.507, -0.128, "PPLC", "GB", "GB.ENG", "England"),
    _p("moscow", "Moscow", 55.752, 37.618, "PPLC", "RU", "RU.48", "Moscow"),
)

_BY_LENGTH = sorted(PLACES, key=lambda p: -len(p.name))


@cache
def gazetteer() -> Gazetteer:
    """The fixture gazetteer, built once per test session."""
    return Gazetteer.from_places(PLACES)


def stub_geoparse(document: Document, gaz: Gazetteer) -> list[Mention]:
    """Every fixture name in the body, longest first and never overlapping, resolved."""
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for place in _BY_LENGTH:
        for match in re.finditer(rf"\b{re.escape(place.name)}\b", document.text):
            a, b = match.span()
            if a < document.body_start or any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            found.append(Mention(match.group(), a, b, place, 1.0, (place,), "resolved"))
    return sorted(found, key=lambda m: m.start)


def document(text: str, date: str | None = REPORT, doc_id: str = "doc") -> Document:
    """A document with the given body and report date (None: undated)."""
    return Document(doc_id, f"{doc_id}.txt", doc_id, date, None, None, text, 0)


def run(text: str, date: str | None = REPORT) -> tuple[list[Incident], list[Claim]]:
    """Incidents and claims of one document, places from the fixture gazetteer."""
    doc = document(text, date)
    gaz = gazetteer()
    return extract_document(doc, stub_geoparse(doc, gaz), gaz)


def run_many(texts: list[tuple[str, str | None]]) -> Extraction:
    """Several documents (body, date), linked across documents; ids ``d0``, ``d1``..."""
    docs = [document(text, date, f"d{k}") for k, (text, date) in enumerate(texts)]
    return extract(docs, gazetteer(), geoparser=stub_geoparse)


@cache
def _real() -> Gazetteer:
    from mapper.gazetteer import load_gazetteer

    return load_gazetteer()


def run_real(text: str, date: str | None = REPORT) -> tuple[list[Incident], list[Claim]]:
    """Incidents and claims with the shipped gazetteer and the real geoparser."""
    from mapper.geoparse import geoparse

    doc = document(text, date)
    gaz = _real()
    return extract_document(doc, geoparse(doc, gaz), gaz)


def day(value: str) -> dt.date:
    """An ISO date."""
    return dt.date.fromisoformat(value)


def describe(incidents: list[Incident]) -> list[tuple[object, ...]]:
    """A short view of incidents for assertion messages."""
    return [
        (
            i.sub_event_type,
            i.place.name if i.place else None,
            str(i.when.start),
            i.perpetrator,
            i.attribution,
            i.fatalities.best if i.fatalities else None,
            i.wounded.best if i.wounded else None,
        )
        for i in incidents
    ]


def one(incidents: list[Incident]) -> Incident:
    """The only incident, or a failure that lists what was found."""
    assert len(incidents) == 1, describe(incidents)
    return incidents[0]


def deaths(incident: Incident) -> int | None:
    """The best figure of the deaths, None when none was reported."""
    return incident.fatalities.best if incident.fatalities else None


def hurt(incident: Incident) -> int | None:
    """The best figure of the wounded, None when none was reported."""
    return incident.wounded.best if incident.wounded else None


def place_name(incident: Incident) -> str | None:
    """The name of the incident's place, None when it has no point."""
    return incident.place.name if incident.place else None


def start(incident: Incident) -> str | None:
    """The first day of the incident's date as ISO text, None when unknown."""
    return incident.when.start.isoformat() if incident.when.start else None


def claim_pairs(claims: list[Claim]) -> set[tuple[str | None, str]]:
    """The (claimant, claim_type) pairs of claims."""
    return {(c.claimant, c.claim_type) for c in claims}
