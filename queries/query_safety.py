"""Static checks that refuse SPARQL requests which would reach outside the store.

The endpoint runs every request through :func:`check_query` or :func:`check_update`
*before* evaluation. They parse the text with rdflib's SPARQL parser, translate it to
the algebra (which resolves prefixed names and ``BASE``) and walk both trees:

- ``SERVICE`` (federated query) is refused: pyoxigraph and rdflib would both open an
  HTTP connection to the named service;
- ``LOAD`` is refused: it fetches a document;
- ``FROM`` / ``FROM NAMED`` / ``USING`` / ``USING NAMED`` / ``WITH`` and the protocol's
  ``default-graph-uri`` / ``named-graph-uri`` may only name graphs of this store (IRIs
  under ``https://w3id.org/chipkg/``): rdflib loads a ``FROM`` IRI from the web or
  the file system.

A text that does not parse is refused too (the checks cannot vouch for it), with the
parser's message.

Example
-------
>>> check_query("SELECT ?s WHERE { ?s a ckg:Chip }").kind
'select'
>>> try:
...     check_query("SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }")
... except RefusedQueryError as exc:
...     print(exc)
SERVICE <http://example.org/s> is refused: this endpoint never contacts another server
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef

from chipkg.ontology.errors import QueryError
from chipkg.ontology.vocabulary import PREFIXES

#: Graph IRIs a query may name in FROM / USING / WITH: the store's own graphs.
STORE_GRAPH_PREFIX = "https://w3id.org/chipkg/"

QueryKind = Literal["select", "ask", "construct", "describe"]

_KINDS: dict[str, QueryKind] = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}


class QuerySyntaxError(QueryError):
    """The request is not valid SPARQL (the message is the parser's)."""


class RefusedQueryError(QueryError):
    """The request is valid SPARQL but would reach outside the store."""


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks: its form and what the row cap may rely on."""

    kind: QueryKind
    #: The query has a top-level ``LIMIT``.
    has_limit: bool
    #: The query ends with a ``VALUES`` block (so nothing may be appended to it).
    has_trailing_values: bool

    @property
    def is_graph(self) -> bool:
        """Return True for CONSTRUCT and DESCRIBE (results are triples)."""
        return self.kind in ("construct", "describe")


def in_store(iri: str) -> bool:
    """Return True when ``iri`` names a graph chipkg keeps in its store."""
    return iri.startswith(STORE_GRAPH_PREFIX)


def check_query(
    sparql: str,
    *,
    default_graphs: Iterable[str] = (),
    named_graphs: Iterable[str] = (),
    allowed: Callable[[str], bool] = in_store,
) -> CheckedQuery:
    """Return what kind of query ``sparql`` is, or raise when it must not run.

    Parameters
    ----------
    sparql : str
        The query text (prefixes of :data:`chipkg.ontology.vocabulary.PREFIXES` may
        be used undeclared, as the store allows).
    default_graphs, named_graphs : iterable of str
        The protocol's ``default-graph-uri`` and ``named-graph-uri`` values.
    allowed : callable
        Decides whether a graph IRI belongs to the store.

    Raises
    ------
    QuerySyntaxError
        The text does not parse as a SPARQL query.
    RefusedQueryError
        It uses SERVICE or names a graph outside the store.
    """
    from rdflib.plugins.sparql.algebra import translateQuery

    try:
        tree = parseQuery(sparql)
        _refuse_outbound(tree)
        algebra = translateQuery(tree, initNs=PREFIXES)
    except QueryError:
        raise
    except Exception as exc:  # pyparsing, RecursionError, rdflib's own errors
        raise QuerySyntaxError(f"SPARQL syntax error: {_message(exc)}") from exc
    # The translated form resolves prefixed names and BASE; check it again.
    _refuse_outbound(algebra.algebra)
    for iri in (*default_graphs, *named_graphs, *_graph_iris(algebra.algebra)):
        _check_graph(str(iri), "FROM", allowed)
    body = tree[1]
    kind = _KINDS.get(body.name)
    if kind is None:  # pragma: no cover - the grammar has only four query forms
        raise QuerySyntaxError(f"unknown query form {body.name}")
    limitoffset = _field(body, "limitoffset")
    return CheckedQuery(
        kind=kind,
        has_limit=limitoffset is not None and _field(limitoffset, "limit") is not None,
        has_trailing_values=_field(body, "valuesClause") is not None,
    )


def check_update(
    sparql: str,
    *,
    allowed: Callable[[str], bool] = in_store,
) -> int:
    """Return the number of operations in a SPARQL Update, or raise when it must not run.

    ``LOAD`` and ``SERVICE`` are refused, as are ``USING`` / ``USING NAMED`` / ``WITH``
    naming a graph outside the store.
    """
    from rdflib.plugins.sparql.algebra import translateUpdate

    try:
        tree = parseUpdate(sparql)
        _refuse_outbound(tree)
        algebra = translateUpdate(tree, initNs=PREFIXES)
    except QueryError:
        raise
    except Exception as exc:
        raise QuerySyntaxError(f"SPARQL Update syntax error: {_message(exc)}") from exc
    for operation in algebra.algebra:
        _refuse_outbound(operation)
        for iri in _graph_iris(operation):
            _check_graph(str(iri), "USING/WITH", allowed)
    return len(algebra.algebra)


def _refuse_outbound(tree: Any) -> None:
    for node in _walk(tree):
        if node.name == "ServiceGraphPattern":
            term = _field(node, "term")
            raise RefusedQueryError(
                f"SERVICE {_show(term)} is refused: this endpoint never contacts another server"
            )
        if node.name == "Load":
            raise RefusedQueryError(
                f"LOAD {_show(_field(node, 'iri'))} is refused: "
                "this endpoint never fetches documents"
            )


def _graph_iris(tree: Any) -> Iterator[Any]:
    for node in _walk(tree):
        if node.name in ("DatasetClause", "UsingClause"):
            for key in ("default", "named"):
                if _field(node, key) is not None:
                    yield _field(node, key)
        if node.name == "Modify" and _field(node, "withClause") is not None:
            yield _field(node, "withClause")


def _check_graph(iri: str, clause: str, allowed: Callable[[str], bool]) -> None:
    if not allowed(iri):
        raise RefusedQueryError(
            f"{clause} <{iri}> is refused: only graphs of this store "
            f"(IRIs under {STORE_GRAPH_PREFIX}) may be named"
        )


def _field(node: CompValue, key: str) -> Any:
    """Return a CompValue's raw field or None (``CompValue.get`` returns the key itself)."""
    return dict.get(node, key)


def _walk(tree: Any) -> Iterator[CompValue]:
    """Yield every CompValue in a parse tree or algebra, depth first, without recursion."""
    stack = [tree]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, str | URIRef | int | float):
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set) or hasattr(item, "asList"):
            stack.extend(list(item))


def _show(term: Any) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, CompValue) and term.name == "pname":
        return f"{_field(term, 'prefix')}:{_field(term, 'localname')}"
    return str(term)


def _message(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 500 else text[:500] + "..."
