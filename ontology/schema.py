"""The chipkg ontology (``chipkg.ttl``) as an rdflib graph.

``chipkg.ttl`` sits beside this module. It declares every term of the core vocabulary
page and chipkg's extensions (classes, properties with domains and ranges, and the
status, modality and date-precision values). A store loads it into its own named
graph, :data:`chipkg.ontology.vocabulary.ONTOLOGY_GRAPH`; SHACL validation uses it as
the ontology graph.

Example
-------
>>> from chipkg.ontology.schema import ontology_graph
>>> from chipkg.ontology.vocabulary import CKG
>>> from rdflib.namespace import RDFS
>>> (CKG.Regulator, RDFS.subClassOf, CKG.Organization) in ontology_graph()
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from chipkg.ontology.errors import ValidationError
from chipkg.ontology.vocabulary import CKG_IRI, ONTOLOGY_GRAPH

#: The ontology file shipped with the package.
ONTOLOGY_PATH = Path(__file__).parent / "chipkg.ttl"

#: The ``rdf:type`` values that make a ``ckg:`` IRI a declared term.
DECLARING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)

__all__ = ["DECLARING_TYPES", "ONTOLOGY_GRAPH", "ONTOLOGY_PATH", "declared_terms", "ontology_graph"]


@cache
def ontology_graph() -> Graph:
    """Return the parsed ontology (parsed once, then shared: do not modify it).

    The graph's identifier is the ontology IRI, so it can be added as a named graph
    as it is. Copy it (``Graph() + ontology_graph()``) before changing anything.

    Raises
    ------
    ValidationError
        When ``chipkg.ttl`` is missing or is not valid Turtle (a broken install).
    """
    graph = Graph(identifier=ONTOLOGY_GRAPH)
    try:
        graph.parse(ONTOLOGY_PATH, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(f"{ONTOLOGY_PATH}: cannot read the ontology: {exc}") from exc
    return graph


def declared_terms() -> frozenset[URIRef]:
    """Return every ``ckg:`` IRI the ontology declares as a class, property or value.

    Example
    -------
    >>> from chipkg.ontology.vocabulary import CKG
    >>> CKG.conditionallyApproves in declared_terms()
    True
    """
    graph = ontology_graph()
    return frozenset(
        term
        for kind in DECLARING_TYPES
        for term in graph.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and str(term).startswith(CKG_IRI)
    )
