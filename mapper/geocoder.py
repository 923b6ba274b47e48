"""``LocalGeocoder``: geopy's Geocoder interface over the local gazetteer, fully offline.

Code written for ``geopy.geocoders.Nominatim`` runs unchanged::

    geolocator = LocalGeocoder()
    location = geolocator.geocode("Jalalabad")
    print(location.address, location.latitude, location.longitude)
    print(geolocator.reverse((34.43, 70.45)).address)

``geocode`` and ``reverse`` keep geopy's signatures (including ``exactly_one``) so that they
are drop-in replacements; mapper's own code calls :class:`~mapper.gazetteer.Gazetteer`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from mapper.gazetteer import Gazetteer, Place, load_gazetteer

__all__ = ["LocalGeocoder", "by_importance", "place_address", "place_location"]

#: A populated place smaller than this (GeoNames' cities15000 threshold) named like a country,
#: a first-level unit or a curated region is listed after them in a lookup with no context.
SMALL_PLACE_POPULATION = 15_000


def by_importance(places: Sequence[Place]) -> list[Place]:
    """``places`` (a gazetteer's candidates for one name) in the order a lookup with no context
    should list them: a village of fewer than :data:`SMALL_PLACE_POPULATION` people whose
    primary name is the query ("Chechnya", a Donetsk village of 1,350) after the countries,
    first-level units and curated regions also called so (Chechnya the republic, known by that
    name as an alternate). Otherwise the gazetteer's order (primary names, then weight); a town
    and its province keep theirs (Kandahar city first). Geoparsing weighs candidates itself."""
    major = any(
        p.feature_code.startswith("PCL")
        or p.feature_code in ("ADM1", "ADM1H")
        or (p.source == "curated" and p.feature_class in "LHT")
        for p in places
    )
    if not major:
        return list(places)
    small = [p for p in places if p.feature_class == "P" and p.population < SMALL_PLACE_POPULATION]
    ids = {p.id for p in small}
    return [p for p in places if p.id not in ids] + small


def place_address(place: Place) -> str:
    """``"Jalalabad, Nangarhar, Afghanistan"``: the place and its admin path, no repeats."""
    parts = [place.name]
    for part in (place.admin2, place.admin1, place.country):
        if part and part not in parts and part != place.ascii_name:
            parts.append(part)
    return ", ".join(parts)


def place_location(place: Place) -> Location:
    """A geopy Location for a place; ``raw`` holds every Place field."""
    return Location(place_address(place), Point(place.lat, place.lon), asdict(place))


class LocalGeocoder(Geocoder):  # type: ignore[misc]  # geopy is untyped
    """A geopy geocoder answering from the local gazetteer (no network, no API key).

    Parameters
    ----------
    gazetteer
        The gazetteer to use; default :func:`~mapper.gazetteer.load_gazetteer`.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, loaded on first use."""
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        limit: int | None = None,
        country_codes: str | Sequence[str] | None = None,
        **_ignored: Any,
    ) -> Location | list[Location] | None:
        """Look a place name up, like ``Nominatim.geocode``.

        Parameters
        ----------
        query
            A place name.
        exactly_one
            Return the best Location (or None) rather than a list.
        limit
            At most this many Locations when ``exactly_one`` is false.
        country_codes
            ISO alpha-2 code(s) to restrict the search to.
        """
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        places = by_importance(self.gazetteer.candidates(str(query)))
        if country_codes:
            wanted = {c.upper() for c in country_codes}
            places = [p for p in places if p.country_code in wanted]
        if exactly_one:
            return place_location(places[0]) if places else None
        if limit is not None:
            places = places[:limit]
        return [place_location(p) for p in places] or None

    def reverse(
        self,
        query: Point | tuple[float, float] | str,
        *,
        exactly_one: bool = True,
        **_ignored: Any,
    ) -> Location | list[Location] | None:
        """The nearest populated place to a point, with the admin units it lies in.

        Returns None when no populated place lies within 50 km.
        """
        point = Point(query)
        places = self.gazetteer.nearest(point.latitude, point.longitude, max_km=50.0)
        if not places:
            return None
        if exactly_one:
            return place_location(places[0])
        return [place_location(p) for p in places]
