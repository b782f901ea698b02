"""Options shared by the sub-commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from chipkg import api
from chipkg.graph.formats import formats as rdf_formats

F = TypeVar("F", bound=Callable[..., Any])


def store_option(func: F) -> F:
    """Return ``func`` with the ``--store`` option every store-opening command shares."""
    return click.option(
        "--store",
        "store",
        envvar=api.STORE_ENV,
        default=None,
        metavar="DIR|URL",
        help=(
            "Store directory (oxigraph) or sparql+http://… URL. "
            f"Default: ${api.STORE_ENV}, else {api.default_store_location()}."
        ),
    )(func)


def workers_option(what: str) -> Callable[[F], F]:
    """Return the ``-j/--workers`` option of a command that runs ``what`` in processes.

    The value reaches the command as a count of processes: 0 becomes one per CPU.
    """

    def one_per_cpu(_ctx: click.Context, _param: click.Parameter, value: int) -> int:
        from chipkg.loaders.pipeline import default_workers

        return value or default_workers()

    return click.option(
        "--workers",
        "-j",
        type=click.IntRange(min=0),
        default=0,
        show_default=True,
        callback=one_per_cpu,
        help=f"{what} processes (0 = one per CPU).",
    )


def rdf_format_option(func: F) -> F:
    """Return ``func`` with the ``--format`` option of the commands that read or write RDF."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(sorted(rdf_formats.names())),
        default=None,
        help="RDF format (default: from the file's extension).",
    )(func)
