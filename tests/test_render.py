"""The map page: filters by the page's rules, escaping, self-containment, basemap, and `build`."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from click.testing import CliRunner
from shapely.geometry import MultiPolygon, Point, Polygon, box, shape

from mapper import _colours as render_colours
from mapper import _pagedata as render_pagedata
from mapper import render
from mapper._assets import check_offline, load_assets
from mapper.cli import cli
from mapper.errors import RenderError
from mapper.filters import fold
from mapper.gazetteer import Place
from mapper.render import render_map, script_json


def _ids(collection: dict[str, Any], kind: str) -> list[str]:
    return [
        f["properties"]["id"] for f in collection["features"] if f["properties"]["kind"] == kind
    ]


def _page_data(html: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="mapper-data">(.*?)</script>', html, re.S
    )
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


# --- names and escaping ---------------------------------------------------------


def test_script_json_escapes_markup_characters() -> None:
    text = script_json({"t": "</script><b>&amp;</b>\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><b>&amp;</b>\u2028"}


# --- the page ----------------------------------------------------------------------


def test_page_is_self_contained_and_escaped(map_collection: dict[str, Any], hostile: str) -> None:
    html = render_map(map_collection, title='Map <script>alert("t")</script>')
    assert "<title>Map &lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;</title>" in html
    assert hostile not in html
    assert "alert(1)" in html  # the text is there, escaped
    # Leaflet and the app script (header), the data, and the one script of the folium elements
    assert html.lower().count("<script") == 4
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", html)
    data = _page_data(html)
    assert data["incidents"]["n"] == 10 and data["claims"]["n"] == 8
    assert "Peshawar " + hostile in data["incidents"]["cols"]["place_name"]["d"]


def test_page_is_a_folium_map_with_one_element_per_layer(map_collection: dict[str, Any]) -> None:
    html = render_map(map_collection, tiles="osm")
    assert html.count('<div class="folium-map" id="map_mapper"') == 1
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
    calls = re.findall(
        r"^(mapperApp\.create|map_mapper\.mapper\.\w+|L\.control\.scale)", html, re.M
    )
    assert calls == [
        "mapperApp.create",
        "map_mapper.mapper.addBasemap",
        "map_mapper.mapper.addIncidents",
        "map_mapper.mapper.addClaims",
        "L.control.scale",
        "map_mapper.mapper.addPanel",
        "map_mapper.mapper.addTimeline",
        "map_mapper.mapper.addLegend",
        "map_mapper.mapper.addOverlay",
        "map_mapper.mapper.addLayersControl",
        "map_mapper.mapper.start",
    ]
    assert 'L.tileLayer(\n                "https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert "img-src data: blob: https://tile.openstreetmap.org;" in html
    assert "tile.openstreetmap.org" not in render_map(map_collection)


def test_template_syntax_in_documents_stays_text(map_collection: dict[str, Any]) -> None:
    summary = "{{ 7 * 7 }} {% if true %}x{% endif %} {# note #} {{ this.get_root() }}"
    map_collection["features"][0]["properties"]["summary"] = summary
    html = render_map(map_collection, title="{{ 6 * 7 }}")
    assert "<title>{{ 6 * 7 }}</title>" in html
    assert _decode(_page_data(html), "incidents")[0]["summary"] == summary


def test_same_data_same_page(map_collection: dict[str, Any]) -> None:
    assert render_map(map_collection) == render_map(map_collection)


def _fixed(text: str, k: int, width: int, alphabet: str) -> int:
    value = 0
    for ch in text[k * width : (k + 1) * width]:
        value = value * len(alphabet) + alphabet.index(ch)
    return value


def _decode_column(col: dict[str, Any], n: int, cols: dict[str, Any], alphabet: str) -> list[Any]:
    """Python twin of table.js's decode, to check that the encoding loses nothing."""
    if "same" in col:
        return _decode_column(cols[col["same"]], n, cols, alphabet)
    if "c" in col:
        return [col["c"]] * n
    if "k" in col:
        return [col["d"][alphabet.index(ch)] for ch in col["k"]]
    if "k2" in col:
        return [col["d"][_fixed(col["k2"], i, 2, alphabet)] for i in range(n)]
    if "i" in col:
        return [col["d"][i] for i in col["i"]]
    if "dn" in col:
        heads = _decode_column(col["h"], n, cols, alphabet)
        steps = _decode_column(col["n"], n, cols, alphabet)
        out, number = [], 0
        for head, step in zip(heads, steps, strict=True):
            number += step
            out.append(f"{head}{number}")
        return out
    if "p" in col:
        return [col["p"] + v for v in col["v"]]
    return list(col["v"])


def _decode_sources(src: dict[str, Any], n: int, strings: list[Any], alphabet: str) -> list[Any]:
    counts = _decode_column(src["n"], n, {}, alphabet)
    total = sum(counts)
    starts = _decode_column(src["start"], total, {}, alphabet)
    lengths = _decode_column(src["len"], total, {}, alphabet)
    meta = {doc: (title, day) for doc, title, day in src["meta"]}
    overrides = {k: (title, day) for k, title, day in src["ovr"]}
    rows, k = [], 0
    for count in counts:
        row = []
        for _ in range(count):
            doc = _fixed(src["doc"], k, src["w"], alphabet)
            title, day = overrides.get(k) or meta[doc]
            start, length = starts[k], lengths[k]
            row.append(
                {"document": strings[doc], "title": strings[title], "date": strings[day],
                 "sentence": strings[_fixed(src["sent"], k, src["w"], alphabet)],
                 "start": start, "end": start + length if start is not None else length}
            )  # fmt: skip
            k += 1
        rows.append(row)
    return rows


def _decode(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    table, alphabet = data[kind], data["code_alphabet"]
    n, cols = table["n"], table["cols"]
    columns = {
        key: _decode_sources(col["src"], n, data["strings"], alphabet)
        if key == "sources"
        else _decode_column(col, n, cols, alphabet)
        for key, col in cols.items()
    }
    return [{key: columns[key][i] for key in cols} for i in range(n)]


def _points(text: str, offset: float, alphabet: str) -> list[float | None]:
    values = [_fixed(text, k, 4, alphabet) for k in range(len(text) // 4)]
    return [None if v == len(alphabet) ** 4 - 1 else round(v / 10_000 - offset, 4) for v in values]


def test_page_data_round_trips_every_property(map_collection: dict[str, Any]) -> None:
    data = render.page_data(map_collection, title="t")
    for kind in ("incident", "claim"):
        props = [
            f["properties"] for f in map_collection["features"] if f["properties"]["kind"] == kind
        ]
        keys = {k: None for p in props for k in p}  # a property some rows lack is null in them
        assert _decode(data, kind + "s") == [{k: p.get(k) for k in keys} for p in props]
    cols = data["incidents"]["cols"]
    assert cols["kind"] == {"c": "incident"}
    assert "k" in cols["perpetrator"]  # few distinct values: one character per row
    incidents = [f for f in map_collection["features"] if f["properties"]["kind"] == "incident"]
    lons = _points(data["incidents"]["x"], 180, data["code_alphabet"])
    lats = _points(data["incidents"]["y"], 90, data["code_alphabet"])
    for f, lon, lat in zip(incidents, lons, lats, strict=True):
        expected = f["geometry"]["coordinates"] if f["geometry"] else [None, None]
        assert [lon, lat] == expected  # inc-7 has no place
    geom = data["claims"]["geom"]
    assert _decode_column(geom["n"], 8, {}, data["code_alphabet"]) == [1, 1, 5, 1, 1, 1, 2, 1]


def test_repeated_and_numbered_columns_are_compact(map_collection: dict[str, Any]) -> None:
    features = []
    for i in range(200):  # 100 dates: two characters per row
        feature = copy.deepcopy(map_collection["features"][0])
        feature["properties"].update(id=f"inc-{i}", summary=f"attack {i}", date_end=None)
        feature["properties"]["date_start"] = feature["properties"]["date_end"] = (
            f"2021-{i // 2:04d}"
        )
        features.append(feature)
    data = render.page_data({**map_collection, "features": features}, title="t")
    cols = data["incidents"]["cols"]
    assert cols["id"] == {"h": {"c": "inc-"}, "n": {"d": [0, 1], "k": "0" + "1" * 199}, "dn": 1}
    assert cols["summary"]["h"] == {"c": "attack "}
    assert cols["date_end"] == {"same": "date_start"}
    assert "k2" in cols["date_start"] and len(cols["date_start"]["k2"]) == 400
    assert data["strings"].count(features[0]["properties"]["sources"][0]["sentence"]) == 1
    assert _decode(data, "incidents") == [f["properties"] for f in features]


def test_numbered_ids_keep_their_leading_zeros() -> None:
    ids = [f"doc-{i:03d}:i{i % 7}" for i in range(100)] + ["doc-0", "x", ""]
    column = render_pagedata.pack_column(ids)
    assert _decode_column(column, len(ids), {}, render.CODE_ALPHABET) == ids


def test_check_offline_refuses_external_references() -> None:
    check_offline('<script>var a = "<b>";</script><img src="data:image/png;base64,AA">')
    for page in (
        '<script src="https://unpkg.com/leaflet.js"></script>',
        '<link rel="stylesheet" href="//cdn.example/x.css">',
        "<img src=tile.png>",
    ):
        with pytest.raises(RenderError, match="not self-contained"):
            check_offline(page)


def test_leaflet_css_images_are_data_uris() -> None:
    css = load_assets().leaflet_css
    assert "url(images/" not in css
    assert css.count("data:image/png;base64,") >= 3


def test_unknown_tiles_are_refused(map_collection: dict[str, Any]) -> None:
    with pytest.raises(RenderError, match="unknown tiles 'google'"):
        render_map(map_collection, tiles="google")  # type: ignore[arg-type]


# --- colours ------------------------------------------------------------------------


def test_an_actor_has_the_same_colour_in_every_map(map_collection: dict[str, Any]) -> None:
    first = render.page_data(map_collection, title="t")["colours"]
    shuffled = copy.deepcopy(map_collection)
    shuffled["features"].reverse()
    shuffled["actors"].reverse()
    alone = {
        **shuffled,
        "features": [f for f in shuffled["features"] if f["properties"]["id"] == "inc-4"],
    }
    for other in (shuffled, alone):
        colours = render.page_data(other, title="t")["colours"]
        assert all(colours[k] == first[k] for k in ("is", "iskp", "taliban", "ttp"))
    listed = json.loads(
        (Path(render.__file__).parent / "data" / "actor_colours.json").read_text("utf-8")
    )
    assert first["is"] == listed["colours"]["is"] and first["ttp"] == listed["colours"]["ttp"]
    assert first["iskp"] not in (first["is"], first["taliban"])  # a branch: a shade of IS
    assert first["evil"] == render_colours.shade(first["taliban"], "evil")
    assert len(set(first.values())) == len(first)


def test_an_unlisted_actor_gets_a_colour_from_its_id() -> None:
    one = render_colours.actor_colours([{"id": "new-front", "parent": None}], ["stray"])
    two = render_colours.actor_colours([], ["stray", "new-front"])
    assert one == two == {"new-front": one["new-front"], "stray": one["stray"]}
    assert re.fullmatch(r"#[0-9a-f]{6}", one["stray"]) and one["stray"] != one["new-front"]
    # FNV-1a test vectors (http://www.isthe.com/chongo/tech/comp/fnv/): a colour never moves
    assert render_colours.fnv1a("a") == 0xE40C292C
    assert render_colours.fnv1a("foobar") == 0xBF9CF968


# --- basemap -------------------------------------------------------------------------


def test_basemap_is_simplified_clipped_and_labelled() -> None:
    wiggly = Polygon(
        [(60 + i / 100, 30 + (i % 2) / 1000) for i in range(1000)] + [(70, 40), (60, 40)]
    )
    countries = gpd.GeoDataFrame(
        {"name": ["Wiggly", "Faraway"], "country": ["Wiggly Republic", "Faraway"]},
        geometry=[wiggly, MultiPolygon([box(-80, -10, -70, 0), box(-60, -10, -59.9, -9.9)])],
        crs="EPSG:4326",
    )
    admin1 = gpd.GeoDataFrame(
        {"admin1": ["Near", "Far"], "country": ["Wiggly Republic", "X"]},
        geometry=[box(61, 31, 62, 32), box(100, 0, 101, 1)],
        crs="EPSG:4326",
    )
    basemap = render.prepare_basemap(countries, admin1, None, bounds=(61.0, 31.0, 62.0, 32.0))
    wiggly_out, faraway = basemap.countries["features"]
    assert wiggly_out["properties"]["name"] == "Wiggly"  # the label: the outline's own name
    assert wiggly_out["properties"]["key"] == "Wiggly Republic"  # the region key: the gazetteer's
    assert len(wiggly_out["geometry"]["coordinates"][0]) < 20
    assert faraway["geometry"]["type"] == "Polygon"  # the islet far from the data is dropped
    lon, lat = wiggly_out["properties"]["label"]
    assert wiggly.buffer(1e-6).contains(Point(lon, lat))
    assert basemap.admin1 is not None
    assert [f["properties"] for f in basemap.admin1["features"]] == [
        {
            "name": "Near",
            "key": "Near",
            "label": [61.5, 31.5],
            "area": 1.0,
            "country": "Wiggly Republic",
        }
    ]
    assert basemap.admin2 is None


def _longest_step(geometry: dict[str, Any]) -> float:
    """The longest step in longitude between two points of the outline, except along a pole."""
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return max(
        abs(ring[k][0] - ring[k - 1][0])
        for poly in polygons
        for ring in poly
        for k in range(1, len(ring))
        if min(abs(ring[k][1]), abs(ring[k - 1][1])) < 89
    )


@pytest.mark.parametrize(
    ("ring", "area"),
    [
        # Chukotka-like: a ring that runs from 170 east over the antimeridian to -170 and back
        ([(170, 60), (180, 60), (-170, 60), (-170, 70), (180, 70), (170, 70), (170, 60)], 200.0),
        # Fiji-like: an island straddling it, written with a jump of 359.5 degrees
        ([(179.5, -17), (-179.5, -17), (-179.5, -16), (179.5, -16), (179.5, -17)], 1.0),
    ],
)
def test_outlines_are_split_at_the_antimeridian(
    ring: list[tuple[float, float]], area: float
) -> None:
    split = render.split_antimeridian(Polygon(ring))
    assert split.geom_type == "MultiPolygon" and len(split.geoms) == 2
    assert split.bounds[0] == -180 and split.bounds[2] == 180
    assert split.area == pytest.approx(area)
    countries = gpd.GeoDataFrame({"name": ["Crossing"]}, geometry=[Polygon(ring)], crs="EPSG:4326")
    layer = render.prepare_basemap(countries).countries["features"][0]["geometry"]
    assert _longest_step(layer) <= 20  # no ring across the whole map


def test_a_ring_around_a_pole_is_closed_along_it() -> None:
    ring = [(-180, -80), (-90, -70), (0, -75), (90, -70), (180, -80), (-180, -80)]
    split = render.split_antimeridian(Polygon(ring))
    assert split.is_valid and split.bounds == (-180, -90, 180, -70)


def test_the_world_basemap_has_natural_earth_names_and_no_ring_across_the_map() -> None:
    basemap = render.basemap_from_gazetteer(_FakeGazetteer(), None)  # type: ignore[arg-type]
    features = {f["properties"]["name"]: f for f in basemap.countries["features"]}
    assert "Dem. Rep. Congo" in features and not any("Zaire" in n for n in features)
    assert features["Afghanistan"]["properties"]["key"] == "Afghanistan"
    for name in ("Russia", "Fiji", "Antarctica", "United States of America"):
        assert _longest_step(features[name]["geometry"]) < 180, name
    russia = shape(features["Russia"]["geometry"])
    assert russia.bounds[0] == -180 and russia.bounds[2] > 179  # Chukotka on both sides


def test_provinces_only_of_the_countries_with_data(map_collection: dict[str, Any]) -> None:
    assert render.data_countries(map_collection) == {
        "AF",
        "Afghanistan",
        "PK",
        "Pakistan",
        "United States",  # a place a claim names
    }
    admin1 = gpd.GeoDataFrame(
        {"country": ["Afghanistan", "Tajikistan"], "admin1": ["Kunar", "Khatlon"]},
        geometry=[box(70.5, 34.5, 71.5, 35.5), box(68, 37, 70, 38)],
        crs="EPSG:4326",
    )
    countries = gpd.GeoDataFrame({"country": ["Afghanistan"]}, geometry=[box(60, 29, 75, 38)])
    basemap = render.prepare_basemap(
        countries, admin1, bounds=(69.0, 33.0, 72.0, 35.0), only_countries=["afghanistan"]
    )
    assert basemap.admin1 is not None
    assert [f["properties"]["name"] for f in basemap.admin1["features"]] == ["Kunar"]


# --- GeoJSON given to build ------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"geometry": {"type": "Point", "coordinates": [1e308, 95]}},
            "coordinates [1e+308, 95] are out of range",
        ),
        (
            {"geometry": {"type": "Point", "coordinates": ["abc", 1]}},
            'coordinates ["abc", 1] are not numbers',
        ),
        (
            {"geometry": {"type": "Point", "coordinates": [float("nan"), 1]}},
            "coordinates [NaN, 1] are not numbers",
        ),
        ({"geometry": {"type": "Point", "coordinates": [70]}}, "not a [longitude, latitude] pair"),
        (
            {"geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
            'geometry type "LineString"',
        ),
        (
            {"properties": {"kind": "incident", "id": "x", "country": 5}},
            "country 5 is not a string",
        ),
        (
            {"properties": {"kind": "incident", "id": "x", "fatalities": "12"}},
            'fatalities "12" is not a whole number',
        ),
        (
            {"properties": {"kind": "incident", "id": "x", "fatalities": 2**53}},
            "fatalities 9007199254740992 is not a whole number",
        ),
        (
            {"properties": {"kind": "incident", "id": "x", "date_start": "2021-13-45x"}},
            'date_start "2021-13-45x" is not an ISO date',
        ),
        (
            {"properties": {"kind": "incident", "id": "x", "targets": "police"}},
            'targets "police" is not a list of strings',
        ),
        (
            {
                "properties": {
                    "kind": "claim",
                    "id": "x",
                    "places": [{"name": "X", "lat": 91, "lon": 0}],
                }
            },
            "coordinates [0, 91] are out of range",
        ),
        (
            {"properties": {"kind": "claim", "id": "x", "sources": [{"start": -1}]}},
            "source start -1 is not a character offset",
        ),
    ],
)
def test_a_bad_feature_is_refused_in_one_line_naming_it(
    tmp_path: Path, map_collection: dict[str, Any], change: dict[str, Any], message: str
) -> None:
    feature = map_collection["features"][3]
    feature.update(change)
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(map_collection), encoding="utf-8")
    with pytest.raises(RenderError) as err:
        render.load_collection(str(path))
    name = feature["properties"].get("id")
    assert str(err.value).startswith(f"cannot read {path}: feature 3 (id {json.dumps(name)}): ")
    assert message in str(err.value) and "\n" not in str(err.value)
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Error: cannot read") and result.output.count("\n") == 1


def test_prototype_names_and_unknown_properties_are_just_data(
    tmp_path: Path, map_collection: dict[str, Any]
) -> None:
    props = map_collection["features"][3]["properties"]
    props.update(country="__proto__", admin1="constructor", perpetrator="toString", a_new_field=[1])
    props["__proto__"] = {"polluted": True}
    path = tmp_path / "proto.geojson"
    path.write_text(json.dumps(map_collection), encoding="utf-8")
    collection = render.load_collection(str(path))
    html = render_map(collection)
    assert _decode(_page_data(html), "incidents")[3]["country"] == "__proto__"


def test_render_map_refuses_points_out_of_range(map_collection: dict[str, Any]) -> None:
    map_collection["features"][1]["geometry"]["coordinates"] = [200.0, 10.0]
    with pytest.raises(
        RenderError, match=r"feature 1 \(id 'inc-2'\) has coordinates \[200.0, 10.0\]"
    ):
        render_map(map_collection)


# --- the build command ---------------------------------------------------------------


class _FakeGazetteer:
    """Two countries, one province, and a town for --region."""

    def outlines(self, level: str) -> gpd.GeoDataFrame:
        shapes = {
            "country": (["Afghanistan", "Pakistan"], [box(60, 29, 75, 38), box(61, 23, 77, 37)]),
            "admin1": (["Nangarhar"], [box(69.8, 33.9, 71.2, 34.6)]),
            "admin2": ([], []),
        }[level]
        columns = {"country": shapes[0], "admin1": [None] * len(shapes[0])}
        if level != "country":
            columns = {"country": ["Afghanistan"] * len(shapes[0]), level: shapes[0]}
        return gpd.GeoDataFrame(columns, geometry=shapes[1], crs="EPSG:4326")

    def candidates(self, name: str) -> list[Place]:
        towns = {
            "torkham": Place("geonames:1", "Torkham", "Torkham", 34.1, 71.1, "P", "PPL", "AF",
                             "Afghanistan", "AF.18", "Nangarhar", "", "", 1000, "geonames"),
            "kharkiv": Place("geonames:2", "Kharkiv", "Kharkiv", 50.0, 36.2, "P", "PPLA", "UA",
                             "Ukraine", "UA.07", "Kharkivska", "", "", 1400000, "geonames"),
            "kpk": Place("geonames:3", "Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa", 34.5, 72.0,
                         "A", "ADM1", "PK", "Pakistan", "PK.03", "Khyber Pakhtunkhwa", "", "",
                         0, "geonames"),
        }  # fmt: skip
        return [towns[fold(name)]] if fold(name) in towns else []


@pytest.fixture(autouse=True)
def _fake_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    from mapper import gazetteer

    monkeypatch.setattr(gazetteer, "load_gazetteer", lambda *_: _FakeGazetteer())


def _write_fixture(tmp_path: Path, collection: dict[str, Any]) -> Path:
    path = tmp_path / "fixture.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def _build(tmp_path: Path, *args: str) -> tuple[Any, dict[str, Any] | None]:
    out = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["build", *args, "-o", str(out)])
    return result, _page_data(out.read_text(encoding="utf-8")) if out.exists() else None


def test_build_writes_the_filtered_map_and_geojson(
    tmp_path: Path, map_collection: dict[str, Any]
) -> None:
    source = _write_fixture(tmp_path, map_collection)
    geo = tmp_path / "shown.geojson"
    args = [str(source), "--group", "ISKP", "--region", "Nangarhar", "--title", "ISKP in Nangarhar"]
    result, data = _build(tmp_path, *args, "--geojson", str(geo))
    assert result.exit_code == 0, result.output
    assert "map.html: 2 incidents, 0 claims" in result.output
    assert data is not None and data["incidents"]["n"] == 2 and data["title"] == "ISKP in Nangarhar"
    assert data["built_with"]["groups"] == ["iskp"]
    assert _ids(json.loads(geo.read_text(encoding="utf-8")), "incident") == ["inc-3", "inc-9"]
    names = [f["properties"]["name"] for f in data["basemap"]["admin1"]["features"]]
    assert names == ["Nangarhar"]


@pytest.mark.parametrize(
    ("args", "counts"),
    [
        (["--type", "claim:responsibility"], "2 incidents, 2 claims"),
        (["--type", "denial"], "2 incidents, 3 claims"),
        (["--group", "TTP"], "2 incidents, 2 claims"),
        (["--since", "2021-09", "--until", "2021-12"], "4 incidents, 1 claim"),
        (["--since", "2021-09", "--until", "2021-12", "--keep-undated"], "5 incidents, 1 claim"),
    ],
)
def test_build_filters_claims_by_type_and_maker(
    tmp_path: Path, map_collection: dict[str, Any], args: list[str], counts: str
) -> None:
    result, _ = _build(tmp_path, str(_write_fixture(tmp_path, map_collection)), *args)
    assert result.exit_code == 0, result.output
    assert f"map.html: {counts}" in result.output


def test_build_region_a_town_takes_the_admin_area_and_says_so(
    tmp_path: Path, map_collection: dict[str, Any]
) -> None:
    source = str(_write_fixture(tmp_path, map_collection))
    result, data = _build(tmp_path, source, "--region", "Torkham")
    assert result.exit_code == 0, result.output
    assert (
        "region 'Torkham' is a town, not an admin area: showing the province Nangarhar "
        "(Afghanistan), which contains it\n" in result.stderr
    )
    assert "map.html: 3 incidents" in result.output and data is not None
    assert data["built_with"]["regions"] == ["Afghanistan/Nangarhar"]
    quiet = CliRunner().invoke(
        cli, ["-q", "build", source, "--region", "Torkham", "-o", str(tmp_path / "q.html")]
    )
    assert quiet.exit_code == 0 and quiet.output == ""
    far, _ = _build(tmp_path, source, "--region", "Kharkiv")
    assert far.exit_code == 0
    assert "nothing on the map is in 'Kharkiv': the map will be empty" in far.stderr
    other, data = _build(tmp_path, source, "--region", "KPK")  # another name of a province
    assert other.stderr.startswith(
        "region 'KPK' is read as the province Khyber Pakhtunkhwa (Pakistan)\n"
    )
    assert data is not None and data["built_with"]["regions"] == ["Pakistan/Khyber Pakhtunkhwa"]
    assert "map.html: 2 incidents, 4 claims" in other.output


def test_build_unknown_group_exits_1_with_suggestion(
    tmp_path: Path, map_collection: dict[str, Any]
) -> None:
    result, data = _build(
        tmp_path, str(_write_fixture(tmp_path, map_collection)), "--group", "Talibn"
    )
    assert result.exit_code == 1 and data is None
    assert "unknown group 'Talibn'; did you mean 'Taliban'?" in result.output


def test_build_unknown_region_exits_1_with_names_on_the_map_first(
    tmp_path: Path, map_collection: dict[str, Any]
) -> None:
    source = str(_write_fixture(tmp_path, map_collection))
    result, _ = _build(tmp_path, source, "--region", "Nangrahar")
    assert result.exit_code == 1
    assert "unknown region 'Nangrahar'; did you mean 'Nangarhar'" in result.output
    result, _ = _build(tmp_path, source, "--region", "Quetah")
    assert "did you mean 'Quetta'" in result.output


def test_build_refuses_a_file_that_is_not_geojson(tmp_path: Path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "Feature"}', encoding="utf-8")
    result, _ = _build(tmp_path, str(bad))
    assert result.exit_code == 1
    assert "not a GeoJSON FeatureCollection" in result.output


@pytest.mark.parametrize(
    "files",
    [
        {},  # an empty folder
        {"blob.bin": b"\x00\x01\x02\xff" * 100, "empty.txt": b""},
        {"rows.jsonl": b""},
    ],
)
def test_build_with_nothing_readable_exits_1(tmp_path: Path, files: dict[str, bytes]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    result, data = _build(tmp_path, str(folder))
    assert result.exit_code == 1 and data is None
    assert f"Error: no readable documents in {folder}\n" in result.output
