"""GeoJSON given to ``mapper build``: read, checked against the schema the map reads, and merged.

A collection written by someone else is untrusted like any document: every property the page
uses must have its type (strings where strings are due, integers within JavaScript's exact
range, ISO dates), and every point a finite longitude and latitude in range.  A bad feature
stops the build with one line naming the file, the feature and the property; unknown properties
and missing optional ones are fine (the extraction may add properties, never remove them).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mapper.errors import RenderError

#: The largest integer a page's JavaScript holds exactly (2**53 - 1).
MAX_EXACT_INTEGER = 2**53 - 1
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

_STRINGS = (
    "id",
    "event_type",
    "sub_event_type",
    "summary",
    "time_precision",
    "date_text",
    "place_id",
    "place_name",
    "location_text",
    "country_code",
    "country",
    "admin1",
    "admin2",
    "perpetrator",
    "perpetrator_name",
    "attribution",
    "fatalities_text",
    "wounded_text",
    "claimant",
    "claimant_name",
    "claim_type",
    "about",
    "about_name",
    "channel",
)
_DATES = ("date_start", "date_end", "date", "date_end")
_COUNTS = (
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "wounded",
    "wounded_low",
    "wounded_high",
)
_STRING_LISTS = ("targets", "claims", "incidents", "hedges", "also_about")


def _short(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=True, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_number(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def _position(coords: Any) -> str | None:
    """What is wrong with a GeoJSON position, or None."""
    if not isinstance(coords, list) or len(coords) < 2:
        return f"coordinates {_short(coords)} are not a [longitude, latitude] pair"
    lon, lat = coords[0], coords[1]
    if not (_is_number(lon) and _is_number(lat)):
        return f"coordinates {_short(coords)} are not numbers"
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return (
            f"coordinates {_short(coords)} are out of range (longitude -180..180, latitude -90..90)"
        )
    return None


def _geometry(geom: Any) -> str | None:
    if geom is None:
        return None
    if not isinstance(geom, dict):
        return f"geometry {_short(geom)} is not an object"
    kind, coords = geom.get("type"), geom.get("coordinates")
    if kind == "Point":
        return _position(coords)
    if kind == "MultiPoint":
        if not isinstance(coords, list):
            return f"MultiPoint coordinates {_short(coords)} are not a list"
        return next((p for p in map(_position, coords) if p), None)
    return f"geometry type {_short(kind)} is not Point or MultiPoint"


def _string_props(props: Mapping[str, Any]) -> str | None:
    for key in _STRINGS:
        value = props.get(key)
        if value is not None and type(value) is not str:
            return f"{key} {_short(value)} is not a string"
    for key in _DATES:
        value = props.get(key)
        if value is not None and (type(value) is not str or not _ISO.match(value)):
            return f"{key} {_short(value)} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
    for key in _STRING_LISTS:
        value = props.get(key)
        if value is not None and not (
            isinstance(value, list) and all(type(x) is str for x in value)
        ):
            return f"{key} {_short(value)} is not a list of strings"
    return None


def _number_props(props: Mapping[str, Any]) -> str | None:
    for key in _COUNTS:
        value = props.get(key)
        if value is None:
            continue
        if type(value) is not int or not 0 <= value <= MAX_EXACT_INTEGER:
            return f"{key} {_short(value)} is not a whole number from 0 to 2**53 - 1"
    precision = props.get("geo_precision")
    if precision is not None and (type(precision) is not int or not 1 <= precision <= 3):
        return f"geo_precision {_short(precision)} is not 1, 2 or 3"
    confidence = props.get("confidence")
    if confidence is not None and not (_is_number(confidence) and 0 <= confidence <= 1):
        return f"confidence {_short(confidence)} is not a number from 0 to 1"
    return None


def _place(place: Any) -> str | None:
    if not isinstance(place, dict):
        return f"place {_short(place)} is not an object"
    for key in ("place_id", "name", "country", "admin1", "admin2"):
        if place.get(key) is not None and type(place[key]) is not str:
            return f"place {key} {_short(place[key])} is not a string"
    if place.get("lat") is None and place.get("lon") is None:
        return None
    return _position([place.get("lon"), place.get("lat")])


def _source(source: Any) -> str | None:
    if not isinstance(source, dict):
        return f"source {_short(source)} is not an object"
    for key in ("document", "title", "sentence"):
        if source.get(key) is not None and type(source[key]) is not str:
            return f"source {key} {_short(source[key])} is not a string"
    day = source.get("date")
    if day is not None and (type(day) is not str or not _ISO.match(day)):
        return f"source date {_short(day)} is not an ISO date"
    for key in ("start", "end"):
        value = source.get(key)
        if value is not None and (type(value) is not int or not 0 <= value <= MAX_EXACT_INTEGER):
            return f"source {key} {_short(value)} is not a character offset"
    return None


def _nested(props: Mapping[str, Any]) -> str | None:
    for key, check in (("places", _place), ("sources", _source)):
        value = props.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            return f"{key} {_short(value)} is not a list"
        problem = next((p for p in map(check, value) if p), None)
        if problem:
            return problem
    return None


_CHECKS: tuple[Callable[[Mapping[str, Any]], str | None], ...] = (
    _string_props,
    _number_props,
    _nested,
)


def feature_problem(feature: Any) -> str | None:
    """What is wrong with one feature for the map, in words, or None when it is usable."""
    if not isinstance(feature, dict):
        return f"{_short(feature)} is not a GeoJSON feature object"
    props = feature.get("properties")
    if props is not None and not isinstance(props, dict):
        return f"properties {_short(props)} are not an object"
    props = props or {}
    if props.get("kind") not in ("incident", "claim"):
        return None  # not an incident or a claim: the map leaves it out
    problem = _geometry(feature.get("geometry"))
    for check in _CHECKS:
        if problem:
            break
        problem = check(props)
    return problem


def _members(data: Mapping[str, Any], source: str) -> None:
    for member in ("actors", "documents"):
        items = data.get(member)
        if items is None:
            continue
        if not isinstance(items, list):
            msg = f"cannot read {source}: {member} {_short(items)} is not a list"
            raise RenderError(msg)
        for k, item in enumerate(items):
            bad = not isinstance(item, dict) or type(item.get("id")) is not str
            for key in ("name", "parent", "title", "date"):
                if isinstance(item, dict) and item.get(key) is not None:
                    bad = bad or type(item[key]) is not str
            if bad:
                msg = f"cannot read {source}: {member} entry {k} {_short(item)} is malformed"
                raise RenderError(msg)


def validate_collection(data: Any, source: str) -> dict[str, Any]:
    """Check a FeatureCollection the map is given, feature by feature.

    Parameters
    ----------
    data
        Parsed JSON.
    source
        The file it came from, for messages.

    Returns
    -------
    dict
        ``data`` itself, once checked.

    Raises
    ------
    RenderError
        One line naming the file, the first bad feature (index and id) and what is wrong.
    """
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        msg = f"cannot read {source}: not a GeoJSON FeatureCollection"
        raise RenderError(msg)
    features = data.get("features")
    if not isinstance(features, list):
        msg = f"cannot read {source}: its FeatureCollection has no 'features' list"
        raise RenderError(msg)
    for index, feature in enumerate(features):
        problem = feature_problem(feature)
        if problem:
            props = feature.get("properties") if isinstance(feature, dict) else None
            fid = props.get("id") if isinstance(props, dict) else None
            named = f" (id {_short(fid)})" if fid is not None else ""
            msg = f"cannot read {source}: feature {index}{named}: {problem}"
            raise RenderError(msg)
    _members(data, source)
    return data


def load_collection(path: str) -> dict[str, Any]:
    """Read and check a FeatureCollection written by ``mapper extract -o`` (or the page).

    Raises
    ------
    RenderError
        If the file is not JSON, not a FeatureCollection, or has a bad feature (named).
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        msg = f"cannot read {path}: not a GeoJSON file ({exc})"
        raise RenderError(msg) from None
    return validate_collection(data, path)


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
