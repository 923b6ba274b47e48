"""The basemap: country, province and district outlines, split at the antimeridian, simplified.

Countries come from Natural Earth's own file (``countries-50m.topojson`` among the gazetteer's
sources), with Natural Earth's ``name`` field as their label ("Dem. Rep. Congo") and the
gazetteer's country name as their region key; provinces and districts from the gazetteer's
outlines.  Outlines that cross the antimeridian (Russia's Chukotka, Fiji) are cut there into parts
on either side, so no ring runs across the whole map (:func:`split_antimeridian`).

Each outline becomes a GeoJSON feature with ``name`` (the label), ``key`` (the region key part:
country, province or district name as incidents carry it), ``country`` and ``admin1`` (its
parents, for provinces and districts), ``label`` (``[lon, lat]`` inside it) and ``area``
(square degrees, the label's priority).
"""

from __future__ import annotations

import io
import lzma
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from mapper import _gazbuild
from mapper.filters import feature_props, features_of, fold

if TYPE_CHECKING:
    import geopandas

    from mapper.gazetteer import Gazetteer

Bounds = tuple[float, float, float, float]

_TOLERANCE = {"country": 0.05, "admin1": 0.02, "admin2": 0.02}
_DIGITS = 3
_NAME_COLUMNS = ("name", "NAME", "shapeName", "name_en")
_NATURAL_EARTH_COUNTRIES = "countries-50m.topojson.xz"


@dataclass(frozen=True, slots=True)
class Basemap:
    """Simplified outlines for the page, as GeoJSON dicts (see the module docstring).

    Attributes
    ----------
    countries
        Every country (land against the sea colour).
    admin1
        Provinces near the data, or None.
    admin2
        Districts near the data, or None.
    """

    countries: dict[str, Any]
    admin1: dict[str, Any] | None = None
    admin2: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        """The three layers as one JSON-ready dict."""
        return {"country": self.countries, "admin1": self.admin1, "admin2": self.admin2}


# --- the antimeridian ----------------------------------------------------------------------


def _unwrap(coords: Any) -> list[tuple[float, float]]:
    """A ring's points with longitudes made continuous (a jump of more than 180 degrees is a
    crossing of the antimeridian); a ring around a pole is closed along the pole."""
    out: list[tuple[float, float]] = []
    offset = 0.0
    prev = None
    for x, y, *_ in coords:
        if prev is not None:
            step = x - prev
            if step > 180:
                offset -= 360
            elif step < -180:
                offset += 360
        prev = x
        out.append((x + offset, y))
    if out and abs(out[-1][0] - out[0][0]) > 180:  # around a pole: close along it
        pole = 90.0 if sum(p[1] for p in out) > 0 else -90.0
        mid = (out[-1][0] + out[0][0]) / 2  # no edge longer than 180 degrees, even along a pole
        out += [(out[-1][0], pole), (mid, pole), (out[0][0], pole), out[0]]
    return out


def _crosses(geom: Any) -> bool:
    import numpy as np
    import shapely

    west, _, east, _ = geom.bounds
    if west < -180 or east > 180:
        return True
    if east - west <= 180:  # no step between two of its points can be longer
        return False
    for poly in getattr(geom, "geoms", [geom]):
        for ring in (poly.exterior, *poly.interiors):
            x = shapely.get_coordinates(ring)[:, 0]
            if len(x) > 1 and float(np.abs(np.diff(x)).max()) > 180:
                return True
    return False


def split_antimeridian(geom: Any) -> Any:
    """Cut a (multi)polygon whose rings cross the antimeridian into parts on either side.

    A ring that steps more than 180 degrees of longitude between two points crosses the
    antimeridian (Natural Earth's Russia, Fiji, Antarctica); its longitudes are made continuous,
    the polygon is rebuilt there and cut at -180 and 180, and the parts beyond are moved back
    by 360 degrees.  Other geometries are returned as they are.

    Parameters
    ----------
    geom
        A shapely Polygon or MultiPolygon in degrees (EPSG:4326).

    Returns
    -------
    shapely geometry
        A Polygon or MultiPolygon within longitudes -180..180 with no edge longer than 180
        degrees of longitude.
    """
    import shapely
    from shapely.affinity import translate
    from shapely.geometry import MultiPolygon, Polygon, box

    if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return geom
    if not _crosses(geom):
        return geom
    pieces: list[Any] = []
    for poly in getattr(geom, "geoms", [geom]):
        shell = _unwrap(poly.exterior.coords)
        centre = sum(p[0] for p in shell) / max(len(shell), 1)
        holes = []
        for ring in poly.interiors:
            hole = _unwrap(ring.coords)
            turns = round((centre - sum(p[0] for p in hole) / len(hole)) / 360)
            holes.append([(x + 360.0 * turns, y) for x, y in hole])
        rebuilt = shapely.make_valid(Polygon(shell, holes))
        for shift in (-360.0, 0.0, 360.0):
            part = rebuilt.intersection(box(-180 - shift, -90, 180 - shift, 90))
            if not part.is_empty:
                pieces.append(translate(part, xoff=shift))
    polygons = [
        p
        for piece in pieces
        for p in getattr(piece, "geoms", [piece])
        if p.geom_type == "Polygon" and not p.is_empty
    ]
    merged = shapely.unary_union(polygons)
    if merged.geom_type == "Polygon":
        return merged
    return MultiPolygon([p for p in getattr(merged, "geoms", []) if p.geom_type == "Polygon"])


# --- layers ------------------------------------------------------------------------------


def _name_column(frame: geopandas.GeoDataFrame, level: str) -> str | None:
    """The column labelling each outline: Natural Earth's ``name`` if present, else the level's."""
    for column in (*_NAME_COLUMNS, level):
        if column in frame.columns and frame[column].notna().any():
            return column
    return None


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, _DIGITS)
    if isinstance(obj, list | tuple):
        return [_round_coords(x) for x in obj]
    return obj


def _drop_islets(geoms: Any, min_area: float = 1.0) -> Any:
    """Drop the small parts of far-away multipolygons (they cost bytes and show as specks)."""
    import shapely

    out = []
    for geom in geoms:
        parts = list(getattr(geom, "geoms", [geom]))
        big = [p for p in parts if p.area >= min_area]
        out.append(shapely.MultiPolygon(big) if len(big) > 1 else big[0] if big else geom)
    return out


def _label_point(geom: Any) -> Any:
    """A point inside the largest part: Russia's label sits in Siberia, not on an island."""
    parts = list(getattr(geom, "geoms", [geom]))
    return max(parts, key=lambda p: p.area).representative_point()


def _text(value: Any) -> str:
    return "" if value is None or value != value else str(value)  # NaN != NaN


def _outline_layer(
    frame: geopandas.GeoDataFrame | None,
    level: str,
    bounds: Bounds | None,
    *,
    near: Bounds | None = None,
) -> dict[str, Any] | None:
    """Split, simplify and clip one level of outlines; outside ``near`` simplify much harder."""
    import shapely
    from shapely.geometry import box, mapping

    if frame is None or len(frame) == 0:
        return None
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    if bounds is not None:
        frame = frame[shapely.intersects(frame.geometry.values, box(*bounds))]
    geoms = [split_antimeridian(g) for g in frame.geometry.values]
    name_col = _name_column(frame, level)
    key_col = level if level in frame.columns else name_col
    tolerance = _TOLERANCE[level]
    if near is not None:
        close = shapely.intersects(geoms, box(*near))
        simple = shapely.simplify(geoms, tolerance, preserve_topology=True)
        coarse = shapely.simplify(_drop_islets(geoms), tolerance * 10, preserve_topology=True)
        simplified = [s if c else g for s, g, c in zip(simple, coarse, close, strict=True)]
    else:
        simplified = list(shapely.simplify(geoms, tolerance, preserve_topology=True))
    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    features = []
    for geom, simple, row in zip(geoms, simplified, records, strict=True):
        if simple is None or simple.is_empty:
            continue
        label = _label_point(geom)
        props = {
            "name": _text(row.get(name_col)) if name_col else "",
            "key": _text(row.get(key_col)) if key_col else "",
            "label": [round(label.x, 3), round(label.y, 3)],
            "area": round(float(geom.area), 3),
        }
        if level != "country":
            props["country"] = _text(row.get("country"))
        if level == "admin2":
            props["admin1"] = _text(row.get("admin1"))
        features.append(
            {"type": "Feature", "properties": props, "geometry": _round_coords(mapping(simple))}
        )
    return {"type": "FeatureCollection", "features": features}


def prepare_basemap(
    countries: geopandas.GeoDataFrame,
    admin1: geopandas.GeoDataFrame | None = None,
    admin2: geopandas.GeoDataFrame | None = None,
    *,
    bounds: Bounds | None = None,
    only_countries: Iterable[str] | None = None,
) -> Basemap:
    """Split, simplify and label outlines for the page: every country, provinces and districts
    near the data.

    Parameters
    ----------
    countries, admin1, admin2
        Outlines with a label column (``name``, else the level's own: ``country``, ``admin1``,
        ``admin2``) and the gazetteer's names of the level and its parents, any CRS.
    bounds
        ``(west, south, east, north)`` of the data, degrees; provinces are kept within 5 degrees
        of it and districts within 1 degree.  None keeps no provinces or districts.
    only_countries
        Country names or codes: provinces and districts of other countries are left out (when
        the outlines have a ``country`` or ``country_code`` column).

    Returns
    -------
    Basemap
        GeoJSON layers with ``name``, ``key``, ``label`` ``[lon, lat]`` and ``area`` properties.
    """

    def grow(margin: float) -> Bounds | None:
        if bounds is None:
            return None
        w, s, e, n = bounds
        return (w - margin, s - margin, e + margin, n + margin)

    keep = {fold(c) for c in only_countries} if only_countries is not None else None

    def within(frame: geopandas.GeoDataFrame | None) -> geopandas.GeoDataFrame | None:
        if frame is None or keep is None:
            return frame
        columns = [c for c in ("country", "country_code") if c in frame.columns]
        if not columns:
            return frame
        mask = [any(fold(str(v)) in keep for v in row) for row in frame[columns].itertuples(False)]
        return frame[mask]

    country_layer = _outline_layer(countries, "country", None, near=grow(10.0)) or {
        "type": "FeatureCollection",
        "features": [],
    }
    return Basemap(
        countries=country_layer,
        admin1=_outline_layer(within(admin1), "admin1", grow(5.0)) if bounds else None,
        admin2=_outline_layer(within(admin2), "admin2", grow(1.0)) if bounds else None,
    )


@cache
def _natural_earth_frame() -> geopandas.GeoDataFrame | None:
    """Natural Earth's countries with their own ``name`` field, or None if the file is absent."""
    import pyogrio

    path = _gazbuild.sources_dir() / _NATURAL_EARTH_COUNTRIES
    try:
        data = lzma.decompress(path.read_bytes())
    except (OSError, lzma.LZMAError):
        return None
    frame = pyogrio.read_dataframe(io.BytesIO(data), layer="countries")
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    frame["geometry"] = [split_antimeridian(g) for g in frame.geometry.values]
    return frame


def country_outlines(gazetteer: Gazetteer) -> geopandas.GeoDataFrame:
    """Natural Earth's country outlines labelled by Natural Earth's ``name``, keyed by the
    gazetteer's country name and code (the country whose outline contains a point of it).

    Falls back to the gazetteer's own outlines when Natural Earth's file is not there.
    """
    import shapely

    gazetteer_frame = gazetteer.outlines("country")
    natural_earth = _natural_earth_frame()
    if natural_earth is None:
        return gazetteer_frame
    frame = natural_earth[["name", "geometry"]].copy()
    frame["country"] = frame["name"]
    frame["country_code"] = ""
    tree = shapely.STRtree(frame.geometry.values)
    records = gazetteer_frame.drop(columns=gazetteer_frame.geometry.name).to_dict("records")
    found: dict[int, tuple[str, str]] = {}
    for geom, row in zip(gazetteer_frame.geometry.values, records, strict=True):
        if geom is None or geom.is_empty or not _text(row.get("country")):
            continue
        hits = tree.query(_label_point(geom), predicate="intersects")
        if len(hits):
            found.setdefault(int(hits[0]), (_text(row["country"]), _text(row.get("country_code"))))
    for index, (country, code) in found.items():
        frame.iloc[index, frame.columns.get_loc("country")] = country
        frame.iloc[index, frame.columns.get_loc("country_code")] = code
    return frame


def basemap_from_gazetteer(
    gazetteer: Gazetteer, bounds: Bounds | None, only_countries: Iterable[str] | None = None
) -> Basemap:
    """Build the basemap: Natural Earth's countries, the gazetteer's provinces and districts."""
    return prepare_basemap(
        country_outlines(gazetteer),
        gazetteer.outlines("admin1"),
        gazetteer.outlines("admin2"),
        bounds=bounds,
        only_countries=only_countries,
    )


def outline_names(gazetteer: Gazetteer) -> list[str]:
    """Names of every country, province and district outline in the gazetteer."""
    names: list[str] = []
    levels: tuple[Literal["country", "admin1", "admin2"], ...] = ("country", "admin1", "admin2")
    for level in levels:
        frame = gazetteer.outlines(level)
        if level in frame.columns:
            names += [str(n) for n in frame[level].dropna().unique() if n]
    return names


def data_countries(collection: Mapping[str, Any]) -> set[str]:
    """Names and codes of the countries of every incident and claimed place."""
    names: set[str] = set()
    for feature in features_of(collection, "incident"):
        props = feature_props(feature)
        names.update(str(props[k]) for k in ("country", "country_code") if props.get(k))
    for feature in features_of(collection, "claim"):
        places = feature_props(feature).get("places")
        for place in places if isinstance(places, list) else []:
            if isinstance(place, Mapping) and place.get("country"):
                names.add(str(place["country"]))
    return names
