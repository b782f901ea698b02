"""The gold scorer and the fact explainer, on a real store built from tests/data/extraction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import chipkg.api as api
from chipkg.graph.store import Store
from chipkg.ontology.errors import QueryError
from chipkg.queries.scoring import PRF, explain, explain_text, fold, score

DATA = Path(__file__).resolve().parents[1] / "data" / "extraction"


@pytest.fixture(scope="module")
def store() -> Store:
    kg = api.open(backend="memory")
    kg.ingest([DATA / "articles"])
    return kg.store


def _gold(**doc: Any) -> dict[str, Any]:
    base = {
        "issued": None,
        "entities": [],
        "optional_entities": [],
        "negative_entities": [],
        "relations": [],
        "optional_relations": [],
        "negative_relations": [],
        "approvals": [],
    }
    base.update(doc)
    return {
        "entities": {
            "N100": {"type": "Chip", "aliases": []},
            "N200": {"type": "Chip", "aliases": []},
            "Bloomberg": {"type": "NewsOutlet", "aliases": ["Bloomberg News"]},
            "Arcadia": {"type": "Company", "aliases": ["Arcadia Microelectronics"]},
            "Chinese government": {"type": "Regulator", "aliases": ["Beijing"]},
            "Beijing (city)": {"type": "City", "aliases": ["Beijing"]},
        },
        "documents": {"nimbus_curbs.txt": base},
    }


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "p", "r", "f1"),
    [(0, 0, 0, 0.0, 0.0, 0.0), (1, 1, 0, 0.5, 1.0, 2 / 3), (3, 0, 1, 1.0, 0.75, 6 / 7)],
)
def test_prf(tp: int, fp: int, fn: int, p: float, r: float, f1: float) -> None:
    m = PRF(tp=tp, fp=fp, fn=fn)
    assert (m.precision, m.recall) == (p, r)
    assert m.f1 == pytest.approx(f1)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Information", "information"),
        ("Nvidia’s", "nvidia"),
        ("U.S.", "u s"),
        ("  H200 ", "h200"),
    ],
)
def test_fold(a: str, b: str) -> None:
    assert fold(a) == b


def test_entities_counted_with_aliases_and_types(store: Store) -> None:
    gold = _gold(
        entities=["N100", "N200", "Arcadia", "Beijing (city)", "Missing Corp"],
        optional_entities=["Bloomberg"],
    )
    report = score(gold, store)
    assert report.documents == 1
    assert report.entities.tp == 4  # "Arcadia Microelectronics" is Arcadia; Beijing is the city
    assert any(f.item == "Missing Corp" for f in report.misses)
    assert report.entities.fp > 0 and all(f.sentence for f in report.false_positives)


def test_relations_negatives_and_conditional_as_approves(store: Store) -> None:
    gold = _gold(
        relations=[["N200", "outperforms", "N100"], ["N100", "outperforms", "N200"]],
        negative_relations=[["Arcadia", "makes", "N100"]],
    )
    report = score(gold, store)
    assert report.relations.tp == 1 and report.relations.fn == 1
    assert report.per_property["outperforms"].tp == 1
    (neg,) = report.negatives
    assert neg.item == "Arcadia makes N100" and "N100" in (neg.sentence or "")
    assert "NEGATIVES" in report.render()


def test_negated_claims_are_not_relations(store: Store) -> None:
    # the article says Beijing has *not* restricted the N100: only the planned ban counts
    report = score(_gold(optional_relations=[["Chinese government", "restricts", "N100"]]), store)
    assert not any(
        "restricts N100" in f.item and "Chinese" in f.item for f in report.false_positives
    )


def test_questions_cover_expect_within_allow(store: Store) -> None:
    gold = _gold()
    q = (
        "SELECT DISTINCT ?n WHERE { ?c ckg:outperforms ?o . ?c rdfs:label ?n "
        "FILTER(?n IN ('N200', 'KX900')) }"
    )
    gold["questions"] = [
        {"id": "ok", "text": "", "sparql": q, "expect": ["N200"], "allow": ["KX900"]},
        {"id": "missing", "text": "", "sparql": q, "expect": ["N200", "H200"], "allow": ["KX900"]},
        {"id": "extra", "text": "", "sparql": q, "expect": ["N200"]},
        {"id": "broken", "text": "", "sparql": "SELECT WHERE {", "expect": []},
    ]
    results = {r.id: r for r in score(gold, store).questions}
    assert results["ok"].ok
    assert results["missing"].missing == ["H200"]
    assert results["extra"].unexpected == ["KX900"]
    assert not results["broken"].ok and results["broken"].error


def test_unmatched_document_is_reported(store: Store) -> None:
    gold = _gold()
    gold["documents"]["absent.txt"] = gold["documents"]["nimbus_curbs.txt"]
    assert score(gold, store).unmatched_documents == ["absent.txt"]


def test_explain_lists_every_claim(store: Store) -> None:
    records = explain(store, "Arcadia Microelectronics", "N200", "makes")
    assert records and all(r.predicate == "makes" for r in records)
    r = records[0]
    assert "N200" in r.sentence and r.rule and r.modality and r.source.endswith("nimbus_curbs.txt")
    assert "rule " in explain_text(records)
    assert explain_text([]) == "no claim supports this fact"


def test_explain_by_alias_and_errors(store: Store) -> None:
    assert explain(store, "ruth calder", "Beijing")  # any predicate; Beijing resolves by label
    with pytest.raises(QueryError, match="No entity"):
        explain(store, "Nobody Inc", "N200")
    with pytest.raises(QueryError, match="Unknown property"):
        explain(store, "Arcadia Microelectronics", "N200", "owns")


@pytest.mark.parametrize(
    ("approval", "cause"),
    [
        ({"chip": "S500", "approver": "METI", "status": "Granted"}, None),
        ({"chip": "S900", "approver": "METI", "status": "Granted"}, "of other chips"),
        ({"chip": "S500", "approver": "Chinese government", "status": "Granted"}, "approver"),
        ({"chip": "S500", "approver": "METI", "status": "UnderReview"}, "another status"),
    ],
)
def test_missed_approvals_are_counted_by_cause(
    store: Store, approval: dict[str, str], cause: str | None
) -> None:
    gold = _gold(approvals=[{**approval, "grantees": ["Kanto Silicon"]}])
    gold["documents"] = {"kanto.txt": gold["documents"]["nimbus_curbs.txt"]}
    gold["entities"] |= {
        "METI": {"type": "Regulator", "aliases": ["Ministry of Economy, Trade and Industry"]},
        "S500": {"type": "Chip", "aliases": []},
        "S900": {"type": "Chip", "aliases": []},
        "Kanto Silicon": {"type": "Company", "aliases": []},
    }
    report = score(gold, store)
    if cause is None:
        assert report.approvals.tp == 1 and not report.approval_miss_causes
    else:
        assert report.approvals.fn == 1
        assert [c for c in report.approval_miss_causes if cause in c], report.approval_miss_causes
        assert "approvals missed: 1 " in report.render(details=False)


@pytest.mark.parametrize(
    ("chip", "cause"),
    [
        ("N100", "with no approval (left) in the document (all found as entities)"),
        ("N300", "with no approval (left) in the document (chip not found as entities)"),
    ],
)
def test_a_missed_approval_says_whether_its_ends_were_found(
    store: Store, chip: str, cause: str
) -> None:
    approval = {"chip": chip, "approver": "Chinese government", "status": "Granted"}
    gold = _gold(approvals=[{**approval, "grantees": ["Arcadia"]}])  # nimbus_curbs: no approval
    gold["entities"]["N300"] = {"type": "Chip", "aliases": []}
    assert score(gold, store).approval_miss_causes == {cause: 1}
