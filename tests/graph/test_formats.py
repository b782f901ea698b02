"""RDF formats: every registered format round-trips a small dataset."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from chipkg.graph.formats import (
    RdfFormat,
    all_formats,
    format_for_path,
    formats,
    get_format,
    parse_quads,
    serialize_quads,
)
from chipkg.graph.store import Quad, open_store
from chipkg.ontology.errors import ChipKGError, RegistryError, StoreError
from chipkg.ontology.vocabulary import ART, CKG, ENT

A1, A2 = ART["0c7784de187d81a1"], ART["5f1e2d3c4b5a6978"]
CLAIM = URIRef(f"{A1}#claim-1")

QUADS: list[Quad] = [
    (A1, RDF.type, CKG.Article, A1),
    (A1, CKG.charCount, Literal(172), A1),
    (A1, URIRef("http://purl.org/dc/terms/issued"), Literal(dt.date(2026, 1, 28)), A1),
    (ENT.h200, RDF.type, CKG.Chip, A1),
    (ENT.h200, RDFS.label, Literal("H200"), A1),
    (ENT.h200, SKOS.altLabel, Literal("Nvidia’s H200 “Hopper”"), A1),
    (ENT.h200, SKOS.altLabel, Literal("H200 chip", lang="en"), A1),
    (ENT.h200, CKG.outperforms, ENT.h20, A1),
    (CLAIM, RDF.type, CKG.Claim, A1),
    (CLAIM, CKG.sentence, Literal('Line one "quoted"\nline two\t\\ end.'), A1),
    (CLAIM, CKG.confidence, Literal(Decimal("0.9")), A1),
    (CLAIM, CKG.factor, Literal(6.5), A1),
    (CLAIM, CKG.modality, CKG.Reported, A1),
    # the same triple in a second graph: a quad format keeps both, the union keeps one
    (ENT.h200, RDF.type, CKG.Chip, A2),
    (ENT.h200, CKG.mentionedIn, A2, A2),
    (ENT.nvidia, CKG.makes, ENT.h200, A2),
    (ENT.nvidia, RDFS.label, Literal("Nvidia"), DATASET_DEFAULT_GRAPH_ID),
]

EVERY_FORMAT = [pytest.param(f, id=f.name) for f in all_formats()]


def _roundtrip(quads: list[Quad], fmt: RdfFormat, graph: URIRef | None = None) -> list[Quad]:
    out = io.BytesIO()
    serialize_quads(iter(quads), out, fmt.name)
    assert out.getvalue(), f"{fmt.name} wrote nothing"
    return list(parse_quads(io.BytesIO(out.getvalue()), fmt.name, graph=graph))


def test_registry_holds_the_required_formats() -> None:
    names = {f.name for f in all_formats()}
    assert {"trig", "nquads", "turtle", "jsonld", "ntriples"} <= names
    extensions = [e for f in all_formats() for e in f.extensions]
    assert len(extensions) == len(set(extensions)), "an extension maps to two formats"
    media = [f.media_type for f in all_formats()]
    assert len(media) == len(set(media))
    assert get_format("NQ") is get_format("nquads")
    assert "json-ld" in formats


@pytest.mark.parametrize("fmt", EVERY_FORMAT)
def test_round_trip(fmt: RdfFormat) -> None:
    back = _roundtrip(QUADS, fmt)
    if fmt.keeps_graphs:
        assert set(back) == set(QUADS)
        assert len(back) == len(QUADS)
    else:
        union = {(s, p, o, DATASET_DEFAULT_GRAPH_ID) for s, p, o, _ in QUADS}
        assert set(back) == union
        assert len(back) == len(union)  # the union writes each triple once


@pytest.mark.parametrize("fmt", EVERY_FORMAT)
def test_round_trip_keeps_blank_nodes_apart(fmt: RdfFormat) -> None:
    condition1, condition2 = BNode(), BNode()
    approval = URIRef(f"{A1}#approval-1")
    quads: list[Quad] = [
        (approval, CKG.hasCondition, condition1, A1),
        (approval, CKG.hasCondition, condition2, A1),
        (condition1, RDFS.label, Literal("buy domestic chips too"), A1),
        (condition2, RDFS.label, Literal("no military use"), A1),
    ]
    back = _roundtrip(quads, fmt, graph=A1)
    expected, got = Graph(), Graph()
    for s, p, o, _ in quads:
        expected.add((s, p, o))
    for s, p, o, g in back:
        assert g == A1
        got.add((s, p, o))
    assert isomorphic(expected, got)


@pytest.mark.parametrize("fmt", [f for f in EVERY_FORMAT if not f.values[0].keeps_graphs])
def test_triple_formats_put_triples_in_the_given_graph(fmt: RdfFormat) -> None:
    target = URIRef("file:///tmp/import.ttl")
    back = _roundtrip(QUADS, fmt, graph=target)
    assert back and {g for *_, g in back} == {target}


def test_quad_formats_put_default_graph_statements_in_the_given_graph() -> None:
    target = URIRef("file:///tmp/import.trig")
    back = _roundtrip(QUADS, get_format("trig"), graph=target)
    assert (ENT.nvidia, RDFS.label, Literal("Nvidia"), target) in back
    assert (ENT.h200, CKG.mentionedIn, A2, A2) in back


@pytest.mark.parametrize("name", ["trig", "turtle", "jsonld"])
def test_prefixed_formats_use_the_chipkg_prefixes(name: str) -> None:
    out = io.BytesIO()
    serialize_quads(QUADS, out, name)
    text = out.getvalue().decode("utf-8")
    if name == "jsonld":
        assert '"ckg": "https://w3id.org/chipkg/ontology#"' in text
        assert '"ckg:Chip"' in text
    else:
        assert "@prefix ckg: <https://w3id.org/chipkg/ontology#>" in text
        assert "ckg:Chip" in text
        assert "ent:h200" in text


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (f"store/export{ext.upper() if i % 2 else ext}", f.name)
        for f in all_formats()
        for i, ext in enumerate(f.extensions)
    ],
)
def test_format_for_path(path: str, name: str) -> None:
    assert format_for_path(path) == name


@pytest.mark.parametrize("path", ["notes.txt", "store", "graph.rdf"])
def test_format_for_unknown_path_lists_the_known_formats(path: str) -> None:
    with pytest.raises(RegistryError) as info:
        format_for_path(path)
    assert isinstance(info.value, ChipKGError)
    message = str(info.value)
    assert path in message
    for f in all_formats():
        assert f.name in message


def test_unknown_format_name_lists_the_known_ones() -> None:
    with pytest.raises(RegistryError, match=r"Available: .*nquads"):
        serialize_quads(QUADS, io.BytesIO(), "rdfxml")


@pytest.mark.parametrize("fmt", EVERY_FORMAT)
def test_invalid_input_is_a_store_error(fmt: RdfFormat) -> None:
    with pytest.raises(StoreError, match=fmt.name):
        list(parse_quads(io.BytesIO(b"<not rdf { at all"), fmt.name))


def test_typed_literals_survive() -> None:
    back = _roundtrip(QUADS, get_format("nquads"))
    literals = {o for _, _, o, _ in back if isinstance(o, Literal)}
    assert Literal(Decimal("0.9")) in literals
    assert Literal("2026-01-28", datatype=XSD.date) in literals
    assert Literal("H200 chip", lang="en") in literals


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
@pytest.mark.parametrize("fmt", [f for f in EVERY_FORMAT if f.values[0].keeps_graphs])
def test_store_dump_and_load_through_quad_formats(backend: str, fmt: RdfFormat) -> None:
    named = [q for q in QUADS if q[3] != DATASET_DEFAULT_GRAPH_ID]
    with open_store(backend) as source, open_store(backend) as target:
        source.add_quads(named)
        out = io.BytesIO()
        source.dump(out, fmt.name)
        target.load(io.BytesIO(out.getvalue()), fmt.name)
        assert set(target.quads()) == set(named)
