"""Shared pieces of the endpoint tests: a real store built from a TriG fixture, a running
endpoint, a plain HTTP client and a loopback listener that records connections."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from chipkg.graph.store import open_store
from chipkg.queries.endpoint import Endpoint, EndpointConfig

DATA = Path(__file__).resolve().parent.parent / "data" / "endpoint"
SMALL = DATA / "small.trig"


def build_store(path: Path, trig: Path = SMALL) -> Path:
    """Return ``path`` after loading ``trig`` into a new oxigraph store there."""
    with open_store("oxigraph", path) as store, trig.open("rb") as data:
        store.load(data, "trig")
    return path


@dataclass
class Response:
    """An HTTP answer as the tests read it."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(
    endpoint: Endpoint,
    method: str,
    target: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> Response:
    """Return the endpoint's answer to one raw HTTP request (``target`` is path + query)."""
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=timeout)
    try:
        has_host = "Host" in (headers or {})
        conn.putrequest(method, target, skip_host=has_host, skip_accept_encoding=True)
        for key, value in (headers or {}).items():
            conn.putheader(key, value)
        if body is not None and "Content-Length" not in (headers or {}):
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        answer = conn.getresponse()
        return Response(
            answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
        )
    finally:
        conn.close()


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(1)
            try:
                self.connections.append(conn.recv(4096))
            except OSError:
                self.connections.append(b"")
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


def start_endpoint(store_dir: Path, **options: object) -> Endpoint:
    """Return a started endpoint on a free loopback port."""
    config = EndpointConfig(store=str(store_dir), port=0, **options)  # type: ignore[arg-type]
    return Endpoint(config).start()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a store directory holding tests/data/endpoint/small.trig."""
    return build_store(tmp_path_factory.mktemp("endpoint") / "store")


@pytest.fixture(scope="module")
def endpoint(store_dir: Path) -> Iterator[Endpoint]:
    """Yield a read-only endpoint over the small store (stopped afterwards)."""
    server = start_endpoint(store_dir, timeout=20)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def listener() -> Iterator[Listener]:
    """Yield a loopback listener that records connection attempts."""
    sock = Listener()
    try:
        yield sock
    finally:
        sock.close()
