"""Crash safety and concurrency of the real CLI: kill -9, a second writer, readers during ingest.

Every test runs ``python -m chipkg.cli`` in real processes on a real store in
``tmp_path`` over a corpus of small generated articles, and waits on conditions
with deadlines rather than sleeps.
"""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

import pytest

import chipkg
from chipkg.graph.locking import WriterLock
from chipkg.graph.mapping import extraction_triples
from chipkg.graph.snapshots import StoreLayout
from chipkg.loaders.pipeline import load
from chipkg.ontology.models import Extraction
from chipkg.ontology.vocabulary import ART_IRI
from tests.processes import Child, run_cli

ARTICLES = 1200
SMALL = 600
FIRMS = ["ByteDance", "Tencent", "Alibaba", "Baidu"]
CHIPS = ["H200", "H20", "B200"]
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
SOURCES = "SELECT ?a ?src WHERE { ?a a ckg:Article ; dcterms:source ?src }"
# Publish read snapshots often so that readers see progress within a fraction of a second,
# and write small ingest batches so that a kill lands after a few dozen articles.
FAST_SNAPSHOTS = {
    "CHIPKG_SNAPSHOT_SECONDS": "0.2",
    "CHIPKG_SNAPSHOT_OVERHEAD": "0",
    "CHIPKG_INGEST_BATCH": "16",
}


def write_corpus(directory: Path, count: int) -> Path:
    """Return ``directory`` after writing ``count`` small, distinct articles into it."""
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        rng = random.Random(i)
        a, b = rng.sample(FIRMS, 2)
        chip = rng.choice(CHIPS)
        text = (
            f"Report number {i} on chip purchases\n\nPublished: {1 + i % 28} March 2026\n\n"
            f"China's government has approved {a} and {b} to buy Nvidia's {chip} chips, "
            f"Reuters reported on day {i}. Nvidia makes the {chip}. "
            f"The buyers must also purchase domestic processors, item {i}.\n"
        )
        (directory / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a directory of generated articles, large enough to keep a writer busy."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a directory of generated articles that re-ingests in a few seconds."""
    return write_corpus(tmp_path_factory.mktemp("small"), SMALL)


def start_ingest(corpus: Path, store: Path) -> Child:
    """Return a running ``chipkg ingest`` of the corpus."""
    return Child.python(
        "chipkg.cli", "ingest", str(corpus), "--store", str(store), "-q", env=FAST_SNAPSHOTS
    )


def articles_visible(store: Path) -> int:
    """Return how many articles a reader sees in the store right now."""
    with chipkg.open(store, read_only=True) as kg:
        row = kg.query("SELECT (COUNT(?a) AS ?n) WHERE { ?a a ckg:Article }").rows[0]
    return int(row[0].toPython())  # type: ignore[union-attr]


def wait_until(condition: object, timeout: float, what: str) -> None:
    """Poll ``condition()`` every 50 ms until it is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def summary_counts(stdout: str) -> dict[str, int]:
    """Return the added/unchanged/replaced/failed counts of an ingest summary."""
    found = re.findall(r"(\d+) (added|unchanged|replaced|failed)", stdout)
    return {name: int(n) for n, name in found}


def fresh_sizes(sources: list[str]) -> dict[str, int]:
    """Return the triple count of each article graph as a fresh extraction makes it."""
    sizes = {}
    for item in load(sources):
        assert isinstance(item, Extraction), item
        sizes[str(item.article.iri)] = len(set(extraction_triples(item)))
    return sizes


@pytest.mark.slow
def test_kill_9_during_ingest_leaves_whole_articles_and_a_rerun_completes(
    tmp_path: Path, small_corpus: Path, children: list[Child]
) -> None:
    store = tmp_path / "store"
    ingest = start_ingest(small_corpus, store)
    children.append(ingest)
    wait_until(
        lambda: StoreLayout(store).pointer.exists() and articles_visible(store) >= 40,
        60,
        "the ingest to publish 40 articles",
    )
    ingest.kill()
    assert ingest.proc.returncode == -9

    # The store opens, and every article graph in it is whole: the same number of
    # triples as a fresh extraction of its source file.
    with chipkg.open(store, read_only=True) as kg:
        sources = {str(a): str(src) for a, src in kg.query(SOURCES).rows}
        stored = {str(g): int(n.toPython()) for g, n in kg.query(PER_GRAPH).rows}  # type: ignore[union-attr]
    assert 40 <= len(sources) < SMALL
    article_graphs = {g: n for g, n in stored.items() if g.startswith(ART_IRI)}
    assert set(article_graphs) == set(sources), "an article graph lacks its article record"
    assert article_graphs == fresh_sizes(sorted(sources.values()))

    validated = run_cli("validate", "--store", str(store))
    assert validated.returncode == 0, validated.stdout[-2000:] + validated.stderr
    checked = run_cli("check", "--store", str(store), "--no-shacl")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # Running the same ingest again completes it.
    again = run_cli("ingest", str(small_corpus), "--store", str(store), "-q")
    assert again.returncode == 0, again.stderr[-2000:]
    counts = summary_counts(again.stdout)
    assert counts["failed"] == 0 and counts["replaced"] == 0
    assert counts["unchanged"] == len(sources)
    assert counts["added"] + counts["unchanged"] == SMALL
    assert articles_visible(store) == SMALL


@pytest.mark.slow
def test_one_writer_at_a_time_while_readers_keep_answering(
    tmp_path: Path, corpus: Path, children: list[Child]
) -> None:
    store = tmp_path / "store"
    ingest = start_ingest(corpus, store)
    children.append(ingest)
    lock = WriterLock(StoreLayout(store).lock_file, store)
    wait_until(lambda: lock.is_locked() and lock.holder() is not None, 60, "the writer lock")
    wait_until(lambda: articles_visible(store) > 0, 60, "the first published articles")

    # A second writer is refused with one line naming the first, and changes nothing.
    second = run_cli("ingest", str(corpus / "article-00000.txt"), "--store", str(store))
    assert second.returncode != 0
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1, second.stderr
    assert re.search(rf"store .* is in use by another process \(pid {ingest.pid}\b", lines[0])

    # Readers answer meanwhile, say they read a snapshot, and see a consistent state.
    seen: list[int] = []
    notes: list[str] = []
    while ingest.proc.poll() is None and len(seen) < 3:
        stats = run_cli("stats", "--store", str(store), "--json")
        assert stats.returncode == 0, stats.stderr
        if "note:" in stats.stderr:
            assert f"pid {ingest.pid}" in stats.stderr
            notes.append(stats.stderr)
        seen.append(json.loads(stats.stdout)["articles"])
    assert seen == sorted(seen), "a later reader saw fewer articles"
    assert notes, "no reader ran while the writer did"
    checked = run_cli("check", "--store", str(store), "--no-shacl")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    query = run_cli("query", "ASK { ?a a ckg:Article }", "--store", str(store), "--format", "json")
    assert query.returncode == 0 and json.loads(query.stdout)["boolean"] is True

    assert ingest.finish(timeout=120) == 0
    counts = summary_counts("\n".join(ingest.drain()))
    after = run_cli("stats", "--store", str(store), "--json")
    assert "note:" not in after.stderr  # no writer any more: the reader sees everything
    assert json.loads(after.stdout)["articles"] == ARTICLES
    assert counts.get("failed", 0) == 0


BULK = 40  # graphs per bulk call in the bulk writer
BULK_SIZE = 150  # triples per graph
THING = "https://example.org/thing/"


@pytest.mark.slow
def test_kill_9_during_bulk_writes_keeps_whole_calls(tmp_path: Path, children: list[Child]) -> None:
    """Bulk loads (how ingest writes new articles) are all or nothing, even under kill -9."""
    store = tmp_path / "store"
    rng = random.Random(6)
    written = 0
    for _ in range(3):  # three writers on the same store, each killed while it loads
        writer = Child.python(
            "tests.graph.writer_process", str(store), "0", str(BULK_SIZE), "--bulk", str(BULK)
        )
        children.append(writer)
        writer.wait_for(f"wrote {written + 2 * BULK}", timeout=60)
        time.sleep(rng.uniform(0.0, 0.3))
        writer.kill()
        printed = max(int(line.split()[1]) for line in writer.seen if line.startswith("wrote"))
        with chipkg.open(store, read_only=True) as kg:  # no writer: reads everything committed
            sizes = {
                str(g): int(n.toPython())  # type: ignore[union-attr]
                for g, n in kg.query(PER_GRAPH).rows
                if str(g).startswith("https://example.org/article/")
            }
            merged = kg.query(
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o "
                f'FILTER(STRSTARTS(STR(?s), "{THING}")) }}'
            ).rows[0][0]
        assert set(sizes.values()) == {BULK_SIZE}, "a graph was cut short"
        assert len(sizes) % BULK == 0, "a bulk call was cut short"
        assert len(sizes) >= printed  # nothing it reported is lost
        assert int(merged.toPython()) == len(sizes) * BULK_SIZE  # type: ignore[union-attr]
        written = len(sizes)
