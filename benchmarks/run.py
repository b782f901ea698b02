"""Run the chipkg benchmarks: ``python -m benchmarks.run [--quick]``.

Every step runs in its own child process (:mod:`benchmarks.tasks`) so that its
peak RSS is its own, and all of them run in this one invocation so that ratios
hold on a noisy machine. Prints one table and writes ``benchmarks/results.json``:

- ``ingest``: end-to-end ingest of synthetic 3-5 KB articles into the default
  persistent store (one process and all cores), and the floor (the same files
  read and tokenised with the extractor's tokenizer);
- ``query``: p50/p95 of every query helper at about 1M triples (and 10M in the
  full run) against the floor (the same SPARQL on a plain pyoxigraph store with
  the triples in its default graph) and rdflib's in-memory ``Dataset`` at 1M;
- ``validate``: SHACL validation of a store, at two sizes (it should grow linearly);
- ``viz``: the HTML graph of the 1M (and 10M) store: the default page and one focus;
- ``memory``, ``disk`` and (full run) ``scaling`` at 1k/10k/100k articles.

``--quick`` (``make bench-quick``) keeps the 1M-triple queries and shrinks the
rest so that it finishes in under three minutes on two cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import selectors
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RESULTS = HERE / "results.json"
#: Synthetic articles carry ~385 triples each (the real mapping), so these sizes give
#: about 1M and 10M triples.
ARTICLES_1M = 2600
ARTICLES_10M = 26000


class StepFailed(RuntimeError):
    """A benchmark child process failed or ran past its time limit."""


def step(task: str, timeout: float, **args: Any) -> dict[str, Any]:
    """Return the measurements of one task run in a child process."""
    command = [sys.executable, "-m", "benchmarks.tasks", task, json.dumps(args)]
    try:
        done = subprocess.run(
            command, cwd=HERE.parent, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise StepFailed(f"{task} ran past {timeout:.0f} s") from exc
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])  # type: ignore[no-any-return]
    raise StepFailed(f"{task} failed (exit {done.returncode}): {done.stderr.strip()[-800:]}")


def _fresh(path: Path) -> str:
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- ingest -------------------------------------------------------------------------
def bench_ingest(results: dict[str, Any], count: int, cores: int, rounds: int = 3) -> None:
    """Measure floor, one-process and all-core ingest of ``count`` articles.

    Floor, one-process and all-core runs alternate, ``rounds`` of each, and the
    medians count: on this shared machine one run of either moved by up to 6%,
    enough to move the speed-up by 0.1 either way. Every run's rate is kept
    beside them.
    """
    corpus = str(OUT / f"corpus-{count}")
    _log(f"corpus: {count} synthetic articles")
    size = step("corpus", 600, directory=corpus, count=count)
    floors: list[dict[str, Any]] = []
    singles: list[dict[str, Any]] = []
    parallels: list[dict[str, Any]] = []
    for n in range(1, rounds + 1):
        _log(f"ingest floor: read + tokenise ({n}/{rounds})")
        floors.append(step("floor", 600, directory=corpus))
        _log(f"ingest: one process ({n}/{rounds})")
        singles.append(
            step("ingest", 1800, directory=corpus, store=_fresh(OUT / "ingest-1"), workers=1)
        )
        _log(f"ingest: {cores} worker processes ({n}/{rounds})")
        parallels.append(
            step("ingest", 1800, directory=corpus, store=_fresh(OUT / "ingest-n"), workers=cores)
        )
    floor, single, parallel = median_run(floors), median_run(singles), median_run(parallels)
    results["ingest"] = {
        "articles": count,
        "mean_article_kb": size["bytes"] / size["articles"] / 1024,
        "articles_per_s": single["articles_per_s"],
        "mb_per_s": single["mb_per_s"],
        "floor_articles_per_s": floor["articles_per_s"],
        "floor_mb_per_s": floor["mb_per_s"],
        "floor_ratio": floor["articles_per_s"] / single["articles_per_s"],
        "workers": cores,
        "parallel_articles_per_s": parallel["articles_per_s"],
        "parallel_speedup": parallel["articles_per_s"] / single["articles_per_s"],
        "rounds": rounds,
        "runs_floor_articles_per_s": [run["articles_per_s"] for run in floors],
        "runs_articles_per_s": [run["articles_per_s"] for run in singles],
        "runs_parallel_articles_per_s": [run["articles_per_s"] for run in parallels],
        "failed": sum(run["failed"] for run in singles + parallels),
        "quads": single["quads"],
    }
    results.setdefault("memory", {})["ingest_peak_rss_mb"] = max(r["peak_rss_mb"] for r in singles)
    results["memory"]["parallel_ingest_writer_peak_rss_mb"] = max(
        run["peak_rss_mb"] for run in parallels
    )
    results.setdefault("disk", {})["ingest_bytes_per_triple"] = single["disk_bytes"] / max(
        1, single["quads"]
    )


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the run whose rate is the median (the lower middle one of an even count)."""
    ordered = sorted(runs, key=lambda run: run["articles_per_s"])
    return ordered[(len(ordered) - 1) // 2]


def bench_validate(results: dict[str, Any], sizes: list[int], cores: int) -> None:
    """Measure SHACL validation of stores of the first ``sizes`` synthetic articles.

    One process at each size (it should grow linearly), then all cores at the largest.
    """
    corpus = str(OUT / f"corpus-{max(sizes)}")
    step("corpus", 600, directory=corpus, count=max(sizes))
    rows = {}
    # All cores only where there are batches enough to share (a batch is 20,000 triples,
    # about 100 articles): a quick run's 100 articles are one or two.
    shared = cores > 1 and max(sizes) >= 500
    runs = [(count, 1) for count in sizes] + ([(max(sizes), cores)] if shared else [])
    for count, workers in runs:
        _log(f"validate: a store of {count} articles, {workers} process(es)")
        got = step(
            "validate",
            3600,
            directory=corpus,
            store=_fresh(OUT / "validate"),
            limit=count,
            workers=workers,
        )
        if not got["conforms"]:
            raise StepFailed(f"validate: the store of {count} synthetic articles does not conform")
        name = str(count) if workers == 1 else f"{count}x{workers}"
        rows[name] = {
            key: got[key]
            for key in ("seconds", "ms_per_article", "triples", "peak_rss_mb", "workers")
        }
    shutil.rmtree(OUT / "validate", ignore_errors=True)
    results["validate"] = rows


def bench_scaling(results: dict[str, Any], sizes: list[int], cores: int) -> None:
    """Measure all-core ingest time and peak RSS at each corpus size."""
    rows = {}
    for count in sizes:
        corpus = str(OUT / f"corpus-{count}")
        _log(f"scaling: corpus of {count}")
        step("corpus", 3600, directory=corpus, count=count)
        _log(f"scaling: ingest {count} with {cores} workers")
        got = step("ingest", 7200, directory=corpus, store=_fresh(OUT / "scale"), workers=cores)
        rows[str(count)] = {
            "seconds": got["seconds"],
            "articles_per_s": got["articles_per_s"],
            "peak_rss_mb": got["peak_rss_mb"],
            "workers": cores,
            "worker_peak_rss_mb": got.get("worker_peak_rss_mb"),
            "quads": got["quads"],
            "disk_bytes": got["disk_bytes"],
        }
        shutil.rmtree(OUT / "scale", ignore_errors=True)
    results["scaling"] = rows


# -- queries ------------------------------------------------------------------------
def bench_queries(
    results: dict[str, Any],
    label: str,
    count: int,
    reps: int,
    per_helper_s: float,
    budget_s: float = 1e9,
) -> None:
    """Build a store of ``count`` synthetic articles and time every helper on it."""
    store, floor = OUT / f"kg-{label}", OUT / f"floor-{label}"
    _log(f"query {label}: bulk-loading {count} articles into a chipkg and a floor store")
    built = step("build", 3600, store=_fresh(store), floor=_fresh(floor), articles_count=count)
    results.setdefault("stores", {})[label] = built
    results.setdefault("disk", {})[f"bytes_per_triple_{label}"] = (
        built["disk_bytes"] / built["triples"]
    )
    floor_bytes = built["floor_disk_bytes"] / built["triples"]
    results["disk"][f"floor_bytes_per_triple_{label}"] = floor_bytes
    if label == "1m":
        results["disk"]["bytes_per_triple"] = results["disk"]["bytes_per_triple_1m"]
    from benchmarks.tasks import bench_calls

    query = results.setdefault("query", {})
    args = {"store": str(store), "floor": str(floor), "reps": reps, "budget_s": budget_s}
    names = list(bench_calls())
    timings, rss, stopped = helper_steps(names, per_helper_s, args, label)
    sparql: dict[str, list[str]] = {}
    for name in names:
        entry = query.setdefault(name, {})
        timing = timings.get(name)
        if timing is None:
            entry[f"p50_ms_{label}"] = None
            entry[f"error_{label}"] = stopped.get(name, "not measured")
            continue
        sparql[name] = timing["sparql"]
        entry[f"rows_{label}"] = timing["rows"]
        entry[f"more_{label}"] = timing["more"]
        entry[f"queries_{label}"] = timing["queries"]
        entry[f"p50_ms_{label}"] = timing["kg"]["p50_ms"]
        entry[f"p95_ms_{label}"] = timing["kg"]["p95_ms"]
        entry[f"floor_p50_ms_{label}"] = timing["floor"]["p50_ms"]
        entry[f"floor_ratio_{label}"] = timing["kg"]["p50_ms"] / max(
            timing["floor"]["p50_ms"], 1e-6
        )
        if timing.get("call"):
            entry[f"call_p50_ms_{label}"] = timing["call"]["p50_ms"]
        entry[f"runs_{label}"] = timing["kg"]["runs"]
    (OUT / f"calls-{label}.json").write_text(json.dumps(sparql), encoding="utf-8")
    results.setdefault("memory", {})[f"query_peak_rss_mb_{label}"] = rss
    if label == "1m":
        results["memory"]["query_peak_rss_mb"] = rss


def helper_steps(
    names: list[str], per_helper_s: float, args: dict[str, Any], label: str
) -> tuple[dict[str, Any], float, dict[str, str]]:
    """Return helper timings, peak RSS and the helpers stopped for running too long.

    One child times the helpers in turn and reports each as it finishes; a helper
    that runs past ``per_helper_s`` is stopped (pyoxigraph cannot interrupt a
    query, so its child is killed) and a new child carries on with the rest.
    """
    timings: dict[str, Any] = {}
    stopped: dict[str, str] = {}
    rss = 0.0
    pending = list(names)
    while pending:
        command = [
            sys.executable,
            "-m",
            "benchmarks.tasks",
            "queries",
            json.dumps({**args, "names": pending}),
        ]
        child = subprocess.Popen(command, cwd=HERE.parent, stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(child.stdout, selectors.EVENT_READ)
        current = pending[0]
        _log(f"query {label}: {current}")
        deadline = time.monotonic() + _limit(current, per_helper_s) + 15  # + child start-up
        while True:
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                child.kill()
                child.wait()
                stopped[current] = f"stopped after {_limit(current, per_helper_s):.0f} s"
                pending.remove(current)
                break
            line = child.stdout.readline()
            if not line:  # the child ended
                child.wait()
                pending = [n for n in pending if n not in timings]
                if pending and child.returncode != 0:
                    stopped[pending[0]] = f"failed (exit {child.returncode})"
                    pending.pop(0)
                break
            if line.startswith("HELPER "):
                got = json.loads(line[len("HELPER ") :])
                timings.update(got)
                rss = max([rss, *(t["peak_rss_mb"] for t in got.values())])
                pending = [n for n in pending if n not in got]
                if pending:
                    current = pending[0]
                    _log(f"query {label}: {current}")
                deadline = time.monotonic() + _limit(current, per_helper_s)
            elif line.startswith("RESULT "):
                rss = max(rss, json.loads(line[len("RESULT ") :])["peak_rss_mb"])
        selector.close()
    return timings, rss, stopped


def _limit(name: str, per_helper_s: float) -> float:
    """Return the time limit of one entry: a whole listing ([all]) gets three times more."""
    return per_helper_s * 3 if "[all]" in name else per_helper_s


def bench_rdflib(results: dict[str, Any], count: int, cap_s: float, timeout: float) -> None:
    """Time the SPARQL the helpers ran at 1M triples on rdflib's Dataset (the ratio)."""
    _log(f"rdflib: loading {count} articles into rdflib's Dataset and timing the helpers")
    query = results.setdefault("query", {})
    calls = OUT / "calls-1m.json"
    try:
        got = step("rdflib", timeout, articles_count=count, cap_s=cap_s, calls_file=str(calls))
    except StepFailed as exc:
        results.setdefault("errors", []).append(f"rdflib: {exc}")
        return
    results.setdefault("memory", {})["rdflib_peak_rss_mb_1m"] = got["peak_rss_mb"]
    for name, timing in got["helpers"].items():
        entry = query.setdefault(name, {})
        entry["rdflib_p50_ms_1m"] = timing["p50_ms"]
        entry["rdflib_capped_1m"] = timing.get("capped", False)
        ours = entry.get("p50_ms_1m")
        entry["rdflib_ratio_1m"] = timing["p50_ms"] / ours if ours else None


def bench_viz(results: dict[str, Any], label: str, store: Path) -> None:
    """Time the HTML graph (default page, one focus) of the ~``label`` triples store."""
    _log(f"viz: the HTML graph of the {label} store")
    results.setdefault("viz", {})[label] = step("viz", 1800, store=str(store))


def bench_loadtest(results: dict[str, Any], store: Path) -> None:
    """Run the 16-client, 30-second loopback load test of ``chipkg serve`` on ``store``."""
    _log("load test: 16 clients for 30 s against chipkg serve on loopback")
    command = [sys.executable, "-m", "benchmarks.loadtest", "--store", str(store)]
    try:
        done = subprocess.run(
            command, cwd=HERE.parent, capture_output=True, text=True, timeout=240, check=False
        )
        got = json.loads(done.stdout)
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
        results.setdefault("errors", []).append(f"loadtest: {exc}")
        return
    got.pop("rss_mb_samples", None)
    results["loadtest"] = got


# -- report ---------------------------------------------------------------------------
def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(results: dict[str, Any]) -> str:
    """Return the one table the run prints."""
    lines = []
    ing = results.get("ingest", {})
    if ing:
        lines += [
            f"ingest ({ing['articles']} articles, {ing['mean_article_kb']:.1f} KB each)",
            f"  one process      {ing['articles_per_s']:8.1f} articles/s  "
            f"{ing['mb_per_s']:6.2f} MB/s",
            f"  floor (tokenise) {ing['floor_articles_per_s']:8.1f} articles/s  "
            f"{ing['floor_mb_per_s']:6.2f} MB/s   ratio {ing['floor_ratio']:.2f}x",
            f"  {ing['workers']} workers        {ing['parallel_articles_per_s']:8.1f} articles/s  "
            f"speed-up {ing['parallel_speedup']:.2f}x",
        ]
        if ing.get("rounds", 1) > 1:  # medians of alternating runs: show every run too
            singles, parallels = ing["runs_articles_per_s"], ing["runs_parallel_articles_per_s"]
            floors = ing.get("runs_floor_articles_per_s") or [None] * len(singles)
            runs = zip(floors, singles, parallels, strict=True)
            lines.append(
                f"  medians of {ing['rounds']} alternating runs, "
                + ("floor / " if floors[0] else "")
                + "one / all: "
                + ", ".join(
                    (f"{f:.0f} / " if f else "") + f"{a:.0f} / {b:.0f} ({b / a:.2f}x)"
                    for f, a, b in runs
                )
            )
    query = results.get("query", {})
    if query:
        has_10m = any("p50_ms_10m" in v for v in query.values())
        head = f"{'helper call':34s}{'rows':>7s}{'p50':>9s}{'p95':>9s}{'floor':>9s}{'xfloor':>8s}"
        head += f"{'rdflib':>10s}{'xrdflib':>9s}{'call':>9s}"
        head += f"{'p50@10M':>10s}{'xfloor':>8s}" if has_10m else ""
        lines += [
            "",
            "queries at ~1M triples (ms)" + (" and 10M" if has_10m else ""),
            "  <helper> = the default page (chipkg ask <helper>), [all] = every row,",
            "  p50/floor/rdflib = the SPARQL the call runs; call = the helper call itself",
            head,
        ]
        for name, v in sorted(query.items()):
            more = "+" if v.get("more_1m") else ""
            row = f"{name:34s}{_fmt(v.get('rows_1m')) + more:>7s}{_fmt(v.get('p50_ms_1m')):>9s}"
            row += f"{_fmt(v.get('p95_ms_1m')):>9s}{_fmt(v.get('floor_p50_ms_1m')):>9s}"
            row += f"{_fmt(v.get('floor_ratio_1m'), 2):>8s}"
            capped = ">" if v.get("rdflib_capped_1m") else ""
            row += f"{capped + _fmt(v.get('rdflib_p50_ms_1m'), 0):>10s}"
            row += f"{capped + _fmt(v.get('rdflib_ratio_1m'), 0):>9s}"
            row += f"{_fmt(v.get('call_p50_ms_1m')):>9s}"
            if has_10m:
                row += f"{_fmt(v.get('p50_ms_10m')):>10s}{_fmt(v.get('floor_ratio_10m'), 2):>8s}"
            lines.append(row)
    mem, disk = results.get("memory", {}), results.get("disk", {})
    lines += ["", "memory and disk"]
    for key, value in {**mem, **disk}.items():
        lines.append(f"  {key:40s} {_fmt(value)}")
    for count, row in results.get("scaling", {}).items():
        lines.append(
            f"  scaling {count:>7s} articles: {row['seconds']:8.1f} s  "
            f"{row['articles_per_s']:7.1f} articles/s  peak RSS {row['peak_rss_mb']:7.1f} MB"
            + (
                f" + {row['workers']} workers of {row['worker_peak_rss_mb']:.0f} MB at most"
                if row.get("worker_peak_rss_mb")
                else ""
            )
        )
    for label, row in results.get("viz", {}).items():
        lines.append(
            f"  viz {label:>4s}: page {row['page_seconds']:6.1f} s "
            f"({row['page_entities']} of {row['page_entities_total']} entities, "
            + (
                f"{row['page_facts']} of {row['page_facts_total']} facts, "
                if "page_facts" in row
                else ""
            )
            + f"{row['page_mb']:.1f} MB), one focus {row['focus_seconds']:5.1f} s "
            f"({row['focus_entities']} entities), peak RSS {row['peak_rss_mb']:.0f} MB"
        )
    for count, row in results.get("validate", {}).items():
        lines.append(
            f"  validate {count:>6s} articles: {row['seconds']:8.1f} s  "  # "300x2": 2 processes
            f"{row['ms_per_article']:7.1f} ms/article  peak RSS {row['peak_rss_mb']:7.1f} MB"
        )
    load = results.get("loadtest")
    if load:
        lines.append(
            f"  load test: {load['clients']} clients {load['seconds']:.0f} s: "
            f"{load['throughput_rps']:.1f} req/s, p95 {load['p95_ms']:.1f} ms, "
            f"{load['errors']} errors, RSS {load['rss_mb_early_max']:.0f} -> "
            f"{load['rss_mb_late_max']:.0f} MB (flat: {load['rss_flat']})"
        )
    for error in results.get("errors", []):
        lines.append(f"  error: {error}")
    return "\n".join(lines)


#: The phases of a full run, in order; ``--only`` picks some of them.
PHASES = (
    "ingest",
    "validate",
    "queries-1m",
    "viz-1m",
    "rdflib",
    "loadtest",
    "queries-10m",
    "viz-10m",
    "scaling",
)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the small setting (< 3 min)")
    parser.add_argument("--output", default=str(RESULTS), help="where to write results.json")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated phases of the full run to (re)measure, merged into the existing "
        f"--output file: {', '.join(PHASES)}",
    )
    options = parser.parse_args(argv)
    only = [p for p in options.only.split(",") if p]
    unknown = sorted(set(only) - set(PHASES))
    if unknown:
        parser.error(f"unknown phase(s) {', '.join(unknown)}; choose from {', '.join(PHASES)}")
    cores = os.cpu_count() or 1
    started = time.perf_counter()
    output = Path(options.output)
    results: dict[str, Any] = {}
    if only and output.exists():  # a partial run updates the numbers it measures, keeps the rest
        results = json.loads(output.read_text(encoding="utf-8"))
    results.update(
        setting="quick" if options.quick else "full",
        date=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        machine={"cores": cores, "python": platform.python_version(), "os": platform.platform()},
    )
    if only:
        results["phases"] = only
    OUT.mkdir(parents=True, exist_ok=True)

    def save() -> None:  # after every phase, so a long run that is stopped keeps its numbers
        output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    if options.quick:
        phases = {
            # 1,000 articles (~7 s in one process): at 300 a run lasted 2 s, and pool
            # start-up and the last write, which nothing overlaps, were a third of it.
            "ingest": lambda: bench_ingest(results, 1000, cores),
            "validate": lambda: bench_validate(results, [50, 100], cores),
            "queries-1m": lambda: bench_queries(
                results, "1m", ARTICLES_1M, reps=10, per_helper_s=12, budget_s=2
            ),
            "viz-1m": lambda: bench_viz(results, "1m", OUT / "kg-1m"),
            "rdflib": lambda: bench_rdflib(results, ARTICLES_1M, cap_s=1.0, timeout=150),
        }
    else:
        phases = {
            "ingest": lambda: bench_ingest(results, 2000, cores, rounds=5),
            "validate": lambda: bench_validate(results, [250, 1000], cores),
            "queries-1m": lambda: bench_queries(
                results, "1m", ARTICLES_1M, reps=30, per_helper_s=300, budget_s=20
            ),
            "viz-1m": lambda: bench_viz(results, "1m", OUT / "kg-1m"),
            "rdflib": lambda: bench_rdflib(results, ARTICLES_1M, cap_s=30, timeout=1800),
            "loadtest": lambda: bench_loadtest(results, OUT / "kg-1m"),
            "queries-10m": lambda: bench_queries(
                results, "10m", ARTICLES_10M, reps=15, per_helper_s=120, budget_s=30
            ),
            "viz-10m": lambda: bench_viz(results, "10m", OUT / "kg-10m"),
            "scaling": lambda: bench_scaling(results, [1000, 10_000, 100_000], cores),
        }
    measured = results.setdefault("measured", {})  # phase -> setting and date of its numbers
    for name in PHASES:
        if name in phases and (not only or name in only):
            phases[name]()
            measured[name] = {"setting": results["setting"], "date": results["date"]}
            save()
    results["seconds"] = time.perf_counter() - started
    save()
    print(table(results))
    print(f"\nwrote {options.output} in {results['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
