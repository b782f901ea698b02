"""The evidence helper: every claim behind a fact between two entities.

Example
-------
>>> from chipkg.queries.evidence import evidence
>>> for row in evidence(store, "H200", "H20", predicate="outperforms"):  # doctest: +SKIP
...     print(row.sentence, row.source, row.modality)
The H200 is almost six times as powerful as the H20. /corpus/a2.txt Asserted
"""

from __future__ import annotations

from chipkg.graph.store import Store
from chipkg.queries import conversion as cv
from chipkg.queries.rows import EvidenceRow, RowSet
from chipkg.queries.sparql_files import load_query

#: A relation also asks for its sub-properties (approves covers conditionallyApproves).
SUB_PROPERTIES = {"approves": ["approves", "conditionallyApproves"]}


def evidence(
    store: Store, subject: str, object: str, predicate: str | None = None
) -> RowSet[EvidenceRow]:
    """Return every claim for ``subject predicate object``: sentence, source, outlet, date.

    ``subject`` and ``object`` are names or IRIs; ``predicate`` is a relation name
    (``restricts``, ``ckg:makes`` ...), or None for every relation between the two.
    Approvals count as ``approves`` / ``conditionallyApproves`` facts between the
    approver, its grantees and the chip. Negated and planned claims are included:
    the ``modality`` column says how the article put it.
    """
    predicates = None
    if predicate is not None:
        name = predicate.removeprefix("ckg:").removeprefix("is ")
        predicates = SUB_PROPERTIES.get(name, [name])
    sparql, result = load_query("evidence").run(
        store, subject=subject, object=object, predicate=predicates
    )
    records = result.dicts()
    query = load_query("evidence")
    ends = query.prepare(store, {"subject": subject, "object": object})
    labels = cv.Labels(store).fetch(
        [
            *ends["subject"],
            *ends["object"],
            *(r["outlet"] for r in records),
            *(r["publisher"] for r in records),
        ]
    )
    subject_label = " / ".join(labels(s) for s in ends["subject"])
    object_label = " / ".join(labels(o) for o in ends["object"])
    rows = [
        EvidenceRow(
            subject=subject_label,
            predicate=cv.local(r["predicate"]) or "",
            object=object_label,
            status=cv.local(r["status"]),
            modality=cv.local(r["modality"]) or "",
            sentence=str(r["sentence"]),
            source=str(r["source"]),
            title=cv.text(r["title"]),
            outlet=labels(r["outlet"]) if r["outlet"] is not None else None,
            publisher=labels(r["publisher"]) if r["publisher"] is not None else None,
            confidence=cv.number(r["confidence"]),
            date=cv.date(r["date"]),
            precision=cv.local(r["precision"]),
            extracted_by=cv.text(r["extractedBy"]),
            char_start=cv.integer(r["start"]),
            char_end=cv.integer(r["end"]),
            article=str(r["article"]),
            claim=str(r["claim"]),
        )
        for r in records
    ]
    return RowSet("evidence", _one_per_statement(rows), [sparql], EvidenceRow)


def _one_per_statement(rows: list[EvidenceRow]) -> list[EvidenceRow]:
    """Return the rows with one per statement in an article, keeping the one with a status.

    A sentence that grants an approval gives two claims, the relation
    (``conditionallyApproves``) and the approval's status; both are the same evidence,
    and listing both made one article look like two.
    """
    kept: dict[tuple[object, ...], EvidenceRow] = {}
    for row in rows:
        key = (row.article, row.sentence, row.predicate, row.modality)
        if key not in kept or (kept[key].status is None and row.status is not None):
            kept[key] = row
    return list(kept.values())
