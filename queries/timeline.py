"""The timeline helper: dated claims in order, about one entity or all.

Example
-------
>>> from chipkg.queries.timeline import timeline
>>> [(r.date.isoformat(), r.predicate) for r in timeline(store, entity="H20")]  # doctest: +SKIP
[('2025-09-17', 'restricts'), ('2026-01-30', 'outperforms'), ('2026-01-30', 'makes')]
"""

from __future__ import annotations

import datetime as dt

from rdflib import URIRef

from chipkg.graph.store import Store
from chipkg.queries import conversion as cv
from chipkg.queries.rows import RowSet, TimelineRow
from chipkg.queries.sparql_files import load_query


def _approval_names(store: Store, nodes: list[str], labels: cv.Labels) -> tuple[dict, list[str]]:
    """Return {approval IRI: (subject, object)} in words, and the SPARQL it ran."""
    if not nodes:
        return {}, []
    sparql, result = load_query("approval-parts").run(store, approval=[URIRef(n) for n in nodes])
    records = result.dicts()
    labels.fetch(
        iri for r in records for iri in (r["approver"], r["chip"], *cv.split(r["grantees"]))
    )
    names = {}
    for r in records:
        grantees = ", ".join(sorted(labels(g) for g in cv.split(r["grantees"])))
        names[str(r["approval"])] = (
            labels(r["approver"]),
            f"{grantees} ({labels(r['chip'])}, {cv.local(r['status'])})",
        )
    return names, [sparql]


def _bound(value: str | dt.date | None, end: bool) -> dt.date | None:
    """Return a date from 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (a period's last day if ``end``)."""
    if value is None or isinstance(value, dt.date):
        return value
    parts = str(value).strip().split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 12, 31) if end else dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            if not end:
                return dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        from chipkg.ontology.errors import QueryError

        raise QueryError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def timeline(
    store: Store,
    *,
    entity: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> RowSet[TimelineRow]:
    """Return dated claims in date order, optionally about ``entity`` and within a range.

    A claim's date is its event date when the article gives one, else the article's
    publication date; claims with neither are left out. ``since`` and ``until`` take
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (inclusive).
    """
    sparql, result = load_query("timeline").run(
        store, entity=entity, since=_bound(since, False), until=_bound(until, True)
    )
    records = result.dicts()
    labels = cv.Labels(store).fetch(
        iri for r in records for iri in (r["subject"], r["object"], r["outlet"])
    )
    approvals = sorted({str(r["subject"]) for r in records if "#approval-" in str(r["subject"])})
    names, more_sparql = _approval_names(store, approvals, labels)
    rows = []
    for r in records:
        subject, obj = labels(r["subject"]), labels(r["object"])
        predicate = cv.local(r["predicate"]) or ""
        if str(r["subject"]) in names:
            subject, obj = names[str(r["subject"])]
            predicate = "approves"
        day = cv.date(r["date"])
        if day is None:
            continue
        rows.append(
            TimelineRow(
                date=day,
                precision=cv.local(r["precision"]),
                date_text=cv.text(r["dateText"]),
                subject=subject,
                predicate=predicate,
                object=obj,
                modality=cv.local(r["modality"]) or "",
                sentence=str(r["sentence"]),
                source=str(r["source"]),
                outlet=labels(r["outlet"]) if r["outlet"] is not None else None,
                claim=str(r["claim"]),
            )
        )
    return RowSet("timeline", rows, [sparql, *more_sparql], TimelineRow)
