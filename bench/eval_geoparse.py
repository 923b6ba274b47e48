"""Measure mapper's geoparser on LGL and GeoVirus with the EUPEG metrics, beside published anchors.

Usage::

    python bench/eval_geoparse.py ../shared/eval/LGL/lgl.xml ../shared/eval/GeoVirus/GeoVirus.xml
    python bench/eval_geoparse.py --strict --errors 20 lgl.xml

The corpora are not in the repository; pass their paths. Each file's format (LGL or GeoVirus) is
detected. By default a mention left ambiguous is scored at its best candidate, as the published
systems always answer, and one the text puts inside an area where it has no candidate ("Stroud,
Ontario") at that area, mapper's fallback; ``--strict`` scores both as unresolved (the largest
error). Demonyms
("Russian", resolved to their country) are scored as toponyms, as LGL annotates them; a second
row scores the same output without them.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from pathlib import Path

from mapper.evaluate import (
    EvalDocument,
    Scores,
    Toponym,
    error_km,
    match,
    read_named_corpus,
    score,
)
from mapper.gazetteer import load_gazetteer
from mapper.geoparse import Mention, geoparse_text

#: Published end-to-end results (EUPEG tables; P, R, F1, Acc@161, AUC), from ../shared/eval.
ANCHORS = {
    "LGL": [
        ("Edinburgh Geoparser", 0.723, 0.383, 0.501, 0.819, 0.172),
        ("CamCoder", 0.811, 0.548, 0.654, 0.717, 0.248),
        ("CLAVIN (CLIFF)", 0.808, 0.444, 0.573, 0.701, 0.262),
        ("DBpedia Spotlight", 0.813, 0.635, 0.713, 0.643, 0.361),
    ],
    "GeoVirus": [
        ("CamCoder", 0.940, 0.802, 0.866, 0.770, 0.336),
        ("Edinburgh Geoparser", 0.860, 0.559, 0.678, 0.807, 0.319),
        ("CLAVIN (CLIFF)", 0.913, 0.637, 0.750, 0.786, 0.320),
        ("Stanford NER + population", 0.927, 0.903, 0.915, 0.655, 0.378),
    ],
}


def _toponym(m: Mention, strict: bool) -> Toponym:
    place = m.place
    if place is None and not strict:
        # a name the text puts inside an area where it has no candidate ("Stroud, Ontario"):
        # the area is mapper's answer, as extraction falls back to it (geo_precision 2)
        place = m.within or (m.candidates or (None,))[0]
    if place is None:
        return Toponym(m.text, m.start, m.end)
    return Toponym(m.text, m.start, m.end, place.lat, place.lon)


def _row(name: str, s: Scores) -> str:
    return (
        f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.acc161:.3f} | "
        f"{s.auc:.3f} | {s.mean_km:.0f} | {s.median_km:.0f} |"
    )


def evaluate(
    docs: list[EvalDocument], strict: bool, show_errors: int
) -> tuple[Scores, Scores, float]:
    """Geoparse every document and score it, with demonyms as toponyms (LGL's convention) and
    without them; print the worst misses when asked."""
    gazetteer = load_gazetteer()
    geoparse_text("warm up the matcher", gazetteer)
    results = []
    plain = []
    started = time.perf_counter()
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for doc in docs:
        mentions = geoparse_text(doc.text, gazetteer)
        predicted = [_toponym(m, strict) for m in mentions]
        results.append((predicted, list(doc.toponyms)))
        plain.append(
            ([_toponym(m, strict) for m in mentions if m.kind != "demonym"], list(doc.toponyms))
        )
        if show_errors:
            pairs, _, _ = match(predicted, doc.toponyms)
            got_p = {id(p) for p, _ in pairs}
            got_g = {id(g) for _, g in pairs}
            missed.update(g.text for g in doc.toponyms if id(g) not in got_g and g.lat is not None)
            spurious.update(p.text for p in predicted if id(p) not in got_p)
            wrong.update(g.text for p, g in pairs if error_km(p, g) >= 161)
    seconds = time.perf_counter() - started
    if show_errors:
        for label, counter in (("missed", missed), ("spurious", spurious), ("wrong", wrong)):
            print(f"{label}: {counter.most_common(show_errors)}", file=sys.stderr)
    return score(results), score(plain), seconds


def main(argv: list[str] | None = None) -> int:
    """Print the EUPEG table for each corpus given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="lgl.xml and/or GeoVirus.xml")
    parser.add_argument("--strict", action="store_true", help="score ambiguous as unresolved")
    parser.add_argument("--errors", type=int, default=0, help="print the N commonest misses")
    args = parser.parse_args(argv)
    for path in args.corpora:
        corpus, docs = read_named_corpus(path)
        scores, plain, seconds = evaluate(docs, args.strict, args.errors)
        chars = sum(len(d.text) for d in docs)
        print(
            f"\n{corpus} ({path.name}): {len(docs)} documents, {scores.gold} gold toponyms, "
            f"{chars / 1e6:.2f} M characters in {seconds:.1f} s"
        )
        print("| system | P | R | F1 | Acc@161 | AUC | mean km | median km |")
        print("|---|---|---|---|---|---|---|---|")
        print(_row("**mapper**" + (" (strict)" if args.strict else ""), scores))
        print(_row("mapper, demonyms not emitted", plain))
        for name, p, r, f1, acc, auc in ANCHORS.get(corpus, []):
            print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | {acc:.3f} | {auc:.3f} | | |")
        if math.isnan(scores.acc161):
            print("(no toponym matched)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
