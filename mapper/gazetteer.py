"""The local gazetteer: place names to ranked places, admin regions and outlines, offline.

The shipped gazetteer is a SQLite file compiled from the sources in ``gazetteer/sources/``
(GeoNames, Natural Earth, geoBoundaries, curated rows) into a cache directory on first use;
a user gazetteer built by ``mapper gazetteer import`` sits beside it and takes precedence.
Nothing heavy happens at import: :func:`load_gazetteer` is the explicit, cached entry point.

Ranking of the places that share a lookup key, best first:

1. how the key names the place: a primary name or a curated alias (0), a primary name
   without its generic word such as "District" (1), a source spelling variant (2), a GeoNames
   alternate name (3), a transliteration-tolerant match (4). An alternate never outranks a
   primary name.
2. user places before shipped ones;
3. a score: countries, then admin units and capitals weighted above plain towns, by population
   (see ``mapper._gazbuild.score``); curated rows carry their own rank.
"""

from __future__ import annotations

import marshal
import math
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mapper import _gazbuild
from mapper._names import (
    KIND_ALTERNATE,
    KIND_STRIPPED,
    cache_dir,
    data_dir,
    normalize,
    strip_generic,
    translit_key,
    user_dir,
)
from mapper.errors import GazetteerError
from mapper.geo import haversine_km
from mapper.model import Place, slot_filler

if TYPE_CHECKING:
    import geopandas

__all__ = [
    "Gazetteer",
    "Place",
    "Region",
    "cache_dir",
    "data_dir",
    "load_gazetteer",
    "normalize",
    "strip_generic",
    "translit_key",
    "user_dir",
]

OutlineLevel = Literal["country", "admin1", "admin2"]

#: Places from these sources are matched in text only under a strong cue ("X village, Y
#: district"): thousands of small villages whose names are often common words.
CUE_ONLY_SOURCES = frozenset({"villages"})


@dataclass(frozen=True, slots=True)
class Region:
    """The country, admin-1 and admin-2 units a point lies in (``""`` when outside any)."""

    country_code: str
    country: str
    admin1_code: str
    admin1: str
    admin2_code: str
    admin2: str


# --- the gazetteer -----------------------------------------------------------------------

_PLACE_COLUMNS = _gazbuild.PLACE_COLUMNS
_EXACT_SQL = (
    f"SELECT n.kind, n.score, {_PLACE_COLUMNS} FROM names n JOIN places p ON p.pk = n.pk "
    "WHERE n.key = ?"
)
#: A key's rows packed by ``_gazbuild.write_lookup`` (the shipped store has them).
_PACKED_SQL = "SELECT rows FROM lookup WHERE key = ?"
_SKEL_SQL = (
    f"SELECT 4, n.score, {_PLACE_COLUMNS} FROM skel n JOIN places p ON p.pk = n.pk WHERE n.skel = ?"
)

_Row = tuple[Any, ...]
#: ``Place(*fields)``, twice as fast (a cold lookup makes a few places per name).
_new_place = slot_filler(Place)


class Gazetteer:
    """Ranked name lookup over one or more compiled stores (user store first).

    Build one with :func:`load_gazetteer` (the shipped data plus the user's imports) or
    :meth:`from_places` (an in-memory gazetteer for tests).
    """

    def __init__(
        self,
        stores: Sequence[sqlite3.Connection],
        *,
        outlines_path: Path | None = None,
        outline_frames: Mapping[str, geopandas.GeoDataFrame] | None = None,
    ) -> None:
        self._stores = list(stores)
        # per store: whether it has the packed rows of each key (``_gazbuild.write_lookup``)
        self._packed = [
            conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lookup'"
            ).fetchone()
            is not None
            for conn in self._stores
        ]
        self._outlines_path = outlines_path
        self._frames: dict[str, geopandas.GeoDataFrame] = dict(outline_frames or {})
        self._trees: dict[str, Any] = {}
        self._cache: dict[str, list[Place]] = {}
        self._kinds: dict[tuple[str, str], int] = {}
        self._national: dict[tuple[str, str], Place] | None = None
        self._columns: dict[int, frozenset[str]] = {}
        self._types: dict[str, frozenset[str]] | None = None

    # construction -------------------------------------------------------------------------

    @classmethod
    def from_places(
        cls,
        places: Iterable[Place],
        alternates: Mapping[str, Sequence[str]] = {},
        *,
        outlines: Mapping[str, geopandas.GeoDataFrame] | None = None,
        path: str | Path | None = None,
    ) -> Gazetteer:
        """Build an in-memory gazetteer, for tests and small custom data.

        Parameters
        ----------
        places
            The places; their ``name`` and ``ascii_name`` are primary names.
        alternates
            Alternate names by place id; they rank below every primary name.
        outlines
            Outlines by level for :meth:`region_of`/:meth:`outlines`; without them the
            shipped outlines are used (compiled on first use).
        path
            Write the store to this SQLite file instead of memory (it can then be given to
            :func:`load_gazetteer`); an existing file is replaced.
        """
        if path is not None:
            Path(path).unlink(missing_ok=True)
        conn = sqlite3.connect(str(path or ":memory:"), check_same_thread=False)
        writer = _gazbuild.IndexWriter(conn)
        for place in places:
            names = [(n, KIND_ALTERNATE) for n in alternates.get(place.id, ())]
            writer.add(place, names)
        writer.finish()
        return cls([conn], outline_frames=outlines)

    # lookup -------------------------------------------------------------------------------

    def lookup_key(self, key: str) -> list[Place]:
        """Ranked places for an already normalised key (see :func:`normalize`).

        Tries the key, then the key without generic words, then its transliteration skeleton.
        """
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        result = self._lookup_uncached(key)
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[key] = result
        return result

    def _lookup_uncached(self, key: str) -> list[Place]:
        if not key:
            return []
        asked = key
        rows, ranked = self._exact(key)
        if not rows:
            stripped = strip_generic(key)
            if stripped != key:
                rows, ranked = self._exact(stripped)
                key = stripped
        if not rows:
            skel = translit_key(key)
            if skel:
                rows, ranked = self._query(_SKEL_SQL, skel), False
        return self._rank(rows, asked if key == asked else "", ranked=ranked)

    def _exact(self, key: str) -> tuple[list[tuple[int, _Row]], bool]:
        """The rows naming ``key`` exactly, and whether they come ranked already (one store,
        with packed rows: see ``_gazbuild.write_lookup``)."""
        out: list[tuple[int, _Row]] = []
        for i, conn in enumerate(self._stores):
            if self._packed[i]:
                got = conn.execute(_PACKED_SQL, (key,)).fetchone()
                if got is not None:
                    out.extend([(i, row) for row in marshal.loads(got[0])])
            else:
                out.extend([(i, row) for row in conn.execute(_EXACT_SQL, (key,)).fetchall()])
        return out, self._packed == [True]

    def _query(self, sql: str, arg: str) -> list[tuple[int, _Row]]:
        if len(self._stores) == 1:
            return [(0, row) for row in self._stores[0].execute(sql, (arg,)).fetchall()]
        out: list[tuple[int, _Row]] = []
        for i, conn in enumerate(self._stores):
            out.extend((i, row) for row in conn.execute(sql, (arg,)).fetchall())
        return out

    def _rank(
        self, rows: list[tuple[int, _Row]], key: str = "", *, ranked: bool = False
    ) -> list[Place]:
        """Places of ``rows`` (store index, row), best first (see the module doc), each once;
        ``ranked`` when they are so already (one store's packed rows)."""
        if not rows:
            return []
        if key and len(self._kinds) < 400_000:
            kinds = self._kinds
            for _store, row in rows:  # how the key names each place, for is_primary
                pair = (key, row[2])
                if row[0] < kinds.get(pair, 99):
                    kinds[pair] = row[0]
        if ranked or len(rows) == 1:
            return [_new_place(*row[2:]) for _store, row in rows]
        rows.sort(key=lambda r: (r[1][0], r[0], -r[1][1], r[1][2]))
        override: dict[str, _Row] = {}
        if len(self._stores) > 1:
            for store, row in rows:
                if store == 0:
                    override.setdefault(row[2], row)
        seen: set[str] = set()
        out: list[Place] = []
        for _store, row in rows:
            pid = row[2]
            if pid in seen:
                continue
            seen.add(pid)
            out.append(_new_place(*override.get(pid, row)[2:]))
        return out

    def candidates(self, name: str, *, country: str | None = None) -> list[Place]:
        """Ranked places a name may refer to; ``[]`` for an empty or junk name.

        Parameters
        ----------
        name
            Any spelling; see :func:`normalize` and :func:`strip_generic`.
        country
            Keep only places in this country (ISO alpha-2 code, or a country name).
        """
        found = self.lookup_key(normalize(name))
        if country is None:
            return list(found)
        code = self._country_code(country)
        return [p for p in found if p.country_code == code]

    def resolve(self, name: str, *, country: str | None = None) -> Place | None:
        """The best place for a name, or ``None``."""
        found = self.candidates(name, country=country)
        return found[0] if found else None

    def _country_code(self, country: str) -> str:
        if len(country) == 2 and country.isalpha():
            return country.upper()
        for place in self.lookup_key(normalize(country)):
            if place.feature_code.startswith("PCL"):
                return place.country_code
        msg = f"unknown country {country!r}: give an ISO 3166-1 alpha-2 code such as AF"
        raise GazetteerError(msg)

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or ``None``."""
        for conn in self._stores:
            row = conn.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.id = ?", (place_id,)
            ).fetchone()
            if row is not None:
                return Place(*row)
        return None

    def nearest(
        self,
        lat: float,
        lon: float,
        *,
        max_km: float = 50.0,
        limit: int = 5,
        feature_class: str = "P",
    ) -> list[Place]:
        """Places of a feature class within ``max_km`` of a point, nearest first."""
        dlat = max_km / 111.0
        dlon = dlat / max(0.05, math.cos(math.radians(lat)))
        found: dict[str, tuple[float, Place]] = {}
        for conn in self._stores:
            rows = conn.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.lat BETWEEN ? AND ? "
                "AND p.lon BETWEEN ? AND ? AND p.fclass = ?",
                (lat - dlat, lat + dlat, lon - dlon, lon + dlon, feature_class),
            )
            for row in rows:
                place = Place(*row)
                km = haversine_km(lat, lon, place.lat, place.lon)
                if km <= max_km and place.id not in found:
                    found[place.id] = (km, place)
        ranked = sorted(found.values(), key=lambda kp: (kp[0], kp[1].id))
        return [p for _, p in ranked[:limit]]

    def is_primary(self, key: str, place: Place) -> bool:
        """Whether ``key`` is a primary name of ``place`` (or a curated alias), not an alternate."""
        kind = self.name_kind(key, place)
        return kind is not None and kind <= KIND_STRIPPED

    def name_kind(self, key: str, place: Place) -> int | None:
        """How ``key`` names ``place``: the lowest ``KIND_*`` of :mod:`mapper._names` (0 a
        primary name or curated alias, 1 the primary name without a generic word, "Kashmir" of
        "Kashmir Valley", then variants, alternates, transliterations); None if it does not."""
        known = self._kinds.get((key, place.id))
        if known is not None:
            return known
        for conn in self._stores:
            row = conn.execute(
                "SELECT MIN(n.kind) FROM names n JOIN places p ON p.pk = n.pk "
                "WHERE n.key = ? AND p.id = ?",
                (key, place.id),
            ).fetchone()
            if row is not None and row[0] is not None:
                return int(row[0])
        return None

    def keys(self, *, min_population: int = 0, primary_only: bool = False) -> Iterator[str]:
        """Every lookup key worth recognising in text, each once.

        Parameters
        ----------
        min_population
            Keep keys of populated places with at least this population; keys of admin units,
            countries, regions, curated and user places are always kept.
        primary_only
            Leave out keys that are only GeoNames alternate names.
        """
        sql = "SELECT key FROM keyinfo WHERE (always = 1 OR pop >= ?)"
        if primary_only:
            sql += " AND prim = 1"
        seen: set[str] = set()
        for conn in self._stores:
            extra = " AND cue = 0" if "cue" in self._keyinfo_columns(conn) else ""
            for (key,) in conn.execute(sql + extra, (min_population,)):
                if key not in seen:
                    seen.add(key)
                    yield key

    def cue_keys(self) -> frozenset[str]:
        """Keys that name only places matched under a strong cue (:data:`CUE_ONLY_SOURCES`)."""
        out: set[str] = set()
        for conn in self._stores:
            if "cue" in self._keyinfo_columns(conn):
                out.update(k for (k,) in conn.execute("SELECT key FROM keyinfo WHERE cue = 1"))
        return frozenset(out)

    def skeletons(self) -> frozenset[str]:
        """Every transliteration skeleton (:func:`translit_key`) the stores index."""
        out: set[str] = set()
        for conn in self._stores:
            out.update(k for (k,) in conn.execute("SELECT DISTINCT skel FROM skel"))
        return frozenset(out)

    def _keyinfo_columns(self, conn: sqlite3.Connection) -> frozenset[str]:
        got = self._columns.get(id(conn))
        if got is None:
            got = frozenset(r[1] for r in conn.execute("PRAGMA table_info(keyinfo)"))
            self._columns[id(conn)] = got
        return got

    def admin1_types(self) -> Mapping[str, frozenset[str]]:
        """Country code -> the English type words of its first-level units ("province" for
        Pakistan, "state" for India, "oblast", "republic", "krai" for Russia), from Natural
        Earth's admin-1 ``type``/``type_en``; empty for stores built without them."""
        if self._types is None:
            found: dict[str, set[str]] = {}
            for conn in self._stores:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                if "admin1_types" in tables:
                    for cc, word in conn.execute("SELECT cc, word FROM admin1_types"):
                        found.setdefault(cc, set()).add(word)
            self._types = {cc: frozenset(words) for cc, words in found.items()}
        return self._types

    def country(self, country_code: str) -> Place | None:
        """The country feature (feature code PCL*) with this ISO alpha-2 code, or ``None``."""
        return self._first_with_code(country_code, "PCL%")

    def capital(self, country_code: str) -> Place | None:
        """The capital (feature code PPLC) of the country with this ISO code, or ``None``."""
        return self._first_with_code(country_code, "PPLC")

    def _first_with_code(self, country_code: str, pattern: str) -> Place | None:
        if self._national is None:
            # one query for every country and capital (feature codes are indexed since build 11)
            found: dict[tuple[str, str], Place] = {}
            for conn in reversed(self._stores):  # the user store, first, wins
                rows = conn.execute(
                    f"SELECT {_PLACE_COLUMNS} FROM places p WHERE (p.fcode >= 'PCL' AND "
                    "p.fcode < 'PCM') OR p.fcode = 'PPLC' ORDER BY p.population, p.id DESC"
                )
                for row in rows:
                    place = Place(*row)
                    kind = "PPLC" if place.feature_code == "PPLC" else "PCL%"
                    found[place.country_code, kind] = place  # the most populous last
            self._national = found
        return self._national.get((country_code.upper(), pattern))

    def __len__(self) -> int:
        return sum(
            int(c.execute("SELECT COUNT(*) FROM places").fetchone()[0]) for c in self._stores
        )

    # regions ------------------------------------------------------------------------------

    def outlines(self, level: OutlineLevel) -> geopandas.GeoDataFrame:
        """Outlines of countries, admin-1 or admin-2 units, simplified for a web map.

        Columns: ``country_code, country, admin1_code, admin1, admin2_code, admin2, geometry``
        (EPSG:4326). Admin-2 outlines cover Afghanistan only (geoBoundaries).
        """
        if level not in ("country", "admin1", "admin2"):
            msg = f"unknown outline level {level!r}: use country, admin1 or admin2"
            raise GazetteerError(msg)
        frame = self._frames.get(level)
        if frame is None:
            path = self._outlines_path or _gazbuild.ensure_outlines()
            frame = _gazbuild.read_outlines(path, level)
            self._frames[level] = frame
        return frame.copy()

    def region_of(self, lat: float, lon: float) -> Region:
        """The country, admin-1 and admin-2 units containing a point (``""`` where none)."""
        import shapely

        point = shapely.Point(lon, lat)
        values: dict[str, str] = {}
        for level, fields in (
            (
                "admin2",
                ("admin2_code", "admin2", "admin1_code", "admin1", "country_code", "country"),
            ),
            ("admin1", ("admin1_code", "admin1", "country_code", "country")),
            ("country", ("country_code", "country")),
        ):
            if all(values.get(f) for f in fields):
                continue
            row = self._containing(level, point)  # type: ignore[arg-type]
            if row is None:
                continue
            for f in fields:
                if not values.get(f) and row.get(f):
                    values[f] = str(row[f])
        return Region(
            country_code=values.get("country_code", ""),
            country=values.get("country", ""),
            admin1_code=values.get("admin1_code", ""),
            admin1=values.get("admin1", ""),
            admin2_code=values.get("admin2_code", ""),
            admin2=values.get("admin2", ""),
        )

    def _containing(self, level: OutlineLevel, point: Any) -> dict[str, Any] | None:
        import shapely

        if level not in self._trees:
            frame = self._frames.get(level)
            if frame is None:
                self.outlines(level)
                frame = self._frames[level]
            self._trees[level] = shapely.STRtree(frame.geometry.values)
        tree = self._trees[level]
        frame = self._frames[level]
        hits = tree.query(point, predicate="intersects")
        if len(hits) == 0:
            return None
        record: dict[str, Any] = frame.iloc[int(min(hits))].to_dict()
        return record


_LOADED: dict[tuple[str, str], Gazetteer] = {}


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Open the gazetteer (cached per path): the user store, then the shipped one.

    Parameters
    ----------
    path
        A compiled gazetteer SQLite file. Without it, the shipped gazetteer is used,
        compiled from ``gazetteer/sources`` into :func:`cache_dir` on first use.
    """
    user = user_dir() / _gazbuild.USER_DB
    cache_key = (str(path or ""), str(user) if user.exists() else "")
    if cache_key in _LOADED:
        return _LOADED[cache_key]
    shipped = Path(path) if path is not None else _gazbuild.ensure_built()
    stores = []
    if user.exists():
        stores.append(_gazbuild.open_store(user))
    stores.append(_gazbuild.open_store(shipped))
    outlines_path = shipped.with_name(_gazbuild.OUTLINES_FILE)
    gaz = Gazetteer(stores, outlines_path=outlines_path if outlines_path.exists() else None)
    _LOADED[cache_key] = gaz
    return gaz


def clear_cache() -> None:
    """Forget loaded gazetteers (after an import, or in tests that change ``MAPPER_HOME``)."""
    _LOADED.clear()
