"""The ``mapper`` command: the one place where errors become messages and exit codes.

Exit codes: 0 success, 1 a user error reported as one line on stderr, 2 bad usage (click's own),
130 interrupted (Ctrl-C), 143 terminated (SIGTERM). Every message on stderr is one line with
control and bidi characters escaped (:func:`mapper._messages.printable`); ``-v`` and ``-q`` work
before or after any subcommand.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import click

from mapper import __version__
from mapper._messages import plural, printable
from mapper.documents import Document, load_documents
from mapper.errors import DocumentError, MapperError

if TYPE_CHECKING:
    from mapper.gazetteer import Gazetteer
    from mapper.model import Extraction

F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger("mapper")


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread like Ctrl-C's KeyboardInterrupt so that the run stops
    the same way: worker processes stopped, temporary files removed, one line said.  Not an
    Exception, so that nothing meant for errors (a document that fails) takes it for one."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise _Terminated


def _interrupt_once(signum: int, frame: object) -> None:
    """Ctrl-C stops the command (KeyboardInterrupt) the first time; a second press, which could
    only cut its stopping short (a traceback, click's "Aborted!"), is ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _stopped(how: str, status: int) -> click.exceptions.Exit:
    """Say in one line that the command was stopped and what it had written; the exit to raise.

    Writes are atomic, so every output is either complete or as it was before the run.
    """
    context = click.get_current_context(silent=True)
    settings = context.find_object(_Context) if context is not None else None
    written = settings.written if settings is not None else []
    said = f"{how} after writing {', '.join(written)}" if written else f"{how}; nothing written"
    start = "\r" if sys.stderr.isatty() else ""  # over the terminal's "^C"
    click.echo(start + printable(said), err=True)
    return click.exceptions.Exit(status)


def _one_line_errors(func: F) -> F:
    """Turn a MapperError (or an OSError on a user's path) into one line and exit code 1, and
    Ctrl-C or SIGTERM into one line and exit code 130 or 143."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MapperError as exc:
            raise click.ClickException(printable(str(exc))) from None
        except OSError as exc:
            message = f"{exc.filename or ''}: {exc.strerror or exc}"
            raise click.ClickException(printable(message)) from None
        except KeyboardInterrupt:
            raise _stopped("interrupted", 128 + signal.SIGINT) from None
        except _Terminated:
            raise _stopped("terminated", 128 + signal.SIGTERM) from None

    return wrapper  # type: ignore[return-value]


class _EchoHandler(logging.Handler):
    """Log records from mapper's modules as one escaped line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(printable(record.getMessage()), err=True)


_HANDLER = _EchoHandler()


class _Context:
    """Settings shared by every subcommand."""

    def __init__(self, verbose: int = 0, quiet: bool = False) -> None:
        self.verbose = verbose
        self.quiet = quiet
        #: The files written so far, for the message of a run stopped half-way.
        self.written: list[str] = []
        self.configure_logging()

    @property
    def verbosity(self) -> int:
        """-1 with -q anywhere on the command line, else the number of -v."""
        return -1 if self.quiet else self.verbose

    def configure_logging(self) -> None:
        """Send the ``mapper`` logger's records to stderr at the level -v/-q ask for."""
        level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(
            self.verbosity, logging.DEBUG
        )
        log.setLevel(level)
        if _HANDLER not in log.handlers:
            log.addHandler(_HANDLER)

    def warn(self, message: str) -> None:
        """Print a one-line warning on stderr unless -q was given."""
        if self.verbosity >= 0:
            click.echo(f"warning: {printable(message)}", err=True)

    def info(self, message: str) -> None:
        """Print detail on stderr with -v."""
        if self.verbosity > 0:
            click.echo(printable(message), err=True)

    def wrote(self, path: str | os.PathLike[str]) -> None:
        """Note that ``path`` has been written (said if the command is stopped later)."""
        self.written.append(str(path))


pass_ctx = click.make_pass_decorator(_Context, ensure=True)

T = TypeVar("T")


def _more(ctx: click.Context, _: click.Parameter, count: int) -> None:
    if count:
        settings = ctx.ensure_object(_Context)
        settings.verbose += count
        settings.configure_logging()


def _less(ctx: click.Context, _: click.Parameter, quiet: bool) -> None:
    if quiet:
        settings = ctx.ensure_object(_Context)
        settings.quiet = True
        settings.configure_logging()


def verbosity_options(func: F) -> F:
    """``-v``/``-q`` on a subcommand, adding to those given before it."""
    func = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_less,
        help="Print no warnings or progress.",
    )(func)
    return click.option(
        "-v",
        "--verbose",
        count=True,
        expose_value=False,
        callback=_more,
        help="Print more detail on stderr.",
    )(func)


def load_inputs(ctx: _Context, paths: Sequence[str]) -> list[Document]:
    """Load the documents under ``paths``; bad files become warnings, a missing path an error."""
    documents = load_documents(paths, on_warning=ctx.warn)
    if not documents:
        raise DocumentError(f"no readable documents in {', '.join(paths)}")
    ctx.info(f"loaded {plural(len(documents), 'document')}")
    return documents


def progress(ctx: _Context, items: Sequence[T], desc: str) -> Iterable[T]:
    """Wrap ``items`` in a progress bar on a terminal when there are many of them."""
    from tqdm import tqdm  # only needed for long runs

    hidden = ctx.verbosity < 0 or len(items) < 20 or not sys.stderr.isatty()
    return tqdm(items, desc=desc, unit="doc", disable=hidden, leave=False)


def pipeline_options(func: F) -> F:
    """``--jobs`` and ``--scheduler``: where the per-document stages run."""
    func = click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="Run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs mapper[dask]).",
    )(func)
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        help="Worker processes (default: the number of cores; 1: this process only).",
    )(func)


def extract_documents(
    ctx: _Context,
    paths: Sequence[str],
    jobs: int | None,
    scheduler: str | None,
    gazetteer: Gazetteer,
) -> Extraction | None:
    """Run the pipeline over the documents under ``paths``, with one progress bar over them;
    None when no document could be read."""
    from tqdm import tqdm  # only needed for long runs

    from mapper.documents import iter_documents
    from mapper.pipeline import default_jobs, run

    if jobs is not None and scheduler is not None:
        raise click.UsageError("give --jobs or --scheduler, not both")
    read = 0

    def documents() -> Iterator[Document]:
        nonlocal read
        for document in iter_documents(paths, on_warning=ctx.warn):
            read += 1
            yield document

    hidden = ctx.verbosity < 0 or not sys.stderr.isatty()
    with tqdm(desc="documents", unit="doc", disable=hidden, leave=False) as bar:
        extraction = run(
            documents(),
            gazetteer=gazetteer,
            jobs=jobs or default_jobs(),
            scheduler=scheduler,
            on_warning=ctx.warn,
            on_progress=bar.update,
        )
    ctx.info(f"loaded {plural(read, 'document')}")
    return extraction if read else None


#: Document paths as given: an unreadable one is skipped with a warning by the reader, not
#: refused by the command line (click checks readability by default).
_DOCUMENT_PATHS = click.Path(path_type=str, readable=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mapper")
@click.option("-v", "--verbose", count=True, help="Print more detail on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="Print no warnings or progress.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Map the places, incidents and claims in reports on militant violence, offline.

    \b
    Example:
      mapper build seeds/ -o map.html
    """
    ctx.obj = _Context(verbose, quiet)


# --- gazetteer commands (owner: gazetteer) ---------------------------------


@cli.command()
@click.argument("name")
@click.option("--country", metavar="CC", help="Only places in this ISO country code.")
@click.option("--all", "show_all", is_flag=True, help="Print every candidate, not the top five.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@verbosity_options
@_one_line_errors
def geocode(name: str, country: str | None, show_all: bool, as_json: bool) -> None:
    """Look a place name up in the local gazetteer.

    \b
    Example:
      mapper geocode Jalalabad --country AF
    """
    import json
    from dataclasses import asdict

    from mapper.gazetteer import load_gazetteer
    from mapper.geocoder import by_importance

    places = by_importance(load_gazetteer().candidates(name, country=country))
    if country is not None and not places:
        _check_country(country)
    if not show_all:
        places = places[:5]
    if as_json:
        click.echo(json.dumps([asdict(p) for p in places], ensure_ascii=False, indent=2))
        return
    if not places:
        raise MapperError(f"no place named {name!r} in the gazetteer")
    for rank, p in enumerate(places, start=1):
        path = " > ".join(x for x in (p.country, p.admin1, p.admin2) if x)
        click.echo(
            printable(
                f"{rank:>2}. {p.name} [{p.feature_class}.{p.feature_code}] "
                f"{p.lat:.5f}, {p.lon:.5f}  {path}  ({p.id}, pop {p.population:,})"
            )
        )


def _check_country(country: str) -> None:
    """Raise for a two-letter code that names no country of GeoNames' countryInfo."""
    from mapper import _gazbuild

    if len(country) != 2:
        return  # a country name: the gazetteer has already said whether it knows it
    with _gazbuild.open_text(_gazbuild.sources_dir() / "countryInfo.txt.xz") as lines:
        known = _gazbuild.read_country_info(lines, "countryInfo", _gazbuild.ReadReport())
    if country.upper() not in known:
        msg = f"unknown country code {country!r}: give an ISO 3166-1 alpha-2 code such as AF"
        raise MapperError(msg)


@cli.group()
@verbosity_options
def gazetteer() -> None:
    """Build the local gazetteer or import GeoNames dumps into it.

    \b
    Example:
      mapper gazetteer import IR.txt
    """


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the compiled gazetteer is current.")
@verbosity_options
@pass_ctx
@_one_line_errors
def gazetteer_build(ctx: _Context, force: bool) -> None:
    """Compile gazetteer/sources into the cache directory (done on first use anyway).

    \b
    Example:
      mapper gazetteer build --force
    """
    from mapper import _gazbuild

    path = _gazbuild.ensure_built(quiet=ctx.verbosity < 0, force=force)
    click.echo(printable(str(path)))


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@verbosity_options
@pass_ctx
@_one_line_errors
def gazetteer_import(ctx: _Context, files: tuple[str, ...]) -> None:
    """Merge GeoNames dumps into your gazetteer; their places are found first.

    FILES are GeoNames exports: country or allCountries dumps (19 columns, .txt or .zip),
    and optionally alternateNamesV2.txt, admin1CodesASCII.txt, admin2Codes.txt and
    countryInfo.txt. Malformed rows are reported by line and skipped; an import that finds
    nothing to import exits 1, and a failed import leaves the previous user gazetteer untouched.

    \b
    Example:
      mapper gazetteer import IR.txt alternateNamesV2.txt
    """
    from pathlib import Path

    from mapper import _gazbuild
    from mapper.gazetteer import clear_cache

    result = _gazbuild.import_geonames(
        [Path(f) for f in files], shipped=_gazbuild.ensure_built(quiet=ctx.verbosity < 0)
    )
    ctx.wrote(result.path)
    clear_cache()
    for path, line, message in result.problems:
        ctx.warn(f"{path}:{line}: {message}")
    click.echo(
        printable(
            f"imported {plural(result.places, 'place')} "
            f"({plural(result.alternates, 'alternate name')}) into {result.path}; "
            f"{plural(len(result.problems), 'malformed row')} skipped"
        )
    )


# --- geoparse command (owner: geoparser) -----------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=_DOCUMENT_PATHS)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@verbosity_options
@pass_ctx
@_one_line_errors
def geoparse(ctx: _Context, paths: tuple[str, ...], as_json: bool) -> None:
    """Find and resolve the place names in documents.

    \b
    Example:
      mapper geoparse seeds/ --json
    """
    import json
    from dataclasses import replace

    from mapper.actors import load_actors
    from mapper.gazetteer import load_gazetteer
    from mapper.geoparse import document_json, format_table
    from mapper.geoparse import geoparse as find_places

    documents = load_inputs(ctx, paths)
    gaz = load_gazetteer()
    actors = load_actors()  # the groups a report names count for their countries, as in extract
    results = [
        (doc, find_places(doc, gaz, on_warning=ctx.warn, actors=actors))
        for doc in progress(ctx, documents, "geoparse")
    ]
    if as_json:
        out = [document_json(doc.path, mentions) for doc, mentions in results]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        shown = [(replace(doc, path=printable(doc.path)), mentions) for doc, mentions in results]
        click.echo("\n".join(printable(line) for line in format_table(shown).split("\n")))


# --- extract command (owner: incidents) ------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=_DOCUMENT_PATHS)
@click.option("-o", "--output", required=True, type=click.Path(path_type=str), help="GeoJSON file.")
@click.option("--csv", "csv_path", type=click.Path(path_type=str), help="Also write CSV here.")
@click.option(
    "--gpkg", "gpkg_path", type=click.Path(path_type=str), help="Also write GeoPackage here."
)
@pipeline_options
@verbosity_options
@pass_ctx
@_one_line_errors
def extract(
    ctx: _Context,
    paths: tuple[str, ...],
    output: str,
    csv_path: str | None,
    gpkg_path: str | None,
    jobs: int | None,
    scheduler: str | None,
) -> None:
    """Extract incidents and claims from documents.

    \b
    Example:
      mapper extract seeds/ -o incidents.geojson --csv incidents.csv
    """
    from mapper.export import write_csv, write_geojson, write_gpkg
    from mapper.gazetteer import load_gazetteer

    extraction = extract_documents(ctx, paths, jobs, scheduler, load_gazetteer())
    if extraction is None:
        raise DocumentError(f"no readable documents in {', '.join(paths)}")
    write_geojson(extraction, output)
    ctx.wrote(output)
    if csv_path:
        write_csv(extraction, csv_path)
        ctx.wrote(csv_path)
    if gpkg_path:
        write_gpkg(extraction, gpkg_path)
        ctx.wrote(gpkg_path)
    ctx.info(
        f"{plural(len(extraction.documents), 'document')}: "
        f"{plural(len(extraction.incidents), 'incident')}, "
        f"{plural(len(extraction.claims), 'claim')} -> {output}"
    )


# --- build command (owner: map) --------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=_DOCUMENT_PATHS)
@click.option(
    "-o", "--output", default="map.html", show_default=True, type=click.Path(path_type=str)
)
@click.option(
    "--region",
    "regions",
    multiple=True,
    metavar="NAME",
    help="Country, province or district (repeatable).",
)
@click.option(
    "--group",
    "groups",
    multiple=True,
    metavar="NAME",
    help="Actor name or alias; IS includes ISKP (repeatable).",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="TYPE",
    help="ACLED event type or claim type (repeatable).",
)
@click.option("--since", metavar="DATE", help="Only incidents on or after DATE (YYYY[-MM[-DD]]).")
@click.option("--until", metavar="DATE", help="Only incidents on or before DATE.")
@click.option(
    "--keep-undated", is_flag=True, help="With --since/--until, keep undated incidents too."
)
@click.option(
    "--title", default="Incidents and claims", show_default=True, help="Title of the page."
)
@click.option(
    "--tiles",
    type=click.Choice(["none", "osm"]),
    default="none",
    show_default=True,
    help="osm: add OpenStreetMap tiles as an optional layer (needs a network).",
)
@click.option(
    "--geojson",
    "geojson_path",
    type=click.Path(path_type=str),
    help="Also write what the map shows as GeoJSON.",
)
@pipeline_options
@verbosity_options
@pass_ctx
@_one_line_errors
def build(
    ctx: _Context,
    paths: tuple[str, ...],
    output: str,
    regions: tuple[str, ...],
    groups: tuple[str, ...],
    types: tuple[str, ...],
    since: str | None,
    until: str | None,
    keep_undated: bool,
    title: str,
    tiles: str,
    geojson_path: str | None,
    jobs: int | None,
    scheduler: str | None,
) -> None:
    """Build one offline, self-contained HTML map of incidents and claims.

    PATHS are documents or folders of them, or GeoJSON files written by `mapper extract`.
    A --region that is a town stands for the district (else province) that contains it.

    \b
    Example:
      mapper build seeds/ -o map.html --group ISKP --region Nangarhar
    """
    import json
    from pathlib import Path

    from mapper._io import write_atomic
    from mapper.gazetteer import load_gazetteer
    from mapper.render import GEOJSON_SUFFIXES, build_page, load_collection

    def note(message: str) -> None:  # how a name was read: said unless -q
        if ctx.verbosity >= 0:
            click.echo(printable(message), err=True)

    collections = [p for p in paths if p.lower().endswith(GEOJSON_SUFFIXES) and Path(p).is_file()]
    documents = [p for p in paths if p not in collections]
    sources: list[Extraction | dict[str, Any]] = [load_collection(p) for p in collections]
    gazetteer = load_gazetteer()
    if documents:
        extraction = extract_documents(ctx, documents, jobs, scheduler, gazetteer)
        if extraction is not None:
            sources.append(extraction)
    if not sources:
        raise DocumentError(f"no readable documents in {', '.join(paths)}")
    built = build_page(
        sources,
        gazetteer=gazetteer,
        regions=regions,
        groups=groups,
        types=types,
        since=since,
        until=until,
        keep_undated=keep_undated,
        title=title,
        tiles="osm" if tiles == "osm" else "none",
        on_note=note,
    )
    page = built.html.encode("utf-8")
    write_atomic(output, page)
    ctx.wrote(output)
    if geojson_path:
        text = json.dumps(built.collection, ensure_ascii=False, indent=1)
        write_atomic(geojson_path, text + "\n")
        ctx.wrote(geojson_path)
    if ctx.verbosity >= 0:
        counts = f"{plural(built.incidents, 'incident')}, {plural(built.claims, 'claim')}"
        click.echo(printable(f"wrote {output}: {counts}, {len(page) / 1e6:.1f} MB"), err=True)


def main() -> None:
    """Entry point of the console script.

    SIGTERM stops a command the way Ctrl-C does (exit status 143 instead of 130): worker
    processes are stopped and temporary files removed before it exits.  Ctrl-C works once: a
    second press, while the command stops or Python exits, is ignored.  A signal the command
    was started with ignored (``nohup``, a background job) stays ignored.
    """
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt_once)
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        cli(prog_name="mapper")
    except _Terminated:  # outside a command: while click reads the command line or exits
        sys.exit(128 + signal.SIGTERM)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if signal.getsignal(signal.SIGTERM) is _raise_terminated:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


if __name__ == "__main__":  # pragma: no cover
    main()
