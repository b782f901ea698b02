"""The held-out set in tests/data/heldout: ingested into a fresh store, then scored.

These ten files (eleven documents: one ``.jsonl`` holds two records) were written and
annotated without looking at the extractor's rules, to measure how it generalises to
articles nobody tuned it on. They must not be used to tune the extractor: a rule added
to pass one of these sentences makes the measure worthless. Add new tuning material to
tests/data/extraction instead.

The relation floor is a regression catch, not a target. The project target is relation
F1 >= 0.80 with zero negatives; when the extractor improves, raise ``RELATION_FLOOR`` to
just below the new score, and drop the ``xfail`` marker once no negative is found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import chipkg.api as api
from chipkg.queries.scoring import EvalReport, load_gold, score

HELDOUT = Path(__file__).resolve().parents[2] / "data" / "heldout"

# Relation F1 was 0.590 when the set was written (2 negatives found); it is 0.711 with
# no negative now, so the floor sits just below that.
RELATION_FLOOR = 0.69


@pytest.fixture(scope="module")
def report() -> EvalReport:
    kg = api.open(backend="memory")
    kg.ingest([HELDOUT / "articles"])
    return score(load_gold(HELDOUT / "gold.json"), kg.store)


def test_every_document_is_scored(report: EvalReport) -> None:
    assert report.documents == 11, report.render(details=False)
    assert not report.unmatched_documents, report.unmatched_documents


def test_relation_f1_floor(report: EvalReport) -> None:
    assert report.relations.f1 >= RELATION_FLOOR, report.render()


def test_claims_complete(report: EvalReport) -> None:
    assert report.incomplete_claims == 0, report.render(details=False)


def test_no_negatives(report: EvalReport) -> None:
    assert not report.negatives, "\n".join(
        f"[{f.document}] {f.kind}: {f.item}  « {f.sentence or ''} »" for f in report.negatives
    )
