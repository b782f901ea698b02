"""The disputes key query finds exactly the facts its definition names.

disputes-keys.rq takes shortcuts through the mapping's shape (a negated fact's other
side is its direct edge); tests/data/queries/disputes-keys-reference.rq is the same
listing by definition, matching claims. Articles here are written through the real
mapping, so the shortcut is checked against what ingest writes, replacements included.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from chipkg.graph.mapping import extraction_triples
from chipkg.graph.store import GraphData, Store
from chipkg.ontology.identifiers import article_id, sha256_hex
from chipkg.ontology.models import (
    Approval,
    Article,
    Claim,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Modality,
    Relation,
    Status,
)
from chipkg.ontology.vocabulary import CKG, ENT
from chipkg.queries.sparql_files import load_query

DATA = Path(__file__).resolve().parent.parent / "data" / "queries"
REFERENCE = (DATA / "disputes-keys-reference.rq").read_text(encoding="utf-8")

ENTITIES = (
    Entity(label="Chinese government", type=EntityType.Regulator),
    Entity(label="ByteDance", type=EntityType.Company),
    Entity(label="Nvidia", type=EntityType.Company),
    Entity(label="H200", type=EntityType.Chip),
    Entity(label="H20", type=EntityType.Chip),
)

#: An article's facts: ("claim", subject, relation, object, modality) or
#: ("approval", grantee, chip, status); the approver is always the Chinese government.
Fact = tuple[str, ...]


def _graph(name: str, facts: list[Fact]) -> GraphData:
    """Return one article's graph, written by the real mapping."""
    sentences = [f"{name} sentence {n}." for n in range(len(facts))]
    text = " ".join(sentences)
    article = Article(
        id=article_id(name),
        source=f"/tmp/{name}.txt",
        text=text,
        sha256=sha256_hex(text),
        format="txt",
    )
    claims: list[Claim] = []
    approvals: list[Approval] = []
    start = 0
    for fact, sentence in zip(facts, sentences, strict=True):
        evidence = {
            "sentence": sentence,
            "char_start": start,
            "char_end": start + len(sentence),
            "confidence": 0.9,
            "extracted_by": "test.rule",
        }
        start += len(sentence) + 1
        if fact[0] == "claim":
            _, subject, relation, obj, modality = fact
            claims.append(
                Claim(
                    subject=subject,
                    predicate=Relation(relation),
                    object=obj,
                    modality=Modality(modality),
                    **evidence,
                )
            )
        else:
            _, grantee, chip, status = fact
            approvals.append(
                Approval(
                    approver="chinese-government",
                    grantees=(grantee,),
                    chip=chip,
                    status=Status(status),
                    evidence=(Evidence(**evidence),),
                )
            )
    extraction = Extraction(
        article=article, entities=ENTITIES, claims=tuple(claims), approvals=tuple(approvals)
    )
    return GraphData(name=article.iri, triples=extraction_triples(extraction))


def _keys(store: Store, text: str) -> list[tuple[str, str, str]]:
    return [(str(s), str(r), str(o)) for s, r, o in store.query(text).rows]


def _fact(subject: str, relation: str, obj: str) -> tuple[str, str, str]:
    return (str(ENT[subject]), str(CKG[relation]), str(ENT[obj]))


CASES = {
    "negated and conditionally stated": (
        [
            [("claim", "chinese-government", "approves", "bytedance", "Negated")],
            [("claim", "chinese-government", "conditionallyApproves", "bytedance", "Asserted")],
        ],
        [_fact("chinese-government", "approves", "bytedance")],
    ),
    "negated and reported": (
        [
            [("claim", "nvidia", "makes", "h200", "Negated")],
            [("claim", "nvidia", "makes", "h200", "Reported")],
        ],
        [_fact("nvidia", "makes", "h200")],
    ),
    "negated in one article, stated in the same": (
        [
            [
                ("claim", "nvidia", "makes", "h20", "Asserted"),
                ("claim", "nvidia", "makes", "h20", "Negated"),
            ]
        ],
        [_fact("nvidia", "makes", "h20")],
    ),
    "negated and only planned": (
        [
            [("claim", "nvidia", "makes", "h200", "Negated")],
            [("claim", "nvidia", "makes", "h200", "Planned")],
        ],
        [],
    ),
    "negated twice": (
        [
            [("claim", "nvidia", "makes", "h200", "Negated")],
            [("claim", "nvidia", "makes", "h200", "Negated")],
        ],
        [],
    ),
    "negated, another relation stated": (
        [
            [("claim", "nvidia", "makes", "h200", "Negated")],
            [("claim", "nvidia", "outperforms", "h200", "Asserted")],
        ],
        [],
    ),
    "approved and denied": (
        [
            [("approval", "bytedance", "h200", "Granted")],
            [("approval", "bytedance", "h200", "Denied")],
        ],
        [_fact("bytedance", "approves", "h200")],
    ),
    "granted and conditional are one position": (
        [
            [("approval", "bytedance", "h200", "Granted")],
            [("approval", "bytedance", "h200", "Conditional")],
        ],
        [],
    ),
    "under review and denied": (
        [
            [("approval", "bytedance", "h20", "UnderReview")],
            [("approval", "bytedance", "h20", "Denied"), ("approval", "nvidia", "h20", "Denied")],
        ],
        [_fact("bytedance", "approves", "h20")],
    ),
    "approved and under review in one article": (
        [
            [
                ("approval", "nvidia", "h200", "Conditional"),
                ("approval", "nvidia", "h200", "UnderReview"),
            ]
        ],
        [_fact("nvidia", "approves", "h200")],
    ),
    "an approval and a negated claim of the same fact": (
        [
            [("approval", "bytedance", "h20", "UnderReview")],
            [("claim", "bytedance", "approves", "h20", "Negated")],
        ],
        [_fact("bytedance", "approves", "h20")],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_disputed_facts_match_the_definition(store: Store, case: str) -> None:
    articles, expected = CASES[case]
    store.add_graphs([_graph(f"{case} {n}", facts) for n, facts in enumerate(articles)])
    found = _keys(store, load_query("disputes-keys").text)
    assert found == sorted(expected)
    assert found == _keys(store, REFERENCE)


def test_a_replaced_article_takes_its_side_away(store: Store) -> None:
    negated = [("claim", "nvidia", "makes", "h200", "Negated")]
    stated = [("claim", "nvidia", "makes", "h200", "Asserted")]
    other = [("claim", "nvidia", "makes", "h20", "Asserted")]
    store.add_graphs([_graph("a", negated), _graph("b", stated), _graph("c", stated)])
    shipped = load_query("disputes-keys").text
    assert _keys(store, shipped) == [_fact("nvidia", "makes", "h200")]
    b = _graph("b", other)
    store.replace_graph(URIRef(b.name), b.rdf_triples())  # c still states it
    assert _keys(store, shipped) == [_fact("nvidia", "makes", "h200")]
    store.remove_graph(_graph("c", stated).name)  # now nobody does
    assert _keys(store, shipped) == [] == _keys(store, REFERENCE)


def test_a_replaced_approval_takes_its_position_away(store: Store) -> None:
    store.add_graphs(
        [
            _graph("a", [("approval", "bytedance", "h200", "Granted")]),
            _graph("b", [("approval", "bytedance", "h200", "Denied")]),
            _graph("c", [("approval", "bytedance", "h200", "Denied")]),
        ]
    )
    shipped = load_query("disputes-keys").text
    assert _keys(store, shipped) == [_fact("bytedance", "approves", "h200")]
    b = _graph("b", [("approval", "bytedance", "h200", "Granted")])
    store.replace_graph(URIRef(b.name), b.rdf_triples())  # c still denies it
    assert _keys(store, shipped) == [_fact("bytedance", "approves", "h200")]
    store.remove_graph(_graph("c", []).name)  # now every article approves
    assert _keys(store, shipped) == [] == _keys(store, REFERENCE)


def test_the_hand_written_fixture_matches_the_definition(kg: Store) -> None:
    found = _keys(kg, load_query("disputes-keys").text)
    assert len(found) == 2
    assert found == _keys(kg, REFERENCE)
