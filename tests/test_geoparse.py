"""Tests of geoparse(): resolution with document context, on sentences written for them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mapper.documents import Document
from mapper.evaluate import haversine_km
from mapper.gazetteer import Gazetteer, Place
from mapper.geoparse import Mention, geoparse, geoparse_text
from mapper.recognize import SMALL_ADMIN1


def _place(
    pid: str,
    name: str,
    lat: float,
    lon: float,
    code: str,
    cc: str,
    population: int = 0,
    admin1_code: str = "",
    admin2_code: str = "",
) -> Place:
    fclass = "A" if code.startswith(("ADM", "PCL")) else "P" if code.startswith("PPL") else "L"
    return Place(
        id=f"test:{pid}",
        name=name,
        ascii_name=name,
        lat=lat,
        lon=lon,
        feature_class=fclass,
        feature_code=code,
        country_code=cc,
        country=cc,
        admin1_code=admin1_code,
        admin1="",
        admin2_code=admin2_code,
        admin2="",
        population=population,
        source="test",
    )


# Real coordinates; populations rounded, and the decoys made larger where a test needs it.
PLACES = [
    _place("af", "Afghanistan", 33.0, 65.0, "PCLI", "AF", 37_000_000),
    _place("pk", "Pakistan", 30.0, 70.0, "PCLI", "PK", 220_000_000),
    _place("in", "India", 22.0, 79.0, "PCLI", "IN", 1_300_000_000),
    _place("ir", "Iran", 32.0, 53.0, "PCLI", "IR", 83_000_000),
    _place("kabul", "Kabul", 34.5281, 69.1723, "PPLC", "AF", 3_043_532, "AF.13"),
    _place("nangarhar", "Nangarhar", 34.25, 70.5, "ADM1", "AF", 1_500_000, "AF.18"),
    _place("jalalabad-af", "Jalalabad", 34.4265, 70.4515, "PPLA", "AF", 200_331, "AF.18"),
    _place("jalalabad-in", "Jalalabad", 27.72, 79.66, "PPL", "IN", 400_000, "IN.36"),
    _place("bajaur", "Bajaur", 34.78, 71.5, "ADM2", "PK", 1_000_000, "PK.03", "PK.03.1"),
    _place("khar-pk", "Khar", 34.7254, 71.5222, "PPLA2", "PK", 9_000, "PK.03", "PK.03.1"),
    _place("khar-ir", "Khar", 35.4, 51.4, "PPL", "IR", 60_000, "IR.26"),
    _place("badakhshan", "Badakhshan", 36.75, 71.0, "ADM1", "AF", 950_000, "AF.01"),
    _place("faizabad-af", "Faizabad", 37.1166, 70.5800, "PPLA", "AF", 44_421, "AF.01"),
    _place("faizabad-in", "Faizabad", 26.7733, 82.1442, "PPL", "IN", 165_228, "IN.36"),
    _place("sindh", "Sindh", 26.0, 68.5, "ADM1", "PK", 47_000_000, "PK.05"),
    _place("telangana", "Telangana", 18.0, 79.0, "ADM1", "IN", 35_000_000, "IN.40"),
    _place("hyderabad-in", "Hyderabad", 17.3840, 78.4564, "PPLA", "IN", 6_809_970, "IN.40"),
    _place("hyderabad-pk", "Hyderabad", 25.3924, 68.3737, "PPL", "PK", 1_386_330, "PK.05"),
    _place("karachi", "Karachi", 24.8608, 67.0104, "PPLA", "PK", 11_624_219, "PK.05"),
    _place("springfield-il", "Springfield", 39.80, -89.64, "PPL", "US", 116_000, "US.IL"),
    _place("springfield-ma", "Springfield", 42.10, -72.59, "PPL", "US", 154_000, "US.MA"),
    _place("springfield-mo", "Springfield", 37.21, -93.29, "PPL", "US", 159_000, "US.MO"),
    _place("khorasan", "Razavi Khorasan", 35.5, 59.0, "ADM1", "IR", 6_400_000, "IR.42"),
    # Huntsville, Texas is the seat of Walker County, Texas; Huntsville, Alabama lies elsewhere
    _place("walker-al", "Walker County", 33.79, -87.30, "ADM2", "US", 65_000, "US.AL", "US.AL.127"),
    _place("walker-tx", "Walker County", 30.74, -95.57, "ADM2", "US", 60_000, "US.TX", "US.TX.471"),
    _place("hsv-al", "Huntsville", 34.73, -86.59, "PPL", "US", 200_000, "US.AL", "US.AL.089"),
    _place("hsv-tx", "Huntsville", 30.72, -95.55, "PPL", "US", 40_000, "US.TX", "US.TX.471"),
    # a province and a region named after their capitals, and a town in each
    _place("kunduz-prov", "Kunduz", 36.72, 68.87, "ADM1", "AF", 1_100_000, "AF.24"),
    _place("kunduz-city", "Kunduz", 36.728, 68.857, "PPLA", "AF", 268_893, "AF.24"),
    _place("imam-sahib", "Imam Sahib", 37.18, 68.92, "PPL", "AF", 60_000, "AF.24"),
    _place("gao-region", "Gao", 16.5, 0.9, "ADM1", "ML", 544_000, "ML.09"),
    _place("gao-city", "Gao", 16.27, -0.04, "PPLA", "ML", 86_000, "ML.09"),
    _place("ansongo", "Ansongo", 15.66, 0.50, "PPL", "ML", 32_000, "ML.09"),
    # a valley, and a decoy namesake abroad of a town in it
    _place("swat-valley", "Swat Valley", 35.2, 72.45, "VAL", "PK"),
    _place("mingora-in", "Mingora", 26.0, 80.0, "PPL", "IN", 300_000, "IN.36"),
]
ALTERNATES = {"test:khorasan": ["Khorasan", "Khurasan"], "test:nangarhar": ["Nangrahar"]}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_places(PLACES, ALTERNATES)


def _resolved(mentions: list[Mention]) -> list[tuple[str, str | None]]:
    return [(m.text, m.place.id if m.place else None) for m in mentions]


def test_offsets_index_the_document_text(gazetteer: Gazetteer) -> None:
    text = "---\ntitle: t\n---\nA blast hit Kabul.\n"
    doc = Document("d", "d.md", "t", None, None, None, text, body_start=17)
    mentions = geoparse(doc, gazetteer)
    assert [(m.text, text[m.start : m.end]) for m in mentions] == [("Kabul", "Kabul")]
    assert mentions[0].status == "resolved"
    assert mentions[0].candidates[0] == mentions[0].place
    assert 0.0 <= mentions[0].confidence <= 1.0


def test_containment_capital_of_province(gazetteer: Gazetteer) -> None:
    text = "Gunmen struck Jalalabad, the capital of Nangarhar province, at dawn."
    assert _resolved(geoparse_text(text, gazetteer)) == [
        ("Jalalabad", "test:jalalabad-af"),
        ("Nangarhar", "test:nangarhar"),
    ]


def test_containment_main_town_of_district(gazetteer: Gazetteer) -> None:
    text = "A bomb went off in Khar, the main town of the Bajaur district."
    assert _resolved(geoparse_text(text, gazetteer))[0] == ("Khar", "test:khar-pk")


def test_co_mentioned_names_nest(gazetteer: Gazetteer) -> None:
    text = "Walker County deputies said the inmate was caught. Huntsville police helped."
    assert _resolved(geoparse_text(text, gazetteer)) == [
        ("Walker County", "test:walker-tx"),
        ("Huntsville", "test:hsv-tx"),
    ]
    alone = "The inmate was caught near Huntsville on Monday, deputies said."
    assert geoparse_text(alone, gazetteer)[0].candidates[0].id == "test:hsv-al"


@pytest.mark.parametrize(
    "text, seat, town",
    [
        ("Attacks hit Gao and Ansongo on Tuesday.", "Gao", "Ansongo"),
        ("The convoy was ambushed between Gao and Ansongo.", "Gao", "Ansongo"),
        ("Fighting in Kunduz continued. Imam Sahib was quiet.", "Kunduz", "Imam Sahib"),
        ("Troops moved from Imam Sahib to Kunduz overnight.", "Kunduz", "Imam Sahib"),
    ],
)
def test_a_co_mentioned_town_leaves_a_seat_its_city_reading(
    gazetteer: Gazetteer, text: str, seat: str, town: str
) -> None:
    # Co-mention says which Gao (Mali's), not whether the region or its capital: the name of a
    # unit and its seat stays the city unless the text says otherwise (ACLED's coded records).
    resolved = dict(_resolved(geoparse_text(text, gazetteer)))
    assert resolved[seat] in {"test:gao-city", "test:kunduz-city"}
    assert resolved[town] in {"test:ansongo", "test:imam-sahib"}


@pytest.mark.parametrize(
    "text", ["Gunmen struck Imam Sahib, Kunduz, at dawn.", "A bomb hit Ansongo in Gao region."]
)
def test_a_chain_still_reads_the_unit(gazetteer: Gazetteer, text: str) -> None:
    # guard: containment says the outer name is the unit the town is in
    resolved = dict(_resolved(geoparse_text(text, gazetteer)))
    assert set(resolved.values()) & {"test:kunduz-prov", "test:gao-region"}


def test_without_context_close_rivals_stay_ambiguous(gazetteer: Gazetteer) -> None:
    [mention] = geoparse_text("A bomb went off in Khar.", gazetteer)
    assert (mention.place, mention.status) == (None, "ambiguous")
    assert {p.id for p in mention.candidates} == {"test:khar-pk", "test:khar-ir"}


def test_results_do_not_depend_on_what_was_parsed_before(gazetteer: Gazetteer) -> None:
    # What is remembered per name (priors, seats, nesting codes) is the same for every document.
    text = "Gunmen struck Jalalabad, the capital of Nangarhar province. Kabul condemned it."
    first = geoparse_text(text, gazetteer)
    geoparse_text("Clashes in Hyderabad, Telangana, and in Faizabad, India.", gazetteer)
    assert geoparse_text(text, gazetteer) == first


def test_two_gazetteers_with_one_name_keep_their_own_readings() -> None:
    # The same key in another gazetteer has other candidates: nothing is shared between them.
    only_in = Gazetteer.from_places([p for p in PLACES if p.id != "test:jalalabad-af"], {})
    text = "A bomb went off in Jalalabad."
    other = geoparse_text(text, only_in)
    assert [p.id for p in other[0].candidates] == ["test:jalalabad-in"]
    full = Gazetteer.from_places(PLACES, ALTERNATES)
    assert {p.id for p in geoparse_text(text, full)[0].candidates} == {
        "test:jalalabad-af",
        "test:jalalabad-in",
    }


def test_faizabad_in_badakhshan(gazetteer: Gazetteer) -> None:
    text = "Fighting reached Faizabad in Badakhshan on Tuesday."
    assert _resolved(geoparse_text(text, gazetteer))[0] == ("Faizabad", "test:faizabad-af")


def test_faizabad_by_the_documents_country(gazetteer: Gazetteer) -> None:
    text = "Taliban units moved on Faizabad. Afghan officials in Kabul confirmed the advance."
    assert _resolved(geoparse_text(text, gazetteer))[0] == ("Faizabad", "test:faizabad-af")
    india = "Pilgrims crowded Faizabad. Indian police in the state capital said all was calm."
    assert _resolved(geoparse_text(india, gazetteer))[0] == ("Faizabad", "test:faizabad-in")


def test_hyderabad_sindh_against_telangana(gazetteer: Gazetteer) -> None:
    sindh = "Protesters marched in Hyderabad, Sindh, and later in Karachi."
    assert _resolved(geoparse_text(sindh, gazetteer))[0] == ("Hyderabad", "test:hyderabad-pk")
    telangana = "Rain flooded Hyderabad, the capital of Telangana."
    assert _resolved(geoparse_text(telangana, gazetteer))[0] == ("Hyderabad", "test:hyderabad-in")


def test_hyderabad_by_nearby_places(gazetteer: Gazetteer) -> None:
    text = "Trains from Karachi to Hyderabad were cancelled after the attack in Pakistan."
    assert dict(_resolved(geoparse_text(text, gazetteer)))["Hyderabad"] == "test:hyderabad-pk"


def test_possessive_containment(gazetteer: Gazetteer) -> None:
    text = "Officials in Pakistan's Hyderabad said so."
    assert dict(_resolved(geoparse_text(text, gazetteer)))["Hyderabad"] == "test:hyderabad-pk"


def test_every_mention_of_a_name_reads_the_same(gazetteer: Gazetteer) -> None:
    text = "Hyderabad was shut. Later, Hyderabad, Sindh reopened its schools."
    places = {
        m.place.id for m in geoparse_text(text, gazetteer) if m.text == "Hyderabad" and m.place
    }
    assert places == {"test:hyderabad-pk"}


def test_weak_evidence_is_left_ambiguous(gazetteer: Gazetteer) -> None:
    mentions = geoparse_text("The fair opened in Springfield.", gazetteer)
    assert len(mentions) == 1
    assert mentions[0].status == "ambiguous"
    assert mentions[0].place is None
    assert {p.id for p in mentions[0].candidates} == {
        "test:springfield-il",
        "test:springfield-ma",
        "test:springfield-mo",
    }


def test_group_names_give_no_pin(gazetteer: Gazetteer) -> None:
    text = (
        "The Islamic State Khurasan Province (ISKP), also called Wilayat Khorasan or ISIS-K,\n"
        "fights the Tehrik-e-Taliban Pakistan and the Khorasan Province rivals."
    )
    assert geoparse_text(text, gazetteer) == []


def test_region_outside_group_name_is_still_found(gazetteer: Gazetteer) -> None:
    text = "ISIS-K recruits in Iran's Khorasan, the historical region."
    assert _resolved(geoparse_text(text, gazetteer)) == [
        ("Iran", "test:ir"),
        ("Khorasan", "test:khorasan"),
    ]


# -- the seed documents against the gold list (needs the shipped gazetteer) ----------------------

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOLD = Path(__file__).resolve().parent / "gold_places_seeds.json"


def _overlaps(m: Mention, e: dict[str, Any]) -> bool:
    return m.start < e["end"] and e["start"] < m.end


def _right(place: Place, e: dict[str, Any]) -> bool:
    if "country_code" in e:
        return place.country_code == e["country_code"] and place.feature_code.startswith("PCL")
    return haversine_km(place.lat, place.lon, e["lat"], e["lon"]) <= e["km"]


@pytest.fixture(scope="module")
def seed_mentions() -> dict[str, tuple[str, list[Mention]]]:
    from mapper.documents import load_documents
    from mapper.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    return {Path(d.path).name: (d.text, geoparse(d, gazetteer)) for d in load_documents([SEEDS])}


@pytest.mark.slow
def test_seeds_every_gold_place_is_found_and_resolved(
    seed_mentions: dict[str, tuple[str, list[Mention]]],
) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    problems = []
    for name, doc in gold.items():
        text, mentions = seed_mentions[name]
        for e in doc["places"]:
            assert text[e["start"] : e["end"]] == e["text"]
            found = [m for m in mentions if _overlaps(m, e)]
            if not found:
                if e["required"]:
                    problems.append(f"{name}: {e['text']}@{e['start']} not found")
                continue
            m = found[0]
            if m.place is None:
                if e["required"]:
                    problems.append(f"{name}: {e['text']}@{e['start']} left {m.status}")
            elif not _right(m.place, e):
                problems.append(f"{name}: {e['text']}@{e['start']} resolved to {m.place.id}")
    assert problems == []


@pytest.mark.slow
def test_seeds_no_pin_from_group_names_and_no_stray_pins(
    seed_mentions: dict[str, tuple[str, list[Mention]]],
) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    for name, doc in gold.items():
        _, mentions = seed_mentions[name]
        for e in doc["not_places"]:
            assert [m.text for m in mentions if _overlaps(m, e)] == [], (name, e["text"])
        stray = [
            m.text
            for m in mentions
            if m.place is not None
            and m.kind != "demonym"
            and not any(_overlaps(m, e) for e in doc["places"])
        ]
        assert stray == [], name


@pytest.mark.slow
def test_cli_geoparse_prints_json_and_a_table() -> None:
    from click.testing import CliRunner

    from mapper.cli import cli

    path = str(SEEDS / "004_4953294115b9d26d.txt")
    result = CliRunner().invoke(cli, ["geoparse", path, "--json"])
    assert result.exit_code == 0, result.output
    [doc] = json.loads(result.output)
    assert doc["document"] == path
    kabul = next(m for m in doc["mentions"] if m["text"] == "Kabul")
    assert set(kabul) >= {"text", "start", "end", "confidence", "place"}
    assert (kabul["place"]["name"], kabul["place"]["country_code"]) == ("Kabul", "AF")
    assert set(kabul["place"]) == {
        "id", "name", "lat", "lon", "country_code", "admin1", "admin2", "feature_code",
    }  # fmt: skip
    table = CliRunner().invoke(cli, ["geoparse", path])
    assert table.exit_code == 0
    assert "Kabul, Afghanistan" in table.output


# -- kinds of names in running text (the shipped gazetteer; sentences of our own) ------------


@pytest.fixture(scope="module")
def shipped() -> Gazetteer:
    from mapper.gazetteer import load_gazetteer

    return load_gazetteer()


def _best_reading(text: str, name: str, gaz: Gazetteer) -> Place:
    """The place a mention of ``name`` resolves to, or its best candidate when ambiguous."""
    return next(m.place or m.candidates[0] for m in geoparse_text(text, gaz) if m.text == name)


#: A first line the recognizer reads as a headline, and a sentence without places: what follows
#: is read as body text.
_HEADLINE = "Monday report\n\nThe desk spoke. "


def _in_body(text: str, gaz: Gazetteer) -> list[Mention]:
    """The mentions of ``text`` set in a body line (a text's first line is read as a headline,
    where capitals say little)."""
    return [m for m in geoparse_text(_HEADLINE + text, gaz) if m.start >= len(_HEADLINE)]


def _where(text: str, gaz: Gazetteer) -> dict[str, tuple[str, str, str]]:
    """surface -> (status, country code, kind) of each mention."""
    return {
        m.text: (m.status, m.place.country_code if m.place else "", m.kind)
        for m in geoparse_text(text, gaz)
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("gunmen fired on a bus near kandahar late on friday.", "kandahar", "AF"),
        # lower-case text: the object of a verb of attack or movement may be a place
        ("militants stormed kunduz before dawn, police said.", "kunduz", "AF"),
        ("thousands fled mosul as the fighting spread.", "mosul", "IQ"),
        ("two guards died in a blast in south waziristan, pakistan.", "pakistan", "PK"),
        ("HERAT, Afghanistan (AP) - A mine went off on Sunday.", "HERAT", "AF"),
        ("QUETTA: Police cordoned off the area after the blast.", "QUETTA", "PK"),
        ("Rockets landed in Ghaznee and Qandahar overnight.", "Ghaznee", "AF"),
        ("Shells fell on Dayr az-Zawr and on Ras al-Ain at dawn.", "Ras al-Ain", "SY"),
        ("A convoy was hit outside Dera Ismail Khan on Friday.", "Dera Ismail Khan", "PK"),
        ("Police were attacked in D.G. Khan yesterday.", "D.G. Khan", "PK"),
        ("Clashes went on in the Hindu Kush and near the Khyber Pass.", "Hindu Kush", "AF"),
        ("A boat sank in the Indian Ocean off the coast.", "Indian Ocean", ""),
        ("A school in Dashti Barchi, Kabul, was targeted.", "Dashti Barchi", "AF"),
        # names whose words English also uses as words or given names ("Tal", "Abu", "Kamal")
        ("Shells hit Tal Afar and later Abu Kamal.", "Tal Afar", "IQ"),
        ("Shells hit Tal Afar and later Abu Kamal.", "Abu Kamal", "SY"),
        ("Curfew was imposed in Swat District after the attack.", "Swat District", "PK"),
        # a small place with an article and a type word is named, not a common noun
        ("Six workers died in the Dasu area of Upper Kohistan.", "Dasu", "PK"),
        ("Gunmen shot two cyclists in the Danghara District on Sunday.", "Danghara", "TJ"),
    ],
)
def test_names_the_gazetteer_has_are_found_in_any_form(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    got = _where(text, shipped)
    assert got[name][:2] == ("resolved", country), got


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "militants stormed the police post before dawn.",  # an article: a thing
        "the army attacked militants hiding in caves.",
        "Monday report\n\nThe bodies of Amir and Gerard were found on Monday.",  # a title
    ],
)
def test_objects_and_titles_that_are_no_places_stay_words(shipped: Gazetteer, text: str) -> None:
    assert _where(text, shipped) == {}


@pytest.mark.slow
@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Drones struck a depot in Rostov Oblast overnight.", "Rostov", "ADM1"),
        (
            "Guards were taken hostage in the Volgograd Oblast of Russia.",
            "Volgograd Oblast",
            "ADM1",
        ),
    ],
)
def test_a_type_word_after_a_name_is_not_an_unknown_name(
    shipped: Gazetteer, text: str, name: str, code: str
) -> None:
    found = {m.text: m for m in geoparse_text(text, shipped)}
    assert found[name].place is not None and found[name].place.feature_code == code, found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a first-level unit of two countries: the type word says which (Pakistan's
        # provinces, India's states), next to the name or elsewhere in the text
        ("Punjab police detained 12 suspects in raids across the province.", "PK"),
        ("Police in Punjab province detained 12 suspects.", "PK"),
        ("Punjab state police detained a man on Monday.", "IN"),
        ("Farmers blocked roads across the state, Punjab officials said.", "IN"),
    ],
)
def test_first_level_unit_of_two_countries_by_its_type_word(
    shipped: Gazetteer, text: str, country: str
) -> None:
    got = _where(text, shipped)
    assert got["Punjab"][:2] == ("resolved", country), got


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        ("Rockets hit an air base in Erbil, Kurdistan Region, at night.", "Erbil",
         "geonames:95446"),
        ("A bomb went off in Zahedan, Sistan-Baluchestan, after prayers.", "Sistan-Baluchestan",
         "geonames:1159456"),
        ("Soldiers were killed in the Panjwayi District of Kandahar Province.", "Panjwayi",
         "geonames:7053307"),
    ],
)  # fmt: skip
def test_names_of_units_the_sources_spell_otherwise(
    shipped: Gazetteer, text: str, name: str, place_id: str
) -> None:
    found = {m.text: m for m in geoparse_text(text, shipped)}
    assert found[name].place is not None and found[name].place.id == place_id, found


def test_decomposed_accents_are_read_whole(shipped: Gazetteer) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Two shops burned in Mazār-i-Sharīf and Kandahār.")
    mentions = geoparse_text(text, shipped)
    assert {text[m.start : m.end] for m in mentions} == {
        unicodedata.normalize("NFD", "Mazār-i-Sharīf"),
        unicodedata.normalize("NFD", "Kandahār"),
    }
    assert all(m.place is not None and m.place.country_code == "AF" for m in mentions)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("Mullah Haibatullah met Qari Fasihuddin on Monday.", "Qari"),
        ("The shura backed Sardar Ahmad Khan as governor.", "Sardar"),
        ("Prayers were held for Eid in the main square.", "Eid"),
        ("The fighters drove a Toyota pickup into the checkpoint.", "Toyota"),
        ("Mortars hit the Cantonment after dark.", "Cantonment"),
        ("Ebola spread to three more districts.", "Ebola"),
        ("Russian president Vladimir Putin sent condolences.", "Vladimir"),
        # the common noun with an article and a lower-case type word
        ("A blast hit the Cantonment area on Tuesday, killing two soldiers.", "Cantonment"),
        # a type word after a town's name is part of that town, not a place of its own
        ("Gunmen attacked the Mardan Cantonment at dawn.", "Cantonment"),
        ("Roads into Kohat Cantt were closed.", "Cantt"),
        # a common noun of South Asian English, also a spelling variant of a town's name
        ("Worshippers were leaving the Jamia mosque in Khash when the bomb went off.", "Jamia"),
        ("Police sealed off the Jama Masjid in Delhi.", "Jama"),
        # a name in quotation marks before what it names is that business's name
        ('Gunmen robbed Ahmad\'s "Khost" bakery in Kabul on Monday.', "Khost"),
        ("A grenade hit the “Peshawar” hotel in Quetta.", "Peshawar"),
        # a title or honorific used as a name is no village abroad
        ("Police questioned Mir's brother after the blast.", "Mir"),
    ],
)
def test_honorifics_holidays_brands_common_nouns_are_not_pinned(
    shipped: Gazetteer, text: str, not_place: str
) -> None:
    got = _where(text, shipped)
    assert got.get(not_place, ("none", "", ""))[0] != "resolved", got


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "He was a follower of the Baha’i faith and lived in Arlington, Texas.",
        "Members of the Baha’i community in Arlington, Texas, met on Sunday.",
    ],
)
def test_a_weak_one_word_variant_or_alternate_is_no_mention(shipped: Gazetteer, text: str) -> None:
    # "Baha’i" is only a spelling variant of Bahua, a village in India
    assert [m.text for m in geoparse_text(text, shipped)] == ["Arlington", "Texas"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a common word ending a longer name is part of it ("Metro" is also a city)
        ("A bomb went off on the Saint Petersburg Metro on Monday.", "Metro"),
        # a surname after an unknown given name, and its later mentions alone
        ("Its driver, Zemari Ahmadi, was an aid worker. Ahmadi had parked in Kabul.", "Ahmadi"),
        # forces and units named after a place (organisations.txt)
        ("According to Punjab Police sources, nine people died in Lahore.", "Punjab"),
        ("The general led the Quds Force in Syria for two decades.", "Quds"),
    ],
)
def test_names_inside_other_names_are_not_places(
    shipped: Gazetteer, text: str, absent: str
) -> None:
    assert absent not in {m.text for m in geoparse_text(text, shipped)}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        # listed with first-level units, a name is read as one (not the town, the county)
        ("Flu cases rose in Alberta, Manitoba, Ontario and New Brunswick last week.", "Ontario"),
        ("Flu cases rose in Alberta, Manitoba, Ontario and New Brunswick last week.",
         "New Brunswick"),
        ("Cases were found in Rio Grande do Sul, Tocantins and Minas Gerais.", "Tocantins"),
    ],
)  # fmt: skip
def test_names_listed_together_are_of_one_kind(shipped: Gazetteer, text: str, name: str) -> None:
    found = {m.text: m for m in geoparse_text(text, shipped)}
    assert found[name].place is not None and found[name].place.feature_code == "ADM1", found


@pytest.mark.slow
def test_a_village_of_several_words_needs_no_cue(shipped: Gazetteer) -> None:
    got = _where("A minibus exploded in Dashti Barchi late on Saturday.", shipped)
    assert got["Dashti Barchi"][:2] == ("resolved", "AF")
    # a village name that is a person's name stays one
    assert _where("Adam Khan was detained on Saturday.", shipped) == {}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Shops near Deh Mazang in Kabul were closed.",
        "Shops in the Deh Mazang market in Kabul were closed.",
        "Protesters filled the Deh Mazang square in Kabul on Friday.",
    ],
)
def test_a_small_place_in_a_city_is_not_a_namesake_far_away(shipped: Gazetteer, text: str) -> None:
    mention = next(m for m in geoparse_text(text, shipped) if m.text == "Deh Mazang")
    assert mention.place is None and mention.within is not None
    assert mention.within.name == "Kabul"


@pytest.mark.slow
def test_fragment_of_an_unknown_name_is_not_its_namesake_abroad(shipped: Gazetteer) -> None:
    got = _where("A raid hit Kakar Sahib, Helmand, before dawn.", shipped)
    assert got["Kakar Sahib"][0] == "unresolved"
    mention = next(
        m for m in geoparse_text("A raid hit Kakar Sahib, Helmand.", shipped) if m.place is None
    )
    assert mention.within is not None and mention.within.country_code == "AF"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("A Quetta court sentenced two men on Monday.", "Quetta", "PK"),
        ("A Gardez shopkeeper was killed on Friday.", "Gardez", "AF"),
        ("A Peshawar-based reporter was shot dead.", "Peshawar", "PK"),
    ],
)
def test_the_article_a_does_not_make_a_place_a_fragment(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    # "A Quetta" is no unknown two-word name of which Quetta is a fragment
    got = _where(text, shipped)
    assert got[name][:2] == ("resolved", country)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "within"),
    [
        ("Gunmen fired on a patrol in the Zarvanek area of Kunar.", "Zarvanek", "Kunar"),
        ("A drone hit a house in the Gulzarpet neighbourhood of Quetta.", "Gulzarpet", "Quetta"),
        ("Troops moved into Toqbalai tehsil on Monday.", "Toqbalai", ""),
        ("Gunmen entered the town of Toqbalai on Monday.", "Toqbalai", ""),
        ("Jets struck the village of Zarvanek near the border.", "Zarvanek", ""),
    ],
)
def test_one_unknown_word_the_text_calls_a_place_is_listed_unresolved(
    shipped: Gazetteer, text: str, name: str, within: str
) -> None:
    mention = next(m for m in geoparse_text(text, shipped) if m.text == name)
    assert mention.status == "unresolved" and mention.place is None
    if within:
        assert mention.within is not None and within in mention.within.ascii_name


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Troops cordoned off the Cantonment area after the blast.",  # a known word, judged
        "The Tuesday area briefing was cancelled.",  # a common word
        "The village of Peace was founded by monks.",
        "Officials from the UNAMA area office said so.",  # an acronym
    ],
)
def test_a_common_or_known_word_before_area_is_not_listed(shipped: Gazetteer, text: str) -> None:
    assert _where(text, shipped) == {}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Police raided Qala Naseer, Logar, at dawn.", "Qala Naseer"),
        ("A blast in Qala-e-Wahid, Kabul, killed two guards.", "Qala-e-Wahid"),
        ("Gunmen fired at shops in Qala-e-Wahid on Sunday.", "Qala-e-Wahid"),
    ],
)
def test_a_municipality_of_a_small_country_does_not_open_a_longer_name(
    shipped: Gazetteer, text: str, name: str
) -> None:
    # Qala is one of Malta's 68 local councils, which GeoNames codes ADM1 (mean area 5 km2):
    # it is no province that could lead "Qala Naseer" the way "Helmand Province" leads
    got = _where(text, shipped)
    assert got[name][0] == "unresolved"
    assert "Qala" not in got


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Douglas told reporters the road was closed.",  # a parish of the Isle of Man
        "Patrick and Michael were arrested on Friday.",
        "Forest rangers closed the trail on Monday.",  # a parish of Guernsey
    ],
)
def test_a_municipality_of_a_small_country_is_no_stronger_than_a_person_name(
    shipped: Gazetteer, text: str
) -> None:
    assert _where(text, shipped) == {}


@pytest.mark.slow
def test_a_municipality_of_a_small_country_is_still_a_place(shipped: Gazetteer) -> None:
    got = _where("Storms flooded Mosta in Malta and Piran in Slovenia.", shipped)
    assert got["Mosta"][:2] == ("resolved", "MT")
    assert got["Piran"][:2] == ("resolved", "SI")


def test_small_admin1_lists_municipal_countries_only() -> None:
    assert {"MT", "SI", "PR", "IM"} <= SMALL_ADMIN1
    assert not {"AF", "PK", "PS", "LB", "GB", "US"} & SMALL_ADMIN1


@pytest.mark.slow
def test_demonyms_descriptions_metonyms_and_modifiers_are_told_apart(
    shipped: Gazetteer,
) -> None:
    text = (
        "A market in the Pakistani capital was shut. Kabul denied any role, and Afghan "
        "officials blamed a Saudi-funded group."
    )
    got = _where(text, shipped)
    assert got["the Pakistani capital"] == ("resolved", "PK", "description")
    assert got["Kabul"] == ("resolved", "AF", "metonym")
    assert got["Afghan"] == ("resolved", "AF", "demonym")


@pytest.mark.slow
def test_names_in_addresses_and_front_matter_are_not_read(shipped: Gazetteer) -> None:
    head = "---\ntitle: Blast in Kunduz\nsource: Herat News\nurl: https://x.org/peshawar\n---\n"
    body = "Write to desk@kabul.example.com or see www.quetta-news.pk/story for more."
    doc = Document("d", "d.md", "Blast in Kunduz", None, "Herat News", None, head + body,
                   len(head))  # fmt: skip
    names = [m.text for m in geoparse(doc, shipped)]
    assert names == ["Kunduz"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "place_name"),
    [
        # Arabic-script names inside an English text (Dari, Pashto, Urdu, Arabic spellings)
        ("Police in Herat (هرات) said two shops burned.", "هرات", "Herāt"),
        ("The blast in Jalalabad, جلال‌آباد, wounded six.", "جلال‌آباد", "Jalālābād"),
        ("Residents of قندهار reported gunfire overnight.", "قندهار", "Kandahār"),
        # Cyrillic names (base forms; Russian case endings are not read)
        ("A statement from Москва followed the raid.", "Москва", "Moscow"),
        ("Flights to Душанбе resumed on Monday.", "Душанбе", "Dushanbe"),
    ],
)
def test_names_in_arabic_script_and_cyrillic(
    shipped: Gazetteer, text: str, name: str, place_name: str
) -> None:
    found = {m.text: m for m in geoparse_text(text, shipped)}
    assert found[name].place is not None and found[name].place.name == place_name, found


@pytest.mark.slow
def test_a_city_and_its_province_named_alike_in_another_script(shipped: Gazetteer) -> None:
    mentions = geoparse_text("په کابل کې یوه چاودنه وشوه او پنځه کسان ووژل شول.", shipped)
    assert [(m.text, m.place.feature_code if m.place else "") for m in mentions] == [
        ("کابل", "PPLC")
    ]


@pytest.mark.slow
def test_a_text_mostly_in_another_script_gets_one_warning(shipped: Gazetteer) -> None:
    warnings: list[str] = []
    text = "دا یو خبر دی چې په کابل کې یوه چاودنه وشوه او څو کسان ووژل شول " * 3
    doc = Document("p", "p.txt", "p", None, None, None, text, 0)
    geoparse(doc, shipped, on_warning=warnings.append)
    assert len(warnings) == 1 and "Arabic" in warnings[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Gunmen attacked the Mardan Cantonment at dawn.", "Mardan"),
        ("Roads into Kohat Cantt were closed.", "Kohat"),
        ("A car bomb exploded outside the Bannu Cantonment on Monday.", "Bannu"),
    ],
)
def test_a_town_named_with_its_cantonment_is_the_town(
    shipped: Gazetteer, text: str, town: str
) -> None:
    got = _where(text, shipped)
    assert got.get(town, ("none", "", ""))[0] == "resolved", got


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "A bomb on the Khash–Iranshahr road killed 12 guards.",
        "Traffic on the Khash-Iranshahr highway was stopped.",
    ],
)
def test_both_towns_of_a_route_are_places_after_an_article(shipped: Gazetteer, text: str) -> None:
    got = _where(text, shipped)
    assert got.get("Khash", ("none", "", ""))[0] == "resolved", got
    assert got.get("Iranshahr", ("none", "", ""))[0] == "resolved", got


@pytest.mark.slow
def test_a_quoted_place_name_that_names_no_business_is_still_a_place(shipped: Gazetteer) -> None:
    got = _where('Residents of "Kandahar" were told to leave the city.', shipped)
    assert got.get("Kandahar", ("none", "", ""))[0] == "resolved", got


# --- the armed groups a report names count for the countries they fight in ----------------


def _with_actors(text: str, gaz: Gazetteer) -> dict[str, tuple[str, str | None]]:
    from mapper.actors import load_actors

    doc = Document("d", "d.txt", "d", "2023-05-04", None, None, text, 0)
    return {
        m.text: (m.status, m.place.country_code if m.place else None)
        for m in geoparse(doc, gaz, actors=load_actors())
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Islamic State fighters attacked a checkpoint near Palmyra on Monday.", "Palmyra", "SY"),
        ("ISIS militants ambushed an army patrol outside Palmyra.", "Palmyra", "SY"),
        ("Hezbollah fighters clashed with a rival faction in Tripoli overnight.", "Tripoli", "LB"),
        ("The TTP claimed a bombing at a police station in Hyderabad.", "Hyderabad", "PK"),
        ("Pakistani Taliban gunmen shot dead two policemen in Hyderabad.", "Hyderabad", "PK"),
    ],
)
def test_a_named_group_counts_for_the_countries_it_fights_in(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    assert _with_actors(text, shipped)[name] == ("resolved", country)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the same names with no group: the larger namesake, or no reading
        ("A bomb exploded at a market in Hyderabad on Monday.", "Hyderabad", "IN"),
        ("Crowds gathered in Tripoli for the festival.", "Tripoli", "LY"),
        # a foreign force's strike is no evidence for the country it comes from
        ("US aircraft struck a convoy near Palmyra on Monday.", "Palmyra", None),
        # nor is a global organisation without an area of its own
        ("Al-Qaeda militants attacked a checkpoint near Palmyra.", "Palmyra", None),
    ],
)
def test_no_group_with_an_area_no_vote(
    shipped: Gazetteer, text: str, name: str, country: str | None
) -> None:
    status, got = _with_actors(text, shipped)[name]
    assert got == country
    assert status == ("resolved" if country else "ambiguous")


def test_actor_votes_one_per_group_split_over_its_area() -> None:
    from mapper.actors import load_actors
    from mapper.geoparse import actor_votes

    def votes(text: str) -> dict[str, float]:
        return dict(actor_votes(Document("d", "d.txt", "d", None, None, None, text, 0), actors))

    actors = load_actors()
    assert votes("The TTP said TTP fighters and TTP commanders met.") == {"PK": 1.0}
    assert votes("Islamic State claimed it.") == {"IQ": 0.5, "SY": 0.5}
    assert votes("Pakistani troops and US forces fired on Russian jets.") == {}


@pytest.mark.slow
def test_a_district_named_after_its_seat_favours_that_town(shipped: Gazetteer) -> None:
    # "Hyderabad District" (Sindh) has its seat at Hyderabad, as "Hyderābād" (Telangana) has:
    # the type word in the district's name does not hide that, so the country decides
    got = geoparse_text("Pakistani police raided a house in Hyderabad on Sunday.", shipped)
    place = next(m.place for m in got if m.text == "Hyderabad")
    assert place is not None and place.country_code == "PK"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        # a continent, sea or region is in no country: the document's countries neither help
        # nor hurt it against a town that bears its name as an old alternate (Mahdia, "Africa")
        ("Officials in Tunisia warned the outbreak could spread across Africa.", "Africa", "CONT"),
        ("Tunisian and Libyan fishermen say Africa is losing its fish stocks.", "Africa", "CONT"),
    ],
)
def test_a_wide_area_is_not_weighed_down_by_the_documents_countries(
    shipped: Gazetteer, text: str, name: str, code: str
) -> None:
    assert _best_reading(text, name, shipped).feature_code == code


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a document about towns of one state: its namesakes there (Italy, China, Texas) gain,
        # but names listed with an article ("the Far East, the Middle East, Italy") are one list
        (
            "The bomber left Denton for Abilene and Amarillo, Texas, on Friday. Built in Wichita "
            "Falls, Texas, it served in the Aleutian Islands, the Far East, the Middle East, "
            "Italy and later Russia.",
            "Italy",
        ),
        (
            "The bomber left Denton for Abilene and Amarillo, Texas, on Friday. Its crews flew "
            "for Canada, the Netherlands, China and the Soviet Union.",
            "China",
        ),
    ],
)
def test_a_name_listed_with_countries_and_regions_is_a_country(
    shipped: Gazetteer, text: str, name: str
) -> None:
    assert _best_reading(text, name, shipped).feature_code == "PCLI"


def test_a_seat_and_its_area_are_one_reading_against_a_larger_namesake() -> None:
    # Cambridge, Jamaica is the seat of a same-name district; together they are one reading,
    # a little above the district, not two votes that outweigh Cambridge, England
    gaz = Gazetteer.from_places(
        [
            _place("cam-gb", "Cambridge", 52.2, 0.1167, "PPLA2", "GB", 145_674, "GB.ENG"),
            _place("cam-jm", "Cambridge", 18.31, -77.90, "PPL", "JM", 1_500, "JM.08", "JM.08.1"),
            _place("cam-jm-d", "Cambridge", 18.31, -77.90, "ADM2", "JM", 0, "JM.08", "JM.08.1"),
        ]
    )
    [mention] = geoparse_text("A Cambridge engineering firm built the engine.", gaz)
    assert mention.candidates[0].id == "test:cam-gb"
    assert mention.place is None or mention.place.id == "test:cam-gb"


def test_a_seat_far_from_its_areas_point_is_not_its_areas_rival() -> None:
    # New York City is the seat of New York State, whose point lies 300 km away: the bare name
    # is the city, resolved, not left ambiguous between the two
    gaz = Gazetteer.from_places(
        [
            _place("nyc", "New York", 40.7143, -74.006, "PPL", "US", 8_175_133, "US.NY"),
            _place("ny", "New York", 43.0003, -75.4999, "ADM1", "US", 19_274_244, "US.NY"),
        ]
    )
    [mention] = geoparse_text("Analysts at a research centre in New York said so.", gaz)
    assert mention.place is not None and mention.place.id == "test:nyc"


def _readings(text: str, name: str, gaz: Gazetteer) -> list[str | None]:
    """The place ids of every mention of ``name``, in text order."""
    return [m.place.id if m.place else None for m in geoparse_text(text, gaz) if m.text == name]


def test_a_type_word_makes_only_its_own_mention_the_unit() -> None:
    # Kunduz city is the recorded seat (PPLA) of Kunduz province: "Kunduz province" is the
    # province, the bare names around it are the city. A large city that is no seat of the
    # same-name unit (Lagos in Lagos State, whose capital is Ikeja) leaves the bare name with
    # the unit the type word chose: such a bare name is as often the state.
    gaz = Gazetteer.from_places(
        [
            _place("af", "Afghanistan", 33.0, 65.0, "PCLI", "AF", 37_000_000),
            _place("kdz", "Kunduz", 36.75, 68.75, "ADM1", "AF", 1_000_000, "AF.24"),
            _place("kdz-c", "Kunduz", 36.7286, 68.8681, "PPLA", "AF", 268_893, "AF.24"),
            _place("ng", "Nigeria", 10.0, 8.0, "PCLI", "NG", 200_000_000),
            _place("lagos", "Lagos", 6.5833, 3.75, "ADM1", "NG", 9_000_000, "NG.05"),
            _place("lagos-c", "Lagos", 6.4541, 3.3947, "PPL", "NG", 9_000_000, "NG.05"),
        ]
    )
    text = "Shops closed in Kunduz after gunmen raided a village in Kunduz province. Kunduz wept."
    assert _readings(text, "Kunduz", gaz) == ["test:kdz-c", "test:kdz", "test:kdz-c"]
    text = "Floods hit Lagos State on Monday. In Lagos, schools stayed shut."
    assert _readings(text, "Lagos", gaz) == ["test:lagos", "test:lagos"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "codes"),
    [
        # one type word for the unit: the bare mentions are its seat of the same name
        (
            "Missiles struck farms all over the Zaporizhzhia region. By noon a second wave "
            "had reached Zaporizhzhia itself, damaging a tram depot.",
            "Zaporizhzhia",
            ["ADM1", "PPLA"],
        ),
        (
            "Elders from Ghazni province met the governor. Traders in Ghazni said the "
            "highway had reopened.",
            "Ghazni",
            ["ADM1", "PPLA"],
        ),
        (
            "Government troops retook hilltops in Hama governorate. Hospitals in Hama "
            "reported a dozen wounded.",
            "Hama",
            ["ADM1", "PPLA"],
        ),
        (
            "Residents of Mykolaiv queued for water, officials of Mykolaiv oblast said.",
            "Mykolaiv",
            ["PPLA", "ADM1"],
        ),
        (
            "A polio team was attacked in Dera Ismail Khan district. Dera Ismail Khan "
            "police blamed militants.",
            "Dera Ismail Khan",
            ["ADM2", "PPLA2"],
        ),
        # each mention its own type word: the city, then the province
        (
            "Surgeons at the Herat city hospital worked through the night. Officials of "
            "Herat province put the toll at nine.",
            "Herat",
            ["PPLA", "ADM1"],
        ),
        # a province with no town of its name is the province, with or without the word
        (
            "Roads in Paktika province were washed away. Relief trucks heading to Paktika "
            "turned back.",
            "Paktika",
            ["ADM1", "ADM1"],
        ),
        # a bare name the text places an area around ("X, Kunduz") or lists with provinces
        # stays the province
        (
            "Police posts near Imam Sahib, Kunduz, came under fire. Kunduz province officials "
            "said two officers died.",
            "Kunduz",
            ["ADM1", "ADM1"],
        ),
        (
            "Drone strikes hit Ghazni province again. The army listed Logar, Wardak and "
            "Ghazni as cleared.",
            "Ghazni",
            ["ADM1", "ADM1"],
        ),
    ],
)
def test_a_type_word_does_not_make_the_bare_name_the_unit(
    shipped: Gazetteer, text: str, name: str, codes: list[str]
) -> None:
    got = [m for m in geoparse_text(text, shipped) if m.text == name]
    assert [m.place.feature_code if m.place else None for m in got] == codes, got
    assert len({(m.place.country_code, m.place.admin1_code) for m in got if m.place}) == 1


def test_a_seat_is_the_bare_name_its_unit_bears_only_as_an_alternate() -> None:
    # "Basra" is only an alternate name of the governorate (Al Basrah) and of its capital
    # (Basrah): the bare name is the capital, the name with its type word the governorate.
    # (The pair lifts the capital only to the governorate's place: Tripoli, Lebanon is not
    # outweighed by Tripoli, Libya and its province Tarabulus, also "Tripoli", see above.)
    places = [
        _place("iq", "Iraq", 33.0, 44.0, "PCLI", "IQ", 40_000_000),
        _place("bsr", "Al Basrah", 30.4, 47.4, "ADM1", "IQ", 0, "IQ.02"),
        _place("bsr-c", "Basrah", 30.5085, 47.7804, "PPLA", "IQ", 1_300_000, "IQ.02", "IQ.02.1"),
        _place("bsr-pk", "Basra", 32.37, 72.70, "PPL", "PK", 1_000, "PK.04"),
    ]
    gaz = Gazetteer.from_places(places, {"test:bsr": ["Basra"], "test:bsr-c": ["Basra"]})
    text = "A roadside bomb hit a convoy in Basra. Iraqi police sealed off the road."
    assert _readings(text, "Basra", gaz) == ["test:bsr-c"]
    text = "Curfews spread across Basra governorate. In Basra, shops stayed shut."
    assert _readings(text, "Basra", gaz) == ["test:bsr", "test:bsr-c"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        # the unit bears the city's name only as an alternate ("Basra" of Al Basrah, "Mazar-i-
        # Sharif" of Balkh, "Zaporizhzhia" of Zaporizka oblast): the bare name is the city
        ("Gunmen stormed a police station in Basra late on Friday.", "Basra", "PPLA"),
        ("Two soldiers were shot dead in Mazar-i-Sharif on Tuesday.", "Mazar-i-Sharif", "PPLA"),
        ("Residents of Zaporizhzhia sheltered in the metro overnight.", "Zaporizhzhia", "PPLA"),
        ("Pilgrims crowded the streets of Mecca during the hajj.", "Mecca", "PPLA"),
        # with its type word, or beside a town it holds, the name is still the unit
        ("Security was tightened across Basra province after the attack.", "Basra", "ADM1"),
        ("Drought has hit Balkh province hard this year.", "Balkh", "ADM1"),
        ("Fighting closed the road near Spin Boldak, Kandahar, on Monday.", "Kandahar", "ADM1"),
        # a province with no city of its name stays the province
        ("Airstrikes hit Helmand on Sunday, officials said.", "Helmand", "ADM1"),
    ],
)
def test_a_bare_name_of_a_unit_and_its_seat_is_the_seat(
    shipped: Gazetteer, text: str, name: str, code: str
) -> None:
    assert _best_reading(text, name, shipped).feature_code == code


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # first-level units abolished or merged since, or that GeoNames codes inside another
        ("Cholera spread through Rift Valley province in March.", "Rift Valley", "KE"),
        ("Aid workers left Nyanza province, western Kenya, after the riots.", "Nyanza", "KE"),
        ("Mai-Mai fighters took two mining towns in Katanga.", "Katanga", "CD"),
        ("Troops moved into Kasai-Occidental after the killings.", "Kasai-Occidental", "CD"),
        ("Elections in Somaliland were postponed again.", "Somaliland", "SO"),
    ],
)
def test_a_former_first_level_unit_is_found_in_its_country(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    place = _best_reading(text, name, shipped)
    assert (place.feature_code, place.country_code) == ("ADM1H", country)


@pytest.mark.slow
def test_a_former_unit_named_by_a_common_word_needs_its_type_word(shipped: Gazetteer) -> None:
    # Kenya's Western and Coast provinces: the bare words are no places
    assert _where("The Western side beat the Coast team on Sunday.", shipped) == {}
    place = _best_reading("Floods hit Kenya's Western Province.", "Western Province", shipped)
    assert (place.feature_code, place.country_code) == ("ADM1H", "KE")


@pytest.mark.slow
def test_a_former_country_name_is_the_country(shipped: Gazetteer) -> None:
    place = _best_reading("Thousands of refugees fled from Zaire into Rwanda.", "Zaire", shipped)
    assert (place.feature_code, place.country_code) == ("PCLI", "CD")


@pytest.mark.parametrize(
    ("text", "name", "area"),
    [
        ("Shops burned in Mingora in the Swat Valley on Monday.", "Mingora", "Swat Valley"),
        ("A convoy was ambushed near Khar in Afghanistan.", "Khar", "Afghanistan"),
        ("Relief reached Jalalabad in Pakistan by road.", "Jalalabad", "Pakistan"),
    ],
)
def test_x_in_an_area_where_x_has_no_candidate_is_not_a_namesake_elsewhere(
    gazetteer: Gazetteer, text: str, name: str, area: str
) -> None:
    mention = next(m for m in geoparse_text(text, gazetteer) if m.text == name)
    assert mention.place is None and mention.within is not None
    assert mention.within.name == area


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Storms flooded a campsite in South West England.", "South West", "England"),
        ("Gunmen burned a school in North East Nigeria.", "North East", "Nigeria"),
        ("Floods hit North-West Pakistan again.", "North-West", "Pakistan"),
    ],
)
def test_compass_words_before_a_name_are_no_place(
    shipped: Gazetteer, text: str, gone: str, kept: str
) -> None:
    # Cameroon's South-West and North-West, Botswana's North East are first-level units
    found = _where(text, shipped)
    assert gone not in found
    assert found[kept][0] == "resolved"


@pytest.mark.slow
def test_a_unit_named_with_its_local_type_word_is_found_without_it(shipped: Gazetteer) -> None:
    # GeoNames writes "Kabupaten Karo" (a regency of North Sumatra); news writes "Karo district"
    place = _best_reading("Ash fell across the Karo district of Indonesia.", "Karo", shipped)
    assert (place.feature_code, place.country_code) == ("ADM2", "ID")
    # only GeoNames' own name loses its type word: "Muang Chan", an alternate of Chanthaburi
    # province, does not make "Chan" a place
    assert "Chan" not in _where("Margaret Chan said the virus was spreading in Asia.", shipped)


@pytest.mark.parametrize(
    ("text", "name", "area"),
    [
        ("Police stopped a truck in Mingora, Sindh, Pakistan, at dawn.", "Mingora", "Sindh"),
        ("The road from Mingora, Bajaur, Pakistan was closed.", "Mingora", "Bajaur"),
    ],
)
def test_an_address_of_three_names_is_a_chain_not_a_list(
    gazetteer: Gazetteer, text: str, name: str, area: str
) -> None:
    mention = next(m for m in geoparse_text(text, gazetteer) if m.text == name)
    assert mention.place is None and mention.within is not None
    assert mention.within.name == area


def test_an_address_of_three_names_places_the_first_in_the_second(gazetteer: Gazetteer) -> None:
    mentions = geoparse_text("A shop burned in Khar, Bajaur, Pakistan.", gazetteer)
    khar = next(m for m in mentions if m.text == "Khar")
    assert khar.place is not None and khar.place.id == "test:khar-pk"
    assert khar.within is not None and khar.within.name == "Bajaur"


@pytest.mark.parametrize(
    "text",
    [
        "Attacks hit Kabul, Nangarhar, Badakhshan and Sindh.",
        "Rallies were held in Karachi, Hyderabad, Kabul and Faizabad.",
    ],
)
def test_a_list_of_peers_is_not_an_address(gazetteer: Gazetteer, text: str) -> None:
    mentions = geoparse_text(text, gazetteer)
    assert all(m.place is not None for m in mentions)
    assert all(m.within is None for m in mentions)


@pytest.mark.parametrize(
    ("text", "name", "area"),
    [
        ("Floods hit the Mingora district of Sindh last week.", "Mingora", "Sindh"),
        ("Police searched the Mingora area of the Swat Valley.", "Mingora", "Swat Valley"),
        ("Floods hit the Mingora district in Sindh last week.", "Mingora", "Sindh"),
        ("A grenade was thrown in the Mingora bazaar in Sindh.", "Mingora", "Sindh"),
        ("Troops sealed off the Mingora square in Sindh.", "Mingora", "Sindh"),
    ],
)
def test_x_type_word_of_an_area_is_x_in_that_area(
    gazetteer: Gazetteer, text: str, name: str, area: str
) -> None:
    mention = next(m for m in geoparse_text(text, gazetteer) if m.text == name)
    assert mention.place is None and mention.within is not None
    assert mention.within.name == area


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Cholera spread across West Africa after the rains.", "West Africa"),
        ("Smugglers cross North Africa toward the sea.", "North Africa"),
        ("Jihadist groups in the Sahel attacked army posts.", "Sahel"),
        ("Volunteers from the Caucasus joined the fighting.", "Caucasus"),
        ("Haze from fires covered much of Southeast Asia.", "Southeast Asia"),
        ("Grain prices rose in Eastern Europe this winter.", "Eastern Europe"),
        ("Refugees reached Central Africa by truck.", "Central Africa"),
    ],
)
def test_macro_regions_are_regions_across_borders(shipped: Gazetteer, text: str, name: str) -> None:
    # GeoNames' macro-regions ("Western Africa" and its usual name "West Africa"); "Central
    # Africa" is also a GeoNames alternate of the Central African Republic, which it is not
    mention = next(m for m in geoparse_text(text, shipped) if m.text == name)
    assert mention.place is not None
    assert mention.place.feature_code == "RGN" and mention.place.country_code == ""


@pytest.mark.slow
def test_region_names_that_are_no_single_region(shipped: Gazetteer) -> None:
    found = _where("Nordic skiing is popular in Australia and New Zealand.", shipped)
    assert "Nordic" not in found  # an adjective, not GeoNames' "Nordic" region
    assert found["Australia"][1] == "AU" and found["New Zealand"][1] == "NZ"
    continent = _best_reading("Exports to North America rose.", "North America", shipped)
    assert continent.feature_code == "CONT"  # not also GeoNames' "Northern America"


@pytest.mark.slow
def test_a_town_of_a_large_island_lies_in_it(shipped: Gazetteer) -> None:
    # the point of Sumatra is 540 km from Kabanjahe, a town of North Sumatra
    text = "Tests were run in the Kabanjahe district of Sumatra."
    mention = next(m for m in geoparse_text(text, shipped) if m.text == "Kabanjahe")
    assert mention.place is not None
    assert mention.place.country_code == "ID" and mention.place.feature_class == "P"


@pytest.mark.slow
def test_a_group_named_after_a_region_is_no_place(shipped: Gazetteer) -> None:
    text = "Fighters of the Caucasus Emirate ambushed a convoy in the North Caucasus."
    found = _where(text, shipped)
    assert "Caucasus" not in found and "Caucasus Emirate" not in found
    assert found["North Caucasus"][1] == "RU"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Shelling hit villages across Kashmir overnight.", "Kashmir", ""),
        ("Drones struck a depot in the Donbass, officials said.", "Donbass", "UA"),
        ("Troops moved into Nagorno-Karabakh after talks failed.", "Nagorno-Karabakh", "AZ"),
        ("Rockets landed in the Golan Heights on Sunday.", "Golan Heights", "SY"),
        ("Pirates sailed from Puntland toward the Gulf of Aden.", "Puntland", "SO"),
        ("Militias clashed in the Kivu region again.", "Kivu", "CD"),
        ("Two soldiers died in firing along the LoC on Friday.", "LoC", ""),
        ("Rockets were fired from the Shebaa Farms at dawn.", "Shebaa Farms", "LB"),
    ],
)
def test_conflict_regions_known_by_their_usual_name(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    mention = next(m for m in _in_body(text, shipped) if m.text == name)
    assert mention.place is not None and mention.place.feature_code == "RGN"
    assert mention.place.country_code == country


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Gunmen in Sinai shot two police officers.", "Sinai", "PEN"),
        ("Militants in the Sinai ambushed a patrol.", "Sinai", "PEN"),
        ("A tanker was seized in the Strait of Hormuz.", "Strait of Hormuz", "STRT"),
    ],
)
def test_a_curated_feature_is_not_outweighed_by_villages_abroad(
    shipped: Gazetteer, text: str, name: str, code: str
) -> None:
    # no country focus here: the Sinai is the peninsula, not Sinai in Ecuador
    mention = next(m for m in _in_body(text, shipped) if m.text == name)
    assert mention.place is not None and mention.place.feature_code == code


@pytest.mark.slow
def test_a_curated_alias_that_is_an_english_word_is_still_a_name(shipped: Gazetteer) -> None:
    # "Sinai" is a curated alias of the Sinai Peninsula and a common word; "Hall" stays no
    # place: it is only Hall County's name without "County"
    text = "Monday report\n\nEgyptian troops raided a camp in Sinai. Mr Hall said so."
    found = _where(text, shipped)
    assert "Sinai" in found and found["Sinai"][1] == "EG"
    assert "Hall" not in found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("A freighter sank in the Red Sea after a storm.", "Red Sea", "SEA"),
        ("Tankers crossed the Persian Gulf at night.", "Persian Gulf", "GULF"),
        ("Floods cut roads across Red Sea state in Sudan.", "Red Sea", "ADM1"),
    ],
)
def test_a_name_that_says_its_type_is_that_feature(
    shipped: Gazetteer, text: str, name: str, code: str
) -> None:
    # Sudan's Red Sea state and Iran's Bushehr province (alternately "Persian Gulf") share
    # the names; GeoNames records the Red Sea twice, 175 km apart: one sea, not a rival
    mention = next(m for m in _in_body(text, shipped) if m.text == name)
    assert mention.place is not None and mention.place.feature_code == code


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fighters raided fishing islands on Lake Chad at dawn.", "Lake Chad"),
        ("A ferry capsized on Lake Victoria on Sunday.", "Lake Victoria"),
        ("Refugees crossed Lake Kivu by boat.", "Lake Kivu"),
    ],
)
def test_lakes_are_found_whole(shipped: Gazetteer, text: str, name: str) -> None:
    # Natural Earth's lakes; not the country Chad or a town named Victoria
    mention = _in_body(text, shipped)[0]
    assert mention.text == name
    assert mention.place is not None and mention.place.feature_code == "LK"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Storms over the Atlantic delayed the convoy.", "Atlantic", "OCN"),
        ("Drills were held across the Pacific this month.", "Pacific", "OCN"),
    ],
)
def test_an_ocean_named_with_its_article_is_the_ocean(
    shipped: Gazetteer, text: str, name: str, code: str
) -> None:
    # "the Atlantic" is not Atlantic, Iowa: English puts "the" before seas, not town names
    mention = next(m for m in _in_body(text, shipped) if m.text == name)
    assert mention.place is not None and mention.place.feature_code == code


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Ferries to Java were cancelled after the storm.", "Java", "ID"),
        ("Troops were sent to northern Luzon after the raid.", "Luzon", "PH"),
        ("Ash from the volcano fell on Lombok overnight.", "Lombok", "ID"),
    ],
)
def test_a_large_island_is_not_outweighed_by_a_village_or_a_common_word(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    # Natural Earth draws these islands at 1:10m but gives them no population: Java was a
    # common word and Luzon a village in Davao
    mention = next(m for m in _in_body(text, shipped) if m.text == name)
    assert mention.place is not None
    assert (mention.place.feature_code, mention.place.country_code) == ("ISL", country)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "sea"),
    [
        ("Two boats sank in the Mediterranean on Tuesday.", "Mediterranean", "Mediterranean Sea"),
        ("Fishing fleets left the Aegean, officials said.", "Aegean", "Aegean Sea"),
        ("Tankers in the Caspian were turned back.", "Caspian", "Caspian Sea"),
        ("Patrols crossed the Adriatic and the Ionian.", "Adriatic", "Adriatic Sea"),
    ],
)
def test_a_sea_named_by_its_first_word_after_the_article_is_the_sea(
    shipped: Gazetteer, text: str, name: str, sea: str
) -> None:
    # English drops "Sea": "the Caspian" is the sea, not Caspian, Michigan
    mention = next(m for m in _in_body(text, shipped) if m.text == name)
    assert mention.place is not None and mention.place.name == sea


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Doctors praised the Mediterranean diet on Tuesday.",  # a noun follows: an adjective
        "The Caspian Pipeline Consortium raised its tariff.",
        "Voters in the North and the South went to the polls.",  # common words stay words
    ],
)
def test_an_adjective_after_the_article_is_no_sea(shipped: Gazetteer, text: str) -> None:
    assert all(
        m.place is None or m.place.feature_code not in {"SEA", "OCN"}
        for m in _in_body(text, shipped)
    )


@pytest.mark.slow
def test_the_article_does_not_make_a_common_noun_a_place(shipped: Gazetteer) -> None:
    text = "Monday report\n\nGuards closed the Cantonment gate. The Indian army said so."
    found = _where(text, shipped)
    assert "Cantonment" not in found
    assert found["Indian"][2] == "demonym"


@pytest.mark.slow
def test_a_documents_places_do_not_depend_on_the_documents_read_before(
    shipped: Gazetteer,
) -> None:
    # the resolver's memos persist across documents in a process: reading the same documents
    # in the other order, with every memo already filled, must give the same places
    from mapper.documents import load_documents

    root = Path(__file__).resolve().parent.parent
    docs = load_documents([root / "seeds", root / "tests" / "data" / "wire_stories"])
    assert len(docs) > 10

    def places(doc: Document) -> list[tuple[int, str | None, str]]:
        return [
            (m.start, m.place.id if m.place else None, m.status) for m in geoparse(doc, shipped)
        ]

    first = {doc.id: places(doc) for doc in docs}
    second = {doc.id: places(doc) for doc in reversed(docs)}
    assert first == second


@pytest.mark.slow
def test_a_parallel_list_of_provinces_reads_each_as_a_province(shipped: Gazetteer) -> None:
    # "one in Quebec" alone would be the city (a province's capital of the same name); in a
    # parallel list of counts by province it is the province
    text = (
        "Monday report\n\nInfections by province: nine in Manitoba, six in Ontario, "
        "four in Alberta, two in Nova Scotia and one in Quebec."
    )
    quebec = next(m for m in geoparse_text(text, shipped) if m.text == "Quebec")
    assert quebec.place is not None and quebec.place.feature_code == "ADM1"
    towns = geoparse_text(
        "Monday report\n\nThe toll: 5 in Kabul, 3 in Kandahar and 2 in Herat.", shipped
    )
    assert [m.place.feature_code if m.place else None for m in towns] == ["PPLC", "PPLA", "PPLA"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Flights resumed at Sanaa International Airport after the strikes.", "Sanaa"),
        ("Rockets landed near Bassel Al-Assad International Airport overnight.", "Latakia"),
        ("The convoy reached Kandahar Airport before dawn.", "Kandahar"),
    ],
)
def test_an_airport_named_in_full_is_the_airport(shipped: Gazetteer, text: str, name: str) -> None:
    # one mention for the whole name, at the airport (a few km from the town it serves)
    mention = next(m for m in _in_body(text, shipped) if "Airport" in m.text)
    assert mention.place is not None and mention.place.feature_code == "AIRP"
    assert mention.confidence >= 0.5  # the one place of that name, though it has no people
    town = shipped.candidates(name)[0]
    assert haversine_km(mention.place.lat, mention.place.lon, town.lat, town.lon) <= 40


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Passengers waited at Moscow's Sheremetyevo International Airport all night.", "Moscow"),
        ("He flew out of Karachi's Jinnah International Airport on Sunday.", "Karachi"),
        ("A drone was shot down over Beirut's Rafic Hariri International Airport.", "Beirut"),
        ("Security was tightened at Islamabad's International Airport.", "Islamabad"),
    ],
)
def test_a_possessive_town_stays_a_name_of_its_own(
    shipped: Gazetteer, text: str, town: str
) -> None:
    # "Moscow's" ends the town's name: it is no part of the airport's ("Moscow Sheremetyevo")
    names = [m.text for m in _in_body(text, shipped)]
    assert town in names and not any(n.startswith(town + "'") for n in names)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "country"),
    [("London airport", "GB"), ("Tripoli airport", "LY"), ("Aden airport", "YE")],
)
def test_a_town_airport_is_never_a_namesakes_abroad(
    shipped: Gazetteer, query: str, country: str
) -> None:
    # London, Ontario's airport is "London Airport" and Lebanon's Tripoli has one: the words
    # name the capital's airport or none, never the namesake's
    assert all(p.country_code == country for p in shipped.candidates(query))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The president will land at Long Beach Airport on Wednesday.", "Long Beach"),
        ("He served five years as a Las Vegas City Marshal.", "Las Vegas"),
    ],
)
def test_a_longer_name_that_is_no_place_leaves_the_shorter_one(
    shipped: Gazetteer, text: str, name: str
) -> None:
    # "Long Beach Airport" in everyday words and "Las Vegas City" are kept only when they are
    # places; when not, the town they start with is still read
    assert any(m.text == name for m in _in_body(text, shipped))


@pytest.mark.slow
def test_a_country_known_by_a_common_word_is_still_the_country(shipped: Gazetteer) -> None:
    # "America" is as common a word as "free" or "capital", but it is the United States' own
    # name in news (aliases.tsv); a province's name without its generic word ("Free" of Free
    # State, "Capital" of a capital region) is not
    text = (
        "Refugees resettled in America since the war. Leaders of the Free World met Capital Steel."
    )
    found = _where(text, shipped)
    assert found.get("America", ("", "", ""))[1] == "US"
    assert "Free" not in found and "Capital" not in found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "A car bomb went off near a checkpoint in mosul on Sunday, officials said.",
            "mosul",
            "IQ",
        ),
        ("Police in quetta arrested two men after the blast.", "quetta", "PK"),
        ("Fighting spread across helmand province overnight, the army said.", "helmand", "AF"),
    ],
)
def test_a_notable_place_written_in_lower_case_in_normal_text_is_found(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    # a typo-like lower-case name right after a preposition of place or before a type word
    found = _where(text, shipped)
    assert found.get(name, ("", "", ""))[1] == country


@pytest.mark.slow
def test_lower_case_words_of_normal_text_stay_words(shipped: Gazetteer) -> None:
    # common words that also name places, and an adjective before a type word, are no places
    text = "He arrived in time, bought china in bulk and toured the northeastern province."
    assert _where(text, shipped) == {}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "admin2"),
    [
        (
            "Militants were killed in Khasavyurtovsky District on Friday.",
            "Khasavyurtovsky",
            "Khasavyurtovskiy Rayon",
        ),
        (
            "A police post came under fire in the Urus-Martanovsky district.",
            "Urus-Martanovsky",
            "Urus-Martanovskiy Rayon",
        ),
        (
            "Shelling hit Koriukivsky District overnight.",
            "Koriukivsky",
            "Koriukivskyi Raion",
        ),
    ],
)
def test_a_raion_is_found_in_any_romanisation_of_its_adjective(
    shipped: Gazetteer, text: str, name: str, admin2: str
) -> None:
    # GeoNames writes "-skiy Rayon" (Russia) and "-skyi Raion" (Ukraine); news "-sky District"
    mention = next(m for m in _in_body(text, shipped) if m.text == name)
    assert mention.place is not None and mention.place.name == admin2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Chechen fighters crossed the border at night.", "Chechen", "Chechenskaya Respublika"),
        (
            "Talks between Georgian and South Ossetian officials stalled.",
            "South Ossetian",
            "South Ossetia",
        ),
        ("Two Abkhaz servicemen were wounded by a blast.", "Abkhaz", "Abkhazia"),
    ],
)
def test_a_regions_demonym_is_a_mention_of_the_region(
    shipped: Gazetteer, text: str, name: str, place: str
) -> None:
    # LGL's convention: a demonym is a mention of its place; a region's demonym of the region,
    # never drawn as a place (kind "demonym")
    mention = next(m for m in geoparse_text(text, shipped) if m.text == name)
    assert mention.kind == "demonym" and mention.place is not None
    assert mention.place.name == place


@pytest.mark.slow
def test_a_regions_capital_is_not_its_countrys(shipped: Gazetteer) -> None:
    text = "Report\n\nPolice in the Dagestani capital, Makhachkala, shot two men."
    names = {m.text: m.place.name if m.place else None for m in geoparse_text(text, shipped)}
    assert "Moscow" not in names.values() and names.get("Makhachkala") == "Makhachkala"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("A roadside bomb killed four soldiers in Tank district on Monday.", "Tank", "PK"),
        ("Two policemen were shot in Tank district, officials said.", "Tank", "PK"),
    ],
)
def test_a_common_word_named_with_its_unit_word_is_the_unit(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    # "Tank" is an English word, but "Tank district" names Pakistan's district
    found = _where(text, shipped)
    assert found.get(name, ("", "", ""))[1] == country


@pytest.mark.slow
def test_an_everyday_compound_with_district_is_no_place(shipped: Gazetteer) -> None:
    # "Police District 9" (Kabul's police districts), "the School District": not Police in Poland
    text = "Report\n\nA blast hit Police District 9 in Kabul. The School District closed schools."
    assert "Police" not in _where(text, shipped) and "School" not in _where(text, shipped)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        (
            "A passenger train came under fire in Bolan district on Friday.",
            "Bolan",
            "Kachhi District",
        ),
        (
            "Gunmen stopped a bus in Musakhel, Balochistan, and shot nine men.",
            "Musakhel",
            "Musa Khel District",
        ),
    ],
)
def test_a_districts_former_or_press_name_is_the_district(
    shipped: Gazetteer, text: str, name: str, place: str
) -> None:
    # aliases.tsv: Kachhi was Bolan District until 2008; "Musakhel" is the press spelling
    mention = next(m for m in _in_body(text, shipped) if m.text == name)
    assert mention.place is not None and mention.place.name == place


@pytest.mark.slow
def test_an_islamic_state_province_named_after_a_country_is_no_place(shipped: Gazetteer) -> None:
    # the group's "Mozambique Province" is masked; the country, named apart, stays the country
    text = (
        'Report\n\nFighters of its "Mozambique Province" burned a church, the group said. '
        "The attack took place in northern Mozambique."
    )
    found = [m for m in geoparse_text(text, shipped) if m.text.startswith("Mozambique")]
    assert [m.start for m in found] == [text.index("northern Mozambique") + 9]
    assert found[0].place is not None and found[0].place.feature_code == "PCLI"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # Natural Earth's English names of first-level units (name_en, name_alt)
        ("Militants attacked an army checkpoint in North Sinai on Monday.", "North Sinai", "EG"),
        ("Soldiers were ambushed in Middle Shebelle on Monday.", "Middle Shebelle", "SO"),
        # press spellings in aliases.tsv, with their sources
        ("A convoy was ambushed in Lower Shabelle on Monday.", "Lower Shabelle", "SO"),
        ("Fighting spread across Hiraan on Monday.", "Hiraan", "SO"),
    ],
)
def test_english_names_of_first_level_units_are_the_unit(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    place = _best_reading(text, name, shipped)
    assert (place.country_code, place.feature_code) == (country, "ADM1")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "area"),
    [
        (
            "Soldiers patrolled the Hamrin Mountains in Diyala province after a night of mortar "
            "fire, Iraqi officials said.",
            "Hamrin",
            "Diyala",
        ),
        (
            "TUNIS, Tunisia - A landmine wounded three soldiers in the Chaambi mountains of "
            "Kasserine governorate on Tuesday.",
            "Chaambi",
            "Kasserine",
        ),
        (
            "US troops were pinned down in the Korengal valley in Kunar province for hours, Afghan "
            "officials said.",
            "Korengal",
            "Kunar",
        ),
    ],
)
def test_a_feature_in_an_area_is_inside_it_across_its_feature_word(
    shipped: Gazetteer, text: str, name: str, area: str
) -> None:
    # "the X mountains in Y" puts X inside Y as "X in Y" does: X's only readings, villages of
    # its name in India, lie elsewhere, so X is listed unresolved within Y, never the namesake
    found = next(m for m in geoparse_text(text, shipped) if m.text == name)
    outer = next(m for m in geoparse_text(text, shipped) if m.text == area)
    assert found.place is None and found.status == "unresolved"
    assert found.within is not None and outer.place is not None
    assert found.within.id == outer.place.id
    assert found.candidates  # kept


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Iraqi soldiers came under fire in the Hamrin mountains overnight, officers in Tikrit "
         "said.", "Hamrin"),
        ("KENYA - Police said bandits killed three herders in the Kerio valley, east of Eldoret, "
         "on Monday.", "Kerio"),
        ("The Chaambi hills of Kasserine have sheltered jihadist cells for a decade, Tunisian "
         "officials say.", "Chaambi"),
    ],
)  # fmt: skip
def test_a_town_abroad_is_no_reading_of_a_feature(shipped: Gazetteer, text: str, name: str) -> None:
    # "mountains", "valley", "hills" after the name say a physical feature: a village of the
    # name in India is no reading of it, nor is the district around that village
    found = next(m for m in geoparse_text(text, shipped) if m.text == name)
    assert found.place is None and found.status == "unresolved" and found.candidates


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country", "code"),
    [
        # the unit around the town, named after the feature, is a reading of it
        ("DAMASCUS, Syria - Gunmen ambushed a bus in the Homs desert on Friday, killing nine "
         "soldiers.", "Homs", "SY", "ADM1"),
        # a town of the document's countries stays the pin of the lake named after it
        ("NIAMEY, Niger - Fishermen reported gunmen on boats near Ayorou lake in the Tillaberi "
         "region on Sunday.", "Ayorou", "NE", "PPL"),
        # a valley the gazetteer has stays that valley
        ("ISLAMABAD, Pakistan - Jets struck hideouts in the Tirah valley in Khyber district on "
         "Sunday.", "Tirah", "PK", "VAL"),
    ],
)  # fmt: skip
def test_a_feature_named_after_a_place_of_the_documents_country(
    shipped: Gazetteer, text: str, name: str, country: str, code: str
) -> None:
    found = next(m for m in geoparse_text(text, shipped) if m.text == name)
    assert found.place is not None and found.status == "resolved"
    assert (found.place.country_code, found.place.feature_code) == (country, code)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Insurgents burned the village of Chai on Thursday; Mozambican troops arrived from Mueda "
         "hours later.", "Chai"),
        ("MAIDUGURI, Nigeria - Gunmen stormed the village of Limani on Tuesday, residents told "
         "reporters in Borno state.", "Limani"),
        ("NAIROBI, Kenya - Suspected al-Shabaab gunmen shot dead a chief in the village of Fino on "
         "Wednesday, officials in Mandera said.", "Fino"),
    ],
)  # fmt: skip
def test_a_small_place_abroad_reached_by_another_name_does_not_beat_the_focus(
    shipped: Gazetteer, text: str, name: str
) -> None:
    # "Chai" is an alternate name of Çey in Turkey, "Limani" of Lymany in Ukraine, "Fino" of
    # Fino Mornasco in Italy: in a report on Mozambique, Nigeria or Kenya the village named is
    # none of them (a type word says a village, not whose); listed, candidates kept
    found = next(m for m in geoparse_text(text, shipped) if m.text == name)
    assert found.place is None and found.status == "unresolved" and found.candidates


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # named with its country
        ("Clashes were reported near Chai, Turkey, close to the border on Friday.", "Chai", "TR"),
        # another spelling of a place of the document's country
        ("OUAGADOUGOU, Burkina Faso - Jihadists attacked a convoy near the town of Arbinda on "
         "Saturday, the army said.", "Arbinda", "BF"),
        # a large place by its older name
        ("Senators in Washington debated aid to Ukraine as Russian shells hit Kiev.", "Kiev", "UA"),
    ],
)  # fmt: skip
def test_a_place_abroad_with_evidence_or_size_keeps_its_reading(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    found = next(m for m in geoparse_text(text, shipped) if m.text == name)
    assert found.place is not None and found.place.country_code == country


@pytest.mark.slow
def test_large_places_abroad_by_their_own_names_are_never_left_unresolved(
    shipped: Gazetteer,
) -> None:
    # "Paris" and "London" in a report on the United States are primary names of large places:
    # the rule for variants abroad leaves them to the usual weighing
    text = (
        "DENVER, Colorado - The mayor of Denver left for Paris on Monday and will stop in London."
    )
    found = {m.text: m for m in geoparse_text(text, shipped)}
    assert found["Paris"].status != "unresolved" and found["London"].status != "unresolved"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # GeoNames codes Ménaka, the capital of the Ménaka region, PPL, not PPLA
        ("Gunmen killed nine herders near Menaka on Monday.", "PPL"),
        ("Gunmen killed nine herders in Ménaka town on Monday.", "PPL"),
        ("Aid convoys could not reach the Menaka region.", "ADM1"),
    ],
)
def test_a_region_named_after_its_town_leaves_the_bare_name_to_the_town(
    shipped: Gazetteer, text: str, code: str
) -> None:
    name = "Ménaka" if "Ménaka" in text else "Menaka"
    assert _best_reading(text, name, shipped).feature_code == code


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        # no airport of the name: the type word says nothing between the town and its region
        ("A car bomb hit the gate of Gao airport on Tuesday.", "Gao", "PPLA"),
        ("Militants attacked a checkpoint in Kandahar province.", "Kandahar", "ADM1"),
        ("Militants attacked a checkpoint in Kandahar city.", "Kandahar", "PPLA"),
    ],
)
def test_a_type_word_no_candidate_has_leaves_the_seat_its_lift(
    shipped: Gazetteer, text: str, name: str, code: str
) -> None:
    assert _best_reading(text, name, shipped).feature_code == code


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked troops in the Chinnigam area of south Kashmir's Kulgam district.",
        "Militants attacked troops in Chinnigam in south Kashmir's Kulgam district.",
        "Militants attacked troops in the Chinnigam area of Kulgam district.",
    ],
)
def test_a_name_in_a_possessed_district_is_not_a_namesake_elsewhere(
    shipped: Gazetteer, text: str
) -> None:
    # "X of Y's Z": X lies in Z; a direction before Y ("south Kashmir") changes nothing.
    # Chinnigam is read as Chengam, Tamil Nadu, by its spelling; it is no place in Kulgam.
    found = {m.text: m for m in geoparse_text(text, shipped)}
    chinnigam = found["Chinnigam"]
    assert (chinnigam.status, chinnigam.within and chinnigam.within.name) == (
        "unresolved",
        "Kulgam",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers of Light Infantry Battalion (LIB) 33 set fire to houses near Shwebo.",
        "Troops of the Border Security Force (BSF) fired across the line near Jammu.",
        "Troops of the Multinational Joint Task Force (MNJTF) were ambushed near Maiduguri.",
    ],
)
def test_a_short_form_a_bracket_defines_is_no_place(shipped: Gazetteer, text: str) -> None:
    # Schwartz & Hearst: the capitals abbreviate the words before the bracket (LIB is also a
    # province of the Marshall Islands); the place of the sentence is still found
    names = [m.text for m in geoparse_text(text, shipped)]
    assert len(names) == 1 and names[0] in ("Shwebo", "Jammu", "Maiduguri"), names


def test_a_places_own_short_form_in_brackets_is_a_mention_of_it(shipped: Gazetteer) -> None:
    # guard: "Khyber Pakhtunkhwa (KP)" defines a short form of a place, a mention of it (GeoVirus
    # annotates "(DRC)", "(NSW)" so), and a later "KP" is the province too
    text = "Police in Khyber Pakhtunkhwa (KP) were attacked; KP officials said two died."
    kp = [m for m in geoparse_text(text, shipped) if m.text == "KP"]
    assert len(kp) == 2 and all(m.place and m.place.feature_code == "ADM1" for m in kp)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "An IED struck an SDF vehicle near al-Busayrah in Deir ez-Zor on Monday.",
            "al-Busayrah",
            "SY",
        ),
        ("Clashes were reported in el-Fasher, North Darfur, on Monday.", "el-Fasher", "SD"),
        ("Shelling hit al-Qaim in Anbar province overnight.", "al-Qaim", "IQ"),
    ],
)
def test_a_name_after_the_article_in_lower_case_is_found_with_it(
    shipped: Gazetteer, text: str, name: str, country: str
) -> None:
    mention = next(m for m in geoparse_text(text, shipped) if name in m.text)
    assert mention.text == name
    assert mention.place is not None and mention.place.country_code == country
