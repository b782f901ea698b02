"""Approval sentence shapes: who approves whom for which chip, with which status."""

from __future__ import annotations

import pytest

from tests.loaders.extraction.reading import run

CD = "US Commerce Department"

CASES = [
    (
        "The US government has approved the export of H100 chips to Quorra, the company said.",
        ("US government", "Quorra", "H100", "Granted"),
    ),
    (
        "Washington has cleared exports of advanced H200 chips to Quorra.",
        ("US government", "Quorra", "H200", "Granted"),
    ),
    (
        "US officials granted export licences for 35,000 Blackwell chips to Quorra under strict "
        "conditions.",
        ("US government", "Quorra", "Blackwell", "Conditional"),
    ),
    (
        "Malaysian authorities rejected an application by Kinto Compute to import H100 chips.",
        ("Malaysian government", "Kinto Compute", "H100", "Denied"),
    ),
    (
        "Quorra won approval from Washington to buy up to 18,000 GB300 chips.",
        ("US government", "Quorra", "GB300", "Granted"),
    ),
    (
        "The Commerce Department granted Halvard Systems permission to export ZX720 chips.",
        (CD, "Halvard Systems", "ZX720", "Granted"),
    ),
    (
        "Halvard Systems received approval from the Commerce Department to ship ZX720 chips.",
        (CD, "Halvard Systems", "ZX720", "Granted"),
    ),
    (
        "Halvard Systems has secured a licence from the Commerce Department to sell ZX720 chips.",
        (CD, "Halvard Systems", "ZX720", "Granted"),
    ),
    (
        "The Commerce Department has authorised Halvard Systems to ship ZX720 chips, on condition "
        "that they are not used by the military.",
        (CD, "Halvard Systems", "ZX720", "Conditional"),
    ),
    (
        "Halvard Systems is awaiting approval from the Commerce Department to sell ZX720 chips.",
        (CD, "Halvard Systems", "ZX720", "UnderReview"),
    ),
    (
        "Licences were granted to Halvard Systems to export ZX720s, the Commerce Department said.",
        (CD, "Halvard Systems", "ZX720", "Granted"),
    ),
    (
        "The Commerce Department signed off on the sale of 18,000 ZX720 chips to Korvo Networks.",
        (CD, "Korvo Networks", "ZX720", "Granted"),
    ),
    (
        "Korvo Networks won U.S. approval to buy ZX720 chips.",
        ("US government", "Korvo Networks", "ZX720", "Granted"),
    ),
    (
        "The Commerce Department is reviewing Korvo Networks' application to import ZX720 chips.",
        (CD, "Korvo Networks", "ZX720", "UnderReview"),
    ),
    (
        "The Commerce Department refused to grant Korvo Networks a licence for ZX720 chips.",
        (CD, "Korvo Networks", "ZX720", "Denied"),
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_approval_shape(sentence: str, expected: tuple[str, str, str, str]) -> None:
    x = run(sentence)
    label = {e.key: e.label for e in x.entities}
    found = {
        (label[a.approver], label[g], label[a.chip], a.status.value)
        for a in x.approvals
        for g in a.grantees
    }
    assert expected in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "Halvard Systems is awaiting approval from the Commerce Department to sell ZX720 chips.",
        "Korvo Networks wants ZX720 chips should the Commerce Department approve Korvo Networks.",
        "The Commerce Department refused to grant Korvo Networks a licence for ZX720 chips.",
    ],
)
def test_no_plain_approves_edge_unless_granted(sentence: str) -> None:
    claims = run(sentence).claims
    assert not [
        c
        for c in claims
        if c.predicate.value in ("approves", "conditionallyApproves")
        and c.modality.value in ("Asserted", "Reported")
    ]


def test_quantity_read_from_the_approval_sentence() -> None:
    x = run(
        "The Commerce Department signed off on the sale of 18,000 ZX720 chips to Korvo Networks."
    )
    assert [a.quantity for a in x.approvals] == [18000]
