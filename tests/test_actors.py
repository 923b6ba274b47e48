"""Tests for mapper.actors: aliases found in text however it is spaced, at their own offsets."""

from __future__ import annotations

import datetime as dt

import pytest

from mapper.actors import Actor, ActorIndex, load_actors


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
        # Cameroon's ADF shares the acronym with Congo's: where the text defines it for
        # Cameroon's, the bare acronym is Cameroon's; elsewhere it stays unread
        (
            "Ambazonia Defence Forces (ADF) fighters killed two soldiers; the ADF said so.",
            ["ambazonia-defence-forces", "ambazonia-defence-forces"],
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nigerien troops killed 12 militants near Ouallam.", ["niger"]),
        ("FARDC soldiers clashed with M23 fighters near Minova.", ["dr-congo", "m23"]),
        ("The UPDF and the Congolese army launched joint operations.", ["uganda", "dr-congo"]),
        ("Yemeni government forces repelled a Houthi attack near Marib.", ["yemen", "houthis"]),
        ("Chadian soldiers were killed in an ambush by Boko Haram.", ["chad", "boko-haram"]),
        ("The SSPDF said rebels attacked Yei.", ["south-sudan"]),
    ],
)
def test_the_forces_of_states_at_war_are_read(text: str, expected: list[str]) -> None:
    # Niger, DR Congo, Yemen, Uganda, Chad and South Sudan had no state actor: their armies
    # were no one, their governments no claimant ("The government blamed ISSP")
    assert [m.actor for m in load_actors().find(text)] == expected


def test_a_states_metonyms_stand_for_it_as_a_claimant() -> None:
    actors = load_actors()
    on = dt.date(2026, 5, 1)
    assert [actors.metonym(name, on) for name in ("Niger", "Kinshasa", "Yemen", "Kampala")] == [
        "niger",
        "dr-congo",
        "yemen",
        "uganda",
    ]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CJNG gunmen ambushed a National Guard convoy near Guadalajara.", "cjng"),
        ("Los Chapitos gunmen torched houses in Culiacán overnight.", "los-chapitos"),
        ("Viv Ansanm gangs stormed the town of Mirebalais on Monday.", "viv-ansanm"),
        ("Gran Grif gunmen killed 70 people in Pont-Sondé.", "gran-grif"),
        (
            "Dissidents of the Jaime Martínez front bombed a police station in Jamundí.",
            "jaime-martinez-front",
        ),
        ("Frente 33 dissidents clashed with the guerrillas in Tibú.", "frente-33"),
        ("Lakurawa rivals and Mahmuda fighters raided Kemanji.", "mahmuda"),
        ("Katiba Serma fighters besieged Boni in central Mali.", "katiba-serma"),
        ("Wazalendo fighters retook the town of Walikale.", "wazalendo"),
        ("Twirwaneho militiamen clashed with soldiers near Minembwe.", "twirwaneho"),
        ("Kataib Hezbollah denied firing the drones at the base.", "kataib-hezbollah"),
        ("The Resistance Front claimed the attack in Pahalgam.", "trf"),
        ("PAFF militants ambushed an army truck in Poonch.", "paff"),
        ("ULFA-I cadres fired on an army camp in Tinsukia.", "ulfa-i"),
        ("Arambai Tenggol volunteers blocked the highway near Imphal.", "arambai-tenggol"),
        ("The KNLA overran a junta outpost near Myawaddy.", "knla"),
        ("DI-Hassan gunmen ambushed soldiers in Datu Hoffer.", "di-hassan"),
        ("Haitian National Police officers retook the port.", "haiti"),
    ],
)
def test_groups_of_mexico_haiti_colombia_nigeria_sahel_congo_iraq_india_myanmar_are_found(
    text: str, expected: str
) -> None:
    found = load_actors().find(text)
    assert expected in [m.actor for m in found]
    mention = next(m for m in found if m.actor == expected)
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # acronyms and names other bodies share, in texts that name no armed group by them
        ("Somalia's SNA troops retook the town.", []),  # the Somali National Army, not Syria's
        ("Investors bought CDS on Mexican debt.", []),
        ("Flights left CDG for Bamako on Friday.", []),
        ("Mahmuda Begum said the school would reopen.", []),  # a woman's name
        ("Police in New Mexico said the road was closed.", []),
        ("The front 33 kilometres north held.", []),
        ("On the resistance front, little changed.", []),
        ("Venezuela's Guardia Nacional Bolivariana closed the border.", []),
        # the same short forms where the text names the actor another way
        (
            "The Syrian National Army took Tal Rifaat; the SNA said so.",
            ["syrian-national-army"] * 2,
        ),
        ("The Mahmuda group denied it; Mahmuda fighters had fled.", ["mahmuda", "mahmuda"]),
        ("The Karen National Liberation Army and the KNU took the town.", ["knla", "knla"]),
    ],
)
def test_shared_short_forms_of_the_new_actors_are_read_only_where_the_actor_is_named(
    text: str, expected: list[str]
) -> None:
    assert [m.actor for m in load_actors().find(text)] == expected


def test_cartel_factions_gang_federations_and_fronts_hang_from_their_organisations() -> None:
    actors = load_actors()
    assert actors.ancestors("la-mayiza") == ["la-mayiza", "sinaloa-cartel"]
    assert actors.ancestors("g-pep") == ["g-pep", "viv-ansanm"]
    assert actors.ancestors("dagoberto-ramos-front") == ["dagoberto-ramos-front", "emc", "farc"]
    assert actors.ancestors("frente-33") == ["frente-33", "embf", "farc"]
    assert actors.ancestors("trf") == ["trf", "let"]
    assert actors.ancestors("paff") == ["paff", "jem"]  # a front of JeM, not JeM itself
    jem = actors.get("jem")
    assert jem is not None and "PAFF" not in jem.aliases
    assert actors.ancestors("katiba-serma") == ["katiba-serma", "jnim", "aq"]
    assert actors.ancestors("kataib-hezbollah") == [
        "kataib-hezbollah",
        "islamic-resistance-in-iraq",
    ]
    kinds = [getattr(actors.get(a), "kind", None) for a in ("mexico", "haiti", "mss-haiti")]
    assert kinds == ["state", "state", "foreign"]


def test_the_oromo_liberation_army_by_its_short_form_where_it_is_named() -> None:
    found = load_actors().find("Oromo Liberation Army fighters attacked; the OLA denied it.")
    assert [m.actor for m in found] == ["ola", "ola"]
    assert load_actors().find("The OLA said so.") == []  # "OLA" alone is others' too


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("A drone of the terrorist Rapid Support militia struck a shelter.", "rsf"),
        ("Fighters of the Sudan People's Liberation Movement–North shelled a market.", "splm-n"),
        ("SPLM-N fighters shelled a market.", "splm-n"),
        ("Forces loyal to Abdelaziz al-Hilu shelled a market.", "splm-n"),
    ],
)
def test_the_names_each_side_of_sudans_war_uses_are_its_actors(text: str, actor: str) -> None:
    # the Sudanese army's and state media's name for the RSF; the al-Hilu SPLM-N
    assert [m.actor for m in load_actors().find(text)] == [actor]


def test_a_case_sensitive_alias_with_a_hyphen_is_found_as_written() -> None:
    index = ActorIndex(
        [Actor("splm-n", "SPLM-N", None, (), "militant")], case_sensitive={"splm-n": ("SPLM-N",)}
    )
    assert [m.actor for m in index.find("SPLM-N fighters shelled a market.")] == ["splm-n"]
    assert index.find("splm-n fighters shelled a market.") == []
