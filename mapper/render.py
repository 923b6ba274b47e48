"""The map: one self-contained, offline HTML page of incidents and claims, with filters.

The page is built from a GeoJSON FeatureCollection in the schema of ``docs/CONTRACTS.md``.  This
module prepares what goes on it: the basemap from the gazetteer's outlines, simplified hard, and
the data, packed in columns (:func:`page_data`) and escaped for a ``<script
type="application/json">`` (:func:`script_json`).  The page itself is a folium map with one
element per layer or control (:mod:`mapper._page`); its script (``mapper/map/app.js``) draws the
incidents on a canvas, the claims as links, and keeps the filter panel, the list, the URL hash
and the downloads in step.  Leaflet is inlined from ``xstatic-leaflet`` (see
:mod:`mapper._assets`): the page loads nothing from elsewhere.

The filters of ``mapper build`` (:mod:`mapper.filters`; :func:`resolve_filters` and
:func:`select` are re-exported here) use the same rules as the page's panel, so a map built with
``--group ISKP`` shows what the full map shows after ticking ISKP.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from mapper._assets import check_offline, load_assets
from mapper.errors import RenderError

# the filters' names the contract gives under mapper.render, re-exported
from mapper.filters import CLAIM_TYPE_PREFIX as CLAIM_TYPE_PREFIX
from mapper.filters import REGION_SEP as REGION_SEP
from mapper.filters import UNATTRIBUTED as UNATTRIBUTED
from mapper.filters import Filters as Filters
from mapper.filters import feature_props as _props
from mapper.filters import features_of as _features
from mapper.filters import fold as fold
from mapper.filters import resolve_filters as resolve_filters
from mapper.filters import select as select

if TYPE_CHECKING:
    import geopandas

    from mapper.gazetteer import Gazetteer

Tiles = Literal["none", "osm"]
Bounds = tuple[float, float, float, float]

#: The optional online tiles (``tiles="osm"``): a layer that is off until ticked.
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#: The map's deepest zoom.
MAX_ZOOM = 14
#: Map attribution: the basemap and the gazetteer the places come from.
ATTRIBUTION = (
    "Boundaries: Natural Earth (public domain), geoBoundaries; "
    "places: GeoNames (CC BY 4.0, geonames.org)"
)

_COORD_DIGITS = 4  # about 10 m: finer than any gazetteer point
_BASEMAP_TOLERANCE = {"country": 0.05, "admin1": 0.02, "admin2": 0.02}
_BASEMAP_DIGITS = 3
_NAME_COLUMNS = ("name", "NAME", "shapeName", "name_en")


# --- basemap -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Basemap:
    """Simplified outlines for the page, as GeoJSON dicts with a ``name`` and a label point.

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


def _name_column(frame: geopandas.GeoDataFrame, level: str) -> str | None:
    """The column naming each outline: the level's own column (the gazetteer's), else a name."""
    for column in (level, *_NAME_COLUMNS):
        if column in frame.columns and frame[column].notna().any():
            return column
    return None


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, _BASEMAP_DIGITS)
    if isinstance(obj, list | tuple):
        return [_round_coords(x) for x in obj]
    return obj


def _outline_layer(
    frame: geopandas.GeoDataFrame | None,
    level: str,
    bounds: Bounds | None,
    *,
    near: Bounds | None = None,
) -> dict[str, Any] | None:
    """Simplify and clip one level of outlines; outside ``near`` simplify much harder."""
    import shapely
    from shapely.geometry import box, mapping

    if frame is None or len(frame) == 0:
        return None
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    if bounds is not None:
        frame = frame[frame.geometry.intersects(box(*bounds))]
    name_col = _name_column(frame, level)
    geoms = frame.geometry.values
    tolerance = _BASEMAP_TOLERANCE[level]
    if near is not None:
        close = geoms.intersects(box(*near))
        simple = shapely.simplify(geoms, tolerance, preserve_topology=True)
        coarse = shapely.simplify(_drop_islets(geoms), tolerance * 10, preserve_topology=True)
        simplified = [s if c else g for s, g, c in zip(simple, coarse, close, strict=True)]
    else:
        simplified = list(shapely.simplify(geoms, tolerance, preserve_topology=True))
    labels = shapely.point_on_surface(geoms)
    features = []
    for i, geom in enumerate(simplified):
        if geom is None or geom.is_empty:
            continue
        label = labels[i]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": str(frame.iloc[i][name_col]) if name_col else "",
                    "label": [round(label.x, 3), round(label.y, 3)],
                    "area": round(float(geoms[i].area), 3),
                },
                "geometry": _round_coords(mapping(geom)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _drop_islets(geoms: Any, min_area: float = 1.0) -> Any:
    """Drop the small parts of far-away multipolygons (they cost bytes and show as specks)."""
    import shapely

    out = []
    for geom in geoms:
        parts = list(getattr(geom, "geoms", [geom]))
        big = [p for p in parts if p.area >= min_area]
        out.append(shapely.MultiPolygon(big) if len(big) > 1 else big[0] if big else geom)
    return out


def prepare_basemap(
    countries: geopandas.GeoDataFrame,
    admin1: geopandas.GeoDataFrame | None = None,
    admin2: geopandas.GeoDataFrame | None = None,
    *,
    bounds: Bounds | None = None,
    only_countries: Iterable[str] | None = None,
) -> Basemap:
    """Simplify outlines for the page: every country, and provinces and districts near the data.

    Parameters
    ----------
    countries, admin1, admin2
        Outlines with a name column (the level's own, as the gazetteer's ``country``, ``admin1``,
        ``admin2``, else ``name`` ...), any CRS.
    bounds
        ``(west, south, east, north)`` of the data; provinces are kept within 5 degrees of it and
        districts within 1 degree.  None keeps no provinces or districts.
    only_countries
        Country names or codes: provinces and districts of other countries are left out (when
        the outlines have a ``country`` or ``country_code`` column).

    Returns
    -------
    Basemap
        GeoJSON layers with ``name``, ``label`` ``[lon, lat]`` and ``area`` properties.
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


def basemap_from_gazetteer(
    gazetteer: Gazetteer, bounds: Bounds | None, only_countries: Iterable[str] | None = None
) -> Basemap:
    """Build the basemap from the gazetteer's country, admin-1 and admin-2 outlines."""
    return prepare_basemap(
        gazetteer.outlines("country"),
        gazetteer.outlines("admin1"),
        gazetteer.outlines("admin2"),
        bounds=bounds,
        only_countries=only_countries,
    )


def data_countries(collection: Mapping[str, Any]) -> set[str]:
    """Names and codes of the countries of every incident and claimed place."""
    names: set[str] = set()
    for feature in _features(collection, "incident"):
        props = _props(feature)
        names.update(str(props[k]) for k in ("country", "country_code") if props.get(k))
    for feature in _features(collection, "claim"):
        for place in _props(feature).get("places") or []:
            if isinstance(place, Mapping) and place.get("country"):
                names.add(str(place["country"]))
    return names


def data_bounds(collection: Mapping[str, Any]) -> Bounds | None:
    """``(west, south, east, north)`` of every incident and claimed place, or None."""
    lons: list[float] = []
    lats: list[float] = []
    for lon, lat in _points(collection):
        lons.append(lon)
        lats.append(lat)
    if not lons:
        return None
    return (min(lons), min(lats), max(lons), max(lats))


def _points(collection: Mapping[str, Any]) -> Iterator[tuple[float, float]]:
    for feature in collection.get("features") or []:
        geom = feature.get("geometry") if isinstance(feature, Mapping) else None
        if not isinstance(geom, Mapping):
            continue
        coords = geom.get("coordinates")
        if geom.get("type") == "Point" and isinstance(coords, list) and len(coords) >= 2:
            yield float(coords[0]), float(coords[1])
        elif geom.get("type") == "MultiPoint" and isinstance(coords, list):
            for c in coords:
                if isinstance(c, list) and len(c) >= 2:
                    yield float(c[0]), float(c[1])


# --- page data -----------------------------------------------------------------


#: Codes of low-cardinality columns, one character per row (no quote, backslash, <, > or &).
CODE_ALPHABET = (
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%()*+,-./:;=?@[]^_`{|}~"
)


def _value_key(value: Any) -> Any:
    """A hashable key telling apart 1, 1.0, True and "1"; lists and dicts by their JSON."""
    kind = type(value)
    if kind is str or value is None:
        return value
    if kind is list and all(type(x) is str for x in value):
        return (list, *value)
    if kind is list or kind is dict or isinstance(value, list | dict):
        return (dict, json.dumps(value, sort_keys=True))
    return (kind, value)


class _Dictionary:
    """Distinct values of a column in first-seen order, and each row's code."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.codes: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        key = _value_key(value)
        code = self.codes.get(key)
        if code is None:
            code = self.codes[key] = len(self.values)
            self.values.append(value)
        return code


def _pack_sources(values: list[Any]) -> dict[str, Any]:
    """Sources as ``[document, sentence, start, end, title, date]`` with strings as codes.

    Title and date are left off when they are those of the previous source of the same document,
    which they nearly always are.
    """
    distinct: list[Any] = []
    index: dict[Any, int] = {}

    def code(value: Any) -> int:
        key = value if value is None or type(value) is str else (type(value), value)
        found = index.get(key)
        if found is None:
            found = index[key] = len(distinct)
            distinct.append(value)
        return found

    last: dict[Any, tuple[Any, Any]] = {}
    rows = []
    for sources in values:
        row = []
        for src in sources or ():
            if type(src) is not dict and not isinstance(src, Mapping):
                continue
            doc, title, day = src.get("document"), src.get("title"), src.get("date")
            item = [code(doc), code(src.get("sentence")), src.get("start"), src.get("end")]
            if last.get(doc) != (title, day):
                item += [code(title), code(day)]
                last[doc] = (title, day)
            row.append(item)
        rows.append(row)
    return {"src": rows, "d": distinct}


def _codes(values: list[Any]) -> tuple[list[Any], list[int]]:
    """Distinct values in first-seen order and each row's index into them."""
    kinds = set(map(type, values)) - {type(None)}
    if kinds <= {str} or kinds <= {int, float} or kinds == {bool}:
        distinct = list(dict.fromkeys(values))
        index = {v: i for i, v in enumerate(distinct)}
        return distinct, list(map(index.__getitem__, values))
    dictionary = _Dictionary()
    return dictionary.values, [dictionary(v) for v in values]


def _pack_column(key: str, values: list[Any]) -> dict[str, Any]:
    """Encode one property column: a constant, dictionary codes, or the values themselves."""
    if key == "sources":
        return _pack_sources(values)
    distinct, codes = _codes(values)
    if len(distinct) == 1:
        return {"c": distinct[0]}
    if len(distinct) <= len(CODE_ALPHABET):
        return {"d": distinct, "k": "".join(map(CODE_ALPHABET.__getitem__, codes))}
    base = len(CODE_ALPHABET)
    if len(distinct) <= base * base and len(distinct) <= len(values) // 2:
        pairs = [CODE_ALPHABET[c // base] + CODE_ALPHABET[c % base] for c in codes]
        return {"d": distinct, "k2": "".join(pairs)}
    if len(distinct) <= len(values) // 2:
        return {"d": distinct, "i": codes}
    if all(isinstance(v, str) for v in values):
        prefix = _common_prefix(min(values), max(values))
        if prefix:
            return {"p": prefix, "v": [v[len(prefix) :] for v in values]}
    return {"v": values}


def _common_prefix(first: str, last: str) -> str:
    """The common prefix of two strings (of a sorted list, given its first and last)."""
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def _transpose(props: list[Mapping[str, Any]], keys: list[str]) -> list[list[Any]]:
    """Rows of properties as one list of values per key (None where a row lacks the key)."""
    if not props or not keys:
        return [[] for _ in keys]
    try:
        get = operator.itemgetter(*keys)
        rows = [get(p) for p in props]
    except KeyError:
        return [[p.get(k) for p in props] for k in keys]
    if len(keys) == 1:
        return [list(rows)]
    return [list(column) for column in zip(*rows, strict=True)]


def _pack_columns(props: list[Mapping[str, Any]]) -> dict[str, Any]:
    keys: dict[str, None] = dict.fromkeys(props[0]) if props else {}
    first = props[0].keys() if props else {}.keys()
    for p in props:
        if p.keys() != first:
            keys.update(dict.fromkeys(p))
    columns: dict[str, Any] = {}
    seen: list[tuple[str, list[Any]]] = []
    for key, values in zip(keys, _transpose(props, list(keys)), strict=True):
        same = next((k for k, v in seen if v == values), None) if key != "sources" else None
        if same is not None:
            columns[key] = {"same": same}
            continue
        columns[key] = _pack_column(key, values)
        seen.append((key, values))
    return columns


def _pack(features: list[Mapping[str, Any]], *, points: bool) -> dict[str, Any]:
    columns = _pack_columns([_props(f) for f in features])
    table: dict[str, Any] = {"n": len(features), "cols": columns}
    if points:
        lon: list[float | None] = []
        lat: list[float | None] = []
        for f in features:
            geom = f.get("geometry")
            coords = (
                geom.get("coordinates") if type(geom) is dict or isinstance(geom, Mapping) else None
            )
            if coords and geom and geom.get("type") == "Point" and len(coords) >= 2:
                lon.append(round(float(coords[0]), _COORD_DIGITS))
                lat.append(round(float(coords[1]), _COORD_DIGITS))
            else:
                lon.append(None)
                lat.append(None)
        table["lon"], table["lat"] = lon, lat
    else:
        table["geom"] = [f.get("geometry") for f in features]
    return table


def _event_types(incidents: list[Mapping[str, Any]]) -> list[str]:
    from mapper.model import EVENT_TYPES

    types = list(EVENT_TYPES)
    for f in incidents:
        event_type = _props(f).get("event_type")
        if event_type and str(event_type) not in types:
            types.append(str(event_type))
    return types


def page_data(
    collection: Mapping[str, Any],
    *,
    title: str,
    tiles: Tiles = "none",
    basemap: Basemap | None = None,
    filters: Filters | None = None,
) -> dict[str, Any]:
    """The JSON the page's script reads: column tables, basemap and settings.

    Each property becomes a column: ``{"c": value}`` when every row has the same value,
    ``{"d": distinct values, "k": one CODE_ALPHABET character per row}`` for few distinct values,
    ``"k2"`` with two characters per row (base 88) for up to 7,744, ``{"d": ..., "i": [codes]}``
    for more repeated ones, ``{"same": other column}`` for a copy, ``{"p": prefix, "v": [rest]}``
    or ``{"v": [values]}`` for unique ones; ``sources`` is
    ``{"src": [[[document, title, date, sentence, start, end], ...] per row], "d": strings}`` with
    the strings as codes into ``d``.  Points are ``lon``/``lat`` columns.
    """
    incidents = _features(collection, "incident")
    claims = _features(collection, "claim")
    data = {
        "version": 1,
        "title": title,
        "tiles": tiles,
        "attribution": ATTRIBUTION,
        "built_with": filters
        and {
            "regions": list(filters.regions),
            "groups": list(filters.groups),
            "types": list(filters.types),
            "since": filters.since,
            "until": filters.until,
        },
        "event_types": _event_types(incidents),
        "actors": list(collection.get("actors") or []),
        "documents": list(collection.get("documents") or []),
        "unresolved": list(collection.get("unresolved") or []),
        "code_alphabet": CODE_ALPHABET,
        "incidents": _pack(incidents, points=True),
        "claims": _pack(claims, points=False),
        "basemap": basemap.as_json() if basemap else None,
    }
    return data


def script_json(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element: ``<``, ``>`` and ``&`` are escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def render_map(
    collection: Mapping[str, Any],
    *,
    title: str = "Incidents and claims",
    tiles: Tiles = "none",
    basemap: Basemap | None = None,
    filters: Filters | None = None,
) -> str:
    """Render one self-contained HTML page of the collection's incidents and claims.

    Parameters
    ----------
    collection
        A FeatureCollection in the contract's schema (``mapper.export.to_geojson``).
    title
        Shown in the page's title and heading (escaped).
    tiles
        ``"osm"`` adds OpenStreetMap tiles as an optional layer, off by default; ``"none"`` not.
    basemap
        Outlines from :func:`prepare_basemap`; None draws the data on the sea colour alone.
    filters
        The filters the collection was selected with, shown on the page (:func:`select` applies
        them).

    Returns
    -------
    str
        The page; it references nothing outside itself.

    Raises
    ------
    RenderError
        If an asset is missing, ``tiles`` is unknown, or the page would not be self-contained.
    """
    if tiles not in ("none", "osm"):
        msg = f"unknown tiles {tiles!r}: use 'none' or 'osm'"
        raise RenderError(msg)
    from mapper import _page  # folium takes a second to import: only when a page is made

    assets = load_assets()
    data = page_data(collection, title=title, tiles=tiles, basemap=basemap, filters=filters)
    data["leaflet_icons"] = assets.icons
    page = _page.assemble(
        title=title,
        data_json=script_json(data),
        assets=assets,
        max_zoom=MAX_ZOOM,
        online_tiles=OSM_TILES if tiles == "osm" else None,
    )
    html = page.render()
    check_offline(html)
    return html


# --- building from files -----------------------------------------------------------

GEOJSON_SUFFIXES = (".geojson", ".json")


def load_collection(path: str) -> dict[str, Any]:
    """Read a FeatureCollection written by ``mapper extract -o`` (or by the page's download).

    Raises
    ------
    RenderError
        If the file is not JSON or not a FeatureCollection.
    """
    from pathlib import Path

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"cannot read {path}: not a GeoJSON file ({exc})"
        raise RenderError(msg) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        msg = f"cannot read {path}: not a GeoJSON FeatureCollection"
        raise RenderError(msg)
    if not isinstance(data.get("features"), list):
        msg = f"cannot read {path}: its FeatureCollection has no 'features' list"
        raise RenderError(msg)
    return data


def merge_collections(collections: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Join FeatureCollections: features in order, actors and documents once per id."""
    out: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": [],
        "actors": [],
        "documents": [],
        "unresolved": [],
    }
    seen: dict[str, set[str]] = {"actors": set(), "documents": set()}
    for collection in collections:
        out["features"] += list(collection.get("features") or [])
        out["unresolved"] += list(collection.get("unresolved") or [])
        for member in ("actors", "documents"):
            for item in collection.get(member) or []:
                key = str(item.get("id")) if isinstance(item, Mapping) else ""
                if key not in seen[member]:
                    seen[member].add(key)
                    out[member].append(item)
    return out


def outline_names(gazetteer: Gazetteer) -> list[str]:
    """Names of every country, province and district outline in the gazetteer."""
    names: list[str] = []
    levels: tuple[Literal["country", "admin1", "admin2"], ...] = ("country", "admin1", "admin2")
    for level in levels:
        frame = gazetteer.outlines(level)
        column = _name_column(frame, level)
        if column is not None:
            names += [str(n) for n in frame[column].dropna().unique()]
    return names


@dataclass(frozen=True, slots=True)
class Built:
    """A built page and what is on it.

    Attributes
    ----------
    html
        The page.
    collection
        The FeatureCollection the page shows (after the filters).
    incidents, claims
        How many of each the page shows.
    """

    html: str
    collection: dict[str, Any]
    incidents: int
    claims: int


def _load_gazetteer_or_none(needed: bool, on_warning: Callable[[str], None]) -> Gazetteer | None:
    try:
        from mapper.gazetteer import load_gazetteer
    except ImportError as exc:
        if needed:
            msg = f"cannot build the map from documents: the gazetteer is not available ({exc})"
            raise RenderError(msg) from None
        on_warning(f"no gazetteer ({exc}): the map has no country or province outlines")
        return None
    return load_gazetteer()


def _extract_collection(
    paths: Sequence[str], gazetteer: Gazetteer, on_warning: Callable[[str], None]
) -> dict[str, Any]:
    try:
        from mapper.documents import load_documents
        from mapper.export import to_geojson
        from mapper.extract import extract
    except ImportError as exc:
        msg = f"cannot build the map from documents: extraction is not available ({exc})"
        raise RenderError(msg) from None
    documents = load_documents(paths, on_warning=on_warning)
    return dict(to_geojson(extract(documents, gazetteer)))


def build_page(
    paths: Sequence[str],
    *,
    regions: Sequence[str] = (),
    groups: Sequence[str] = (),
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    title: str = "Incidents and claims",
    tiles: Tiles = "none",
    on_warning: Callable[[str], None] = lambda _: None,
) -> Built:
    """Read documents (or GeoJSON written by ``mapper extract``), extract, filter and render.

    Parameters
    ----------
    paths
        Files or folders of documents; ``.geojson``/``.json`` files are read as collections.
    regions, groups, types, since, until
        Filters by name, as :func:`resolve_filters` takes them.
    title, tiles
        As :func:`render_map` takes them.
    on_warning
        Called with one line for each document that cannot be read.

    Raises
    ------
    RenderError
        For an unknown filter name, an unreadable collection, or a missing asset.
    """
    from pathlib import Path

    geo = [p for p in paths if p.lower().endswith(GEOJSON_SUFFIXES) and Path(p).is_file()]
    docs = [p for p in paths if p not in geo]
    collections = [load_collection(p) for p in geo]
    gazetteer = _load_gazetteer_or_none(bool(docs), on_warning)
    if docs and gazetteer is not None:
        collections.append(_extract_collection(docs, gazetteer, on_warning))
    collection = merge_collections(collections)
    filters = resolve_filters(
        collection,
        regions=regions,
        groups=groups,
        types=types,
        since=since,
        until=until,
        known_regions=outline_names(gazetteer) if gazetteer is not None and regions else (),
    )
    selected = select(collection, filters)
    basemap = None
    if gazetteer is not None:
        basemap = basemap_from_gazetteer(
            gazetteer, data_bounds(collection), only_countries=data_countries(collection)
        )
    html = render_map(selected, title=title, tiles=tiles, basemap=basemap, filters=filters)
    return Built(
        html=html,
        collection=selected,
        incidents=len(_features(selected, "incident")),
        claims=len(_features(selected, "claim")),
    )
