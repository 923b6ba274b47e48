"""Benchmark the whole extraction (geoparsing, incidents, claims, linking) on one core.

Prints documents per second and the recall and precision on a gold file: the seeds' by default,
``--gold FILE`` for another (``tests/data/wire_stories/gold.json`` for the wire stories).

Usage: python bench/bench_extract.py [PATH ...] [--repeat N] [--gold FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from mapper.actors import load_actors
from mapper.documents import load_documents
from mapper.evaluate import score_gold
from mapper.extract import extract_document
from mapper.gazetteer import load_gazetteer
from mapper.geoparse import geoparse
from mapper.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent

#: Whole-extraction documents/s measured on this machine (2 cores, shared) at the start of the
#: 2026-11-30 round, before extraction was rebuilt (issue 9), for the corpora in this repository.
BASELINE = {"seeds": 32.1, "wire_stories": 585.0}


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--gold", type=Path, default=None, help="gold file to score against")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    documents = load_documents(args.paths)
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    print(f"gazetteer load: {time.perf_counter() - started:.2f} s (not counted below)")
    extraction = extract(documents, gazetteer)  # warm caches (rules, lexicon, lookups)

    started = time.perf_counter()
    for _ in range(args.repeat):
        extraction = extract(documents, gazetteer)
    total = time.perf_counter() - started
    count = len(documents) * args.repeat
    print(f"documents: {len(documents)} ({sum(len(d.text) for d in documents)} characters)")
    before = BASELINE.get(Path(args.paths[0]).resolve().name) if len(args.paths) == 1 else None
    was = f"; before the rebuild {before:.1f}/s" if before else ""
    print(
        f"whole extraction: {count / total:.1f} documents/s ({1000 * total / count:.1f} ms each"
        f"{was})"
    )

    mentions = {d.id: geoparse(d, gazetteer) for d in documents}
    started = time.perf_counter()
    for _ in range(args.repeat):
        for document in documents:
            extract_document(document, mentions[document.id], gazetteer)
    rules_only = time.perf_counter() - started
    print(f"incident/claim rules only (mentions given): {count / rules_only:.1f} documents/s")
    print(f"incidents: {len(extraction.incidents)}, claims: {len(extraction.claims)}")

    gold_path = args.gold
    if gold_path is None and [str(Path(p).resolve()) for p in args.paths] == [str(ROOT / "seeds")]:
        gold_path = ROOT / "tests" / "gold_incidents_seeds.json"
    if gold_path is not None:
        gold = json.loads(gold_path.read_text("utf-8"))
        score = score_gold(extraction.incidents, extraction.claims, gold, load_actors())
        print(
            f"gold: incidents recall {score.incident_recall:.2f} precision "
            f"{score.incident_precision:.2f}; claims recall {score.claim_recall:.2f} precision "
            f"{score.claim_precision:.2f}; all recall {score.recall:.2f} precision "
            f"{score.precision:.2f}"
        )
        print(
            f"matched claims: about agrees {score.about_agree}/{score.about_checked}, channel "
            f"agrees {score.channel_agree}/{score.channel_checked}"
        )
        print(
            f"matched incidents: death toll agrees {score.fatalities_agree}/"
            f"{score.fatalities_checked}; matched claims: hedged agrees {score.hedged_agree}/"
            f"{score.hedged_checked}"
        )
        print(f"missed: {', '.join(score.missed) or '-'}")
        print(f"disagree: {', '.join(score.disagree) or '-'}")
        print(f"spurious: {', '.join(score.spurious) or '-'}")


if __name__ == "__main__":
    main()
