"""Atomic writes: a failed or killed write leaves the previous file whole (issue 13, item 3)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mapper import _io
from mapper._io import atomic_path, write_atomic


def test_write_atomic_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    write_atomic(target, "<p>old</p>")
    target.chmod(0o640)
    write_atomic(target, "<p>new — کابل</p>")
    assert target.read_text("utf-8") == "<p>new — کابل</p>"
    assert target.stat().st_mode & 0o777 == 0o640  # the old file's mode is kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.csv", b"x,y\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o644


def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.geojson"
    target.write_text("old", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new" * 1000)
    assert target.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.geojson"]


def test_an_error_in_a_writer_by_name_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "x.gpkg"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.endswith(".gpkg") and not tmp.exists()
        tmp.write_bytes(b"half")
        tmp.with_name(tmp.name + "-journal").write_bytes(b"j")
        raise RuntimeError("driver failed")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.gpkg"]


KILLED_WRITER = """
import sys
from mapper._io import write_atomic
write_atomic(sys.argv[1], b"N" * int(sys.argv[2]))
"""


def test_sigkill_during_a_write_never_leaves_a_partial_file(tmp_path: Path) -> None:
    """Kill a real writer while its temporary file grows: the target is old or whole, never cut."""
    target = tmp_path / "map.html"
    old = b"O" * 1000
    target.write_bytes(old)
    size = 64 * _io.CHUNK_BYTES
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target), str(size)])
    seen_partial = False
    deadline = time.monotonic() + 60
    try:
        while child.poll() is None and time.monotonic() < deadline:
            temporary = [p for p in tmp_path.iterdir() if p.name.startswith(".map.html.")]
            try:
                growing = bool(temporary) and 0 < temporary[0].stat().st_size < size
            except FileNotFoundError:  # renamed over the target between listing and stat
                growing = False
            if growing:
                child.send_signal(signal.SIGKILL)
                seen_partial = True
                break
            time.sleep(0.0005)
    finally:
        child.wait()
    content = target.read_bytes()
    assert content == old or content == b"N" * size
    if seen_partial:  # killed mid-write (almost always): the old file is there
        assert content == old
