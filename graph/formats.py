"""RDF serialisation formats, registered by name and file extension.

========  ==================  ======================  =============  =================
name      extensions          media type              graph names    engine
========  ==================  ======================  =============  =================
trig      .trig               application/trig        kept           pyoxigraph
nquads    .nq .nquads         application/n-quads     kept           pyoxigraph
turtle    .ttl                text/turtle             lost (union)   pyoxigraph
ntriples  .nt                 application/n-triples   lost (union)   pyoxigraph
jsonld    .jsonld .json       application/ld+json     kept           rdflib
========  ==================  ======================  =============  =================

Quad formats (TriG, N-Quads, JSON-LD) keep each quad's graph. Triple formats (Turtle,
N-Triples) cannot: :func:`serialize_quads` writes the *union* of all graphs (each
distinct triple once) and graph names are lost; :func:`parse_quads` puts their triples
in the ``graph`` it is given. Statements in the default graph are parsed into
``graph`` as well, or into rdflib's ``DATASET_DEFAULT_GRAPH_ID`` when no ``graph`` is
given; quads in that graph (or with graph ``None``) are written to the default graph.

pyoxigraph's Rust parsers and serializers do the work where they can (fast, streaming);
JSON-LD goes through rdflib, compacted with the chipkg prefixes.

Example
-------
>>> import io
>>> from rdflib import URIRef, Literal
>>> q = (URIRef("https://w3id.org/chipkg/id/h200"),
...      URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("H200"),
...      URIRef("https://w3id.org/chipkg/article/a1"))
>>> out = io.BytesIO()
>>> serialize_quads([q], out, "nquads")
>>> list(parse_quads(io.BytesIO(out.getvalue()), "nquads")) == [q]
True
>>> format_for_path("store.nq")
'nquads'
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from pydantic import BaseModel, ConfigDict
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node, URIRef

from chipkg.graph.store import Quad
from chipkg.graph.terms import from_ox, to_ox
from chipkg.ontology.errors import RegistryError, StoreError
from chipkg.ontology.registry import Registry
from chipkg.ontology.vocabulary import PREFIXES

__all__ = [
    "JSONLD",
    "NQUADS",
    "NTRIPLES",
    "TRIG",
    "TURTLE",
    "RdfFormat",
    "all_formats",
    "format_for_path",
    "formats",
    "get_format",
    "parse_quads",
    "serialize_quads",
]


class RdfFormat(BaseModel):
    """One RDF serialisation format: its name, file extensions, media type and engine."""

    model_config = ConfigDict(frozen=True)

    name: str
    extensions: tuple[str, ...]
    media_type: str
    keeps_graphs: bool
    """True for quad formats; triple formats write the union and lose graph names."""
    oxigraph: str | None = None
    """Name of the ``pyoxigraph.RdfFormat`` that handles it; ``None`` means rdflib."""
    rdflib: str
    """rdflib plugin name for the format."""
    prefixes: bool = False
    """The syntax has prefix declarations (the chipkg prefixes are written)."""


TRIG = RdfFormat(
    name="trig",
    extensions=(".trig",),
    media_type="application/trig",
    keeps_graphs=True,
    oxigraph="TRIG",
    rdflib="trig",
    prefixes=True,
)
NQUADS = RdfFormat(
    name="nquads",
    extensions=(".nq", ".nquads"),
    media_type="application/n-quads",
    keeps_graphs=True,
    oxigraph="N_QUADS",
    rdflib="nquads",
)
TURTLE = RdfFormat(
    name="turtle",
    extensions=(".ttl",),
    media_type="text/turtle",
    keeps_graphs=False,
    oxigraph="TURTLE",
    rdflib="turtle",
    prefixes=True,
)
NTRIPLES = RdfFormat(
    name="ntriples",
    extensions=(".nt",),
    media_type="application/n-triples",
    keeps_graphs=False,
    oxigraph="N_TRIPLES",
    rdflib="nt",
)
JSONLD = RdfFormat(
    name="jsonld",
    extensions=(".jsonld", ".json"),
    media_type="application/ld+json",
    keeps_graphs=True,
    rdflib="json-ld",
    prefixes=True,
)

#: RDF formats by name (aliases included): ``formats.get("nq") is NQUADS``.
formats = Registry("RDF format")
formats.register("trig", "chipkg.graph.formats:TRIG")
formats.register("nquads", "chipkg.graph.formats:NQUADS", "nq", "n-quads")
formats.register("turtle", "chipkg.graph.formats:TURTLE", "ttl")
formats.register("ntriples", "chipkg.graph.formats:NTRIPLES", "nt", "n-triples")
formats.register("jsonld", "chipkg.graph.formats:JSONLD", "json-ld")


def get_format(name: str) -> RdfFormat:
    """Return the registered format called ``name`` (a name or an alias, any case).

    Raises
    ------
    RegistryError
        When no format has that name; the message lists the known ones.
    """
    fmt: RdfFormat = formats.get(name)
    return fmt


def all_formats() -> list[RdfFormat]:
    """Return each registered format once (aliases folded), sorted by name."""
    unique = {get_format(name).name: get_format(name) for name in formats.names()}
    return [unique[name] for name in sorted(unique)]


def format_for_path(path: str | Path) -> str:
    """Return the name of the RDF format that a file's extension stands for.

    Examples
    --------
    >>> format_for_path("out/store.TriG")
    'trig'
    >>> format_for_path("notes.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    chipkg.ontology.errors.RegistryError: notes.txt: unknown RDF file extension '.txt'. Known ...
    """
    suffix = Path(path).suffix.lower()
    for fmt in all_formats():
        if suffix in fmt.extensions:
            return fmt.name
    known = ", ".join(f"{f.name} ({', '.join(f.extensions)})" for f in all_formats())
    what = f"extension {suffix!r}" if suffix else "no extension"
    raise RegistryError(f"{path}: unknown RDF file {what}. Known formats: {known}")


# -- writing -------------------------------------------------------------------------


def serialize_quads(quads: Iterable[Quad], out: IO[bytes], fmt: str) -> None:
    """Write ``quads`` to the binary stream ``out`` in the format named ``fmt``.

    Triple formats (``turtle``, ``ntriples``) get the union of all graphs, each
    distinct triple once: graph names are lost. Quads whose graph is ``None`` or
    rdflib's default-graph id go to the default graph.
    """
    spec = get_format(fmt)
    try:
        if spec.oxigraph is None:
            _serialize_rdflib(quads, out, spec)
            return
        ox_format = getattr(ox.RdfFormat, spec.oxigraph)
        statements: Iterable[ox.Quad] | Iterable[ox.Triple]
        if spec.keeps_graphs:
            statements = (
                ox.Quad(to_ox(s), to_ox(p), to_ox(o), _ox_graph(g))  # type: ignore[arg-type]
                for s, p, o, g in quads
            )
        else:
            statements = (
                ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
                for s, p, o in _union(quads)
            )
        prefixes = PREFIXES if spec.prefixes else None
        ox.serialize(statements, out, ox_format, prefixes=prefixes)
    except (ValueError, TypeError) as exc:
        raise StoreError(f"cannot write {spec.name}: {exc}") from exc


def _union(quads: Iterable[Quad]) -> Iterator[tuple[Node, Node, Node]]:
    """Yield each distinct triple of ``quads`` once, graph names dropped."""
    seen: set[tuple[Node, Node, Node]] = set()
    for s, p, o, _ in quads:
        triple = (s, p, o)
        if triple not in seen:
            seen.add(triple)
            yield triple


def _is_default(graph: Node | None) -> bool:
    return graph is None or graph == DATASET_DEFAULT_GRAPH_ID


def _ox_graph(graph: Node | None) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    if _is_default(graph):
        return ox.DefaultGraph()
    term = to_ox(graph)  # type: ignore[arg-type]
    if isinstance(term, ox.Literal):
        raise StoreError(f"a literal cannot name a graph: {graph!r}")
    return term


def _serialize_rdflib(quads: Iterable[Quad], out: IO[bytes], spec: RdfFormat) -> None:
    dataset = Dataset()
    for prefix, iri in PREFIXES.items():
        dataset.bind(prefix, iri, override=True)
    for s, p, o, g in quads:
        target = dataset.default_graph if _is_default(g) else dataset.graph(g)  # type: ignore[arg-type]
        target.add((s, p, o))
    if spec.name == "jsonld":
        text = dataset.serialize(format="json-ld", context=dict(PREFIXES), indent=2)
    else:
        text = dataset.serialize(format=spec.rdflib)
    out.write(text.encode("utf-8"))


# -- reading -------------------------------------------------------------------------


def parse_quads(data: IO[bytes], fmt: str, *, graph: URIRef | None = None) -> Iterator[Quad]:
    """Yield the quads of RDF read from the binary stream ``data`` in format ``fmt``.

    Named graphs keep their names. Triples of a triple format, and statements in the
    default graph of a quad format, are put in ``graph`` (rdflib's
    ``DATASET_DEFAULT_GRAPH_ID`` when ``graph`` is ``None``). Blank nodes get fresh
    ids, so two files' ``_:b0`` stay two nodes.

    Raises
    ------
    StoreError
        When the data is not valid in that format (the message gives the position).
    """
    spec = get_format(fmt)
    default: URIRef = graph if graph is not None else DATASET_DEFAULT_GRAPH_ID
    if spec.oxigraph is None:
        yield from _parse_rdflib(data, spec, default)
        return
    ox_format = getattr(ox.RdfFormat, spec.oxigraph)
    try:
        for quad in ox.parse(data, ox_format, rename_blank_nodes=True):
            name = quad.graph_name
            g = default if isinstance(name, ox.DefaultGraph) else from_ox(name)
            yield from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object), g
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"invalid {spec.name}: {exc}") from exc


def _parse_rdflib(data: IO[bytes], spec: RdfFormat, default: URIRef) -> Iterator[Quad]:
    dataset = Dataset()
    try:
        dataset.parse(io.BytesIO(data.read()), format=spec.rdflib)
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        raise StoreError(f"invalid {spec.name}: {exc}") from exc
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        target: Node = default if name is None or _is_default(name) else name
        yield s, p, o, target
