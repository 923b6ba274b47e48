"""Write ``mapper/data/small_admin1.tsv``: countries whose first-level units are municipalities.

GeoNames codes the first-level units of some small countries as ADM1 although each is a town
and its land: Malta's 68 local councils (Qala, Marsa, Mosta), Slovenia's 212 municipalities,
Puerto Rico's 78 municipios. Read as provinces they outweigh the towns a report names
("Qala Fatullah" in Kabul is not Malta's Qala council). A country is listed when its area
(``countryInfo.txt``, km²) divided by its number of first-level units
(``admin1CodesASCII.txt``) is under :data:`MAX_MEAN_KM2`. Run by a maintainer; the program only
reads the TSV.

Usage::

    python gazetteer/small_admin1.py gazetteer/sources > mapper/data/small_admin1.tsv
"""

from __future__ import annotations

import collections
import lzma
import sys
from pathlib import Path

#: Mean first-level unit area (km²) under which the units are municipalities: Slovenia (96),
#: Puerto Rico (117) and Malta (5) are under it; the Palestinian governorates (332), North
#: Macedonia's municipalities (313) and Lebanon's governorates (1,300) are not.
MAX_MEAN_KM2 = 200.0


def main(sources: Path) -> None:
    """Print the TSV (ISO alpha-2 code, mean unit area in km², units, country name)."""
    area: dict[str, tuple[float, str]] = {}
    with lzma.open(sources / "countryInfo.txt.xz", "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6 and cols[6]:
                area[cols[0]] = (float(cols[6]), cols[4])
    units: collections.Counter[str] = collections.Counter()
    with lzma.open(sources / "admin1CodesASCII.txt.xz", "rt", encoding="utf-8") as fh:
        for line in fh:
            units[line.split(".", 1)[0]] += 1
    print("# Countries whose GeoNames first-level units (ADM1) are municipalities: country area")
    print(
        "# (countryInfo.txt) / number of ADM1 units (admin1CodesASCII.txt) under "
        f"{MAX_MEAN_KM2:.0f} km2."
    )
    print("# Written by gazetteer/small_admin1.py from GeoNames (CC BY 4.0); such units weigh as")
    print("# second-level units, not provinces. Columns: ISO alpha-2, mean km2, units, country.")
    for cc in sorted(units):
        km2, name = area.get(cc, (0.0, ""))
        if km2 > 0 and km2 / units[cc] < MAX_MEAN_KM2:
            print(f"{cc}\t{km2 / units[cc]:.0f}\t{units[cc]}\t{name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
