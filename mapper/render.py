"""The map: one self-contained, offline HTML page of incidents and claims, with filters.

The page is built from a GeoJSON FeatureCollection in the schema of ``docs/CONTRACTS.md``.  This
module prepares what goes on it: the basemap (:mod:`mapper._basemap`: Natural Earth's countries
and the gazetteer's provinces and districts, split at the antimeridian and simplified hard), the
data packed in columns (:func:`page_data`, formats in :mod:`mapper._pagedata`) with one stable
colour per actor (:mod:`mapper._colours`), escaped for a ``<script type="application/json">``
(:func:`script_json`).  The page itself is a folium map with one element per layer or control
(:mod:`mapper._page`); its script (``mapper/map/js/*.js``, joined in order) draws the incidents
and claim badges on a canvas, and keeps the filter panel, the timeline, the list, the URL hash and
the downloads in step.  Leaflet is inlined from ``xstatic-leaflet`` (:mod:`mapper._assets`): the
page loads nothing from elsewhere.

The filters of ``mapper build`` (:mod:`mapper.filters`; :func:`resolve_filters` and
:func:`select` are re-exported here) use the same rules as the page's panel, so a map built with
``--group ISKP`` shows what the full map shows after ticking ISKP.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from mapper import _page
from mapper._assets import check_offline, load_assets
from mapper._basemap import Basemap as Basemap
from mapper._basemap import basemap_from_gazetteer as basemap_from_gazetteer
from mapper._basemap import data_countries as data_countries
from mapper._basemap import outline_names as outline_names
from mapper._basemap import prepare_basemap as prepare_basemap
from mapper._basemap import split_antimeridian as split_antimeridian
from mapper._collection import load_collection as load_collection
from mapper._collection import merge_collections as merge_collections
from mapper._collection import validate_collection as validate_collection
from mapper._colours import actor_colours, unattributed_colour
from mapper._pagedata import CODE_ALPHABET as CODE_ALPHABET
from mapper._pagedata import Strings, pack_table, point_of
from mapper.errors import MapperError, RenderError
from mapper.export import to_geojson

# the filters' names the contract gives under mapper.render, re-exported
from mapper.filters import CLAIM_TYPE_PREFIX as CLAIM_TYPE_PREFIX
from mapper.filters import REGION_SEP as REGION_SEP
from mapper.filters import UNATTRIBUTED as UNATTRIBUTED
from mapper.filters import Filters as Filters
from mapper.filters import PlaceRegion
from mapper.filters import feature_props as _props
from mapper.filters import features_of as _features
from mapper.filters import fold as fold
from mapper.filters import resolve_filters as resolve_filters
from mapper.filters import select as select
from mapper.model import CLAIM_TYPES, EVENT_TYPES, Extraction

if TYPE_CHECKING:
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


def data_bounds(collection: Mapping[str, Any]) -> Bounds | None:
    """``(west, south, east, north)`` of every incident and claimed place, degrees, or None."""
    lons: list[float] = []
    lats: list[float] = []
    for lon, lat in _points(collection):
        lons.append(lon)
        lats.append(lat)
    if not lons:
        return None
    return (min(lons), min(lats), max(lons), max(lats))


def _points(collection: Mapping[str, Any]) -> Iterator[tuple[float, float]]:
    """Every valid point of the collection's geometries (others are left out)."""
    for feature in collection.get("features") or []:
        if type(feature) is not dict and not isinstance(feature, Mapping):
            continue
        geom = feature.get("geometry")
        if type(geom) is not dict and not isinstance(geom, Mapping):
            continue
        kind, coords = geom.get("type"), geom.get("coordinates")
        if kind == "Point":
            point = point_of(coords)
            if point is not None:
                yield point
        elif kind == "MultiPoint" and isinstance(coords, list):
            for position in coords:
                point = point_of(position)
                if point is not None:
                    yield point


# --- page data -----------------------------------------------------------------


def _present_types(
    table: Mapping[str, Any],
    features: list[Mapping[str, Any]],
    key: str,
    known: Sequence[str],
) -> list[str]:
    """The vocabulary's values in its order, then others in the data, in first-seen order."""
    cols = table["cols"]
    column = cols.get(key) or {"c": None}
    while "same" in column:
        column = cols[column["same"]]
    if "c" in column or "d" in column:
        values = [column["c"]] if "c" in column else column["d"]
    else:  # unique values, rarely types: the features themselves
        values = [_props(f).get(key) for f in features]
    found = dict.fromkeys(str(v) for v in values if v)
    return [t for t in known if t in found] + [t for t in found if t not in known]


def _actor_ids(incidents: list[Mapping[str, Any]], claims: list[Mapping[str, Any]]) -> set[str]:
    ids = {str(p["perpetrator"]) for p in incidents if p.get("perpetrator")}
    for props in claims:
        also = props.get("also_about")
        for actor in [props.get("claimant"), props.get("about"), *(also or [])]:
            if actor:
                ids.add(str(actor))
    return ids


def _split(collection: Mapping[str, Any]) -> dict[str, tuple[list[Any], list[Any]]]:
    """Incident and claim features, with their properties, in one pass."""
    out: dict[str, tuple[list[Any], list[Any]]] = {"incident": ([], []), "claim": ([], [])}
    for feature in collection.get("features") or []:
        if type(feature) is not dict and not isinstance(feature, Mapping):
            continue
        props = _props(feature)
        found = out.get(props.get("kind"))  # type: ignore[arg-type]
        if found is not None:
            found[0].append(feature)
            found[1].append(props)
    return out


def page_data(
    collection: Mapping[str, Any],
    *,
    title: str,
    tiles: Tiles = "none",
    basemap: Basemap | None = None,
    filters: Filters | None = None,
) -> dict[str, Any]:
    """The JSON the page's script reads: column tables, colours, basemap and settings.

    The tables' formats are in :mod:`mapper._pagedata`; ``colours`` gives every actor's colour
    (:func:`mapper._colours.actor_colours`), the same in every map.

    Raises
    ------
    RenderError
        Naming a feature whose coordinates are out of range.
    """
    if not isinstance(collection.get("features"), list):
        msg = "cannot build the map: the collection has no 'features' list"
        raise RenderError(msg)
    split = _split(collection)
    incidents, incident_props = split["incident"]
    claims, claim_props = split["claim"]
    actors = [a for a in collection.get("actors") or [] if isinstance(a, Mapping)]
    strings = Strings()
    incident_table = pack_table(incidents, strings, points=True, props=incident_props)
    claim_table = pack_table(claims, strings, points=False, props=claim_props)
    return {
        "version": 2,
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
            "keep_undated": filters.keep_undated,
        },
        "event_types": _present_types(incident_table, incidents, "event_type", list(EVENT_TYPES)),
        "claim_types": _present_types(claim_table, claims, "claim_type", list(CLAIM_TYPES)),
        "actors": actors,
        "colours": actor_colours(actors, _actor_ids(incident_props, claim_props)),
        "unattributed_colour": unattributed_colour(),
        "documents": list(collection.get("documents") or []),
        "unresolved": list(collection.get("unresolved") or []),
        "code_alphabet": CODE_ALPHABET,
        "strings": strings.values,
        "incidents": incident_table,
        "claims": claim_table,
        "basemap": basemap.as_json() if basemap else None,
    }


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
        If an asset is missing, ``tiles`` is unknown, a point is out of range, or the page would
        not be self-contained.
    """
    if tiles not in ("none", "osm"):
        msg = f"unknown tiles {tiles!r}: use 'none' or 'osm'"
        raise RenderError(msg)
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


# --- building a page ----------------------------------------------------------------------

GEOJSON_SUFFIXES = (".geojson", ".json")


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


def place_region_finder(gazetteer: Gazetteer) -> Callable[[str], PlaceRegion | None]:
    """Find the admin area of a place by name: the gazetteer's best candidate's district (when
    the gazetteer gives one), else its province, else its country."""

    def find(name: str) -> PlaceRegion | None:
        try:
            places = gazetteer.candidates(name)
        except MapperError:
            return None
        if not places or not places[0].country:
            return None
        place = places[0]
        if place.feature_class == "A":  # an admin area itself, under another name
            code = place.feature_code
            admin2 = place.admin2 if code.startswith("ADM2") else ""
            admin1 = place.admin1 if code.startswith(("ADM1", "ADM2")) else ""
            return PlaceRegion(place.name, "admin area", place.country, admin1, admin2)
        kind = "town" if place.feature_class == "P" else "place"
        return PlaceRegion(place.name, kind, place.country, place.admin1, place.admin2)

    return find


def _filtered_page(
    collection: dict[str, Any],
    gazetteer: Gazetteer | None,
    names: Mapping[str, Any],
    on_note: Callable[[str], None],
) -> Built:
    """Resolve the names typed, select, and render the page with its basemap."""
    regions = names["regions"]
    filters = resolve_filters(
        collection,
        regions=regions,
        groups=names["groups"],
        types=names["types"],
        since=names["since"],
        until=names["until"],
        keep_undated=names["keep_undated"],
        known_regions=outline_names(gazetteer) if gazetteer is not None and regions else (),
        place_region=place_region_finder(gazetteer) if gazetteer is not None else lambda _: None,
        on_note=on_note,
    )
    selected = select(collection, filters)
    basemap = None
    if gazetteer is not None:
        basemap = basemap_from_gazetteer(
            gazetteer, data_bounds(collection), only_countries=data_countries(collection)
        )
    html = render_map(
        selected, title=names["title"], tiles=names["tiles"], basemap=basemap, filters=filters
    )
    return Built(
        html=html,
        collection=selected,
        incidents=len(_features(selected, "incident")),
        claims=len(_features(selected, "claim")),
    )


def build_page(
    sources: Sequence[Extraction | Mapping[str, Any]],
    *,
    gazetteer: Gazetteer | None = None,
    regions: Sequence[str] = (),
    groups: Sequence[str] = (),
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    keep_undated: bool = False,
    title: str = "Incidents and claims",
    tiles: Tiles = "none",
    on_note: Callable[[str], None] = lambda _: None,
) -> Built:
    """Filter and render extractions and GeoJSON collections as one page.

    Parameters
    ----------
    sources
        What :func:`mapper.pipeline.run` gives, or collections in the contract's schema (as
        ``mapper extract`` writes and :func:`load_collection` reads); merged in order.
    gazetteer
        For the basemap's outlines and for reading a region named by a town; None draws no
        outlines and reads region names only as the data's own.
    regions, groups, types, since, until, keep_undated
        Filters by name, as :func:`resolve_filters` takes them.
    title, tiles
        As :func:`render_map` takes them.
    on_note
        Called with one line when a region name was read as the admin area around a place.

    Raises
    ------
    RenderError
        For an unknown filter name, a malformed collection, a missing asset, or no sources.
    """
    if not sources:
        msg = "nothing to map: no extraction or collection was given"
        raise RenderError(msg)
    collections = [dict(to_geojson(s)) if isinstance(s, Extraction) else dict(s) for s in sources]
    names = {
        "regions": regions,
        "groups": groups,
        "types": types,
        "since": since,
        "until": until,
        "keep_undated": keep_undated,
        "title": title,
        "tiles": tiles,
    }
    return _filtered_page(merge_collections(collections), gazetteer, names, on_note)
