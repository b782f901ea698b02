"""The store contract, run against every backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from chipkg.graph.backends.oxigraph import OxigraphStore, _bulk_loads
from chipkg.graph.store import GraphData, Store, backends, open_store
from chipkg.ontology.errors import QueryError, RegistryError, StoreError
from tests.conftest import LOCAL_BACKENDS
from tests.processes import run_cli
from tests.sparql_servers import oxigraph_server, virtuoso_server  # noqa: F401

EX = "https://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")
S, P, Q = URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + "q")

#: The sparql backend on real servers started on loopback (skips when one cannot start).
SPARQL_SERVERS = {"sparql-oxigraph": "oxigraph_server", "sparql-virtuoso": "virtuoso_server"}


@pytest.fixture(params=[*LOCAL_BACKENDS, *SPARQL_SERVERS])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Yield an empty store of every backend, the sparql one on each test server."""
    if request.param in SPARQL_SERVERS:
        s = open_store(request.getfixturevalue(SPARQL_SERVERS[request.param]))
        for g in list(s.graphs()):
            s.remove_graph(g)
    elif request.param == "memory":
        s = open_store("memory")
    else:
        s = open_store(request.param, tmp_path / "store")
    try:
        yield s
    finally:
        s.close()


def test_replace_graph_adds_then_replaces(store: Store) -> None:
    store.replace_graph(G1, [(S, P, Literal(1)), (S, Q, Literal("a"))])
    assert store.has_graph(G1)
    assert len(store) == 2
    store.replace_graph(G1, [(S, P, Literal(2))])
    assert len(store) == 1
    rows = store.query("SELECT ?o WHERE { ?s <https://example.org/p> ?o }").rows
    assert [r[0].toPython() for r in rows] == [2]  # type: ignore[union-attr]


def test_replace_graph_drops_the_graphs_it_supersedes(store: Store) -> None:
    store.replace_graph(G1, [(S, P, Literal(1))])
    store.replace_graph(G2, [(S, P, Literal(2))], remove=[G1])
    assert not store.has_graph(G1)
    assert set(store.graphs()) == {G2}


def test_query_sees_the_union_of_graphs(store: Store) -> None:
    store.replace_graph(G1, [(S, P, Literal(1))])
    store.replace_graph(G2, [(S, P, Literal(2))])
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.variables == ["n"]
    assert result.rows[0][0].toPython() == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("sparql", "kind"),
    [
        ("ASK { ?s ?p ?o }", "ask"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "graph"),
        ("SELECT * WHERE { ?s ?p ?o }", "select"),
    ],
)
def test_query_kinds(store: Store, sparql: str, kind: str) -> None:
    store.replace_graph(G1, [(S, P, Literal(1))])
    result = store.query(sparql)
    assert result.kind == kind
    assert len(result) == 1 or result.boolean is True


def test_predeclared_prefixes(store: Store) -> None:
    store.replace_graph(G1, [(S, URIRef("https://w3id.org/chipkg/ontology#makes"), Literal(1))])
    assert store.query("ASK { ?s ckg:makes ?o }").boolean is True


def test_bad_query_raises_query_error(store: Store) -> None:
    with pytest.raises(QueryError):
        store.query("SELEC nonsense")


def test_quads_round_trip_through_add_quads(store: Store) -> None:
    store.replace_graph(G1, [(S, P, Literal("x", lang="en")), (S, Q, Literal(3))])
    quads = sorted(store.quads())
    other = open_store("memory")
    other.add_quads(quads)
    assert sorted(other.quads()) == quads
    assert sorted(store.quads(G1)) == quads


def test_remove_graph(store: Store) -> None:
    store.replace_graph(G1, [(S, P, Literal(1))])
    store.remove_graph(G1)
    store.remove_graph(G2)  # absent: no error
    assert len(store) == 0 and not store.has_graph(G1)


def test_oxigraph_store_persists(tmp_path: Path) -> None:
    with open_store("oxigraph", tmp_path / "s") as first:
        first.replace_graph(G1, [(S, P, Literal(1))])
    with open_store(str(tmp_path / "s")) as again:
        assert len(again) == 1
        assert again.name == "oxigraph"


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    with open_store("oxigraph", tmp_path / "s") as first:
        first.replace_graph(G1, [(S, P, Literal(1))])
    with open_store("oxigraph", tmp_path / "s", read_only=True) as ro:
        assert len(ro) == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.replace_graph(G2, [])


def test_optimize_keeps_every_quad_and_readers_see_them(store: Store, tmp_path: Path) -> None:
    graphs = [GraphData(URIRef(f"{EX}g{n}"), triples=[(S, P, Literal(n))]) for n in range(3)]
    for graph in graphs:  # three bulk loads, three sets of files
        store.add_graphs([graph])
    store.optimize()
    assert len(store) == 3 and set(store.graphs()) == {g.name for g in graphs}
    assert store.query(f"ASK {{ <{S}> <{P}> 2 }}").boolean is True
    if store.name == "oxigraph":  # a reader (another process would) opens the new snapshot
        with open_store("oxigraph", store.location, read_only=True) as reader:
            assert len(reader) == 3


def test_optimize_leaves_no_snapshot_pinning_the_old_files(tmp_path: Path) -> None:
    location = tmp_path / "s"
    with open_store("oxigraph", location) as store:
        for n in range(3):  # loads whose keys interleave, as articles' do, so they overlap
            triples = [(URIRef(f"{EX}s{i}"), P, Literal(n)) for i in range(20)]
            store.add_graphs([GraphData(URIRef(f"{EX}g{n}"), triples=triples)])
            store.flush()  # publishes a snapshot of each load's files
        store.optimize()
        live = {f.stat().st_ino for f in (location / "db").glob("*.sst")}
        pinned = {f.stat().st_ino for f in (location / "snapshots").glob("*/*.sst")}
        assert pinned and pinned <= live


def test_cli_optimize(tmp_path: Path) -> None:
    location = str(tmp_path / "s")
    with open_store("oxigraph", location) as first:
        first.replace_graph(G1, [(S, P, Literal(1))])
    done = run_cli("optimize", "--store", location)
    assert done.returncode == 0 and "optimized" in done.stdout, done.stderr
    with open_store("oxigraph", location, read_only=True) as again:
        assert again.has_graph(G1)  # (the CLI also installed the ontology graph)


def test_unknown_backend_lists_the_known_ones() -> None:
    with pytest.raises(RegistryError, match=r"Available: .*memory.*oxigraph"):
        backends.get("postgres")


def test_memory_store_refuses_a_location(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="memory store keeps nothing on disk"):
        open_store("memory", tmp_path)


def test_a_triple_two_graphs_hold_stays_until_both_are_gone(store: Store) -> None:
    shared, own = (S, P, Literal("shared")), (S, Q, Literal("own"))
    store.replace_graph(G1, [shared, own])
    store.replace_graph(G2, [shared])
    store.remove_graph(G1)
    assert store.query('ASK { ?s ?p "shared" }').boolean is True
    assert store.query('ASK { ?s ?p "own" }').boolean is False
    store.replace_graph(G2, [own])
    assert store.query('ASK { ?s ?p "shared" }').boolean is False
    assert store.query('ASK { ?s ?p "own" }').boolean is True
    assert len(store) == 1


def test_update_is_seen_by_queries(store: Store) -> None:
    store.replace_graph(G1, [(S, P, Literal(1))])
    store.update(f"INSERT DATA {{ GRAPH <{G2}> {{ <{S}> <{P}> 2 }} }}")
    store.update(f"DELETE DATA {{ GRAPH <{G1}> {{ <{S}> <{P}> 1 }} }}")
    rows = store.query(f"SELECT ?o WHERE {{ <{S}> <{P}> ?o }}").rows
    assert [r[0].toPython() for r in rows] == [2]  # type: ignore[union-attr]


def _ntriples(triples: list[tuple[URIRef, URIRef, Literal | URIRef]]) -> str:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph.serialize(format="nt")


TRICKY = Literal('say "hi"\\\nline two\ttab \u00e9 \U0001f600')


@pytest.mark.parametrize("threads", [1, 3])
@pytest.mark.parametrize("as_text", [True, False])
def test_add_graphs_writes_whole_new_graphs(store: Store, as_text: bool, threads: int) -> None:
    g3 = URIRef(EX + "g3")
    graphs = {
        G1: [(S, P, Literal(1)), (S, Q, TRICKY)],
        G2: [(S, P, Literal(1)), (S, P, URIRef(EX + "o"))],  # (S, P, 1) is in both
        g3: [(URIRef(EX + "t"), P, Literal("2026-01-28", datatype=XSD.date))],
    }
    store.add_graphs(
        [
            GraphData(g, ntriples=_ntriples(t)) if as_text else GraphData(g, triples=t)
            for g, t in graphs.items()
        ],
        threads=threads,
    )
    for g, triples in graphs.items():
        assert store.has_graph(g)
        assert {q[:3] for q in store.quads(g)} == set(triples)
    assert set(store.graphs()) == set(graphs)
    assert len(store) == 5
    rows = store.query(f"SELECT ?o WHERE {{ <{S}> <{Q}> ?o }}").rows
    assert rows == [(TRICKY,)]
    # a triple two graphs hold stays until both are gone
    store.remove_graph(G1)
    assert store.query(f"ASK {{ <{S}> <{P}> 1 }}").boolean is True
    store.remove_graph(G2)
    assert store.query(f"ASK {{ <{S}> <{P}> 1 }}").boolean is False


def test_a_split_bulk_load_that_fails_names_the_graph_and_leaves_none_half_written(
    tmp_path: Path,
) -> None:
    good = [GraphData(URIRef(f"{EX}g{n}"), triples=[(S, P, Literal(n))]) for n in range(4)]
    bad = GraphData(URIRef(f"{EX}bad"), ntriples=f"<{S}> <{P}> no-such-term .\n")
    with OxigraphStore(str(tmp_path / "store")) as store:
        with pytest.raises(StoreError, match="bad"):
            store.add_graphs([*good, bad], threads=2)
        assert not store.has_graph(bad.name)
        for graph in store.graphs():  # the other load's graphs are written whole
            assert len(list(store.quads(graph))) == 1


@pytest.mark.parametrize(
    ("sizes", "parts", "expected"),
    [
        ([1, 1, 1, 1], 1, [4]),
        ([1, 1, 1, 1], 2, [2, 2]),
        ([1, 1, 1, 1, 1], 3, [2, 2, 1]),  # one load per thread
        ([1], 4, [1]),  # a graph is never cut
        ([150_000, 150_000, 10], 1, [1, 2]),  # no load over BULK_MAX_QUADS quads
    ],
)
def test_bulk_loads_split_by_thread_and_size(
    sizes: list[int], parts: int, expected: list[int]
) -> None:
    graphs = [
        GraphData(URIRef(f"{EX}g{n}"), ntriples=f"<{S}> <{P}> {n} .\n" * size)
        for n, size in enumerate(sizes)
    ]
    loads = _bulk_loads(graphs, parts)
    assert [len(load) for load in loads] == expected
    assert [graph for load in loads for graph in load] == graphs


def test_add_graphs_of_nothing_changes_nothing(store: Store) -> None:
    store.add_graphs([])
    assert len(store) == 0


def test_existing_graphs_and_subjects_by_object(store: Store) -> None:
    g3 = URIRef(EX + "g3")
    store.replace_graph(G1, [(S, P, Literal("a")), (Q, P, Literal("b"))])
    store.replace_graph(G2, [(S, P, Literal("a")), (S, Q, Literal("c"))])
    assert store.existing_graphs([G1, G2, g3]) == {G1, G2}
    assert store.existing_graphs([]) == set()
    found = store.subjects_by_object(P, [Literal("a"), Literal("b"), Literal("zzz")])
    assert sorted(found) == sorted([(S, Literal("a")), (Q, Literal("b"))])  # each pair once
    assert store.subjects_by_object(P, []) == []
    store.remove_graph(G1)
    assert store.existing_graphs([G1, G2]) == {G2}
    assert store.subjects_by_object(P, [Literal("b")]) == []
