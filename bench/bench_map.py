"""Benchmark the map page with synthetic incidents: build time, size, load and filter time.

Usage::

    python bench/bench_map.py                 # 1,000, 10,000 and 100,000 incidents
    python bench/bench_map.py 100000 --keep /tmp/bench.html

Prints, for each size and run: the time the basemap and ``render_map`` take (wall clock, and the
process's CPU time, which a shared machine's load disturbs less), the page's size,
the time from navigation to the page being ready in headless Chromium (``/usr/bin/chromium``,
1400x900), and the time to apply a group, then a region, then a type filter, then a brush on
the timeline (counts, list, totals, timeline and redraw included); "+zoom" is the region filter
again, until the map has flown to the region and redrawn there.  Aims at 100,000 (issue 11):
build <= 3 s, <= 8 MB, load <= 2 s, any filter or brush <= 100 ms.  ``--runs 3`` shows the
spread on a shared machine.

The synthetic data is regional in shape (two countries, 30 provinces, 300 districts, five
actors with ISKP under the Islamic State, ACLED event types, 2015-2024) but invented: no name
stands for a real place.  Sentences are drawn from 2,000 templated variants, as a real corpus
repeats its sources across incidents.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mapper._chromium import ARGS, CHROMIUM
from mapper.gazetteer import load_gazetteer
from mapper.model import EVENT_TYPES
from mapper.render import basemap_from_gazetteer, data_bounds, render_map

ACTORS = [
    {"id": "is", "name": "Islamic State", "parent": None, "aliases": ["IS", "Daesh"]},
    {"id": "iskp", "name": "ISKP", "parent": "is", "aliases": ["IS-K"]},
    {"id": "taliban", "name": "Taliban", "parent": None, "aliases": []},
    {"id": "ttp", "name": "TTP", "parent": None, "aliases": []},
    {"id": "state", "name": "Security forces", "parent": None, "aliases": []},
]


def synthetic(n: int, seed: int = 1) -> dict[str, Any]:
    """A FeatureCollection of ``n`` incidents and ``n // 20`` claims in the contract's schema."""
    rng = random.Random(seed)
    countries = [
        ("Afghanistan", "AF", (61.0, 29.5, 71.0, 37.0)),
        ("Pakistan", "PK", (66.0, 25.0, 74.0, 35.0)),
    ]
    districts = []
    for p in range(30):
        country, code, (w, s, e, no) = countries[p % 2]
        cx, cy = rng.uniform(w, e), rng.uniform(s, no)
        for d in range(10):
            districts.append(
                (
                    country,
                    code,
                    f"Province {p}",
                    f"District {p}-{d}",
                    cx + rng.gauss(0, 0.5),
                    cy + rng.gauss(0, 0.5),
                )
            )
    types = [(t, sub) for t, subs in EVENT_TYPES.items() for sub in subs]
    sentences = [
        f"Fighters attacked a {rng.choice(['checkpoint', 'convoy', 'market', 'mosque', 'school'])} "
        f"near village {k}, killing {rng.randint(0, 40)} people, officials said."
        for k in range(2000)
    ]
    documents = [
        {
            "id": f"doc-{k}",
            "title": f"Report {k} on violence",
            "date": f"20{15 + k % 10}-0{1 + k % 9}-1{k % 10}",
            "path": f"doc-{k}.txt",
            "source": None,
            "url": None,
        }
        for k in range(max(1, n // 20))
    ]
    features: list[dict[str, Any]] = []
    for i in range(n):
        country, code, admin1, admin2, lon, lat = rng.choice(districts)
        actor = rng.choice([*ACTORS, None])
        event_type, sub = rng.choice(types)
        day = f"20{15 + rng.randrange(10)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        killed = rng.choice([None, 0, 1, 2, 3, 5, 8, 13, 40])
        doc = rng.choice(documents)
        sentence = rng.choice(sentences)
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [
                        round(lon + rng.gauss(0, 0.05), 5),
                        round(lat + rng.gauss(0, 0.05), 5),
                    ],
                },
                "properties": {
                    "kind": "incident",
                    "id": f"inc-{i}",
                    "event_type": event_type,
                    "sub_event_type": sub,
                    "summary": f"{sub} in {admin2}",
                    "date_start": day,
                    "date_end": day,
                    "time_precision": "day",
                    "date_inferred": False,
                    "place_id": f"synthetic:{admin2}",
                    "place_name": admin2,
                    "location_text": admin2,
                    "country_code": code,
                    "country": country,
                    "admin1": admin1,
                    "admin2": admin2,
                    "geo_precision": rng.choice([1, 1, 1, 2, 3]),
                    "perpetrator": actor and actor["id"],
                    "perpetrator_name": actor and actor["name"],
                    "attribution": rng.choice(["claimed", "attributed", "unknown"]),
                    "targets": [],
                    "fatalities": killed,
                    "fatalities_low": None,
                    "fatalities_high": None,
                    "fatalities_text": None,
                    "wounded": None,
                    "wounded_low": None,
                    "wounded_high": None,
                    "wounded_text": None,
                    "claims": [],
                    "confidence": 0.7,
                    "sources": [
                        {
                            "document": doc["id"],
                            "title": doc["title"],
                            "date": doc["date"],
                            "sentence": sentence,
                            "start": 0,
                            "end": len(sentence),
                        }
                    ],
                },
            }
        )
    for c in range(n // 20):
        target = features[rng.randrange(n)]
        target["properties"]["claims"].append(f"clm-{c}")
        features.append(
            {
                "type": "Feature",
                "geometry": target["geometry"],
                "properties": {
                    "kind": "claim",
                    "id": f"clm-{c}",
                    "claimant": "iskp",
                    "claimant_name": "ISKP",
                    "claim_type": "responsibility",
                    "about": None,
                    "about_name": None,
                    "incidents": [target["properties"]["id"]],
                    "places": [],
                    "channel": "Amaq",
                    "date": target["properties"]["date_start"],
                    "hedges": [],
                    "summary": "ISKP claims the attack",
                    "confidence": 0.8,
                    "sources": target["properties"]["sources"],
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "actors": ACTORS,
        "documents": documents,
        "unresolved": [],
    }


FILTERS = (
    ("group", 'input[data-facet="group"][value="is"]'),
    ("region", 'input[data-facet="region"][value="Afghanistan"]'),
    ("type", 'input[data-facet="type"][value="Battles"]'),
)


def measure_in_browser(path: Path) -> dict[str, float]:
    """Milliseconds to ready, and to apply each filter and a brush on the timeline (counts,
    list, totals, timeline and redraw included), one after another."""
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(ARGS))
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_function(
            "() => document.documentElement.dataset.mapperReady === '1'", timeout=120000
        )
        out["load"] = page.evaluate("() => performance.now()")
        for name, selector in FILTERS:
            # the filter (counts, list, totals, timeline, marks), and until the map has moved
            # and redrawn where the filter moves it (a region: its zoom, which is animated)
            out[name], out[name + "+view"] = page.evaluate(
                "(sel) => new Promise((done) => { const m = window.map_mapper;"
                " let moved = false; m.once('moveend', () => { moved = true; });"
                " const t0 = performance.now(); document.querySelector(sel).click();"
                " const t1 = performance.now();"
                " const still = () => !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress);"
                " const wait = () => (moved || still() && performance.now() - t1 > 400)"
                " ? done([t1 - t0, performance.now() - t0]) : requestAnimationFrame(wait);"
                " requestAnimationFrame(wait); })",
                selector,
            )
        canvas = page.locator("#mapper-timeline-canvas").bounding_box()
        assert canvas is not None
        y = canvas["y"] + canvas["height"] / 3
        page.mouse.move(canvas["x"] + canvas["width"] * 0.3, y)
        page.mouse.down()
        page.mouse.move(canvas["x"] + canvas["width"] * 0.6, y, steps=3)
        out["brush"] = page.evaluate(  # the release that sets the dates: time to redrawn
            "(p) => { const t0 = performance.now();"
            " document.getElementById('mapper-timeline-canvas').dispatchEvent(new PointerEvent("
            "'pointerup', {clientX: p[0], clientY: p[1], pointerId: 1, bubbles: true}));"
            " return performance.now() - t0; }",
            [canvas["x"] + canvas["width"] * 0.6, y],
        )
        page.mouse.up()
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--keep", help="write the last page here instead of a temporary file")
    parser.add_argument("--no-browser", action="store_true", help="only build")
    parser.add_argument("--runs", type=int, default=1, help="runs per size (shows the spread)")
    args = parser.parse_args()
    heads = (
        "incidents",
        "build s",
        "build cpu",
        "size MB",
        "load ms",
        *(n + " ms" for n, _ in FILTERS),
    )
    print(" ".join(f"{h:>10}" for h in (*heads, "brush ms", "+zoom ms")))
    gazetteer = load_gazetteer()
    gazetteer.outlines("country")  # read once, as a warm gazetteer would be
    for n in args.sizes:
        collection = synthetic(n)
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            basemap = basemap_from_gazetteer(gazetteer, data_bounds(collection))
            html = render_map(collection, title=f"{n} synthetic incidents", basemap=basemap)
            build, cpu = time.perf_counter() - t0, time.process_time() - c0
            path = Path(args.keep) if args.keep else Path(tempfile.mkdtemp()) / "bench.html"
            path.write_text(html, encoding="utf-8")
            size = path.stat().st_size / 1e6
            row = f"{n:>10} {build:>10.2f} {cpu:>10.2f} {size:>10.2f}"
            if not args.no_browser:
                got = measure_in_browser(path)
                names = ["load", *(name for name, _ in FILTERS), "brush", "region+view"]
                row += "".join(f" {got[k]:>10.0f}" for k in names)
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
