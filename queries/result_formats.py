"""SPARQL result formats: content negotiation and the serializers the endpoint speaks.

SELECT and ASK answers are written as SPARQL 1.1 Query Results JSON, XML, CSV or TSV;
CONSTRUCT and DESCRIBE answers as Turtle, N-Triples, JSON-LD or RDF/XML. Formats
are registered by name (:data:`result_formats`), each with its media types, so the
endpoint's negotiation and its service description read the same table.

Example
-------
>>> fmt = negotiate("select", "text/csv;q=0.5, application/sparql-results+json")
>>> fmt.name, fmt.media_type
('json', 'application/sparql-results+json')
>>> negotiate("graph", "text/csv") is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rdflib import Graph

from chipkg.graph.store import QueryResult

ResultShape = Literal["select", "graph"]


@dataclass(frozen=True)
class ResultFormat:
    """One way of writing query results: its name, media types and serializer."""

    name: str
    shape: ResultShape
    media_type: str
    #: Other media types a client may ask for to get this format.
    aliases: tuple[str, ...]
    #: Short names accepted in the ``format`` / ``output`` request parameter.
    short_names: tuple[str, ...]
    #: W3C format IRI (http://www.w3.org/ns/formats/) for the service description.
    w3c_iri: str
    write: Callable[[QueryResult], bytes]

    @property
    def content_type(self) -> str:
        """Return the Content-Type header value (with charset for text formats)."""
        return f"{self.media_type}; charset=utf-8"


#: Result formats by name, in the server's order of preference per shape.
result_formats: dict[str, ResultFormat] = {}


def _register(fmt: ResultFormat) -> None:
    result_formats[fmt.name] = fmt


def formats_for(shape: ResultShape) -> list[ResultFormat]:
    """Return the formats that can write results of ``shape``, preferred first."""
    return [f for f in result_formats.values() if f.shape == shape]


# -- negotiation ---------------------------------------------------------------------


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Return the media ranges of an Accept header with their q-values (malformed ones dropped).

    >>> parse_accept("text/csv;q=0.5, application/json")
    [('text/csv', 0.5), ('application/json', 1.0)]
    """
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                q = min(max(q, 0.0), 1.0)
        ranges.append((media, q))
    return ranges


def _quality(media_types: Sequence[str], ranges: list[tuple[str, float]]) -> float:
    """Return the q-value the most specific matching range gives any of ``media_types``."""
    best_specificity, best_q = -1, 0.0
    for media in media_types:
        kind = media.split("/")[0]
        for rng, q in ranges:
            if rng == media:
                specificity = 2
            elif rng == f"{kind}/*":
                specificity = 1
            elif rng == "*/*":
                specificity = 0
            else:
                continue
            if specificity > best_specificity:
                best_specificity, best_q = specificity, q
    return best_q


def negotiate(
    shape: ResultShape, accept: str | None, requested: str | None = None
) -> ResultFormat | None:
    """Return the format to answer with, or None when nothing acceptable (HTTP 406).

    ``requested`` is the ``format`` request parameter (a short name such as ``json``
    or a media type); it wins over the Accept header when it names a known format.
    """
    candidates = formats_for(shape)
    if requested:
        wanted = requested.strip().lower()
        for fmt in candidates:
            if wanted in fmt.short_names or wanted == fmt.media_type or wanted in fmt.aliases:
                return fmt
    ranges = parse_accept(accept)
    best: ResultFormat | None = None
    best_q = 0.0
    for fmt in candidates:  # earlier = preferred on ties
        q = _quality((fmt.media_type, *fmt.aliases), ranges)
        if q > best_q:
            best, best_q = fmt, q
    return best


# -- SELECT / ASK: the writers of chipkg.graph.results ----------------------------------


def _results_writer(name: str) -> Callable[[QueryResult], bytes]:
    def write(result: QueryResult) -> bytes:
        from chipkg.graph.results import render

        return render(result, name).encode("utf-8")

    write.__doc__ = f"Return the SELECT / ASK result in the SPARQL {name.upper()} results format."
    return write


# -- CONSTRUCT / DESCRIBE ------------------------------------------------------------


def _graph_writer(rdflib_format: str) -> Callable[[QueryResult], bytes]:
    def write(result: QueryResult) -> bytes:
        from chipkg.ontology.vocabulary import PREFIXES

        graph = Graph()
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri)
        for triple in result.triples:
            graph.add(triple)
        data = graph.serialize(format=rdflib_format, encoding="utf-8")
        return data if isinstance(data, bytes) else data.encode("utf-8")

    write.__doc__ = f"Return the triples serialized as {rdflib_format}."
    return write


_W3C = "http://www.w3.org/ns/formats/"

for _fmt in (
    ResultFormat(
        "json",
        "select",
        "application/sparql-results+json",
        ("application/json",),
        ("json", "srj"),
        _W3C + "SPARQL_Results_JSON",
        _results_writer("json"),
    ),
    ResultFormat(
        "xml",
        "select",
        "application/sparql-results+xml",
        ("application/xml", "text/xml"),
        ("xml", "srx"),
        _W3C + "SPARQL_Results_XML",
        _results_writer("xml"),
    ),
    ResultFormat(
        "csv",
        "select",
        "text/csv",
        (),
        ("csv",),
        _W3C + "SPARQL_Results_CSV",
        _results_writer("csv"),
    ),
    ResultFormat(
        "tsv",
        "select",
        "text/tab-separated-values",
        (),
        ("tsv",),
        _W3C + "SPARQL_Results_TSV",
        _results_writer("tsv"),
    ),
    ResultFormat(
        "turtle",
        "graph",
        "text/turtle",
        ("application/x-turtle",),
        ("turtle", "ttl", "n3"),
        _W3C + "Turtle",
        _graph_writer("turtle"),
    ),
    ResultFormat(
        "ntriples",
        "graph",
        "application/n-triples",
        ("text/plain",),
        ("nt", "ntriples", "n-triples"),
        _W3C + "N-Triples",
        _graph_writer("nt"),
    ),
    ResultFormat(
        "jsonld",
        "graph",
        "application/ld+json",
        ("application/json",),
        ("json-ld", "jsonld", "json"),
        _W3C + "JSON-LD",
        _graph_writer("json-ld"),
    ),
    ResultFormat(
        "rdfxml",
        "graph",
        "application/rdf+xml",
        ("application/xml", "text/xml"),
        ("xml", "rdf", "rdf+xml", "rdfxml"),
        _W3C + "RDF_XML",
        _graph_writer("xml"),
    ),
):
    _register(_fmt)
