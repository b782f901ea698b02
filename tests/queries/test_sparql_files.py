"""Named queries: header parsing, declared-versus-used checks and safe binding."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from chipkg.graph.store import Store
from chipkg.ontology.errors import QueryError
from chipkg.queries.sparql_files import all_queries, load_query, parse_query, query_names

GOOD = """# name: demo
# summary: A demo query.
# param: ?chip entity:Chip optional -- the chip
# param: ?since date -- the day
SELECT ?x WHERE {
  VALUES ?chip { UNDEF }
  VALUES ?since { UNDEF }
  ?x <http://example.org/p> ?chip ; <http://example.org/d> ?d .
  FILTER(?d >= ?since)
}
"""


def test_every_shipped_query_parses_and_checks() -> None:
    queries = all_queries()
    assert {q.name for q in queries} == set(query_names())
    assert {"conditionally-approved", "restrictions", "evidence", "disputes"} <= set(query_names())
    for q in queries:
        assert q.summary


@pytest.mark.parametrize("name", query_names())
def test_every_shipped_query_runs_unbound_on_both_backends(kg: Store, name: str) -> None:
    query = load_query(name)
    if any(not p.optional for p in query.params):
        with pytest.raises(QueryError, match="needs parameter"):
            query.bind({})
        return
    result = kg.query(query.text)
    assert result.kind == "select"


def test_header_is_parsed() -> None:
    q = parse_query(GOOD)
    assert q.name == "demo"
    assert [(p.name, p.kind, p.cls, p.optional) for p in q.params] == [
        ("chip", "entity", "Chip", True),
        ("since", "date", None, False),
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (GOOD.replace("# name: demo\n", ""), "no '# name:' line"),
        (GOOD.replace("  VALUES ?chip { UNDEF }\n", ""), "exactly one"),
        (GOOD.replace("# param: ?chip entity:Chip optional -- the chip\n", ""), "undeclared"),
        (GOOD.replace("# summary", "# param: ?unused string optional\n# summary"), "exactly one"),
        (
            GOOD.replace("?x <http://example.org/p> ?chip", "?x <http://example.org/p> ?y"),
            "never used",
        ),
        (GOOD.replace("date --", "colour --"), "unknown kind"),
        (GOOD.replace("# param: ?since date", "# param: since date"), "malformed"),
    ],
)
def test_bad_headers_are_refused(text: str, problem: str) -> None:
    with pytest.raises(QueryError, match=problem):
        parse_query(text, "demo.rq")


def test_binding_writes_rdf_terms_not_text() -> None:
    q = parse_query(GOOD)
    text = q.bind(
        {
            "chip": [URIRef("https://w3id.org/chipkg/id/h200")],
            "since": [Literal('2026" } ?s ?p ?o {')],
        }
    )
    assert "VALUES ?chip { <https://w3id.org/chipkg/id/h200> }" in text
    assert 'VALUES ?since { "2026\\" } ?s ?p ?o {" }' in text


def test_binding_refuses_an_iri_that_would_break_out() -> None:
    q = parse_query(GOOD)
    with pytest.raises(QueryError, match="not a valid IRI"):
        q.bind({"chip": [URIRef("http://x> } ?s ?p ?o . { <y")], "since": [Literal("x")]})


def test_required_and_unknown_parameters() -> None:
    q = parse_query(GOOD)
    with pytest.raises(QueryError, match="needs parameter 'since'"):
        q.bind({})
    with pytest.raises(QueryError, match="no parameter 'colour'"):
        q.bind({"colour": [Literal("red")], "since": [Literal("x")]})


def test_unknown_query_lists_known_ones() -> None:
    with pytest.raises(QueryError, match=r"known: .*makers"):
        load_query("no-such-query")


def test_injection_through_a_name_finds_nothing(kg: Store) -> None:
    # A hostile "name" is a literal to look up, never SPARQL: it matches no entity.
    with pytest.raises(QueryError, match="no entity is named"):
        load_query("makers").run(kg, chip='H200" } } SELECT * WHERE { ?s ?p ?o } #')


def test_status_and_date_kinds_convert(kg: Store) -> None:
    q = load_query("approvals")
    terms = q.prepare(kg, {"status": "under review"})
    assert terms["status"] == [URIRef("https://w3id.org/chipkg/ontology#UnderReview")]
    with pytest.raises(QueryError, match="unknown status"):
        q.prepare(kg, {"status": "maybe"})
    with pytest.raises(QueryError, match="not a date"):
        load_query("timeline").prepare(kg, {"since": "yesterday"})
