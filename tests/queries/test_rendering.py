"""Rendering rows as a table, JSON and CSV; DataFrame conversion."""

from __future__ import annotations

import csv
import io
import json

import pytest

from chipkg.graph.store import Store
from chipkg.ontology.errors import RegistryError
from chipkg.queries.approvals import conditionally_approved
from chipkg.queries.rendering import render
from chipkg.queries.rows import MakerRow, RowSet


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
