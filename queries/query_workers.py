"""Worker processes that run SPARQL for the endpoint, so a runaway query can be killed.

pyoxigraph cannot interrupt a query from another thread, so the endpoint never runs
one in its own process. Each worker is a separate process that opens the store
read-only (``pyoxigraph.Store.read_only``: no lock, a snapshot that the worker
re-opens when the store's files change), parses and checks each request
(:mod:`chipkg.queries.query_safety`), evaluates it and serializes the answer. The
parent waits at most the time limit for the reply; past it, it kills the worker
(SIGKILL) and starts a fresh one, so the time limit really stops the query.

Workers also refuse every outbound socket connection in-process (a second guard
behind the static checks) and tell rdflib not to fetch ``FROM`` graphs.

Example
-------
>>> pool = WorkerPool(StoreSource("oxigraph", "/path/to/store"), size=2)  # doctest: +SKIP
>>> pool.start()                                                         # doctest: +SKIP
>>> pool.run(QueryJob("ASK { ?s ?p ?o }", accept="text/csv"), timeout=5).body  # doctest: +SKIP
b'_askResult\\r\\ntrue\\r\\n'
"""

from __future__ import annotations

import contextlib
import json
import pickle
import queue
import select
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from chipkg.ontology.errors import ChipKGError, QueryError, QueryTimeoutError, StoreError


@dataclass(frozen=True)
class StoreSource:
    """Where workers open the store from: a backend name and a location."""

    backend: str
    location: str | None

    def open(self, *, read_only: bool = True) -> Any:
        """Return an open :class:`chipkg.graph.store.Store` for this source."""
        from chipkg.graph.store import open_store

        return open_store(self.backend, self.location, read_only=read_only)

    def fingerprint(self) -> tuple[int, ...]:
        """Return a value that changes whenever a new state of the store is published.

        Covers the store folder's entries and ``snapshots/CURRENT`` (the pointer a
        writer replaces when it publishes a read snapshot, see
        :mod:`chipkg.graph.snapshots`).
        """
        if self.location is None:
            return ()
        root = Path(self.location)
        stats: list[int] = []
        for path in (root, root / "snapshots", root / "snapshots" / "CURRENT", root / "db"):
            try:
                stat = path.stat()
            except OSError:
                stats.extend((0, 0, 0))
                continue
            stats.extend((stat.st_ino, stat.st_size, stat.st_mtime_ns))
        return tuple(stats)


@dataclass(frozen=True)
class Reply:
    """An HTTP answer produced by a worker: status, content type, body, extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def error(cls, status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
        """Return a plain-text error reply."""
        return cls(
            status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers or {}
        )


@dataclass(frozen=True)
class QueryJob:
    """Run a SPARQL query and serialize the answer for ``accept`` (or ``format``)."""

    sparql: str
    accept: str | None = None
    format: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int = 10_000
    timeout: float | None = None


@dataclass(frozen=True)
class UpdateJob:
    """Run a SPARQL Update on a writable handle opened for this job only."""

    sparql: str


@dataclass(frozen=True)
class HealthJob:
    """Count what the store holds."""


@dataclass(frozen=True)
class GraphPageJob:
    """Build the HTML graph page from the store (options of :mod:`chipkg.graph.html`)."""

    focus: str | None = None
    depth: int = 1
    chip: str | None = None
    since: str | None = None
    max_entities: int | None = None
    max_facts: int | None = None


@dataclass(frozen=True)
class HelperJob:
    """Run a query helper (``chipkg ask NAME``) and render its rows as JSON, CSV or a table.

    ``query`` is the request's own parameters, to build the link to the next page;
    ``about`` goes at the top of a JSON answer (the question a helper answers).
    """

    helper: str
    arguments: tuple[tuple[str, Any], ...] = ()
    format: str = "json"
    path: str = ""
    query: tuple[tuple[str, str], ...] = ()
    about: tuple[tuple[str, str], ...] = ()
    max_rows: int = 10_000


Job = QueryJob | UpdateJob | HealthJob | GraphPageJob | HelperJob


# -- inside a worker -----------------------------------------------------------------


def _forbid_outbound() -> None:
    """Make every outbound connection from this process fail (Python-level sockets)."""
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise ConnectionRefusedError("chipkg query workers make no outbound connections")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse
    socket.getaddrinfo = refuse


class _WorkerState:
    def __init__(self, source: StoreSource) -> None:
        self.source = source
        self.store: Any = None
        self.opened_at: tuple[int, ...] | None = None
        #: Graph pages built from the snapshot open now, newest last (see _graph_page).
        self.pages: dict[GraphPageJob, bytes] = {}

    def current(self) -> Any:
        print_ = self.source.fingerprint()
        if self.store is None or print_ != self.opened_at:
            if self.store is not None:
                self.store.close()
            self.store = self.source.open(read_only=True)
            self.opened_at = print_
            self.pages.clear()
        return self.store

    def keeps_pages(self) -> bool:
        """Return whether a page built now stays true until the fingerprint changes.

        Only for a store in a local folder: a server store changes without it.
        """
        return self.source.backend == "oxigraph" and self.source.location is not None


def _handle(state: _WorkerState, job: Job) -> Reply:
    if isinstance(job, QueryJob):
        return _run_query(state, job)
    if isinstance(job, UpdateJob):
        return _run_update(state, job)
    if isinstance(job, HealthJob):
        return _health(state)
    if isinstance(job, GraphPageJob):
        return _graph_page(state, job)
    if isinstance(job, HelperJob):
        return _run_helper(state, job)
    return Reply.error(500, f"unknown job {type(job).__name__}")


def _run_query(state: _WorkerState, job: QueryJob) -> Reply:
    from chipkg.queries.query_safety import QuerySyntaxError, RefusedQueryError, check_query
    from chipkg.queries.result_formats import ResultShape, formats_for, negotiate

    try:
        checked = check_query(
            job.sparql, default_graphs=job.default_graphs, named_graphs=job.named_graphs
        )
    except (QuerySyntaxError, RefusedQueryError) as exc:
        return Reply.error(400, str(exc))
    if job.default_graphs or job.named_graphs:
        return Reply.error(
            400,
            "default-graph-uri / named-graph-uri are not supported; "
            "name graphs with FROM in the query",
        )
    shape: ResultShape = "graph" if checked.is_graph else "select"
    fmt = negotiate(shape, job.accept, job.format)
    if fmt is None:
        offered = ", ".join(f.media_type for f in formats_for(shape))
        return Reply.error(
            406,
            f"no acceptable result format for a {checked.kind.upper()} query; offered: {offered}",
        )
    sparql = job.sparql
    if checked.kind == "select" and not checked.has_limit and not checked.has_trailing_values:
        # Let the store stop after the cap instead of computing every row.
        sparql = f"{sparql}\nLIMIT {job.max_rows + 1}"
    try:
        result = state.current().query(sparql, timeout=job.timeout)
    except QueryError as exc:
        return Reply.error(400, str(exc))
    headers: dict[str, str] = {}
    if result.kind == "select" and len(result.rows) > job.max_rows:
        result.rows = result.rows[: job.max_rows]
        headers["X-Chipkg-Truncated"] = f"max-rows={job.max_rows}"
    elif result.kind == "graph" and len(result.triples) > job.max_rows:
        result.triples = result.triples[: job.max_rows]
        headers["X-Chipkg-Truncated"] = f"max-rows={job.max_rows}"
    return Reply(200, fmt.content_type, fmt.write(result), headers)


def _run_update(state: _WorkerState, job: UpdateJob) -> Reply:
    from chipkg.ontology.errors import StoreInUseError
    from chipkg.queries.query_safety import QuerySyntaxError, RefusedQueryError, check_update

    try:
        check_update(job.sparql)
    except (QuerySyntaxError, RefusedQueryError) as exc:
        return Reply.error(400, str(exc))
    if state.store is not None:
        state.store.close()
        state.store = None
    try:
        writer = state.source.open(read_only=False)
    except StoreInUseError as exc:
        return Reply.error(503, str(exc), {"Retry-After": "5"})
    try:
        writer.update(job.sparql)
        writer.flush()
    except QueryError as exc:
        return Reply.error(400, str(exc))
    finally:
        writer.close()
    return Reply(204, "text/plain; charset=utf-8", b"")


_COUNTS = """
SELECT (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?entity) AS ?entities)
       (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
  { ?article a <https://w3id.org/chipkg/ontology#Article> }
  UNION { ?entity <https://w3id.org/chipkg/ontology#mentionedIn> ?a }
  UNION { ?claim a <https://w3id.org/chipkg/ontology#Claim> }
}"""


def _health(state: _WorkerState) -> Reply:
    store = state.current()
    row = store.query(_COUNTS).rows[0]
    articles, entities, claims = (int(v.toPython()) if v is not None else 0 for v in row)
    doc = {
        "status": "ok",
        "backend": state.source.backend,
        "quads": len(store),
        "graphs": sum(1 for _ in store.graphs()),
        "articles": articles,
        "entities": entities,
        "claims": claims,
    }
    return Reply(200, "application/json", json.dumps(doc).encode("utf-8"))


#: Graph pages a worker keeps for the snapshot it has open: at 10M triples a page
#: takes 20 s to build, and a desk opens the same few views again and again.
GRAPH_PAGES_KEPT = 8


def _graph_page(state: _WorkerState, job: GraphPageJob) -> Reply:
    from chipkg.graph.html import GraphView, render_store

    store = state.current()
    kept = state.pages.get(job)
    if kept is not None:
        return Reply(200, "text/html; charset=utf-8", kept, {"X-Chipkg-Page": "kept"})
    view = GraphView(
        focus=job.focus,
        depth=job.depth,
        chip=job.chip,
        since=job.since,
        max_entities=job.max_entities,
        max_facts=job.max_facts,
    )
    page = render_store(store, view).encode("utf-8")
    if state.keeps_pages():
        if len(state.pages) >= GRAPH_PAGES_KEPT:
            del state.pages[next(iter(state.pages))]  # the oldest
        state.pages[job] = page
    return Reply(200, "text/html; charset=utf-8", page, {"X-Chipkg-Page": "built"})


#: Media types of the helper answers, by format name.
HELPER_FORMATS = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "table": "text/plain; charset=utf-8",
}


def _run_helper(state: _WorkerState, job: HelperJob) -> Reply:
    from urllib.parse import urlencode

    from chipkg.queries.catalog import helpers
    from chipkg.queries.rendering import render

    try:
        rows = helpers.get(job.helper)(state.current(), **dict(job.arguments))
    except QueryError as exc:
        return Reply.error(400, str(exc))
    headers: dict[str, str] = {}
    if len(rows) > job.max_rows:
        rows.rows = rows.rows[: job.max_rows]
        headers["X-Chipkg-Truncated"] = f"max-rows={job.max_rows}"
    following = None
    if rows.page.next_offset is not None:
        query = [(k, v) for k, v in job.query if k != "offset"]
        following = f"{job.path}?{urlencode([*query, ('offset', str(rows.page.next_offset))])}"
        headers["Link"] = f'<{following}>; rel="next"'
    if job.format == "json":
        doc = {
            **dict(job.about),
            "helper": rows.helper,
            "page": {**rows.page.model_dump(), "next_offset": rows.page.next_offset},
            "next": following,
            "rows": rows.to_dicts(),
        }
        body = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    else:
        body = render(rows, job.format).encode("utf-8")
    return Reply(200, HELPER_FORMATS[job.format], body, headers)


def _worker_main(source: StoreSource) -> None:
    """Serve jobs read from stdin, replies to stdout, until stdin closes (worker process)."""
    channel = _Channel(sys.stdin.buffer, sys.stdout.buffer)
    sys.stdout = sys.stderr  # nothing but replies may reach the parent's pipe
    _forbid_outbound()
    state = _WorkerState(source)
    try:
        state.current()
        channel.send(("ready", None))
    except ChipKGError as exc:
        channel.send(("failed", str(exc)))
        return
    while True:
        try:
            job = channel.recv()
        except EOFError:
            return
        try:
            reply = _handle(state, job)
        except ChipKGError as exc:
            reply = Reply.error(500, str(exc))
        except Exception as exc:  # never let one request kill the worker silently
            reply = Reply.error(500, f"internal error: {type(exc).__name__}: {exc}")
        try:
            channel.send(reply)
        except OSError:
            return


class _Channel:
    """Length-prefixed pickles over a pair of pipes (both ends are chipkg's own)."""

    def __init__(self, reader: IO[bytes], writer: IO[bytes]) -> None:
        self.reader = reader
        self.writer = writer

    def send(self, obj: object) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self.writer.write(struct.pack("!Q", len(data)) + data)
        self.writer.flush()

    def recv(self) -> Any:
        header = self._read(8)
        (size,) = struct.unpack("!Q", header)
        return pickle.loads(self._read(size))

    def poll(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.reader], [], [], max(timeout, 0))
        return bool(ready)

    def _read(self, size: int) -> bytes:
        chunks = []
        while size:
            chunk = self.reader.read(size)
            if not chunk:
                raise EOFError("worker pipe closed")
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)


# -- in the server -------------------------------------------------------------------


#: Runs a worker; classes must be pickled under this module's name, not ``__main__``.
_WORKER_ENTRY = (
    "import sys; from chipkg.queries.query_workers import StoreSource, _worker_main; "
    "_worker_main(StoreSource(sys.argv[1], sys.argv[2] or None))"
)


class _Worker:
    def __init__(self, source: StoreSource) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-c", _WORKER_ENTRY, source.backend, source.location or ""],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            start_new_session=True,  # Ctrl-C reaches the server, which stops the workers
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.conn = _Channel(self.process.stdout, self.process.stdin)

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError(f"query worker did not start within {timeout:.0f} s")
        try:
            status, message = self.conn.recv()
        except EOFError as exc:
            self.kill()
            raise StoreError("query worker exited while opening the store") from exc
        if status != "ready":
            self.kill()
            raise StoreError(f"query worker cannot open the store: {message}")

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()


class WorkerPool:
    """A fixed number of query worker processes; a job past its time limit kills its worker."""

    def __init__(self, source: StoreSource, size: int = 2, *, start_timeout: float = 60.0) -> None:
        self.source = source
        self.size = max(1, size)
        self.start_timeout = start_timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.restarts = 0

    def start(self) -> None:
        """Start the workers and wait until each has opened the store (raises StoreError)."""
        workers = [_Worker(self.source) for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready(self.start_timeout)
        except StoreError:
            for worker in workers:
                worker.kill()
            raise
        with self._lock:
            self._all.update(workers)
        for worker in workers:
            self._idle.put(worker)

    def run(self, job: Job, timeout: float) -> Reply:
        """Return a worker's reply to ``job``; raise QueryTimeoutError past ``timeout`` seconds.

        Waiting for a free worker counts towards the same limit.
        """
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=max(timeout, 0.001))
        except queue.Empty:
            raise QueryTimeoutError(
                f"all {self.size} query workers stayed busy for {timeout:g} s; try again later"
            ) from None
        try:
            worker.conn.send(job)
            remaining = max(deadline - time.monotonic(), 0.001)
            if not worker.conn.poll(remaining):
                self._replace(worker)
                worker = None  # type: ignore[assignment]
                raise QueryTimeoutError(
                    f"the query ran past the {timeout:g} s time limit and was stopped"
                )
            reply: Reply = worker.conn.recv()
        except (EOFError, OSError) as exc:
            if worker is not None:
                self._replace(worker)
                worker = None  # type: ignore[assignment]
            raise StoreError(f"query worker died: {exc or type(exc).__name__}") from exc
        finally:
            if worker is not None:
                self._idle.put(worker)
        return reply

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start a replacement in the background."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            self.restarts += 1
            if self._closed:
                return

        def respawn() -> None:
            try:
                fresh = _Worker(self.source)
                fresh.wait_ready(self.start_timeout)
            except StoreError:
                time.sleep(1)
                if not self._closed:
                    respawn()
                return
            with self._lock:
                if self._closed:
                    fresh.kill()
                    return
                self._all.add(fresh)
            self._idle.put(fresh)

        threading.Thread(target=respawn, name="chipkg-worker-respawn", daemon=True).start()

    def pids(self) -> list[int]:
        """Return the process ids of the live workers."""
        with self._lock:
            return [w.process.pid for w in self._all]

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
