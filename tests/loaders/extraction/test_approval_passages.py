"""Wire-style approval passages: the whole approval record is read (or, for a negative row, none).

The rows live in tests/data/extraction/approval_passages.jsonl: one to three invented
sentences each, with real and invented names, every status, active and passive voice,
attribution, quantities and conditions in different places. Each expected approval must
be found with the same approver, chip, status and grantees; its quantity when the row
gives one; and for each condition word set, a condition label holding all its words.
No other approval may be read. A row marked ``"gap": true`` is a shape the extractor
does not read yet: a strict xfail, so the mark must go once a change reads it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.loaders.extraction.reading import run

DATA = Path(__file__).parents[2] / "data" / "extraction" / "approval_passages.jsonl"
ROWS = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def _param(row: dict[str, Any]) -> object:
    marks = [pytest.mark.xfail(strict=True, reason="shape not read yet")] if row.get("gap") else []
    return pytest.param(row, marks=marks, id=str(row["text"])[:60])


def _read(text: str) -> list[dict[str, Any]]:
    """Return the approvals read from ``text`` in the rows' terms (labels, not keys)."""
    x = run(text)
    label = {e.key: e.label for e in x.entities}
    return [
        {
            "approver": label[a.approver],
            "grantees": sorted(label[g] for g in a.grantees),
            "chip": label[a.chip],
            "status": a.status.value,
            "quantity": a.quantity,
            "conditions": [c.label for c in a.conditions],
        }
        for a in x.approvals
    ]


def _matches(want: dict[str, Any], got: dict[str, Any]) -> bool:
    same = all(got[k] == want[k] for k in ("approver", "chip", "status"))
    if not same or got["grantees"] != sorted(want["grantees"]):
        return False
    if "quantity" in want and got["quantity"] != want["quantity"]:
        return False
    return all(
        any(all(w.lower() in c.lower() for w in words) for c in got["conditions"])
        for words in want.get("conditions", [])
    )


@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_approval_passage(row: dict[str, Any]) -> None:
    got = _read(row["text"])
    unmatched = list(got)
    for want in row["approvals"]:
        hit = next((g for g in unmatched if _matches(want, g)), None)
        assert hit is not None, (want, got)
        unmatched.remove(hit)
    assert not unmatched, unmatched


def test_rows_cover_every_status_and_negatives() -> None:
    statuses = {a["status"] for r in ROWS for a in r["approvals"]}
    assert statuses == {"Granted", "Conditional", "UnderReview", "Denied"}
    assert any(not r["approvals"] for r in ROWS)
