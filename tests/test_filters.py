"""The map's filter rules in Python: groups with their branches, regions, types, dates, words."""

from __future__ import annotations

from typing import Any

import pytest

from mapper.errors import RenderError
from mapper.filters import Filters, fold, resolve_filters, select


def _ids(collection: dict[str, Any], kind: str) -> list[str]:
    return [
        f["properties"]["id"] for f in collection["features"] if f["properties"]["kind"] == kind
    ]


def test_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("  Khyber-Pakhtunkhwa ") == "khyber pakhtunkhwa"
    assert fold("Hérāt") == "herat"
    assert fold("IS-K") == fold("is k")
    assert fold(None) == ""


# --- selection --------------------------------------------------------------------


def test_group_includes_its_branches(map_collection: dict[str, Any]) -> None:
    iskp = select(map_collection, resolve_filters(map_collection, groups=["ISKP"]))
    assert _ids(iskp, "incident") == ["inc-1", "inc-3", "inc-5", "inc-6", "inc-7"]
    islamic_state = select(map_collection, resolve_filters(map_collection, groups=["Daesh"]))
    assert _ids(islamic_state, "incident") == ["inc-1", "inc-2", "inc-3", "inc-5", "inc-6", "inc-7"]


def test_group_then_region(map_collection: dict[str, Any]) -> None:
    filters = resolve_filters(map_collection, groups=["iskp"], regions=["Nangarhar"])
    assert filters.regions == ("Afghanistan/Nangarhar",)
    assert _ids(select(map_collection, filters), "incident") == ["inc-3"]


def test_region_by_country_code_and_district(map_collection: dict[str, Any]) -> None:
    assert _ids(
        select(map_collection, resolve_filters(map_collection, regions=["PK"])), "incident"
    ) == ["inc-6"]
    jalalabad = select(map_collection, resolve_filters(map_collection, regions=["jalalabad"]))
    assert _ids(jalalabad, "incident") == ["inc-4"]


def test_claims_follow_their_incidents_and_lone_claims_their_places(
    map_collection: dict[str, Any],
) -> None:
    kabul = select(map_collection, resolve_filters(map_collection, regions=["Kabul"]))
    assert _ids(kabul, "claim") == ["clm-1", "clm-2"]
    orakzai = select(map_collection, resolve_filters(map_collection, regions=["Orakzai"]))
    assert _ids(orakzai, "incident") == [] and _ids(orakzai, "claim") == ["clm-3"]
    taliban = select(map_collection, resolve_filters(map_collection, groups=["Taliban"]))
    assert _ids(taliban, "incident") == ["inc-4"]
    assert _ids(taliban, "claim") == ["clm-3"]  # the allegation; the denial follows ISKP's inc-6


def test_types_and_claim_types(map_collection: dict[str, Any]) -> None:
    filters = resolve_filters(map_collection, types=["explosions", "allegation"])
    assert filters.types == ("Explosions/Remote violence", "claim:allegation")
    chosen = select(map_collection, filters)
    assert _ids(chosen, "incident") == ["inc-1", "inc-2", "inc-6"]
    assert _ids(chosen, "claim") == ["clm-1", "clm-2", "clm-3", "clm-4"]


def test_dates_overlap_and_partial_dates(map_collection: dict[str, Any]) -> None:
    sept = select(map_collection, resolve_filters(map_collection, since="2021-09", until="2021-09"))
    assert _ids(sept, "incident") == ["inc-3", "inc-5", "inc-7"]
    late = select(map_collection, resolve_filters(map_collection, since="2022"))
    assert _ids(late, "incident") == ["inc-6"]


def test_text_search_needs_every_word(map_collection: dict[str, Any]) -> None:
    chosen = select(map_collection, Filters(text="Suicide SERVICEMEN"))
    assert _ids(chosen, "incident") == ["inc-1"]


def test_no_filter_keeps_everything(map_collection: dict[str, Any]) -> None:
    assert select(map_collection, Filters())["features"] == map_collection["features"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"regions": ["Nangarhaar"]}, "unknown region 'Nangarhaar'; did you mean 'Nangarhar'?"),
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


def test_region_known_to_the_gazetteer_selects_nothing(map_collection: dict[str, Any]) -> None:
    filters = resolve_filters(map_collection, regions=["Kunduz"], known_regions=["Kunduz", "Herat"])
    assert select(map_collection, filters)["features"] == []
