"""Benchmark date finding (mapper.dates) on real text, and dateparser beside it when installed.

Prints, per corpus: megabytes per second of :func:`mapper.dates.find_dates` (best of
``--repeat`` runs on one core), mentions by kind and by flag, and for month-days said without a
year how far after the report date their same-year reading falls (the evidence for resolving
them to the nearest occurrence: convention 6 of mapper.dates).  With ``dateparser`` installed
(not a dependency) it also prints ``dateparser.search.search_dates`` speed on the same texts,
how often its reading of our day-precision phrases agrees with ours, and a sample of what it
finds that we do not.

Corpora: documents (files or folders mapper loads; their declared date is the report date) and
``--lgl FILE`` (LGL's XML, Lieberman et al. 2010: each article's download time is its date).

Usage: python bench/bench_dates.py [PATH ...] [--lgl lgl.xml] [--repeat N] [--sample N]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from mapper.dates import DateMention, Reference, find_dates
from mapper.documents import load_documents

Corpus = list[tuple[str, str | None]]  # (text, ISO report date)
_YEAR = re.compile(r"\d{4}")


def _documents(paths: list[str]) -> Corpus:
    return [(d.body, d.date) for d in load_documents(paths)]


def _lgl(path: Path) -> Corpus:
    root = ET.parse(path).getroot()
    return [
        (a.findtext("text") or "", (a.findtext("dltime") or "")[:10] or None)
        for a in root.iter("article")
    ]


def _ours(corpus: Corpus, repeat: int) -> tuple[float, list[list[DateMention]]]:
    references = [Reference.of(date, text) for text, date in corpus]
    best, found = float("inf"), []
    for _ in range(repeat):
        started = time.perf_counter()
        found = [find_dates(text, ref) for (text, _), ref in zip(corpus, references, strict=True)]
        best = min(best, time.perf_counter() - started)
    return best, found


def _ahead(corpus: Corpus, found: list[list[DateMention]]) -> collections.Counter[str]:
    """Month-days without a year, by how far their same-year reading lies after the report."""
    bins: collections.Counter[str] = collections.Counter()
    for (_, date), mentions in zip(corpus, found, strict=True):
        if not date:
            continue
        report = dt.date.fromisoformat(date)
        for m in mentions:
            if m.kind not in ("md", "dm") or _YEAR.search(m.when.text):
                continue
            stated = m.when.start or (m.reading.start if m.reading else None)
            if stated is None:
                continue
            try:
                days = (stated.replace(year=report.year) - report).days
            except ValueError:  # 29 February
                continue
            label = (
                "on or before the report"
                if days <= 0
                else "1 day after"
                if days == 1
                else "2-92 days after (flagged future)"
                if days <= 92
                else "93-182 days after (flagged future)"
                if days <= 182
                else "over 182 days after (read as last year)"
            )
            bins[label] += 1
    return bins


def _dateparser(corpus: Corpus, found: list[list[DateMention]], sample: int) -> None:
    try:
        from dateparser import DateDataParser  # type: ignore[import-untyped]
        from dateparser.search import search_dates  # type: ignore[import-untyped]
    except ImportError:
        print("dateparser: not installed (pip install dateparser to compare)")
        return
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    started = time.perf_counter()
    hits = []
    for text, date in corpus:
        base = dt.datetime.fromisoformat(date) if date else dt.datetime(2000, 1, 1)
        result = search_dates(text, languages=["en"], settings={**settings, "RELATIVE_BASE": base})
        hits.append(result or [])
    elapsed = time.perf_counter() - started
    size = sum(len(text) for text, _ in corpus) / 1e6
    print(f"dateparser search_dates: {size / elapsed:.3f} MB/s, {sum(map(len, hits))} phrases")
    agree = checked = 0
    disagree: list[tuple[str, str, dt.date, dt.date]] = []
    spans_ms = 0.0
    for (_, date), mentions in zip(corpus, found, strict=True):
        if not date:
            continue
        base = dt.datetime.fromisoformat(date)
        parser = DateDataParser(languages=["en"], settings={**settings, "RELATIVE_BASE": base})
        for m in mentions:
            if m.when.precision != "day" or m.when.start is None:
                continue
            started = time.perf_counter()
            data = parser.get_date_data(m.when.text)
            spans_ms += 1000 * (time.perf_counter() - started)
            checked += 1
            if data.date_obj is not None and data.date_obj.date() == m.when.start:
                agree += 1
            elif data.date_obj is not None:
                disagree.append((date, m.when.text, m.when.start, data.date_obj.date()))
    if checked:
        print(
            f"dateparser on our {checked} day phrases: same day {agree}, another day "
            f"{len(disagree)}, none {checked - agree - len(disagree)}; {spans_ms / checked:.2f} ms "
            "a phrase; a sample of the other days (report: phrase, ours, dateparser's):"
        )
        for report, phrase, ours, theirs in disagree[:sample]:
            print(f"  {report}: {phrase!r} {ours} {theirs}")
    missed = [
        (phrase, value.date())
        for mentions, found_here in zip(found, hits, strict=True)
        for phrase, value in found_here
        if not any(phrase.strip() in m.when.text or m.when.text in phrase for m in mentions)
    ]
    print(f"dateparser phrases none of ours covers: {len(missed)}; a sample:")
    for phrase, value in missed[:sample]:
        print(f"  {phrase!r} -> {value}")


def _report(name: str, corpus: Corpus, repeat: int, sample: int) -> None:
    size = sum(len(text) for text, _ in corpus) / 1e6
    elapsed, found = _ours(corpus, repeat)
    print(f"== {name}: {len(corpus)} documents, {size:.2f} MB")
    print(
        f"find_dates: {size / elapsed:.2f} MB/s, {1000 * elapsed / max(len(corpus), 1):.2f} ms "
        f"a document (best of {repeat})"
    )
    mentions = [m for ms in found for m in ms]
    kinds = collections.Counter(m.kind for m in mentions)
    flags = collections.Counter(m.flag or "none" for m in mentions)
    print(f"mentions: {len(mentions)}; by kind {dict(kinds.most_common())}")
    print(f"flags: {dict(flags.most_common())}")
    ahead = _ahead(corpus, found)
    if ahead:
        print(f"month-days without a year, same-year reading vs report: {dict(ahead)}")
    _dateparser(corpus, found, sample)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="documents (files or folders)")
    parser.add_argument("--lgl", type=Path, help="LGL's lgl.xml")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sample", type=int, default=15, help="dateparser-only phrases shown")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    if args.paths:
        _report("documents", _documents(args.paths), args.repeat, args.sample)
    if args.lgl:
        _report("LGL", _lgl(args.lgl), args.repeat, args.sample)


if __name__ == "__main__":
    main()
