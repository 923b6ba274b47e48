"""Make ``docs/map.png``, the README's picture of the seeds map, with headless Chromium.

Usage::

    python scripts/screenshot.py                      # builds seeds/ and writes docs/map.png
    python scripts/screenshot.py --html map.html --fragment '#g=iskp' -o /tmp/iskp.png
    python scripts/screenshot.py --size 390x844 -o /tmp/phone.png
    python scripts/screenshot.py --hover-claim 002_50cd16d63b8cd570:c5   # its links drawn
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from mapper._chromium import ARGS, CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
#: The claim whose links the README's picture shows: the allegation naming training camps.
README_CLAIM = "002_50cd16d63b8cd570:c5"


def build_seeds(path: Path) -> None:
    """Build the seeds map as ``mapper build seeds/`` does."""
    from mapper.documents import iter_documents
    from mapper.gazetteer import load_gazetteer
    from mapper.pipeline import run
    from mapper.render import build_page

    gazetteer = load_gazetteer()
    extraction = run(iter_documents([ROOT / "seeds"]), gazetteer=gazetteer)
    built = build_page([extraction], gazetteer=gazetteer, title="mapper: the five seed documents")
    path.write_text(built.html, encoding="utf-8")


def screenshot(
    html: Path,
    out: Path,
    *,
    fragment: str = "",
    size: tuple[int, int] = (1400, 900),
    incident: str | None = None,
    claim: str | None = None,
    hover_claim: str | None = None,
) -> None:
    """Open the page from disk, wait until it is ready, open a popup or point at a claim, shoot."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(ARGS))
        page = browser.new_page(
            viewport={"width": size[0], "height": size[1]}, device_scale_factor=1
        )
        page.goto(html.resolve().as_uri() + fragment)
        page.wait_for_function("() => document.documentElement.dataset.mapperReady === '1'")
        if incident:
            page.evaluate("(id) => window.mapper.openIncident(id)", incident)
            page.wait_for_selector(".mapper-popup-incident")
        if claim:
            page.evaluate("(id) => window.mapper.openClaim(id)", claim)
            page.wait_for_selector(".mapper-popup-claim")
        if hover_claim:
            badge = page.evaluate(
                "(id) => window.mapper.badges().find((b) => b.claims.includes(id))", hover_claim
            )
            if badge:
                page.mouse.move(badge["x"] + badge["w"] / 2, badge["y"] + badge["h"] / 2)
        page.wait_for_timeout(500)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description="Screenshot the seeds map for the README.")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "map.png")
    parser.add_argument("--html", type=Path, help="an existing map page instead of building seeds/")
    parser.add_argument(
        "--fragment", default="", help="URL hash with filters and view, e.g. '#g=iskp'"
    )
    parser.add_argument("--size", default="1400x900", help="viewport, WIDTHxHEIGHT pixels")
    parser.add_argument("--incident", help="open this incident's popup (an id from the page)")
    parser.add_argument("--claim", help="open this claim's popup")
    parser.add_argument(
        "--hover-claim",
        default=None,
        help=f"point at this claim's badge, drawing its links (README: {README_CLAIM})",
    )
    args = parser.parse_args()
    width, _, height = args.size.partition("x")
    hover = args.hover_claim
    if hover is None and args.html is None and args.output == ROOT / "docs" / "map.png":
        hover = README_CLAIM
    with tempfile.TemporaryDirectory() as tmp:
        html = args.html or Path(tmp) / "seeds.html"
        if args.html is None:
            build_seeds(html)
        screenshot(
            html,
            args.output,
            fragment=args.fragment,
            size=(int(width), int(height)),
            incident=args.incident,
            claim=args.claim,
            hover_claim=hover,
        )
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
