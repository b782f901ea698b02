"""Typed result rows of the query helpers, and :class:`RowSet`, the list they come in.

Every helper returns a :class:`RowSet` of one row model: iterate it, index it, turn it
into dictionaries, a pandas ``DataFrame`` (when pandas is installed) or text with
:mod:`chipkg.queries.rendering`. A row set remembers which helper made it and the
SPARQL it ran, so ``chipkg ask ... --sparql`` can show the query.

Entities appear as their label (``firm``) with the IRI beside it (``firm_iri``).

Example
-------
>>> rows = RowSet("makers", [MakerRow(maker="Nvidia", maker_iri="ent:nvidia", chip="H200",
...     chip_iri="ent:h200", articles=2)])
>>> rows[0].maker, len(rows), rows.columns()[:2]
('Nvidia', 1, ['maker', 'maker_iri'])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field

#: What a row's ``dates`` hold.
_DATES = (
    "Dates of the evidence (the event's, else the article's), ISO 8601 and as precise as "
    "known: 2025, 2025-07 or 2025-07-15, sorted."
)


class Row(BaseModel):
    """Base of every result row: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ApprovalRow(Row):
    """One approval fact: a regulator lets a firm buy a chip, merged over articles."""

    firm: str
    firm_iri: str
    approver: str
    approver_iri: str
    chip: str
    chip_iri: str
    status: str
    quantity: int | None = Field(default=None, description="Largest quantity stated.")
    quantities: list[int] = Field(default_factory=list, description="Every quantity stated.")
    quantity_shared_with: list[str] = Field(
        default_factory=list,
        description="Other grantees of an approval that states the quantity: it is their "
        "total, so adding the rows' quantities counts it more than once.",
    )
    conditions: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="Sources of the articles.")
    outlets: list[str] = Field(default_factory=list, description="Outlets credited.")
    dates: list[str] = Field(default_factory=list, description=_DATES)
    articles: int = Field(description="Number of corroborating articles.")


class ConditionRow(Row):
    """One condition attached to an approval."""

    condition: str
    firm: str
    firm_iri: str
    approver: str
    approver_iri: str
    chip: str
    chip_iri: str
    status: str
    sources: list[str] = Field(default_factory=list)
    articles: int


class RestrictionRow(Row):
    """A regulator restricts a chip, as reported with one modality."""

    regulator: str
    regulator_iri: str
    chip: str
    chip_iri: str
    state: str = Field(description="'in force', 'planned' or 'denied' (negated).")
    modality: str
    articles: int
    sources: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list, description=_DATES)
    sentences: list[str] = Field(default_factory=list)


class OutperformsRow(Row):
    """A chip is more capable than another chip."""

    chip: str
    chip_iri: str
    other: str
    other_iri: str
    factor: float | None = None
    modality: str
    articles: int
    sources: list[str] = Field(default_factory=list)
    sentences: list[str] = Field(default_factory=list)


class MakerRow(Row):
    """A company makes a chip."""

    maker: str
    maker_iri: str
    chip: str
    chip_iri: str
    articles: int
    sources: list[str] = Field(default_factory=list)
    sentences: list[str] = Field(default_factory=list)


class EvidenceRow(Row):
    """One claim supporting (or denying) a fact."""

    subject: str
    predicate: str
    object: str
    status: str | None = Field(default=None, description="Approval status, for approvals.")
    modality: str
    sentence: str
    source: str
    title: str | None = None
    outlet: str | None = Field(default=None, description="Outlet the article credits.")
    publisher: str | None = None
    confidence: float | None = None
    date: dt.date | None = None
    precision: str | None = None
    extracted_by: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    article: str
    claim: str


class TimelineRow(Row):
    """One dated claim."""

    date: dt.date
    precision: str | None = None
    date_text: str | None = None
    subject: str
    predicate: str
    object: str
    modality: str
    sentence: str
    source: str
    outlet: str | None = None
    claim: str


class DisputeRow(Row):
    """One side of a disputed fact: the position some articles take and their sources."""

    subject: str
    subject_iri: str
    relation: str
    object: str
    object_iri: str
    position: str
    articles: int
    sources: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    sentences: list[str] = Field(default_factory=list)
    dates: list[str] = Field(
        default_factory=list,
        description="Publication dates (ISO 8601) of the articles on this side: a story "
        "that moved on between them may be news, not a disagreement.",
    )


class NeighbourRow(Row):
    """An entity within some hops of another."""

    entity: str
    entity_iri: str
    kind: str
    distance: int
    relations: list[str] = Field(
        default_factory=list, description="Edges to the previous hop, e.g. 'makes ->'."
    )


class PathStepRow(Row):
    """One hop of a path between two entities."""

    step: int
    source: str
    source_iri: str
    relation: str
    target: str
    target_iri: str
    direction: str = Field(description="'forward' when the edge points along the path.")
    articles: int


class CentralityRow(Row):
    """An entity ranked by how central it is in the projected graph."""

    rank: int
    entity: str
    entity_iri: str
    kind: str
    degree: int
    articles: int = Field(description="Articles behind its edges.")
    score: float


class Page(BaseModel):
    """Which part of a listing a row set holds, and whether more rows follow.

    ``limit`` None means every row. A listing's pages follow the store's order of its
    facts; the rows of one page are sorted as the helper documents. ``more`` is True
    when another page follows: ask for it with ``offset=page.next_offset``.

    >>> Page(limit=50, offset=0, more=True).next_offset
    50
    """

    model_config = ConfigDict(frozen=True)

    limit: int | None = None
    offset: int = 0
    more: bool = False

    @property
    def next_offset(self) -> int | None:
        """Return the offset of the next page, or None when this is the last one."""
        if not self.more or self.limit is None:
            return None
        return self.offset + self.limit


RowT = TypeVar("RowT", bound=Row)


class RowSet(Generic[RowT]):
    """The rows a helper returned, with the helper's name, the SPARQL it ran and its page."""

    def __init__(
        self,
        helper: str,
        rows: Sequence[RowT],
        sparql: Sequence[str] = (),
        row_type: type[RowT] | None = None,
        page: Page | None = None,
    ) -> None:
        self.helper = helper
        self.rows: list[RowT] = list(rows)
        self.sparql: list[str] = list(sparql)
        self.row_type: type[Row] | None = row_type or (type(self.rows[0]) if self.rows else None)
        self.page: Page = page or Page()

    @property
    def more(self) -> bool:
        """Return True when the listing has rows after this page."""
        return self.page.more

    def __iter__(self) -> Iterator[RowT]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> RowT: ...
    @overload
    def __getitem__(self, index: slice) -> list[RowT]: ...
    def __getitem__(self, index: int | slice) -> RowT | list[RowT]:
        return self.rows[index]

    def __repr__(self) -> str:
        more = ", more" if self.page.more else ""
        return f"<RowSet {self.helper}: {len(self.rows)} rows{more}>"

    def columns(self) -> list[str]:
        """Return the column names (the row model's fields)."""
        if self.row_type is None:
            return []
        return list(self.row_type.model_fields)

    def to_dicts(self) -> list[dict[str, Any]]:
        """Return the rows as JSON-ready dictionaries (dates as ISO strings)."""
        return [row.model_dump(mode="json") for row in self.rows]

    def to_dataframe(self) -> Any:
        """Return the rows as a pandas ``DataFrame`` (needs the ``pandas`` extra)."""
        try:
            import pandas as pd
        except ImportError:
            from chipkg.ontology.errors import QueryError

            raise QueryError("to_dataframe() needs pandas: pip install 'chipkg[pandas]'") from None
        return pd.DataFrame([row.model_dump() for row in self.rows], columns=self.columns())
