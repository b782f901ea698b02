"""``chipkg ask``: the query helpers and plain-English questions on the command line.

``chipkg ask conditionally-approved --chip H200`` runs one helper;
``chipkg ask "who restricts the H200?"`` maps a question to a helper and says which
one (and its SPARQL) it used. Every sub-command takes ``--format table|json|csv``
and ``--sparql`` (print the query it runs). Listings print one page
(``--limit N``, default 50, from ``--offset N``; ``--all`` for every row) and say on
stderr how to get the next one. :mod:`chipkg.cli` registers the group.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from chipkg import api
from chipkg.cli.options import store_option
from chipkg.queries.analytics import MAX_DEPTH
from chipkg.queries.catalog import helpers
from chipkg.queries.paging import DEFAULT_LIMIT
from chipkg.queries.questions import UnknownQuestionError, shapes
from chipkg.queries.questions import ask as ask_question
from chipkg.queries.rendering import render
from chipkg.queries.rows import RowSet

F = TypeVar("F", bound=Callable[..., Any])


def _common(func: F) -> F:
    """Add --store, --format and --sparql to a sub-command."""
    func = click.option(
        "--sparql", "show_sparql", is_flag=True, help="Print the SPARQL the helper runs."
    )(func)
    func = click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)
    func = store_option(func)
    return func


def _paged(func: F) -> F:
    """Add --limit, --offset and --all to a listing sub-command."""
    func = click.option(
        "--all", "every", is_flag=True, help="Every row (no paging; slow on a large store)."
    )(func)
    func = click.option(
        "--offset",
        type=click.IntRange(min=0),
        default=0,
        show_default=True,
        help="Skip this many rows (facts) of the listing.",
    )(func)
    func = click.option(
        "--limit",
        type=click.IntRange(min=1),
        default=DEFAULT_LIMIT,
        show_default=True,
        help="Rows (facts) per page.",
    )(func)
    return func


def _page_args(filters: dict[str, Any]) -> dict[str, Any]:
    """Return the helper arguments with --limit/--offset/--all turned into limit and offset."""
    every = filters.pop("every", False)
    if every:
        if filters.get("offset"):
            raise click.UsageError("--all lists every row: it takes no --offset")
        filters["limit"] = None
    return filters


def _emit(rows: RowSet[Any], fmt: str, show_sparql: bool) -> None:
    if show_sparql:
        for text in rows.sparql:
            click.echo(_without_comments(text), err=fmt != "table")
            click.echo("", err=fmt != "table")
    click.echo(render(rows, fmt), nl=False)
    page = rows.page
    if page.more:
        click.echo(
            f"# more rows follow: --offset {page.next_offset} for the next page, "
            "or --all for every row",
            err=True,
        )


def _without_comments(sparql: str) -> str:
    """Return the query text without its comment lines (the .rq file's notes), as run."""
    return "\n".join(
        line for line in sparql.rstrip().splitlines() if not line.lstrip().startswith("#")
    )


def _run(
    helper: str, store: str | None, fmt: str, show_sparql: bool, *args: Any, **kwargs: Any
) -> None:
    kwargs = _page_args(kwargs)
    with api.open(store, read_only=True) as kg:
        rows = helpers.get(helper)(kg.store, *args, **kwargs)
        _emit(rows, fmt, show_sparql)


class _AskGroup(click.Group):
    """A group whose first argument is a sub-command or else a question in words."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["question", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_AskGroup)
def ask() -> None:
    """Ask the graph: run a named helper, or a question in plain English.

    \b
    chipkg ask conditionally-approved --chip H200
    chipkg ask "who restricts the H200?"
    """


@ask.command("question", hidden=True)
@click.argument("words", nargs=-1, required=True)
@_common
def question_cmd(words: tuple[str, ...], store: str | None, fmt: str, show_sparql: bool) -> None:
    """Answer a question in plain English (see `chipkg ask shapes`)."""
    text = " ".join(words)
    with api.open(store, read_only=True) as kg:
        try:
            match, rows = ask_question(kg.store, text)
        except UnknownQuestionError as exc:
            click.echo(f"chipkg: {exc}", err=True)
            raise SystemExit(2) from None
        out_err = fmt != "table"
        click.echo(f"# helper: {match.helper}  ({match.command()})", err=out_err)
        for sparql in rows.sparql:
            click.echo("# SPARQL:", err=out_err)
            for line in _without_comments(sparql).splitlines():
                click.echo(f"#   {line}", err=out_err)
        click.echo(render(rows, fmt), nl=False)
        if rows.page.more:
            click.echo(
                f"# more rows follow: {match.command()} --offset {rows.page.next_offset}, "
                "or --all for every row",
                err=True,
            )


@ask.command("shapes")
def shapes_cmd() -> None:
    """List the question shapes `chipkg ask "..."` understands."""
    for shape in shapes():
        click.echo(f"{shape.example}  ->  {shape.helper}")


@ask.command("conditionally-approved")
@click.option("--chip", help="Only approvals of this chip (name or alias).")
@click.option("--approver", help="Only approvals by this regulator.")
@click.option("--firm", help="Only approvals granted to this firm.")
@_paged
@_common
def conditionally_approved_cmd(
    store: str | None, fmt: str, show_sparql: bool, **filters: Any
) -> None:
    """Firms approved with conditions: approver, chip, quantity, conditions, sources."""
    _run("conditionally-approved", store, fmt, show_sparql, **filters)


@ask.command("approvals")
@click.option("--status", help="Granted, Conditional, UnderReview or Denied.")
@click.option("--chip", help="Only approvals of this chip.")
@click.option("--approver", help="Only approvals by this regulator.")
@click.option("--firm", help="Only approvals granted to this firm.")
@_paged
@_common
def approvals_cmd(store: str | None, fmt: str, show_sparql: bool, **filters: Any) -> None:
    """Approvals by status, with quantity, conditions and sources."""
    _run("approvals", store, fmt, show_sparql, **filters)


@ask.command("conditions")
@click.option("--firm", help="Only conditions on approvals granted to this firm.")
@click.option("--chip", help="Only conditions on approvals of this chip.")
@_paged
@_common
def conditions_cmd(store: str | None, fmt: str, show_sparql: bool, **filters: Any) -> None:
    """Conditions attached to approvals."""
    _run("conditions", store, fmt, show_sparql, **filters)


@ask.command("restrictions")
@click.option("--chip", help="Only restrictions of this chip.")
@click.option("--regulator", help="Only restrictions by this regulator.")
@_paged
@_common
def restrictions_cmd(store: str | None, fmt: str, show_sparql: bool, **filters: Any) -> None:
    """Who restricts which chip: in force or planned."""
    _run("restrictions", store, fmt, show_sparql, **filters)


@ask.command("outperforms")
@click.option("--chip", help="Only comparisons where this chip is the stronger one.")
@click.option("--than", "--other", "other", help="Only comparisons against this chip.")
@_paged
@_common
def outperforms_cmd(store: str | None, fmt: str, show_sparql: bool, **filters: Any) -> None:
    """Which chips outperform which, with the factor when stated."""
    _run("outperforms", store, fmt, show_sparql, **filters)


@ask.command("makers")
@click.option("--chip", help="Only makers of this chip.")
@click.option("--maker", help="Only chips made by this company.")
@_paged
@_common
def makers_cmd(store: str | None, fmt: str, show_sparql: bool, **filters: Any) -> None:
    """Which companies make which chips."""
    _run("makers", store, fmt, show_sparql, **filters)


@ask.command("evidence")
@click.argument("terms", nargs=-1, required=True)
@_common
def evidence_cmd(terms: tuple[str, ...], store: str | None, fmt: str, show_sparql: bool) -> None:
    """Every claim for a fact: SUBJECT [PREDICATE] OBJECT."""
    if len(terms) == 2:
        subject, obj, predicate = terms[0], terms[1], None
    elif len(terms) == 3:
        subject, predicate, obj = terms
    else:
        raise click.UsageError("give SUBJECT [PREDICATE] OBJECT")
    _run("evidence", store, fmt, show_sparql, subject, obj, predicate=predicate)


@ask.command("timeline")
@click.option("--entity", help="Only claims involving this entity.")
@click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Up to this date (inclusive).")
@_paged
@_common
def timeline_cmd(store: str | None, fmt: str, show_sparql: bool, **filters: Any) -> None:
    """Dated claims: about --entity in date order; else newest articles first, like a feed."""
    _run("timeline", store, fmt, show_sparql, **filters)


@ask.command("disputes")
@_paged
@_common
def disputes_cmd(store: str | None, fmt: str, show_sparql: bool, **page: Any) -> None:
    """Facts on which articles disagree, with both sides (pages count facts)."""
    _run("disputes", store, fmt, show_sparql, **page)


@ask.command("neighbours")
@click.argument("entity")
@click.option(
    "--depth",
    type=click.IntRange(1, MAX_DEPTH),
    default=1,
    show_default=True,
    help="How many hops out from the entity.",
)
@_common
def neighbours_cmd(entity: str, depth: int, store: str | None, fmt: str, show_sparql: bool) -> None:
    """Entities within DEPTH hops of ENTITY."""
    _run("neighbours", store, fmt, show_sparql, entity, depth=depth)


@ask.command("path")
@click.argument("source")
@click.argument("target")
@_common
def path_cmd(source: str, target: str, store: str | None, fmt: str, show_sparql: bool) -> None:
    """A shortest chain of facts between two entities."""
    _run("path", store, fmt, show_sparql, source, target)


@ask.command("central")
@click.option(
    "--top",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="How many entities to list.",
)
@click.option("--kind", help="Only entities of this class (Company, Chip, Regulator ...).")
@_common
def central_cmd(top: int, kind: str | None, store: str | None, fmt: str, show_sparql: bool) -> None:
    """The most connected entities."""
    _run("central", store, fmt, show_sparql, top=top, kind=kind)
