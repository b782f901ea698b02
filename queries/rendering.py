"""Text output of typed rows: an aligned table, JSON or CSV.

Renderers are registered by format name in :data:`renderers`; each takes a
:class:`~chipkg.queries.rows.RowSet` and returns text. Lists show as ``a; b`` in
tables and CSV and as arrays in JSON; tables shorten long cells, JSON and CSV never do.
A row's ``date`` shows as precisely as it is known (``2025-07`` for "in July 2025");
JSON keeps the full date with its ``precision`` beside it, for programs.

Example
-------
>>> from chipkg.queries.rows import MakerRow, RowSet
>>> rows = RowSet("makers", [MakerRow(maker="Nvidia", maker_iri="ent:nvidia",
...     chip="H200", chip_iri="ent:h200", articles=2)])
>>> print(render(rows, "csv").splitlines()[0])
maker,maker_iri,chip,chip_iri,articles,sources,sentences
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from chipkg.ontology.models import DatePrecision
from chipkg.ontology.registry import Registry
from chipkg.queries.rows import RowSet

#: Renderers by format name: ``(rows) -> str``.
renderers = Registry("output format")

#: Widest cell of a table before it is shortened.
MAX_CELL = 60
#: Columns a table leaves out (IRIs and long provenance); JSON and CSV keep them.
TABLE_HIDDEN_SUFFIXES = ("_iri",)
TABLE_HIDDEN = frozenset({"claim", "article", "char_start", "char_end", "extracted_by"})


def cell(value: Any) -> str:
    """Return one value as table or CSV text."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def shown_date(day: dt.date, precision: str | None) -> str:
    """Return ``day`` as precisely as ``precision`` (Day, Month or Year) says it is known.

    >>> shown_date(dt.date(2025, 7, 1), "Month"), shown_date(dt.date(2025, 1, 1), "Year")
    ('2025-07', '2025')
    """
    return DatePrecision.named(precision).show(day)


def _text(row: Any, column: str) -> str:
    """Return one cell of ``row`` as table or CSV text."""
    value = getattr(row, column)
    if column == "date" and isinstance(value, dt.date):
        return shown_date(value, getattr(row, "precision", None))
    return cell(value)


def _shorten(text: str, width: int = MAX_CELL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table_columns(rows: RowSet[Any]) -> list[str]:
    """Return the columns a table shows."""
    return [
        c for c in rows.columns() if c not in TABLE_HIDDEN and not c.endswith(TABLE_HIDDEN_SUFFIXES)
    ]


def render_table(rows: RowSet[Any]) -> str:
    """Return the rows as an aligned plain-text table (``(no rows)`` when empty)."""
    if not rows.rows:
        return "(no rows)\n"
    columns = table_columns(rows)
    body = [[_shorten(_text(r, c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(line[i]) for line in body)) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(columns), line(["-" * w for w in widths]), *(line(v) for v in body)]
    return "\n".join(out) + "\n"


def render_json(rows: RowSet[Any]) -> str:
    """Return the rows as a JSON array of objects."""
    return json.dumps(rows.to_dicts(), indent=2, ensure_ascii=False) + "\n"


def render_csv(rows: RowSet[Any]) -> str:
    """Return the rows as CSV with a header line (lists joined with '; ')."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = rows.columns()
    writer.writerow(columns)
    for r in rows:
        writer.writerow([_text(r, c) for c in columns])
    return buffer.getvalue()


renderers.register("table", render_table)
renderers.register("json", render_json)
renderers.register("csv", render_csv)


def render(rows: RowSet[Any], fmt: str = "table") -> str:
    """Return ``rows`` rendered in ``fmt`` (table, json or csv)."""
    renderer: Callable[[RowSet[Any]], str] = renderers.get(fmt)
    return renderer(rows)
