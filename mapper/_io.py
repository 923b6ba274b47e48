"""Atomic file writes: a reader, or a run killed half-way, never sees a half-written file.

Every output mapper writes (the map, GeoJSON, CSV, GeoPackage, the user gazetteer) goes to a
temporary file in the target's own folder, is flushed and ``fsync``-ed, and is then renamed over
the target, which POSIX and Windows make atomic within one file system. Until the rename the old
file is untouched; after it, the new one is complete. A write that fails removes its temporary
file; a process killed with SIGKILL may leave one, hidden (``.NAME.*.tmp``), beside the target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: Written in pieces of this many bytes, so a huge page never needs a second copy in memory.
CHUNK_BYTES = 1 << 20


def _mode_for(target: Path) -> int:
    """The permission bits the file would get from a plain ``open(target, "w")``."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (not possible, nor needed, on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces ``path`` when the block ends cleanly.

    For writers that take a file name (GDAL, pandas, SQLite). The temporary name keeps the
    target's suffix, so format drivers that look at it still see ``.gpkg`` or ``.csv``.

    Parameters
    ----------
    path
        The file to create or replace.

    Yields
    ------
    Path
        Where to write. It does not exist yet; on a clean exit it is ``fsync``-ed and renamed
        over ``path``. On an exception it (and any SQLite ``-journal``/``-wal`` beside it) is
        removed and ``path`` is left as it was.

    Raises
    ------
    OSError
        When the folder cannot hold a new file or the rename fails.
    """
    target = Path(path)
    folder = target.parent
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=folder
    )
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # writers such as GDAL refuse to open an existing empty file as a new dataset
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        tmp.chmod(_mode_for(target))
        tmp.replace(target)
        _fsync_dir(folder)
    finally:
        for leftover in (
            tmp,
            tmp.with_name(tmp.name + "-journal"),
            tmp.with_name(tmp.name + "-wal"),
        ):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def write_atomic(path: str | Path, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically: the old content or the new, never a mix.

    Parameters
    ----------
    path
        The file to create or replace.
    data
        Text (encoded with ``encoding``) or bytes.
    encoding
        For text data.

    Raises
    ------
    OSError
        When the file cannot be written; ``path`` is then unchanged.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_path(path) as tmp, tmp.open("xb") as handle:
        view = memoryview(payload)
        for start in range(0, len(view), CHUNK_BYTES):
            handle.write(view[start : start + CHUNK_BYTES])
        handle.flush()
