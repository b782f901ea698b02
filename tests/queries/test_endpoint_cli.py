"""``chipkg serve`` as users run it: a subprocess on a free port that SPARQLWrapper queries,
stopped with Ctrl-C (SIGINT), leaving no worker process behind."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from .endpoint_support import build_store

pytestmark = pytest.mark.server


def test_serve_answers_sparqlwrapper_and_stops_cleanly(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store")
    cmd = [sys.executable, "-m", "chipkg", "serve", "--store", str(store), "--port", "0", "-q"]
    server = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+/sparql)", line)
        assert match, line
        client = SPARQLWrapper(match.group(1))
        client.setQuery("SELECT DISTINCT ?l WHERE { ?c a ckg:Chip ; rdfs:label ?l } ORDER BY ?l")
        client.setReturnFormat(JSON)
        rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
        assert [r["l"]["value"] for r in rows] == ["H20", "H200"]
        children = _children(server.pid)
        assert len(children) == 2  # the two query workers
        server.send_signal(signal.SIGINT)
        assert server.wait(30) == 0
        time.sleep(0.5)
        assert [pid for pid in children if _running(pid)] == []
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)


def test_serve_refuses_update_without_token(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store")
    cmd = [sys.executable, "-m", "chipkg", "serve", "--store", str(store), "--allow-update"]
    done = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "CHIPKG_TOKEN"},
    )
    assert done.returncode != 0
    assert "--token" in done.stderr


def _children(pid: int) -> list[int]:
    import psutil

    return [p.pid for p in psutil.Process(pid).children()]


def _running(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
