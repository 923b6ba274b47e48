"""Load documents (text, Markdown, HTML, JSON Lines, directories of them) as typed values.

Offsets everywhere in mapper index ``Document.text``: for text and Markdown files that is the whole
decoded file (front matter included, a byte-order mark excluded); for HTML it is the extracted main
text; for JSON Lines it is the row's ``text`` field.  So ``document.text[start:end]`` is always the
quoted span.

Bad input never stops a run: a file that is empty, binary, undecodable, too large or unreadable is
reported through ``on_warning`` with its name, and the other files are still loaded.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mapper.errors import DocumentError

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

#: Files above this size are skipped with a warning (a news corpus is many small files).
MAX_BYTES = 50 * 1024 * 1024

FRONT_MATTER_KEYS = ("title", "date", "source", "url")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Document:
    """One document, with the metadata it declared and its full decoded text.

    Attributes
    ----------
    id
        Stable identifier: the file stem, or ``stem#N`` for row N of a JSON Lines file.
    path
        The file it came from, for messages and provenance.
    title
        Front matter or HTML title, else the first non-empty line of the body.
    date
        ISO date (``YYYY-MM-DD``) when the document declares one, else None.
    source, url
        Publisher and address when declared.
    text
        The full decoded text; every character offset in mapper indexes it.
    body_start
        Offset where the body starts (after front matter; 0 when there is none).
    """

    id: str
    path: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    text: str
    body_start: int = 0

    @property
    def body(self) -> str:
        """The text after the front matter."""
        return self.text[self.body_start :]


def _ignore(_: str) -> None:
    return None


def load_documents(
    paths: Iterable[str | Path], *, on_warning: Warn = _ignore, max_bytes: int = MAX_BYTES
) -> list[Document]:
    """Load every document under ``paths``, in a stable order.

    Parameters
    ----------
    paths
        Files and directories; directories are walked recursively in sorted order, hidden
        files and folders are ignored, and only known suffixes are read from them.
    on_warning
        Called with a one-line message for each file that is skipped or read with a guess.
    max_bytes
        Files larger than this are skipped with a warning.

    Raises
    ------
    DocumentError
        When a path given explicitly does not exist.
    """
    documents: list[Document] = []
    seen: dict[str, int] = {}
    for file in _expand(paths):
        for doc in _load_file(file, on_warning, max_bytes):
            count = seen.get(doc.id, 0)
            seen[doc.id] = count + 1
            if count:
                doc = _with_id(doc, f"{doc.id}~{count + 1}")
            documents.append(doc)
    return documents


def load_document(path: str | Path, *, on_warning: Warn = _ignore) -> Document:
    """Load one file that must hold exactly one usable document."""
    warnings: list[str] = []

    def collect(message: str) -> None:
        warnings.append(message)
        on_warning(message)

    docs = load_documents([path], on_warning=collect)
    if len(docs) != 1:
        reason = warnings[0] if warnings else f"{path}: expected one document, found {len(docs)}"
        raise DocumentError(reason)
    return docs[0]


def _with_id(doc: Document, new_id: str) -> Document:
    return Document(
        new_id, doc.path, doc.title, doc.date, doc.source, doc.url, doc.text, doc.body_start
    )


def _expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            raise DocumentError(f"{raw}: no such file or directory")


def _walk(root: Path) -> Iterator[Path]:
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise DocumentError(f"{root}: cannot list directory ({exc.strerror})") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.suffix.lower() in SUFFIXES:
            yield entry


def _load_file(path: Path, warn: Warn, max_bytes: int) -> list[Document]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            warn(f"skipped {path}: {size:,} bytes is over the limit of {max_bytes:,}")
            return []
        data = path.read_bytes()
    except OSError as exc:
        warn(f"skipped {path}: cannot read ({exc.strerror})")
        return []
    try:
        text = decode(data, str(path), warn)
    except DocumentError as exc:
        warn(f"skipped {exc}")
        return []
    if not text.strip():
        warn(f"skipped {path}: empty")
        return []
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        doc = _from_html(path, text)
        if not doc.text.strip():
            warn(f"skipped {path}: no text in the HTML")
            return []
        return [doc]
    if suffix in JSONL_SUFFIXES:
        return _from_jsonl(path, text, warn)
    return [_from_text(path, text)]


def decode(data: bytes, name: str, warn: Warn = _ignore) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected codec.

    Raises
    ------
    DocumentError
        For binary data or text whose encoding cannot be told with confidence.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{name}: invalid UTF-16 ({exc.reason})") from None
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        guessed = _guess(data)
        if guessed is None:
            msg = f"{name}: not UTF-8 (byte 0x{bad:02x} at {exc.start}) and no other encoding fits"
            raise DocumentError(msg) from None
        codec, text = guessed
        warn(f"{name}: not UTF-8 (byte 0x{bad:02x} at {exc.start}); decoded as {codec}")
        return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _guess(data: bytes) -> tuple[str, str] | None:
    """Try the legacy codecs news text comes in; accept one that gives printable text."""
    from charset_normalizer import from_bytes  # only needed for non-UTF-8 files

    best = from_bytes(data).best()
    codecs_to_try = [best.encoding] if best is not None else []
    codecs_to_try += ["cp1252", "latin_1"]
    for codec in codecs_to_try:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if len(_CONTROL.findall(text)) <= len(text) // 1000:
            return codec, text
    return None


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in FRONT_MATTER_KEYS:
            meta[key] = value.strip().strip("\"'")
    return meta, match.end()


TITLE_CHARS = 100
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def _first_line(text: str) -> str:
    """A title for a document that has none: its first line, cut to a sentence or a few words."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if not line:
            continue
        if len(line) <= TITLE_CHARS:
            return line
        end = _SENTENCE_END.search(line)
        if end and end.start() < TITLE_CHARS:
            return line[: end.start()]
        cut = line.rfind(" ", 0, TITLE_CHARS)
        return line[: cut if cut > 0 else TITLE_CHARS].rstrip(" ,;:") + "…"
    return ""


def _iso_date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _DATE.match(value.strip())
    return match.group(0) if match else None


def _from_text(path: Path, text: str) -> Document:
    meta, body_start = _front_matter(text)
    return Document(
        id=path.stem,
        path=str(path),
        title=meta.get("title") or _first_line(text[body_start:]) or path.stem,
        date=_iso_date(meta.get("date")),
        source=meta.get("source") or None,
        url=meta.get("url") or None,
        text=text,
        body_start=body_start,
    )


def _from_jsonl(path: Path, text: str, warn: Warn) -> list[Document]:
    documents = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            warn(f"skipped {path} line {number}: not JSON ({exc.msg})")
            continue
        body = row.get("text") if isinstance(row, dict) else None
        if not isinstance(body, str) or not body.strip():
            warn(f'skipped {path} line {number}: no "text" field')
            continue
        title = row.get("title")
        documents.append(
            Document(
                id=str(row.get("id") or f"{path.stem}#{number}"),
                path=str(path),
                title=title if isinstance(title, str) and title else _first_line(body),
                date=_iso_date(row.get("date")),
                source=row.get("source") if isinstance(row.get("source"), str) else None,
                url=row.get("url") if isinstance(row.get("url"), str) else None,
                text=body,
            )
        )
    return documents


_BLOCKS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section",
    "article", "pre", "figcaption", "dd", "dt",
)  # fmt: skip
_BOILERPLATE = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
)  # fmt: skip


def _from_html(path: Path, html: str) -> Document:
    from bs4 import BeautifulSoup, Tag  # only needed for HTML input

    soup = BeautifulSoup(html, "html.parser")
    meta = {
        (tag.get("property") or tag.get("name") or "").lower(): tag.get("content") or ""
        for tag in soup.find_all("meta")
    }
    title_tag = soup.find("title")
    title = str(meta.get("og:title") or (title_tag.get_text(strip=True) if title_tag else ""))
    for tag in soup.find_all(_BOILERPLATE):
        tag.decompose()
    found = soup.find("article") or soup.find("main") or soup.body
    main = found if isinstance(found, Tag) else soup
    for tag in main.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (" ".join(line.split()) for line in main.get_text().splitlines())
    text = "\n".join(line for line in lines if line)
    date = (
        _iso_date(meta.get("article:published_time"))
        or _iso_date(meta.get("date"))
        or _iso_date(meta.get("dc.date"))
    )
    time_tag = main.find("time")
    if date is None and isinstance(time_tag, Tag):
        datetime_attr = time_tag.get("datetime")
        date = _iso_date(datetime_attr if isinstance(datetime_attr, str) else None)
    return Document(
        id=path.stem,
        path=str(path),
        title=title or _first_line(text) or path.stem,
        date=date,
        source=str(meta.get("og:site_name") or "") or None,
        url=str(meta.get("og:url") or "") or None,
        text=text,
    )
