"""Tests for mapper.export: the GeoJSON schema of docs/CONTRACTS.md, CSV and GeoPackage."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import geopandas
import pyogrio
import pytest
from click.testing import CliRunner

from mapper.actors import load_actors
from mapper.documents import Document
from mapper.errors import ExtractionError
from mapper.export import to_geojson, write_csv, write_geojson, write_gpkg
from mapper.gazetteer import Gazetteer, Place
from mapper.geoparse import Mention
from mapper.model import Claim, Count, Extraction, Incident, Source, When

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
    "AF.13.101",
    "Kabul",
    4_000_000,
    "t",
)
PESHAWAR = Place(
    "t:pesh",
    "Peshawar",
    "Peshawar",
    34.008,
    71.578,
    "P",
    "PPLA",
    "PK",
    "Pakistan",
    "PK.03",
    "Khyber Pakhtunkhwa",
    "",
    "",
    1_900_000,
    "t",
)
AFGHANISTAN = replace(KABUL, id="t:af", name="Afghanistan", lat=33.9, lon=65.2, feature_code="PCLI")
TEXT = "ISKP bombed Kabul on 3 May 2023. The Taliban accused ISKP of hiding in Peshawar."
DOC = Document("d1", "d1.txt", "Title", "2023-05-04", "Src", "http://x", TEXT, 0)


def extraction() -> Extraction:
    day = dt.date(2023, 5, 3)
    incident = Incident(
        id="d1:i1",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        when=When(day, day, "day", False, "3 May 2023"),
        place=KABUL,
        location_text="Kabul",
        geo_precision=1,
        perpetrator="iskp",
        attribution="attributed",
        targets=("civilians",),
        fatalities=Count(5, 5, 5, "5 killed"),
        summary="IED at Kabul",
        sources=(Source("d1", TEXT[:32], 0, 32),),
        claims=(),
    )
    unplaced = Incident(
        id="d1:i2",
        event_type="Strategic developments",
        sub_event_type="Sabotage",
        when=When(),
        place=None,
        location_text="",
        geo_precision=None,
        perpetrator=None,
        attribution="unknown",
    )
    inferred = replace(
        incident,
        id="d1:i3",
        place=AFGHANISTAN,
        location_text="Afghanistan (from context)",
        geo_precision=3,
        place_inferred=True,
    )
    claim = Claim(
        id="d1:c1",
        claimant="taliban",
        claim_type="allegation",
        about="iskp",
        also_about=("isi",),
        places=(PESHAWAR, KABUL),
        hedges=("reportedly",),
        sources=(Source("d1", TEXT[33:], 33, len(TEXT)),),
    )
    mentions = {"d1": [Mention("Nowhere", 0, 4, None, 0.0, (), "unresolved")]}
    return Extraction(
        [incident, unplaced, inferred], [claim], load_actors().actors, mentions, [DOC]
    )  # type: ignore[arg-type]


def test_geojson_follows_the_contract() -> None:
    data = to_geojson(extraction())
    assert data["type"] == "FeatureCollection"
    incident, unplaced, inferred, claim = data["features"]
    props = incident["properties"]
    assert incident["geometry"] == {"type": "Point", "coordinates": [69.172, 34.528]}
    required = {
        "kind",
        "id",
        "event_type",
        "sub_event_type",
        "summary",
        "date_start",
        "date_end",
        "time_precision",
        "date_inferred",
        "place_id",
        "place_name",
        "location_text",
        "country_code",
        "country",
        "admin1",
        "admin2",
        "geo_precision",
        "perpetrator",
        "perpetrator_name",
        "attribution",
        "targets",
        "fatalities",
        "fatalities_low",
        "fatalities_high",
        "fatalities_text",
        "wounded",
        "wounded_low",
        "wounded_high",
        "wounded_text",
        "claims",
        "confidence",
        "sources",
    }
    assert required <= set(props)
    assert props["kind"] == "incident" and props["date_start"] == "2023-05-03"
    assert props["perpetrator_name"] == "Islamic State Khorasan Province (ISKP)"
    assert props["fatalities"] == 5 and props["wounded"] is None
    assert props["sources"] == [
        {
            "document": "d1",
            "title": "Title",
            "date": "2023-05-04",
            "sentence": TEXT[:32],
            "start": 0,
            "end": 32,
        }
    ]
    assert unplaced["geometry"] is None and unplaced["properties"]["time_precision"] == "unknown"
    assert not props["place_inferred"] and inferred["properties"]["place_inferred"]
    assert inferred["properties"]["geo_precision"] == 3
    assert inferred["geometry"] == {"type": "Point", "coordinates": [65.2, 33.9]}
    assert claim["geometry"]["type"] == "MultiPoint"
    cprops = claim["properties"]
    assert {
        "kind",
        "id",
        "claimant",
        "claimant_name",
        "claim_type",
        "about",
        "about_name",
        "incidents",
        "places",
        "channel",
        "date",
        "hedges",
        "summary",
        "confidence",
        "sources",
    } <= set(cprops)
    assert cprops["also_about"] == ["isi"]
    assert cprops["places"][0] == {
        "place_id": "t:pesh",
        "name": "Peshawar",
        "lat": 34.008,
        "lon": 71.578,
        "country": "Pakistan",
        "admin1": "Khyber Pakhtunkhwa",
        "admin2": "",
    }
    assert data["documents"] == [
        {
            "id": "d1",
            "title": "Title",
            "date": "2023-05-04",
            "path": "d1.txt",
            "source": "Src",
            "url": "http://x",
        }
    ]
    assert data["unresolved"] == [{"document": "d1", "text": "Nowhere", "start": 0, "end": 4}]
    iskp = next(a for a in data["actors"] if a["id"] == "iskp")
    assert iskp["parent"] == "is" and "ISIS-K" in iskp["aliases"]
    json.dumps(data)  # serialisable as is


def test_csv_and_geopackage(tmp_path: Path) -> None:
    csv_path, gpkg_path, json_path = tmp_path / "x.csv", tmp_path / "x.gpkg", tmp_path / "x.geojson"
    write_csv(extraction(), csv_path)
    write_gpkg(extraction(), gpkg_path)
    write_geojson(extraction(), json_path)
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["kind"] for r in rows] == ["incident", "incident", "incident", "claim"]
    assert rows[0]["lat"] == "34.528" and rows[0]["targets"] == "civilians"
    assert rows[3]["hedges"] == "reportedly" and rows[3]["lon"] == "71.578"
    assert rows[2]["place_inferred"] == "True" and rows[3]["also_about"] == "isi"
    layers = dict(pyogrio.list_layers(gpkg_path))
    assert layers == {"incidents": "Point", "claims": "MultiPoint"}
    incidents = geopandas.read_file(gpkg_path, layer="incidents")
    assert list(incidents["id"]) == ["d1:i1", "d1:i2", "d1:i3"]
    assert json.loads(json_path.read_text("utf-8"))["features"][0]["id"] == "d1:i1"


def test_cli_extract_writes_all_three(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mapper import gazetteer as gazetteer_module
    from mapper.cli import cli

    places = [KABUL, PESHAWAR]
    monkeypatch.setattr(
        gazetteer_module, "load_gazetteer", lambda *a: Gazetteer.from_places(places)
    )
    (tmp_path / "doc.txt").write_text(
        "---\ndate: 2023-05-04\n---\nA suicide bomber struck a market in Peshawar on Tuesday, "
        "killing 12 people. The TTP claimed the attack.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.geojson"
    result = CliRunner().invoke(
        cli,
        [
            "extract",
            str(tmp_path / "doc.txt"),
            "-o",
            str(out),
            "--csv",
            str(tmp_path / "o.csv"),
            "--gpkg",
            str(tmp_path / "o.gpkg"),
        ],
    )
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text("utf-8"))["features"]
    kinds = sorted(f["properties"]["kind"] for f in features)
    assert kinds == ["claim", "incident"]
    incident = next(f["properties"] for f in features if f["properties"]["kind"] == "incident")
    assert incident["place_name"] == "Peshawar" and incident["perpetrator"] == "ttp"
    assert incident["date_start"] == "2023-05-02" and incident["fatalities"] == 12
    assert (tmp_path / "o.csv").exists() and (tmp_path / "o.gpkg").exists()


def test_cli_extract_reports_missing_input(tmp_path: Path) -> None:
    from mapper.cli import cli

    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "none"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "none" in result.output


# --- numbers every export can hold, atomic writes (issue 13, items 3 and 10) ------------------


@pytest.mark.parametrize("figure", [2**31, 2**53 + 1, 9223372036854775808, 10**30])
def test_figures_no_export_can_hold_become_null_with_a_flag(tmp_path: Path, figure: int) -> None:
    base = extraction()
    huge = replace(base.incidents[0], fatalities=Count(figure, figure, None, f"killed {figure}"))
    data = replace(base, incidents=[huge, *base.incidents[1:]])
    props = to_geojson(data)["features"][0]["properties"]
    assert props["fatalities"] is None and props["fatalities_low"] is None
    assert props["fatalities_text"] == f"killed {figure}"
    assert props["out_of_range"] == ["fatalities", "fatalities_low"]
    assert to_geojson(extraction())["features"][0]["properties"]["out_of_range"] == []
    write_gpkg(data, tmp_path / "x.gpkg")
    write_csv(data, tmp_path / "x.csv")
    incidents = geopandas.read_file(tmp_path / "x.gpkg", layer="incidents")
    assert incidents["fatalities"].isna()[0]
    assert incidents["fatalities_text"][0] == f"killed {figure}"
    with (tmp_path / "x.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["fatalities"] == "" and row["out_of_range"] == "fatalities; fatalities_low"


def test_a_point_out_of_range_is_dropped_with_a_flag() -> None:
    base = extraction()
    bad = replace(base.incidents[0], place=replace(KABUL, lat=95.0))
    feature = to_geojson(replace(base, incidents=[bad]))["features"][0]
    assert feature["geometry"] is None and feature["properties"]["out_of_range"] == ["geometry"]


def test_csv_counts_are_whole_numbers(tmp_path: Path) -> None:
    write_csv(extraction(), tmp_path / "x.csv")
    with (tmp_path / "x.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["fatalities"] for r in rows] == ["5", "", "5", ""]
    assert rows[0]["geo_precision"] == "1"


def test_an_empty_extraction_gives_a_geopackage_with_both_layers(tmp_path: Path) -> None:
    write_gpkg(Extraction([], [], []), tmp_path / "e.gpkg")
    assert dict(pyogrio.list_layers(tmp_path / "e.gpkg")) == {
        "incidents": "Point",
        "claims": "MultiPoint",
    }


def test_a_failed_geopackage_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.gpkg"
    write_gpkg(extraction(), target)
    before = target.read_bytes()
    real_to_file = geopandas.GeoDataFrame.to_file

    def fail_on_claims(frame: geopandas.GeoDataFrame, path: Path, **kwargs: object) -> None:
        if kwargs.get("layer") == "claims":  # the incidents layer is already written
            raise RuntimeError("disk full")
        real_to_file(frame, path, **kwargs)

    monkeypatch.setattr(geopandas.GeoDataFrame, "to_file", fail_on_claims)
    with pytest.raises(ExtractionError, match=r"cannot write GeoPackage to .*x\.gpkg: disk full"):
        write_gpkg(replace(extraction(), incidents=[]), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.gpkg"]


def test_a_failed_csv_or_geojson_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pandas

    csv_path, json_path = tmp_path / "x.csv", tmp_path / "x.geojson"
    write_csv(extraction(), csv_path)
    write_geojson(extraction(), json_path)
    before = csv_path.read_bytes(), json_path.read_bytes()

    def half_then_fail(frame: pandas.DataFrame, path: Path, **kwargs: object) -> None:
        Path(path).write_text("kind,id\nincident,", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pandas.DataFrame, "to_csv", half_then_fail)
    with pytest.raises(ExtractionError, match="No space left"):
        write_csv(extraction(), csv_path)

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", no_space)
    with pytest.raises(ExtractionError, match="No space left"):
        write_geojson(extraction(), json_path)
    assert (csv_path.read_bytes(), json_path.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv", "x.geojson"]


def test_geojson_is_written_a_feature_at_a_time_as_one_dump_writes_it(tmp_path: Path) -> None:
    from mapper.export import geojson_chunks

    for value in (extraction(), Extraction([], [], [])):
        whole = json.dumps(to_geojson(value), ensure_ascii=False, indent=1, allow_nan=False)
        chunks = list(geojson_chunks(value))
        assert "".join(chunks) == whole
        write_geojson(value, tmp_path / "out.geojson")
        assert (tmp_path / "out.geojson").read_text("utf-8") == whole + "\n"
    assert len(list(geojson_chunks(extraction()))) > 10  # features come one by one
