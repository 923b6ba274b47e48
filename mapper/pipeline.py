"""The pipeline: documents to an :class:`~mapper.model.Extraction`, on one core, all cores or a
Dask cluster.

The one place where the stages are composed.  For each document: its place mentions
(:func:`mapper.geoparse.geoparse`), then its event mentions, incidents and claims
(:func:`mapper.extract.extract_document`, which clusters mentions within the document with
:mod:`mapper.coref` and reads claims with :mod:`mapper.claims`).  These stages see one document
at a time and name what they find ``<doc>:i<n>``/``<doc>:c<n>``, so they run anywhere: in this
process, on worker processes (``jobs``), or on the workers of a Dask cluster (``scheduler``).
Then, once, the reduce step: cross-document linking (:func:`mapper.link.link`) over every
document's results in document order.  Every mode gives the same :class:`Extraction`.

Memory is bounded by the batches in flight and by the results: documents are read lazily
(:func:`mapper.documents.iter_documents`), sent to workers in batches of ``batch_size`` with at
most a few batches per worker in flight, and of a processed document only its
:class:`~mapper.documents.DocumentInfo`, mentions, incidents and claims are kept.

A document whose processing raises becomes a one-line warning naming its file; the other
documents' results are kept.

Worker processes ignore SIGINT: Ctrl-C reaches the main process, which decides.  A run that ends
with an exception (Ctrl-C's KeyboardInterrupt among them) cancels its queued batches and stops its
workers at once instead of waiting for their batches, whose results nobody would read; and a
worker whose main process ended without stopping it (SIGKILL) ends by itself.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from multiprocessing.process import BaseProcess
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Protocol

from mapper._rules import Rules, load_rules
from mapper.actors import ActorIndex, load_actors
from mapper.dates import Reference
from mapper.documents import Document, DocumentInfo
from mapper.errors import MapperError
from mapper.extract import Geoparser, extract_document
from mapper.gazetteer import Gazetteer, load_gazetteer
from mapper.geoparse import geoparse
from mapper.link import link
from mapper.model import Claim, Extraction, Incident, Mention

if TYPE_CHECKING:
    from distributed import Client

#: Documents sent to a worker at a time: enough to make the cost of sending them small beside
#: the cost of processing them (news-length documents take a few milliseconds each).
BATCH_SIZE = 32
#: Batches in flight per worker: enough to keep every worker busy while results come back.
BATCHES_PER_WORKER = 3
#: How long to wait for a Dask scheduler to answer (a Dask duration).
CONNECT_TIMEOUT = "20s"
#: Seconds a stopped worker process gets to exit after SIGTERM before it is sent SIGKILL.
STOP_TIMEOUT = 5.0

Warn = Callable[[str], object]
Progress = Callable[[int], object]


def _ignore(_: object) -> None:
    return None


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What the per-document stages give for one document.

    Attributes
    ----------
    document
        The document, without its text.
    mentions
        Its place mentions, in text order.
    incidents, claims
        Its incidents and claims, before cross-document linking.
    error
        A one-line message when processing the document raised (then nothing else is kept).
    notes
        One-line warnings about a document that was read: mostly in another script than
        Latin, or incidents left undated for want of a year (:func:`undated_note`).
    """

    document: DocumentInfo
    mentions: list[Mention]
    incidents: list[Incident]
    claims: list[Claim]
    error: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Stages:
    """The per-document stages with what they read: loaded once per process.

    Attributes
    ----------
    gazetteer
        Resolves place names (and finds facilities such as "Kabul airport").
    actors, rules
        The actor index and the extraction rules.
    geoparser
        ``geoparser(document, gazetteer) -> list[Mention]``; None for
        :func:`mapper.geoparse.geoparse` with the actor index (the groups a document names
        count as evidence for the countries its places are in).
    """

    gazetteer: Gazetteer
    actors: ActorIndex
    rules: Rules
    geoparser: Geoparser | None = None

    def process(self, document: Document) -> DocumentResult:
        """Geoparse one document and read its incidents and claims.

        An exception raised while doing so is contained: the result then carries a one-line
        ``error`` naming the document's file, and no mentions, incidents or claims.
        """
        notes: list[str] = []
        try:
            if self.geoparser is None:
                mentions = geoparse(
                    document, self.gazetteer, on_warning=notes.append, actors=self.actors
                )
            else:
                mentions = self.geoparser(document, self.gazetteer)
            incidents, claims = extract_document(
                document, mentions, self.gazetteer, self.actors, self.rules
            )
        except Exception as exc:  # one bad document must not lose the others' results
            message = f"cannot extract from {_name(document)}: {type(exc).__name__}: {exc}"
            return DocumentResult(document.info, [], [], [], error=" ".join(message.split()))
        undated = undated_note(document, incidents)
        if undated:
            notes.append(undated)
        return DocumentResult(document.info, mentions, incidents, claims, notes=tuple(notes))

    def process_batch(self, documents: Sequence[Document]) -> list[DocumentResult]:
        """:meth:`process` for each document, in order."""
        return [self.process(d) for d in documents]


def undated_note(document: Document, incidents: Sequence[Incident]) -> str | None:
    """A one-line warning when the document has no date of its own and incidents are undated.

    A day without a year ("12 Nov", "on Sunday") is dated from the document's date (its
    front matter, a dateline, a masthead line such as "Issued: 13 April 2026"); without one
    such incidents stay undated,
    which the map's date filter hides. This says so, once per document, with the remedy.

    Returns
    -------
    str or None
        The warning, naming the document's file; None when the document has a date or every
        incident has one.
    """
    if document.date is not None or not incidents:
        return None
    undated = sum(1 for i in incidents if i.when.start is None)
    if not undated or Reference.of(None, document.text[document.body_start :]).date is not None:
        return None  # (a masthead or leading date dates the text: the rest is the text's)
    return (
        f"{_name(document)}: {undated} of {len(incidents)} incidents undated; the document has "
        "no date of its own (a 'date:' line dates the days it gives without a year)"
    )


def _name(document: Document) -> str:
    """The document's file, and its id when the file holds several (JSON Lines rows)."""
    if PurePath(document.path).stem == document.id:
        return document.path
    return f"{document.path} ({document.id})"


@cache
def shipped_stages() -> Stages:
    """The stages with the shipped gazetteer (and the user's imports), actors and rules, loaded
    once per process (each call returns the same value)."""
    return Stages(load_gazetteer(), load_actors(), load_rules())


def _warm_worker() -> None:
    """Process-pool initializer: ignore SIGINT (the main process decides what Ctrl-C does; the
    fork server already starts workers so, see :func:`_start_fork_server`), end with the main
    process, and load the gazetteer, actors and rules before the first batch."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        watch = threading.Thread(target=_exit_after, args=(parent,), name="exit-with-parent")
        watch.daemon = True
        watch.start()
    shipped_stages()


def _exit_after(parent: BaseProcess) -> None:
    """End this process once ``parent`` has ended, however it ended: a main process killed with
    SIGKILL cannot stop its workers, which would otherwise wait for batches forever (and keep
    the fork server, which lives as long as any of them, alive too)."""
    parent.join()
    os._exit(1)


def _process_shipped(documents: Sequence[Document]) -> list[DocumentResult]:
    """A batch processed with this process's shipped stages (what workers run)."""
    return shipped_stages().process_batch(documents)


# --- where the per-document stages run ---------------------------------------------------------


class Executor(Protocol):
    """Runs the per-document stages over batches of documents, giving results in input order."""

    def map(self, batches: Iterable[list[Document]]) -> Iterator[list[DocumentResult]]:
        """Results of each batch, in the order of ``batches``."""
        ...

    def close(self, *, abandon: bool = False) -> None:
        """Release the workers; with ``abandon`` (the run failed or was interrupted), at once,
        without waiting for the batches in flight."""
        ...


class InProcess:
    """Runs the stages in this process."""

    def __init__(self, stages: Stages) -> None:
        self.stages = stages

    def map(self, batches: Iterable[list[Document]]) -> Iterator[list[DocumentResult]]:
        """Results of each batch, in order."""
        return (self.stages.process_batch(batch) for batch in batches)

    def close(self, *, abandon: bool = False) -> None:
        """Nothing to release."""


class _Pending(Protocol):
    """A submitted batch: a ``concurrent.futures.Future`` or a ``distributed.Future``."""

    def result(self) -> list[DocumentResult]: ...

    def cancel(self) -> object: ...


def _in_order(
    submit: Callable[[list[Document]], _Pending],
    batches: Iterable[list[Document]],
    window: int,
    *,
    cancel: bool = True,
) -> Iterator[list[DocumentResult]]:
    """Submit batches keeping at most ``window`` in flight; yield their results in order.

    With ``cancel``, the batches still in flight when the caller stops early (an exception) are
    cancelled.  A process pool's are left to its ``shutdown(cancel_futures=True)``: on Python
    3.11, a future cancelled by hand makes the pool's thread fail with a traceback when it finds
    a worker ended (``InvalidStateError`` in ``terminate_broken``, fixed in 3.12).
    """
    pending: deque[_Pending] = deque()
    try:
        for batch in batches:
            pending.append(submit(batch))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        if cancel:
            for future in pending:
                future.cancel()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore SIGINT in this process while the block runs, so that a program it starts does too.

    An ignored signal stays ignored across ``exec``, and Python then installs no
    KeyboardInterrupt handler of its own.  Only the main thread may change signal handlers;
    elsewhere (or when the handler was not set from Python) this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is None:
        yield
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


#: The signals that stop a run (Ctrl-C's SIGINT, and SIGTERM, which the command line turns into
#: an exception too): held while workers are started or stopped.
_STOPPING = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the block runs and deliver them when it ends.

    For steps that must not stop half-way.  Starting a worker process writes its start-up data
    to it over a pipe: an exception raised half-way (Ctrl-C's KeyboardInterrupt) leaves a worker
    that prints a traceback about its truncated data.  Stopping the workers must end with them
    stopped.  A signal arriving meanwhile is recorded, and raised again once the handlers it
    found are back, so it then does what it would have done.  Only the main thread may change
    signal handlers; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {number: signal.getsignal(number) for number in _STOPPING}
    for number, handler in previous.items():
        if handler is not None:  # else set outside Python, and not to be restored
            signal.signal(number, lambda received, _: held.append(received))
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:
                signal.signal(number, handler)
        if held:
            signal.raise_signal(held[0])


def _start_fork_server() -> None:
    """Start the fork server with the working directory off its import path and SIGINT ignored.

    The working directory: the fork server runs ``python -c``, which puts it first on the
    import path, and a folder named ``mapper`` there (the clone's own, seen from its parent)
    would shadow the installed package in every worker; PYTHONSAFEPATH (Python 3.11+) keeps it
    off.  SIGINT: the fork server gives each worker the SIGINT handler it started with, so
    workers forked from a server started with SIGINT ignored ignore it from their first
    instruction: Ctrl-C, which a terminal sends to every process of the run, then interrupts no
    worker in the middle of loading the gazetteer or of sending a result (the main process
    handles it).  Ctrl-C while the server starts (a few milliseconds, once) is lost.
    """
    from multiprocessing import forkserver

    previous = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        with _sigint_ignored():
            forkserver.ensure_running()
    finally:
        if previous is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = previous


class Processes:
    """Runs the stages on ``jobs`` worker processes of this machine.

    Workers are forked from a fork server that has imported mapper, and each loads the shipped
    gazetteer, actors and rules once (:func:`shipped_stages`) before its first batch.
    """

    def __init__(self, jobs: int) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["mapper.pipeline"])
        _start_fork_server()
        self.jobs = jobs
        self._pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_warm_worker)

    def map(self, batches: Iterable[list[Document]]) -> Iterator[list[DocumentResult]]:
        """Results of each batch, in order."""

        def submit(batch: list[Document]) -> Future[list[DocumentResult]]:
            with _signals_held():  # a submit may start a worker
                return self._pool.submit(_process_shipped, batch)

        try:
            yield from _in_order(submit, batches, BATCHES_PER_WORKER * self.jobs, cancel=False)
        except BrokenProcessPool as exc:
            msg = f"a worker process died ({exc}): try --jobs 1 to find the document"
            raise MapperError(msg) from None

    def close(self, *, abandon: bool = False) -> None:
        """Stop the worker processes once they are done; with ``abandon``, at once.

        Abandoning cancels the queued batches and terminates the workers, as
        ``ProcessPoolExecutor.terminate_workers`` does from Python 3.14 on, sending SIGKILL to
        any still running :data:`STOP_TIMEOUT` seconds later.  Either way this returns once
        the workers and the pool's thread have ended (that thread must not be closing the
        pool's pipes while the interpreter exits: Python 3.11 then prints a traceback).
        SIGINT and SIGTERM are held meanwhile and delivered once it is done.
        """
        with _signals_held():
            if abandon:
                _stop(list((self._pool._processes or {}).values()))
            self._pool.shutdown(wait=True, cancel_futures=True)


def _stop(workers: Sequence[BaseProcess]) -> None:
    """Terminate ``workers`` and wait for them, killing those that outlive :data:`STOP_TIMEOUT`."""
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(STOP_TIMEOUT)
        if worker.is_alive():
            worker.kill()
            worker.join()


class Cluster:
    """Runs the stages on the workers of a Dask distributed cluster.

    Each worker loads the shipped gazetteer, actors and rules once (:func:`shipped_stages`), so
    every worker needs mapper installed and its gazetteer built (``mapper gazetteer build``).

    Parameters
    ----------
    scheduler
        The scheduler's address (``tcp://10.0.0.5:8786``), or a connected ``distributed.Client``.

    Raises
    ------
    MapperError
        When Dask is not installed or the scheduler cannot be reached.
    """

    def __init__(self, scheduler: str | Client) -> None:
        try:
            import distributed
        except ImportError:
            msg = "running on a Dask cluster needs Dask: pip install 'mapper[dask]'"
            raise MapperError(msg) from None
        self._own = isinstance(scheduler, str)
        self.client: Any = scheduler
        if isinstance(scheduler, str):
            connect: Any = distributed.Client
            try:
                self.client = connect(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                msg = f"cannot reach the Dask scheduler at {scheduler}: {exc}"
                raise MapperError(msg) from None

    def map(self, batches: Iterable[list[Document]]) -> Iterator[list[DocumentResult]]:
        """Results of each batch, in order."""
        threads = max(1, sum(self.client.nthreads().values()))

        def submit(batch: list[Document]) -> _Pending:
            future: _Pending = self.client.submit(_process_shipped, batch, pure=False)
            return future

        return _in_order(submit, batches, BATCHES_PER_WORKER * threads)

    def close(self, *, abandon: bool = False) -> None:
        """Disconnect from the scheduler when this object connected to it."""
        if self._own:
            self.client.close()


# --- the pipeline ------------------------------------------------------------------------------


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def collect(
    results: Iterable[DocumentResult],
    actors: ActorIndex,
    *,
    on_warning: Warn = _ignore,
    on_progress: Progress = _ignore,
) -> Extraction:
    """The reduce step: link the documents' results across documents into one extraction.

    Parameters
    ----------
    results
        Per-document results in document order.
    actors
        The actor index (related perpetrators when linking, names in summaries).
    on_warning
        Called with the one-line ``error`` of each document that failed.
    on_progress
        Called with 1 as each document's result arrives.
    """
    documents: list[DocumentInfo] = []
    mentions: dict[str, list[Mention]] = {}
    per_document: list[tuple[list[Incident], list[Claim]]] = []
    for result in results:
        on_progress(1)
        if result.error is not None:
            on_warning(result.error)
            continue
        for note in result.notes:
            on_warning(note)
        documents.append(result.document)
        mentions[result.document.id] = result.mentions
        per_document.append((result.incidents, result.claims))
    incidents, claims = link(per_document, actors, documents)
    return Extraction(incidents, claims, actors.actors, mentions, documents)


def extract(
    documents: Iterable[Document],
    gazetteer: Gazetteer,
    *,
    geoparser: Geoparser | None = None,
    actors: ActorIndex | None = None,
    rules: Rules | None = None,
    on_warning: Warn = _ignore,
) -> Extraction:
    """Extract incidents and claims from documents in this process and link them.

    Parameters
    ----------
    documents
        The documents (:func:`mapper.documents.load_documents` or ``iter_documents``).
    gazetteer
        The gazetteer the geoparser resolves names with.
    geoparser
        ``geoparser(document, gazetteer) -> list[Mention]``; by default
        :func:`mapper.geoparse.geoparse` with the actor index.
    actors, rules
        The actor index and rules; default to the shipped data files.
    on_warning
        Called with one line for each document whose processing failed (it is left out).
    """
    stages = Stages(gazetteer, actors or load_actors(), rules or load_rules(), geoparser)
    return collect(map(stages.process, documents), stages.actors, on_warning=on_warning)


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def run(
    documents: Iterable[Document],
    *,
    gazetteer: Gazetteer | None = None,
    jobs: int = 1,
    scheduler: str | Client | None = None,
    batch_size: int = BATCH_SIZE,
    on_warning: Warn = _ignore,
    on_progress: Progress = _ignore,
) -> Extraction:
    """Extract incidents and claims from a stream of documents, in batches, and link them.

    Parameters
    ----------
    documents
        Read lazily, once; at most a few batches per worker are in memory at a time.
    gazetteer
        The gazetteer for processing in this process (default: :func:`load_gazetteer`).  Worker
        processes and Dask workers load the shipped gazetteer with the user's imports.
    jobs
        Worker processes on this machine; 1 processes in this process.  A stream that fits in
        one batch is processed in this process whatever ``jobs`` says (starting workers would
        cost more than it saves).
    scheduler
        A Dask scheduler address (or a ``distributed.Client``): process on its workers
        instead (``jobs`` is then unused).
    batch_size
        Documents per batch sent to a worker.
    on_warning
        Called with one line for each document whose processing failed (it is left out).
    on_progress
        Called with 1 as each document is done.

    Returns
    -------
    Extraction
        The same, document for document and id for id, in every mode.

    Raises
    ------
    MapperError
        When ``jobs`` or ``batch_size`` is below 1, Dask is missing or its scheduler cannot be
        reached, or a worker process dies; a :class:`~mapper.errors.DocumentError` from reading
        the documents (a path that does not exist) passes through, and so does a
        KeyboardInterrupt.  Worker processes are stopped before any exception leaves.
    """
    if jobs < 1 or batch_size < 1:
        msg = f"jobs and batch size must be at least 1 (got {jobs} and {batch_size})"
        raise MapperError(msg)
    batches = _batches(documents, batch_size)
    first = next(batches, [])
    actors = load_actors()
    executor: Executor
    if scheduler is not None:
        executor = Cluster(scheduler)
    elif jobs > 1 and len(first) == batch_size:
        executor = Processes(jobs)
    else:
        executor = InProcess(Stages(gazetteer or load_gazetteer(), actors, load_rules()))
    done = False
    try:
        results = executor.map(itertools.chain([first] if first else [], batches))
        flat = (result for batch in results for result in batch)
        extraction = collect(flat, actors, on_warning=on_warning, on_progress=on_progress)
        done = True
    finally:
        executor.close(abandon=not done)
    return extraction
