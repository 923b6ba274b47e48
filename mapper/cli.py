"""The ``mapper`` command: the one place where errors become messages and exit codes.

Exit codes: 0 success, 1 a user error reported as one line on stderr, 2 bad usage (click's own).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from typing import Any, TypeVar

import click

from mapper import __version__
from mapper.documents import Document, load_documents
from mapper.errors import DocumentError, MapperError

F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger("mapper")


def _one_line_errors(func: F) -> F:
    """Turn a MapperError (or an OSError on a user's path) into one line and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MapperError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"{exc.filename or ''}: {exc.strerror or exc}") from None

    return wrapper  # type: ignore[return-value]


class _Context:
    """Settings shared by every subcommand."""

    def __init__(self, verbosity: int) -> None:
        self.verbosity = verbosity

    def warn(self, message: str) -> None:
        """Print a one-line warning on stderr unless -q was given."""
        if self.verbosity >= 0:
            click.echo(f"warning: {message}", err=True)

    def info(self, message: str) -> None:
        """Print detail on stderr with -v."""
        if self.verbosity > 0:
            click.echo(message, err=True)


pass_ctx = click.make_pass_decorator(_Context)

T = TypeVar("T")


def load_inputs(ctx: _Context, paths: Sequence[str]) -> list[Document]:
    """Load the documents under ``paths``; bad files become warnings, a missing path an error."""
    documents = load_documents(paths, on_warning=ctx.warn)
    if not documents:
        raise DocumentError(f"no readable documents in {', '.join(paths)}")
    ctx.info(f"loaded {len(documents)} document(s)")
    return documents


def progress(ctx: _Context, items: Sequence[T], desc: str) -> Iterable[T]:
    """Wrap ``items`` in a progress bar on a terminal when there are many of them."""
    from tqdm import tqdm  # only needed for long runs

    hidden = ctx.verbosity < 0 or len(items) < 20 or not sys.stderr.isatty()
    return tqdm(items, desc=desc, unit="doc", disable=hidden, leave=False)


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
    verbosity = -1 if quiet else verbose
    logging.basicConfig(
        level={-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(
            verbosity, logging.DEBUG
        ),
        format="%(message)s",
    )
    ctx.obj = _Context(verbosity)


# --- gazetteer commands (owner: gazetteer) ---------------------------------


@cli.command()
@click.argument("name")
@click.option("--country", metavar="CC", help="Only places in this ISO country code.")
@click.option("--all", "show_all", is_flag=True, help="Print every candidate, not the top five.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_one_line_errors
def geocode(name: str, country: str | None, show_all: bool, as_json: bool) -> None:
    """Look a place name up in the local gazetteer.

    \b
    Example:
      mapper geocode Jalalabad --country AF
    """
    raise MapperError("geocode is not built yet")


@cli.group()
def gazetteer() -> None:
    """Build the local gazetteer or import GeoNames dumps into it.

    \b
    Example:
      mapper gazetteer import IR.txt
    """


# --- geoparse command (owner: geoparser) -----------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_ctx
@_one_line_errors
def geoparse(ctx: _Context, paths: tuple[str, ...], as_json: bool) -> None:
    """Find and resolve the place names in documents.

    \b
    Example:
      mapper geoparse seeds/ --json
    """
    raise MapperError("geoparse is not built yet")


# --- extract command (owner: incidents) ------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(path_type=str), help="GeoJSON file.")
@click.option("--csv", "csv_path", type=click.Path(path_type=str), help="Also write CSV here.")
@click.option(
    "--gpkg", "gpkg_path", type=click.Path(path_type=str), help="Also write GeoPackage here."
)
@pass_ctx
@_one_line_errors
def extract(
    ctx: _Context, paths: tuple[str, ...], output: str, csv_path: str | None, gpkg_path: str | None
) -> None:
    """Extract incidents and claims from documents.

    \b
    Example:
      mapper extract seeds/ -o incidents.geojson --csv incidents.csv
    """
    raise MapperError("extract is not built yet")


# --- build command (owner: map) --------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "-o", "--output", default="map.html", show_default=True, type=click.Path(path_type=str)
)
@pass_ctx
@_one_line_errors
def build(ctx: _Context, paths: tuple[str, ...], output: str) -> None:
    """Build one offline, self-contained HTML map of incidents and claims.

    \b
    Example:
      mapper build seeds/ -o map.html --group ISKP --region Nangarhar
    """
    raise MapperError("build is not built yet")


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="mapper")


if __name__ == "__main__":  # pragma: no cover
    main()
