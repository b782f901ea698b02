"""The endpoint's helper routes: ``/ask`` lists the helpers, ``/ask/<helper>`` answers
with their rows as JSON, CSV or a table, a page at a time, over real HTTP."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import quote

import pytest

from chipkg.queries.catalog import helpers
from chipkg.queries.endpoint import Endpoint

from .endpoint_support import endpoint, request, start_endpoint, store_dir

__all__ = ["endpoint", "store_dir"]  # fixtures used by name

pytestmark = pytest.mark.server


def _json(endpoint: Endpoint, target: str) -> dict[str, object]:
    answer = request(endpoint, "GET", target)
    assert answer.status == 200, answer.text
    assert answer.headers["content-type"] == "application/json"
    doc: dict[str, object] = json.loads(answer.body)
    return doc


def test_the_catalog_lists_every_helper_with_its_parameters(endpoint: Endpoint) -> None:
    answer = request(endpoint, "GET", "/ask")
    catalog = {entry["name"]: entry for entry in json.loads(answer.body)}
    assert sorted(catalog) == helpers.names()
    evidence = {p["name"]: p for p in catalog["evidence"]["parameters"]}
    assert evidence["subject"]["required"] and not evidence["predicate"]["required"]
    limit = next(p for p in catalog["makers"]["parameters"] if p["name"] == "limit")
    assert (limit["kind"], limit["default"]) == ("int", 50)


def test_a_listing_answers_the_same_rows_as_the_api(endpoint: Endpoint, store_dir: Path) -> None:
    import chipkg

    doc = _json(endpoint, "/ask/conditionally-approved?chip=H200")
    with chipkg.open(store_dir, read_only=True) as kg:
        expected = kg.ask("conditionally-approved", chip="H200").to_dicts()
    assert doc["rows"] == expected and expected
    assert doc["page"] == {"limit": 50, "offset": 0, "more": False, "next_offset": None}
    assert doc["next"] is None


def test_pages_link_to_the_next_one_until_the_last(endpoint: Endpoint) -> None:
    whole = _json(endpoint, "/ask/conditionally-approved")["rows"]
    assert isinstance(whole, list) and len(whole) >= 2
    seen: list[object] = []
    target: object = "/ask/conditionally-approved?limit=1"
    while target is not None:
        answer = request(endpoint, "GET", str(target))
        doc = json.loads(answer.body)
        seen += doc["rows"]
        if doc["next"] is not None:
            assert answer.headers["link"] == f'<{doc["next"]}>; rel="next"'
        else:
            assert "link" not in answer.headers
        target = doc["next"]
    assert sorted(map(json.dumps, seen)) == sorted(map(json.dumps, whole))


@pytest.mark.parametrize(
    ("how", "content_type"),
    [
        ({"format": "csv"}, "text/csv"),
        ({"Accept": "text/csv"}, "text/csv"),
        ({"format": "table"}, "text/plain"),
        ({"Accept": "text/plain"}, "text/plain"),
    ],
)
def test_csv_and_table_by_parameter_or_accept(
    endpoint: Endpoint, how: dict[str, str], content_type: str
) -> None:
    target = "/ask/makers" + ("?format=" + how["format"] if "format" in how else "")
    headers = {"Accept": how["Accept"]} if "Accept" in how else None
    answer = request(endpoint, "GET", target, headers=headers)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith(content_type)
    if content_type == "text/csv":
        rows = list(csv.DictReader(io.StringIO(answer.text)))
        assert {(r["maker"], r["chip"]) for r in rows} == {("Nvidia", "H200")}
    else:
        assert answer.text.split()[:2] == ["maker", "chip"]


@pytest.mark.parametrize(
    ("target", "status", "message"),
    [
        ("/ask/no-such-helper", 404, "no helper 'no-such-helper'"),
        ("/ask/makers?limit=ten", 400, "limit must be a whole number"),
        ("/ask/makers?colour=red", 400, "makers takes no parameter 'colour'"),
        ("/ask/evidence?subject=Nvidia", 400, "evidence needs the parameter 'object'"),
        ("/ask/makers?limit=0", 400, "limit must be from 1 to"),
        ("/ask/makers?limit=5000", 400, "limit must be from 1 to 3"),
        ("/ask/makers?format=xml", 400, "format must be one of json, csv, table"),
        ("/ask/makers?chip=a&chip=b", 400, "exactly one 'chip' parameter"),
        ("/ask/outperforms?include_negated=maybe", 400, "must be true or false"),
        ("/ask/timeline?since=last-week", 400, "'last-week' is not a date"),
    ],
)
def test_bad_requests_say_what_is_wrong(
    limited: Endpoint, target: str, status: int, message: str
) -> None:
    answer = request(limited, "GET", target)
    assert answer.status == status
    assert message in answer.text


@pytest.fixture(scope="module")
def limited(store_dir: Path) -> object:
    """Yield an endpoint whose answers are capped at 3 rows."""
    server = start_endpoint(store_dir, timeout=20, max_rows=3)
    try:
        yield server
    finally:
        server.stop()


def test_answers_are_capped_at_max_rows(limited: Endpoint) -> None:
    answer = request(limited, "GET", "/ask/central?top=500")  # a helper without pages
    assert answer.status == 200
    assert len(json.loads(answer.body)["rows"]) == 3
    assert answer.headers["x-chipkg-truncated"] == "max-rows=3"
    listing = json.loads(request(limited, "GET", "/ask/timeline").body)  # pages of max_rows
    assert listing["page"]["limit"] == 3 and len(listing["rows"]) == 3 and listing["next"]


def test_a_question_names_the_helper_that_answers_it(endpoint: Endpoint) -> None:
    doc = _json(endpoint, "/ask?question=" + quote("who restricts the H200?"))
    assert (doc["helper"], doc["command"]) == (
        "restrictions",
        "chipkg ask restrictions --chip H200",
    )
    assert doc["question"] == "who restricts the H200?"
    assert {row["regulator"] for row in doc["rows"]} == {"US Commerce Department"}  # type: ignore[union-attr]


def test_an_unknown_question_gets_the_shapes(endpoint: Endpoint) -> None:
    answer = request(endpoint, "GET", "/ask?question=" + quote("how tall is the H200?"))
    assert answer.status == 400
    shapes = json.loads(request(endpoint, "GET", "/ask/shapes").body)
    assert shapes and all(s["example"] in answer.text for s in shapes)
