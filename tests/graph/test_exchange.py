"""GraphML and GEXF export of the projection, read back with networkx."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

from chipkg.graph.exchange import exchange_graph, format_for_path, write_exchange
from chipkg.graph.projection import project
from chipkg.graph.store import Store
from chipkg.ontology.errors import ChipKGError

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "queries" / "chips.trig"
READERS = {
    "graphml": lambda path: nx.read_graphml(path, force_multigraph=True),
    "gexf": nx.read_gexf,
}


@pytest.fixture
def graph(store: Store) -> nx.MultiDiGraph:
    with FIXTURE.open("rb") as data:
        store.load(data, "trig")
    g = project(store)
    # Article text may hold characters XML cannot carry.
    g.nodes["https://w3id.org/chipkg/id/h200"]["label"] = "H200\x0b\x01"
    return g


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_round_trip_keeps_nodes_edges_and_attributes(
    graph: nx.MultiDiGraph, fmt: str, tmp_path: Path
) -> None:
    path = tmp_path / f"chips.{fmt}"
    write_exchange(graph, path, format_for_path(path))
    back = READERS[fmt](path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    node = back.nodes["https://w3id.org/chipkg/id/chinese-government"]
    assert node["kind"] == "Regulator"
    assert "Beijing" in node["aliases"]
    h200 = back.nodes["https://w3id.org/chipkg/id/h200"]
    assert h200["label"] == "H200"
    data = back.get_edge_data(
        "https://w3id.org/chipkg/id/chinese-government", "https://w3id.org/chipkg/id/alibaba"
    )
    if back.is_multigraph():
        (data,) = data.values()
    assert data["predicate"] == "conditionallyApproves"
    assert int(data["claims"]) == 4
    assert "Reuters" in data["outlets"]


def test_exchange_graph_has_only_scalars(graph: nx.MultiDiGraph) -> None:
    safe = exchange_graph(graph)
    for _, data in safe.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    for _, _, data in safe.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
        assert data["label"] == data["predicate"]


def test_mixed_types_become_one_type() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", score=1)
    g.add_node("b", score=2.5)
    g.add_node("c", note=3)
    g.add_node("d", note="three")
    out = io.BytesIO()
    write_exchange(g, out, "graphml")
    back = nx.read_graphml(io.BytesIO(out.getvalue()))
    assert back.nodes["a"]["score"] == 1.0 and back.nodes["d"]["note"] == "three"


def test_unknown_extension_is_refused() -> None:
    with pytest.raises(ChipKGError, match="graphml"):
        format_for_path("graph.png")
