"""Print the gazetteer's cold load time, resident memory and lookup times.

Usage::

    python bench/bench_gazetteer.py            # builds the gazetteer first if it is not cached

Each figure is measured in a fresh interpreter where it matters (cold load); lookups use
3,000 random distinct keys (uncached) and the same keys again (cached).
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import time

_COLD = """
import json, resource, time
t0 = time.perf_counter()
from mapper.gazetteer import load_gazetteer
gaz = load_gazetteer()
t1 = time.perf_counter()
gaz.candidates("Jalalabad")
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "first_lookup_s": t2 - t1,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    """Run the benchmark and print its figures."""
    from mapper import _gazbuild
    from mapper.gazetteer import load_gazetteer

    t = time.perf_counter()
    path = _gazbuild.ensure_built()
    print(f"compiled gazetteer: {path} (ready in {time.perf_counter() - t:.1f} s)")
    cold = json.loads(subprocess.run([sys.executable, "-c", _COLD], capture_output=True,
                                     text=True, check=True).stdout)  # fmt: skip
    print(f"cold load (import + open): {cold['load_s'] * 1000:.0f} ms")
    print(f"first lookup after load:   {cold['first_lookup_s'] * 1000:.1f} ms")
    print(f"resident memory after load and one lookup: {cold['rss_mb']:.0f} MB")

    gaz = load_gazetteer()
    rng = random.Random(7)
    keys = list(gaz.keys(min_population=0, primary_only=True))
    print(f"keys: {len(keys):,} primary keys, {len(gaz):,} places")
    sample = rng.sample(keys, 3000)
    for label in ("uncached", "cached"):
        times = []
        for key in sample:
            t = time.perf_counter()
            gaz.lookup_key(key)
            times.append(time.perf_counter() - t)
        times.sort()
        print(
            f"lookup_key {label}: median {statistics.median(times) * 1e6:.1f} us, "
            f"p90 {times[int(len(times) * 0.9)] * 1e6:.1f} us"
        )
    names = ["Kabul", "Nangarhar Province", "Ningarhar", "Orakzai Agency", "Velayat-e Konarha"]
    times = []
    for _ in range(200):
        for name in names:
            t = time.perf_counter()
            gaz.candidates(name)
            times.append(time.perf_counter() - t)
    print(f"candidates(name) warm, with normalisation: median "
          f"{statistics.median(times) * 1e6:.1f} us")  # fmt: skip
    t = time.perf_counter()
    n = sum(1 for _ in gaz.keys(min_population=1000))
    print(f"keys(min_population=1000): {n:,} keys in {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    gaz.region_of(34.43, 70.45)
    first = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(1000):
        gaz.region_of(rng.uniform(29, 38), rng.uniform(60, 75))
    per_point_us = (time.perf_counter() - t) / 1000 * 1e6
    print(f"region_of: first call {first * 1000:.0f} ms (loads outlines), then "
          f"{per_point_us:.0f} us per point")  # fmt: skip
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process (with outlines): {rss:.0f} MB")


if __name__ == "__main__":
    main()
