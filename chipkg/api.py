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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from itertools import chain, islice
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from pydantic import BaseModel, Field
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from chipkg.graph.formats import format_for_path
from chipkg.graph.mapping import extraction_ntriples, extraction_triples
from chipkg.graph.store import DEFAULT_BACKEND, GraphData, Quad, QueryResult, Store, open_store
from chipkg.graph.upgrades import upgrade
from chipkg.loaders.document import RawDocument
from chipkg.loaders.pipeline import DEFAULT_EXTRACTOR, Unchanged, load, worker_pool
from chipkg.ontology.errors import (
    ChipKGError,
    ExtractionError,
    LoaderError,
    OutputError,
    StoreError,
    ValidationError,
)
from chipkg.ontology.identifiers import sha256_hex
from chipkg.ontology.models import Extraction
from chipkg.ontology.schema import ONTOLOGY_PATH

if TYPE_CHECKING:
    from chipkg.ontology.shapes import ValidationReport
    from chipkg.queries.integrity import IntegrityReport
    from chipkg.queries.rows import RowSet
from chipkg.ontology.vocabulary import CKG, ONTOLOGY_GRAPH
from chipkg.write_behind import WriteBehind

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
    reextracted = "re-extracted"
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
        """Return a one-line summary of the run (the counts are of what was written)."""
        kinds = (ArticleStatus.added, ArticleStatus.replaced, ArticleStatus.reextracted)
        written = [o for o in self.outcomes if o.status in kinds]
        again = self.count(ArticleStatus.reextracted)
        return (
            f"{self.count(ArticleStatus.added)} added, "
            f"{self.count(ArticleStatus.unchanged)} unchanged, "
            f"{self.count(ArticleStatus.replaced)} replaced, "
            + (f"{again} re-extracted, " if again else "")
            + f"{self.count(ArticleStatus.failed)} failed; "
            f"{sum(o.entities for o in written)} entity mentions, "
            f"{sum(o.claims for o in written)} claims, "
            f"{sum(o.approvals for o in written)} approvals written "
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

    def _install_ontology(self, *, again: bool = False) -> None:
        """Write this chipkg's ontology into its graph, unless it is there already.

        ``again`` rewrites it in any case: an import that carried an ontology graph
        added a second copy of its blank nodes.
        """
        path = ONTOLOGY_PATH
        if not path.exists():
            return
        text = path.read_text(encoding="utf-8")
        digest = Literal(sha256_hex(text))
        installed = {o for _, p, o, _ in self.store.quads(ONTOLOGY_GRAPH) if p == CKG.sha256}
        if digest in installed and not again:
            return
        graph = Graph().parse(data=text, format="turtle")
        triples = [*graph, (ONTOLOGY_GRAPH, CKG.sha256, digest)]
        if installed:  # written by another chipkg: derive what today's mapping adds
            upgrade(self.store)
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
        reextract: bool = False,
    ) -> IngestReport:
        """Return the report of loading every article under ``paths`` into the store.

        Each article is its own named graph, written whole or not at all: an
        unchanged article is left as it is, a changed one (same source, new text)
        replaces its old graph in one transaction, and a file that fails leaves no
        trace. New articles are written in batches (:data:`BATCH_ARTICLES` articles,
        :data:`BATCH_TRIPLES` triples or :data:`BATCH_SECONDS` seconds, whichever
        comes first; with workers :data:`PARALLEL_BATCH_SCALE` times the articles
        and triples) with the store's bulk path; a crash may lose the batch in
        flight, never part of an article. A source the store holds with the very
        same text (the digest of the text as read) is not extracted again, so
        re-reading a large archive costs little more than reading it. With
        ``workers > 1`` the workers also build each article's RDF, so this
        process only writes; once the last
        documents are with the workers, a batch is written as soon as the next
        article is not ready, so little writing is left when they finish.

        ``reextract=True`` extracts stored articles again and replaces their
        graphs (status ``re-extracted``): after an upgrade of the extractor, old
        articles get what it finds now.
        """
        started = time.perf_counter()
        report = IngestReport()
        prepare = partial(prepare_article, ntriples=self.store.loads_ntriples)
        batch: list[PreparedArticle | LoaderError | ExtractionError | Unchanged] = []
        triples = 0
        opened = time.monotonic()
        skip = not reextract and self.store.query(_HOLDS_DIGESTS_QUERY).boolean
        items = load(
            paths,
            workers=workers,
            extractor=extractor,
            limits=limits,
            prepare=prepare,
            known=self._known_article if skip else None,
        )
        done = partial(self._report, report=report, progress=progress)

        def write(
            batch: list[PreparedArticle | LoaderError | ExtractionError | Unchanged],
        ) -> list[ArticleOutcome]:
            # Once every document is with the workers, writes are split over as many
            # threads as there are workers: what is left to write when the workers
            # finish is the one part of ingest that nothing else overlaps.
            threads = workers if items.draining else 1
            return self._write_batch(batch, reextract=reextract, threads=threads)

        scale = PARALLEL_BATCH_SCALE if workers > 1 else 1
        max_articles, max_triples = BATCH_ARTICLES * scale, BATCH_TRIPLES * scale
        with WriteBehind(write, done, background=workers > 1) as writer:
            for item in items:
                if not batch:
                    opened = time.monotonic()
                batch.append(item)
                if isinstance(item, PreparedArticle):
                    triples += item.triples
                due = (
                    len(batch) >= max_articles
                    or (items.draining and not items.ready())
                    or triples >= max_triples
                    or time.monotonic() - opened >= BATCH_SECONDS
                )
                # While the writer is busy the batch grows (up to twice the limits):
                # the workers stay fed, and the next write is bigger but not later.
                if due and (
                    writer.idle() or len(batch) >= 2 * max_articles or triples >= 2 * max_triples
                ):
                    writer.submit(batch)
                    batch, triples = [], 0
            writer.submit(batch)
        self.store.flush()
        report.seconds = time.perf_counter() - started
        return report

    def optimize(self) -> float:
        """Return the seconds it took to compact the store, so queries read fewer files.

        Worth it after a large ingest (a back-fill, or nightly): a store built by
        many bulk loads answers listings up to 2x slower until it is compacted.
        A no-op on stores that keep themselves compact (``memory``, ``sparql``).
        """
        started = time.perf_counter()
        self.store.optimize()
        return time.perf_counter() - started

    def add(self, extraction: Extraction) -> ArticleOutcome:
        """Return the outcome of writing one extraction into the store."""
        prepared = prepare_article(extraction, ntriples=self.store.loads_ntriples)
        outcome = self._write_batch([prepared])[0]
        if outcome.status is ArticleStatus.failed:
            raise StoreError(outcome.error or f"cannot write {prepared.source}")
        return outcome

    @staticmethod
    def _report(
        outcomes: list[ArticleOutcome],
        report: IngestReport,
        progress: Callable[[ArticleOutcome], None] | None,
    ) -> None:
        report.outcomes.extend(outcomes)
        if progress is not None:
            for outcome in outcomes:
                progress(outcome)

    def _write_batch(
        self,
        items: list[PreparedArticle | LoaderError | ExtractionError | Unchanged],
        reextract: bool = False,
        threads: int = 1,
    ) -> list[ArticleOutcome]:
        """Return the outcomes of writing a batch, in input order.

        A batch is split where an article (or a source) repeats, so that each
        part is looked up once and the second copy sees the first as stored.
        """
        outcomes: list[ArticleOutcome] = []
        part: list[PreparedArticle | LoaderError | ExtractionError | Unchanged] = []
        seen: set[object] = set()
        for item in items:
            if isinstance(item, PreparedArticle):
                keys = {item.graph.name, item.source}
                if keys & seen:
                    outcomes += self._write_part(part, reextract, threads)
                    part, seen = [], set()
                seen |= keys
            part.append(item)
        outcomes += self._write_part(part, reextract, threads)
        return outcomes

    def _write_part(
        self,
        items: list[PreparedArticle | LoaderError | ExtractionError | Unchanged],
        reextract: bool = False,
        threads: int = 1,
    ) -> list[ArticleOutcome]:
        """Return the outcomes of a batch in which no article or source repeats."""
        articles = [item for item in items if isinstance(item, PreparedArticle)]
        stored, by_source = self._stored_articles(articles)
        outcomes: dict[int, ArticleOutcome] = {}
        new: list[tuple[int, PreparedArticle]] = []
        for n, item in enumerate(items):
            if isinstance(item, Unchanged):
                outcomes[n] = ArticleOutcome(
                    source=item.source, status=ArticleStatus.unchanged, article=item.article
                )
                continue
            if not isinstance(item, PreparedArticle):
                source = (
                    item.source if isinstance(item, LoaderError) else str(item).split(": ", 1)[0]
                )
                outcomes[n] = _failed(source, str(item))
                continue
            iri = item.graph.name
            stale = [g for g in by_source.get(item.source, ()) if g != iri]
            try:
                if iri in stored and reextract:
                    self.store.replace_graph(iri, item.graph.rdf_triples(), remove=stale)
                    outcomes[n] = item.outcome(ArticleStatus.reextracted)
                elif iri in stored:
                    for graph in stale:  # finish a replace that an earlier run did not complete
                        self.store.remove_graph(graph)
                    outcomes[n] = item.outcome(ArticleStatus.unchanged)
                elif stale:
                    self.store.replace_graph(iri, item.graph.rdf_triples(), remove=stale)
                    outcomes[n] = item.outcome(ArticleStatus.replaced)
                else:
                    new.append((n, item))
            except StoreError as exc:
                outcomes[n] = _failed(item.source, str(exc))
        try:
            self.store.add_graphs([item.graph for _, item in new], threads=threads)
            outcomes.update((n, item.outcome(ArticleStatus.added)) for n, item in new)
        except StoreError:
            for n, item in new:  # one graph spoilt the bulk load: write them one by one
                try:
                    self.store.add_graphs([item.graph])
                    outcomes[n] = item.outcome(ArticleStatus.added)
                except StoreError as exc:
                    outcomes[n] = _failed(item.source, str(exc))
        return [outcomes[n] for n in range(len(items))]

    def _known_article(self, document: RawDocument) -> str | None:
        """Return the stored article that holds ``document`` exactly as it is read, else None.

        Two look-ups in the store's index, whatever its size (loading every source's
        digest first cost a second per 100,000 stored articles, on every ingest). A
        source held by more than one article goes the whole way through ingest,
        which finishes what an interrupted replace left.
        """
        by_source = self.store.subjects_by_object(DCTERMS.source, [Literal(document.source)])
        if len(by_source) != 1:
            return None
        article = by_source[0][0]
        same = self.store.subjects_by_object(CKG.sourceSha256, [Literal(document.digest)])
        return str(article) if any(subject == article for subject, _ in same) else None

    def _stored_articles(
        self, articles: list[PreparedArticle]
    ) -> tuple[set[URIRef], dict[str, list[URIRef]]]:
        """Return which of the articles are stored, and the stored articles of their sources.

        Two look-ups for the whole batch (the store's index where it has one): a
        query per article cost ~0.3 ms each, a SPARQL ``VALUES`` query grows with
        the store.
        """
        if not articles:
            return set(), {}
        pairs = self.store.subjects_by_object(DCTERMS.source, [Literal(a.source) for a in articles])
        candidates = {a.graph.name for a in articles}
        candidates |= {s for s, _ in pairs if isinstance(s, URIRef)}
        stored = self.store.existing_graphs(sorted(candidates))
        by_source: dict[str, list[URIRef]] = {}
        for subject, source in pairs:
            if subject in stored:
                by_source.setdefault(str(source), []).append(subject)  # type: ignore[arg-type]
        return stored, by_source

    # -- read -------------------------------------------------------------------------
    def query(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """Return the result of a SPARQL query over the whole store."""
        return self.store.query(sparql, timeout=timeout)

    def ask(self, helper: str, *args: Any, **kwargs: Any) -> RowSet[Any]:
        """Return the rows of the query helper named ``helper`` (as in ``chipkg ask``).

        Arguments pass through: ``kg.ask("makers", chip="H200")``. Listings return one
        page: ``limit`` rows (default 50; None for every row) from ``offset``, and
        the row set's ``page`` says whether more follow (``page.next_offset``). A
        question in plain English, alone, is answered by the helper it maps to (as
        ``chipkg ask "..."`` does; an unknown question raises with the shapes known).

        >>> rows = kg.ask("conditionally-approved", limit=20)  # doctest: +SKIP
        >>> rows.page.more, rows.page.next_offset  # doctest: +SKIP
        (True, 20)
        >>> kg.ask("Who restricts the H200?").helper  # doctest: +SKIP
        'restrictions'
        """
        from chipkg.queries.catalog import helpers
        from chipkg.queries.questions import ask as answer

        if helper not in helpers and " " in helper.strip() and not args and not kwargs:
            return answer(self.store, helper)[1]  # words, not a helper's name
        result: RowSet[Any] = helpers.get(helper)(self.store, *args, **kwargs)
        return result

    def export(self, path: str | Path, fmt: str | None = None) -> Path:
        """Return the path written after exporting the store in ``fmt`` (or by extension)."""
        target = Path(path)
        fmt = fmt or format_for_path(target)
        tmp = target.with_name(f".{target.name}.part")
        try:
            with tmp.open("wb") as out:
                self.store.dump(out, fmt)
            tmp.replace(target)
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        finally:
            tmp.unlink(missing_ok=True)
        return target

    def import_file(self, path: str | Path, fmt: str | None = None) -> int:
        """Return how many quads the store gained by importing an RDF file.

        Named graphs keep their names (a chipkg export imports as it was: importing
        it twice changes nothing); the triples of a triple format (Turtle, N-Triples)
        go into a graph named after the file. The store keeps its own ontology.
        """
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
        if not self.store.read_only:
            self._install_ontology(again=True)
        return len(self.store) - before

    def validate(self, *, batch_triples: int | None = None, workers: int = 1) -> ValidationReport:
        """Return the SHACL validation report of every graph in the store (the ontology aside).

        Whole graphs are checked together up to ``batch_triples`` triples at a time
        (:data:`VALIDATE_BATCH_TRIPLES` by default), so memory stays flat and time
        grows linearly however large the store is (about 40 ms per article on one
        core); with ``workers > 1`` the batches are checked in that many processes.
        An article graph holds its entities, claims and approvals, so it conforms
        or not on its own; two graphs that disagree (an entity labelled
        differently in each) are only caught when they share a batch.
        """
        from chipkg.ontology.shapes import ValidationReport, validate

        batches = self._validation_batches(batch_triples or VALIDATE_BATCH_TRIPLES)
        head = list(islice(batches, 2))  # one batch is checked sooner here than in a new pool
        batches = chain(head, batches)
        if workers <= 1 or len(head) < 2:
            reports = [validate(batch) for batch in batches]
        else:
            reports = []
            try:
                with worker_pool(workers) as pool:
                    pending: deque[Future[ValidationReport]] = deque()
                    for batch in batches:  # a few batches ahead per worker, not the whole store
                        pending.append(pool.submit(validate, batch))
                        if len(pending) >= 2 * workers:
                            reports.append(pending.popleft().result())
                    reports += [future.result() for future in pending]
            except BrokenProcessPool as exc:
                raise ValidationError(
                    "a validation process died (killed or out of memory): "
                    "try fewer processes (-j 1)"
                ) from exc
        return ValidationReport.combined(reports)

    def _validation_batches(self, limit: int) -> Iterator[list[Quad]]:
        """Return the quads of the store's graphs (the ontology aside), whole graphs at a time."""
        batch: list[Quad] = []
        sent = False
        for graph in self.store.graphs():
            if graph == ONTOLOGY_GRAPH:
                continue
            batch.extend(self.store.quads(graph))
            if len(batch) >= limit:
                yield batch
                batch, sent = [], True
        if batch or not sent:
            yield batch

    def check(self, *, shacl: bool = True, workers: int = 1) -> IntegrityReport:
        """Return the store's integrity report (see :mod:`chipkg.queries.integrity`).

        Claims point to existing articles and to labelled, typed entities; facts
        have claims; approvals are complete; article graphs are whole; counts;
        and, unless ``shacl`` is False, the SHACL outcome of :meth:`validate`.
        """
        from chipkg.queries.integrity import check_store

        report = check_store(self.store)
        if shacl:
            validation = self.validate(workers=workers)
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


#: Triples of whole graphs that ``KnowledgeGraph.validate`` checks at a time: pySHACL's
#: memory grows with them, and its SPARQL constraints slow down per node as they grow.
VALIDATE_BATCH_TRIPLES = 20_000

#: New articles written with one bulk call (see ``KnowledgeGraph.ingest``) ...
BATCH_ARTICLES = int(os.environ.get("CHIPKG_INGEST_BATCH", "256"))
#: ... or fewer when they hold this many triples ...
BATCH_TRIPLES = 100_000
#: ... or when the first article of the batch arrived this many seconds ago.
BATCH_SECONDS = 5.0
#: With workers, batches hold this many times the articles and triples. Every core
#: is busy then, so what a write costs is CPU, and fewer, larger bulk loads leave
#: RocksDB fewer files to compact: 2,000 articles' writes took 4.9 s of CPU in
#: 256-article loads and 3.8 s in 900-article ones. One process keeps the smaller
#: batches: compaction runs beside it on another core, and its writes took less
#: time (3.7 s against 4.0 s).
PARALLEL_BATCH_SCALE = 4


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """One extracted article, ready to write: its graph and the counts its report shows.

    Built next to the extraction (in a worker process when ingest has several), so
    that the writer receives a small object whose RDF is already made.
    """

    source: str
    graph: GraphData
    triples: int
    entities: int
    claims: int
    approvals: int

    def outcome(self, status: ArticleStatus) -> ArticleOutcome:
        """Return the article's outcome with ``status``."""
        return ArticleOutcome(
            source=self.source,
            status=status,
            article=str(self.graph.name),
            entities=self.entities,
            claims=self.claims,
            approvals=self.approvals,
        )


def prepare_article(extraction: Extraction, *, ntriples: bool = True) -> PreparedArticle:
    """Return the article ready to write: its graph as N-Triples text or as rdflib triples."""
    iri = extraction.article.iri
    if ntriples:
        text = extraction_ntriples(extraction)
        graph, count = GraphData(iri, ntriples=text), text.count("\n")
    else:
        triples = extraction_triples(extraction)
        graph, count = GraphData(iri, triples=triples), len(triples)
    return PreparedArticle(
        source=extraction.article.source,
        graph=graph,
        triples=count,
        entities=len(extraction.entities),
        claims=len(extraction.claims),
        approvals=len(extraction.approvals),
    )


_HOLDS_DIGESTS_QUERY = "ASK { ?article ckg:sourceSha256 ?digest }"
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
