"""Geometry on the sphere, at the bottom of the package: distances and bounds.

Every distance in mapper is a great-circle (haversine) distance on a sphere of radius
:data:`EARTH_RADIUS_KM`, as in the EUPEG evaluation of geoparsers (Wang & Hu 2019) and the GeoNames
documentation; every point is (latitude, longitude) in decimal degrees (WGS 84).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mapper.model import Place

#: Mean Earth radius (km), the value EUPEG and most geoparsing papers use.
EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points.

    Parameters
    ----------
    lat1, lon1, lat2, lon2
        Latitudes and longitudes in decimal degrees.

    Returns
    -------
    float
        The distance in kilometres.
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounds(points: Iterable[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """The bounding box ``(south, west, north, east)`` of (lat, lon) points, in degrees; None
    when there are none."""
    lats: list[float] = []
    lons: list[float] = []
    for lat, lon in points:
        lats.append(lat)
        lons.append(lon)
    if not lats:
        return None
    return min(lats), min(lons), max(lats), max(lons)


def valid_point(lat: float, lon: float) -> bool:
    """Whether (lat, lon) is a finite point on the globe (|lat| <= 90, |lon| <= 180)."""
    return math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180


def contains(outer: Place, inner: Place, *, region_km: float | None) -> bool:
    """Whether ``inner`` lies in ``outer`` by the gazetteer's codes.

    A country holds every place of its code but another country; a first-level unit (ADM1)
    the places of its admin-1 code but other first-level units; a second-level unit (ADM2)
    those of its admin-2 code below it. A region, valley or area (RGN, VAL, AREA), which has no
    codes of its own, holds what lies within ``region_km`` of its point (never when None).
    A place does not contain itself.
    """
    if outer.id == inner.id or not outer.country_code or outer.country_code != inner.country_code:
        return False
    code = outer.feature_code
    if code.startswith("PCL") or code == "TERR":
        return not inner.feature_code.startswith("PCL")
    if code in ("ADM1", "ADM1H"):
        return (
            bool(outer.admin1_code)
            and outer.admin1_code == inner.admin1_code
            and inner.feature_code not in ("ADM1", "ADM1H")
        )
    if code in ("ADM2", "ADM2H"):
        return (
            bool(outer.admin2_code)
            and outer.admin2_code == inner.admin2_code
            and inner.feature_code not in ("ADM1", "ADM1H", "ADM2", "ADM2H")
        )
    if code in ("RGN", "VAL", "AREA") and region_km is not None:
        return haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= region_km
    return False
