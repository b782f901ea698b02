"""Benchmark steps, each run in its own child process so its peak RSS is its own.

``python -m benchmarks.tasks TASK '<json arguments>'`` runs one step and prints
its measurements as one ``RESULT {json}`` line; :mod:`benchmarks.run` starts the
children, collects the lines and writes the table and ``results.json``.
"""

from __future__ import annotations

import gc
import json
import resource
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from benchmarks.corpus import World, articles, write_corpus

_RESULT = "RESULT "


def peak_rss_mb() -> float:
    """Return this process's peak resident set size so far, in MiB (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_bytes(path: str | Path) -> int:
    """Return the bytes of the files under ``path`` (a hard-linked file counted once)."""
    seen: dict[tuple[int, int], int] = {}
    for p in Path(path).rglob("*"):
        if p.is_file():
            st = p.stat()
            seen[(st.st_dev, st.st_ino)] = st.st_size
    return sum(seen.values())


def _paths(directory: str, limit: int | None = None) -> list[Path]:
    paths = sorted(Path(directory).glob("*.txt"))
    return paths[:limit] if limit else paths


# -- corpus and ingest -----------------------------------------------------------
def task_corpus(directory: str, count: int, seed: int = 0) -> dict[str, Any]:
    """Write ``count`` synthetic articles (kept between runs when already there)."""
    target = Path(directory)
    marker = target / f".complete-{count}-{seed}"
    if not marker.exists():
        for old in target.glob("*.txt"):
            old.unlink()
        write_corpus(target, count, seed)
        marker.touch()
    paths = _paths(directory)
    return {"articles": len(paths), "bytes": sum(p.stat().st_size for p in paths)}


def task_floor(directory: str, limit: int | None = None) -> dict[str, Any]:
    """Read and tokenise the files with the extractor's own tokenizer: the ingest floor."""
    from chipkg.loaders.extraction.resources import resources

    nlp = resources().nlp  # built once, as ingest builds it once
    nlp.make_doc("warm up")
    paths = _paths(directory, limit)
    started = time.perf_counter()
    size = tokens = 0
    for path in paths:
        data = path.read_bytes()
        size += len(data)
        tokens += len(nlp.make_doc(data.decode("utf-8")))
    seconds = time.perf_counter() - started
    return {
        "articles": len(paths),
        "seconds": seconds,
        "bytes": size,
        "tokens": tokens,
        "articles_per_s": len(paths) / seconds,
        "mb_per_s": size / 2**20 / seconds,
    }


def task_ingest(
    directory: str, store: str, workers: int = 1, limit: int | None = None
) -> dict[str, Any]:
    """Ingest the files end-to-end into a fresh default (oxigraph) store.

    The one-off start-up is timed apart (``startup_seconds``), as for the floor:
    loading spaCy and the gazetteer, and importing the extractor's modules by
    extracting one small document that is not part of the corpus (worker processes
    fork from this one, so they start warm too).
    """
    import chipkg
    from chipkg.loaders.document import RawDocument
    from chipkg.loaders.extraction.resources import resources
    from chipkg.loaders.pipeline import extract_document

    warm = time.perf_counter()
    resources()
    text = "Nvidia makes the H20. China approved ByteDance to buy it, Reuters reported.\n"
    extract_document(RawDocument(text=text, source="warm-up.txt", format="txt"))
    startup = time.perf_counter() - warm
    paths = _paths(directory, limit)
    size = sum(p.stat().st_size for p in paths)
    started = time.perf_counter()
    with chipkg.open(store) as kg:
        report = kg.ingest(paths, workers=workers)
        seconds = time.perf_counter() - started
        quads = len(kg.store)
        failed = len(report.errors)
    return {
        "articles": len(paths),
        "workers": workers,
        "seconds": seconds,
        "failed": failed,
        "articles_per_s": len(paths) / seconds,
        "mb_per_s": size / 2**20 / seconds,
        "startup_seconds": startup,
        "quads": quads,
        "disk_bytes": dir_bytes(store),
        "peak_rss_mb": peak_rss_mb(),
        # The largest worker process (they have ended by now; 0 with one process).
        "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def task_validate(directory: str, store: str, limit: int, workers: int = 1) -> dict[str, Any]:
    """Ingest the first ``limit`` files into a fresh store, then time ``validate`` on it."""
    import chipkg

    paths = _paths(directory, limit)
    with chipkg.open(store) as kg:
        kg.ingest(paths)
        started = time.perf_counter()
        report = kg.validate(workers=workers)
        seconds = time.perf_counter() - started
    return {
        "articles": len(paths),
        "workers": workers,
        "seconds": seconds,
        "ms_per_article": seconds * 1000 / len(paths),
        "triples": report.triples,
        "conforms": report.conforms,
        "peak_rss_mb": peak_rss_mb(),
    }


def task_viz(store: str) -> dict[str, Any]:
    """Time the HTML graph of a built store: the default page, then one entity's focus."""
    import chipkg
    from chipkg.graph.html import GraphView, drawn_edges, project_view, render

    timings: dict[str, Any] = {}
    with chipkg.open(store, read_only=True) as kg:
        started = time.perf_counter()
        page = project_view(kg.store, GraphView())
        html = render(page)
        timings["page_seconds"] = time.perf_counter() - started
        timings["page_entities"] = page.number_of_nodes()
        timings["page_entities_total"] = page.graph.get("entities_total", page.number_of_nodes())
        timings["page_mb"] = len(html.encode("utf-8")) / 2**20
        timings["page_facts"] = sum(1 for _ in drawn_edges(page))
        timings["page_facts_total"] = page.graph.get("facts_total", timings["page_facts"])
        centre = max(page.nodes, key=page.degree)  # the best-connected entity drawn
        started = time.perf_counter()
        focused = project_view(kg.store, GraphView(focus=str(centre), depth=1))
        render(focused)
        timings["focus_seconds"] = time.perf_counter() - started
        timings["focus_entities"] = focused.number_of_nodes()
    timings["peak_rss_mb"] = peak_rss_mb()
    return timings


# -- large stores for the query benchmarks -----------------------------------------
def _quads(count: int, seed: int) -> Iterator[tuple[Any, ...]]:
    """Return (s, p, o, graph) pyoxigraph terms of ``count`` synthetic articles."""
    from chipkg.graph.mapping import extraction_triples
    from chipkg.graph.terms import to_ox

    cache: dict[Any, Any] = {}

    def term(t: Any) -> Any:
        found = cache.get(t)
        if found is None:
            found = to_ox(t)
            if len(cache) < 2_000_000:
                cache[t] = found
        return found

    world = World.generate(seed)
    for item in articles(count, seed, world=world):
        g = ox.NamedNode(str(item.extraction.article.iri))
        for s, p, o in extraction_triples(item.extraction):
            yield term(s), term(p), term(o), g


def task_build(store: str, floor: str, articles_count: int, seed: int = 0) -> dict[str, Any]:
    """Bulk-load the same synthetic triples into a chipkg store and a plain floor store.

    The chipkg store gets one named graph per article plus its merged default graph,
    exactly as ingest writes them; the floor store holds the triples once, in
    pyoxigraph's default graph, with no named graphs. Both are then compacted
    (``optimize_seconds``).
    """
    from chipkg.graph.backends.oxigraph import OxigraphStore

    started = time.perf_counter()
    kg = OxigraphStore(store)
    floor_store = ox.Store(floor)
    kg._writable()  # marks the writes, so closing publishes a read snapshot of them
    raw = kg._store  # the bulk loader has no transaction: fine for a fresh benchmark store
    named: list[ox.Quad] = []
    triples = 0
    for s, p, o, g in _quads(articles_count, seed):
        named.append(ox.Quad(s, p, o, g))
        triples += 1
        if len(named) >= 500_000:
            _load_chunk(raw, floor_store, named)
            named = []
    _load_chunk(raw, floor_store, named)
    loaded = time.perf_counter()
    # Both stores are compacted, as the docs advise after a back-fill (`chipkg optimize`):
    # a query reads every bulk load's files until then, in either store.
    kg.optimize()
    floor_store.optimize()
    floor_store.flush()
    del floor_store
    kg.close()
    gc.collect()
    return {
        "articles": articles_count,
        "triples": triples,
        "seconds": time.perf_counter() - started,
        "optimize_seconds": time.perf_counter() - loaded,
        "disk_bytes": dir_bytes(store),
        "floor_disk_bytes": dir_bytes(floor),
    }


def _load_chunk(raw: ox.Store, floor_store: ox.Store, named: list[ox.Quad]) -> None:
    merged = [ox.Quad(q.subject, q.predicate, q.object) for q in named]
    raw.bulk_extend(named)
    raw.bulk_extend(merged)
    floor_store.bulk_extend(merged)


# -- queries -----------------------------------------------------------------------
def helper_calls(seed: int = 0) -> dict[str, str]:
    """Return, per named query, its SPARQL with typical bindings on the synthetic corpus.

    Required parameters are bound to things the corpus holds (the first article's
    regulator, firm, chip and approval); optional ones are left open. ``<query>.chip``
    variants bind the chip as well. These are the building blocks; what the
    benchmark times is the SPARQL each helper call runs (:func:`bench_calls`).
    """
    from chipkg.queries.sparql_files import all_queries

    first = next(articles(1, seed, world=World.generate(seed))).extraction
    approval = first.approvals[0] if first.approvals else None
    by_class = {
        "Chip": approval.chip if approval else first.entities[0].key,
        "Regulator": approval.approver if approval else first.entities[0].key,
        "Organization": approval.grantees[0] if approval else first.entities[0].key,
    }
    from chipkg.ontology.vocabulary import ENT

    def entity(cls: str | None, name: str) -> URIRef:
        if name == "subject":
            return ENT[by_class["Regulator"]]
        if name == "object":
            return ENT[by_class["Organization"]]
        return ENT[by_class.get(cls or "Organization", by_class["Organization"])]

    calls: dict[str, str] = {}
    for query in all_queries():
        required: dict[str, list[Any]] = {}
        for param in query.params:
            if param.optional:
                continue
            if param.kind == "entity":
                required[param.name] = [entity(param.cls, param.name)]
            elif param.kind == "iri":
                required[param.name] = [URIRef(f"{first.article.iri}#approval-1")]
        calls[query.name] = query.bind(required)
        if any(p.name == "chip" for p in query.params):
            chip = {**required, "chip": [ENT[by_class["Chip"]]]}
            calls[f"{query.name}.chip"] = query.bind(chip)
    return calls


def _time(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": statistics.median(ordered), "p95_ms": p95, "runs": len(ordered)}


#: One benchmark call: the helper's ``chipkg ask`` name, positional and keyword arguments.
Call = tuple[str, tuple[Any, ...], dict[str, Any]]


def bench_calls(seed: int = 0) -> dict[str, Call]:
    """Return, per benchmark entry, the helper call it measures on the synthetic corpus.

    ``<helper>`` is the call ``chipkg ask <helper>`` makes with no options (the
    default page); ``<helper>[all]`` asks for every row; ``<helper>[chip]`` binds the
    first article's chip; ``evidence`` asks for one fact (the first approval's
    regulator and firm); ``timeline[entity]`` is the chip's timeline.
    """
    from chipkg.ontology.vocabulary import ENT
    from chipkg.queries.catalog import listings, takes

    first = next(articles(1, seed, world=World.generate(seed))).extraction
    approval = first.approvals[0] if first.approvals else None
    fallback = first.entities[0].key
    chip = ENT[approval.chip if approval else fallback]
    regulator = ENT[approval.approver if approval else fallback]
    firm = ENT[approval.grantees[0] if approval else fallback]
    calls: dict[str, Call] = {}
    for helper in listings():  # each paged listing: by default, whole, and for one chip
        calls[helper] = (helper, (), {})
        calls[f"{helper}[all]"] = (helper, (), {"limit": None})
        if takes(helper, "chip"):
            calls[f"{helper}[chip]"] = (helper, (), {"chip": chip})
    calls["timeline[entity]"] = ("timeline", (), {"entity": chip})
    calls["evidence"] = ("evidence", (regulator, firm), {})
    return calls


def task_queries(
    store: str,
    floor: str,
    reps: int = 20,
    seed: int = 0,
    names: list[str] | None = None,
    budget_s: float = 1e9,
) -> dict[str, Any]:
    """Time helper calls on the chipkg store and the same SPARQL on the floor store.

    Each call is run once to learn the SPARQL it runs (``RowSet.sparql``: a page
    query and its probe, or a batch of queries); a sample is that SPARQL run in turn
    on the chipkg store (``kg``) and on the floor store (``floor``), interleaved, and
    the helper call itself (``call``: with labels and Python rows; not for ``[all]``).
    Prints a ``HELPER {json}`` line as each entry finishes (with its SPARQL, for the
    rdflib step), so that the parent can stop an entry that runs past its limit and
    carry on with the next ones.
    """
    from chipkg.graph.store import open_store
    from chipkg.ontology.vocabulary import PREFIXES
    from chipkg.queries.catalog import helpers

    calls = {n: c for n, c in bench_calls(seed).items() if names is None or n in names}
    kg = open_store("oxigraph", store, read_only=True)
    floor_store: ox.Store | None = None
    rss_chipkg = 0.0
    out: dict[str, Any] = {}
    for name, (helper, args, kwargs) in calls.items():

        def call(h: str = helper, a: tuple[Any, ...] = args, k: dict[str, Any] = kwargs) -> Any:
            return helpers.get(h)(kg, *a, **k)

        result = call()  # warm-up, and the SPARQL the helper runs
        texts = list(result.sparql)
        if floor_store is None:
            rss_chipkg = peak_rss_mb()  # before the floor store is opened
            floor_store = ox.Store.read_only(floor)
        on_floor = floor_store

        def kg_run(qs: list[str] = texts) -> None:
            for q in qs:
                kg.query(q)

        def floor_run(qs: list[str] = texts, st: ox.Store = on_floor) -> None:
            for q in qs:
                list(st.query(q, prefixes=PREFIXES))

        floor_run()
        whole = "[all]" in name
        kg_ms: list[float] = []
        floor_ms: list[float] = []
        call_ms: list[float] = []
        for rep in range(reps):
            kg_ms.append(_time(kg_run))
            floor_ms.append(_time(floor_run))
            if not whole:
                call_ms.append(_time(call))
            spent = sum(kg_ms) + sum(floor_ms) + sum(call_ms)
            if (rep >= 2 or whole) and spent / 1000 > budget_s:
                break  # at least three runs (one for every row), then the time budget
        out[name] = {
            "rows": len(result),
            "queries": len(texts),
            "more": result.page.more,
            "kg": _summary(kg_ms),
            "floor": _summary(floor_ms),
            "call": _summary(call_ms) if call_ms else None,
            "sparql": texts,
        }
        out[name]["peak_rss_mb"] = rss_chipkg if len(out) == 1 else peak_rss_mb()
        sys.stdout.write(f"HELPER {json.dumps({name: out[name]})}\n")
        sys.stdout.flush()
    kg.close()
    return {"helpers": out, "peak_rss_mb": max(rss_chipkg, 0.0), "peak_rss_mb_all": peak_rss_mb()}


def task_rdflib(
    articles_count: int,
    calls_file: str,
    reps: int = 3,
    seed: int = 0,
    cap_s: float = 20.0,
) -> dict[str, Any]:
    """Time the SPARQL each helper call ran (``calls_file``) on rdflib's in-memory Dataset.

    ``calls_file`` is JSON ``{entry: [sparql, ...]}``, written from the chipkg runs
    of :func:`task_queries`, so rdflib runs exactly what the helpers ran.
    """
    from chipkg.graph.mapping import extraction_triples
    from chipkg.graph.store import open_store
    from chipkg.ontology.errors import QueryError

    calls: dict[str, list[str]] = json.loads(Path(calls_file).read_text(encoding="utf-8"))
    store = open_store("memory")
    started = time.perf_counter()
    batch: list[Any] = []
    for item in articles(articles_count, seed, world=World.generate(seed)):
        g = item.extraction.article.iri
        batch.extend((s, p, o, g) for s, p, o in extraction_triples(item.extraction))
        if len(batch) > 200_000:
            store.add_quads(batch)
            batch = []
    store.add_quads(batch)
    load_s = time.perf_counter() - started
    out: dict[str, Any] = {}

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError

    def run_all(texts: list[str]) -> None:
        for text in texts:
            store.query(text)

    signal.signal(signal.SIGALRM, stop)
    for name, texts in calls.items():
        samples: list[float] = []
        capped = False
        for _ in range(1 if "[all]" in name else reps):  # a whole listing: one run
            signal.setitimer(signal.ITIMER_REAL, cap_s)  # rdflib is Python: the alarm stops it
            try:
                samples.append(_time(lambda t=texts: run_all(t)))  # type: ignore[misc]
            except (TimeoutError, QueryError) as exc:
                if not isinstance(exc, TimeoutError) and not isinstance(
                    exc.__cause__, TimeoutError
                ):
                    raise
                samples.append(cap_s * 1000)  # a lower bound
                capped = True
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if sum(samples) > cap_s * 1000:
                break
        out[name] = {**_summary(samples), "capped": capped}
    return {"helpers": out, "load_seconds": load_s, "peak_rss_mb": peak_rss_mb()}


TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "corpus": task_corpus,
    "floor": task_floor,
    "ingest": task_ingest,
    "validate": task_validate,
    "viz": task_viz,
    "build": task_build,
    "queries": task_queries,
    "rdflib": task_rdflib,
}


def main(argv: list[str]) -> None:
    """Run one task named on the command line and print its ``RESULT`` line."""
    name, raw = argv[0], argv[1] if len(argv) > 1 else "{}"
    result = TASKS[name](**json.loads(raw))
    sys.stdout.write(_RESULT + json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
