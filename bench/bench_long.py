"""Time the extraction of one long document as it grows: seconds per MB should stay flat.

A long document is news texts joined end to end (paragraphs apart), as a desk's concatenated
feed or a scraped archive page would be.  The texts come from the files given (LGL's or
GeoVirus's XML, whose ``<text>`` elements are read, or plain-text/Markdown files and folders);
without arguments the repository's seeds and wire stories are used.  Each size is run once, in
this process, after a warm-up, through geoparsing and extraction of that one document
(:func:`mapper.pipeline.extract`); printed per size: wall and CPU seconds, seconds per MB, and
incidents and claims found.

Usage: python bench/bench_long.py [--sizes 0.5 1 2 4 20] [FILES_OR_FOLDERS ...]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _texts(paths: list[str]) -> list[str]:
    """The texts of the given corpora (XML ``<text>`` elements, or text files)."""
    texts: list[str] = []
    for name in paths or [str(ROOT / "seeds"), str(ROOT / "tests" / "data" / "wire_stories")]:
        path = Path(name)
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".xml":
                raw = file.read_text("utf-8", errors="replace")
                for match in re.finditer(r"<text>(.*?)</text>", raw, re.S):
                    texts.append(match.group(1).replace("&amp;", "&").replace("&lt;", "<").strip())
            elif file.suffix in (".txt", ".md"):
                texts.append(file.read_text("utf-8", errors="replace").strip())
    return [t for t in texts if t]


def main() -> None:
    """Print seconds per MB for each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4, 20])
    args = parser.parse_args()

    from mapper.documents import Document
    from mapper.gazetteer import load_gazetteer
    from mapper.pipeline import extract

    texts = _texts(args.paths)
    if not texts:
        sys.exit("no texts found in the given paths")
    gazetteer = load_gazetteer()

    def document(megabytes: float) -> Document:
        parts: list[str] = []
        size = 0
        goal = int(megabytes * 1_000_000)
        while size < goal:
            for text in texts:
                parts.append(text)
                size += len(text.encode("utf-8")) + 2
                if size >= goal:
                    break
        body = "\n\n".join(parts)
        return Document(
            id="long", path="long.txt", title="", date="2021-08-30", source=None, url=None,
            text=body,
        )  # fmt: skip

    extract([document(0.05)], gazetteer)  # warm-up: rules, lexicons, gazetteer caches
    print(f"{len(texts)} texts; one document per size, through geoparsing and extraction")
    print(f"{'MB':>6} {'wall s':>8} {'CPU s':>8} {'s/MB':>7} {'incidents':>10} {'claims':>7}")
    for megabytes in args.sizes:
        doc = document(megabytes)
        real = len(doc.text.encode("utf-8")) / 1_000_000
        wall, cpu = time.perf_counter(), time.process_time()
        result = extract([doc], gazetteer)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"{real:6.2f} {wall:8.1f} {cpu:8.1f} {wall / real:7.1f} "
            f"{len(result.incidents):10d} {len(result.claims):7d}",
            flush=True,
        )


if __name__ == "__main__":
    main()
