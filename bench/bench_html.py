"""Time HTML main-text extraction on pages with many tags: mapper's against the alternatives.

mapper walks a selectolax (lexbor, an HTML5 parser in C) tree with sibling and parent links.
For comparison, when installed: Beautiful Soup as mapper used it before (a newline inserted
around every block tag, a tree edit that costs time proportional to the siblings: quadratic),
Beautiful Soup walked without edits, and lxml walked without edits.

Usage: python bench/bench_html.py [--quick]
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Callable
from pathlib import Path

from mapper.documents import _BLOCKS, _BOILERPLATE, _from_html

PARAGRAPH = (
    "<p>A suicide bomber struck a checkpoint in <b>Jalalabad</b> on Monday, killing "
    "<a href='#'>five</a> policemen, officials said.</p>"
)


def pages(quick: bool) -> dict[str, str]:
    """Synthetic pages: many ``<br>``, many mixed tags, deep nesting, a long article."""
    scale = 4 if quick else 1
    return {
        "8,000 <br>": "<body><article>" + "line<br>" * 8000 + "</article></body>",
        f"{200_000 // scale:,} mixed tags": "<body><main>"
        + "<div><span>x</span><br></div>" * (50_000 // scale)
        + "</main></body>",
        "20,000 nested <div>": "<body>" + "<div>" * 20_000 + "text" + "</div>" * 20_000,
        "2 MB article": "<html><body><article>"
        + PARAGRAPH * (2_000_000 // len(PARAGRAPH))
        + "</article></body></html>",
    }


def bs4_edits(html: str) -> str:
    """mapper's extraction before issue 13: tree edits around every block tag."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(list(_BOILERPLATE)):
        tag.decompose()
    main = soup.find("article") or soup.find("main") or soup.body or soup
    for tag in main.find_all(list(_BLOCKS)):  # type: ignore[union-attr]
        tag.insert_before("\n")
        tag.insert_after("\n")
    return str(main.get_text())


def bs4_walk(html: str) -> str:
    """Beautiful Soup, one pass over the elements in document order, no edits."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("article") or soup.find("main") or soup.body or soup
    parts = []
    for node in main.descendants:  # type: ignore[union-attr]
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif node.name in _BLOCKS:
            parts.append("\n")
    return "".join(parts)


def lxml_walk(html: str) -> str:
    """lxml (libxml2's HTML 4 parser), start and end events, no edits."""
    import lxml.etree
    import lxml.html

    root = lxml.html.document_fromstring(html)
    main = root.find(".//article")
    if main is None:
        main = root.find(".//main")
    if main is None:
        main = root
    parts = []
    for event, element in lxml.etree.iterwalk(main, events=("start", "end")):
        if event == "start":
            parts.append("\n" if element.tag in _BLOCKS else "")
            parts.append(element.text or "")
        else:
            parts.append(element.tail or "")
    return "".join(parts)


def mapper_selectolax(html: str) -> str:
    """What mapper does now."""
    return _from_html(Path("page.html"), html).text


def main() -> None:
    """Print seconds per page for each extractor (a dash where one is not installed)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller pages")
    parser.add_argument(
        "--limit",
        type=float,
        default=10.0,
        help="skip an extractor on the later pages once one page took longer than this (s)",
    )
    args = parser.parse_args()
    extractors: list[tuple[str, str, Callable[[str], str]]] = [
        ("mapper (selectolax)", "selectolax", mapper_selectolax),
        ("lxml, walked", "lxml", lxml_walk),
        ("Beautiful Soup, walked", "bs4", bs4_walk),
        ("Beautiful Soup, edits (old)", "bs4", bs4_edits),
    ]
    print(f"{'page':<22}" + "".join(f"{name:>30}" for name, _, _ in extractors))
    slow: set[str] = set()
    for label, html in pages(args.quick).items():
        row = f"{label:<22}"
        for name, module, extract in extractors:
            if importlib.util.find_spec(module) is None or name in slow:
                row += f"{'-':>30}"
                continue
            started = time.perf_counter()
            try:
                extract(html)
            except (RecursionError, ValueError) as exc:
                row += f"{type(exc).__name__:>30}"
                continue
            seconds = time.perf_counter() - started
            if seconds > args.limit:
                slow.add(name)
            row += f"{seconds:>29.3f}s"
        print(row, flush=True)


if __name__ == "__main__":
    main()
