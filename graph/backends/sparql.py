"""The ``sparql`` backend: the graph kept in any SPARQL 1.1 server over HTTP.

Per-article graphs are written with the Graph Store Protocol (``PUT`` replaces one
graph, ``POST`` appends), removals and multi-graph replacements with one SPARQL
Update request, and queries go through the SPARQL 1.1 Protocol. The server kind
says where those endpoints live; the kinds are data in ``sparql_servers.json``
beside this module (Oxigraph server, Virtuoso, Fuseki, GraphDB, Neptune, generic).

The store is opened from a URL::

    sparql+http://127.0.0.1:7878/                       # Oxigraph server (the default kind)
    sparql+http://127.0.0.1:8890/?server=virtuoso       # Virtuoso
    sparql+https://user:secret@db.example/repositories/chipkg?server=graphdb
    sparql+http://host/ds?query=sparql&update=update&store=   # explicit paths, no GSP

Query parameters ``query``, ``update`` and ``store`` override the kind's endpoint
paths (relative to the URL's path; an empty ``store`` means "no Graph Store
Protocol, use SPARQL Update"). Credentials come from the URL or from the
``CHIPKG_SPARQL_USER`` / ``CHIPKG_SPARQL_PASSWORD`` environment variables and are
sent with HTTP basic or digest authentication, whichever the server asks for.

Example
-------
>>> from chipkg.graph.store import open_store
>>> store = open_store("sparql+http://127.0.0.1:7878/")  # doctest: +SKIP
>>> store.query("ASK { ?s ?p ?o }").boolean  # doctest: +SKIP
False
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from chipkg.graph.store import Quad, QueryResult, Store, Triple
from chipkg.ontology.errors import QueryError, QueryTimeoutError, StoreError
from chipkg.ontology.vocabulary import PREFIXES

_SERVERS_FILE = Path(__file__).parent / "sparql_servers.json"
_RESULTS_JSON = "application/sparql-results+json"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, text/plain;q=0.5"
_IRI = re.compile(r"<[^<>\s]*>")
_COMMENT = re.compile(r"#[^\n]*")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
#: Quads sent in one write request by ``add_quads``.
_BATCH = 5000
_BNODE_SAFE = re.compile(r"[^A-Za-z0-9_]")


@dataclass(frozen=True)
class ServerKind:
    """Where one kind of SPARQL server keeps its endpoints, and its quirks."""

    name: str
    query: str
    update: str
    store: str | None
    query_params: dict[str, str] = field(default_factory=dict)
    timeout_param: str | None = None
    system_graph_prefixes: tuple[str, ...] = ()
    #: Lines put before every user query (e.g. Virtuoso pragmas hiding its system graphs).
    query_prologue: tuple[str, ...] = ()
    description: str = ""


@cache
def server_kinds() -> dict[str, ServerKind]:
    """Return the known server kinds by name, read from ``sparql_servers.json``."""
    raw: dict[str, dict[str, Any]] = json.loads(_SERVERS_FILE.read_text(encoding="utf-8"))
    return {
        name: ServerKind(
            name=name,
            query=spec["query"],
            update=spec["update"],
            store=spec.get("store"),
            query_params=dict(spec.get("query_params", {})),
            timeout_param=spec.get("timeout_param"),
            system_graph_prefixes=tuple(spec.get("system_graph_prefixes", ())),
            query_prologue=tuple(spec.get("query_prologue", ())),
            description=spec.get("description", ""),
        )
        for name, spec in raw.items()
    }


@dataclass(frozen=True)
class Endpoints:
    """The resolved URLs of one SPARQL server, from a ``sparql+http(s)://`` store URL."""

    kind: ServerKind
    query: str
    update: str
    store: str | None
    user: str | None
    password: str | None

    @classmethod
    def from_url(cls, url: str) -> Endpoints:
        """Return the endpoints a ``sparql+http://host:port/path?server=KIND&...`` URL names."""
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower().removeprefix("sparql+")
        if scheme not in ("http", "https"):
            raise StoreError(
                f"{url}: a SPARQL store URL starts with sparql+http:// or sparql+https://"
            )
        params = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
        kind_name = params.pop("server", "oxigraph").lower()
        kinds = server_kinds()
        if kind_name not in kinds:
            raise StoreError(
                f"{url}: unknown SPARQL server kind {kind_name!r}. "
                f"Available: {', '.join(sorted(kinds))}"
            )
        kind = kinds[kind_name]
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = host if parts.port is None else f"{host}:{parts.port}"
        base = f"{scheme}://{netloc}{parts.path.rstrip('/')}/"

        def join(path: str) -> str:
            return urllib.parse.urljoin(base, path) if path else base.rstrip("/")

        store_path = params.pop("store") if "store" in params else kind.store
        query_path = params.pop("query", kind.query)
        update_path = params.pop("update", kind.update)
        user = urllib.parse.unquote(parts.username) if parts.username else None
        password = urllib.parse.unquote(parts.password) if parts.password else None
        user = user or os.environ.get("CHIPKG_SPARQL_USER")
        password = password or os.environ.get("CHIPKG_SPARQL_PASSWORD")
        if params:
            raise StoreError(
                f"{url}: unknown option(s) {', '.join(sorted(params))}; "
                "known: server, query, update, store"
            )
        return cls(
            kind=kind,
            query=join(query_path),
            update=join(update_path),
            store=join(store_path) if store_path else None,
            user=user,
            password=password,
        )


class SparqlStore(Store):
    """A store kept in a remote SPARQL 1.1 server (see the module docstring for URLs)."""

    name: ClassVar[str] = "sparql"
    persistent: ClassVar[bool] = True
    # One request is atomic on Oxigraph and Virtuoso, but not every server promises it.
    transactional: ClassVar[bool] = False

    def __init__(
        self, location: str | None = None, *, read_only: bool = False, timeout: float = 60.0
    ) -> None:
        super().__init__(location, read_only=read_only)
        if not location:
            raise StoreError("the sparql store needs a URL: sparql+http://host:port/...")
        self.endpoints = Endpoints.from_url(location)
        self.timeout = timeout
        handlers: list[urllib.request.BaseHandler] = []
        if self.endpoints.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (self.endpoints.query, self.endpoints.update, self.endpoints.store):
                if url:
                    passwords.add_password(
                        None, url, self.endpoints.user, self.endpoints.password or ""
                    )
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"SparqlStore({self.endpoints.query!r}, server={self.endpoints.kind.name!r})"

    # -- HTTP -----------------------------------------------------------------
    def _request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
        timeout: float | None = None,
        what: str,
        error: type[StoreError] | type[QueryError] = StoreError,
    ) -> tuple[str, bytes]:
        headers = {"User-Agent": "chipkg"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=timeout or self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().replace("\n", " ")[:500]
            raise error(f"{what} failed at {url}: HTTP {exc.code}: {detail}") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise self._timeout(what, url, error) from exc
            raise StoreError(f"cannot reach the SPARQL server at {url}: {exc.reason}") from exc
        except TimeoutError as exc:
            raise self._timeout(what, url, error) from exc
        except OSError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from exc

    @staticmethod
    def _timeout(what: str, url: str, error: type[StoreError] | type[QueryError]) -> Exception:
        if error is QueryError:
            return QueryTimeoutError(f"{what} at {url} ran past its time limit")
        return StoreError(f"{what} at {url} timed out")

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only")

    def _post_update(self, sparql: str, what: str) -> None:
        self._request(
            "POST",
            self.endpoints.update,
            body=sparql.encode("utf-8"),
            content_type="application/sparql-update; charset=utf-8",
            what=what,
            error=QueryError,
        )

    def _gsp(self, method: str, graph: URIRef, triples: list[Triple]) -> None:
        assert self.endpoints.store is not None
        url = f"{self.endpoints.store}?{urllib.parse.urlencode({'graph': str(graph)})}"
        body = "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in triples)
        self._request(
            method,
            url,
            body=body.encode("utf-8"),
            content_type="text/turtle; charset=utf-8",
            what=f"writing graph <{graph}>",
        )

    # -- graphs ---------------------------------------------------------------
    def replace_graph(
        self, graph: URIRef, triples: Iterable[Triple], *, remove: Iterable[URIRef] = ()
    ) -> None:
        """Replace ``graph`` with ``triples`` and drop the graphs in ``remove``.

        Without ``remove`` this is one Graph Store Protocol ``PUT``; otherwise one
        SPARQL Update request (both are atomic on Oxigraph and Virtuoso).
        """
        self._writable()
        rows = list(triples)
        drops = [r for r in remove if r != graph]
        if self.endpoints.store and not drops and rows:
            self._gsp("PUT", graph, rows)
            return
        statements = [f"DROP SILENT GRAPH {nt(d)}" for d in (*drops, graph)]
        if rows:
            body = "\n".join(f"{nt(s)} {nt(p)} {nt(o)} ." for s, p, o in rows)
            statements.append(f"INSERT DATA {{ GRAPH {nt(graph)} {{\n{body}\n}} }}")
        self._post_update(" ;\n".join(statements), f"replacing graph <{graph}>")

    def remove_graph(self, graph: URIRef) -> None:
        """Drop one named graph (no error when it does not exist)."""
        self._writable()
        self._post_update(f"DROP SILENT GRAPH {nt(graph)}", f"removing graph <{graph}>")

    def has_graph(self, graph: URIRef) -> bool:
        """Return True when the named graph holds at least one triple."""
        result = self._select(f"ASK {{ GRAPH {nt(graph)} {{ ?s ?p ?o }} }}")
        return bool(result.boolean)

    def graphs(self) -> Iterator[URIRef]:
        """Return the names of the named graphs (the server's own system graphs left out)."""
        result = self._select(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._user_graphs('?g')} }}"
        )
        for (g,) in result.rows:
            if isinstance(g, URIRef):
                yield g

    def _user_graphs(self, var: str) -> str:
        prefixes = self.endpoints.kind.system_graph_prefixes
        if not prefixes:
            return ""
        tests = " && ".join(f"!STRSTARTS(STR({var}), {nt(Literal(p))})" for p in prefixes)
        return f"FILTER({tests})"

    # -- data -----------------------------------------------------------------
    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Return every quad (or those of one graph) as ``(s, p, o, g)``, graph by graph."""
        names = [graph] if graph is not None else list(self.graphs())
        for g in names:
            result = self._select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {nt(g)} {{ ?s ?p ?o }} }}")
            for s, p, o in result.rows:
                yield s, p, o, g  # type: ignore[misc]

    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads, batched per graph (Graph Store Protocol POST, or INSERT DATA)."""
        self._writable()
        pending: dict[Node, list[Triple]] = {}
        count = 0
        for s, p, o, g in quads:
            pending.setdefault(g, []).append((s, p, o))
            count += 1
            if count >= _BATCH:
                self._append(pending)
                pending, count = {}, 0
        self._append(pending)

    def _append(self, pending: dict[Node, list[Triple]]) -> None:
        if not pending:
            return
        if self.endpoints.store and len(pending) == 1:
            ((graph, rows),) = pending.items()
            if isinstance(graph, URIRef):
                self._gsp("POST", graph, rows)
                return
        blocks = []
        for graph, rows in pending.items():
            body = "\n".join(f"{nt(s)} {nt(p)} {nt(o)} ." for s, p, o in rows)
            blocks.append(f"GRAPH {nt(graph)} {{\n{body}\n}}")
        self._post_update(f"INSERT DATA {{\n{chr(10).join(blocks)}\n}}", "adding quads")

    def query(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """Return the result of a SPARQL query over the union of all graphs."""
        pragmas = "".join(f"{line}\n" for line in self.endpoints.kind.query_prologue)
        return self._select(pragmas + _PROLOGUE + sparql, timeout=timeout)

    def _select(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        params = {"query": sparql, **self.endpoints.kind.query_params}
        if timeout is not None and self.endpoints.kind.timeout_param:
            params[self.endpoints.kind.timeout_param] = str(int(timeout * 1000))
        body = urllib.parse.urlencode(params).encode("utf-8")
        content_type, data = self._request(
            "POST",
            self.endpoints.query,
            body=body,
            content_type="application/x-www-form-urlencoded",
            accept=_ACCEPT_GRAPH if is_graph_query(sparql) else _RESULTS_JSON,
            timeout=None if timeout is None else timeout + 1.0,
            what="SPARQL query",
            error=QueryError,
        )
        return parse_result(content_type, data, self.endpoints.query)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the server."""
        self._writable()
        self._post_update(_PROLOGUE + sparql, "SPARQL update")

    def __len__(self) -> int:
        result = self._select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._user_graphs('?g')} }}"
        )
        value = result.rows[0][0] if result.rows else None
        return int(value.toPython()) if isinstance(value, Literal) else 0


# -- terms and results ---------------------------------------------------------
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_TO_ESCAPE = re.compile(r'[\\"\n\r\t]')


def nt(term: Node) -> str:
    """Return the N-Triples form of an rdflib term (also valid in SPARQL and Turtle).

    Example
    -------
    >>> nt(Literal('say "hi"', lang="en"))
    '"say \\\\"hi\\\\""@en'
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = _TO_ESCAPE.sub(lambda m: _ESCAPES[m.group()], str(term))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    if isinstance(term, BNode):
        return f"_:b{_BNODE_SAFE.sub('_', str(term))}"
    raise StoreError(f"cannot send RDF term {term!r} of type {type(term).__name__}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def is_graph_query(sparql: str) -> bool:
    """Return True when the query is a CONSTRUCT or DESCRIBE (its answer is triples)."""
    match = _FORM.search(_COMMENT.sub(" ", _IRI.sub(" ", sparql)))
    return match is not None and match.group(1).upper() in ("CONSTRUCT", "DESCRIBE")


def _term(binding: dict[str, str]) -> Identifier:
    kind = binding["type"]
    value = binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    lang = binding.get("xml:lang")
    if lang:
        return Literal(value, lang=lang)
    datatype = binding.get("datatype")
    if datatype and datatype != _XSD_STRING:
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def parse_result(content_type: str, data: bytes, url: str) -> QueryResult:
    """Return the :class:`QueryResult` of a SPARQL Protocol response body."""
    mime = content_type.split(";")[0].strip().lower()
    if mime in (_RESULTS_JSON, "application/json"):
        doc = json.loads(data)
        if "boolean" in doc:
            return QueryResult(kind="ask", boolean=bool(doc["boolean"]))
        variables = list(doc["head"].get("vars", []))
        rows = [
            tuple(_term(b[v]) if v in b else None for v in variables)
            for b in doc["results"]["bindings"]
        ]
        return QueryResult(kind="select", variables=variables, rows=rows)
    formats = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle"}
    if mime in formats:
        graph = Graph()
        graph.parse(data=data.decode("utf-8"), format=formats[mime])
        return QueryResult(kind="graph", triples=list(graph))  # type: ignore[arg-type]
    raise QueryError(f"SPARQL query at {url}: unexpected response type {content_type!r}")
