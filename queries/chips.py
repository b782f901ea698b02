"""Chip helpers: who restricts a chip, which chips outperform which, who makes them.

Examples
--------
>>> from chipkg.queries.chips import restrictions
>>> [(r.regulator, r.state) for r in restrictions(store, chip="H200")]  # doctest: +SKIP
[('Chinese customs', 'in force'), ('US government', 'planned')]
"""

from __future__ import annotations

from rdflib.term import Identifier

from chipkg.graph.store import Store
from chipkg.ontology.models import Modality
from chipkg.ontology.vocabulary import CKG
from chipkg.queries import conversion as cv
from chipkg.queries.paging import DEFAULT_LIMIT, run_listing
from chipkg.queries.rows import MakerRow, OutperformsRow, RestrictionRow, RowSet

#: What a restriction's modality says about it.
RESTRICTION_STATE = {
    "Asserted": "in force",
    "Reported": "in force",
    "Planned": "planned",
    "Negated": "denied",
}


def restrictions(
    store: Store,
    *,
    chip: str | None = None,
    regulator: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> RowSet[RestrictionRow]:
    """Return who restricts which chip, one row per regulator, chip and state.

    ``state`` is "in force" (asserted or reported), "planned" (considered, expected)
    or "denied" (an article says there is no such restriction). Rows come a page at
    a time (``limit`` rows from ``offset``, ``limit=None`` for all; see
    :mod:`chipkg.queries.paging`), sorted by chip, in force first, then regulator.
    """
    sparql, result, page = run_listing(
        store, "restrictions", limit=limit, offset=offset, chip=chip, regulator=regulator
    )
    records = result.dicts()
    labels = cv.Labels(store).fetch(
        iri for r in records for iri in (r["regulator"], r["chip"], *cv.split(r["outlets"]))
    )
    rows = []
    for r in records:
        modality = cv.local(r["modality"]) or ""
        rows.append(
            RestrictionRow(
                regulator=labels(r["regulator"]),
                regulator_iri=str(r["regulator"]),
                chip=labels(r["chip"]),
                chip_iri=str(r["chip"]),
                state=RESTRICTION_STATE.get(modality, modality),
                modality=modality,
                articles=cv.integer(r["articles"]) or 0,
                sources=sorted(set(cv.split(r["sources"]))),
                outlets=sorted({labels(o) for o in cv.split(r["outlets"])}),
                dates=cv.iso_dates(r["dates"]),
                sentences=cv.split(r["sentences"]),
            )
        )
    rows = _merge_states(rows)
    rows.sort(key=lambda row: (row.chip, row.state != "in force", row.regulator))
    return RowSet("restrictions", rows, sparql, RestrictionRow, page)


def _merge_states(rows: list[RestrictionRow]) -> list[RestrictionRow]:
    """Return one row per regulator, chip and state (asserted + reported = in force)."""
    merged: dict[tuple[str, str, str], RestrictionRow] = {}
    for row in rows:
        key = (row.regulator_iri, row.chip_iri, row.state)
        if key not in merged:
            merged[key] = row
            continue
        old = merged[key]
        merged[key] = old.model_copy(
            update={
                "modality": "; ".join(sorted({*old.modality.split("; "), row.modality})),
                "articles": old.articles + row.articles,
                "sources": sorted({*old.sources, *row.sources}),
                "outlets": sorted({*old.outlets, *row.outlets}),
                "dates": sorted({*old.dates, *row.dates}),
                "sentences": old.sentences + [t for t in row.sentences if t not in old.sentences],
            }
        )
    return list(merged.values())


def _factor(value: Identifier | None) -> float | None:
    """Return the largest stated factor, or None when no claim states one (the query's -1)."""
    factor = cv.number(value)
    return factor if factor is not None and factor > 0 else None


def outperforms(
    store: Store,
    *,
    chip: str | None = None,
    other: str | None = None,
    include_negated: bool = False,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> RowSet[OutperformsRow]:
    """Return which chips outperform which, with the largest factor an article states.

    Claims an article negates ("is not faster than") are left out unless
    ``include_negated``. Paged like :func:`restrictions`.
    """
    hidden = None if include_negated else CKG[Modality.Negated.value]
    sparql, result, page = run_listing(
        store, "outperforms", limit=limit, offset=offset, chip=chip, other=other, hidden=hidden
    )
    records = result.dicts()
    labels = cv.Labels(store).fetch(iri for r in records for iri in (r["chip"], r["other"]))
    rows = [
        OutperformsRow(
            chip=labels(r["chip"]),
            chip_iri=str(r["chip"]),
            other=labels(r["other"]),
            other_iri=str(r["other"]),
            factor=_factor(r["maxFactor"]),
            modality=cv.local(r["modality"]) or "",
            articles=cv.integer(r["articles"]) or 0,
            sources=sorted(set(cv.split(r["sources"]))),
            sentences=cv.split(r["sentences"]),
        )
        for r in records
        if include_negated or cv.local(r["modality"]) != "Negated"
    ]
    return RowSet("outperforms", rows, sparql, OutperformsRow, page)


def makers(
    store: Store,
    *,
    chip: str | None = None,
    maker: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> RowSet[MakerRow]:
    """Return which companies make which chips (stated or reported claims).

    Paged like :func:`restrictions`.
    """
    sparql, result, page = run_listing(
        store, "makers", limit=limit, offset=offset, chip=chip, maker=maker
    )
    records = result.dicts()
    labels = cv.Labels(store).fetch(iri for r in records for iri in (r["maker"], r["chip"]))
    rows = [
        MakerRow(
            maker=labels(r["maker"]),
            maker_iri=str(r["maker"]),
            chip=labels(r["chip"]),
            chip_iri=str(r["chip"]),
            articles=cv.integer(r["articles"]) or 0,
            sources=sorted(set(cv.split(r["sources"]))),
            sentences=cv.split(r["sentences"]),
        )
        for r in records
    ]
    return RowSet("makers", rows, sparql, MakerRow, page)
