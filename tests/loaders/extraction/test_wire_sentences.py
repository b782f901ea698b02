"""Wire-style sentences, one relation each: the fact is read (or, for a negative row, not).

The rows live in tests/data/extraction/wire_sentences.jsonl: invented and real names,
written the way agency reporters phrase export controls, rivals, comparisons, homes,
leaders, buyers and makers, with hedged, negated and look-alike sentences that must
give nothing. A row marked ``"gap": true`` is a shape the extractor does not read yet;
it is expected to fail, and strictly so: once a change reads it, drop the mark.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.loaders.extraction.reading import facts

DATA = Path(__file__).parents[2] / "data" / "extraction" / "wire_sentences.jsonl"
ROWS = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def _param(row: dict[str, object]) -> object:
    marks = [pytest.mark.xfail(strict=True, reason="shape not read yet")] if row.get("gap") else []
    return pytest.param(row, marks=marks, id=f"{row['family']}-{str(row['text'])[:48]}")


@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_wire_sentence(row: dict[str, object]) -> None:
    found = facts(str(row["text"]))
    fact = tuple(row["fact"])  # type: ignore[arg-type]
    read = fact in found and bool(found[fact] - {"Negated"})
    assert read == row["holds"], sorted(found)


def test_rows_cover_each_weak_family_both_ways() -> None:
    for family in ("restricts", "rivals", "outperforms", "basedIn", "leads", "seeksToBuy"):
        kinds = {r["holds"] for r in ROWS if r["family"] == family}
        assert kinds == {True, False}, family
