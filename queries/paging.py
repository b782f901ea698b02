"""Paged listings: one page of a listing's facts, with the details of that page only.

A whole-graph listing (every approval, every maker) has thousands of rows; computing
the sources, outlets and dates of all of them takes a second at a million triples,
and nobody reads four thousand rows at once. A listing query names, in its header,
the query of its group keys (``# pages: makers-keys``): the same parameters and
patterns, no details. :func:`run_listing` puts one page of those keys first in the
listing's ``WHERE`` block as a sub-query::

    SELECT ?maker ?chip (GROUP_CONCAT(...) AS ?sources) ... WHERE {
      { SELECT DISTINCT ?maker ?chip WHERE { ...key patterns... } LIMIT 50 OFFSET 0 }
      ...the listing's patterns, now joined on 50 keys...
    } GROUP BY ?maker ?chip ORDER BY ...

so the store streams 50 keys and computes details for them only. The key query has
no ``ORDER BY``: sorting thousands of IRIs is what made whole listings slow (pyoxigraph
decodes both strings on every comparison), so pages follow the store's index order,
which is stable for a given store. The rows of one page are sorted by the listing's
own ``ORDER BY``. When a page is full, a probe (the key query with ``LIMIT 1`` at the
next offset) says whether more follow.

``limit=None`` runs the listing as it is: every row, in the listing's order.

Example
-------
>>> texts, result, page = run_listing(store, "makers", limit=50, offset=0)  # doctest: +SKIP
>>> page.more, page.next_offset  # doctest: +SKIP
(True, 50)
"""

from __future__ import annotations

import re
from typing import Any

from chipkg.graph.store import QueryResult, Store
from chipkg.ontology.errors import QueryError
from chipkg.queries.rows import Page
from chipkg.queries.sparql_files import NamedQuery, load_query, term_n3

#: Rows a listing helper returns when the caller does not say.
DEFAULT_LIMIT = 50

_WHERE = re.compile(r"\bWHERE\s*\{[ \t]*\n?", re.IGNORECASE)
_SELECT = re.compile(r"^\s*SELECT\b", re.IGNORECASE | re.MULTILINE)
_KEY_SLOT = re.compile(r"VALUES\s*\((?P<vars>(?:\s*\?\w+)+)\s*\)\s*\{\s*\((?:\s*UNDEF)+\s*\)\s*\}")
_PREFIX = re.compile(r"^\s*PREFIX\s+\S*:\s*<[^>]*>\s*$", re.IGNORECASE | re.MULTILINE)


def check_page(limit: int | None, offset: int) -> None:
    """Raise QueryError unless ``limit`` is None or positive and ``offset`` is not negative."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise QueryError(f"limit must be a positive whole number or None (all rows), not {limit!r}")
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise QueryError(f"offset must be a whole number >= 0, not {offset!r}")


def _select(text: str) -> str:
    """Return a query's SELECT form without its prologue (prefixes and comments)."""
    found = _SELECT.search(text)
    if found is None:
        raise QueryError("a key query must be a SELECT query")
    return text[found.start() :].strip()


def key_query(keys: NamedQuery, values: dict[str, Any], limit: int | None, offset: int) -> str:
    """Return the bound key query of one page: its SELECT with LIMIT and OFFSET.

    ``limit`` None gives every key.
    """
    bound = keys.bind({k: v for k, v in values.items() if k in {p.name for p in keys.params}})
    if limit is None:
        return _select(bound)
    return f"{_select(bound)}\nLIMIT {limit} OFFSET {offset}"


def paged_text(query: NamedQuery, values: dict[str, Any], limit: int | None, offset: int) -> str:
    """Return the listing's text with one page of its keys as the first sub-query.

    ``limit`` None puts every key there (for listings that need their keys first).
    """
    if query.pages is None:
        raise QueryError(f"query {query.name!r} has no '# pages:' key query")
    keys = load_query(query.pages)
    text = query.bind(values)
    where = _WHERE.search(text)
    if where is None:
        raise QueryError(f"query {query.name!r}: no WHERE block to page")
    sub = key_query(keys, values, limit, offset).replace("\n", "\n    ")
    missing = [p for p in _PREFIX.findall(keys.text) if p.strip() not in text]
    prologue = "".join(p.strip() + "\n" for p in missing)
    return f"{prologue}{text[: where.end()]}  {{\n    {sub}\n  }}\n{text[where.end() :]}"


def run_listing(
    store: Store,
    name: str,
    *,
    limit: int | None,
    offset: int = 0,
    **args: Any,
) -> tuple[list[str], QueryResult, Page]:
    """Return the SPARQL run, the result and the page of the listing query ``name``.

    ``args`` are the query's parameters (user values, converted by kind). With
    ``limit`` None the listing runs whole and ``offset`` must be 0.
    """
    check_page(limit, offset)
    query = load_query(name)
    values = query.prepare(store, args)
    if limit is None:
        if offset:
            raise QueryError("offset needs a limit (an offset into every row is no page)")
        text = query.bind(values)
        return [text], _run(store, query, text), Page(limit=None, offset=0, more=False)
    text = paged_text(query, values, limit, offset)
    result = _run(store, query, text)
    texts = [text]
    more = False
    if len(result) >= limit:  # a full page: probe for one more key
        assert query.pages is not None
        probe = key_query(load_query(query.pages), values, 1, offset + limit)
        texts.append(probe)
        more = len(_run(store, query, probe)) > 0
    return texts, result, Page(limit=limit, offset=offset, more=more)


def _run(store: Store, query: NamedQuery, text: str) -> QueryResult:
    try:
        return store.query(text)
    except QueryError as exc:
        raise QueryError(f"named query {query.name!r} ({query.path}) failed: {exc}") from exc


def run_keyed(
    store: Store, name: str, *, limit: int | None, offset: int = 0, **args: Any
) -> tuple[list[str], QueryResult, Page]:
    """Return the SPARQL run, the result and the page of a listing with key slots.

    For listings whose details are a UNION (disputes): a sub-query joined to a
    UNION is evaluated apart from it, so the keys go inside each branch instead, in
    the listing's ``VALUES (?a ?b) { (UNDEF UNDEF) }`` slots. Two queries: one page
    of keys (``limit`` + 1, so the extra key says whether more follow), then the
    details of that page.
    """
    check_page(limit, offset)
    query = load_query(name)
    if query.pages is None:
        raise QueryError(f"query {query.name!r} has no '# pages:' key query")
    values = query.prepare(store, args)
    if limit is None and offset:
        raise QueryError("offset needs a limit (an offset into every row is no page)")
    keys_text = key_query(
        load_query(query.pages), values, None if limit is None else limit + 1, offset
    )
    keys = _run(store, query, keys_text).dicts()
    more = limit is not None and len(keys) > limit
    keys = keys[:limit] if limit is not None else keys
    page = Page(limit=limit, offset=offset, more=more)
    if not keys:
        return [keys_text], QueryResult(kind="select"), page

    def fill(slot: re.Match[str]) -> str:
        names = slot["vars"].split()
        rows = (
            "(" + " ".join(term_n3(k[n[1:]], query.name, n[1:]) for n in names) + ")"  # type: ignore[arg-type]
            for k in keys
        )
        return f"VALUES ({' '.join(names)}) {{ {' '.join(rows)} }}"

    text = _KEY_SLOT.sub(fill, query.bind(values))
    return [keys_text, text], _run(store, query, text), page
