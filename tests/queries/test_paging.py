"""Paged listings: pages add up to the whole listing, the 'more' flag, bad pages, pass-through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import chipkg
from chipkg.graph.store import Store
from chipkg.ontology.errors import QueryError
from chipkg.queries.catalog import helpers, listings
from chipkg.queries.paging import DEFAULT_LIMIT, check_page
from chipkg.queries.rows import Page

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "queries" / "chips.trig"

LISTINGS = [
    "conditionally-approved",
    "approvals",
    "conditions",
    "restrictions",
    "outperforms",
    "makers",
    "disputes",
    "timeline",
]


def _key(row: Any) -> str:
    return row.model_dump_json()


def _pages(kg: Store, helper: str, limit: int, **args: Any) -> list[list[Any]]:
    pages, offset = [], 0
    while True:
        rows = helpers.get(helper)(kg, limit=limit, offset=offset, **args)
        assert rows.page.limit == limit and rows.page.offset == offset
        pages.append(list(rows))
        if not rows.page.more:
            return pages
        assert rows.page.next_offset == offset + limit
        offset = rows.page.next_offset
        assert len(pages) < 100, "paging does not end"


def test_the_catalog_knows_every_paged_listing() -> None:
    assert sorted(listings()) == sorted(LISTINGS)


@pytest.mark.parametrize("helper", LISTINGS)
@pytest.mark.parametrize("limit", [1, 2])
def test_pages_add_up_to_every_row_without_duplicates_or_gaps(
    kg: Store, helper: str, limit: int
) -> None:
    every = helpers.get(helper)(kg, limit=None)
    assert len(every) > 0 and not every.page.more and every.page.limit is None
    pages = _pages(kg, helper, limit)
    joined = [_key(r) for page in pages for r in page]
    assert len(joined) == len(set(joined)), "a row came on two pages"
    assert sorted(joined) == sorted(_key(r) for r in every)
    if helper != "disputes":  # disputes pages count facts, each with all its sides
        assert all(len(page) == limit for page in pages[:-1])
        assert len(pages) == -(-len(every) // limit)


def test_timeline_pages_keep_the_order_of_the_whole_timeline(kg: Store) -> None:
    for args in ({}, {"entity": "H20"}, {"since": "2026"}):
        every = [_key(r) for r in helpers.get("timeline")(kg, limit=None, **args)]
        paged = [_key(r) for page in _pages(kg, "timeline", 2, **args) for r in page]
        assert paged == every


def test_timeline_of_everything_starts_with_the_newest_article(kg: Store) -> None:
    rows = helpers.get("timeline")(kg, limit=3)
    issued = {
        str(r[0]): str(r[1])
        for r in kg.query("SELECT ?s ?d WHERE { ?a dcterms:source ?s ; dcterms:issued ?d }").rows
    }
    newest = max(issued.values())
    assert rows and issued[rows[0].source] == newest


@pytest.mark.parametrize("helper", LISTINGS)
def test_one_page_holding_every_row_is_the_whole_listing_in_its_order(
    kg: Store, helper: str
) -> None:
    every = helpers.get(helper)(kg, limit=None)
    page = helpers.get(helper)(kg, limit=1000)
    assert not page.page.more
    if helper == "timeline":  # the whole timeline is one order; a page keeps it
        assert [_key(r) for r in page] == [_key(r) for r in every]
    else:  # a page is sorted like the whole listing
        assert [_key(r) for r in page] == [_key(r) for r in every]


@pytest.mark.parametrize("helper", LISTINGS)
def test_more_flag_says_whether_a_row_follows(kg: Store, helper: str) -> None:
    every = helpers.get(helper)(kg, limit=None)
    facts = len(every) if helper != "disputes" else len({(r.subject, r.object) for r in every})
    exact = helpers.get(helper)(kg, limit=facts)
    assert not exact.page.more and exact.page.next_offset is None
    if facts > 1:
        short = helpers.get(helper)(kg, limit=facts - 1)
        assert short.page.more and short.page.next_offset == facts - 1
        last = helpers.get(helper)(kg, limit=facts - 1, offset=facts - 1)
        assert not last.page.more and len(last) >= 1
    beyond = helpers.get(helper)(kg, limit=5, offset=facts + 10)
    assert len(beyond) == 0 and not beyond.page.more


def test_filters_and_paging_combine(kg: Store) -> None:
    every = helpers.get("approvals")(kg, chip="H200", limit=None)
    pages = _pages(kg, "approvals", 1, chip="H200")
    assert sorted(_key(r) for p in pages for r in p) == sorted(_key(r) for r in every)
    assert all(r.chip == "H200" for p in pages for r in p)


def test_default_page_is_the_documented_size(kg: Store) -> None:
    rows = helpers.get("makers")(kg)
    assert rows.page == Page(limit=DEFAULT_LIMIT, offset=0, more=False)


@pytest.mark.parametrize(
    ("limit", "offset", "problem"),
    [(0, 0, "limit"), (-3, 0, "limit"), (True, 0, "limit"), (5, -1, "offset"), (5, 1.5, "offset")],
)
def test_bad_pages_are_refused(limit: Any, offset: Any, problem: str) -> None:
    with pytest.raises(QueryError, match=problem):
        check_page(limit, offset)


def test_an_offset_without_a_limit_is_refused(kg: Store) -> None:
    with pytest.raises(QueryError, match="offset needs a limit"):
        helpers.get("makers")(kg, limit=None, offset=2)


def test_page_sparql_puts_the_key_page_first_and_probes_for_more(kg: Store) -> None:
    rows = helpers.get("makers")(kg, limit=1)
    page_query, probe = rows.sparql
    assert page_query.index("LIMIT 1 OFFSET 0") < page_query.index("GROUP BY")
    assert probe.rstrip().endswith("LIMIT 1 OFFSET 1")
    every = helpers.get("makers")(kg, limit=None)
    assert len(every.sparql) == 1 and "LIMIT" not in every.sparql[0]


def test_api_ask_passes_helper_and_page_through(tmp_path: Path) -> None:
    with chipkg.open(tmp_path / "store") as kg:
        kg.import_file(FIXTURE)
        first = kg.ask("makers", limit=2)
        rest = kg.ask("makers", limit=2, offset=2)
        every = kg.ask("makers", limit=None)
        assert first.page.more and first.page.next_offset == 2
        assert sorted(_key(r) for r in [*first, *rest]) == sorted(_key(r) for r in every)
        assert [r.maker for r in kg.ask("makers", chip="H200")] == ["Nvidia"]
        with pytest.raises(QueryError, match="limit"):
            kg.ask("makers", limit=0)


def test_timeline_of_everything_keeps_claims_of_undated_articles_last(kg: Store) -> None:
    kg.update(
        "DELETE WHERE { GRAPH ?g { <https://w3id.org/chipkg/article/a1> dcterms:issued ?d } };"
        "DELETE WHERE { <https://w3id.org/chipkg/article/a1> dcterms:issued ?d }"
    )
    every = helpers.get("timeline")(kg, limit=None)
    paged = [r for page in _pages(kg, "timeline", 2) for r in page]
    assert [_key(r) for r in paged] == [_key(r) for r in every]
    undated = [i for i, r in enumerate(every) if r.source == "/corpus/a1.txt"]
    assert undated and undated[-1] == len(every) - 1  # a1's dated claims come last


def test_a_restriction_page_holds_only_its_states(kg: Store) -> None:
    # Chinese customs restricts the H200 in force (a1); a planned report of the same
    # pair gives a second row, which must come on its own page, once.
    claim = "<https://w3id.org/chipkg/article/a1#claim-planned>"
    triples = f"""{claim} rdf:subject <https://w3id.org/chipkg/id/chinese-customs> ;
        rdf:predicate ckg:restricts ; rdf:object <https://w3id.org/chipkg/id/h200> ;
        ckg:modality ckg:Planned ; ckg:sentence "Customs may also stop the H200." ;
        prov:wasDerivedFrom <https://w3id.org/chipkg/article/a1> ."""
    kg.update(f"INSERT DATA {{ GRAPH <https://w3id.org/chipkg/article/a1> {{ {triples} }} }}")
    every = helpers.get("restrictions")(kg, limit=None)
    states = {(r.regulator, r.chip, r.state) for r in every}
    assert ("Chinese customs", "H200", "planned") in states
    assert ("Chinese customs", "H200", "in force") in states
    pages = _pages(kg, "restrictions", 1)
    assert all(len(p) == 1 for p in pages[:-1])
    joined = [_key(r) for p in pages for r in p]
    assert sorted(joined) == sorted(_key(r) for r in every)
