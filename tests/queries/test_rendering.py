"""Rendering rows as a table, JSON and CSV; DataFrame conversion."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from chipkg.graph.store import Store
from chipkg.ontology.errors import RegistryError
from chipkg.queries.approvals import conditionally_approved
from chipkg.queries.rendering import render
from chipkg.queries.rows import MakerRow, RowSet, TimelineRow


def test_formats_carry_the_same_rows(kg: Store) -> None:
    rows = conditionally_approved(kg)
    table = render(rows, "table")
    assert table.splitlines()[0].split()[:3] == ["firm", "approver", "chip"]
    assert "firm_iri" not in table and "Alibaba" in table
    data = json.loads(render(rows, "json"))
    assert {d["firm"] for d in data} == {"ByteDance", "Alibaba", "Tencent"}
    assert all(d["quantity"] == 400000 for d in data)
    alibaba = next(d for d in data if d["firm"] == "Alibaba")
    assert alibaba["dates"] == ["2026-01-28", "2026-01-30"]
    parsed = list(csv.DictReader(io.StringIO(render(rows, "csv"))))
    assert {p["firm"] for p in parsed} == {"ByteDance", "Alibaba", "Tencent"}
    assert next(p for p in parsed if p["firm"] == "Alibaba")["outlets"] == (
        "Reuters; The Information"
    )


def test_table_escapes_nothing_and_shortens_long_cells() -> None:
    row = MakerRow(maker="x" * 200, maker_iri="ent:x", chip="c", chip_iri="ent:c", articles=1)
    table = render(RowSet("makers", [row]), "table")
    assert "…" in table and "x" * 200 not in table
    assert "x" * 200 in render(RowSet("makers", [row]), "csv")


@pytest.mark.parametrize(
    ("precision", "shown"),
    [("Day", "2025-07-15"), ("Month", "2025-07"), ("Year", "2025"), (None, "2025-07-15")],
)
def test_dates_show_as_precisely_as_they_are_known(precision: str | None, shown: str) -> None:
    day = (
        dt.date(2025, 7, 15)
        if precision in ("Day", None)
        else dt.date(2025, 7 if precision == "Month" else 1, 1)
    )
    row = TimelineRow(
        date=day,
        precision=precision,
        subject="MOFCOM",
        predicate="restricts",
        object="H20",
        modality="Asserted",
        sentence="In July 2025 MOFCOM restricted the H20.",
        source="a.txt",
        claim="art:a#claim-1",
    )
    rows = RowSet("timeline", [row])
    assert render(rows, "table").splitlines()[2].startswith(shown + " ")
    assert next(csv.DictReader(io.StringIO(render(rows, "csv"))))["date"] == shown
    data = json.loads(render(rows, "json"))[0]
    assert (data["date"], data["precision"]) == (
        day.isoformat(),
        precision,
    )  # full date for programs


def test_empty_and_unknown_format() -> None:
    assert render(RowSet("makers", [], row_type=MakerRow), "table") == "(no rows)\n"
    assert render(RowSet("makers", [], row_type=MakerRow), "csv").startswith("maker,")
    with pytest.raises(RegistryError, match="csv, json, table"):
        render(RowSet("makers", []), "xml")


def test_to_dataframe(kg: Store) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is an optional extra")
    frame = conditionally_approved(kg).to_dataframe()
    assert isinstance(frame, pd.DataFrame)
    assert set(frame["firm"]) == {"ByteDance", "Alibaba", "Tencent"}
