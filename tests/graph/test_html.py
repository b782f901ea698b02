"""The HTML graph is one offline file: vis-network in-line, nothing fetched, text escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from chipkg.graph.html import (
    GraphView,
    drawn_edges,
    find_node,
    project_view,
    render,
    render_store,
    select,
)
from chipkg.graph.projection import (
    find_entity,
    neighbourhood_entities,
    project,
    ranked_entities,
)
from chipkg.graph.store import Store, open_store
from chipkg.ontology.errors import ChipKGError
from chipkg.ontology.models import Relation
from chipkg.ontology.vocabulary import CKG_IRI, ENT_IRI

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "endpoint" / "small.trig"
EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?(?:https?:)?//""", re.I
)


@pytest.fixture(scope="module")
def kg() -> Store:
    store = open_store("memory")
    with FIXTURE.open("rb") as data:
        store.load(data, "trig")
    return store


def _data(html: str) -> dict:  # type: ignore[type-arg]
    block = html.split('<script id="graph-data" type="application/json">', 1)[1]
    return json.loads(block.split("</script>", 1)[0])


def test_page_is_self_contained(kg: Store) -> None:
    html = render_store(kg)
    assert not EXTERNAL.search(html)
    assert "vis.Network" in html and "DataSet" in html  # vis-network is in-line
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)  # everything in-line
    assert not re.search(r"<link[^>]*\bhref\s*=", html, re.I)


def test_markup_from_articles_stays_text(kg: Store) -> None:
    html = render_store(kg)
    assert "<img src=x" not in html
    assert "<script>alert" not in html
    data = _data(html)
    labels = {n["label"] for n in data["nodes"]}
    assert "<img src=x onerror=alert(1)>" in labels  # intact once decoded, as text
    sentences = [s for e in data["edges"] for s in e["evidence"]["sentences"]]
    assert "<script>alert('evidence')</script> wants H200 & more" in sentences


def test_counts_classes_and_styles(kg: Store) -> None:
    data = _data(render_store(kg))
    graph = project_view(kg, GraphView())
    assert len(data["nodes"]) == graph.number_of_nodes() == 9
    kinds = {item["kind"] for item in data["legend"]}
    assert {"Regulator", "Company", "Chip", "NewsOutlet"} <= kinds
    by_relation = {e["relation"]: e for e in data["edges"]}
    conditional = by_relation["conditionallyApproves"]
    assert conditional["dashes"] is True
    assert conditional["evidence"]["emphasis"] == "conditional approval"
    assert by_relation["restricts"]["evidence"]["emphasis"] == "restriction"
    assert by_relation["restricts"]["width"] > by_relation["makes"]["width"]
    assert by_relation["outperforms"]["evidence"]["factor"] == 6.0
    assert by_relation["restricts"]["evidence"]["sources"] == ["tests/data/endpoint/a2.txt"]


def test_layout_settles_then_stops(kg: Store) -> None:
    data = _data(render_store(kg))
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    big = nx.MultiDiGraph()
    for i in range(2000):
        big.add_node(f"https://w3id.org/chipkg/id/n{i}", label=f"n{i}", kind="Company")
    options = _data(render(big))["options"]
    assert options["physics"]["stabilization"]["iterations"] <= 150
    assert options["layout"]["improvedLayout"] is False


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (GraphView(focus="H20", depth=1), {"H20", "H200"}),
        (
            GraphView(focus="h20", depth=2),
            {"H20", "H200", "Nvidia", "US Commerce Department", "<img src=x onerror=alert(1)>"},
        ),
        (GraphView(focus="Beijing", depth=1), {"Chinese government", "ByteDance", "Alibaba"}),
        (GraphView(chip="H20"), {"H20", "H200"}),
        (
            GraphView(chip="h200"),
            {"H200", "H20", "Nvidia", "US Commerce Department", "<img src=x onerror=alert(1)>"},
        ),
        (GraphView(focus="H200", chip="H20", depth=1), {"H20", "H200"}),
        (GraphView(since="2026-02-01"), None),
    ],
)
def test_views(kg: Store, view: GraphView, expected: set[str] | None) -> None:
    graph = project_view(kg, view)
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    if expected is not None:
        assert labels == expected
    else:
        relations = {k for _, _, k in graph.edges(keys=True)}
        assert "makes" not in relations and "restricts" in relations
        assert all(graph.degree(n) > 0 for n in graph)  # entities with evidence in range


def test_a_big_graph_is_cut_to_its_most_connected_entities(kg: Store) -> None:
    ranked, total = ranked_entities(kg, 3)
    whole = project_view(kg, GraphView(max_entities=0))
    cut = project_view(kg, GraphView(max_entities=3))
    assert set(cut.nodes) == set(ranked)  # only those were fetched
    assert all(data == whole.edges[u, v, k] for u, v, k, data in cut.edges(keys=True, data=True))
    assert {(u, v, k) for u, v, k in whole.edges(keys=True) if u in ranked and v in ranked} == set(
        cut.edges(keys=True)
    )  # every fact between them, with the same evidence as in the whole graph
    page = render(cut)
    assert f"the 3 most connected of {total} entities" in page
    assert "--max-entities" in page
    assert project_view(kg, GraphView()).number_of_nodes() == whole.number_of_nodes()  # < 2,000
    assert "most connected" not in render(whole)


def _told(counts: dict[tuple[str, str, str], int]) -> nx.MultiDiGraph:
    """Return a graph whose facts ``(u, relation, v)`` are told by the given numbers of articles."""
    graph = nx.MultiDiGraph()
    for (u, relation, v), articles in counts.items():
        graph.add_edge(u, v, key=relation, predicate=relation, articles=articles, claims=articles)
    return graph


@pytest.mark.parametrize(
    ("limit", "kept"),
    [
        (0, {"a makes x", "gov conditionallyApproves a", "b makes y", "c makes z"}),  # 0: all
        (9, {"a makes x", "gov conditionallyApproves a", "b makes y", "c makes z"}),
        (2, {"gov conditionallyApproves a", "b makes y"}),
        (1, {"gov conditionallyApproves a"}),
    ],
)
def test_a_page_draws_the_best_attested_facts(limit: int, kept: set[str]) -> None:
    counts = {
        ("a", "makes", "x"): 1,
        ("gov", "conditionallyApproves", "a"): 5,
        ("gov", "approves", "a"): 5,  # materialised: drawn as the conditional one
        ("b", "makes", "y"): 3,
        ("c", "makes", "z"): 1,
    }
    graph = _told(counts)
    page = select(graph, GraphView(max_facts=limit))
    assert {f"{u} {r} {v}" for u, v, r, _ in drawn_edges(page)} == kept
    assert ("gov", "a", "approves") in page.edges  # the twin stays with its conditional edge
    assert set(page.nodes) == set(graph.nodes)  # every entity stays
    counts_line = render(page)
    if len(kept) < 4:
        assert f"the {len(kept)} best attested of 4 facts" in counts_line
        assert "--max-facts" in counts_line
    else:
        assert "best attested" not in counts_line


def test_entities_rank_by_the_facts_they_take_part_in(kg: Store) -> None:
    relations = {CKG_IRI + r.value for r in Relation if r is not Relation.mentionedIn}
    edges = {(str(s), str(o), str(p)) for s, p, o, _ in kg.quads() if str(p) in relations}
    facts: dict[str, int] = {}
    for s, o, _ in edges:
        for end in (s, o):
            facts[end] = facts.get(end, 0) + 1
    expected = sorted(facts, key=lambda e: (-facts[e], e))
    ranked, total = ranked_entities(kg, 4)
    assert ranked == expected[:4]
    assert total == len({str(q[0]) for q in kg.quads() if str(q[1]) == CKG_IRI + "mentionedIn"})


@pytest.mark.parametrize(
    "view",
    [
        GraphView(focus="H20", depth=2),
        GraphView(focus="Beijing", depth=1),
        GraphView(chip="H200"),
        GraphView(focus="H200", chip="H20", depth=1),
        GraphView(since="2026-02-01"),
    ],
    ids=repr,
)
def test_a_view_fetched_in_part_is_the_view_of_the_whole(kg: Store, view: GraphView) -> None:
    since = view.since_date()
    whole = select(project(kg, since=since, include_isolated=since is None), view)
    part = project_view(kg, view)
    assert set(part.nodes) == set(whole.nodes)
    assert list(part.edges(keys=True, data=True)) == list(whole.edges(keys=True, data=True))


@pytest.mark.parametrize(
    ("name", "key"),
    [("h20", "h20"), ("Beijing", "china"), ("BYTEDANCE", "bytedance"), ("B300", None)],
)
def test_a_focus_is_found_in_the_store(kg: Store, name: str, key: str | None) -> None:
    found = find_entity(kg, name)
    assert found == (ENT_IRI + key if key else None)


def test_a_focus_fetches_only_its_neighbourhood(kg: Store) -> None:
    near = neighbourhood_entities(kg, ENT_IRI + "h20", 1)
    assert near == {ENT_IRI + "h20", ENT_IRI + "h200"}
    assert neighbourhood_entities(kg, ENT_IRI + "h20", 0) == {ENT_IRI + "h20"}
    assert set(project_view(kg, GraphView(focus="H20", depth=1)).nodes) == near


def test_the_page_counts_the_facts_it_draws() -> None:
    graph = nx.MultiDiGraph()
    for node, kind in (("gov", "Regulator"), ("firm", "Company"), ("chip", "Chip")):
        graph.add_node(node, label=node, kind=kind)
    graph.add_edge("gov", "firm", key="conditionallyApproves", predicate="conditionallyApproves")
    graph.add_edge("gov", "firm", key="approves", predicate="approves")  # materialised
    graph.add_edge("firm", "chip", key="seeksToBuy", predicate="seeksToBuy")
    assert [r for _, _, r, _ in drawn_edges(graph)] == ["conditionallyApproves", "seeksToBuy"]
    assert "3 entities · 2 facts" in render(graph)


def _widely_told(articles: int) -> nx.MultiDiGraph:
    """Return one fact told by ``articles`` articles, each from its own source."""
    graph = nx.MultiDiGraph()
    graph.add_node("firm", label="firm", kind="Company")
    graph.add_node("chip", label="chip", kind="Chip")
    sources = [f"wire/{n:03d}.txt" for n in range(articles)]
    graph.add_edge("firm", "chip", key="makes", predicate="makes", sources=sources)
    return graph


@pytest.mark.parametrize(("articles", "listed", "more"), [(3, 3, 0), (10, 10, 0), (25, 10, 15)])
def test_a_tooltip_lists_the_first_sources_and_counts_the_rest(
    articles: int, listed: int, more: int
) -> None:
    evidence = _data(render(_widely_told(articles)))["edges"][0]["evidence"]
    assert evidence["sources"] == [f"wire/{n:03d}.txt" for n in range(listed)]
    assert evidence.get("sources_more", 0) == more


def test_unknown_focus_names_some_entities(kg: Store) -> None:
    with pytest.raises(ChipKGError, match=r"no entity named 'B300'.*H200"):
        find_node(project_view(kg, GraphView()), "B300")
    with pytest.raises(ChipKGError, match="not a date"):
        project_view(kg, GraphView(since="last week"))


def test_viz_command_writes_one_file(tmp_path: Path) -> None:
    from chipkg.cli import cli

    store_dir = tmp_path / "store"
    with open_store("oxigraph", store_dir) as store, FIXTURE.open("rb") as data:
        store.load(data, "trig")
    out = tmp_path / "g.html"
    result = CliRunner().invoke(
        cli, ["viz", "--store", str(store_dir), "-o", str(out), "--focus", "H200", "--depth", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "entities" in result.output
    assert "most connected" not in result.output
    data = _data(out.read_text(encoding="utf-8"))
    assert {n["label"] for n in data["nodes"]} >= {"H200", "H20", "Nvidia"}
    assert not EXTERNAL.search(out.read_text(encoding="utf-8"))


def test_viz_command_says_what_it_leaves_out(tmp_path: Path) -> None:
    from chipkg.cli import cli

    store_dir = tmp_path / "store"
    with open_store("oxigraph", store_dir) as store, FIXTURE.open("rb") as data:
        store.load(data, "trig")
    out = tmp_path / "g.html"
    args = ["viz", "--store", str(store_dir), "-o", str(out), "--max-entities", "2"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "wrote 2 entities (the most connected of " in result.output
    assert len(_data(out.read_text(encoding="utf-8"))["nodes"]) == 2
    refused = CliRunner().invoke(cli, [*args[:-1], "-1"])
    assert refused.exit_code == 2
    few = CliRunner().invoke(cli, [*args[:-2], "--max-facts", "1"])
    assert few.exit_code == 0, few.output
    assert "and 1 facts (the best attested of " in few.output
    assert len(_data(out.read_text(encoding="utf-8"))["edges"]) == 1
