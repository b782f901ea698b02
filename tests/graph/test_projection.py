"""The networkx projection: typed nodes, stated facts as edges with their evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pytest

from chipkg.graph.projection import neighbourhood, project
from chipkg.graph.store import Store

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "queries" / "chips.trig"
ENT = "https://w3id.org/chipkg/id/"


@pytest.fixture
def graph(store: Store) -> nx.MultiDiGraph:
    with FIXTURE.open("rb") as data:
        store.load(data, "trig")
    return project(store)


def test_nodes_are_typed_entities_with_labels(graph: nx.MultiDiGraph) -> None:
    gov = graph.nodes[ENT + "chinese-government"]
    assert gov["label"] == "Chinese government"
    assert gov["kind"] == "Regulator"
    assert set(gov["aliases"]) == {"Beijing", "China", "Chinese authorities"}
    assert gov["articles"] == 3
    assert graph.nodes[ENT + "nvidia"]["wikidata"] == "Q182477"
    assert not any(str(n).startswith("https://w3id.org/chipkg/article/") for n in graph)


def test_edges_merge_claims_across_articles(graph: nx.MultiDiGraph) -> None:
    edge = graph.edges[ENT + "chinese-government", ENT + "alibaba", "conditionallyApproves"]
    assert edge["articles"] == 2
    assert edge["claims"] == 4  # two relation claims and two approval claims
    assert edge["sources"] == ["/corpus/a1.txt", "/corpus/a2.txt"]
    assert edge["outlets"] == ["Reuters", "The Information"]
    assert edge["chips"] == ["H200"]
    assert len(edge["conditions"]) == 2
    assert edge["modality"] == ["Reported"]
    assert edge["first_date"] == "2026-01-28" and edge["last_date"] == "2026-01-30"
    out = graph.edges[ENT + "h200", ENT + "h20", "outperforms"]
    assert out["factor"] == 6.0 and out["predicate_iri"].endswith("#outperforms")


def test_dates_are_shown_as_precisely_as_they_are_known(graph: nx.MultiDiGraph) -> None:
    visit = graph.edges[ENT + "jensen-huang", ENT + "china", "visited"]  # "in January"
    assert visit["dates"] == ["2026-01"] and visit["first_date"] == "2026-01"


def test_only_stated_or_reported_facts_are_edges(graph: nx.MultiDiGraph) -> None:
    # Planned restriction, negated approval and negated comparison are claims only.
    assert not graph.has_edge(ENT + "us-government", ENT + "h200")
    assert not graph.has_edge(ENT + "h20", ENT + "ascend-910c")
    assert "approves" not in graph.get_edge_data(ENT + "chinese-government", ENT + "bytedance")
    assert not any(k == "mentionedIn" for _, _, k in graph.edges(keys=True))


def test_date_range_filters_evidence(store: Store) -> None:
    with FIXTURE.open("rb") as data:
        store.load(data, "trig")
    g = project(store, since=dt.date(2026, 1, 29), include_isolated=False)
    assert (
        g.edges[ENT + "chinese-government", ENT + "alibaba", "conditionallyApproves"]["articles"]
        == 1
    )
    assert not g.has_edge(ENT + "chinese-customs", ENT + "h200")


def test_neighbourhood(graph: nx.MultiDiGraph) -> None:
    sub = neighbourhood(graph, ENT + "h200", depth=1)
    assert set(sub) == {ENT + s for s in ("h200", "h20", "nvidia", "chinese-customs")}
    assert neighbourhood(graph, "nowhere").number_of_nodes() == 0


def test_empty_store_projects_to_empty_graph(store: Store) -> None:
    assert project(store).number_of_nodes() == 0
