"""Approval helpers on the hand-written fixture, on both local backends."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

from chipkg.graph.store import Store
from chipkg.ontology.errors import QueryError
from chipkg.queries.approvals import approvals, conditionally_approved, conditions


def test_conditionally_approved_lists_firms_with_everything(kg: Store) -> None:
    rows = conditionally_approved(kg)
    by_firm = {r.firm: r for r in rows}
    assert set(by_firm) == {"ByteDance", "Alibaba", "Tencent"}
    alibaba = by_firm["Alibaba"]
    assert alibaba.approver == "Chinese government"
    assert alibaba.chip == "H200"
    assert alibaba.quantity == 400000
    assert alibaba.quantity_shared_with == ["ByteDance", "Tencent"]  # "400,000 in total"
    assert alibaba.articles == 2
    assert alibaba.sources == ["/corpus/a1.txt", "/corpus/a2.txt"]
    assert alibaba.outlets == ["Reuters", "The Information"]
    assert alibaba.dates == ["2026-01-28", "2026-01-30"]
    assert any("domestic chips" in c for c in alibaba.conditions)
    assert by_firm["ByteDance"].articles == 1
    assert rows.sparql and "ckg:Conditional" in rows.sparql[0]


def test_a_quantity_is_shared_only_where_an_approval_names_several_grantees(kg: Store) -> None:
    by_firm = {r.firm: r for r in approvals(kg)}
    assert all(r.quantity_shared_with == [] for r in approvals(kg, status="UnderReview"))
    assert by_firm["Tencent"].quantity_shared_with == ["Alibaba", "ByteDance"]


def test_filters_bind_entities_by_name(kg: Store) -> None:
    assert {r.firm for r in conditionally_approved(kg, chip="h200s", approver="Beijing")} == {
        "ByteDance",
        "Alibaba",
        "Tencent",
    }
    assert [r.firm for r in conditionally_approved(kg, firm="alibaba group")] == ["Alibaba"]
    assert len(conditionally_approved(kg, chip="H20")) == 0
    bound = conditionally_approved(kg, chip="H200").sparql[0]
    assert "VALUES ?chip { <https://w3id.org/chipkg/id/h200> }" in bound


def test_unknown_chip_is_an_error_not_an_empty_answer(kg: Store) -> None:
    with pytest.raises(QueryError, match="close matches"):
        conditionally_approved(kg, chip="H2OO")


@pytest.mark.parametrize(
    ("status", "firms"),
    [
        ("Conditional", {"ByteDance", "Alibaba", "Tencent"}),
        ("under review", {"ByteDance"}),
        ("Denied", set()),
    ],
)
def test_approvals_by_status(kg: Store, status: str, firms: set[str]) -> None:
    rows = approvals(kg, status=status)
    assert {r.firm for r in rows} == firms


def test_approvals_without_status_cover_every_status(kg: Store) -> None:
    statuses = {(r.firm, r.status) for r in approvals(kg)}
    assert ("ByteDance", "UnderReview") in statuses
    assert ("ByteDance", "Conditional") in statuses
    under_review = next(r for r in approvals(kg) if r.status == "UnderReview")
    assert under_review.quantity is None and under_review.conditions == []


def test_conditions(kg: Store) -> None:
    rows = conditions(kg, firm="Tencent")
    assert {r.condition for r in rows} == {
        "bundle each purchase with a set ratio of domestic chips",
        "buy domestic chips alongside",
    }
    assert all(r.firm == "Tencent" and r.chip == "H200" for r in rows)
    assert {r.firm for r in conditions(kg, chip="H200")} == {"ByteDance", "Alibaba", "Tencent"}


@pytest.mark.parametrize(
    ("precision", "shown"),
    [
        ("ckg:Day", "2026-01-15"),
        ("ckg:Month", "2026-01"),
        ("ckg:Year", "2026"),
        (None, "2026-01-15"),
    ],
)
@pytest.mark.parametrize(
    "helper",
    [partial(approvals, status="Conditional"), conditionally_approved],
    ids=["all", "cond"],
)
def test_approval_dates_show_as_precisely_as_they_are_known(
    kg: Store, helper: Any, precision: str | None, shown: str
) -> None:
    # ByteDance's conditional approval in a1 is dated 2026-01-28 (a day): date it afresh.
    known = f"; ckg:datePrecision {precision}" if precision else ""
    kg.update(
        "PREFIX ckg: <https://w3id.org/chipkg/ontology#> "
        "PREFIX art: <https://w3id.org/chipkg/article/> "
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
        "DELETE { GRAPH art:a1 { ?c ckg:eventDate ?d ; ckg:datePrecision ?p } } "
        f'INSERT {{ GRAPH art:a1 {{ ?c ckg:eventDate "2026-01-15"^^xsd:date {known} }} }} '
        "WHERE { GRAPH art:a1 { BIND(<https://w3id.org/chipkg/article/a1#claim-1> AS ?c) "
        "?c ckg:eventDate ?d ; ckg:datePrecision ?p } }"
    )
    rows = helper(kg, firm="ByteDance", chip="H200")
    assert [row.dates for row in rows] == [[shown]]
