"""The ``oxigraph`` backend: a persistent on-disk store (pyoxigraph, RocksDB), the default."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Identifier, Node

from chipkg.graph.locking import WriterLock
from chipkg.graph.snapshots import ReadView, SnapshotPublisher, StoreLayout, open_read_view
from chipkg.graph.store import GraphData, Quad, QueryResult, Store, Triple
from chipkg.graph.terms import from_ox, to_ox, to_ox_graph
from chipkg.ontology.errors import QueryError, StoreError, StoreInUseError
from chipkg.ontology.vocabulary import PREFIXES

_OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
_OxTriple = tuple[_OxTerm, _OxTerm, _OxTerm]
_OxGraph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


class OxigraphStore(Store):
    """A persistent store in a directory (or in memory when no location is given)."""

    name: ClassVar[str] = "oxigraph"
    persistent: ClassVar[bool] = True
    transactional: ClassVar[bool] = True
    loads_ntriples: ClassVar[bool] = True
    optimizable: ClassVar[bool] = True

    def __init__(self, location: str | None = None, *, read_only: bool = False) -> None:
        super().__init__(location, read_only=read_only)
        #: One line for the user when a read-only open reads a snapshot behind a running writer.
        self.notice: str | None = None
        self._lock: WriterLock | None = None
        self._publisher: SnapshotPublisher | None = None
        self._view: ReadView | None = None
        try:
            if location is None:
                self._store = ox.Store()
            elif read_only:
                self._store = self._open_reader(StoreLayout(location))
            else:
                self._store = self._open_writer(StoreLayout(location))
        except OSError as exc:
            self._release()
            message = str(exc)
            if "lock" in message.lower():
                raise StoreInUseError(
                    f"store {location} is in use by another process (its write lock is held); "
                    "wait for that process to finish"
                ) from exc
            raise StoreError(f"cannot open store {location}: {message}") from exc
        except BaseException:
            self._release()
            raise
        #: Queries run on the merged default graph (a copy of every named graph's triples)
        #: instead of pyoxigraph's slower union of named graphs; see docs/scale-out.md.
        self._merged = self._has_merged_graph()
        if not self._merged and not read_only:
            self._rebuild_merged_graph()
            self._merged = True

    # Concurrency (see chipkg.graph.snapshots): one writer holds writer.lock and owns
    # db/, publishing read snapshots at article boundaries; readers open a snapshot.
    def _open_writer(self, layout: StoreLayout) -> ox.Store:
        if layout.root.exists() and not layout.root.is_dir():
            raise StoreError(f"{layout.root} is a file, not a store directory")
        layout.root.mkdir(parents=True, exist_ok=True)
        self._lock = WriterLock(layout.lock_file, layout.root)
        self._lock.acquire("writer")
        layout.migrate()
        store = ox.Store(str(layout.db))
        self._publisher = SnapshotPublisher(layout, store.backup)
        self._publisher.recover()
        return store

    def _open_reader(self, layout: StoreLayout) -> ox.Store:
        if layout.is_legacy():
            return ox.Store.read_only(str(layout.root))
        if layout.root.exists() and not layout.root.is_dir():
            raise StoreError(f"{layout.root} is a file, not a store directory")
        if not layout.db.is_dir():  # nothing ingested yet: an empty store, as a writer would see
            self.notice = f"store {layout.root} does not exist yet, so it is empty"
            return ox.Store()
        self._view = open_read_view(layout, _backup_primary(layout))
        self.notice = self._view.notice()
        return ox.Store.read_only(str(self._view.path))

    def _release(self) -> None:
        self._publisher = None
        if self._view is not None:
            self._view.release()
            self._view = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _writable(self, writes: int = 1) -> None:
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only")
        if self._publisher is not None:  # publishes a due snapshot between two writes
            self._publisher.before_write(writes)

    def add_graphs(self, graphs: Sequence[GraphData], *, threads: int = 1) -> None:
        """Write named graphs that are not in the store yet with bulk loads.

        Each graph's triples go into the graph and into the merged default graph.
        The bulk loader sorts them into new files and hands all of them to RocksDB
        in one ``IngestExternalFiles`` call, which is atomic across the column
        families, as long as the call fits one loader batch (:data:`BULK_MAX_QUADS`
        keeps each load well inside): a crash keeps all of a load's graphs or none,
        never part of one. About 3x cheaper per quad than a transaction (see
        docs/scale-out.md). The graphs must be new: the loader adds, it does not
        replace (ingest sends changed articles to :meth:`replace_graph`).

        One bulk load runs on one core. With ``threads > 1`` the graphs are split
        into that many loads, run at once: ingest does so for what is left to
        write once its workers run out of articles.
        """
        if not graphs:
            return
        self._writable(len(graphs))
        threads = max(1, min(threads, len(graphs)))
        loads = _bulk_loads(graphs, threads)
        if threads == 1:
            for load in loads:
                self._bulk_load(load)
            return
        with ThreadPoolExecutor(threads, thread_name_prefix="chipkg-bulk-load") as pool:
            done = [pool.submit(self._bulk_load, load) for load in loads]
        for future in done:  # each load that failed is lost whole; the first error is raised
            future.result()

    def _bulk_load(self, graphs: Sequence[GraphData]) -> None:
        """Write ``graphs`` with one bulk load (pyoxigraph releases the GIL meanwhile)."""
        parts: list[str] = []
        for graph in graphs:
            text = graph.ntriples if graph.ntriples is not None else _ntriples(graph.triples)
            # N-Triples lines end in " .\n" (a literal's line breaks are escaped), so
            # naming the graph before each line end turns the text into N-Quads.
            parts.append(text.replace(" .\n", f" <{graph.name}> .\n"))
            parts.append(text)  # the merged default graph
        try:
            # Text from the mapping is loaded without checking IRIs again (the check
            # cost ~10% of the load): it builds them valid (see GraphData.ntriples).
            lenient = all(graph.ntriples is not None for graph in graphs)
            self._store.bulk_load("".join(parts).encode(), ox.RdfFormat.N_QUADS, lenient=lenient)
        except (SyntaxError, ValueError) as exc:
            names = ", ".join(str(g.name) for g in graphs[:3]) + (" ..." if len(graphs) > 3 else "")
            raise StoreError(f"cannot load graphs {names} into {self.location}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot write to {self.location}: {exc}") from exc

    def replace_graph(
        self, graph: URIRef, triples: Iterable[Triple], *, remove: Iterable[URIRef] = ()
    ) -> None:
        """Replace ``graph`` with ``triples`` and drop the graphs in ``remove``, atomically.

        The merged default graph changes in the same transaction: new triples are
        added to it, and a triple leaves it only when no other named graph holds it.
        """
        self._writable()
        g = to_ox_graph(graph)
        term = _term_cache()
        new = [(term(s), term(p), term(o)) for s, p, o in triples]
        drops = [to_ox_graph(r) for r in remove if r != graph]
        try:
            if not drops and not self._store.contains_named_graph(g):  # type: ignore[arg-type]
                quads = [ox.Quad(s, p, o, g) for s, p, o in new]  # type: ignore[arg-type]
                quads += [ox.Quad(s, p, o) for s, p, o in new]  # type: ignore[arg-type]
                self._store.extend(quads)  # one transaction
                return
            self._rewrite(g, new, drops)
        except OSError as exc:
            raise StoreError(f"cannot write graph {graph} to {self.location}: {exc}") from exc

    def _rewrite(
        self,
        graph: _OxGraph | None,
        new: list[_OxTriple],
        drops: list[_OxGraph],
    ) -> None:
        """Drop ``drops`` (and ``graph``), write ``new`` into ``graph``: one SPARQL Update."""
        gone: set[_OxGraph] = {*drops, *([graph] if graph is not None else [])}
        keep = set(new)
        stale = {
            (q.subject, q.predicate, q.object)
            for d in gone
            for q in self._store.quads_for_pattern(None, None, None, d)  # type: ignore[arg-type]
        } - keep
        orphans = [t for t in stale if not self._held_elsewhere(t, gone)]  # type: ignore[arg-type]
        plain = [t for t in orphans if not any(isinstance(x, ox.BlankNode) for x in t)]
        statements = [f"DROP SILENT GRAPH {d}" for d in gone]
        if plain:
            statements.append(
                "DELETE DATA {\n" + "\n".join(f"{s} {p} {o} ." for s, p, o in plain) + "\n}"
            )
        if new and graph is not None:
            body = "\n".join(f"{s} {p} {o} ." for s, p, o in new)
            statements.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}}\n{body}\n}}")
        self._store.update(" ;\n".join(statements))
        for s, p, o in orphans:  # DELETE DATA cannot name blank nodes
            if (s, p, o) not in plain:
                self._store.remove(ox.Quad(s, p, o))  # type: ignore[arg-type]

    def _held_elsewhere(self, triple: _OxTriple, gone: set[_OxGraph]) -> bool:
        s, p, o = triple
        for q in self._store.quads_for_pattern(s, p, o, None):  # type: ignore[arg-type]
            if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name not in gone:
                return True
        return False

    def _has_merged_graph(self) -> bool:
        """Return True when the default graph holds the merged copy (or nothing needs one)."""
        if next(iter(self._store.named_graphs()), None) is None:
            return True
        default = self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        return next(iter(default), None) is not None

    def _rebuild_merged_graph(self) -> None:
        """Rewrite the merged default graph from the named graphs (one transaction)."""
        self._store.update(_REBUILD_MERGED)

    def remove_graph(self, graph: URIRef) -> None:
        """Drop one named graph (and its triples from the merged graph, unless held elsewhere)."""
        self._writable()
        g = to_ox_graph(graph)
        if self._store.contains_named_graph(g):  # type: ignore[arg-type]
            self._rewrite(None, [], [g])

    def has_graph(self, graph: URIRef) -> bool:
        """Return True when the named graph holds at least one triple."""
        g = to_ox_graph(graph)
        return next(iter(self._store.quads_for_pattern(None, None, None, g)), None) is not None

    def existing_graphs(self, graphs: Sequence[URIRef]) -> set[URIRef]:
        """Return those of ``graphs`` that hold a triple (one index look-up each).

        A SPARQL ``VALUES`` query scans instead of looking up: 7 ms for 256 graphs
        in a store of 2,000 articles, 100 ms at 29,000, growing with the store.
        """
        return {g for g in graphs if self.has_graph(g)}

    def subjects_by_object(
        self, predicate: URIRef, objects: Sequence[Identifier]
    ) -> list[tuple[Identifier, Identifier]]:
        """Return ``(subject, object)`` of the triples with one of ``objects``: index look-ups."""
        p = to_ox(predicate)
        graph = ox.DefaultGraph() if self._merged else None  # the merged graph holds them all
        found: dict[tuple[Identifier, Identifier], None] = {}
        for obj in objects:
            o = to_ox(obj)
            for q in self._store.quads_for_pattern(None, p, o, graph):  # type: ignore[arg-type]
                found[(from_ox(q.subject), obj)] = None
        return list(found)

    def graphs(self) -> Iterator[URIRef]:
        """Return the names of the named graphs."""
        for g in self._store.named_graphs():
            if isinstance(g, ox.NamedNode):
                yield URIRef(g.value)

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Return every quad in the named graphs (or one graph's) as ``(s, p, o, g)``."""
        pattern_graph = None if graph is None else to_ox_graph(graph)
        for q in self._store.quads_for_pattern(None, None, None, pattern_graph):
            if isinstance(q.graph_name, ox.DefaultGraph):
                continue
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name)

    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads in one transaction."""
        self._writable()
        batch: list[ox.Quad] = []
        term = _term_cache()
        for s, p, o, g in quads:
            subject, predicate, obj = term(s), term(p), term(o)
            batch.append(ox.Quad(subject, predicate, obj, to_ox_graph(g)))  # type: ignore[arg-type]
            batch.append(ox.Quad(subject, predicate, obj))  # type: ignore[arg-type]
        self._store.extend(batch)

    def query(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """Return the result of a SPARQL query over the union of all graphs.

        ``timeout`` is not enforced in-process (pyoxigraph cannot interrupt a query);
        the endpoint enforces it by running queries in a worker process.
        """
        try:
            result = self._store.query(
                sparql, use_default_graph_as_union=not self._merged, prefixes=PREFIXES
            )
            return _from_ox(result)  # solutions are computed while read: errors come here too
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, ValueError) as exc:
            raise QueryError(f"SPARQL query failed: {exc}") from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update in one transaction (which also re-derives the merged graph)."""
        self._writable()
        try:
            self._store.update(
                sparql.rstrip().rstrip(";") + " ;\n" + _REBUILD_MERGED, prefixes=PREFIXES
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, ValueError) as exc:
            raise QueryError(f"SPARQL update failed: {exc}") from exc

    def __len__(self) -> int:
        """Return the number of quads in the named graphs (the merged copy not counted)."""
        if not self._merged:
            return len(self._store)
        result = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(result))[0].value)  # type: ignore[arg-type,index]

    def optimize(self) -> None:
        """Compact the store into few sorted files, and publish them to readers.

        Each bulk load adds files whose keys overlap every other load's, and a
        query reads all of them: at 10M triples listings were 1.6-2.1x slower than
        on one sorted load, and 0.9-1.06x after this. It rewrites the whole store
        (about 3 us per quad: 30 s at 10M triples), so ingest leaves it to the user,
        after a back-fill or nightly (``chipkg optimize``).
        """
        self._writable()
        try:
            self._store.optimize()
        except OSError as exc:
            raise StoreError(f"cannot compact {self.location}: {exc}") from exc
        if self._publisher is not None:  # readers open snapshots: give them the new files
            # Twice: the kept snapshots then both hold the compacted files, and the
            # one taken before (which pins the old files, as big as the store) goes.
            self._publisher.publish()
            self._publisher.publish()

    def flush(self) -> None:
        """Make written data durable and publish it to readers."""
        if not self.read_only and self._store is not None:
            self._store.flush()
            if self._publisher is not None:
                self._publisher.finish()

    def close(self) -> None:
        """Flush, publish and release the store and its lock (pyoxigraph closes on drop)."""
        try:
            if getattr(self, "_store", None) is not None:
                self.flush()
        finally:
            self._publisher = None  # it holds a reference to the pyoxigraph store
            if getattr(self, "_store", None) is not None:
                del self._store
                self._store = None  # type: ignore[assignment]
            self._release()


#: Most quads one ``add_graphs`` bulk load writes (larger calls are split). The loader
#: ingests a call atomically only while it fits one loader batch (1M quads).
BULK_MAX_QUADS = 400_000


def _bulk_loads(graphs: Sequence[GraphData], parts: int) -> list[Sequence[GraphData]]:
    """Return ``graphs`` in ``parts`` runs of about equal length, none over :data:`BULK_MAX_QUADS`.

    Fewer runs when there are fewer graphs; a graph is never cut.
    """
    size = -(-len(graphs) // max(1, parts))
    runs = [graphs[start : start + size] for start in range(0, len(graphs), size)]
    return [load for run in runs for load in _within_bulk_limit(run)]


def _within_bulk_limit(graphs: Sequence[GraphData]) -> list[Sequence[GraphData]]:
    """Return ``graphs`` halved until no run holds more than :data:`BULK_MAX_QUADS` quads."""
    quads = sum(_triple_count(graph) for graph in graphs) * 2
    if quads > BULK_MAX_QUADS and len(graphs) > 1:
        half = len(graphs) // 2
        return _within_bulk_limit(graphs[:half]) + _within_bulk_limit(graphs[half:])
    return [graphs]


def _triple_count(graph: GraphData) -> int:
    return graph.ntriples.count("\n") if graph.ntriples is not None else len(graph.triples)


def _ntriples(triples: Iterable[Triple]) -> str:
    """Return rdflib triples as N-Triples text (pyoxigraph terms print as N-Triples)."""
    term = _term_cache()
    return "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)


#: IRIs converted to pyoxigraph terms, kept between writes: predicates, classes and
#: entities repeat across articles, and converting them was ~1.3 ms of an article's
#: ~11 ms ingest (profiled on the synthetic benchmark corpus).
_IRI_CACHE: dict[URIRef, ox.NamedNode] = {}
_IRI_CACHE_SIZE = 100_000


def _term_cache() -> Callable[[Node], _OxTerm]:
    """Return a to_ox that remembers the IRIs it converts (bounded)."""
    cache = _IRI_CACHE

    def convert(term: Node) -> _OxTerm:
        if type(term) is URIRef:
            found = cache.get(term)
            if found is None:
                found = ox.NamedNode(str(term))
                if len(cache) < _IRI_CACHE_SIZE:
                    cache[term] = found
            return found
        return to_ox(term)

    return convert


#: Re-derives the merged default graph from the named graphs.
_REBUILD_MERGED = "DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def _backup_primary(layout: StoreLayout) -> Callable[[Path], None]:
    """Return a function that opens ``db/`` read-write and backs it up (for reader refresh)."""

    def backup(target: Path) -> None:
        primary = ox.Store(str(layout.db))
        try:
            primary.backup(str(target))
        finally:
            del primary

    return backup


def _from_ox(result: object) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return QueryResult(
            kind="graph",
            triples=[(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result],
        )
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [
            tuple(None if value is None else from_ox(value) for value in solution)
            for solution in result
        ]
        return QueryResult(kind="select", variables=variables, rows=rows)
    raise QueryError(f"unexpected query result {type(result).__name__}")
