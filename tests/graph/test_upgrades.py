"""Upgrades: a store written by an older chipkg gets what today's mapping derives."""

from __future__ import annotations

from pathlib import Path

import pytest

import chipkg
from chipkg.graph.upgrades import upgrade
from chipkg.ontology.vocabulary import CKG, ONTOLOGY_GRAPH
from tests.conftest import LOCAL_BACKENDS, REPO

APPROVAL = REPO / "tests" / "data" / "api" / "approval.txt"
POSITIONS = f"""
SELECT ?g ?firm ?p ?chip WHERE {{
  GRAPH ?g {{ ?firm ?p ?chip FILTER(?p IN (<{CKG.approvedFor}>, <{CKG.underReviewFor}>,
                                           <{CKG.deniedFor}>)) }} }} ORDER BY ?g ?firm ?chip"""
MERGED = f"SELECT ?firm ?chip WHERE {{ ?firm <{CKG.approvedFor}> ?chip }} ORDER BY ?firm ?chip"
FORGET = f"""
DELETE {{ GRAPH ?g {{ ?firm ?p ?chip }} }} WHERE {{
  GRAPH ?g {{ ?firm ?p ?chip FILTER(?p IN (<{CKG.approvedFor}>, <{CKG.underReviewFor}>,
                                           <{CKG.deniedFor}>)) }} }}"""


@pytest.mark.parametrize("backend", LOCAL_BACKENDS)
def test_upgrade_derives_the_approval_positions_once(backend: str, tmp_path: Path) -> None:
    kg = chipkg.open(backend="memory") if backend == "memory" else chipkg.open(tmp_path / "s")
    with kg:
        kg.ingest([APPROVAL])
        written = kg.query(POSITIONS).rows
        assert written  # what the mapping writes today
        kg.store.update(FORGET)  # as a store written before positions existed
        assert not kg.query(POSITIONS).rows and not kg.query(MERGED).rows
        assert upgrade(kg.store) == ["approval-positions"]
        assert kg.query(POSITIONS).rows == written
        assert kg.query(MERGED).rows  # the merged graph has them too
        upgrade(kg.store)
        assert kg.query(POSITIONS).rows == written  # idempotent


def test_opening_a_store_of_an_older_ontology_upgrades_it(tmp_path: Path) -> None:
    with chipkg.open(tmp_path / "s") as kg:
        kg.ingest([APPROVAL])
        written = kg.query(POSITIONS).rows
        kg.store.update(FORGET)
        kg.store.update(  # the ontology an older chipkg installed
            f"""DELETE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?o <{CKG.sha256}> ?d }} }}
                INSERT {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?o <{CKG.sha256}> "older" }} }}
                WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?o <{CKG.sha256}> ?d }} }}"""
        )
    with chipkg.open(tmp_path / "s") as kg:
        assert kg.query(POSITIONS).rows == written
