"""Benchmark the pipeline as the corpus grows: documents/s, parallel efficiency, peak memory.

For each corpus size (synthetic reports from ``bench/synth.py``) and each mode (``--jobs 1``,
``--jobs 2``, a two-worker Dask ``LocalCluster``), one run in a fresh process reads the corpus
lazily, extracts and links (:func:`mapper.pipeline.run`) and writes the GeoJSON to a file, as
``mapper extract`` does.  Printed per run: the wall time of the pipeline (writing apart), documents
per second, milliseconds per document, the peak memory of the whole process tree (the sum of the
processes' proportional set sizes, sampled every 0.2 s, so pages the workers share count once),
the speed-up and parallel efficiency (speed-up per worker) against ``--jobs 1`` at the same size,
the CPU efficiency (CPU seconds of ``--jobs 1`` over those of the mode: the work that running in
parallel adds, which the machine's other load does not change), and how busy the rest of the
machine was meanwhile (cores used by other processes, from ``/proc/stat``): wall-clock figures
are only as good as that figure is low.  Then the time per document of each mode as the corpus
grows, relative to its smallest size.

Usage: python bench/bench_scale.py [--sizes 1000 10000 100000 200000] [--modes jobs1 jobs2
cluster] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import SHARD, write_corpus  # noqa: E402

MODES = ("jobs1", "jobs2", "cluster")


def _child(mode: str, shards: list[str], out: str) -> None:
    """One measured run (in a fresh process): print its figures as JSON on stdout."""
    import logging

    from mapper.documents import iter_documents
    from mapper.export import write_geojson
    from mapper.pipeline import run

    cluster = None
    options: dict[str, object] = {"jobs": 2 if mode == "jobs2" else 1}
    if mode == "cluster":
        from distributed import Client, LocalCluster

        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        options = {"scheduler": Client(cluster)}
    started = time.perf_counter()
    extraction = run(iter_documents(shards), **options)  # type: ignore[arg-type]
    pipeline = time.perf_counter() - started
    write_geojson(extraction, out)
    written = time.perf_counter() - started - pipeline
    figures = {
        "documents": len(extraction.documents),
        "incidents": len(extraction.incidents),
        "claims": len(extraction.claims),
        "pipeline_s": pipeline,
        "write_s": written,
    }
    print(json.dumps(figures))
    if cluster is not None:
        options["scheduler"].close()  # type: ignore[attr-defined]
        cluster.close()


def _busy_jiffies() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    fields = [float(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


def _measure(mode: str, shards: list[Path], out: Path) -> dict[str, float]:
    """Run one mode over the shards in a child process, sampling its tree's memory and CPU."""
    command = [sys.executable, __file__, "--child", mode, str(out), *map(str, shards)]
    busy0, total0 = _busy_jiffies()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    root = psutil.Process(child.pid)
    peak = 0
    cpu: dict[int, float] = {}
    while child.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        pss = 0
        for process in tree:
            try:
                pss += process.memory_full_info().pss
                times = process.cpu_times()
                cpu[process.pid] = times.user + times.system
            except psutil.Error:
                continue
        peak = max(peak, pss)
        time.sleep(0.2)
    stdout, _ = child.communicate()
    busy1, total1 = _busy_jiffies()
    if child.returncode != 0:
        raise SystemExit(f"{mode} failed with exit code {child.returncode}")
    figures: dict[str, float] = json.loads(stdout.strip().splitlines()[-1])
    cores = (total1 - total0) / (psutil.cpu_count() or 1)
    ours = sum(cpu.values())
    figures["cpu_s"] = ours
    figures["peak_mib"] = peak / 2**20
    figures["others_cores"] = max(0.0, (busy1 - busy0) - ours) / cores if cores else 0.0
    return figures


def main() -> None:
    """Generate the corpus, run every size and mode, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000, 200_000])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--corpus", type=Path, help="where the synthetic corpus is (or goes)")
    args = parser.parse_args()
    if any(size % SHARD for size in args.sizes):
        raise SystemExit(f"sizes must be multiples of {SHARD}")
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    corpus = args.corpus or work / "corpus"
    shards = sorted(corpus.glob("synth-*.jsonl"))
    if len(shards) * SHARD < max(args.sizes):
        started = time.perf_counter()
        shards = write_corpus(max(args.sizes), corpus)
        print(f"corpus: {max(args.sizes)} reports written in {time.perf_counter() - started:.0f} s")
    print(f"machine: {psutil.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    header = (
        f"{'mode':<8} {'docs':>7} {'incid.':>7} {'s':>7} {'docs/s':>7} {'ms/doc':>7} "
        f"{'write s':>7} {'peak MiB':>8} {'speedup':>7} {'effic.':>6} {'CPU eff.':>8} "
        f"{'others':>6}"
    )
    print(header)
    results: dict[tuple[str, int], dict[str, float]] = {}
    for size in args.sizes:
        for mode in args.modes:
            figures = _measure(mode, shards[: size // SHARD], work / f"{mode}-{size}.geojson")
            results[mode, size] = figures
            rate = figures["documents"] / figures["pipeline_s"]
            base = results.get(("jobs1", size))
            speedup = base["pipeline_s"] / figures["pipeline_s"] if base else float("nan")
            workers = 1 if mode == "jobs1" else 2
            work_ratio = base["cpu_s"] / figures["cpu_s"] if base else float("nan")
            print(
                f"{mode:<8} {figures['documents']:>7.0f} {figures['incidents']:>7.0f} "
                f"{figures['pipeline_s']:>7.1f} {rate:>7.0f} {1000 / rate:>7.2f} "
                f"{figures['write_s']:>7.1f} {figures['peak_mib']:>8.0f} {speedup:>7.2f} "
                f"{speedup / workers:>6.2f} {work_ratio:>8.2f} {figures['others_cores']:>6.2f}",
                flush=True,
            )
        outputs = {m: (work / f"{m}-{size}.geojson").read_bytes() for m in args.modes}
        same = len(set(outputs.values())) == 1
        print(f"  {size} documents: every mode wrote the same GeoJSON: {same}")
        for mode in args.modes:
            (work / f"{mode}-{size}.geojson").unlink()
    print("time per document as the corpus grows (relative to the smallest size):")
    for mode in args.modes:
        per = [results[mode, s]["pipeline_s"] / results[mode, s]["documents"] for s in args.sizes]
        steps = "  ".join(
            f"{s}: {1000 * p:.2f} ms ({p / per[0]:.2f}x)"
            for s, p in zip(args.sizes, per, strict=True)
        )
        print(f"  {mode:<8} {steps}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[4:], sys.argv[3])
    else:
        main()
