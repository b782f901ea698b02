"""The ``sparql`` backend against real servers on loopback (Oxigraph server, Virtuoso)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from rdflib import BNode, Literal, URIRef

from chipkg.graph.backends.sparql import Endpoints, SparqlStore, is_graph_query, nt, server_kinds
from chipkg.graph.store import Store, open_store
from chipkg.ontology.errors import QueryError, StoreError
from tests.sparql_servers import free_port, oxigraph_server, virtuoso_server  # noqa: F401

EX = "https://example.org/"
S, P, Q = URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + "q")
G1, G2, G3 = URIRef(EX + "g1"), URIRef(EX + "g2"), URIRef(EX + "g3")
TRICKY = Literal('H200 “export” \\ "licence"\nline two\ttab é 中文', lang="en")


# -- URLs and terms (no server) -------------------------------------------------
@pytest.mark.parametrize(
    ("url", "query", "update", "store"),
    [
        ("sparql+http://h:7878/", "http://h:7878/query", "http://h:7878/update",
         "http://h:7878/store"),
        ("sparql+http://h:8890?server=virtuoso", "http://h:8890/sparql", "http://h:8890/sparql",
         "http://h:8890/sparql-graph-crud"),
        ("sparql+https://h/repositories/kg?server=graphdb", "https://h/repositories/kg",
         "https://h/repositories/kg/statements", "https://h/repositories/kg/rdf-graphs/service"),
        ("sparql+http://h:3030/ds?server=fuseki&store=", "http://h:3030/ds/query",
         "http://h:3030/ds/update", None),
        ("sparql+http://h/x?query=q&update=u&store=s", "http://h/x/q", "http://h/x/u",
         "http://h/x/s"),
    ],
)  # fmt: skip
def test_url_names_endpoints(url: str, query: str, update: str, store: str | None) -> None:
    ends = Endpoints.from_url(url)
    assert (ends.query, ends.update, ends.store) == (query, update, store)


def test_url_credentials_are_taken_and_kept_out_of_endpoints() -> None:
    ends = Endpoints.from_url("sparql+http://alice:s%3Acret@h:8890/?server=virtuoso")
    assert (ends.user, ends.password) == ("alice", "s:cret")
    assert "alice" not in ends.query


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("sparql+http://h/?server=nosuch", "unknown SPARQL server kind 'nosuch'"),
        ("sparql+http://h/?colour=blue", "unknown option(s) colour"),
        ("sparql+ftp://h/", "starts with sparql+http"),
    ],
)
def test_bad_url_says_what_is_wrong(url: str, problem: str) -> None:
    with pytest.raises(StoreError, match=re.escape(problem)):
        Endpoints.from_url(url)


def test_every_server_kind_names_a_query_endpoint() -> None:
    kinds = server_kinds()
    assert {"oxigraph", "virtuoso", "fuseki", "graphdb", "neptune", "generic"} <= set(kinds)
    assert all(k.update is not None for k in kinds.values())


def test_registered_under_its_schemes() -> None:
    port = free_port()
    store = open_store(f"sparql+http://127.0.0.1:{port}/")
    assert isinstance(store, SparqlStore)
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        len(store)


def test_graph_query_forms_are_told_apart() -> None:
    assert is_graph_query("PREFIX a: <http://x/select#> CONSTRUCT { ?s ?p ?o } WHERE {}")
    assert is_graph_query("# SELECT in a comment\nDESCRIBE <http://x/>")
    assert not is_graph_query("PREFIX c: <http://x/construct#> SELECT * WHERE {}")
    assert not is_graph_query("ask { ?s ?p ?o }")


def test_nt_escapes_literals() -> None:
    assert nt(Literal('a"b\nc')) == '"a\\"b\\nc"'
    assert nt(Literal("1", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))) == (
        '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'
    )
    assert nt(BNode("x-1")).startswith("_:b")


# -- against real servers ----------------------------------------------------------
@pytest.fixture(params=["oxigraph_server", "virtuoso_server"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty sparql store on a real server (the server is shared per session)."""
    url = request.getfixturevalue(request.param)
    s = open_store(url)
    for g in list(s.graphs()):
        s.remove_graph(g)
    yield s
    s.close()


pytestmark = pytest.mark.server


def test_replace_graph_writes_and_replaces(store: Store) -> None:
    store.replace_graph(G1, [(S, P, TRICKY), (S, Q, Literal(3))])
    store.replace_graph(G2, [(S, P, Literal("other"))])
    assert len(store) == 3
    assert set(store.graphs()) == {G1, G2}
    store.replace_graph(G1, [(S, Q, Literal(4))], remove=[G2])
    assert set(store.graphs()) == {G1}
    assert {(s, p, o) for s, p, o, _ in store.quads(G1)} == {(S, Q, Literal(4))}


def test_literals_survive_the_round_trip(store: Store) -> None:
    store.replace_graph(G1, [(S, P, TRICKY)])
    ((s, p, o, g),) = list(store.quads())
    assert (s, p, o, g) == (S, P, TRICKY, G1)
    rows = store.query(f"SELECT ?o WHERE {{ <{S}> <{P}> ?o }}").rows
    assert rows == [(TRICKY,)]


def test_has_graph_and_remove_graph(store: Store) -> None:
    store.replace_graph(G1, [(S, P, Literal(1))])
    assert store.has_graph(G1)
    assert not store.has_graph(G3)
    store.remove_graph(G1)
    store.remove_graph(G3)  # absent: no error
    assert not store.has_graph(G1)
    assert len(store) == 0


def test_queries_see_the_union_of_graphs(store: Store) -> None:
    store.replace_graph(G1, [(S, P, Literal(1))])
    store.replace_graph(G2, [(S, P, Literal(2))])
    rows = store.query(f"SELECT ?o WHERE {{ <{S}> <{P}> ?o }} ORDER BY ?o").rows
    assert [r[0].toPython() for r in rows] == [1, 2]  # type: ignore[union-attr]
    assert store.query(f"ASK {{ <{S}> <{P}> 2 }}").boolean is True
    graph = store.query(f"CONSTRUCT {{ ?s <{P}> ?o }} WHERE {{ ?s <{P}> ?o }}")
    assert graph.kind == "graph"
    assert len(graph.triples) == 2


def test_queries_know_the_chipkg_prefixes(store: Store) -> None:
    store.replace_graph(G1, [(S, URIRef("https://w3id.org/chipkg/ontology#approves"), Q)])
    result = store.query("SELECT ?s WHERE { ?s ckg:approves ?o }")
    assert result.rows == [(S,)]


def test_add_quads_batches_many_graphs(store: Store) -> None:
    quads = [(URIRef(f"{EX}s{i}"), P, Literal(i), URIRef(f"{EX}g{i % 7}")) for i in range(12_000)]
    store.add_quads(quads)
    assert len(store) == 12_000
    assert len(set(store.graphs())) == 7


def test_update_runs_on_the_server(store: Store) -> None:
    store.update(f"INSERT DATA {{ GRAPH <{G3}> {{ <{S}> ckg:approves <{Q}> }} }}")
    assert store.has_graph(G3)


def test_bad_query_raises_query_error_naming_the_server(store: Store) -> None:
    with pytest.raises(QueryError, match="HTTP 400"):
        store.query("SELEC nonsense")


def test_read_only_store_refuses_writes(store: Store) -> None:
    assert store.location is not None
    reader = open_store(store.location, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        reader.replace_graph(G1, [(S, P, Literal(1))])
    assert not store.has_graph(G1)


def test_chipkg_ingests_and_answers_on_the_server(store: Store) -> None:
    import chipkg
    from chipkg.graph.html import GraphView, project_view
    from chipkg.ontology.vocabulary import ENT_IRI
    from chipkg.queries.sparql_files import load_query
    from tests.conftest import REPO

    assert store.location is not None
    articles = sorted((REPO / "examples" / "articles").iterdir())
    with chipkg.open(store.location) as kg:
        first = kg.ingest(articles)
        again = kg.ingest(articles)
        stats = kg.stats()
        _, answer = load_query("conditionally-approved").run(kg.store)
        # the queries the page, a regulator's parts and validation send to the server
        cut = project_view(kg.store, GraphView(max_entities=3))
        focused = project_view(kg.store, GraphView(focus="h200", depth=1))
        restricted = kg.ask("restrictions", regulator="Chinese government", limit=None)
        validation = kg.validate(batch_triples=500)
    assert cut.number_of_nodes() == 3 and cut.graph["entities_total"] > 3
    assert ENT_IRI + "h200" in focused and focused.number_of_nodes() > 1
    assert all(row.regulator for row in restricted)
    assert validation.conforms, validation.text()
    assert first.ok and first.count(first.outcomes[0].status) == len(articles)
    assert again.count(again.outcomes[0].status) == len(articles)  # all unchanged
    assert str(again.outcomes[0].status) == "unchanged"
    assert stats.articles == len(articles)
    assert len(answer.rows) >= 1
