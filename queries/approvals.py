"""Approval helpers: conditional approvals, approvals by status, and their conditions.

Examples
--------
>>> from chipkg.queries.approvals import conditionally_approved
>>> for row in conditionally_approved(store, chip="H200"):  # doctest: +SKIP
...     print(row.firm, row.approver, row.quantity, row.conditions)
ByteDance Chinese government 400000 ['bundle each purchase with a set ratio of domestic chips']
"""

from __future__ import annotations

from typing import Any

from rdflib import Literal, URIRef

from chipkg.graph.store import Store
from chipkg.ontology.vocabulary import CKG_IRI
from chipkg.queries import conversion as cv
from chipkg.queries.paging import DEFAULT_LIMIT, run_listing
from chipkg.queries.rows import ApprovalRow, ConditionRow, Page, RowSet
from chipkg.queries.sparql_files import load_query

EntityArg = str | None


def _approval_rows(
    store: Store,
    query_name: str,
    limit: int | None,
    offset: int,
    status: str | None = None,
    **args: EntityArg,
) -> tuple[list[str], list[ApprovalRow], Page]:
    if status is not None:
        args["status"] = status
    sparql, result, page = run_listing(store, query_name, limit=limit, offset=offset, **args)
    records = result.dicts()
    sharers, asked = _quantity_sharers(store, records)
    labels = cv.Labels(store).fetch(
        [
            *(iri for r in records for iri in (r["firm"], r["approver"], r["chip"])),
            *(iri for r in records for iri in cv.split(r["outlets"])),
            *(iri for found in sharers.values() for iri in found),
        ]
    )
    rows = []
    for r in records:
        stated = (cv.integer(Literal(v)) for v in cv.split(r["quantities"]))
        quantities = sorted({q for q in stated if q is not None})
        outlets = sorted({labels(o) for o in cv.split(r["outlets"])})
        rows.append(
            ApprovalRow(
                firm=labels(r["firm"]),
                firm_iri=str(r["firm"]),
                approver=labels(r["approver"]),
                approver_iri=str(r["approver"]),
                chip=labels(r["chip"]),
                chip_iri=str(r["chip"]),
                status=cv.local(r.get("status")) or "Conditional",
                quantity=max(quantities) if quantities else None,
                quantities=quantities,
                quantity_shared_with=sorted({labels(p) for p in sharers.get(_key(r), ())}),
                conditions=sorted(set(cv.split(r["conditions"]))),
                sources=sorted(set(cv.split(r["sources"]))),
                outlets=outlets,
                dates=cv.iso_dates(r["dates"]),
                articles=cv.integer(r["articles"]) or 0,
            )
        )
    return [*sparql, *asked], rows, page


Key = tuple[str, str, str, str]


def _key(record: dict[str, Any]) -> Key:
    """Return a listing row's (firm, approver, chip, status); no status means Conditional."""
    status = record.get("status")
    return (
        str(record["firm"]),
        str(record["approver"]),
        str(record["chip"]),
        str(status) if status is not None else CKG_IRI + "Conditional",
    )


def _quantity_sharers(
    store: Store, records: list[dict[str, Any]]
) -> tuple[dict[Key, set[str]], list[str]]:
    """Return, by row, the other grantees of its approvals that state a quantity, and the SPARQL.

    One query for the rows' firms (a few hundred at a time), matched to the rows here.
    """
    wanted = {_key(r) for r in records if cv.split(r["quantities"])}
    firms = sorted({URIRef(key[0]) for key in wanted})
    found: dict[Key, set[str]] = {}
    asked: list[str] = []
    for start in range(0, len(firms), 500):
        text, result = load_query("quantity-sharers").run(store, firm=firms[start : start + 500])
        asked.append(text)
        for r in result.dicts():
            key = _key(r)
            if key in wanted:
                found.setdefault(key, set()).add(str(r["partner"]))
    return found, asked


def conditionally_approved(
    store: Store,
    *,
    chip: EntityArg = None,
    approver: EntityArg = None,
    firm: EntityArg = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> RowSet[ApprovalRow]:
    """Return the firms approved with conditions, one row per firm, approver and chip.

    Each row gives the quantity, the conditions, the article sources, the outlets
    credited, the dates and the number of corroborating articles. ``chip``,
    ``approver`` and ``firm`` are names (label or alias, any case) or entity IRIs.
    Rows come a page at a time (``limit`` rows from ``offset``; ``limit=None`` for
    all; see :mod:`chipkg.queries.paging`), most corroborated first within a page.
    """
    sparql, rows, page = _approval_rows(
        store, "conditionally-approved", limit, offset, chip=chip, approver=approver, firm=firm
    )
    return RowSet("conditionally-approved", rows, sparql, ApprovalRow, page)


def approvals(
    store: Store,
    *,
    status: str | None = None,
    chip: EntityArg = None,
    approver: EntityArg = None,
    firm: EntityArg = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> RowSet[ApprovalRow]:
    """Return approvals, one row per firm, approver, chip and status.

    ``status`` is one of Granted, Conditional, UnderReview ("under review") or Denied.
    Paged like :func:`conditionally_approved`.
    """
    sparql, rows, page = _approval_rows(
        store, "approvals", limit, offset, status=status, chip=chip, approver=approver, firm=firm
    )
    return RowSet("approvals", rows, sparql, ApprovalRow, page)


def conditions(
    store: Store,
    *,
    firm: EntityArg = None,
    chip: EntityArg = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> RowSet[ConditionRow]:
    """Return the conditions attached to approvals, one row per condition and approval.

    Paged like :func:`conditionally_approved` (``limit=None`` for all rows).
    """
    sparql, result, page = run_listing(
        store, "conditions", limit=limit, offset=offset, firm=firm, chip=chip
    )
    records = result.dicts()
    labels = cv.Labels(store).fetch(
        iri for r in records for iri in (r["firm"], r["approver"], r["chip"])
    )
    rows = [
        ConditionRow(
            condition=str(r["conditionLabel"]),
            firm=labels(r["firm"]),
            firm_iri=str(r["firm"]),
            approver=labels(r["approver"]),
            approver_iri=str(r["approver"]),
            chip=labels(r["chip"]),
            chip_iri=str(r["chip"]),
            status=cv.local(r["status"]) or "",
            sources=sorted(set(cv.split(r["sources"]))),
            articles=cv.integer(r["articles"]) or 0,
        )
        for r in records
    ]
    return RowSet("conditions", rows, sparql, ConditionRow, page)
