"""Tests of the local gazetteer: keys, ranking, regions, the shipped data and user imports."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper import _gazbuild
from mapper.cli import cli
from mapper.errors import GazetteerError
from mapper.gazetteer import (
    Gazetteer,
    Place,
    Region,
    clear_cache,
    load_gazetteer,
    normalize,
    strip_generic,
    translit_key,
)
from mapper.geo import haversine_km

FIXTURES = Path(__file__).parent / "fixtures"


def _place(pid: str, name: str, cc: str, code: str = "PPL", pop: int = 0, **kw: str) -> Place:
    fclass = "A" if code.startswith(("ADM", "PCL")) else "P"
    return Place(
        id=pid, name=name, ascii_name=kw.get("ascii", name), lat=float(kw.get("lat", 34.0)),
        lon=float(kw.get("lon", 70.0)), feature_class=kw.get("fclass", fclass), feature_code=code,
        country_code=cc, country=kw.get("country", cc), admin1_code=kw.get("a1code", ""),
        admin1=kw.get("a1", ""), admin2_code="", admin2="", population=pop, source="test",
    )  # fmt: skip


PLACES = [
    _place("t:islamabad", "Islamabad", "PK", "PPLC", 601_600),
    _place("t:chattogram", "Chattogram", "BD", "PPLA", 2_600_000),
    _place("t:nangarhar", "Nangarhār", "AF", "ADM1", ascii="Nangarhar", a1code="AF.18"),
    _place("t:jalalabad-af", "Jalālābād", "AF", "PPLA", 271_900, ascii="Jalalabad"),
    _place("t:jalalabad-in", "Jalalabad", "IN", "PPL", 39_525),
    _place("t:kunar", "Kunar", "AF", "ADM1", a1code="AF.34"),
    _place("t:kunar-village", "Kunar", "IN", "PPL", 700),
    _place("t:orakzai", "Orakzai Agency", "PK", "ADM2"),
    _place("t:afghanistan", "Afghanistan", "AF", "PCLI", 37_000_000),
    _place("t:small", "Smallville", "US", "PPL", 600),
]
ALTERNATES = {"t:chattogram": ["Islamabad", "Chittagong"], "t:jalalabad-af": ["Jelalabad"]}


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer.from_places(PLACES, ALTERNATES)


# --- normalisation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Nangarhār", "nangarhar"),
        ("  KABUL  ", "kabul"),
        ("Velayat-e Konar'ha", "velayat e konarha"),
        ("Ma’arat al-Nu‘man", "maarat al numan"),
        ("St. John's", "st johns"),
        ("Łódź", "lodz"),
        ("1234", ""),
        ("--", ""),
        ("", ""),
    ],
)
def test_normalize(name: str, key: str) -> None:
    assert normalize(name) == key


@pytest.mark.parametrize(
    ("key", "stripped"),
    [
        ("nangarhar province", "nangarhar"),
        ("orakzai agency", "orakzai"),
        ("wilayat e khorasan", "khorasan"),
        ("velayat e kunar", "kunar"),
        ("kunar valley", "kunar"),
        ("province", "province"),
        ("kabul", "kabul"),
    ],
)
def test_strip_generic(key: str, stripped: str) -> None:
    assert strip_generic(key) == stripped


@pytest.mark.parametrize(
    ("variant", "standard"),
    [
        ("ningarhar", "nangarhar"),
        ("nangrahar", "nangarhar"),
        ("konar", "kunar"),
        ("kunarha", "kunar"),
        ("nooristan", "nuristan"),
        ("panjsher", "panjshir"),
        ("qandahar", "kandahar"),
        ("khurasan", "khorasan"),
    ],
)
def test_translit_key_joins_afghan_spellings(variant: str, standard: str) -> None:
    assert translit_key(variant) == translit_key(standard) != ""


def test_translit_key_keeps_different_names_apart() -> None:
    assert translit_key("kabul") != translit_key("kandahar")
    assert translit_key("ab") == ""


# --- ranking on a ten-row gazetteer --------------------------------------------------------


def _ids(places: list[Place]) -> list[str]:
    return [p.id for p in places]


def test_alternate_never_outranks_a_primary_name(small: Gazetteer) -> None:
    assert _ids(small.candidates("Islamabad")) == ["t:islamabad", "t:chattogram"]


def test_alternate_alone_still_finds_the_place(small: Gazetteer) -> None:
    assert _ids(small.candidates("Chittagong")) == ["t:chattogram"]


def test_admin_unit_outranks_village_of_the_same_name(small: Gazetteer) -> None:
    assert _ids(small.candidates("Kunar")) == ["t:kunar", "t:kunar-village"]


def test_population_orders_towns(small: Gazetteer) -> None:
    assert _ids(small.candidates("jalalabad")) == ["t:jalalabad-af", "t:jalalabad-in"]


def test_country_filter(small: Gazetteer) -> None:
    assert _ids(small.candidates("Jalalabad", country="in")) == ["t:jalalabad-in"]
    assert _ids(small.candidates("Jalalabad", country="Afghanistan")) == ["t:jalalabad-af"]
    with pytest.raises(GazetteerError, match="unknown country 'Atlantis'"):
        small.candidates("Jalalabad", country="Atlantis")


def test_generic_words_are_ignored(small: Gazetteer) -> None:
    assert _ids(small.candidates("Nangarhar Province")) == ["t:nangarhar"]
    assert _ids(small.candidates("Orakzai")) == ["t:orakzai"]
    assert _ids(small.candidates("Wilayat-e Nangarhar")) == ["t:nangarhar"]


def test_transliteration_fallback(small: Gazetteer) -> None:
    assert _ids(small.candidates("Ningarhar")) == ["t:nangarhar"]
    assert small.resolve("Konar") == small.get("t:kunar")


@pytest.mark.parametrize("junk", ["", "   ", "!!!", "42", "Xqzwv Nowhere"])
def test_junk_gives_nothing(small: Gazetteer, junk: str) -> None:
    assert small.candidates(junk) == []
    assert small.resolve(junk) is None


def test_is_primary(small: Gazetteer) -> None:
    chattogram = small.get("t:chattogram")
    islamabad = small.get("t:islamabad")
    assert chattogram is not None and islamabad is not None
    assert small.is_primary("islamabad", islamabad)
    assert not small.is_primary("islamabad", chattogram)
    assert small.is_primary("chattogram", chattogram)


def test_keys_filter_by_population_but_keep_admin_units(small: Gazetteer) -> None:
    keys = set(small.keys(min_population=10_000))
    assert {"islamabad", "jalalabad", "nangarhar", "orakzai agency", "orakzai"} <= keys
    assert "smallville" not in keys
    assert "smallville" in set(small.keys())
    assert "chittagong" not in set(small.keys(primary_only=True))


def test_get_unknown_id(small: Gazetteer) -> None:
    assert small.get("t:nowhere") is None


def test_nearest(small: Gazetteer) -> None:
    near = small.nearest(34.0, 70.0, max_km=1.0, limit=2)
    assert len(near) == 2 and all(p.feature_class == "P" for p in near)
    assert small.nearest(-60.0, 0.0) == []


def test_outlines_level_is_checked(small: Gazetteer) -> None:
    with pytest.raises(GazetteerError, match="unknown outline level 'district'"):
        small.outlines("district")  # type: ignore[arg-type]


def test_region_of_with_given_outlines() -> None:
    import geopandas as gpd
    from shapely.geometry import box

    frames = {
        "country": gpd.GeoDataFrame(
            {"country_code": ["AF"], "country": ["Afghanistan"], "admin1_code": [""],
             "admin1": [""], "admin2_code": [""], "admin2": [""]},
            geometry=[box(60, 29, 75, 39)], crs="EPSG:4326",
        ),
        "admin1": gpd.GeoDataFrame(
            {"country_code": ["AF"], "country": ["Afghanistan"], "admin1_code": ["AF.18"],
             "admin1": ["Nangarhar"], "admin2_code": [""], "admin2": [""]},
            geometry=[box(69.8, 33.9, 71.2, 34.6)], crs="EPSG:4326",
        ),
        "admin2": gpd.GeoDataFrame(
            {"country_code": ["AF"], "country": ["Afghanistan"], "admin1_code": ["AF.18"],
             "admin1": ["Nangarhar"], "admin2_code": ["AF.18.801"], "admin2": ["Jalalabad"]},
            geometry=[box(70.4, 34.4, 70.5, 34.5)], crs="EPSG:4326",
        ),
    }  # fmt: skip
    gaz = Gazetteer.from_places(PLACES[:2], outlines=frames)
    assert gaz.region_of(34.43, 70.45) == Region(
        "AF", "Afghanistan", "AF.18", "Nangarhar", "AF.18.801", "Jalalabad"
    )
    assert gaz.region_of(34.2, 70.0) == Region("AF", "Afghanistan", "AF.18", "Nangarhar", "", "")
    assert gaz.region_of(0.0, 0.0) == Region("", "", "", "", "", "")


# --- user imports ------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MAPPER_HOME", str(tmp_path / "home"))
    clear_cache()
    yield tmp_path / "home"
    clear_cache()


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    path = tmp_path / "shipped.sqlite"
    Gazetteer.from_places([*PLACES, _place("t:bagram", "Bagram", "AF", "PPL", 113_173)], path=path)
    return path


def test_import_puts_user_places_first(home: Path, shipped: Path) -> None:
    result = _gazbuild.import_geonames(
        [FIXTURES / "geonames_sample.txt", FIXTURES / "geonames_alternateNamesV2.txt"],
        shipped=shipped,
    )
    assert (result.places, result.problems) == (3, ())
    assert result.path == home / _gazbuild.USER_DB
    gaz = load_gazetteer(shipped)
    assert _ids(gaz.candidates("Bagram")) == ["geonames:990002", "t:bagram"]
    zarghun = gaz.resolve("Zarghunabad")
    assert zarghun is not None and zarghun.source == "user:geonames_sample.txt"
    assert zarghun.country_code == "IR" and zarghun.population == 812
    assert gaz.resolve("Zarghoon Abad") == zarghun  # from alternateNamesV2
    assert gaz.candidates("https://example.org/zarghunabad") == []  # links are not names
    assert "zarghunabad" in set(gaz.keys(min_population=10_000))


def test_packed_rows_give_the_same_lookups(home: Path, shipped: Path, tmp_path: Path) -> None:
    # the shipped build packs each key's rows (write_lookup); the lookups must not change
    packed = tmp_path / "packed.sqlite"
    packed.write_bytes(shipped.read_bytes())
    conn = sqlite3.connect(packed)
    _gazbuild.write_lookup(conn)
    assert (
        conn.execute("SELECT COUNT(*) FROM lookup").fetchone()[0]
        == conn.execute("SELECT COUNT(DISTINCT key) FROM names").fetchone()[0]
    )
    conn.close()
    keys = ["islamabad", "kunar", "jalalabad", "jelalabad", "nangarhar", "orakzai", "bagram"]
    keys += ["orakzai agency", "smallville", "jalalabd", "nowhere", ""]
    plain, fast = Gazetteer([_gazbuild.open_store(shipped)]), load_gazetteer(packed)
    for key in keys:
        assert fast.lookup_key(key) == plain.lookup_key(key), key
        for place in plain.lookup_key(key):
            assert fast.name_kind(key, place) == plain.name_kind(key, place), (key, place.id)
    # a user store first: its places and the packed ones merge as without packing
    _gazbuild.import_geonames([FIXTURES / "geonames_sample.txt"], shipped=packed)
    clear_cache()
    user = _gazbuild.open_store(home / _gazbuild.USER_DB)
    merged, both = load_gazetteer(packed), Gazetteer([user, _gazbuild.open_store(shipped)])
    for key in [*keys, "bagram", "zarghunabad"]:
        assert merged.lookup_key(key) == both.lookup_key(key), key


def test_import_reports_bad_rows_by_line(home: Path, shipped: Path) -> None:
    result = _gazbuild.import_geonames([FIXTURES / "geonames_bad.txt"], shipped=shipped)
    assert result.places == 2
    assert [(line, msg.split(" ")[0]) for _, line, msg in result.problems] == [
        (2, "expected"),
        (4, "bad"),
        (5, "coordinates"),
    ]
    gaz = load_gazetteer(shipped)
    assert gaz.resolve("Sar Cheshmeh") is not None
    assert gaz.resolve("Far North") is None


def test_interrupted_import_keeps_the_previous_store(
    home: Path, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _gazbuild.import_geonames([FIXTURES / "geonames_sample.txt"], shipped=shipped)
    before = (home / _gazbuild.USER_DB).read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_gazbuild.IndexWriter, "finish", boom)
    with pytest.raises(KeyboardInterrupt):
        _gazbuild.import_geonames([FIXTURES / "geonames_bad.txt"], shipped=shipped)
    assert (home / _gazbuild.USER_DB).read_bytes() == before
    assert [p.name for p in home.iterdir()] == [_gazbuild.USER_DB]  # no temp file left


def test_import_of_a_missing_file(home: Path, shipped: Path) -> None:
    with pytest.raises(GazetteerError, match="no such file"):
        _gazbuild.import_geonames([home / "IR.txt"], shipped=shipped)


def test_open_store_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(GazetteerError, match="not a compiled gazetteer"):
        _gazbuild.open_store(path)


# --- the shipped gazetteer (compiled on first use, about a minute) ---------------------------


@pytest.fixture(scope="module")
def full() -> Gazetteer:
    return load_gazetteer()


TOP = {
    "Kabul": ("geonames:1138958", "AF"),
    "Nangarhar": ("geonames:1132366", "AF"),
    "Ningarhar": ("geonames:1132366", "AF"),
    "Nangrahar": ("geonames:1132366", "AF"),
    "Kunar": ("geonames:1135702", "AF"),
    "Konar": ("geonames:1135702", "AF"),
    "Nuristan": ("geonames:1444363", "AF"),
    "Nooristan": ("geonames:1444363", "AF"),
    "Peshawar": ("geonames:1168197", "PK"),
    "Quetta": ("geonames:1167528", "PK"),
    "Abbottabad": ("geonames:1185056", "PK"),
    "Islamabad": ("geonames:1176615", "PK"),
    "Orakzai": ("geonames:1168705", "PK"),
    "Orakzai Agency": ("geonames:1168705", "PK"),
    "Yakatoot": ("curated:yakatoot", "PK"),
    "Jalalabad": ("geonames:1139715", "AF"),
    "Kandahar": ("geonames:1138336", "AF"),
    "Bagram": ("geonames:1147513", "AF"),
    "Panjshir": ("geonames:6957555", "AF"),
    "Panjsher": ("geonames:6957555", "AF"),
    "Moscow": ("geonames:524901", "RU"),
    "Doha": ("geonames:290030", "QA"),
    "Qatar": ("geonames:289688", "QA"),
    "Tajikistan": ("geonames:1220409", "TJ"),
    "Uzbekistan": ("geonames:1512440", "UZ"),
    "Xinjiang": ("geonames:1529047", "CN"),
    "Mosul": ("geonames:99072", "IQ"),
    "Raqqa": ("geonames:172955", "SY"),
    "Aleppo": ("geonames:170063", "SY"),
    "Levant": ("curated:levant", ""),
    "Khorasan": ("curated:khorasan", ""),
    "Khurasan": ("curated:khorasan", ""),
    # the other places a reader would map in seeds/
    "Kabul airport": ("curated:hkia", "AF"),
    "Kabul International Airport": ("curated:hkia", "AF"),
    "Kunar Valley": ("curated:kunar-valley", "AF"),
    "Kunar province": ("geonames:1135702", "AF"),
    "Panjshir Valley": ("curated:panjshir-valley", "AF"),
    "Panjshir province": ("geonames:6957555", "AF"),
    "Khorisan": ("curated:khorasan", ""),
    "Khorosan": ("curated:khorasan", ""),
    "Afghanistan": ("geonames:1149361", "AF"),
    "Pakistan": ("geonames:1168579", "PK"),
    "Iran": ("geonames:130758", "IR"),
    "Russia": ("geonames:2017370", "RU"),
    "China": ("geonames:1814991", "CN"),
    "Syria": ("geonames:163843", "SY"),
    "Iraq": ("geonames:99237", "IQ"),
    "Turkey": ("geonames:298795", "TR"),
    "Saudi Arabia": ("geonames:102358", "SA"),
    "Germany": ("geonames:2921044", "DE"),
    "Libya": ("geonames:2215636", "LY"),
    "Somalia": ("geonames:51537", "SO"),
    "Baghdad": ("geonames:98182", "IQ"),
    "Anatolia": ("curated:anatolia", "TR"),
    "Middle East": ("curated:middle-east", ""),
    "Africa": ("curated:africa", ""),
    "Gulf": ("curated:persian-gulf", ""),
    "East Turkmenistan": ("geonames:1529047", "CN"),
    "New York": ("geonames:5128581", "US"),
    "Washington": ("geonames:4140963", "US"),
    "South Asia": ("curated:south-asia", ""),
    "Far East": ("curated:far-east", ""),
    # curated places of the issue
    "North Waziristan": ("geonames:1168875", "PK"),
    "South Waziristan": ("geonames:1164536", "PK"),
    "FATA": ("curated:fata", "PK"),
    "Hamid Karzai International Airport": ("curated:hkia", "AF"),
    "Bagram Airfield": ("curated:bagram-airfield", "AF"),
    "Torkham": ("curated:torkham", "AF"),
    "Tora Bora": ("curated:tora-bora", "AF"),
    "Swat Valley": ("curated:swat-valley", "PK"),
    "Tirah": ("curated:tirah", "PK"),
    "Velayat-e Konarha": ("geonames:1135702", "AF"),
    # spellings and places of the wider region, not in the seeds
    "Hilmand": ("geonames:1140043", "AF"),
    "Daikundi": ("geonames:6957553", "AF"),
    "Kondoz": ("geonames:1135689", "AF"),
    "KPK": ("geonames:1168873", "PK"),
    "Baluchistan": ("geonames:1183606", "PK"),
    "Spin Ghar": ("curated:spin-ghar", "AF"),
    "Palmyra": ("geonames:163808", "SY"),
    "Sinai": ("curated:sinai", "EG"),
    "US": ("geonames:6252001", "US"),
    "U.S.": ("geonames:6252001", "US"),
    "Qandahar": ("geonames:1138336", "AF"),
    "Darfur": ("curated:darfur", "SD"),
    "Democratic Republic of Congo": ("geonames:203312", "CD"),
    "People's Republic of China": ("geonames:1814991", "CN"),
    "North America": ("curated:north-america", ""),
    # English names of first-level units with their type word (Natural Earth)
    "Volgograd Oblast": ("geonames:472755", "RU"),
    "Krasnodar Krai": ("geonames:542415", "RU"),
    "Republic of Dagestan": ("geonames:567293", "RU"),
    "Anbar Governorate": ("geonames:99592", "IQ"),
    # a double name without its conjunction; an Arabic name without its article
    "Sistan-Baluchestan": ("geonames:1159456", "IR"),
    "Qaim": ("geonames:92138", "IQ"),
    # an Afghan district only the Afghan source places
    "Panjwayi": ("geonames:7053307", "AF"),
    "Kurdistan Region": ("curated:kurdistan-region", "IQ"),
}


@pytest.mark.slow
def test_a_factbook_point_inside_a_neighbour_is_not_used(full: Gazetteer) -> None:
    kuwait = full.resolve("Kuwait")  # the factbook's 29.5 N 45.75 E lies in Iraq
    assert kuwait is not None
    assert full.region_of(kuwait.lat, kuwait.lon).country_code == "KW"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("United States", 39.76, -98.5),  # GeoNames' own point (country_points.tsv)
        ("Afghanistan", 33.0, 65.0),  # factbook points, as GeoNames places countries
        ("Canada", 60.0, -95.0),
        ("Indonesia", -5.0, 120.0),
        ("Africa", 7.1881, 21.09375),  # GeoNames continent feature
    ],
)
def test_countries_and_continents_sit_at_the_geonames_point(
    full: Gazetteer, name: str, lat: float, lon: float
) -> None:
    place = full.resolve(name)
    assert place is not None
    assert (place.lat, place.lon) == pytest.approx((lat, lon), abs=1e-4)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Democratic Republic of the Congo", "CD"),  # ISO 180, shared with withdrawn ZR (Zaire)
        ("Timor Leste", "TL"),  # 626, shared with TP (East Timor)
        ("Benin", "BJ"),  # 204, shared with DY (Dahomey)
        ("Burkina Faso", "BF"),  # 854, shared with HV (Upper Volta)
    ],
)
def test_a_country_whose_number_a_withdrawn_code_shares_has_its_own_outline_and_point(
    full: Gazetteer, name: str, code: str
) -> None:
    place = full.resolve(name)
    assert place is not None and place.country_code == code
    region = full.region_of(place.lat, place.lon)
    assert region is not None and region.country_code == code
    capital = full.capital(code)
    assert capital is not None and (place.lat, place.lon) != (capital.lat, capital.lon)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "expected"), sorted(TOP.items()))
def test_top_candidate(full: Gazetteer, name: str, expected: tuple[str, str]) -> None:
    top = full.resolve(name)
    assert top is not None, name
    assert (top.id, top.country_code) == expected


@pytest.mark.slow
def test_admin_paths(full: Gazetteer) -> None:
    jalalabad = full.resolve("Jalalabad")
    assert jalalabad is not None
    assert (jalalabad.country, jalalabad.admin1) == ("Afghanistan", "Nangarhar")
    orakzai = full.resolve("Orakzai")
    assert orakzai is not None
    assert (orakzai.country, orakzai.admin1) == ("Pakistan", "Khyber Pakhtunkhwa")
    asadabad = full.resolve("Asadabad", country="AF")
    assert asadabad is not None and asadabad.admin1 == "Kunar"


@pytest.mark.slow
def test_region_of_jalalabad(full: Gazetteer) -> None:
    region = full.region_of(34.43, 70.45)
    assert (region.country, region.admin1, region.admin2) == (
        "Afghanistan",
        "Nangarhar",
        "Jalalabad",
    )
    assert region.admin1_code == "AF.18"
    peshawar = full.region_of(34.008, 71.578)
    assert (peshawar.country_code, peshawar.admin1) == ("PK", "Khyber Pakhtunkhwa")
    assert full.region_of(0.0, -30.0) == Region("", "", "", "", "", "")


@pytest.mark.slow
def test_outlines(full: Gazetteer) -> None:
    columns = ["country_code", "country", "admin1_code", "admin1", "admin2_code", "admin2"]
    for level in ("country", "admin1", "admin2"):
        frame = full.outlines(level)  # type: ignore[arg-type]
        assert list(frame.columns) == [*columns, "geometry"]
        assert frame.crs.to_epsg() == 4326
    admin1 = full.outlines("admin1")
    af = admin1[admin1["country_code"] == "AF"]
    assert len(af) == 34
    assert {"Panjshayr", "Parwan", "Daykundi", "Uruzgan"} <= set(af["admin1"])
    pk = admin1[admin1["country_code"] == "PK"]
    assert "PK.01" not in set(pk["admin1_code"])  # FATA folded into Khyber Pakhtunkhwa
    assert len(full.outlines("admin2")) == 398


@pytest.mark.slow
def test_keys_are_fast_enough_to_list(full: Gazetteer) -> None:
    keys = set(full.keys(min_population=5000, primary_only=True))
    assert {"kabul", "nangarhar", "ningarhar", "yakatoot", "khorasan", "orakzai"} <= keys


@pytest.mark.slow
def test_geocode_command(full: Gazetteer) -> None:
    result = CliRunner().invoke(cli, ["geocode", "Jalalabad", "--country", "AF"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith(" 1. Jalālābād [P.PPLA] 34.42647, 70.45153")
    assert "Afghanistan > Nangarhar" in result.output
    missing = CliRunner().invoke(cli, ["geocode", "Xqzwv"])
    assert missing.exit_code == 1 and "no place named 'Xqzwv'" in missing.output


@pytest.mark.slow
def test_import_command_reports_lines(home: Path, full: Gazetteer) -> None:
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(FIXTURES / "geonames_bad.txt")])
    assert result.exit_code == 0, result.output
    assert "geonames_bad.txt:2: expected 19 tab-separated columns, found 5" in result.output
    assert "imported 2 places" in result.output


def test_import_reads_geonames_zip_and_gzip(home: Path, shipped: Path, tmp_path: Path) -> None:
    import gzip
    import zipfile

    text = (FIXTURES / "geonames_sample.txt").read_bytes()
    archive = tmp_path / "IR.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "not data")
        zf.writestr("IR.txt", text)
    result = _gazbuild.import_geonames([archive], shipped=shipped)
    assert (result.places, result.problems) == (3, ())
    packed = tmp_path / "IR.txt.gz"
    packed.write_bytes(gzip.compress(text))
    assert _gazbuild.import_geonames([packed], shipped=shipped).places == 3
    assert load_gazetteer(shipped).resolve("Zarghunabad") is not None


@pytest.mark.parametrize(
    ("place", "short", "found"),
    [
        (_place("t:sistan", "Sistan va Baluchestan", "IR", "ADM1"), "Sistan-Baluchestan", True),
        (_place("t:zaynab", "As Sayyidah Zaynab", "SY", "PPL", 136_000), "Sayyidah Zaynab", True),
        (_place("t:qaim", "Al Qaim", "IQ", "PPL", 74_000), "Qaim", True),
        # one word left of a small place is more often a personal name or a club
        (_place("t:ittihad", "Al Ittihad", "PS", "PPL", 4_000), "Ittihad", False),
        # outside the Arabic-speaking countries the article is part of the name
        (_place("t:alamo", "El Paso", "US", "PPL", 680_000), "Paso", False),
    ],
)
def test_short_forms_of_names(place: Place, short: str, found: bool) -> None:
    gazetteer = Gazetteer.from_places([place])
    assert (gazetteer.candidates(short) == [place]) is found


@pytest.mark.slow
def test_first_level_unit_types_by_country(full: Gazetteer) -> None:
    types = full.admin1_types()
    assert "province" in types["PK"] and "province" not in types["IN"]
    assert "state" in types["IN"] and "oblast" in types["RU"]


def test_translit_key_marks_a_final_vowel() -> None:
    assert translit_key("al hol") != translit_key("al hilla")
    assert translit_key("paktia") == translit_key("paktiya")


# --- Natural Earth's admin-1 units matched to GeoNames' by geonameid ---------------------------


def test_natural_earth_units_are_matched_by_geonameid_not_by_their_old_code() -> None:
    admin1 = {"101": "XA.01", "102": "XA.02", "201": "XB.10"}
    admin2 = {"501": "XB.10.7"}
    features = [
        {"gn_a1_code": "XA.02", "gn_id": 101},  # an old code that now names another unit
        {"gn_a1_code": "XA.02", "gn_id": 102.0},  # read as a float by pyogrio
        {"gn_a1_code": "XB.77", "gn_id": 501},  # a part: an admin-2 unit of XB.10
        {"gn_a1_code": "XA.01", "gn_id": 999},  # an id GeoNames does not know: the code counts
        {"gn_a1_code": "XA.09", "gn_id": None},  # a code GeoNames does not have: no unit
        {"gn_a1_code": "PK.01", "gn_id": -1},  # FATA, folded into Khyber Pakhtunkhwa
    ]
    assert _gazbuild.ne_admin1_codes(features, admin1, admin2) == [
        ("XA.01", True),
        ("XA.02", True),
        ("XB.10", False),
        ("XA.01", True),
        ("", True),
        ("PK.03", False),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "code", "lat", "lon"),
    [
        # GeoNames recoded these units after Natural Earth took its codes: each used to sit
        # at another unit's label point (Central Luzon in Mindanao, Ile-de-France in the Aude)
        ("Central Luzon", "PH.03", 15.15, 120.58),
        ("Eastern Visayas", "PH.08", 11.24, 125.0),
        ("Ile-de-France", "FR.11", 48.85, 2.35),
        ("Nouvelle-Aquitaine", "FR.75", 44.84, -0.58),
        ("Corse", "FR.94", 41.92, 8.74),
        ("Can Tho", "VN.92", 10.04, 105.79),
    ],
)
def test_a_recoded_first_level_unit_sits_inside_itself(
    full: Gazetteer, name: str, code: str, lat: float, lon: float
) -> None:
    unit = next(p for p in full.candidates(name) if p.feature_code == "ADM1")
    assert unit.admin1_code == code
    assert (unit.lat, unit.lon) == pytest.approx((lat, lon), abs=0.05)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lat", "lon", "code"),
    [
        (14.9, 120.95, "PH.03"),  # Bulacan, a province of Central Luzon
        (11.0, 124.9, "PH.08"),  # Leyte, in Eastern Visayas
        (45.0, 0.0, "FR.75"),  # the Dordogne, in Nouvelle-Aquitaine
        (48.6, 2.5, "FR.11"),  # the Essonne, in Ile-de-France
        (21.4, 103.0, "VN.11"),  # Dien Bien, coded VN.92 (now Can Tho) by Natural Earth
    ],
)
def test_a_point_falls_in_the_recoded_unit_natural_earth_has_in_parts(
    full: Gazetteer, lat: float, lon: float, code: str
) -> None:
    assert full.region_of(lat, lon).admin1_code == code


@pytest.mark.slow
@pytest.mark.parametrize(
    ("alternate", "not_unit"),
    [
        ("Ville de Paris", "Nouvelle-Aquitaine"),  # a département's names on another région
        ("Hanoi", "Quảng Trị"),
        ("Ho Chi Minh City", "Lạng Sơn"),
        ("Minsk Oblast", "Horad Minsk"),  # carried by two units: names neither
    ],
)
def test_a_unit_does_not_carry_another_units_names(
    full: Gazetteer, alternate: str, not_unit: str
) -> None:
    assert not_unit not in {p.name for p in full.candidates(alternate)}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "ascii_name"),
    [("Dien Bien", "Dien Bien"), ("Lodzkie", "Lodzkie"), ("Sjaelland", "Sjaelland")],
)
def test_ascii_names_fold_the_letters_nfkd_leaves(
    full: Gazetteer, name: str, ascii_name: str
) -> None:
    # Đ, Ł and æ have no decomposition: the ASCII name once dropped them ("ien Bien")
    unit = next(p for p in full.candidates(name) if p.feature_code == "ADM1")
    assert unit.ascii_name == ascii_name
    assert unit.admin1 == ascii_name


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Ural Mountains", "Arctic Ocean"])
def test_a_feature_in_no_country_names_no_country(full: Gazetteer, name: str) -> None:
    # an outline without an ISO code (Somaliland) once named every point outside the countries
    place = full.resolve(name)
    assert place is not None
    assert place.country == "" if place.country_code == "" else place.country != "Somaliland"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "code"),
    [("Zaire", "CD"), ("Upper Volta", "BF"), ("Dahomey", "BJ"), ("East Timor", "TL")],
)
def test_a_withdrawn_country_code_gives_its_former_name_to_the_country(
    full: Gazetteer, name: str, code: str
) -> None:
    assert any(p.feature_code == "PCLI" and p.country_code == code for p in full.candidates(name))


@pytest.mark.slow
@pytest.mark.parametrize(("name", "not_code"), [("Georgia", "KI"), ("Anguilla", "DJ")])
def test_a_reused_country_code_lends_no_name(full: Gazetteer, name: str, not_code: str) -> None:
    # GE was the Gilbert and Ellice Islands (296, now Kiribati), AI the Afars and Issas (262)
    assert all(p.country_code != not_code for p in full.candidates(name))


def test_a_unit_sits_at_the_middle_of_its_largest_part_and_inside_it() -> None:
    import shapely
    import shapely.geometry

    square = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]}
    islet = [[[10, 10], [10.1, 10], [10.1, 10.1], [10, 10.1], [10, 10]]]
    both = {"type": "MultiPolygon", "coordinates": [square["coordinates"], islet]}
    assert _gazbuild.unit_middle(both) == (2.0, 2.0)  # (lat, lon), the islet ignored
    # a crescent's centroid lies in its hollow: the point is moved inside
    ring = (
        shapely.geometry.Point(0, 0).buffer(3).difference(shapely.geometry.Point(1, 0).buffer(2.5))
    )
    lat, lon = _gazbuild.unit_middle(shapely.geometry.mapping(ring))
    assert ring.contains(shapely.geometry.Point(lon, lat))


@pytest.mark.slow
def test_a_first_level_unit_sits_near_the_geonames_point_not_the_label_point(
    full: Gazetteer,
) -> None:
    # Natural Earth's label point for Alaska is 169 km from GeoNames' 64 N 150 W, the middle
    # of its mainland 125 km: inside the 161 km (100 mile) radius geoparsers are scored with
    alaska = next(p for p in full.candidates("Alaska") if p.feature_code == "ADM1")
    assert haversine_km(alaska.lat, alaska.lon, 64.0, -150.0) < 161


@pytest.mark.slow
def test_a_natural_earth_unit_of_lower_rank_is_no_former_first_level_unit(full: Gazetteer) -> None:
    # London's boroughs are first-level units to Natural Earth only: a division, level unknown
    borough = full.resolve("Kensington and Chelsea")
    assert borough is not None
    assert (borough.feature_code, borough.country_code) == ("ADMD", "GB")
    assert full.candidates("UNDOF") == []  # an acronym names the force, not its zone
