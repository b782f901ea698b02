"""The shared corpus (seeds and dev), each ingested into a fresh store and scored.

Skips, saying why, when ``../shared/corpus`` is absent.
"""

from __future__ import annotations

import pytest

import chipkg.api as api
from chipkg.queries.scoring import EvalReport, load_gold, score
from tests.loaders.corpus import CORPUS, require_corpus

SETS = ["seeds", "dev"]


@pytest.fixture(scope="module", params=SETS)
def report(request: pytest.FixtureRequest) -> EvalReport:
    require_corpus()
    folder = CORPUS / request.param
    if not (folder / "gold.json").is_file():
        pytest.skip(f"{folder} has no gold.json")
    kg = api.open(backend="memory")
    kg.ingest([folder / "articles"])
    return score(load_gold(folder / "gold.json"), kg.store)


@pytest.mark.slow
def test_targets(report: EvalReport) -> None:
    text = report.render()
    assert report.relations.f1 >= 0.90, text
    assert report.entities.f1 >= 0.92, text
    assert not report.negatives, text
    assert all(q.ok for q in report.questions), text
    assert report.incomplete_claims == 0, text
