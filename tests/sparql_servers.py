"""Real SPARQL servers on loopback for tests: Oxigraph's server and Virtuoso.

Each fixture starts a private server on free loopback ports in a temporary
directory, waits until it answers, yields a ``sparql+http://`` store URL and stops
the server afterwards. When a server cannot be started (binary missing, not
installed by ``make sparql-servers``), the tests that use it skip and say why.

Use in a test module::

    from tests.sparql_servers import oxigraph_server, virtuoso_server  # noqa: F401
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

_READY_TIMEOUT_S = 90.0

_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""

# The anonymous SPARQL user may update and write graphs (a throw-away test server).
_VIRTUOSO_GRANTS = (
    "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(query_url: str) -> bool:
    url = f"{query_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, OSError):
        return False


def _wait_ready(process: subprocess.Popen[bytes], query_url: str, log: Path) -> str | None:
    """Return None once the server answers, or why it did not."""
    deadline = time.monotonic() + _READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-400:] if log.exists() else ""
            return f"exited with status {process.returncode}: {tail}"
        if _answers(query_url):
            return None
        time.sleep(0.3)
    return f"did not answer at {query_url} within {_READY_TIMEOUT_S:.0f} s"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def oxigraph_binary() -> str | None:
    """Return the path of the ``oxigraph`` server binary (PyPI package ``oxigraph``)."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Yield the store URL of a private Oxigraph server on loopback."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("Oxigraph server binary not found (pip install the dev extra 'oxigraph')")
    directory = tmp_path_factory.mktemp("oxigraph-server")
    port = free_port()
    log = directory / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(directory / "data"),
             "--bind", f"127.0.0.1:{port}", "--timeout-s", "30"],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        problem = _wait_ready(process, f"http://127.0.0.1:{port}/query", log)
        if problem:
            pytest.skip(f"Oxigraph server could not be started: {problem}")
        yield f"sparql+http://127.0.0.1:{port}/"
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Yield the store URL of a private Virtuoso server on loopback."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        pytest.skip(
            "Virtuoso not installed (virtuoso-t/isql-vt missing; "
            "`make sparql-servers` installs Debian's virtuoso-opensource as root)"
        )
    directory = tmp_path_factory.mktemp("virtuoso-server")
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port))
    log = directory / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "-c", str(ini), "+foreground"],
            cwd=directory, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        problem = _wait_ready(process, f"http://127.0.0.1:{http_port}/sparql", log)
        if problem:
            pytest.skip(f"Virtuoso could not be started: {problem}")
        grant = subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={_VIRTUOSO_GRANTS}"],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        if grant.returncode != 0 or "Error" in grant.stdout + grant.stderr:
            pytest.skip(f"Virtuoso refused the test grants: {grant.stdout}{grant.stderr}")
        yield f"sparql+http://127.0.0.1:{http_port}/?server=virtuoso"
    finally:
        _stop(process)
