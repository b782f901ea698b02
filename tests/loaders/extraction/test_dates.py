"""Event dates resolved against the publication date, with their precision."""

from __future__ import annotations

import datetime as dt

import pytest

from chipkg.loaders.extraction.dates import resolve_date
from tests.loaders.extraction.reading import run

ISSUED = dt.date(2026, 1, 28)  # a Wednesday

CASES = [
    ("last Friday", dt.date(2026, 1, 23), "Day"),
    ("on Monday", dt.date(2026, 1, 26), "Day"),
    ("early this month", dt.date(2026, 1, 1), "Month"),
    ("earlier this year", dt.date(2026, 1, 1), "Year"),
    ("last month", dt.date(2025, 12, 1), "Month"),
    ("in December", dt.date(2025, 12, 1), "Month"),
    ("on April 9 , 2025", dt.date(2025, 4, 9), "Day"),
    ("in October 2023", dt.date(2023, 10, 1), "Month"),
    ("in 2020", dt.date(2020, 1, 1), "Year"),
    ("on 15 September 2025", dt.date(2025, 9, 15), "Day"),
]


@pytest.mark.parametrize(("words", "date", "precision"), CASES)
def test_resolve(words: str, date: dt.date, precision: str) -> None:
    found = resolve_date(words.split(), ISSUED)
    assert found is not None
    assert (found[0], found[1].value) == (date, precision)


@pytest.mark.parametrize("words", ["the chips may arrive", "in the march of progress", ""])
def test_no_date(words: str) -> None:
    assert resolve_date(words.split(), ISSUED) is None


def test_relative_date_needs_a_publication_date() -> None:
    assert resolve_date(["last", "friday"], None) is None


def test_claim_carries_event_date() -> None:
    x = run("Jensen Huang travelled to Shanghai last Friday.", issued=ISSUED)
    (claim,) = [c for c in x.claims if c.predicate.value == "visited"]
    assert (claim.event_date, claim.date_precision.value, claim.date_text) == (
        dt.date(2026, 1, 23),
        "Day",
        "last friday",
    )
