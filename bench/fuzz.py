"""Fuzz loading, extraction and GeoJSON export with hostile documents; print what breaks.

Draws corpora of one to four files from ``tests/fuzzdocs.py`` (the property test's generator)
until ``--documents`` files were drawn, runs each corpus through load -> extract -> GeoJSON ->
JSON text, and prints the crashes (grouped by exception and place), the invariant breaks (GeoJSON
shape, coordinates, numbers, ``text[start:end]`` against each quoted span) and the slowest
corpus. One reproducer per kind of failure, and the slowest corpus, are saved under ``--out``.

Usage: python bench/fuzz.py [--documents 10000] [--seed 0] [--out /tmp/mapper-fuzz]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzzdocs import File, corpora, run, violations  # noqa: E402

from mapper.gazetteer import load_gazetteer  # noqa: E402


@dataclass
class Tally:
    """What the run saw."""

    corpora: int = 0
    documents: int = 0
    loaded: int = 0
    crashes: Counter[str] = field(default_factory=Counter)
    breaks: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[File]] = field(default_factory=dict)
    slowest: tuple[float, list[File]] = (0.0, [])
    seconds: float = 0.0


def _where(exc: BaseException) -> str:
    """The exception and the innermost frame in mapper's code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/mapper/" in f.filename]
    if not frames:
        return f"{type(exc).__name__}: {str(exc)[:100]}"
    place = f"{Path(frames[-1].filename).name}:{frames[-1].lineno} {frames[-1].name}"
    return f"{type(exc).__name__} at {place}: {str(exc)[:100]}"


def _save(folder: Path, files: list[File]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        (folder / file.name).write_bytes(file.data)


def main() -> None:
    """Run the fuzzer and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "mapper-fuzz")
    args = parser.parse_args()
    gazetteer = load_gazetteer()
    with tempfile.TemporaryDirectory() as folder:  # load rules and lexicons before timing
        (Path(folder) / "warm.txt").write_text("ISKP bombed Kabul on Monday, killing 5.", "utf-8")
        run(Path(folder), gazetteer)
    tally = Tally()

    @seed(args.seed)
    @settings(
        max_examples=args.documents,  # at least one file each: enough examples
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(corpora())
    def one(corpus: list[File]) -> None:
        if tally.documents >= args.documents:
            return
        tally.corpora += 1
        tally.documents += len(corpus)
        with tempfile.TemporaryDirectory() as folder:
            for file in corpus:
                (Path(folder) / file.name).write_bytes(file.data)
            started = time.perf_counter()
            try:
                outcome = run(Path(folder), gazetteer)
            except Exception as exc:  # a crash is what this script counts
                key = _where(exc)
                tally.crashes[key] += 1
                tally.examples.setdefault(f"crash: {key}", corpus)
                return
            finally:
                seconds = time.perf_counter() - started
                tally.seconds += seconds
                if seconds > tally.slowest[0]:
                    tally.slowest = (seconds, corpus)
        tally.loaded += len(outcome.documents)
        for broken in violations(outcome):
            key = broken.split(":")[-1].strip() if ": " in broken else broken
            tally.breaks[key] += 1
            tally.examples.setdefault(f"break: {key}", corpus)
        if tally.corpora % 500 == 0:
            print(f"... {tally.documents:,} documents", flush=True)

    one()
    shutil.rmtree(args.out, ignore_errors=True)
    print(
        f"documents drawn: {tally.documents:,} in {tally.corpora:,} corpora "
        f"({tally.loaded:,} documents loaded: JSON Lines rows count apart, bad files are skipped)"
    )
    rate = tally.documents / max(tally.seconds, 1e-9)
    print(f"time in load+extract+export: {tally.seconds:.0f} s ({rate:.1f} documents/s)")
    print(f"crashes: {sum(tally.crashes.values())} corpora")
    for key, count in tally.crashes.most_common():
        print(f"  {count:5}  {key}")
    print(f"invariant breaks: {sum(tally.breaks.values())}")
    for key, count in tally.breaks.most_common():
        print(f"  {count:5}  {key}")
    seconds, files = tally.slowest
    sizes = ", ".join(f"{f.name} {len(f.data):,} B" for f in files)
    print(f"slowest corpus: {seconds:.2f} s ({sizes})")
    for number, (key, corpus) in enumerate(tally.examples.items(), start=1):
        _save(args.out / f"{number:02}", corpus)
        (args.out / f"{number:02}" / "WHAT.txt").write_text(key + "\n", encoding="utf-8")
    _save(args.out / "slowest", files)
    print(f"reproducers: {args.out}/NN/ (WHAT.txt says which); the slowest: {args.out}/slowest")


if __name__ == "__main__":
    main()
