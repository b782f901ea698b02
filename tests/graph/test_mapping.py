"""The model-to-RDF mapping: what becomes an edge, a claim, an approval."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from chipkg.graph.mapping import extraction_ntriples, extraction_triples, web_iri
from chipkg.ontology.identifiers import article_id, sha256_hex
from chipkg.ontology.models import (
    Approval,
    Article,
    Claim,
    Condition,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Modality,
    Relation,
    Status,
)
from chipkg.ontology.shapes import validate
from chipkg.ontology.vocabulary import CKG, ENT

TEXT = "Beijing approved ByteDance to buy the H200. It may also approve Tencent."
FIRST = "Beijing approved ByteDance to buy the H200."
SECOND = "It may also approve Tencent."


def _article(**fields: object) -> Article:
    """Return the article of TEXT, with ``fields`` set on it."""
    base = {"id": article_id(TEXT), "source": "/tmp/a.txt", "text": TEXT}
    return Article.model_validate(base | {"sha256": sha256_hex(TEXT), "format": "txt"} | fields)


def _extraction(modality: Modality, predicate: Relation = Relation.conditionallyApproves) -> Graph:
    article = _article(title="T", issued=dt.date(2026, 1, 28))
    entities = (
        Entity(label="Chinese government", type=EntityType.Regulator, aliases=("Beijing",)),
        Entity(label="ByteDance", type=EntityType.Company, wikidata="Q55606"),
        Entity(label="H200", type=EntityType.Chip),
    )
    evidence = {
        "sentence": FIRST,
        "char_start": 0,
        "char_end": len(FIRST),
        "confidence": 0.9,
        "modality": modality,
        "extracted_by": "test.rule",
    }
    claims = (
        Claim(subject="chinese-government", predicate=predicate, object="bytedance", **evidence),
    )
    approvals = (
        Approval(
            approver="chinese-government",
            grantees=("bytedance",),
            chip="h200",
            status=Status.Conditional,
            quantity=400000,
            conditions=(Condition(label="bundle with domestic chips"),),
            evidence=(Evidence(**evidence),),
        ),
    )
    graph = Graph()
    for triple in extraction_triples(
        Extraction(article=article, entities=entities, claims=claims, approvals=approvals)
    ):
        graph.add(triple)
    return graph


def test_article_and_entities() -> None:
    g = _extraction(Modality.Asserted)
    art = URIRef("https://w3id.org/chipkg/article/" + article_id(TEXT))
    assert (art, RDF.type, CKG.Article) in g
    assert (art, DCTERMS.issued, None) in g
    assert (ENT["chinese-government"], SKOS.altLabel, Literal("Beijing")) in g
    assert (ENT["bytedance"], CKG.mentionedIn, art) in g
    assert (ENT["h200"], RDFS.label, Literal("H200")) in g


def test_a_part_names_its_whole_which_is_described_too() -> None:
    customs = Entity(
        label="Chinese customs", type=EntityType.Regulator, part_of="Chinese government"
    )
    article = _article()
    mention = Claim(
        subject="chinese-customs",
        predicate=Relation.mentionedIn,
        object="chinese-customs",  # the mapping puts the article here
        sentence=FIRST,
        char_start=0,
        char_end=len(FIRST),
        confidence=0.9,
        modality=Modality.Asserted,
        extracted_by="test.mention",
    )
    extraction = Extraction(article=article, entities=(customs,), claims=(mention,))
    g = Graph()
    for triple in extraction_triples(extraction):
        g.add(triple)
    whole = ENT["chinese-government"]
    assert (ENT["chinese-customs"], CKG.partOf, whole) in g
    assert (whole, RDF.type, CKG.Regulator) in g
    assert (whole, RDFS.label, Literal("Chinese government")) in g
    assert (whole, CKG.mentionedIn, None) not in g  # described, not mentioned
    assert validate(g).conforms, validate(g).text()


@pytest.mark.parametrize(
    ("modality", "edge"),
    [
        (Modality.Asserted, True),
        (Modality.Reported, True),
        (Modality.Planned, False),
        (Modality.Negated, False),
    ],
)
def test_only_stated_facts_become_edges(modality: Modality, edge: bool) -> None:
    g = _extraction(modality)
    s, o = ENT["chinese-government"], ENT["bytedance"]
    assert ((s, CKG.conditionallyApproves, o) in g) is edge
    assert ((s, CKG.approves, o) in g) is edge  # the super-property is materialised
    claims = list(g.subjects(RDF.predicate, CKG.conditionallyApproves))
    assert len(claims) == 1  # the claim exists whatever the modality
    assert (claims[0], CKG.modality, CKG[modality.value]) in g


def test_claims_carry_complete_evidence() -> None:
    g = _extraction(Modality.Reported)
    for claim in g.subjects(RDF.type, CKG.Claim):
        for prop in (CKG.sentence, CKG.charStart, CKG.charEnd, CKG.confidence, CKG.modality):
            assert g.value(claim, prop) is not None, prop


def test_approval_is_n_ary_with_conditions() -> None:
    g = _extraction(Modality.Reported)
    (approval,) = g.subjects(RDF.type, CKG.Approval)
    assert g.value(approval, CKG.status) == CKG.Conditional
    assert g.value(approval, CKG.quantity).toPython() == 400000  # type: ignore[union-attr]
    condition = g.value(approval, CKG.hasCondition)
    assert g.value(condition, RDFS.label) == Literal("bundle with domestic chips")
    evidence = list(g.subjects(RDF.subject, approval))
    assert evidence and g.value(evidence[0], RDF.object) == CKG.Conditional
    # the grantee's derived position: one edge per grantee, whatever the article
    assert list(g.predicates(ENT["bytedance"], ENT["h200"])) == [CKG.approvedFor]


def test_extraction_rejects_offsets_that_do_not_slice_to_the_sentence() -> None:
    article = Article(id="x", source="s", text=TEXT, sha256="0", format="txt")
    with pytest.raises(ValueError, match="do not slice"):
        Extraction(
            article=article,
            entities=(Entity(label="A", type=EntityType.Company),),
            claims=(
                Claim(
                    subject="a",
                    predicate=Relation.makes,
                    object="a",
                    sentence=SECOND,
                    char_start=0,
                    char_end=5,
                    confidence=1,
                    extracted_by="t",
                ),
            ),
        )


def _same_triples(extraction: Extraction) -> None:
    parsed = set(Graph().parse(data=extraction_ntriples(extraction), format="nt"))
    assert parsed == set(extraction_triples(extraction)), extraction.article.source


def test_ntriples_escape_what_n_triples_must() -> None:
    article = _article(
        source='C:\\news\\"quoted"\nname.txt',
        title="Tabs\tand \u00e9l\u00e8ves \U0001f600 \\ \r end",
    )
    _same_triples(Extraction(article=article))


def test_ntriples_and_rdflib_renderings_agree_on_the_corpora() -> None:
    from chipkg.loaders.pipeline import load
    from tests.conftest import DATA, corpus_dir

    paths = sorted((DATA / "api").glob("*.txt"))
    for name in ("seeds", "dev"):
        paths += sorted(p for p in (corpus_dir(name) / "articles").iterdir() if p.is_file())
    extractions = [item for item in load(paths) if isinstance(item, Extraction)]
    assert len(extractions) > 10
    for extraction in extractions:
        _same_triples(extraction)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/news/1", "https://example.com/news/1"),
        ('  https://example.com/a story?q="x"  ', "https://example.com/a%20story?q=%22x%22"),
        ("HTTP://例え.jp/記事", "HTTP://例え.jp/記事"),
        ("/news/1", None),
        ("example.com/news", None),
        ("http://host:port/", None),
        ("https://example.com/%zz", None),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
    ],
)
def test_article_url_is_a_valid_web_iri_or_left_out(url: str, expected: str | None) -> None:
    # The store loads the mapping's N-Triples without checking IRIs again, so the one
    # IRI that comes from the input must be made valid here.
    extraction = Extraction(article=_article(url=url))
    links = [o for _, p, o in extraction_triples(extraction) if p == RDFS.seeAlso]
    assert links == ([URIRef(expected)] if expected else [])
    assert web_iri(url) == expected
