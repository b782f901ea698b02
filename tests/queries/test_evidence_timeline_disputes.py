"""Evidence, timeline and disputes helpers."""

from __future__ import annotations

import datetime as dt

from chipkg.graph.store import Store
from chipkg.queries.disputes import disputes
from chipkg.queries.evidence import evidence
from chipkg.queries.timeline import timeline


def test_evidence_for_a_direct_fact(kg: Store) -> None:
    rows = evidence(kg, "H200", "H20", predicate="outperforms")
    assert len(rows) == 1
    (row,) = rows
    assert row.sentence == "The H200 is almost six times as powerful as the H20."
    assert row.source == "/corpus/a2.txt"
    assert row.modality == "Asserted"
    assert row.date == dt.date(2026, 1, 30)
    assert row.char_start == 107 and row.char_end == 159


def test_evidence_for_an_approval_includes_every_side(kg: Store) -> None:
    rows = evidence(kg, "Beijing", "ByteDance", predicate="approves")
    seen = {(r.predicate, r.status, r.modality) for r in rows}
    assert ("conditionallyApproves", "Conditional", "Reported") in seen
    assert ("approves", "UnderReview", "Asserted") in seen
    assert ("approves", None, "Negated") in seen
    assert {r.outlet for r in rows} >= {"Reuters"}
    assert all(r.subject == "Chinese government" and r.object == "ByteDance" for r in rows)


def test_one_statement_is_one_row_of_evidence(kg: Store) -> None:
    # The approval's status and its conditionallyApproves relation come from the
    # same sentences: each sentence is one piece of evidence, with its status.
    rows = evidence(kg, "Chinese government", "Alibaba", predicate="conditionallyApproves")
    keys = [(r.article, r.sentence) for r in rows]
    assert len(keys) == len(set(keys)) == 2
    assert {r.status for r in rows} == {"Conditional"}


def test_evidence_for_firm_and_chip_uses_the_approval(kg: Store) -> None:
    rows = evidence(kg, "ByteDance", "H200")
    assert {r.status for r in rows} == {"Conditional", "UnderReview"}


def test_timeline_of_an_entity_is_ordered_and_skips_mentions(kg: Store) -> None:
    rows = timeline(kg, entity="H20")
    assert [r.date for r in rows] == [
        dt.date(2025, 9, 17),
        dt.date(2026, 1, 30),
        dt.date(2026, 1, 30),
    ]
    assert rows[0].predicate == "restricts"
    assert {r.predicate for r in rows[1:]} == {"makes", "outperforms"}
    assert all(r.predicate != "mentionedIn" for r in timeline(kg))


def test_timeline_range_takes_months(kg: Store) -> None:
    rows = timeline(kg, since="2026-01", until="2026-01")
    assert rows and all(dt.date(2026, 1, 1) <= r.date <= dt.date(2026, 1, 31) for r in rows)
    assert any(r.subject == "Chinese government" and "ByteDance" in r.object for r in rows)
    assert not timeline(kg, since="2027")


def test_disputes_show_both_sides(kg: Store) -> None:
    rows = disputes(kg)
    sides = {(r.subject, r.relation, r.object, r.position) for r in rows}
    assert sides == {
        ("ByteDance", "approves", "H200", "approved"),
        ("ByteDance", "approves", "H200", "under review"),
        ("Chinese government", "approves", "ByteDance", "negated"),
        ("Chinese government", "approves", "ByteDance", "stated"),
    }
    review = next(r for r in rows if r.position == "under review")
    assert review.sources == ["https://example.org/news/a3"]
    assert "still being assessed" in review.sentences[0]
    approved = next(r for r in rows if r.position == "approved")
    assert approved.dates == ["2026-01-28"]  # when its article was published
    assert review.dates == []  # a3 has no date
