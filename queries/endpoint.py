"""A SPARQL 1.1 Protocol server over a chipkg store: ``chipkg serve``.

Routes
------
``/sparql``
    Query by GET (``?query=``), form POST (``application/x-www-form-urlencoded``) and
    direct POST (``application/sparql-query``); results negotiated from the Accept
    header (or a ``format`` parameter). GET without a query returns the service
    description (Turtle), also at ``/sparql/description``. SPARQL Update
    (``application/sparql-update`` or form ``update=``) only when the server was
    started with updates allowed, and only with ``Authorization: Bearer <token>``.
``/health``
    JSON with the store's counts.
``/``
    A query page (text area, the named queries of ``queries/sparql`` as examples,
    results table); its files live in ``queries/pages``.
``/graph``
    The HTML graph of the live store (``?focus=&depth=&chip=&since=&max_entities=&max_facts=``;
    the 2,000 most connected entities and, among them, the 10,000 best attested
    facts unless ``max_entities`` and ``max_facts`` say otherwise).
``/ask``
    The query helpers of ``chipkg ask`` and their parameters (JSON).
``/ask?question=…``
    A question in plain English (the shapes of ``chipkg ask``, listed at
    ``/ask/shapes``) answered by the helper it maps to, which the answer names.
``/ask/<helper>``
    One helper's rows: its parameters as the query string
    (``/ask/conditionally-approved?chip=H200&limit=20``), as JSON (rows, page and
    the link to the next page), CSV or a table (``format=`` or the Accept header).
    Listings answer a page at a time (``limit`` up to ``max_rows``, ``offset``);
    the next page is also in a ``Link: <…>; rel="next"`` header.

Safety: read-only unless told otherwise; loopback by default (and then requests
naming another host are refused, against DNS rebinding); every request is checked
by :mod:`chipkg.queries.query_safety` and run in a worker process
(:mod:`chipkg.queries.query_workers`) that is killed when the time limit passes;
results are capped at ``max_rows``; request bodies and query strings at ``max_body``.
The server itself never opens an outbound connection.

Status codes: 400 bad or refused query (with the parser's message), 401/403 update
not allowed, 404, 405, 406 no acceptable format, 411, 413 body too large, 415 wrong
content type, 503 time limit passed or workers busy.

Example
-------
>>> config = EndpointConfig(store="/path/to/store", port=0)  # doctest: +SKIP
>>> with Endpoint(config) as endpoint:                        # doctest: +SKIP
...     print(endpoint.url)
http://127.0.0.1:40123/sparql
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import re
import threading
from functools import cached_property
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chipkg.ontology.errors import QueryError, QueryTimeoutError, StoreError
from chipkg.queries.paging import DEFAULT_LIMIT
from chipkg.queries.query_workers import (
    HELPER_FORMATS,
    GraphPageJob,
    HealthJob,
    HelperJob,
    Job,
    QueryJob,
    Reply,
    StoreSource,
    UpdateJob,
    WorkerPool,
)
from chipkg.queries.result_formats import formats_for

PAGES_DIR = Path(__file__).parent / "pages"
SPARQL_DIR = Path(__file__).parent / "sparql"

_PERCENT_OK = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST_HEADER = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}

#: Static files of the query page: URL path -> (file in queries/pages, content type).
_STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/style.css": ("style.css", "text/css; charset=utf-8"),
}
_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_GRAPH_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


class EndpointConfig(BaseModel):
    """Settings of a SPARQL endpoint (the options of ``chipkg serve``)."""

    model_config = ConfigDict(frozen=True)

    store: str = Field(description="Store directory (oxigraph backend).")
    backend: str = "oxigraph"
    host: str = "127.0.0.1"
    port: int = Field(default=7878, ge=0, le=65535)
    timeout: float = Field(default=30.0, gt=0, description="Per-request time limit, seconds.")
    max_rows: int = Field(default=10_000, ge=1, description="Result rows (or triples) cap.")
    max_body: int = Field(default=1_000_000, ge=1024, description="Request body / query bytes.")
    workers: int = Field(default=2, ge=1, le=64, description="Query worker processes.")
    allow_update: bool = False
    log: bool = Field(default=False, description="Log one line per request to stderr.")
    token: str | None = Field(default=None, repr=False)

    @model_validator(mode="after")
    def _update_needs_token(self) -> Self:
        if self.allow_update and not self.token:
            raise ValueError(
                "allow_update needs a token (clients send 'Authorization: Bearer <token>')"
            )
        return self

    @property
    def loopback(self) -> bool:
        """Return True when the server listens on a loopback address only."""
        if self.host in _LOOPBACK_NAMES:
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


class BadRequest(QueryError):
    """The HTTP request cannot be read as a SPARQL Protocol request."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class Endpoint:
    """A running SPARQL endpoint: worker pool plus HTTP server in a background thread."""

    def __init__(self, config: EndpointConfig) -> None:
        self.config = config
        self.pool = WorkerPool(StoreSource(config.backend, config.store), size=config.workers)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """Return the port the server listens on (the real one when started with port 0)."""
        assert self._server is not None, "the endpoint is not started"
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Return the URL of the SPARQL service."""
        host = self.config.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/sparql"

    def start(self) -> Self:
        """Start workers (they open the store, so a bad store fails here) and the server."""
        self.pool.start()
        try:
            self._server = _Server((self.config.host, self.config.port), _Handler, self)
        except OSError as exc:
            self.pool.close()
            raise StoreError(
                f"cannot listen on {self.config.host}:{self.config.port}: {exc}"
            ) from exc
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="chipkg-endpoint", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (used by ``chipkg serve``)."""
        self.pool.start()
        try:
            self._server = _Server((self.config.host, self.config.port), _Handler, self)
            self._server.serve_forever()
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop the server and the workers."""
        if self._server is not None:
            if self._thread is not None:
                self._server.shutdown()
                self._thread.join(10)
            self._server.server_close()
            self._server = None
        self.pool.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- answers --------------------------------------------------------------------

    def run(self, job: Job) -> Reply:
        """Return the reply to ``job`` from a worker, or an error reply."""
        try:
            return self.pool.run(job, self.config.timeout)
        except QueryTimeoutError as exc:
            return Reply.error(503, str(exc), {"Retry-After": "1"})
        except StoreError as exc:
            return Reply.error(500, str(exc))

    @cached_property
    def examples(self) -> list[dict[str, str]]:
        """Return the named queries of ``queries/sparql`` as ``{name, summary, query}``."""
        out = []
        for path in sorted(SPARQL_DIR.glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            name, summary = path.stem, ""
            for line in text.splitlines():
                match = re.match(r"^#\s*(name|summary)\s*:\s*(.*?)\s*$", line)
                if match and match.group(1) == "name":
                    name = match.group(2)
                elif match:
                    summary = match.group(2)
                elif line.strip() and not line.startswith("#"):
                    break
            out.append({"name": name, "summary": summary, "query": text})
        return out

    @cached_property
    def helper_catalog(self) -> bytes:
        """Return the helpers and their parameters as JSON (the ``/ask`` document)."""
        from chipkg.queries.catalog import helpers, parameters

        doc = [
            {
                "name": name,
                "summary": (helpers.get(name).__doc__ or "").strip().splitlines()[0],
                "url": f"/ask/{name}",
                "parameters": [p.model_dump() for p in parameters(name)],
            }
            for name in helpers.names()
        ]
        return json.dumps(doc, indent=1).encode("utf-8")

    @cached_property
    def question_shapes(self) -> bytes:
        """Return the plain-English question shapes as JSON (``/ask/shapes``)."""
        from chipkg.queries.questions import shapes

        doc = [{"example": shape.example, "helper": shape.helper} for shape in shapes()]
        return json.dumps(doc, indent=1).encode("utf-8")

    def description(self, base: str) -> bytes:
        """Return the SPARQL 1.1 Service Description of this endpoint in Turtle."""
        formats = ", ".join(
            f"<{f.w3c_iri}>" for f in (*formats_for("select"), *formats_for("graph"))
        )
        languages = "sd:SPARQL11Query" + (", sd:SPARQL11Update" if self.config.allow_update else "")
        text = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<{base}> a sd:Service ;
    rdfs:label "chipkg SPARQL endpoint" ;
    sd:endpoint <{base}> ;
    sd:supportedLanguage {languages} ;
    sd:resultFormat {formats} ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""
        return text.encode("utf-8")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], handler: type, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        if ":" in address[0]:
            import socket

            self.address_family = socket.AF_INET6
        super().__init__(address, handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "chipkg-sparql/0.1"
    sys_version = ""
    timeout = 60  # seconds a client may take to send its request

    @property
    def endpoint(self) -> Endpoint:
        return self.server.endpoint

    @property
    def config(self) -> EndpointConfig:
        return self.server.endpoint.config

    def log_message(self, format: str, *args: object) -> None:
        """Log one line per request to stderr (no query text: it may be large)."""
        if not self.config.log:
            return
        super().log_message(format, *args)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer protocol-level errors; an over-long request line is a 400 with a reason."""
        if code == HTTPStatus.REQUEST_URI_TOO_LONG:
            code, message = 400, "request line too long: send long queries by POST"
        self.close_connection = True
        self._send(Reply.error(code, message or HTTPStatus(code).phrase), close=True)

    # -- dispatch -------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._not_allowed()

    def do_DELETE(self) -> None:
        self._not_allowed()

    def do_PATCH(self) -> None:
        self._not_allowed()

    def _not_allowed(self) -> None:
        self.close_connection = True
        self._send(Reply.error(405, f"{self.command} is not allowed", {"Allow": "GET, HEAD, POST"}))

    def _dispatch(self, method: str) -> None:
        try:
            reply = self._route(method)
        except BadRequest as exc:
            self.close_connection = True
            reply = Reply.error(exc.status, str(exc), exc.headers)
        self._send(reply, head=method == "HEAD")

    def _route(self, method: str) -> Reply:
        self._check_host()
        raw_path, _, raw_query = self.path.partition("?")
        if len(raw_query) > self.config.max_body:
            raise BadRequest(
                400,
                f"query string of {len(raw_query)} bytes is over the "
                f"{self.config.max_body}-byte limit: send long queries by POST",
            )
        path = urlsplit(raw_path).path
        params = _parse_form(raw_query, "the query string")
        if path in ("/sparql", "/sparql/"):
            if method == "POST":
                return self._post(params)
            if "query" in params:
                return self._query(params)
            if "update" in params:
                raise BadRequest(405, "SPARQL Update must be sent by POST", {"Allow": "POST"})
            return self._description()
        if path == "/sparql/description":
            return self._description()
        if method == "POST":
            raise BadRequest(405, f"POST is not allowed on {path}", {"Allow": "GET, HEAD"})
        if path == "/health":
            return self._health()
        if path == "/examples.json":
            body = json.dumps(self.endpoint.examples).encode("utf-8")
            return Reply(200, "application/json", body)
        if path == "/graph":
            return self._graph(params)
        if path in ("/ask", "/ask/"):
            if "question" in params:
                return self._question(params)
            return Reply(200, "application/json", self.endpoint.helper_catalog)
        if path.startswith("/ask/"):
            return self._helper(path, params)
        if path in _STATIC:
            name, content_type = _STATIC[path]
            body = (PAGES_DIR / name).read_bytes()
            return Reply(200, content_type, body, {"Content-Security-Policy": _PAGE_CSP})
        raise BadRequest(404, f"no such page: {path}")

    def _check_host(self) -> None:
        if len(self.headers.get_all("Host") or ()) > 1:
            raise BadRequest(400, "more than one Host header")
        host = self.headers.get("Host", "")
        if host and not _HOST_HEADER.match(host):
            raise BadRequest(400, "malformed Host header")
        if self.config.loopback and host:
            name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
            if name.lower() not in _LOOPBACK_NAMES and name != self.config.host:
                raise BadRequest(
                    403, f"this endpoint serves loopback clients only, not host {name}"
                )

    # -- SPARQL -----------------------------------------------------------------------

    def _post(self, params: dict[str, list[str]]) -> Reply:
        if self.headers.get("Transfer-Encoding", "").lower() not in ("", "identity"):
            raise BadRequest(411, "chunked request bodies are not accepted; send Content-Length")
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            raise BadRequest(411, "POST needs a Content-Length header")
        try:
            length = int(length_text)
        except ValueError:
            raise BadRequest(400, "Content-Length is not a number") from None
        if length < 0:
            raise BadRequest(400, "Content-Length is negative")
        if length > self.config.max_body:
            raise BadRequest(
                413, f"request body of {length} bytes is over the {self.config.max_body}-byte limit"
            )
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self.rfile.read(length)
        if content_type == "application/x-www-form-urlencoded":
            try:
                text = body.decode("ascii")
            except UnicodeDecodeError:
                raise BadRequest(400, "form body is not URL-encoded ASCII") from None
            form = _parse_form(text, "the form body")
            for key, values in params.items():
                form.setdefault(key, values)
            if "update" in form:
                return self._update(_single(form, "update"))
            if "query" in form:
                return self._query(form)
            raise BadRequest(400, "the form has neither a 'query' nor an 'update' field")
        if content_type == "application/sparql-query":
            return self._query(params, _decode(body, "the query"))
        if content_type == "application/sparql-update":
            return self._update(_decode(body, "the update"))
        raise BadRequest(
            415,
            f"unsupported Content-Type {content_type or '(none)'!r}: use application/sparql-query, "
            "application/sparql-update or application/x-www-form-urlencoded",
        )

    def _query(self, params: dict[str, list[str]], text: str | None = None) -> Reply:
        sparql = text if text is not None else _single(params, "query")
        if not sparql.strip():
            raise BadRequest(400, "empty query")
        requested = None
        for key in ("format", "output", "results"):
            if key in params:
                requested = params[key][0]
                break
        job = QueryJob(
            sparql=sparql,
            accept=self.headers.get("Accept"),
            format=requested,
            default_graphs=tuple(params.get("default-graph-uri", ())),
            named_graphs=tuple(params.get("named-graph-uri", ())),
            max_rows=self.config.max_rows,
            timeout=self.config.timeout,
        )
        return self.endpoint.run(job)

    def _update(self, sparql: str) -> Reply:
        if not self.config.allow_update:
            raise BadRequest(
                403, "this endpoint is read-only (start it with --allow-update --token)"
            )
        auth = self.headers.get("Authorization", "")
        scheme, _, token = auth.partition(" ")
        expected = self.config.token or ""
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), expected.encode()
        ):
            raise BadRequest(
                401,
                "SPARQL Update needs 'Authorization: Bearer <token>'",
                {"WWW-Authenticate": 'Bearer realm="chipkg"'},
            )
        if not sparql.strip():
            raise BadRequest(400, "empty update")
        return self.endpoint.run(UpdateJob(sparql))

    def _description(self) -> Reply:
        host = self.headers.get("Host") or f"{self.config.host}:{self.endpoint.port}"
        base = f"http://{host}/sparql"
        return Reply(200, "text/turtle; charset=utf-8", self.endpoint.description(base))

    def _health(self) -> Reply:
        reply = self.endpoint.run(HealthJob())
        if reply.status != 200:
            return reply
        doc = json.loads(reply.body)
        doc.update(
            read_only=not self.config.allow_update,
            workers=self.config.workers,
            timeout=self.config.timeout,
            max_rows=self.config.max_rows,
            worker_restarts=self.endpoint.pool.restarts,
        )
        return Reply(200, "application/json", json.dumps(doc).encode("utf-8"))

    def _graph(self, params: dict[str, list[str]]) -> Reply:
        depth_text = params.get("depth", ["1"])[0]
        if not depth_text.isdigit() or not 0 <= int(depth_text) <= 5:
            raise BadRequest(400, "depth must be an integer from 0 to 5")
        most = params.get("max_entities", [""])[0]
        if most and not most.isdigit():
            raise BadRequest(400, "max_entities must be a whole number (0 draws every entity)")
        facts = params.get("max_facts", [""])[0]
        if facts and not facts.isdigit():
            raise BadRequest(400, "max_facts must be a whole number (0 draws every fact)")
        job = GraphPageJob(
            focus=params.get("focus", [None])[0] or None,
            depth=int(depth_text),
            chip=params.get("chip", [None])[0] or None,
            since=params.get("since", [None])[0] or None,
            max_entities=int(most) if most else None,
            max_facts=int(facts) if facts else None,
        )
        reply = self.endpoint.run(job)
        if reply.status == 200:
            headers = {**reply.headers, "Content-Security-Policy": _GRAPH_CSP}
            return Reply(reply.status, reply.content_type, reply.body, headers)
        if reply.status == 503 and b"time limit" in reply.body:
            hint = (
                "; a smaller page is sooner: ?focus=ENTITY, ?chip=CHIP or ?max_entities=N "
                "(or serve with a longer --timeout)"
            )
            message = reply.body.decode("utf-8").rstrip("\n") + hint
            return Reply.error(503, message, reply.headers)
        return reply

    def _helper(self, path: str, params: dict[str, list[str]]) -> Reply:
        from chipkg.queries.catalog import helpers

        name = unquote(path.removeprefix("/ask/")).strip("/")
        if name == "shapes":
            return Reply(200, "application/json", self.endpoint.question_shapes)
        if name not in helpers:
            raise BadRequest(404, f"no helper {name!r}; see /ask for the list")
        values = {key: _single(params, key) for key in params}
        return self._run_helper(name, values, path, tuple(values.items()))

    def _question(self, params: dict[str, list[str]]) -> Reply:
        from chipkg.queries.questions import match_question

        values = {key: _single(params, key) for key in params}
        query = tuple(values.items())
        question = values.pop("question")
        try:
            match = match_question(question)
        except QueryError as exc:
            raise BadRequest(400, str(exc)) from None
        about = (("question", question), ("command", match.command()))
        arguments = {key: str(value) for key, value in match.args.items()} | values
        return self._run_helper(match.helper, arguments, "/ask", query, about)

    def _run_helper(
        self,
        name: str,
        values: dict[str, str],
        path: str,
        query: tuple[tuple[str, str], ...],
        about: tuple[tuple[str, str], ...] = (),
    ) -> Reply:
        """Return the reply of helper ``name`` called with the text ``values``."""
        from chipkg.queries.catalog import bind, takes

        values = dict(values)
        fmt = values.pop("format", None) or _helper_format(self.headers.get("Accept"))
        if fmt not in HELPER_FORMATS:
            raise BadRequest(400, f"format must be one of {', '.join(HELPER_FORMATS)}, not {fmt!r}")
        try:
            arguments = bind(name, values)
        except QueryError as exc:
            raise BadRequest(400, str(exc)) from None
        if takes(name, "limit"):
            limit = arguments.setdefault("limit", min(DEFAULT_LIMIT, self.config.max_rows))
            if not 1 <= limit <= self.config.max_rows:
                raise BadRequest(400, f"limit must be from 1 to {self.config.max_rows}")
        job = HelperJob(
            helper=name,
            arguments=tuple(arguments.items()),
            format=fmt,
            path=path,
            query=query,
            about=about,
            max_rows=self.config.max_rows,
        )
        return self.endpoint.run(job)

    # -- output -------------------------------------------------------------------------

    def _send(self, reply: Reply, *, head: bool = False, close: bool = False) -> None:
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Cache-Control", "no-store")
            if reply.status == 406 or 200 <= reply.status < 300:
                self.send_header("Vary", "Accept")
            for key, value in reply.headers.items():
                self.send_header(key, value)
            if close or self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if not head and reply.body:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def _parse_form(text: str, where: str) -> dict[str, list[str]]:
    """Return the fields of a URL-encoded string; malformed escapes or UTF-8 are a 400."""
    if not text:
        return {}
    if _PERCENT_OK.search(text):
        raise BadRequest(400, f"malformed percent-encoding in {where}")
    try:
        unquote(text.replace("+", " "), errors="strict")
        return parse_qs(
            text, keep_blank_values=True, strict_parsing=False, errors="strict", max_num_fields=100
        )
    except UnicodeDecodeError:
        raise BadRequest(400, f"percent-encoding in {where} is not valid UTF-8") from None
    except ValueError as exc:
        raise BadRequest(400, f"cannot read {where}: {exc}") from None


def _helper_format(accept: str | None) -> str:
    """Return the helper format the Accept header prefers (JSON unless CSV or text is asked)."""
    wanted = (accept or "").lower()
    if "text/csv" in wanted:
        return "csv"
    if "text/plain" in wanted and "json" not in wanted:
        return "table"
    return "json"


def _single(params: dict[str, list[str]], key: str) -> str:
    values = params.get(key, [])
    if len(values) != 1:
        raise BadRequest(400, f"expected exactly one '{key}' parameter, got {len(values)}")
    return values[0]


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(400, f"{what} is not valid UTF-8") from None
