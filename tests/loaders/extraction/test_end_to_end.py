"""End to end on the small annotated articles in tests/data/extraction: ingest, then score."""

from __future__ import annotations

from pathlib import Path

import pytest

import chipkg.api as api
from chipkg.queries.scoring import EvalReport, load_gold, score

DATA = Path(__file__).resolve().parents[2] / "data" / "extraction"


@pytest.fixture(scope="module")
def report() -> EvalReport:
    kg = api.open(backend="memory")
    kg.ingest([DATA / "articles"])
    return score(load_gold(DATA / "gold.json"), kg.store)


def test_every_document_is_scored(report: EvalReport) -> None:
    assert report.documents == 4 and not report.unmatched_documents


def test_entities_and_relations(report: EvalReport) -> None:
    assert report.entities.f1 >= 0.9, report.render()
    assert report.relations.f1 >= 0.9, report.render()


def test_approval_with_quantity_and_condition(report: EvalReport) -> None:
    assert report.approvals.fn == 0, report.render()
    assert report.quantities_matched == report.quantities_expected == 1
    assert report.conditions_matched == report.conditions_expected


def test_no_negative_and_questions_answered(report: EvalReport) -> None:
    assert not report.negatives, report.render()
    assert all(q.ok for q in report.questions), report.render()
    assert report.incomplete_claims == 0
