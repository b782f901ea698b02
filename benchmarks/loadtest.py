"""A bounded load test of ``chipkg serve`` on loopback: ``python -m benchmarks.loadtest``.

Starts the endpoint on a free 127.0.0.1 port over a store, then runs 16 client
threads for 30 seconds (each with at most 100,000 requests) that mix helper
queries (the ``queries/sparql`` files with a chip or the parties bound, as the
CLI and the query page send them) with full SPARQL (aggregates, CONSTRUCT, ASK,
a property path). It reports throughput, p50/p95 latency, errors (any status but
200, or a failed connection) and the server's RSS (with its query workers)
sampled every second, then stops the server. It talks to nothing but loopback.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
FULL_SPARQL = [
    "SELECT ?t (COUNT(*) AS ?n) WHERE { ?e a ?t } GROUP BY ?t ORDER BY DESC(?n)",
    "SELECT ?chip (COUNT(DISTINCT ?a) AS ?n) WHERE { ?x a ckg:Approval ; ckg:chip ?chip ; "
    "prov:wasDerivedFrom ?a } GROUP BY ?chip ORDER BY DESC(?n) LIMIT 20",
    "ASK { ?r ckg:conditionallyApproves ?f }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s a ckg:Regulator ; ?p ?o } LIMIT 200",
    "SELECT ?a ?b WHERE { ?a ckg:outperforms/ckg:outperforms ?b } LIMIT 50",
    'SELECT ?label WHERE { ?e rdfs:label ?label FILTER(STRSTARTS(?label, "Zen")) } LIMIT 100',
]
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
PREFIXES = (
    "PREFIX ckg: <https://w3id.org/chipkg/ontology#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def workload() -> list[tuple[str, str]]:
    """Return (name, SPARQL) pairs the clients pick from: bound helpers and full SPARQL."""
    from benchmarks.tasks import helper_calls

    calls = helper_calls()
    helpers = [(n, q) for n, q in calls.items() if n.endswith(".chip")]
    helpers += [(n, calls[n]) for n in ("evidence", "approval-parts") if n in calls]
    return helpers + [(f"sparql-{i}", PREFIXES + q) for i, q in enumerate(FULL_SPARQL)]


def _rss_mb(process: psutil.Process) -> float:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


def run(
    store: str, *, clients: int = 16, seconds: float = 30.0, workers: int = 2
) -> dict[str, Any]:
    """Return the load-test measurements against ``chipkg serve`` over ``store``."""
    port = _free_port()
    chipkg = str(Path(sys.executable).parent / "chipkg")
    server = subprocess.Popen(
        [
            chipkg,
            "serve",
            "--store",
            store,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_ready(port, server)
        return _load(port, server, clients, seconds)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _wait_ready(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode(errors="replace") if server.stderr else ""
            raise RuntimeError(f"chipkg serve exited with {server.returncode}: {err[-500:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("chipkg serve did not answer /health within 60 s")


def _load(
    port: int, server: subprocess.Popen[bytes], clients: int, seconds: float
) -> dict[str, Any]:
    mix = workload()
    latencies: list[float] = []
    errors: list[str] = []
    per_query: dict[str, list[float]] = {name: [] for name, _ in mix}
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(100_000):
            if time.monotonic() >= deadline:
                break
            name, sparql = rng.choice(mix)
            began = time.perf_counter()
            try:
                if rng.random() < 0.5:
                    conn.request(
                        "GET",
                        "/sparql?" + urllib.parse.urlencode({"query": sparql}),
                        headers={"Accept": ACCEPT},
                    )
                else:
                    conn.request(
                        "POST",
                        "/sparql",
                        body=urllib.parse.urlencode({"query": sparql}),
                        headers={
                            "Content-Type": "application/x-www-form-urlencoded",
                            "Accept": ACCEPT,
                        },
                    )
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                detail = f"{name}: {type(exc).__name__}: {exc}"
            else:
                detail = f"{name}: HTTP {status}"
            took = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(took)
                per_query[name].append(took)
                if status != 200:
                    errors.append(detail)
        conn.close()

    process = psutil.Process(server.pid)
    rss: list[float] = [_rss_mb(process)]
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        time.sleep(1.0)
        rss.append(_rss_mb(process))
    elapsed = time.monotonic() - start
    third = max(1, len(rss) // 3)
    early, late = max(rss[1 : third + 1] or rss), max(rss[-third:])
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "seconds": elapsed,
        "requests": len(latencies),
        "throughput_rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(ordered) if ordered else None,
        "p95_ms": ordered[round(0.95 * (len(ordered) - 1))] if ordered else None,
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:10],
        "rss_mb_start": rss[0],
        "rss_mb_early_max": early,
        "rss_mb_late_max": late,
        "rss_mb_samples": [round(r, 1) for r in rss],
        "rss_flat": late <= early * 1.2 + 20,
        "queries": {n: round(statistics.median(v), 1) for n, v in per_query.items() if v},
    }


def main(argv: list[str] | None = None) -> int:
    """Run the load test and print its result as JSON; exit 1 on any error."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadtest", description=__doc__)
    parser.add_argument("--store", default=str(HERE / "out" / "kg-1m"), help="store directory")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0)
    options = parser.parse_args(argv)
    if not Path(options.store).exists():
        from benchmarks.tasks import task_build

        task_build(options.store, options.store + "-floor", 300)
    result = run(options.store, clients=options.clients, seconds=options.seconds)
    print(json.dumps(result, indent=2))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
