"""`chipkg check`: the integrity report finds each kind of damage, and passes a clean store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import chipkg
from chipkg.api import KnowledgeGraph
from chipkg.ontology.vocabulary import CKG
from chipkg.queries.integrity import integrity_checks
from tests.conftest import LOCAL_BACKENDS, REPO
from tests.processes import run_cli

EXAMPLES = REPO / "examples" / "articles"

# One SPARQL Update per kind of damage, and the check that must report it.
DAMAGE = {
    "article-graph": """
        DELETE { GRAPH ?a { ?a a ckg:Article } } WHERE {
          { SELECT ?a WHERE { GRAPH ?a { ?a a ckg:Article } } ORDER BY ?a LIMIT 1 } }""",
    "claim-article": """
        INSERT { GRAPH ?a { ?c prov:wasDerivedFrom art:gone } } WHERE {
          { SELECT ?c ?a WHERE { GRAPH ?a { ?c a ckg:Claim ; prov:wasDerivedFrom ?a } }
            ORDER BY ?c LIMIT 1 } }""",
    "claim-graph": """
        INSERT { GRAPH <https://example.org/elsewhere> { ?c a ckg:Claim ; prov:wasDerivedFrom ?a } }
        WHERE { { SELECT ?c ?a WHERE { GRAPH ?a { ?c a ckg:Claim ; prov:wasDerivedFrom ?a } }
                  ORDER BY ?c LIMIT 1 } }""",
    "claim-entity": """
        DELETE { GRAPH ?g { ?e rdfs:label ?l } } WHERE {
          { SELECT ?e WHERE { GRAPH ?a { ?c a ckg:Claim ; rdf:subject ?e }
                              FILTER(STRSTARTS(STR(?e), STR(ent:))) } ORDER BY ?e LIMIT 1 }
          GRAPH ?g { ?e rdfs:label ?l } }""",
    "claim-node": """
        DELETE { GRAPH ?g { ?c rdf:predicate ?p } } WHERE {
          { SELECT ?c WHERE { GRAPH ?a { ?c a ckg:Claim } } ORDER BY ?c LIMIT 1 }
          GRAPH ?g { ?c rdf:predicate ?p } }""",
    "fact-claim": """
        INSERT { GRAPH ?a { ent:nobody-corp ckg:makes ?e } } WHERE {
          { SELECT ?a ?e WHERE { GRAPH ?a { ?e ckg:mentionedIn ?a } } ORDER BY ?a ?e LIMIT 1 } }""",
    "approval": """
        DELETE { GRAPH ?g { ?x ckg:chip ?chip } } WHERE { GRAPH ?g { ?x ckg:chip ?chip } }""",
    "mention": """INSERT DATA { GRAPH art:x { ent:nvidia ckg:mentionedIn art:never-ingested } }""",
}


@pytest.fixture(params=LOCAL_BACKENDS)
def kg(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[KnowledgeGraph]:
    """Yield a knowledge graph of each local backend holding the example articles."""
    if request.param == "memory":
        graph = chipkg.open(backend="memory")
    else:
        graph = chipkg.open(tmp_path / "store")
    report = graph.ingest([EXAMPLES])
    assert report.ok and report.count(chipkg.api.ArticleStatus.added) >= 3
    try:
        yield graph
    finally:
        graph.close()


def test_every_check_has_a_damage_case() -> None:
    assert {c.name for c in integrity_checks()} == set(DAMAGE)


def test_a_clean_store_passes(kg: KnowledgeGraph) -> None:
    report = kg.check()
    assert report.ok, report.text()
    assert report.shacl_conforms is True
    assert report.counts["articles"] == 3
    assert report.counts["claims"] > 0 and report.counts["approvals"] > 0
    assert report.text().endswith("integrity: ok")


def test_a_part_of_a_regulator_is_no_fact_without_a_claim(kg: KnowledgeGraph) -> None:
    # ckg:partOf comes from the gazetteer, beside the entity: no article claims it
    kg.store.update("""
        INSERT { GRAPH ?a { ?e ckg:partOf ent:some-government .
                            ent:some-government a ckg:Regulator ; rdfs:label "Some government" } }
        WHERE { { SELECT ?a ?e WHERE { GRAPH ?a { ?e a ckg:Regulator ; ckg:mentionedIn ?a } }
                  ORDER BY ?a ?e LIMIT 1 } }""")
    assert kg.query("ASK { ?e ckg:partOf ent:some-government }").boolean
    report = kg.check()
    assert report.ok, report.text()


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_each_kind_of_damage_is_reported(kg: KnowledgeGraph, name: str) -> None:
    kg.store.update(DAMAGE[name])
    report = kg.check(shacl=False)
    assert not report.ok
    found = {c.name: c for c in report.problems}
    assert name in found, report.text()
    assert found[name].examples and found[name].examples[0][0]
    assert "PROBLEMS FOUND" in report.text()


def test_an_approval_position_its_approval_does_not_back_is_reported(kg: KnowledgeGraph) -> None:
    # the approval is denied now, but the grantee's edge still says approved
    kg.store.update("""
        DELETE { GRAPH ?g { ?x ckg:status ?s } } INSERT { GRAPH ?g { ?x ckg:status ckg:Denied } }
        WHERE { GRAPH ?g { ?x a ckg:Approval ; ckg:status ?s } FILTER(?s != ckg:Denied) }""")
    found = {c.name: c for c in kg.check(shacl=False).problems}
    assert "fact-claim" in found
    assert any(str(CKG.approvedFor) in detail for _, detail in found["fact-claim"].examples)


def test_shacl_violations_fail_the_check(kg: KnowledgeGraph) -> None:
    kg.store.update("""
        DELETE { GRAPH ?g { ?c ckg:confidence ?v } } INSERT { GRAPH ?g { ?c ckg:confidence 1.5 } }
        WHERE { { SELECT ?c WHERE { GRAPH ?a { ?c a ckg:Claim } } ORDER BY ?c LIMIT 1 }
                GRAPH ?g { ?c ckg:confidence ?v } }""")
    report = kg.check()
    assert not report.problems  # structurally fine ...
    assert report.shacl_conforms is False and not report.ok  # ... but not SHACL-clean
    assert "VIOLATIONS" in report.text()


def test_cli_check_exit_status(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    assert run_cli("ingest", str(EXAMPLES), "--store", store).returncode == 0
    good = run_cli("check", "--store", store, "--json")
    assert good.returncode == 0, good.stdout + good.stderr
    data = json.loads(good.stdout)
    assert data["counts"]["articles"] == 3 and data["shacl_conforms"] is True
    with chipkg.open(store) as kg:
        kg.store.update(DAMAGE["mention"])
    bad = run_cli("check", "--store", store, "--no-shacl")
    assert bad.returncode == 1
    assert "mention" in bad.stdout and "1 problem(s)" in bad.stdout
    assert "Traceback" not in bad.stderr
