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
from shapely.geometry import MultiPolygon, Polygon, box

from mapper import render
from mapper._assets import check_offline, load_assets
from mapper.cli import cli
from mapper.errors import RenderError
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
    # Leaflet and app.js (header), the data, and the one script of the folium elements
    assert html.lower().count("<script") == 4
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", html)
    data = _page_data(html)
    assert data["incidents"]["n"] == 7 and data["claims"]["n"] == 4
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
    assert _decode(_page_data(html)["incidents"], render.CODE_ALPHABET)[0]["summary"] == summary


def test_same_data_same_page(map_collection: dict[str, Any]) -> None:
    assert render_map(map_collection) == render_map(map_collection)


def _decode(table: dict[str, Any], alphabet: str) -> list[dict[str, Any]]:
    """Python twin of app.js's Table.get, to check that the encoding loses nothing."""

    def get(i: int, key: str) -> Any:
        col = table["cols"][key]
        if "same" in col:
            return get(i, col["same"])
        if "c" in col:
            return col["c"]
        if "k" in col:
            return col["d"][alphabet.index(col["k"][i])]
        if "k2" in col:
            hi, lo = col["k2"][2 * i], col["k2"][2 * i + 1]
            return col["d"][alphabet.index(hi) * len(alphabet) + alphabet.index(lo)]
        if "i" in col:
            return col["d"][col["i"][i]]
        if "src" in col:
            out, last = [], {}
            for r in range(i + 1):  # title and date are given once per document
                for item in col["src"][r]:
                    if len(item) > 4:
                        last[item[0]] = item[4:]
                    if r == i:
                        title, day = last[item[0]]
                        d = col["d"]
                        out.append(
                            {"document": d[item[0]], "title": d[title], "date": d[day],
                             "sentence": d[item[1]], "start": item[2], "end": item[3]}
                        )  # fmt: skip
            return out
        return col.get("p", "") + col["v"][i] if "p" in col else col["v"][i]

    return [{k: get(i, k) for k in table["cols"]} for i in range(table["n"])]


def test_page_data_round_trips_every_property(map_collection: dict[str, Any]) -> None:
    data = render.page_data(map_collection, title="t")
    for kind in ("incident", "claim"):
        table = data[kind + "s"]
        expected = [
            f["properties"] for f in map_collection["features"] if f["properties"]["kind"] == kind
        ]
        assert _decode(table, data["code_alphabet"]) == expected
    cols = data["incidents"]["cols"]
    assert cols["kind"] == {"c": "incident"}
    assert "k" in cols["perpetrator"]  # few distinct values: one character per row
    assert data["incidents"]["lon"][6] is None  # inc-7 has no place


def test_repeated_and_prefixed_columns_are_shared(map_collection: dict[str, Any]) -> None:
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
    assert cols["id"]["p"] == "inc-" and cols["id"]["v"][:2] == ["0", "1"]
    assert cols["date_end"] == {"same": "date_start"}
    assert "k2" in cols["date_start"] and len(cols["date_start"]["k2"]) == 400
    assert _decode(data["incidents"], data["code_alphabet"]) == [f["properties"] for f in features]


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


# --- basemap -------------------------------------------------------------------------


def test_basemap_is_simplified_clipped_and_labelled() -> None:
    wiggly = Polygon(
        [(60 + i / 100, 30 + (i % 2) / 1000) for i in range(1000)] + [(70, 40), (60, 40)]
    )
    countries = gpd.GeoDataFrame(
        {"name": ["Wiggly", "Faraway"]},
        geometry=[wiggly, MultiPolygon([box(-80, -10, -70, 0), box(-60, -10, -59.9, -9.9)])],
        crs="EPSG:4326",
    )
    admin1 = gpd.GeoDataFrame(
        {"name": ["Near", "Far"]},
        geometry=[box(61, 31, 62, 32), box(100, 0, 101, 1)],
        crs="EPSG:4326",
    )
    basemap = render.prepare_basemap(countries, admin1, None, bounds=(61.0, 31.0, 62.0, 32.0))
    wiggly_out, faraway = basemap.countries["features"]
    assert wiggly_out["properties"]["name"] == "Wiggly"
    assert len(wiggly_out["geometry"]["coordinates"][0]) < 20
    assert faraway["geometry"]["type"] == "Polygon"  # the islet far from the data is dropped
    lon, lat = wiggly_out["properties"]["label"]
    assert wiggly.contains(box(lon - 1e-6, lat - 1e-6, lon + 1e-6, lat + 1e-6)) or wiggly.touches(
        box(lon, lat, lon, lat)
    )
    assert basemap.admin1 is not None
    assert [f["properties"]["name"] for f in basemap.admin1["features"]] == ["Near"]
    assert basemap.admin2 is None


def test_provinces_only_of_the_countries_with_data(map_collection: dict[str, Any]) -> None:
    assert render.data_countries(map_collection) == {"AF", "Afghanistan", "PK", "Pakistan"}
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


# --- the build command ---------------------------------------------------------------


class _FakeGazetteer:
    """Only the outlines the basemap needs: two countries, one province."""

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


@pytest.fixture(autouse=True)
def _fake_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "_load_gazetteer_or_none", lambda needed, warn: _FakeGazetteer())


def _write_fixture(tmp_path: Path, collection: dict[str, Any]) -> Path:
    path = tmp_path / "fixture.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def test_build_writes_the_filtered_map_and_geojson(
    tmp_path: Path, map_collection: dict[str, Any]
) -> None:
    source = _write_fixture(tmp_path, map_collection)
    out, geo = tmp_path / "map.html", tmp_path / "shown.geojson"
    args = ["build", str(source), "-o", str(out), "--group", "ISKP", "--region", "Nangarhar"]
    result = CliRunner().invoke(cli, [*args, "--geojson", str(geo), "--title", "ISKP in Nangarhar"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 1 incident, 0 claims" in result.output
    data = _page_data(out.read_text(encoding="utf-8"))
    assert data["incidents"]["n"] == 1 and data["title"] == "ISKP in Nangarhar"
    assert data["built_with"]["groups"] == ["iskp"]
    assert _ids(json.loads(geo.read_text(encoding="utf-8")), "incident") == ["inc-3"]
    names = [f["properties"]["name"] for f in data["basemap"]["admin1"]["features"]]
    assert names == ["Nangarhar"]


def test_build_unknown_group_exits_1_with_suggestion(
    tmp_path: Path, map_collection: dict[str, Any]
) -> None:
    source = _write_fixture(tmp_path, map_collection)
    result = CliRunner().invoke(
        cli, ["build", str(source), "-o", str(tmp_path / "m.html"), "--group", "Talibn"]
    )
    assert result.exit_code == 1
    assert "unknown group 'Talibn'; did you mean 'Taliban'?" in result.output
    assert not (tmp_path / "m.html").exists()


def test_build_unknown_region_exits_1_with_suggestion(
    tmp_path: Path, map_collection: dict[str, Any]
) -> None:
    source = _write_fixture(tmp_path, map_collection)
    result = CliRunner().invoke(cli, ["build", str(source), "--region", "Nangrahar"])
    assert result.exit_code == 1
    assert "unknown region 'Nangrahar'; did you mean 'Nangarhar'?" in result.output


def test_build_refuses_a_file_that_is_not_geojson(tmp_path: Path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "Feature"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(bad), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1
    assert "not a GeoJSON FeatureCollection" in result.output
