"""Tests for mapper.pipeline: one output whatever runs it (this process, worker processes, a Dask
cluster), and one bad document never loses the others' results."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mapper import pipeline
from mapper.cli import cli
from mapper.documents import Document, load_documents
from mapper.errors import MapperError
from mapper.export import to_geojson
from mapper.model import Extraction

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WIRE = ROOT / "tests" / "data" / "wire_stories"


#: The warning for the broken document: its file, then the error in one line.
BROKEN = re.compile(r"cannot extract from in/broken\.txt: (TypeError|AttributeError): [^\n]+")
#: The note on a document without a date whose incidents are undated (three of the seeds).
UNDATED = re.compile(r"seeds/[^ ]+\.txt: \d+ of \d+ incidents undated")


def _json(extraction: Extraction) -> str:
    return json.dumps(to_geojson(extraction), ensure_ascii=False, indent=1)


@pytest.fixture(scope="module")
def corpora() -> dict[str, list[Document]]:
    return {"seeds": load_documents([SEEDS]), "wire": load_documents([WIRE])}


@pytest.fixture(scope="module")
def single(corpora: dict[str, list[Document]]) -> dict[str, str]:
    """What one process gives for each corpus."""
    return {name: _json(pipeline.run(iter(docs), jobs=1)) for name, docs in corpora.items()}


def _broken(document: Document) -> Document:
    """A document whose processing raises (its text is not text)."""
    return replace(document, id="broken", path="in/broken.txt", text=None)  # type: ignore[arg-type]


def test_single_process_is_the_in_memory_extraction(corpora: dict[str, list[Document]]) -> None:
    from mapper.gazetteer import load_gazetteer

    docs = corpora["wire"]
    streamed = pipeline.run(iter(docs), jobs=1, batch_size=5)
    assert _json(streamed) == _json(pipeline.extract(docs, load_gazetteer()))
    assert [d.id for d in streamed.documents] == [d.id for d in docs]
    assert len(streamed.incidents) < sum(len(s.incidents) for s in _per_document(docs))


def _per_document(docs: list[Document]) -> Iterator[pipeline.DocumentResult]:
    stages = pipeline.shipped_stages()
    return (stages.process(d) for d in docs)


@pytest.mark.slow
def test_two_worker_processes_give_the_output_of_one(
    corpora: dict[str, list[Document]], single: dict[str, str]
) -> None:
    for name, docs in corpora.items():
        # batches of 2 spread each corpus over both workers, several batches each
        parallel = pipeline.run(iter(docs), jobs=2, batch_size=2)
        assert _json(parallel) == single[name], name


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_output_of_one_process(
    corpora: dict[str, list[Document]], single: dict[str, str]
) -> None:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        for name, docs in corpora.items():
            by_client = pipeline.run(iter(docs), scheduler=client, batch_size=3)
            assert _json(by_client) == single[name], name
        by_address = pipeline.run(
            iter(corpora["seeds"]), scheduler=cluster.scheduler_address, batch_size=2
        )
        assert _json(by_address) == single["seeds"]
        # a bad document on a worker is a warning there too
        warnings: list[str] = []
        docs = corpora["seeds"]
        mixed = [docs[0], _broken(docs[1]), *docs[1:]]
        kept = pipeline.run(iter(mixed), scheduler=client, batch_size=2, on_warning=warnings.append)
        assert _json(kept) == single["seeds"]
        errors = [w for w in warnings if UNDATED.search(w) is None]  # the seeds' notes
    assert len(errors) == 1 and BROKEN.fullmatch(errors[0]), warnings


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_that_fails_is_a_warning_and_the_others_are_kept(
    corpora: dict[str, list[Document]], single: dict[str, str], jobs: int
) -> None:
    docs = corpora["seeds"]
    mixed = [docs[0], _broken(docs[1]), *docs[1:]]
    warnings: list[str] = []
    kept = pipeline.run(iter(mixed), jobs=jobs, batch_size=2, on_warning=warnings.append)
    assert _json(kept) == single["seeds"]
    errors = [w for w in warnings if UNDATED.search(w) is None]  # the seeds' notes
    assert len(errors) == 1 and BROKEN.fullmatch(errors[0]), warnings


def test_a_row_of_a_json_lines_file_is_named_by_its_id() -> None:
    row = Document("rows#3", "in/rows.jsonl", "t", None, None, None, None)  # type: ignore[arg-type]
    result = pipeline.shipped_stages().process(row)
    assert result.error is not None
    assert result.error.startswith("cannot extract from in/rows.jsonl (rows#3): ")
    assert (result.mentions, result.incidents, result.claims) == ([], [], [])


def test_documents_are_read_as_they_are_needed(corpora: dict[str, list[Document]]) -> None:
    read: list[str] = []
    done: list[int] = []

    def stream() -> Iterator[Document]:
        for document in corpora["wire"]:
            read.append(document.id)
            yield document

    def progress(count: int) -> None:
        done.append(count)
        # results arrive while the stream is still being read, a batch ahead at most
        assert len(read) <= sum(done) + 4

    pipeline.run(stream(), jobs=1, batch_size=4, on_progress=progress)
    assert sum(done) == len(corpora["wire"])


def test_without_dask_the_cluster_option_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, corpora: dict[str, list[Document]]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MapperError, match=r"needs Dask: pip install 'mapper\[dask\]'"):
        pipeline.run(iter(corpora["seeds"]), scheduler="tcp://127.0.0.1:8786")


def test_a_scheduler_that_does_not_answer_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pipeline, "CONNECT_TIMEOUT", "1s")
    (tmp_path / "a.txt").write_text("A bomb exploded in Kabul on Monday.", "utf-8")
    result = CliRunner().invoke(
        cli,
        ["extract", str(tmp_path), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9"],
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_jobs_and_scheduler_exclude_each_other(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A bomb exploded in Kabul on Monday.", "utf-8")
    args = ["extract", str(tmp_path), "-o", str(tmp_path / "o"), "-j", "2", "--scheduler", "x"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "give --jobs or --scheduler, not both" in result.stderr


@pytest.mark.slow
def test_cli_extract_with_two_jobs_writes_what_one_job_writes(tmp_path: Path) -> None:
    outputs: dict[str, Any] = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.geojson"
        result = CliRunner().invoke(cli, ["extract", str(WIRE), "-o", str(out), "-j", jobs])
        assert result.exit_code == 0, result.output
        outputs[jobs] = out.read_bytes()
    assert outputs["1"] == outputs["2"]
    assert b'"kind": "incident"' in outputs["1"]


def test_jobs_below_one_are_refused(corpora: dict[str, list[Document]]) -> None:
    with pytest.raises(MapperError, match="at least 1"):
        pipeline.run(iter(corpora["seeds"]), jobs=0)


@pytest.mark.slow
def test_extract_places_an_incident_by_the_country_of_the_group_that_did_it() -> None:
    from mapper.gazetteer import load_gazetteer

    doc = Document(
        "d", "d.txt", "d", "2023-05-04", None, None,
        "Islamic State fighters attacked a checkpoint near Palmyra on Monday, killing two "
        "soldiers.", 0,
    )  # fmt: skip
    extraction = pipeline.extract([doc], load_gazetteer())
    [incident] = extraction.incidents
    assert incident.place is not None and incident.place.country_code == "SY"
    assert incident.perpetrator == "is"


@pytest.mark.slow
def test_workers_do_not_import_a_mapper_folder_in_the_working_directory(tmp_path: Path) -> None:
    # run from the clone's parent, the clone's folder "mapper" shadowed the installed package
    # in the fork server (python -c puts the working directory first on its path)
    import subprocess

    script = Path(sys.executable).parent / "mapper"
    if not script.exists():
        pytest.skip("the mapper console script is not installed")
    (tmp_path / "mapper").mkdir()
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(20):  # more than a batch (32), so the workers run
        for story in sorted(WIRE.glob("*.md"))[:4]:
            (docs / f"{n}-{story.name}").write_bytes(story.read_bytes())
    result = subprocess.run(
        [str(script), "extract", "docs", "-o", "out.geojson", "-j", "2", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert b'"kind": "incident"' in (tmp_path / "out.geojson").read_bytes()


def _doc(doc_id: str, text: str, date: str | None) -> Document:
    return Document(doc_id, f"in/{doc_id}.txt", doc_id, date, None, None, text)


@pytest.mark.parametrize(
    "text",
    [
        "12 Nov: Gunmen killed three policemen at a checkpoint in Quetta.",
        "Gunmen killed three policemen at a checkpoint in Quetta on Sunday.",
    ],
)
def test_incidents_left_undated_for_want_of_a_document_date_are_a_warning(text: str) -> None:
    warnings: list[str] = []
    pipeline.run(iter([_doc("feed", text, None)]), jobs=1, on_warning=warnings.append)
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("in/feed.txt: 1 of 1 incidents undated")
    assert "date:" in warnings[0]
    # with a date of its own the day is read against it, and nothing is said
    dated: list[str] = []
    got = pipeline.run(iter([_doc("feed", text, "2026-11-20")]), jobs=1, on_warning=dated.append)
    assert dated == [] and got.incidents[0].when.start is not None


def test_a_document_in_another_script_is_a_warning_of_the_extraction_too() -> None:
    text = "هجوم على نقطة تفتيش أسفر عن مقتل خمسة جنود. وقالت الشرطة إن المسلحين فروا."
    warnings: list[str] = []
    pipeline.run(iter([_doc("ar", text, "2026-11-20")]), jobs=1, on_warning=warnings.append)
    assert warnings == [
        "in/ar.txt: mostly in Arabic script; only place names the gazetteer has in that script "
        "were looked for"
    ]


# --- stopping a run with worker processes: Ctrl-C, SIGTERM, SIGKILL ----------------------------

#: Ctrl-C (a terminal signals the run's whole process group; an impatient user presses it twice)
#: and SIGTERM (sent to the main process, as a service manager or ``kill`` does): the signal, how
#: many times, and the exit status it is to give.
STOPS = {
    "interrupt": (signal.SIGINT, 1, 130),
    "interrupt-twice": (signal.SIGINT, 2, 130),
    "terminate": (signal.SIGTERM, 1, 143),
}

needs_proc = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)"
)


@pytest.fixture(scope="module")
def many_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """720 wire stories (30 copies of 24): minutes of work for two workers, so a run signalled a
    few seconds after its workers start is always still running."""
    folder = tmp_path_factory.mktemp("many")
    for n in range(30):
        for story in sorted(WIRE.glob("*.md")):
            (folder / f"{n:02d}-{story.name}").write_bytes(story.read_bytes())
    return folder


def _group(pgid: int) -> dict[int, int]:
    """The live processes of a process group, as pid -> parent pid (zombies left out)."""
    found: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        state, parent, group = stat.rsplit(")", 1)[1].split()[:3]
        if int(group) == pgid and state not in "ZXx":
            found[int(entry.name)] = int(parent)
    return found


def _workers(pgid: int) -> list[int]:
    """The run's worker processes: children of the fork server, a child of the main process."""
    group = _group(pgid)
    return [pid for pid, parent in group.items() if group.get(parent) == pgid]


def _loading(pid: int) -> bool:
    """Whether the process has a gazetteer open: a worker does once its initializer runs, which
    then loads the actors and rules (some tenths of a second)."""
    try:
        return any(
            link.readlink().suffix == ".sqlite" for link in Path(f"/proc/{pid}/fd").iterdir()
        )
    except OSError:  # ended meanwhile, or a descriptor closed between listing and reading
        return False


def _start_build(documents: Path, out: Path, stderr: Any) -> subprocess.Popen[bytes]:
    """``mapper build DOCUMENTS -o OUT --jobs 2`` in a process group of its own, as a shell runs
    a command, once its two workers are loading the gazetteer."""
    command = ["build", str(documents), "-o", str(out), "--jobs", "2"]
    run = subprocess.Popen(
        [sys.executable, "-c", "from mapper.cli import main; main()", *command],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,  # a file: a pipe would be held open by any process left behind
        cwd=out.parent,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while sum(map(_loading, _workers(run.pid))) < 2:
        if run.poll() is not None or time.monotonic() > deadline:
            os.killpg(run.pid, signal.SIGKILL)
            pytest.fail(f"the workers did not start (exit status {run.poll()})")
        time.sleep(0.01)
    return run


def _wait_for_the_end(run: subprocess.Popen[bytes]) -> tuple[int, list[int]]:
    """The run's exit status and the processes of its group still alive a while after it ended
    (killed then, so that a failing test leaves nothing behind)."""
    try:
        status = run.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        pytest.fail("the run hung after the signal")
    deadline = time.monotonic() + 60
    while _group(run.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = sorted(_group(run.pid))
    if left:
        os.killpg(run.pid, signal.SIGKILL)
    return status, left


@needs_proc
@pytest.mark.slow
@pytest.mark.parametrize("pause", [0.0, 2.0], ids=["loading", "working"])
@pytest.mark.parametrize("stop", sorted(STOPS))
def test_a_stopped_run_says_so_in_one_line_and_leaves_no_process_and_no_file(
    many_documents: Path, tmp_path: Path, stop: str, pause: float
) -> None:
    """Ctrl-C (SIGINT to the process group, once or twice) or SIGTERM to the main process, while
    the workers load the gazetteer or later while they work: exit status 130 or 143, one line on
    stderr and no traceback, the previous map as it was, no temporary file, and no worker, fork
    server or resource tracker left running."""
    number, times, expected = STOPS[stop]
    out = tmp_path / "map.html"
    out.write_bytes(b"the previous map\n")
    with (tmp_path / "stderr.txt").open("w+b") as stderr:
        run = _start_build(many_documents, out, stderr)
        time.sleep(pause)
        for press in range(times):
            if press:
                time.sleep(0.1)
            if number != signal.SIGINT:
                run.send_signal(number)
            else:
                with contextlib.suppress(ProcessLookupError):  # the run ended already
                    os.killpg(run.pid, number)
        status, left = _wait_for_the_end(run)
        stderr.seek(0)
        said = stderr.read().decode("utf-8", "replace")
    assert left == [], f"processes left behind: {left}; stderr: {said[-2000:]}"
    assert status == expected, said[-2000:]
    word = "interrupted" if number == signal.SIGINT else "terminated"
    assert said == f"{word}; nothing written\n"
    assert out.read_bytes() == b"the previous map\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html", "stderr.txt"]


@needs_proc
@pytest.mark.slow
def test_the_workers_of_a_killed_run_end_with_it(many_documents: Path, tmp_path: Path) -> None:
    """SIGKILL leaves the main process no chance to stop its workers: they end by themselves,
    and the fork server and resource tracker with them."""
    out = tmp_path / "map.html"
    out.write_bytes(b"the previous map\n")
    with (tmp_path / "stderr.txt").open("w+b") as stderr:
        run = _start_build(many_documents, out, stderr)
        time.sleep(1.0)
        run.send_signal(signal.SIGKILL)
        status, left = _wait_for_the_end(run)
    assert status == -signal.SIGKILL
    assert left == [], f"processes left behind: {left}"
    assert out.read_bytes() == b"the previous map\n"
