"""Make ``docs/map.png``, the README's picture of the seeds map, with headless Chromium.

Usage::

    python scripts/screenshot.py                      # builds seeds/ and writes docs/map.png
    python scripts/screenshot.py --html map.html --fragment '#g=iskp' -o /tmp/iskp.png
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from mapper._chromium import ARGS, CHROMIUM

ROOT = Path(__file__).resolve().parent.parent


def build_seeds(path: Path) -> None:
    """Build the seeds map as ``mapper build seeds/`` does."""
    from mapper.render import build_page

    built = build_page([str(ROOT / "seeds")], title="mapper: the five seed documents")
    path.write_text(built.html, encoding="utf-8")


def screenshot(html: Path, out: Path, fragment: str, incident: str | None) -> None:
    """Open the page from disk, wait until it is ready, optionally open a popup, and shoot."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(ARGS))
        page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        page.goto(html.resolve().as_uri() + fragment)
        page.wait_for_function("() => document.documentElement.dataset.mapperReady === '1'")
        if incident:
            page.evaluate("(id) => window.mapper.openIncident(id)", incident)
            page.wait_for_selector(".mapper-popup-incident")
        page.wait_for_timeout(400)
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
    parser.add_argument("--incident", help="open this incident's popup (an id from the page)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        html = args.html or Path(tmp) / "seeds.html"
        if args.html is None:
            build_seeds(html)
        screenshot(html, args.output, args.fragment, args.incident)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
