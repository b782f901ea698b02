"""The disputes helper: facts on which articles disagree, with every side.

Two kinds of disagreement are found: a firm approved to buy a chip in one article
but under review or not permitted in another (approval statuses), and a fact one
article states and another negates (claim modalities).

Example
-------
>>> from chipkg.queries.disputes import disputes
>>> [(r.subject, r.object, r.position) for r in disputes(store)]  # doctest: +SKIP
[('ByteDance', 'H200', 'approved'), ('ByteDance', 'H200', 'under review'), ...]
"""

from __future__ import annotations

from collections import defaultdict

from chipkg.graph.store import Store
from chipkg.queries import conversion as cv
from chipkg.queries.paging import DEFAULT_LIMIT, run_keyed
from chipkg.queries.rows import DisputeRow, RowSet


def disputes(
    store: Store, *, limit: int | None = DEFAULT_LIMIT, offset: int = 0
) -> RowSet[DisputeRow]:
    """Return one row per side of each disputed fact: its position, articles and sources.

    The rows of one dispute share ``subject``, ``relation`` and ``object``; a fact is
    disputed when its articles take two or more positions. Pages count disputed
    facts, not rows: ``limit`` facts from ``offset`` (``limit=None`` for all), each
    with every side, so a dispute is never split across pages.
    """
    sparql, result, page = run_keyed(store, "disputes", limit=limit, offset=offset)
    records = result.dicts()
    positions: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for r in records:
        positions[(str(r["subject"]), str(r["relation"]), str(r["object"]))].add(str(r["position"]))
    records = [
        r
        for r in records
        if len(positions[(str(r["subject"]), str(r["relation"]), str(r["object"]))]) > 1
    ]
    labels = cv.Labels(store).fetch(
        iri for r in records for iri in (r["subject"], r["object"], *cv.split(r["outlets"]))
    )
    rows = [
        DisputeRow(
            subject=labels(r["subject"]),
            subject_iri=str(r["subject"]),
            relation=cv.local(r["relation"]) or "",
            object=labels(r["object"]),
            object_iri=str(r["object"]),
            position=str(r["position"]),
            articles=cv.integer(r["articles"]) or 0,
            sources=sorted(set(cv.split(r["sources"]))),
            outlets=sorted({labels(o) for o in cv.split(r["outlets"])}),
            sentences=cv.split(r["sentences"]),
            dates=cv.iso_dates(r["dates"]),
        )
        for r in records
    ]
    rows.sort(key=lambda row: (row.subject, row.relation, row.object, row.position))
    return RowSet("disputes", rows, sparql, DisputeRow, page)
