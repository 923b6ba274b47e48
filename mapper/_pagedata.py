"""The map page's data: incidents and claims packed in columns, small enough for 100,000 incidents.

The page's script decodes the same formats (``mapper/map/js/table.js``; ``tests/test_render.py``
has a Python twin of the decoder that checks nothing is lost).  A table is
``{"n": rows, "cols": {property: column}}`` plus its geometry:

Columns
    ``{"c": value}`` every row the same; ``{"d": distinct values, "k": one CODE_ALPHABET
    character per row}`` for up to 88 distinct values, ``"k2"`` two characters per row (base 88)
    for up to 7,744, ``{"d", "i": [indexes]}`` for more repeated ones; ``{"same": other
    property}`` for a copy; ``{"h": column, "n": column, "dn": 1}`` for strings that are a head and
    a number ("doc-7:i12"), the numbers as differences from the previous row's; ``{"p": prefix,
    "v": [rest]}`` or ``{"v": [values]}`` for the rest.
Sources
    ``{"src": {"n": column of counts per row, "doc": codes, "sent": codes, "w": code width,
    "start": column, "len": column, "meta": [[document, title, date], ...], "ovr": [[source,
    title, date], ...]}}``: every row's sources one after the other; ``doc`` and ``sent`` are
    fixed-width base-88 codes into the page's shared ``strings``; a source's title and date are
    its document's (``meta``) unless ``ovr`` says otherwise for that source.
Points
    ``"x"``, ``"y"``: four base-88 characters per row, ``round((lon + 180) * 10**4)`` and
    ``round((lat + 90) * 10**4)`` (about 10 m), ``"~~~~"`` for no point.  Claims keep their
    geometry as ``"geom": {"t": column of types, "n": column of point counts, "x", "y"}``.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Mapping, Sequence
from typing import Any

from mapper.errors import RenderError
from mapper.filters import feature_props

#: Code characters, one per value (no quote, backslash, <, > or &, so JSON and HTML keep them).
CODE_ALPHABET = (
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%()*+,-./:;=?@[]^_`{|}~"
)
BASE = len(CODE_ALPHABET)
#: Fixed-point digits of coordinates (10**-4 degree, about 10 m: finer than any gazetteer point).
COORD_SCALE = 10_000
_COORD_WIDTH = 4
_NO_POINT = BASE**_COORD_WIDTH - 1


def _fixed(codes: Sequence[int], width: int) -> str:
    """Non-negative integers as ``width`` base-88 characters each."""
    import numpy as np

    values = np.asarray(codes, dtype=np.int64)
    alphabet = np.frombuffer(CODE_ALPHABET.encode("ascii"), dtype=np.uint8)
    digits = np.empty((len(values), width), dtype=np.uint8)
    for k in range(width - 1, -1, -1):
        digits[:, k] = alphabet[values % BASE]
        values = values // BASE
    return digits.tobytes().decode("ascii")


def _width(count: int) -> int:
    width = 1
    while BASE**width < count:
        width += 1
    return width


def _value_key(value: Any) -> Any:
    """A hashable key telling apart 1, 1.0, True and "1"; lists and dicts by their JSON."""
    kind = type(value)
    if kind is str or value is None:
        return value
    if kind is list and all(type(x) is str for x in value):
        return (list, *value)
    if isinstance(value, list | dict):
        return (dict, json.dumps(value, sort_keys=True))
    return (kind, value)


def _codes(values: list[Any]) -> tuple[list[Any], list[int]]:
    """Distinct values in first-seen order and each row's index into them."""
    kinds = set(map(type, values)) - {type(None)}
    if kinds <= {str} or kinds == {int} or kinds == {float} or kinds == {bool}:
        distinct = list(dict.fromkeys(values))
        index = {v: i for i, v in enumerate(distinct)}
        return distinct, list(map(index.__getitem__, values))
    if kinds == {list}:  # lists of strings (targets, claims): a tuple is their key
        try:
            keys = [v if v is None else (list, *v) for v in values]
            first = dict(zip(keys, values, strict=True))
        except TypeError:  # a list holding a list or a dict: by its JSON, below
            pass
        else:
            if all(type(x) is str for k in first if k is not None for x in k[1:]):
                order = {k: i for i, k in enumerate(dict.fromkeys(keys))}
                return [first[k] for k in order], list(map(order.__getitem__, keys))
    distinct = []
    codes: dict[Any, int] = {}
    out = []
    for value in values:
        key = _value_key(value)
        code = codes.get(key)
        if code is None:
            code = codes[key] = len(distinct)
            distinct.append(value)
        out.append(code)
    return distinct, out


def _head_numbers(values: list[Any]) -> dict[str, Any] | None:
    """``head + number`` strings as a head column and a column of differences of the numbers.

    The number is the trailing digits without leading zeros ("doc-007" is "doc-00" and 7), at
    most 15 of them (exact in JavaScript); None when a value has no such number.
    """
    heads, numbers = [], []
    digits = "0123456789"
    for value in values:
        if type(value) is not str:
            return None
        head = value.rstrip(digits)
        tail = value[len(head) :].lstrip("0") or value[len(head) :][-1:]
        if not tail or len(tail) > 15:
            return None
        heads.append(value[: len(value) - len(tail)])
        numbers.append(int(tail))
    steps = [numbers[0], *map(operator.sub, numbers[1:], numbers[:-1])] if numbers else []
    return {"h": pack_column(heads), "n": pack_column(steps), "dn": 1}


def _common_prefix(first: str, last: str) -> str:
    """The common prefix of two strings (of a sorted list, given its first and last)."""
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def pack_column(values: list[Any]) -> dict[str, Any]:
    """Encode one property column: a constant, codes, head and number, or the values."""
    distinct, codes = _codes(values)
    if len(distinct) == 1:
        return {"c": distinct[0]}
    if len(distinct) <= BASE:
        return {"d": distinct, "k": "".join(map(CODE_ALPHABET.__getitem__, codes))}
    if len(distinct) <= BASE * BASE and len(distinct) <= len(values) // 2:
        return {"d": distinct, "k2": _fixed(codes, 2)}
    if len(distinct) <= len(values) // 2:
        return {"d": distinct, "i": codes}
    split = _head_numbers(values)
    if split is not None:
        return split
    if all(type(v) is str for v in values):
        prefix = _common_prefix(min(values), max(values))
        if prefix:
            return {"p": prefix, "v": [v[len(prefix) :] for v in values]}
    return {"v": values}


class Strings:
    """The page's shared table of source strings (document ids, sentences, titles, dates)."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._index: dict[Any, int] = {}

    def code(self, value: Any) -> int:
        """The index of a value, added on first sight."""
        key = value if value is None or type(value) is str else (type(value), value)
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self.values)
            self.values.append(value)
        return found


def _pack_sources(values: list[Any], strings: Strings) -> dict[str, Any]:
    """Every row's sources one after the other, with strings as codes (module docstring)."""
    counts: list[int] = []
    docs: list[int] = []
    sentences: list[int] = []
    starts: list[Any] = []
    lengths: list[Any] = []
    meta: dict[int, tuple[int, int]] = {}
    overrides: list[list[int]] = []
    index, table, code = strings._index, strings.values, strings.code

    def text(value: Any) -> int:  # Strings.code's fast path for text
        found = index.get(value) if type(value) is str else None
        return found if found is not None else code(value)

    for sources in values:
        n = 0
        for src in sources if type(sources) is list else ():
            if type(src) is not dict and not isinstance(src, Mapping):
                continue
            get = src.get
            doc = text(get("document"))
            title_date = (text(get("title")), text(get("date")))
            if meta.setdefault(doc, title_date) != title_date:
                overrides.append([len(docs), *title_date])
            start, end = get("start"), get("end")
            docs.append(doc)
            sentences.append(text(get("sentence")))
            starts.append(start)
            lengths.append(end - start if type(start) is int and type(end) is int else end)
            n += 1
        counts.append(n)
    width = _width(len(table))
    return {
        "src": {
            "n": pack_column(counts),
            "w": width,
            "doc": _fixed(docs, width),
            "sent": _fixed(sentences, width),
            "start": pack_column(starts) if starts else {"v": []},
            "len": pack_column(lengths) if lengths else {"v": []},
            "meta": [[doc, title, day] for doc, (title, day) in meta.items()],
            "ovr": overrides,
        }
    }


def _transpose(props: list[Mapping[str, Any]], keys: list[str]) -> list[list[Any]]:
    """Rows of properties as one list of values per key (None where a row lacks the key)."""
    out = []
    for key in keys:  # a list per key: about three times faster than tuples per row
        try:
            out.append([p[key] for p in props])
        except KeyError:
            out.append([p.get(key) for p in props])
    return out


def _pack_columns(props: list[Mapping[str, Any]], strings: Strings) -> dict[str, Any]:
    keys: dict[str, None] = dict.fromkeys(props[0]) if props else {}
    first = props[0].keys() if props else {}.keys()
    for p in props:
        if p.keys() != first:
            keys.update(dict.fromkeys(p))
    columns: dict[str, Any] = {}
    seen: list[tuple[str, list[Any]]] = []
    for key, values in zip(keys, _transpose(props, list(keys)), strict=True):
        if key == "sources":
            columns[key] = _pack_sources(values, strings)
            continue
        same = next((k for k, v in seen if v == values), None)
        if same is not None:
            columns[key] = {"same": same}
            continue
        columns[key] = pack_column(values)
        seen.append((key, values))
    return columns


_NUMBERS = (int, float)


def point_of(coords: Any) -> tuple[float, float] | None:
    """``(lon, lat)`` of a GeoJSON position: numbers within -180..180 and -90..90 (so finite)."""
    if (type(coords) is not list and not isinstance(coords, list | tuple)) or len(coords) < 2:
        return None
    lon, lat = coords[0], coords[1]
    if type(lon) not in _NUMBERS or type(lat) not in _NUMBERS:
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):  # NaN fails these too
        return None
    return float(lon), float(lat)


def _bad_point(index: int, feature: Mapping[str, Any], coords: Any) -> RenderError:
    fid = feature_props(feature).get("id")
    text = json.dumps(coords)[:60] if _jsonable(coords) else repr(coords)[:60]
    return RenderError(
        f"cannot build the map: feature {index} (id {fid!r}) has coordinates {text}, "
        "not a longitude in -180..180 and a latitude in -90..90"
    )


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


def _coords_strings(lons: list[float | None], lats: list[float | None]) -> tuple[str, str]:
    def fixed(values: list[float | None], offset: float) -> str:
        codes = [_NO_POINT if v is None else round((v + offset) * COORD_SCALE) for v in values]
        return _fixed(codes, _COORD_WIDTH)

    return fixed(lons, 180.0), fixed(lats, 90.0)


def _geometry_points(index: int, feature: Mapping[str, Any]) -> tuple[str | None, list[Any]]:
    """A feature's geometry type and its points; other geometries count as none."""
    geom = feature.get("geometry")
    if not isinstance(geom, Mapping):
        return None, []
    kind, coords = geom.get("type"), geom.get("coordinates")
    if kind == "Point":
        point = point_of(coords)
        if point is None:
            raise _bad_point(index, feature, coords)
        return "Point", [point]
    if kind == "MultiPoint" and isinstance(coords, list):
        points = [point_of(c) for c in coords]
        for c, point in zip(coords, points, strict=True):
            if point is None:
                raise _bad_point(index, feature, c)
        return "MultiPoint", points
    return None, []


def pack_table(
    features: list[Mapping[str, Any]],
    strings: Strings,
    *,
    points: bool,
    props: list[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """A table of features: their properties in columns, their points as fixed-point strings.

    Parameters
    ----------
    features
        GeoJSON features.
    strings
        The page's shared strings, which the sources' codes index.
    points
        True for incidents (a Point or none each); False keeps whole geometries (claims).
    props
        The features' properties, when the caller has them already.

    Raises
    ------
    RenderError
        Naming the feature whose coordinates are not a longitude and latitude in range.
    """
    if props is None:
        props = [feature_props(f) for f in features]
    table: dict[str, Any] = {"n": len(features), "cols": _pack_columns(props, strings)}
    lons: list[float | None] = []
    lats: list[float | None] = []
    kinds: list[str | None] = []
    counts: list[int] = []
    for index, feature in enumerate(features):
        if points:  # an incident: its Point, or no point (other geometries count as none)
            geom = feature.get("geometry")
            point = None
            if (type(geom) is dict or isinstance(geom, Mapping)) and geom.get("type") == "Point":
                point = point_of(geom.get("coordinates"))
                if point is None:
                    raise _bad_point(index, feature, geom.get("coordinates"))
            lons.append(point[0] if point else None)
            lats.append(point[1] if point else None)
            continue
        kind, found = _geometry_points(index, feature)
        kinds.append(kind)
        counts.append(len(found))
        lons += [p[0] for p in found]
        lats += [p[1] for p in found]
    x, y = _coords_strings(lons, lats)
    if points:
        table["x"], table["y"] = x, y
    else:
        table["geom"] = {
            "t": pack_column(kinds) if kinds else {"c": None},
            "n": pack_column(counts) if counts else {"c": 0},
            "x": x,
            "y": y,
        }
    return table
