"""Read snapshots: readers see whole articles while a writer runs, and after it is killed."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from chipkg.graph.snapshots import StoreLayout, newest_snapshot, view_token
from chipkg.graph.store import Store, open_store
from tests.graph.writer_process import article, triples
from tests.processes import Child

WRITER = "tests.graph.writer_process"
SIZE = 40  # triples per article graph
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def graph_sizes(store: Store) -> dict[str, int]:
    """Return the number of triples in each article graph of the store."""
    return {
        str(g): int(n.toPython())  # type: ignore[union-attr]
        for g, n in store.query(PER_GRAPH).rows
        if str(g).startswith("https://example.org/article/")
    }


def numbered(layout: StoreLayout) -> list[str]:
    """Return the names of the published snapshot directories."""
    return sorted(p.name for p in layout.snapshots.iterdir() if p.name.isdigit())


def test_readers_see_whole_articles_while_a_writer_runs(
    tmp_path: Path, children: list[Child]
) -> None:
    store = tmp_path / "store"
    writer = Child.python(
        WRITER,
        str(store),
        "0",
        str(SIZE),
        env={"CHIPKG_SNAPSHOT_SECONDS": "0.05", "CHIPKG_SNAPSHOT_OVERHEAD": "0"},
    )
    children.append(writer)
    writer.wait_for("wrote 1")
    views: list[int] = []
    deadline = time.monotonic() + 20
    while len(set(views)) < 4 and time.monotonic() < deadline:
        with open_store("oxigraph", store, read_only=True) as reader:
            assert reader.notice and f"pid {writer.pid}" in reader.notice  # type: ignore[attr-defined]
            sizes = graph_sizes(reader)
        assert set(sizes.values()) <= {SIZE}, "a reader saw part of an article"
        assert not views or len(sizes) >= views[-1], "a later view lost articles"
        views.append(len(sizes))
    assert len(set(views)) >= 4, f"readers saw only {sorted(set(views))} articles"
    writer.kill()


def test_after_kill_9_every_article_is_whole_and_readers_see_them_all(
    tmp_path: Path, children: list[Child]
) -> None:
    store = tmp_path / "store"
    writer = Child.python(WRITER, str(store), "0", str(SIZE))
    children.append(writer)
    writer.wait_for("wrote 300")
    writer.kill()
    written = max(int(line.split()[1]) for line in writer.seen if line.startswith("wrote"))
    layout = StoreLayout(store)
    assert layout.pending.exists()  # the killed writer had not published its last articles
    with open_store("oxigraph", store, read_only=True) as reader:  # refreshes the snapshot
        assert reader.notice is None  # type: ignore[attr-defined]
        sizes = graph_sizes(reader)
    assert len(sizes) >= written
    assert set(sizes.values()) == {SIZE}
    assert not layout.pending.exists()
    with open_store("oxigraph", store) as again:  # and it opens for writing
        assert graph_sizes(again) == sizes
        again.replace_graph(article(10_000), triples(10_000, SIZE))
    with open_store("oxigraph", store, read_only=True) as reader:
        assert len(graph_sizes(reader)) == len(sizes) + 1


def test_a_reader_holds_its_snapshot_against_pruning(tmp_path: Path) -> None:
    store = tmp_path / "store"
    layout = StoreLayout(store)
    writer = open_store("oxigraph", store)
    try:
        writer.replace_graph(article(0), triples(0, 3))
        writer.flush()
        reader = open_store("oxigraph", store, read_only=True)
        held = newest_snapshot(layout)
        assert held is not None
        for n in range(1, 5):
            writer.replace_graph(article(n), triples(n, 3))
            writer.flush()  # publishes
        assert held.name in numbered(layout)  # kept for the reader
        assert len(reader) == 3  # which still reads its view
        reader.close()
        writer.replace_graph(article(9), triples(9, 3))
        writer.flush()
        assert held.name not in numbered(layout)
        assert len(numbered(layout)) == 2
    finally:
        writer.close()


def test_publishing_changes_the_view_token(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with open_store("oxigraph", store) as writer:
        before = view_token(store)
        writer.replace_graph(article(0), triples(0, 3))
        assert view_token(store) == before  # not yet published
        writer.flush()
        assert view_token(store) != before


def test_a_clean_close_leaves_nothing_pending(tmp_path: Path) -> None:
    store = tmp_path / "store"
    layout = StoreLayout(store)
    with open_store("oxigraph", store) as writer:
        writer.replace_graph(article(0), triples(0, 3))
        assert layout.pending.exists()
    assert not layout.pending.exists()
    published = numbered(layout)
    with open_store("oxigraph", store, read_only=True) as reader:
        assert len(reader) == 3
    assert numbered(layout) == published  # a reader of an up-to-date store publishes nothing


def test_a_cut_short_publish_is_cleaned_up(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with open_store("oxigraph", store) as writer:
        writer.replace_graph(article(0), triples(0, 3))
    leftover = StoreLayout(store).snapshots / ".tmp-000099"
    leftover.mkdir()
    (leftover / "000001.sst").write_bytes(b"half")
    with open_store("oxigraph", store) as writer:
        assert len(writer) == 3
    assert not leftover.exists()


def test_a_store_in_the_old_layout_is_read_and_migrated(tmp_path: Path) -> None:
    store = tmp_path / "store"
    legacy = ox.Store(str(store))  # the database directly in the store directory
    ex = ox.NamedNode("https://example.org/x")
    legacy.add(ox.Quad(ex, ex, ox.Literal("1"), ox.NamedNode("https://example.org/g")))
    legacy.flush()
    del legacy
    with open_store("oxigraph", store, read_only=True) as reader:
        assert len(reader) == 1
    with open_store("oxigraph", store) as writer:
        assert len(writer) == 1
        writer.replace_graph(
            URIRef("https://example.org/h"), [(URIRef(ex.value),) * 2 + (Literal(2),)]
        )  # type: ignore[list-item]
    layout = StoreLayout(store)
    assert layout.db.is_dir() and not (store / "CURRENT").exists()
    with open_store("oxigraph", store, read_only=True) as reader:
        assert len(reader) == 2


def test_reading_a_store_that_does_not_exist_gives_an_empty_view(tmp_path: Path) -> None:
    with open_store("oxigraph", tmp_path / "nothing", read_only=True) as reader:
        assert len(reader) == 0
        assert "does not exist" in (reader.notice or "")  # type: ignore[attr-defined]
    assert not (tmp_path / "nothing").exists()
