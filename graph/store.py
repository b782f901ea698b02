"""The store interface and the registry of store backends.

A store keeps one named graph per article (everything derived from that article)
plus the ontology in its own graph. SPARQL queries see the union of all graphs as
their default graph. Backends are registered by name and opened with
:func:`open_store`; each states its capabilities the way rdflib's ``Store`` does.

Terms cross this interface as rdflib terms (``URIRef``, ``Literal``, ``BNode``).

Example
-------
>>> from rdflib import URIRef, Literal
>>> store = open_store("memory")
>>> g = URIRef("https://example.org/g")
>>> s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
>>> store.replace_graph(g, [(s, p, Literal(1))])
>>> store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].toPython()
1
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, ClassVar, Literal, Self

from rdflib.term import Identifier, Node, URIRef

from chipkg.ontology.registry import Registry

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, Node]

#: Store backends by name: ``open_store("oxigraph", "dir")``.
backends = Registry("store backend")
backends.register("oxigraph", "chipkg.graph.backends.oxigraph:OxigraphStore", "oxi")
backends.register("memory", "chipkg.graph.backends.memory:MemoryStore", "rdflib")
backends.register(
    "sparql", "chipkg.graph.backends.sparql:SparqlStore", "sparql+http", "sparql+https"
)

DEFAULT_BACKEND = "oxigraph"


@dataclass
class QueryResult:
    """The answer to one SPARQL query: rows (SELECT), a boolean (ASK) or triples (graph)."""

    kind: Literal["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[Identifier | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def dicts(self) -> list[dict[str, Identifier | None]]:
        """Return SELECT rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


@dataclass(frozen=True, slots=True)
class GraphData:
    """The triples of one named graph, ready to write: rdflib triples or N-Triples text.

    Ingest prepares one per article (in a worker process when there are several):
    N-Triples text for stores that load it directly (``Store.loads_ntriples``),
    rdflib triples for the others. :meth:`rdf_triples` gives the triples either way.
    """

    name: URIRef
    triples: Sequence[Triple] = ()
    #: The graph's triples as N-Triples, one per line (when set, ``triples`` is empty).
    #: A store may load it without checking its IRIs again: it must come from
    #: :func:`chipkg.graph.mapping.extraction_ntriples`, which builds them valid.
    ntriples: str | None = None

    def rdf_triples(self) -> list[Triple]:
        """Return the graph's triples as rdflib terms (parsing the N-Triples if need be)."""
        if self.ntriples is None:
            return list(self.triples)
        from rdflib import Graph

        return list(Graph().parse(data=self.ntriples, format="nt"))


class Store(ABC):
    """A quad store with one graph per article; queries see the union of its graphs."""

    #: Registry name of the backend.
    name: ClassVar[str] = "abstract"
    #: Data survives closing and reopening.
    persistent: ClassVar[bool] = False
    #: ``replace_graph`` is all-or-nothing even if the process dies half-way.
    transactional: ClassVar[bool] = False
    #: ``optimize`` compacts something (a store of many bulk loads queries faster after it).
    optimizable: ClassVar[bool] = False
    #: ``add_graphs`` takes N-Triples text faster than rdflib triples (see ``GraphData``).
    loads_ntriples: ClassVar[bool] = False

    def __init__(self, location: str | None = None, *, read_only: bool = False) -> None:
        self.location = location
        self.read_only = read_only

    # -- graphs ---------------------------------------------------------------
    @abstractmethod
    def replace_graph(
        self, graph: URIRef, triples: Iterable[Triple], *, remove: Iterable[URIRef] = ()
    ) -> None:
        """Replace ``graph`` with ``triples`` and drop the graphs in ``remove``, atomically."""

    def add_graphs(self, graphs: Sequence[GraphData], *, threads: int = 1) -> None:
        """Write named graphs that are not in the store yet, each one whole or not at all.

        A crash may lose some of the graphs of one call but never leaves part of a
        graph. The default writes them one by one with :meth:`replace_graph`;
        backends with a faster bulk path (oxigraph) override it. ``threads`` is
        how many threads the call may write with at once: a bulk path may split
        the graphs among them (each graph stays whole); others write with one.
        """
        for graph in graphs:
            self.replace_graph(graph.name, graph.rdf_triples())

    @abstractmethod
    def remove_graph(self, graph: URIRef) -> None:
        """Drop one named graph and everything in it."""

    @abstractmethod
    def has_graph(self, graph: URIRef) -> bool:
        """Return True when the named graph exists and holds at least one triple."""

    def existing_graphs(self, graphs: Sequence[URIRef]) -> set[URIRef]:
        """Return those of ``graphs`` that exist and hold at least one triple (one query)."""
        if not graphs:
            return set()
        values = " ".join(g.n3() for g in graphs)
        exists = "FILTER EXISTS { GRAPH ?g { ?s ?p ?o } }"
        rows = self.query(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} {exists} }}").rows
        return {row[0] for row in rows if isinstance(row[0], URIRef)}

    def subjects_by_object(
        self, predicate: URIRef, objects: Sequence[Identifier]
    ) -> list[tuple[Identifier, Identifier]]:
        """Return ``(subject, object)`` for each triple ``subject predicate object`` whose
        object is one of ``objects``, in any graph (each pair once; one query)."""
        if not objects:
            return []
        values = " ".join(o.n3() for o in objects)
        rows = self.query(
            f"SELECT DISTINCT ?s ?o WHERE {{ VALUES ?o {{ {values} }} ?s {predicate.n3()} ?o }}"
        ).rows
        return [(s, o) for s, o in rows if s is not None and o is not None]

    @abstractmethod
    def graphs(self) -> Iterator[URIRef]:
        """Return the names of the store's named graphs."""

    # -- data -----------------------------------------------------------------
    @abstractmethod
    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Return every quad, or those of one graph, as ``(s, p, o, g)``."""

    @abstractmethod
    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads in one transaction (used by import)."""

    @abstractmethod
    def query(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """Return the result of a SPARQL query over the union of all graphs."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update."""
        raise NotImplementedError(f"The {self.name} store does not support SPARQL Update")

    @abstractmethod
    def __len__(self) -> int:
        """Return the number of quads in the store."""

    # -- life cycle -----------------------------------------------------------
    def flush(self) -> None:  # noqa: B027 - optional hook
        """Make written data durable (no-op where every write already is)."""

    def optimize(self) -> None:  # noqa: B027 - optional hook
        """Compact the store's files so that queries read fewer of them.

        A no-op where the store keeps itself compact (``optimizable`` is False).
        """

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store's resources."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- import / export --------------------------------------------------------
    def dump(self, out: IO[bytes], fmt: str) -> None:
        """Write the whole store to ``out`` in ``fmt`` (see ``chipkg.graph.formats``)."""
        from chipkg.graph.formats import serialize_quads

        serialize_quads(self.quads(), out, fmt)

    def load(self, data: IO[bytes], fmt: str, *, graph: URIRef | None = None) -> None:
        """Add the RDF in ``data`` (quads keep their graph; triples go to ``graph``)."""
        from chipkg.graph.formats import parse_quads

        self.add_quads(parse_quads(data, fmt, graph=graph))


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.IGNORECASE)


def open_store(
    spec: str | Path = DEFAULT_BACKEND,
    location: str | Path | None = None,
    *,
    read_only: bool = False,
) -> Store:
    """Return an open store.

    ``spec`` is a backend name (``"oxigraph"``, ``"memory"``), a directory (opened
    with the default persistent backend), or a URL such as
    ``sparql+http://host:7878/`` for a remote SPARQL 1.1 server.

    Examples
    --------
    >>> open_store("memory").name
    'memory'
    """
    text = str(spec)
    match = _SCHEME.match(text)
    if match:
        cls = backends.get(match.group(1))
        return cls(text, read_only=read_only)  # type: ignore[no-any-return]
    if location is None and text not in backends:
        location, text = text, DEFAULT_BACKEND
    cls = backends.get(text)
    return cls(None if location is None else str(location), read_only=read_only)  # type: ignore[no-any-return]
