"""Tests of LocalGeocoder, geopy's interface over the local gazetteer."""

from __future__ import annotations

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.gazetteer import Gazetteer, Place
from mapper.geocoder import LocalGeocoder, place_address


def _place(pid: str, name: str, lat: float, lon: float, cc: str, country: str, pop: int) -> Place:
    return Place(
        id=pid, name=name, ascii_name=name, lat=lat, lon=lon, feature_class="P",
        feature_code="PPL", country_code=cc, country=country, admin1_code=f"{cc}.01",
        admin1="Province One", admin2_code="", admin2="", population=pop, source="test",
    )  # fmt: skip


PLACES = [
    _place("t:jalalabad", "Jalalabad", 34.42647, 70.45153, "AF", "Afghanistan", 271_900),
    _place("t:jalalabad-in", "Jalalabad", 30.60622, 74.25727, "IN", "India", 39_525),
    _place("t:behsud", "Behsud", 34.45, 70.42, "AF", "Afghanistan", 5_000),
]


@pytest.fixture
def geocoder() -> LocalGeocoder:
    return LocalGeocoder(Gazetteer.from_places(PLACES, {"t:jalalabad": ["Jelalabad"]}))


def test_is_a_geopy_geocoder(geocoder: LocalGeocoder) -> None:
    assert isinstance(geocoder, Geocoder)


def test_geocode_returns_the_best_location(geocoder: LocalGeocoder) -> None:
    location = geocoder.geocode("Jalalabad")
    assert isinstance(location, Location)
    assert (location.latitude, location.longitude) == (34.42647, 70.45153)
    assert location.address == "Jalalabad, Province One, Afghanistan"
    assert location.raw["id"] == "t:jalalabad"


def test_geocode_all_and_country_codes(geocoder: LocalGeocoder) -> None:
    every = geocoder.geocode("Jalalabad", exactly_one=False)
    assert isinstance(every, list)
    assert [loc.raw["id"] for loc in every] == ["t:jalalabad", "t:jalalabad-in"]
    limited = geocoder.geocode("Jalalabad", exactly_one=False, limit=1)
    assert isinstance(limited, list) and len(limited) == 1
    india = geocoder.geocode("Jalalabad", country_codes="in")
    assert isinstance(india, Location) and india.raw["country"] == "India"


def test_geocode_alternate_and_unknown(geocoder: LocalGeocoder) -> None:
    alt = geocoder.geocode("Jelalabad")
    assert isinstance(alt, Location) and alt.raw["id"] == "t:jalalabad"
    assert geocoder.geocode("Nowhere At All") is None
    assert geocoder.geocode("Nowhere At All", exactly_one=False) is None


def test_reverse_gives_the_nearest_place(geocoder: LocalGeocoder) -> None:
    location = geocoder.reverse((34.43, 70.45))
    assert isinstance(location, Location) and location.raw["id"] == "t:jalalabad"
    both = geocoder.reverse("34.44, 70.43", exactly_one=False)
    assert isinstance(both, list)
    assert [loc.raw["id"] for loc in both] == ["t:behsud", "t:jalalabad"]
    assert geocoder.reverse((0.0, 0.0)) is None


def test_place_address_skips_repeats() -> None:
    place = PLACES[0]
    assert place_address(place) == "Jalalabad, Province One, Afghanistan"


def test_place_address_leaves_out_a_district_named_like_the_town() -> None:
    from dataclasses import replace

    place = replace(PLACES[0], name="Jalālābād", admin2="Jalalabad")
    assert place_address(place) == "Jalālābād, Province One, Afghanistan"


def test_a_village_named_like_a_province_comes_after_the_province() -> None:
    # a village's own name ("Chechnya", 1,350 people) is not what a bare lookup means when a
    # first-level unit is known by it as an alternate; a city keeps its place before its
    # province ("Kunduz")
    from dataclasses import replace

    village = _place("t:chechnya-ua", "Chechnya", 48.75, 37.62, "UA", "Ukraine", 1_350)
    republic = replace(
        _place("t:chechnya-ru", "Chechenskaya Respublika", 43.3, 45.74, "RU", "Russia", 0),
        feature_class="A", feature_code="ADM1",
    )  # fmt: skip
    city = replace(
        _place("t:kunduz", "Kunduz", 36.73, 68.86, "AF", "Afghanistan", 161_902),
        feature_code="PPLA",
    )
    province = replace(
        _place("t:kunduz-p", "Kunduz", 36.85, 68.74, "AF", "Afghanistan", 0),
        feature_class="A", feature_code="ADM1",
    )  # fmt: skip
    geocoder = LocalGeocoder(
        Gazetteer.from_places([village, republic, city, province], {"t:chechnya-ru": ["Chechnya"]})
    )
    assert geocoder.geocode("Chechnya").raw["country_code"] == "RU"
    assert geocoder.geocode("Kunduz").raw["id"] == "t:kunduz"
