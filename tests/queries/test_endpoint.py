"""The SPARQL endpoint answers real clients: SPARQLWrapper and rdflib's SPARQLStore over
GET and POST in every result format, plus the service description, /health, the query
page and SPARQL Update behind a token."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)

from chipkg.queries.endpoint import Endpoint

from .endpoint_support import build_store, endpoint, request, start_endpoint, store_dir

__all__ = ["endpoint", "store_dir"]  # fixtures used by name

pytestmark = pytest.mark.server

LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ckg: <https://w3id.org/chipkg/ontology#>
SELECT DISTINCT ?chip ?label WHERE { ?chip a ckg:Chip ; rdfs:label ?label } ORDER BY ?label"""
CHIPS = ["H20", "H200"]
ASK_TRUE = "ASK { ?s <https://w3id.org/chipkg/ontology#restricts> ?o }"
CONSTRUCT = """PREFIX ckg: <https://w3id.org/chipkg/ontology#>
CONSTRUCT { ?a ckg:restricts ?b } WHERE { ?a ckg:restricts ?b }"""
H200 = URIRef("https://w3id.org/chipkg/id/h200")
US = URIRef("https://w3id.org/chipkg/id/us-commerce")
RESTRICTS = URIRef("https://w3id.org/chipkg/ontology#restricts")

METHODS = [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)]
METHOD_IDS = ["get", "post-form", "post-direct"]


def _wrapper(endpoint: Endpoint, query: str, fmt: str, method: tuple[str, str]) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method[0])
    client.setRequestMethod(method[1])
    return client


def _labels_from(fmt: str, converted: object) -> list[str]:
    if fmt == JSON:
        assert isinstance(converted, dict)
        return [b["label"]["value"] for b in converted["results"]["bindings"]]
    if fmt == XML:
        return [
            node.firstChild.data  # type: ignore[attr-defined]
            for node in converted.getElementsByTagName("literal")  # type: ignore[attr-defined]
        ]
    text = converted.decode("utf-8") if isinstance(converted, bytes) else str(converted)
    if fmt == CSV:
        rows = list(csv.DictReader(io.StringIO(text)))
        return [r["label"] for r in rows]
    lines = text.strip().splitlines()
    assert lines[0].split("\t") == ["?chip", "?label"]
    return [line.split("\t")[1].strip('"') for line in lines[1:]]


@pytest.mark.parametrize("method", METHODS, ids=METHOD_IDS)
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(endpoint: Endpoint, fmt: str, method: tuple[str, str]) -> None:
    result = _wrapper(endpoint, LABELS, fmt, method).query()
    assert result.response.status == 200
    assert _labels_from(fmt, result.convert()) == CHIPS


@pytest.mark.parametrize("method", METHODS, ids=METHOD_IDS)
@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(endpoint: Endpoint, fmt: str, method: tuple[str, str]) -> None:
    converted = _wrapper(endpoint, ASK_TRUE, fmt, method).queryAndConvert()
    if fmt == JSON:
        assert converted == {"head": {}, "boolean": True}
    else:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_ask_as_csv_and_tsv(endpoint: Endpoint, fmt: str) -> None:
    text = _wrapper(endpoint, ASK_TRUE, fmt, METHODS[0]).queryAndConvert()
    assert isinstance(text, bytes)
    assert text.decode().split()[-1] == "true"


@pytest.mark.parametrize("method", METHODS, ids=METHOD_IDS)
@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, XML])
def test_sparqlwrapper_construct(endpoint: Endpoint, fmt: str, method: tuple[str, str]) -> None:
    converted = _wrapper(endpoint, CONSTRUCT, fmt, method).queryAndConvert()
    if isinstance(converted, bytes):
        graph = Graph().parse(data=converted, format="turtle")
    else:
        assert isinstance(converted, Graph)
        graph = converted
    assert set(graph) == {(US, RESTRICTS, H200)}


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_by_content_negotiation(
    endpoint: Endpoint, accept: str, rdflib_format: str
) -> None:
    from urllib.parse import quote

    answer = request(
        endpoint, "GET", f"/sparql?query={quote(CONSTRUCT)}", headers={"Accept": accept}
    )
    assert answer.status == 200
    assert answer.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=answer.body, format=rdflib_format)
    assert set(graph) == {(US, RESTRICTS, H200)}


def test_describe(endpoint: Endpoint) -> None:
    converted = _wrapper(
        endpoint, "DESCRIBE <https://w3id.org/chipkg/id/h20>", TURTLE, METHODS[0]
    ).queryAndConvert()
    graph = Graph().parse(data=converted, format="turtle")
    assert (URIRef("https://w3id.org/chipkg/id/h20"), None, Literal("H20")) in graph


@pytest.mark.parametrize(
    ("method", "fmt"),
    [("GET", "json"), ("POST", "json"), ("POST_FORM", "xml"), ("GET", "csv"), ("POST", "tsv")],
)
def test_rdflib_sparqlstore(endpoint: Endpoint, method: str, fmt: str) -> None:
    store = SPARQLStore(endpoint.url, method=method, returnFormat=fmt)
    graph = Graph(store)
    labels = [str(row[1]) for row in graph.query(LABELS)]  # type: ignore[index]
    assert labels == CHIPS
    if fmt in ("json", "xml"):
        assert graph.query(ASK_TRUE).askAnswer is True
    store.close()


def test_rdflib_sparqlstore_triples(endpoint: Endpoint) -> None:
    graph = Graph(SPARQLStore(endpoint.url))
    assert list(graph.triples((US, RESTRICTS, None))) == [(US, RESTRICTS, H200)]


def test_q_values_choose_the_format(endpoint: Endpoint) -> None:
    accept = "application/sparql-results+json;q=0.2, text/csv;q=0.9, */*;q=0.1"
    answer = request(endpoint, "GET", f"/sparql?query={quote(LABELS)}", headers={"Accept": accept})
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.text.splitlines()[0] == "chip,label"


def test_service_description(endpoint: Endpoint) -> None:
    sd = URIRef("http://www.w3.org/ns/sparql-service-description#")
    for target in ("/sparql", "/sparql/description"):
        answer = request(endpoint, "GET", target)
        assert answer.status == 200
        assert answer.headers["content-type"].startswith("text/turtle")
        graph = Graph().parse(data=answer.body, format="turtle")
        service = URIRef(f"http://127.0.0.1:{endpoint.port}/sparql")
        assert (service, URIRef(sd + "endpoint"), service) in graph
        formats = set(graph.objects(service, URIRef(sd + "resultFormat")))
        assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_TSV") in formats
        languages = set(graph.objects(service, URIRef(sd + "supportedLanguage")))
        assert languages == {URIRef(sd + "SPARQL11Query")}  # read-only: no Update


def test_health_counts(endpoint: Endpoint) -> None:
    answer = request(endpoint, "GET", "/health")
    assert answer.status == 200
    doc = json.loads(answer.body)
    assert doc["status"] == "ok"
    assert doc["articles"] == 2
    assert doc["claims"] == 6
    assert doc["graphs"] == 2
    assert doc["read_only"] is True
    assert doc["quads"] > 100


def test_query_page_is_local(endpoint: Endpoint) -> None:
    page = request(endpoint, "GET", "/")
    assert page.status == 200
    assert "<textarea" in page.text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page.text)
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/static/app.js", "/static/style.css"):
        assert request(endpoint, "GET", asset).status == 200


def test_examples_come_from_the_named_queries(endpoint: Endpoint) -> None:
    answer = request(endpoint, "GET", "/examples.json")
    examples = json.loads(answer.body)
    rq = sorted((Path(__file__).resolve().parents[2] / "queries" / "sparql").glob("*.rq"))
    assert len(examples) == len(rq)
    for example in examples:
        assert example["query"].strip()


def test_update_needs_the_token(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store")
    insert = (
        "INSERT DATA { GRAPH <https://w3id.org/chipkg/article/a3> { "
        "<https://w3id.org/chipkg/id/b200> a <https://w3id.org/chipkg/ontology#Chip> } }"
    )
    ask = "ASK { <https://w3id.org/chipkg/id/b200> a <https://w3id.org/chipkg/ontology#Chip> }"
    server = start_endpoint(store, allow_update=True, token="s3cret")
    try:
        headers = {"Content-Type": "application/sparql-update"}
        refused = request(server, "POST", "/sparql", body=insert.encode(), headers=headers)
        assert refused.status == 401
        wrong = {**headers, "Authorization": "Bearer nope"}
        assert request(server, "POST", "/sparql", body=insert.encode(), headers=wrong).status == 401
        right = {**headers, "Authorization": "Bearer s3cret"}
        assert request(server, "POST", "/sparql", body=insert.encode(), headers=right).status == 204
        client = SPARQLWrapper(server.url)
        client.setQuery(ask)
        client.setReturnFormat(JSON)
        assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]
    finally:
        server.stop()


def test_update_is_refused_when_read_only(endpoint: Endpoint) -> None:
    answer = request(
        endpoint,
        "POST",
        "/sparql",
        body=b"CLEAR ALL",
        headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer x"},
    )
    assert answer.status == 403
    assert "read-only" in answer.text


def test_a_graph_page_is_kept_until_the_store_changes(tmp_path: Path) -> None:
    import chipkg

    store_dir = build_store(tmp_path / "store")
    server = start_endpoint(store_dir, workers=1, timeout=30)  # one worker: one set of kept pages
    try:
        first = request(server, "GET", "/graph")
        again = request(server, "GET", "/graph")
        other = request(server, "GET", "/graph?max_entities=3")
        assert [a.status for a in (first, again, other)] == [200, 200, 200]
        assert first.headers["x-chipkg-page"] == "built"
        assert again.headers["x-chipkg-page"] == "kept"
        assert again.body == first.body
        assert other.headers["x-chipkg-page"] == "built"  # another view is another page
        article = Path(__file__).resolve().parents[1] / "data" / "api" / "approval.txt"
        with chipkg.open(store_dir) as kg:  # a writer beside the server publishes a snapshot
            assert kg.ingest([article]).count(chipkg.ArticleStatus.added) == 1
        after = request(server, "GET", "/graph")
        assert after.headers["x-chipkg-page"] == "built"
        assert after.body != first.body
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("backend", "location", "keeps"),
    [
        ("oxigraph", "/some/store", True),
        ("oxigraph", None, False),  # in memory: nothing publishes its changes
        ("sparql", "sparql+http://127.0.0.1:7878/", False),  # the server changes unseen
        ("memory", None, False),
    ],
)
def test_pages_are_kept_only_for_a_store_in_a_local_folder(
    backend: str, location: str | None, keeps: bool
) -> None:
    from chipkg.queries.query_workers import StoreSource, _WorkerState

    assert _WorkerState(StoreSource(backend, location)).keeps_pages() is keeps
