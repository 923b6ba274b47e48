"""Load documents (text, Markdown, HTML, JSON Lines, directories of them) as typed values.

Offsets everywhere in mapper index ``Document.text``: for text and Markdown files that is the whole
decoded file (front matter included, a byte-order mark excluded); for HTML it is the extracted main
text; for JSON Lines it is the row's ``text`` field.  So ``document.text[start:end]`` is always the
quoted span.

Bad input never stops a run, nor hangs it, nor multiplies it: a file that is empty, binary,
undecodable, too large, unreadable or not a regular file (a FIFO, socket or device), a folder that
cannot be listed, a link to a folder already read (a symlink loop) and a JSON Lines row that is not
JSON are each reported through ``on_warning`` with their name, and everything else is still
loaded.  Folders are walked without recursion, so any depth is fine.

Encodings (:func:`decode`): a byte-order mark (UTF-8, UTF-16, UTF-32) is obeyed; bytes with zero
bytes in alternate positions and no mark are UTF-16; valid UTF-8 is UTF-8; "near-UTF-8" (at least
as many valid multi-byte UTF-8 sequences as invalid ones) is UTF-8 with each invalid sequence
replaced by U+FFFD and a warning giving their count; only other bytes get a legacy encoding
(charset-normalizer's guess, cp1252 when that decodes as cleanly and puts no symbol inside a
word, else cp1252, else Latin-1), with a warning, when it gives text with almost no control
characters.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.errors import DocumentError

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

#: Files above this size are skipped with a warning (a news corpus is many small files).
MAX_BYTES = 50 * 1024 * 1024

FRONT_MATTER_KEYS = ("title", "date", "source", "url")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
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

    @property
    def info(self) -> DocumentInfo:
        """What the document declares about itself, without its text."""
        return DocumentInfo(self.id, self.path, self.title, self.date, self.source, self.url)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document without its text: what results keep of it once it has been processed.

    Attributes are those of :class:`Document` (provenance in the exports, the date for linking);
    keeping them instead of the documents bounds a run's memory by its results, not its input.
    """

    id: str
    path: str
    title: str
    date: str | None
    source: str | None
    url: str | None


def _ignore(_: str) -> None:
    return None


def load_documents(
    paths: Iterable[str | Path], *, on_warning: Warn = _ignore, max_bytes: int = MAX_BYTES
) -> list[Document]:
    """Load every document under ``paths``, in a stable order (:func:`iter_documents` as a
    list)."""
    return list(iter_documents(paths, on_warning=on_warning, max_bytes=max_bytes))


def iter_documents(
    paths: Iterable[str | Path], *, on_warning: Warn = _ignore, max_bytes: int = MAX_BYTES
) -> Iterator[Document]:
    """Read the documents under ``paths`` one at a time, in a stable order.

    Only the file being read is in memory (a JSON Lines file's rows are read together), so a
    corpus of any size streams through.

    Parameters
    ----------
    paths
        Files and directories; directories are walked in sorted order, depth first, hidden
        files and folders are ignored, only known suffixes are read from them, and each folder
        and file is read once however many links lead to it.
    on_warning
        Called with a one-line message for each file or folder that is skipped and for each
        file read with a guess.
    max_bytes
        Files larger than this are skipped with a warning.

    Raises
    ------
    DocumentError
        When a path given explicitly does not exist.
    """
    seen: dict[str, int] = {}
    for file in _expand(paths, on_warning):
        for doc in _load_file(file, on_warning, max_bytes):
            count = seen.get(doc.id, 0)
            seen[doc.id] = count + 1
            yield _with_id(doc, f"{doc.id}~{count + 1}") if count else doc


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


# --- finding the files -------------------------------------------------------------------

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


class _Walk:
    """The files under some paths, each file and folder once (by device and inode)."""

    def __init__(self, warn: Warn) -> None:
        self.warn = warn
        self.folders: dict[tuple[int, int], str] = {}
        self.files: dict[tuple[int, int], str] = {}

    def first_visit(self, path: str, info: os.stat_result) -> bool:
        """Whether ``path`` is met for the first time; a repeat is a warning."""
        key = (info.st_dev, info.st_ino)
        table = self.folders if stat.S_ISDIR(info.st_mode) else self.files
        first = table.get(key)
        if first is None:
            table[key] = path
            return True
        what = "folder" if stat.S_ISDIR(info.st_mode) else "file"
        self.warn(f"skipped {path}: the same {what} as {first}, already read")
        return False

    def file(self, path: str, info: os.stat_result) -> Iterator[Path]:
        if not stat.S_ISREG(info.st_mode):
            self.warn(f"skipped {path}: {_kind(info.st_mode)}, not a regular file")
        elif self.first_visit(path, info):
            yield Path(path)

    def entries(self, folder: str) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as listing:
                found = [e for e in listing if not e.name.startswith(".")]
        except OSError as exc:
            self.warn(f"skipped {folder}: cannot list the folder ({exc.strerror or exc})")
            return []
        return sorted(found, key=lambda e: e.name)

    def folder(self, root: str, info: os.stat_result) -> Iterator[Path]:
        """Walk ``root`` depth first in name order, with a stack instead of recursion."""
        if not self.first_visit(root, info):
            return
        stack = [iter(self.entries(root))]
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            try:
                entry_info = entry.stat()  # follows a symlink
            except OSError as exc:
                if Path(entry.name).suffix.lower() in SUFFIXES:
                    self.warn(f"skipped {entry.path}: cannot read ({exc.strerror or exc})")
                continue
            if stat.S_ISDIR(entry_info.st_mode):
                if self.first_visit(entry.path, entry_info):
                    stack.append(iter(self.entries(entry.path)))
            elif Path(entry.name).suffix.lower() in SUFFIXES:
                yield from self.file(entry.path, entry_info)


def _expand(paths: Iterable[str | Path], warn: Warn) -> Iterator[Path]:
    walk = _Walk(warn)
    for raw in paths:
        path = os.fspath(raw)
        try:
            info = Path(path).stat()
        except FileNotFoundError:
            raise DocumentError(f"{raw}: no such file or directory") from None
        except OSError as exc:
            warn(f"skipped {path}: cannot read ({exc.strerror or exc})")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from walk.folder(path, info)
        else:
            yield from walk.file(path, info)


# --- reading and decoding ----------------------------------------------------------------


class _SkipError(Exception):
    """A file to skip, with the reason."""


def _read(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; never blocks, even if the file became a FIFO since it was listed."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _SkipError(f"{_kind(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise _SkipError(f"{info.st_size:,} bytes is over the limit of {max_bytes:,}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise _SkipError(f"over the limit of {max_bytes:,} bytes")
    return data


def _load_file(path: Path, warn: Warn, max_bytes: int) -> list[Document]:
    try:
        data = _read(path, max_bytes)
    except _SkipError as exc:
        warn(f"skipped {path}: {exc}")
        return []
    except OSError as exc:
        warn(f"skipped {path}: cannot read ({exc.strerror or exc})")
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
        doc = _from_html(path, text, warn)
        if not doc.text.strip():
            warn(f"skipped {path}: no text in the HTML")
            return []
        return [doc]
    if suffix in JSONL_SUFFIXES:
        return _from_jsonl(path, text, warn)
    return [_from_text(path, text, warn)]


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: How much of a file the zero-byte test looks at.
_SAMPLE_BYTES = 8192


def decode(data: bytes, name: str, warn: Warn = _ignore) -> str:
    """Decode a file's bytes, by the rules in this module's docstring.

    Parameters
    ----------
    data
        The whole file.
    name
        The file's name, for messages.
    warn
        Called with one line when the text is read with a guess or with replacements.

    Returns
    -------
    str
        The text, without a byte-order mark.

    Raises
    ------
    DocumentError
        For binary data, or bytes that are not near-UTF-8 and no legacy encoding fits.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text, replaced = _replacing(data[len(bom) :], codec)
            if replaced:
                warn(_replaced(name, codec.upper(), replaced))
            return text
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        utf16 = _utf16_by_zeros(sample)
        if utf16 is None:
            raise DocumentError(f"{name}: binary file")
        text, replaced = _replacing(data, utf16)
        if _too_many_controls(text) or replaced > len(text) // 1000:
            raise DocumentError(f"{name}: binary file")
        how = f"; {_count(replaced, 'invalid sequence')} replaced by U+FFFD" if replaced else ""
        warn(f"{name}: no byte-order mark; read as {utf16.upper()} by its zero bytes{how}")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad, position = data[exc.start], exc.start
    text = data.decode("utf-8", "replace")
    valid, invalid = _utf8_counts(data, text)
    if invalid <= valid:
        first = f"the first, byte 0x{first_bad:02x}, at {position}"
        warn(_replaced(name, f"UTF-8 ({first})", invalid))
        return text
    guessed = _guess(data)
    if guessed is None:
        msg = f"{name}: not UTF-8 (byte 0x{first_bad:02x} at {position}) and no other encoding fits"
        raise DocumentError(msg)
    codec, text = guessed
    warn(f"{name}: not UTF-8 (byte 0x{first_bad:02x} at {position}); decoded as {codec}")
    return text


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _replacing(data: bytes, codec: str) -> tuple[str, int]:
    """Decode with ``codec``, invalid sequences replaced by U+FFFD; the text and their count."""
    try:
        return data.decode(codec), 0
    except UnicodeDecodeError:
        pass
    text = data.decode(codec, "replace")
    return text, text.count("\ufffd") - data.count("\ufffd".encode(codec))


def _replaced(name: str, codec: str, count: int) -> str:
    return f"{name}: not valid {codec}; {_count(count, 'invalid sequence')} replaced by U+FFFD"


def _utf16_by_zeros(sample: bytes) -> str | None:
    """UTF-16LE or -BE when zero bytes sit in one byte position of each pair, not the other.

    Text in Latin, Cyrillic, Arabic or Indic scripts has spaces, digits and punctuation from
    U+0000-U+00FF, whose high byte is zero; binary data has zeros in both positions.
    """
    pairs = len(sample) // 2
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd > pairs // 20 and even <= odd // 50:
        return "utf-16-le"
    if even > pairs // 20 and odd <= even // 50:
        return "utf-16-be"
    return None


def _utf8_counts(data: bytes, text: str) -> tuple[int, int]:
    """(valid multi-byte sequences, invalid sequences) in ``data``, decoded with replacement."""
    ascii_bytes = len(data) - len(data.translate(None, bytes(range(128))))
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    return len(text) - ascii_bytes - invalid, invalid


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _too_many_controls(text: str) -> bool:
    return len(_CONTROL.findall(text)) > len(text) // 1000


#: A Latin-1 symbol next to a letter: Windows-1252 misreading a Central European text.
_WESTERN_MISREAD = re.compile(r"(?<=\w)[¹²³¿¤¦¨¸¼½¾ºª±µ¶þðÐÞ]|[¹²³¿¤¦¨¸¼½¾±µ¶þðÐÞ](?=\w)")


def _guess(data: bytes) -> tuple[str, str] | None:
    """Try the legacy codecs news text comes in; accept one that gives printable text."""
    from charset_normalizer import from_bytes  # only needed for non-UTF-8 files

    matches = list(from_bytes(data))
    best = matches[0].encoding if matches else None
    if matches and best != "cp1252":
        # On a short text several code pages decode as cleanly (the same chaos); for the
        # English and Western European text this program reads, Windows-1252 is then the likely
        # one (a Latin-1 "café" is no Baltic "cafķ"), unless it puts a symbol inside a word
        # ("zginê³o": Central European text)
        cleanest = min(m.chaos for m in matches)
        if any(
            m.encoding == "cp1252" and m.chaos <= cleanest for m in matches
        ) and not _WESTERN_MISREAD.search(data.decode("cp1252", errors="replace")):
            best = "cp1252"
    codecs_to_try = [best] if best is not None else []
    codecs_to_try += ["cp1252", "latin_1"]
    for codec in codecs_to_try:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _too_many_controls(text):
            return codec, text
    return None


# --- metadata and titles -----------------------------------------------------------------


#: A header of "Key: value" lines opening a file and ended by an empty line, as MultiMarkdown
#: and Pelican write metadata without ``---`` lines ("Title: ...", "Date: 2026-11-05").
_PLAIN_HEADER = re.compile(r"\A((?:[A-Za-z]+[ \t]*:[^\n]*\n)+)[ \t]*\r?\n")


def _plain_header(text: str) -> tuple[dict[str, str], int]:
    """The metadata of a plain header (see ``_PLAIN_HEADER``) and the offset of the body after
    it; nothing when a line's key is not one of ``FRONT_MATTER_KEYS``, when neither a title nor
    a date is given, or when the date is no ``YYYY-MM-DD`` (then the lines are the body's, as in
    a log whose first record opens "Date: 12/10/2026")."""
    match = _PLAIN_HEADER.match(text)
    if not match:
        return {}, 0
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        key = key.strip().lower()
        if key not in FRONT_MATTER_KEYS or key in meta:
            return {}, 0
        meta[key] = value.strip().strip("\"'")
    if not ({"title", "date"} & meta.keys()) or ("date" in meta and not _iso_date(meta["date"])):
        return {}, 0
    return meta, match.end()


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return _plain_header(text)
    meta: dict[str, str] = {}
    for line in match.group(1).split("\n"):  # not splitlines(): U+2028 is no line end here
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in FRONT_MATTER_KEYS:
            meta[key] = value.strip().strip("\"'")
    return meta, match.end()


#: A title longer than this is cut at a word.
TITLE_CHARS = 100
#: An explicit title (front matter, HTML, a JSON field) longer than this is cut at a word.
MAX_TITLE_CHARS = 300
#: A document with no title is titled by the first of this many lines that reads as one.
TITLE_LINES = 10
#: Words that end the alt text of a picture, not a headline ("... Logo", "... photo").
_PICTURE_WORDS = frozenset({"logo", "icon", "image", "photo", "picture", "banner"})
#: Characters that open list items and menu entries.
_LIST_MARKS = frozenset("•·▪◦‣*-–—>|+")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_LINE = re.compile(r"[^\r\n]+")
#: Control characters that ``str.split`` does not take for whitespace.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def clean_title(title: str, limit: int = MAX_TITLE_CHARS) -> str:
    """One line: runs of whitespace (line and paragraph separators too) become one space,
    control characters go, and a title longer than ``limit`` is cut at a word with "…"."""
    line = " ".join(_CONTROLS.sub("", title).split())
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > 0 else limit].rstrip(" ,;:") + "…"


def _reads_as_headline(line: str, set_apart: bool) -> bool:
    """Whether a line of a document's head is a headline rather than page furniture.

    Scraped pages begin with a logo's alt text, share buttons and menu entries ("Stringer
    Asia Logo", "Share on ...", "news of the day") before the headline. A headline has four
    words or more, or stands apart with an empty line after it; it is not a list item, does not
    begin with a lower-case letter (in scripts with case) and does not end with a picture word.
    """
    words = line.split()
    if line[0] in _LIST_MARKS or words[-1].strip(".:").lower() in _PICTURE_WORDS:
        return False
    first = next((c for c in line if c.isalnum()), "")
    if first.islower():
        return False
    return len(words) >= 4 or set_apart


def _shorten(line: str) -> str:
    if len(line) <= TITLE_CHARS:
        return line
    end = _SENTENCE_END.search(line)
    if end and end.start() < TITLE_CHARS:
        return line[: end.start()]
    return clean_title(line, TITLE_CHARS)


def _first_line(text: str) -> str:
    """A title for a document that declares none: its first line that reads as a headline
    among the first :data:`TITLE_LINES`, else its first line, cut to a sentence or a few words."""
    lines: list[str] = []
    previous_end = -1
    pending: str | None = None  # a short line waiting to see whether an empty line follows
    for match in _LINE.finditer(text):
        line = clean_title(match.group().strip().lstrip("#"), len(match.group()))
        if not line:
            continue
        if pending is not None:
            gap = text[previous_end : match.start()]
            if gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1:
                return _shorten(pending)
            pending = None
        lines.append(line)
        if _reads_as_headline(line, set_apart=False):
            return _shorten(line)
        if _reads_as_headline(line, set_apart=True):
            pending = line
        previous_end = match.end()
        if len(lines) == TITLE_LINES:
            break
    return _shorten(lines[0]) if lines else ""


def _iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from the start of a string, when it is a calendar date."""
    if not isinstance(value, str):
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group()).isoformat()
    except ValueError:
        return None


def _declared_date(value: object, where: str, warn: Warn) -> str | None:
    """A declared date; one that is present but no calendar date is dropped with a warning."""
    date = _iso_date(value)
    if date is None and value not in (None, ""):
        shown = value if isinstance(value, str) else json.dumps(value)[:40]
        warn(f"{where}: date {shown[:40]!r} is not a calendar date (YYYY-MM-DD); ignored")
    return date


def _from_text(path: Path, text: str, warn: Warn = _ignore) -> Document:
    meta, body_start = _front_matter(text)
    return Document(
        id=path.stem,
        path=str(path),
        title=clean_title(meta.get("title", "")) or _first_line(text[body_start:]) or path.stem,
        date=_declared_date(meta.get("date"), str(path), warn),
        source=meta.get("source") or None,
        url=meta.get("url") or None,
        text=text,
        body_start=body_start,
    )


def _from_jsonl(path: Path, text: str, warn: Warn) -> list[Document]:
    documents = []
    # JSON strings may hold U+2028, U+2029 and U+0085 raw, so rows end at "\n" only.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            warn(f"skipped {where}: not JSON ({exc.msg})")
            continue
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number, 10,000 brackets
            warn(f"skipped {where}: JSON that cannot be read ({type(exc).__name__})")
            continue
        body = row.get("text") if isinstance(row, dict) else None
        if not isinstance(body, str) or not body.strip():
            warn(f'skipped {where}: no "text" field')
            continue
        title = row.get("title")
        title = clean_title(title) if isinstance(title, str) else ""
        documents.append(
            Document(
                id=_row_id(row.get("id")) or f"{path.stem}#{number}",
                path=str(path),
                title=title or _first_line(body),
                date=_declared_date(row.get("date"), where, warn),
                source=row.get("source") if isinstance(row.get("source"), str) else None,
                url=row.get("url") if isinstance(row.get("url"), str) else None,
                text=body,
            )
        )
    return documents


def _row_id(value: object) -> str:
    """A row's ``id`` as text: strings and numbers only, on one line."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return clean_title(str(value))


# --- HTML ----------------------------------------------------------------------------------

_BLOCKS = frozenset({
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section",
    "article", "pre", "figcaption", "dd", "dt", "hr", "table", "ul", "ol", "dl", "figure",
})  # fmt: skip
_CELLS = frozenset({"td", "th"})
_BOILERPLATE = frozenset({
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "head", "svg", "math", "iframe", "object", "select", "datalist",
})  # fmt: skip


#: Elements never counted in the nesting depth: void, or their end tag is optional.
_UNNESTED = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
    "rb", "rt", "rp", "colgroup", "caption", "html", "head", "body",
})  # fmt: skip
#: Form controls, never main text; lexbor takes time quadratic in the options of one select.
_DROPPED = frozenset({"option", "optgroup"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>")
#: Deeper nesting is flattened before parsing: an HTML5 parser checks the stack of open elements
#: at each tag, so time grows with the square of the depth (Chromium also caps it, at 512).
MAX_HTML_DEPTH = 512
#: A longer tag loses its attributes before parsing: the parser compares each new attribute
#: with the ones before it, so 40,000 attributes on one tag take seconds.
MAX_TAG_CHARS = 10_000


def _defuse(html: str) -> tuple[str, list[str]]:
    """``html`` rid of what makes HTML5 parsing superlinear, in one pass over its tags.

    Tags nested deeper than :data:`MAX_HTML_DEPTH` and ``<option>`` tags are removed (their
    text stays); tags longer than :data:`MAX_TAG_CHARS` lose their attributes. Returns the
    HTML and what was done, for a warning.
    """
    depth = deepest = long_tags = 0
    edits: list[tuple[int, int, str]] = []
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if name in _DROPPED:
            edits.append((match.start(), match.end(), ""))
            continue
        if name not in _UNNESTED and not closing:
            depth += 1
            deepest = max(deepest, depth)
        if name not in _UNNESTED and depth > MAX_HTML_DEPTH:
            edits.append((match.start(), match.end(), ""))
        elif match.end() - match.start() > MAX_TAG_CHARS:
            long_tags += 1
            edits.append((match.start(), match.end(), f"<{closing}{name}>"))
        if name not in _UNNESTED and closing:
            depth = max(depth - 1, 0)
    notes = []
    if deepest > MAX_HTML_DEPTH:
        notes.append(f"nested {deepest:,} deep, tags below depth {MAX_HTML_DEPTH} ignored")
    if long_tags:
        tags = _count(long_tags, "tag")
        notes.append(f"attributes of {tags} over {MAX_TAG_CHARS:,} characters ignored")
    if not edits:
        return html, notes
    pieces: list[str] = []
    at = 0
    for start, end, replacement in edits:
        pieces += (html[at:start], replacement)
        at = end
    pieces.append(html[at:])
    return "".join(pieces), notes


def _main_text(root: LexborNode) -> str:
    """The text under ``root``, one line per block, in time linear in the number of nodes.

    The tree is walked with its sibling and parent links, not recursion, and never edited, so
    neither deep nesting nor 200,000 ``<br>`` slow it down.
    """
    parts: list[str] = []
    node = root.child
    depth = 1
    while node is not None and depth > 0:
        tag = node.tag or ""
        descend = False
        if tag == "-text":
            parts.append(node.text_content or "")
        elif tag in _BLOCKS:
            parts.append("\n")
            descend = True
        elif tag in _CELLS:
            parts.append(" ")
            descend = True
        elif not tag.startswith("-") and tag not in _BOILERPLATE:
            descend = True
        child = node.child if descend else None
        if child is not None:
            node, depth = child, depth + 1
            continue
        while depth > 0:  # leave ``node`` and every ancestor that has no next sibling
            if node.tag in _BLOCKS:
                parts.append("\n")
            following = node.next
            if following is not None:
                node = following
                break
            parent = node.parent
            depth -= 1
            if parent is None:
                break
            node = parent
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _from_html(path: Path, html: str, warn: Warn = _ignore) -> Document:
    from selectolax.lexbor import LexborHTMLParser  # only needed for HTML input

    html, notes = _defuse(html)
    if notes:
        warn(f"{path}: HTML {'; '.join(notes)}")
    tree = LexborHTMLParser(html)
    meta: dict[str, str] = {}
    for tag in tree.css("meta"):
        attributes = tag.attributes
        key = (attributes.get("property") or attributes.get("name") or "").lower()
        meta.setdefault(key, attributes.get("content") or "")
    title_tag = tree.css_first("title")
    title = clean_title(meta.get("og:title") or (title_tag.text() if title_tag else ""))
    main = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    text = _main_text(main) if main is not None else ""
    date = (
        _iso_date(meta.get("article:published_time"))
        or _iso_date(meta.get("date"))
        or _iso_date(meta.get("dc.date"))
    )
    time_tag = main.css_first("time") if main is not None else None
    if date is None and time_tag is not None:
        date = _iso_date(time_tag.attributes.get("datetime"))
    return Document(
        id=path.stem,
        path=str(path),
        title=title or _first_line(text) or path.stem,
        date=date,
        source=clean_title(meta.get("og:site_name", "")) or None,
        url=meta.get("og:url") or None,
        text=text,
    )
