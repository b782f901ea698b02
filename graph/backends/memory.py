"""The ``memory`` backend: an rdflib ``Dataset`` in this process, for tests and small jobs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from chipkg.graph.store import Quad, QueryResult, Store, Triple
from chipkg.ontology.errors import QueryError, StoreError
from chipkg.ontology.vocabulary import PREFIXES


class MemoryStore(Store):
    """An in-memory store (rdflib ``Dataset`` with the union as default graph).

    Not persistent; ``timeout`` is not enforced (rdflib cannot interrupt a query).
    """

    name: ClassVar[str] = "memory"
    persistent: ClassVar[bool] = False
    transactional: ClassVar[bool] = False

    def __init__(self, location: str | None = None, *, read_only: bool = False) -> None:
        if location is not None:
            raise StoreError(
                f"the memory store keeps nothing on disk; got location {location!r} "
                "(use the oxigraph backend for a persistent store)"
            )
        super().__init__(None, read_only=read_only)
        self._ds = Dataset(default_union=True)

    def _graph(self, graph: URIRef) -> Graph:
        return self._ds.graph(graph)

    def replace_graph(
        self, graph: URIRef, triples: Iterable[Triple], *, remove: Iterable[URIRef] = ()
    ) -> None:
        """Replace ``graph`` with ``triples`` and drop the graphs in ``remove``."""
        new = list(triples)  # materialise first so a failing iterator changes nothing
        for old in (*remove, graph):
            self.remove_graph(old)
        target = self._graph(graph)
        for triple in new:
            target.add(triple)

    def remove_graph(self, graph: URIRef) -> None:
        """Drop one named graph."""
        self._ds.remove_graph(graph)

    def has_graph(self, graph: URIRef) -> bool:
        """Return True when the named graph holds at least one triple."""
        return len(self._ds.graph(graph)) > 0

    def graphs(self) -> Iterator[URIRef]:
        """Return the names of the non-empty named graphs."""
        default = self._ds.default_graph.identifier
        for g in self._ds.graphs():
            if isinstance(g.identifier, URIRef) and g.identifier != default and len(g):
                yield g.identifier

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Return every quad (or one graph's) as ``(s, p, o, g)``."""
        for s, p, o, g in self._ds.quads((None, None, None, graph)):  # type: ignore[arg-type]
            if g is None:
                continue
            name = g.identifier if isinstance(g, Graph) else g
            yield s, p, o, name

    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads."""
        for s, p, o, g in quads:
            self._ds.graph(g).add((s, p, o))  # type: ignore[arg-type]

    def query(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """Return the result of a SPARQL query over the union of all graphs."""
        try:
            result = self._ds.query(sparql, initNs=PREFIXES)
        except Exception as exc:  # rdflib raises pyparsing and many other types
            raise QueryError(f"SPARQL query failed: {exc}") from exc
        return _from_rdflib(result)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        try:
            self._ds.update(sparql, initNs=PREFIXES)
        except Exception as exc:
            raise QueryError(f"SPARQL update failed: {exc}") from exc

    def __len__(self) -> int:
        return sum(1 for _ in self.quads())


def _from_rdflib(result: Result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult(kind="ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult(kind="graph", triples=list(result.graph or []))
    variables = [str(v) for v in result.vars or []]
    rows = [tuple(row) for row in result]  # type: ignore[arg-type]
    return QueryResult(kind="select", variables=variables, rows=rows)  # type: ignore[arg-type]
