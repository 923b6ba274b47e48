"""Third-party assets of the map page, read from pip-installed packages and inlined at build time.

Leaflet comes from ``xstatic-leaflet``; nothing third-party is copied into this repository.  Image
references in Leaflet's CSS become ``data:`` URIs so the page needs no files beside it, and
``check_offline`` refuses a page that would still load a script or stylesheet from elsewhere.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mapper.errors import RenderError

_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+)\1\)")
_EXTERNAL = re.compile(
    r"<(?:script|img|iframe)\b[^>]*\bsrc\s*=\s*['\"]?(?!data:)[^'\" >]+"
    r"|<link\b[^>]*\bhref\s*=\s*['\"]?(?!data:)[^'\" >]+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Assets:
    """The inlined text of the page's third-party code.

    Attributes
    ----------
    leaflet_js
        Leaflet's minified script, without its source-map comment.
    leaflet_css
        Leaflet's stylesheet with every image as a ``data:`` URI.
    leaflet_version
        The version of the ``xstatic-leaflet`` package used.
    icons
        ``data:`` URIs of Leaflet's default marker (``iconUrl``, ``iconRetinaUrl``, ``shadowUrl``),
        which Leaflet would otherwise look for next to the page.
    """

    leaflet_js: str
    leaflet_css: str
    leaflet_version: str
    icons: dict[str, str]


def _leaflet_dir() -> tuple[Path, str]:
    try:
        import xstatic.pkg.leaflet as leaflet
    except ImportError as exc:
        msg = "cannot build the map: the package xstatic-leaflet is not installed"
        raise RenderError(msg) from exc
    return Path(leaflet.BASE_DIR), str(leaflet.VERSION)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        msg = f"cannot build the map: cannot read the asset {path}: {exc.strerror or exc}"
        raise RenderError(msg) from exc


def _data_uri(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        msg = f"cannot build the map: cannot read the asset {path}: {exc.strerror or exc}"
        raise RenderError(msg) from exc
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


@cache
def load_assets() -> Assets:
    """Read Leaflet's script and stylesheet from the installed ``xstatic-leaflet`` package.

    Returns
    -------
    Assets
        Text ready to inline in ``<script>`` and ``<style>`` elements.

    Raises
    ------
    RenderError
        If the package or one of its files is missing, or a file would end its element early.
    """
    base, version = _leaflet_dir()
    js = _SOURCE_MAP.sub("", _read(base / "leaflet.js"))
    css = _read(base / "leaflet.css")
    css = _CSS_URL.sub(lambda m: f'url("{_data_uri(base / m.group(2))}")', css)
    if "</script" in js.lower() or "</style" in css.lower():
        msg = f"cannot inline Leaflet {version}: its files contain a closing script or style tag"
        raise RenderError(msg)
    icons = {
        "iconUrl": _data_uri(base / "images" / "marker-icon.png"),
        "iconRetinaUrl": _data_uri(base / "images" / "marker-icon-2x.png"),
        "shadowUrl": _data_uri(base / "images" / "marker-shadow.png"),
    }
    return Assets(leaflet_js=js, leaflet_css=css, leaflet_version=version, icons=icons)


def check_offline(html: str) -> None:
    """Refuse a page that still references an external script, stylesheet, image or frame.

    Parameters
    ----------
    html
        The whole page.

    Raises
    ------
    RenderError
        Naming the first external reference found.
    """
    match = _EXTERNAL.search(html)
    if match:
        msg = f"the map page is not self-contained: it still references {match.group(0)[:120]!r}"
        raise RenderError(msg)
