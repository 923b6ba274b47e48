"""Compile the gazetteer: sources to an indexed SQLite store, outlines to a GeoPackage.

Also reads GeoNames dumps (the 19-column ``allCountries.txt`` format, ``alternateNamesV2.txt``,
``admin1CodesASCII.txt``/``admin2Codes.txt``, ``countryInfo.txt``) for ``mapper gazetteer
import``, which writes the user store to a temporary file and renames it into place.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import itertools
import json
import logging
import lzma
import marshal
import os
import re
import sqlite3
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from mapper._io import atomic_path
from mapper._names import (
    KIND_ALTERNATE,
    KIND_PRIMARY,
    KIND_STRIPPED,
    KIND_VARIANT,
    _translit_rules,
    admin_prefixes,
    cache_dir,
    common_words,
    data_dir,
    normalize,
    strip_generic,
    translit_key,
    user_dir,
)
from mapper.errors import GazetteerError
from mapper.geo import haversine_km
from mapper.model import Place

if TYPE_CHECKING:
    import geopandas

log = logging.getLogger(__name__)

BUILD_VERSION = "27"
DB_FILE = "gazetteer.sqlite"
OUTLINES_FILE = "outlines.gpkg"
USER_DB = "user-gazetteer.sqlite"
SIMPLIFY_DEGREES = 0.01

_SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    pk INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT, ascii_name TEXT,
    lat REAL, lon REAL, fclass TEXT, fcode TEXT, cc TEXT, country TEXT, a1code TEXT, a1 TEXT,
    a2code TEXT, a2 TEXT, population INTEGER, source TEXT, score REAL);
CREATE TABLE IF NOT EXISTS names (
    key TEXT, kind INTEGER, score REAL, pk INTEGER, PRIMARY KEY (key, kind, score, pk))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skel (skel TEXT, score REAL, pk INTEGER);
CREATE TABLE IF NOT EXISTS keyinfo (
    key TEXT PRIMARY KEY, pop INTEGER, always INTEGER, prim INTEGER, cue INTEGER DEFAULT 0)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS admin1_types (cc TEXT, word TEXT, PRIMARY KEY (cc, word)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS raw (
    id TEXT PRIMARY KEY, place TEXT, names TEXT) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS skel_key ON skel(skel);
CREATE INDEX IF NOT EXISTS places_lat ON places(lat);
CREATE INDEX IF NOT EXISTS places_fcode ON places(fcode);
"""

_ALWAYS_CLASSES = frozenset("AL")  # admin units, countries, regions


def score(place: Place) -> float:
    """Ranking weight of a place among those sharing a name: bigger is better.

    Countries first; admin-1 units count as a million inhabitants, admin-2 as 50,000; capitals
    of countries and admin units weigh ten times their population, other seats three times;
    other features (streams, hills...) sink below populated places.
    """
    pop = float(place.population)
    code = place.feature_code
    if place.feature_class == "A":
        if code.startswith("PCL"):
            return 1e10 + pop
        if code == "ADM1":
            return 1e6 + pop
        if code == "ADM2":
            return 5e4 + pop
        return 1e4 + pop
    if place.feature_class == "P":
        if code == "PPLC":
            return 10 * pop
        if code == "PPLA":
            return 10 * pop
        if code.startswith("PPLA"):
            return 3 * pop
        return pop
    if place.feature_class in {"L", "S", "T"}:
        return 100 + pop
    return 10 + pop


# --- the index writer --------------------------------------------------------------------

#: Countries whose place names GeoNames writes with the Arabic article ("As Sayyidah Zaynab",
#: "Ar Raqqah") that English text often leaves out ("Sayyidah Zaynab", "Raqqah").
_ARTICLE_COUNTRIES = frozenset(
    [
        "AE",
        "BH",
        "DZ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MA",
        "MR",
        "OM",
        "PS",
        "QA",
        "SA",
        "SD",
        "SY",
        "TN",
        "YE",
    ]
)
_ARTICLES = ("al", "as", "ad", "ar", "an", "at", "az", "ash", "ath", "adh", "el", "ed", "es",
             "er", "et", "ez")  # fmt: skip
#: Conjunctions inside names of admin units: "Sistan va Baluchestan" is "Sistan-Baluchestan".
_CONJUNCTIONS = (" and ", " va ", " wa ")


def _short_forms(key: str, place: Place) -> list[str]:
    """Shorter keys a text uses for a name: without the Arabic article (four letters at least
    must remain), and an admin unit's double name without its conjunction."""
    out = []
    if place.country_code in _ARTICLE_COUNTRIES and place.feature_class in ("P", "A"):
        head, _, rest = key.partition(" ")
        # one word left is often a personal name or a club ("Haidar", "Ittihad"): only for
        # admin units and towns of 50,000
        if (
            head in _ARTICLES
            and len(rest.replace(" ", "")) >= 4
            and (" " in rest or place.feature_class == "A" or place.population >= 50_000)
        ):
            out.append(rest)
    if place.feature_class == "A" and not place.feature_code.startswith("PCL"):
        for conj in _CONJUNCTIONS:
            if conj in key:
                out.append(key.replace(conj, " "))
        if place.country_code in _RAION_COUNTRIES and _RAION_ADJECTIVE.search(key):
            # "Khasavyurtovskiy Rayon" is "Khasavyurtovsky District" in news, "Pokrovskyi" and
            # "Pokrovsky" one raion: the adjective's ending in each romanisation
            out += [_RAION_ADJECTIVE.sub(r"\1" + end, key) for end in _RAION_ENDINGS]
    return out


#: Countries whose districts are named by a Russian or Ukrainian adjective (raions).
_RAION_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "KG"})
#: The romanisations of the masculine adjective ending of a raion's name.
_RAION_ENDINGS = ("skiy", "sky", "skyi", "skii", "ski")
_RAION_ADJECTIVE = re.compile(r"(\w{3,}?)(?:skiy|skyi|skyy|skii|sky|ski)\b")


def _without_local_type(key: str, place: Place) -> str:
    """An admin unit's name without the local type word GeoNames writes before it ("Kabupaten
    Karo" is "Karo", "Huyen Quang Binh" "Quang Binh"), when four letters remain; else ""."""
    if place.feature_class == "A" and place.feature_code in {"ADM1", "ADM2", "ADM3"}:
        for word in admin_prefixes():
            if key.startswith(word + " "):
                rest = key[len(word) + 1 :]
                return rest if len(rest.replace(" ", "")) >= 4 else ""
    return ""


class IndexWriter:
    """Write places and their names into a store (shipped, user or in-memory)."""

    def __init__(
        self, conn: sqlite3.Connection, *, translit: bool = True, replace: bool = False
    ) -> None:
        self.conn = conn
        conn.executescript(_SCHEMA)
        self._translit = translit
        rules = _translit_rules()
        self._tl_countries = frozenset(rules["countries"])
        self._tl_min_pop = int(rules["min_population"])
        # the shipped build indexes every place of these countries (cities500: few enough)
        self._tl_all = bool(rules.get("all_places", False))
        self._next_pk = int(conn.execute("SELECT COALESCE(MAX(pk), 0) FROM places").fetchone()[0])
        self._fresh = self._next_pk == 0 and not replace
        if replace:
            conn.executescript(
                "CREATE INDEX IF NOT EXISTS names_pk ON names(pk);"
                "CREATE INDEX IF NOT EXISTS skel_pk ON skel(pk);"
            )
        self._keyinfo: dict[str, list[int]] = {}

    def add(
        self,
        place: Place,
        names: Sequence[tuple[str, int]] = (),
        *,
        rank: float | None = None,
        always: bool | None = None,
        cue_only: bool = False,
    ) -> None:
        """Add (or replace) a place with its primary names and extra ``(name, kind)`` names.

        A ``cue_only`` place (an Afghan village) is matched in text only under a strong cue;
        its keys are flagged so unless another place shares them.
        """
        old = None
        if not self._fresh:
            old = self.conn.execute("SELECT pk FROM places WHERE id = ?", (place.id,)).fetchone()
        if old is not None:
            self.conn.execute("DELETE FROM places WHERE pk = ?", (old[0],))
            self.conn.execute("DELETE FROM names WHERE pk = ?", (old[0],))
            self.conn.execute("DELETE FROM skel WHERE pk = ?", (old[0],))
        self._next_pk += 1
        pk = self._next_pk
        weight = score(place) if rank is None else rank
        self.conn.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (pk, place.id, place.name, place.ascii_name, place.lat, place.lon,
             place.feature_class, place.feature_code, place.country_code, place.country,
             place.admin1_code, place.admin1, place.admin2_code, place.admin2,
             place.population, place.source, weight),
        )  # fmt: skip
        keys: dict[str, int] = {}

        def put(key: str, kind: int) -> None:
            if key and kind < keys.get(key, 99):
                keys[key] = kind

        for nm, kind in [(place.name, KIND_PRIMARY), (place.ascii_name, KIND_PRIMARY), *names]:
            key = normalize(nm)
            put(key, kind)
            stripped = strip_generic(key)
            if stripped != key:
                put(stripped, KIND_STRIPPED if kind == KIND_PRIMARY else kind)
            for short in _short_forms(key, place):
                put(short, max(kind, KIND_VARIANT))
                put(strip_generic(short), max(kind, KIND_VARIANT))
            if kind == KIND_PRIMARY:  # GeoNames' own name, not an alternate ("Muang Chan")
                put(_without_local_type(key, place), KIND_STRIPPED)
        self.conn.executemany(
            "INSERT INTO names VALUES (?,?,?,?)", [(k, kd, weight, pk) for k, kd in keys.items()]
        )
        if always is None:
            always = place.feature_class in _ALWAYS_CLASSES or place.source == "curated"
            always = always or place.source.startswith("user")
        for key, kind in keys.items():
            self.note_key(
                key, place.population, always=always, primary=kind <= KIND_VARIANT, cue=cue_only
            )
        if (
            self._translit
            and place.country_code in self._tl_countries
            and (always or cue_only or place.population >= self._tl_min_pop or self._tl_all)
        ):
            skels = {translit_key(k) for k, kd in keys.items() if kd <= KIND_VARIANT}
            self.conn.executemany(
                "INSERT INTO skel VALUES (?,?,?)", [(s, weight, pk) for s in sorted(skels) if s]
            )

    def add_alternate(self, place_id: str, name: str) -> int:
        """Add an alternate name to a place already in this store; 1 if added, else 0."""
        row = self.conn.execute(
            "SELECT pk, score, population, fclass, source FROM places WHERE id = ?", (place_id,)
        ).fetchone()
        key = normalize(name)
        if row is None or not key:
            return 0
        pk, weight, population, fclass, source = row
        self.conn.execute(
            "INSERT OR IGNORE INTO names VALUES (?,?,?,?)", (key, KIND_ALTERNATE, weight, pk)
        )
        always = fclass in _ALWAYS_CLASSES or source == "curated" or source.startswith("user")
        self.note_key(key, int(population), always=always, primary=False)
        return 1

    def add_alternate_pk(self, pk: int, weight: float, name: str) -> None:
        """Add an alternate name to the place with this row key (an admin unit: always kept)."""
        key = normalize(name)
        for k in dict.fromkeys((key, strip_generic(key))):
            if k:
                self.conn.execute(
                    "INSERT OR IGNORE INTO names VALUES (?,?,?,?)", (k, KIND_ALTERNATE, weight, pk)
                )
                self.note_key(k, 0, always=True, primary=False)

    def note_key(
        self, key: str, population: int, *, always: bool, primary: bool, cue: bool = False
    ) -> None:
        """Record a key for :meth:`Gazetteer.keys` (written by :meth:`finish`).

        A key is cue-only when every place noted under it is.
        """
        info = self._keyinfo.get(key)
        if info is None:
            self._keyinfo[key] = [population, int(always and not cue), int(primary), int(cue)]
        else:
            info[0] = max(info[0], population)
            info[1] |= int(always and not cue)
            info[2] |= int(primary)
            info[3] &= int(cue)

    def finish(self) -> None:
        """Write the key summary, create the indexes and commit."""
        self.conn.executemany(
            "INSERT INTO keyinfo VALUES (?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET "
            "pop = MAX(pop, excluded.pop), always = MAX(always, excluded.always), "
            "prim = MAX(prim, excluded.prim), cue = MIN(cue, excluded.cue)",
            sorted((k, *v) for k, v in self._keyinfo.items()),
        )
        self._keyinfo.clear()
        self.conn.executescript(_INDEXES)
        self.conn.commit()


#: The place columns a lookup returns, after the name's kind and score (see ``Place``).
PLACE_COLUMNS = (
    "p.id, p.name, p.ascii_name, p.lat, p.lon, p.fclass, p.fcode, p.cc, p.country, "
    "p.a1code, p.a1, p.a2code, p.a2, p.population, p.source"
)


def ranked_rows(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows ``(kind, score, id, ...place columns)`` of one key and one store, best first: by
    kind, then score (highest first), then id; a place once, with its best kind."""
    out = []
    seen: set[str] = set()
    for row in sorted(rows, key=lambda r: (r[0], -r[1], r[2])):
        if row[2] not in seen:
            seen.add(row[2])
            out.append(row)
    return out


def write_lookup(conn: sqlite3.Connection) -> None:
    """Write the ``lookup`` table: each key's rows (:func:`ranked_rows`) packed with
    :mod:`marshal` in one value, so that a cold lookup reads one row instead of joining one
    ``places`` row per candidate ("santa maria" has 164). It holds every key of ``names``
    (161 MB for the shipped store); written once, for a store that does not change after (the
    shipped build): a later change to ``names`` or ``places`` would not reach it."""
    conn.execute("DROP TABLE IF EXISTS lookup")
    conn.execute("CREATE TABLE lookup (key TEXT PRIMARY KEY, rows BLOB) WITHOUT ROWID")
    cursor = conn.execute(
        f"SELECT n.key, n.kind, n.score, {PLACE_COLUMNS} FROM names n "
        "JOIN places p ON p.pk = n.pk ORDER BY n.key"
    )
    packed = [
        (key, marshal.dumps(tuple(ranked_rows(r[1:] for r in group))))
        for key, group in itertools.groupby(cursor, key=lambda r: r[0])
    ]
    conn.executemany("INSERT INTO lookup VALUES (?, ?)", packed)
    conn.commit()


# --- GeoNames readers ---------------------------------------------------------------------


@dataclass(slots=True)
class ReadReport:
    """Problems met while reading a file: ``(path, line number, message)``."""

    problems: list[tuple[str, int, str]] = field(default_factory=list)

    def add(self, path: str, line: int, message: str) -> None:
        """Record one malformed line."""
        self.problems.append((path, line, message))


def open_text(path: Path) -> IO[str]:
    """Open a text file that may be compressed (.gz, .xz) or a GeoNames .zip of one file."""
    name = path.name.lower()
    if name.endswith(".xz"):
        return lzma.open(path, "rt", encoding="utf-8")
    if name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if name.endswith(".zip"):
        zf = zipfile.ZipFile(path)
        members = [m for m in zf.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
        if not members:
            msg = f"cannot import {path}: the zip holds no .txt file"
            raise GazetteerError(msg)
        return io.TextIOWrapper(zf.open(members[0]), encoding="utf-8")
    return path.open(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class GeoNamesRow:
    """One row of a GeoNames dump, the fields the gazetteer uses."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    lat: float
    lon: float
    fclass: str
    fcode: str
    cc: str
    admin1: str
    admin2: str
    population: int


def read_geonames(lines: Iterable[str], path: str, report: ReadReport) -> Iterator[GeoNamesRow]:
    """Parse 19-column GeoNames rows; malformed lines go to ``report`` and are skipped."""
    for lineno, line in enumerate(lines, start=1):
        line = line.rstrip("\n").rstrip("\r")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 19:
            report.add(path, lineno, f"expected 19 tab-separated columns, found {len(cols)}")
            continue
        try:
            gid = int(cols[0])
            lat = float(cols[4])
            lon = float(cols[5])
            pop = int(cols[14] or 0)
        except ValueError as exc:
            report.add(path, lineno, f"bad number ({exc})")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            report.add(path, lineno, f"coordinates out of range ({lat}, {lon})")
            continue
        if not cols[1].strip():
            report.add(path, lineno, "empty name")
            continue
        alts = tuple(a for a in cols[3].split(",") if a) if cols[3] else ()
        yield GeoNamesRow(gid, cols[1], cols[2] or cols[1], alts, lat, lon, cols[6], cols[7],
                          cols[8], cols[10], cols[11], pop)  # fmt: skip


def read_admin_codes(lines: Iterable[str], path: str, report: ReadReport) -> dict[str, str]:
    """Parse ``admin1CodesASCII.txt``/``admin2Codes.txt``: code to ASCII name."""
    out: dict[str, str] = {}
    for lineno, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3 or "." not in cols[0]:
            report.add(path, lineno, "expected code, name, ASCII name, geonameid")
            continue
        out[cols[0]] = cols[2] or cols[1]
    return out


#: Natural Earth units whose GeoNames admin-1 code GeoNames has since withdrawn, and the unit
#: they are part of now: GeoNames folded FATA (PK.01) into Khyber Pakhtunkhwa (PK.03) in 2018.
_NE_FOLDED = {"PK.01": "PK.03"}


def admin_ids(lines: Iterable[str]) -> dict[str, str]:
    """Parse ``admin1CodesASCII.txt``/``admin2Codes.txt``: geonameid to admin code."""
    out: dict[str, str] = {}
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 4 and "." in cols[0] and cols[3]:
            out[cols[3]] = cols[0]
    return out


def ne_admin1_codes(
    features: Iterable[dict[str, Any]],
    admin1_ids: dict[str, str],
    admin2_ids: dict[str, str],
) -> list[tuple[str, bool]]:
    """The GeoNames admin-1 code of each Natural Earth admin-1 unit, and whether it is all of it.

    Natural Earth's ``gn_a1_code`` follows an older GeoNames coding. Where GeoNames recoded a
    country's first-level units since, the same code now names another unit: NE's département
    "Paris" carries FR.75, GeoNames' code of Nouvelle-Aquitaine; NE's province Agusan del Sur
    carries PH.03, now Central Luzon; NE's Dien Bien carries VN.92, now Can Tho. The unit's
    GeoNames id (``gn_id``) decides instead: the id of an admin-1 unit gives that unit's code;
    the id of an admin-2 unit gives the code of the admin-1 unit it lies in, as a part (its
    outline dissolves into the unit's; its label point and names are not the unit's). Only
    when the id is neither does ``gn_a1_code`` count, and only if GeoNames still has that
    code (or folded it into another unit, ``_NE_FOLDED``).

    Parameters
    ----------
    features : iterable of dict
        The ``properties`` of Natural Earth's ``ne_10m_admin_1`` features.
    admin1_ids, admin2_ids : dict
        GeoNames geonameid -> admin-1 / admin-2 code (:func:`admin_ids`).

    Returns
    -------
    list of (str, bool)
        Per feature, in order: the two-part code ("FR.11"; "" when no GeoNames unit matches)
        and True when the feature is that whole unit, False when it is a part of it.
    """
    codes = set(admin1_ids.values())
    out: list[tuple[str, bool]] = []
    for props in features:
        gid = props.get("gn_id")
        gid = str(int(gid)) if isinstance(gid, float) and gid == gid else str(gid or "")
        whole = admin1_ids.get(gid, "")
        if whole.count(".") == 1:
            out.append((whole, True))
            continue
        part = admin2_ids.get(gid, "")
        if part:
            out.append((".".join(part.split(".")[:2]), False))
            continue
        code = props.get("gn_a1_code")
        code = code if isinstance(code, str) else ""
        if code in _NE_FOLDED:
            out.append((_NE_FOLDED[code], False))
        else:
            out.append((code if code in codes and code.count(".") == 1 else "", True))
    return out


def _ne_units(src: Path) -> tuple[list[dict[str, Any]], list[tuple[str, bool]]]:
    """Natural Earth's admin-1 features of ``src`` and each one's GeoNames code and wholeness
    (:func:`ne_admin1_codes`, against the vendored GeoNames code files)."""
    data = json.loads(gzip.decompress((src / "ne_10m_admin_1.geojson.gz").read_bytes()))
    features: list[dict[str, Any]] = data["features"]
    return features, _ne_codes(src, [f["properties"] for f in features])


def _ne_codes(src: Path, props: Iterable[dict[str, Any]]) -> list[tuple[str, bool]]:
    return ne_admin1_codes(
        props,
        admin_ids(_lines(src / "admin1CodesASCII.txt.xz")),
        admin_ids(_lines(src / "admin2Codes.txt.xz")),
    )


def read_country_info(lines: Iterable[str], path: str, report: ReadReport) -> dict[str, str]:
    """Parse ``countryInfo.txt``: ISO alpha-2 code to English name."""
    out: dict[str, str] = {}
    for lineno, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 5 or len(cols[0]) != 2:
            report.add(
                path, lineno, "expected a countryInfo row (ISO, ISO3, numeric, fips, name...)"
            )
            continue
        out[cols[0]] = cols[4]
    return out


_SKIP_LANGS = frozenset({"link", "post", "iata", "icao", "faac", "wkdt", "fr_1793", "unlc", "tcid"})


def read_alternate_names(
    lines: Iterable[str], path: str, report: ReadReport
) -> Iterator[tuple[int, str]]:
    """Parse ``alternateNamesV2.txt``: ``(geonameid, name)``, codes and links skipped."""
    for lineno, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if not line:
            continue
        cols = line.split("\t")
        if len(cols) < 4:
            report.add(
                path, lineno, f"expected at least 4 tab-separated columns, found {len(cols)}"
            )
            continue
        try:
            gid = int(cols[1])
        except ValueError:
            report.add(path, lineno, f"bad geonameid {cols[1]!r}")
            continue
        if cols[2] not in _SKIP_LANGS and cols[3]:
            yield gid, cols[3]


def place_from_row(
    row: GeoNamesRow,
    countries: dict[str, str],
    admins: dict[str, str],
    *,
    prefix: str = "geonames",
    source: str = "geonames",
) -> Place:
    """Turn a GeoNames row into a Place, naming its country and admin units."""
    a1code = f"{row.cc}.{row.admin1}" if row.cc and row.admin1 and row.admin1 != "00" else ""
    a2code = f"{a1code}.{row.admin2}" if a1code and row.admin2 else ""
    return Place(
        id=f"{prefix}:{row.geonameid}",
        name=row.name,
        ascii_name=row.asciiname,
        lat=row.lat,
        lon=row.lon,
        feature_class=row.fclass,
        feature_code=row.fcode,
        country_code=row.cc,
        country=countries.get(row.cc, ""),
        admin1_code=a1code,
        admin1=admins.get(a1code, ""),
        admin2_code=a2code,
        admin2=admins.get(a2code, ""),
        population=row.population,
        source=source,
    )


# --- the shipped build -------------------------------------------------------------------


def sources_dir() -> Path:
    """``gazetteer/sources`` of the source tree."""
    return data_dir() / "sources"


def _fingerprint(src: Path) -> str:
    """Hash of the build inputs' names and sizes plus the build version (cheap, stable)."""
    h = hashlib.sha256(BUILD_VERSION.encode())
    files = [p for p in sorted(src.rglob("*")) if p.is_file()]
    files += [data_dir() / n for n in ("curated.tsv", "aliases.tsv", "generic_words.json",
                                        "translit.json", "country_points.tsv")]  # fmt: skip
    for p in files:
        h.update(str(p.relative_to(data_dir())).encode())
        h.update(str(p.stat().st_size).encode())
        if p.stat().st_size < 200_000:
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _lines(path: Path) -> Iterator[str]:
    with open_text(path) as fh:
        yield from fh


def _read_tsv_with_header(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return list(reader)


def build(src: Path, out_dir: Path, *, progress: Callable[[int], object] | None = None) -> Path:
    """Compile the shipped gazetteer from ``src`` into ``out_dir``; return the SQLite path.

    Deterministic: the same sources give the same rows in the same order.
    """
    report = ReadReport()
    countries = read_country_info(_lines(src / "countryInfo.txt.xz"), "countryInfo", report)
    admins = read_admin_codes(_lines(src / "admin1CodesASCII.txt.xz"), "admin1", report)
    admins.update(read_admin_codes(_lines(src / "admin2Codes.txt.xz"), "admin2", report))
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=out_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        writer = IndexWriter(conn)
        curated = _read_tsv_with_header(data_dir() / "curated.tsv")
        curated_ids = {r["id"] for r in curated}
        country_points = _country_points(src)
        n = 0
        for row in read_geonames(_lines(src / "geonames.txt.xz"), "geonames.txt", report):
            place = place_from_row(row, countries, admins)
            if place.id in curated_ids:
                continue
            kind_alt = KIND_ALTERNATE
            if row.fcode.startswith("PCL"):
                # Country names from ISO/CLDR ("Russia", "Turkey") are names, not alternates.
                kind_alt = KIND_PRIMARY
                point = country_points.get(row.cc)
                if point is not None:
                    place = _replace(place, lat=point[1], lon=point[0])
            writer.add(place, [(a, kind_alt) for a in row.alternatenames])
            n += 1
            if progress is not None and n % 10000 == 0:
                progress(10000)
        curated_keys = {
            normalize(n) for r in curated for n in (r["name"], *r["aliases"].split("|")) if n
        }
        sea_names = _add_seas(writer, src, countries, admins, report, curated_keys)
        _add_physical(writer, src, sea_names)
        _add_villages(writer, src, admins)
        for rec in curated:
            place, names, rank = _curated_place(rec, countries, admins)
            writer.add(place, names, rank=rank, always=True)
        _add_airports(writer, src, countries, admins, curated_keys)
        _add_aliases(writer, data_dir() / "aliases.tsv")
        _add_afghan_names(
            writer, src / "afg-provinces-and-districts.json.xz", src / "admin2Codes.txt.xz", admins
        )
        ne_features, ne_codes = _ne_units(src)
        _add_admin1_types(writer, ne_features, ne_codes)
        _add_former_units(writer, ne_features, ne_codes, countries)
        _add_former_country_names(writer, src / "countryInfo.txt.xz")
        _add_cyrillic_names(writer, src / "geonames-cyrillic.tsv.xz")
        conn.execute("INSERT INTO meta VALUES ('build_version', ?)", (BUILD_VERSION,))
        conn.execute("INSERT INTO meta VALUES ('problems', ?)", (str(len(report.problems)),))
        writer.finish()
        write_lookup(conn)
        conn.execute("ANALYZE")
        conn.commit()
        conn.close()
        final = out_dir / DB_FILE
        tmp.replace(final)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return final


def _add_seas(
    writer: IndexWriter,
    src: Path,
    countries: dict[str, str],
    admins: dict[str, str],
    report: ReadReport,
    curated_keys: set[str],
) -> set[str]:
    """Oceans, seas, gulfs, bays, straits and macro-regions ("Western Africa", "Caucasus
    Region") from GeoNames' no-country rows; returns their keys. A region that curated.tsv
    names already (the Middle East, Central Asia, the Levant) is left to it: one name, one
    region, not two points for it far apart."""
    path = src / "geonames-seas.txt.xz"
    keys: set[str] = set()
    if not path.exists():
        return keys
    for row in read_geonames(_lines(path), path.name, report):
        place = place_from_row(row, countries, admins)
        alternates = row.alternatenames
        if place.feature_code == "RGN":
            if normalize(place.name) in curated_keys:
                continue
            # "North America" is the continent, not also GeoNames' "Northern America"
            alternates = tuple(a for a in alternates if normalize(a) not in curated_keys)
        writer.add(place, [(a, KIND_ALTERNATE) for a in alternates], always=True)
        keys.add(normalize(place.name))
    return keys


def _add_physical(writer: IndexWriter, src: Path, sea_names: set[str]) -> None:
    """Natural Earth regions, ranges, peaks, passes, marine areas and rivers.

    A marine area or region GeoNames already has (same name), or a region named like an admin
    unit, is left to GeoNames; of several features with one name the most prominent (lowest
    scalerank) is kept. Each takes the country its point lies in (none at sea). Ranked by
    scalerank, below populated places of ~100,000.
    """
    import shapely

    path = src / "naturalearth-physical.tsv.xz"
    if not path.exists():
        return
    frame = _country_frame(src)
    tree = shapely.STRtree(frame.geometry.values)
    codes = [str(c) for c in frame["country_code"]]
    # (outlines without an ISO code, Somaliland or N. Cyprus, name no country of a point at sea)
    names = {c: str(n) for c, n in zip(codes, frame["country"], strict=True) if c}
    rows = [ln.rstrip("\n").split("\t") for ln in _lines(path) if not ln.startswith("#")]
    rows.sort(key=lambda r: (int(r[7]) if r[7].isdigit() else 9, r[0]))
    seen: set[str] = set()
    for rid, name, alts, lat, lon, fclass, fcode, rank in rows:
        key = normalize(name)
        if not key or key in seen or key in sea_names:
            continue
        # a region named like a country or province ("Baluchistan", "Kashmir") is left to it
        if writer.conn.execute(_ADMIN_KEY_SQL, (key,)).fetchone() is not None:
            continue
        seen.add(key)
        y, x = float(lat), float(lon)
        hits = tree.query(shapely.Point(x, y), predicate="intersects")
        cc = codes[int(min(hits))] if len(hits) and fcode not in {"OCN", "SEA"} else ""
        place = Place(
            id=rid, name=name, ascii_name=_ascii(name), lat=y, lon=x, feature_class=fclass,
            feature_code=fcode, country_code=cc, country=names.get(cc, ""), admin1_code="",
            admin1="", admin2_code="", admin2="", population=0, source="naturalearth",
        )  # fmt: skip
        weight = (10 - min(9, int(rank) if rank.isdigit() else 9)) * (
            1e4 if fcode == "STM" else 1e5
        )
        others = [
            (a, KIND_VARIANT)
            for a in alts.split("|")
            if a and writer.conn.execute(_ADMIN_KEY_SQL, (normalize(a),)).fetchone() is None
        ]
        writer.add(place, others, rank=weight, always=True)


#: Words that end an airport's name; what precedes them is the name it is called by in news
#: ("Erbil International Airport" -> "Erbil airport").
_AIRPORT_TAIL = ("international airport", "airport", "airfield", "air base", "aerodrome",
                 "airstrip")  # fmt: skip
_TOWN_OF_AIRPORT_SQL = (
    "SELECT p.a1code, p.a2code, p.lat, p.lon FROM names n JOIN places p ON p.pk = n.pk "
    "WHERE n.key = ? AND p.cc = ? AND p.fclass = 'P' ORDER BY n.score DESC LIMIT 3"
)
_BEST_TOWN_SQL = (
    "SELECT p.lat, p.lon FROM names n JOIN places p ON p.pk = n.pk WHERE n.key = ? "
    "AND n.kind <= 2 AND p.fclass = 'P' AND p.population >= 50000 ORDER BY n.score DESC LIMIT 1"
)


def _add_airports(
    writer: IndexWriter,
    src: Path,
    countries: dict[str, str],
    admins: dict[str, str],
    curated_keys: set[str],
) -> None:
    """Airports with an IATA code (``airports.tsv.xz``, from ``airportsdata``), S.AIRP.

    Known by their full names ("Jinnah International Airport") and by the names news calls
    them ("Karachi airport", "Erbil International Airport"): "<town> Airport" and
    "<town> International Airport" for the town the data gives and for the name without its
    last words, unless two airports of a country share that short name (London, Tripoli).
    Province and district: those of the town (within 50 km), else none. An airport a curated
    row already names (Kabul's) is left to it.
    """
    path = src / "airports.tsv.xz"
    if not path.exists():
        return
    rows = [ln.rstrip("\n").split("\t") for ln in _lines(path) if not ln.startswith("#")]
    rows = [r for r in rows if len(r) == 7]

    def towns(name: str, city: str) -> list[str]:
        low = name.lower()
        base = next((name[: -len(t)].strip() for t in _AIRPORT_TAIL if low.endswith(t)), "")
        return [t for t in dict.fromkeys((city, base)) if t and normalize(t)]

    short: dict[tuple[str, str], int] = {}
    for _, _, name, city, cc, _, _ in rows:
        for town in towns(name, city):
            short[cc, normalize(town)] = short.get((cc, normalize(town)), 0) + 1

    def elsewhere(town: str, y: float, x: float) -> bool:
        # "London Airport" (Ontario), "Tripoli airport" (Lebanon's): the town's best-known
        # namesake of 50,000 or more is more than 50 km away, so the words mean that one's
        top = writer.conn.execute(_BEST_TOWN_SQL, (normalize(town),)).fetchone()
        return top is not None and haversine_km(y, x, top[0], top[1]) > 50

    for icao, _, name, city, cc, lat, lon in rows:
        y, x = float(lat), float(lon)
        own = towns(name, city)
        far = {town: elsewhere(town, y, x) for town in own}
        if any(
            far[town] and normalize(name) == normalize(f"{town} {tail}")
            for town in own
            for tail in _AIRPORT_TAIL
        ):
            continue
        aliases = [
            f"{town} {tail}"
            for town in own
            if short[cc, normalize(town)] == 1 and not far[town]
            for tail in ("Airport", "International Airport")
        ]
        if any(normalize(n) in curated_keys for n in (name, *aliases)):
            continue
        a1 = a2 = ""
        for town in own:
            hit = next(
                (
                    h
                    for h in writer.conn.execute(_TOWN_OF_AIRPORT_SQL, (normalize(town), cc))
                    if haversine_km(y, x, h[2], h[3]) <= 50
                ),
                None,
            )
            if hit is not None:
                a1, a2 = hit[0] or "", hit[1] or ""
                break
        place = Place(
            id=f"airport:{icao}", name=name, ascii_name=_ascii(name), lat=y, lon=x,
            feature_class="S", feature_code="AIRP", country_code=cc,
            country=countries.get(cc, ""), admin1_code=a1, admin1=admins.get(a1, ""),
            admin2_code=a2, admin2=admins.get(a2, ""), population=0, source="airports",
        )  # fmt: skip
        keys = {normalize(name)}
        names = []
        for alias in aliases:
            if normalize(alias) not in keys:
                keys.add(normalize(alias))
                names.append((alias, KIND_VARIANT))
        writer.add(place, names, always=True)


_ADMIN_KEY_SQL = (
    "SELECT 1 FROM names n JOIN places p ON p.pk = n.pk WHERE n.key = ? AND p.fclass = 'A' LIMIT 1"
)


def _ascii(name: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if ord(c) < 128 and not unicodedata.combining(c)) or name


def _add_villages(writer: IndexWriter, src: Path, admins: dict[str, str]) -> None:
    """Afghan villages (and Kabul's named quarters), matched in text only under a strong cue.

    Province and district are the GeoNames admin units of the same name (exact, then
    transliteration key); "(1)"-style suffixes are dropped and a bracketed second name
    ("Adawar (Bibi Shelger)") becomes an alternate.
    """
    path = src / "afghanistan-villages.tsv.xz"
    if not path.exists():
        return
    units: dict[tuple[str, str], str] = {}
    for code, nm in sorted(admins.items()):
        if code.startswith("AF."):
            parent = code.rsplit(".", 1)[0] if code.count(".") == 2 else ""
            key = strip_generic(normalize(nm))
            for k in (key, "~" + translit_key(key)):
                units.setdefault((parent, k), code)

    def unit(parent: str, name: str) -> str:
        key = strip_generic(normalize(name.split("(")[0]))
        return units.get((parent, key)) or units.get((parent, "~" + translit_key(key)), "")

    for n, line in enumerate(ln for ln in _lines(path) if not ln.startswith("#")):
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 5:
            continue
        raw, province, district, lat, lon = cols
        name, _, alt = raw.partition("(")
        name, alt = name.strip(), alt.rstrip(")").strip()
        if len(normalize(name)) < 4:
            continue
        name = name[0].upper() + name[1:]
        a1 = unit("", province)
        a2 = unit(a1, district) if a1 else ""
        place = Place(
            id=f"villages:{n + 1}", name=name, ascii_name=_ascii(name), lat=float(lat),
            lon=float(lon), feature_class="P", feature_code="PPL", country_code="AF",
            country="Afghanistan", admin1_code=a1, admin1=admins.get(a1, ""), admin2_code=a2,
            admin2=admins.get(a2, district), population=0, source="villages",
        )  # fmt: skip
        alts = [(alt, KIND_ALTERNATE)] if alt and not alt.isdigit() else []
        writer.add(place, alts, always=False, cue_only=True)


def _replace(place: Place, **changes: Any) -> Place:
    from dataclasses import replace

    return replace(place, **changes)


def _curated_place(
    rec: dict[str, str], countries: dict[str, str], admins: dict[str, str]
) -> tuple[Place, list[tuple[str, int]], float]:
    try:
        lat, lon, rank = float(rec["lat"]), float(rec["lon"]), float(rec["rank"])
    except (TypeError, ValueError) as exc:
        msg = f"curated.tsv: bad number in row {rec.get('id')!r} ({exc})"
        raise GazetteerError(msg) from None
    cc = rec["country_code"] or ""
    a1 = f"{cc}.{rec['admin1_code']}" if cc and rec["admin1_code"] else ""
    a2 = f"{a1}.{rec['admin2_code']}" if a1 and rec["admin2_code"] else ""
    name = rec["name"]
    place = Place(
        id=rec["id"], name=name, ascii_name=normalize(name) and name, lat=lat, lon=lon,
        feature_class=rec["feature_class"], feature_code=rec["feature_code"], country_code=cc,
        country=countries.get(cc, ""), admin1_code=a1, admin1=admins.get(a1, ""),
        admin2_code=a2, admin2=admins.get(a2, ""), population=0, source="curated",
    )  # fmt: skip
    names = [(a, KIND_PRIMARY) for a in (rec["aliases"] or "").split("|") if a]
    return place, names, rank


def _add_aliases(writer: IndexWriter, path: Path) -> None:
    for rec in _read_tsv_with_header(path):
        row = writer.conn.execute(
            "SELECT pk, score, population FROM places WHERE id = ?", (rec["place_id"],)
        ).fetchone()
        if row is None:
            msg = f"{path.name}: alias {rec['alias']!r} names unknown place {rec['place_id']}"
            raise GazetteerError(msg)
        key = normalize(rec["alias"])
        writer.conn.execute(
            "INSERT OR IGNORE INTO names VALUES (?,?,?,?)", (key, KIND_PRIMARY, row[1], row[0])
        )
        writer.note_key(key, int(row[2]), always=True, primary=True)
        skel = translit_key(key)
        if skel:
            writer.conn.execute("INSERT INTO skel VALUES (?,?,?)", (skel, row[1], row[0]))


def _add_afghan_names(
    writer: IndexWriter, path: Path, admin2_path: Path, admins: dict[str, str]
) -> None:
    """Dari/Pashto names of Afghan provinces and districts, as source variants; and the
    districts GeoNames has an admin-2 code for but the other sources no point: placed at this
    source's district point (its name matched to the code within the province by key, then by
    transliteration key)."""
    data = json.loads(lzma.decompress(path.read_bytes()).decode("utf-8"))
    provinces = {
        normalize(str(r[0])): (int(r[1]), float(r[2]), str(r[3]))
        for r in writer.conn.execute(
            "SELECT ascii_name, pk, score, a1code FROM places WHERE cc = 'AF' AND fcode = 'ADM1'"
        )
    }
    districts = {
        str(r[0]): (int(r[1]), float(r[2]))
        for r in writer.conn.execute(
            "SELECT a2code, pk, score FROM places WHERE cc = 'AF' AND fcode = 'ADM2'"
        )
    }
    codes: dict[tuple[str, str], tuple[str, str, str]] = {}  # (a1, key) -> code, name, id
    for line in _lines(admin2_path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 4 and cols[0].startswith("AF."):
            a1 = cols[0].rsplit(".", 1)[0]
            key = strip_generic(normalize(cols[2] or cols[1]))
            for k in (key, "~" + translit_key(key)):
                codes.setdefault((a1, k), (cols[0], cols[1], cols[3]))

    def variants(names: Iterable[str | None], pk: int, weight: float) -> None:
        for nm in names:
            k = normalize(nm or "")
            if k:
                writer.conn.execute(
                    "INSERT OR IGNORE INTO names VALUES (?,?,?,?)", (k, KIND_VARIANT, weight, pk)
                )
                writer.note_key(k, 0, always=True, primary=True)

    for prov in data:
        key = normalize(prov["name"])
        target = provinces.get(key) or provinces.get(strip_generic(key))
        if target is None:
            continue
        variants((prov.get("nameFa"), prov.get("namePa")), target[0], target[1])
        for dist in prov.get("districts", []):
            dkey = strip_generic(normalize(dist["name"]))
            found = codes.get((target[2], dkey)) or codes.get((target[2], "~" + translit_key(dkey)))
            if found is None:
                continue
            code, name, gid = found
            if code not in districts:
                lat, lon = float(dist["latitude"] or 0), float(dist["longitude"] or 0)
                if not lat or not lon:
                    continue
                place = Place(
                    id=f"geonames:{gid}", name=name, ascii_name=admins.get(code, name),
                    lat=lat, lon=lon, feature_class="A", feature_code="ADM2",
                    country_code="AF", country="Afghanistan", admin1_code=target[2],
                    admin1=admins.get(target[2], ""), admin2_code=code,
                    admin2=admins.get(code, name), population=0, source="geonames",
                )  # fmt: skip
                writer.add(place, [(dist["name"], KIND_VARIANT)])
                row = writer.conn.execute(
                    "SELECT pk, score FROM places WHERE id = ?", (place.id,)
                ).fetchone()
                districts[code] = (int(row[0]), float(row[1]))
            pk, weight = districts[code]
            variants((dist.get("nameFa"), dist.get("namePa")), pk, weight)


#: Natural Earth's first-level unit types (its ``type`` and ``type_en``, lower-cased) and the
#: English type words news text writes after such a unit's name.
_ADMIN1_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "province": ("Province",), "state": ("State",), "region": ("Region",),
    "oblast": ("Oblast",), "oblast'": ("Oblast",), "kray": ("Krai", "Kray"),
    "territory": ("Territory",), "respublika": ("Republic",), "republic": ("Republic",),
    "governorate": ("Governorate",), "muhafazah": ("Governorate", "Province"),
    "autonomous region": ("Autonomous Region",), "division": ("Division",),
}  # fmt: skip


def _type_words(props: dict[str, Any]) -> list[str]:
    """The type words of a Natural Earth admin-1 unit ("Province", "Oblast"), from its ``type``
    and ``type_en``."""
    return [
        w
        for raw in (props.get("type"), props.get("type_en"))
        for part in str(raw or "").lower().split("|")
        for w in _ADMIN1_TYPE_WORDS.get(part.strip(), ())
    ]


def unit_middle(geometry: dict[str, Any]) -> tuple[float, float]:
    """(lat, lon) of a unit: the centroid of its largest part, or a point inside that part
    when the centroid falls outside it (a crescent, a bay).

    GeoNames places a first-level unit near its geometric middle (Alaska at 64 N 150 W), as do
    the gold standards geoparsers are scored on; Natural Earth's label point is placed for a
    label to fit (Alaska's lies 170 km from GeoNames' point). Measured on the LGL and GeoVirus
    first-level units: 664 and 391 within 161 km of the gold point, against 661 and 389 with
    the label points.
    """
    import shapely.geometry

    shape = shapely.geometry.shape(geometry)
    largest = max(getattr(shape, "geoms", [shape]), key=lambda part: part.area)
    point = largest.centroid
    if not largest.contains(point):
        point = largest.representative_point()
    return (round(point.y, 5), round(point.x, 5))


def _add_former_country_names(writer: IndexWriter, path: Path) -> None:
    """Former names of countries from GeoNames' withdrawn country codes, as alternates.

    ``countryInfo.txt`` keeps rows for withdrawn ISO 3166 codes (ISO 3166-3) with the ISO
    numeric code the country kept: ZR "Zaire, Republic of" has 180, DR Congo's; HV "Upper
    Volta" 854, Burkina Faso's; DY "Dahomey" 204, Benin's; TP "East Timor" 626. Their name (up
    to the first comma) becomes an alternate name of today's country with that number. A
    withdrawn code that was given again to another country (GE, SK, AI) is skipped: its row
    carries the new country's name.
    """
    rows = [ln.rstrip("\n").split("\t") for ln in _lines(path) if not ln.startswith("#")]
    rows = [r for r in rows if len(r) > 16]
    current = {r[2]: r[16] for r in rows if r[2] and r[16]}  # ISO numeric -> geonameid
    codes = {r[0] for r in rows if r[16]}
    for r in rows:
        if r[16] or r[0] in codes or r[2] not in current:
            continue
        name = r[4].split(",")[0].strip()
        if name:
            writer.add_alternate(f"geonames:{current[r[2]]}", name)


#: Natural Earth unit types (``type_en``) of first-level rank: such a unit GeoNames lacks is a
#: former first-level unit (ADM1H); a unit of another type (a London borough, a Latvian
#: municipality, a Malawian district) is a division of undetermined level to GeoNames (ADMD).
_FORMER_FIRST_LEVEL = frozenset(
    {"province", "region", "state", "county", "administrative zone", "administrative state",
     "emirate", "autonomous region", "autonomous province", "territory"}
)  # fmt: skip


def _add_former_units(
    writer: IndexWriter,
    features: Sequence[dict[str, Any]],
    codes: Sequence[tuple[str, bool]],
    countries: dict[str, str],
) -> None:
    """Natural Earth's first-level units that GeoNames' current coding lacks, as ``ADM1H``.

    News still names units a country abolished or merged (Kenya's eight provinces until 2013,
    Katanga and the other DR Congo provinces until 2015, Vietnam's provinces merged in 2025,
    Nepal's zones) and territories GeoNames codes inside another unit (Somaliland, Northern
    Cyprus): each Natural Earth unit that matches no GeoNames unit (:func:`ne_admin1_codes`)
    and whose name does not already name a place of its country becomes a place of feature
    code ``ADM1H`` (GeoNames' "historical first-order administrative division"; ``ADMD``, a
    division of undetermined level, when NE's type for it is not a first-level one, as for
    London's boroughs) at the middle of its outline (:func:`unit_middle`), in its country and
    in no admin-1 unit, with its Natural Earth alternates and type word ("Nyanza Province"). A
    name that is a common English word ("Western", "Coast", ``data/common_words.tsv``) is kept
    only with its type word ("Western Province").
    """
    common = common_words()
    for feature, (code, _) in zip(features, codes, strict=True):
        props, geometry = feature["properties"], feature.get("geometry")
        cc = str(props.get("iso_a2") or "")
        name = str(props.get("name") or "").strip()
        if code or cc not in countries or not name or not geometry or name.isupper():
            continue  # (an acronym, "UNDOF", is a force's name before it is a zone's)
        key = normalize(name)
        known = writer.conn.execute(
            "SELECT 1 FROM names n JOIN places p ON p.pk = n.pk WHERE n.key = ? AND p.cc = ?"
            " LIMIT 1",
            (key, cc),
        ).fetchone()
        if known is not None:
            continue  # a city NE counts as a unit (Cork, Davao), or a unit under another code
        typed = [f"{name} {w}" for w in dict.fromkeys(_type_words(props))]
        if " " not in key and key in common:
            if not typed:
                continue
            name, typed = typed[0], typed[1:]
        alts = [a for a in str(props.get("name_alt") or "").split("|") if a.strip()]
        lat, lon = unit_middle(geometry)
        kind = str(props.get("type_en") or "").lower()
        place = Place(
            id=f"naturalearth:{props.get('adm1_code') or key}", name=name,
            ascii_name=_ascii(name), lat=lat, lon=lon, feature_class="A",
            feature_code="ADM1H" if not kind or kind in _FORMER_FIRST_LEVEL else "ADMD",
            country_code=cc, country=countries[cc], admin1_code="",
            admin1="", admin2_code="", admin2="", population=0, source="naturalearth",
        )  # fmt: skip
        writer.add(place, [(n, KIND_VARIANT) for n in typed] + [(a, KIND_ALTERNATE) for a in alts])


def _add_cyrillic_names(writer: IndexWriter, path: Path) -> None:
    """GeoNames' Cyrillic alternate names of towns ("Москва", "Кабул"), as alternates."""
    if not path.exists():
        return
    for line in _lines(path):
        if line.startswith("#"):
            continue
        gid, _, names = line.rstrip("\n").partition("\t")
        for name in names.split("|"):
            writer.add_alternate(f"geonames:{gid}", name)


def _names_place(writer: IndexWriter, key: str, pk: int) -> bool:
    row = writer.conn.execute("SELECT 1 FROM names WHERE key = ? AND pk = ?", (key, pk))
    return row.fetchone() is not None


def _fields(props: dict[str, Any], fields: Sequence[str]) -> list[str]:
    """The distinct non-empty values of some properties, in the fields' order."""
    return list(dict.fromkeys(v for f in fields if (v := str(props.get(f) or ""))))


def _add_admin1_types(
    writer: IndexWriter, features: Sequence[dict[str, Any]], codes: Sequence[tuple[str, bool]]
) -> None:
    """Natural Earth's English names of first-level units with their type word ("Volgograd
    Oblast", "Krasnodar Krai", "Republic of Dagestan") as variants of the GeoNames unit, and
    each country's type words for its first-level units (Pakistan's Punjab is a province,
    India's a state) into ``admin1_types``."""
    units = {
        str(r[0]): (int(r[1]), float(r[2]))
        for r in writer.conn.execute("SELECT a1code, pk, score FROM places WHERE fcode = 'ADM1'")
    }
    types: set[tuple[str, str]] = set()
    for feature, (code, whole) in zip(features, codes, strict=True):
        props = feature["properties"]
        # a part (a French département of a région) has neither the unit's type nor its names
        cc = code.split(".")[0] if code and whole else ""
        words = _type_words(props)
        if not cc or not words:
            continue
        types.update((cc, w.lower()) for w in words)
        unit = units.get(code)
        if unit is None:
            continue
        # in a fixed order (a set's order changes with the hash seed, and so did the names)
        for name in _fields(props, ("name_ru", "name_ar", "name_fa")):
            writer.add_alternate_pk(unit[0], unit[1], name)  # Cyrillic and Arabic script
        for name in _fields(props, ("name", "name_en")):
            # "Ohio State" is a university: a type word only where the name alone is not
            # the unit's ("Volgograd" is the city, "Volgograd Oblast" the unit)
            if not name.isascii() or _names_place(writer, normalize(name), unit[0]):
                continue
            forms = [f"{name} {w}" for w in words]
            forms += [f"Republic of {name}" for w in words if w == "Republic"]
            for form in forms:
                key = normalize(form)
                writer.conn.execute(
                    "INSERT OR IGNORE INTO names VALUES (?,?,?,?)",
                    (key, KIND_VARIANT, unit[1], unit[0]),
                )
                writer.note_key(key, 0, always=True, primary=True)
        for name in _exonyms(props):
            # "Lower Shebelle" (Shabeellaha Hoose), "North Sinai" (Shamal Sina'): the English
            # name, where no place of the gazetteer has that name yet
            key = normalize(name)
            if not writer.conn.execute(
                "SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)
            ).fetchone():
                writer.add_alternate_pk(unit[0], unit[1], name)
    writer.conn.executemany("INSERT OR IGNORE INTO admin1_types VALUES (?,?)", sorted(types))


def _exonyms(props: dict[str, Any]) -> list[str]:
    """A Natural Earth first-level unit's English name (``name_en``) when fit to be matched in
    running text: written in ASCII, of four characters or more, no abbreviation ("J. Hoose")."""
    name = str(props.get("name_en") or "").strip()
    fit = len(name) >= 4 and name.isascii() and "." not in name and not name.isupper()
    return [name] if fit and any(c.isalpha() for c in name) else []


def ensure_built(*, quiet: bool = False, force: bool = False) -> Path:
    """The compiled shipped gazetteer, building it into the cache dir if missing or stale."""
    src = sources_dir()
    if not (src / "geonames.txt.xz").exists():
        msg = f"gazetteer sources not found in {src}: the source tree is incomplete"
        raise GazetteerError(msg)
    out = cache_dir() / f"gazetteer-{_fingerprint(src)}"
    db = out / DB_FILE
    if force or not db.exists():
        with _build_lock(cache_dir()):
            if force or not db.exists():  # another process may have built it meanwhile
                _remove_dead_temporaries(cache_dir())
                if not quiet:  # one line, terminal or not; the bar below is for terminals
                    log.warning("compiling the gazetteer once into %s (about a minute)", out)
                _build_with_progress(src, out, quiet=quiet, force=force)
                _remove_stale_builds(out)
    return db


#: Temporary files of builds, in ``cache_dir()/gazetteer-*/``: a build killed before its rename
#: leaves one (up to ~50 MB each).
_BUILD_TEMPORARIES = (".gazetteer-*.tmp", ".outlines-*.gpkg*")


def _remove_dead_temporaries(cache: Path) -> None:
    """Delete what killed builds left. Call under :func:`_build_lock`: every build holds it, so
    no temporary file present then belongs to a live build."""
    for folder in cache.glob("gazetteer-*"):
        for pattern in _BUILD_TEMPORARIES:
            for leftover in folder.glob(pattern):
                with suppress(OSError):
                    leftover.unlink()


@contextmanager
def _build_lock(directory: Path) -> Iterator[None]:
    """Serialise builds between processes (tests run in parallel share one cache)."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / ".build.lock").open("w") as fh:
        try:
            import fcntl
        except ImportError:  # Windows: no lock, the atomic renames still keep files whole
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _remove_stale_builds(current: Path) -> None:
    """Delete compiled gazetteers of older sources (each is ~270 MB)."""
    for old in current.parent.glob("gazetteer-*"):
        if old != current and old.is_dir():
            for f in old.iterdir():
                with suppress(OSError):
                    f.unlink()
            with suppress(OSError):
                old.rmdir()


def _build_with_progress(src: Path, out: Path, *, quiet: bool, force: bool) -> None:
    from tqdm import tqdm

    hidden = quiet or not sys.stderr.isatty()  # a bar only on a terminal
    with tqdm(
        total=280_000, unit=" places", desc="building gazetteer (once)", disable=hidden,
        leave=False,
    ) as bar:  # fmt: skip
        build(src, out, progress=bar.update)
    if force or not (out / OUTLINES_FILE).exists():
        build_outlines(src, out)


def open_store(path: Path) -> sqlite3.Connection:
    """Open a compiled store read-only."""
    if not path.exists():
        msg = f"gazetteer {path} does not exist"
        raise GazetteerError(msg)
    try:
        conn = sqlite3.connect(
            f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        conn.execute("SELECT 1 FROM places LIMIT 1").fetchall()
        # Memory-mapped reads halve the cost of a cold lookup; pages are shared and evictable.
        conn.execute("PRAGMA mmap_size = 268435456")
    except sqlite3.DatabaseError as exc:
        msg = f"gazetteer {path} is not a compiled gazetteer ({exc})"
        raise GazetteerError(msg) from None
    return conn


# --- outlines ----------------------------------------------------------------------------


def ensure_outlines() -> Path:
    """The compiled outlines GeoPackage, building it into the cache dir if missing."""
    src = sources_dir()
    out = cache_dir() / f"gazetteer-{_fingerprint(src)}"
    path = out / OUTLINES_FILE
    if not path.exists():
        with _build_lock(cache_dir()):  # so that no build's temporary file is live unlocked
            if not path.exists():
                build_outlines(src, out)
    return path


def _country_points(src: Path) -> dict[str, tuple[float, float]]:
    """Each country's point (lon, lat), by ISO code.

    GeoNames places a country at round degrees near its middle (the CIA World Factbook's
    "geographic coordinates"), and so do the gold standards geoparsers are measured on; the
    vendored factbook points (``sources/country_points.tsv.xz``) and the reviewed corrections
    of ``country_points.tsv`` give that point. A country neither lists falls back to a
    representative point inside its Natural Earth outline, and so does one whose factbook point
    lies inside another country (Kuwait's 29.5 N 45.75 E is in Iraq, Liechtenstein's in
    Austria): a pin there would be read as the neighbour. A point at sea is kept.
    """
    import shapely

    frame = _country_frame(src)
    out = _outline_points(frame)
    tree = shapely.STRtree(frame.geometry.values)
    codes = [str(c) for c in frame["country_code"]]
    path = src / "country_points.tsv.xz"
    if path.exists():
        for line in _lines(path):
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and len(cols[0]) == 2 and not line.startswith("#"):
                point = (float(cols[2]), float(cols[1]))
                inside = {codes[int(i)] for i in tree.query(shapely.Point(point), "intersects")}
                if not inside or cols[0] in inside:
                    out[cols[0]] = point
    for rec in _read_tsv_with_header(data_dir() / "country_points.tsv"):
        try:
            out[rec["iso_a2"]] = (float(rec["lon"]), float(rec["lat"]))
        except (TypeError, ValueError) as exc:
            msg = f"country_points.tsv: bad number in row {rec.get('iso_a2')!r} ({exc})"
            raise GazetteerError(msg) from None
    return out


def _outline_points(frame: geopandas.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """A representative point (lon, lat) inside each country's outline, by ISO code."""
    out: dict[str, tuple[float, float]] = {}
    for cc, geom in zip(frame["country_code"], frame.geometry, strict=True):
        if cc and geom is not None and not geom.is_empty:
            # Inside the largest part: a multi-part outline's own point can land on an island.
            # Parts wider than 180 degrees are artefacts of the antimeridian (Fiji, Chukotka).
            parts = list(getattr(geom, "geoms", [geom]))
            parts = [g for g in parts if g.bounds[2] - g.bounds[0] < 180] or parts
            pt = max(parts, key=lambda g: g.area).representative_point()
            out[str(cc)] = (round(pt.x, 5), round(pt.y, 5))
    return out


def _country_frame(src: Path) -> geopandas.GeoDataFrame:
    import geopandas as gpd
    import pyogrio
    import shapely

    numeric: dict[str, tuple[str, str]] = {}
    for line in _lines(src / "countryInfo.txt.xz"):
        cols = line.rstrip("\n").split("\t")
        # Withdrawn codes (ZR Zaire, TP East Timor, DY, HV, YU) share their ISO numeric code with
        # today's country (180 is CD, 626 TL) and have no GeoNames feature (column 17): skip them.
        if len(cols) > 16 and cols[2] and cols[16]:
            numeric[cols[2].zfill(3)] = (cols[0], cols[4])
    data = lzma.decompress((src / "countries-50m.topojson.xz").read_bytes())
    frame = pyogrio.read_dataframe(io.BytesIO(data), layer="countries")
    codes = [numeric.get(str(i).zfill(3), ("", "")) for i in frame["id"].fillna("")]
    out = gpd.GeoDataFrame(
        {
            "country_code": [c[0] for c in codes],
            "country": [c[1] or str(n) for c, n in zip(codes, frame["name"], strict=True)],
        },
        geometry=[_drop_wrapped_parts(g) for g in shapely.make_valid(frame.geometry.values)],
        crs="EPSG:4326",
    )
    out = out.dissolve(by=["country_code", "country"], as_index=False, sort=True)
    return out


def _drop_wrapped_parts(geom: Any) -> Any:
    """Remove polygon parts that wrap around the globe (TopoJSON arcs across the antimeridian).

    Such a part (of Fiji, Kiribati, Chukotka...) spans more than 180 degrees of longitude and
    would draw a band around the world; Antarctica, which really spans them, is kept.
    """
    import shapely

    if geom is None or geom.is_empty:
        return geom
    parts = list(getattr(geom, "geoms", [geom]))
    kept = [g for g in parts if g.bounds[2] - g.bounds[0] < 180 or g.bounds[1] < -60]
    polys = [p for g in kept for p in getattr(g, "geoms", [g]) if p.geom_type == "Polygon"]
    if len(kept) == len(parts) or not polys:
        return geom
    return shapely.MultiPolygon(polys)


def _afghan_districts(
    src: Path,
    admin1: geopandas.GeoDataFrame,
    admin2_names: dict[str, str],
    countries: dict[str, str],
) -> geopandas.GeoDataFrame:
    """geoBoundaries district outlines with their province and GeoNames admin-2 code.

    The province is the Natural Earth unit containing the district; the code comes from the
    GeoNames admin-2 of the same name in that province (exact key, then transliteration key),
    else from the one GeoNames admin-2 point lying inside the outline. Unmatched districts keep
    their geoBoundaries name and an empty code.
    """
    import geopandas as gpd
    import shapely

    adm2 = gpd.read_file(
        io.BytesIO(lzma.decompress((src / "geoBoundaries-AFG-ADM2.geojson.xz").read_bytes()))
    ).to_crs("EPSG:4326")
    afg1 = admin1[admin1["country_code"] == "AF"].reset_index(drop=True)
    province_tree = shapely.STRtree(afg1.geometry.values)
    by_name: dict[tuple[str, str], tuple[str, str]] = {}
    for code, nm in sorted(admin2_names.items()):
        a1 = code.rsplit(".", 1)[0]
        key = strip_generic(normalize(nm))
        by_name.setdefault((a1, key), (code, nm))
        by_name.setdefault((a1, "~" + translit_key(key)), (code, nm))
    report = ReadReport()
    points = [
        (f"AF.{r.admin1}.{r.admin2}", shapely.Point(r.lon, r.lat))
        for r in read_geonames(_lines(src / "geonames.txt.xz"), "geonames.txt", report)
        if r.cc == "AF" and r.fcode == "ADM2"
    ]
    point_tree = shapely.STRtree([pt for _, pt in points])
    rows: list[list[str]] = []
    for shape_name, geom in zip(adm2["shapeName"], adm2.geometry, strict=True):
        hits = province_tree.query(geom.representative_point(), predicate="within")
        a1code = str(afg1["admin1_code"].iloc[int(min(hits))]) if len(hits) else ""
        a1name = str(afg1["admin1"].iloc[int(min(hits))]) if len(hits) else ""
        key = strip_generic(normalize(str(shape_name).split("(")[0]))
        match = by_name.get((a1code, key)) or by_name.get((a1code, "~" + translit_key(key)))
        if match is None:
            inside = [points[int(i)][0] for i in point_tree.query(geom, predicate="contains")]
            if len(inside) == 1 and inside[0] in admin2_names:
                match = (inside[0], admin2_names[inside[0]])
        code, name = match if match else ("", str(shape_name))
        rows.append([a1code, a1name, code, name])
    used: dict[str, int] = {}
    for row in rows:
        used[row[2]] = used.get(row[2], 0) + 1
    for row in rows:  # a code claimed by two outlines is ambiguous: keep neither
        if row[2] and used[row[2]] > 1:
            row[2] = ""
    return gpd.GeoDataFrame(
        {
            "country_code": "AF",
            "country": countries.get("AF", "Afghanistan"),
            "admin1_code": [r[0] for r in rows],
            "admin1": [r[1] for r in rows],
            "admin2_code": [r[2] for r in rows],
            "admin2": [r[3] for r in rows],
        },
        geometry=adm2.geometry.values,
        crs="EPSG:4326",
    )


def build_outlines(src: Path, out_dir: Path) -> Path:
    """Compile country, admin-1 and (Afghan) admin-2 outlines into a GeoPackage."""
    import geopandas as gpd
    import pyogrio
    import shapely

    report = ReadReport()
    countries = read_country_info(_lines(src / "countryInfo.txt.xz"), "countryInfo", report)
    admins = read_admin_codes(_lines(src / "admin1CodesASCII.txt.xz"), "admin1", report)
    admin2 = read_admin_codes(_lines(src / "admin2Codes.txt.xz"), "admin2", report)

    country = _country_frame(src)
    country["admin1_code"] = ""
    country["admin1"] = ""
    country["admin2_code"] = ""
    country["admin2"] = ""

    ne = pyogrio.read_dataframe(
        io.BytesIO(gzip.decompress((src / "ne_10m_admin_1.geojson.gz").read_bytes())),
        columns=["iso_a2", "gn_a1_code", "gn_id", "name", "adm1_code"],
    )
    props = [
        {"gn_a1_code": c, "gn_id": i} for c, i in zip(ne["gn_a1_code"], ne["gn_id"], strict=True)
    ]
    codes = [code for code, _ in _ne_codes(src, props)]
    cc = [c.split(".")[0] if c else (a or "") for c, a in zip(codes, ne["iso_a2"], strict=True)]
    names = [admins.get(c, "") or str(n or "") for c, n in zip(codes, ne["name"], strict=True)]
    keys = [c or f"ne:{a}" for c, a in zip(codes, ne["adm1_code"], strict=True)]
    admin1 = gpd.GeoDataFrame(
        {"key": keys, "country_code": cc, "admin1_code": list(codes), "admin1": names},
        geometry=shapely.make_valid(ne.geometry.values),
        crs="EPSG:4326",
    )
    admin1 = admin1.dissolve(by="key", as_index=False, sort=True).drop(columns="key")
    admin1["country"] = [countries.get(c, "") for c in admin1["country_code"]]
    admin1["admin2_code"] = ""
    admin1["admin2"] = ""

    admin2_frame = _afghan_districts(src, admin1, admin2, countries)
    columns = ["country_code", "country", "admin1_code", "admin1", "admin2_code", "admin2",
               "geometry"]  # fmt: skip
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".outlines-", suffix=".gpkg", dir=out_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        for level, frame in (("country", country), ("admin1", admin1), ("admin2", admin2_frame)):
            frame = frame[columns].copy()
            frame["geometry"] = frame.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
            frame = frame.sort_values(["country_code", "admin1_code", "admin2_code", "admin2"])
            pyogrio.write_dataframe(frame.reset_index(drop=True), tmp, layer=level,
                                    driver="GPKG")  # fmt: skip
        final = out_dir / OUTLINES_FILE
        tmp.replace(final)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return final


def read_outlines(path: Path, level: str) -> geopandas.GeoDataFrame:
    """Read one layer of a compiled outlines GeoPackage."""
    import pyogrio

    try:
        frame = pyogrio.read_dataframe(path, layer=level)
    except Exception as exc:  # pyogrio raises several unrelated types for a bad file
        msg = f"cannot read outlines layer {level!r} from {path}: {exc}"
        raise GazetteerError(msg) from None
    for col in ("country_code", "country", "admin1_code", "admin1", "admin2_code", "admin2"):
        frame[col] = frame[col].fillna("").astype(str)
    return frame


# --- user import -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did."""

    path: Path
    places: int
    alternates: int
    problems: tuple[tuple[str, int, str], ...]


def _file_role(path: Path) -> str:
    name = path.name.lower()
    for prefix, role in (
        ("alternatenames", "alternates"),
        ("admin1codes", "admin"),
        ("admin2codes", "admin"),
        ("countryinfo", "countries"),
    ):
        if prefix in name:
            return role
    return "places"


def _shipped_names(shipped: Path | None) -> tuple[dict[str, str], dict[str, str]]:
    """Country and admin names of the shipped gazetteer, for dumps that lack code files."""
    countries: dict[str, str] = {}
    admins: dict[str, str] = {}
    if shipped is None:
        return countries, admins
    ship = open_store(shipped)
    try:
        sql = "SELECT cc, name FROM places WHERE fcode LIKE 'PCL%' AND cc != ''"
        countries.update(ship.execute(sql).fetchall())
        admins.update(ship.execute("SELECT a1code, a1 FROM places WHERE fcode = 'ADM1'"))
        admins.update(ship.execute("SELECT a2code, a2 FROM places WHERE fcode = 'ADM2'"))
    finally:
        ship.close()
    return countries, admins


def _nothing_imported(paths: Sequence[Path], report: ReadReport) -> str:
    names = ", ".join(str(p) for p in paths)
    if not report.problems:
        return f"nothing imported from {names}: no GeoNames rows found"
    path, line, message = report.problems[0]
    rows = f"{len(report.problems):,} malformed row{'s' if len(report.problems) != 1 else ''}"
    return f"nothing imported from {names}: {rows}, the first {path}:{line}: {message}"


def import_geonames(
    paths: Sequence[Path], *, shipped: Path | None = None, target: Path | None = None
) -> ImportResult:
    """Merge GeoNames dumps into the user gazetteer, atomically.

    Rows are streamed, so a whole ``allCountries.txt`` fits in memory; the store is written to
    a temporary file beside the target, synced and renamed over it only when complete
    (:func:`mapper._io.atomic_path`).

    Parameters
    ----------
    paths
        Dumps in the 19-column format, plus optional ``alternateNamesV2.txt``,
        ``admin1CodesASCII.txt``/``admin2Codes.txt`` and ``countryInfo.txt`` (plain, .gz, .xz,
        or GeoNames' .zip).
    shipped
        The shipped gazetteer, for country and admin names the dumps do not carry.
    target
        The user store; default ``user_dir()/user-gazetteer.sqlite``.

    Raises
    ------
    GazetteerError
        When a file is missing or nothing at all could be imported (the store is then as it was).
    """
    report = ReadReport()
    for p in paths:
        if not p.is_file():
            msg = f"cannot import {p}: no such file"
            raise GazetteerError(msg)
    roles = {p: _file_role(p) for p in paths}
    countries, admins = _shipped_names(shipped)
    for p in (p for p, role in roles.items() if role == "admin"):
        admins.update(read_admin_codes(_lines(p), str(p), report))
    for p in (p for p, role in roles.items() if role == "countries"):
        countries.update(read_country_info(_lines(p), str(p), report))

    target = target or user_dir() / USER_DB
    target.parent.mkdir(parents=True, exist_ok=True)
    n_places = n_alt = 0
    with atomic_path(target) as tmp:  # the old store stays whole until the new one is
        if target.exists():
            tmp.write_bytes(target.read_bytes())
        conn = sqlite3.connect(tmp)
        try:
            writer = IndexWriter(conn, replace=True)
            for p in (p for p, role in roles.items() if role == "places"):
                for row in read_geonames(_lines(p), str(p), report):
                    place = place_from_row(row, countries, admins, source=f"user:{p.name}")
                    names = [(a, KIND_ALTERNATE) for a in row.alternatenames]
                    writer.add(place, names, always=True)
                    n_places += 1
                    n_alt += len(names)
            for p in (p for p, role in roles.items() if role == "alternates"):
                for gid, name in read_alternate_names(_lines(p), str(p), report):
                    n_alt += writer.add_alternate(f"geonames:{gid}", name)
            if n_places == 0 and n_alt == 0:
                raise GazetteerError(_nothing_imported(paths, report))
            writer.finish()
        finally:
            conn.close()
    return ImportResult(target, n_places, n_alt, tuple(report.problems))
