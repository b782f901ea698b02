"""Options shared by the sub-commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from chipkg import api

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
