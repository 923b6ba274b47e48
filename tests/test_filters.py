"""The map's filter rules in Python: the shared table of cases, names typed by a user, dates."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from mapper.errors import RenderError
from mapper.filters import Filters, PlaceRegion, date_span, fold, resolve_filters, select

CASES = json.loads(
    (Path(__file__).parent / "data" / "filter_cases.json").read_text(encoding="utf-8")
)["cases"]


def _ids(collection: dict[str, Any], kind: str) -> list[str]:
    return [
        f["properties"]["id"] for f in collection["features"] if f["properties"]["kind"] == kind
    ]


def test_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("  Khyber-Pakhtunkhwa ") == "khyber pakhtunkhwa"
    assert fold("Hérāt") == "herat"
    assert fold("IS-K") == fold("is k")
    assert fold(None) == ""


# --- the shared table (tests/test_browser.py runs the same cases in the page) ---------------


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_filter_cases(map_collection: dict[str, Any], case: dict[str, Any]) -> None:
    names = dict(case["cli"])
    text = names.pop("text", "")
    filters = dataclasses.replace(resolve_filters(map_collection, **names), text=text)
    chosen = select(map_collection, filters)
    assert _ids(chosen, "incident") == case["incidents"]
    assert _ids(chosen, "claim") == case["claims"]


def test_the_shared_table_covers_every_facet_and_claim_type() -> None:
    hashes = " ".join(c["hash"] for c in CASES)
    for key in ("g=", "r=", "t=", "s=", "u=", "ud=1", "q="):
        assert key in hashes
    for claim_type in ("responsibility", "denial", "allegation", "threat"):
        assert f"claim%3A{claim_type}" in hashes


def test_no_filter_keeps_everything(map_collection: dict[str, Any]) -> None:
    assert select(map_collection, Filters())["features"] == map_collection["features"]


def test_responsibility_and_denial_are_types_the_cli_accepts(
    map_collection: dict[str, Any],
) -> None:
    filters = resolve_filters(map_collection, types=["responsibility", "Claim: Denial"])
    assert filters.types == ("claim:responsibility", "claim:denial")


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2020-01-01", "2020-01-01", "year", ("2020-01-01", "2020-12-31")),
        ("2021-08-01", "2021-08-01", "month", ("2021-08-01", "2021-08-31")),
        ("2021-08", None, None, ("2021-08-01", "2021-08-31")),
        ("2021-08-26", "2021-08-28", "day", ("2021-08-26", "2021-08-28")),
        (None, None, "unknown", (None, None)),
        ("26/08/2021", None, "day", (None, None)),
    ],
)
def test_date_span_widens_to_the_precision(
    start: str | None, end: str | None, precision: str | None, expected: tuple[str, str]
) -> None:
    assert date_span(start, end, precision) == expected


# --- names typed by a user ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"regions": ["Nangarhaar"]}, "unknown region 'Nangarhaar'; did you mean 'Nangarhar'"),
        ({"groups": ["ISKB"]}, "unknown group 'ISKB'; did you mean 'ISKP'"),
        ({"types": ["bombing"]}, "unknown type 'bombing'"),
        ({"since": "26/08/2021"}, "--since '26/08/2021' is not a date"),
        ({"since": "2022", "until": "2021"}, "--since 2022 is after --until 2021"),
    ],
)
def test_unknown_names_are_refused_with_suggestions(
    map_collection: dict[str, Any], kwargs: dict[str, Any], expected: str
) -> None:
    with pytest.raises(RenderError) as err:
        resolve_filters(map_collection, **kwargs)
    assert str(err.value).startswith(expected)


def test_suggestions_come_from_the_map_before_the_gazetteer(
    map_collection: dict[str, Any],
) -> None:
    with pytest.raises(RenderError) as err:
        resolve_filters(map_collection, regions=["Quetah"], known_regions=["Queretaro", "Quebec"])
    assert "did you mean 'Quetta'" in str(err.value)  # a place a claim names, not a gazetteer name


def test_a_place_on_the_map_stands_for_its_district(map_collection: dict[str, Any]) -> None:
    notes: list[str] = []
    filters = resolve_filters(map_collection, regions=["kabul AIRPORT"], on_note=notes.append)
    assert filters.regions == ("Afghanistan/Kabul/Kabul",)
    assert _ids(select(map_collection, filters), "incident") == ["inc-1", "inc-2"]
    assert notes == [
        "region 'kabul AIRPORT' is a place, not an admin area: showing the district Kabul "
        "(Kabul, Afghanistan), which contains it"
    ]
    quetta = resolve_filters(map_collection, regions=["Quetta"], on_note=notes.append)
    assert quetta.regions == ("Pakistan/Balochistan/Quetta",)  # a district itself: no note
    assert len(notes) == 1


def test_a_town_off_the_map_is_found_in_the_gazetteer(map_collection: dict[str, Any]) -> None:
    def gazetteer(name: str) -> PlaceRegion | None:
        towns = {"torkham": PlaceRegion("Torkham", "town", "Afghanistan", "Nangarhar")}
        return towns.get(fold(name))

    notes: list[str] = []
    filters = resolve_filters(
        map_collection, regions=["Torkham"], place_region=gazetteer, on_note=notes.append
    )
    assert filters.regions == ("Afghanistan/Nangarhar",)  # no district known: the province
    assert _ids(select(map_collection, filters), "incident") == ["inc-3", "inc-4", "inc-9"]
    assert notes == [
        "region 'Torkham' is a town, not an admin area: showing the province Nangarhar "
        "(Afghanistan), which contains it"
    ]


def test_a_real_region_with_nothing_mapped_says_so(map_collection: dict[str, Any]) -> None:
    notes: list[str] = []
    filters = resolve_filters(
        map_collection, regions=["Khost"], known_regions=["Khost", "Herat"], on_note=notes.append
    )
    assert select(map_collection, filters)["features"] == []
    assert notes == ["nothing on the map is in 'Khost': the map will be empty"]
