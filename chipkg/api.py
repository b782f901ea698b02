"""The Python API: open a store, ingest articles, query, export, validate.

Example
-------
>>> import chipkg
>>> with chipkg.open(backend="memory") as kg:  # doctest: +SKIP
...     report = kg.ingest(["examples/articles"])
...     rows = kg.query("SELECT ?f WHERE { ?r ckg:conditionallyApproves ?f }").rows
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from pydantic import BaseModel, Field
from rdflib import Graph, Literal, URIRef

from chipkg.graph.formats import format_for_path
from chipkg.graph.mapping import extraction_triples
from chipkg.graph.store import DEFAULT_BACKEND, QueryResult, Store, open_store
from chipkg.loaders.pipeline import DEFAULT_EXTRACTOR, load
from chipkg.ontology.errors import ChipKGError, ExtractionError, LoaderError, StoreError
from chipkg.ontology.identifiers import sha256_hex
from chipkg.ontology.models import Extraction
from chipkg.ontology.schema import ONTOLOGY_PATH

if TYPE_CHECKING:
    from chipkg.ontology.shapes import ValidationReport
    from chipkg.queries.integrity import IntegrityReport
from chipkg.ontology.vocabulary import CKG, ONTOLOGY_GRAPH

#: Environment variable naming the default store.
STORE_ENV = "CHIPKG_STORE"


def default_store_location() -> str:
    """Return the store used when none is given: ``$CHIPKG_STORE``, else the user's data dir."""
    if os.environ.get(STORE_ENV):
        return os.environ[STORE_ENV]
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "chipkg" / "store")


class ArticleStatus(StrEnum):
    """What ingest did with one input document."""

    added = "added"
    unchanged = "unchanged"
    replaced = "replaced"
    failed = "failed"


class ArticleOutcome(BaseModel):
    """The result of ingesting one document."""

    source: str
    status: ArticleStatus
    article: str | None = Field(default=None, description="Article IRI when it loaded.")
    entities: int = 0
    claims: int = 0
    approvals: int = 0
    error: str | None = None


class IngestReport(BaseModel):
    """Summary of one ingest run."""

    outcomes: list[ArticleOutcome] = Field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: ArticleStatus) -> int:
        """Return how many documents ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status is status)

    @property
    def ok(self) -> bool:
        """Return True when every input loaded."""
        return self.count(ArticleStatus.failed) == 0

    @property
    def errors(self) -> list[ArticleOutcome]:
        """Return the outcomes of documents that failed."""
        return [o for o in self.outcomes if o.status is ArticleStatus.failed]

    def summary(self) -> str:
        """Return a one-line summary of the run."""
        loaded = [o for o in self.outcomes if o.status is not ArticleStatus.failed]
        return (
            f"{self.count(ArticleStatus.added)} added, "
            f"{self.count(ArticleStatus.unchanged)} unchanged, "
            f"{self.count(ArticleStatus.replaced)} replaced, "
            f"{self.count(ArticleStatus.failed)} failed; "
            f"{sum(o.entities for o in loaded)} entity mentions, "
            f"{sum(o.claims for o in loaded)} claims, "
            f"{sum(o.approvals for o in loaded)} approvals "
            f"in {self.seconds:.1f}s"
        )


class Stats(BaseModel):
    """Counts that describe a store."""

    backend: str
    location: str | None
    quads: int
    articles: int
    entities: int
    claims: int
    approvals: int
    entities_by_type: dict[str, int]
    claims_by_predicate: dict[str, int]


class KnowledgeGraph:
    """A chipkg knowledge graph on top of one store; use :func:`open` to get one."""

    def __init__(self, store: Store) -> None:
        self.store = store
        if not store.read_only:
            self._install_ontology()

    # -- life cycle -------------------------------------------------------------
    def close(self) -> None:
        """Flush and close the store."""
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _install_ontology(self) -> None:
        path = ONTOLOGY_PATH
        if not path.exists():
            return
        text = path.read_text(encoding="utf-8")
        digest = Literal(sha256_hex(text))
        installed = {o for _, p, o, _ in self.store.quads(ONTOLOGY_GRAPH) if p == CKG.sha256}
        if digest in installed:
            return
        graph = Graph().parse(data=text, format="turtle")
        triples = [*graph, (ONTOLOGY_GRAPH, CKG.sha256, digest)]
        self.store.replace_graph(ONTOLOGY_GRAPH, triples)

    # -- ingest -------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        workers: int = 1,
        extractor: str = DEFAULT_EXTRACTOR,
        limits: object | None = None,
        progress: Callable[[ArticleOutcome], None] | None = None,
    ) -> IngestReport:
        """Return the report of loading every article under ``paths`` into the store.

        Each article is written as its own named graph in one transaction: an
        unchanged article is left as it is, a changed one (same source, new text)
        replaces its old graph atomically, and a file that fails leaves no trace.
        """
        started = time.perf_counter()
        report = IngestReport()
        for item in load(paths, workers=workers, extractor=extractor, limits=limits):
            outcome = self._write(item)
            report.outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        self.store.flush()
        report.seconds = time.perf_counter() - started
        return report

    def add(self, extraction: Extraction) -> ArticleOutcome:
        """Return the outcome of writing one extraction into the store."""
        article = extraction.article
        iri = article.iri
        stale = [g for g in self._graphs_with_source(article.source) if g != iri]
        if self.store.has_graph(iri):
            for graph in stale:  # finish a replace that an earlier run did not complete
                self.store.remove_graph(graph)
            status = ArticleStatus.unchanged
        else:
            self.store.replace_graph(iri, extraction_triples(extraction), remove=stale)
            status = ArticleStatus.replaced if stale else ArticleStatus.added
        return ArticleOutcome(
            source=article.source,
            status=status,
            article=str(iri),
            entities=len(extraction.entities),
            claims=len(extraction.claims),
            approvals=len(extraction.approvals),
        )

    def _write(self, item: Extraction | LoaderError | ExtractionError) -> ArticleOutcome:
        if isinstance(item, Extraction):
            try:
                return self.add(item)
            except StoreError as exc:
                return _failed(item.article.source, str(exc))
        source = item.source if isinstance(item, LoaderError) else str(item).split(": ", 1)[0]
        return _failed(source, str(item))

    def _graphs_with_source(self, source: str) -> list[URIRef]:
        result = self.store.query(_SOURCE_QUERY.replace("?src", Literal(source).n3()))
        return [row[0] for row in result.rows if isinstance(row[0], URIRef)]

    # -- read -------------------------------------------------------------------------
    def query(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """Return the result of a SPARQL query over the whole store."""
        return self.store.query(sparql, timeout=timeout)

    def export(self, path: str | Path, fmt: str | None = None) -> Path:
        """Return the path written after exporting the store in ``fmt`` (or by extension)."""
        target = Path(path)
        fmt = fmt or format_for_path(target)
        tmp = target.with_name(f".{target.name}.part")
        try:
            with tmp.open("wb") as out:
                self.store.dump(out, fmt)
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)
        return target

    def import_file(self, path: str | Path, fmt: str | None = None) -> int:
        """Return how many quads the store gained by importing an RDF file."""
        source = Path(path)
        if not source.is_file():
            raise StoreError(f"{source}: no such file")
        fmt = fmt or format_for_path(source)
        before = len(self.store)
        with source.open("rb") as data:
            try:
                self.store.load(data, fmt, graph=URIRef(source.resolve().as_uri()))
            except ChipKGError:
                raise
            except Exception as exc:
                raise StoreError(f"{source}: cannot import as {fmt}: {exc}") from exc
        return len(self.store) - before

    def validate(self) -> ValidationReport:
        """Return the SHACL validation report of every article graph in the store."""
        from chipkg.ontology.shapes import validate

        data = Graph()
        for s, p, o, g in self.store.quads():
            if g != ONTOLOGY_GRAPH:
                data.add((s, p, o))
        return validate(data)

    def check(self, *, shacl: bool = True) -> IntegrityReport:
        """Return the store's integrity report (see :mod:`chipkg.queries.integrity`).

        Claims point to existing articles and to labelled, typed entities; facts
        have claims; approvals are complete; article graphs are whole; counts;
        and, unless ``shacl`` is False, the SHACL outcome of :meth:`validate`.
        """
        from chipkg.queries.integrity import check_store

        report = check_store(self.store)
        if shacl:
            validation = self.validate()
            report.shacl_conforms = validation.conforms
            report.shacl_report = "" if validation.conforms else validation.text()
        return report

    def stats(self) -> Stats:
        """Return counts of quads, articles, entities, claims and approvals."""

        def count(sparql: str) -> int:
            row = self.store.query(sparql).rows[0]
            return int(str(row[0])) if row and row[0] is not None else 0

        def histogram(sparql: str) -> dict[str, int]:
            rows = self.store.query(sparql).rows
            return {str(r[0]).rsplit("#", 1)[-1]: int(str(r[1])) for r in rows}

        by_type = histogram(_ENTITY_TYPES_QUERY)
        by_predicate = histogram(_CLAIM_PREDICATES_QUERY)
        return Stats(
            backend=self.store.name,
            location=self.store.location,
            quads=len(self.store),
            articles=count("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ckg:Article }"),
            entities=count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e ckg:mentionedIn ?a }"),
            claims=count("SELECT (COUNT(?c) AS ?n) WHERE { ?c a ckg:Claim }"),
            approvals=count("SELECT (COUNT(?x) AS ?n) WHERE { ?x a ckg:Approval }"),
            entities_by_type=by_type,
            claims_by_predicate=by_predicate,
        )


_SOURCE_QUERY = "SELECT DISTINCT ?a WHERE { ?a a ckg:Article ; dcterms:source ?src }"
_ENTITY_TYPES_QUERY = """
SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e ckg:mentionedIn ?a ; a ?t . FILTER(STRSTARTS(STR(?t), STR(ckg:)))
} GROUP BY ?t ORDER BY ?t"""
_CLAIM_PREDICATES_QUERY = """
SELECT ?p (COUNT(?c) AS ?n) WHERE { ?c a ckg:Claim ; rdf:predicate ?p } GROUP BY ?p ORDER BY ?p"""


def _failed(source: str, message: str) -> ArticleOutcome:
    return ArticleOutcome(source=source, status=ArticleStatus.failed, error=message)


def open(
    location: str | Path | None = None,
    *,
    backend: str | None = None,
    read_only: bool = False,
) -> KnowledgeGraph:
    """Return a knowledge graph on the store at ``location``.

    ``location`` is a directory (the persistent oxigraph backend), a
    ``sparql+http://…`` URL, or None for :func:`default_store_location`. ``backend``
    picks a backend by name (``"memory"`` needs no location).
    """
    if backend == "memory":
        store = open_store("memory", read_only=read_only)
    elif backend is not None:
        store = open_store(backend, location or default_store_location(), read_only=read_only)
    else:
        spec = str(location) if location is not None else default_store_location()
        store = (
            open_store(spec, read_only=read_only)
            if "://" in spec
            else open_store(DEFAULT_BACKEND, spec, read_only=read_only)
        )
    return KnowledgeGraph(store)
