"""``chipkg viz``: write the store's graph as one self-contained HTML page."""

from __future__ import annotations

import click

from chipkg import api
from chipkg.cli.options import store_option
from chipkg.graph.html import (
    MAX_ENTITIES,
    MAX_FACTS,
    GraphView,
    drawn_edges,
    project_view,
    render,
)
from chipkg.ontology.errors import OutputError


@click.command()
@store_option
@click.option(
    "-o",
    "--output",
    default="graph.html",
    show_default=True,
    type=click.Path(dir_okay=False, writable=True),
    help="HTML file to write.",
)
@click.option("--focus", metavar="ENTITY", help="Show only the neighbourhood of this entity.")
@click.option(
    "--depth", default=1, show_default=True, type=click.IntRange(0, 5), help="Hops around --focus."
)
@click.option("--chip", metavar="CHIP", help="Show only facts about this chip.")
@click.option("--since", metavar="YYYY-MM-DD", help="Keep only evidence dated on or after.")
@click.option(
    "--max-entities",
    default=MAX_ENTITIES,
    show_default=True,
    type=click.IntRange(min=0),
    help="Draw at most this many entities, the most connected (0: all of them).",
)
@click.option(
    "--max-facts",
    default=MAX_FACTS,
    show_default=True,
    type=click.IntRange(min=0),
    help="Draw at most this many facts, those told by the most articles (0: all of them).",
)
@click.option("--title", default="chipkg graph", show_default=True, help="Page title.")
def viz(
    store: str | None,
    output: str,
    focus: str | None,
    depth: int,
    chip: str | None,
    since: str | None,
    max_entities: int,
    max_facts: int,
    title: str,
) -> None:
    """Write the graph as one HTML file that works offline (pyvis / vis-network).

    Colour and shape by class, edges labelled by relation, evidence in tooltips,
    search and filters in the side panel.
    """
    view = GraphView(
        focus=focus,
        depth=depth,
        chip=chip,
        since=since,
        max_entities=max_entities,
        max_facts=max_facts,
    )
    with api.open(store, read_only=True) as kg:
        graph = project_view(kg.store, view)
    try:
        with open(output, "w", encoding="utf-8") as out:
            out.write(render(graph, title=title))
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from exc
    drawn, total = graph.number_of_nodes(), graph.graph.get("entities_total", 0)
    left = f" (the most connected of {total}: --max-entities 0 draws all)" if total > drawn else ""
    facts, told = sum(1 for _ in drawn_edges(graph)), graph.graph.get("facts_total", 0)
    cut = f" (the best attested of {told}: --max-facts 0 draws all)" if told > facts else ""
    click.echo(f"wrote {drawn} entities{left} and {facts} facts{cut} to {output}", err=True)
