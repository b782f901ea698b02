"""SHACL validation of a chipkg graph against ``shapes.ttl`` (with pySHACL).

:func:`validate` checks entities, articles, claims, approvals and conditions as
``shapes.ttl`` (beside this module) describes them, and returns a typed
:class:`ValidationReport`.

How it runs
-----------
The data is validated as one graph: the union of every named graph of a dataset
(the ontology graph included, if the dataset has it). ``chipkg.ttl`` is mixed into
that graph, so ``sh:targetClass`` and ``sh:class`` see the ``rdfs:subClassOf``
hierarchy (SHACL's own notion of "instance of" follows ``rdfs:subClassOf*`` in the
data graph): a ``ckg:Regulator`` is validated as a ``ckg:Entity`` and accepted where
a ``ckg:Organization`` is expected.

By default no RDFS *inference* runs: RDFS would type every object of ``ckg:approver``
as a ``ckg:Regulator`` and every object of ``ckg:chip`` as a ``ckg:Chip`` from the
properties' ranges, which would make "the approver is a Regulator" and "the chip is a
Chip" true of any graph. Pass ``inference="rdfs"`` to validate the RDFS closure
instead (slower, and those two checks then only catch untyped nodes' absence).

Performance
-----------
pySHACL is pure Python on rdflib's in-memory graph: each SPARQL-based constraint runs
one query per focus node, and the data graph is copied once. A few thousand triples
validate in about a second; a store of a few hundred thousand triples takes minutes.
Validate one article's graph at a time (``focus`` on what changed) when that is too
slow.

Example
-------
>>> from rdflib import Graph
>>> report = validate(Graph())
>>> report.conforms
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import pyshacl
from pydantic import BaseModel, ConfigDict
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Literal as RDFLiteral
from rdflib.term import Node, URIRef

from chipkg.ontology.errors import ValidationError
from chipkg.ontology.schema import ontology_graph
from chipkg.ontology.vocabulary import ART_IRI, CKG_IRI, ENT_IRI

#: The SHACL shapes file shipped with the package.
SHAPES_PATH = Path(__file__).parent / "shapes.ttl"

Inference = Literal["none", "rdfs", "owlrl", "both"]

__all__ = ["SHAPES_PATH", "ValidationReport", "Violation", "shapes_graph", "validate"]


class Violation(BaseModel):
    """One SHACL result: which node broke which constraint, and how."""

    model_config = ConfigDict(frozen=True)

    focus: str
    """The node that broke the constraint (IRI, or ``_:id`` for a blank node)."""
    path: str | None = None
    """The property concerned (``None`` for a constraint on the node itself)."""
    constraint: str
    """The SHACL constraint component, e.g. ``MinCountConstraintComponent``."""
    message: str
    severity: Literal["Violation", "Warning", "Info"] = "Violation"
    value: str | None = None
    """The offending value, when the constraint names one."""
    shape: str | None = None
    """The shape that holds the constraint (a blank node's id for anonymous ones)."""

    def render(self) -> str:
        """Return this violation as one line: ``severity: focus path: message [component]``."""
        where = _short(self.focus) + (f" {_short(self.path)}" if self.path else "")
        value = f" (value {self.value})" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{value} [{self.constraint}]"


class ValidationReport(BaseModel):
    """The outcome of :func:`validate`: conforms or not, and every violation."""

    model_config = ConfigDict(frozen=True)

    conforms: bool
    violations: list[Violation] = []
    triples: int = 0
    """How many data triples were checked (the ontology not counted)."""

    def text(self, *, limit: int | None = None) -> str:
        """Return a readable report: a summary line, then one line per violation.

        ``limit`` caps how many violations are listed (the summary counts them all).
        """
        if self.conforms:
            return f"Valid: {self.triples} triples conform to the chipkg shapes."
        shown = self.violations if limit is None else self.violations[:limit]
        lines = [f"Invalid: {len(self.violations)} SHACL violation(s) in {self.triples} triples."]
        lines += [f"  {v.render()}" for v in shown]
        if len(shown) < len(self.violations):
            lines.append(f"  … and {len(self.violations) - len(shown)} more")
        return "\n".join(lines)

    @classmethod
    def combined(cls, reports: Iterable[ValidationReport]) -> ValidationReport:
        """Return one report for data checked in parts: every part's violations, sorted.

        >>> ok = ValidationReport(conforms=True, triples=3)
        >>> ValidationReport.combined([ok, ok]).triples
        6
        """
        parts = list(reports)
        violations = [v for part in parts for v in part.violations]
        return cls(
            conforms=all(part.conforms for part in parts),
            violations=sorted(violations, key=_order),
            triples=sum(part.triples for part in parts),
        )

    def raise_for_violations(self) -> None:
        """Raise :class:`ValidationError` with the report's text when it does not conform."""
        if not self.conforms:
            raise ValidationError(self.text(limit=50))


@cache
def shapes_graph() -> Graph:
    """Return the parsed SHACL shapes (parsed once, then shared: do not modify it)."""
    graph = Graph()
    try:
        graph.parse(SHAPES_PATH, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(f"{SHAPES_PATH}: cannot read the SHACL shapes: {exc}") from exc
    return graph


def validate(
    data: Graph | Dataset | Iterable[tuple[Node, ...]],
    *,
    inference: Inference = "none",
    abort_on_first: bool = False,
) -> ValidationReport:
    """Return the SHACL validation report of ``data`` against the chipkg shapes.

    Parameters
    ----------
    data
        An rdflib ``Graph``, a ``Dataset`` (its graphs' union is validated), or an
        iterable of triples or quads (e.g. a store's ``quads()``).
    inference
        ``"none"`` (the default; see the module notes), or a pySHACL inference mode.
    abort_on_first
        Stop at the first violation (faster when only a yes/no is needed).

    Examples
    --------
    >>> from rdflib import Graph, URIRef
    >>> from rdflib.namespace import RDF
    >>> from chipkg.ontology.vocabulary import CKG
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/chipkg/id/h200"), RDF.type, CKG.Chip))
    >>> report = validate(g)
    >>> report.conforms, report.violations[0].constraint
    (False, 'MinCountConstraintComponent')
    """
    graph = _union(data)
    triples = len(graph)
    graph += ontology_graph()
    try:
        conforms, results, text = pyshacl.validate(
            graph,
            shacl_graph=shapes_graph(),
            inference=inference,
            inplace=True,
            abort_on_first=abort_on_first,
            allow_warnings=True,
            advanced=False,
        )
    except Exception as exc:  # pySHACL raises its own error types for broken shapes
        raise ValidationError(f"SHACL validation failed to run: {exc}") from exc
    if not isinstance(results, Graph):  # pySHACL reports a broken shape as text
        raise ValidationError(f"{SHAPES_PATH}: SHACL validation failed to run: {text}")
    violations = sorted(_violations(results), key=_order)
    return ValidationReport(conforms=bool(conforms), violations=violations, triples=triples)


def _order(violation: Violation) -> tuple[str, str, str]:
    return violation.focus, violation.path or "", violation.message


class _PreparedQueryGraph(Graph):
    """A graph that parses each SPARQL string once.

    pySHACL runs a SHACL-SPARQL constraint once per focus node, passing the same query
    text with ``$this`` bound; rdflib would parse it every time, and parsing is most
    of the cost. Preparing it once makes validation several times faster.
    """

    def query(  # type: ignore[override]
        self, query_object: str | Query, *args: Any, **kwargs: Any
    ) -> Result:
        if isinstance(query_object, str):
            query_object = _prepare(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepare(text: str) -> Query:
    return prepareQuery(text)


def _union(data: Graph | Dataset | Iterable[tuple[Node, ...]]) -> Graph:
    """Return a fresh graph holding every triple of ``data``, graph names dropped."""
    graph = _PreparedQueryGraph()
    if isinstance(data, Dataset):
        for s, p, o, _ in data.quads((None, None, None, None)):
            graph.add((s, p, o))
    elif isinstance(data, Graph):
        for triple in data:
            graph.add(triple)
    else:
        for row in data:
            graph.add((row[0], row[1], row[2]))
    return graph


def _violations(results: Graph) -> Iterable[Violation]:
    """Yield one :class:`Violation` per ``sh:result`` of a pySHACL results graph."""
    for result in results.objects(None, SH.result):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        component = results.value(result, SH.sourceConstraintComponent)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        shape = results.value(result, SH.sourceShape)
        yield Violation(
            focus=_text(focus) or "",
            path=_text(path),
            constraint=_local(component) or "unknown",
            message=str(message) if message is not None else "constraint not met",
            severity=_local(severity) or "Violation",  # type: ignore[arg-type]
            value=None if value is None else _value(value),
            shape=_text(shape),
        )


def _text(node: Node | None) -> str | None:
    if node is None:
        return None
    return node.n3() if not isinstance(node, URIRef) else str(node)


def _local(node: Node | None) -> str | None:
    if node is None:
        return None
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


#: Prefixes used to shorten IRIs in reports (plain text, not Turtle: local parts may hold '#').
_SHORT = (
    ("ckg:", CKG_IRI),
    ("ent:", ENT_IRI),
    ("art:", ART_IRI),
    ("rdf:", str(RDF)),
    ("rdfs:", str(RDFS)),
    ("xsd:", str(XSD)),
    ("skos:", str(SKOS)),
    ("owl:", str(OWL)),
    ("prov:", str(PROV)),
    ("dcterms:", str(DCTERMS)),
)


def _short(text: str) -> str:
    """Return an IRI with a known namespace written as ``prefix:rest``."""
    for prefix, iri in _SHORT:
        if text.startswith(iri):
            return prefix + text[len(iri) :]
    return text


def _value(node: Node) -> str:
    """Return a result value for a report: literals as N3, IRIs shortened."""
    if isinstance(node, URIRef):
        return _short(str(node))
    if isinstance(node, RDFLiteral) and node.datatype is not None:
        return f'"{node}"^^{_short(str(node.datatype))}'
    return node.n3()
