"""Tests of place-name recognition on sentences written for them, with a small gazetteer."""

from __future__ import annotations

import pytest

from mapper.gazetteer import Gazetteer, Place
from mapper.recognize import Recognizer, load_lexicon, tokenize


def _place(
    pid: str,
    name: str,
    lat: float,
    lon: float,
    code: str,
    cc: str,
    population: int = 0,
    admin1_code: str = "",
) -> Place:
    return Place(
        id=f"test:{pid}",
        name=name,
        ascii_name=name,
        lat=lat,
        lon=lon,
        feature_class="A"
        if code.startswith(("ADM", "PCL"))
        else "P"
        if code.startswith("PPL")
        else "T",
        feature_code=code,
        country_code=cc,
        country=cc,
        admin1_code=admin1_code,
        admin1="",
        admin2_code="",
        admin2="",
        population=population,
        source="test",
    )


PLACES = [
    _place("af", "Afghanistan", 33.0, 65.0, "PCLI", "AF", 37_000_000),
    _place("pk", "Pakistan", 30.0, 70.0, "PCLI", "PK", 220_000_000),
    _place("us", "United States", 39.76, -98.5, "PCLI", "US", 327_000_000),
    _place("khorasan", "Khorasan", 35.0, 59.0, "RGN", "IR", 0),
    _place("kunar", "Kunar", 34.85, 71.1, "ADM1", "AF", 450_000, "AF.34"),
    _place("kunar-valley", "Kunar Valley", 34.9, 71.15, "VAL", "AF", 0, "AF.34"),
    _place("kabul", "Kabul", 34.5281, 69.1723, "PPLC", "AF", 3_043_532, "AF.13"),
    _place("nice", "Nice", 43.7031, 7.2661, "PPLA2", "FR", 342_669),
    _place("may", "May", 35.0, -100.0, "PPL", "US", 300),
    _place("of", "Of", 40.94, 40.26, "PPL", "TR", 20_000),
    _place("police", "Police", 53.55, 14.57, "PPL", "PL", 33_000),
    _place("madison", "Madison", 43.07, -89.4, "PPLA", "US", 250_000, "US.WI"),
    _place("clarke", "Clarke", 33.9, -83.4, "PPL", "US", 2_000),
    _place("paris", "Paris", 48.8534, 2.3488, "PPLC", "FR", 2_138_551),
    _place("washington", "Washington", 38.895, -77.0365, "PPLC", "US", 689_545),
    _place("peshawar", "Peshawar", 34.008, 71.5785, "PPLA", "PK", 1_218_773, "PK.03"),
    _place("nelson", "Nelson", -41.27, 173.28, "PPLA", "NZ", 50_000),
    _place("grove", "Grove", 36.6, -94.8, "PPL", "US", 6_000),
    _place("sa", "Saudi Arabia", 24.0, 45.0, "PCLI", "SA", 34_000_000),
    _place("wv", "West Virginia", 38.5, -80.5, "ADM1", "US", 0, "US.WV"),
    _place("charleston", "Charleston", 38.35, -81.63, "PPLA", "US", 46_838, "US.WV"),
    _place("gb", "United Kingdom", 54.0, -2.0, "PCLI", "GB", 66_000_000),
    _place("cn", "China", 35.0, 105.0, "PCLI", "CN", 1_400_000_000),
    _place("tw", "Taiwan", 24.0, 121.0, "PCLI", "TW", 23_000_000),
    _place("qa", "Queen Anne's County", 39.04, -76.08, "ADM2", "US", 50_000, "US.MD"),
    _place("zhar", "Zhar", 48.0, 35.0, "PPL", "UA", 900),
    _place("douglas", "Douglas County", 45.9, -95.45, "ADM2", "US", 36_000, "US.MN"),
    _place("roswell", "Roswell", 34.02, -84.36, "PPL", "US", 94_000, "US.GA"),
    _place("ci", "Ivory Coast", 8.0, -5.0, "PCLI", "CI", 25_000_000),
    _place("pap", "Port-au-Prince", 18.54, -72.34, "PPLC", "HT", 1_234_742),
    _place("valdor", "Val-d'Or", 48.1, -77.78, "PPL", "CA", 32_000),
    _place("sma", "Sainte-Marie-aux-Mines", 48.25, 7.18, "PPL", "FR", 5_000),
]


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    gazetteer = Gazetteer.from_places(
        PLACES,
        {
            "test:us": ["U.S.", "US", "USA"],
            "test:sa": ["Saudi"],
            "test:cn": ["People's Republic of China"],
            "test:tw": ["Republic of China"],
            "test:ci": ["Côte d'Ivoire"],
        },
    )
    return Recognizer(gazetteer)


def _found(recognizer: Recognizer, text: str) -> list[str]:
    result = recognizer.recognize(text)
    for span in result.places:
        assert text[span.start : span.end] == span.text
    return [s.text for s in result.places]


def test_tokens_keep_offsets_and_split_possessives() -> None:
    text = "Pakistan’s tribal areas and O'Leary's U.S. trip; I’ve seen iPhones."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Pakistan", "and", "O'Leary", "U.S."]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.join for t in tokens] == [False, False, True, True]


def test_links_are_kept_only_before_a_capital_or_an_organisation_word() -> None:
    text = "Men of the Bank of the West met the head of a cell, e.g. of the e.g. kind, in Herat."
    tokens = tokenize(text, lower=frozenset({"cell"}))
    assert [t.text for t in tokens] == [
        "Men", "of", "the", "Bank", "of", "the", "West", "cell", "e.g.", "e.g.", "Herat",
    ]  # fmt: skip
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_words_start_only_at_a_word_start() -> None:
    text = "iPhones, xU.S.A. and McDonald's U.K. office; Xcell and cells of al-Qaeda."
    tokens = tokenize(text, lower=frozenset({"cell"}))
    words = ["S.A.", "and", "McDonald", "U.K.", "Xcell", "of", "al", "Qaeda"]
    assert [t.text for t in tokens] == words  # "and" links to "McDonald", "of al" to "Qaeda"
    assert tokens[-1].join  # "al-Qaeda": the hyphen joins


def test_tokens_of_one_scan_equal_those_of_every_word_kept_in_order() -> None:
    # The kept words are a subsequence of all words, with the same offsets.
    text = "The leader of the Islamic State Khorasan Province cell in Kunar Valley, the U.S. said."
    kept = [(t.start, t.end) for t in tokenize(text, lower=frozenset({"cell"}))]
    every = [(t.start, t.end) for t in tokenize(text, every_word=True)]
    assert kept == [span for span in every if span in kept]
    assert len(kept) == 12


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Aid left Port-au-Prince for Côte d'Ivoire.", ["Port-au-Prince", "Côte d'Ivoire"]),
        ("Flights to Cote d’Ivoire resumed.", ["Cote d’Ivoire"]),
        (
            "Miners from Val-d'Or met in Sainte-Marie-aux-Mines.",
            ["Val-d'Or", "Sainte-Marie-aux-Mines"],
        ),
    ],
)
def test_a_name_with_an_elided_article_or_a_hyphenated_particle_is_whole(
    recognizer: Recognizer, text: str, names: list[str]
) -> None:
    # French names: "d'" before a capital and "-au-", "-aux-" between hyphens belong to the name
    assert _found(recognizer, text) == names


def test_longest_match_wins(recognizer: Recognizer) -> None:
    text = "Fighters were ambushed in the Kunar Valley, far from Kunar's capital."
    assert _found(recognizer, text) == ["Kunar Valley", "Kunar"]


def test_group_names_are_masked(recognizer: Recognizer) -> None:
    text = (
        "Envoys of the Islamic State Khorasan Province met men of Wilayat Khorasan and of the\n"
        "Tehrik-e-Taliban Pakistan (TTP); ISIS-K and Khorasan Province cells were named."
    )
    result = recognizer.recognize(text)
    assert result.places == ()
    masked = [text[a:b] for a, b in result.masked]
    assert "Islamic State Khorasan Province" in masked
    assert any("Tehrik-e-Taliban" in m for m in masked)


def test_a_place_outside_a_group_name_is_kept(recognizer: Recognizer) -> None:
    text = "Tehrik-e-Taliban Pakistan fighters crossed from Pakistan into Kunar."
    assert _found(recognizer, text) == ["Pakistan", "Kunar"]


def test_common_words_at_sentence_start_are_not_places(recognizer: Recognizer) -> None:
    text = (
        "May brought rain. Nice work, said the officer. Police arrived. "
        "Of the ten, two moved to Nice."
    )
    assert _found(recognizer, text) == ["Nice"]
    spans = recognizer.recognize(text).places
    assert spans[0].start == text.rindex("Nice")


def test_a_prominent_place_can_start_a_sentence(recognizer: Recognizer) -> None:
    assert _found(recognizer, "Kabul was quiet. Pakistan closed the border.") == [
        "Kabul",
        "Pakistan",
    ]


def test_person_names_are_not_places(recognizer: Recognizer) -> None:
    text = "Colin Clarke and President Madison spoke in Paris; later Clarke flew to Washington."
    assert _found(recognizer, text) == ["Paris", "Washington"]


def test_streets_and_media_are_not_places(recognizer: Recognizer) -> None:
    text = "Offices on Madison Avenue and the Washington Post moved staff to Madison and Peshawar."
    assert _found(recognizer, text) == ["Madison", "Peshawar"]


def test_demonyms_are_signals_not_places(recognizer: Recognizer) -> None:
    text = "Afghan and Pakistani officials met two Americans."
    result = recognizer.recognize(text)
    assert result.places == ()
    assert [(d.text, d.country_code) for d in result.demonyms] == [
        ("Afghan", "AF"),
        ("Pakistani", "PK"),
        ("Americans", "US"),
    ]


def test_abbreviations_need_an_admin_area(recognizer: Recognizer) -> None:
    assert _found(recognizer, "Troops left for the U.S. on Monday.") == ["U.S."]


def test_type_word_is_kept_as_a_hint(recognizer: Recognizer) -> None:
    spans = recognizer.recognize("Clashes in Kunar province left four dead.").places
    assert [(s.text, s.type_hint) for s in spans] == [("Kunar", "province")]


def test_headline_words_are_uncertain(recognizer: Recognizer) -> None:
    spans = recognizer.recognize("Police Raid In Nice Leaves Two Hurt\nThe story follows.").places
    assert spans == ()


def test_lexicon_files_load() -> None:
    lex = load_lexicon()
    assert lex.common["the"] > 7
    assert "Colin" in lex.given
    assert lex.demonyms["afghan"] == "AF"
    assert lex.types["province"] == ("ADM1",)
    assert any("Khorasan" in o for o in lex.organisations)


def test_initials_keep_a_person_name_together(recognizer: Recognizer) -> None:
    text = "Capt. Roy A. Nelson said the road was shut. Later Nelson said it reopened in Kabul."
    assert _found(recognizer, text) == ["Kabul"]


def test_a_demonym_is_not_a_place_even_when_the_gazetteer_knows_it(
    recognizer: Recognizer,
) -> None:
    text = "Saudi officials flew from Saudi Arabia to Peshawar."
    result = recognizer.recognize(text)
    assert [s.text for s in result.places] == ["Saudi Arabia", "Peshawar"]
    assert [(d.text, d.country_code) for d in result.demonyms] == [("Saudi", "SA")]


def test_a_common_word_ending_another_name_is_not_a_place(recognizer: Recognizer) -> None:
    text = "Skaters met at Cedar Grove and Veterans Memorial Grove before driving to Grove."
    spans = recognizer.recognize(text).places
    assert [(s.text, s.start) for s in spans] == [("Grove", text.rindex("Grove"))]


def test_region_word_naming_a_group_is_masked(recognizer: Recognizer) -> None:
    text = "The Khorasan cell of the Islamic State grew; Khorasan itself is a region."
    spans = recognizer.recognize(text).places
    assert [(s.text, s.start) for s in spans] == [("Khorasan", text.rindex("Khorasan"))]


def test_news_abbreviations_and_datelines(recognizer: Recognizer) -> None:
    text = "CHARLESTON, W.Va. -- Officials from the UK arrived. Del. Smith spoke."
    spans = recognizer.recognize(text).places
    assert [(s.text, s.candidates[0].id) for s in spans] == [
        ("CHARLESTON", "test:charleston"),
        ("W.Va.", "test:wv"),
        ("UK", "test:gb"),
    ]


def test_a_possessive_inside_a_name_keeps_its_s(recognizer: Recognizer) -> None:
    text = "Envoys of the People's Republic of China met officials of Queen Anne's County."
    result = recognizer.recognize(text)
    assert [(s.text, s.candidates[0].id) for s in result.places] == [
        ("People's Republic of China", "test:cn"),
        ("Queen Anne's County", "test:qa"),
    ]


def test_a_possessive_ends_a_person_name(recognizer: Recognizer) -> None:
    text = "After President Obama's Kabul visit and Colin's Peshawar trip, talks resumed."
    assert _found(recognizer, text) == ["Kabul", "Peshawar"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a small place's name as the first word of an unknown name is a fragment: nothing,
        # or the whole name where the text says it is a place (a chain, a type word)
        ("Rep. Zhar Westrom voted against the bill.", []),
        ("A raid hit Zhar Sahib, Kunar, before dawn.", ["Zhar Sahib", "Kunar"]),
        ("Shots were fired in Zhar Sahib village overnight.", ["Zhar Sahib"]),
        # a county or a larger place opening the run is a place, then a thing at it
        ("According to the Douglas County Sheriffs Office, two died.", ["Douglas County"]),
        # a dash with spaces on both sides ends a dateline, it joins nothing
        ("ROSWELL - A man was arrested on Friday.", ["ROSWELL"]),
    ],
)
def test_unknown_names_and_their_fragments(
    recognizer: Recognizer, text: str, expected: list[str]
) -> None:
    assert _found(recognizer, text) == expected
