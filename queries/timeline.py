"""The timeline helper: dated claims in order, about one entity or all.

About one entity, rows are in date order (oldest first), a page at a time. The
timeline of everything is read like a news feed: newest articles first (by
publication date), each article's claims in date order. Finding the oldest or newest
claim of the whole store means reading every claim (half a second at a million
triples), whereas the newest articles are a cheap sort of dates; so that timeline
takes articles a batch at a time until it has its page.

Example
-------
>>> from chipkg.queries.timeline import timeline
>>> [(r.date.isoformat(), r.predicate) for r in timeline(store, entity="H20")]  # doctest: +SKIP
[('2025-09-17', 'restricts'), ('2026-01-30', 'outperforms'), ('2026-01-30', 'makes')]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rdflib import URIRef

from chipkg.graph.store import Store
from chipkg.queries import conversion as cv
from chipkg.queries.paging import DEFAULT_LIMIT, check_page
from chipkg.queries.rows import Page, RowSet, TimelineRow
from chipkg.queries.sparql_files import load_query

#: Dated claims a news article usually has, for sizing the first batch of articles the
#: timeline of everything reads (each further batch is 4x larger).
CLAIMS_PER_ARTICLE = 8

Record = dict[str, Any]


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
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> RowSet[TimelineRow]:
    """Return dated claims, optionally about ``entity`` and within a range, a page at a time.

    A claim's date is its event date when the article gives one, else the article's
    publication date; claims with neither are left out. ``since`` and ``until`` take
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (inclusive). About an entity, rows are in
    date order; without one, newest articles come first (see the module notes).
    ``limit`` rows from ``offset``; ``limit=None`` for every row.
    """
    check_page(limit, offset)
    start, end = _bound(since, False), _bound(until, True)
    if entity is not None:
        sparql, records, page = _about(store, entity, start, end, limit, offset)
    else:
        sparql, records, page = _feed(store, start, end, limit, offset)
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
    return RowSet("timeline", rows, [*sparql, *more_sparql], TimelineRow, page)


def _about(
    store: Store,
    entity: str,
    since: dt.date | None,
    until: dt.date | None,
    limit: int | None,
    offset: int,
) -> tuple[list[str], list[Record], Page]:
    """Return the SPARQL, records and page of one entity's timeline (date order)."""
    text, _ = load_query("timeline").run(store, entity=entity, since=since, until=until)
    if limit is not None:
        text = f"{text.rstrip()}\nLIMIT {limit + 1} OFFSET {offset}"
    records = store.query(text).dicts()
    more = limit is not None and len(records) > limit
    if limit is not None:
        records = records[:limit]
    return [text], records, Page(limit=limit, offset=offset, more=more)


def _feed(
    store: Store, since: dt.date | None, until: dt.date | None, limit: int | None, offset: int
) -> tuple[list[str], list[Record], Page]:
    """Return the SPARQL, records and page of the timeline of everything (newest first)."""
    articles_query, claims_query = load_query("newest-articles"), load_query("timeline-feed")
    sparql: list[str] = []
    if limit is None:  # every claim, in the order of every article
        order_text = articles_query.bind({})
        sparql.append(order_text)
        rank = {str(r["article"]): i for i, r in enumerate(store.query(order_text).dicts())}
        # undated articles rank last (rank.get's default), in the order of their claims
        text, result = claims_query.run(store, since=since, until=until)
        sparql.append(text)
        return sparql, _in_feed_order(result.dicts(), rank), Page()
    wanted = offset + limit + 1  # one more row than the page says whether more follow
    records: list[Record] = []
    read, batch, dated = 0, wanted // CLAIMS_PER_ARTICLE + 1, True
    while len(records) < wanted and dated:
        order_text = f"{articles_query.bind({}).rstrip()}\nLIMIT {batch} OFFSET {read}"
        sparql.append(order_text)
        newest = [str(r["article"]) for r in store.query(order_text).dicts()]
        if not newest:  # past the last dated article: the undated ones, all at once
            dated = False
            undated_text = load_query("undated-articles").bind({})
            sparql.append(undated_text)
            newest = [str(r["article"]) for r in store.query(undated_text).dicts()]
            if not newest:
                break
        # undated articles share one rank, as in the whole timeline: then date order
        rank = {article: read + (i if dated else 0) for i, article in enumerate(newest)}
        arts = [URIRef(a) for a in newest]
        text, result = claims_query.run(store, article=arts, since=since, until=until)
        sparql.append(text)
        records.extend(_in_feed_order(result.dicts(), rank))
        read += len(newest)
        batch *= 4
    page = Page(limit=limit, offset=offset, more=len(records) > offset + limit)
    return sparql, records[offset : offset + limit], page


def _in_feed_order(records: list[Record], rank: dict[str, int]) -> list[Record]:
    """Return claim records sorted by article rank, then date, source and claim."""
    last = len(rank)
    return sorted(
        records,
        key=lambda r: (
            rank.get(str(r["article"]), last),
            str(r["date"]),
            str(r["source"]),
            str(r["claim"]),
        ),
    )
