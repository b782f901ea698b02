"""The ontology, the vocabulary page, the CKG namespace and the model enums agree."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from chipkg.ontology.models import (
    ENTITY_PARENT,
    DatePrecision,
    EntityType,
    Modality,
    Relation,
    Status,
)
from chipkg.ontology.schema import ONTOLOGY_PATH, declared_terms, ontology_graph
from chipkg.ontology.shapes import SHAPES_PATH
from chipkg.ontology.vocabulary import CKG, CKG_IRI, ONTOLOGY_GRAPH

REPO = Path(__file__).resolve().parents[2]
VOCABULARY_PAGE = REPO.parent / "shared" / "docs" / "core-vocabulary.md"
TERM = re.compile(r"\bckg:([A-Za-z][A-Za-z0-9]*)")


def _local(term: URIRef) -> str:
    return str(term).removeprefix(CKG_IRI)


def _declared() -> set[str]:
    return {_local(t) for t in declared_terms()}


def _namespace_terms() -> set[str]:
    return set(CKG.__annotations__)


def _page_terms() -> set[str]:
    if not VOCABULARY_PAGE.exists():
        pytest.skip(f"vocabulary page not found at {VOCABULARY_PAGE} (shared/ is absent)")
    return set(TERM.findall(VOCABULARY_PAGE.read_text(encoding="utf-8")))


def _extensions() -> set[str]:
    return {_local(t) for t in ontology_graph().subjects(SKOS.scopeNote, None)}


def _instances(cls: URIRef) -> set[str]:
    return {_local(t) for t in ontology_graph().subjects(RDF.type, cls)}


def test_ontology_header() -> None:
    g = ontology_graph()
    assert g.identifier == ONTOLOGY_GRAPH
    assert (ONTOLOGY_GRAPH, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_GRAPH, OWL.versionInfo) is not None
    assert ONTOLOGY_PATH.name == "chipkg.ttl" and ONTOLOGY_PATH.exists()
    assert ontology_graph() is g  # parsed once


def test_every_page_term_is_declared_and_in_the_namespace() -> None:
    page = _page_terms()
    assert page, "no ckg: terms found on the vocabulary page"
    assert page - _declared() == set(), "page terms missing from chipkg.ttl"
    assert page - _namespace_terms() == set(), "page terms missing from vocabulary.CKG"


def test_extensions_are_exactly_the_terms_off_the_page() -> None:
    assert _declared() - _page_terms() == _extensions()


def test_namespace_and_ontology_declare_the_same_terms() -> None:
    assert _namespace_terms() - _declared() == set(), "CKG terms not declared in chipkg.ttl"
    assert _declared() - _namespace_terms() == set(), "chipkg.ttl terms missing from CKG"


def test_every_ckg_iri_used_in_the_ttl_files_is_declared() -> None:
    declared = _declared()
    for path in (ONTOLOGY_PATH, SHAPES_PATH):
        g = Graph().parse(path, format="turtle")
        used = {
            _local(node)
            for triple in g
            for node in triple
            if isinstance(node, URIRef) and str(node).startswith(CKG_IRI)
        }
        assert used - declared == set(), f"{path.name} uses undeclared ckg: terms"


def test_every_term_has_label_and_comment() -> None:
    g = ontology_graph()
    for term in declared_terms():
        assert g.value(term, RDFS.label) is not None, term
        assert g.value(term, RDFS.comment) is not None, term
        assert g.value(term, RDFS.isDefinedBy) == ONTOLOGY_GRAPH, term


def test_every_property_has_domain_and_range() -> None:
    g = ontology_graph()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in g.subjects(RDF.type, kind):
            assert g.value(prop, RDFS.domain) is not None, prop
            assert g.value(prop, RDFS.range) is not None, prop


def test_entity_classes_match_the_enum_and_its_hierarchy() -> None:
    g = ontology_graph()
    entity_classes = {_local(c) for c in g.transitive_subjects(RDFS.subClassOf, CKG.Entity)}
    assert entity_classes == {e.value for e in EntityType}
    for kind, parent in ENTITY_PARENT.items():
        parents = {_local(p) for p in g.objects(CKG[kind.value], RDFS.subClassOf)}
        assert parents == (set() if parent is None else {parent.value}), kind


def _domain_classes(g: Graph, prop: URIRef) -> set[URIRef]:
    domain = g.value(prop, RDFS.domain)
    union = g.value(domain, OWL.unionOf)
    return set(Collection(g, union)) if union is not None else {domain}


def test_relations_match_the_entity_to_entity_properties() -> None:
    g = ontology_graph()
    entity_classes = set(g.transitive_subjects(RDFS.subClassOf, CKG.Entity))
    direct = {
        _local(p)
        for p in g.subjects(RDF.type, OWL.ObjectProperty)
        if _domain_classes(g, p) <= entity_classes
    }
    derived = {_local(s.position) for s in Status}  # approval positions, written by the mapping
    reference = {"partOf"}  # the gazetteer's knowledge, beside an entity: no article claims it
    assert direct - derived - reference == {r.value for r in Relation}
    assert reference <= direct
    assert derived <= direct
    assert (CKG.conditionallyApproves, RDFS.subPropertyOf, CKG.approves) in g


@pytest.mark.parametrize(
    ("enum", "cls"),
    [
        (Status, CKG.ApprovalStatus),
        (Modality, CKG.Modality),
        (DatePrecision, CKG.DatePrecision),
    ],
)
def test_value_enums_match_the_named_individuals(enum: type[StrEnum], cls: URIRef) -> None:
    g = ontology_graph()
    assert _instances(cls) == {v.value for v in enum}
    for value in enum:
        assert (CKG[value.value], RDF.type, OWL.NamedIndividual) in g
    one_of = g.value(g.value(cls, OWL.equivalentClass), OWL.oneOf)
    assert {_local(v) for v in Collection(g, one_of)} == {v.value for v in enum}
