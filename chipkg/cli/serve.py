"""``chipkg serve``: run the SPARQL endpoint (:mod:`chipkg.queries.endpoint`) on a store."""

from __future__ import annotations

import click

from chipkg import api
from chipkg.cli.options import store_option
from chipkg.queries.endpoint import Endpoint, EndpointConfig


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=7878,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="TCP port to listen on (0 = any free port).",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a request may run; past it the query's worker process is killed (503).",
)
@click.option(
    "--max-rows",
    default=10_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most result rows (or triples) returned; more are cut off.",
)
@click.option(
    "--max-body",
    default=1_000_000,
    show_default=True,
    type=click.IntRange(min=1024),
    help="Largest request body or query string, in bytes (413 / 400 beyond).",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Query worker processes (queries that run at the same time).",
)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update (needs --token).")
@click.option(
    "--token",
    envvar="CHIPKG_TOKEN",
    default=None,
    metavar="TOKEN",
    help="Bearer token that SPARQL Update requests must send ($CHIPKG_TOKEN).",
)
@click.option("--quiet", "-q", is_flag=True, help="Do not log requests.")
def serve(
    store: str | None,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    max_body: int,
    workers: int,
    allow_update: bool,
    token: str | None,
    quiet: bool,
) -> None:
    """Serve the store over the SPARQL 1.1 Protocol at /sparql, with a query page at /.

    Read-only unless --allow-update; listens on loopback unless --host says otherwise.
    SERVICE, LOAD and FROM naming anything outside the store are refused.
    """
    location = store or api.default_store_location()
    if "://" in location:
        raise click.UsageError(f"serve needs a store directory, not {location}")
    if allow_update and not token:
        raise click.UsageError("--allow-update needs --token (or $CHIPKG_TOKEN)")
    config = EndpointConfig(
        store=location,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        max_body=max_body,
        workers=workers,
        allow_update=allow_update,
        token=token,
        log=not quiet,
    )
    if not config.loopback:
        click.echo(f"chipkg: warning: listening on {host}, reachable from other machines", err=True)
    endpoint = Endpoint(config)
    try:
        endpoint.start()
        base = endpoint.url.removesuffix("/sparql")
        click.echo(
            f"chipkg: serving {location} at {endpoint.url} (query page {base}/, "
            f"graph {base}/graph, helpers {base}/ask); Ctrl-C stops",
            err=True,
        )
        assert endpoint._thread is not None
        while endpoint._thread.is_alive():
            endpoint._thread.join(1)
    except KeyboardInterrupt:
        click.echo("chipkg: stopping", err=True)
    finally:
        endpoint.stop()
