"""SHACL shapes: a valid graph passes, and each kind of broken graph is caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from chipkg.ontology.errors import ValidationError
from chipkg.ontology.shapes import ValidationReport, validate

VALID = Path(__file__).parents[1] / "data" / "ontology" / "valid.trig"

PREFIXES = """
PREFIX ckg: <https://w3id.org/chipkg/ontology#>
PREFIX ent: <https://w3id.org/chipkg/id/>
PREFIX art: <https://w3id.org/chipkg/article/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
ARTICLE = "<https://w3id.org/chipkg/article/0c7784de187d81a1>"
CLAIM = "<https://w3id.org/chipkg/article/0c7784de187d81a1#claim-3>"
APPROVAL = "<https://w3id.org/chipkg/article/0c7784de187d81a1#approval-1>"
CONDITION = "<https://w3id.org/chipkg/article/0c7784de187d81a1#approval-1-condition-1>"


def _edit(delete: str = "", insert: str = "", where: str = "") -> str:
    """Return a SPARQL Update that edits the article's graph."""
    return (
        f"{PREFIXES} WITH {ARTICLE} DELETE {{ {delete} }} INSERT {{ {insert} }} WHERE {{ {where} }}"
    )


# (case id, update, focus node expected in a violation, SHACL constraint component)
BROKEN = [
    (
        "missing-sentence",
        _edit(f"{CLAIM} ckg:sentence ?s", where=f"{CLAIM} ckg:sentence ?s"),
        CLAIM,
        "MinCountConstraintComponent",
    ),
    (
        "confidence-above-one",
        _edit(
            f"{CLAIM} ckg:confidence ?c",
            f"{CLAIM} ckg:confidence 1.5",
            f"{CLAIM} ckg:confidence ?c",
        ),
        CLAIM,
        "MaxInclusiveConstraintComponent",
    ),
    (
        "confidence-not-decimal",
        _edit(
            f"{CLAIM} ckg:confidence ?c",
            f'{CLAIM} ckg:confidence "high"',
            f"{CLAIM} ckg:confidence ?c",
        ),
        CLAIM,
        "DatatypeConstraintComponent",
    ),
    (
        "negative-char-start",
        _edit(
            f"{CLAIM} ckg:charStart ?c", f"{CLAIM} ckg:charStart -1", f"{CLAIM} ckg:charStart ?c"
        ),
        CLAIM,
        "MinInclusiveConstraintComponent",
    ),
    (
        "char-end-beyond-char-count",
        _edit(
            f"{ARTICLE} ckg:charCount ?n",
            f"{ARTICLE} ckg:charCount 150",
            f"{ARTICLE} ckg:charCount ?n",
        ),
        CLAIM,
        "SPARQLConstraintComponent",
    ),
    (
        "span-not-sentence-length",
        _edit(
            f"{CLAIM} ckg:charStart ?c", f"{CLAIM} ckg:charStart 120", f"{CLAIM} ckg:charStart ?c"
        ),
        CLAIM,
        "SPARQLConstraintComponent",
    ),
    (
        "unknown-modality",
        _edit(
            f"{CLAIM} ckg:modality ?m",
            f"{CLAIM} ckg:modality ckg:Rumoured",
            f"{CLAIM} ckg:modality ?m",
        ),
        CLAIM,
        "InConstraintComponent",
    ),
    (
        "missing-extracted-by",
        _edit(f"{CLAIM} ckg:extractedBy ?r", where=f"{CLAIM} ckg:extractedBy ?r"),
        CLAIM,
        "MinCountConstraintComponent",
    ),
    (
        "derived-from-non-article",
        _edit(
            f"{CLAIM} prov:wasDerivedFrom ?a",
            f"{CLAIM} prov:wasDerivedFrom ent:reuters",
            f"{CLAIM} prov:wasDerivedFrom ?a",
        ),
        CLAIM,
        "ClassConstraintComponent",
    ),
    (
        "undeclared-claim-predicate",
        _edit(
            f"{CLAIM} rdf:predicate ?p",
            f"{CLAIM} rdf:predicate ckg:sentence",
            f"{CLAIM} rdf:predicate ?p",
        ),
        CLAIM,
        "SPARQLConstraintComponent",
    ),
    (
        "approval-with-two-chips",
        _edit(insert=f"{APPROVAL} ckg:chip ent:h20"),
        APPROVAL,
        "MaxCountConstraintComponent",
    ),
    (
        "approval-without-grantee",
        _edit(f"{APPROVAL} ckg:grantee ?g", where=f"{APPROVAL} ckg:grantee ?g"),
        APPROVAL,
        "MinCountConstraintComponent",
    ),
    (
        "approval-with-unknown-status",
        _edit(
            f"{APPROVAL} ckg:status ?s",
            f"{APPROVAL} ckg:status ckg:Pending",
            f"{APPROVAL} ckg:status ?s",
        ),
        APPROVAL,
        "InConstraintComponent",
    ),
    (
        "approval-with-two-statuses",
        _edit(insert=f"{APPROVAL} ckg:status ckg:Granted"),
        APPROVAL,
        "MaxCountConstraintComponent",
    ),
    (
        "approver-not-a-regulator",
        _edit(
            f"{APPROVAL} ckg:approver ?a",
            f"{APPROVAL} ckg:approver ent:bytedance",
            f"{APPROVAL} ckg:approver ?a",
        ),
        APPROVAL,
        "ClassConstraintComponent",
    ),
    (
        "chip-not-a-chip",
        _edit(
            f"{APPROVAL} ckg:chip ?c",
            f"{APPROVAL} ckg:chip ent:bytedance",
            f"{APPROVAL} ckg:chip ?c",
        ),
        APPROVAL,
        "ClassConstraintComponent",
    ),
    (
        "quantity-not-integer",
        _edit(insert=f'{APPROVAL} ckg:quantity "400000"'),
        APPROVAL,
        "DatatypeConstraintComponent",
    ),
    (
        "approval-without-claim",
        _edit("?c ?p ?o", where=f"?c rdf:subject {APPROVAL} ; ?p ?o"),
        APPROVAL,
        "SPARQLConstraintComponent",
    ),
    (
        "condition-without-label",
        _edit(f"{CONDITION} rdfs:label ?l", where=f"{CONDITION} rdfs:label ?l"),
        CONDITION,
        "MinCountConstraintComponent",
    ),
    (
        "entity-with-two-labels",
        _edit(insert='ent:h20 rdfs:label "Nvidia H20"'),
        "https://w3id.org/chipkg/id/h20",
        "MinCountConstraintComponent|MaxCountConstraintComponent",
    ),
    (
        "entity-without-type",
        _edit("ent:h20 a ?t", where="ent:h20 a ?t"),
        "https://w3id.org/chipkg/id/h20",
        "ClassConstraintComponent",
    ),
    (
        "edge-without-claim",
        _edit(insert="ent:h20 ckg:rivals ent:h200"),
        "https://w3id.org/chipkg/id/h20",
        "SPARQLConstraintComponent",
    ),
    (
        "edge-whose-claim-is-untyped",
        _edit(f"{CLAIM} a ckg:Claim", where=f"{CLAIM} a ckg:Claim"),
        "https://w3id.org/chipkg/id/h200",
        "SPARQLConstraintComponent",
    ),
    (
        "edge-whose-claim-has-another-predicate",
        _edit(
            f"{CLAIM} rdf:predicate ckg:outperforms",
            f"{CLAIM} rdf:predicate ckg:rivals",
            f"{CLAIM} rdf:predicate ckg:outperforms",
        ),
        "https://w3id.org/chipkg/id/h200",
        "SPARQLConstraintComponent",
    ),
    (
        "approval-whose-claim-is-untyped",
        _edit("?c a ckg:Claim", where=f"?c rdf:subject {APPROVAL} ; a ckg:Claim"),
        APPROVAL,
        "SPARQLConstraintComponent",
    ),
    (
        "article-with-two-digests",
        _edit(insert=f'{ARTICLE} ckg:sha256 "{"0" * 64}"'),
        ARTICLE,
        "MaxCountConstraintComponent",
    ),
    (
        "article-without-source",
        _edit(f"{ARTICLE} dcterms:source ?s", where=f"{ARTICLE} dcterms:source ?s"),
        ARTICLE,
        "MinCountConstraintComponent",
    ),
    (
        "article-issued-not-date",
        _edit(
            f"{ARTICLE} dcterms:issued ?d",
            f'{ARTICLE} dcterms:issued "28 January 2026"',
            f"{ARTICLE} dcterms:issued ?d",
        ),
        ARTICLE,
        "DatatypeConstraintComponent",
    ),
]


@pytest.fixture
def dataset() -> Dataset:
    ds = Dataset()
    ds.parse(VALID, format="trig")
    return ds


def test_valid_fixture_conforms(dataset: Dataset) -> None:
    report = validate(dataset)
    assert report.conforms, report.text()
    assert report.violations == []
    assert report.triples == 130
    assert report.text().startswith("Valid: 130 triples")


def test_accepts_graph_and_quads(dataset: Dataset) -> None:
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert validate(union).conforms
    assert validate(dataset.quads((None, None, None, None))).conforms


@pytest.mark.parametrize(
    ("update", "focus", "constraint"),
    [pytest.param(u, f, c, id=case) for case, u, f, c in BROKEN],
)
def test_broken_graph_is_rejected(
    dataset: Dataset, update: str, focus: str, constraint: str
) -> None:
    dataset.update(update)
    report = validate(dataset)
    assert not report.conforms
    focus_iri = focus.strip("<>")
    hits = [v for v in report.violations if v.focus == focus_iri]
    assert any(v.constraint in constraint.split("|") for v in hits), report.text()


def test_report_text_names_the_problem(dataset: Dataset) -> None:
    dataset.update(BROKEN[1][1])  # confidence 1.5
    report = validate(dataset)
    text = report.text()
    assert text.startswith("Invalid: 1 SHACL violation(s)")
    assert "art:0c7784de187d81a1#claim-3" in text
    assert "ckg:confidence" in text
    assert "[0, 1]" in text
    with pytest.raises(ValidationError, match="confidence"):
        report.raise_for_violations()


def test_report_is_a_pydantic_model(dataset: Dataset) -> None:
    dataset.update(BROKEN[0][1])
    report = validate(dataset)
    again = ValidationReport.model_validate_json(report.model_dump_json())
    assert again == report
    assert again.violations[0].path == "https://w3id.org/chipkg/ontology#sentence"
