"""Geoparsing throughput in MB of text per second, on one core.

Usage::

    python bench/bench_geoparse.py                       # the seed documents
    python bench/bench_geoparse.py ../shared/eval/LGL/lgl.xml ../shared/eval/GeoVirus/GeoVirus.xml
    python bench/bench_geoparse.py my_articles/ --repeat 3

Arguments are document files or folders (anything ``mapper geoparse`` reads) or LGL/GeoVirus XML
corpora (their article texts are used). The gazetteer and the matcher are loaded first and not
timed; then every text is geoparsed ``--repeat`` times in this one process. The first pass is
"cold" (the gazetteer's lookups are not cached yet), later passes are "warm". The MB/s figure
uses this process's CPU time, so other work on a shared machine lowers it less than wall time
(printed beside it); it still varies with the machine's load, so compare two versions in
alternation, not one today and one yesterday. Each pass also prints how the CPU time splits
between recognition (:mod:`mapper.recognize`) and resolution (:func:`mapper.geoparse.resolve`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from mapper.documents import load_documents
from mapper.evaluate import read_corpus
from mapper.gazetteer import load_gazetteer
from mapper.geoparse import resolve
from mapper.recognize import recognizer_for

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _texts(paths: list[Path]) -> list[str]:
    texts: list[str] = []
    for path in paths:
        if path.suffix.lower() == ".xml":
            texts.extend(d.text for d in read_corpus(path))
        else:
            texts.extend(d.text for d in load_documents([path]))
    return texts


def main(argv: list[str] | None = None) -> int:
    """Print MB/s for a cold and the warm passes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[SEEDS])
    parser.add_argument("--repeat", type=int, default=2, help="passes over the corpus (>= 1)")
    args = parser.parse_args(argv)
    texts = _texts(args.paths)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    recognizer_for(gazetteer)
    print(f"gazetteer and matcher ready in {time.perf_counter() - started:.1f} s")
    print(f"corpus: {len(texts)} texts, {megabytes:.2f} MB")
    recognizer = recognizer_for(gazetteer)
    for n in range(max(1, args.repeat)):
        wall, cpu = time.perf_counter(), time.process_time()
        mentions = 0
        recognizing = 0.0
        for text in texts:  # what geoparse_text does, timed in two parts
            clock = time.process_time()
            recognition = recognizer.recognize(text)
            recognizing += time.process_time() - clock
            mentions += len(resolve(text, recognition, recognizer))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        label = "cold" if n == 0 else "warm"
        print(
            f"pass {n + 1} ({label}): {megabytes / cpu:.2f} MB/s of CPU time ({cpu:.2f} s: "
            f"recognition {recognizing:.2f} s, resolution {cpu - recognizing:.2f} s), "
            f"{megabytes / wall:.2f} MB/s wall ({wall:.2f} s), {mentions} mentions"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
