"""The static checks refuse SERVICE, LOAD and graphs outside the store, whatever the spelling."""

from __future__ import annotations

import pytest

from chipkg.queries.query_safety import (
    QuerySyntaxError,
    RefusedQueryError,
    check_query,
    check_update,
)


@pytest.mark.parametrize(
    ("sparql", "kind", "has_limit", "trailing_values"),
    [
        ("SELECT ?s WHERE { ?s a ckg:Chip }", "select", False, False),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 10 OFFSET 3", "select", True, False),
        ("SELECT * WHERE { ?s ?p ?o } VALUES ?s { 1 }", "select", False, True),
        ("ASK { ?s ?p ?o }", "ask", False, False),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3", "construct", True, False),
        ("DESCRIBE ent:h200", "describe", False, False),
        (
            "SELECT * FROM art:abc FROM NAMED <https://w3id.org/chipkg/ontology> WHERE {?s ?p ?o}",
            "select",
            False,
            False,
        ),
        ("SELECT * WHERE { ?s (ckg:rivals|^ckg:rivals)* ?o }", "select", False, False),
    ],
)
def test_allowed_queries(sparql: str, kind: str, has_limit: bool, trailing_values: bool) -> None:
    checked = check_query(sparql)
    assert (checked.kind, checked.has_limit, checked.has_trailing_values) == (
        kind,
        has_limit,
        trailing_values,
    )


@pytest.mark.parametrize(
    ("sparql", "words"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { SERVICE SILENT <http://x/> { ?s ?p ?o } }", "SERVICE"),
        ("PREFIX e: <http://evil/> SELECT * WHERE { SERVICE e:s { ?s ?p ?o } }", "SERVICE"),
        ("select * where { service <http://x/> { ?s ?p ?o } }", "SERVICE"),
        (
            "SELECT * WHERE { ?a ?b ?c OPTIONAL { SELECT * WHERE { SERVICE <http://x/> "
            "{ ?s ?p ?o } } } }",
            "SERVICE",
        ),
        ("SELECT * WHERE { ?s ?p ?o MINUS { SERVICE ?svc { ?s ?p ?o } } }", "SERVICE"),
        ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
        ("BASE <file:///etc/> SELECT * FROM <passwd> WHERE { ?s ?p ?o }", "file:///etc/passwd"),
        ("PREFIX f: <file:///etc/> ASK FROM f:passwd { ?s ?p ?o }", "file:///etc/passwd"),
        ("CONSTRUCT { ?s ?p ?o } FROM <http://x/> WHERE { ?s ?p ?o }", "FROM"),
    ],
)
def test_refused_queries(sparql: str, words: str) -> None:
    with pytest.raises(RefusedQueryError, match=words):
        check_query(sparql)


def test_protocol_dataset_is_checked() -> None:
    with pytest.raises(RefusedQueryError, match="file:///etc/passwd"):
        check_query("SELECT * WHERE { ?s ?p ?o }", default_graphs=["file:///etc/passwd"])
    with pytest.raises(RefusedQueryError, match="http://x/"):
        check_query("SELECT * WHERE { ?s ?p ?o }", named_graphs=["http://x/"])


@pytest.mark.parametrize(
    "sparql",
    [
        "SELEC * WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o ",
        # A \\u escape that closes the string early would hide a SERVICE from a naive scan;
        # the parser expands escapes first, so the text does not parse and is refused.
        'SELECT * WHERE { ?s ?p "x\\u0022 } SERVICE <http://x/> { ?a ?b ?c } #" }',
        "SELECT * WHERE " + "{ " * 3000 + "}" * 3000,
    ],
)
def test_unparseable_is_refused_with_the_parser_message(sparql: str) -> None:
    with pytest.raises(QuerySyntaxError, match="syntax error"):
        check_query(sparql)


@pytest.mark.parametrize(
    ("sparql", "words"),
    [
        ("LOAD <http://example.org/x.ttl>", "LOAD"),
        ("LOAD SILENT <file:///etc/passwd> INTO GRAPH art:x", "LOAD"),
        ("WITH <http://w/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "http://w/"),
        ("DELETE { ?s ?p ?o } USING <file:///etc/passwd> WHERE { ?s ?p ?o }", "passwd"),
        ("DELETE { ?s ?p ?o } USING NAMED <http://n/> WHERE { ?s ?p ?o }", "http://n/"),
        ("INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
        ("CLEAR ALL ; LOAD <http://x/>", "LOAD"),
    ],
)
def test_refused_updates(sparql: str, words: str) -> None:
    with pytest.raises(RefusedQueryError, match=words):
        check_update(sparql)


@pytest.mark.parametrize(
    "sparql",
    [
        "INSERT DATA { GRAPH art:a { ent:a ckg:rivals ent:b } }",
        "CLEAR ALL",
        "DROP SILENT GRAPH art:a",
        "WITH art:a DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_allowed_updates(sparql: str) -> None:
    assert check_update(sparql) >= 1
