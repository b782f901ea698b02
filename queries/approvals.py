"""Approval helpers: conditional approvals, approvals by status, and their conditions.

Examples
--------
>>> from chipkg.queries.approvals import conditionally_approved
>>> for row in conditionally_approved(store, chip="H200"):  # doctest: +SKIP
...     print(row.firm, row.approver, row.quantity, row.conditions)
ByteDance Chinese government 400000 ['bundle each purchase with a set ratio of domestic chips']
"""

from __future__ import annotations

from rdflib import Literal

from chipkg.graph.store import Store
from chipkg.queries import conversion as cv
from chipkg.queries.rows import ApprovalRow, ConditionRow, RowSet
from chipkg.queries.sparql_files import load_query

EntityArg = str | None


def _approval_rows(
    store: Store, query_name: str, status: str | None = None, **args: EntityArg
) -> tuple[str, list[ApprovalRow]]:
    query = load_query(query_name)
    if status is not None:
        args["status"] = status
    sparql, result = query.run(store, **args)
    records = result.dicts()
    labels = cv.Labels(store).fetch(
        iri
        for r in records
        for iri in (r["firm"], r["approver"], r["chip"], *cv.split(r["outlets"]))
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
                conditions=sorted(set(cv.split(r["conditions"]))),
                sources=sorted(set(cv.split(r["sources"]))),
                outlets=outlets,
                dates=cv.dates(r["dates"]),
                articles=cv.integer(r["articles"]) or 0,
            )
        )
    return sparql, rows


def conditionally_approved(
    store: Store, *, chip: EntityArg = None, approver: EntityArg = None, firm: EntityArg = None
) -> RowSet[ApprovalRow]:
    """Return the firms approved with conditions, one row per firm, approver and chip.

    Each row gives the quantity, the conditions, the article sources, the outlets
    credited, the dates and the number of corroborating articles. ``chip``,
    ``approver`` and ``firm`` are names (label or alias, any case) or entity IRIs.
    """
    sparql, rows = _approval_rows(
        store, "conditionally-approved", chip=chip, approver=approver, firm=firm
    )
    return RowSet("conditionally-approved", rows, [sparql], ApprovalRow)


def approvals(
    store: Store,
    *,
    status: str | None = None,
    chip: EntityArg = None,
    approver: EntityArg = None,
    firm: EntityArg = None,
) -> RowSet[ApprovalRow]:
    """Return approvals, one row per firm, approver, chip and status.

    ``status`` is one of Granted, Conditional, UnderReview ("under review") or Denied.
    """
    sparql, rows = _approval_rows(
        store, "approvals", status=status, chip=chip, approver=approver, firm=firm
    )
    return RowSet("approvals", rows, [sparql], ApprovalRow)


def conditions(
    store: Store, *, firm: EntityArg = None, chip: EntityArg = None
) -> RowSet[ConditionRow]:
    """Return the conditions attached to approvals, one row per condition and approval."""
    sparql, result = load_query("conditions").run(store, firm=firm, chip=chip)
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
    return RowSet("conditions", rows, [sparql], ConditionRow)
