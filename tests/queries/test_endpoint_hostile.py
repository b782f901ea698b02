"""Hostile requests: runaway queries are killed by the time limit, results are capped,
bodies and query strings are bounded, and nothing makes the server open a connection
(a loopback listener bound by the test sees none)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from chipkg.queries.endpoint import Endpoint

from .endpoint_support import Listener, build_store, listener, request, start_endpoint

__all__ = ["listener"]

pytestmark = pytest.mark.server

TOKEN = "hostile-test-token"
OK_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/chipkg/ontology#Chip> }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PATH = (
    "PREFIX ckg: <https://w3id.org/chipkg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { "
    + " . ".join(f"?a{i} (ckg:p|^ckg:p)* ?b{i}" for i in range(5))
    + " }"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    """Yield an endpoint with a short time limit, a 5-row cap and a 4 KB body limit."""
    store = build_store(tmp_path_factory.mktemp("hostile") / "store")
    server = start_endpoint(
        store, timeout=1.5, max_rows=5, max_body=4096, allow_update=True, token=TOKEN
    )
    try:
        yield server
    finally:
        server.stop()


def _get(server: Endpoint, sparql: str, accept: str = "application/sparql-results+json"):  # type: ignore[no-untyped-def]
    return request(server, "GET", f"/sparql?query={quote(sparql)}", headers={"Accept": accept})


def _still_serving(server: Endpoint) -> None:
    answer = _get(server, OK_QUERY)
    assert answer.status == 200, answer.text
    doc = json.loads(answer.body)
    # Two distinct chips: the default graph is the RDF merge (a set) of the article graphs.
    assert doc["results"]["bindings"][0]["n"]["value"] == "2"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child not yet reaped is a zombie: count it as gone.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("sparql", [CARTESIAN, PATH], ids=["cartesian", "path"])
def test_runaway_query_is_stopped(hostile: Endpoint, sparql: str) -> None:
    before = set(hostile.pool.pids())
    restarts = hostile.pool.restarts
    answer = _get(hostile, sparql)
    assert answer.status == 503
    assert "time limit" in answer.text
    assert hostile.pool.restarts == restarts + 1
    killed = before - set(hostile.pool.pids())
    assert len(killed) == 1
    assert not _alive(killed.pop())  # the query really stopped: its process is gone
    _still_serving(hostile)


def test_result_rows_are_capped(hostile: Endpoint) -> None:
    answer = _get(hostile, "SELECT * WHERE { ?s ?p ?o }")
    assert answer.status == 200
    assert len(json.loads(answer.body)["results"]["bindings"]) == 5
    assert answer.headers["x-chipkg-truncated"] == "max-rows=5"
    with_limit = _get(hostile, "SELECT * WHERE { ?s ?p ?o } LIMIT 50")
    assert len(json.loads(with_limit.body)["results"]["bindings"]) == 5
    graph = _get(hostile, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert len(graph.body.decode().strip().splitlines()) == 5
    small = _get(hostile, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    assert "x-chipkg-truncated" not in small.headers


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "ASK FROM <file:///etc/passwd> {{ ?s ?p ?o }}",
        "SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}",
    ],
)
def test_outbound_queries_are_refused(hostile: Endpoint, listener: Listener, template: str) -> None:
    answer = _get(hostile, template.format(url=listener.url))
    assert answer.status == 400
    assert "refused" in answer.text
    assert "root:" not in answer.text
    time.sleep(0.3)
    assert listener.connections == []


@pytest.mark.parametrize(
    "template",
    [
        "LOAD <{url}>",
        "LOAD SILENT <{url}> INTO GRAPH <https://w3id.org/chipkg/article/x>",
        "LOAD <file:///etc/passwd>",
        "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "DELETE {{ ?s ?p ?o }} USING <{url}> WHERE {{ ?s ?p ?o }}",
    ],
)
def test_outbound_updates_are_refused(hostile: Endpoint, listener: Listener, template: str) -> None:
    headers = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
    body = template.format(url=listener.url).encode()
    answer = request(hostile, "POST", "/sparql", body=body, headers=headers)
    assert answer.status == 400
    assert "refused" in answer.text
    time.sleep(0.3)
    assert listener.connections == []


def test_listener_does_see_connections(listener: Listener) -> None:
    """Control: the listener used above records a connection when one is made."""
    import urllib.request

    with pytest.raises(Exception):  # noqa: B017 - it answers nothing; we only need the attempt
        urllib.request.urlopen(listener.url, timeout=2)
    time.sleep(0.3)
    assert len(listener.connections) == 1


def test_protocol_dataset_outside_the_store_is_refused(hostile: Endpoint) -> None:
    target = f"/sparql?query={quote(OK_QUERY)}&default-graph-uri={quote('file:///etc/passwd')}"
    answer = request(hostile, "GET", target)
    assert answer.status == 400
    assert "refused" in answer.text


def test_bad_query_gets_the_parser_message(hostile: Endpoint) -> None:
    answer = _get(hostile, "SELECT ?s WHERE { ?s ?p }")
    assert answer.status == 400
    assert "syntax error" in answer.text.lower()
    assert "line:1" in answer.text or "col" in answer.text


def test_no_acceptable_format_is_406(hostile: Endpoint) -> None:
    assert _get(hostile, OK_QUERY, accept="image/png").status == 406
    assert _get(hostile, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/csv").status == 406


def test_oversized_body_is_413(hostile: Endpoint) -> None:
    body = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 5000).encode()
    headers = {"Content-Type": "application/sparql-query"}
    assert request(hostile, "POST", "/sparql", body=body, headers=headers).status == 413
    # A declared length over the limit is refused before any of the body is read.
    lying = {**headers, "Content-Length": str(10**12)}
    assert request(hostile, "POST", "/sparql", body=b"ASK {}", headers=lying).status == 413
    _still_serving(hostile)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/json", "multipart/form-data; boundary=x", None]
)
def test_wrong_content_type_is_415(hostile: Endpoint, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    answer = request(hostile, "POST", "/sparql", body=OK_QUERY.encode(), headers=headers)
    assert answer.status == 415


@pytest.mark.parametrize(
    "target",
    [
        "/sparql?query=%zzSELECT",
        "/sparql?query=SELECT%2",
        "/sparql?query=%FF%FE",
        "/sparql?query=" + "%E2%82" + "ASK%20%7B%7D",
        "/sparql?query=" + quote("ASK {}") + "&x=%",
    ],
)
def test_malformed_percent_encoding_is_400(hostile: Endpoint, target: str) -> None:
    answer = request(hostile, "GET", target)
    assert answer.status == 400
    assert "percent-encoding" in answer.text


@pytest.mark.parametrize("size", [5_000, 70_000, 300_000])
def test_huge_query_string_is_400(hostile: Endpoint, size: int) -> None:
    target = "/sparql?query=" + quote("ASK {}") + "%20" * (size // 3)
    answer = request(hostile, "GET", target)
    assert answer.status == 400
    _still_serving(hostile)


def test_form_body_with_bad_escapes_is_400(hostile: Endpoint) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    answer = request(hostile, "POST", "/sparql", body=b"query=%G1", headers=headers)
    assert answer.status == 400


def test_foreign_host_header_is_refused(hostile: Endpoint) -> None:
    """Bound to loopback, the server refuses names it does not own (DNS rebinding)."""
    target = f"/sparql?query={quote(OK_QUERY)}"
    assert request(hostile, "GET", target, headers={"Host": "evil.example"}).status == 403
    assert request(hostile, "GET", target, headers={"Host": "localhost:1"}).status == 200


def test_other_methods_are_405(hostile: Endpoint) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        assert request(hostile, method, "/sparql", body=b"").status == 405


def test_store_path_is_not_served(hostile: Endpoint, tmp_path: Path) -> None:
    for target in (
        "/../../etc/passwd",
        "/static/../../../etc/passwd",
        "/static/%2e%2e/endpoint.py",
    ):
        answer = request(hostile, "GET", target)
        assert answer.status == 404
        assert b"root:" not in answer.body


def test_a_graph_page_past_the_time_limit_says_how_to_get_a_smaller_one(tmp_path: Path) -> None:
    server = start_endpoint(build_store(tmp_path / "store"), timeout=0.005)  # less than a page
    try:
        answer = request(server, "GET", "/graph")
        assert answer.status == 503
        assert "time limit" in answer.text and "?focus=" in answer.text
    finally:
        server.stop()
