"""Write an extraction as GeoJSON (the map's input), CSV and GeoPackage.

:func:`to_geojson` follows the schema in ``docs/CONTRACTS.md`` exactly: one FeatureCollection whose
features are incidents and claims (``properties.kind`` tells which), with the actors, documents
and unresolved place mentions as foreign members.  The CSV and GeoPackage writers go through
geopandas and carry the same properties, lists of strings joined with ``"; "`` and nested values
(sources, places) as JSON.

Every number written fits where it goes: an integer outside the 32-bit range (GeoPackage's
INTEGER as most readers take it, and well inside JavaScript's exact 2**53) or a float that is not
finite becomes null, and the feature's ``out_of_range`` lists the properties so dropped; a point
outside [-180, 180] x [-90, 90] is dropped the same way (``"geometry"``).  Every file is written
atomically (:mod:`mapper._io`): a failed or killed write leaves the previous file as it was.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper._io import atomic_path
from mapper.actors import ActorIndex
from mapper.errors import ExtractionError
from mapper.model import Claim, Count, Extraction, Incident, Source, When, acled_time_precision

if TYPE_CHECKING:
    import geopandas

    from mapper.gazetteer import Place

SCHEMA_VERSION = 1
#: The integers every export can hold: a signed 32-bit integer (GeoPackage readers, Excel).
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def _fits(value: Any) -> bool:
    """Whether a number fits every export (bools and non-numbers always do)."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return INT_MIN <= value <= INT_MAX
    if isinstance(value, float):
        return math.isfinite(value)
    return True


def _fitted(value: Any) -> tuple[Any, bool]:
    """``value`` with numbers that do not fit replaced by None, and whether any was."""
    if isinstance(value, dict):
        dropped = False
        out: dict[str, Any] = {}
        for key, item in value.items():
            out[key], lost = _fitted(item)
            dropped |= lost
        return out, dropped
    if isinstance(value, list):
        pairs = [_fitted(item) for item in value]
        return [item for item, _ in pairs], any(lost for _, lost in pairs)
    if _fits(value):
        return value, False
    return None, True


def _fit_feature(feature: dict[str, Any]) -> dict[str, Any]:
    """Drop numbers no export can hold, naming them in ``properties.out_of_range``."""
    properties: dict[str, Any] = {}
    dropped: list[str] = []
    for key, value in feature["properties"].items():
        properties[key], lost = _fitted(value)
        if lost:
            dropped.append(key)
    geometry = feature["geometry"]
    if geometry is not None and not _valid_geometry(geometry):
        geometry = None
        dropped.append("geometry")
    properties["out_of_range"] = dropped
    return {**feature, "geometry": geometry, "properties": properties}


def _valid_point(point: Any) -> bool:
    return (
        isinstance(point, list | tuple)
        and len(point) == 2
        and all(isinstance(c, int | float) and math.isfinite(c) for c in point)
        and -180 <= point[0] <= 180
        and -90 <= point[1] <= 90
    )


def _valid_geometry(geometry: dict[str, Any]) -> bool:
    if geometry["type"] == "Point":
        return _valid_point(geometry["coordinates"])
    return all(_valid_point(p) for p in geometry["coordinates"])


def _iso(when: When) -> tuple[str | None, str | None]:
    return (
        when.start.isoformat() if when.start else None,
        when.end.isoformat() if when.end else None,
    )


def _count(prefix: str, count: Count | None) -> dict[str, Any]:
    if count is None:
        return {prefix: None, f"{prefix}_low": None, f"{prefix}_high": None, f"{prefix}_text": None}
    return {
        prefix: count.best,
        f"{prefix}_low": count.low,
        f"{prefix}_high": count.high,
        f"{prefix}_text": count.text,
    }


def _sources(sources: tuple[Source, ...], documents: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for source in sources:
        document = documents.get(source.document)
        out.append(
            {
                "document": source.document,
                "title": getattr(document, "title", None),
                "date": getattr(document, "date", None),
                "sentence": source.sentence,
                "start": source.start,
                "end": source.end,
            }
        )
    return out


def _place_dict(place: Place) -> dict[str, Any]:
    return {
        "place_id": place.id,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "admin2": place.admin2,
    }


def incident_feature(
    incident: Incident, index: ActorIndex, documents: dict[str, Any]
) -> dict[str, Any]:
    """One incident as a GeoJSON feature (geometry null when it has no place)."""
    start, end = _iso(incident.when)
    place = incident.place
    geometry = None if place is None else {"type": "Point", "coordinates": [place.lon, place.lat]}
    properties: dict[str, Any] = {
        "kind": "incident",
        "id": incident.id,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "summary": incident.summary,
        "date_start": start,
        "date_end": end,
        "time_precision": incident.when.precision,
        "acled_time_precision": acled_time_precision(incident.when),
        "date_inferred": incident.when.inferred,
        "date_text": incident.when.text or None,
        "date_convention": incident.when.convention,
        "place_id": None if place is None else place.id,
        "place_name": None if place is None else place.name,
        "location_text": incident.location_text or None,
        "country_code": None if place is None else place.country_code,
        "country": None if place is None else place.country,
        "admin1": None if place is None else place.admin1,
        "admin2": None if place is None else place.admin2,
        "geo_precision": incident.geo_precision,
        "place_inferred": incident.place_inferred,
        "perpetrator": incident.perpetrator,
        "perpetrator_name": index.name(incident.perpetrator),
        "attribution": incident.attribution,
        "targets": list(incident.targets),
        **_count("fatalities", incident.fatalities),
        **_count("wounded", incident.wounded),
        **_count("attackers_killed", incident.attackers_killed),
        "method": incident.method,
        "venue": incident.venue,
        "flags": list(incident.flags),
        "claims": list(incident.claims),
        "confidence": incident.confidence,
        "sources": _sources(incident.sources, documents),
    }
    feature = {"type": "Feature", "id": incident.id, "geometry": geometry, "properties": properties}
    return _fit_feature(feature)


def claim_feature(
    claim: Claim, index: ActorIndex, documents: dict[str, Any], incidents: dict[str, Incident]
) -> dict[str, Any]:
    """One claim as a GeoJSON feature: its places, else its incidents' places, else null."""
    points = [(p.lon, p.lat) for p in claim.places]
    if not points:
        points = [
            (i.place.lon, i.place.lat)
            for i in (incidents.get(k) for k in claim.incidents)
            if i is not None and i.place is not None
        ]
    points = list(dict.fromkeys(points))
    geometry: dict[str, Any] | None = None
    if len(points) == 1:
        geometry = {"type": "Point", "coordinates": list(points[0])}
    elif points:
        geometry = {"type": "MultiPoint", "coordinates": [list(p) for p in points]}
    start, end = _iso(claim.when)
    properties: dict[str, Any] = {
        "kind": "claim",
        "id": claim.id,
        "claimant": claim.claimant,
        "claimant_name": index.name(claim.claimant),
        "claim_type": claim.claim_type,
        "about": claim.about,
        "about_name": index.name(claim.about),
        "also_about": list(claim.also_about),
        "incidents": list(claim.incidents),
        "places": [_place_dict(p) for p in claim.places],
        "channel": claim.channel,
        "date": start,
        "date_end": end,
        "time_precision": claim.when.precision,
        "acled_time_precision": acled_time_precision(claim.when),
        "hedges": list(claim.hedges),
        "summary": claim.summary,
        "confidence": claim.confidence,
        "sources": _sources(claim.sources, documents),
    }
    feature = {"type": "Feature", "id": claim.id, "geometry": geometry, "properties": properties}
    return _fit_feature(feature)


def _collection(extraction: Extraction, actors: ActorIndex | None) -> dict[str, Any]:
    """The FeatureCollection with its long lists (features, documents, unresolved mentions) as
    iterators, made as they are read."""
    index = actors or ActorIndex(extraction.actors)
    documents = {d.id: d for d in extraction.documents}
    incidents = {i.id: i for i in extraction.incidents}
    features = itertools.chain(
        (incident_feature(i, index, documents) for i in extraction.incidents),
        (claim_feature(c, index, documents, incidents) for c in extraction.claims),
    )
    unresolved = (
        {"document": doc_id, "text": m.text, "start": m.start, "end": m.end}
        for doc_id, mentions in extraction.mentions.items()
        for m in mentions
        if m.place is None
    )
    return {
        "type": "FeatureCollection",
        "schema_version": SCHEMA_VERSION,
        "features": features,
        "actors": [
            {"id": a.id, "name": a.name, "parent": a.parent, "aliases": list(a.aliases)}
            for a in extraction.actors
        ],
        "documents": (
            {
                "id": d.id,
                "title": d.title,
                "date": d.date,
                "path": d.path,
                "source": d.source,
                "url": d.url,
            }
            for d in extraction.documents
        ),
        "unresolved": unresolved,
    }


def to_geojson(extraction: Extraction, actors: ActorIndex | None = None) -> dict[str, Any]:
    """The extraction as one GeoJSON FeatureCollection (schema in ``docs/CONTRACTS.md``)."""
    return {
        key: list(value) if isinstance(value, Iterator) else value
        for key, value in _collection(extraction, actors).items()
    }


def _json_text(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(..., indent=1)`` writes it at ``depth`` inside a document (raw
    line breaks never occur inside JSON strings, so every one is an indent)."""
    text = json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)
    return text.replace("\n", "\n" + " " * depth)


def geojson_chunks(extraction: Extraction) -> Iterator[str]:
    """The text of :func:`to_geojson` as ``json.dumps(..., indent=1)`` gives it, a feature at a
    time, so writing a large extraction never holds its whole JSON."""
    yield "{"
    for n, (key, value) in enumerate(_collection(extraction, None).items()):
        yield ("," if n else "") + "\n " + json.dumps(key) + ": "
        if not isinstance(value, Iterator):
            yield _json_text(value, 1)
            continue
        items = 0
        for item in value:
            yield ("[\n  " if not items else ",\n  ") + _json_text(item, 2)
            items += 1
        yield "\n ]" if items else "[]"
    yield "\n}"


def write_geojson(extraction: Extraction, path: str | Path) -> None:
    """Write :func:`to_geojson` to ``path`` (UTF-8, indented), atomically, a feature at a time.

    Raises
    ------
    ExtractionError
        When the file cannot be written; a previous file at ``path`` is then unchanged.
    """
    try:
        with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
            for chunk in geojson_chunks(extraction):
                out.write(chunk)
            out.write("\n")
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        msg = f"cannot write GeoJSON to {path}: {reason}"
        raise ExtractionError(msg) from exc


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return "; ".join(value)
        return json.dumps(value, ensure_ascii=False)
    return value


def to_frame(extraction: Extraction, kind: str | None = None) -> geopandas.GeoDataFrame:
    """Features as a GeoDataFrame (EPSG:4326), optionally only ``"incident"`` or ``"claim"``.

    Lists of strings become ``"; "``-joined text, nested values JSON; claims' MultiPoints stay.
    Columns of whole numbers (with nulls) are pandas' nullable ``Int64``, so a count is written
    as ``5``, not ``5.0``.
    """
    import geopandas
    import pandas
    from shapely.geometry import shape

    features = [
        f
        for f in to_geojson(extraction)["features"]
        if kind is None or f["properties"]["kind"] == kind
    ]
    rows = [{k: _flat(v) for k, v in f["properties"].items()} for f in features]
    geometry = [None if f["geometry"] is None else shape(f["geometry"]) for f in features]
    frame = geopandas.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")
    for column in frame.columns.drop("geometry"):
        values = [row.get(column) for row in rows]
        present = [v for v in values if v is not None]
        if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
            frame[column] = pandas.array(values, dtype="Int64")
    return frame


def write_csv(extraction: Extraction, path: str | Path) -> None:
    """Write incidents and claims as one CSV, with ``lon``/``lat`` (a claim's first point).

    Raises
    ------
    ExtractionError
        When the file cannot be written; a previous file at ``path`` is then unchanged.
    """
    frame = to_frame(extraction)
    lon = [None if g is None or g.is_empty else _first(g)[0] for g in frame.geometry]
    lat = [None if g is None or g.is_empty else _first(g)[1] for g in frame.geometry]
    table = frame.drop(columns="geometry")
    table["lon"], table["lat"] = lon, lat
    try:
        with atomic_path(path) as tmp:
            table.to_csv(tmp, index=False)
    except OSError as exc:
        msg = f"cannot write CSV to {path}: {exc.strerror or exc}"
        raise ExtractionError(msg) from exc


def _first(geometry: Any) -> tuple[float, float]:
    point = geometry.geoms[0] if hasattr(geometry, "geoms") else geometry
    return float(point.x), float(point.y)


def write_gpkg(extraction: Extraction, path: str | Path) -> None:
    """Write a GeoPackage with layers ``incidents`` (Point) and ``claims`` (MultiPoint).

    Both layers are always there, empty when there is nothing of their kind. The file is built
    beside ``path`` and renamed over it when complete.

    Raises
    ------
    ExtractionError
        When the file cannot be written; a previous file at ``path`` is then unchanged.
    """
    from shapely.geometry import MultiPoint

    try:
        with atomic_path(path) as tmp:
            for kind, layer, geometry_type in (
                ("incident", "incidents", "Point"),
                ("claim", "claims", "MultiPoint"),
            ):
                frame = to_frame(extraction, kind)
                if kind == "claim":
                    frame = frame.set_geometry(
                        [
                            g if g is None or g.geom_type == "MultiPoint" else MultiPoint([g])
                            for g in frame.geometry
                        ],
                        crs="EPSG:4326",
                    )
                frame.to_file(tmp, layer=layer, driver="GPKG", geometry_type=geometry_type)
    except (OSError, ValueError, RuntimeError) as exc:  # pyogrio's errors are RuntimeErrors
        msg = f"cannot write GeoPackage to {path}: {exc}"
        raise ExtractionError(msg) from exc
