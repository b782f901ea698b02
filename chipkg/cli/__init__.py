"""The ``chipkg`` command line: a thin layer over :mod:`chipkg.api`.

Every :class:`~chipkg.ontology.errors.ChipKGError` becomes a one-line message on
standard error and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from chipkg import api
from chipkg.cli.ask import ask
from chipkg.cli.options import rdf_format_option, store_option, workers_option
from chipkg.cli.serve import serve
from chipkg.cli.viz import viz
from chipkg.graph.formats import format_for_path, formats
from chipkg.graph.results import render
from chipkg.ontology.errors import ChipKGError, QueryError


def _open(store: str | None, *, read_only: bool = False) -> api.KnowledgeGraph:
    kg = api.open(store, read_only=read_only)
    # Read-only opens read a snapshot while another process writes; say so on stderr.
    notice = getattr(kg.store, "notice", None)
    if notice:
        click.echo(f"chipkg: note: {notice}", err=True)
    return kg


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="chipkg")
def cli() -> None:
    """chipkg: a knowledge graph of news about the AI-chip trade.

    Load articles (ingest), ask questions (ask, query), share the graph (export,
    serve, viz) and check it (validate, stats, eval).
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=str)
@store_option
@workers_option("Extraction (a handful of files is read in-process)")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
@click.option(
    "--reextract",
    is_flag=True,
    help="Extract stored articles again and replace their graphs (after an upgrade).",
)
def ingest(
    paths: tuple[str, ...], store: str | None, workers: int, quiet: bool, reextract: bool
) -> None:
    """Load articles (files, directories, or - for standard input) into the store.

    Formats: .txt .md .html .htm .json .jsonl. Standard input is sniffed (JSON Lines,
    JSON, HTML, Markdown or text) and named by its content (stdin:<digest>), so each
    different article piped in is a new one. A file stored with the same text is
    skipped unread by the extractor, unless --reextract asks for what the extractor
    finds now. Prints per-file errors on stderr and a summary; exits 0 only when
    every input loaded.
    """
    show_progress = sys.stderr.isatty() and not quiet
    with _open(store) as kg:
        done = 0

        def progress(outcome: api.ArticleOutcome) -> None:
            nonlocal done
            done += 1
            if outcome.status is api.ArticleStatus.failed:
                click.echo(f"chipkg: error: {outcome.error}", err=True)
            elif show_progress:
                click.echo(f"\r{done} documents …", err=True, nl=False)

        report = kg.ingest(paths, workers=workers, progress=progress, reextract=reextract)
        if show_progress:
            click.echo("", err=True)
        click.echo(report.summary())
        if kg.store.optimizable and report.count(api.ArticleStatus.added) >= OPTIMIZE_HINT:
            click.echo("hint: run `chipkg optimize` to compact the store; queries get faster")
        if not report.ok:
            sys.exit(1)


#: After an ingest that added this many articles, suggest ``chipkg optimize``.
OPTIMIZE_HINT = 5000


@cli.command()
@store_option
def optimize(store: str | None) -> None:
    """Compact the store after a large ingest, so that queries read fewer files."""
    with _open(store) as kg:
        if not kg.store.optimizable:
            click.echo(f"nothing to do: the {kg.store.name} store keeps itself compact")
            return
        seconds = kg.optimize()
    click.echo(f"optimized {kg.store.location} in {seconds:.1f} s")


@cli.command()
@store_option
@rdf_format_option
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False), help="File to write."
)
def export(store: str | None, fmt: str | None, output: str) -> None:
    """Write the whole store to a file (TriG, N-Quads, Turtle, JSON-LD, N-Triples)."""
    with _open(store, read_only=True) as kg:
        path = kg.export(output, fmt)
    click.echo(f"wrote {path}")
    if not formats.get(fmt or format_for_path(path)).keeps_graphs:
        click.echo(
            "chipkg: note: this format has no named graphs, so the articles' graphs are merged "
            "and claims lose their article; export TriG or N-Quads to keep them",
            err=True,
        )


@cli.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@store_option
@rdf_format_option
def import_(file: str, store: str | None, fmt: str | None) -> None:
    """Add an RDF file (TriG, N-Quads, Turtle, JSON-LD) to the store."""
    with _open(store) as kg:
        added = kg.import_file(file, fmt)
    click.echo(f"imported {added} quads from {file}")


@cli.command()
@click.argument("sparql", required=False)
@store_option
@click.option("--file", "-f", "file", type=click.File("r"), help="Read the query from a file.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "tsv", "xml"]),
    default="table",
    show_default=True,
    help="Output: a text table, or a SPARQL results format.",
)
def query(sparql: str | None, store: str | None, file: Any, fmt: str) -> None:
    """Run a SPARQL query over the store (prefixes ckg, ent, art, rdf, rdfs, skos, owl,
    prov, dcterms and xsd are predeclared)."""
    if file is not None:
        sparql = file.read()
    if not sparql:
        raise click.UsageError("give a SPARQL query or --file FILE")
    with _open(store, read_only=True) as kg:
        result = kg.query(sparql)
    click.echo(render(result, fmt), nl=False)


@cli.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(store: str | None, as_json: bool) -> None:
    """Print counts: quads, articles, entities (by class), claims (by property), approvals."""
    with _open(store, read_only=True) as kg:
        s = kg.stats()
    if as_json:
        click.echo(json.dumps(s.model_dump(), indent=2))
        return
    click.echo(f"store      {s.backend} {s.location or ''}".rstrip())
    for name in ("quads", "articles", "entities", "claims", "approvals"):
        click.echo(f"{name:<10} {getattr(s, name)}")
    for kind, n in s.entities_by_type.items():
        click.echo(f"  entity {kind:<14} {n}")
    for pred, n in s.claims_by_predicate.items():
        click.echo(f"  claim  {pred:<22} {n}")


@cli.command()
@store_option
@workers_option("Validation")
def validate(store: str | None, workers: int) -> None:
    """Check the store against the SHACL shapes; exit 1 with a report on violations.

    Whole article graphs are checked a batch at a time, in parallel: about 40 ms
    per article on one core.
    """
    with _open(store, read_only=True) as kg:
        report = kg.validate(workers=workers)
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@store_option
@click.option("--summary", is_flag=True, help="Print the scores only, not every finding.")
def eval_(gold: str, store: str | None, summary: bool) -> None:
    """Score the store against a gold.json: entities, relations, approvals, questions.

    Prints precision / recall / F1, then each negative, miss and false positive with
    its sentence. Exits 1 when a negative entity or relation was found, or when no
    gold document is in the store.
    """
    from chipkg.queries.scoring import load_gold, score

    with _open(store, read_only=True) as kg:
        report = score(load_gold(gold), kg.store)
    click.echo(report.render(details=not summary))
    if report.documents == 0:
        raise QueryError(
            f"no document of {gold} is in the store: ingest its articles first "
            "(documents are matched by file name)"
        )
    if report.negatives:
        sys.exit(1)


@cli.command()
@click.argument("subject")
@click.argument("rest", nargs=-1, required=True)
@store_option
def explain(subject: str, rest: tuple[str, ...], store: str | None) -> None:
    """Show every claim behind a fact: SUBJECT [PREDICATE] OBJECT.

    Names are labels or aliases ("Nvidia", "H200"); PREDICATE is a core property
    (makes, approves, restricts ...). Each claim shows its sentence, rule, modality,
    source and dates.
    """
    from chipkg.queries.scoring import explain as explain_fact
    from chipkg.queries.scoring import explain_text

    if len(rest) > 2:
        raise click.UsageError("Give SUBJECT [PREDICATE] OBJECT")
    predicate, obj = (rest[0], rest[1]) if len(rest) == 2 else (None, rest[0])
    with _open(store, read_only=True) as kg:
        click.echo(explain_text(explain_fact(kg.store, subject, obj, predicate)))


cli.add_command(ask)
cli.add_command(serve)
cli.add_command(viz)


@cli.command()
@store_option
@click.option("--no-shacl", is_flag=True, help="Skip SHACL validation (slow on large stores).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@workers_option("SHACL validation")
def check(store: str | None, no_shacl: bool, as_json: bool, workers: int) -> None:
    """Check the store's integrity; exit 1 when something is wrong.

    Every claim points to an existing article and to entities that have a label
    and a type, every fact has a claim, every approval is complete, every article
    graph is whole, the store is SHACL-clean; prints counts.
    """
    with _open(store, read_only=True) as kg:
        report = kg.check(shacl=not no_shacl, workers=workers)
    click.echo(report.model_dump_json(indent=2) if as_json else report.text())
    if not report.ok:
        sys.exit(1)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI, turning chipkg errors into one-line messages and an exit status."""
    try:
        cli.main(args=argv, prog_name="chipkg", standalone_mode=False)
    except ChipKGError as exc:
        click.echo(f"chipkg: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("chipkg: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
