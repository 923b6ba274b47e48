"""Tests for mapper.actors: aliases found in text however it is spaced, at their own offsets."""

from __future__ import annotations

import pytest

from mapper.actors import load_actors


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday the Islamic State claimed it.",
        "Yesterday the  Islamic   State claimed it.",  # runs of spaces
        "Yesterday the Islamic\n\nState claimed it.",  # a paragraph break
        "Yesterday the Islamic - State claimed it.",  # a spaced hyphen
        "İİ Yesterday the ISLAMIC\u00a0State claimed it.",  # lower case longer; no-break space
    ],
)
def test_an_alias_is_found_at_its_offsets_however_it_is_spaced(text: str) -> None:
    found = load_actors().find(text)
    assert [m.actor for m in found] == ["is"]
    start = text.index("Islamic") if "Islamic" in text else text.index("ISLAMIC")
    assert (found[0].start, found[0].end) == (start, text.index(" claimed"))


def test_a_search_inside_a_window_reports_offsets_of_the_whole_text() -> None:
    text = "The Taliban  said.  Later  the  Taliban   denied it."
    found = load_actors().find(text, 19)
    start = text.index("Taliban", 19)
    assert [(m.actor, m.start, m.end) for m in found] == [("taliban", start, start + 7)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another body's acronym, in a text that names no armed group by it
        ("Australia's Defence Force (ADF) flew aid to Tonga, the ADF said on Friday.", []),
        ("South Africa's National Prosecuting Authority (NPA) charged two men.", []),
        ("Japan sent Self-Defense Forces (SDF) planes; the SDF said none was hurt.", []),
        ("Officials said ASG Lopez would brief the council.", []),
        # the Islamic State named does not make the Australian ADF the Congolese one
        ("ADF aircraft struck Islamic State targets near Mosul.", ["is"]),
        # the same acronyms where the text also names the group another way
        ("ADF rebels attacked Oicha on Sunday; the ADF has killed hundreds.", ["adf", "adf"]),
        ("The New People's Army denied it; the NPA rarely does.", ["npa", "npa"]),
        ("The US-backed SDF said its fighters held the dam; the SDF lost two.", ["sdf", "sdf"]),
        ("YPG fighters withdrew; the SDF called it a regrouping.", ["ypg", "sdf"]),
        ("Abu Sayyaf gunmen freed a hostage; the ASG had held him for months.", ["abu-sayyaf"] * 2),
    ],
)
def test_an_ambiguous_acronym_is_read_only_where_the_group_is_named(
    text: str, expected: list[str]
) -> None:
    assert [m.actor for m in load_actors().find(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Al-Shabaab fighters stormed a hotel in Mogadishu.", ["al-shabaab"]),
        ("Mozambican al-Shabaab fighters raided Mocimboa da Praia.", ["is-mozambique"]),
        ("Wilayat Mozambique released photos of the raid.", ["is-mozambique"]),
        ("Ansar al-Islam fighters attacked Kirkuk in 2004.", []),  # Iraq's, not Burkina's
        ("Ansarul Islam fighters attacked Djibo.", ["ansarul-islam"]),
        ("Saraya Ansar al-Sunnah claimed the church bombing.", []),  # not Mozambique's
        ("Rep. Joseph Wagner said the toll would rise.", []),  # a person, not the group
        ("Wagner mercenaries and the Africa Corps patrolled Kidal.", ["wagner", "wagner"]),
        ("A crash closed the m23 near Crawley.", []),  # case-sensitive: the motorway, lower case
    ],
)
def test_new_groups_keep_apart_from_names_they_resemble(text: str, expected: list[str]) -> None:
    assert [m.actor for m in load_actors().find(text)] == expected


def test_branches_and_fronts_hang_from_their_organisations() -> None:
    actors = load_actors()
    assert actors.ancestors("adf") == ["adf", "iscap", "is"]
    assert actors.ancestors("dawlah-islamiyah") == ["dawlah-islamiyah", "iseap", "is"]
    assert actors.ancestors("kashmir-tigers") == ["kashmir-tigers", "jem"]
    assert actors.ancestors("katiba-macina") == ["katiba-macina", "jnim", "aq"]
    assert actors.ancestors("is-mozambique") == ["is-mozambique", "is"]
    assert actors.ancestors("m23") == ["m23"]  # Rwanda's backing is alleged, not a parent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # other bodies' acronyms and common words, in texts that name no armed group by them
        ("Reporters Without Borders (RSF) said two journalists were killed.", []),
        ("The Singapore Armed Forces (SAF) held a parade; the SAF said it went well.", []),
        ("The file was sent as a PDF; the PDF ran to 40 pages.", []),
        ("He joined AA after the crash; AA meetings are held weekly.", []),
        ("Two KIA soldiers were listed; KIA Motors recalled 10,000 cars.", []),
        ("The BIR collected more tax this year.", []),  # the Philippine revenue bureau
        ("A landslide killed 12 people in Fano on Tuesday.", []),  # the Italian town
        ("Mali's junta said its troops had killed 20 militants.", []),  # not Myanmar's junta
        ("Maoist rebels ambushed soldiers in Samar.", []),  # the NPA is called Maoist too
        ("The Colombian army lost EMC contracts.", ["colombia"]),
        # the same words where the text names the actor another way
        ("RSF fighters shelled El Fasher; the RSF denied it.", ["rsf", "rsf"]),
        ("The Sudanese Armed Forces retook the bridge, the SAF said.", ["sudan", "sudan"]),
        ("PDF fighters ambushed a convoy; the PDF said it lost two.", ["pdf", "pdf"]),
        ("The Arakan Army took Maungdaw; the AA said so.", ["arakan-army", "arakan-army"]),
        ("The Kachin Independence Army said KIA troops hold the pass.", ["kia", "kia"]),
        ("Fano fighters entered Gondar; the Fano said it held the town.", ["fano", "fano"]),
        ("The Myanmar military said junta troops had retaken the town.", ["myanmar", "myanmar"]),
        ("Naxals killed two villagers; the Maoists later apologised.", ["cpi-maoist"] * 2),
        ("The PLGA said Maoist rebels laid the mine.", ["plga", "cpi-maoist"]),
        ("Amba fighters fled as BIR soldiers arrived.", ["ambazonian-separatists", "cameroon"]),
    ],
)
def test_new_acronyms_and_common_words_are_read_only_where_the_actor_is_named(
    text: str, expected: list[str]
) -> None:
    assert [m.actor for m in load_actors().find(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Cameroon's ADF shares the acronym with Congo's: the bare acronym stays unread there
        (
            "Ambazonia Defence Forces (ADF) fighters killed two soldiers; the ADF said so.",
            ["ambazonia-defence-forces"],
        ),
        ("Separatist fighters attacked Bamenda; the ADF claimed it.", []),
        ("Operation Hadin Kai troops repelled ISWAP fighters.", ["nigeria", "iswap"]),
        ("Operation Fansan Yamma said its troops killed 20 bandits.", ["nigeria"]),
        ("CRPF and DRG jawans returned fire.", ["india", "india"]),
        (
            "Ethiopian troops and the ENDF pulled back; the TPLF said so.",
            ["ethiopia", "ethiopia", "tplf"],
        ),
        ("ELN rebels and Clan del Golfo gunmen clashed.", ["eln", "clan-del-golfo"]),
        ("TNLA and MNDAA fighters took Lashio.", ["tnla", "mndaa"]),
        ("Armed bandits killed 20 villagers in Zamfara.", []),  # no generic actor, by design
    ],
)
def test_groups_and_forces_of_sudan_colombia_ethiopia_myanmar_india_cameroon_and_nigeria(
    text: str, expected: list[str]
) -> None:
    assert [m.actor for m in load_actors().find(text)] == expected


def test_fronts_factions_and_wings_hang_from_their_organisations() -> None:
    actors = load_actors()
    assert actors.ancestors("carlos-patino-front") == ["carlos-patino-front", "emc", "farc"]
    assert actors.ancestors("segunda-marquetalia") == ["segunda-marquetalia", "farc"]
    assert actors.ancestors("plga") == ["plga", "cpi-maoist"]
    assert actors.ancestors("pdf") == ["pdf", "nug"]
    assert actors.ancestors("ambazonia-defence-forces") == [
        "ambazonia-defence-forces",
        "ambazonian-separatists",
    ]
    assert actors.ancestors("rsf") == ["rsf"]  # at war with the army since April 2023
    assert [actors.is_militant(a) for a in ("rsf", "sudan", "myanmar", "fano")] == [
        True,
        False,
        False,
        True,
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Al-Shabaab (AS) fighters attacked a base. Suspected AS militants later raided a town.",
            ["al-shabaab", "al-shabaab"],
        ),
        (
            "The Tehreek-e-Taliban Pakistan (TeTP) said so; TeTP fighters withdrew.",
            ["ttp", "ttp"],
        ),
        # a bracket that abbreviates something else defines nothing
        ("Al-Shabaab (Somalia) fighters attacked a base; XS militants fled.", ["al-shabaab"]),
        ("Al-Shabaab (QZ) attacked a base. QZ troops repelled it.", ["al-shabaab"]),
        # a short form used before it is defined is not yet the group
        ("AS militants fled. Al-Shabaab (AS) claimed the attack.", ["al-shabaab"]),
    ],
)
def test_a_short_form_the_text_defines_names_the_group(text: str, expected: list[str]) -> None:
    # Schwartz & Hearst's abbreviation definitions: "Long Name (LN)"
    assert [m.actor for m in load_actors().find(text)] == expected
