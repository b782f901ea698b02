"""Conversion between rdflib and pyoxigraph terms, both ways, through the cache."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from chipkg.graph import terms
from chipkg.graph.terms import from_ox, to_ox

TERMS = [
    URIRef("https://w3id.org/chipkg/id/h200"),
    Literal("1"),
    Literal("1", datatype=XSD.integer),
    Literal("1", datatype=XSD.decimal),
    Literal("1", lang="en"),
    Literal("1", lang="fr"),
    Literal("x" * 500),
    BNode("b0"),
]


@pytest.mark.parametrize("term", TERMS, ids=repr)
def test_a_term_comes_back_as_it_went_twice(term: object) -> None:
    stored = to_ox(term)  # type: ignore[arg-type]
    first, second = from_ox(stored), from_ox(stored)
    assert first == term and second == term
    assert type(first) is type(term)
    if isinstance(term, Literal):  # "1", "1"^^xsd:integer and "1"@en stay apart in the cache
        assert (first.datatype, first.language) == (term.datatype, term.language)


def test_only_iris_and_short_literals_are_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms, "_CACHE", {})  # another test may have filled the shared one
    text = ox.Literal("an article's text " * 40)
    from_ox(text)
    from_ox(ox.BlankNode("b1"))
    assert text not in terms._CACHE and ox.BlankNode("b1") not in terms._CACHE
    iri = ox.NamedNode("https://w3id.org/chipkg/id/cached")
    from_ox(iri)
    assert terms._CACHE[iri] == URIRef(iri.value)
